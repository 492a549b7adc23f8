// Codec strings as the WebCodecs codec registry writes them ('vp8', 'vp09.00.10.08',
// 'av01.0.04M.08', 'avc1.42001E', 'hev1.1.6.L93.B0', 'opus', 'mp4a.40.2', 'flac', 'mp3',
// 'vorbis', 'pcm-s16', 'ulaw', 'alaw'), mapped to the FFmpeg decoder that decodes them. null: not
// a codec string this package knows.
const VIDEO = [
  [/^vp8$/, 'vp8'],
  [/^vp09\.\d{2}\.\d{2}\.\d{2}(\.\d{2}){0,5}$/, 'vp9'],
  [/^av01\.\d\.\d{2}[MH]\.\d{2}(\.\d(\.\d{3}(\.\d{2}){0,3})?)?$/, 'libdav1d'],
  [/^avc[13]\.[0-9A-Fa-f]{6}$/, 'h264'],
  [
    /^(hev1|hvc1)\.[AaBbCc]?\d{1,2}\.[0-9A-Fa-f]{1,8}\.[LH]\d{1,3}(\.[0-9A-Fa-f]{1,2}){0,6}$/,
    'hevc'
  ]
]

const AUDIO = [
  [/^opus$/, 'opus'],
  [/^flac$/, 'flac'],
  [/^(mp3|mp4a\.69|mp4a\.6B|mp4a\.40\.34)$/, 'mp3float'],
  [/^vorbis$/, 'vorbis'],
  [/^mp4a\.40\.(2|02|5|05|29)$/, 'aac'],
  [/^ulaw$/, 'pcm_mulaw'],
  [/^alaw$/, 'pcm_alaw'],
  [/^pcm-u8$/, 'pcm_u8'],
  [/^pcm-s16$/, 'pcm_s16le'],
  [/^pcm-s24$/, 'pcm_s24le'],
  [/^pcm-s32$/, 'pcm_s32le'],
  [/^pcm-f32$/, 'pcm_f32le']
]

function find(table, codec) {
  for (const [pattern, decoder] of table) if (pattern.test(codec)) return decoder
  return null
}

exports.videoDecoderFor = (codec) => find(VIDEO, codec)
exports.audioDecoderFor = (codec) => find(AUDIO, codec)
