// IOContext: the spec's examples, what FFmpeg asks of the callbacks and how their results are
// checked (the checks themselves are also unit-tested in Rust: cargo test), errors, lifecycle.
const test = require('brittle')
const {
  IOContext,
  InputFormatContext,
  OutputFormatContext,
  Packet,
  FFmpegError,
  constants
} = require('..')
const { fixture, streamingIO, readAll, probePackets, thrown } = require('./helpers')

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

// A source over `data` that logs every onseek call; `size`: whether it answers AVSEEK_SIZE.
function loggingSource(data, { size = true } = {}) {
  const calls = []
  let pos = 0
  const io = new IOContext(4096, {
    onread: (buffer) => {
      const n = Math.max(0, Math.min(buffer.length, data.length - pos))
      buffer.set(data.subarray(pos, pos + n))
      pos += n
      return n
    },
    onseek: (offset, whence) => {
      calls.push(whence)
      const { SET, CUR, END, SIZE } = constants.seek
      if (whence === SIZE) return size ? data.length : -1
      if (whence === SET) return (pos = offset)
      if (whence === CUR) return (pos += offset)
      if (whence === END) return (pos = data.length + offset)
      return -1
    }
  })
  return { io, calls }
}

test('onseek gets the whence FFmpeg asks for, never with FORCE', (t) => {
  const { SET, SIZE, FORCE } = constants.seek
  const { io, calls } = loggingSource(fixture('sample.mp4'))
  using input = new InputFormatContext(io)
  t.alike(readAll(input), probePackets('sample.mp4'))
  t.ok(calls.includes(SIZE) && calls.includes(SET), `asked: ${[...new Set(calls)]}`)
  t.absent(
    calls.some((whence) => whence & FORCE),
    'no FORCE bit'
  )
})

test('onseek refusing SIZE (-1): FFmpeg asks for END instead, and demuxing works', (t) => {
  const { END, SIZE } = constants.seek
  const { io, calls } = loggingSource(fixture('sample.mp4'), { size: false })
  using input = new InputFormatContext(io)
  t.alike(readAll(input), probePackets('sample.mp4'))
  t.ok(calls.includes(SIZE) && calls.includes(END), `asked: ${[...new Set(calls)]}`)
})

test('onseek always -1 ("cannot seek") on an input that needs seeking: an FFmpegError', (t) => {
  const data = fixture('sample.mp4')
  let pos = 0
  const io = new IOContext(4096, {
    onread: (buffer) => {
      const n = Math.max(0, Math.min(buffer.length, data.length - pos))
      buffer.set(data.subarray(pos, pos + n))
      pos += n
      return n
    },
    onseek: () => -1
  })
  let error = null
  try {
    using input = new InputFormatContext(io)
    readAll(input)
  } catch (e) {
    error = e
  }
  t.ok(error instanceof FFmpegError, `${error}`)
})

test('onread gets a zeroed buffer of the requested length; 0 at once is an empty input', (t) => {
  let seen = null
  const io = new IOContext(64, {
    onread: (buffer, len) => {
      seen = seen ?? { length: buffer.length, len, zero: buffer.every((b) => b === 0) }
      return 0
    }
  })
  t.exception(() => new InputFormatContext(io), /the input is empty/)
  // (FFmpeg may ask for more than the IOContext's size: the probe reads into a larger buffer.)
  t.ok(seen.len >= 64)
  t.alike(seen, { length: seen.len, len: seen.len, zero: true })
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
  t.exception.all(() => new IOContext(Buffer.alloc(8), { onseek() {} }), /onseek needs onread/)
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
  t.exception.all(() => new InputFormatContext(io), RangeError)
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
  const data = fixture('sample.mp4')
  for (const [bad, label] of [
    ['far', 'a string'],
    [2 ** 60, 'an unsafe integer'],
    [0.5, 'a fraction']
  ]) {
    let pos = 0
    const io = new IOContext(4096, {
      onread: (buffer) => {
        const n = Math.max(0, Math.min(buffer.length, data.length - pos))
        buffer.set(data.subarray(pos, pos + n))
        pos += n
        return n
      },
      onseek: () => bad
    })
    t.exception.all(() => new InputFormatContext(io), /onseek must return a position/, label)
  }
})

// Remuxes sample.mkv to Matroska through `onwrite`, 16 bytes at a time.
function muxThrough(onwrite) {
  using input = new InputFormatContext(new IOContext(fixture('sample.mkv')))
  using output = new OutputFormatContext('matroska', new IOContext(16, { onwrite }))
  for (const stream of input.streams) {
    const out = output.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.timeBase = stream.timeBase
  }
  output.writeHeader()
  using packet = new Packet()
  while (input.readFrame(packet)) output.writeFrame(packet)
  output.writeTrailer()
}

// onwrite is handed every byte (a Buffer it keeps): what it returns is not a count, as in the
// published package, whose examples write `onwrite: (chunk) => chunks.push(chunk)`.
for (const [returned, label] of [
  [undefined, 'undefined'],
  [16, 'the full count'],
  [1, 'an array length (chunks.push)'],
  [-1, 'a negative number'],
  ['16', 'a string']
]) {
  test(`onwrite returning ${label}: every byte is written`, (t) => {
    const kept = []
    muxThrough((buffer) => {
      kept.push(buffer)
      return returned
    })
    using input = new InputFormatContext(new IOContext(Buffer.concat(kept)))
    t.is(readAll(input).length, probePackets('sample.mkv').length)
  })
}

test('onwrite throwing fails the call with that exception', (t) => {
  const failure = new Error('disk full')
  t.is(
    thrown(() =>
      muxThrough(() => {
        throw failure
      })
    ),
    failure
  )
})

test('onwrite receives a Buffer it may keep', (t) => {
  const kept = []
  muxThrough((buffer) => {
    kept.push(buffer)
  })
  t.ok(kept.every((b) => Buffer.isBuffer(b)))
  // The kept buffers, joined, are the whole file: none was reused or overwritten.
  using input = new InputFormatContext(new IOContext(Buffer.concat(kept)))
  t.is(readAll(input).length, probePackets('sample.mkv').length)
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

test('an input needs a readable IOContext; an output writes only with onwrite', (t) => {
  t.exception.all(
    () => new InputFormatContext(new IOContext(4096, { onwrite: () => {} })),
    TypeError
  )
  // As in the published package, an output can be made over any IOContext (its format can be
  // read); with nothing to write to, writeHeader() says so instead of dropping the data.
  for (const io of [new IOContext(fixture('sample.wav')), new IOContext(4096)]) {
    using output = new OutputFormatContext('matroska', io)
    t.is(output.outputFormat.name, 'matroska')
    const stream = output.createStream()
    stream.codecParameters.type = constants.mediaTypes.AUDIO
    stream.codecParameters.id = constants.codecs.PCM_S16LE
    stream.codecParameters.sampleRate = 8000
    stream.codecParameters.nbChannels = 1
    t.exception(() => output.writeHeader(), /writeHeader\(\) needs an IOContext with onwrite/)
  }
  t.exception.all(() => new InputFormatContext({}), TypeError)
  t.exception.all(() => new InputFormatContext(null), TypeError)
})
