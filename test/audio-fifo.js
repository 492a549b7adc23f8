// AudioFIFO: decoded sound cut into frames of another size comes out sample for sample as it
// went in; its checks keep FFmpeg from copying past a frame's planes.
const test = require('brittle')
const { IOContext, InputFormatContext, Packet, Frame, AudioFIFO, constants } = require('..')
const { fixture } = require('./helpers')

const { sampleFormats: sf } = constants

test('FLAC frames of 4608 samples recut into 960-sample frames: the same samples', (t) => {
  using input = new InputFormatContext(new IOContext(fixture('sample.flac')))
  using decoder = input.streams[0].decoder()
  decoder.open()
  using fifo = new AudioFIFO('S16', 1, 1024)
  using packet = new Packet()
  using frame = new Frame()
  const original = []
  const recut = []
  const take = (count) => {
    using out = new Frame()
    const n = fifo.read(out, count)
    t.is(out.nbSamples, n)
    recut.push(Buffer.from(out.data[0].subarray(0, n * 2)))
    return n
  }
  while (input.readFrame(packet)) {
    decoder.sendPacket(packet)
    while (decoder.receiveFrame(frame)) {
      t.is(frame.format, sf.S16)
      original.push(Buffer.from(frame.data[0]))
      t.is(fifo.write(frame), frame.nbSamples)
      while (fifo.size >= 960) take(960)
    }
  }
  while (fifo.size > 0) take(960)
  const a = Buffer.concat(original)
  const b = Buffer.concat(recut)
  t.is(b.length, a.length, `${a.length / 2} samples`)
  t.alike(b, a, 'sample for sample')
})

test('peek, drain, reset, size and space', (t) => {
  using fifo = new AudioFIFO(sf.FLT, 2, 16)
  using frame = new Frame()
  frame.nbSamples = 100
  frame.format = sf.FLT
  frame.channelLayout = 'STEREO'
  frame.alloc()
  frame.data[0].fill(7)
  t.is(fifo.write(frame), 100)
  t.is(fifo.size, 100)
  t.ok(fifo.space >= 0)
  using peeked = new Frame()
  t.is(fifo.peek(peeked, 10), 10)
  t.is(fifo.size, 100, 'peek leaves them')
  fifo.drain(30)
  t.is(fifo.size, 70)
  fifo.reset()
  t.is(fifo.size, 0)
})

test('an AudioFIFO checks its frames', (t) => {
  using fifo = new AudioFIFO('S16', 1, 64)
  using wrong = new Frame()
  wrong.nbSamples = 32
  wrong.format = sf.FLT
  wrong.channelLayout = 'MONO'
  wrong.alloc()
  t.exception.all(
    () => fifo.write(wrong),
    /The frame \(format, channels\) is \(3, 1\); the AudioFIFO holds \(1, 1\)/
  )
  using small = new Frame()
  small.nbSamples = 16
  small.format = sf.S16
  small.channelLayout = 'MONO'
  small.alloc()
  t.exception.all(() => fifo.read(small, 64), /The frame has room for 16 samples, not 64/)
  small.nbSamples = 4096 // after alloc()
  t.exception.all(() => fifo.write(small), /planes are smaller/)
  t.exception.all(() => fifo.read(new Frame(), -1), /Cannot read -1 samples/)
  t.exception.all(() => new AudioFIFO('S16', 0, 64), /1 to 64 channels/)
  fifo.destroy()
  t.exception(() => fifo.size, /destroyed/)
})
