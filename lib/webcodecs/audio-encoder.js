// AudioEncoder: the WebCodecs audio encoder over FFmpeg's (see codec-base.js and encoder.js for
// the states and the queue, docs/webcodecs.md): Opus (libopus), AAC (FFmpeg's, mp4a.40.2), FLAC,
// MP3 (LAME), PCM, u-law and A-law. Sound is cut into the frames the encoder wants through an AudioFIFO.
const DOMException = require('./dom-exception')
const WebCodecsEncoder = require('./encoder')
const EncodedAudioChunk = require('./encoded-audio-chunk')
const AudioData = require('./audio-data')
const { hooks } = require('./internal')
const { checkCommon, copy, openCodec } = require('./config')
const { SAMPLE_FORMATS: FORMATS, layoutMask } = require('./audio-formats')
const AudioFIFO = require('../audio-fifo')
const ChannelLayout = require('../channel-layout')
const Encoder = require('../encoder')
const Frame = require('../frame')
const Rational = require('../rational')
const { codecConfig, getSampleFormatName } = require('../constants')

const ENCODERS = {
  opus: 'libopus',
  'mp4a.40.2': 'aac',
  flac: 'flac',
  mp3: 'libmp3lame',
  ulaw: 'pcm_mulaw',
  alaw: 'pcm_alaw',
  'pcm-u8': 'pcm_u8',
  'pcm-s16': 'pcm_s16le',
  'pcm-s24': 'pcm_s24le',
  'pcm-s32': 'pcm_s32le',
  'pcm-f32': 'pcm_f32le'
}

const whole = (v) => Number.isInteger(v) && v > 0

function check(config) {
  checkCommon(config)
  if (!whole(config.sampleRate)) throw new TypeError('config.sampleRate must be a positive integer')
  if (!whole(config.numberOfChannels)) {
    throw new TypeError('config.numberOfChannels must be a positive integer')
  }
  if (config.bitrate !== undefined && !(config.bitrate > 0)) {
    throw new TypeError('config.bitrate must be positive')
  }
}

function open(config) {
  const setup = (context) => {
    context.sampleRate = config.sampleRate
    context.channelLayout = ChannelLayout.from(layoutMask(config.numberOfChannels))
    // The encoder's first sample format that WebCodecs has a name for.
    const formats = context.getSupportedConfig(codecConfig.SAMPLE_FORMAT)
    const format = [...(formats ?? [])].find((f) => FORMATS[getSampleFormatName(f)])
    if (format === undefined) throw new Error('no sample format WebCodecs can give it')
    context.sampleFormat = format
    context.timeBase = new Rational(1, config.sampleRate)
    if (config.bitrate) context.bitRate = Math.trunc(config.bitrate)
  }
  return openCodec(config, ENCODERS[config.codec.trim()] ?? null, Encoder, setup)
}

// A blank frame of the encoder's format, rate and layout.
function blank(context, samples) {
  const frame = new Frame()
  frame.format = context.sampleFormat
  frame.sampleRate = context.sampleRate
  frame.channelLayout = context.channelLayout
  if (samples > 0) {
    frame.nbSamples = samples
    frame.alloc()
  }
  return frame
}

// What a configuration keeps between encode() calls: the FIFO and the next frame's pts.
function state(session, context, timestamp) {
  if (!session.fifo) {
    session.fifo = new AudioFIFO(context.sampleFormat, context.channelLayout.nbChannels, 4096)
    session.frameSize = context.frameSize // 0: any size
    session.next = Math.round((timestamp * context.sampleRate) / 1e6)
  }
  return session
}

// Encodes what the FIFO holds in frames of the encoder's size; with `all`, the rest too (the
// last frame shorter).
async function encodeQueued(context, session, all) {
  const packets = []
  while (session.fifo.size > 0) {
    const size = session.frameSize > 0 ? session.frameSize : session.fifo.size
    if (session.fifo.size < size && !all) break
    const frame = blank(context, 0)
    session.fifo.read(frame, Math.min(size, session.fifo.size))
    frame.pts = session.next
    session.next += frame.nbSamples
    try {
      packets.push(...(await context.encodeAsync(frame)))
    } finally {
      frame.destroy()
    }
  }
  return packets
}

async function process(context, item, session) {
  const data = item.input
  state(session, context, data.timestamp)
  const format = FORMATS[getSampleFormatName(context.sampleFormat)]
  const frame = blank(context, data.numberOfFrames)
  try {
    if (
      data.numberOfChannels !== context.channelLayout.nbChannels ||
      data.sampleRate !== context.sampleRate
    ) {
      throw new DOMException(
        'The AudioData does not match the configured rate and channels',
        'EncodingError'
      )
    }
    const planes = frame.data
    const count = format.endsWith('-planar') ? data.numberOfChannels : 1
    for (let p = 0; p < count; p++) data.copyTo(planes[p], { planeIndex: p, format })
    session.fifo.write(frame)
  } finally {
    frame.destroy()
    data.close()
  }
  return encodeQueued(context, session, false)
}

async function drain(context, session) {
  const packets = session.fifo ? await encodeQueued(context, session, true) : []
  packets.push(...(await context.encodeAsync(null)))
  session.fifo?.destroy()
  session.fifo = null
  return packets
}

// FLAC's description in WebCodecs: 'fLaC' and the STREAMINFO block (FFmpeg keeps the block).
function description(name, extra) {
  if (extra.length === 0) return undefined
  if (name !== 'flac') return new Uint8Array(extra)
  const out = new Uint8Array(8 + extra.length)
  out.set([0x66, 0x4c, 0x61, 0x43, 0x80, 0, 0, extra.length])
  out.set(extra, 8)
  return out
}

function wrap(packet, session) {
  if (packet.size === 0) {
    packet.destroy() // side data alone (FLAC's final STREAMINFO): no encoded frame
    return null
  }
  const { config, context } = session
  const rate = context.sampleRate
  const chunk = new EncodedAudioChunk({
    type: 'key',
    timestamp: Math.round((packet.pts * 1e6) / rate),
    duration: packet.duration > 0 ? Math.round((packet.duration * 1e6) / rate) : undefined,
    data: new Uint8Array(packet.data)
  })
  packet.destroy()
  return WebCodecsEncoder.outputOf(chunk, session, () => {
    const decoderConfig = {
      codec: config.codec,
      sampleRate: rate,
      numberOfChannels: context.channelLayout.nbChannels
    }
    const extra = description(context.codec.name, context.extraData)
    if (extra) decoderConfig.description = extra
    return decoderConfig
  })
}

module.exports = class AudioEncoder extends WebCodecsEncoder {
  static [hooks] = {
    Input: AudioData,
    check,
    copy,
    open,
    process,
    drain,
    wrap,
    discard: WebCodecsEncoder.discard
  }
}
