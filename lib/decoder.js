// Decoder: a codec to decode with, by name ('h264', 'libdav1d') or Codec. See docs/decoder.md.
const binding = require('../binding')

module.exports = class Decoder {
  #name // the decoder's own name (Codec.AV1 decodes with 'libdav1d')

  constructor(codec) {
    this.#name = find(codec, false)
  }

  // FFmpeg's name for this decoder.
  get name() {
    return this.#name
  }

  // The decoder's own options. See docs/options.md.
  get options() {
    return binding.optionTable('decoder', this.#name)
  }

  // What CodecContext opens: the decoder's own name, and that it decodes.
  get _spec() {
    return { codec: this.#name, encoder: false }
  }

  [Symbol.for('bare.inspect')]() {
    return { __proto__: { constructor: module.exports }, name: this.#name }
  }
}

// The codec's own name, or an FFmpegError (AVERROR_DECODER_NOT_FOUND / ENCODER_NOT_FOUND).
function find(codec, encoder) {
  if (typeof codec === 'string') return binding.codecFind(codec, encoder)
  // A Codec (lib/codec.js, which requires this file: checked by its id, not its class).
  if (Number.isInteger(codec?.id)) return binding.codecFind(codec.id, encoder)
  throw new TypeError('codec must be a codec name or a Codec')
}

module.exports._find = find
