// The fast paths: V8 calls a typed function's C entry point directly from optimized code (its
// "fast API calls"), which must not run JavaScript, make values or throw. readFrame() on a buffer
// input, packet fields and unref() have one; what a fast path cannot do, it hands to the slow
// path, which throws as before. V8 optimizes a call site after some thousands of calls, so these
// tests run long loops, and prove the fast path ran by watching the hand-overs.
const test = require('brittle')
const binding = require('../binding')
const { Packet, IOContext, InputFormatContext } = require('..')
const { fixture, probePackets, packetShape, VALGRIND } = require('./helpers')

const ROUNDS = 200 // of long.mp4's 144 packets: 28,800 reads from one call site
const FAILING_ROUNDS = VALGRIND ? 300 : 1000
// Under valgrind V8's optimizing compiler (on its own thread) finishes much later in a loop's run:
// the results are checked, whether the fast path took over is only reported.
function handedOver(t, calls, expected, message) {
  if (VALGRIND) t.comment(`${message}: ${calls} hand-overs (not checked under valgrind)`)
  else if (expected === 'some') t.ok(calls > 0, `${message}: ${calls}`)
  else t.is(calls, expected, message)
}

// Counts the calls of binding[name] (a slow path: a plain function, replaced here).
function counting(name) {
  const original = binding[name]
  const counter = { calls: 0, restore: () => (binding[name] = original) }
  binding[name] = (...args) => {
    counter.calls++
    return original(...args)
  }
  return counter
}

function readRound(input, packet, shapes) {
  while (input.readFrame(packet)) shapes.push(packetShape(packet))
}

test('readFrame on a buffer input, optimized: every round reads what ffprobe lists', (t) => {
  const data = fixture('long.mp4')
  const expected = probePackets('long.mp4')
  let wrong = 0
  using packet = new Packet()
  for (let round = 0; round < ROUNDS; round++) {
    using input = new InputFormatContext(new IOContext(data))
    const shapes = []
    readRound(input, packet, shapes)
    if (JSON.stringify(shapes) !== JSON.stringify(expected)) wrong++
  }
  t.is(wrong, 0, `${ROUNDS} rounds of ${expected.length} packets`)
  // Now optimized: a destroyed packet is the fast path's to hand over (NaN), and the slow path's
  // to report.
  const slow = counting('inputReadFrameSlow')
  using input = new InputFormatContext(new IOContext(data))
  const gone = new Packet()
  gone.destroy()
  t.exception(() => readRound(input, gone, []), /Packet has been destroyed/)
  slow.restore()
  handedOver(t, slow.calls, 1, 'the optimized call site took the fast path, which handed over')
})

// long.mp4 with 20 bytes overwritten (the generator and seed below): 111 packets, then a sample
// size FFmpeg cannot allocate. Found by a search over mutated fixtures; deterministic.
function corrupted() {
  const data = Buffer.from(fixture('long.mp4'))
  let seed = 1250602240
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  for (let k = 0; k < 20; k++) data[Math.floor(next() * data.length)] = Math.floor(next() * 256)
  return data
}

test('a read that fails on the fast path throws what the slow path throws, after the same packets', (t) => {
  const data = corrupted()
  const errors = new Set()
  const counts = new Set()
  const failures = counting('inputReadFailure')
  using packet = new Packet()
  // A loop that throws is optimized later: about 300 rounds here.
  for (let round = 0; round < FAILING_ROUNDS; round++) {
    using input = new InputFormatContext(new IOContext(data))
    const shapes = []
    try {
      readRound(input, packet, shapes)
      errors.add('no error')
    } catch (err) {
      errors.add(err.message)
    }
    counts.add(shapes.length)
  }
  failures.restore()
  t.alike([...counts], [111], 'every round read 111 packets first')
  t.is(errors.size, 1, 'the same error every round, fast path or slow')
  t.ok([...errors][0].startsWith('Could not read frame: Cannot allocate memory'), [...errors][0])
  handedOver(t, failures.calls, 'some', 'failed reads the fast path handed over')
  t.ok(failures.calls < FAILING_ROUNDS, 'the first rounds ran unoptimized, on the slow path')
})

test('packet fields and unref(), optimized, and on a destroyed packet', (t) => {
  const N = VALGRIND ? 50000 : 200000
  const live = new Packet(Buffer.alloc(10))
  const dead = new Packet()
  dead.destroy()
  // Only hand-overs call these: a live packet never needs one.
  const slowGet = counting('packetGetSlow')
  const slowUnref = counting('packetUnrefSlow')
  // Two loops: once a hand-over throws, V8 leaves the optimized code for the rest of that loop.
  const errors = []
  let sum = 0
  for (let i = 0; i <= N; i++) {
    const packet = i < N ? live : dead // the last round, optimized by then: a destroyed one
    try {
      sum += packet.size + packet.streamIndex
    } catch (err) {
      errors.push(err.message)
    }
  }
  for (let i = 0; i <= N; i++) {
    const packet = i < N ? live : dead
    try {
      packet.unref()
    } catch (err) {
      errors.push(err.message)
    }
  }
  slowGet.restore()
  slowUnref.restore()
  t.is(sum, N * 10, 'size 10 and stream 0, read through the fast path')
  t.alike(errors, ['The Packet has been destroyed', 'The Packet has been destroyed'])
  handedOver(t, slowGet.calls, 1, 'the field read took the fast path, which handed over')
  handedOver(t, slowUnref.calls, 1, 'so did unref()')
  live.destroy()
})

test('packet field writes, optimized, and a value out of range', (t) => {
  const N = VALGRIND ? 50000 : 200000
  using packet = new Packet()
  const slowSet = counting('packetSetSlow')
  const errors = []
  let sum = 0
  for (let i = 0; i <= N; i++) {
    try {
      packet.pts = i < N ? i : 2 ** 60 // the last round, optimized by then: out of range
      packet.streamIndex = i & 7
      sum += packet.pts + packet.streamIndex
    } catch (err) {
      errors.push(`${err.name}: ${err.message}`)
    }
  }
  slowSet.restore()
  let expected = 0
  for (let i = 0; i < N; i++) expected += i + (i & 7)
  t.is(sum, expected, 'every write read back')
  t.is(errors.length, 1)
  t.ok(/^RangeError: pts must be an integer/.test(errors[0]), errors[0])
  t.is(packet.pts, N - 1, 'the refused write changed nothing')
  handedOver(t, slowSet.calls, 1, 'the write took the fast path, which handed over')
})
