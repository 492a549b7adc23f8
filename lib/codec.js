// Codec: a codec id and its name, e.g. Codec.VP9.name === 'vp9' or Codec.for(id).
const binding = require('../binding')
const { codecs: ids } = require('./constants')
const Decoder = require('./decoder')
const Encoder = require('./encoder')

const codecs = new Map()

class Codec {
  #id

  // `id`: one of constants.codecs. Without one (as the published package allows), the codec has
  // no name, and asking for its decoder or encoder fails.
  constructor(id) {
    this.#id = id
  }

  get id() {
    return this.#id
  }

  // FFmpeg's name for the codec ("h264"); "unknown_codec" for an id FFmpeg does not know.
  get name() {
    return Number.isInteger(this.#id) ? binding.codecName(this.#id) : undefined
  }

  // A Decoder for this codec (FFmpeg's preferred one: 'libdav1d' for AV1), or an FFmpegError.
  get decoder() {
    return new Decoder(this)
  }

  // An Encoder for this codec ('libvpx' for VP8), or an FFmpegError.
  get encoder() {
    return new Encoder(this)
  }

  // The Codec for an id, one object per id.
  static for(id) {
    let codec = codecs.get(id)
    if (codec === undefined) {
      codec = new this(id)
      codecs.set(id, codec)
    }
    return codec
  }

  [Symbol.for('bare.inspect')]() {
    return { __proto__: { constructor: Codec }, id: this.#id, name: this.name }
  }
}

// The published package's static codecs.
for (const name of ['MJPEG', 'H264', 'AAC', 'OPUS', 'AV1', 'VP8', 'VP9']) {
  Codec[name] = Codec.for(ids[name])
}

module.exports = Codec
