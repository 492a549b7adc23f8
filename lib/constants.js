// FFmpeg's constants, grouped by topic. Values come from the native side (FFmpeg's headers).
const binding = require('../binding')

const c = {}
binding.constantNames.forEach((name, i) => {
  c[name] = binding.constantValues[i]
})

module.exports = {
  seek: {
    SET: c.SEEK_SET,
    CUR: c.SEEK_CUR,
    END: c.SEEK_END,
    SIZE: c.AVSEEK_SIZE,
    FORCE: c.AVSEEK_FORCE
  },
  seekFlags: {
    BACKWARD: c.AVSEEK_FLAG_BACKWARD,
    BYTE: c.AVSEEK_FLAG_BYTE,
    ANY: c.AVSEEK_FLAG_ANY,
    FRAME: c.AVSEEK_FLAG_FRAME
  },
  mediaTypes: {
    UNKNOWN: c.AVMEDIA_TYPE_UNKNOWN,
    VIDEO: c.AVMEDIA_TYPE_VIDEO,
    AUDIO: c.AVMEDIA_TYPE_AUDIO,
    DATA: c.AVMEDIA_TYPE_DATA,
    SUBTITLE: c.AVMEDIA_TYPE_SUBTITLE,
    ATTACHMENT: c.AVMEDIA_TYPE_ATTACHMENT,
    ATTACHEMENT: c.AVMEDIA_TYPE_ATTACHMENT, // the published package's spelling
    NB: c.AVMEDIA_TYPE_NB
  },
  packetFlags: {
    KEY: c.AV_PKT_FLAG_KEY,
    CORRUPT: c.AV_PKT_FLAG_CORRUPT,
    DISCARD: c.AV_PKT_FLAG_DISCARD
  },
  codecs: {
    NONE: c.AV_CODEC_ID_NONE,
    H264: c.AV_CODEC_ID_H264,
    AVC: c.AV_CODEC_ID_H264,
    HEVC: c.AV_CODEC_ID_HEVC,
    H265: c.AV_CODEC_ID_HEVC,
    VP8: c.AV_CODEC_ID_VP8,
    VP9: c.AV_CODEC_ID_VP9,
    AV1: c.AV_CODEC_ID_AV1,
    MPEG4: c.AV_CODEC_ID_MPEG4,
    MJPEG: c.AV_CODEC_ID_MJPEG,
    AAC: c.AV_CODEC_ID_AAC,
    MP2: c.AV_CODEC_ID_MP2,
    MP3: c.AV_CODEC_ID_MP3,
    OPUS: c.AV_CODEC_ID_OPUS,
    VORBIS: c.AV_CODEC_ID_VORBIS,
    FLAC: c.AV_CODEC_ID_FLAC,
    PCM_S16LE: c.AV_CODEC_ID_PCM_S16LE,
    PCM_S16BE: c.AV_CODEC_ID_PCM_S16BE,
    PCM_U8: c.AV_CODEC_ID_PCM_U8,
    PCM_ALAW: c.AV_CODEC_ID_PCM_ALAW,
    PCM_MULAW: c.AV_CODEC_ID_PCM_MULAW
  },
  rounding: {
    AV_ROUND_ZERO: c.AV_ROUND_ZERO,
    AV_ROUND_INF: c.AV_ROUND_INF,
    AV_ROUND_DOWN: c.AV_ROUND_DOWN,
    AV_ROUND_UP: c.AV_ROUND_UP,
    AV_ROUND_NEAR_INF: c.AV_ROUND_NEAR_INF,
    AV_ROUND_PASS_MINMAX: c.AV_ROUND_PASS_MINMAX
  },
  channelLayouts: {
    MONO: c.AV_CH_LAYOUT_MONO,
    STEREO: c.AV_CH_LAYOUT_STEREO,
    QUAD: c.AV_CH_LAYOUT_QUAD,
    SURROUND: c.AV_CH_LAYOUT_SURROUND,
    '2_1': c.AV_CH_LAYOUT_2POINT1,
    '5_0': c.AV_CH_LAYOUT_5POINT0,
    '5_1': c.AV_CH_LAYOUT_5POINT1,
    '7_1': c.AV_CH_LAYOUT_7POINT1,
    // The published names with dots.
    2.1: c.AV_CH_LAYOUT_2POINT1,
    '5.0': c.AV_CH_LAYOUT_5POINT0,
    5.1: c.AV_CH_LAYOUT_5POINT1,
    7.1: c.AV_CH_LAYOUT_7POINT1
  },
  logLevels: {
    QUIET: c.AV_LOG_QUIET,
    PANIC: c.AV_LOG_PANIC,
    FATAL: c.AV_LOG_FATAL,
    ERROR: c.AV_LOG_ERROR,
    WARNING: c.AV_LOG_WARNING,
    INFO: c.AV_LOG_INFO,
    VERBOSE: c.AV_LOG_VERBOSE,
    DEBUG: c.AV_LOG_DEBUG,
    TRACE: c.AV_LOG_TRACE
  },
  formatFlags: {
    NOFILE: c.AVFMT_NOFILE,
    GLOBALHEADER: c.AVFMT_GLOBALHEADER,
    NOTIMESTAMPS: c.AVFMT_NOTIMESTAMPS,
    VARIABLE_FPS: c.AVFMT_VARIABLE_FPS,
    TS_DISCONT: c.AVFMT_TS_DISCONT,
    GENERIC_INDEX: c.AVFMT_GENERIC_INDEX,
    NO_BYTE_SEEK: c.AVFMT_NO_BYTE_SEEK
  },
  // A timestamp FFmpeg does not know (AV_NOPTS_VALUE, -2^63, exact as a double).
  NOPTS_VALUE: c.AV_NOPTS_VALUE,
  // Microseconds: the unit of format context durations and start times.
  TIME_BASE: c.AV_TIME_BASE
}
