// Media from untrusted peers cannot make FFmpeg open files or URLs: a context over an IOContext
// refuses every nested open (its io_open hook, and an empty protocol whitelist behind it), with an
// error that says so; a context FFmpeg opens by URL keeps FFmpeg's behaviour. See docs/security.md.
const test = require('brittle')
const fs = require('bare-fs')
const path = require('bare-path')
const { IOContext, InputFormatContext, OutputFormatContext, Packet, FFmpegError } = require('..')
const { fixture, openBuffer, probePackets, readAll, tmpPath } = require('./helpers')

// A file that exists, relative to the working directory (scripts/test.sh runs from the root), as
// an attacker would name it.
const TARGET = 'test/tmp/nested-target.ts'
fs.mkdirSync(path.dirname(TARGET), { recursive: true })
fs.writeFileSync(TARGET, fixture('sample.ts'))
const NESTED = /nested opens are off|not on whitelist 'none'/
const HINT = /a context over an IOContext opens nothing by itself/

function opening(data, opts) {
  try {
    using input = new InputFormatContext(new IOContext(Buffer.from(data)), opts)
    return { packets: readAll(input).length }
  } catch (err) {
    return { err }
  }
}

test('a concat script in a buffer cannot open the file it names', (t) => {
  const script = `ffconcat version 1.0\nfile '${TARGET}'\n`
  const { err } = opening(script)
  t.ok(err instanceof FFmpegError, `${err}`)
  t.ok(NESTED.test(err.message), 'the log line of the refusal is in the message')
  t.ok(err.message.includes(TARGET), 'it names the file')
  t.ok(HINT.test(err.message), 'and says why')
  // The same script as a file that FFmpeg opens by URL reads the target: the refusal above is
  // what stopped it.
  const file = tmpPath('nested.ffconcat')
  fs.writeFileSync(file, `ffconcat version 1.0\nfile 'nested-target.ts'\n`)
  using byUrl = new InputFormatContext(null, null, file)
  t.is(readAll(byUrl).length, probePackets('sample.ts').length, 'by URL: every packet of it')
})

test('an HLS playlist in a buffer cannot open its segments', (t) => {
  const playlist = `#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\n${TARGET}\n#EXT-X-ENDLIST\n`
  for (const opts of [undefined, { format: 'hls' }]) {
    const { err, packets } = opening(playlist, opts)
    t.ok(err instanceof FFmpegError, `${opts ? 'forced hls' : 'probed'}: ${err}`)
    t.is(packets, undefined, 'no packet read')
  }
})

test('muxers that write further files cannot open them', (t) => {
  for (const format of ['hls', 'dash']) {
    using input = openBuffer('sample.ts')
    let written = 0
    const io = new IOContext(4096, { onwrite: (b) => void (written += b.length) })
    using output = new OutputFormatContext(format, io)
    for (const stream of input.streams) {
      const out = output.createStream()
      out.codecParameters.copyFrom(stream.codecParameters)
      out.codecParameters.tag = 0
      out.timeBase = stream.timeBase
    }
    let error = null
    try {
      output.writeHeader()
      using packet = new Packet()
      while (input.readFrame(packet)) {
        packet.rescaleTimestamps(
          input.streams[packet.streamIndex].timeBase,
          output.streams[packet.streamIndex].timeBase
        )
        output.writeFrame(packet)
      }
      output.writeTrailer()
    } catch (err) {
      error = err
    }
    t.ok(error instanceof FFmpegError, `${format}: ${error}`)
    t.ok(
      new RegExp(`the ${format} muxer tried to open '[^']+': nested opens are off`).test(
        error?.message
      ),
      'names the muxer and the file'
    )
    t.is(error?.errno, -1, 'EPERM')
  }
})

test('a URL input keeps FFmpeg behaviour: it reads local files', (t) => {
  using input = new InputFormatContext(null, null, TARGET)
  t.is(readAll(input).length, probePackets('sample.ts').length)
})
