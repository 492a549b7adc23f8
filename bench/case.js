// One measurement, in a process of its own: `bare bench/case.js IMPL FILE MODE`, where IMPL is
// `ours` or `upstream` (the published addon) and MODE one of streamNk (N KiB buffers), buffer,
// remux, each optionally with `-data` (every packet's `data` read, as real consumers do), calls
// (the cost of single native calls), decode (every frame of the first stream), scale (those
// frames scaled to 320x180 RGBA, only the scaling timed) or resample (10 s of 48 kHz stereo to
// 16 kHz mono, FILE unused, only the resampling timed), as bench/native.c does them.
// Prints one JSON line: {"ms", "packets", "callbacks", "bytes", "maxRSS"} (maxRSS in MB).
const fs = require('bare-fs')
const os = require('bare-os')
const hrtime = require('bare-hrtime')

const [impl, file, mode] = Bare.argv.slice(2)
// `floor` loads no addon: see runFloor().
const ffmpeg =
  impl === 'floor' ? {} : impl === 'ours' ? require('..') : require('bare-ffmpeg-upstream')
const { IOContext, InputFormatContext, OutputFormatContext, Packet, constants } = ffmpeg

const data = mode === 'resample' ? Buffer.alloc(0) : fs.readFileSync(file)
let callbacks = 0
// As bench/native.c.
const SCALE_ROUNDS = 5
const RESAMPLE_ROUNDS = 3
const RESAMPLE_FRAMES = 469

if (mode === 'baseline') {
  // The input loaded and nothing else: what the other modes' memory is compared with.
  console.log(
    JSON.stringify({ maxRSS: Math.round(os.resourceUsage().maxRSS / 1024), bytes: data.length })
  )
  Bare.exit(0)
}

// The same memory-backed callbacks as bench/native.c: onread and onseek over `data`.
function memorySource() {
  let pos = 0
  return {
    onread(buffer, len) {
      callbacks++
      const n = Math.min(len, data.length - pos)
      if (n <= 0) return 0
      buffer.set(data.subarray(pos, pos + n))
      pos += n
      return n
    },
    onseek(offset, whence) {
      callbacks++
      whence &= ~constants.seek.FORCE
      if (whence === constants.seek.SIZE) return data.length
      if (whence === constants.seek.SET) return (pos = offset)
      if (whence === constants.seek.CUR) return (pos += offset)
      if (whence === constants.seek.END) return (pos = data.length + offset)
      return -1
    }
  }
}

function streaming(size) {
  return new IOContext(size, memorySource())
}

// Stream parameters for the output, through the setters both addons have (the published one
// has no copyFrom).
function copyStream(from, to) {
  const a = from.codecParameters
  const b = to.codecParameters
  if (b.copyFrom) b.copyFrom(a)
  else {
    for (const key of [
      'type',
      'id',
      'format',
      'bitRate',
      'width',
      'height',
      'sampleRate',
      'frameSize',
      'blockAlign'
    ]) {
      b[key] = a[key]
    }
    b.channelLayout = a.channelLayout
    b.extraData = a.extraData
  }
  b.tag = 0
  to.timeBase = from.timeBase
}

// Async modes (ours only): FFmpeg on the worker, Promise-returning onread.
//   async64k: streaming demux with 64 KiB buffers through readFrameAsync.
//   lag-async / lag-sync: the same demux (async, or ours/upstream's synchronous path) while a
//   1 ms interval timer runs; reports the longest gap between its ticks.
if (impl === 'floor') {
  runFloor(Number(Bare.argv[5]), Number(Bare.argv[6]))
} else if (mode === 'decode') {
  runDecode()
} else if (mode === 'scale') {
  runScale()
} else if (mode === 'resample') {
  runResample()
} else if (mode === 'decode-async') {
  runDecodeAsync().then((result) => console.log(JSON.stringify(result)))
} else if (mode === 'async64k' || mode.startsWith('lag-')) {
  runAsync().then((result) => console.log(JSON.stringify(result)))
} else {
  // A fifth argument: that many rounds in this one process, a line each (bench/callgrind.js).
  const rounds = Number(Bare.argv[5] || 1)
  for (let r = 0; r < rounds; r++) runSync()
}

// The floor of `stream4k-data` for any addon: the JavaScript its consumer runs, with no addon
// at all. `bare bench/case.js floor FILE stream4k-data PACKETS CALLBACKS`: PACKETS turns of a
// loop, each taking its payload as a new Buffer view (over 256 KiB blocks, as ours does; of the
// input's mean packet size) and reading its last byte, and CALLBACKS calls of the same `onread`
// as streaming() (4 KiB each), spread over the loop. What is missing is only the addon's own
// work: FFmpeg's demuxing and the calls into it.
function runFloor(packets, reads) {
  const start = hrtime.bigint()
  const size = Math.floor(data.length / packets)
  const buffer = Buffer.alloc(4096)
  const every = Math.max(1, Math.floor(packets / reads))
  const { onread } = memorySource()
  let block = new ArrayBuffer(262144)
  let at = 0
  let checksum = 0
  for (let i = 0; i < packets; i++) {
    if (i % every === 0 && callbacks < reads) onread(buffer, buffer.length)
    if (at + size > block.byteLength) {
      block = new ArrayBuffer(262144)
      at = 0
    }
    const payload = Buffer.from(block, at, size)
    at += (size + 127) & ~63
    checksum += payload[payload.length - 1]
  }
  while (callbacks < reads) onread(buffer, buffer.length)
  const ms = Number(hrtime.bigint() - start) / 1e6
  report({ ms, packets, callbacks, checksum, bytes: data.length })
}

function asyncStreaming(size) {
  const source = memorySource()
  return new IOContext(size, {
    async onread(buffer, len) {
      return source.onread(buffer, len)
    },
    async onseek(offset, whence) {
      return source.onseek(offset, whence)
    }
  })
}

async function runAsync() {
  let maxLag = 0
  let last = hrtime.bigint()
  const timer = mode.startsWith('lag-')
    ? setInterval(() => {
        const now = hrtime.bigint()
        maxLag = Math.max(maxLag, Number(now - last) / 1e6)
        last = now
      }, 1)
    : null
  await new Promise((resolve) => setTimeout(resolve, 20)) // let the timer settle
  last = hrtime.bigint()
  const start = hrtime.bigint()
  let packets = 0
  if (mode === 'lag-sync') {
    const input = new InputFormatContext(streaming(65536))
    const packet = new Packet()
    while (input.readFrame(packet)) packets++
  } else {
    const input = await InputFormatContext.open(asyncStreaming(65536))
    for await (const packet of input) {
      packets++
      packet.destroy()
    }
  }
  const ms = Number(hrtime.bigint() - start) / 1e6
  await new Promise((resolve) => setTimeout(resolve, 5))
  if (timer) clearInterval(timer)
  return {
    ms,
    packets,
    callbacks,
    bytes: data.length,
    maxLag,
    maxRSS: Math.round(os.resourceUsage().maxRSS / 1024)
  }
}

// Decoding every frame of the first stream (a video), the input in memory, one thread per codec
// (FFmpeg's default), as bench/native.c does: the same code runs on the published addon, whose
// API this is. Frames are counted, not looked at.
function runDecode() {
  const { Frame } = ffmpeg
  const start = hrtime.bigint()
  const input = new InputFormatContext(new IOContext(data))
  const decoder = input.streams[0].decoder()
  decoder.setOption('threads', '1') // as native.c (FFmpeg's default); ours would use every core
  decoder.open()
  const packet = new Packet()
  const frame = new Frame()
  let packets = 0
  let frames = 0
  while (input.readFrame(packet)) {
    if (packet.streamIndex !== 0) continue
    packets++
    decoder.sendPacket(packet)
    while (decoder.receiveFrame(frame)) frames++
  }
  decoder.sendPacket(new Packet()) // the flush (the published addon has no sendPacket() form)
  while (decoder.receiveFrame(frame)) frames++
  const ms = Number(hrtime.bigint() - start) / 1e6
  console.log(
    JSON.stringify({
      ms,
      packets,
      frames,
      callbacks,
      bytes: data.length,
      maxRSS: Math.round(os.resourceUsage().maxRSS / 1024)
    })
  )
}

function report(result) {
  console.log(JSON.stringify({ ...result, maxRSS: Math.round(os.resourceUsage().maxRSS / 1024) }))
}

// The decoded pictures of the clip (not timed), then each scaled to 320x180 RGBA (bicubic, both
// addons' default) SCALE_ROUNDS times, into one target frame: only the scaling is timed.
function runScale() {
  const { Frame, Scaler } = ffmpeg
  const input = new InputFormatContext(new IOContext(data))
  const decoder = input.streams[0].decoder()
  decoder.setOption('threads', '1')
  decoder.open()
  const packet = new Packet()
  const pictures = []
  const drain = () => {
    for (let f = new Frame(); decoder.receiveFrame(f); f = new Frame()) pictures.push(f)
  }
  while (input.readFrame(packet)) {
    if (packet.streamIndex !== 0) continue
    decoder.sendPacket(packet)
    drain()
  }
  decoder.sendPacket(new Packet())
  drain()
  const { width, height } = pictures[0]
  const scaler = new Scaler(
    constants.pixelFormats.YUV420P,
    width,
    height,
    constants.pixelFormats.RGBA,
    320,
    180
  )
  const rgba = new Frame()
  rgba.width = 320
  rgba.height = 180
  rgba.format = constants.pixelFormats.RGBA
  rgba.alloc()
  for (const picture of pictures) scaler.scale(picture, rgba) // a round untimed, as native.c
  let rows = 0
  const start = hrtime.bigint()
  for (let r = 0; r < SCALE_ROUNDS; r++) {
    for (const picture of pictures) rows += scaler.scale(picture, rgba)
  }
  const ms = Number(hrtime.bigint() - start) / 1e6
  report({ ms, frames: SCALE_ROUNDS * pictures.length, rows })
}

// 10 s of a 440 Hz tone, 48 kHz stereo float (planar) in frames of 1024 samples (filled through
// Samples, which both addons have; not timed), each converted to 16 kHz mono s16 into one output
// frame RESAMPLE_ROUNDS times: only the resampling is timed.
function runResample() {
  const { Frame, Resampler, Samples } = ffmpeg
  const { sampleFormats, channelLayouts } = constants
  const frames = []
  const keep = [] // the published Samples point the frame at their buffer: keep them alive
  let n = 0
  for (let i = 0; i < RESAMPLE_FRAMES; i++) {
    const frame = new Frame()
    frame.format = sampleFormats.FLTP
    frame.channelLayout = channelLayouts.STEREO
    frame.sampleRate = 48000
    frame.nbSamples = 1024
    frame.alloc()
    const samples = new Samples()
    samples.fill(frame)
    const floats = new Float32Array(samples.data.buffer, samples.data.byteOffset, 2048)
    for (let c = 0; c < 2; c++) {
      for (let s = 0; s < 1024; s++, n++) {
        floats[c * 1024 + s] = 0.5 * Math.sin((2 * Math.PI * 440 * Math.floor(n / 2)) / 48000)
      }
    }
    frames.push(frame)
    keep.push(samples)
  }
  const resampler = new Resampler(
    48000,
    channelLayouts.STEREO,
    sampleFormats.FLTP,
    16000,
    channelLayouts.MONO,
    sampleFormats.S16
  )
  const out = new Frame()
  out.format = sampleFormats.S16
  out.channelLayout = channelLayouts.MONO
  out.sampleRate = 16000
  out.nbSamples = 1024
  out.alloc()
  for (const frame of frames) resampler.convert(frame, out) // a round untimed, as native.c
  let samples = 0
  const start = hrtime.bigint()
  for (let r = 0; r < RESAMPLE_ROUNDS; r++) {
    for (const frame of frames) samples += resampler.convert(frame, out)
  }
  const ms = Number(hrtime.bigint() - start) / 1e6
  report({ ms, frames: RESAMPLE_ROUNDS * RESAMPLE_FRAMES, samples })
  void keep
}

// The same through ours only: demuxed and decoded on worker threads (decoder.frames(input)).
async function runDecodeAsync() {
  const start = hrtime.bigint()
  const input = await InputFormatContext.open(new IOContext(data))
  const decoder = input.streams[0].decoder()
  decoder.setOption('threads', '1')
  decoder.open()
  let frames = 0
  for await (const frame of decoder.frames(input)) {
    frames++
    frame.destroy()
  }
  const ms = Number(hrtime.bigint() - start) / 1e6
  return { ms, frames, bytes: data.length, maxRSS: Math.round(os.resourceUsage().maxRSS / 1024) }
}

function runSync() {
  if (mode === 'calls') return runCalls()
  callbacks = 0
  const start = hrtime.bigint()
  // streamNk: N KiB buffers; remux reads with 32 KiB. -data: every packet's payload is read.
  const [, base, kib, withData] = /^(stream(\d+)k|buffer|remux)(-data)?$/.exec(mode)
  const io = base === 'buffer' ? new IOContext(data) : streaming(kib ? Number(kib) * 1024 : 32768)
  const input = new InputFormatContext(io)
  let output = null
  if (base === 'remux') {
    output = new OutputFormatContext(
      'matroska',
      new IOContext(65536, {
        onwrite(buffer) {
          callbacks++
          return buffer.length
        }
      })
    )
    for (const stream of input.streams) copyStream(stream, output.createStream())
    output.writeHeader()
  }
  const packet = new Packet()
  let packets = 0
  let checksum = 0
  while (input.readFrame(packet)) {
    packets++
    if (withData) {
      // What a consumer does: take the payload and look at it (the same byte as native.c).
      const payload = packet.data
      checksum += payload[payload.length - 1]
    } else if (output) {
      packet.rescaleTimestamps(
        input.streams[packet.streamIndex].timeBase,
        output.streams[packet.streamIndex].timeBase
      )
      output.writeFrame(packet)
    } else {
      packet.unref()
    }
  }
  if (output) output.writeTrailer()
  const ms = Number(hrtime.bigint() - start) / 1e6

  console.log(
    JSON.stringify({
      ms,
      packets,
      callbacks,
      checksum,
      bytes: data.length,
      maxRSS: Math.round(os.resourceUsage().maxRSS / 1024)
    })
  )
}

// Single native calls, each repeated CALLS times: a getter and a setter of a packet field, and
// an empty packet's data. Prints the nanoseconds per call of each.
function runCalls() {
  const CALLS = 1_000_000
  const packet = new Packet()
  const time = (fn) => {
    fn(1000) // warm up
    const start = hrtime.bigint()
    fn(CALLS)
    return Number(hrtime.bigint() - start) / CALLS
  }
  let sink = 0
  const result = {
    get: time((n) => {
      for (let i = 0; i < n; i++) sink += packet.pts
    }),
    set: time((n) => {
      for (let i = 0; i < n; i++) packet.pts = i
    }),
    data: time((n) => {
      for (let i = 0; i < n; i++) sink += packet.data.length
    })
  }
  console.log(JSON.stringify({ ...result, sink: sink === 0 ? 0 : 1 }))
}
