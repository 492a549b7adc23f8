// Every JavaScript snippet of the README runs as written, with `require('bare-ffmpeg')` being this
// package, in a folder holding the files the snippets name (movie.mkv, in.mkv, ...). A snippet
// uses a few names the text around it stands for (`data`, `handle`, `show`, `frame`, ...): each
// is given here, a real value from the fixtures, and the test checks what the snippet did with it.
const test = require('brittle')
const fs = require('bare-fs')
const os = require('bare-os')
const path = require('bare-path')
const ffmpeg = require('..')
const { fixture, probePackets, tmpPath } = require('./helpers')

const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')
const SNIPPETS = [...README.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1])

const DIR = tmpPath('readme')
fs.rmSync(DIR, { recursive: true, force: true })
fs.mkdirSync(DIR, { recursive: true })
fs.writeFileSync(path.join(DIR, 'movie.mkv'), fixture('sample.mkv'))
fs.writeFileSync(path.join(DIR, 'in.mkv'), fixture('sample.mkv'))

// Runs `code` as the body of an async function of the names in `context`, inside DIR.
async function run(code, context) {
  const names = Object.keys(context)
  const body = `return (async () => {\n${code}\n})()`
  const fn = new Function('require', ...names, body) // eslint-disable-line no-new-func
  const local = (name) => (name === 'bare-ffmpeg' ? ffmpeg : require(name))
  const cwd = os.cwd()
  os.chdir(DIR)
  try {
    return await fn(local, ...names.map((name) => context[name]))
  } finally {
    os.chdir(cwd)
  }
}

// What the snippets are handed: the names the text around them stands for, real values from the
// fixtures; `calls` records what the snippet gave the stand-ins (handle, show, console.log).
function contextFor(calls) {
  const input = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture('sample.mkv')))
  const decoded = decodedPicture()
  const mkv = fixture('sample.mkv')
  const record =
    (name) =>
    (...args) =>
      calls.push([name, ...args])
  const context = {
    ffmpeg,
    console: { log: record('log') },
    data: mkv,
    size: mkv.length,
    position: 0,
    handle: record('handle'),
    // A frame is shown as its size: it may be disposed of once the snippet ends.
    show: (picture, ...rest) =>
      calls.push([
        'show',
        picture instanceof ffmpeg.Frame
          ? { width: picture.width, height: picture.height }
          : picture,
        ...rest
      ]),
    source: {
      position: 0,
      readInto(buffer, len) {
        const n = Math.min(len, mkv.length - this.position)
        buffer.set(mkv.subarray(this.position, this.position + n))
        this.position += n
        return n
      },
      seek(offset, whence) {
        if (whence === ffmpeg.constants.seek.SIZE) return mkv.length
        return (this.position = offset)
      },
      close: record('close')
    },
    file: {
      async read(buffer, offset, len, at) {
        const n = Math.max(0, Math.min(len, mkv.length - at))
        buffer.set(mkv.subarray(at, at + n), offset)
        return { bytesRead: n }
      }
    },
    playlist: fs.readFileSync(path.join(DIR, 'index.m3u8')),
    segments: new Map(
      fs
        .readdirSync(DIR)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => [f, fs.readFileSync(path.join(DIR, f))])
    ),
    input,
    frame: decoded.frame,
    stream: decoded.stream
  }
  return {
    context,
    done() {
      input.destroy()
      decoded.frame.destroy()
    }
  }
}

// The first picture of sample.mkv, decoded, with its stream.
function decodedPicture() {
  const input = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture('sample.mkv')))
  const stream = input.streams[0]
  const timeBase = stream.timeBase
  const decoder = stream.decoder()
  decoder.open()
  const packet = new ffmpeg.Packet()
  const frame = new ffmpeg.Frame()
  while (input.readFrame(packet)) {
    if (packet.streamIndex === 0 && decoder.sendPacket(packet) && decoder.receiveFrame(frame)) break
  }
  decoder.destroy()
  packet.destroy()
  input.destroy()
  return { frame, stream: { timeBase } }
}

// An HLS playlist and its segments in DIR, for the playlist snippet (made through onopen).
function hlsFiles() {
  const input = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(fixture('sample.ts')))
  const files = new Map()
  const output = new ffmpeg.OutputFormatContext('hls', null, {
    url: 'index.m3u8',
    onopen: (name) => {
      const chunks = []
      return new ffmpeg.IOContext(4096, {
        onwrite: (chunk) => chunks.push(chunk),
        onclose: () => files.set(name, Buffer.concat(chunks))
      })
    }
  })
  for (const stream of input.streams) {
    const out = output.createStream()
    out.codecParameters.copyFrom(stream.codecParameters)
    out.timeBase = stream.timeBase
  }
  output.writeHeader({ hls_time: 1, hls_list_size: 0, hls_playlist_type: 'vod' })
  const packet = new ffmpeg.Packet()
  while (input.readFrame(packet)) output.writeFrame(packet)
  output.writeTrailer()
  output.destroy()
  input.destroy()
  packet.destroy()
  for (const [name, bytes] of files) fs.writeFileSync(path.join(DIR, name), bytes)
}
hlsFiles()

const PACKETS = probePackets('sample.mkv').length
const count = (calls, name) => calls.filter((c) => c[0] === name).length

// What each snippet, known by what it says, must have done. Every snippet has one entry: a new
// snippet makes this test fail until it has its check.
const CHECKS = [
  [
    /fromFile\('movie\.mkv'\)/,
    (t, { calls }) => t.is(count(calls, 'log'), 2 + PACKETS, 'a line per stream and per packet')
  ],
  [
    /new ffmpeg\.IOContext\(data\)/,
    (t, { calls }) => t.is(count(calls, 'handle'), PACKETS, 'every packet handled')
  ],
  [
    /new ffmpeg\.IOContext\(64 \* 1024/,
    (t, { returned, calls }) => {
      const input = new ffmpeg.InputFormatContext(returned.io)
      t.is(input.streams.length, 2, 'an input reads through the callbacks')
      input.destroy()
      t.is(count(calls, 'close'), 1, 'onclose ran once')
    },
    'io'
  ],
  [
    /toFile\('out\.mp4'\)/,
    (t) => t.is(probePackets(path.join(DIR, 'out.mp4')).length, PACKETS, 'out.mp4: every packet')
  ],
  [
    /InputFormatContext\.open\(/,
    (t, { calls }) => t.is(count(calls, 'handle'), PACKETS, 'every packet, through for await')
  ],
  [
    /format: 'hls'/,
    (t, { returned }) => {
      const packet = new ffmpeg.Packet()
      let n = 0
      while (returned.input.readFrame(packet)) n++
      t.is(n, probePackets('sample.ts').length, 'the playlist reads every segment')
      packet.destroy()
      returned.input.destroy()
    },
    'input'
  ],
  [
    /input\.seek\(/,
    (t, { context }) => {
      const packet = new ffmpeg.Packet()
      t.ok(context.input.readFrame(packet), 'reads on after the seek')
      const { timeBase } = context.input.streams[packet.streamIndex]
      const seconds = (packet.pts * timeBase.numerator) / timeBase.denominator
      t.ok(seconds >= 0.5, `from ${seconds} s`)
      packet.destroy()
    }
  ],
  [
    /\.decoder\(\)/,
    (t, { calls }) => t.is(count(calls, 'show'), 0, 'nothing sent yet: nothing to show, no error')
  ],
  [
    /new ffmpeg\.FilterGraph\(\)/,
    (t, { calls }) => {
      const shown = calls.filter((c) => c[0] === 'show')
      t.is(shown.length, 1, 'one picture out')
      t.is(shown[0][1].width, 320)
    }
  ]
]

test('every README snippet has its check', (t) => {
  t.ok(SNIPPETS.length >= CHECKS.length, `${SNIPPETS.length} snippets`)
  for (const code of SNIPPETS) {
    const matching = CHECKS.filter(([pattern]) => pattern.test(code))
    t.is(matching.length, 1, code.split('\n')[0])
  }
})

SNIPPETS.forEach((code, i) => {
  const check = CHECKS.find(([pattern]) => pattern.test(code))
  if (!check) return
  const [, verify, keep] = check
  test(`README snippet ${i + 1}: ${code.split('\n')[0].slice(0, 60)}`, async (t) => {
    const calls = []
    const { context, done } = contextFor(calls)
    const returned = await run(keep ? `${code}\nreturn { ${keep} }` : code, context)
    await verify(t, { calls, returned, context })
    done()
  })
})
