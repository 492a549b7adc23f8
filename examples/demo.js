// The demo: stream a media file into FFmpeg through onread/onseek (IOContext.fromFile: FFmpeg
// itself opens nothing), print its streams, and remux it (no decoding) through onwrite
// (IOContext.toFile) into another container.
//
//   bare examples/demo.js [input] [output]
//
// Defaults: the bundled test/fixtures/sample.mp4 (an MP4 whose index is at the end, so FFmpeg
// has to seek) to demo-output.mkv. The output format follows the output file's extension.
const fs = require('bare-fs')
const path = require('bare-path')
const ffmpeg = require('..')
const { remux } = require('./lib/remux')

const { IOContext, InputFormatContext, OutputFormat, Codec } = ffmpeg
const { mediaTypes, TIME_BASE } = ffmpeg.constants

const input = Bare.argv[2] || path.join(__dirname, '..', 'test', 'fixtures', 'sample.mp4')
const output = Bare.argv[3] || 'demo-output.mkv'

function describe(stream) {
  const p = stream.codecParameters
  const kind = Object.keys(mediaTypes).find((k) => mediaTypes[k] === p.type) || 'UNKNOWN'
  const detail =
    p.type === mediaTypes.VIDEO
      ? `${p.width}x${p.height}`
      : p.type === mediaTypes.AUDIO
        ? `${p.sampleRate} Hz, ${p.nbChannels} channel(s)`
        : ''
  return `  #${stream.index} ${kind.toLowerCase()} ${Codec.for(p.id).name} ${detail} (time base ${stream.timeBase})`
}

try {
  // `using` closes the files at the end, also when opening or remuxing fails; once a format
  // context owns an IOContext, the format context closes it instead.
  using reader = IOContext.fromFile(input)
  using demuxer = new InputFormatContext(reader)
  const seconds = (demuxer.duration / TIME_BASE).toFixed(2)
  console.log(`${input}: ${demuxer.inputFormat.name}, ${seconds} s`)
  for (const stream of demuxer.streams) console.log(describe(stream))

  const format = OutputFormat.fromFileName(output)
  using writer = IOContext.toFile(output)
  const counts = remux(demuxer, format, writer)

  const total = counts.reduce((a, b) => a + b, 0)
  console.log(`read ${total} packets (${counts.join(' + ')} by stream)`)
  console.log(`wrote ${output}: ${format.name}, ${fs.statSync(output).size} bytes`)
} catch (err) {
  console.error(`demo failed: ${err.name}: ${err.message}`)
  Bare.exitCode = 1
}
