// AudioDecoder: the WebCodecs audio decoder over FFmpeg's (see decoder.js for the states and the
// queue, codec-string.js for the codecs, docs/webcodecs.md).
const DOMException = require('./dom-exception')
const WebCodecsDecoder = require('./decoder')
const EncodedAudioChunk = require('./encoded-audio-chunk')
const AudioData = require('./audio-data')
const { adopt, hooks } = require('./internal')
const { audioDecoderFor } = require('./codec-string')
const { bytesOf } = require('./webidl')
const ChannelLayout = require('../channel-layout')
const CodecContext = require('../codec-context')
const Decoder = require('../decoder')
const Frame = require('../frame')
const Rational = require('../rational')
const Resampler = require('../resampler')
const { getSampleFormatName, toSampleFormat } = require('../constants')

const MICROSECONDS = new Rational(1, 1000000)

// FFmpeg's default layout for a channel count (av_channel_layout_default), as masks.
const LAYOUTS = [0, 0x4, 0x3, 0x7, 0x107, 0x37, 0x3f, 0x13f, 0x63f]

// FFmpeg's sample formats as WebCodecs names them.
const FORMATS = {
  u8: 'u8',
  s16: 's16',
  s32: 's32',
  flt: 'f32',
  u8p: 'u8-planar',
  s16p: 's16-planar',
  s32p: 's32-planar',
  fltp: 'f32-planar'
}
const BYTES = { u8: 1, s16: 2, s32: 4, f32: 4 }

// A valid AudioDecoderConfig (the specification's checks): a TypeError otherwise.
function check(config) {
  if (typeof config !== 'object' || config === null) throw new TypeError('config must be an object')
  if (typeof config.codec !== 'string' || config.codec.trim() === '') {
    throw new TypeError('config.codec must be a codec string')
  }
  if (!(config.sampleRate > 0)) throw new TypeError('config.sampleRate must be positive')
  if (!(config.numberOfChannels > 0))
    throw new TypeError('config.numberOfChannels must be positive')
  if (config.description !== undefined) bytesOf(config.description, 'config.description')
}

function copy(config) {
  const out = { ...config }
  if (config.description !== undefined) out.description = bytesOf(config.description).slice()
  return out
}

function open(config) {
  const name = audioDecoderFor(config.codec.trim())
  if (!name) throw new DOMException(`Unsupported codec ${config.codec}`, 'NotSupportedError')
  let context
  try {
    context = new CodecContext(new Decoder(name))
    if (config.description) context.extraData = Buffer.from(config.description)
    context.sampleRate = Math.trunc(config.sampleRate)
    const channels = Math.trunc(config.numberOfChannels)
    context.channelLayout = ChannelLayout.from(LAYOUTS[channels] ?? 2 ** channels - 1)
    context.pktTimebase = MICROSECONDS
    context.open()
    return context
  } catch (err) {
    context?.destroy()
    throw new DOMException(`${config.codec}: ${err.message}`, 'NotSupportedError')
  }
}

// A decoded Frame as AudioData: its planes as they are for the formats WebCodecs has, else
// converted to f32-planar.
function wrap(decoded) {
  let frame = decoded
  let format = FORMATS[getSampleFormatName(frame.format)]
  if (format === undefined) {
    format = 'f32-planar'
    frame = resampled(decoded)
    decoded.destroy()
  }
  const channels = frame.nbChannels
  const samples = frame.nbSamples
  const planar = format.endsWith('-planar')
  const size = samples * BYTES[format.replace('-planar', '')] * (planar ? 1 : channels)
  const planes = frame.data.slice(0, planar ? channels : 1).map((p) => p.subarray(0, size))
  return AudioData[adopt]({
    format,
    sampleRate: frame.sampleRate,
    numberOfFrames: samples,
    numberOfChannels: channels,
    timestamp: frame.pts !== -1 ? frame.pts : Math.max(0, frame.bestEffortTimestamp),
    planes,
    owner: frame
  })
}

// `frame` as planar floats, at its rate and layout.
function resampled(frame) {
  const fltp = toSampleFormat('fltp')
  const resampler = new Resampler(
    frame.sampleRate,
    frame.channelLayout,
    frame.format,
    frame.sampleRate,
    frame.channelLayout,
    fltp
  )
  const out = new Frame()
  try {
    out.format = fltp
    out.sampleRate = frame.sampleRate
    out.channelLayout = frame.channelLayout
    out.nbSamples = frame.nbSamples
    out.alloc()
    out.nbSamples = resampler.convert(frame, out)
    out.pts = frame.pts
    return out
  } finally {
    resampler.destroy()
  }
}

module.exports = class AudioDecoder extends WebCodecsDecoder {
  static [hooks] = { Chunk: EncodedAudioChunk, check, copy, open, wrap }
}
