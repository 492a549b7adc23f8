// Code written for the published bare-ffmpeg (npm, 1.5), as its users write it, runs unchanged.
const test = require('brittle')
const path = require('bare-path')
const ffmpeg = require('..')
const fs = require('bare-fs')
const { spawnSync } = require('bare-subprocess')
const { FFMPEG, FFPROBE, fixture, probePackets, sinkIO, thrown, tmpPath } = require('./helpers')

const fixturePath = (name) => path.join(__dirname, 'fixtures', name)

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

// --- What a new user of the published package hit (issue #22) -------------------------------

test('published usage: capture options lavfi does not know are ignored and left in the Dictionary', (t) => {
  const options = new ffmpeg.Dictionary()
  options.set('framerate', '30')
  options.set('video_size', '640x480')
  options.set('pixel_format', 'yuv420p')
  options.set('probesize', '65536') // a demuxer option: used, so taken out
  const input = new ffmpeg.InputFormatContext(
    new ffmpeg.InputFormat('lavfi'),
    options,
    'testsrc=size=640x480:rate=30'
  )
  t.is(input.streams[0].codecParameters.width, 640)
  t.alike(
    options.entries().map(([key]) => key),
    ['framerate', 'video_size', 'pixel_format'],
    'FFmpeg leaves the options nothing used in the Dictionary'
  )
  input.destroy()
  const strict = ffmpeg.Dictionary.from({ framerate: '30' }, { strict: true })
  const err = thrown(
    () => new ffmpeg.InputFormatContext(new ffmpeg.InputFormat('lavfi'), strict, 'testsrc')
  )
  t.ok(err instanceof ffmpeg.FFmpegError, `strict: ${err}`)
  t.is(err.code, 'AVERROR_OPTION_NOT_FOUND')
  t.ok(/Unknown demuxer option: framerate/.test(err.message))
})

test('published usage: the ignored options are named in a warning of FFmpeg log', (t) => {
  const script = tmpPath('warning.js')
  fs.writeFileSync(
    script,
    `const ffmpeg = require(${JSON.stringify(path.join(__dirname, '..'))})
ffmpeg.log.level = ffmpeg.log.WARNING
const options = ffmpeg.Dictionary.from({ framerate: '30' })
new ffmpeg.InputFormatContext(new ffmpeg.InputFormat('lavfi'), options, 'testsrc').destroy()
`
  )
  const result = spawnSync(Bare.argv[0], [script], { stdio: ['ignore', 'pipe', 'pipe'] })
  t.is(result.status, 0)
  t.ok(
    /Unknown demuxer option: framerate \(ignored\)/.test(result.stderr.toString()),
    result.stderr.toString()
  )
})

// The published sine-to-webm example's calls: a lavfi input given by its `graph` option alone, a
// Buffer with onwrite as the output's I/O buffer, `chunks.push` as onwrite.
test('published usage: sine-to-webm (lavfi graph without a url, IOContext(Buffer, { onwrite }))', (t) => {
  const options = new ffmpeg.Dictionary()
  options.set(
    'graph',
    'sine=frequency=440:sample_rate=48000:duration=1,asetnsamples=n=1024,aformat=sample_fmts=s16[out0]'
  )
  const inputFormat = new ffmpeg.InputFormatContext(new ffmpeg.InputFormat('lavfi'), options)
  const chunks = []
  let closed = 0
  const audioIO = new ffmpeg.IOContext(Buffer.alloc(4096), {
    onwrite: (chunk) => chunks.push(chunk),
    onclose: () => closed++
  })
  const outputFormat = new ffmpeg.OutputFormatContext('webm', audioIO)
  const inputStream = inputFormat.getBestStream(ffmpeg.constants.mediaTypes.AUDIO)
  const outputStream = outputFormat.createStream()
  outputStream.codecParameters.type = ffmpeg.constants.mediaTypes.AUDIO
  outputStream.codecParameters.id = ffmpeg.constants.codecs.OPUS
  outputStream.codecParameters.sampleRate = inputStream.codecParameters.sampleRate
  outputStream.codecParameters.channelLayout = inputStream.codecParameters.channelLayout
  outputStream.codecParameters.format = ffmpeg.constants.sampleFormats.FLTP
  outputStream.timeBase = inputStream.timeBase
  const decoder = inputStream.decoder()
  const encoder = outputStream.encoder()
  decoder.open()
  encoder.open()
  const resampler = new ffmpeg.Resampler(
    inputStream.codecParameters.sampleRate,
    inputStream.codecParameters.channelLayout,
    inputStream.codecParameters.format,
    outputStream.codecParameters.sampleRate,
    outputStream.codecParameters.channelLayout,
    outputStream.codecParameters.format
  )
  outputFormat.writeHeader()
  t.ok(chunks.length > 0, 'the header reached onwrite during writeHeader()')
  const packet = new ffmpeg.Packet()
  const frame = new ffmpeg.Frame()
  const resampledFrame = new ffmpeg.Frame()
  const outputPacket = new ffmpeg.Packet()
  resampledFrame.format = outputStream.codecParameters.format
  resampledFrame.channelLayout = outputStream.codecParameters.channelLayout
  resampledFrame.nbSamples = 960
  resampledFrame.alloc()
  let frames = 0
  let packets = 0
  const drain = () => {
    while (encoder.receivePacket(outputPacket)) {
      outputPacket.streamIndex = outputStream.index
      outputFormat.writeFrame(outputPacket)
      packets++
    }
  }
  while (inputFormat.readFrame(packet)) {
    if (packet.streamIndex !== inputStream.index) continue
    decoder.sendPacket(packet)
    packet.unref()
    while (decoder.receiveFrame(frame)) {
      frames++
      resampledFrame.nbSamples = resampler.convert(frame, resampledFrame)
      if (!encoder.sendFrame(resampledFrame)) throw new Error('Encoder full')
      drain()
    }
  }
  encoder.sendFrame(null)
  drain()
  outputFormat.writeTrailer()
  inputFormat.destroy()
  outputFormat.destroy()
  for (const o of [decoder, encoder, resampler, frame, resampledFrame, packet, outputPacket]) {
    o.destroy()
  }
  t.is(closed, 1, 'onclose ran once, when the output was destroyed')
  t.is(frames, 47, '48000 samples in frames of 1024')
  const file = tmpPath('sine.webm')
  fs.writeFileSync(file, Buffer.concat(chunks))
  const probe = spawnSync(
    FFPROBE,
    ['-v', 'error', '-count_packets', '-show_streams', '-of', 'json', file],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  const [stream] = JSON.parse(probe.stdout.toString()).streams
  t.is(stream.codec_name, 'opus')
  t.is(Number(stream.nb_read_packets), packets, `${packets} packets, all in the file`)
})

test("published usage: an input stream's parameters and time base can be fixed; reading goes on", (t) => {
  for (const file of ['sample.mkv', 'sample.mp4', 'sample.webm', 'sample.ts', 'sample.wav']) {
    const input = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture(file)))
    for (const stream of input.streams) {
      const par = stream.codecParameters
      par.tag = ffmpeg.constants.tags.H264
      par.bitRate = 12345
      par.profile = 1
      par.level = 30
      par.width = 1920
      par.height = 1080
      par.sampleRate = 44100
      par.frameRate = new ffmpeg.Rational(30000, 1001)
      par.channelLayout = ffmpeg.constants.channelLayouts.STEREO
      par.extraData = Buffer.from('not what the demuxer wrote')
      par.colorRange = ffmpeg.constants.colorRange.JPEG
      stream.timeBase = new ffmpeg.Rational(1, 90000)
      stream.id = 7
      stream.avgFramerate = new ffmpeg.Rational(25, 1)
      t.is(par.width, 1920)
      t.is(stream.timeBase.denominator, 90000)
    }
    let count = 0
    const packet = new ffmpeg.Packet()
    while (input.readFrame(packet)) count++
    t.is(count, probePackets(file).length, `${file}: every packet read after the changes`)
    // Another codec id: a demuxer that parses (MPEG-TS) then parses as that codec, and reads on.
    input.streams[0].codecParameters.id = ffmpeg.constants.codecs.H264
    input.seek(0, 0)
    while (input.readFrame(packet)) count++
    packet.destroy()
    input.destroy()
  }
  // The use case: a wrong tag fixed before copying the stream into an output.
  const input = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture('sample.mkv')))
  const video = input.streams[0]
  video.codecParameters.tag = 0
  video.timeBase = new ffmpeg.Rational(1, 1000)
  const decoder = video.decoder()
  decoder.open()
  const packet = new ffmpeg.Packet()
  const frame = new ffmpeg.Frame()
  let frames = 0
  while (input.readFrame(packet)) {
    if (packet.streamIndex === 0 && decoder.sendPacket(packet)) {
      while (decoder.receiveFrame(frame)) frames++
    }
  }
  decoder.sendPacket(null)
  while (decoder.receiveFrame(frame)) frames++
  t.is(frames, 20, 'a decoder opened from the changed parameters decodes every frame')
  for (const o of [frame, packet, decoder, input]) o.destroy()
})

test('published usage: a missing timestamp reads -1, as in the published package', (t) => {
  const packet = new ffmpeg.Packet()
  const frame = new ffmpeg.Frame()
  t.is(packet.pts, -1)
  t.is(packet.dts, -1)
  t.is(frame.pts, -1)
  t.is(frame.packetDTS, -1)
  packet.pts = -1 // stored as given (a genuine -1 reads the same)
  t.is(packet.pts, -1)
  packet.pts = ffmpeg.constants.NOPTS_VALUE // "no timestamp", for a muxer to fill in
  t.is(packet.pts, -1)
  const input = new ffmpeg.InputFormatContext(
    new ffmpeg.InputFormat('lavfi'),
    new ffmpeg.Dictionary(),
    'testsrc=duration=1'
  )
  t.is(input.startTime, 0)
  t.is(input.streams[0].duration, 0, "a stream's unknown duration reads 0, as published")
  input.duration = -1
  t.is(input.duration, -1, 'a container duration of -1 is "unknown"')
  packet.destroy()
  frame.destroy()
  input.destroy()
})

test('published usage: Stream.sideData and Stream.SideData; the rotation of a phone video', (t) => {
  const input = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture('rotated.mp4')))
  const [video] = input.streams
  const [matrix] = video.sideData
  t.ok(matrix instanceof ffmpeg.Stream.SideData)
  t.is(matrix.type, ffmpeg.constants.packetSideDataType.DISPLAYMATRIX)
  t.is(matrix.name, 'Display Matrix')
  t.is(matrix.data.length, 36)
  const probe = spawnSync(
    FFPROBE,
    ['-v', 'error', '-show_streams', '-of', 'json', fixturePath('rotated.mp4')],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  const [probed] = JSON.parse(probe.stdout.toString()).streams
  const rotation = probed.side_data_list.find((s) => s.side_data_type === 'Display Matrix').rotation
  t.is(video.rotation, rotation, `ffprobe: rotation ${rotation}`)
  t.is(input.streams[1].rotation, 0, 'no display matrix: 0')
  t.alike(input.streams[1].sideData, [])
  input.destroy()

  // Set on an output, it is written into the file.
  const { io, sink } = sinkIO()
  const output = new ffmpeg.OutputFormatContext('mp4', io)
  const source = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture('sample.mp4')))
  const out = output.createStream()
  out.codecParameters.copyFrom(source.streams[0].codecParameters)
  out.timeBase = source.streams[0].timeBase
  out.sideData = [ffmpeg.Stream.SideData.fromData(matrix.data, matrix.type)]
  output.writeHeader()
  const packet = new ffmpeg.Packet()
  while (source.readFrame(packet)) {
    if (packet.streamIndex === 0) output.writeFrame(packet)
  }
  output.writeTrailer()
  output.destroy()
  const back = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(sink.data))
  t.is(back.streams[0].rotation, rotation, 'the rotation survives a remux')
  for (const o of [back, source, packet]) o.destroy()
})

test('published usage: names the published package has that were missing', (t) => {
  t.is(new ffmpeg.Codec().name, undefined, 'a Codec without an id')
  t.is(ffmpeg.InputFormat.from(new ffmpeg.InputFormat('wav')).name, 'wav')
  t.is(ffmpeg.OutputFormat.from('webm').name, 'webm')
  const camera = thrown(() => new ffmpeg.InputFormat())
  // The published package names the platform's camera demuxer (v4l2 on Linux); this build
  // carries no capture devices but lavfi, so it is FFmpeg's "not found" naming it.
  t.ok(
    camera === null ||
      (camera instanceof ffmpeg.FFmpegError && /v4l2|avfoundation|dshow/.test(camera.message)),
    `${camera}`
  )
  const filter = thrown(() => new ffmpeg.Filter('foo'))
  t.ok(filter instanceof Error && !(filter instanceof TypeError) && !(filter instanceof RangeError))
  using io = new ffmpeg.IOContext(4096) // neither onread nor onwrite: accepted
  using output = new ffmpeg.OutputFormatContext('mp4', io)
  t.is(output.outputFormat.name, 'mp4')
  using context = new ffmpeg.CodecContext(new ffmpeg.Encoder('libopus'))
  t.is(context.getOption('b'), '0', 'getOption() before open()')
  const unknown = thrown(() => context.getOption('nope'))
  t.ok(unknown instanceof ffmpeg.FFmpegError, `${unknown}`)
  t.ok(!(unknown instanceof TypeError) && !(unknown instanceof RangeError))
  t.ok(thrown(() => context.setOption('nope', '1')) instanceof ffmpeg.FFmpegError)
})

test('published usage: a live output hands the header to onwrite in writeHeader(), packets in writeFrame()', (t) => {
  for (const [format, file, options] of [
    ['webm', 'sample.webm', {}],
    ['mp4', 'sample.mkv', { movflags: 'frag_keyframe+empty_moov' }],
    ['mpegts', 'sample.mkv', {}]
  ]) {
    let seen = 0
    const io = new ffmpeg.IOContext(4096, { onwrite: (chunk) => (seen += chunk.length) })
    const input = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture(file)))
    const output = new ffmpeg.OutputFormatContext(format, io)
    for (const stream of input.streams) {
      const out = output.createStream()
      out.codecParameters.copyFrom(stream.codecParameters)
      out.timeBase = stream.timeBase
    }
    output.writeHeader(ffmpeg.Dictionary.from(options))
    const header = seen
    const packet = new ffmpeg.Packet()
    const sizes = []
    while (input.readFrame(packet)) {
      const before = seen
      output.writeFrame(packet)
      sizes.push(seen - before)
    }
    output.writeTrailer()
    if (format === 'mpegts') {
      t.ok(sizes.filter((n) => n > 0).length > sizes.length / 2, 'packets go out as written')
    } else {
      t.ok(header > 0, `${format}: the header (${header} bytes) went out in writeHeader()`)
    }
    t.ok(seen > header, `${format}: ${seen} bytes in all`)
    for (const o of [packet, output, input]) o.destroy()
  }
})

test('published usage: a bad packet costs its own frames only, as with ffmpeg', async (t) => {
  const file = fixturePath('damaged.mp4')
  const crc = spawnSync(
    FFMPEG,
    ['-v', 'quiet', '-threads', '1', '-i', file, '-f', 'framecrc', '-'],
    {
      stdio: ['ignore', 'pipe', 'ignore']
    }
  )
  const expected = crc.stdout
    .toString()
    .split('\n')
    .filter((l) => /^0,/.test(l)).length
  t.ok(expected > 150, `ffmpeg decodes ${expected} frames`)

  // The published package's loop: sendPacket()/receiveFrame(), its errors caught.
  const input = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture('damaged.mp4')))
  const decoder = input.streams[0].decoder()
  decoder.open()
  const packet = new ffmpeg.Packet()
  const frame = new ffmpeg.Frame()
  let frames = 0
  const errors = []
  const receive = () => {
    for (;;) {
      const err = thrown(() => {
        while (decoder.receiveFrame(frame)) frames++
      })
      if (err === null) return
      errors.push(err)
    }
  }
  while (input.readFrame(packet)) {
    const err = thrown(() => decoder.sendPacket(packet))
    if (err) errors.push(err)
    receive()
  }
  decoder.sendPacket(null)
  receive()
  t.is(frames, expected, 'sendPacket()/receiveFrame(): as many frames as ffmpeg')
  t.ok(errors.length > 0 && errors.every((e) => e instanceof ffmpeg.FFmpegError))
  t.ok(
    /Could not decode the packet \(h264\): Invalid data .*\(FFmpeg: Invalid NAL unit size/.test(
      errors[0].message
    ),
    errors[0].message
  )
  for (const o of [frame, packet, decoder, input]) o.destroy()

  // Ours: frames() reports each bad packet to onerror and goes on.
  const again = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture('damaged.mp4')))
  const stream = again.streams[0].decoder()
  stream.open()
  const reported = []
  let count = 0
  for await (const f of stream.frames(again, { onerror: (err) => reported.push(err) })) {
    count++
    f.destroy()
  }
  t.is(count, expected, 'frames(): as many frames as ffmpeg')
  t.ok(reported.length > 0 && /Invalid NAL unit size/.test(reported[0].message))
  stream.destroy()
  again.destroy()

  // An app that wants to stop throws from onerror.
  const third = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture('damaged.mp4')))
  const strict = third.streams[0].decoder()
  strict.open()
  const stop = new Error('stop here')
  let before = 0
  await t.exception(
    (async () => {
      for await (const f of strict.frames(third, {
        onerror: () => {
          throw stop
        }
      })) {
        before++
        f.destroy()
      }
    })(),
    /stop here/
  )
  t.ok(before > 0 && before < expected, `stopped after ${before} frames`)
  strict.destroy()
  third.destroy()
})

test('published usage: by default, decoders give every frame without a flush (no frame threads)', (t) => {
  const input = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture('codecs/h264.mkv')))
  const decoder = input.streams[0].decoder()
  decoder.open()
  const packet = new ffmpeg.Packet()
  const frame = new ffmpeg.Frame()
  let frames = 0
  let packets = 0
  while (input.readFrame(packet)) {
    packets++
    decoder.sendPacket(packet)
    while (decoder.receiveFrame(frame)) frames++
  }
  t.is(frames, packets, `${frames} frames of ${packets} packets before any flush`)
  t.is(Number(decoder.getOption('thread_type')), 2, 'FF_THREAD_SLICE: frame threads are opt-in')
  for (const o of [frame, packet, decoder, input]) o.destroy()
})

test('published usage: subtitle decoders are refused clearly instead of aborting the process', async (t) => {
  const input = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture('subtitles.mkv')))
  const subtitles = input.streams[1]
  t.is(subtitles.codec.name, 'subrip')
  const decoder = subtitles.decoder()
  decoder.open()
  const packet = new ffmpeg.Packet()
  while (input.readFrame(packet) && packet.streamIndex !== 1);
  t.exception(() => decoder.sendPacket(packet), /subrip is a subtitle codec: use decodeSubtitle/)
  await t.exception(decoder.decodeAsync(packet), /subtitle codec/)
  t.is(decoder.decodeSubtitle(packet).rects[0].ass, '0,0,Default,,0,0,0,,Hello', 'ours decodes it')
  for (const name of ['subrip', 'ass', 'dvdsub']) {
    const context = new ffmpeg.CodecContext(new ffmpeg.Decoder(name))
    context.open()
    t.exception(() => context.sendPacket(packet), /is a subtitle codec/, name)
    context.destroy()
  }
  packet.destroy()
  decoder.destroy()
  input.destroy()
})

test('messages say what happened (issue #22)', (t) => {
  const frame = new ffmpeg.Frame()
  frame.width = 100000
  frame.height = 100000
  frame.format = ffmpeg.constants.pixelFormats.YUV420P
  const big = thrown(() => frame.alloc())
  t.ok(big instanceof ffmpeg.FFmpegError, `${big}`)
  t.ok(!/set width, height and format/.test(big.message), 'not "set the fields first": they are')
  t.ok(/Picture size 100000x100000 is invalid/.test(big.message), "FFmpeg's reason")
  frame.destroy()

  const output = new ffmpeg.OutputFormatContext(
    'matroska',
    new ffmpeg.IOContext(4096, { onwrite: async () => {} })
  )
  const stream = output.createStream()
  stream.codecParameters.type = ffmpeg.constants.mediaTypes.AUDIO
  stream.codecParameters.id = ffmpeg.constants.codecs.PCM_S16LE
  stream.codecParameters.sampleRate = 8000
  stream.codecParameters.nbChannels = 1
  t.exception.all(() => output.writeHeader(), /onwrite returned a Promise: use the async methods/)
  t.exception(() => output.writeTrailer(), /writeHeader\(\) failed earlier/)
  output.destroy()

  // A VP9 decoder fed H.264: the error names the decoder.
  const input = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture('codecs/h264.mkv')))
  const decoder = new ffmpeg.CodecContext(new ffmpeg.Decoder('vp9'))
  decoder.open()
  const packet = new ffmpeg.Packet()
  const received = new ffmpeg.Frame()
  const errors = []
  while (input.readFrame(packet)) {
    const err = thrown(() => {
      decoder.sendPacket(packet)
      while (decoder.receiveFrame(received));
    })
    if (err) errors.push(err)
  }
  t.ok(
    errors.length > 0 && /Could not decode[^:]* \((libvpx-)?vp9\)/.test(errors[0].message),
    errors[0]?.message
  )
  for (const o of [received, packet, decoder, input]) o.destroy()
})

// The published package's decode-and-resample usage on an MP3 (LAME, with its gapless header):
// FFmpeg 9 trims the encoder's delay and padding, so the sound is as long as what was encoded,
// byte for byte what `ffmpeg` 9.0.2 gives (the published package's older FFmpeg gives more).
test('published usage: an MP3 decoded and resampled to S16 stereo, as ffmpeg gives it', (t) => {
  const input = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture('sample.mp3')))
  const stream = input.getBestStream(ffmpeg.constants.mediaTypes.AUDIO)
  const decoder = stream.decoder()
  decoder.open()
  const rate = stream.codecParameters.sampleRate
  const resampler = new ffmpeg.Resampler(
    rate,
    stream.codecParameters.channelLayout,
    stream.codecParameters.format,
    rate,
    ffmpeg.constants.channelLayouts.STEREO,
    ffmpeg.constants.sampleFormats.S16
  )
  const packet = new ffmpeg.Packet()
  const frame = new ffmpeg.Frame()
  const out = new ffmpeg.Frame()
  const chunks = []
  const convert = (from) => {
    out.format = ffmpeg.constants.sampleFormats.S16
    out.channelLayout = ffmpeg.constants.channelLayouts.STEREO
    out.sampleRate = rate
    out.nbSamples = 4096
    out.alloc()
    const n = from ? resampler.convert(from, out) : resampler.flush(out)
    if (n > 0) chunks.push(Buffer.from(out.data[0].subarray(0, n * 4)))
    out.unref()
    return n
  }
  while (input.readFrame(packet)) {
    if (packet.streamIndex !== stream.index) continue
    decoder.sendPacket(packet)
    while (decoder.receiveFrame(frame)) convert(frame)
  }
  decoder.sendPacket(null)
  while (decoder.receiveFrame(frame)) convert(frame)
  while (convert(null) > 0);
  const ours = Buffer.concat(chunks)
  const expected = spawnSync(
    FFMPEG,
    ['-v', 'error', '-i', fixturePath('sample.mp3'), '-f', 's16le', '-ac', '2', '-'],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  ).stdout
  t.is(ours.length, expected.length, `${ours.length} bytes`)
  t.ok(ours.equals(expected), 'byte for byte')
  for (const o of [out, frame, packet, resampler, decoder, input]) o.destroy()
})
