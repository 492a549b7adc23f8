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

const { IOContext, InputFormatContext, OutputFormatContext, OutputFormat, Packet, Codec } = ffmpeg
const { seek, mediaTypes, TIME_BASE } = ffmpeg.constants

const input = Bare.argv[2] || path.join(__dirname, '..', 'test', 'fixtures', 'sample.mp4')
const output = Bare.argv[3] || 'demo-output.mkv'

// Reads `fd` at positions: only the bytes FFmpeg asks for are ever in memory.
function fileReader(fd) {
  const size = fs.fstatSync(fd).size
  let pos = 0
  const stats = { reads: 0, seeks: 0 }
  const io = new IOContext(64 * 1024, {
    onread(buffer, len) {
      stats.reads++
      const n = fs.readSync(fd, buffer, 0, len, pos)
      pos += n
      return n
    },
    onseek(offset, whence) {
      stats.seeks++
      if (whence === seek.SIZE) return size
      if (whence === seek.SET) pos = offset
      else if (whence === seek.CUR) pos += offset
      else if (whence === seek.END) pos = size + offset
      else return -1
      return pos
    }
  })
  return { io, stats }
}

// Writes to `fd` at positions, so muxers that go back (MP4's index) work too.
function fileWriter(fd) {
  let pos = 0
  let end = 0
  const stats = { writes: 0, bytes: 0 }
  const io = new IOContext(64 * 1024, {
    onwrite(buffer) {
      stats.writes++
      stats.bytes += buffer.length
      const n = fs.writeSync(fd, buffer, 0, buffer.length, pos)
      pos += n
      end = Math.max(end, pos)
      return n
    },
    onseek(offset, whence) {
      if (whence === seek.SIZE) return end
      if (whence === seek.SET) pos = offset
      else if (whence === seek.CUR) pos += offset
      else if (whence === seek.END) pos = end + offset
      else return -1
      return pos
    }
  })
  return { io, stats }
}

function describe(stream) {
  const p = stream.codecParameters
  const kind = Object.keys(mediaTypes).find((k) => mediaTypes[k] === p.type) || 'UNKNOWN'
  const codec = Codec.for(p.id).name
  const detail =
    p.type === mediaTypes.VIDEO
      ? `${p.width}x${p.height}`
      : p.type === mediaTypes.AUDIO
        ? `${p.sampleRate} Hz, ${p.nbChannels} channel(s)`
        : ''
  return `  #${stream.index} ${kind.toLowerCase()} ${codec} ${detail} (time base ${stream.timeBase})`
}

const inFd = fs.openSync(input, 'r')
const outFd = fs.openSync(output, 'w')
try {
  const reader = fileReader(inFd)
  using demuxer = new InputFormatContext(reader.io)
  console.log(
    `${input}: ${demuxer.inputFormat.name}, ${(demuxer.duration / TIME_BASE).toFixed(2)} s`
  )
  for (const stream of demuxer.streams) console.log(describe(stream))

  const writer = fileWriter(outFd)
  const format = OutputFormat.fromFileName(output)
  using muxer = new OutputFormatContext(format, writer.io)
  for (const stream of demuxer.streams) {
    const out = muxer.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.codecParameters.tag = 0 // the new container picks its own tag
    out.timeBase = stream.timeBase
  }
  muxer.writeHeader()

  const counts = demuxer.streams.map(() => 0)
  using packet = new Packet()
  while (demuxer.readFrame(packet)) {
    counts[packet.streamIndex]++
    packet.rescaleTimestamps(
      demuxer.streams[packet.streamIndex].timeBase,
      muxer.streams[packet.streamIndex].timeBase
    )
    muxer.writeFrame(packet)
  }
  muxer.writeTrailer()

  console.log(
    `read ${counts.reduce((a, b) => a + b, 0)} packets (${counts.join(' + ')} by stream) ` +
      `in ${reader.stats.reads} reads and ${reader.stats.seeks} seeks`
  )
  console.log(
    `wrote ${output}: ${format.name}, ${fs.fstatSync(outFd).size} bytes ` +
      `in ${writer.stats.writes} writes`
  )
} catch (err) {
  console.error(`demo failed: ${err.name}: ${err.message}`)
  Bare.exitCode = 1
} finally {
  fs.closeSync(inFd)
  fs.closeSync(outFd)
}
