// InputFormatContext: a demuxer reading through an IOContext. See docs/input-format-context.md.
const binding = require('../binding')
const IOContext = require('./io-context')
const InputFormat = require('./input-format')
const Packet = require('./packet')
const Stream = require('./stream')
const flattenOptions = require('./options')
const { format: F } = require('./fields')

// The AVFormatContext is owned by the object itself (js_wrap): native calls take `this`.
module.exports = class InputFormatContext {
  #io // keeps the IOContext's callbacks alive while FFmpeg may call them
  #streams

  // new InputFormatContext(io[, { format, options }]): takes ownership of `io`, probes the
  // format (or uses `format`, a name or an InputFormat) and reads the stream information.
  constructor(io, opts = {}) {
    if (io instanceof InputFormat) {
      throw new TypeError(
        'Opening capture devices is not supported: pass an IOContext (and { format } to force a demuxer)'
      )
    }
    if (!(io instanceof IOContext)) throw new TypeError('io must be an IOContext')
    if (opts === null || typeof opts !== 'object') throw new TypeError('options must be an object')
    let { format, options } = opts
    if (format instanceof InputFormat) format = format.name
    if (format !== undefined && typeof format !== 'string') {
      throw new TypeError('format must be a name or an InputFormat')
    }
    binding.inputOpen(this, io, format, flattenOptions(options))
    this.#io = io
    const count = binding.formatGet(this, F.nbStreams)
    this.#streams = Array.from({ length: count }, (_, i) => new Stream(this, i))
  }

  get io() {
    return this.#io
  }

  get streams() {
    return this.#streams
  }

  getStream(index) {
    return this.#streams[index] ?? null
  }

  getBestStreamIndex(type) {
    return binding.formatBestStream(this, type)
  }

  getBestStream(type) {
    return this.getStream(this.getBestStreamIndex(type))
  }

  // Microseconds (constants.TIME_BASE units).
  get duration() {
    return binding.formatGet(this, F.duration)
  }

  get startTime() {
    return binding.formatGet(this, F.startTime)
  }

  get bitRate() {
    return binding.formatGet(this, F.bitRate)
  }

  get inputFormat() {
    return new InputFormat(binding.formatInputName(this))
  }

  // Reads the next packet into `packet`. Returns false at the end of the input.
  readFrame(packet) {
    if (!(packet instanceof Packet)) throw new TypeError('packet must be a Packet')
    return binding.formatReadFrame(this, packet)
  }

  destroy() {
    binding.formatDestroy(this)
  }

  [Symbol.dispose]() {
    this.destroy()
  }
}
