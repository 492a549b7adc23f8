// IOContext: the spec's examples, every whence value, validation, errors, lifecycle.
const test = require('brittle')
const binding = require('../binding')
const { IOContext, InputFormatContext, OutputFormatContext, Packet, constants } = require('..')
const { fixture, streamingIO, readAll, probePackets } = require('./helpers')

// Runs one callback exactly as FFmpeg's AVIO would (see ioCall* in src/exports.rs).
const callSeek = (io, offset, whence) => binding.ioCallSeek(IOContext._handleOf(io), offset, whence)
const callRead = (io, len) => binding.ioCallRead(IOContext._handleOf(io), len)
const callWrite = (io, bytes) => binding.ioCallWrite(IOContext._handleOf(io), bytes)

test('spec: basic usage with a buffer', (t) => {
  const image = fixture('sample.wav')
  const io = new IOContext(image)
  io.destroy()
  t.pass('created and destroyed')
})

test('spec: streaming with a custom read callback', (t) => {
  const data = fixture('sample.mkv')
  let offset = 0
  const io = new IOContext(4096, {
    onread: (buffer) => {
      const bytesToRead = Math.min(buffer.length, data.length - offset)
      if (bytesToRead === 0) return 0

      const chunk = data.subarray(offset, offset + bytesToRead)
      buffer.set(chunk)
      offset += bytesToRead
      return bytesToRead
    }
  })
  using input = new InputFormatContext(io)
  t.alike(readAll(input), probePackets('sample.mkv'))
  t.is(offset, data.length, 'read to the end')
})

test('spec: streaming with seek support (MP4 with its index at the end)', (t) => {
  const data = fixture('sample.mp4')
  let offset = 0
  const io = new IOContext(4096, {
    onread: (buffer) => {
      const n = Math.max(0, Math.min(buffer.length, data.length - offset))
      buffer.set(data.subarray(offset, offset + n))
      offset += n
      return n
    },
    onseek: (o, whence) => {
      switch (whence) {
        case constants.seek.SIZE:
          return data.length
        case constants.seek.SET:
          offset = o
          return offset
        default:
          return -1
      }
    }
  })
  using input = new InputFormatContext(io)
  t.alike(readAll(input), probePackets('sample.mp4'))
})

test('constants.seek has FFmpeg values', (t) => {
  t.alike(constants.seek, {
    SET: 0,
    CUR: 1,
    END: 2,
    SIZE: 0x10000,
    FORCE: 0x20000
  })
})

test('every whence value reaches onseek as given, without FORCE', (t) => {
  const calls = []
  const io = new IOContext(16, {
    onread: () => 0,
    onseek: (offset, whence) => {
      calls.push([offset, whence])
      return whence === constants.seek.SIZE ? 1234 : 42
    }
  })
  const { SET, CUR, END, SIZE, FORCE } = constants.seek
  t.is(callSeek(io, 10, SET), 42)
  t.is(callSeek(io, -5, CUR), 42)
  t.is(callSeek(io, -1, END), 42)
  t.is(callSeek(io, 0, SIZE), 1234)
  t.is(callSeek(io, 7, SET | FORCE), 42)
  t.is(callSeek(io, 0, SIZE | FORCE), 1234)
  t.alike(calls, [
    [10, SET],
    [-5, CUR],
    [-1, END],
    [0, SIZE],
    [7, SET],
    [0, SIZE]
  ])
  io.destroy()
})

test('buffer input handles every whence value itself', (t) => {
  const io = new IOContext(Buffer.from('0123456789'))
  const { SET, CUR, END, SIZE, FORCE } = constants.seek
  t.is(callSeek(io, 0, SIZE), 10)
  t.is(callSeek(io, 3, SET), 3)
  t.is(Buffer.from(callRead(io, 2)).toString(), '34')
  t.is(callSeek(io, 1, CUR), 6)
  t.is(Buffer.from(callRead(io, 2)).toString(), '67')
  t.is(callSeek(io, -3, END), 7)
  t.is(Buffer.from(callRead(io, 100)).toString(), '789', 'short read at the end')
  t.is(callRead(io, 4), ffEOF(), 'then end of file')
  t.is(callSeek(io, 2, SET | FORCE), 2, 'FORCE is ignored')
  t.ok(callSeek(io, -1, SET) < 0, 'negative position is an error')
  t.ok(callSeek(io, 0, 99) < 0, 'unknown whence is an error')
  io.destroy()
})

function ffEOF() {
  // AVERROR_EOF, FFERRTAG('E','O','F',' ')
  return -0x20464f45
}

test('onseek returning -1 means "cannot seek"', (t) => {
  const io = new IOContext(16, { onread: () => 0, onseek: () => -1 })
  t.ok(callSeek(io, 5, constants.seek.SET) < 0)
  io.destroy()
})

test('onread gets a zeroed buffer of the requested length, and 0 means end of file', (t) => {
  let seen = null
  const io = new IOContext(64, {
    onread: (buffer, len) => {
      seen = { length: buffer.length, len, zero: buffer.every((b) => b === 0) }
      return 0
    }
  })
  t.is(callRead(io, 64), ffEOF())
  t.alike(seen, { length: 64, len: 64, zero: true })
  io.destroy()
})

test('size is validated', (t) => {
  const onread = () => 0
  for (const size of [0, -1, 1.5, 2 ** 31, NaN, Infinity]) {
    t.exception.all(() => new IOContext(size, { onread }), RangeError, `size ${size}`)
  }
  t.ok(new IOContext(2 ** 31 - 1 - 2 ** 30, { onread }), 'large sizes are fine')
})

test('buffer and callbacks are validated', (t) => {
  t.exception.all(() => new IOContext('abc'), TypeError)
  t.exception.all(() => new IOContext(null), TypeError)
  t.exception.all(() => new IOContext(4096), TypeError, 'no callbacks')
  t.exception.all(() => new IOContext(4096, { onread: 1 }), TypeError)
  t.exception.all(() => new IOContext(4096, { onwrite: 'x' }), TypeError)
  t.exception.all(() => new IOContext(4096, { onread() {}, onseek: {} }), TypeError)
  t.exception.all(() => new IOContext(4096, null), TypeError)
})

for (const [bad, label] of [
  [5000, 'more than requested'],
  [-1, 'negative'],
  [NaN, 'NaN'],
  ['10', 'a string'],
  [1.5, 'a fraction'],
  [undefined, 'undefined']
]) {
  test(`onread returning ${label} fails the open with a clear error`, (t) => {
    const io = new IOContext(4096, { onread: () => bad })
    let error = null
    try {
      new InputFormatContext(io) // eslint-disable-line no-new
    } catch (e) {
      error = e
    }
    t.ok(error instanceof RangeError, `${error && error.name}: ${error && error.message}`)
    t.ok(/onread must return/.test(error.message))
  })
}

test('onread returning more than asked: FFmpeg never gets past its buffer', (t) => {
  const io = new IOContext(16, { onread: (buffer, len) => len + 1 })
  t.exception.all(() => callRead(io, 16), RangeError)
})

test('an exception thrown in onread comes out of the open, as the same object', (t) => {
  const boom = new Error('boom')
  const io = new IOContext(4096, {
    onread: () => {
      throw boom
    }
  })
  try {
    new InputFormatContext(io) // eslint-disable-line no-new
    t.fail('should throw')
  } catch (e) {
    t.is(e, boom)
  }
})

test('an exception thrown in onread later comes out of readFrame, as the same object', (t) => {
  const data = fixture('sample.ts')
  const boom = { custom: 'not even an Error' }
  let pos = 0
  let fail = false
  const io = new IOContext(1024, {
    onread: (buffer) => {
      if (fail) throw boom
      const n = Math.min(buffer.length, data.length - pos)
      buffer.set(data.subarray(pos, pos + n))
      pos += n
      return n
    }
  })
  using input = new InputFormatContext(io)
  using packet = new Packet()
  fail = true
  let thrown = null
  try {
    while (input.readFrame(packet));
  } catch (e) {
    thrown = e
  }
  t.is(thrown, boom)
})

test('an exception thrown in onseek at its first call comes out of the open', (t) => {
  const data = fixture('sample.mp4')
  const boom = new TypeError('seek failed')
  let pos = 0
  const io = new IOContext(4096, {
    onread: (buffer) => {
      const n = Math.min(buffer.length, data.length - pos)
      buffer.set(data.subarray(pos, pos + n))
      pos += n
      return n
    },
    onseek: () => {
      throw boom
    }
  })
  try {
    new InputFormatContext(io) // eslint-disable-line no-new
    t.fail('should throw')
  } catch (e) {
    t.is(e, boom, 'the same object')
  }
})

test('onseek returning a non-integer is a clear error', (t) => {
  const io = new IOContext(16, { onread: () => 0, onseek: () => 'far' })
  t.exception.all(() => callSeek(io, 0, constants.seek.SET), /onseek must return a position/)
  const io2 = new IOContext(16, { onread: () => 0, onseek: () => 2 ** 60 })
  t.exception.all(() => callSeek(io2, 0, constants.seek.SET), TypeError, 'unsafe integer')
})

test('onwrite: undefined means all, a short or invalid count is an error', (t) => {
  const results = [undefined, 3, 2, -1, 'x']
  const io = new IOContext(16, { onwrite: () => results.shift() })
  const bytes = new Uint8Array([1, 2, 3])
  t.is(callWrite(io, bytes), 3, 'undefined')
  t.is(callWrite(io, bytes), 3, 'the full count')
  t.exception.all(() => callWrite(io, bytes), /wrote only 2 of 3 bytes/)
  t.exception.all(() => callWrite(io, bytes), RangeError, 'negative')
  t.exception.all(() => callWrite(io, bytes), RangeError, 'a string')
})

test('onwrite receives a buffer it may keep', (t) => {
  const kept = []
  const io = new IOContext(16, {
    onwrite: (buffer) => {
      kept.push(buffer)
    }
  })
  callWrite(io, new Uint8Array([1, 2, 3]))
  callWrite(io, new Uint8Array([4, 5]))
  t.alike(
    kept.map((b) => [...b]),
    [
      [1, 2, 3],
      [4, 5]
    ]
  )
  t.ok(Buffer.isBuffer(kept[0]))
})

test('destroy is idempotent; use after destroy throws', (t) => {
  const io = new IOContext(fixture('sample.wav'))
  io.destroy()
  io.destroy()
  t.exception(() => io.transfer(), /destroyed/)
  t.exception(() => new InputFormatContext(io), /destroyed/)
})

test('using calls destroy', (t) => {
  let io
  {
    using scoped = new IOContext(fixture('sample.wav'))
    io = scoped
  }
  t.exception(() => io.transfer(), /destroyed/)
})

test('transfer moves ownership; the original is left empty', (t) => {
  const io = new IOContext(fixture('sample.flac'))
  const moved = io.transfer()
  t.ok(moved instanceof IOContext)
  io.destroy() // harmless
  t.exception(() => io.transfer(), /handed over/)
  using input = new InputFormatContext(moved)
  t.alike(readAll(input), probePackets('sample.flac'))
})

test('a format context owns its IOContext: destroying the original is harmless', (t) => {
  const io = streamingIO(fixture('sample.ogg'.replace('ogg', 'opus')))
  using input = new InputFormatContext(io)
  io.destroy()
  t.alike(readAll(input), probePackets('sample.opus'))
})

test('an IOContext cannot be used by two format contexts', (t) => {
  const io = new IOContext(fixture('sample.wav'))
  using input = new InputFormatContext(io)
  t.ok(input)
  t.exception(() => new InputFormatContext(io), /handed over/)
})

test('an input needs a readable IOContext, an output a writable one', (t) => {
  t.exception.all(
    () => new InputFormatContext(new IOContext(4096, { onwrite: () => {} })),
    TypeError
  )
  t.exception.all(
    () => new OutputFormatContext('matroska', new IOContext(fixture('sample.wav'))),
    TypeError
  )
  t.exception.all(() => new InputFormatContext({}), TypeError)
  t.exception.all(() => new InputFormatContext(null), TypeError)
})
