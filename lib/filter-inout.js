// FilterInOut: one open end of the filters FilterGraph.parse() adds, linked to a filter of the
// graph: `name` is the label it has in the description, `filterContext` and `padIdx` the filter
// and pad it stands for, `next` the next end. Plain JavaScript data: parse() builds FFmpeg's
// list from it each time, so it can be reused and never frees anything twice.
// See docs/filter-inout.md.
module.exports = class FilterInOut {
  name = undefined
  filterContext = null
  padIdx = 0
  next = null

  // Nothing native to free: kept for code written for the published package.
  destroy() {}

  [Symbol.dispose]() {
    this.destroy()
  }
}
