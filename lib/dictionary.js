// Dictionary: string options or metadata, as the published package has it. Kept in JavaScript;
// the native side receives its entries when it is passed to a call that takes options.
//
// As with FFmpeg's own AVDictionary, a call takes out the options it used: what stays in the
// Dictionary afterwards are the options nothing knew (also named in a warning in FFmpeg's log).
// With `strict` set, such options are an error instead (FFmpegError AVERROR_OPTION_NOT_FOUND).
const Dictionary = (module.exports = class Dictionary {
  #entries = new Map()

  // Unknown options are an error, not a warning (ours; see docs/dictionary.md).
  strict = false

  static from(object, { strict = false } = {}) {
    const dictionary = new this()
    for (const [key, value] of Object.entries(object)) dictionary.set(key, value)
    dictionary.strict = strict === true
    return dictionary
  }

  get(key) {
    return this.#entries.get(String(key)) ?? null
  }

  set(key, value) {
    this.#entries.set(String(key), String(value))
  }

  // Removes `key` (ours); true if it was there.
  delete(key) {
    return this.#entries.delete(String(key))
  }

  entries() {
    return [...this.#entries]
  }

  [Symbol.iterator]() {
    return this.#entries[Symbol.iterator]()
  }

  // Nothing native to free; kept for compatibility with `using` and the published API.
  destroy() {}

  [Symbol.dispose]() {
    this.destroy()
  }

  [Symbol.for('bare.inspect')]() {
    return { __proto__: { constructor: Dictionary }, ...Object.fromEntries(this.#entries) }
  }
})
