// The remux loop shared by the demo and the examples: copy the streams' parameters, then every
// packet (optionally only some), rescaling timestamps to the output streams' time bases.
const { OutputFormatContext, Packet } = require('../..')

// `keep(packet, stream)` may skip a packet (return false), change it, or stop (return null).
exports.remux = function remux(input, format, io, { options, keep = () => true } = {}) {
  using output = new OutputFormatContext(format, io)
  for (const stream of input.streams) {
    const out = output.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.codecParameters.tag = 0 // the new container picks its own tag
    out.timeBase = stream.timeBase
  }
  output.writeHeader(options)

  const counts = input.streams.map(() => 0)
  using packet = new Packet()
  while (input.readFrame(packet)) {
    const verdict = keep(packet, input.streams[packet.streamIndex])
    if (verdict === null) break
    if (!verdict) continue
    counts[packet.streamIndex]++
    packet.rescaleTimestamps(
      input.streams[packet.streamIndex].timeBase,
      output.streams[packet.streamIndex].timeBase
    )
    output.writeFrame(packet)
  }
  output.writeTrailer()
  return counts
}
