// Sound formats between FFmpeg and WebCodecs: FFmpeg's sample formats by WebCodecs' names, and
// FFmpeg's default layout for a channel count (av_channel_layout_default), as masks.
exports.SAMPLE_FORMATS = {
  u8: 'u8',
  s16: 's16',
  s32: 's32',
  flt: 'f32',
  u8p: 'u8-planar',
  s16p: 's16-planar',
  s32p: 's32-planar',
  fltp: 'f32-planar'
}

// Bytes per sample of each WebCodecs format (its planar form the same).
exports.BYTES = { u8: 1, s16: 2, s32: 4, f32: 4 }

const LAYOUTS = [0, 0x4, 0x3, 0x7, 0x107, 0x37, 0x3f, 0x13f, 0x63f]

exports.layoutMask = (channels) => LAYOUTS[channels] ?? 2 ** channels - 1
