// IOContext.fromFile / IOContext.toFile and the `onclose` option: files read and written
// through callbacks (FFmpeg opens nothing itself), closed exactly once, by destroy() or by the
// garbage collector.
const test = require('brittle')
const fs = require('bare-fs')
const path = require('bare-path')
const { spawnSync } = require('bare-subprocess')
const { IOContext, InputFormatContext, OutputFormatContext, Packet } = require('..')
const { FFPROBE, VALGRIND, readAll, readAllAsync, probePackets, tmpPath } = require('./helpers')

const FIXTURES = path.join(__dirname, 'fixtures')
const openFds = () => fs.readdirSync('/proc/self/fd').length
const N = (n) => (VALGRIND ? n / 10 : n) // valgrind runs everything ~50x slower

test('fromFile: every packet of every container, as ffprobe reads the file', (t) => {
  for (const file of ['sample.mp4', 'sample.mkv', 'sample.ts', 'sample.flac', 'sample.heic']) {
    using input = new InputFormatContext(IOContext.fromFile(path.join(FIXTURES, file)))
    t.alike(readAll(input), probePackets(file), file)
  }
})

test('fromFile: seeking, asynchronously, with a small buffer', async (t) => {
  const input = await InputFormatContext.open(
    IOContext.fromFile(path.join(FIXTURES, 'sample.mp4'), { size: 512 })
  )
  input.seek(-1, 1_000_000) // 1 s, in AV_TIME_BASE units
  const packets = await readAllAsync(input)
  t.alike(packets, probePackets('sample.mp4', 1))
  input.destroy()
})

test('fromFile: the file is closed when the input is destroyed, once', (t) => {
  const before = openFds()
  const input = new InputFormatContext(IOContext.fromFile(path.join(FIXTURES, 'sample.mkv')))
  t.is(openFds(), before + 1, 'open while the input lives')
  const io = input.io
  input.destroy()
  t.is(openFds(), before, 'closed by destroy()')
  io.destroy()
  input.destroy()
  t.is(openFds(), before, 'a second destroy() closes nothing else')
})

test('destroying an IOContext handed to an input closes nothing: the input still reads', (t) => {
  const io = IOContext.fromFile(path.join(FIXTURES, 'sample.mkv'))
  using input = new InputFormatContext(io)
  io.destroy()
  t.alike(readAll(input), probePackets('sample.mkv'))
})

test('fromFile: a missing file throws the file system error and leaves nothing open', (t) => {
  const before = openFds()
  t.exception(() => IOContext.fromFile(tmpPath('does-not-exist.mkv')), /ENOENT/)
  t.is(openFds(), before)
})

test('fromFile: a failed open leaves the IOContext (and its file) to the caller', (t) => {
  const before = openFds()
  const io = IOContext.fromFile(path.join(FIXTURES, 'make.sh')) // not media
  t.exception(() => new InputFormatContext(io), /Invalid data/)
  t.is(openFds(), before + 1, 'still open: the caller owns it')
  io.destroy()
  t.is(openFds(), before, 'closed by the caller')
})

function remuxToFile(file, out, format, opts) {
  using input = new InputFormatContext(IOContext.fromFile(path.join(FIXTURES, file)))
  using output = new OutputFormatContext(format, IOContext.toFile(out, opts))
  for (const stream of input.streams) {
    const created = output.createStream()
    created.codecParameters.copyFrom(stream.codecParameters)
    created.codecParameters.tag = 0
    created.timeBase = stream.timeBase
  }
  output.writeHeader(opts?.movflags ? { movflags: opts.movflags } : undefined)
  using packet = new Packet()
  while (input.readFrame(packet)) {
    packet.rescaleTimestamps(
      input.streams[packet.streamIndex].timeBase,
      output.streams[packet.streamIndex].timeBase
    )
    output.writeFrame(packet)
  }
  output.writeTrailer()
}

function probeStreams(file) {
  const result = spawnSync(
    FFPROBE,
    ['-v', 'error', '-show_entries', 'stream=codec_type:format=format_name', '-of', 'json', file],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  if (result.status !== 0) throw new Error(`ffprobe failed on ${file}: ${result.stderr}`)
  return JSON.parse(result.stdout.toString())
}

test('toFile: an MP4 (the muxer seeks back to write its index) that ffprobe reads', (t) => {
  const out = tmpPath('to-file.mp4')
  const before = openFds()
  remuxToFile('sample.mkv', out, 'mp4')
  t.is(openFds(), before, 'both files closed when the contexts were disposed')
  const probed = probeStreams(out)
  t.ok(probed.format.format_name.includes('mp4'), probed.format.format_name)
  t.alike(
    probed.streams.map((s) => s.codec_type),
    probeStreams(path.join(FIXTURES, 'sample.mkv')).streams.map((s) => s.codec_type),
    'the streams of sample.mkv'
  )
  using input = new InputFormatContext(IOContext.fromFile(out))
  t.is(readAll(input).length, probePackets('sample.mkv').length, 'every packet written')
})

test('toFile: not seekable, an MP4 needs fragmenting (and works with it)', (t) => {
  const out = tmpPath('to-file-stream.mp4')
  t.exception(() => remuxToFile('sample.mkv', out, 'mp4', { seekable: false }), /seek/i)
  remuxToFile('sample.mkv', out, 'mp4', {
    seekable: false,
    movflags: 'frag_keyframe+empty_moov+default_base_moof'
  })
  t.is(probeStreams(out).streams.length, 2, 'ffprobe reads the fragmented file')
})

test('onclose runs once: on destroy(), not again on a second destroy()', (t) => {
  let closed = 0
  const io = new IOContext(64, { onread: () => 0, onclose: () => closed++ })
  io.destroy()
  io.destroy()
  t.is(closed, 1)
})

test('onclose follows transfer(): it runs when the new owner is destroyed', (t) => {
  let closed = 0
  const io = new IOContext(64, { onread: () => 0, onclose: () => closed++ })
  const moved = io.transfer()
  io.destroy()
  t.is(closed, 0, 'the emptied IOContext closes nothing')
  moved.destroy()
  t.is(closed, 1)
})

test('onclose must be a function', (t) => {
  t.exception.all(() => new IOContext(64, { onread: () => 0, onclose: 1 }), TypeError)
})

test('onclose runs for IOContexts that were forgotten, once collected', async (t) => {
  let closed = 0
  const COUNT = N(20000)
  for (let i = 0; i < COUNT; i++) {
    new IOContext(4096, { onread: () => 0, onclose: () => closed++ }) // eslint-disable-line no-new
    if (i % 1000 === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  for (let i = 0; i < 50 && closed === 0; i++) {
    Bare.gc?.()
    Array.from({ length: 100000 }, (_, j) => ({ j }))
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  t.ok(closed > 0 && closed <= COUNT, `${closed} of ${COUNT} closed by the garbage collector`)
})

test('fromFile: the files of forgotten readers are closed by the garbage collector', async (t) => {
  const before = openFds()
  const file = path.join(FIXTURES, 'sample.wav')
  const COUNT = N(1500)
  for (let i = 0; i < COUNT; i++) {
    const input = new InputFormatContext(IOContext.fromFile(file))
    input.readFrame(new Packet())
    if (i % 500 === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  for (let i = 0; i < 50 && openFds() > before + COUNT / 2; i++) {
    Bare.gc?.()
    Array.from({ length: 100000 }, (_, j) => ({ j }))
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  t.ok(openFds() <= before + COUNT / 2, `${openFds() - before} of ${COUNT} files still open`)
})
