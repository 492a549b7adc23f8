// The worker pool (src/pool.rs): every asynchronous operation runs on a few shared threads.
const test = require('brittle')
const fs = require('bare-fs')
const os = require('bare-os')
const { IOContext, InputFormatContext, Packet, workers } = require('..')
const { fixture, probePackets, packetShape, VALGRIND } = require('./helpers')

const OBJECTS = 1000

// Under valgrind every trip between a worker and the JavaScript thread takes a tenth of a second
// or more (one thread at a time): the many-object tests would take hours there. They run in
// `npm test`; the asynchronous operations' memory is checked under valgrind by test/async.js.
const MANY = { skip: VALGRIND }

const linux = os.platform() === 'linux'

// The process's threads (Linux): FFmpeg's own (a decoder's frame threads, say) included.
function processThreads() {
  return fs.readdirSync('/proc/self/task').length
}

async function demux(data) {
  const input = await InputFormatContext.open(new IOContext(data))
  const packet = new Packet()
  const packets = []
  while (await input.readFrameAsync(packet)) packets.push(packetShape(packet))
  input.destroy()
  return packets
}

test('the pool is as large as the machine has cores (at least 2), and can be resized', (t) => {
  t.is(workers.size, Math.max(2, os.availableParallelism()))
  const before = workers.size
  workers.size = 3
  t.is(workers.size, 3)
  t.exception.all(() => (workers.size = 0), RangeError)
  t.exception.all(() => (workers.size = 1.5), RangeError)
  t.exception.all(() => (workers.size = 257), RangeError)
  t.exception.all(() => (workers.size = '2'), TypeError)
  t.is(workers.size, 3)
  workers.size = before
})

test(
  `${OBJECTS} objects working at once stay within the pool, and the event loop stays free`,
  MANY,
  async (t) => {
    const data = fixture('sample.webm')
    const expected = probePackets('sample.webm')
    let most = 0
    let mostInProcess = 0
    let ticks = 0
    const sample = setInterval(() => {
      ticks++
      most = Math.max(most, workers.threads)
      if (linux) mostInProcess = Math.max(mostInProcess, processThreads())
    }, 1)
    const all = []
    for (let i = 0; i < OBJECTS; i++) all.push(demux(data))
    const results = await Promise.all(all)
    clearInterval(sample)

    t.ok(
      results.every((packets) => packets.length === expected.length),
      'every input read all its packets'
    )
    t.alike(results[OBJECTS - 1], expected, 'the last one read what ffprobe lists')
    t.ok(most <= workers.size, `at most ${most} pool threads at once, size ${workers.size}`)
    if (linux) {
      // Before the pool, each object kept a thread of its own: over a thousand here.
      t.ok(mostInProcess < 50, `at most ${mostInProcess} threads in the process, FFmpeg's included`)
    }
    t.ok(ticks > 10, `the event loop ran ${ticks} timer callbacks meanwhile`)
  }
)

test('a smaller size ends the threads above it once they are idle', async (t) => {
  const before = workers.size
  await Promise.all([demux(fixture('sample.webm')), demux(fixture('sample.mp4'))])
  workers.size = 1
  for (let i = 0; i < 100 && workers.threads > 1; i++) await new Promise((r) => setTimeout(r, 10))
  t.is(workers.threads, 1)
  workers.size = before
})

test('an operation waiting on a Promise does not hold up the others, even in a pool of one', async (t) => {
  const before = workers.size
  workers.size = 1
  const data = fixture('sample.webm')
  // The first input's reads wait until the second input has been read to the end: in a pool
  // of one thread that never gave up its thread while waiting, this would never finish.
  let release
  const gate = new Promise((resolve) => (release = resolve))
  let pos = 0
  const waiting = InputFormatContext.open(
    new IOContext(4096, {
      async onread(buffer, len) {
        await gate
        const n = Math.max(0, Math.min(len, data.length - pos))
        buffer.set(data.subarray(pos, pos + n))
        pos += n
        return n
      }
    })
  )
  await new Promise((r) => setTimeout(r, 50)) // the first open is waiting in its thread now
  const other = await demux(fixture('sample.mp4'))
  t.alike(other, probePackets('sample.mp4'), 'the second input was read meanwhile')
  release()
  const input = await waiting
  const packet = new Packet()
  let n = 0
  while (await input.readFrameAsync(packet)) n++
  input.destroy()
  t.is(n, probePackets('sample.webm').length, 'then the first one was read to the end')
  workers.size = before
  for (let i = 0; i < 100 && workers.threads > before; i++)
    await new Promise((r) => setTimeout(r, 10))
  t.ok(workers.threads <= before, 'the extra thread ended')
})

test(
  'slow callbacks and quick work together, in a pool of one: everything finishes',
  MANY,
  async (t) => {
    const before = workers.size
    workers.size = 1
    const data = fixture('sample.webm')
    // Each read of the slow inputs waits 15 ms, past the pool's patience: threads come and go
    // while the quick inputs' operations queue up behind them.
    const slow = async () => {
      let pos = 0
      const input = await InputFormatContext.open(
        new IOContext(16384, {
          async onread(buffer, len) {
            await new Promise((r) => setTimeout(r, 15))
            const n = Math.max(0, Math.min(len, data.length - pos))
            buffer.set(data.subarray(pos, pos + n))
            pos += n
            return n
          }
        })
      )
      const packet = new Packet()
      let n = 0
      while (await input.readFrameAsync(packet)) n++
      input.destroy()
      return n
    }
    const quick = []
    for (let i = 0; i < 20; i++) quick.push(demux(data))
    const counts = await Promise.all([slow(), slow(), ...quick])
    const expected = probePackets('sample.webm').length
    t.ok(
      counts.slice(0, 2).every((n) => n === expected),
      'the slow inputs read every packet'
    )
    t.ok(
      counts.slice(2).every((packets) => packets.length === expected),
      'the quick ones too'
    )
    workers.size = before
  }
)
