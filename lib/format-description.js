// What InputFormat and OutputFormat share: the description FFmpeg gives of a demuxer or muxer.
module.exports = class FormatDescription {
  #info

  constructor(info) {
    this.#info = info
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

  // Nothing native to free (FFmpeg's format descriptions are static): kept for the published
  // API and `using`.
  destroy() {}

  [Symbol.dispose]() {
    this.destroy()
  }

  [Symbol.for('bare.inspect')]() {
    return { __proto__: { constructor: this.constructor }, ...this.#info }
  }
}
