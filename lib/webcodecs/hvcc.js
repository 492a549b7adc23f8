// HEVC in MP4's form (WebCodecs' `hevc: { format: 'hevc' }`): the HEVCDecoderConfigurationRecord
// (hvcC, ISO/IEC 14496-15 8.3.3) of an encoder's Annex B parameter sets, written as FFmpeg's
// ff_isom_write_hvcc writes it (test/webcodecs.js compares the two byte for byte), and the
// codec string it gives (hvc1.1.6.L93.B0: ISO/IEC 14496-15 annex E).
const { units, lengthPrefixed, putUnits } = require('./annex-b')

const VPS = 32
const SPS = 33
const PPS = 34
const SEI_PREFIX = 39
const SEI_SUFFIX = 40

const typeOf = (unit) => (unit[0] >> 1) & 0x3f

// A unit's payload (after its 2-byte header) without its emulation prevention bytes: the 03 of
// each 00 00 03.
function rbsp(unit) {
  const out = []
  let zeros = 0
  for (let i = 2; i < unit.length; i++) {
    if (zeros >= 2 && unit[i] === 3) {
      zeros = 0
      continue
    }
    out.push(unit[i])
    zeros = unit[i] === 0 ? zeros + 1 : 0
  }
  return Uint8Array.from(out)
}

class Bits {
  #bytes
  #at = 0 // in bits

  constructor(bytes) {
    this.#bytes = bytes
  }

  bits(n) {
    let v = 0
    for (let i = 0; i < n; i++) {
      const byte = this.#bytes[this.#at >> 3]
      if (byte === undefined) throw new Error('The HEVC parameter set ends early')
      v = v * 2 + ((byte >> (7 - (this.#at & 7))) & 1)
      this.#at++
    }
    return v
  }

  // An unsigned Exp-Golomb number.
  ue() {
    let zeros = 0
    while (this.bits(1) === 0) zeros++
    return 2 ** zeros - 1 + this.bits(zeros)
  }
}

// What the record takes from the SPS (H.265 7.3.2.2): profile_tier_level's general part (12
// bytes), the sub-layers, the chroma format and bit depths.
function parseSps(unit) {
  const payload = rbsp(unit)
  const r = new Bits(payload)
  r.bits(4) // sps_video_parameter_set_id
  const maxSubLayersMinus1 = r.bits(3)
  const temporalIdNested = r.bits(1)
  const general = payload.subarray(1, 13)
  r.bits(96)
  const present = []
  for (let i = 0; i < maxSubLayersMinus1; i++) present.push([r.bits(1), r.bits(1)])
  if (maxSubLayersMinus1 > 0) r.bits(2 * (8 - maxSubLayersMinus1))
  for (const [profile, level] of present) r.bits(profile * 88 + level * 8)
  r.ue() // sps_seq_parameter_set_id
  const chromaFormat = r.ue()
  if (chromaFormat === 3) r.bits(1) // separate_colour_plane_flag
  r.ue() // pic_width_in_luma_samples
  r.ue() // pic_height_in_luma_samples
  if (r.bits(1)) for (let i = 0; i < 4; i++) r.ue() // the conformance window
  const bitDepthLumaMinus8 = r.ue()
  const bitDepthChromaMinus8 = r.ue()
  return {
    general,
    numTemporalLayers: maxSubLayersMinus1 + 1,
    temporalIdNested,
    chromaFormat,
    bitDepthLumaMinus8,
    bitDepthChromaMinus8
  }
}

// The hvcC record of the parameter sets in Annex B `extradata` (with `complete`: they are all in
// the record, as hvc1 says); null without an SPS.
exports.hvcC = function hvcC(extradata, complete) {
  const all = units(extradata).filter((u) => u.length > 2)
  const sps = all.find((u) => typeOf(u) === SPS)
  if (!sps) return null
  const info = parseSps(sps)
  const arrays = [VPS, SPS, PPS, SEI_PREFIX, SEI_SUFFIX]
    .map((type) => [type, all.filter((u) => typeOf(u) === type)])
    .filter(([, list]) => list.length > 0)
  const size =
    23 + arrays.reduce((n, [, list]) => 3 + list.reduce((m, u) => m + 2 + u.length, n), 0)
  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  out[0] = 1 // configurationVersion
  out.set(info.general, 1) // profile space, tier, profile, compatibility, constraints, level
  view.setUint16(13, 0xf000) // min_spatial_segmentation_idc 0
  out[15] = 0xfc // parallelismType 0 (unknown)
  out[16] = 0xfc | info.chromaFormat
  out[17] = 0xf8 | info.bitDepthLumaMinus8
  out[18] = 0xf8 | info.bitDepthChromaMinus8
  view.setUint16(19, 0) // avgFrameRate: unknown
  out[21] = (info.numTemporalLayers << 3) | (info.temporalIdNested << 2) | 3 // 4-byte lengths
  out[22] = arrays.length
  let at = 23
  for (const [type, list] of arrays) {
    const inBand = type === SEI_PREFIX || type === SEI_SUFFIX
    out[at] = ((complete && !inBand ? 1 : 0) << 7) | type
    view.setUint16(at + 1, list.length)
    at = putUnits(out, at + 3, list)
  }
  return out
}

// The codec string of an hvcC record: hvc1.<space><profile>.<compatibility>.<tier><level>
// [.<constraint bytes>], with the compatibility flags bit-reversed and trailing zero constraint
// bytes left out.
exports.codecString = function codecString(record, prefix = 'hvc1') {
  const space = ['', 'A', 'B', 'C'][record[1] >> 6]
  const tier = (record[1] >> 5) & 1 ? 'H' : 'L'
  const profile = record[1] & 0x1f
  const flags = new DataView(record.buffer, record.byteOffset + 2, 4).getUint32(0)
  let reversed = 0
  for (let i = 0; i < 32; i++) reversed = reversed * 2 + ((flags >>> i) & 1)
  const constraints = [...record.subarray(6, 12)]
  while (constraints.length > 0 && constraints.at(-1) === 0) constraints.pop()
  const hex = (v) => v.toString(16).toUpperCase()
  return [
    prefix,
    `${space}${profile}`,
    hex(reversed),
    `${tier}${record[12]}`,
    ...constraints.map(hex)
  ].join('.')
}

// Annex B to length-prefixed, the parameter sets left out (they are in the record).
exports.toHevc = (bytes) => lengthPrefixed(bytes, (u) => [VPS, SPS, PPS].includes(typeOf(u)))
