// FilterContext: one filter in a FilterGraph, made by graph.createFilter(). It belongs to its
// graph: it stays usable while the graph lives and fails clearly after graph.destroy().
// See docs/filter-context.md.
const binding = require('../binding')
const optionMethods = require('./option-methods')
const { optionFlags } = require('./constants')
const internal = require('./internal')

const FilterContext = (module.exports = class FilterContext {
  #graph = null // the graph's native handle, once createFilter() has placed the filter
  #index = -1 // its index in the graph

  get name() {
    return this.#describe()[0]
  }

  // The filter it is an instance of ('buffer', 'negate').
  get filter() {
    return this.#describe()[1]
  }

  #describe() {
    return binding.filterGraphDescribeFilter(...this.#at())
  }

  #at() {
    if (this.#graph === null) {
      throw new Error('The FilterContext is not in a graph yet: pass it to graph.createFilter()')
    }
    return [this.#graph, this.#index]
  }

  // An option's value as a string, or null if there is no such option.
  getOption(name, flags = optionFlags.SEARCH_CHILDREN) {
    return binding.filterGetOption(...this.#at(), name, flags)
  }

  // Sets an option (until the graph is configured); an unknown name is a RangeError.
  setOption(name, value, flags = optionFlags.SEARCH_CHILDREN) {
    binding.filterSetOption(...this.#at(), name, String(value), flags)
  }

  setOptionDictionary(dictionary, flags = optionFlags.SEARCH_CHILDREN) {
    optionMethods.setOptionDictionary(this, dictionary, flags)
  }

  setOptionDefaults() {
    binding.filterSetOptionDefaults(...this.#at())
  }

  listOptionNames(flags = optionFlags.SEARCH_CHILDREN) {
    return binding.filterOptionNames(...this.#at(), flags)
  }

  getOptions(flags = optionFlags.SEARCH_CHILDREN) {
    return optionMethods.getOptions(this, flags)
  }

  // Called by FilterGraph: the context now stands for filter `index` of the graph `handle`.
  static [internal.place](context, handle, index) {
    FilterContext[internal.check](context)
    if (context.#graph !== null) {
      throw new Error('The FilterContext already stands for a filter; use a new one')
    }
    context.#graph = handle
    context.#index = index
  }

  // [graph handle, index] of a placed context.
  static [internal.where](context, name = 'context') {
    FilterContext[internal.check](context, name)
    return context.#at()
  }

  static [internal.check](context, name = 'context') {
    if (typeof context !== 'object' || context === null || !(#graph in context)) {
      throw new TypeError(`${name} must be a FilterContext`)
    }
  }
})
