// The muxer as a state machine: calls out of order are clear errors naming what comes first (each
// of these crashed inside FFmpeg, or wrote a corrupt file, before), in the synchronous and the
// asynchronous paths; nothing after the header changes the file silently.
const test = require('brittle')
const {
  IOContext,
  InputFormatContext,
  OutputFormatContext,
  Packet,
  Rational,
  ChannelLayout
} = require('..')
const { fixture, sinkIO, readAll, probePackets } = require('./helpers')

// An output with the streams of sample.mkv, and its input.
function setup({ async = false } = {}) {
  const input = new InputFormatContext(new IOContext(fixture('sample.mkv')))
  const written = []
  const io = new IOContext(4096, {
    onwrite: (buffer) => {
      written.push(buffer)
      return async ? Promise.resolve() : undefined
    }
  })
  const output = new OutputFormatContext('matroska', io)
  for (const stream of input.streams) {
    const out = output.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.timeBase = stream.timeBase
  }
  return { input, output, written }
}

test('writeTrailer() or writeFrame() before writeHeader() are errors, not crashes', (t) => {
  const { input, output } = setup()
  using packet = new Packet()
  input.readFrame(packet)
  t.exception(() => output.writeTrailer(), /^Error: writeTrailer\(\) needs writeHeader\(\) first$/)
  t.exception(
    () => output.writeFrame(packet),
    /^Error: writeFrame\(\) needs writeHeader\(\) first$/
  )
  output.writeHeader()
  output.writeFrame(packet)
  output.writeTrailer()
  input.destroy()
  output.destroy()
})

test('writeHeader() twice is an error; the file has one header', (t) => {
  const { input, output, written } = setup()
  output.writeHeader()
  t.exception(() => output.writeHeader(), /writeHeader\(\) was called already/)
  using packet = new Packet()
  while (input.readFrame(packet)) output.writeFrame(packet)
  output.writeTrailer()
  using back = new InputFormatContext(new IOContext(Buffer.concat(written)))
  t.alike(readAll(back).length, probePackets('sample.mkv').length, 'a valid file')
  input.destroy()
  output.destroy()
})

test('writeTrailer() twice, and writeFrame() after it, are errors: the output is finished', (t) => {
  const { input, output } = setup()
  using packet = new Packet()
  output.writeHeader()
  input.readFrame(packet)
  output.writeTrailer()
  t.exception(() => output.writeTrailer(), /The output is finished: writeTrailer\(\) was called/)
  t.exception(() => output.writeFrame(packet), /The output is finished/)
  t.exception(() => output.writeHeader(), /The output is finished/)
  input.destroy()
  output.destroy()
})

test('streams, their settings and metadata cannot change after writeHeader()', (t) => {
  const { input, output } = setup()
  output.writeHeader()
  const [stream] = output.streams
  t.exception(() => output.createStream(), /createStream\(\) cannot change after writeHeader\(\)/)
  t.exception(() => {
    stream.timeBase = new Rational(1, 90000)
  }, /timeBase cannot change after writeHeader\(\)/)
  t.exception(() => {
    stream.codecParameters.width = 640
  }, /width cannot change after writeHeader\(\)/)
  t.exception(() => {
    stream.codecParameters.channelLayout = ChannelLayout.from('stereo')
  }, /channelLayout cannot change/)
  t.exception(() => {
    stream.codecParameters.copyFrom(input.streams[0].codecParameters)
  }, /codecParameters cannot change/)
  t.exception(() => {
    output.metadata = { title: 'late' }
  }, /metadata cannot change after writeHeader\(\)/)
  t.exception(() => {
    stream.metadata = { language: 'eng' }
  }, /metadata cannot change/)
  t.exception(() => {
    output.duration = 5
  }, /duration cannot change/)
  t.is(stream.codecParameters.width, 64, 'reading is fine')
  input.destroy()
  output.destroy()
})

test('a failed writeHeader() leaves the output unusable, with a clear error', (t) => {
  // MP4 needs a seekable output unless fragmented: the header fails.
  const { io } = sinkIO({ seekable: false })
  const input = new InputFormatContext(new IOContext(fixture('sample.mp4')))
  const output = new OutputFormatContext('mp4', io)
  for (const stream of input.streams) {
    const out = output.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.timeBase = stream.timeBase
  }
  t.exception(() => output.writeHeader(), /Could not write header/)
  t.exception(() => output.writeHeader(), /writeHeader\(\) failed earlier/)
  t.exception(() => output.writeTrailer(), /writeHeader\(\) failed earlier/)
  input.destroy()
  output.destroy()
})

test('the async writes check the state too', async (t) => {
  const { input, output } = setup({ async: true })
  using packet = new Packet()
  input.readFrame(packet)
  await t.exception(output.writeFrameAsync(packet), /writeFrame\(\) needs writeHeader\(\) first/)
  await t.exception(output.writeTrailerAsync(), /writeTrailer\(\) needs writeHeader\(\) first/)
  await output.writeHeaderAsync()
  await t.exception(output.writeHeaderAsync(), /writeHeader\(\) was called already/)
  t.exception(() => output.createStream(), /cannot change after writeHeader\(\)/)
  await output.writeFrameAsync(packet)
  await output.writeTrailerAsync()
  await t.exception(output.writeTrailerAsync(), /The output is finished/)
  await t.exception(output.writeFrameAsync(packet), /The output is finished/)
  input.destroy()
  output.destroy()
})
