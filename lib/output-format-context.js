// OutputFormatContext: a muxer writing through an IOContext. See docs/output-format-context.md.
// Its calls go in one order: createStream() and the stream settings, writeHeader(),
// writeFrame()s, writeTrailer(); a call out of order is an Error naming what comes first.
const binding = require('../binding')
const IOContext = require('./io-context')
const OutputFormat = require('./output-format')
const Packet = require('./packet')
const Stream = require('./stream')
const Opener = require('./opener')
const { flattenOptions, keepUnused } = require('./options')
const { flattenMetadata } = require('./metadata')
const settle = require('./settle')
const { format: F } = require('./fields')
const internal = require('./internal')

const NOFILE = binding.constants.AVFMT_NOFILE // a muxer that writes only further files
const AVIO_FLAG_WRITE = 2

class OutputFormatContext {
  #handle // the native context: passed to every native call, never exposed
  #io
  #opener = null // `onopen`, and the IOContexts the muxer opened through it
  #closing // what the output's `onclose` returned, for close()
  #format
  #streams = []
  #destroyed = false

  // The options every format context has (max_delay, fflags, ...), as writeHeader() takes them;
  // a muxer's own are its OutputFormat's `options`. See docs/options.md.
  static get options() {
    return binding.optionTable('formatContext')
  }

  // new OutputFormatContext(format, io[, { onopen, url }]): `format` is an OutputFormat or its
  // name ('matroska'). Takes ownership of `io`, which must have onwrite. Muxers that write
  // further files (hls, segment) open them through `onopen(url, flags)` (an IOContext, or null
  // to refuse), or not at all; they name them after `url`, the name the output goes by.
  // With `io` null and `onopen`: a muxer that writes only further files (hls, segment, dash)
  // needs no IOContext; any other opens its output through `onopen(url, AVIO_FLAG_WRITE)` too.
  constructor(format, io, opts = {}) {
    this.#format = typeof format === 'string' ? new OutputFormat(format) : format
    if (!(this.#format instanceof OutputFormat)) {
      throw new TypeError('format must be an OutputFormat or a format name')
    }
    if (opts === null || typeof opts !== 'object') throw new TypeError('options must be an object')
    this.#opener = Opener.from(opts.onopen)
    if (io === null || io === undefined) io = this.#openMain(opts.onopen, opts.url)
    binding.outputOpen(
      (handle) => (this.#handle = handle),
      io === null ? null : IOContext[internal.handleOf](io),
      this.#format.name,
      ...Opener.hooks(this.#opener, opts.url)
    )
    if (io !== null) IOContext[internal.own](io)
    this.#io = io
  }

  // The output of a context made without an IOContext: none for a muxer that writes only further
  // files; otherwise what `onopen(url, AVIO_FLAG_WRITE)` returns.
  #openMain(onopen, url) {
    if (this.#opener === null || typeof url !== 'string') {
      throw new TypeError('io must be an IOContext (or null, with { url, onopen })')
    }
    if (this.#format.flags & NOFILE) return null
    const io = onopen(url, AVIO_FLAG_WRITE)
    if (io === null || io === undefined) throw new Error(`onopen refused the output ${url}`)
    if (!(io instanceof IOContext)) {
      throw new TypeError(`onopen must return an IOContext, or null to refuse, got ${typeof io}`)
    }
    return io
  }

  #check() {
    if (this.#destroyed) throw new Error('The OutputFormatContext has been destroyed')
  }

  get io() {
    return this.#io
  }

  get outputFormat() {
    return this.#format
  }

  get streams() {
    this.#check()
    return this.#streams
  }

  getStream(index) {
    return this.streams[index] ?? null
  }

  // The first stream of a media type (an output has no "best" one: it has what was created).
  getBestStreamIndex(type) {
    return this.streams.findIndex((stream) => stream.codecParameters.type === type)
  }

  getBestStream(type) {
    return this.getStream(this.getBestStreamIndex(type))
  }

  // Microseconds (constants.TIME_BASE units); settable before writeHeader().
  get duration() {
    return binding.formatContextGet(this.#handle, F.duration)
  }

  set duration(value) {
    binding.formatContextSet(this.#handle, F.duration, value)
  }

  createStream() {
    const index = binding.outputCreateStream(this.#handle)
    const stream = new Stream(this.#handle, index, this)
    this.#streams.push(stream)
    return stream
  }

  // options: muxer options, e.g. { movflags: 'frag_keyframe+empty_moov' } or a Dictionary. An
  // option the muxer does not know is a RangeError.
  writeHeader(options) {
    keepUnused(options, binding.outputWriteHeader(this.#handle, flattenOptions(options)))
  }

  // Writes through FFmpeg's interleaver (av_interleaved_write_frame), which takes the packet's
  // data: the packet is blank afterwards and can be reused for the next readFrame.
  writeFrame(packet) {
    binding.outputWriteFrame(this.#handle, Packet[internal.handleOf](packet))
  }

  writeTrailer() {
    binding.outputWriteTrailer(this.#handle)
  }

  // Container metadata. Assigning an object sets those entries; an entry set to null or
  // undefined is removed. Only before writeHeader().
  get metadata() {
    return binding.formatContextGetMetadata(this.#handle, -1)
  }

  set metadata(value) {
    const [pairs, removed] = flattenMetadata(value)
    binding.formatContextSetMetadata(this.#handle, -1, pairs, removed)
  }

  // Prints FFmpeg's description of the output to stderr.
  dump() {
    binding.outputDump(this.#handle)
  }

  // The same three on a worker thread, for onwrite/onseek callbacks that return Promises. Each
  // resolves once the `onclose` of the files the muxer closed meanwhile (a finished segment)
  // have settled, when they returned Promises.
  async writeHeaderAsync(options) {
    const flat = flattenOptions(options)
    const unused = await settle((done) => binding.outputWriteHeaderAsync(this.#handle, flat, done))
    keepUnused(options, unused)
    await this.#opener?.settled()
  }

  async writeFrameAsync(packet) {
    const handle = Packet[internal.handleOf](packet)
    await settle((done) => binding.outputWriteFrameAsync(this.#handle, handle, done))
    await this.#opener?.settled()
  }

  async writeTrailerAsync() {
    await settle((done) => binding.outputWriteTrailerAsync(this.#handle, done))
    await this.#opener?.settled()
  }

  // Frees the context and its IOContext (whose onclose then runs: a file it writes is closed).
  destroy() {
    if (this.#destroyed) return
    this.#destroyed = true
    binding.outputDestroy(this.#handle)
    this.#opener?.releaseAll()
    if (this.#io !== null) this.#closing = IOContext[internal.release](this.#io)
  }

  // Ours: destroy(), then wait for the Promises the `onclose` of its IOContexts returned (an
  // asynchronous sink finishing its writes); rejects with the first error.
  async close() {
    this.destroy()
    const closing = this.#closing
    this.#closing = undefined
    await Opener.closed(closing, this.#opener)
  }

  [Symbol.dispose]() {
    this.destroy()
  }

  [Symbol.for('bare.inspect')]() {
    if (this.#destroyed) return { __proto__: { constructor: OutputFormatContext }, destroyed: true }
    return {
      __proto__: { constructor: OutputFormatContext },
      outputFormat: this.#format.name,
      streams: this.#streams
    }
  }
}

module.exports = OutputFormatContext
