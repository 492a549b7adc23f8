// Encoding: frames made here (a moving picture, a tone) through every encoder the build
// carries, then decoded again: as many frames, the same size and format, and the pictures and
// sound close to what went in (identical for the lossless ones).
const test = require('brittle')
const {
  CodecContext,
  CodecParameters,
  Codec,
  Encoder,
  Frame,
  Packet,
  Rational,
  ChannelLayout,
  FFmpegError,
  constants
} = require('..')
const helpers = require('./helpers')

const { pixelFormats: pf, sampleFormats: sf } = constants
const WIDTH = 64
const HEIGHT = 64
const FRAMES = 10

// A picture that moves: luma a diagonal gradient shifted by `i`, chroma a flat colour.
function fillPicture(frame, i) {
  const [y, u, v] = frame.data
  const [ly, lu] = frame.linesize
  for (let row = 0; row < HEIGHT; row++) {
    for (let x = 0; x < WIDTH; x++) y[row * ly + x] = (x * 2 + row + i * 8) & 0xff
  }
  if (u) {
    for (let row = 0; row < HEIGHT / 2; row++) {
      u.fill(100, row * lu, row * lu + WIDTH / 2)
      v.fill(150, row * lu, row * lu + WIDTH / 2)
    }
  }
}

function fillRgb(frame, i) {
  const [rgb] = frame.data
  const [line] = frame.linesize
  for (let row = 0; row < HEIGHT; row++) {
    for (let x = 0; x < WIDTH * 3; x++) rgb[row * line + x] = (x + row * 2 + i * 8) & 0xff
  }
}

// The luma (or the whole RGB picture) without line padding.
function pictureOf(frame) {
  const [plane] = frame.data
  const [line] = frame.linesize
  const width = frame.format === pf.RGB24 ? WIDTH * 3 : WIDTH
  const out = Buffer.alloc(width * HEIGHT)
  for (let row = 0; row < HEIGHT; row++)
    plane.copy(out, row * width, row * line, row * line + width)
  return out
}

function psnr(a, b) {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2
  const mse = sum / a.length
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse)
}

// Encodes `frames` with `encoder`, then decodes the packets with the codec's decoder (which
// takes the encoder's parameters, extra data included). Returns the packets' and frames' data.
function roundTrip(encoder, frames) {
  const packets = []
  using packet = new Packet()
  const drain = () => {
    while (encoder.receivePacket(packet)) {
      packets.push({
        data: packet.copyData(),
        pts: packet.pts,
        dts: packet.dts,
        flags: packet.flags,
        key: packet.isKeyframe
      })
    }
  }
  for (const frame of frames) {
    while (!encoder.sendFrame(frame)) drain()
    drain()
  }
  encoder.sendFrame() // the flush
  drain()

  const parameters = CodecParameters.alloc()
  parameters.fromContext(encoder)
  using decoder = new CodecContext(Codec.for(parameters.id).decoder)
  parameters.toContext(decoder)
  decoder.open()
  parameters.destroy()
  const decoded = []
  using frame = new Frame()
  const receive = () => {
    while (decoder.receiveFrame(frame)) decoded.push(copyOf(frame))
  }
  for (const p of packets) {
    using input = new Packet(p.data)
    input.pts = p.pts
    input.dts = p.dts
    input.flags = p.flags // PNG decodes a packet without the key flag as a difference
    while (!decoder.sendPacket(input)) receive()
    receive()
  }
  decoder.sendPacket()
  receive()
  return { packets, decoded }
}

function copyOf(frame) {
  const audio = frame.nbSamples > 0
  return {
    width: frame.width,
    height: frame.height,
    format: frame.format,
    nbSamples: frame.nbSamples,
    picture: audio ? null : pictureOf(frame),
    samples: audio ? Buffer.concat(frame.data.map((plane) => Buffer.from(plane))) : null
  }
}

const VIDEO = [
  { name: 'libvpx', format: pf.YUV420P, psnr: 30 },
  { name: 'libvpx-vp9', format: pf.YUV420P, psnr: 30 },
  { name: 'libopenh264', format: pf.YUV420P, psnr: 30 },
  { name: 'libkvazaar', format: pf.YUV420P, psnr: 30 },
  { name: 'libsvtav1', format: pf.YUV420P, psnr: 30 },
  { name: 'mpeg4', format: pf.YUV420P, psnr: 30 },
  { name: 'mpeg2video', format: pf.YUV420P, psnr: 30 },
  { name: 'mjpeg', format: pf.YUVJ420P, psnr: 30 },
  { name: 'png', format: pf.RGB24, psnr: Infinity }
]

for (const { name, format, psnr: least } of VIDEO) {
  test(`${name}: ${FRAMES} frames encode and decode back`, (t) => {
    using encoder = new CodecContext(new Encoder(name))
    encoder.width = WIDTH
    encoder.height = HEIGHT
    encoder.pixelFormat = format
    encoder.timeBase = new Rational(1, 10)
    encoder.frameRate = new Rational(10, 1)
    encoder.bitRate = 400000
    encoder.open(name === 'libsvtav1' ? { preset: '12' } : undefined)
    const frames = []
    const sources = []
    for (let i = 0; i < FRAMES; i++) {
      const frame = new Frame()
      frame.width = WIDTH
      frame.height = HEIGHT
      frame.format = format
      frame.alloc()
      if (format === pf.RGB24) fillRgb(frame, i)
      else fillPicture(frame, i)
      frame.pts = i
      frames.push(frame)
      sources.push(pictureOf(frame))
    }
    const { packets, decoded } = roundTrip(encoder, frames)
    frames.forEach((frame) => frame.destroy())
    t.ok(packets.length > 0 && packets[0].key, `${packets.length} packets, the first a keyframe`)
    t.is(decoded.length, FRAMES, 'as many frames decoded')
    t.ok(
      decoded.every((f) => f.width === WIDTH && f.height === HEIGHT && f.format === format),
      'each the size and format sent'
    )
    const worst = Math.min(...decoded.map((f, i) => psnr(f.picture, sources[i])))
    if (least === Infinity) t.is(worst, Infinity, 'identical pictures (lossless)')
    else t.ok(worst >= least, `PSNR of the worst frame ${worst.toFixed(1)} dB >= ${least}`)
  })
}

const AUDIO = [
  { name: 'aac', format: sf.FLTP, rate: 48000, lossless: false },
  { name: 'libopus', format: sf.FLT, rate: 48000, lossless: false },
  { name: 'libmp3lame', format: sf.FLTP, rate: 48000, lossless: false },
  { name: 'flac', format: sf.S16, rate: 48000, lossless: true },
  { name: 'pcm_s16le', format: sf.S16, rate: 48000, lossless: true }
]

// A 440 Hz tone, in the sample format asked for (float or 16-bit), mono.
function fillTone(frame, first) {
  const [plane] = frame.data
  for (let i = 0; i < frame.nbSamples; i++) {
    const v = 0.5 * Math.sin((2 * Math.PI * 440 * (first + i)) / frame.sampleRate)
    if (frame.format === sf.S16) plane.writeInt16LE(Math.round(v * 32767), i * 2)
    else plane.writeFloatLE(v, i * 4)
  }
}

// Decoded mono sound as floats (-1..1), whatever the decoder's sample format.
function toFloats(decoded) {
  const out = []
  for (const f of decoded) {
    const s = f.samples
    for (let i = 0; i < f.nbSamples; i++) {
      if (f.format === sf.S16 || f.format === sf.S16P) out.push(s.readInt16LE(i * 2) / 32768)
      else if (f.format === sf.FLT || f.format === sf.FLTP) out.push(s.readFloatLE(i * 4))
      else throw new Error(`no reading of sample format ${f.format} in this test`)
    }
  }
  return Float32Array.from(out)
}

for (const { name, format, rate, lossless } of AUDIO) {
  test(`${name}: a second of a tone encodes and decodes back`, (t) => {
    using encoder = new CodecContext(new Encoder(name))
    encoder.sampleRate = rate
    encoder.sampleFormat = format
    encoder.channelLayout = ChannelLayout.from(constants.channelLayouts.MONO)
    encoder.timeBase = new Rational(1, rate)
    encoder.bitRate = 64000
    encoder.open()
    const size = encoder.frameSize || 1024
    const frames = []
    let sent = 0
    while (sent < rate) {
      const frame = new Frame()
      frame.nbSamples = size
      frame.format = format
      frame.sampleRate = rate
      frame.channelLayout = encoder.channelLayout
      frame.alloc()
      fillTone(frame, sent)
      frame.pts = sent
      sent += size
      frames.push(frame)
    }
    const input = Buffer.concat(frames.map((f) => Buffer.from(f.data[0])))
    const { packets, decoded } = roundTrip(encoder, frames)
    frames.forEach((frame) => frame.destroy())
    t.ok(packets.length > 0, `${packets.length} packets`)
    const samples = decoded.reduce((n, f) => n + f.nbSamples, 0)
    if (lossless) {
      t.is(samples, sent, 'every sample back')
      t.alike(Buffer.concat(decoded.map((f) => f.samples)), input, 'identical samples')
    } else {
      // Lossy codecs add their delay (priming samples) and pad the last frame.
      t.ok(Math.abs(samples - sent) <= 2 * size + 1024, `${samples} samples back of ${sent}`)
      // What comes back is the tone: its frequency (upward zero crossings over the middle half
      // second) and its level (RMS of a 0.5 sine: 0.354), and about the size the bit rate says.
      const pcm = toFloats(decoded)
      const middle = pcm.subarray(Math.floor(rate / 4), Math.floor((3 * rate) / 4))
      let crossings = 0
      for (let i = 1; i < middle.length; i++) if (middle[i - 1] < 0 && middle[i] >= 0) crossings++
      t.ok(Math.abs(crossings * 2 - 440) <= 4, `the tone at about 440 Hz (${crossings * 2})`)
      const rms = Math.sqrt(middle.reduce((sum, v) => sum + v * v, 0) / middle.length)
      t.ok(Math.abs(rms - 0.354) < 0.035, `at its level: RMS ${rms.toFixed(3)} (0.354)`)
      const bytes = packets.reduce((n, p) => n + p.data.length, 0)
      t.ok(bytes > 2000 && bytes < 16000, `${bytes} bytes for a second at 64 kb/s`)
    }
  })
}

test('an encoder refuses frames it would read past, with the reason; larger ones it takes', (t) => {
  using encoder = new CodecContext(new Encoder('mpeg4'))
  encoder.width = WIDTH
  encoder.height = HEIGHT
  encoder.pixelFormat = pf.YUV420P
  encoder.timeBase = new Rational(1, 10)
  encoder.open()
  using frame = new Frame()
  frame.width = WIDTH / 2
  frame.height = HEIGHT
  frame.format = pf.YUV420P
  frame.alloc()
  t.exception(
    () => encoder.sendFrame(frame),
    /\(format, width, height\) is \(0, 32, 64\), the encoder was opened with \(0, 64, 64\) \(it would read past the frame\)/
  )
  using wide = new Frame()
  wide.width = WIDTH * 2
  wide.height = HEIGHT
  wide.format = pf.YUV420P
  wide.alloc()
  t.ok(encoder.sendFrame(wide), 'a larger frame: the encoder reads its own size, as published')
  using rgb = new Frame()
  rgb.width = WIDTH
  rgb.height = HEIGHT
  rgb.format = pf.RGB24
  rgb.alloc()
  t.exception(() => encoder.sendFrame(rgb), /does not fit the encoder/)
  using blank = new Frame()
  t.exception.all(() => encoder.sendFrame(blank), /The frame has no planes/)
  using grown = new Frame()
  grown.width = WIDTH
  grown.height = HEIGHT / 2
  grown.format = pf.YUV420P
  grown.alloc()
  grown.height = HEIGHT // after alloc(): the planes hold half the rows
  t.exception.all(() => encoder.sendFrame(grown), /planes are smaller than its format and size say/)
  t.exception.all(() => encoder.sendPacket(new Packet()), /it encodes/)
  using unopened = new CodecContext(new Encoder('mpeg4'))
  t.exception(() => unopened.open(), /Could not open the codec/, 'no size set: FFmpeg says why')
})

test('encodeAsync: the same packets as the synchronous path, off the JavaScript thread', async (t) => {
  const make = () => {
    const encoder = new CodecContext(new Encoder('libvpx'))
    encoder.width = WIDTH
    encoder.height = HEIGHT
    encoder.pixelFormat = pf.YUV420P
    encoder.timeBase = new Rational(1, 10)
    encoder.bitRate = 400000
    encoder.open({ threads: '1', deadline: 'good', 'cpu-used': '4' })
    return encoder
  }
  const frames = []
  for (let i = 0; i < FRAMES; i++) {
    const frame = new Frame()
    frame.width = WIDTH
    frame.height = HEIGHT
    frame.format = pf.YUV420P
    frame.alloc()
    fillPicture(frame, i)
    frame.pts = i
    frames.push(frame)
  }
  using sync = make()
  const { packets } = roundTrip(sync, frames)
  using encoder = make()
  const ours = []
  for (const frame of frames) ours.push(...(await encoder.encodeAsync(frame)))
  ours.push(...(await encoder.encodeAsync()))
  t.alike(
    ours.map((p) => `${p.pts} ${p.copyData().toString('hex')}`),
    packets.map((p) => `${p.pts} ${p.data.toString('hex')}`),
    `${ours.length} packets, byte for byte`
  )
  ours.forEach((p) => p.destroy())
  await t.exception(encoder.encodeAsync(frames[0]), /was flushed/)
  using other = make()
  using small = new Frame()
  small.width = 16
  small.height = 16
  small.format = pf.YUV420P
  small.alloc()
  await t.exception(other.encodeAsync(small), /does not fit the encoder/)
  frames.forEach((frame) => frame.destroy())
})

test('getSupportedConfig: what the encoder takes, as the published package gives it', (t) => {
  const { codecConfig } = constants
  using vp8 = new CodecContext(new Encoder('libvpx'))
  const formats = vp8.getSupportedConfig(codecConfig.PIX_FORMAT)
  t.ok(formats instanceof Int32Array && formats.includes(pf.YUV420P), `${formats}`)
  t.is(vp8.getSupportedConfig(codecConfig.FRAME_RATE), null, 'any frame rate')
  using opus = new CodecContext(new Encoder('libopus'))
  t.alike([...opus.getSupportedConfig(codecConfig.SAMPLE_RATE)], [48000, 24000, 16000, 12000, 8000])
  t.exception(
    () => opus.getSupportedConfig(codecConfig.PIX_FORMAT),
    /does not apply to the codec/,
    'pixel formats of an audio codec'
  )
  using aac = new CodecContext(new Encoder('aac'))
  t.alike([...aac.getSupportedConfig(codecConfig.SAMPLE_FORMAT)], [sf.FLTP])
  using flac = new CodecContext(new Encoder('flac'))
  const layouts = flac.getSupportedConfig(codecConfig.CHANNEL_LAYOUT)
  t.ok(layouts === null || layouts.every((l) => l instanceof ChannelLayout), 'layouts or null')
  using mpeg4 = new CodecContext(new Encoder('mpeg4'))
  const spaces = mpeg4.getSupportedConfig(codecConfig.COLOR_SPACE)
  t.ok(spaces instanceof Int32Array && spaces.length > 1, 'unrestricted: every colour space')
})

test('codec options: get, set before open, list, copy', (t) => {
  using vp8 = new CodecContext(new Encoder('libvpx'))
  t.is(vp8.getOption('threads'), '0', 'every core unless told (FFmpeg: 1)')
  const { optionFlags } = constants
  const withNull = optionFlags.SEARCH_CHILDREN | optionFlags.ALLOW_NULL
  t.is(vp8.getOption('codec_whitelist', withNull), null, 'a string option with no value: null')
  const unknown = helpers.thrown(() => vp8.getOption('nope'))
  t.ok(unknown instanceof FFmpegError && unknown.code === 'AVERROR_OPTION_NOT_FOUND', `${unknown}`)
  vp8.setOption('crf', 30)
  vp8.setOptionDictionary({ deadline: 'realtime' })
  t.is(vp8.getOption('crf'), '30', "the codec's own option")
  t.is(vp8.getOption('deadline'), '1', 'realtime')
  t.exception(() => vp8.setOption('nope', '1'), /Unknown codec option: nope/)
  const names = vp8.listOptionNames()
  t.ok(
    names.includes('crf') && names.includes('b') && names.includes('threads'),
    `${names.length} options`
  )
  t.is(vp8.getOptions().crf, '30')
  using copy = new CodecContext(new Encoder('libvpx'))
  copy.copyOptionsFrom(vp8)
  t.is(copy.getOption('crf'), '30', 'copied')
  copy.setOptionDefaults()
  t.not(copy.getOption('crf'), '30', 'back to the defaults')
  vp8.width = WIDTH
  vp8.height = HEIGHT
  vp8.pixelFormat = pf.YUV420P
  vp8.timeBase = new Rational(1, 10)
  vp8.open()
  t.exception(() => vp8.setOption('crf', '20'), /settings are fixed/)
  t.is(vp8.getOption('crf'), '30', 'readable once open')
})

test('extraData: an encoder with global headers has them once open', (t) => {
  using encoder = new CodecContext(new Encoder('libopenh264'))
  encoder.width = WIDTH
  encoder.height = HEIGHT
  encoder.pixelFormat = pf.YUV420P
  encoder.timeBase = new Rational(1, 10)
  encoder.flags |= constants.codecFlags.GLOBAL_HEADER
  t.is(encoder.extraData.length, 0, 'none before open')
  encoder.open()
  const headers = encoder.extraData
  t.ok(headers.length > 8, `${headers.length} bytes of SPS/PPS`)
  t.alike([...headers.subarray(0, 4)], [0, 0, 0, 1], 'an Annex B start code')
  t.exception(() => (encoder.extraData = Buffer.alloc(4)), /settings are fixed/)
  using decoder = new CodecContext(Codec.H264.decoder)
  decoder.extraData = headers
  t.alike(decoder.extraData, headers, 'set before open, read back')
})
