// A sine tone from FFmpeg's lavfi test sources, encoded to Opus in WebM: the lavfi input as the
// published package opens it, an AudioFIFO recutting its 1024-sample frames into the 960-sample
// (20 ms) frames Opus takes, the encoder, the muxer.
//
//   bare examples/sine-to-webm.js output.webm [seconds] [frequency]
const ffmpeg = require('..')

const {
  IOContext,
  InputFormatContext,
  OutputFormatContext,
  InputFormat,
  Dictionary,
  CodecContext,
  Encoder,
  AudioFIFO,
  Packet,
  Frame,
  Rational
} = ffmpeg
const { sampleFormats } = ffmpeg.constants

const RATE = 48000

// Returns the number of samples encoded.
function sineToWebm(to, { seconds = 1, frequency = 440 } = {}) {
  using input = new InputFormatContext(
    new InputFormat('lavfi'),
    new Dictionary(),
    `sine=frequency=${frequency}:sample_rate=${RATE}:duration=${seconds}`
  )
  const stream = input.streams[0]
  using decoder = stream.decoder() // lavfi's packets carry frames: 's16' mono here
  decoder.open()

  using encoder = new CodecContext(new Encoder('libopus'))
  encoder.sampleRate = RATE
  encoder.sampleFormat = sampleFormats.S16
  encoder.channelLayout = decoder.channelLayout
  encoder.timeBase = new Rational(1, RATE)
  encoder.open()

  using output = new OutputFormatContext('webm', IOContext.toFile(to))
  const out = output.createStream()
  out.codecParameters.fromContext(encoder)
  out.timeBase = encoder.timeBase
  output.writeHeader()

  using fifo = new AudioFIFO(sampleFormats.S16, decoder.channelLayout.nbChannels, 4096)
  using packet = new Packet()
  using frame = new Frame()
  let samples = 0
  const write = () => {
    while (encoder.receivePacket(packet)) {
      packet.streamIndex = 0
      packet.rescaleTimestamps(encoder.timeBase, out.timeBase)
      output.writeFrame(packet)
    }
  }
  // Frames of the encoder's size from the queue (and the rest at the end).
  const encode = (last) => {
    while (fifo.size >= encoder.frameSize || (last && fifo.size > 0)) {
      using chunk = new Frame()
      fifo.read(chunk, encoder.frameSize)
      chunk.channelLayout = encoder.channelLayout
      chunk.sampleRate = RATE
      chunk.pts = samples
      samples += chunk.nbSamples
      encoder.sendFrame(chunk)
      write()
    }
  }
  while (input.readFrame(packet)) {
    decoder.sendPacket(packet)
    while (decoder.receiveFrame(frame)) {
      fifo.write(frame)
      encode(false)
    }
  }
  encode(true)
  encoder.sendFrame() // the flush
  write()
  output.writeTrailer()
  return samples
}

module.exports = sineToWebm

if (require.main === module) {
  const [to, seconds, frequency] = Bare.argv.slice(2)
  if (!to) {
    console.error('usage: bare examples/sine-to-webm.js output.webm [seconds] [frequency]')
    Bare.exit(1)
  }
  const samples = sineToWebm(to, {
    seconds: seconds ? Number(seconds) : undefined,
    frequency: frequency ? Number(frequency) : undefined
  })
  console.log(`encoded ${samples} samples of a sine tone to ${to}`)
}
