// Negates the first picture of a video through a filter graph ('negate') and writes it as a PNG.
//
//   bare examples/negate.js input output.png
const fs = require('bare-fs')
const {
  IOContext,
  InputFormatContext,
  CodecContext,
  Encoder,
  Packet,
  Frame,
  Rational,
  constants
} = require('..')
const filterGraph = require('./lib/filter')

const { mediaTypes, pixelFormats } = constants

// The first picture of `from`, decoded.
function firstPicture(from) {
  using input = new InputFormatContext(IOContext.fromFile(from))
  const stream = input.getBestStream(mediaTypes.VIDEO)
  if (!stream) throw new Error(`${from} has no video`)
  using decoder = stream.decoder()
  decoder.open()
  using packet = new Packet()
  const frame = new Frame()
  while (input.readFrame(packet)) {
    if (packet.streamIndex !== stream.index) continue
    decoder.sendPacket(packet)
    if (decoder.receiveFrame(frame)) return { frame, timeBase: stream.timeBase }
  }
  throw new Error(`${from}: no picture decoded`)
}

// Returns the negated picture (an RGB24 Frame, yours to destroy) and writes its PNG to `to`.
function negate(from, to) {
  const { frame, timeBase } = firstPicture(from)
  const { graph, input, output } = filterGraph('negate,format=rgb24', 'buffer', {
    width: frame.width,
    height: frame.height,
    pixelFormat: frame.format,
    timeBase,
    aspectRatio: new Rational(1, 1)
  })
  graph.pushFrame(input, frame) // the picture moves into the graph
  frame.destroy()
  const negated = new Frame()
  if (graph.pullFrame(output, negated) !== 0) throw new Error('the graph gave no picture')
  graph.destroy()

  using encoder = new CodecContext(new Encoder('png'))
  encoder.width = negated.width
  encoder.height = negated.height
  encoder.pixelFormat = pixelFormats.RGB24
  encoder.timeBase = new Rational(1, 25)
  encoder.open()
  encoder.sendFrame(negated)
  encoder.sendFrame() // the flush
  using packet = new Packet()
  if (!encoder.receivePacket(packet)) throw new Error('the encoder gave no PNG')
  fs.writeFileSync(to, packet.data)
  return negated
}

module.exports = negate

if (require.main === module) {
  const [from, to] = Bare.argv.slice(2)
  if (!from || !to) {
    console.error('usage: bare examples/negate.js input output.png')
    Bare.exit(1)
  }
  negate(from, to).destroy()
  console.log(`wrote ${to}`)
}
