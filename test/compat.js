// Code written for the published bare-ffmpeg (npm, 1.5), as its users write it, runs unchanged.
const test = require('brittle')
const path = require('bare-path')
const ffmpeg = require('..')
const { fixture, probePackets, sinkIO } = require('./helpers')

test('published API: demux a buffer', (t) => {
  const io = new ffmpeg.IOContext(fixture('sample.webm'))
  const format = new ffmpeg.InputFormatContext(io)
  const video = format.getBestStream(ffmpeg.constants.mediaTypes.VIDEO)
  t.is(video.codecParameters.width, 64)
  t.is(video.codec.name, 'vp8')
  t.is(format.getStream(1).codecParameters.type, ffmpeg.constants.mediaTypes.AUDIO)
  t.is(format.getStream(9), null)
  t.ok(format.duration > 0)
  t.is(format.inputFormat.name, 'matroska,webm')
  t.is(typeof format.inputFormat.extensions, 'string')
  const packet = new ffmpeg.Packet()
  let count = 0
  while (format.readFrame(packet)) {
    count++
    packet.unref()
  }
  t.is(count, probePackets('sample.webm').length)
  packet.destroy()
  format.destroy()
  io.destroy()
})

test('published API: mux with an OutputFormat, a Dictionary and Rational time bases', (t) => {
  using input = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture('sample.mkv')))
  const { io, sink } = sinkIO({ seekable: false })
  const format = new ffmpeg.OutputFormat('mp4')
  const output = new ffmpeg.OutputFormatContext(format, io)
  t.is(output.outputFormat.name, 'mp4')
  for (const stream of input.streams) {
    const out = output.createStream()
    out.codecParameters.id = stream.codecParameters.id
    out.codecParameters.type = stream.codecParameters.type
    out.codecParameters.width = stream.codecParameters.width
    out.codecParameters.height = stream.codecParameters.height
    out.codecParameters.format = stream.codecParameters.format
    out.codecParameters.sampleRate = stream.codecParameters.sampleRate
    out.codecParameters.nbChannels = stream.codecParameters.nbChannels
    out.codecParameters.extraData = stream.codecParameters.extraData
    out.timeBase = new ffmpeg.Rational(1, 1000)
  }
  const options = ffmpeg.Dictionary.from({ movflags: 'frag_keyframe+empty_moov' })
  t.is(options.get('movflags'), 'frag_keyframe+empty_moov')
  output.writeHeader(options)
  const packet = new ffmpeg.Packet()
  while (input.readFrame(packet)) {
    packet.rescaleTimestamps(
      input.streams[packet.streamIndex].timeBase,
      output.streams[packet.streamIndex].timeBase
    )
    output.writeFrame(packet)
  }
  output.writeTrailer()
  output.destroy()
  using back = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(sink.data))
  t.is(back.streams.length, 2)
  t.is(back.streams[0].codecParameters.width, 64)
})

test('published API: new InputFormatContext(inputFormat, options, url)', (t) => {
  const file = path.join(__dirname, 'fixtures', 'sample.wav')
  const options = new ffmpeg.Dictionary()
  using input = new ffmpeg.InputFormatContext(new ffmpeg.InputFormat('wav'), options, file)
  t.is(input.inputFormat.name, 'wav')
  t.is(input.io, null)
  let count = 0
  using packet = new ffmpeg.Packet()
  while (input.readFrame(packet)) count++
  t.is(count, probePackets('sample.wav').length)
  t.exception(
    () => new ffmpeg.InputFormatContext(null, null, '/no/such/file.wav'),
    /Could not open input: No such file/
  )
  t.exception(() => new ffmpeg.InputFormat('v4l2-not-here'), /Unknown input format/)
})

test('published API: constants and Rational helpers', (t) => {
  t.is(typeof ffmpeg.constants.mediaTypes.ATTACHEMENT, 'number')
  t.is(ffmpeg.constants.seek.SIZE, 0x10000)
  const tb = new ffmpeg.Rational(1, 1000)
  t.ok(tb.valid)
  t.is(ffmpeg.Rational.rescaleQ(1000, tb, new ffmpeg.Rational(1, 90000)), 90000)
  t.is(ffmpeg.Codec.for(ffmpeg.constants.codecs.H264).name, 'h264')
  t.ok(
    ffmpeg.Codec.for(ffmpeg.constants.codecs.OPUS) ===
      ffmpeg.Codec.for(ffmpeg.constants.codecs.OPUS)
  )
})

test('published API: the names #10 listed as missing', (t) => {
  const { Codec, InputFormat, OutputFormat, CodecParameters, Packet, constants, log } = ffmpeg
  // Static codecs, and codecs that can be inspected.
  for (const name of ['H264', 'AAC', 'OPUS', 'VP8', 'VP9', 'AV1', 'MJPEG']) {
    t.ok(Codec[name] instanceof Codec, `Codec.${name}`)
    t.is(Codec[name].id, constants.codecs[name])
  }
  t.is(Codec.VP9.name, 'vp9')
  t.is(new Codec(constants.codecs.AAC).name, 'aac')
  t.is(typeof Codec.H264[Symbol.for('bare.inspect')], 'function')
  // InputFormat.from / OutputFormat.from.
  t.is(InputFormat.from('matroska').name, 'matroska,webm')
  t.is(OutputFormat.from('webm').name, 'webm')
  const mp4 = new OutputFormat('mp4')
  t.is(OutputFormat.from(mp4), mp4)
  // Standalone codec parameters.
  const parameters = CodecParameters.alloc()
  parameters.width = 320
  t.is(parameters.width, 320)
  parameters.destroy()
  t.exception(() => parameters.width, /destroyed/)
  // log.level starts at ERROR.
  t.is(typeof log.level, 'number')
  // Packet side data.
  using packet = new Packet(Buffer.from([1, 2, 3]))
  packet.sideData = [
    Packet.SideData.fromData(Buffer.from([9, 9]), constants.packetSideDataType.NEW_EXTRADATA)
  ]
  const [side] = packet.sideData
  t.is(side.type, constants.packetSideDataType.NEW_EXTRADATA)
  t.is(side.name, 'New Extradata')
  t.alike([...side.data], [9, 9])
  // Constant groups and functions.
  for (const group of [
    'tags',
    'profiles',
    'levels',
    'pixelFormats',
    'sampleFormats',
    'pictureTypes',
    'codecFlags',
    'codecConfig',
    'optionFlags',
    'colorSpace',
    'colorRange',
    'colorPrimaries',
    'colorTRC',
    'packetSideDataType',
    'frameSideDataType',
    'hwDeviceTypes'
  ]) {
    t.ok(Object.keys(constants[group]).length > 0, `constants.${group}`)
  }
  t.ok(
    ['SHOW_IDS', 'NOBINSEARCH', 'SEEK_TO_PTS', 'NEEDNUMBER'].every(
      (k) => k in constants.formatFlags
    )
  )
  t.ok(
    ['QUAD', 'SURROUND', '2_1', '5_0', '5_1', '7_1', '2.1', '5.0'].every(
      (k) => k in constants.channelLayouts
    )
  )
  t.is(constants.toPixelFormat('RGBA'), constants.pixelFormats.RGBA)
  t.is(constants.toSampleFormat('S16'), constants.sampleFormats.S16)
  t.is(constants.toChannelLayout('STEREO'), 3)
  t.exception(() => constants.toPixelFormat('NOPE'), /UNKNOWN_PIXEL_FORMAT/)
  t.is(constants.getPixelFormatName(constants.pixelFormats.YUV420P), 'yuv420p')
  t.is(constants.getSampleFormatName(constants.sampleFormats.FLTP), 'fltp')
  t.is(constants.getColorSpaceName(constants.colorSpace.BT709), 'bt709')
  t.is(constants.toColorSpace('bt709'), constants.colorSpace.BT709)
  t.is(constants.getColorPrimariesName(constants.colorPrimaries.BT2020), 'bt2020')
  t.is(constants.toColorPrimaries('bt2020'), constants.colorPrimaries.BT2020)
  t.is(constants.getColorTransferName(constants.colorTRC.SMPTE2084), 'smpte2084')
  t.is(constants.toColorTransfer('smpte2084'), constants.colorTRC.SMPTE2084)
  t.is(constants.getPixelFormatName(12345), undefined)
  t.is(constants.rounding.AV_ROUND_UP, 3)
})

test('published API: durations, best streams and inspect on both kinds of context', (t) => {
  using input = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture('sample.webm')))
  input.duration = 1234
  t.is(input.duration, 1234)
  using output = new ffmpeg.OutputFormatContext('webm', new ffmpeg.IOContext(16, { onwrite() {} }))
  const video = output.createStream()
  video.codecParameters.copyFrom(input.streams[0].codecParameters)
  const audio = output.createStream()
  audio.codecParameters.copyFrom(input.streams[1].codecParameters)
  output.duration = 2000000
  t.is(output.duration, 2000000)
  t.is(output.getBestStreamIndex(ffmpeg.constants.mediaTypes.AUDIO), 1)
  t.is(output.getBestStream(ffmpeg.constants.mediaTypes.VIDEO), video)
  t.is(output.getBestStream(ffmpeg.constants.mediaTypes.SUBTITLE), null)
  for (const object of [input, output, video, video.codecParameters, new ffmpeg.Packet()]) {
    const inspect = object[Symbol.for('bare.inspect')]
    t.is(typeof inspect, 'function', object.constructor.name)
    t.is(typeof inspect.call(object), 'object')
  }
  t.alike(video.codecParameters.toJSON().channelLayout, { mask: 0, nbChannels: 0 })
  t.alike(audio.codecParameters.toJSON().channelLayout, { mask: 4, nbChannels: 1 })
})

test('a destroyed context: streams and the rest throw', (t) => {
  const input = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture('sample.webm')))
  input.destroy()
  t.exception(() => input.streams, /destroyed/)
  t.exception(() => input.duration, /destroyed/)
  t.exception(() => input.getStream(0), /destroyed/)
})

test('published API: unknown format names are FFmpegErrors with the published codes', (t) => {
  const cases = [
    ['toPixelFormat', 'no-such-format', 'UNKNOWN_PIXEL_FORMAT', 'pixel format'],
    ['toSampleFormat', 'no-such-format', 'UNKNOWN_SAMPLE_FORMAT', 'sample format'],
    ['toChannelLayout', 'no-such-layout', 'UNKNOWN_CHANNEL_LAYOUT', 'channel layout']
  ]
  for (const [fn, name, code, what] of cases) {
    try {
      ffmpeg.constants[fn](name)
      t.fail(`${fn} should throw`)
    } catch (err) {
      t.ok(err instanceof ffmpeg.FFmpegError, `${fn}: an FFmpegError`)
      t.is(err.code, code)
      t.is(err.message, `${code}: Unknown ${what} '${name}'`)
    }
  }
  t.exception(
    () => ffmpeg.ChannelLayout.from('no-such-layout'),
    /UNKNOWN_CHANNEL_LAYOUT: Unknown channel layout/
  )
  t.is(ffmpeg.constants.toPixelFormat('YUV420P'), ffmpeg.constants.pixelFormats.YUV420P)
  t.exception(() => ffmpeg.constants.toPixelFormat('toString'), /UNKNOWN_PIXEL_FORMAT/)
  t.exception.all(() => ffmpeg.constants.toSampleFormat(null), TypeError)
})
