// The remux loops shared by the demo and the examples: copy the streams' parameters, then every
// packet (optionally only some), rescaling timestamps to the output streams' time bases.
const { OutputFormatContext, Packet } = require('../..')

// One output stream per input stream, with the same codec parameters and time base.
function copyStreams(input, output) {
  for (const stream of input.streams) {
    const out = output.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.codecParameters.tag = 0 // the new container picks its own tag
    out.timeBase = stream.timeBase
  }
}

function rescale(packet, input, output) {
  packet.rescaleTimestamps(
    input.streams[packet.streamIndex].timeBase,
    output.streams[packet.streamIndex].timeBase
  )
}

// `keep(packet, stream)` may skip a packet (return false), change it, or stop (return null).
exports.remux = function remux(input, format, io, { options, keep = () => true } = {}) {
  using output = new OutputFormatContext(format, io)
  copyStreams(input, output)
  output.writeHeader(options)

  const counts = input.streams.map(() => 0)
  using packet = new Packet()
  while (input.readFrame(packet)) {
    const verdict = keep(packet, input.streams[packet.streamIndex])
    if (verdict === null) break
    if (!verdict) continue
    counts[packet.streamIndex]++
    rescale(packet, input, output)
    output.writeFrame(packet)
  }
  output.writeTrailer()
  return counts
}

// The same with the asynchronous operations, for I/O callbacks that return Promises. Returns
// the number of packets. `onopen` and `url` go to the output (muxers that write further files).
exports.remuxAsync = async function remuxAsync(input, format, io, { options, onopen, url } = {}) {
  const output = new OutputFormatContext(format, io, { onopen, url })
  try {
    copyStreams(input, output)
    await output.writeHeaderAsync(options)
    let packets = 0
    for await (const packet of input) {
      rescale(packet, input, output)
      await output.writeFrameAsync(packet)
      packet.destroy()
      packets++
    }
    await output.writeTrailerAsync()
    return packets
  } finally {
    output.destroy()
  }
}
