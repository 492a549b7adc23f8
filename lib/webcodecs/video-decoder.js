// VideoDecoder: the WebCodecs video decoder over FFmpeg's (see decoder.js for the states and the
// queue, codec-string.js for the codecs, docs/webcodecs.md).
const WebCodecsDecoder = require('./decoder')
const EncodedVideoChunk = require('./encoded-video-chunk')
const VideoFrame = require('./video-frame')
const { adopt, hooks, wrapFrame } = require('./internal')
const { videoDecoderFor } = require('./codec-string')
const { FORMATS, fromFFmpeg } = require('./pixel-layout')
const { scaled } = require('./native-frame')
const { checkCommon, copy, openCodec } = require('./config')
const { colorSpaceOf } = require('./color-names')
const Decoder = require('../decoder')
const Rational = require('../rational')
const { getPixelFormatName } = require('../constants')

const MICROSECONDS = new Rational(1, 1000000)

// A valid VideoDecoderConfig (the specification's checks): a TypeError otherwise.
function check(config) {
  checkCommon(config)
  if ((config.codedWidth === undefined) !== (config.codedHeight === undefined)) {
    throw new TypeError('codedWidth and codedHeight go together')
  }
  if (config.codedWidth === 0 || config.codedHeight === 0) throw new TypeError('a coded size of 0')
  if ((config.displayAspectWidth === undefined) !== (config.displayAspectHeight === undefined)) {
    throw new TypeError('displayAspectWidth and displayAspectHeight go together')
  }
}

// The CodecContext a configuration asks for: NotSupportedError when the build cannot.
function open(config) {
  return openCodec(config, videoDecoderFor(config.codec.trim()), Decoder, (context) => {
    if (config.codedWidth) {
      context.width = config.codedWidth
      context.height = config.codedHeight
    }
    context.pktTimebase = MICROSECONDS
  })
}

// A decoded Frame as a VideoFrame: its planes as they are for the formats WebCodecs has, else
// converted to I420 (or to `fallback`: RGBA for images, whose alpha I420 would lose). Its colour
// space is the configuration's if it has one (as the specification says), else the one the
// decoder read.
function wrap(decoded, fallback = 'I420', configured = undefined) {
  let frame = decoded
  const decodedFormat = getPixelFormatName(decoded.format)
  const colorSpace = configured ?? colorSpaceOf(decoded)
  if (!configured && colorSpace.fullRange === null && decodedFormat?.startsWith('yuvj')) {
    colorSpace.fullRange = true // FFmpeg's full-range formats (JPEG's)
  }
  let format = fromFFmpeg(decodedFormat)
  if (format === null) {
    format = fallback
    frame = scaled(decoded, FORMATS[fallback].ffmpeg)
    decoded.destroy()
  }
  const { width, height } = frame
  const pts = frame.pts !== -1 ? frame.pts : frame.bestEffortTimestamp
  const sar = frame.sampleAspectRatio
  const wide = sar.numerator > 0 && sar.denominator > 0 ? sar.numerator / sar.denominator : 1
  return VideoFrame[adopt]({
    format,
    codedWidth: width,
    codedHeight: height,
    visibleRect: { x: 0, y: 0, width, height },
    displayWidth: wide >= 1 ? Math.round(width * wide) : width,
    displayHeight: wide >= 1 ? height : Math.round(height / wide),
    timestamp: pts === -1 ? 0 : pts,
    duration: frame.duration > 0 ? frame.duration : null,
    colorSpace,
    loadPlanes: () => {
      const planes = frame.data
      const strides = frame.linesize
      return FORMATS[format].planes.map((_, i) => ({ bytes: planes[i], stride: strides[i] }))
    },
    owner: frame,
    convert: (target) => {
      const rgb = scaled(frame, target)
      const bytes = new Uint8Array(rgb.data[0])
      const stride = rgb.linesize[0]
      rgb.destroy()
      return [{ bytes, stride }]
    }
  })
}

class VideoDecoder extends WebCodecsDecoder {
  static [hooks] = {
    Chunk: EncodedVideoChunk,
    check,
    copy,
    open,
    wrap: (frame, session) => [wrap(frame, 'I420', session.config.colorSpace)],
    process: WebCodecsDecoder.process,
    drain: WebCodecsDecoder.drain
  }
}

// For ImageDecoder: a decoded Frame as a VideoFrame.
VideoDecoder[wrapFrame] = wrap

module.exports = VideoDecoder
