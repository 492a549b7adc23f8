// HWFramesConstraints: what frames a hardware device can hold (formats, sizes), as plain values.
// See docs/hw-frames-constraints.md.
module.exports = class HWFramesConstraints {
  constructor({
    validSwFormats = [],
    validHwFormats = [],
    minWidth = 0,
    maxWidth = 0,
    minHeight = 0,
    maxHeight = 0
  } = {}) {
    Object.assign(this, {
      validSwFormats,
      validHwFormats,
      minWidth,
      maxWidth,
      minHeight,
      maxHeight
    })
  }

  // Nothing native to free: kept for code written for the published package.
  destroy() {}

  [Symbol.dispose]() {
    this.destroy()
  }
}
