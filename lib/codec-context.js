// CodecContext: a decoder or an encoder at work (an AVCodecContext). See docs/codec-context.md.
// Its calls go in one order: settings, open(), then sendPacket()/receiveFrame() (decoding) or
// sendFrame()/receivePacket() (encoding), then the flush (a send with nothing) and the last
// receives; a call out of order is an Error naming what comes first.
const binding = require('../binding')
const Rational = require('./rational')
const ChannelLayout = require('./channel-layout')
const Frame = require('./frame')
const Packet = require('./packet')
const Subtitle = require('./subtitle')
const { flattenOptions, keepUnused } = require('./options')
const settle = require('./settle')
const FFmpegError = require('./errors')
const HWDeviceContext = require('./hw-device-context')
const { codecContext: F, codecContextRational: R, defineFields } = require('./fields')
const optionMethods = require('./option-methods')
const internal = require('./internal')
const {
  codecConfig,
  optionFlags,
  pixelFormats,
  sampleFormats,
  colorRange,
  colorSpace
} = require('./constants')

const layoutOut = new Float64Array(2) // [mask, nbChannels] from the native side, reused

const CodecContext = (module.exports = class CodecContext {
  #handle // the native AVCodecContext: passed to every native call, never exposed
  #codec // the Decoder or Encoder it was made with
  #streamIndex = -1 // for stream.decoder(): the stream frames() decodes
  #hwDevice = null // the HWDeviceContext it decodes or encodes on
  #getFormat = null // the getFormat callback, held here (the native side holds it weakly)

  // new CodecContext(codec): `codec` is a Decoder or an Encoder (Codec.H264.decoder,
  // new Decoder('libdav1d'), new Encoder('libvpx')).
  constructor(codec) {
    const spec = codec?._spec
    if (spec === undefined) throw new TypeError('codec must be a Decoder or an Encoder')
    binding.codecContextCreate((handle) => (this.#handle = handle), spec.codec, spec.encoder)
    this.#codec = codec
  }

  get codec() {
    return this.#codec
  }

  _get(field) {
    return binding.codecContextGet(this.#handle, field)
  }

  _set(field, value) {
    binding.codecContextSet(this.#handle, field, value)
  }

  _getRational(field) {
    binding.codecContextGetRational(this.#handle, field, Rational[internal.out])
    return Rational[internal.fromOut]()
  }

  _setRational(field, value, name) {
    Rational[internal.check](value, name)
    binding.codecContextSetRational(this.#handle, field, value.numerator, value.denominator)
  }

  get channelLayout() {
    binding.codecContextGetChannelLayout(this.#handle, layoutOut)
    return new ChannelLayout(layoutOut[0], layoutOut[1])
  }

  set channelLayout(value) {
    const layout = ChannelLayout.from(value)
    binding.codecContextSetChannelLayout(this.#handle, layout.mask, layout.nbChannels)
  }

  // The codec's extra data (a copy): what a decoder needs before the first packet (it comes
  // with the stream's codec parameters), or an encoder's global headers once open.
  get extraData() {
    return Buffer.from(binding.codecContextGetExtraData(this.#handle))
  }

  // The ASS header of text subtitles (styles, play resolution): what a text subtitle decoder
  // makes once open, and what a text subtitle encoder reads (set before open(); without one an
  // encoder gets FFmpeg's default). null when there is none.
  get subtitleHeader() {
    return binding.codecContextGetSubtitleHeader(this.#handle)
  }

  set subtitleHeader(value) {
    if (typeof value !== 'string') throw new TypeError('subtitleHeader must be a string')
    binding.codecContextSetSubtitleHeader(this.#handle, value)
  }

  set extraData(value) {
    if (!ArrayBuffer.isView(value)) throw new TypeError('extraData must be a Buffer')
    binding.codecContextSetExtraData(this.#handle, value)
  }

  // getFormat = (context, pixelFormats) => format: chooses the decoder's pixel format among
  // those it offers (before open()). It runs on the JavaScript thread, during open(),
  // sendPacket() or receiveFrame(): the decoder then uses slice threads only, and decodeAsync()
  // and frames() are refused. An exception it throws comes out of the call it ran in.
  set getFormat(callback) {
    if (typeof callback !== 'function') throw new TypeError('getFormat must be a function')
    const wrap = (pixelFormats) => callback(this, pixelFormats)
    binding.codecContextSetGetFormat(this.#handle, wrap)
    this.#getFormat = { callback, wrap }
  }

  get getFormat() {
    return this.#getFormat?.callback ?? null
  }

  // The HWDeviceContext to decode or encode on (set before open()), or null.
  get hwDeviceCtx() {
    return this.#hwDevice
  }

  set hwDeviceCtx(device) {
    binding.codecContextSetHwDevice(this.#handle, HWDeviceContext[internal.handleOf](device))
    this.#hwDevice = device
  }

  get isOpen() {
    return binding.codecContextIsOpen(this.#handle)
  }

  // Opens the codec; `options` (an object or a Dictionary) are codec options such as
  // { threads: 'auto' } or { crf: '30' }. A Dictionary keeps the options the codec did not use
  // (see Dictionary). Settings are fixed from here on. Open already: nothing to do.
  open(options) {
    keepUnused(options, binding.codecContextOpen(this.#handle, flattenOptions(options)))
  }

  // Decoding: sends a packet (nothing, or null: the flush); false when the decoder wants its
  // frames received first.
  sendPacket(packet) {
    if (packet === undefined || packet === null) {
      return binding.codecContextSendPacket(this.#handle, undefined)
    }
    return binding.codecContextSendPacket(this.#handle, Packet[internal.handleOf](packet))
  }

  // Decoding: the next frame into `frame`; false when none is ready (send more, or all done).
  receiveFrame(frame) {
    return binding.codecContextReceiveFrame(this.#handle, Frame[internal.handleOf](frame))
  }

  // Encoding: sends a frame (nothing, or null: the flush); false when the encoder wants its
  // packets received first.
  sendFrame(frame) {
    if (frame === undefined || frame === null) {
      return binding.codecContextSendFrame(this.#handle, undefined)
    }
    return binding.codecContextSendFrame(this.#handle, Frame[internal.handleOf](frame))
  }

  // Encoding: the next packet into `packet`; false when none is ready.
  receivePacket(packet) {
    return binding.codecContextReceivePacket(this.#handle, Packet[internal.handleOf](packet))
  }

  // Subtitles (their decoders and encoders take these instead of sendPacket()/receiveFrame()
  // and sendFrame()/receivePacket()). Decoding: the Subtitle `packet` makes, or null (nothing
  // yet, or nothing to show); no packet: the flush, for decoders that hold one back.
  decodeSubtitle(packet) {
    const made = binding.codecContextDecodeSubtitle(
      this.#handle,
      packet === undefined || packet === null ? null : Packet[internal.handleOf](packet)
    )
    return made === null ? null : Subtitle[internal.fromHandle](made)
  }

  // Encoding: `subtitle` (a Subtitle, or what new Subtitle() takes) into `packet`, with its pts,
  // dts and duration in this context's time base (when the subtitle's pts is known). Text
  // encoders (srt, webvtt, ass, mov_text) read the rectangles' ASS events; bitmap encoders
  // (dvbsub, dvdsub) their bitmaps.
  encodeSubtitle(subtitle, packet) {
    const flat = Subtitle[internal.flatten](subtitle)
    binding.codecContextEncodeSubtitle(this.#handle, flat, Packet[internal.handleOf](packet))
    const [, , duration, pts] = flat
    const timeBase = this.timeBase
    packet.timeBase = timeBase
    if (pts !== -(2 ** 63)) {
      packet.pts = packet.dts = Rational.rescaleQ(pts, new Rational(1, 1000000), timeBase)
      packet.duration = Rational.rescaleQ(duration, new Rational(1, 1000), timeBase)
    }
  }

  // The values the codec supports for a `constants.codecConfig` setting: an Int32Array (pixel
  // and sample formats, sample rates, colour ranges and spaces), Rationals (frame rates) or
  // ChannelLayouts; null when it takes any value. A setting that does not apply to the codec
  // (pixel formats of an audio codec) is an FFmpegError.
  getSupportedConfig(config) {
    const { kind, values } = binding.codecContextSupported(this.#handle, config)
    if (kind === 'any') return anyValue(config)
    if (kind === 'ints') return Int32Array.from(values)
    const pairs = []
    for (let i = 0; i < values.length; i += 2) {
      pairs.push(
        kind === 'rationals'
          ? new Rational(values[i], values[i + 1])
          : new ChannelLayout(values[i], values[i + 1])
      )
    }
    return pairs
  }

  // A codec option's value as a string (`threads`, `crf`, ...), or null if there is no such
  // option. `flags`: constants.optionFlags (SEARCH_CHILDREN, the default, includes the codec's
  // own options).
  getOption(name, flags = optionFlags.SEARCH_CHILDREN) {
    return binding.codecContextGetOption(this.#handle, name, flags)
  }

  // Sets a codec option before open(); an unknown name is a RangeError.
  setOption(name, value, flags = optionFlags.SEARCH_CHILDREN) {
    binding.codecContextSetOption(this.#handle, name, String(value), flags)
  }

  // Sets every option of a Dictionary (or a plain object).
  setOptionDictionary(dictionary, flags = optionFlags.SEARCH_CHILDREN) {
    optionMethods.setOptionDictionary(this, dictionary, flags)
  }

  setOptionDefaults() {
    binding.codecContextSetOptionDefaults(this.#handle)
  }

  listOptionNames(flags = optionFlags.SEARCH_CHILDREN) {
    return binding.codecContextOptionNames(this.#handle, flags)
  }

  // Every option's value, as strings (options that have no text form are left out).
  getOptions(flags = optionFlags.SEARCH_CHILDREN) {
    return optionMethods.getOptions(this, flags)
  }

  copyOptionsFrom(context) {
    binding.codecContextCopyOptions(this.#handle, CodecContext[internal.handleOf](context))
  }

  // Decoding on the context's worker thread: sends `packet` (nothing: the flush) and resolves to
  // every frame it gave, each a new Frame (yours to keep or destroy). The event loop keeps
  // running meanwhile; the packet and the context are busy until it settles. When FFmpeg
  // reports an error, it rejects with it, and the frames decoded around it are its `frames`.
  async decodeAsync(packet) {
    const handle =
      packet === undefined || packet === null ? undefined : Packet[internal.handleOf](packet)
    const handles = await settle((done) =>
      binding.codecContextDecodeAsync(this.#handle, handle, done)
    )
    const frames = handles.map((h) => Frame[internal.fromHandle](h))
    if (handles.error) throw Object.assign(handles.error, { frames })
    return frames
  }

  // Encoding on the context's worker thread: sends `frame` (nothing: the flush) and resolves to
  // every packet it gave, each a new Packet (on an error: the error's `packets`).
  async encodeAsync(frame) {
    const handle =
      frame === undefined || frame === null ? undefined : Frame[internal.handleOf](frame)
    const handles = await settle((done) =>
      binding.codecContextEncodeAsync(this.#handle, handle, done)
    )
    const packets = handles.map((h) => Packet[internal.fromHandle](h))
    if (handles.error) throw Object.assign(handles.error, { packets })
    return packets
  }

  // Every frame of a stream of `input`, demuxed and decoded off the JavaScript thread (the
  // input's worker reads packets in batches, this context's worker decodes them), ending with
  // the flush. For a decoder made by stream.decoder(), the stream is that one; otherwise pass
  // { stream: index }. A packet that does not decode costs its own frames only, as in `ffmpeg`:
  // its error (an FFmpegError with FFmpeg's log lines) goes to `onerror(err)`, and the frames go
  // on; without `onerror` it is written to FFmpeg's log. To stop, throw from `onerror`.
  async *frames(input, { stream = this.#streamIndex, onerror = warn } = {}) {
    if (!Number.isInteger(stream) || stream < 0) {
      throw new TypeError('frames() needs the stream: use stream.decoder(), or pass { stream }')
    }
    if (typeof onerror !== 'function') throw new TypeError('onerror must be a function')
    const decode = async (packet) => {
      try {
        return await this.decodeAsync(packet)
      } catch (err) {
        if (!(err instanceof FFmpegError) || !err.frames) throw err
        try {
          onerror(err)
        } catch (stop) {
          for (const frame of err.frames) frame.destroy()
          throw stop
        }
        return err.frames
      }
    }
    for await (const packet of input) {
      try {
        if (packet.streamIndex !== stream) continue
        yield* await decode(packet)
      } finally {
        packet.destroy()
      }
    }
    yield* await decode()
  }

  destroy() {
    binding.codecContextDestroy(this.#handle)
  }

  [Symbol.dispose]() {
    this.destroy()
  }

  [Symbol.for('bare.inspect')]() {
    return {
      __proto__: { constructor: CodecContext },
      codec: this.#codec,
      open: this.isOpen,
      width: this.width,
      height: this.height,
      pixelFormat: this.pixelFormat,
      sampleRate: this.sampleRate,
      sampleFormat: this.sampleFormat,
      timeBase: this.timeBase
    }
  }

  // For stream.decoder(): packets of other streams are refused.
  _forStream(index) {
    this.#streamIndex = index
    return this
  }

  // The options every codec context has (b, g, threads, flags, ...), as setOption() and open()
  // take them; an encoder's or decoder's own are its `options`. See docs/options.md.
  static get options() {
    return binding.optionTable('codecContext')
  }

  static [internal.handleOf](context, name = 'context') {
    if (typeof context !== 'object' || context === null || !(#handle in context)) {
      throw new TypeError(`${name} must be a CodecContext`)
    }
    return context.#handle
  }
})

// What getSupportedConfig() gives for a setting the codec does not restrict: every value for
// the enumerated ones, null for rates and layouts (as the published package).
function anyValue(config) {
  const all = (group) =>
    Int32Array.from(
      new Set(Object.entries(group).flatMap(([name, v]) => (name === 'NB' || v < 0 ? [] : [v])))
    ).sort()
  switch (config) {
    case codecConfig.PIX_FORMAT:
      return all(pixelFormats)
    case codecConfig.SAMPLE_FORMAT:
      return all(sampleFormats)
    case codecConfig.COLOR_RANGE:
      return all(colorRange)
    case codecConfig.COLOR_SPACE:
      return all(colorSpace)
    default:
      return null
  }
}

defineFields(CodecContext, F, '_get', '_set')
defineFields(CodecContext, R, '_getRational', '_setRational')

// What frames() does with a packet that did not decode when no `onerror` is given: the error in
// FFmpeg's log (printed at log.level WARNING and above), and on to the next packet.
function warn(err) {
  binding.logWarning(err.message)
}
