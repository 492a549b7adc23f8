// Codec: a codec id and its name, e.g. Codec.for(constants.codecs.VP9).name === 'vp9'.
const binding = require('../binding')

const codecs = new Map()

module.exports = class Codec {
  #id

  constructor(id) {
    this.#id = id
  }

  get id() {
    return this.#id
  }

  get name() {
    return binding.codecName(this.#id)
  }

  static for(id) {
    let codec = codecs.get(id)
    if (codec === undefined) {
      binding.codecName(id) // validates the id
      codec = new this(id)
      codecs.set(id, codec)
    }
    return codec
  }
}
