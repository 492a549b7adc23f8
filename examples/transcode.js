// Transcodes the video of a file to VP8 in WebM: demux, decode, encode, mux (through
// IOContext.toFile()). VP8 takes yuv420p pictures: others go through a Scaler first.
//
//   bare examples/transcode.js input output.webm [bitrate]
const ffmpeg = require('..')

const {
  IOContext,
  InputFormatContext,
  OutputFormatContext,
  Encoder,
  CodecContext,
  Packet,
  Frame,
  Scaler
} = ffmpeg
const { mediaTypes, pixelFormats } = ffmpeg.constants

// Returns the number of frames decoded and of packets written.
function transcode(from, to, { bitRate = 500000 } = {}) {
  using input = new InputFormatContext(IOContext.fromFile(from))
  const stream = input.getBestStream(mediaTypes.VIDEO)
  if (!stream) throw new Error(`${from} has no video`)
  using decoder = stream.decoder()
  decoder.open({ threads: 'auto' })
  // Pictures in another pixel format are converted (same size) for the encoder.
  using scaler =
    decoder.pixelFormat === pixelFormats.YUV420P
      ? null
      : new Scaler(
          decoder.pixelFormat,
          decoder.width,
          decoder.height,
          pixelFormats.YUV420P,
          decoder.width,
          decoder.height
        )
  using converted = new Frame()

  using encoder = new CodecContext(new Encoder('libvpx'))
  encoder.width = decoder.width
  encoder.height = decoder.height
  encoder.pixelFormat = pixelFormats.YUV420P
  encoder.timeBase = stream.timeBase // frames keep the stream's timestamps
  encoder.bitRate = bitRate
  encoder.open()

  using output = new OutputFormatContext('webm', IOContext.toFile(to))
  const out = output.createStream()
  out.codecParameters.fromContext(encoder)
  out.timeBase = encoder.timeBase
  output.writeHeader()

  using packet = new Packet()
  using frame = new Frame()
  let frames = 0
  let packets = 0
  const write = () => {
    while (encoder.receivePacket(packet)) {
      packet.streamIndex = 0
      packet.rescaleTimestamps(encoder.timeBase, out.timeBase)
      output.writeFrame(packet)
      packets++
    }
  }
  const encode = (last) => {
    while (decoder.receiveFrame(frame)) {
      frames++
      frame.pts = frame.bestEffortTimestamp
      if (scaler) {
        scaler.scale(frame, converted)
        converted.copyProperties(frame)
      }
      encoder.sendFrame(scaler ? converted : frame)
      write()
    }
    if (last) {
      encoder.sendFrame() // the flush
      write()
    }
  }
  while (input.readFrame(packet)) {
    if (packet.streamIndex !== stream.index) continue
    decoder.sendPacket(packet)
    encode(false)
  }
  decoder.sendPacket()
  encode(true)
  output.writeTrailer()
  return { frames, packets }
}

module.exports = transcode

if (require.main === module) {
  const [from, to, bitRate] = Bare.argv.slice(2)
  if (!from || !to) {
    console.error('usage: bare examples/transcode.js input output.webm [bitrate]')
    Bare.exit(1)
  }
  const { frames, packets } = transcode(from, to, {
    bitRate: bitRate ? Number(bitRate) : undefined
  })
  console.log(`decoded ${frames} frames, wrote ${packets} VP8 packets to ${to}`)
}
