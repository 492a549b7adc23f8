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
