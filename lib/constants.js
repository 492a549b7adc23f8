// FFmpeg's constants, grouped by topic as the published package has them. The values come from
// the native side (FFmpeg's headers): `binding.constants` holds them under FFmpeg's own names,
// and most groups are those names with a common prefix, the prefix dropped.
const binding = require('../binding')
const FFmpegError = require('./errors')

const c = binding.constants

// { SUFFIX: value } for every constant named `prefix` + SUFFIX.
function group(prefix, extra = {}) {
  const result = {}
  for (const [name, value] of Object.entries(c)) {
    if (name.startsWith(prefix)) result[name.slice(prefix.length)] = value
  }
  return Object.assign(result, extra)
}

function tag(a, b, c, d) {
  return (
    a.charCodeAt(0) | (b.charCodeAt(0) << 8) | (c.charCodeAt(0) << 16) | (d.charCodeAt(0) << 24)
  )
}

const mediaTypes = group('AVMEDIA_TYPE_')
const codecs = group('AV_CODEC_ID_')
const channelLayouts = group('AV_CH_LAYOUT_')

const constants =
  (module.exports =
  exports =
    {
      seek: {
        SET: c.SEEK_SET,
        CUR: c.SEEK_CUR,
        END: c.SEEK_END,
        SIZE: c.AVSEEK_SIZE,
        FORCE: c.AVSEEK_FORCE
      },
      seekFlags: group('AVSEEK_FLAG_'),
      // ATTACHEMENT: the published package's spelling.
      mediaTypes: { ...mediaTypes, ATTACHEMENT: mediaTypes.ATTACHMENT },
      packetFlags: group('AV_PKT_FLAG_'),
      codecs: { ...codecs, AVC: codecs.H264, H265: codecs.HEVC },
      tags: {
        MJPEG: tag('M', 'J', 'P', 'G'),
        AV1: tag('A', 'V', '0', '1'),
        H264: tag('H', '2', '6', '4'),
        AAC: 0x00ff,
        FLAC: 0xf1ac,
        MP3: 0x0055
      },
      profiles: { H264_MAIN: c.AV_PROFILE_H264_MAIN },
      levels: { UNKNOWN: c.AV_LEVEL_UNKNOWN },
      pixelFormats: group('AV_PIX_FMT_'),
      sampleFormats: group('AV_SAMPLE_FMT_'),
      channelLayouts: {
        MONO: channelLayouts.MONO,
        STEREO: channelLayouts.STEREO,
        QUAD: channelLayouts.QUAD,
        SURROUND: channelLayouts.SURROUND,
        '2_1': channelLayouts['2POINT1'],
        '5_0': channelLayouts['5POINT0'],
        '5_1': channelLayouts['5POINT1'],
        '7_1': channelLayouts['7POINT1'],
        2.1: channelLayouts['2POINT1'],
        '5.0': channelLayouts['5POINT0'],
        5.1: channelLayouts['5POINT1'],
        7.1: channelLayouts['7POINT1']
      },
      pictureTypes: group('AV_PICTURE_TYPE_'),
      logLevels: group('AV_LOG_'),
      codecFlags: group('AV_CODEC_FLAG_'),
      codecConfig: group('AV_CODEC_CONFIG_'),
      formatFlags: group('AVFMT_'),
      dispositions: group('AV_DISPOSITION_'),
      packetSideDataType: group('AV_PKT_DATA_'),
      frameSideDataType: group('AV_FRAME_DATA_'),
      scalerFlags: group('SWS_'),
      // The published package keys these by their full FFmpeg names.
      rounding: group('AV_ROUND_', {}),
      optionFlags: group('AV_OPT_'),
      hwDeviceTypes: group('AV_HWDEVICE_TYPE_'),
      hwFrameMapFlags: group('AV_HWFRAME_MAP_', { NONE: 0 }),
      colorSpace: group('AVCOL_SPC_', { YCOCG: c.AVCOL_SPC_YCGCO }),
      colorRange: group('AVCOL_RANGE_'),
      colorPrimaries: group('AVCOL_PRI_', {
        SMPTEST428_1: c.AVCOL_PRI_SMPTE428,
        JEDEC_P22: c.AVCOL_PRI_EBU3213
      }),
      colorTRC: group('AVCOL_TRC_', {
        SMPTEST2084: c.AVCOL_TRC_SMPTE2084,
        SMPTEST428_1: c.AVCOL_TRC_SMPTE428
      }),
      NOPTS_VALUE: c.AV_NOPTS_VALUE,
      TIME_BASE: c.AV_TIME_BASE
    })
constants.rounding = Object.fromEntries(
  Object.entries(constants.rounding).map(([name, value]) => ['AV_ROUND_' + name, value])
)

// Names and values, as the published package has them ('YUV420P'), or FFmpeg's own names
// ('yuv420p', ours) where `fromName` knows them. A name neither knows is the published package's
// FFmpegError (code 'UNKNOWN_PIXEL_FORMAT', ...).
function lookup(groupName, what, unknown, fromName = null) {
  return (value) => {
    if (typeof value === 'number') return value
    if (typeof value === 'string') {
      let found = Object.hasOwn(constants[groupName], value)
        ? constants[groupName][value]
        : undefined
      if (found === undefined && fromName) {
        try {
          found = fromName(value)
        } catch {
          // not FFmpeg's name either
        }
      }
      if (found === undefined) throw unknown(`Unknown ${what} '${value}'`)
      return found
    }
    throw new TypeError(`${what} must be a number or a string, got ${typeof value}`)
  }
}

exports.toPixelFormat = lookup(
  'pixelFormats',
  'pixel format',
  FFmpegError.UNKNOWN_PIXEL_FORMAT,
  binding.pixelFormatFromName
)
exports.toSampleFormat = lookup(
  'sampleFormats',
  'sample format',
  FFmpegError.UNKNOWN_SAMPLE_FORMAT,
  binding.sampleFormatFromName
)
exports.toChannelLayout = lookup(
  'channelLayouts',
  'channel layout',
  FFmpegError.UNKNOWN_CHANNEL_LAYOUT
)

exports.getPixelFormatName = (format) => binding.pixelFormatName(format)
exports.getSampleFormatName = (format) => binding.sampleFormatName(format)
exports.getColorSpaceName = (space) => binding.colorSpaceName(space)
exports.getColorPrimariesName = (primaries) => binding.colorPrimariesName(primaries)
exports.getColorTransferName = (transfer) => binding.colorTransferName(transfer)
exports.getColorRangeName = (range) => binding.colorRangeName(range)
exports.toColorSpace = (name) => binding.colorSpaceFromName(name)
exports.toColorPrimaries = (name) => binding.colorPrimariesFromName(name)
exports.toColorTransfer = (name) => binding.colorTransferFromName(name)
