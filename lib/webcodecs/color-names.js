// FFmpeg's colour description (the numbers of ITU-T H.273 that a Frame's or CodecParameters'
// colorPrimaries, colorTRC, colorSpace and colorRange hold) as a VideoColorSpaceInit: the names
// WebCodecs has (VideoColorPrimaries, VideoTransferCharacteristics, VideoMatrixCoefficients),
// null for a value it has no name for or that is unspecified.
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
