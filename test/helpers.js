// Shared test helpers: fixtures, IOContext builders, demuxing everything, and ffprobe's view.
const fs = require('bare-fs')
const path = require('bare-path')
const { spawnSync } = require('bare-subprocess')
const ffmpeg = require('..')

const { IOContext, InputFormatContext, Packet, constants } = ffmpeg

const FIXTURES = path.join(__dirname, 'fixtures')

// The ffmpeg and ffprobe programs of the FFmpeg build the addon links (same source, same
// configuration): the tests' oracle. CMake writes the build's prefix to build/ffmpeg-prefix.
const PREFIX_FILE = path.join(__dirname, '..', 'build', 'ffmpeg-prefix')
const FFMPEG_PREFIX = fs.existsSync(PREFIX_FILE)
  ? fs.readFileSync(PREFIX_FILE, 'utf8').trim()
  : null
function program(name) {
  const file = FFMPEG_PREFIX && path.join(FFMPEG_PREFIX, 'bin', name)
  if (!file || !fs.existsSync(file)) {
    throw new Error(
      `${name} of our FFmpeg build is missing (${file ?? PREFIX_FILE + ' is missing'}): ` +
        'run `npm test`, which builds it'
    )
  }
  return file
}
const FFMPEG = program('ffmpeg')
const FFPROBE = program('ffprobe')

// Every container the fixtures cover, with whether it can be demuxed without seeking.
const CONTAINERS = [
  { file: 'sample.webm', streamable: true },
  { file: 'sample.mp4', streamable: false }, // index (moov) at the end
  { file: 'sample.mkv', streamable: true },
  { file: 'sample.ts', streamable: true },
  { file: 'sample.mp3', streamable: true },
  { file: 'sample.wav', streamable: true },
  { file: 'sample.flac', streamable: true },
  { file: 'sample.opus', streamable: true }
]

function fixture(name) {
  return fs.readFileSync(path.join(FIXTURES, name))
}

// An IOContext reading `data` through onread (and onseek unless `seekable` is false). `log`
// collects every call, for tests that look at what FFmpeg asked for.
function streamingIO(data, { size = 4096, seekable = true, log = null } = {}) {
  let pos = 0
  return new IOContext(size, {
    onread(buffer, requested) {
      if (log) log.push(['read', requested])
      const n = Math.min(requested, data.length - pos)
      if (n <= 0) return 0
      buffer.set(data.subarray(pos, pos + n))
      pos += n
      return n
    },
    onseek: seekable
      ? (offset, whence) => {
          if (log) log.push(['seek', offset, whence])
          switch (whence) {
            case constants.seek.SIZE:
              return data.length
            case constants.seek.SET:
              return (pos = offset)
            case constants.seek.CUR:
              return (pos += offset)
            case constants.seek.END:
              return (pos = data.length + offset)
            default:
              return -1
          }
        }
      : undefined
  })
}

// An IOContext collecting what FFmpeg writes; `seekable` lets muxers go back (MP4's index).
function sinkIO({ size = 4096, seekable = true } = {}) {
  const sink = { data: Buffer.alloc(0), pos: 0, writes: 0 }
  const io = new IOContext(size, {
    onwrite(buffer) {
      sink.writes++
      const end = sink.pos + buffer.length
      if (end > sink.data.length) {
        const grown = Buffer.alloc(end)
        grown.set(sink.data)
        sink.data = grown
      }
      sink.data.set(buffer, sink.pos)
      sink.pos = end
      return buffer.length
    },
    onseek: seekable
      ? (offset, whence) => {
          if (whence === constants.seek.SIZE) return sink.data.length
          if (whence === constants.seek.SET) return (sink.pos = offset)
          if (whence === constants.seek.CUR) return (sink.pos += offset)
          if (whence === constants.seek.END) return (sink.pos = sink.data.length + offset)
          return -1
        }
      : undefined
  })
  return { io, sink }
}

// A packet as a plain object comparable with ffprobe's packets. A missing timestamp reads -1, as
// in the published package; so does a genuine -1: both are null here and in probePackets().
function packetShape(packet) {
  return {
    stream_index: packet.streamIndex,
    pts: packet.pts === -1 ? null : packet.pts,
    dts: packet.dts === -1 ? null : packet.dts,
    duration: packet.duration,
    size: packet.size,
    key: packet.isKeyframe
  }
}

// Every packet of an open input, as packetShape()s.
function readAll(input) {
  const packets = []
  using packet = new Packet()
  while (input.readFrame(packet)) packets.push(packetShape(packet))
  return packets
}

// The same through `for await` (the asynchronous operations).
async function readAllAsync(input) {
  const packets = []
  for await (const packet of input) packets.push(packetShape(packet))
  return packets
}

// ffprobe's packets for a file (a fixture's name, or an absolute path), in the same shape as
// readAll's; `from` (seconds): what ffprobe reads after seeking there (-read_intervals, which
// calls avformat_seek_file).
function probePackets(file, from) {
  const interval = from === undefined ? [] : ['-read_intervals', `${from}%`]
  const where = path.isAbsolute(file) ? file : path.join(FIXTURES, file)
  const result = spawnSync(
    FFPROBE,
    ['-v', 'error', ...interval, '-show_packets', '-of', 'json', where],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  if (result.status !== 0) throw new Error(`ffprobe failed on ${file}`)
  return JSON.parse(result.stdout.toString()).packets.map((p) => ({
    stream_index: p.stream_index,
    pts: p.pts === undefined || p.pts === -1 ? null : p.pts,
    dts: p.dts === undefined || p.dts === -1 ? null : p.dts,
    duration: p.duration ?? 0,
    size: Number(p.size),
    key: p.flags.includes('K')
  }))
}

// Under valgrind (scripts/valgrind.sh, VALGRIND=1) RSS says nothing about us: memory tests run
// shorter and leave leaks and double frees to valgrind itself.
const VALGRIND = require('bare-env').VALGRIND === '1'

// Under valgrind everything is tens of times slower (more so on a busy machine): no 30 s limit
// per test. Test files require these helpers before they register any test.
if (VALGRIND) require('brittle').configure({ timeout: 20 * 60 * 1000 })

// Asserts a memory growth is below `limit` MB, except under valgrind.
function bounded(t, grew, limit, message) {
  if (VALGRIND) t.pass(`${message} (not measured under valgrind)`)
  else t.ok(grew < limit, message)
}

function openBuffer(file) {
  return new InputFormatContext(new IOContext(fixture(file)))
}

// A 1 ms timer measuring how long the event loop is held: stop() ends it and returns the longest
// gap between its ticks, in ms.
function watchEventLoop() {
  let longest = 0
  let last = Date.now()
  const timer = setInterval(() => {
    longest = Math.max(longest, Date.now() - last)
    last = Date.now()
  }, 1)
  return {
    stop() {
      clearInterval(timer)
      return longest
    }
  }
}

// What `fn` throws (null if nothing): for tests that look at the error itself.
function thrown(fn) {
  try {
    fn()
  } catch (err) {
    return err
  }
  return null
}

module.exports = {
  thrown,
  watchEventLoop,
  FFMPEG,
  FFPROBE,
  FFMPEG_PREFIX,
  FIXTURES,
  CONTAINERS,
  fixture,
  streamingIO,
  sinkIO,
  readAll,
  readAllAsync,
  packetShape,
  probePackets,
  openBuffer,
  VALGRIND,
  bounded,
  tmpPath: (name) => path.join(__dirname, 'tmp', name)
}
