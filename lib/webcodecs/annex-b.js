// H.264 in its two forms: Annex B (start codes, what encoders give) and AVC (each NAL unit
// prefixed by its 4-byte length, parameter sets in an avcC record: WebCodecs' default
// `avc: { format: 'avc' }`, and MP4's). HEVC's record is hvcc.js's; its units are cut here too.

// The NAL units of an Annex B stream.
exports.units = units
function units(bytes) {
  const starts = []
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0 && bytes[i + 1] === 0 && bytes[i + 2] === 1) {
      starts.push(i + 3)
      i += 2
    }
  }
  return starts.map((start, n) => {
    let end = n + 1 < starts.length ? starts[n + 1] - 3 : bytes.length
    while (end > start && bytes[end - 1] === 0) end-- // a 4-byte start code's leading zero
    return bytes.subarray(start, end)
  })
}

// Annex B to length-prefixed; parameter sets (SPS 7, PPS 8) left out, as they are in the avcC.
exports.toAvc = (bytes) => lengthPrefixed(bytes, (u) => [7, 8].includes(u[0] & 0x1f))

// Annex B to length-prefixed, without the units `outOfBand(unit)` picks (they are in the record).
exports.lengthPrefixed = lengthPrefixed
function lengthPrefixed(bytes, outOfBand) {
  const kept = units(bytes).filter((u) => u.length > 0 && !outOfBand(u))
  const out = new Uint8Array(kept.reduce((n, u) => n + 4 + u.length, 0))
  let at = 0
  for (const u of kept) {
    new DataView(out.buffer).setUint32(at, u.length)
    out.set(u, at + 4)
    at += 4 + u.length
  }
  return out
}

// The avcC record for the SPS and PPS in Annex B `extradata`; null without an SPS.
exports.avcC = function avcC(extradata) {
  const all = units(extradata)
  const sps = all.filter((u) => (u[0] & 0x1f) === 7)
  const pps = all.filter((u) => (u[0] & 0x1f) === 8)
  if (sps.length === 0 || sps[0].length < 4) return null
  const size =
    7 + sps.reduce((n, u) => n + 2 + u.length, 0) + pps.reduce((n, u) => n + 2 + u.length, 0)
  const out = new Uint8Array(size)
  out.set([1, sps[0][1], sps[0][2], sps[0][3], 0xff, 0xe0 | sps.length])
  const at = putUnits(out, 6, sps)
  out[at] = pps.length
  putUnits(out, at + 1, pps)
  return out
}

// Writes `list`'s units into `out` from `at`, each after its 16-bit length (as the avcC and hvcC
// records hold them); returns where they end.
exports.putUnits = putUnits
function putUnits(out, at, list) {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength)
  for (const u of list) {
    view.setUint16(at, u.length)
    out.set(u, at + 2)
    at += 2 + u.length
  }
  return at
}

// The codec string of an SPS: avc1.PPCCLL (profile, constraints, level).
exports.codecString = function codecString(extradata, prefix = 'avc1') {
  const sps = units(extradata).find((u) => (u[0] & 0x1f) === 7)
  if (!sps || sps.length < 4) return null
  const hex = (v) => v.toString(16).toUpperCase().padStart(2, '0')
  return `${prefix}.${hex(sps[1])}${hex(sps[2])}${hex(sps[3])}`
}
