// Packet: one compressed frame (an AVPacket). See docs/packet.md.
const binding = require('../binding')
const Rational = require('./rational')
const { packet: F, packetRational: R } = require('./fields')
const SideData = require('./packet-side-data')
const { packetFlags } = require('./constants')
const internal = require('./internal')

// The block of pooled memory small payloads are shown in (see `data`); the native side checks
// it is this thread's current one, and says when a new one is needed.
let slab = null
// A field's value. packetGet has a fast path (a V8 fast call from optimized code) that returns
// NaN when it cannot serve the call (a destroyed packet, say); the slow one then says why.
function get(handle, field) {
  const value = binding.packetGet(handle, field)
  return Number.isNaN(value) ? binding.packetGetSlow(handle, field) : value
}

// Sets a field: packetSet's fast path returns NaN when it cannot (a value out of range, say);
// the slow one then sets it or says why.
function set(handle, field, value) {
  if (binding.packetSet(handle, field, value) !== 0) binding.packetSetSlow(handle, field, value)
}

const ADOPT = Symbol('adopt') // private constructor path for [internal.fromHandle]()

const Packet = (module.exports = class Packet {
  #handle // the native AVPacket: passed to every native call, never exposed
  // Where `data` is, when known without asking: the slab and the place in it (see `data`).
  // Dropped whenever the handle goes to anything that may change the payload.
  #slab = null
  #at = 0
  #dataRead = false // `data` was read since the last readFrame(): place the next payload at once

  constructor(buffer) {
    if (buffer === ADOPT) return // [internal.fromHandle]() fills it in
    binding.packetCreate((handle) => (this.#handle = handle))
    if (buffer !== undefined) this.data = buffer
  }

  get streamIndex() {
    return get(this.#handle, F.streamIndex)
  }

  set streamIndex(value) {
    set(this.#handle, F.streamIndex, value)
  }

  get pts() {
    return get(this.#handle, F.pts)
  }

  set pts(value) {
    set(this.#handle, F.pts, value)
  }

  get dts() {
    return get(this.#handle, F.dts)
  }

  set dts(value) {
    set(this.#handle, F.dts, value)
  }

  get duration() {
    return get(this.#handle, F.duration)
  }

  set duration(value) {
    set(this.#handle, F.duration, value)
  }

  get flags() {
    return get(this.#handle, F.flags)
  }

  set flags(value) {
    set(this.#handle, F.flags, value)
  }

  // Byte position in the input, or -1 when unknown.
  get pos() {
    return get(this.#handle, F.pos)
  }

  set pos(value) {
    set(this.#handle, F.pos, value)
  }

  get size() {
    return get(this.#handle, F.size)
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

  // The payload: a view of the packet's own memory. It holds its own reference to that memory,
  // so it stays valid after the packet is reused (unref, readFrame) or destroyed. Writing into
  // it writes the payload. A small payload (up to 32 KiB) first moves into pooled memory that
  // many payloads share (one copy, once; the packet then uses it as its own), which spares a
  // native ArrayBuffer per packet; a view keeps its whole block (256 KiB) alive, so copyData()
  // what you keep for long. A large payload is shown where it is.
  get data() {
    this.#dataRead = true
    if (this.#slab === null) {
      let at = binding.packetDataView(this.#handle, slab)
      if (at === -1) {
        slab = binding.packetNewSlab()
        at = binding.packetDataView(this.#handle, slab)
      }
      if (typeof at !== 'number') return Buffer.from(at) // a large payload's own memory
      this.#slab = slab
      this.#at = at
    }
    const size = this.#slab.byteLength
    return Buffer.from(this.#slab, this.#at % size, Math.floor(this.#at / size))
  }

  // A copy of the payload in memory of its own.
  copyData() {
    return Buffer.from(binding.packetCopyData(this.#handle))
  }

  set data(value) {
    this.#slab = null
    if (value instanceof ArrayBuffer) value = new Uint8Array(value)
    else if (ArrayBuffer.isView(value)) {
      value = new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    }
    binding.packetSetData(this.#handle, value)
  }

  get timeBase() {
    binding.packetGetRational(this.#handle, R.timeBase, Rational[internal.out])
    return Rational[internal.fromOut]()
  }

  set timeBase(value) {
    Rational[internal.check](value, 'timeBase')
    binding.packetSetRational(this.#handle, R.timeBase, value.numerator, value.denominator)
  }

  // Converts pts, dts and duration from one time base to another.
  rescaleTimestamps(from, to) {
    Rational[internal.check](from, 'from')
    Rational[internal.check](to, 'to')
    binding.packetRescale(
      this.#handle,
      from.numerator,
      from.denominator,
      to.numerator,
      to.denominator
    )
  }

  // [Packet.SideData]: what the packet carries besides its payload (palette, new extra data,
  // skip samples, ...). Assigning an array of SideData (or { type, data }) replaces it all.
  get sideData() {
    return binding
      .packetGetSideData(this.#handle)
      .map(({ type, name, data }) => new SideData(type, Buffer.from(data), name))
  }

  set sideData(entries) {
    binding.packetSetSideData(this.#handle, SideData[internal.flatten](entries))
  }

  copyPropsFrom(source) {
    binding.packetCopyProps(this.#handle, module.exports[internal.handleOf](source, 'source'))
  }

  unref() {
    this.#slab = null
    if (binding.packetUnref(this.#handle) !== 0) binding.packetUnrefSlow(this.#handle)
  }

  destroy() {
    this.#slab = null
    binding.packetDestroy(this.#handle)
  }

  [Symbol.dispose]() {
    this.destroy()
  }

  [Symbol.for('bare.inspect')]() {
    return {
      __proto__: { constructor: Packet },
      streamIndex: this.streamIndex,
      pts: this.pts,
      dts: this.dts,
      duration: this.duration,
      flags: this.flags,
      isKeyframe: this.isKeyframe,
      timeBase: this.timeBase,
      size: this.size
    }
  }

  // A Packet around a handle the native side made (packets read in batches).
  static [internal.fromHandle](handle) {
    const packet = new module.exports(ADOPT)
    packet.#handle = handle
    return packet
  }

  // The native handle, for the format contexts that read into or write from this packet. What
  // they do may change the payload: its known place is dropped.
  static [internal.handleOf](packet, name = 'packet') {
    if (typeof packet !== 'object' || packet === null || !(#handle in packet)) {
      throw new TypeError(`${name} must be a Packet`)
    }
    packet.#slab = null
    return packet.#handle
  }

  // For readFrame(), after [internal.handleOf](): the slab to place the next payload in at once, when
  // this packet's `data` was read since its last read (null otherwise: no copy for consumers
  // that never look at payloads).
  static [internal.slabFor](packet) {
    if (!packet.#dataRead) return null
    packet.#dataRead = false
    return slab
  }

  // readFrame()'s result: where the payload was placed, in the slab _slabFor() gave.
  static [internal.placed](packet, where, at) {
    packet.#slab = where
    packet.#at = at
  }
})

Packet.SideData = SideData
