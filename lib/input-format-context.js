// InputFormatContext: a demuxer reading through an IOContext (or a URL FFmpeg opens itself).
// See docs/input-format-context.md.
const binding = require('../binding')
const IOContext = require('./io-context')
const InputFormat = require('./input-format')
const Packet = require('./packet')
const Stream = require('./stream')
const Opener = require('./opener')
const { flattenOptions, keepUnused } = require('./options')
const settle = require('./settle')
const { format: F } = require('./fields')
const internal = require('./internal')

const OPENING = Symbol('opening') // private constructor path for open()
// How a read's result packs the stream count and the payload's place (src/exports/input_format_context.rs).
const VIEW_STREAMS = binding.constants.BARE_FFMPEG_VIEW_STREAMS
// The url of `new InputFormatContext(inputFormat, options)`, as the published package has it.
const DEFAULT_URL =
  { darwin: '0:0', ios: '0:0', linux: '/dev/video0', win32: 'video=Integrated Camera' }[
    Bare.platform
  ] ?? ''

const BATCH = 512 // packets per trip to the worker in `for await` (and at most 4 MiB)

class InputFormatContext {
  #handle // the native context: passed to every native call, never exposed
  #io // keeps the IOContext's callbacks alive while FFmpeg may call them
  #opener = null // `onopen`, and the IOContexts FFmpeg opened through it
  #closing // what the input's `onclose` returned, for close()
  #streams
  #destroyed = false
  // Packets `for await` read ahead and has not handed out yet: they belong to the context, so a
  // `break` keeps them for the next read; a seek drops them.
  #queue = []
  // The error that ended a batch read, delivered after the packets read before it.
  #failure = null

  // new InputFormatContext(io[, { format, options, onopen, url }]): takes ownership of `io`,
  // probes the format (or uses `format`, a name or an InputFormat) and reads the stream
  // information. `url` is the name the input goes by (relative references resolve against it).
  // Nested resources the data names (a playlist's segments, a concat entry) are opened through
  // `onopen(url, flags)` (an IOContext, or null to refuse), or not at all.
  // new InputFormatContext(inputFormat, options, url[, { onopen }]): the published form; FFmpeg
  // opens `url` (a path or URL) itself, with `inputFormat` (or null to probe) and `options` (a
  // Dictionary or an object); with `onopen`, every open, `url`'s included, goes through it.
  constructor(io, opts = {}, url, extra = {}) {
    if (io === OPENING) return // InputFormatContext.open() fills it in
    if (io instanceof IOContext) {
      if (opts === null || typeof opts !== 'object') {
        throw new TypeError('options must be an object')
      }
      const { format, options, onopen, url } = opts
      const name = formatName(format)
      const flat = flattenOptions(options)
      this.#opener = Opener.from(onopen)
      const unused = this.#opening(() =>
        binding.inputOpen(
          (handle) => (this.#handle = handle),
          IOContext[internal.handleOf](io),
          name,
          flat,
          ...Opener.hooks(this.#opener, url)
        )
      )
      keepUnused(options, unused)
      IOContext[internal.own](io)
      this.#io = io
    } else if (
      io instanceof InputFormat ||
      ((io === null || io === undefined) && url !== undefined)
    ) {
      // Without a url, the published package's default device (a camera), which a lavfi
      // input given its `graph` option ignores.
      if (url === undefined) url = DEFAULT_URL
      if (typeof url !== 'string') throw new TypeError('url must be a string')
      if (extra === null || typeof extra !== 'object')
        throw new TypeError('extra must be an object')
      const name = formatName(io ?? undefined)
      const flat = flattenOptions(opts)
      this.#opener = Opener.from(extra.onopen)
      const unused = this.#opening(() =>
        binding.inputOpenUrl(
          (handle) => (this.#handle = handle),
          url,
          name,
          flat,
          ...Opener.hooks(this.#opener)
        )
      )
      keepUnused(opts, unused)
      this.#io = null
    } else {
      throw new TypeError('io must be an IOContext (or pass an InputFormat, options and a url)')
    }
    this.#listStreams()
  }

  // Runs the native open (or starts it, for a Promise); if it fails, the IOContexts `onopen`
  // handed out are released.
  #opening(open) {
    const release = (err) => {
      this.#opener?.releaseAll()
      throw err
    }
    try {
      const result = open()
      return result instanceof Promise ? result.catch(release) : result
    } catch (err) {
      release(err)
    }
  }

  #listStreams() {
    this.#streams = []
    this.#addStreams(binding.formatContextGet(this.#handle, F.nbStreams))
  }

  // Some demuxers find streams while reading (MPEG-TS, for one): a read says how many there are
  // now, and the list grows (the Stream objects already handed out stay the same).
  #addStreams(count) {
    for (let i = this.#streams.length; i < count; i++) {
      this.#streams.push(new Stream(this.#handle, i, this))
    }
    return count > 0
  }

  // The options every format context has (probesize, fflags, ...), as `options` take them; a
  // demuxer's own are its InputFormat's `options`. See docs/options.md.
  static get options() {
    return binding.optionTable('formatContext')
  }

  // The asynchronous constructor: probes and reads the stream information on a worker thread,
  // so I/O callbacks may return Promises and the event loop keeps running.
  static async open(io, opts = {}) {
    if (opts === null || typeof opts !== 'object') throw new TypeError('options must be an object')
    const { format, options, onopen, url } = opts
    const ioHandle = IOContext[internal.handleOf](io)
    const name = formatName(format)
    const flat = flattenOptions(options)
    const input = new InputFormatContext(OPENING)
    const opener = (input.#opener = Opener.from(onopen))
    const unused = await input.#opening(() =>
      settle((done) =>
        binding.inputOpenAsync(ioHandle, name, flat, done, ...Opener.hooks(opener, url))
      )
    )
    input.#handle = unused.handle
    keepUnused(options, unused)
    IOContext[internal.own](io)
    input.#io = io
    input.#listStreams()
    return input
  }

  #check() {
    if (this.#destroyed) throw new Error('The InputFormatContext has been destroyed')
  }

  get io() {
    return this.#io
  }

  get streams() {
    this.#check()
    return this.#streams
  }

  getStream(index) {
    return this.streams[index] ?? null
  }

  getBestStreamIndex(type) {
    return binding.inputBestStream(this.#handle, type)
  }

  getBestStream(type) {
    return this.getStream(this.getBestStreamIndex(type))
  }

  // Microseconds (constants.TIME_BASE units).
  get duration() {
    return binding.formatContextGet(this.#handle, F.duration)
  }

  set duration(value) {
    binding.formatContextSet(this.#handle, F.duration, value)
  }

  get startTime() {
    return binding.formatContextGet(this.#handle, F.startTime)
  }

  get bitRate() {
    return binding.formatContextGet(this.#handle, F.bitRate)
  }

  // Container metadata (title, encoder, ...) as a plain object.
  get metadata() {
    return binding.formatContextGetMetadata(this.#handle, -1)
  }

  get inputFormat() {
    return new InputFormat(binding.inputFormatName(this.#handle))
  }

  // Reads the next packet into `packet`; false at the end of the input. Packets a `for await`
  // read ahead come first; then the error that stopped it, if any.
  readFrame(packet) {
    const handle = Packet[internal.handleOf](packet)
    if (this.#takeQueued(handle)) return true
    this.#throwFailure()
    const slab = Packet[internal.slabFor](packet)
    let result = binding.inputReadFrame(this.#handle, handle, slab)
    // The fast path (a V8 fast call from optimized code, for inputs whose reads run no
    // JavaScript) cannot throw: NaN means it did nothing, -Infinity that the read failed.
    if (Number.isNaN(result)) result = binding.inputReadFrameSlow(this.#handle, handle, slab)
    else if (result === -Infinity) binding.inputReadFailure(this.#handle)
    if (result >= 0) return this.#addStreams(result)
    // The payload was placed in `slab` (see Packet's `data`): where, and the streams.
    const code = -result - 1
    Packet[internal.placed](packet, slab, Math.floor(code / VIEW_STREAMS))
    return this.#addStreams(code % VIEW_STREAMS)
  }

  // readFrame on a worker thread: resolves to true, or false at the end of the input.
  async readFrameAsync(packet) {
    const handle = Packet[internal.handleOf](packet)
    if (this.#takeQueued(handle)) return true
    this.#throwFailure()
    const streams = await settle((done) => binding.inputReadFrameAsync(this.#handle, handle, done))
    return this.#addStreams(streams)
  }

  #takeQueued(handle) {
    if (this.#queue.length === 0) return false
    const next = this.#queue.shift()
    binding.packetMove(handle, Packet[internal.handleOf](next))
    next.destroy()
    return true
  }

  #throwFailure() {
    if (this.#failure === null) return
    const failure = this.#failure
    this.#failure = null
    throw failure
  }

  // Drops what `for await` read ahead (a seek makes it stale).
  #discard() {
    for (const packet of this.#queue) packet.destroy()
    this.#queue.length = 0
    this.#failure = null
  }

  // Seeks so that reading continues from the keyframe at or before `timestamp`, in the time base
  // of stream `streamIndex` (or microseconds with -1). `flags`: constants.seekFlags.
  seek(streamIndex, timestamp, flags = 0) {
    this.seekFile(streamIndex, -Infinity, timestamp, timestamp, flags)
  }

  // FFmpeg's avformat_seek_file: to a position whose timestamp is within [min, max], as close to
  // `timestamp` as the demuxer can. -Infinity / Infinity: no bound.
  seekFile(streamIndex, min, timestamp, max, flags = 0) {
    this.#check()
    this.#discard()
    binding.inputSeek(this.#handle, streamIndex, min, timestamp, max, flags)
  }

  // seek on a worker thread.
  async seekAsync(streamIndex, timestamp, flags = 0) {
    this.#check()
    this.#discard()
    return settle((done) =>
      binding.inputSeekAsync(
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
  // worker thread in batches (one round trip per packet would cost more than the reading). What
  // a batch read ahead stays with the context: a `break` leaves it for the next read, a seek
  // drops it, a failure comes after the packets read before it, `destroy()` ends the loop.
  [Symbol.asyncIterator]() {
    const next = async () => {
      if (this.#destroyed) return { value: undefined, done: true }
      if (this.#queue.length > 0) return { value: this.#queue.shift(), done: false }
      this.#throwFailure()
      let batch
      try {
        batch = await settle((done) => binding.inputReadBatchAsync(this.#handle, BATCH, done))
      } catch (err) {
        if (this.#destroyed) return { value: undefined, done: true }
        throw err
      }
      if (this.#destroyed) return { value: undefined, done: true }
      this.#addStreams(batch.streams)
      for (const handle of batch.handles) this.#queue.push(Packet[internal.fromHandle](handle))
      if (batch.error !== undefined) this.#failure = batch.error
      if (this.#queue.length === 0 && this.#failure === null)
        return { value: undefined, done: true }
      return next()
    }
    return {
      next,
      return: async (value) => ({ value, done: true }),
      [Symbol.asyncIterator]() {
        return this
      }
    }
  }

  // Prints FFmpeg's description of the input to stderr.
  dump() {
    binding.inputDump(this.#handle)
  }

  // Frees the context and its IOContext (whose onclose then runs: a file it reads is closed).
  destroy() {
    this.#destroyed = true
    this.#discard()
    binding.inputDestroy(this.#handle)
    this.#opener?.releaseAll()
    if (this.#io) this.#closing = IOContext[internal.release](this.#io)
  }

  // Ours: destroy(), then wait for the Promises the `onclose` of its IOContexts returned;
  // rejects with the first error.
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
    if (this.#destroyed) return { __proto__: { constructor: InputFormatContext }, destroyed: true }
    return {
      __proto__: { constructor: InputFormatContext },
      inputFormat: this.inputFormat.name,
      duration: this.duration,
      streams: this.#streams
    }
  }
}

function formatName(format) {
  if (format instanceof InputFormat) return format.name
  if (format === undefined || typeof format === 'string') return format
  throw new TypeError('format must be a name or an InputFormat')
}

module.exports = InputFormatContext
