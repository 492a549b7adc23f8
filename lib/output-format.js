// OutputFormat: a muxer, found by its short name (e.g. 'matroska', 'mp4').
const binding = require('../binding')

module.exports = class OutputFormat {
  #info

  constructor(name) {
    if (typeof name !== 'string') throw new TypeError('name must be a string, e.g. "matroska"')
    this.#info = binding.outputFormatInfo(name)
  }

  // The muxer FFmpeg would pick for a file name, e.g. 'out.webm' -> webm.
  static fromFileName(fileName) {
    return new this(binding.outputFormatGuess(fileName))
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
