// InputFormat: a demuxer, found by its short name (e.g. 'matroska', 'mp4').
const binding = require('../binding')

module.exports = class InputFormat {
  #info

  constructor(name) {
    if (typeof name !== 'string') throw new TypeError('name must be a string, e.g. "matroska"')
    this.#info = binding.inputFormatInfo(name)
  }

  get name() {
    return this.#info.name
  }

  get longName() {
    return this.#info.longName
  }

  get extensions() {
    return this.#info.extensions
  }

  get mimeType() {
    return this.#info.mimeType
  }

  get flags() {
    return this.#info.flags
  }
}
