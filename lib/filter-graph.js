// FilterGraph: filters linked into a graph (libavfilter), frames pushed into its buffer sources
// and pulled from its buffer sinks. Its calls go in one order: createFilter()/parse() while new,
// configure(), then pushFrame()/pullFrame(). See docs/filter-graph.md.
const binding = require('../binding')
const Filter = require('./filter')
const FilterContext = require('./filter-context')
const Frame = require('./frame')
const Rational = require('./rational')
const ChannelLayout = require('./channel-layout')
const internal = require('./internal')
const batch = require('./batch')

// Names the published package's docs use for the buffer sources' arguments, and FFmpeg's.
const argumentNames = {
  pixelFormat: 'pix_fmt',
  timeBase: 'time_base',
  aspectRatio: 'pixel_aspect',
  frameRate: 'frame_rate',
  sampleRate: 'sample_rate',
  sampleFormat: 'sample_fmt',
  channelLayout: 'channel_layout'
}

module.exports = class FilterGraph {
  #handle // the native AVFilterGraph: passed to every native call, never exposed

  constructor() {
    binding.filterGraphCreate((handle) => (this.#handle = handle))
  }

  // Adds a filter of kind `filter` (a Filter or its name) named `name` to the graph; `context`
  // (a new FilterContext) then stands for it. `args`: FFmpeg's text ('video_size=1x1:pix_fmt=2')
  // or an object ({ width, height, pixelFormat, timeBase: new Rational(1, 30) }).
  createFilter(context, filter, name, args) {
    if (context === null || context === undefined) context = new FilterContext()
    FilterContext[internal.check](context)
    const index = binding.filterGraphCreateFilter(
      this.#handle,
      Filter[internal.nameOf](filter),
      name,
      argumentText(args)
    )
    FilterContext[internal.place](context, this.#handle, index)
    return context
  }

  // Adds the filters of `filterDescription` ('negate', 'scale=320:-1,format=rgba'), linking its
  // open ends: `inputs` (FilterInOut list) names the filters its outputs feed ('out' for the
  // sink), `outputs` the filters feeding its inputs ('in' for the source), as in FFmpeg's
  // avfilter_graph_parse_ptr().
  parse(filterDescription, inputs, outputs) {
    binding.filterGraphParse(
      this.#handle,
      filterDescription,
      ...this.#ends(inputs, 'inputs'),
      ...this.#ends(outputs, 'outputs')
    )
  }

  // [labels, Float64Array of (filter index, pad, labelled) triples] of a FilterInOut list.
  #ends(list, what) {
    const names = []
    const numbers = []
    const seen = new Set()
    for (let end = list; end !== null && end !== undefined; end = end.next) {
      if (seen.has(end)) throw new TypeError(`${what}: the FilterInOut list loops`)
      seen.add(end)
      // An end without a name (its label) is linked by position, as FFmpeg does.
      const named = end.name !== undefined && end.name !== null
      if (named && typeof end.name !== 'string') {
        throw new TypeError(`${what}: a FilterInOut's name must be a string`)
      }
      const [graph, index] = FilterContext[internal.where](
        end.filterContext,
        `${what}.filterContext`
      )
      if (graph !== this.#handle) {
        throw new TypeError(`${what}: the FilterContext ${end.name} is of another graph`)
      }
      names.push(named ? end.name : '')
      numbers.push(index, end.padIdx ?? 0, named ? 1 : 0)
    }
    return [names, new Float64Array(numbers)]
  }

  // Links and checks the graph and agrees on formats; frames can then go through.
  configure() {
    binding.filterGraphConfigure(this.#handle)
  }

  // Pushes `frame` into the buffer source `context`: its planes move into the graph and the
  // frame is left blank, as in FFmpeg and the published package. `null`: the end of the input
  // (flushes what filters hold back). Returns 0, or FFmpeg's negative code for a frame it
  // refused (as the published package does); a frame FFmpeg would read past throws.
  pushFrame(context, frame) {
    const [graph, index] = this.#own(context)
    return binding.filterGraphPush(
      graph,
      index,
      frame === null || frame === undefined ? null : Frame[internal.handleOf](frame)
    )
  }

  // Pulls a filtered frame from the buffer sink `context` into `frame` (made blank first).
  // Returns 0 for a frame, or FFmpeg's AVERROR(EAGAIN) (push more first) or AVERROR_EOF (no
  // more), both negative, as in the published package.
  pullFrame(context, frame) {
    const [graph, index] = this.#own(context)
    return binding.filterGraphPull(graph, index, Frame[internal.handleOf](frame))
  }

  // Runs a batch of frames (a Frame or an array; null: the end of the input) through the graph on
  // its worker thread: each is pushed into the buffer source `source` (its planes move into the
  // graph) and every frame the buffer sink `sink` has then is pulled. Resolves to those frames.
  filterAsync(source, frames, sink) {
    return batch(Frame, frames, 'frames', (handles, done) =>
      binding.filterGraphFilterAsync(
        this.#handle,
        this.#own(source)[1],
        this.#own(sink)[1],
        handles,
        done
      )
    )
  }

  #own(context) {
    const [graph, index] = FilterContext[internal.where](context)
    if (graph !== this.#handle) throw new TypeError('The FilterContext is of another graph')
    return [graph, index]
  }

  // The number of filters in the graph (with those FFmpeg inserted when configuring).
  get nbFilters() {
    return binding.filterGraphFilterCount(this.#handle)
  }

  // Frees the graph and its filters; its FilterContexts then fail with a clear error.
  destroy() {
    binding.filterGraphDestroy(this.#handle)
  }

  [Symbol.dispose]() {
    this.destroy()
  }
}

function argumentText(args) {
  if (args === null || args === undefined) return undefined
  if (typeof args === 'string') return args
  if (typeof args !== 'object') throw new TypeError('args must be a string or an object')
  const parts = []
  let size = null
  for (let [key, value] of Object.entries(args)) {
    if (value === undefined || value === null) continue
    if (key === 'width' || key === 'height') {
      size = size || {}
      size[key] = value
      continue
    }
    if (value instanceof Rational) value = `${value.numerator}/${value.denominator}`
    else if (value instanceof ChannelLayout) {
      // By mask, or by count when the order is unknown ('2c': FFmpeg's default for 2 channels).
      value = value.mask ? `0x${value.mask.toString(16)}` : `${value.nbChannels}c`
    }
    parts.push(`${argumentNames[key] || key}=${value}`)
  }
  if (size) parts.unshift(`video_size=${size.width}x${size.height}`)
  return parts.join(':')
}
