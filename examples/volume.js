// Changes the volume of a file's sound through a filter graph ('volume=...') and writes it as
// 16-bit WAV.
//
//   bare examples/volume.js input output.wav [factor]
const ffmpeg = require('..')

const { IOContext, InputFormatContext, OutputFormatContext, CodecContext, Encoder, Packet, Frame } =
  ffmpeg
const { mediaTypes, sampleFormats } = ffmpeg.constants
const filterGraph = require('./lib/filter')

// Returns the number of samples written.
function changeVolume(from, to, factor = 0.5) {
  using input = new InputFormatContext(IOContext.fromFile(from))
  const stream = input.getBestStream(mediaTypes.AUDIO)
  if (!stream) throw new Error(`${from} has no sound`)
  using decoder = stream.decoder()
  decoder.open()

  using encoder = new CodecContext(new Encoder('pcm_s16le'))
  encoder.sampleRate = decoder.sampleRate
  encoder.channelLayout = decoder.channelLayout
  encoder.sampleFormat = sampleFormats.S16
  encoder.timeBase = new ffmpeg.Rational(1, decoder.sampleRate)
  encoder.open()

  using output = new OutputFormatContext('wav', IOContext.toFile(to))
  const out = output.createStream()
  out.codecParameters.fromContext(encoder)
  out.timeBase = encoder.timeBase
  output.writeHeader()

  let run = null
  let samples = 0
  using packet = new Packet()
  using frame = new Frame()
  using filtered = new Frame()
  const write = () => {
    while (encoder.receivePacket(packet)) {
      packet.streamIndex = 0
      packet.rescaleTimestamps(encoder.timeBase, out.timeBase)
      output.writeFrame(packet)
    }
  }
  const pull = () => {
    while (run.graph.pullFrame(run.output, filtered) === 0) {
      samples += filtered.nbSamples
      encoder.sendFrame(filtered)
      write()
    }
  }
  const filter = () => {
    while (decoder.receiveFrame(frame)) {
      run ??= filterGraph(`volume=${factor},aformat=sample_fmts=s16`, 'abuffer', {
        sampleRate: frame.sampleRate,
        sampleFormat: frame.format,
        channelLayout: frame.channelLayout,
        timeBase: stream.timeBase
      })
      run.graph.pushFrame(run.input, frame)
      pull()
    }
  }
  while (input.readFrame(packet)) {
    if (packet.streamIndex !== stream.index) continue
    decoder.sendPacket(packet)
    filter()
  }
  decoder.sendPacket()
  filter()
  if (run) {
    run.graph.pushFrame(run.input, null) // the end of the sound
    pull()
    run.graph.destroy()
  }
  encoder.sendFrame()
  write()
  output.writeTrailer()
  return samples
}

module.exports = changeVolume

if (require.main === module) {
  const [from, to, factor] = Bare.argv.slice(2)
  if (!from || !to) {
    console.error('usage: bare examples/volume.js input output.wav [factor]')
    Bare.exit(1)
  }
  console.log(
    `wrote ${changeVolume(from, to, factor ? Number(factor) : undefined)} samples to ${to}`
  )
}
