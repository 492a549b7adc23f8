// `onopen`: the app serves the nested opens of a format context (a playlist's segments, a concat
// script's entries, an image sequence, a muxer's further files) through its own IOContexts, or
// refuses them. Compared with ffprobe reading the same files from disk. See docs/security.md.
const test = require('brittle')
const fs = require('bare-fs')
const path = require('bare-path')
const { spawnSync } = require('bare-subprocess')
const {
  IOContext,
  InputFormat,
  InputFormatContext,
  OutputFormatContext,
  Packet,
  FFmpegError,
  constants
} = require('..')
const { FFMPEG, fixture, probePackets, readAll, readAllAsync, tmpPath } = require('./helpers')

const READ = 1 // AVIO_FLAG_READ
const WRITE = 2 // AVIO_FLAG_WRITE

// Files made by our ffmpeg, deterministically, into test/tmp/onopen: an HLS playlist with its
// segments, and a short PNG sequence.
const DIR = tmpPath('onopen')
fs.rmSync(DIR, { recursive: true, force: true })
fs.mkdirSync(path.join(DIR, 'hls'), { recursive: true })
fs.mkdirSync(path.join(DIR, 'img'), { recursive: true })
ffmpeg(
  ['-i', path.join(__dirname, 'fixtures', 'sample.ts'), '-c', 'copy', '-f', 'hls'],
  ['-hls_time', '1', '-hls_list_size', '0', '-hls_playlist_type', 'vod'],
  ['-hls_segment_filename', path.join(DIR, 'hls', 'seg%d.ts'), path.join(DIR, 'hls', 'play.m3u8')]
)
ffmpeg(
  ['-f', 'lavfi', '-i', 'testsrc=size=64x48:rate=5', '-frames:v', '4'],
  [path.join(DIR, 'img', 'frame%d.png')]
)
const SEGMENTS = fs.readdirSync(path.join(DIR, 'hls')).filter((f) => f.endsWith('.ts'))

function ffmpeg(...args) {
  const result = spawnSync(FFMPEG, ['-v', 'error', '-y', '-fflags', '+bitexact', ...args.flat()], {
    stdio: ['ignore', 'inherit', 'inherit']
  })
  if (result.status !== 0) throw new Error(`ffmpeg failed: ${args.flat().join(' ')}`)
}

// An IOContext reading `data` through onread (synchronous, or with each read a Promise), which
// records its closing in `log`.
function reader(data, { log = null, name = '', async = false } = {}) {
  let pos = 0
  const read = (buffer, len) => {
    const n = Math.min(len, data.length - pos)
    buffer.set(data.subarray(pos, pos + n))
    pos += n
    return n
  }
  const seek = (offset, whence) => {
    if (whence === constants.seek.SIZE) return data.length
    if (whence === constants.seek.SET) return (pos = offset)
    if (whence === constants.seek.CUR) return (pos += offset)
    if (whence === constants.seek.END) return (pos = data.length + offset)
    return -1
  }
  return new IOContext(4096, {
    onread: async ? (buffer, len) => tick().then(() => read(buffer, len)) : read,
    onseek: async ? (offset, whence) => tick().then(() => seek(offset, whence)) : seek,
    onclose: () => log?.push(`closed ${name}`)
  })
}

// An IOContext collecting what FFmpeg writes into `files` under `name` once it is closed.
function writer(files, name, { async = false } = {}) {
  const chunks = []
  const write = (buffer) => void chunks.push(Buffer.from(buffer))
  return new IOContext(4096, {
    onwrite: async ? (buffer) => tick().then(() => write(buffer)) : write,
    onclose: () => files.set(name, Buffer.concat(chunks))
  })
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

// An onopen serving the files of `dir` (and recording what was asked in `log`).
function serving(dir, log, { async = false } = {}) {
  const open = (url, flags) => {
    log.push(`open ${url} ${flags}`)
    return reader(fs.readFileSync(path.join(dir, url)), { log, name: url, async })
  }
  return async ? (url, flags) => tick().then(() => open(url, flags)) : open
}

const playlist = () => fs.readFileSync(path.join(DIR, 'hls', 'play.m3u8'))
const hlsOptions = (onopen) => ({ format: 'hls', url: 'play.m3u8', onopen })

test('an HLS playlist reads its segments through onopen', (t) => {
  t.ok(SEGMENTS.length >= 2, `${SEGMENTS.length} segments`)
  const log = []
  const input = new InputFormatContext(
    new IOContext(playlist()),
    hlsOptions(serving(path.join(DIR, 'hls'), log))
  )
  const packets = readAll(input)
  t.alike(packets, probePackets(path.join(DIR, 'hls', 'play.m3u8')), 'the packets ffprobe reads')
  const opens = log.filter((line) => line.startsWith('open'))
  t.alike(
    opens,
    SEGMENTS.map((f) => `open ${f} ${READ}`),
    'each segment opened once, for reading'
  )
  input.destroy()
  t.is(log.filter((line) => line.startsWith('closed')).length, opens.length, 'and each closed')
})

test('an HLS playlist reads its segments through an async onopen', async (t) => {
  const log = []
  const input = await InputFormatContext.open(
    reader(playlist(), { async: true }),
    hlsOptions(serving(path.join(DIR, 'hls'), log, { async: true }))
  )
  const packets = await readAllAsync(input)
  t.alike(packets, probePackets(path.join(DIR, 'hls', 'play.m3u8')), 'the packets ffprobe reads')
  input.destroy()
  const opens = log.filter((line) => line.startsWith('open')).length
  t.is(opens, SEGMENTS.length, 'each segment opened once')
  t.is(log.filter((line) => line.startsWith('closed')).length, opens, 'and each closed')
})

test('a concat script reads its entries through onopen', (t) => {
  const script = `ffconcat version 1.0\nfile 'seg0.ts'\nfile 'seg1.ts'\n`
  const file = path.join(DIR, 'hls', 'script.ffconcat')
  fs.writeFileSync(file, script)
  const log = []
  using input = new InputFormatContext(new IOContext(Buffer.from(script)), {
    format: 'concat',
    onopen: serving(path.join(DIR, 'hls'), log)
  })
  t.alike(readAll(input), probePackets(file), 'the packets ffprobe reads from the script file')
  t.alike(
    log.filter((line) => line.startsWith('open')),
    [`open seg0.ts ${READ}`, `open seg1.ts ${READ}`],
    'each entry opened through onopen'
  )
})

// The image2 demuxer looks on disk for which files of a sequence exist (avio_check, which no
// hook sees: docs/security.md), then opens each through onopen.
test('an image sequence opened by URL reads every image through onopen', (t) => {
  const pattern = path.join(DIR, 'img', 'frame%d.png')
  const log = []
  using input = new InputFormatContext(new InputFormat('image2'), null, pattern, {
    onopen: serving('/', log)
  })
  t.alike(readAll(input), probePackets(pattern), 'the packets ffprobe reads')
  t.alike(
    log.filter((line) => line.startsWith('open')),
    [1, 2, 3, 4].map((i) => `open ${path.join(DIR, 'img', `frame${i}.png`)} ${READ}`),
    'every image through onopen'
  )
})

test('an image sequence whose onopen refuses reads nothing', (t) => {
  const pattern = path.join(DIR, 'img', 'frame%d.png')
  // image2 opens each image when it reads it.
  using input = new InputFormatContext(new InputFormat('image2'), null, pattern, {
    onopen: () => null
  })
  using packet = new Packet()
  t.exception(
    () => input.readFrame(packet),
    /the image2 demuxer tried to open '[^']+frame1.png': onopen refused it/
  )
})

test('a MOV data reference reads the file it names through onopen', (t) => {
  const log = []
  using input = new InputFormatContext(new IOContext(fixture('dref.mov')), {
    options: { enable_drefs: '1' },
    url: 'dref.mov',
    onopen: serving(path.join(__dirname, 'fixtures'), log)
  })
  t.alike(readAll(input), probePackets('sample.mp4'), "the packets of the movie's data file")
  t.alike(
    log.filter((line) => line.startsWith('open')),
    [`open sample.mp4 ${READ}`, `open sample.mp4 ${READ}`],
    'each track opens it'
  )
})

test('a URL input with onopen opens its URL through it too', (t) => {
  const log = []
  using input = new InputFormatContext(null, null, 'sample.ts', {
    onopen: serving(path.join(__dirname, 'fixtures'), log)
  })
  t.alike(readAll(input), probePackets('sample.ts'))
  t.alike(log[0], `open sample.ts ${READ}`)
})

test('onopen returning null refuses: an FFmpegError with the log line', (t) => {
  const asked = []
  let err = null
  try {
    new InputFormatContext(
      new IOContext(playlist()),
      hlsOptions((url) => void asked.push(url) ?? null)
    ).destroy()
  } catch (e) {
    err = e
  }
  t.ok(err instanceof FFmpegError, `${err}`)
  t.ok(/the hls demuxer tried to open 'seg0.ts': onopen refused it/.test(err?.message))
  t.alike(asked, SEGMENTS, 'asked for each segment')
})

test("onopen's exception comes out of the call that triggered it, as the same object", async (t) => {
  const boom = new Error('boom')
  let caught = null
  try {
    new InputFormatContext(
      new IOContext(playlist()),
      hlsOptions(() => {
        throw boom
      })
    ).destroy()
  } catch (err) {
    caught = err
  }
  t.is(caught, boom, 'sync: the same object')
  caught = null
  try {
    await InputFormatContext.open(
      reader(playlist(), { async: true }),
      hlsOptions(async () => {
        await tick()
        throw boom
      })
    )
  } catch (err) {
    caught = err
  }
  t.is(caught, boom, 'async: the rejection is the same object')
})

test('what onopen may not return', (t) => {
  const open = (onopen) => () =>
    new InputFormatContext(new IOContext(playlist()), hlsOptions(onopen)).destroy()
  t.exception.all(
    open(() => 42),
    /onopen must return an IOContext, or null to refuse, got number/
  )
  t.exception.all(
    open(async () => null),
    /onopen returned a Promise: use the async methods/,
    'a Promise, to a synchronous open'
  )
  const used = new IOContext(Buffer.alloc(16))
  using other = new InputFormatContext(new IOContext(fixture('sample.ts')))
  const taken = other.io
  t.exception.all(
    open(() => taken),
    /onopen returned an IOContext that a format context already uses/
  )
  t.exception.all(
    open(() => new IOContext(4096, { onwrite: () => {} })),
    /has no onread/
  )
  t.exception.all(() => new InputFormatContext(new IOContext(playlist()), { onopen: 1 }), TypeError)
  used.destroy()
  t.ok(readAll(other).length > 0, 'the other context still reads')
})

// Remuxes sample.ts into `format` through `onopen` (synchronously, or with the async calls);
// the files written, by name.
async function mux(
  format,
  url,
  options,
  { async = false, refuse = false, from = 'sample.ts' } = {}
) {
  const files = new Map()
  const opened = []
  using input = new InputFormatContext(new IOContext(fixture(from)))
  using output = new OutputFormatContext(format, writer(files, '(main)'), {
    url,
    onopen: (name, flags) => {
      opened.push(`${name} ${flags}`)
      return refuse ? null : writer(files, name, { async })
    }
  })
  for (const stream of input.streams) {
    const out = output.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.codecParameters.tag = 0
    out.timeBase = stream.timeBase
  }
  using packet = new Packet()
  if (async) await output.writeHeaderAsync(options)
  else output.writeHeader(options)
  while (input.readFrame(packet)) {
    packet.rescaleTimestamps(
      input.streams[packet.streamIndex].timeBase,
      output.streams[packet.streamIndex].timeBase
    )
    if (async) await output.writeFrameAsync(packet)
    else output.writeFrame(packet)
  }
  if (async) await output.writeTrailerAsync()
  else output.writeTrailer()
  return { files, opened }
}

// Writes `files` into a fresh directory, for ffprobe.
function onDisk(name, files) {
  const dir = path.join(DIR, name)
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  for (const [file, data] of files) if (data.length) fs.writeFileSync(path.join(dir, file), data)
  return dir
}

for (const async of [false, true]) {
  const how = async ? 'asynchronously' : 'synchronously'

  test(`the hls muxer writes its playlist and segments through onopen, ${how}`, async (t) => {
    const options = { hls_time: 1, hls_list_size: 0, hls_playlist_type: 'vod' }
    const { files, opened } = await mux('hls', 'out.m3u8', options, { async })
    t.ok(
      opened.every((line) => line.endsWith(` ${WRITE}`)),
      'every open for writing'
    )
    t.ok(files.has('out.m3u8') && files.has('out0.ts'), [...files.keys()].join(' '))
    const dir = onDisk(`hls-${how}`, files)
    const written = probePackets(path.join(dir, 'out.m3u8'))
    t.is(written.length, probePackets('sample.ts').length, 'ffprobe reads every packet back')
    // And back through onopen, from memory.
    using input = new InputFormatContext(new IOContext(files.get('out.m3u8')), {
      format: 'hls',
      url: 'out.m3u8',
      onopen: (url) => new IOContext(files.get(url))
    })
    t.alike(readAll(input), written, 'read back through onopen: what ffprobe reads')
  })

  test(`the segment muxer writes its segments through onopen, ${how}`, async (t) => {
    const options = { segment_time: 1, segment_format: 'mpegts' }
    const { files, opened } = await mux('segment', 'part%d.ts', options, { async })
    const parts = [...files.keys()].filter((name) => /^part\d+\.ts$/.test(name)).sort()
    t.ok(parts.length >= 2, parts.join(' '))
    t.alike(
      opened,
      parts.map((name) => `${name} ${WRITE}`),
      'each segment opened once'
    )
    const dir = onDisk(`segment-${how}`, files)
    const total = parts.reduce((n, part) => n + probePackets(path.join(dir, part)).length, 0)
    t.is(total, probePackets('sample.ts').length, 'every packet in one of them')
  })
}

test('a muxer whose onopen refuses fails with the log line', async (t) => {
  const options = { segment_time: 1, segment_format: 'mpegts' }
  await t.exception(
    mux('segment', 'part%d.ts', options, { refuse: true }),
    /the segment muxer tried to open 'part0.ts': onopen refused it/
  )
})

// Nothing reaches the filesystem behind the app's back (issue #22): a live HLS playlist is
// written under its final name through onopen (FFmpeg would write `.tmp` and rename it on disk),
// a file of the app's with the temporary name stays as it was, nothing is created.
test('live hls through onopen: the playlist under its final name, no rename on disk', async (t) => {
  const dir = path.join(DIR, 'live')
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  const mine = path.join(dir, 'index.m3u8.tmp')
  fs.writeFileSync(mine, 'the app file')
  const url = path.join(dir, 'index.m3u8')
  const { files, opened } = await mux('hls', url, { hls_time: 1, hls_list_size: 0 })
  t.is(fs.readFileSync(mine).toString(), 'the app file', "the app's .tmp file is untouched")
  t.alike(fs.readdirSync(dir), ['index.m3u8.tmp'], 'nothing written, renamed or created on disk')
  t.ok(
    opened.some((line) => line === `${url} ${WRITE}`),
    `the playlist asked for under its own name: ${opened.join(', ')}`
  )
  t.ok(!opened.some((line) => line.includes('.tmp')), 'no temporary name asked for')
  const playlist = files.get(url).toString()
  t.ok(/^index0\.ts$/m.test(playlist), 'segments listed by their names beside the playlist')
  const served = onDisk(
    'live-served',
    [...files].map(([name, data]) => [path.basename(name), data])
  )
  const written = probePackets(path.join(served, 'index.m3u8'))
  t.is(written.length, probePackets('sample.ts').length, 'ffprobe reads every packet back')
})

test('hls delete_segments through onopen: the deletion is refused, and the call says so', async (t) => {
  await t.exception(
    mux(
      'hls',
      'rolling.m3u8',
      { hls_time: 1, hls_list_size: 1, hls_flags: 'delete_segments' },
      { from: 'long.mp4' }
    ),
    /the hls muxer tried to delete 'rolling0\.ts': refused/
  )
})

test('a muxer that renames files itself (smoothstreaming) is refused, and the call says so', async (t) => {
  const dir = path.join(DIR, 'ism')
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  const err = await mux('smoothstreaming', path.join(dir, 'out.ism'), {}).catch((e) => e)
  t.ok(err instanceof FFmpegError, `${err}`)
  t.ok(/FFmpeg tried to (rename|create the directory) .*: refused/.test(err?.message), err?.message)
  t.alike(fs.readdirSync(dir), [], 'nothing on disk')
})

// An asynchronous sink: `onclose` returns a Promise (a Hyperdrive write stream ending, say);
// `done` lists the names whose Promise has resolved.
function asyncSink(files, done, name) {
  const chunks = []
  return new IOContext(4096, {
    onwrite: (buffer) => chunks.push(Buffer.from(buffer)),
    onclose: async () => {
      await tick()
      await tick()
      files.set(name, Buffer.concat(chunks))
      done.push(name)
    }
  })
}

test('hls with no IOContext of its own: everything through onopen (issue #22)', async (t) => {
  const files = new Map()
  const done = []
  using input = new InputFormatContext(new IOContext(fixture('sample.ts')))
  const output = new OutputFormatContext('hls', null, {
    url: 'index.m3u8',
    onopen: (name) => asyncSink(files, done, name)
  })
  for (const stream of input.streams) {
    const out = output.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.timeBase = stream.timeBase
  }
  await output.writeHeaderAsync({ hls_time: 1, hls_list_size: 0, hls_playlist_type: 'vod' })
  using packet = new Packet()
  while (input.readFrame(packet)) await output.writeFrameAsync(packet)
  await output.writeTrailerAsync()
  // The async operations waited for the onclose Promises of the files closed meanwhile.
  t.ok(done.includes('index0.ts') && done.includes('index.m3u8'), done.join(' '))
  t.alike(
    done.sort(),
    [...files.keys()].sort(),
    'every closed file finished before the trailer resolved'
  )
  await output.close()
  const dir = onDisk('hls-no-io', files)
  t.is(probePackets(path.join(dir, 'index.m3u8')).length, probePackets('sample.ts').length)
})

test('a muxer with a file of its own and no IOContext opens it through onopen', async (t) => {
  const files = new Map()
  const done = []
  const asked = []
  using input = new InputFormatContext(new IOContext(fixture('sample.mkv')))
  const output = new OutputFormatContext('matroska', null, {
    url: 'out.mkv',
    onopen: (name, flags) => {
      asked.push(`${name} ${flags}`)
      return asyncSink(files, done, name)
    }
  })
  for (const stream of input.streams) {
    const out = output.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.timeBase = stream.timeBase
  }
  output.writeHeader()
  using packet = new Packet()
  while (input.readFrame(packet)) output.writeFrame(packet)
  output.writeTrailer()
  t.alike(asked, [`out.mkv ${WRITE}`])
  t.alike(done, [], 'not closed before close()')
  await output.close()
  t.alike(done, ['out.mkv'], 'close() resolved once onclose had')
  const dir = onDisk('mkv-no-io', files)
  t.is(probePackets(path.join(dir, 'out.mkv')).length, probePackets('sample.mkv').length)
  t.exception.all(() => new OutputFormatContext('matroska', null, {}), /io must be an IOContext/)
  t.exception(
    () => new OutputFormatContext('matroska', null, { url: 'x.mkv', onopen: () => null }),
    /onopen refused the output x.mkv/
  )
})

test('an onclose Promise that rejects rejects the asynchronous operation and close()', async (t) => {
  const failure = new Error('the sink failed')
  const output = new OutputFormatContext(
    'matroska',
    new IOContext(4096, {
      onwrite: () => {},
      onclose: async () => {
        await tick()
        throw failure
      }
    })
  )
  await t.exception(output.close(), /the sink failed/)
  let segments = 0
  using input = new InputFormatContext(new IOContext(fixture('sample.ts')))
  const hls = new OutputFormatContext('hls', null, {
    url: 'fail.m3u8',
    onopen: () =>
      new IOContext(4096, {
        onwrite: () => {},
        onclose: async () => {
          segments++
          throw failure
        }
      })
  })
  for (const stream of input.streams) {
    const out = hls.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.timeBase = stream.timeBase
  }
  await hls.writeHeaderAsync({ hls_time: 1, hls_list_size: 0, hls_playlist_type: 'vod' })
  using packet = new Packet()
  const err = await (async () => {
    while (input.readFrame(packet)) await hls.writeFrameAsync(packet)
    await hls.writeTrailerAsync()
  })().catch((e) => e)
  t.is(err, failure, `the operation during which a segment closed rejects (${segments} closed)`)
  t.is(segments, 1, 'the first segment closed, and the write stopped there')
  await hls.close() // nothing more pending: its failure was reported once
})

test('an hls output given up after its header: destroy() writes nothing and frees the muxer (valgrind)', (t) => {
  const calls = []
  const counting = (name) =>
    new IOContext(4096, {
      onwrite: () => void calls.push(`write ${name}`),
      onclose: () => void calls.push(`close ${name}`)
    })
  using input = new InputFormatContext(new IOContext(fixture('sample.ts')))
  const output = new OutputFormatContext('hls', counting('(main)'), {
    url: 'given-up.m3u8',
    onopen: (name) => counting(name)
  })
  for (const stream of input.streams) {
    const out = output.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.codecParameters.tag = 0
    out.timeBase = stream.timeBase
  }
  output.writeHeader({ hls_time: 1, hls_list_size: 0 })
  using packet = new Packet()
  for (let i = 0; i < 40 && input.readFrame(packet); i++) {
    packet.rescaleTimestamps(
      input.streams[packet.streamIndex].timeBase,
      output.streams[packet.streamIndex].timeBase
    )
    output.writeFrame(packet)
  }
  const before = calls.length
  t.ok(before > 0, `${before} callbacks while muxing`)
  output.destroy() // no writeTrailer(): the muxer's trailer runs silenced
  t.alike(
    calls.slice(before),
    ['close (main)'],
    "nothing written or opened during destroy(), only the IOContext's onclose as always"
  )
})
