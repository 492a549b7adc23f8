// Errors say why: FFmpeg's own log lines of the failing call are in the message (whatever
// log.level is), a broken input keeps throwing the error that broke it, and a format that needs
// seeking names onseek when the IOContext has none.
const test = require('brittle')
const {
  IOContext,
  InputFormatContext,
  OutputFormatContext,
  Packet,
  FFmpegError,
  log,
  constants
} = require('..')
const { fixture, sinkIO, streamingIO } = require('./helpers')

function remuxSetup(format, io) {
  const input = new InputFormatContext(new IOContext(fixture('sample.mkv')))
  const output = new OutputFormatContext(format, io)
  for (const stream of input.streams) {
    const out = output.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.codecParameters.tag = 0
    out.timeBase = stream.timeBase
  }
  return { input, output }
}

test("a bad stream index on writeFrame: the message has FFmpeg's reason", (t) => {
  const { io } = sinkIO()
  const { input, output } = remuxSetup('matroska', io)
  output.writeHeader()
  using packet = new Packet()
  input.readFrame(packet)
  packet.streamIndex = 5
  try {
    output.writeFrame(packet)
    t.fail('should throw')
  } catch (e) {
    t.ok(e instanceof FFmpegError)
    t.ok(
      /^Could not write frame: Invalid argument \(FFmpeg: .*stream index.*5/.test(e.message),
      e.message
    )
    t.ok(
      e.log.some((line) => /stream index/.test(line)),
      'err.log has the line'
    )
  }
  input.destroy()
  output.destroy()
})

test("FFmpeg's reason is in the message even with log.level QUIET", (t) => {
  const level = log.level
  log.level = constants.logLevels.QUIET
  const { io } = sinkIO({ seekable: false })
  const { input, output } = remuxSetup('mp4', io)
  try {
    output.writeHeader()
    t.fail('should throw')
  } catch (e) {
    t.ok(/muxer does not support non seekable output/.test(e.message), e.message)
  } finally {
    log.level = level
    input.destroy()
    output.destroy()
  }
})

test('log.level starts at ERROR, as the published package sets it', (t) => {
  t.is(constants.logLevels.ERROR, 16)
  // The test files set nothing before this: the level is what loading the addon set.
  t.ok(log.level <= constants.logLevels.ERROR)
})

test('after an async callback failed, later calls throw that same error, never "Generic error"', async (t) => {
  const data = Buffer.concat([fixture('sample.ts'), fixture('sample.ts')])
  const boom = new Error('connection lost')
  let pos = 0
  let failing = false
  const io = new IOContext(1024, {
    onread: async (buffer) => {
      if (failing) throw boom
      const n = Math.min(buffer.length, data.length - pos)
      buffer.set(data.subarray(pos, pos + n))
      pos += n
      return n
    }
  })
  const input = await InputFormatContext.open(io)
  failing = true
  using packet = new Packet()
  const errors = []
  for (let i = 0; i < 400 && errors.length < 3; i++) {
    try {
      await input.readFrameAsync(packet)
    } catch (e) {
      errors.push(e)
    }
  }
  t.is(errors.length, 3)
  t.ok(
    errors.every((e) => e === boom),
    errors.map((e) => e.message).join(', ')
  )
  // And the synchronous path too.
  t.exception(() => input.readFrame(packet), /connection lost/)
  input.destroy()
})

test('a format that needs seeking, on an IOContext without onseek: the error names onseek', (t) => {
  // MP4 with its index at the end: FFmpeg reads to the index, then must go back.
  let error = null
  try {
    using input = new InputFormatContext(streamingIO(fixture('sample.mp4'), { seekable: false }))
    using packet = new Packet()
    while (input.readFrame(packet));
  } catch (e) {
    error = e
  }
  t.ok(error instanceof FFmpegError, `${error}`)
  t.ok(/IOContext has no onseek/.test(error && error.message), error && error.message)
})

test('seek() on an input without onseek is an error naming onseek, not a broken read', (t) => {
  using input = new InputFormatContext(streamingIO(fixture('sample.mkv'), { seekable: false }))
  using packet = new Packet()
  input.readFrame(packet)
  t.exception(() => input.seek(0, 0), /seek\(\) needs an IOContext with onseek/)
  t.ok(input.readFrame(packet), 'reading goes on')
})

test('writing MP4 without onseek: the error names onseek, fragmented MP4 works', (t) => {
  const { io } = sinkIO({ seekable: false })
  const { input, output } = remuxSetup('mp4', io)
  t.exception(
    () => output.writeHeader(),
    /\(FFmpeg: muxer does not support non seekable output\)\. .*IOContext has no onseek.*frag_keyframe\+empty_moov/s
  )
  t.exception(() => output.writeHeader(), /writeHeader\(\) failed earlier/)
  input.destroy()
  output.destroy()
  const second = sinkIO({ seekable: false })
  const again = remuxSetup('mp4', second.io)
  again.output.writeHeader({ movflags: 'frag_keyframe+empty_moov' })
  using packet = new Packet()
  while (again.input.readFrame(packet)) again.output.writeFrame(packet)
  again.output.writeTrailer()
  t.ok(second.sink.data.length > 1000)
  again.input.destroy()
  again.output.destroy()
})
