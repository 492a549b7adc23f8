// The muxer fuzz harness: random sequences of OutputFormatContext calls (in any order, sync and
// async mixed, some not awaited), random stream settings, packets with random fields, and I/O
// callbacks that fail, throw or return wrong values. Every call must return or throw an Error;
// a crash (or a thrown non-Error) fails the run. Used by test/fuzz.js (CI) and scripts/fuzz.sh
// (long runs, mode `output`).
const {
  IOContext,
  InputFormatContext,
  OutputFormatContext,
  Packet,
  Rational,
  log,
  constants
} = require('..')
const { fixture } = require('./helpers')
const { random } = require('./fuzz-random')

// FUZZ_DETAIL=1: outcomes named by error message too, to see what the cases run into.
const DETAIL = require('bare-env').FUZZ_DETAIL === '1'

const FORMATS = ['matroska', 'webm', 'mp4', 'mpegts', 'ogg', 'wav', 'flac', 'mp3', 'adts', 'mov']
// The fixtures to take streams and packets from, with formats that can hold their codecs.
const SOURCES = {
  'sample.mkv': ['matroska', 'mp4', 'mov', 'mpegts'],
  'sample.mp4': ['matroska', 'mp4', 'mov', 'mpegts'],
  'sample.webm': ['webm', 'matroska'],
  'sample.wav': ['wav', 'matroska', 'mov'],
  'sample.opus': ['ogg', 'webm', 'matroska', 'mp4']
}

// Real streams and packets to draw from, read once: per source, the open input (its streams'
// codec parameters) and a few packets' payloads and fields.
let sources = null
function loadSources() {
  sources = Object.entries(SOURCES).map(([file, formats]) => {
    const input = new InputFormatContext(new IOContext(fixture(file)))
    const packets = []
    const packet = new Packet()
    while (packets.length < 40 && input.readFrame(packet)) {
      packets.push({
        data: packet.copyData(),
        streamIndex: packet.streamIndex,
        pts: packet.pts,
        dts: packet.dts,
        duration: packet.duration,
        key: packet.isKeyframe
      })
    }
    packet.destroy()
    return { input, packets, formats }
  })
}

const pick = (rnd, list) => list[Math.floor(rnd() * list.length)]
const int = (rnd, n) => Math.floor(rnd() * n)

// A value for a numeric field: mostly sensible, sometimes hostile.
function number(rnd) {
  return pick(rnd, [
    0,
    1,
    2,
    48000,
    64,
    -1,
    2 ** 31,
    -(2 ** 31),
    2 ** 53,
    NaN,
    Infinity,
    0.5,
    int(rnd, 1000)
  ])
}

function anything(rnd) {
  return pick(rnd, [number(rnd), 'x', null, undefined, {}, [], true, new Rational(1, 0)])
}

// The I/O side: collects bytes, maybe seekable, maybe failing now and then.
function sink(rnd, ordered) {
  const modes = ['ok', 'ok', 'ok', 'throw', 'short', 'bad', 'async']
  const mode = ordered && rnd() < 0.6 ? 'ok' : pick(rnd, modes)
  const seekable = rnd() < 0.6
  let size = 0
  let pos = 0
  return new IOContext(1 + int(rnd, 8192), {
    onwrite(buffer) {
      if (mode === 'throw' && rnd() < 0.2) throw new Error('onwrite failed')
      if (mode === 'short' && rnd() < 0.2) return Math.floor(buffer.length / 2)
      if (mode === 'bad' && rnd() < 0.2) return anything(rnd)
      pos += buffer.length
      size = Math.max(size, pos)
      return mode === 'async' ? Promise.resolve(buffer.length) : buffer.length
    },
    onseek: seekable
      ? (offset, whence) => {
          if (mode === 'bad' && rnd() < 0.2) return anything(rnd)
          if (whence === constants.seek.SIZE) return size
          if (whence === constants.seek.SET) return (pos = offset)
          if (whence === constants.seek.CUR) return (pos += offset)
          if (whence === constants.seek.END) return (pos = size + offset)
          return -1
        }
      : undefined
  })
}

// Operation kinds (see step()): 0-1 create a stream, 4 write the header, 5-8 write a packet,
// 9-10 write the trailer.
const CREATE = 0
const HEADER = 4
const FRAME = 5
const TRAILER = 9

// One operation of kind `kind` (0-13) on `output`; returns a Promise for the asynchronous ones.
// `source` gives the streams and packets; `order`, when set, counts the packets written in order.
function step(rnd, output, pending, kind, source, order) {
  switch (kind) {
    case 0:
    case 1: {
      const from = source.input.streams[output.streams.length] ?? pick(rnd, source.input.streams)
      const stream = output.createStream()
      if (rnd() < 0.9) stream.codecParameters.copyFrom(from.codecParameters)
      if (order || rnd() < 0.3) stream.codecParameters.tag = 0
      stream.timeBase = rnd() < 0.9 ? from.timeBase : new Rational(int(rnd, 3), int(rnd, 3))
      return
    }
    case 2: {
      const stream = pick(rnd, output.streams)
      if (!stream) return
      const fields = Object.keys(stream.codecParameters.toJSON())
      stream.codecParameters[pick(rnd, fields)] = rnd() < 0.7 ? number(rnd) : anything(rnd)
      return
    }
    case 3:
      if (rnd() < 0.5) output.metadata = { title: 'fuzz', drop: null }
      else if (output.streams.length) pick(rnd, output.streams).metadata = { language: 'eng' }
      return
    case 4: {
      // In order: what the format needs to stream (fragmented MP4); else anything.
      const fragmented = /mp4|mov/.test(output.outputFormat.name)
      const options = order
        ? fragmented
          ? { movflags: 'frag_keyframe+empty_moov' }
          : undefined
        : pick(rnd, [
            undefined,
            { movflags: 'frag_keyframe+empty_moov' },
            { movflags: 'faststart' },
            { nonsense: '1' },
            { cluster_size_limit: '-5' }
          ])
      if (rnd() < 0.3) return output.writeHeaderAsync(options)
      output.writeHeader(options)
      return
    }
    case 5:
    case 6:
    case 7:
    case 8: {
      const from = order ? source.packets[order.next++] : pick(rnd, source.packets)
      const packet = new Packet(from.data)
      const destroy = () => packet.destroy()
      packet.streamIndex =
        rnd() < 0.9 ? from.streamIndex % Math.max(1, output.streams.length) : number(rnd)
      packet.pts = rnd() < 0.9 ? from.pts : number(rnd)
      packet.dts = rnd() < 0.9 ? from.dts : number(rnd)
      packet.duration = from.duration
      packet.isKeyframe = from.key
      if (rnd() < 0.3) {
        const p = output.writeFrameAsync(packet)
        pending.push(p.then(destroy, destroy)) // the caller counts the outcome of `p` itself
        return p
      }
      try {
        output.writeFrame(packet)
      } finally {
        if (rnd() < 0.5) packet.destroy()
      }
      return
    }
    case 9:
    case 10:
      if (rnd() < 0.3) return output.writeTrailerAsync()
      output.writeTrailer()
      return
    case 11:
      if (rnd() < 0.1) output.destroy()
      return
    case 12:
      output.duration = number(rnd)
      return
    default:
      void output.streams.map((s) => s.toJSON())
      void output.getBestStream(constants.mediaTypes.AUDIO)
  }
}

// Runs one case; resolves to a map of outcome -> count over its steps ('ok' or an error name).
async function runCase(seed) {
  const rnd = random(seed)
  const outcomes = {}
  const count = (name) => (outcomes[name] = (outcomes[name] || 0) + 1)
  const settle = (err) => {
    if (!(err instanceof Error)) throw new Error(`seed ${seed}: a non-error was thrown: ${err}`)
    count(DETAIL ? err.name + ': ' + err.message.slice(0, 140) : err.name)
  }
  // Half the cases follow the right order (streams, header, packets, trailer) into a format
  // that takes the source's codecs, with a random call in place of one in twenty, so the muxers
  // also get far; the others are random throughout.
  const source = pick(rnd, sources)
  const ordered = rnd() < 0.5
  let output
  try {
    output = new OutputFormatContext(
      pick(rnd, ordered ? source.formats : FORMATS),
      sink(rnd, ordered)
    )
  } catch (err) {
    settle(err)
    return outcomes
  }
  const pending = []
  const order = { next: 0 }
  const plan = ordered
    ? [
        ...source.input.streams.map(() => CREATE),
        HEADER,
        ...Array(int(rnd, source.packets.length)).fill(FRAME),
        TRAILER
      ]
    : Array.from({ length: 1 + int(rnd, 30) }, () => int(rnd, 14))
  for (const planned of plan) {
    const kind = ordered && rnd() < 0.05 ? int(rnd, 14) : planned
    try {
      const result = ordered
        ? step(rnd, output, pending, kind, source, order)
        : step(rnd, output, pending, kind, pick(rnd, sources), null)
      // 'ok' for a call that returned, 'file complete' for a trailer written.
      const done = () => count(kind === TRAILER || kind === TRAILER + 1 ? 'file complete' : 'ok')
      if (result) {
        // Await most asynchronous calls; leave some running so the next call finds it busy.
        if (rnd() < 0.7) await result.then(done, settle)
        else pending.push(result.then(done, settle))
      } else {
        done()
      }
    } catch (err) {
      settle(err)
    }
  }
  await Promise.all(pending)
  output.destroy()
  return outcomes
}

async function run(first, count) {
  if (!sources) loadSources()
  const previous = log.level
  log.level = log.QUIET
  const outcomes = {}
  try {
    for (let seed = first; seed < first + count; seed++) {
      for (const [name, n] of Object.entries(await runCase(seed))) {
        outcomes[name] = (outcomes[name] || 0) + n
      }
    }
  } finally {
    log.level = previous
  }
  return outcomes
}

module.exports = { run, runCase }

if (require.main === module) {
  // bare test/fuzz-output-harness.js [first seed] [count]
  const first = Number(Bare.argv[2] || 0)
  const count = Number(Bare.argv[3] || 1000)
  const started = Date.now()
  run(first, count).then((outcomes) => {
    console.log(
      `output seeds ${first}..${first + count - 1}: ${JSON.stringify(outcomes)} ` +
        `in ${Date.now() - started} ms`
    )
  })
}
