// Metadata, dump() and forcing a demuxer.
const test = require('brittle')
const {
  IOContext,
  InputFormatContext,
  OutputFormatContext,
  InputFormat,
  Packet,
  Rational,
  Dictionary
} = require('..')
const { fixture, sinkIO, readAll, probePackets } = require('./helpers')

test('metadata written on an output reads back from the input', (t) => {
  const { io, sink } = sinkIO()
  using input = new InputFormatContext(new IOContext(fixture('sample.mkv')))
  using output = new OutputFormatContext('matroska', io)
  for (const stream of input.streams) {
    const out = output.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.timeBase = stream.timeBase
  }
  output.metadata = { title: 'A title', comment: 'héllo' }
  output.metadata = { artist: 'Someone' }
  output.streams[1].metadata = { language: 'fre', title: 'Voix' }
  t.alike(output.metadata, { title: 'A title', comment: 'héllo', artist: 'Someone' })
  output.writeHeader()
  using packet = new Packet()
  while (input.readFrame(packet)) output.writeFrame(packet)
  output.writeTrailer()

  using back = new InputFormatContext(new IOContext(sink.data))
  t.is(back.metadata.title, 'A title')
  t.is(back.metadata.COMMENT, 'héllo') // Matroska tags are upper case
  t.is(back.metadata.ARTIST, 'Someone')
  t.is(back.streams[1].metadata.language, 'fre')
  t.is(back.streams[1].metadata.title, 'Voix')
  t.exception.all(() => {
    output.metadata = 'title'
  }, TypeError)
})

test('forcing a demuxer, with demuxer options', (t) => {
  using input = new InputFormatContext(new IOContext(fixture('sample.ts')), {
    format: 'mpegts',
    options: { probesize: '65536' }
  })
  t.is(input.inputFormat.name, 'mpegts')
  t.alike(readAll(input), probePackets('sample.ts'))
  using forced = new InputFormatContext(new IOContext(fixture('sample.wav')), {
    format: new InputFormat('wav')
  })
  t.is(forced.inputFormat.name, 'wav')
  t.exception(
    () => new InputFormatContext(new IOContext(fixture('sample.ts')), { format: 'wav' }),
    /Could not open input/
  )
  const options = Dictionary.from({ nosuch: '1', probesize: '65536' })
  using lenient = new InputFormatContext(new IOContext(fixture('sample.ts')), { options })
  t.alike(options.entries(), [['nosuch', '1']], 'an unknown option is left in the Dictionary')
  t.exception(
    () =>
      new InputFormatContext(new IOContext(fixture('sample.ts')), {
        options: Dictionary.from({ nosuch: '1' }, { strict: true })
      }),
    /Unknown demuxer option: nosuch/
  )
})

test('format context properties', (t) => {
  using input = new InputFormatContext(new IOContext(fixture('sample.mkv')))
  t.ok(Math.abs(input.duration - 2000000) < 100000, `duration ${input.duration}`)
  t.ok(input.bitRate > 0)
  t.is(typeof input.startTime, 'number')
  const video = input.streams[0]
  t.is(video.avgFramerate.toNumber(), 10)
  t.is(typeof video.nbFrames, 'number')
  t.is(typeof video.duration, 'number')
  input.dump()
  t.pass('dump() printed to stderr')
})

test('metadata: null or undefined removes an entry; objects are refused', (t) => {
  const { io, sink } = sinkIO()
  using input = new InputFormatContext(new IOContext(fixture('sample.mkv')))
  using output = new OutputFormatContext('matroska', io)
  for (const stream of input.streams) {
    const out = output.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.timeBase = stream.timeBase
  }
  output.metadata = { title: 'T', comment: 'C', artist: 'A', year: 2026 }
  output.metadata = { comment: null, artist: undefined }
  t.alike(output.metadata, { title: 'T', year: '2026' }, 'removed, and numbers as strings')
  t.exception.all(() => {
    output.metadata = { title: { nested: true } }
  }, TypeError)
  t.exception.all(() => {
    output.streams[0].metadata = { language: ['eng'] }
  }, TypeError)
  output.streams[1].metadata = { language: 'eng', title: null }
  output.writeHeader()
  using packet = new Packet()
  while (input.readFrame(packet)) output.writeFrame(packet)
  output.writeTrailer()
  using back = new InputFormatContext(new IOContext(sink.data))
  t.is(back.metadata.TITLE ?? back.metadata.title, 'T')
  t.absent(back.metadata.COMMENT ?? back.metadata.comment, 'no "null" or "undefined" in the file')
  t.is(back.streams[1].metadata.language, 'eng')
})

test("an input's streams and metadata can be changed, as in the published package", (t) => {
  using input = new InputFormatContext(new IOContext(fixture('sample.mkv')))
  const [stream] = input.streams
  stream.timeBase = new Rational(1, 90000)
  stream.duration = 5
  stream.codecParameters.width = 5
  stream.metadata = { title: 'x' }
  t.is(stream.timeBase.denominator, 90000)
  t.is(stream.duration, 5)
  t.is(stream.codecParameters.width, 5)
  t.is(stream.metadata.title, 'x')
  input.duration = 123
  t.is(input.duration, 123)
})
