// Async operations: FFmpeg on a worker thread, callbacks that return Promises, the event loop free.
const test = require('brittle')
const path = require('bare-path')
const { spawnSync } = require('bare-subprocess')
const { IOContext, InputFormatContext, OutputFormatContext, Packet, constants } = require('..')
const {
  CONTAINERS,
  fixture,
  readAll,
  readAllAsync,
  packetShape,
  probePackets
} = require('./helpers')

const tick = () => new Promise((resolve) => setImmediate(resolve))

// An IOContext whose callbacks answer asynchronously (after a turn of the event loop).
function asyncIO(data, { size = 4096, seekable = true } = {}) {
  let pos = 0
  return new IOContext(size, {
    async onread(buffer, len) {
      await tick()
      const n = Math.max(0, Math.min(len, data.length - pos))
      buffer.set(data.subarray(pos, pos + n))
      pos += n
      return n
    },
    onseek: seekable
      ? async (offset, whence) => {
          await tick()
          if (whence === constants.seek.SIZE) return data.length
          if (whence === constants.seek.SET) return (pos = offset)
          return -1
        }
      : undefined
  })
}

for (const { file } of CONTAINERS) {
  test(`${file}: open() + for await with Promise callbacks match ffprobe`, async (t) => {
    const input = await InputFormatContext.open(asyncIO(fixture(file)))
    t.alike(await readAllAsync(input), probePackets(file))
    input.destroy()
  })
}

test('async methods work with buffer input and synchronous callbacks too', async (t) => {
  const buffered = await InputFormatContext.open(new IOContext(fixture('sample.webm')))
  const packet = new Packet()
  const packets = []
  while (await buffered.readFrameAsync(packet)) packets.push(packetShape(packet))
  t.alike(packets, probePackets('sample.webm'))
  buffered.destroy()

  const data = fixture('sample.mp4')
  let pos = 0
  const sync = new IOContext(4096, {
    onread: (buffer, len) => {
      const n = Math.max(0, Math.min(len, data.length - pos))
      buffer.set(data.subarray(pos, pos + n))
      pos += n
      return n
    },
    onseek: (offset, whence) => (whence === constants.seek.SIZE ? data.length : (pos = offset))
  })
  const input = await InputFormatContext.open(sync)
  t.alike(await readAllAsync(input), probePackets('sample.mp4'))
  input.destroy()
})

test('seekAsync lands where seek does', async (t) => {
  const sync = new InputFormatContext(new IOContext(fixture('sample.mkv')))
  sync.seek(0, 1500)
  const expected = readAll(sync)
  sync.destroy()
  const input = await InputFormatContext.open(asyncIO(fixture('sample.mkv')))
  await readAllAsync(input)
  await input.seekAsync(0, 1500)
  t.alike(await readAllAsync(input), expected)
  input.destroy()
})

test('async muxing through a Promise onwrite gives the same bytes as synchronous muxing', async (t) => {
  async function mux(asyncWrites) {
    const chunks = []
    const input = new InputFormatContext(new IOContext(fixture('sample.mkv')))
    const io = new IOContext(4096, {
      onwrite: asyncWrites
        ? async (buffer) => {
            await tick()
            chunks.push(buffer)
          }
        : (buffer) => {
            chunks.push(buffer)
          }
    })
    const output = new OutputFormatContext('matroska', io)
    for (const stream of input.streams) {
      const out = output.createStream()
      out.codecParameters.copyFrom(stream.codecParameters)
      out.timeBase = stream.timeBase
    }
    const packet = new Packet()
    const options = { fflags: 'bitexact' } // no random segment UID
    if (asyncWrites) {
      await output.writeHeaderAsync(options)
      while (input.readFrame(packet)) await output.writeFrameAsync(packet)
      await output.writeTrailerAsync()
    } else {
      output.writeHeader(options)
      while (input.readFrame(packet)) output.writeFrame(packet)
      output.writeTrailer()
    }
    output.destroy()
    input.destroy()
    return Buffer.concat(chunks)
  }
  const expected = await mux(false)
  const actual = await mux(true)
  t.ok(actual.length > 10000)
  t.ok(actual.equals(expected), 'identical output')
})

test('a rejected Promise comes out of the operation, as the same object', async (t) => {
  const boom = new Error('network down')
  await t.exception(
    InputFormatContext.open(new IOContext(4096, { onread: async () => Promise.reject(boom) })),
    /network down/
  )
  let reads = 0
  const data = Buffer.concat(new Array(20).fill(fixture('sample.ts'))) // reading goes on after open
  let pos = 0
  const io = new IOContext(1024, {
    async onread(buffer, len) {
      if (++reads > 400) throw boom
      const n = Math.max(0, Math.min(len, data.length - pos))
      buffer.set(data.subarray(pos, pos + n))
      pos += n
      return n
    }
  })
  const input = await InputFormatContext.open(io)
  let caught = null
  try {
    await readAllAsync(input)
  } catch (err) {
    caught = err
  }
  t.is(caught, boom)
  input.destroy()
})

test('an invalid value from a Promise is checked like a synchronous one', async (t) => {
  await t.exception.all(
    InputFormatContext.open(new IOContext(4096, { onread: async (buffer, len) => len + 1 })),
    /onread must return the number of bytes read/
  )
})

test('synchronous methods refuse callbacks that return Promises, naming the async ones', (t) => {
  const io = new IOContext(4096, { onread: async () => 0 })
  t.exception.all(
    () => new InputFormatContext(io),
    /onread returned a Promise: use the async methods \(InputFormatContext.open\(\)/
  )
})

test('several contexts run at once; one context runs one operation at a time', async (t) => {
  const [a, b] = await Promise.all([
    InputFormatContext.open(asyncIO(fixture('sample.webm'))),
    InputFormatContext.open(asyncIO(fixture('sample.flac')))
  ])
  const [pa, pb] = await Promise.all([readAllAsync(a), readAllAsync(b)])
  t.alike(pa, probePackets('sample.webm'))
  t.alike(pb, probePackets('sample.flac'))
  a.destroy()
  b.destroy()

  const input = await InputFormatContext.open(asyncIO(fixture('sample.mkv')))
  const first = input.readFrameAsync(new Packet())
  await t.exception(input.readFrameAsync(new Packet()), /busy with readFrameAsync\(\)/)
  t.exception(() => input.duration, /busy with readFrameAsync\(\)/)
  t.is(await first, true)
  t.ok(input.duration > 0, 'usable again once the operation settled')
  input.destroy()
})

test('destroy() during an operation settles it with a clear error and frees after the worker', async (t) => {
  const data = fixture('sample.mkv')
  let pos = 0
  let hang = false
  let release = null
  const io = new IOContext(1024, {
    onread(buffer, len) {
      if (hang) return new Promise((resolve) => (release = () => resolve(len)))
      const n = Math.max(0, Math.min(len, data.length - pos))
      buffer.set(data.subarray(pos, pos + n))
      pos += n
      return n
    },
    onseek: (offset, whence) => (whence === constants.seek.SIZE ? data.length : (pos = offset))
  })
  const input = await InputFormatContext.open(io)
  await input.seekAsync(-1, 0)
  hang = true
  const pending = (async () => {
    while (await input.readFrameAsync(new Packet()));
  })()
  while (!release) await tick()
  input.destroy()
  await t.exception(pending, /destroyed while readFrameAsync\(\) was running/)
  release() // a late answer is ignored
  await tick()
  t.exception(() => input.readFrame(new Packet()), /destroyed/)
  input.destroy()
})

test('the process exits cleanly with an operation waiting on a Promise that never settles', (t) => {
  const script = path.join(__dirname, 'tmp', 'never-settles.js')
  require('bare-fs').writeFileSync(
    script,
    `const { IOContext, InputFormatContext } = require(${JSON.stringify(path.join(__dirname, '..'))})
InputFormatContext.open(new IOContext(4096, { onread: () => new Promise(() => {}) }))
console.log('started')`
  )
  const result = spawnSync(Bare.argv[0], [script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 20000
  })
  t.is(result.stdout.toString().trim(), 'started')
  t.is(result.status, 0, result.stderr.toString())
})
