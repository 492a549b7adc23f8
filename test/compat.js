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

// The published package's examples negate-pixel.js and reduce-volume.js, as written there
// (bare-assert's calls as t.is/t.ok).
test('published example negate-pixel: a red pixel through negate comes out cyan', (t) => {
  const buffer = new ffmpeg.Filter('buffer')
  const bufferContext = new ffmpeg.FilterContext()
  const bufferSink = new ffmpeg.Filter('buffersink')
  const bufferSinkContext = new ffmpeg.FilterContext()
  const graph = new ffmpeg.FilterGraph()
  graph.createFilter(
    bufferContext,
    buffer,
    'in',
    `video_size=1x1:pix_fmt=${ffmpeg.constants.pixelFormats.RGB24}:time_base=1/30:pixel_aspect=1/1`
  )
  graph.createFilter(bufferSinkContext, bufferSink, 'out')
  const inputs = new ffmpeg.FilterInOut()
  inputs.name = 'out'
  inputs.filterContext = bufferSinkContext
  inputs.padIdx = 0
  const outputs = new ffmpeg.FilterInOut()
  outputs.name = 'in'
  outputs.filterContext = bufferContext
  outputs.padIdx = 0
  graph.parse('negate', inputs, outputs)
  graph.configure()
  const inputFrame = new ffmpeg.Frame()
  inputFrame.width = 1
  inputFrame.height = 1
  inputFrame.format = ffmpeg.constants.pixelFormats.RGB24
  inputFrame.alloc()
  const redImage = new ffmpeg.Image(ffmpeg.constants.pixelFormats.RGB24, 1, 1)
  for (let i = 0; i < redImage.data.length; i += 3) {
    redImage.data[i] = 255
    redImage.data[i + 1] = 0
    redImage.data[i + 2] = 0
  }
  redImage.fill(inputFrame)
  graph.pushFrame(bufferContext, inputFrame)
  const outputFrame = new ffmpeg.Frame()
  outputFrame.width = 1
  outputFrame.height = 1
  outputFrame.format = ffmpeg.constants.pixelFormats.RGB24
  outputFrame.alloc()
  graph.pullFrame(bufferSinkContext, outputFrame)
  const outputImage = new ffmpeg.Image(ffmpeg.constants.pixelFormats.RGB24, 1, 1)
  outputImage.read(outputFrame)
  t.is(outputImage.data.at(0), 0)
  t.is(outputImage.data.at(1), 255)
  t.is(outputImage.data.at(2), 255)
})

test('published example reduce-volume: Samples written after fill() reach the graph', (t) => {
  const sampleRate = 48000
  const sampleFormat = ffmpeg.constants.sampleFormats.S16
  const channelLayout = ffmpeg.constants.channelLayouts.MONO
  const nbSamples = 1024
  const graph = new ffmpeg.FilterGraph()
  const abuffer = new ffmpeg.Filter('abuffer')
  const abuffersink = new ffmpeg.Filter('abuffersink')
  const srcCtx = new ffmpeg.FilterContext()
  const sinkCtx = new ffmpeg.FilterContext()
  graph.createFilter(
    srcCtx,
    abuffer,
    'in',
    'sample_rate=48000:sample_fmt=s16:channel_layout=mono:time_base=1/48000'
  )
  graph.createFilter(sinkCtx, abuffersink, 'out')
  const inputs = new ffmpeg.FilterInOut()
  inputs.name = 'out'
  inputs.filterContext = sinkCtx
  inputs.padIdx = 0
  const outputs = new ffmpeg.FilterInOut()
  outputs.name = 'in'
  outputs.filterContext = srcCtx
  outputs.padIdx = 0
  graph.parse('volume=0.5,aformat=sample_fmts=s16:channel_layouts=mono', inputs, outputs)
  graph.configure()
  const inputFrame = new ffmpeg.Frame()
  inputFrame.format = sampleFormat
  inputFrame.channelLayout = channelLayout
  inputFrame.nbSamples = nbSamples
  inputFrame.sampleRate = sampleRate
  inputFrame.timeBase = new ffmpeg.Rational(1, sampleRate)
  inputFrame.pts = 0
  inputFrame.alloc()
  const inputSamples = new ffmpeg.Samples()
  inputSamples.fill(inputFrame)
  const sampleView = new Int16Array(
    inputSamples.data.buffer,
    inputSamples.data.byteOffset,
    nbSamples
  )
  for (let i = 0; i < nbSamples; i++) {
    const value = Math.sin((2 * Math.PI * 1000 * i) / sampleRate) * 0.5
    sampleView[i] = Math.round(value * 32767)
  }
  const inputSample = sampleView[100]
  t.ok(graph.pushFrame(srcCtx, inputFrame) >= 0, 'pushed')
  const outputFrame = new ffmpeg.Frame()
  outputFrame.format = sampleFormat
  outputFrame.channelLayout = channelLayout
  outputFrame.nbSamples = nbSamples
  outputFrame.sampleRate = sampleRate
  outputFrame.timeBase = new ffmpeg.Rational(1, sampleRate)
  t.ok(graph.pullFrame(sinkCtx, outputFrame) >= 0, 'pulled')
  const outputSamples = new ffmpeg.Samples()
  outputSamples.read(outputFrame)
  const outputSample = outputSamples.data.readInt16LE(100 * 2)
  t.is(outputSample / inputSample, 0.5, `${inputSample} became ${outputSample}`)
  inputFrame.destroy()
  outputFrame.destroy()
  graph.destroy()
})
