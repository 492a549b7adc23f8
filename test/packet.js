// Packet and Rational.
const test = require('brittle')
const internal = require('../lib/internal')
const path = require('bare-path')
const { Packet, Rational, IOContext, InputFormatContext, constants } = require('..')
const { openBuffer, fixture, FIXTURES } = require('./helpers')
const { adler32, framecrc } = require('./checksums')

test('a new packet is blank; fields can be set and read back', (t) => {
  using packet = new Packet()
  t.is(packet.size, 0)
  t.is(packet.data.length, 0)
  t.is(packet.pts, -1, 'no timestamp reads -1, as in the published package')
  t.is(packet.dts, -1)
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
  t.is(packet.pts, -1, 'NOPTS_VALUE writes "no timestamp"')
  packet.pts = -1
  t.is(packet.pts, -1, 'a genuine -1 reads the same')
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
  t.is(view.byteLength, 10)
})

// Small payloads are shown in pooled memory (256 KiB blocks shared by many payloads; see
// lib/packet.js): the views must stay each packet's own bytes through later reads, the turnover
// to new blocks, and collection. Checked against ffmpeg's framecrc of the same packets.
test('payload views stay right through later reads and pooled memory turnover (ffmpeg framecrc)', (t) => {
  const file = path.join(FIXTURES, 'long.mp4')
  const { frames } = framecrc(['-i', file, '-map', '0:0', '-c', 'copy'])
  const views = []
  const ROUNDS = 6 // 6 x 51 KB: more than one block of pooled memory
  for (let round = 0; round < ROUNDS; round++) {
    using input = openBuffer('long.mp4')
    using packet = new Packet()
    while (input.readFrame(packet)) {
      const view = packet.data // every payload read: the next ones are placed as they are read
      if (packet.streamIndex === 0) views.push(view)
    }
  }
  Bare.gc?.()
  t.is(views.length, frames.length * ROUNDS)
  t.ok(new Set(views.map((v) => v.buffer)).size > 1, 'the views span several blocks')
  let wrong = 0
  views.forEach((view, i) => {
    const expected = frames[i % frames.length]
    if (view.length !== expected.size || adler32(view) !== expected.crc) wrong++
  })
  t.is(wrong, 0, `each of ${views.length} views has its packet's bytes`)
})

test('a payload view writes the packet, once placed in pooled memory too', (t) => {
  using input = openBuffer('sample.mkv')
  using packet = new Packet()
  for (let i = 0; i < 4 && input.readFrame(packet); i++) {
    const view = packet.data // from the second packet on, placed by readFrame itself
    view[0] ^= 0xff
    t.is(packet.copyData()[0], view[0], `packet ${i}: the view is the packet's memory`)
    t.is(packet.data[0], view[0])
  }
})

test("a payload's known place goes with the payload (set data, unref, readFrame, moves)", async (t) => {
  using input = openBuffer('sample.mkv')
  using packet = new Packet()
  t.ok(input.readFrame(packet))
  t.alike(packet.data, packet.copyData())
  t.ok(input.readFrame(packet)) // placed as it is read (data was read)
  const first = packet.copyData()
  t.alike(packet.data, first)
  packet.data = Buffer.from('replaced')
  t.is(packet.data.toString(), 'replaced')
  t.ok(input.readFrame(packet))
  t.alike(packet.data, packet.copyData())
  t.unlike(packet.data, first)
  packet.unref()
  t.is(packet.data.length, 0)
  // `for await` hands out packets it read ahead, moved into the caller's packet by readFrame.
  for await (const ahead of input) {
    t.alike(ahead.data, ahead.copyData())
    break
  }
  t.ok(input.readFrame(packet))
  t.alike(packet.data, packet.copyData())
  t.is(packet.data.length, packet.size)
})

test('a large payload is a view of its own memory', (t) => {
  using packet = new Packet(Buffer.alloc(100000, 7))
  const view = packet.data
  t.is(view.buffer.byteLength, 100000)
  view[5] = 9
  t.is(packet.copyData()[5], 9)
})

test('pooled memory the native side did not make is refused, never written', (t) => {
  const binding = require('../binding')
  using packet = new Packet(Buffer.from('abc'))
  const handle = Packet[internal.handleOf](packet)
  const fake = new ArrayBuffer(256 * 1024)
  t.is(binding.packetDataView(handle, fake), -1)
  t.is(binding.packetDataView(handle, {}), -1)
  t.is(binding.packetDataView(handle, null), -1)
  t.ok(new Uint8Array(fake).every((b) => b === 0))
  t.is(packet.data.toString(), 'abc')
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
