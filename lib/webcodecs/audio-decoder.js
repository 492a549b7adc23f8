// AudioDecoder: the WebCodecs audio decoder over FFmpeg's (see decoder.js for the states and the
// queue, codec-string.js for the codecs, docs/webcodecs.md).
const WebCodecsDecoder = require('./decoder')
const EncodedAudioChunk = require('./encoded-audio-chunk')
const AudioData = require('./audio-data')
const { adopt, hooks } = require('./internal')
const { audioDecoderFor } = require('./codec-string')
const { checkCommon, copy, openCodec } = require('./config')
const { SAMPLE_FORMATS: FORMATS, BYTES, layoutMask } = require('./audio-formats')
const ChannelLayout = require('../channel-layout')
const Decoder = require('../decoder')
const Frame = require('../frame')
const Rational = require('../rational')
const Resampler = require('../resampler')
const { getSampleFormatName, toSampleFormat } = require('../constants')

const MICROSECONDS = new Rational(1, 1000000)

// A valid AudioDecoderConfig (the specification's checks): a TypeError otherwise.
function check(config) {
  checkCommon(config)
  if (!(config.sampleRate > 0)) throw new TypeError('config.sampleRate must be positive')
  if (!(config.numberOfChannels > 0)) {
    throw new TypeError('config.numberOfChannels must be positive')
  }
}

function open(config) {
  return openCodec(config, audioDecoderFor(config.codec.trim()), Decoder, (context) => {
    context.sampleRate = Math.trunc(config.sampleRate)
    context.channelLayout = ChannelLayout.from(layoutMask(Math.trunc(config.numberOfChannels)))
    context.pktTimebase = MICROSECONDS
  })
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
  static [hooks] = {
    Chunk: EncodedAudioChunk,
    check,
    copy,
    open,
    wrap: (frame) => [wrap(frame)],
    process: WebCodecsDecoder.process,
    drain: WebCodecsDecoder.drain
  }
}
