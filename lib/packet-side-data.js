// Packet.SideData: one piece of what a packet carries besides its payload: a type
// (constants.packetSideDataType), FFmpeg's name for it and its bytes.
const binding = require('../binding')

module.exports = class SideData {
  #type
  #data
  #name

  constructor(type, data, name) {
    this.#type = type
    this.#data = data
    this.#name = name ?? binding.packetSideDataName(type) ?? null
  }

  // A SideData to assign to packet.sideData.
  static fromData(data, type) {
    if (!ArrayBuffer.isView(data)) throw new TypeError('data must be a Buffer')
    return new this(type, data)
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
      __proto__: { constructor: SideData },
      type: this.#type,
      name: this.#name,
      data: this.#data
    }
  }
}
