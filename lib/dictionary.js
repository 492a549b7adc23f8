// Dictionary: string options or metadata, as the published package has it. Kept in JavaScript;
// the native side receives its entries when it is passed to writeHeader() or an input.
const Dictionary = (module.exports = class Dictionary {
  #entries = new Map()

  static from(object) {
    const dictionary = new this()
    for (const [key, value] of Object.entries(object)) dictionary.set(key, value)
    return dictionary
  }

  get(key) {
    return this.#entries.get(String(key)) ?? null
  }

  set(key, value) {
    this.#entries.set(String(key), String(value))
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
