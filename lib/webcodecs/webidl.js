// The WebIDL conversions the WebCodecs interfaces use: [EnforceRange] integers (a TypeError for
// NaN, infinities and values out of range, truncated otherwise) and BufferSource bytes.
exports.enforceRange = function enforceRange(value, name, { min, max }) {
  const n = Number(value)
  if (!Number.isFinite(n)) throw new TypeError(`${name} must be a finite number`)
  const t = Math.trunc(n)
  if (t < min || t > max) throw new TypeError(`${name} is out of range`)
  return t
}

exports.LONG_LONG = { min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }
exports.UNSIGNED_LONG_LONG = { min: 0, max: Number.MAX_SAFE_INTEGER }
exports.UNSIGNED_LONG = { min: 0, max: 0xffffffff }

// The bytes a BufferSource shows (an ArrayBuffer or a view), without copying.
exports.bytesOf = function bytesOf(source, name) {
  if (source instanceof ArrayBuffer) return new Uint8Array(source)
  if (ArrayBuffer.isView(source)) {
    return new Uint8Array(source.buffer, source.byteOffset, source.byteLength)
  }
  throw new TypeError(`${name} must be an ArrayBuffer or an ArrayBufferView`)
}
