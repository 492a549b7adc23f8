// Samples: a frame's sound as one Buffer (planes one after the other, FFmpeg's
// av_samples_fill_arrays layout): fill() makes it the frame's own memory, read() copies.
const test = require('brittle')
const { Frame, Samples, IOContext, InputFormatContext, Packet, constants } = require('..')
const { fixture } = require('./helpers')

const { sampleFormats: sf, channelLayouts: cl } = constants

function audioFrame(format, layout, nbSamples) {
  const frame = new Frame()
  frame.format = format
  frame.channelLayout = layout
  frame.nbSamples = nbSamples
  frame.sampleRate = 48000
  frame.alloc()
  return frame
}

test('bufferSize: planes of nbSamples rounded up to 32 unless noAlignment, as FFmpeg sizes them', (t) => {
  t.is(Samples.bufferSize(sf.S16, 2, 1024), 4096)
  t.is(Samples.bufferSize(sf.FLTP, 2, 1000), 2 * 1024 * 4, 'aligned: 1000 samples take 1024')
  t.is(Samples.bufferSize(sf.FLTP, 2, 1000, true), 2 * 1000 * 4)
  t.is(Samples.bufferSize('s16p', 3, 10, true), 60, 'formats by name too')
  t.exception.all(() => Samples.bufferSize(sf.S16, 0, 10), /Could not size the samples/)
})

test("fill(): data is the frame's own samples, one plane after the other", (t) => {
  const frame = audioFrame(sf.FLTP, cl.STEREO, 1000)
  const samples = new Samples({ noAlignment: true })
  t.is(samples.fill(frame), 8000)
  t.is(samples.data.length, 8000)
  t.is(samples.nbSamples, 1000)
  t.is(samples.nbChannels, 2)
  t.is(samples.format, sf.FLTP)
  const floats = new Float32Array(samples.data.buffer, samples.data.byteOffset, 2000)
  floats[0] = 0.5
  floats[1000] = -0.25 // the first sample of the second channel
  const [left, right] = frame.data
  t.is(new Float32Array(left.buffer, left.byteOffset, 1)[0], 0.5, 'written into the first plane')
  t.is(new Float32Array(right.buffer, right.byteOffset, 1)[0], -0.25, 'and the second')
  frame.destroy()
  floats[1] = 1 // the view keeps its own reference: still valid memory
  t.is(floats[1], 1)
})

test('fill() keeps the samples a frame held (a decoded one)', (t) => {
  using input = new InputFormatContext(new IOContext(fixture('sample.mp3')))
  using decoder = input.streams[0].decoder()
  decoder.open()
  using packet = new Packet()
  using frame = new Frame()
  while (input.readFrame(packet)) {
    decoder.sendPacket(packet)
    if (decoder.receiveFrame(frame)) break
  }
  const before = Buffer.from(frame.data[0])
  const samples = new Samples({ noAlignment: true })
  samples.fill(frame)
  t.alike(samples.data, before, 'the same samples (mono: one plane)')
  t.alike(frame.data[0], before, 'and the frame still holds them')
})

test("read() copies a frame's planes one after the other; copy() moves samples between frames", (t) => {
  using frame = audioFrame(sf.S16P, cl.STEREO, 4)
  frame.data[0].set([1, 0, 2, 0, 3, 0, 4, 0])
  frame.data[1].set([5, 0, 6, 0, 7, 0, 8, 0])
  const samples = new Samples({ noAlignment: true })
  samples.read(frame)
  t.alike([...samples.data], [1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8, 0])
  samples.data[0] = 99
  t.is(frame.data[0][0], 1, 'a copy: the frame is unchanged')

  using target = audioFrame(sf.S16P, cl.STEREO, 6)
  target.data[0].fill(0)
  target.data[1].fill(0)
  samples.copy(target, 2, 1) // samples 1..3 of the frame read, to 2..4
  t.alike([...target.data[0]], [0, 0, 0, 0, 2, 0, 3, 0, 4, 0, 0, 0])
  t.alike([...target.data[1]], [0, 0, 0, 0, 6, 0, 7, 0, 8, 0, 0, 0])
  t.exception.all(() => samples.copy(target, 4, 0), /Cannot copy 4 samples from 0 of 4 to 4 of 6/)
  using mono = audioFrame(sf.S16P, cl.MONO, 6)
  t.exception.all(() => samples.copy(mono), /The frames differ/)
})

test('Samples refuse what is not sound', (t) => {
  using video = new Frame()
  video.width = 8
  video.height = 8
  video.format = constants.pixelFormats.RGB24
  video.alloc()
  t.exception.all(() => new Samples().fill(video), /not audio/)
  t.exception.all(() => new Samples().copy(video), /No frame yet/)
  using grown = audioFrame(sf.S16, cl.STEREO, 16)
  grown.nbSamples = 64
  t.exception.all(() => new Samples().fill(grown), /smaller than its format and size say/)
})
