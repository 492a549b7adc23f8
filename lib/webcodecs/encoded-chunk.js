// What EncodedVideoChunk and EncodedAudioChunk share: an encoded frame's bytes (a copy, taken at
// construction), its type ('key' or 'delta'), timestamp and duration in microseconds.
const { enforceRange, bytesOf, LONG_LONG, UNSIGNED_LONG_LONG } = require('./webidl')

module.exports = class EncodedChunk {
  #type
  #timestamp
  #duration
  #data

  constructor(init) {
    if (typeof init !== 'object' || init === null) throw new TypeError('init must be an object')
    if (init.type !== 'key' && init.type !== 'delta') {
      throw new TypeError("type must be 'key' or 'delta'")
    }
    if (init.timestamp === undefined) throw new TypeError('timestamp is required')
    if (init.data === undefined) throw new TypeError('data is required')
    this.#type = init.type
    this.#timestamp = enforceRange(init.timestamp, 'timestamp', LONG_LONG)
    this.#duration =
      init.duration === undefined || init.duration === null
        ? null
        : enforceRange(init.duration, 'duration', UNSIGNED_LONG_LONG)
    this.#data = bytesOf(init.data, 'data').slice()
  }

  get type() {
    return this.#type
  }

  get timestamp() {
    return this.#timestamp
  }

  get duration() {
    return this.#duration
  }

  get byteLength() {
    return this.#data.byteLength
  }

  copyTo(destination) {
    const target = bytesOf(destination, 'destination')
    if (target.byteLength < this.#data.byteLength) {
      throw new TypeError('destination is smaller than the chunk')
    }
    target.set(this.#data)
  }

  // The chunk's own bytes, for the decoders of this package (not a copy).
  static bytes(chunk) {
    return chunk.#data
  }

  static is(value) {
    return typeof value === 'object' && value !== null && #data in value
  }
}
