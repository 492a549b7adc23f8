// SideData: one piece of what a packet or a frame carries besides its payload: a type
// (constants.packetSideDataType or constants.frameSideDataType), FFmpeg's name for it and its
// bytes. Packet.SideData and Frame.SideData are its two kinds (lib/packet-side-data.js,
// lib/frame-side-data.js), which know the names of their types.
const internal = require('./internal')

module.exports = class SideData {
  #type
  #data
  #name

  constructor(type, data, name) {
    this.#type = type
    this.#data = data
    this.#name = name ?? this.constructor[internal.nameOf](type) ?? null
  }

  // A SideData to assign to packet.sideData or frame.sideData.
  static fromData(data, type) {
    if (!ArrayBuffer.isView(data)) throw new TypeError('data must be a Buffer')
    return new this(type, data)
  }

  static [internal.nameOf]() {
    return null
  }

  get type() {
    return this.#type
  }

  get name() {
    return this.#name
  }

  get data() {
    return this.#data
  }

  [Symbol.for('bare.inspect')]() {
    return {
      __proto__: { constructor: this.constructor },
      type: this.#type,
      name: this.#name,
      data: this.#data
    }
  }

  // The flat [type, bytes, ...] the native side takes, from SideData (or { type, data }) entries.
  static [internal.flatten](entries) {
    if (!Array.isArray(entries)) throw new TypeError('sideData must be an array')
    const flat = []
    for (const { type, data } of entries) {
      if (!ArrayBuffer.isView(data)) throw new TypeError('Side data must be a Buffer')
      flat.push(type, new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    }
    return flat
  }
}
