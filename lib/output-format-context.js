// OutputFormatContext: a muxer writing through an IOContext. See docs/output-format-context.md.
const binding = require('../binding')
const IOContext = require('./io-context')
const OutputFormat = require('./output-format')
const Packet = require('./packet')
const Stream = require('./stream')
const flattenOptions = require('./options')
const settle = require('./settle')

module.exports = class OutputFormatContext {
  #handle // the native format context: passed to every native call, never exposed
  #io
  #format
  #streams = []

  // new OutputFormatContext(format, io): `format` is an OutputFormat or its name ('matroska').
  // Takes ownership of `io`, which must have onwrite.
  constructor(format, io) {
    this.#format = typeof format === 'string' ? new OutputFormat(format) : format
    if (!(this.#format instanceof OutputFormat)) {
      throw new TypeError('format must be an OutputFormat or a format name')
    }
    binding.outputOpen(
      (handle) => (this.#handle = handle),
      IOContext._handleOf(io),
      this.#format.name
    )
    this.#io = io
  }

  get io() {
    return this.#io
  }

  get outputFormat() {
    return this.#format
  }

  get streams() {
    return this.#streams
  }

  getStream(index) {
    return this.#streams[index] ?? null
  }

  createStream() {
    const index = binding.formatCreateStream(this.#handle)
    const stream = new Stream(this.#handle, index, this)
    this.#streams.push(stream)
    return stream
  }

  // options: muxer options, e.g. { movflags: 'frag_keyframe+empty_moov' }. An option the muxer
  // does not know is a RangeError.
  writeHeader(options) {
    binding.formatWriteHeader(this.#handle, flattenOptions(options))
  }

  // Writes through FFmpeg's interleaver (av_interleaved_write_frame), which takes the packet's
  // data: the packet is blank afterwards and can be reused for the next readFrame.
  writeFrame(packet) {
    binding.formatWriteFrame(this.#handle, Packet._handleOf(packet))
  }

  // Container metadata; assigning an object sets (adds or replaces) those entries.
  get metadata() {
    return binding.formatGetMetadata(this.#handle, -1)
  }

  set metadata(value) {
    binding.formatSetMetadata(this.#handle, -1, flattenOptions(value, 'metadata'))
  }

  // Prints FFmpeg's description of the output to stderr.
  dump() {
    binding.formatDump(this.#handle)
  }

  // The same three on a worker thread, for onwrite/onseek callbacks that return Promises.
  async writeHeaderAsync(options) {
    const flat = flattenOptions(options)
    return settle((done) => binding.formatWriteHeaderAsync(this.#handle, flat, done))
  }

  async writeFrameAsync(packet) {
    const packetHandle = Packet._handleOf(packet)
    return settle((done) => binding.formatWriteFrameAsync(this.#handle, packetHandle, done))
  }

  async writeTrailerAsync() {
    return settle((done) => binding.formatWriteTrailerAsync(this.#handle, done))
  }

  writeTrailer() {
    binding.formatWriteTrailer(this.#handle)
  }

  destroy() {
    binding.formatDestroy(this.#handle)
  }

  [Symbol.dispose]() {
    this.destroy()
  }
}
