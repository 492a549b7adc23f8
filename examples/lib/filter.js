// A filter graph from a buffer source through a filter string to a buffer sink, built the way
// the published package's examples build it. Used by the negate and volume examples.
const { FilterGraph, FilterContext, FilterInOut, Filter } = require('../..')

// `source`: 'buffer' (video) or 'abuffer' (audio) with its arguments; returns the graph and the
// contexts frames are pushed into and pulled from.
module.exports = function filterGraph(description, source, sourceArgs) {
  const graph = new FilterGraph()
  const input = new FilterContext()
  const output = new FilterContext()
  graph.createFilter(input, new Filter(source), 'in', sourceArgs)
  graph.createFilter(output, new Filter(source === 'buffer' ? 'buffersink' : 'abuffersink'), 'out')
  const inputs = new FilterInOut() // where the description's output goes: the sink
  inputs.name = 'out'
  inputs.filterContext = output
  const outputs = new FilterInOut() // what feeds the description's input: the source
  outputs.name = 'in'
  outputs.filterContext = input
  graph.parse(description, inputs, outputs)
  graph.configure()
  return { graph, input, output }
}
