// require('bare-ffmpeg/webcodecs'): the W3C WebCodecs interfaces, backed by FFmpeg (the same
// classes as require('bare-ffmpeg').webcodecs). See docs/webcodecs.md.
module.exports = {
  VideoDecoder: require('./lib/webcodecs/video-decoder'),
  AudioDecoder: require('./lib/webcodecs/audio-decoder'),
  VideoEncoder: require('./lib/webcodecs/video-encoder'),
  AudioEncoder: require('./lib/webcodecs/audio-encoder'),
  EncodedVideoChunk: require('./lib/webcodecs/encoded-video-chunk'),
  EncodedAudioChunk: require('./lib/webcodecs/encoded-audio-chunk'),
  VideoFrame: require('./lib/webcodecs/video-frame'),
  AudioData: require('./lib/webcodecs/audio-data'),
  VideoColorSpace: require('./lib/webcodecs/video-color-space'),
  ImageDecoder: require('./lib/webcodecs/image-decoder'),
  WebCodecsBridge: require('./lib/webcodecs/bridge')
}
