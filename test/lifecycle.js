// Lifecycle safety: re-entrant calls, destroy from inside callbacks, forged objects, bad media.
const test = require('brittle')
const internal = require('../lib/internal')
const binding = require('../binding')
const { IOContext, InputFormatContext, Packet, FFmpegError } = require('..')
const { fixture, CONTAINERS, readAll } = require('./helpers')

// An onread-only IOContext over `data`; `io.hook = fn` runs fn once, at the next read.
function hookedIO(data) {
  let pos = 0
  const io = new IOContext(512, {
    onread(buffer) {
      const hook = io.hook
      io.hook = null
      if (hook) hook()
      const n = Math.min(buffer.length, data.length - pos)
      buffer.set(data.subarray(pos, pos + n))
      pos += n
      return n
    }
  })
  io.hook = null
  return io
}

// 30 copies of the TS fixture: long enough that reading goes on well after the open.
function longTS() {
  return Buffer.concat(new Array(30).fill(fixture('sample.ts')))
}

test('readFrame from inside onread of the same context throws "busy" out of readFrame', (t) => {
  const io = hookedIO(longTS())
  const input = new InputFormatContext(io)
  io.hook = () => input.readFrame(new Packet())
  t.exception(() => readAll(input), /busy: it cannot be used from inside one of its own callbacks/)
  input.destroy()
})

test('destroying a format context from inside its own callback takes effect afterwards', (t) => {
  const io = hookedIO(longTS())
  const input = new InputFormatContext(io)
  io.hook = () => input.destroy()
  let error = null
  try {
    readAll(input)
  } catch (e) {
    error = e
  }
  t.ok(error, `the next call fails: ${error && error.message}`)
  t.exception(() => input.readFrame(new Packet()), /has been destroyed/)
  input.destroy()
})

test('destroying the packet being filled from inside onread is deferred, not a crash', (t) => {
  const packet = new Packet()
  const io = hookedIO(longTS())
  using input = new InputFormatContext(io)
  io.hook = () => packet.destroy()
  let error = null
  try {
    while (input.readFrame(packet));
  } catch (e) {
    error = e
  }
  t.ok(error && /Packet has been destroyed/.test(error.message), error && error.message)
})

test('destroying the IOContext from inside its own callback is harmless', (t) => {
  const io = hookedIO(fixture('sample.mkv'))
  io.hook = () => io.destroy()
  using input = new InputFormatContext(io)
  t.ok(readAll(input).length > 0)
})

test('forged objects and wrong handles are TypeErrors, never crashes', (t) => {
  const fake = Object.create(Packet.prototype)
  t.exception.all(() => fake.pts, TypeError)
  t.exception.all(
    () => Object.getOwnPropertyDescriptor(Packet.prototype, 'pts').get.call({}),
    TypeError
  )
  t.exception.all(
    () => new InputFormatContext(new IOContext(fixture('sample.wav'))).readFrame({}),
    TypeError
  )
  // The binding itself checks the kind of every handle.
  using io = new IOContext(fixture('sample.wav'))
  const packet = new Packet()
  t.exception.all(() => binding.packetGet(IOContext[internal.handleOf](io), 0), /Expected a Packet/)
  t.exception.all(
    () =>
      binding.inputReadFrame(Packet[internal.handleOf](packet), Packet[internal.handleOf](packet)),
    /Expected an InputFormatContext/
  )
  t.exception.all(() => binding.ioContextDestroy(42), /Expected an IOContext, got 42/)
  t.exception.all(() => binding.packetGet({}, 0), TypeError)
  t.exception.all(() => binding.ioContextFromBuffer(42, new Uint8Array(1)), TypeError)
})

test('empty input: a specific error', (t) => {
  try {
    new InputFormatContext(new IOContext(Buffer.alloc(0))) // eslint-disable-line no-new
    t.fail('should throw')
  } catch (e) {
    t.ok(e instanceof FFmpegError)
    t.is(e.message, 'Could not open input: the input is empty')
  }
  t.exception(
    () => new InputFormatContext(new IOContext(4096, { onread: () => 0 })),
    /the input is empty/
  )
})

test('garbage bytes: FFmpegError with code AVERROR_INVALIDDATA', (t) => {
  const garbage = Buffer.alloc(4096)
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919) & 0xff
  try {
    new InputFormatContext(new IOContext(garbage)) // eslint-disable-line no-new
    t.fail('should throw')
  } catch (e) {
    t.ok(e instanceof FFmpegError)
    t.is(e.code, 'AVERROR_INVALIDDATA')
    t.is(e.message, 'Could not open input: Invalid data found when processing input')
    t.ok(e.errno < 0)
  }
})

test('truncated files: an error or fewer packets, never a crash', (t) => {
  for (const { file } of CONTAINERS) {
    const data = fixture(file)
    for (const keep of [0.1, 0.5, 0.9]) {
      const part = data.subarray(0, Math.floor(data.length * keep))
      let outcome
      try {
        using input = new InputFormatContext(new IOContext(part))
        outcome = `${readAll(input).length} packets`
      } catch (e) {
        outcome = e.name
        t.ok(e instanceof Error, `${file} at ${keep}: ${e.message}`)
      }
      t.comment(`${file} cut to ${keep * 100}%: ${outcome}`)
    }
  }
  t.pass('no crash')
})
