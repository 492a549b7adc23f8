// Seeking: after each seek the packets match ffprobe's (which seeks with the same FFmpeg call),
// through buffer and streaming inputs; seek() lands on the keyframe at or before the target.
const test = require('brittle')
const { IOContext, InputFormatContext, Packet, constants } = require('..')
const { CONTAINERS, fixture, streamingIO, readAll, probePackets } = require('./helpers')

const TIMES = [0.5, 1.0, 1.5]

for (const { file } of CONTAINERS) {
  test(`${file}: packets after each seek match ffprobe -read_intervals`, (t) => {
    for (const seconds of TIMES) {
      const expected = probePackets(file, seconds)
      for (const io of [new IOContext(fixture(file)), streamingIO(fixture(file))]) {
        using input = new InputFormatContext(io)
        // ffprobe: avformat_seek_file(ctx, -1, -INT64_MAX, target, INT64_MAX, 0), right after
        // opening; here too, so that the demuxer is in the same state.
        input.seekFile(-1, -Infinity, seconds * constants.TIME_BASE, Infinity)
        t.alike(readAll(input), expected, `${seconds}s`)
      }
    }
  })

  test(`${file}: a seek back from the end reads from before the target to the end`, (t) => {
    for (const seconds of TIMES) {
      for (const io of [new IOContext(fixture(file)), streamingIO(fixture(file))]) {
        using input = new InputFormatContext(io)
        const all = readAll(input)
        // The demuxer now knows more than from a fresh start (FLAC has an index of what it read,
        // WAV re-chunks from the exact sample), so the packets need not be ffprobe's: the stream
        // seeking goes by (the video, else the first) starts at or before the target, and every
        // stream reads to its end.
        input.seekFile(-1, -Infinity, seconds * constants.TIME_BASE, Infinity)
        const after = readAll(input)
        t.ok(after.length > 0 && after.length <= all.length, `${seconds}s: moved back`)
        const end = (packets) => packets.at(-1).pts + packets.at(-1).duration
        input.streams.forEach((stream, index) => {
          const mine = after.filter((p) => p.stream_index === index && p.pts !== null)
          t.is(end(mine), end(all.filter((p) => p.stream_index === index)), `#${index} to the end`)
        })
        const index = Math.max(0, input.getBestStreamIndex(constants.mediaTypes.VIDEO))
        const { timeBase, startTime } = input.streams[index]
        const target = Math.round((seconds * timeBase.denominator) / timeBase.numerator)
        const start = startTime === -1 ? 0 : startTime
        const first = after.find((p) => p.stream_index === index)
        t.ok(first.pts <= start + target, `${seconds}s: #${index} from ${first.pts}`)
      }
    }
  })
}

// Containers with an index (or exact byte positions): seek() lands on the keyframe at or before
// the target. MPEG-TS has no index: FFmpeg's seek there is approximate (see docs).
for (const { file } of CONTAINERS.filter((c) => c.file !== 'sample.ts')) {
  test(`${file}: seek() continues from the keyframe at or before the target`, (t) => {
    for (const io of [new IOContext(fixture(file)), streamingIO(fixture(file))]) {
      using input = new InputFormatContext(io)
      const index = Math.max(0, input.getBestStreamIndex(constants.mediaTypes.VIDEO))
      const stream = input.streams[index]
      const { numerator, denominator } = stream.timeBase
      const start = stream.startTime === -1 ? 0 : stream.startTime
      for (const seconds of [...TIMES].reverse()) {
        const target = start + Math.round((seconds * denominator) / numerator)
        input.seek(index, target)
        using packet = new Packet()
        let first = null
        while (input.readFrame(packet)) {
          if (packet.streamIndex === index) {
            first = { pts: packet.pts, key: packet.isKeyframe }
            break
          }
        }
        t.ok(first && first.key && first.pts <= target, `${seconds}s: ${JSON.stringify(first)}`)
      }
    }
  })
}

test('MPEG-TS seek is approximate but lands near the target', (t) => {
  using input = new InputFormatContext(new IOContext(fixture('sample.ts')))
  const stream = input.streams[0]
  const target = stream.startTime + 90000 // 1 s in 1/90000
  input.seek(0, target)
  using packet = new Packet()
  while (input.readFrame(packet) && packet.streamIndex !== 0);
  t.ok(Math.abs(packet.pts - target) <= 45000, `first video packet at ${packet.pts}`)
})

test('seek arguments are validated', (t) => {
  using input = new InputFormatContext(new IOContext(fixture('sample.mkv')))
  t.exception.all(() => input.seek(5, 0), RangeError)
  t.exception.all(() => input.seek(0, 1.5), RangeError)
  t.exception.all(() => input.seek(0, '0'), TypeError)
  t.exception.all(() => input.seekFile(-1, 10, 5, 20), RangeError)
})

test('an exception in onseek during seek comes out of seek', (t) => {
  const data = fixture('sample.mkv')
  let pos = 0
  let fail = false
  const boom = new Error('no seeking now')
  using input = new InputFormatContext(
    new IOContext(4096, {
      onread: (buffer) => {
        const n = Math.min(buffer.length, data.length - pos)
        buffer.set(data.subarray(pos, pos + n))
        pos += n
        return n
      },
      onseek: (offset, whence) => {
        if (fail) throw boom
        if (whence === constants.seek.SIZE) return data.length
        return (pos = offset)
      }
    })
  )
  readAll(input)
  fail = true
  try {
    input.seek(-1, 0)
    t.fail('should throw')
  } catch (e) {
    t.is(e, boom)
  }
})
