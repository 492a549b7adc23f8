// The fuzz harness: mutated and truncated fixtures through buffer and streaming IOContexts,
// opening, reading every packet and seeking. Every case must end in packets or in an error,
// never in a crash. Used by test/fuzz.js (a bounded run in CI) and scripts/fuzz.sh (long runs).
const {
  BitstreamFilter,
  CodecContext,
  Encoder,
  Rational,
  IOContext,
  InputFormatContext,
  Packet,
  Frame,
  Scaler,
  Resampler,
  FFmpegError,
  log,
  constants
} = require('..')
const { CONTAINERS, fixture } = require('./helpers')
const { AudioDecoder, ImageDecoder, VideoDecoder, WebCodecsBridge } = require('../webcodecs')
const DETAIL = require('bare-env').FUZZ_DETAIL === '1' // print each unexpected error
const { random } = require('./fuzz-random')

const MUTATIONS = [
  // flip bits
  (data, rnd) => {
    for (let i = 0, n = 1 + Math.floor(rnd() * 8); i < n; i++) {
      data[Math.floor(rnd() * data.length)] ^= 1 << Math.floor(rnd() * 8)
    }
    return data
  },
  // overwrite bytes with interesting values
  (data, rnd) => {
    const values = [0x00, 0xff, 0x7f, 0x80, 0x01]
    for (let i = 0, n = 1 + Math.floor(rnd() * 8); i < n; i++) {
      data[Math.floor(rnd() * data.length)] = values[Math.floor(rnd() * values.length)]
    }
    return data
  },
  // truncate
  (data, rnd) => data.subarray(0, Math.floor(rnd() * data.length)),
  // delete a chunk
  (data, rnd) => {
    const at = Math.floor(rnd() * data.length)
    const len = Math.floor(rnd() * 512)
    return Buffer.concat([data.subarray(0, at), data.subarray(at + len)])
  },
  // duplicate a chunk
  (data, rnd) => {
    const at = Math.floor(rnd() * data.length)
    const len = Math.floor(rnd() * 512)
    return Buffer.concat([data.subarray(0, at + len), data.subarray(at)])
  },
  // random garbage in the header
  (data, rnd) => {
    for (let i = 0; i < Math.min(64, data.length); i++)
      if (rnd() < 0.2) data[i] = Math.floor(rnd() * 256)
    return data
  }
]

function streaming(data, size) {
  let pos = 0
  return new IOContext(size, {
    onread(buffer, len) {
      const n = Math.max(0, Math.min(len, data.length - pos))
      buffer.set(data.subarray(pos, pos + n))
      pos += n
      return n
    },
    onseek(offset, whence) {
      if (whence === constants.seek.SIZE) return data.length
      if (whence !== constants.seek.SET) return -1
      return (pos = offset)
    }
  })
}

function asyncStreaming(data, size) {
  let pos = 0
  return new IOContext(size, {
    async onread(buffer, len) {
      const n = Math.max(0, Math.min(len, data.length - pos))
      buffer.set(data.subarray(pos, pos + n))
      pos += n
      return n
    },
    async onseek(offset, whence) {
      if (whence === constants.seek.SIZE) return data.length
      if (whence !== constants.seek.SET) return -1
      return (pos = offset)
    }
  })
}

// Every container, plus a concat script and an HLS playlist that name other files (without
// onopen they must stay refused however they are mutated: see test/nested.js).
const FILES = [...CONTAINERS.map((c) => c.file), 'nested.ffconcat', 'nested.m3u8']
// Every fourth round of seeds over FILES takes one of these instead (so that the seeds other
// tests name keep their file): files with subtitle streams (SubRip, DVB bitmaps, MP4 timed text:
// each subtitle decoded, then encoded again), one with a display matrix, a damaged H.264 MP4.
const EXTRA = [
  'subtitles.mkv',
  'rotated.mp4',
  'damaged.mp4',
  'subtitles/dvb.mkv',
  'subtitles/mov_text.mp4'
]

function fileOf(seed) {
  const round = Math.floor(seed / FILES.length)
  return round % 4 === 3 ? EXTRA[round % EXTRA.length] : FILES[seed % FILES.length]
}

// The mutated input for a seed, and the PRNG to go on with.
function mutated(seed) {
  const rnd = random(seed)
  const file = fileOf(seed)
  return { data: mutate(Buffer.from(fixture(file)), rnd), rnd, file }
}

function mutate(data, rnd) {
  for (let i = 0, n = 1 + Math.floor(rnd() * 3); i < n; i++) {
    data = MUTATIONS[Math.floor(rnd() * MUTATIONS.length)](data, rnd)
  }
  return data
}

// What the fuzzed onopen throws: the call that made FFmpeg open must throw it, as it is.
class OnOpenFailure extends Error {
  name = 'OnOpenFailure'
}

// The options for a case. Half the playlists and scripts get an `onopen` that serves every
// nested open with another mutated container (or refuses, or throws), and HLS is then forced.
function inputOptions(file, rnd, { async = false } = {}) {
  const opts = { options: { probesize: '65536' } }
  if (!file.startsWith('nested') || rnd() < 0.5) return opts
  if (file.endsWith('.m3u8')) {
    // A playlist mutated into a live one makes FFmpeg wait for reloads: give up at once.
    Object.assign(opts, { format: 'hls', url: 'nested.m3u8' })
    Object.assign(opts.options, { max_reload: '1', m3u8_hold_counters: '1' })
  }
  opts.onopen = () => {
    const r = rnd()
    if (r < 0.1) throw new OnOpenFailure()
    if (r < 0.25) return null
    const data = mutate(
      Buffer.from(fixture(CONTAINERS[Math.floor(rnd() * CONTAINERS.length)].file)),
      rnd
    )
    const io = async ? asyncStreaming(data, 4096) : streaming(data, 4096)
    return async && rnd() < 0.5 ? Promise.resolve(io) : io
  }
  return opts
}

// Converts each decoded frame as an app would: pictures through a Scaler to 32x24 RGBA, sound
// through a Resampler to 16 kHz mono. A converter is made for each new format and size (corrupt
// streams change them midway); what swscale or swresample cannot take is refused when it is
// made (FFmpegError, or RangeError for sizes and rates out of range), never a crash.
const converted = { pictures: 0, sounds: 0, subtitles: 0, webcodecs: 0, images: 0 } // frames converted so far, for the tests to check

function converting() {
  let key = null
  let converter = null
  const out = new Frame()
  const make = (frame) => {
    const audio = frame.nbSamples > 0
    const now = audio
      ? `a${frame.format}/${frame.sampleRate}/${frame.channelLayout.nbChannels}`
      : `v${frame.format}/${frame.width}/${frame.height}`
    if (now === key) return
    converter?.destroy()
    converter = null
    key = now
    try {
      converter = audio
        ? new Resampler(frame.sampleRate, frame.channelLayout, frame.format, 16000, 'MONO', 'S16')
        : new Scaler(frame.format, frame.width, frame.height, 'RGBA', 32, 24)
    } catch (err) {
      if (!(err instanceof FFmpegError) && !(err instanceof RangeError)) throw err
    }
  }
  return {
    convert(frame) {
      make(frame)
      if (!converter) return
      out.unref()
      try {
        if (converter instanceof Scaler) {
          converter.scale(frame, out)
          converted.pictures++
        } else {
          converter.convert(frame, out)
          converted.sounds++
        }
      } catch (err) {
        if (!(err instanceof FFmpegError)) throw err
      }
    },
    [Symbol.dispose]() {
      converter?.destroy()
      out.destroy()
    }
  }
}

// Decoders for a case's streams, made on first use (none for a codec the build cannot decode,
// or parameters the decoder refuses): the mutated packets go through them, and corrupt data is
// an FFmpegError, never a crash.
function decoding(input) {
  const decoders = new Map()
  const frame = new Frame()
  const converters = new Map()
  const decoderOf = (index) => {
    if (!decoders.has(index)) {
      let decoder = null
      try {
        decoder = input.streams[index].decoder()
        decoder.open({ threads: '1' })
      } catch (err) {
        if (!(err instanceof FFmpegError)) throw err
        decoder?.destroy()
        decoder = null
      }
      decoders.set(index, decoder)
    }
    return decoders.get(index)
  }
  return {
    decode(packet) {
      const decoder = decoderOf(packet.streamIndex)
      if (!decoder) return
      try {
        if (input.streams[packet.streamIndex].codecParameters.type === 3) {
          const subtitle = decoder.decodeSubtitle(packet)
          if (subtitle) reencode(subtitle)
          return
        }
        decoder.sendPacket(packet)
        if (!converters.has(packet.streamIndex)) converters.set(packet.streamIndex, converting())
        const converter = converters.get(packet.streamIndex)
        while (decoder.receiveFrame(frame)) converter.convert(frame)
      } catch (err) {
        if (!(err instanceof FFmpegError)) throw err
      }
    },
    [Symbol.dispose]() {
      for (const decoder of decoders.values()) decoder?.destroy()
      for (const converter of converters.values()) converter[Symbol.dispose]()
      frame.destroy()
    }
  }
}

// A decoded subtitle, encoded again: text as WebVTT, bitmaps as DVB (whatever the fuzzed decoder
// made of positions, sizes and palettes).
const subtitleEncoders = new Map()
function reencode(subtitle) {
  const name = subtitle.format === 0 ? 'dvbsub' : 'webvtt'
  if (!subtitleEncoders.has(name)) {
    const encoder = new CodecContext(new Encoder(name))
    encoder.timeBase = new Rational(1, 1000)
    encoder.open()
    subtitleEncoders.set(name, encoder)
  }
  using packet = new Packet()
  subtitleEncoders.get(name).encodeSubtitle(subtitle, packet)
  converted.subtitles++
}

// The bitstream filter a stream's packets go through, by codec (then, every third seed, the
// headers extracted too where the filter reads them).
const FILTERS = {
  h264: ['h264_mp4toannexb', 'h264_mp4toannexb,extract_extradata'],
  hevc: ['hevc_mp4toannexb', 'hevc_mp4toannexb,extract_extradata'],
  aac: ['aac_adtstoasc'],
  mpeg4: ['mpeg4_unpack_bframes', 'extract_extradata'],
  vp9: ['vp9_superframe'],
  av1: ['av1_frame_merge', 'extract_extradata']
}

// Bitstream filters for a case's streams, made on first use (none where the filter refuses the
// stream's parameters): the mutated packets go through them, and what a filter cannot read is an
// FFmpegError, never a crash.
function filtering(input, seed) {
  const filters = new Map()
  const out = new Packet()
  const filterOf = (index) => {
    if (!filters.has(index)) {
      const stream = input.streams[index]
      const choices = FILTERS[stream.codec.name] || ['setts=pts=PTS+1:dts=DTS+1']
      let bsf = null
      try {
        bsf = new BitstreamFilter(choices[seed % 3 === 2 ? choices.length - 1 : 0])
        bsf.inputCodecParameters = stream.codecParameters
        bsf.inputTimeBase = stream.timeBase
        bsf.init()
      } catch (err) {
        if (!(err instanceof FFmpegError)) throw err
        bsf?.destroy()
        bsf = null
      }
      filters.set(index, bsf)
    }
    return filters.get(index)
  }
  return {
    filter(packet) {
      const bsf = filterOf(packet.streamIndex)
      if (!bsf) return
      try {
        if (!bsf.sendPacket(packet)) bsf.reset() // a filter that stopped taking packets
        while (bsf.receivePacket(out)) void out.data
      } catch (err) {
        if (!(err instanceof FFmpegError)) throw err
      }
    },
    [Symbol.dispose]() {
      for (const bsf of filters.values()) {
        if (!bsf) continue
        try {
          bsf.sendPacket()
          while (bsf.receivePacket(out)) void out.data
        } catch (err) {
          if (!(err instanceof FFmpegError)) throw err
        }
        bsf.destroy()
      }
      out.destroy()
    }
  }
}

// A synchronous case's input: the IOContext, the options (maybe an onopen), whether to decode.
function caseInput(seed) {
  const { data, rnd, file } = mutated(seed)
  const io = rnd() < 0.5 ? new IOContext(data) : streaming(data, 1 + Math.floor(rnd() * 8192))
  const decode = rnd() < 0.5
  return { io, options: inputOptions(file, rnd), decode, rnd }
}

// Runs one case; returns 'packets' or the error's name. Anything else is a crash. Half the
// cases decode the first packets too, the other half put them through bitstream filters.
function runCase(seed) {
  const { io, options, decode, rnd } = caseInput(seed)
  try {
    using input = new InputFormatContext(io, options)
    using packet = new Packet()
    using decoders = decoding(input)
    using filters = filtering(input, seed)
    let count = 0
    while (count < 10000 && input.readFrame(packet)) {
      void packet.data
      if (count < 200) {
        if (decode) decoders.decode(packet)
        else filters.filter(packet)
      }
      count++
    }
    input.seek(-1, Math.floor(rnd() * 2 * constants.TIME_BASE))
    while (count < 20000 && input.readFrame(packet)) count++
    return 'packets'
  } catch (err) {
    if (!(err instanceof Error)) throw new Error(`seed ${seed}: a non-error was thrown`)
    if (DETAIL && !(err instanceof FFmpegError)) console.error(`seed ${seed}:`, err)
    return err.name
  }
}

// The same through the asynchronous operations (worker thread, Promise callbacks).
// WebCodecs decoders fed the chunks of a fuzzed input's packets (configured from its streams by
// WebCodecsBridge): frames, or the specification's errors (EncodingError, NotSupportedError
// through the error callback; DataError for a first chunk that is not a key one), never a crash.
const WEBCODECS_ERRORS = ['EncodingError', 'NotSupportedError', 'DataError', 'InvalidStateError']
function webcodecsDecoding(input) {
  const decoders = new Map()
  const failures = []
  const decoderOf = (stream) => {
    if (decoders.has(stream.index)) return decoders.get(stream.index)
    let decoder = null
    const config = WebCodecsBridge.decoderConfigOf(stream)
    const type = stream.codecParameters.type
    if (config && (type === 0 || type === 1)) {
      const Decoder = type === 0 ? VideoDecoder : AudioDecoder
      decoder = new Decoder({
        output: (out) => {
          converted.webcodecs++
          out.close()
        },
        error: (e) => failures.push(e)
      })
      try {
        decoder.configure(config)
      } catch (err) {
        if (!(err instanceof TypeError)) throw err // a broken stream's impossible configuration
        decoder = null
      }
    }
    decoders.set(stream.index, decoder)
    return decoder
  }
  const expected = (err) => {
    if (!WEBCODECS_ERRORS.includes(err?.name)) throw err
  }
  return {
    feed(packet) {
      const stream = input.streams[packet.streamIndex]
      const decoder = stream && decoderOf(stream)
      if (!decoder || decoder.state !== 'configured') return
      try {
        decoder.decode(WebCodecsBridge.chunkFromPacket(packet, stream))
      } catch (err) {
        expected(err)
      }
    },
    async finish() {
      for (const decoder of decoders.values()) {
        if (decoder?.state === 'configured') await decoder.flush().catch(expected)
        if (decoder && decoder.state !== 'closed') decoder.close()
      }
      for (const failure of failures) expected(failure)
    }
  }
}

// ImageDecoder fed a mutated image (every odd seed of the async run), as bytes or as a stream of
// chunks, with its own type most of the time (another image type otherwise): frames, or the
// specification's errors, never a crash.
const IMAGES = [
  ['images/tiny.png', 'image/png'],
  ['images/tiny.jpg', 'image/jpeg'],
  ['images/anim.gif', 'image/gif'],
  ['sample.avif', 'image/avif'],
  ['sample.heic', 'image/heic']
]
const IMAGE_ERRORS = ['EncodingError', 'NotSupportedError', 'InvalidStateError']
async function imageDecoding(seed) {
  const rnd = random(seed + 0x100000000) // apart from the case's own sequence
  const [file, ownType] = IMAGES[Math.floor(seed / 2) % IMAGES.length]
  const data = mutate(Buffer.from(fixture(file)), rnd)
  const type = rnd() < 0.8 ? ownType : IMAGES[Math.floor(rnd() * IMAGES.length)][1]
  const size = 1 + Math.floor(rnd() * 512)
  async function* chunks() {
    for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size)
  }
  const decoder = new ImageDecoder({ data: rnd() < 0.5 ? data : chunks(), type })
  try {
    await decoder.tracks.ready
    const count = Math.min(decoder.tracks.selectedTrack.frameCount, 20)
    for (let frameIndex = 0; frameIndex < count; frameIndex++) {
      const { image } = await decoder.decode({ frameIndex })
      converted.images++
      image.close()
    }
  } catch (err) {
    if (!IMAGE_ERRORS.includes(err?.name)) throw err
  } finally {
    decoder.close()
  }
}

async function runCaseAsync(seed) {
  if (seed % 2 === 1) await imageDecoding(seed)
  const { data, rnd, file } = mutated(seed)
  const io = asyncStreaming(data, 1 + Math.floor(rnd() * 8192))
  let input = null
  try {
    input = await InputFormatContext.open(io, inputOptions(file, rnd, { async: true }))
    const webcodecs = seed % 2 === 0 ? webcodecsDecoding(input) : null
    let count = 0
    for await (const packet of input) {
      void packet.data
      webcodecs?.feed(packet)
      if (++count >= 10000) break
    }
    await webcodecs?.finish()
    await input.seekAsync(-1, Math.floor(rnd() * 2 * constants.TIME_BASE))
    return 'packets'
  } catch (err) {
    if (!(err instanceof Error)) throw new Error(`seed ${seed}: a non-error was thrown`)
    return err.name
  } finally {
    if (input) input.destroy()
  }
}

async function runAsync(first, count) {
  const previous = log.level
  log.level = log.QUIET
  const outcomes = {}
  try {
    for (let seed = first; seed < first + count; seed++) {
      const outcome = await runCaseAsync(seed)
      outcomes[outcome] = (outcomes[outcome] || 0) + 1
    }
  } finally {
    log.level = previous
  }
  return outcomes
}

function run(first, count) {
  const previous = log.level
  log.level = log.QUIET // corrupt input makes FFmpeg log a lot
  const outcomes = {}
  try {
    for (let seed = first; seed < first + count; seed++) {
      const outcome = runCase(seed)
      outcomes[outcome] = (outcomes[outcome] || 0) + 1
    }
  } finally {
    log.level = previous
  }
  return outcomes
}

module.exports = { run, runCase, runAsync, caseInput, converted }

if (require.main === module) {
  // bare test/fuzz-harness.js [first seed] [count] [sync|async]
  const first = Number(Bare.argv[2] || 0)
  const count = Number(Bare.argv[3] || 1000)
  const mode = Bare.argv[4] || 'sync'
  const started = Date.now()
  Promise.resolve(mode === 'async' ? runAsync(first, count) : run(first, count)).then(
    (outcomes) => {
      const seeds = `${first}..${first + count - 1}`
      console.log(
        `${mode} seeds ${seeds}: ${JSON.stringify(outcomes)}, converted ${JSON.stringify(converted)} in ${Date.now() - started} ms`
      )
    }
  )
}
