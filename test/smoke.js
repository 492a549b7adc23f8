// What a prebuild must do on any platform, with nothing but itself: no ffmpeg or ffprobe of ours
// (the other tests compare with those, which exist only where FFmpeg was built). The release
// workflow runs this file on the macOS and Windows runners, with the prebuild cross-built on
// Linux; here it runs with the rest. The counts are the fixtures' own making
// (test/fixtures/make.sh: testsrc 64x48 at 10 frames per second for 2 seconds, sine at 8 kHz).
const test = require('brittle')
const fs = require('bare-fs')
const path = require('bare-path')
const ffmpeg = require('..')

const fixture = (name) => fs.readFileSync(path.join(__dirname, 'fixtures', name))

test('smoke: the addon loads and names its FFmpeg', (t) => {
  t.is(ffmpeg.versions.ffmpeg, '9.0.2')
  t.ok(ffmpeg.versions.license.startsWith('LGPL'), ffmpeg.versions.license)
})

test('smoke: demux and decode every frame of a WebM (VP8 + Opus)', (t) => {
  using input = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture('sample.webm')))
  const video = input.getBestStream(ffmpeg.constants.mediaTypes.VIDEO)
  const audio = input.getBestStream(ffmpeg.constants.mediaTypes.AUDIO)
  using videoDecoder = video.decoder()
  using audioDecoder = audio.decoder()
  videoDecoder.open()
  audioDecoder.open()
  using packet = new ffmpeg.Packet()
  using frame = new ffmpeg.Frame()
  let pictures = 0
  let samples = 0
  const drain = (decoder, stream) => {
    while (decoder.receiveFrame(frame)) {
      if (stream === video) {
        t.is(frame.width, 64)
        t.is(frame.height, 48)
        pictures++
      } else {
        samples += frame.nbSamples
      }
    }
  }
  while (input.readFrame(packet)) {
    const stream = packet.streamIndex === video.index ? video : audio
    const decoder = stream === video ? videoDecoder : audioDecoder
    decoder.sendPacket(packet)
    drain(decoder, stream)
  }
  videoDecoder.sendPacket()
  drain(videoDecoder, video)
  audioDecoder.sendPacket()
  drain(audioDecoder, audio)
  t.is(pictures, 20, '2 s at 10 frames per second')
  t.ok(samples >= 2 * 48000 * 0.98, `${samples} samples: about 2 s at Opus's 48 kHz`)
})

test('smoke: each external video encoder encodes, and its decoder decodes back', (t) => {
  const { CodecContext, CodecParameters, Codec, Encoder, Frame, Packet, Rational } = ffmpeg
  const YUV420P = ffmpeg.constants.pixelFormats.YUV420P
  for (const name of ['libvpx', 'libvpx-vp9', 'libsvtav1', 'libopenh264', 'libkvazaar']) {
    using encoder = new CodecContext(new Encoder(name))
    encoder.width = 64
    encoder.height = 64
    encoder.pixelFormat = YUV420P
    encoder.timeBase = new Rational(1, 10)
    encoder.frameRate = new Rational(10, 1)
    encoder.bitRate = 400000
    encoder.open(name === 'libsvtav1' ? { preset: '12' } : undefined)
    const packets = []
    using packet = new Packet()
    const drain = () => {
      while (encoder.receivePacket(packet)) packets.push(packet.copyData())
    }
    for (let i = 0; i < 5; i++) {
      using frame = new Frame()
      frame.width = 64
      frame.height = 64
      frame.format = YUV420P
      frame.alloc()
      frame.data.forEach((plane, p) => plane.fill(p === 0 ? (i * 40) & 0xff : 128))
      frame.pts = i
      while (!encoder.sendFrame(frame)) drain()
      drain()
    }
    encoder.sendFrame()
    drain()

    const parameters = CodecParameters.alloc()
    parameters.fromContext(encoder)
    using decoder = new CodecContext(Codec.for(parameters.id).decoder)
    parameters.toContext(decoder)
    parameters.destroy()
    decoder.open()
    using frame = new Frame()
    let decoded = 0
    for (const data of packets) {
      using input = new Packet(data)
      decoder.sendPacket(input)
      while (decoder.receiveFrame(frame)) decoded++
    }
    decoder.sendPacket()
    while (decoder.receiveFrame(frame)) decoded++
    t.is(decoded, 5, `${name}: ${packets.length} packets, 5 frames back`)
  }
})
