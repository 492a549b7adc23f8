// Cuts a time range out of a file without decoding: seeks to the keyframe at or before `start`,
// then copies packets until `end`, shifting timestamps so the output starts at zero.
//
//   bare examples/cut.js input output start end      (seconds)
const ffmpeg = require('..')
const { remux } = require('./lib/remux')

const { IOContext, InputFormatContext, OutputFormat, constants } = ffmpeg

function cut(input, output, start, end) {
  using reader = IOContext.fromFile(input) // closed at the end, by the demuxer or by `using`
  using demuxer = new InputFormatContext(reader)
  // Seek on the main stream so the cut begins on one of its keyframes.
  const main = Math.max(0, demuxer.getBestStreamIndex(constants.mediaTypes.VIDEO))
  const origin = Math.max(0, demuxer.startTime) / constants.TIME_BASE // seconds
  const base = demuxer.streams[main].timeBase
  demuxer.seek(main, Math.floor(((origin + start) * base.denominator) / base.numerator))

  let offset = null // seconds subtracted from every timestamp: the first kept packet's time
  using writer = IOContext.toFile(output)
  const counts = remux(demuxer, OutputFormat.fromFileName(output), writer, {
    keep(packet, stream) {
      const tb = stream.timeBase
      const at = (packet.pts * tb.numerator) / tb.denominator // seconds
      if (at - origin >= end) return packet.streamIndex === main ? null : false
      if (offset === null) offset = at
      const shift = Math.round((offset * tb.denominator) / tb.numerator)
      packet.pts -= shift
      packet.dts -= shift
      return true
    }
  })
  return { counts, from: offset - origin }
}

module.exports = cut

if (require.main === module) {
  const [input, output, start, end] = Bare.argv.slice(2)
  try {
    const { counts, from } = cut(input, output, Number(start), Number(end))
    console.log(`cut from ${from.toFixed(3)} s: ${counts.join(' + ')} packets written to ${output}`)
  } catch (err) {
    console.error(`cut failed: ${err.message}`)
    Bare.exitCode = 1
  }
}
