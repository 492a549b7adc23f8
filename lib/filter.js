// Filter: one of FFmpeg's filters by name ('buffer', 'negate', 'volume'). See docs/filter.md.
const binding = require('../binding')
const internal = require('./internal')

module.exports = class Filter {
  #name

  constructor(name) {
    if (typeof name !== 'string') throw new TypeError('The filter name must be a string')
    if (!binding.filterExists(name)) {
      throw new Error(`No filter named ${JSON.stringify(name)} in this build`)
    }
    this.#name = name
  }

  get name() {
    return this.#name
  }

  // The filter's own options (volume's volume, precision, ...). See docs/options.md.
  get options() {
    return binding.optionTable('filter', this.#name)
  }

  // The name of `filter` (a Filter or a name).
  static [internal.nameOf](filter) {
    if (typeof filter === 'string') return filter
    if (typeof filter === 'object' && filter !== null && #name in filter) return filter.#name
    throw new TypeError('filter must be a Filter or a filter name')
  }
}
