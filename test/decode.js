// Decoding: every stream of every fixture through stream.decoder(), compared frame by frame with
// the ffmpeg of the FFmpeg we ship (`-f framecrc`: each decoded frame's Adler-32 and size)
// and with ffprobe's frames (pts, picture type, key frame, size, format, samples).
const test = require('brittle')
const path = require('bare-path')
const { spawnSync } = require('bare-subprocess')
const {
  IOContext,
  InputFormatContext,
  Packet,
  Frame,
  CodecContext,
  Decoder,
  Codec,
  Dictionary,
  FFmpegError,
  Rational,
  constants
} = require('..')
const { FFPROBE, VALGRIND, fixture, thrown, watchEventLoop } = require('./helpers')
const { adler32, packed, interleaved, framecrc } = require('./checksums')

const FIXTURES = path.join(__dirname, 'fixtures')
const { mediaTypes } = constants

// Every decoded frame of every stream of `file`: { stream, pts, key, pictType, size, crc, ... }.
function decodeAll(file) {
  using input = new InputFormatContext(new IOContext(fixture(file)))
  const decoders = input.streams.map((stream) => {
    const decoder = stream.decoder()
    decoder.open()
    return decoder
  })
  const frames = []
  using packet = new Packet()
  using frame = new Frame()
  const drain = (index) => {
    while (decoders[index].receiveFrame(frame)) frames.push(describe(index, frame))
  }
  while (input.readFrame(packet)) {
    const index = packet.streamIndex
    while (!decoders[index].sendPacket(packet)) drain(index)
    drain(index)
  }
  decoders.forEach((decoder, index) => {
    decoder.sendPacket() // the flush
    drain(index)
    decoder.destroy()
  })
  return frames
}

// A frame as framecrc and ffprobe see it: the checksum of its pictures or samples packed without
// padding (video planes row by row, audio channels interleaved).
function describe(stream, frame) {
  const audio = frame.nbSamples > 0
  const bytes = audio ? interleaved(frame) : packed(frame)
  return {
    stream,
    pts: frame.pts,
    key: frame.keyFrame,
    pictType: audio ? null : frame.pictType,
    colors: audio
      ? null
      : [
          constants.getColorRangeName(frame.colorRange),
          constants.getColorSpaceName(frame.colorSpace),
          constants.getColorPrimariesName(frame.colorPrimaries),
          constants.getColorTransferName(frame.colorTRC)
        ].join(' '),
    width: frame.width,
    height: frame.height,
    format: frame.format,
    nbSamples: frame.nbSamples,
    size: bytes.length,
    crc: adler32(bytes)
  }
}

// framecrc of one stream: [{ pts, size, crc }], pts in the output's time base (also returned).
function frameCrc(file, stream, codec) {
  const args = ['-i', path.join(FIXTURES, file), '-map', `0:${stream}`]
  if (codec) args.push('-c:a', codec)
  return framecrc(args)
}

// ffprobe's frames of one stream.
function probeFrames(file, stream) {
  const probed = spawnSync(
    FFPROBE,
    [
      '-v',
      'error',
      '-select_streams',
      String(stream),
      '-show_frames',
      '-of',
      'json',
      path.join(FIXTURES, file)
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  if (probed.status !== 0) throw new Error(`ffprobe -show_frames failed on ${file}`)
  return JSON.parse(probed.stdout.toString()).frames
}

// The packed PCM codec that framecrc needs to checksum a sample format's samples unchanged.
const PCM = { fltp: 'pcm_f32le', flt: 'pcm_f32le', s16p: 'pcm_s16le', s16: 'pcm_s16le' }

const FILES = [
  'sample.mp4',
  'sample.webm',
  'sample.ts',
  'sample.mkv',
  'sample.mp3',
  'sample.flac',
  'sample.opus',
  'sample.wav',
  'codecs/h264.mkv',
  'codecs/hevc.mkv',
  'codecs/vp9.webm',
  'codecs/av1.mkv',
  'codecs/mjpeg.mkv',
  'codecs/png.mkv',
  'codecs/vorbis.ogg',
  'codecs/aac.m4a'
]

for (const file of FILES) {
  test(`${file}: every stream decodes to the frames ffmpeg and ffprobe decode`, (t) => {
    const frames = decodeAll(file)
    using input = new InputFormatContext(new IOContext(fixture(file)))
    for (const stream of input.streams) {
      const ours = frames.filter((f) => f.stream === stream.index)
      const name = `${stream.codec.name} (stream ${stream.index})`
      const probed = probeFrames(file, stream.index)
      t.is(ours.length, probed.length, `${name}: ${ours.length} frames, as ffprobe`)
      t.alike(
        ours.map((f) => f.pts),
        probed.map((f) => f.pts ?? null),
        `${name}: pts`
      )
      t.alike(
        ours.map((f) => f.key),
        probed.map((f) => f.key_frame === 1),
        `${name}: key frames`
      )
      const audio = stream.codecParameters.type === mediaTypes.AUDIO
      if (!audio) {
        t.alike(
          ours.map((f) => `${f.width}x${f.height}`),
          probed.map((f) => `${f.width}x${f.height}`),
          `${name}: sizes`
        )
        t.alike(
          ours.map((f) => f.colors),
          probed.map((f) =>
            [f.color_range, f.color_space, f.color_primaries, f.color_transfer]
              .map((name) => name ?? 'unknown') // ffprobe leaves out what is unknown
              .join(' ')
          ),
          `${name}: colour range, matrix, primaries and transfer (${ours[0]?.colors})`
        )
      } else {
        t.alike(
          ours.map((f) => f.nbSamples),
          probed.map((f) => f.nb_samples),
          `${name}: samples per frame`
        )
      }
      const format = audio ? probed[0].sample_fmt : probed[0].pix_fmt
      const nameOf = audio ? constants.getSampleFormatName : constants.getPixelFormatName
      t.alike(
        ours.map((f) => nameOf(f.format)),
        probed.map((f) => (audio ? f.sample_fmt : f.pix_fmt)),
        `${name}: formats`
      )
      const reference = frameCrc(file, stream.index, audio ? PCM[format] : null)
      t.is(reference.frames.length, ours.length, `${name}: framecrc has as many frames`)
      t.alike(
        ours.map((f) => `${f.size} ${f.crc}`),
        reference.frames.map((f) => `${f.size} ${f.crc}`),
        `${name}: every frame's ${format} data is the same (Adler-32)`
      )
    }
  })
}

test('Decoder and Encoder find codecs by name or Codec', (t) => {
  t.is(new Decoder('h264').name, 'h264')
  t.is(Codec.AV1.decoder.name, 'libdav1d', 'AV1 decodes with dav1d')
  t.is(Codec.VP8.encoder.name, 'libvpx')
  t.is(Codec.H264.encoder.name, 'libopenh264')
  t.exception(() => new Decoder('nope'), /No decoder for nope in this build/)
  t.exception.all(() => new Decoder(42), TypeError)
  let err = null
  try {
    void new Decoder('nope')
  } catch (e) {
    err = e
  }
  t.ok(err instanceof FFmpegError)
  t.is(err.code, 'AVERROR_DECODER_NOT_FOUND')
})

test('a CodecContext checks its state and its side', (t) => {
  using input = new InputFormatContext(new IOContext(fixture('sample.mp4')))
  using decoder = input.streams[0].decoder()
  using packet = new Packet()
  using frame = new Frame()
  t.exception(
    () => decoder.sendPacket(packet),
    /The CodecContext is not open: call open\(\) before sendPacket\(\)/
  )
  t.exception.all(
    () => decoder.sendFrame(frame),
    /sendFrame\(\) is not for this CodecContext: it decodes/
  )
  decoder.open({ threads: '1' })
  t.ok(decoder.isOpen)
  t.exception(() => (decoder.width = 10), /settings are fixed once open\(\) is called/)
  while (input.readFrame(packet) && packet.streamIndex !== 0);
  t.ok(decoder.sendPacket(packet))
  // A packet of another stream goes to a decoder as in the published package (FFmpeg's decoders
  // take any bytes): what it makes of it is FFmpeg's error, nothing breaks.
  using audio = new Packet()
  while (input.readFrame(audio) && audio.streamIndex === 0);
  using stray = input.streams[0].decoder()
  stray.open()
  const sent = thrown(() => stray.sendPacket(audio))
  const received = thrown(() => stray.receiveFrame(frame))
  for (const err of [sent, received]) {
    t.ok(err === null || err instanceof FFmpegError, `taken, or FFmpeg's own error: ${err}`)
  }
  t.ok(decoder.sendPacket(), 'the flush')
  t.is(
    decoder.sendPacket(new Packet(Buffer.alloc(8))),
    false,
    'a packet after the flush is not taken (false, as in the published package)'
  )
  t.is(decoder.sendPacket(), false, 'flushing again does nothing')
  let n = 0
  while (decoder.receiveFrame(frame)) n++
  t.ok(n >= 1, `${n} frames after the flush`)
  t.is(decoder.receiveFrame(frame), false, 'then none')
  decoder.destroy()
  t.exception(() => decoder.receiveFrame(frame), /destroyed/)
  t.exception.all(() => new CodecContext({}), /codec must be a Decoder or an Encoder/)
  using unknownOption = new CodecContext(new Decoder('mpeg4'))
  const options = Dictionary.from({ nope: '1', threads: '1' })
  unknownOption.open(options)
  t.ok(unknownOption.isOpen, 'an unknown option is ignored, as FFmpeg does')
  t.alike(options.entries(), [['nope', '1']], 'the Dictionary keeps only what was not used')
  using strict = new CodecContext(new Decoder('mpeg4'))
  const err = thrown(() => strict.open(Dictionary.from({ nope: '1' }, { strict: true })))
  t.ok(err instanceof FFmpegError && err.code === 'AVERROR_OPTION_NOT_FOUND', err.message)
  t.ok(/Unknown codec option: nope/.test(err.message))
})

test('frame planes are views of the decoded frame', (t) => {
  using input = new InputFormatContext(new IOContext(fixture('sample.mp4')))
  using decoder = input.streams[0].decoder()
  decoder.open()
  using packet = new Packet()
  using frame = new Frame()
  while (input.readFrame(packet)) {
    if (packet.streamIndex !== 0) continue
    decoder.sendPacket(packet)
    if (decoder.receiveFrame(frame)) break
  }
  t.alike(frame.metadata.entries(), [], 'no metadata on these frames')
  t.is(frame.metadata.get('lavfi.astats.Overall.Peak_level'), null)
  t.alike([...frame.metadata], [])
  const tb = input.streams[0].timeBase
  t.is(
    `${frame.timeBase.numerator}/${frame.timeBase.denominator}`,
    `${tb.numerator}/${tb.denominator}`,
    "the frame's time base is the stream's"
  )
  frame.sampleAspectRatio = new Rational(4, 3)
  t.is(frame.sampleAspectRatio.numerator, 4)
  t.exception.all(() => (frame.timeBase = new Rational(1, 0)), RangeError)
  const [y, u, v] = frame.data
  t.is(frame.data.length, 3, 'Y, U and V')
  t.ok(y.length >= frame.width * frame.height, `Y: ${y.length} bytes`)
  t.ok(u.length >= (frame.width / 2) * (frame.height / 2) && v.length === u.length)
  t.ok(frame.linesize[0] >= frame.width)
  const before = Buffer.from(y.subarray(0, 16))
  frame.unref()
  t.alike(Buffer.from(y.subarray(0, 16)), before, 'a view outlives the frame it came from')
  t.alike(frame.data, [], 'a blank frame has no planes')
})

// The same frames through the asynchronous path: demuxed and decoded on workers.
for (const file of ['sample.mp4', 'sample.webm', 'codecs/h264.mkv', 'codecs/vorbis.ogg']) {
  test(`${file}: decoder.frames(input) gives the frames the synchronous path gives`, async (t) => {
    const expected = decodeAll(file)
    const frames = []
    const loop = watchEventLoop()
    let longest
    try {
      const streams = new Set(expected.map((f) => f.stream))
      for (const index of streams) {
        // An input per stream: each decoder reads it from the start.
        const input = await InputFormatContext.open(new IOContext(fixture(file)))
        try {
          using decoder = input.streams[index].decoder()
          decoder.open()
          for await (const frame of decoder.frames(input)) {
            frames.push(describe(index, frame))
            frame.destroy()
          }
        } finally {
          input.destroy()
        }
      }
    } finally {
      longest = loop.stop()
    }
    const byStream = (list, i) => list.filter((f) => f.stream === i).map((f) => `${f.pts} ${f.crc}`)
    for (let i = 0; i < 2; i++) t.alike(byStream(frames, i), byStream(expected, i), `stream ${i}`)
    if (VALGRIND) t.pass('the event loop: not measured under valgrind')
    else t.ok(longest < 100, `the event loop kept running (longest gap ${longest} ms)`)
  })
}

test('decodeAsync: one packet, its frames; errors and state as for the synchronous calls', async (t) => {
  using input = new InputFormatContext(new IOContext(fixture('sample.webm')))
  using decoder = input.streams[0].decoder()
  await t.exception(decoder.decodeAsync(new Packet()), /not open/)
  // One thread: with frame threads a corrupt packet's error comes out of a later call.
  decoder.open({ threads: '1' })
  using packet = new Packet()
  while (input.readFrame(packet) && packet.streamIndex !== 0);
  const frames = await decoder.decodeAsync(packet)
  t.is(frames.length, 1, 'a VP8 packet, a frame')
  t.ok(frames[0] instanceof Frame && frames[0].width === 64)
  frames.forEach((f) => f.destroy())
  const garbage = new Packet(Buffer.alloc(64, 0xff))
  await t.exception(decoder.decodeAsync(garbage), /Could not decode/)
  const busy = decoder.decodeAsync(packet)
  t.exception(() => decoder.width, /busy with decodeAsync/)
  await busy.catch(() => {})
  const last = await decoder.decodeAsync()
  t.ok(Array.isArray(last), `the flush: ${last.length} frames left`)
  await t.exception(decoder.decodeAsync(packet), /was flushed/)
})

test('frame side data: set, read, copy with the properties, remove', (t) => {
  const { frameSideDataType } = constants
  using frame = new Frame()
  t.alike(frame.sideData, [], 'none on a new frame')
  frame.sideData = [
    Frame.SideData.fromData(Buffer.from([1, 2, 3, 4]), frameSideDataType.CONTENT_LIGHT_LEVEL),
    Frame.SideData.fromData(Buffer.from('hello'), frameSideDataType.SEI_UNREGISTERED)
  ]
  const read = frame.sideData
  t.alike(
    read.map((s) => [s.type, s.name, s.data.toString('hex')]),
    [
      [frameSideDataType.CONTENT_LIGHT_LEVEL, 'Content light level metadata', '01020304'],
      [
        frameSideDataType.SEI_UNREGISTERED,
        'H.26[45] User Data Unregistered SEI message',
        '68656c6c6f'
      ]
    ]
  )
  t.ok(read[0] instanceof Frame.SideData)
  using copy = new Frame()
  copy.copyProperties(frame)
  t.is(copy.sideData.length, 2, 'copyProperties carries the side data')
  frame.removeSideData(frameSideDataType.CONTENT_LIGHT_LEVEL)
  t.alike(
    frame.sideData.map((s) => s.type),
    [frameSideDataType.SEI_UNREGISTERED]
  )
  t.exception.all(() => (frame.sideData = [{ type: 9999, data: Buffer.alloc(1) }]), RangeError)
  t.exception.all(() => frame.removeSideData(9999), RangeError)
})

// Decodes codecs/h264.mkv with `decoder` (opened by the caller); the frames' checksums.
function decodeWith(decoder, input) {
  using packet = new Packet()
  using frame = new Frame()
  const crcs = []
  while (input.readFrame(packet)) {
    decoder.sendPacket(packet)
    while (decoder.receiveFrame(frame)) crcs.push(adler32(packed(frame)))
  }
  decoder.sendPacket()
  while (decoder.receiveFrame(frame)) crcs.push(adler32(packed(frame)))
  return crcs
}

test('getFormat: the decoder offers its pixel formats on the JavaScript thread; the frames are the same', async (t) => {
  const reference = frameCrc('codecs/h264.mkv', 0).frames.map((f) => f.crc)
  using input = new InputFormatContext(new IOContext(fixture('codecs/h264.mkv')))
  using decoder = input.streams[0].decoder()
  const offers = []
  const choose = (context, formats) => {
    t.is(context, decoder, 'called with the context')
    offers.push(formats)
    return formats[0]
  }
  decoder.getFormat = choose
  t.is(decoder.getFormat, choose)
  decoder.open()
  t.alike(decodeWith(decoder, input), reference, 'every frame as ffmpeg decodes it')
  t.ok(offers.length >= 1, `called ${offers.length} times`)
  t.alike(offers[0], [constants.pixelFormats.YUV420P], 'offered what FFmpeg offers: yuv420p')
  t.is(
    decoder.getOption('thread_type'),
    '0x00000002',
    'slice threads only: FFmpeg calls it where it decodes'
  )
  t.exception.all(() => (decoder.getFormat = () => 0), /open/)
  using config = new CodecContext(new Decoder('h264'))
  config.getFormat = choose
  t.exception.all(() => config.setOption('thread_type', 'frame'), /thread_type stays slice/)
  t.exception.all(() => config.open({ thread_type: 'frame' }), /thread_type stays slice/)
  using frameThreads = new CodecContext(new Decoder('h264'))
  frameThreads.setOption('thread_type', 'frame')
  config.copyOptionsFrom(frameThreads)
  t.is(config.getOption('thread_type'), '0x00000002', 'copied options keep slice threads')
  using other = new InputFormatContext(new IOContext(fixture('codecs/h264.mkv')))
  using offThread = other.streams[0].decoder()
  offThread.getFormat = choose
  offThread.open()
  await t.exception(offThread.decodeAsync(), /runs on the JavaScript thread/)
})

test('getFormat: an exception comes out of the call it ran in, as the same object; a wrong choice is a TypeError', (t) => {
  const oops = new Error('no format for you')
  for (const [choose, expect] of [
    [
      () => {
        throw oops
      },
      (e) => e === oops
    ],
    [
      () => 12345,
      (e) =>
        e instanceof TypeError &&
        /must return one of the pixel formats offered \(\[0\]\), got 12345/.test(e.message)
    ],
    [() => 'yuv420p', (e) => e instanceof TypeError && /got no number/.test(e.message)]
  ]) {
    using input = new InputFormatContext(new IOContext(fixture('codecs/h264.mkv')))
    using decoder = input.streams[0].decoder()
    decoder.getFormat = choose
    let caught = null
    try {
      decoder.open()
      decodeWith(decoder, input)
    } catch (e) {
      caught = e
    }
    t.ok(caught && expect(caught), String(caught))
  }
  using decoder = new CodecContext(new Decoder('h264'))
  t.exception.all(() => (decoder.getFormat = 'x'), /must be a function/)
})

test('1080p H.264 through decoder.frames(input): the event loop never waits 10 ms', async (t) => {
  const file = 'codecs/h264-1080p.mkv'
  const probed = probeFrames(file, 0)
  // The best of three runs: this 2-core VM sometimes stalls a whole process for a moment.
  let best = Infinity
  for (let run = 0; run < 3 && best >= 10; run++) {
    const loop = watchEventLoop()
    const pts = []
    try {
      const input = await InputFormatContext.open(new IOContext(fixture(file)))
      try {
        using decoder = input.streams[0].decoder()
        decoder.open() // threads: every core
        for await (const frame of decoder.frames(input)) {
          t.is(`${frame.width}x${frame.height}`, '1920x1080', 'a 1080p picture') // once per frame
          pts.push(frame.pts)
          frame.destroy()
        }
      } finally {
        input.destroy()
      }
    } finally {
      best = Math.min(best, loop.stop())
    }
    t.alike(
      pts,
      probed.map((f) => f.pts),
      `${pts.length} frames, as ffprobe`
    )
  }
  if (VALGRIND) t.pass('the event loop: not measured under valgrind')
  else t.ok(best < 10, `the longest gap of a 1 ms timer: ${best} ms`)
})

test("Frame's colour fields: read and written, FFmpeg's values only", (t) => {
  using frame = new Frame()
  t.is(frame.colorRange, constants.colorRange.UNSPECIFIED)
  frame.colorRange = constants.colorRange.JPEG
  frame.colorSpace = constants.colorSpace.BT709
  frame.colorPrimaries = constants.colorPrimaries.BT2020
  frame.colorTRC = constants.colorTRC.SMPTE2084
  t.alike(
    [frame.colorRange, frame.colorSpace, frame.colorPrimaries, frame.colorTRC].map(Number),
    [2, 1, 9, 16]
  )
  t.exception.all(() => {
    frame.colorRange = 99
  }, RangeError)
  t.exception.all(() => {
    frame.colorPrimaries = 3.5e9
  }, RangeError)
})
