// VideoEncoder: the WebCodecs video encoder over FFmpeg's (see codec-base.js and encoder.js for
// the states and the queue, docs/webcodecs.md): VP8 (libvpx), VP9 (libvpx-vp9), AV1 (SVT-AV1),
// H.264 (OpenH264) and HEVC (Kvazaar), each length-prefixed with a record (`avc: { format: 'avc' }`,
// `hevc: { format: 'hevc' }`, the defaults) or in Annex B ('annexb').
const DOMException = require('./dom-exception')
const WebCodecsEncoder = require('./encoder')
const EncodedVideoChunk = require('./encoded-video-chunk')
const VideoFrame = require('./video-frame')
const { hooks, planesOf } = require('./internal')
const { fromPlanes, scaled } = require('./native-frame')
const annexB = require('./annex-b')
const hvcc = require('./hvcc')
const { isDescribed, setColorSpace } = require('./color-names')
const { checkCommon, copy, openCodec } = require('./config')
const Encoder = require('../encoder')
const Rational = require('../rational')
const { toPixelFormat, codecFlags, pictureTypes } = require('../constants')

const MICROSECONDS = new Rational(1, 1000000)

const ENCODERS = [
  [/^vp8$/, 'libvpx'],
  [/^vp09\.\d{2}\.\d{2}\.\d{2}(\.\d{2}){0,5}$/, 'libvpx-vp9'],
  [/^av01\.\d\.\d{2}[MH]\.\d{2}(\.\d(\.\d{3}(\.\d{2}){0,3})?)?$/, 'libsvtav1'],
  [/^avc[13]\.[0-9A-Fa-f]{6}$/, 'libopenh264'],
  [
    /^(hev1|hvc1)\.[AaBbCc]?\d{1,2}\.[0-9A-Fa-f]{1,8}\.[LH]\d{1,3}(\.[0-9A-Fa-f]{1,2}){0,6}$/,
    'libkvazaar'
  ]
]

// Chunks have no decode timestamps: the encoders must not reorder frames (as Chromium's do not),
// so that each chunk's timestamp follows the one before and a muxer can take them as they come.
// (SVT-AV1's low-delay structure takes a bitrate as constant only: rc=2.)
const IN_ORDER = {
  libsvtav1: (config) => ({
    'svtav1-params': config.bitrate ? 'pred-struct=1:rc=2' : 'pred-struct=1'
  }),
  libkvazaar: () => ({ 'kvazaar-params': 'gop=0' }) // no hierarchical GOP
}

// What bitrateMode 'constant' asks: libvpx takes minrate = maxrate = bitrate as CBR, OpenH264
// its bitrate mode (SVT-AV1 is constant already, see IN_ORDER).
function constantRate(name, bitrate) {
  const rate = String(Math.trunc(bitrate))
  if (name === 'libopenh264') return { rc_mode: 'bitrate' }
  if (name.startsWith('libvpx')) return { minrate: rate, maxrate: rate }
  return {}
}

// What latencyMode 'realtime' asks of each encoder (its own options).
const REALTIME = {
  libvpx: { deadline: 'realtime', 'cpu-used': '8', 'lag-in-frames': '0' },
  'libvpx-vp9': { deadline: 'realtime', 'cpu-used': '8', 'lag-in-frames': '0' },
  libsvtav1: { preset: '12' }
}

// Temporal layers (scalabilityMode): libvpx's own patterns through FFmpeg's ts-parameters
// (ts_layering_mode 2 and 3: a frame of an upper layer references only lower layers' and updates
// no reference), with error resilience, so that no frame's probability contexts carry into the
// next: without it, dropping the upper layer changed the lower layers' pictures (checked with
// ffmpeg's own libvpx; test/webcodecs.js checks ours). `ids` is FFmpeg's pattern of layer ids,
// which starts again at each key frame asked for; `shares` each layer's part of the bitrate
// (libvpx's examples'). Only libvpx (VP8, VP9) takes layers here: FFmpeg's wrappers of SVT-AV1,
// OpenH264 and Kvazaar have no way to ask for them.
const TEMPORAL = {
  L1T1: { ids: [0] },
  L1T2: { mode: 2, ids: [0, 1], shares: [0.6, 1] },
  L1T3: { mode: 3, ids: [0, 2, 1, 2], shares: [0.4, 0.6, 1] }
}

// libvpx's options for `layers`, at `bitrate` (bits a second; libvpx's default target, 256 kbit/s,
// when none is given: the layers' targets must be given and must grow).
function layerOptions(layers, bitrate) {
  if (layers.ids.length === 1) return {}
  const kbps = bitrate ? bitrate / 1000 : 256
  const targets = layers.shares.map((share, i) => Math.max(i + 1, Math.round(kbps * share)))
  return {
    'ts-parameters': [
      `ts_number_layers=${layers.shares.length}`,
      `ts_target_bitrate=${targets.join(',')}`,
      `ts_layering_mode=${layers.mode}` // last: FFmpeg applies the pattern when it reads this
    ].join(':'),
    'error-resilient': 'default',
    'lag-in-frames': '0',
    'auto-alt-ref': '0'
  }
}

const positive = (v) => typeof v === 'number' && Number.isFinite(v) && v > 0

// A valid VideoEncoderConfig (the specification's checks): a TypeError otherwise.
function check(config) {
  checkCommon(config)
  if (!positive(config.width) || !positive(config.height)) {
    throw new TypeError('config.width and config.height must be positive')
  }
  if ((config.displayWidth === undefined) !== (config.displayHeight === undefined)) {
    throw new TypeError('displayWidth and displayHeight go together')
  }
  for (const key of ['bitrate', 'framerate', 'displayWidth', 'displayHeight']) {
    if (config[key] !== undefined && !positive(config[key])) {
      throw new TypeError(`config.${key} must be positive`)
    }
  }
  if (
    config.bitrateMode !== undefined &&
    !['constant', 'variable', 'quantizer'].includes(config.bitrateMode)
  ) {
    throw new TypeError('config.bitrateMode is constant, variable or quantizer')
  }
  if (config.latencyMode !== undefined && !['quality', 'realtime'].includes(config.latencyMode)) {
    throw new TypeError('config.latencyMode is quality or realtime')
  }
  if (config.avc?.format !== undefined && !['annexb', 'avc'].includes(config.avc.format)) {
    throw new TypeError("config.avc.format is 'annexb' or 'avc'")
  }
  if (config.hevc?.format !== undefined && !['annexb', 'hevc'].includes(config.hevc.format)) {
    throw new TypeError("config.hevc.format is 'annexb' or 'hevc'")
  }
}

function open(config) {
  const codec = config.codec.trim()
  const name = ENCODERS.find(([pattern]) => pattern.test(codec))?.[1] ?? null
  const layers = TEMPORAL[config.scalabilityMode ?? 'L1T1']
  if (!layers || (layers.ids.length > 1 && !name?.startsWith('libvpx'))) {
    throw new DOMException(
      `scalabilityMode ${config.scalabilityMode} is not supported for ${codec}`,
      'NotSupportedError'
    )
  }
  if (config.bitrateMode === 'quantizer') {
    throw new DOMException("bitrateMode 'quantizer' is not supported yet", 'NotSupportedError')
  }
  const setup = (context) => {
    context.width = Math.trunc(config.width)
    context.height = Math.trunc(config.height)
    context.pixelFormat = toPixelFormat('yuv420p')
    context.timeBase = MICROSECONDS
    if (config.framerate)
      context.frameRate = new Rational(Math.round(config.framerate * 1000), 1000)
    if (config.bitrate) context.bitRate = Math.trunc(config.bitrate)
    if (name === 'libsvtav1' || recordOf(name, config)) {
      // The sequence header (AV1) or parameter sets (for the avcC or hvcC) in extradata: the
      // description, which muxers need.
      context.flags |= codecFlags.GLOBAL_HEADER
    }
  }
  const options = {
    ...IN_ORDER[name]?.(config),
    ...(config.latencyMode === 'realtime' ? REALTIME[name] : {}),
    ...(config.bitrateMode === 'constant' && config.bitrate
      ? constantRate(name, config.bitrate)
      : {}),
    ...layerOptions(layers, config.bitrate)
  }
  return openCodec({ ...config, description: undefined }, name, Encoder, setup, options)
}

// 'avc' or 'hevc' when the chunks are length-prefixed, with the parameter sets in the
// description's record (avcC, hvcC: WebCodecs' default for H.264 and HEVC); null for Annex B
// and the other codecs.
function recordOf(name, config) {
  if (name === 'libopenh264') return (config.avc?.format ?? 'avc') === 'avc' ? 'avc' : null
  if (name === 'libkvazaar') return (config.hevc?.format ?? 'hevc') === 'hevc' ? 'hevc' : null
  return null
}

// Annex B packets in each record's form: length-prefixed, the parameter sets left out.
const LENGTH_PREFIXED = { avc: annexB.toAvc, hevc: hvcc.toHevc }

// A VideoFrame as a Frame the encoder takes: yuv420p at the configured size.
function toFrame(videoFrame, context) {
  const { format, codedWidth, codedHeight, planes } = VideoFrame[planesOf](videoFrame)
  const source = fromPlanes(format, codedWidth, codedHeight, planes)
  if (format === 'I420' && codedWidth === context.width && codedHeight === context.height) {
    return source
  }
  try {
    return scaled(source, 'yuv420p', context.width, context.height)
  } finally {
    source.destroy()
  }
}

// The colour space of what the encoder is given for `videoFrame`: the frame's, but RGB becomes
// swscale's YUV (BT.601 matrix, limited range) on the way.
function encodedColorSpace(videoFrame) {
  const colorSpace = videoFrame.colorSpace.toJSON()
  if (!/^(RGB|BGR)/.test(videoFrame.format)) return colorSpace
  return { ...colorSpace, matrix: 'smpte170m', fullRange: false }
}

// Encoders that take no request for a key frame (FFmpeg's Kvazaar wrapper ignores pict_type):
// for `keyFrame: true`, the encoder is drained and opened anew (the same configuration, so the
// same parameter sets), and a fresh encoder starts with a key frame.
const RESTART_FOR_KEY = new Set(['libkvazaar'])

async function process(context, item, session) {
  let drained = []
  let fresh = session.fed !== context // no frame given to this codec yet
  if (item.keyFrame && RESTART_FOR_KEY.has(context.codec.name) && !fresh) {
    drained = await session.restart()
    context = session.context
    fresh = true
  }
  session.fed = context
  const frame = toFrame(item.input, context)
  const colorSpace = encodedColorSpace(item.input)
  setColorSpace(frame, colorSpace)
  session.colorSpace ??= colorSpace // the output's, in its decoderConfig
  frame.pts = item.input.timestamp
  if (item.input.duration !== null) {
    frame.duration = item.input.duration
    // Some encoders (OpenH264) give packets no duration: the frame's, by its timestamp.
    session.durations ??= new Map()
    session.durations.set(frame.pts, item.input.duration)
  }
  item.input.close()
  if (item.keyFrame) frame.pictType = pictureTypes.I
  const { ids } = TEMPORAL[session.config.scalabilityMode ?? 'L1T1']
  if (ids.length > 1) {
    // The frame's layer, as FFmpeg's libvpx wrapper counts (from 0 with each new codec, again at
    // each key frame asked for).
    if (fresh || item.keyFrame) session.layerIndex = 0
    session.layers ??= new Map()
    session.layers.set(frame.pts, ids[session.layerIndex])
    session.layerIndex = (session.layerIndex + 1) % ids.length
  }
  try {
    return [...drained, ...(await context.encodeAsync(frame))]
  } finally {
    frame.destroy()
  }
}

// A packet as the output callback's chunk and metadata.
function wrap(packet, session) {
  if (packet.size === 0) {
    packet.destroy() // side data alone (FLAC's final STREAMINFO): no encoded frame
    return null
  }
  const { config, context } = session
  const record = recordOf(context.codec.name, config)
  const toRecordForm = LENGTH_PREFIXED[record]
  const data = toRecordForm ? toRecordForm(packet.data) : new Uint8Array(packet.data)
  const chunk = new EncodedVideoChunk({
    type: packet.isKeyframe ? 'key' : 'delta',
    timestamp: packet.pts,
    duration: packet.duration > 0 ? packet.duration : session.durations?.get(packet.pts),
    data
  })
  session.durations?.delete(chunk.timestamp)
  packet.destroy()
  let svc
  if (session.layers) {
    // A key frame (asked for, or libvpx's own) is every layer's reference: layer 0.
    svc = { temporalLayerId: chunk.type === 'key' ? 0 : session.layers.get(chunk.timestamp) }
    session.layers.delete(chunk.timestamp)
  }
  return WebCodecsEncoder.outputOf(chunk, session, () => describe(session, record), svc)
}

// The decoderConfig of the output (with its first chunk).
function describe(session, record) {
  const { config, context } = session
  const decoderConfig = {
    codec: config.codec,
    codedWidth: context.width,
    codedHeight: context.height
  }
  if (config.displayWidth) {
    decoderConfig.displayAspectWidth = config.displayWidth
    decoderConfig.displayAspectHeight = config.displayHeight
  }
  const extra = context.extraData
  if (record === 'avc') {
    decoderConfig.codec = annexB.codecString(extra, config.codec.slice(0, 4)) ?? config.codec
    const avcC = annexB.avcC(extra)
    if (avcC) decoderConfig.description = avcC
  } else if (record === 'hevc') {
    const prefix = config.codec.slice(0, 4) // hvc1: every parameter set in the record
    const hvcC = hvcc.hvcC(extra, prefix === 'hvc1')
    if (hvcC) {
      decoderConfig.codec = hvcc.codecString(hvcC, prefix)
      decoderConfig.description = hvcC
    }
  } else if (extra.length > 0) {
    decoderConfig.description = new Uint8Array(extra) // AV1's sequence header
  }
  if (session.colorSpace && isDescribed(session.colorSpace)) {
    decoderConfig.colorSpace = session.colorSpace
  }
  return decoderConfig
}

module.exports = class VideoEncoder extends WebCodecsEncoder {
  static [hooks] = {
    Input: VideoFrame,
    check,
    copy,
    open,
    process,
    drain: (context) => context.encodeAsync(null),
    wrap,
    discard: WebCodecsEncoder.discard
  }
}
