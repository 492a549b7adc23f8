// Packet and Rational.
const test = require('brittle')
const { Packet, Rational, IOContext, InputFormatContext, constants } = require('..')
const { openBuffer, fixture } = require('./helpers')

test('a new packet is blank; fields can be set and read back', (t) => {
  using packet = new Packet()
  t.is(packet.size, 0)
  t.is(packet.data.length, 0)
  t.is(packet.pts, constants.NOPTS_VALUE)
  packet.streamIndex = 2
  packet.pts = 9007199254740991
  packet.dts = -5
  packet.duration = 40
  packet.isKeyframe = true
  t.is(packet.streamIndex, 2)
  t.is(packet.pts, 9007199254740991)
  t.is(packet.dts, -5)
  t.is(packet.duration, 40)
  t.ok(packet.isKeyframe)
  t.is(packet.flags & constants.packetFlags.KEY, constants.packetFlags.KEY)
  packet.isKeyframe = false
  t.is(packet.flags, 0)
  packet.pts = constants.NOPTS_VALUE
  t.is(packet.pts, constants.NOPTS_VALUE)
})

test('packet fields reject values that do not fit', (t) => {
  using packet = new Packet()
  t.exception.all(() => {
    packet.pts = 1.5
  }, RangeError)
  t.exception.all(() => {
    packet.pts = 2 ** 60
  }, RangeError)
  t.exception.all(() => {
    packet.streamIndex = 2 ** 31
  }, RangeError)
  t.exception.all(() => {
    packet.duration = '40'
  }, TypeError)
  t.exception.all(() => {
    packet.size = 3
  }, TypeError)
})

test('data in is a copy; data out is a view of the packet, copyData() a copy', (t) => {
  const source = Buffer.from('hello packet')
  using packet = new Packet(source)
  source[0] = 0x48
  t.is(packet.data.toString(), 'hello packet')
  t.is(packet.size, 12)
  const copy = packet.copyData()
  copy[0] = 0x4a
  t.is(packet.data.toString(), 'hello packet', 'a copy is its own')
  const view = packet.data
  view[0] = 0x59
  t.is(packet.data.toString(), 'Yello packet', 'the view writes the packet')
  packet.data = new Uint8Array([1, 2, 3]).subarray(1)
  t.alike([...packet.data], [2, 3])
  t.exception.all(() => {
    packet.data = 'text'
  }, TypeError)
})

test('a data view outlives unref() and destroy(): it holds its own reference', (t) => {
  const packet = new Packet(Buffer.from('kept alive'))
  const view = packet.data
  packet.unref()
  t.is(packet.size, 0)
  packet.destroy()
  Bare.gc?.()
  t.is(view.toString(), 'kept alive')
  t.is(view.buffer.byteLength, 10)
})

test("readFrame sets the packet time base to its stream's", (t) => {
  using input = new InputFormatContext(new IOContext(fixture('sample.mkv')))
  using packet = new Packet()
  const seen = new Set()
  while (input.readFrame(packet)) {
    t.alike(packet.timeBase, input.streams[packet.streamIndex].timeBase)
    seen.add(packet.streamIndex)
  }
  t.is(seen.size, 2)
})

test('rescaleTimestamps and timeBase', (t) => {
  using packet = new Packet()
  packet.pts = 90000
  packet.dts = 45000
  packet.duration = 3000
  packet.rescaleTimestamps(new Rational(1, 90000), new Rational(1, 1000))
  t.is(packet.pts, 1000)
  t.is(packet.dts, 500)
  t.is(packet.duration, 33)
  packet.timeBase = new Rational(1, 1000)
  t.alike(packet.timeBase, new Rational(1, 1000))
  t.exception.all(
    () => packet.rescaleTimestamps(new Rational(0, 1), new Rational(1, 1)),
    RangeError
  )
})

test('copyPropsFrom copies timestamps and flags, not data', (t) => {
  using a = new Packet(Buffer.from('abc'))
  using b = new Packet()
  a.pts = 7
  a.dts = 6
  a.isKeyframe = true
  b.copyPropsFrom(a)
  t.is(b.pts, 7)
  t.is(b.dts, 6)
  t.ok(b.isKeyframe)
  t.is(b.size, 0)
  t.exception.all(() => b.copyPropsFrom({}), TypeError)
})

test('readFrame fills a packet; unref empties it; destroy ends it', (t) => {
  using input = openBuffer('sample.wav')
  const packet = new Packet()
  t.ok(input.readFrame(packet))
  t.ok(packet.size > 0)
  t.is(packet.data.length, packet.size)
  packet.unref()
  t.is(packet.size, 0)
  packet.destroy()
  packet.destroy()
  t.exception(() => packet.pts, /Packet has been destroyed/)
  t.exception(() => input.readFrame(packet), /Packet has been destroyed/)
  t.exception.all(() => input.readFrame({}), TypeError)
})

test('Rational', (t) => {
  const r = new Rational(1, 25)
  t.is(r.toNumber(), 0.04)
  t.ok(r.valid)
  t.ok(new Rational().uninitialized)
  t.ok(r.equals(new Rational(1, 25)))
  t.alike(Rational.from(0.5), new Rational(1, 2))
  t.alike(Rational.from(29.97), new Rational(2997, 100))
  t.is(Rational.rescaleQ(90000, new Rational(1, 90000), new Rational(1, 1000)), 1000)
  t.absent(new Rational(1, 0).valid, '1/0 is not valid')
  t.absent(new Rational(0, 1).valid, 'nor 0/1')
  t.absent(new Rational(1, -2).valid, 'nor a negative denominator')
  t.absent(new Rational(0.5, 2).valid, 'nor a fraction')
})

test('time bases must be positive; other rationals need a positive denominator', (t) => {
  const { OutputFormatContext } = require('..')
  using output = new OutputFormatContext('matroska', new IOContext(16, { onwrite() {} }))
  const stream = output.createStream()
  for (const bad of [new Rational(1, 0), new Rational(0, 1), new Rational(-1, 25)]) {
    t.exception.all(
      () => {
        stream.timeBase = bad
      },
      RangeError,
      `timeBase ${bad}`
    )
  }
  t.exception.all(() => {
    stream.codecParameters.frameRate = new Rational(25, 0)
  }, RangeError)
  stream.codecParameters.sampleAspectRatio = new Rational(0, 1) // "unknown" is fine
  t.alike(stream.codecParameters.sampleAspectRatio, new Rational(0, 1))
  using packet = new Packet()
  t.exception.all(() => {
    packet.timeBase = new Rational(1, 0)
  }, RangeError)
})

test("log.level reads and sets FFmpeg's log level", (t) => {
  const { log, constants } = require('..')
  const before = log.level
  log.level = constants.logLevels.ERROR
  t.is(log.level, constants.logLevels.ERROR)
  t.is(log.ERROR, constants.logLevels.ERROR)
  log.level = before
  t.is(log.level, before)
})
