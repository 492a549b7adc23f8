// Demuxing real media through every kind of IOContext, packet by packet against ffprobe.
const test = require('brittle')
const { IOContext, InputFormatContext, constants, Packet } = require('..')
const { CONTAINERS, fixture, streamingIO, readAll, probePackets } = require('./helpers')

for (const { file, streamable } of CONTAINERS) {
  const expected = probePackets(file)

  test(`${file}: buffer input matches ffprobe packet by packet`, (t) => {
    using input = new InputFormatContext(new IOContext(fixture(file)))
    const packets = readAll(input)
    t.ok(packets.length > 5, `${packets.length} packets`)
    t.alike(packets, expected)
  })

  test(`${file}: onread + onseek input matches ffprobe packet by packet`, (t) => {
    using input = new InputFormatContext(streamingIO(fixture(file)))
    t.alike(readAll(input), expected)
  })

  if (streamable) {
    test(`${file}: onread-only input (no seeking) matches ffprobe`, (t) => {
      using input = new InputFormatContext(streamingIO(fixture(file), { seekable: false }))
      t.alike(readAll(input), expected)
    })
  }
}

test('MP4 with its index at the end needs seeks, and they happen', (t) => {
  const log = []
  using input = new InputFormatContext(streamingIO(fixture('sample.mp4'), { log }))
  readAll(input)
  const seeks = log.filter((c) => c[0] === 'seek')
  t.ok(
    seeks.some((s) => s[2] === constants.seek.SET && s[1] > 0),
    'SEEK_SET to a later position'
  )
  t.ok(
    seeks.every((s) => (s[2] & constants.seek.FORCE) === 0),
    'FORCE never reaches the callee'
  )
})

test('MP4 with its index at the end cannot be read without onseek: clear error', (t) => {
  let error = null
  try {
    using input = new InputFormatContext(streamingIO(fixture('sample.mp4'), { seekable: false }))
    readAll(input)
  } catch (e) {
    error = e
  }
  t.ok(error, 'throws')
  t.is(error.name, 'FFmpegError')
  t.ok(/^Could not/.test(error.message), error.message)
  t.not(error.message, 'Success')
})

test('streams report their codec parameters', (t) => {
  using input = new InputFormatContext(new IOContext(fixture('sample.webm')))
  t.is(input.streams.length, 2)
  const [video, audio] = input.streams
  t.is(video.index, 0)
  t.is(video.codecParameters.type, constants.mediaTypes.VIDEO)
  t.is(video.codecParameters.id, constants.codecs.VP8)
  t.is(video.codecParameters.width, 64)
  t.is(video.codecParameters.height, 48)
  t.is(video.timeBase.numerator, 1)
  t.is(video.timeBase.denominator, 1000)
  t.is(audio.codecParameters.type, constants.mediaTypes.AUDIO)
  t.is(audio.codecParameters.id, constants.codecs.OPUS)
  t.is(audio.codecParameters.sampleRate, 48000)
  t.is(audio.codecParameters.nbChannels, 1)
  t.is(audio.codecParameters.channelLayout.mask, constants.channelLayouts.MONO)
  t.is(String(audio.codecParameters.channelLayout), 'mono')
  t.is(typeof audio.codecParameters.format, 'number')
  t.is(input.getBestStreamIndex(constants.mediaTypes.AUDIO), 1)
  t.is(input.getBestStream(constants.mediaTypes.VIDEO), video)
  t.is(input.inputFormat.name, 'matroska,webm')
})

test('a view into a larger buffer is read at its own offset and length', (t) => {
  const data = fixture('sample.wav')
  const padded = Buffer.alloc(data.length + 200, 0xff)
  padded.set(data, 100)
  const view = padded.subarray(100, 100 + data.length)
  using a = new InputFormatContext(new IOContext(view))
  using b = new InputFormatContext(new IOContext(view.buffer.slice(100, 100 + data.length)))
  t.alike(readAll(a), probePackets('sample.wav'))
  t.alike(readAll(b), probePackets('sample.wav'))
})

// Some demuxers add streams while reading (MPEG-TS announces them in its tables; concat adds its
// entries'). The fuzz harness found such an input (seed 121308: a concat script whose entry,
// served by onopen, is a mutated MPEG-TS whose packets name a stream the open did not list):
// input.streams grows, so every packet's stream is there.
test('streams found while reading join input.streams', (t) => {
  const { caseInput } = require('./fuzz-harness')
  const { io, options } = caseInput(121308)
  const before = new InputFormatContext(io, options)
  const listed = before.streams.length
  const first = before.streams[0]
  using packet = new Packet()
  let highest = -1
  while (before.readFrame(packet)) highest = Math.max(highest, packet.streamIndex)
  t.ok(highest >= listed, `a packet of stream ${highest}; ${listed} listed at open`)
  t.ok(before.streams.length > highest, `${before.streams.length} streams after reading`)
  t.is(before.streams[0], first, 'the Stream objects already handed out stay')
  before.destroy()
})
