// Cuts a file into segments of at least N seconds without decoding, each one a file of its own
// that starts on a keyframe at time zero (what HLS or DASH packagers do). Each segment begins
// with a seek to the decoding time of the keyframe where the previous segment ended: demuxers
// land there or earlier (MPEG-TS, which has no index, finds packets by their decoding time), and
// the packets before that keyframe are skipped.
//
//   bare examples/segment.js input seconds [pattern]     (pattern: segment-%d.mkv)
const ffmpeg = require('..')

const { IOContext, InputFormatContext, OutputFormatContext, OutputFormat, Packet, constants } =
  ffmpeg

const toSeconds = (ts, tb) => (ts * tb.numerator) / tb.denominator
const fromSeconds = (s, tb) => Math.round((s * tb.denominator) / tb.numerator)

// Segments `input` into files named by `pattern` ('%d' is the segment number, from 0). Returns
// one entry per segment: its file, where it starts in the input (s) and its packets per stream.
function segment(input, seconds, pattern) {
  if (!(seconds > 0)) throw new RangeError('seconds must be positive')
  using reader = IOContext.fromFile(input)
  using demuxer = new InputFormatContext(reader)
  const main = Math.max(0, demuxer.getBestStreamIndex(constants.mediaTypes.VIDEO))
  const format = OutputFormat.fromFileName(pattern.replace('%d', '0'))

  const segments = []
  using packet = new Packet()
  let start = null // where the next segment starts (seconds); the first one needs no seek
  let resume = 0 // the decoding timestamp of the keyframe it starts on (main stream time base)
  while (true) {
    if (start !== null) demuxer.seek(main, resume) // at or before the keyframe
    if (!demuxer.readFrame(packet)) break

    const file = pattern.replace('%d', String(segments.length))
    const written = writeSegment(demuxer, packet, { main, seconds, format, file, start })
    if (written.counts.every((n) => n === 0)) break
    segments.push({ file, from: written.from, counts: written.counts })
    if (written.next === null) break
    start = written.next.at
    resume = written.next.dts
  }
  return segments
}

// Writes one segment, from `packet` (already read) on: the main stream from its first keyframe
// at or after `start` (null: the first segment) until its first keyframe at least `seconds`
// later, the other streams over the same time. Packets before the segment's first keyframe
// belong to the previous segment, if any.
// Returns the packets per stream, where the segment started and where the next one starts.
function writeSegment(demuxer, packet, { main, seconds, format, file, start }) {
  using writer = IOContext.toFile(file)
  using output = new OutputFormatContext(format, writer)
  for (const stream of demuxer.streams) {
    const out = output.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.codecParameters.tag = 0
    out.timeBase = stream.timeBase
  }
  output.writeHeader()

  const streams = demuxer.streams
  const counts = streams.map(() => 0)
  const done = streams.map(() => false) // a stream is done once it passed the segment's end
  let from = null // the time of the segment's first main-stream packet (s)
  let end = Infinity // the time of the next segment's first keyframe (s), once seen
  let next = null // that keyframe's time and decoding timestamp
  do {
    const index = packet.streamIndex
    const tb = streams[index].timeBase
    const at = toSeconds(packet.pts === -1 ? packet.dts : packet.pts, tb)
    if (index === main) {
      if (from === null) {
        // Skip to the segment's first keyframe (the seek may have landed before it).
        if (!packet.isKeyframe || (start !== null && at < start)) continue
        from = at
      } else if (end === Infinity && packet.isKeyframe && at >= from + seconds) {
        end = at // the next segment starts here
        next = { at, dts: packet.dts }
      }
      if (at >= end) done[index] = true
    } else if (start !== null && (from === null || at < from)) {
      continue // before the segment's first keyframe: the previous segment has it
    } else if (at >= end) {
      done[index] = true
    }
    if (done[index]) {
      if (done.every(Boolean)) break
      continue
    }
    // Segments start at zero: shift by the segment's start, in this stream's time base.
    const shift = fromSeconds(from, tb)
    packet.pts -= shift
    packet.dts -= shift
    packet.rescaleTimestamps(tb, output.streams[index].timeBase)
    output.writeFrame(packet)
    counts[index]++
  } while (demuxer.readFrame(packet))
  output.writeTrailer()
  return { counts, from, next }
}

module.exports = segment

if (require.main === module) {
  const [input, seconds, pattern = 'segment-%d.mkv'] = Bare.argv.slice(2)
  try {
    for (const { file, from, counts } of segment(input, Number(seconds), pattern)) {
      console.log(`${file}: from ${from.toFixed(3)} s, ${counts.join(' + ')} packets`)
    }
  } catch (err) {
    console.error(`segment failed: ${err.message}`)
    Bare.exitCode = 1
  }
}
