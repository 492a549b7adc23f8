// A file demuxed by bare-ffmpeg and its video decoded with WebCodecs, the way a Pear renderer
// would decode it in Chromium: each packet becomes an EncodedVideoChunk, the stream's codec
// parameters the VideoDecoder's configuration (WebCodecsBridge).
//
//   bare examples/webcodecs-decode.js movie.webm
const { IOContext, InputFormatContext, Packet, constants } = require('..')
const { VideoDecoder, WebCodecsBridge } = require('../webcodecs')

// Decodes the first video stream of `file`; calls `each(frame)` for every VideoFrame (closed
// after it returns) and returns how many there were.
async function decodeFile(file, each = () => {}) {
  using input = new InputFormatContext(IOContext.fromFile(file))
  const stream = input.streams.find((s) => s.codecParameters.type === constants.mediaTypes.VIDEO)
  if (!stream) throw new Error(`${file} has no video`)
  const config = WebCodecsBridge.decoderConfigOf(stream)
  if (!config || !(await VideoDecoder.isConfigSupported(config)).supported) {
    throw new Error(`WebCodecs here cannot decode ${stream.codec.name}`)
  }
  let count = 0
  let failure = null
  const decoder = new VideoDecoder({
    output: (frame) => {
      count++
      try {
        each(frame)
      } finally {
        frame.close()
      }
    },
    error: (err) => (failure = err)
  })
  decoder.configure(config)
  using packet = new Packet()
  while (input.readFrame(packet)) {
    if (packet.streamIndex === stream.index) {
      decoder.decode(WebCodecsBridge.chunkFromPacket(packet, stream))
    }
  }
  await decoder.flush().catch(() => {})
  if (failure) throw failure
  decoder.close()
  return count
}

module.exports = decodeFile

if (require.main === module) {
  decodeFile(Bare.argv[2], (frame) => {
    console.log(`${frame.timestamp} us: ${frame.format} ${frame.codedWidth}x${frame.codedHeight}`)
  }).then(
    (count) => console.log(`${count} frames`),
    (err) => {
      console.error(`webcodecs-decode failed: ${err.message}`)
      Bare.exitCode = 1
    }
  )
}
