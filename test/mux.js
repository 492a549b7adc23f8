// Muxing through onwrite, verified by reading the output back with our demuxer.
const test = require('brittle')
const {
  IOContext,
  InputFormatContext,
  OutputFormatContext,
  OutputFormat,
  InputFormat,
  Packet,
  Rational,
  ChannelLayout,
  Dictionary,
  FFmpegError,
  constants
} = require('..')
const fs = require('bare-fs')
const { spawnSync } = require('bare-subprocess')
const helpers = require('./helpers')
const { FFMPEG, fixture, sinkIO, openBuffer, tmpPath } = helpers

// What FFmpeg's own command line makes of the same remux (`-c copy`), as a reference.
function cliRemux(file, format, options = {}) {
  const out = tmpPath(`cli-${file}.${format}`)
  const flags = Object.entries(options).flatMap(([k, v]) => [`-${k}`, v])
  // -copyts: keep the input's timestamps, as a library remux does (the CLI would shift them).
  const args = [
    '-v',
    'error',
    '-y',
    '-copyts',
    '-i',
    `test/fixtures/${file}`,
    '-c',
    'copy',
    '-map',
    '0'
  ]
  const result = spawnSync(FFMPEG, [...args, ...flags, '-f', format, out], {
    stdio: ['ignore', 'inherit', 'inherit']
  })
  if (result.status !== 0) throw new Error(`ffmpeg failed: ${file} -> ${format}`)
  return fs.readFileSync(out)
}

// Remuxes `file` into `format` through an onwrite IOContext; returns the bytes written.
function remux(file, format, { seekable = true, options, size = 4096 } = {}) {
  using input = openBuffer(file)
  const { io, sink } = sinkIO({ seekable, size })
  using output = new OutputFormatContext(format, io)
  for (const stream of input.streams) {
    const out = output.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.codecParameters.tag = 0 // let the muxer pick its own tag for the codec
    out.timeBase = stream.timeBase
  }
  output.writeHeader(options)
  using packet = new Packet()
  while (input.readFrame(packet)) {
    const from = input.streams[packet.streamIndex].timeBase
    const to = output.streams[packet.streamIndex].timeBase
    packet.rescaleTimestamps(from, to)
    output.writeFrame(packet)
  }
  output.writeTrailer()
  return { data: sink.data, writes: sink.writes }
}

// Per stream: the payload and presentation time (ms) of each packet.
function summary(input) {
  const streams = input.streams.map(() => [])
  using packet = new Packet()
  while (input.readFrame(packet)) {
    const tb = input.streams[packet.streamIndex].timeBase
    streams[packet.streamIndex].push({
      payload: packet.data.toString('base64'), // the payload itself (small fixtures)
      ms: Math.round((packet.pts * 1000 * tb.numerator) / tb.denominator)
    })
  }
  return streams
}

const CASES = [
  ['sample.mkv', 'matroska', {}],
  ['sample.webm', 'webm', {}],
  ['sample.mp4', 'matroska', {}],
  ['sample.ts', 'matroska', {}],
  ['sample.mkv', 'mp4', {}],
  [
    'sample.mkv',
    'mp4',
    {
      seekable: false,
      options: { movflags: 'frag_keyframe+empty_moov+default_base_moof' }
    }
  ],
  ['sample.wav', 'wav', {}],
  ['sample.flac', 'flac', {}],
  ['sample.opus', 'ogg', {}]
]

for (const [file, format, opts] of CASES) {
  const label = `${file} -> ${format}${opts.seekable === false ? ' (no seeking)' : ''}`
  test(`remux ${label}: same packets as the ffmpeg command line's -c copy`, (t) => {
    const { data, writes } = remux(file, format, opts)
    t.ok(writes > 0 && data.length > 1000, `${data.length} bytes in ${writes} writes`)
    using ours = new InputFormatContext(new IOContext(data))
    using reference = new InputFormatContext(new IOContext(cliRemux(file, format, opts.options)))
    using original = openBuffer(file)
    const expected = summary(reference)
    t.is(ours.streams.length, original.streams.length)
    t.alike(summary(ours), expected, 'payloads and timestamps')
    t.alike(
      expected.map((s) => s.map((p) => p.payload)),
      summary(original).map((s) => s.map((p) => p.payload)),
      'the payloads are the original ones'
    )
  })
}

function failingOutput(onwrite, size = 64) {
  using input = openBuffer('sample.mkv')
  const output = new OutputFormatContext('matroska', new IOContext(size, { onwrite }))
  for (const stream of input.streams) {
    const out = output.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.timeBase = stream.timeBase
  }
  return output
}

test('an exception thrown in onwrite comes out of writeHeader, as the same object', (t) => {
  const boom = new Error('disk full')
  using output = failingOutput(() => {
    throw boom
  })
  try {
    output.writeHeader()
    t.fail('should throw')
  } catch (e) {
    t.is(e, boom)
  }
})

test('an exception thrown in onwrite comes out of writeFrame or writeTrailer', (t) => {
  const boom = new Error('connection lost')
  let fail = false
  using input = openBuffer('sample.mkv')
  using output = failingOutput(() => {
    if (fail) throw boom
  }, 4096)
  output.writeHeader()
  fail = true
  let thrown = null
  try {
    using packet = new Packet()
    while (input.readFrame(packet)) output.writeFrame(packet)
    output.writeTrailer()
  } catch (e) {
    thrown = e
  }
  t.is(thrown, boom)
})

test('muxer options are passed; unknown ones stay in the Dictionary, as FFmpeg leaves them', async (t) => {
  let writes = 0
  const counting = () =>
    failingOutput(() => {
      writes++
    })
  using output = counting()
  const options = Dictionary.from({ nosuchoption: '1', cluster_size_limit: '1000' })
  output.writeHeader(options)
  t.ok(writes > 0, 'the header is written')
  t.alike(options.entries(), [['nosuchoption', '1']], 'what the muxer did not use is left')
  using asynchronous = counting()
  const more = Dictionary.from({ nosuchoption: '1', fflags: '+bitexact' })
  await asynchronous.writeHeaderAsync(more)
  t.alike(more.entries(), [['nosuchoption', '1']], 'writeHeaderAsync() too')
})

test('strict options: an unknown one is an FFmpegError before anything is written', async (t) => {
  let writes = 0
  using output = failingOutput(() => {
    writes++
  })
  const strict = Dictionary.from(
    { nosuchoption: '1', cluster_size_limit: '1000' },
    { strict: true }
  )
  const err = helpers.thrown(() => output.writeHeader(strict))
  t.ok(err instanceof FFmpegError && err.code === 'AVERROR_OPTION_NOT_FOUND', String(err))
  t.ok(/Unknown muxer option: nosuchoption$/.test(err.message))
  strict.delete('cluster_size_limit')
  await t.exception(output.writeHeaderAsync(strict), /Unknown muxer option: nosuchoption$/)
  t.is(writes, 0, 'nothing written')
  output.writeHeader({ cluster_size_limit: '1000', fflags: '+bitexact' }) // muxer's and context's
  t.ok(writes > 0, 'the header is written once the options are right')
})

test('unknown output format is an FFmpegError with a code', (t) => {
  try {
    new OutputFormat('no-such-format') // eslint-disable-line no-new
    t.fail('should throw')
  } catch (e) {
    t.is(e.name, 'FFmpegError')
    t.is(e.code, 'AVERROR_MUXER_NOT_FOUND')
    t.is(e.message, 'Unknown output format: no-such-format')
  }
})

test('an unknown format name gets a hint: a file extension, or names it starts', (t) => {
  t.exception(
    () => new OutputFormat('mkv'),
    /Unknown output format: mkv \('mkv' is a file extension: the muxer is 'matroska', or use OutputFormat.fromFileName\('file.mkv'\)\)/
  )
  t.is(OutputFormat.fromFileName('file.mkv').name, 'matroska')
  t.exception(() => new OutputFormat('matroska2'), /did you mean matroska\?/)
  t.exception(() => new InputFormat('mp'), /Unknown input format: mp \(did you mean .*mp3/)
})

test('OutputFormat describes the muxer', (t) => {
  const format = new OutputFormat('matroska')
  t.is(format.name, 'matroska')
  t.is(format.mimeType, 'video/x-matroska')
  t.ok(format.extensions.includes('mkv'))
  t.is(typeof format.flags, 'number')
  using output = new OutputFormatContext(format, new IOContext(16, { onwrite() {} }))
  t.is(output.outputFormat, format)
})

test('stream time base and codec parameters can be set on an output', (t) => {
  using output = new OutputFormatContext('matroska', new IOContext(16, { onwrite() {} }))
  const stream = output.createStream()
  stream.timeBase = new Rational(1, 1000)
  stream.codecParameters.width = 320
  stream.codecParameters.extraData = Buffer.from([1, 2, 3])
  t.alike(stream.timeBase, new Rational(1, 1000))
  t.is(stream.codecParameters.width, 320)
  t.alike([...stream.codecParameters.extraData], [1, 2, 3])
  stream.codecParameters.channelLayout = constants.channelLayouts['5.1']
  t.is(stream.codecParameters.channelLayout.mask, constants.channelLayouts['5.1'])
  t.is(stream.codecParameters.nbChannels, 6)
  stream.codecParameters.channelLayout = ChannelLayout.from('stereo')
  t.alike(stream.codecParameters.channelLayout.toJSON(), { mask: 3, nbChannels: 2 })
  stream.codecParameters.channelLayout = new ChannelLayout(0, 3) // 3 channels, no order
  t.alike(stream.codecParameters.channelLayout.toJSON(), { mask: 0, nbChannels: 3 })
  t.is(String(stream.codecParameters.channelLayout), '3 channels')
  t.exception.all(() => {
    stream.codecParameters.channelLayout = 'surround sound'
  }, /UNKNOWN_CHANNEL_LAYOUT/)
  stream.codecParameters.frameRate = new Rational(30000, 1001)
  t.alike(stream.codecParameters.frameRate, new Rational(30000, 1001))
  t.exception.all(() => {
    stream.codecParameters.width = 2 ** 40
  }, RangeError)
  t.exception.all(() => {
    stream.index = 3
  }, TypeError)
  t.is(output.getStream(0), stream)
})

test('use after destroy throws on every method', (t) => {
  const output = new OutputFormatContext('matroska', new IOContext(16, { onwrite() {} }))
  const stream = output.createStream()
  output.destroy()
  output.destroy()
  t.exception(() => output.createStream(), /destroyed/)
  t.exception(() => output.writeHeader(), /destroyed/)
  t.exception(() => output.writeTrailer(), /destroyed/)
  t.exception(() => output.writeFrame(new Packet()), /destroyed/)
  t.exception(() => stream.timeBase, /destroyed/)
  t.exception(() => stream.codecParameters.width, /destroyed/)

  const input = openBuffer('sample.wav')
  input.destroy()
  t.exception(() => input.readFrame(new Packet()), /destroyed/)
  t.exception(() => input.duration, /destroyed/)
})

test('timestamps the MP4 muxer would abort on are refused, and the output goes on', (t) => {
  using input = openBuffer('sample.mkv')
  const { io, sink } = sinkIO()
  using output = new OutputFormatContext('mp4', io)
  for (const stream of input.streams) {
    const out = output.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.codecParameters.tag = 0
    out.timeBase = stream.timeBase
  }
  output.writeHeader()
  const packets = []
  using packet = new Packet()
  while (input.readFrame(packet)) {
    const copy = new Packet(packet.data)
    copy.streamIndex = packet.streamIndex
    copy.pts = packet.pts
    copy.dts = packet.pts // no reordering in the fixture; Matroska leaves dts unset
    copy.duration = packet.duration
    copy.isKeyframe = packet.isKeyframe
    copy.rescaleTimestamps(
      input.streams[packet.streamIndex].timeBase,
      output.streams[packet.streamIndex].timeBase
    )
    packets.push(copy)
  }
  const [first, second] = packets
  const start = { stream: first.streamIndex, dts: first.dts } // writeFrame() empties the packet
  output.writeFrame(first)
  const far = new Packet(second.data)
  far.streamIndex = start.stream
  far.pts = far.dts = start.dts + 2 ** 31
  t.exception(() => output.writeFrame(far), /more than 2\^31 - 1 ticks/, 'a 2^31-tick gap')
  const long = new Packet(second.data)
  long.streamIndex = start.stream
  long.pts = long.dts = start.dts + 1
  long.duration = 2 ** 31
  t.exception(() => output.writeFrame(long), /duration 2147483648 .* out of range/, 'a duration')
  const other = packets.slice(1).find((p) => p.streamIndex !== start.stream)
  const late = new Packet(other.data)
  late.streamIndex = other.streamIndex
  late.pts = late.dts = other.dts + 2 ** 40
  t.exception(() => output.writeFrame(late), /starts at .* away from the first packet/, 'a start')
  for (const p of packets.slice(1)) output.writeFrame(p)
  output.writeTrailer()
  using back = new InputFormatContext(new IOContext(sink.data))
  let count = 0
  while (back.readFrame(packet)) count++
  t.is(count, packets.length, 'every valid packet written')
})
