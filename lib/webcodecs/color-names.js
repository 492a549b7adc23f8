// FFmpeg's colour description (the numbers of ITU-T H.273 that a Frame's or CodecParameters'
// colorPrimaries, colorTRC, colorSpace and colorRange hold) as a VideoColorSpaceInit: the names
// WebCodecs has (VideoColorPrimaries, VideoTransferCharacteristics, VideoMatrixCoefficients),
// null for a value it has no name for or that is unspecified; and back.
const PRIMARIES = { 1: 'bt709', 5: 'bt470bg', 6: 'smpte170m', 9: 'bt2020', 12: 'smpte432' }
const TRANSFER = {
  1: 'bt709',
  6: 'smpte170m',
  8: 'linear',
  13: 'iec61966-2-1',
  16: 'pq',
  18: 'hlg'
}
const MATRIX = { 0: 'rgb', 1: 'bt709', 5: 'bt470bg', 6: 'smpte170m', 9: 'bt2020-ncl' }
const RANGE = { 1: false, 2: true } // AVCOL_RANGE_MPEG (limited), AVCOL_RANGE_JPEG (full)

// `described`: anything with colorPrimaries, colorTRC, colorSpace and colorRange (a Frame,
// CodecParameters).
exports.colorSpaceOf = function colorSpaceOf(described) {
  return {
    primaries: PRIMARIES[described.colorPrimaries] ?? null,
    transfer: TRANSFER[described.colorTRC] ?? null,
    matrix: MATRIX[described.colorSpace] ?? null,
    fullRange: RANGE[described.colorRange] ?? null
  }
}

const numberOf = (table, name) => {
  const found = Object.entries(table).find(([, value]) => value === name)
  return found ? Number(found[0]) : undefined
}

// Writes a VideoColorSpaceInit's known members into `described` (a Frame, CodecParameters);
// null and unknown names leave its fields as they are.
exports.setColorSpace = function setColorSpace(described, init) {
  const fields = [
    ['colorPrimaries', PRIMARIES, init.primaries],
    ['colorTRC', TRANSFER, init.transfer],
    ['colorSpace', MATRIX, init.matrix],
    ['colorRange', RANGE, init.fullRange]
  ]
  for (const [field, table, name] of fields) {
    const value = numberOf(table, name)
    if (value !== undefined) described[field] = value
  }
}

// Whether a VideoColorSpaceInit says anything.
exports.isDescribed = (init) => Object.values(init).some((v) => v !== null && v !== undefined)
