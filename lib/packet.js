// Packet: one compressed frame (an AVPacket). See docs/packet.md.
const binding = require('../binding')
const Rational = require('./rational')
const { packet: F, packetRational: R } = require('./fields')
const { packetFlags } = require('./constants')

const ADOPT = Symbol('adopt') // private constructor path for _fromHandle()

module.exports = class Packet {
  #handle // the native AVPacket: passed to every native call, never exposed

  constructor(buffer) {
    if (buffer === ADOPT) return // _fromHandle() fills it in
    binding.packetCreate((handle) => (this.#handle = handle))
    if (buffer !== undefined) this.data = buffer
  }

  get streamIndex() {
    return binding.packetGet(this.#handle, F.streamIndex)
  }

  set streamIndex(value) {
    binding.packetSet(this.#handle, F.streamIndex, value)
  }

  get pts() {
    return binding.packetGet(this.#handle, F.pts)
  }

  set pts(value) {
    binding.packetSet(this.#handle, F.pts, value)
  }

  get dts() {
    return binding.packetGet(this.#handle, F.dts)
  }

  set dts(value) {
    binding.packetSet(this.#handle, F.dts, value)
  }

  get duration() {
    return binding.packetGet(this.#handle, F.duration)
  }

  set duration(value) {
    binding.packetSet(this.#handle, F.duration, value)
  }

  get flags() {
    return binding.packetGet(this.#handle, F.flags)
  }

  set flags(value) {
    binding.packetSet(this.#handle, F.flags, value)
  }

  // Byte position in the input, or -1 when unknown.
  get pos() {
    return binding.packetGet(this.#handle, F.pos)
  }

  set pos(value) {
    binding.packetSet(this.#handle, F.pos, value)
  }

  get size() {
    return binding.packetGet(this.#handle, F.size)
  }

  set size(value) {
    throw new TypeError('size is read-only: set data instead')
  }

  get isKeyframe() {
    return (this.flags & packetFlags.KEY) !== 0
  }

  set isKeyframe(value) {
    this.flags = value ? this.flags | packetFlags.KEY : this.flags & ~packetFlags.KEY
  }

  // A copy of the payload: safe to keep after the packet is reused or destroyed.
  get data() {
    return Buffer.from(binding.packetGetData(this.#handle))
  }

  set data(value) {
    if (value instanceof ArrayBuffer) value = new Uint8Array(value)
    else if (ArrayBuffer.isView(value)) {
      value = new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    }
    binding.packetSetData(this.#handle, value)
  }

  get timeBase() {
    binding.packetGetRational(this.#handle, R.timeBase, Rational._out)
    return Rational._fromOut()
  }

  set timeBase(value) {
    binding.packetSetRational(this.#handle, R.timeBase, value.numerator, value.denominator)
  }

  // Converts pts, dts and duration from one time base to another.
  rescaleTimestamps(from, to) {
    binding.packetRescale(
      this.#handle,
      from.numerator,
      from.denominator,
      to.numerator,
      to.denominator
    )
  }

  copyPropsFrom(source) {
    binding.packetCopyProps(this.#handle, module.exports._handleOf(source, 'source'))
  }

  unref() {
    binding.packetUnref(this.#handle)
  }

  destroy() {
    binding.packetDestroy(this.#handle)
  }

  [Symbol.dispose]() {
    this.destroy()
  }

  // A Packet around a handle the native side made (packets read in batches).
  static _fromHandle(handle) {
    const packet = new module.exports(ADOPT)
    packet.#handle = handle
    return packet
  }

  // The native handle, for the format contexts that read into or write from this packet.
  static _handleOf(packet, name = 'packet') {
    if (typeof packet !== 'object' || packet === null || !(#handle in packet)) {
      throw new TypeError(`${name} must be a Packet`)
    }
    return packet.#handle
  }
}
