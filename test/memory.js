// Forgotten objects are freed by the garbage collector; destroy-then-collect never double-frees.
// Memory is measured as the process's peak RSS, so this file runs on its own (one per process).
const test = require('brittle')
const os = require('bare-os')
const { IOContext, InputFormatContext, Packet } = require('..')
const { fixture, VALGRIND, bounded } = require('./helpers')

const peakMB = () => Math.round(os.resourceUsage().maxRSS / 1024)

const N = (n) => (VALGRIND ? n / 10 : n)

// Each test asserts how much the peak RSS grew while it ran: without finalizers every figure
// below would be exceeded by far.

test('200,000 forgotten IOContexts keep memory bounded', (t) => {
  const data = fixture('sample.wav')
  const before = peakMB()
  for (let i = 0; i < N(100000); i++) new IOContext(4096, { onread: () => 0 }) // eslint-disable-line no-new
  for (let i = 0; i < N(100000); i++) new IOContext(data) // eslint-disable-line no-new
  bounded(t, peakMB() - before, 120, `peak RSS ${peakMB()} MB (${peakMB() - before} MB more)`)
})

test('200,000 forgotten packets of 1 KiB keep memory bounded', (t) => {
  // Without finalizers the payloads alone would stay: 200,000 x (1 KiB + the AVPacket) > 250 MB on top of the 140 MB above.
  const payload = Buffer.alloc(1024, 1) // copied into each packet's native buffer
  const before = peakMB()
  for (let i = 0; i < N(200000); i++) new Packet(payload) // eslint-disable-line no-new
  bounded(t, peakMB() - before, 200, `peak RSS ${peakMB()} MB (${peakMB() - before} MB more)`)
})

test('3,000 forgotten input contexts keep memory bounded', (t) => {
  const data = fixture('sample.wav')
  const before = peakMB()
  for (let i = 0; i < N(3000); i++) new InputFormatContext(new IOContext(data)) // eslint-disable-line no-new
  // Each open context holds about 90 KB: 270 MB if none were freed.
  bounded(t, peakMB() - before, 150, `peak RSS ${peakMB()} MB (${peakMB() - before} MB more)`)
})

test('20,000 forgotten 1080p frames and 2,000 open decoders keep memory bounded', async (t) => {
  const { Frame, CodecContext, Decoder, constants } = require('..')
  const before = peakMB()
  // Each frame holds a 3 MB picture: 60 GB if none were freed.
  for (let i = 0; i < N(20000); i++) {
    const frame = new Frame()
    frame.width = 1920
    frame.height = 1080
    frame.format = constants.pixelFormats.YUV420P
    frame.alloc()
  }
  // Open decoders, some with a worker thread (a decodeAsync() started it).
  for (let i = 0; i < N(2000); i++) {
    const decoder = new CodecContext(new Decoder('h264'))
    decoder.open({ threads: '1' })
    if (i % 100 === 0) await decoder.decodeAsync()
  }
  bounded(t, peakMB() - before, 400, `peak RSS ${peakMB()} MB (${peakMB() - before} MB more)`)
})

test('destroyed objects are later collected without a double free', (t) => {
  const data = fixture('sample.wav')
  for (let i = 0; i < 500; i++) {
    const input = new InputFormatContext(new IOContext(data))
    const packet = new Packet()
    input.readFrame(packet)
    input.destroy()
    packet.destroy()
  }
  for (let i = 0; i < N(100000); i++) new IOContext(16, { onread: () => 0 }).destroy()
  t.pass('no crash')
})
