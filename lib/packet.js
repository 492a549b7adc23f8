// Packet: one compressed frame (an AVPacket). See docs/packet.md.
const binding = require('../binding')
const Rational = require('./rational')
const { packet: F, packetRational: R } = require('./fields')
const { packetFlags } = require('./constants')

// The AVPacket is owned by the object itself (js_wrap): native calls take `this`.
module.exports = class Packet {
  constructor(buffer) {
    binding.packetCreate(this)
    if (buffer !== undefined) this.data = buffer
  }

  get streamIndex() {
    return binding.packetGet(this, F.streamIndex)
  }

  set streamIndex(value) {
    binding.packetSet(this, F.streamIndex, value)
  }

  get pts() {
    return binding.packetGet(this, F.pts)
  }

  set pts(value) {
    binding.packetSet(this, F.pts, value)
  }

  get dts() {
    return binding.packetGet(this, F.dts)
  }

  set dts(value) {
    binding.packetSet(this, F.dts, value)
  }

  get duration() {
    return binding.packetGet(this, F.duration)
  }

  set duration(value) {
    binding.packetSet(this, F.duration, value)
  }

  get flags() {
    return binding.packetGet(this, F.flags)
  }

  set flags(value) {
    binding.packetSet(this, F.flags, value)
  }

  // Byte position in the input, or -1 when unknown.
  get pos() {
    return binding.packetGet(this, F.pos)
  }

  set pos(value) {
    binding.packetSet(this, F.pos, value)
  }

  get size() {
    return binding.packetGet(this, F.size)
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
    return Buffer.from(binding.packetGetData(this))
  }

  set data(value) {
    if (value instanceof ArrayBuffer) value = new Uint8Array(value)
    else if (ArrayBuffer.isView(value)) {
      value = new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    }
    binding.packetSetData(this, value)
  }

  get timeBase() {
    const [num, den] = binding.packetGetRational(this, R.timeBase)
    return new Rational(num, den)
  }

  set timeBase(value) {
    binding.packetSetRational(this, R.timeBase, value.numerator, value.denominator)
  }

  // Converts pts, dts and duration from one time base to another.
  rescaleTimestamps(from, to) {
    binding.packetRescale(this, from.numerator, from.denominator, to.numerator, to.denominator)
  }

  copyPropsFrom(source) {
    if (!(source instanceof module.exports)) throw new TypeError('source must be a Packet')
    binding.packetCopyProps(this, source)
  }

  unref() {
    binding.packetUnref(this)
  }

  destroy() {
    binding.packetDestroy(this)
  }

  [Symbol.dispose]() {
    this.destroy()
  }
}
