// The demo: stream a media file into FFmpeg through onread/onseek, print its streams, and remux
// it (no decoding) through onwrite into another container, written to a file.
//
//   bare examples/demo.js [input] [output]
//
// Defaults: the bundled test/fixtures/sample.mp4 (an MP4 whose index is at the end, so FFmpeg
// has to seek) to demo-output.mkv. The output format follows the output file's extension.
const fs = require('bare-fs')
const path = require('bare-path')
const ffmpeg = require('..')
const { fileReader, fileWriter, withFiles } = require('./lib/file-io')
const { remux } = require('./lib/remux')

const { InputFormatContext, OutputFormat, Codec } = ffmpeg
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
  withFiles(input, output, (inFd, outFd) => {
    const reader = fileReader(inFd)
    using demuxer = new InputFormatContext(reader.io)
    const seconds = (demuxer.duration / TIME_BASE).toFixed(2)
    console.log(`${input}: ${demuxer.inputFormat.name}, ${seconds} s`)
    for (const stream of demuxer.streams) console.log(describe(stream))

    const writer = fileWriter(outFd)
    const format = OutputFormat.fromFileName(output)
    const counts = remux(demuxer, format, writer.io)

    const total = counts.reduce((a, b) => a + b, 0)
    console.log(
      `read ${total} packets (${counts.join(' + ')} by stream) ` +
        `in ${reader.stats.reads} reads and ${reader.stats.seeks} seeks`
    )
    console.log(
      `wrote ${output}: ${format.name}, ${fs.fstatSync(outFd).size} bytes ` +
        `in ${writer.stats.writes} writes`
    )
  })
} catch (err) {
  console.error(`demo failed: ${err.name}: ${err.message}`)
  Bare.exitCode = 1
}
