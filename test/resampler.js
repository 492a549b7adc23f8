// Resampler: sound converted by swresample, compared byte for byte with the ffmpeg of the FFmpeg
// we ship doing the same (its aresample with default options, raw output).
const test = require('brittle')
const path = require('bare-path')
const { spawnSync } = require('bare-subprocess')
const { IOContext, InputFormatContext, Packet, Frame, Resampler, constants } = require('..')
const { FFMPEG, fixture } = require('./helpers')

const { sampleFormats: sf } = constants

// Every decoded frame of a fixture's first stream, through `resampler`, packed (interleaved
// output formats only); the flush at the end.
function resampleAll(file, resampler, bytesPerSample, channels) {
  using input = new InputFormatContext(new IOContext(fixture(file)))
  using decoder = input.streams[0].decoder()
  decoder.open()
  using packet = new Packet()
  using frame = new Frame()
  const chunks = []
  const take = (out, n) =>
    chunks.push(Buffer.from(out.data[0].subarray(0, n * bytesPerSample * channels)))
  while (input.readFrame(packet)) {
    decoder.sendPacket(packet)
    while (decoder.receiveFrame(frame)) {
      using out = new Frame()
      take(out, resampler.convert(frame, out))
    }
  }
  using last = new Frame()
  take(last, resampler.flush(last))
  return Buffer.concat(chunks)
}

function reference(file, args) {
  const result = spawnSync(
    FFMPEG,
    ['-v', 'error', '-i', path.join(__dirname, 'fixtures', file), ...args, '-'],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  if (result.status !== 0) throw new Error('ffmpeg failed')
  return result.stdout
}

// [name, output rate, layout, format, bytes per sample, channels, ffmpeg's output arguments]
const CASES = [
  [
    '8 kHz s16 mono to 16 kHz float',
    16000,
    'MONO',
    'FLT',
    4,
    1,
    ['-f', 'f32le', '-c:a', 'pcm_f32le']
  ],
  [
    '8 kHz s16 mono to 44.1 kHz s16 stereo',
    44100,
    'STEREO',
    's16',
    2,
    2,
    ['-ac', '2', '-f', 's16le', '-c:a', 'pcm_s16le']
  ]
]

for (const [name, rate, layout, format, bytes, channels, output] of CASES) {
  test(`${name}: what ffmpeg -af aresample makes, byte for byte`, (t) => {
    using resampler = new Resampler(8000, 'MONO', 'S16', rate, layout, format)
    t.is(resampler.inputSampleRate, 8000)
    t.is(resampler.outputSampleRate, rate)
    const ours = resampleAll('sample.wav', resampler, bytes, channels)
    const theirs = reference('sample.wav', ['-af', `aresample=${rate}`, ...output])
    t.is(ours.length, theirs.length, `${ours.length / (bytes * channels)} samples`)
    t.alike(ours, theirs)
  })
}

test('a resampler checks its frames: swresample reads and writes by their counts', (t) => {
  using resampler = new Resampler(8000, 'MONO', 'S16', 16000, 'MONO', 'FLT')
  // A frame of another format than the resampler was made for is read as what it is (the
  // published package reads it as the format given at construction: garbage, or past the end).
  using other = new Frame()
  other.nbSamples = 256
  other.format = sf.FLT
  other.sampleRate = 8000
  other.channelLayout = 'MONO'
  other.alloc()
  const samples = new Float32Array(other.data[0].buffer, other.data[0].byteOffset, 256)
  samples.forEach((_, i) => (samples[i] = Math.sin(i / 5) / 2))
  using converted = new Frame()
  using reference = new Frame()
  using fresh = new Resampler(8000, 'MONO', 'FLT', 16000, 'MONO', 'FLT')
  const n = resampler.convert(other, converted)
  t.is(n, fresh.convert(other, reference))
  t.alike(converted.data[0], reference.data[0], 'the same sound as a resampler made for FLT')
  using empty = new Frame()
  empty.format = sf.S16
  empty.channelLayout = 'MONO'
  t.is(typeof resampler.convert(empty, new Frame()), 'number', 'a frame with no samples: no error')
  using grown = new Frame()
  grown.nbSamples = 256
  grown.format = sf.S16
  grown.sampleRate = 8000
  grown.channelLayout = 'MONO'
  grown.alloc()
  grown.nbSamples = 4096 // after alloc(): the plane holds 256
  t.exception.all(() => resampler.convert(grown, new Frame()), /planes are smaller/)
  using small = new Frame()
  small.nbSamples = 16
  small.format = sf.S16
  small.channelLayout = 'MONO'
  small.alloc()
  t.exception.all(() => resampler.convert(small, small), /different frames/)
  using out = new Frame()
  out.nbSamples = 32
  out.format = sf.S16 // the resampler makes FLT
  out.channelLayout = 'MONO'
  out.alloc()
  t.exception(() => resampler.convert(small, out), /The output frame .* the resampler makes/)
  t.exception.all(
    () => new Resampler(0, 'MONO', 'S16', 16000, 'MONO', 'FLT'),
    /sample rate must be from 1/
  )
  resampler.destroy()
  t.exception(() => resampler.flush(new Frame()), /destroyed/)
})

test('convertAsync: a batch of frames and the flush on the worker, as the synchronous path', async (t) => {
  using input = new InputFormatContext(new IOContext(fixture('sample.wav')))
  using decoder = input.streams[0].decoder()
  decoder.open()
  using packet = new Packet()
  const frames = []
  while (input.readFrame(packet)) {
    decoder.sendPacket(packet)
    for (let f = new Frame(); decoder.receiveFrame(f); f = new Frame()) frames.push(f)
  }
  using resampler = new Resampler(8000, 'MONO', 'S16', 16000, 'MONO', 'FLT')
  const out = await resampler.convertAsync([...frames, null])
  const ours = Buffer.concat(out.map((f) => Buffer.from(f.data[0].subarray(0, f.nbSamples * 4))))
  const theirs = reference('sample.wav', [
    '-af',
    'aresample=16000',
    '-f',
    'f32le',
    '-c:a',
    'pcm_f32le'
  ])
  t.is(ours.length, theirs.length)
  t.alike(ours, theirs, 'byte for byte')
  for (const f of [...frames, ...out]) f.destroy()
})
