// Encoder: a codec to encode with, by name ('libvpx', 'libopus') or Codec. See docs/encoder.md.
const binding = require('../binding')
const { _find: find } = require('./decoder')

module.exports = class Encoder {
  #name // the encoder's own name (Codec.VP8 encodes with 'libvpx')

  constructor(codec) {
    this.#name = find(codec, true)
  }

  // FFmpeg's name for this encoder.
  get name() {
    return this.#name
  }

  // The encoder's own options (libvpx's deadline, cpu-used, ...). See docs/options.md.
  get options() {
    return binding.optionTable('encoder', this.#name)
  }

  // What CodecContext opens: the encoder's own name, and that it encodes.
  get _spec() {
    return { codec: this.#name, encoder: true }
  }

  [Symbol.for('bare.inspect')]() {
    return { __proto__: { constructor: module.exports }, name: this.#name }
  }
}
