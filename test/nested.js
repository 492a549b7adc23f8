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
  // Probing does not pick hls for a buffer (no file name); forced, it is the hook that refuses.
  const probed = opening(playlist)
  t.ok(probed.err instanceof FFmpegError, `probed: ${probed.err}`)
  t.is(probed.packets, undefined, 'no packet read')
  const { err, packets } = opening(playlist, { format: 'hls', url: 'index.m3u8' })
  t.is(packets, undefined, 'forced: no packet read')
  t.ok(err instanceof FFmpegError, `forced: ${err}`)
  t.ok(
    err?.message.includes(`the hls demuxer tried to open '${TARGET}': nested opens are off`),
    'names the demuxer and the file'
  )
  t.ok(HINT.test(err?.message), 'and says why')
})

test('a MOV data reference cannot open the file it names', (t) => {
  // dref.mov's tracks name sample.mp4 next to the movie (make-dref.py); with its URL in
  // test/fixtures that is a file which exists. FFmpeg opens data references only with
  // enable_drefs: the app's choice, here made.
  const opts = { options: { enable_drefs: '1' }, url: 'test/fixtures/dref.mov' }
  const { err, packets } = opening(fixture('dref.mov'), opts)
  t.is(packets, undefined, 'no packet read')
  t.ok(err instanceof FFmpegError, `${err}`)
  t.ok(
    /the mov,mp4,m4a,3gp,3g2,mj2 demuxer tried to open 'test\/fixtures\/sample.mp4': nested opens are off/.test(
      err?.message
    ),
    'names the demuxer and the file'
  )
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
