// InputFormatContext: a demuxer reading through an IOContext. See docs/input-format-context.md.
const binding = require('../binding')
const IOContext = require('./io-context')
const InputFormat = require('./input-format')
const Packet = require('./packet')
const Stream = require('./stream')
const flattenOptions = require('./options')
const settle = require('./settle')
const { format: F } = require('./fields')

const OPENING = Symbol('opening') // private constructor path for open()
const BATCH = 512 // packets per trip to the worker in `for await` (and at most 4 MiB)

module.exports = class InputFormatContext {
  #handle // the native format context: passed to every native call, never exposed
  #io // keeps the IOContext's callbacks alive while FFmpeg may call them
  #streams

  // new InputFormatContext(io[, { format, options }]): takes ownership of `io`, probes the
  // format (or uses `format`, a name or an InputFormat) and reads the stream information.
  // new InputFormatContext(inputFormat, options, url): the published form; FFmpeg opens `url`
  // (a path or URL) itself, with `inputFormat` (or null to probe) and `options` (a Dictionary
  // or an object).
  constructor(io, opts = {}, url) {
    if (io === OPENING) return // InputFormatContext.open() fills it in
    if (io instanceof IOContext) {
      if (opts === null || typeof opts !== 'object') {
        throw new TypeError('options must be an object')
      }
      const { format, options } = opts
      binding.inputOpen(
        (handle) => (this.#handle = handle),
        IOContext._handleOf(io),
        formatName(format),
        flattenOptions(options)
      )
      this.#io = io
    } else if (
      (io instanceof InputFormat || io === null || io === undefined) &&
      url !== undefined
    ) {
      if (typeof url !== 'string') throw new TypeError('url must be a string')
      binding.inputOpenUrl(
        (handle) => (this.#handle = handle),
        url,
        formatName(io ?? undefined),
        flattenOptions(opts)
      )
      this.#io = null
    } else {
      throw new TypeError('io must be an IOContext (or pass an InputFormat, options and a url)')
    }
    this.#listStreams()
  }

  #listStreams() {
    const count = binding.formatGet(this.#handle, F.nbStreams)
    this.#streams = Array.from({ length: count }, (_, i) => new Stream(this.#handle, i, this))
  }

  // The asynchronous constructor: probes and reads the stream information on a worker thread,
  // so I/O callbacks may return Promises and the event loop keeps running.
  static async open(io, opts = {}) {
    if (opts === null || typeof opts !== 'object') throw new TypeError('options must be an object')
    const { format, options } = opts
    const input = new InputFormatContext(OPENING)
    await settle((done) =>
      binding.inputOpenAsync(
        (handle) => (input.#handle = handle),
        IOContext._handleOf(io),
        formatName(format),
        flattenOptions(options),
        done
      )
    )
    input.#io = io
    input.#listStreams()
    return input
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
    return binding.formatBestStream(this.#handle, type)
  }

  getBestStream(type) {
    return this.getStream(this.getBestStreamIndex(type))
  }

  // Microseconds (constants.TIME_BASE units).
  get duration() {
    return binding.formatGet(this.#handle, F.duration)
  }

  get startTime() {
    return binding.formatGet(this.#handle, F.startTime)
  }

  get bitRate() {
    return binding.formatGet(this.#handle, F.bitRate)
  }

  // Container metadata (title, encoder, ...) as a plain object.
  get metadata() {
    return binding.formatGetMetadata(this.#handle, -1)
  }

  get inputFormat() {
    return new InputFormat(binding.formatInputName(this.#handle))
  }

  // Reads the next packet into `packet`. Returns false at the end of the input.
  readFrame(packet) {
    return binding.formatReadFrame(this.#handle, Packet._handleOf(packet))
  }

  // readFrame on a worker thread: resolves to true, or false at the end of the input.
  async readFrameAsync(packet) {
    const packetHandle = Packet._handleOf(packet)
    return settle((done) => binding.formatReadFrameAsync(this.#handle, packetHandle, done))
  }

  // seek on a worker thread.
  async seekAsync(streamIndex, timestamp, flags = 0) {
    return settle((done) =>
      binding.formatSeekAsync(
        this.#handle,
        streamIndex,
        -Infinity,
        timestamp,
        timestamp,
        flags,
        done
      )
    )
  }

  // `for await (const packet of input)`: every remaining packet, each a new Packet, read on the
  // worker thread in batches (one round trip per packet would cost more than the reading). A
  // plain iterator object rather than an async generator: a packet already read costs one
  // resolved Promise, not a generator's several. (Reading the next batch ahead while one is
  // consumed was measured slower here: the batch's I/O callbacks need the JavaScript thread too.)
  [Symbol.asyncIterator]() {
    const queue = []
    const receive = (handle) => queue.push(Packet._fromHandle(handle))
    let more = true
    let failure = null // reported after the packets read before it
    const fill = () =>
      settle((done) => binding.formatReadFramesAsync(this.#handle, BATCH, receive, done)).then(
        (value) => (more = value),
        (err) => (failure = err)
      )
    const next = () => {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift(), done: false })
      if (failure) {
        const err = failure
        failure = null
        more = false
        return Promise.reject(err)
      }
      if (!more) return Promise.resolve({ value: undefined, done: true })
      return fill().then(next)
    }
    return {
      next,
      return: (value) => {
        more = false
        queue.length = 0
        return Promise.resolve({ value, done: true })
      },
      [Symbol.asyncIterator]() {
        return this
      }
    }
  }

  // Seeks so that readFrame continues from the keyframe at or before `timestamp`, in the time
  // base of stream `streamIndex` (or microseconds with -1). `flags`: constants.seekFlags.
  seek(streamIndex, timestamp, flags = 0) {
    binding.formatSeek(this.#handle, streamIndex, -Infinity, timestamp, timestamp, flags)
  }

  // FFmpeg's avformat_seek_file: to a position whose timestamp is within [min, max], as close to
  // `timestamp` as the demuxer can. -Infinity / Infinity: no bound.
  seekFile(streamIndex, min, timestamp, max, flags = 0) {
    binding.formatSeek(this.#handle, streamIndex, min, timestamp, max, flags)
  }

  // Prints FFmpeg's description of the input to stderr.
  dump() {
    binding.formatDump(this.#handle)
  }

  destroy() {
    binding.formatDestroy(this.#handle)
  }

  [Symbol.dispose]() {
    this.destroy()
  }
}

function formatName(format) {
  if (format instanceof InputFormat) return format.name
  if (format === undefined || typeof format === 'string') return format
  throw new TypeError('format must be a name or an InputFormat')
}
