// WebCodecsBridge: between this package's demuxers and muxers and WebCodecs. A demuxed Packet as
// an EncodedVideoChunk or EncodedAudioChunk, a stream's codec parameters as the decoderConfig a
// WebCodecs decoder takes, and back: a chunk as a Packet of an output stream, and an output
// stream made from an encoder's decoderConfig. See docs/webcodecs.md.
const EncodedVideoChunk = require('./encoded-video-chunk')
const EncodedAudioChunk = require('./encoded-audio-chunk')
const EncodedChunk = require('./encoded-chunk')
const annexB = require('./annex-b')
const hvcc = require('./hvcc')
const { colorSpaceOf, isDescribed, setColorSpace } = require('./color-names')
const { layoutMask } = require('./audio-formats')
const { bytesOf } = require('./webidl')
const ChannelLayout = require('../channel-layout')
const Codec = require('../codec')
const Packet = require('../packet')
const Rational = require('../rational')
const { codecs, mediaTypes } = require('../constants')

const MICROSECONDS = new Rational(1, 1000000)
const two = (n) => String(n).padStart(2, '0')
const hex = (n) => n.toString(16).toUpperCase().padStart(2, '0')

// The codec string of a stream (FFmpeg's codec name and parameters), or null.
function codecString(parameters) {
  const name = Codec.for(parameters.id).name
  const extra = parameters.extraData
  switch (name) {
    case 'vp8':
      return 'vp8'
    case 'vp9':
      return `vp09.${two(Math.max(0, parameters.profile))}.${two(parameters.level > 0 ? parameters.level : 10)}.08`
    case 'av1':
      return `av01.${Math.max(0, parameters.profile)}.${two(parameters.level > 0 ? parameters.level : 4)}M.08`
    case 'h264':
      if (extra.length >= 4 && extra[0] === 1)
        return `avc1.${hex(extra[1])}${hex(extra[2])}${hex(extra[3])}`
      return annexB.codecString(extra) ?? 'avc1.42E01E'
    case 'hevc':
      if (extra.length >= 23 && extra[0] === 1) return hvcc.codecString(extra) // an hvcC
      return `hvc1.${Math.max(1, parameters.profile)}.6.L${parameters.level > 0 ? parameters.level : 93}.B0`
    case 'opus':
    case 'flac':
    case 'vorbis':
    case 'mp3':
      return name
    case 'aac':
      return parameters.profile === 4
        ? 'mp4a.40.5'
        : parameters.profile === 28
          ? 'mp4a.40.29'
          : 'mp4a.40.2'
    case 'pcm_mulaw':
      return 'ulaw'
    case 'pcm_alaw':
      return 'alaw'
    default: {
      const pcm = /^pcm_(u8|s16le|s24le|s32le|f32le)$/.exec(name)
      return pcm ? `pcm-${pcm[1].replace('le', '')}` : null
    }
  }
}

// The codec id for a codec string (the inverse, for output streams).
const IDS = [
  [/^vp8$/, 'VP8'],
  [/^vp09\./, 'VP9'],
  [/^av01\./, 'AV1'],
  [/^avc[13]\./, 'H264'],
  [/^(hev1|hvc1)\./, 'HEVC'],
  [/^opus$/, 'OPUS'],
  [/^flac$/, 'FLAC'],
  [/^vorbis$/, 'VORBIS'],
  [/^(mp3|mp4a\.69|mp4a\.6B|mp4a\.40\.34)$/, 'MP3'],
  [/^mp4a\.40\./, 'AAC'],
  [/^ulaw$/, 'PCM_MULAW'],
  [/^alaw$/, 'PCM_ALAW'],
  [/^pcm-u8$/, 'PCM_U8'],
  [/^pcm-s16$/, 'PCM_S16LE'],
  [/^pcm-s24$/, 'PCM_S24LE'],
  [/^pcm-s32$/, 'PCM_S32LE'],
  [/^pcm-f32$/, 'PCM_F32LE']
]

const toMicroseconds = (ts, timeBase) => Rational.rescaleQ(ts, timeBase, MICROSECONDS)

module.exports = class WebCodecsBridge {
  // The decoderConfig of a demuxed stream (its codec string, description, size or rate and
  // channels); null for a codec WebCodecs has no string for.
  static decoderConfigOf(stream) {
    const p = stream.codecParameters
    const codec = codecString(p)
    if (codec === null) return null
    const config = { codec }
    const extra = p.extraData
    // FLAC in Matroska and MP4 keeps the STREAMINFO block alone; WebCodecs wants 'fLaC' first.
    if (codec === 'flac' && extra.length > 0 && extra[0] !== 0x66) {
      config.description = new Uint8Array([
        0x66,
        0x4c,
        0x61,
        0x43,
        0x80,
        0,
        0,
        extra.length,
        ...extra
      ])
    } else if (extra.length > 0) {
      config.description = new Uint8Array(extra)
    }
    if (p.type === mediaTypes.VIDEO) {
      config.codedWidth = p.width
      config.codedHeight = p.height
      // The container's colour description, where it has one.
      const colorSpace = colorSpaceOf(p)
      if (isDescribed(colorSpace)) config.colorSpace = colorSpace
    } else {
      config.sampleRate = p.sampleRate
      config.numberOfChannels = p.nbChannels
    }
    return config
  }

  // A demuxed packet of `stream` as a chunk: timestamps in microseconds, the bytes copied.
  static chunkFromPacket(packet, stream) {
    const Chunk =
      stream.codecParameters.type === mediaTypes.VIDEO ? EncodedVideoChunk : EncodedAudioChunk
    const pts = packet.pts !== -1 ? packet.pts : packet.dts
    return new Chunk({
      type: packet.isKeyframe ? 'key' : 'delta',
      timestamp: pts === -1 ? 0 : toMicroseconds(pts, stream.timeBase),
      duration: packet.duration > 0 ? toMicroseconds(packet.duration, stream.timeBase) : undefined,
      data: packet.data
    })
  }

  // A new output stream of `output` for what an encoder's decoderConfig describes.
  static addStream(output, decoderConfig) {
    const found = IDS.find(([pattern]) => pattern.test(decoderConfig?.codec ?? ''))
    if (!found) throw new TypeError(`No stream for codec ${decoderConfig?.codec}`)
    const stream = output.createStream()
    const p = stream.codecParameters
    p.id = codecs[found[1]]
    if (decoderConfig.codedWidth !== undefined) {
      p.type = mediaTypes.VIDEO
      p.width = decoderConfig.codedWidth
      p.height = decoderConfig.codedHeight
      if (decoderConfig.colorSpace) setColorSpace(p, decoderConfig.colorSpace) // for the container
    } else {
      p.type = mediaTypes.AUDIO
      p.sampleRate = decoderConfig.sampleRate
      p.channelLayout = ChannelLayout.from(layoutMask(decoderConfig.numberOfChannels))
    }
    if (decoderConfig.description !== undefined) {
      let extra = bytesOf(decoderConfig.description, 'description')
      // Muxers keep FLAC's STREAMINFO alone.
      if (found[1] === 'FLAC' && extra[0] === 0x66) extra = extra.subarray(8)
      p.extraData = Buffer.from(extra)
    }
    stream.timeBase = MICROSECONDS
    return stream
  }

  // A chunk as a packet of `stream` (timestamps rescaled to its time base).
  static packetFromChunk(chunk, stream) {
    if (!(chunk instanceof EncodedChunk)) throw new TypeError('chunk must be an encoded chunk')
    const packet = new Packet(Buffer.from(EncodedChunk.bytes(chunk)))
    packet.streamIndex = stream.index
    packet.pts = packet.dts = Rational.rescaleQ(chunk.timestamp, MICROSECONDS, stream.timeBase)
    if (chunk.duration !== null) {
      packet.duration = Rational.rescaleQ(chunk.duration, MICROSECONDS, stream.timeBase)
    }
    packet.isKeyframe = chunk.type === 'key'
    return packet
  }
}
