// Option discovery: the options FFmpeg describes for encoders, decoders, muxers, demuxers,
// filters, bitstream filters and the generic contexts, each compared with what `ffmpeg -h` of
// the same FFmpeg prints for it (name, type, flags, help, named values).
const test = require('brittle')
const { spawnSync } = require('bare-subprocess')
const ffmpeg = require('..')
const { FFMPEG } = require('./helpers')

const {
  BitstreamFilter,
  CodecContext,
  Decoder,
  Encoder,
  Filter,
  InputFormat,
  InputFormatContext,
  OutputFormat,
  OutputFormatContext,
  Resampler,
  Scaler
} = ffmpeg

// ffmpeg -h's names for our types.
const TYPES = {
  imageSize: 'image_size',
  pixelFormat: 'pix_fmt',
  sampleFormat: 'sample_fmt',
  videoRate: 'video_rate',
  bool: 'boolean',
  channelLayout: 'channel_layout',
  uint: 'unsigned'
}

// ffmpeg -h's flag letters, in its order.
const LETTERS = [
  ['E', 'encoding'],
  ['D', 'decoding'],
  ['F', 'filtering'],
  ['V', 'video'],
  ['A', 'audio'],
  ['S', 'subtitle'],
  ['X', 'export'],
  ['R', 'readonly'],
  ['B', 'bsf'],
  ['T', 'runtime'],
  ['P', 'deprecated']
]

const letters = (flags) => LETTERS.map(([l, f]) => (flags.includes(f) ? l : '.')).join('')

// The options `ffmpeg -h topic` lists in its section `heading` ("libopus AVOptions:"), as
// { name, type, flags, help, values: [name, ...] }.
function listed(topic, heading) {
  const result = spawnSync(FFMPEG, ['-hide_banner', '-h', topic], {
    stdio: ['ignore', 'pipe', 'ignore']
  })
  const lines = result.stdout.toString().split('\n')
  const start = lines.indexOf(heading)
  if (start < 0) throw new Error(`ffmpeg -h ${topic} has no section ${heading}`)
  const options = []
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || /AVOptions:$/.test(line)) break
    const option = /^ {2,3}-?(\S+)\s+(\[?)<(\w+)>\s*\]?\s*([A-Z.]{11}) ?(.*)$/.exec(line)
    if (option) {
      const [, name, array, type, flags, rest] = option
      options.push({ name, type, array: array === '[', flags, rest, values: [] })
      continue
    }
    const value = /^ {5}(\S+)\s+.*?([A-Z.]{11})/.exec(line)
    if (value && options.length) options[options.length - 1].values.push(value[1])
  }
  return options
}

function compare(t, ours, topic, heading) {
  const theirs = listed(topic, heading)
  t.ok(theirs.length > 0, `ffmpeg -h ${topic}: ${theirs.length} options`)
  const byName = new Map(ours.map((o) => [o.name, o]))
  const wrong = []
  for (const their of theirs) {
    const our = byName.get(their.name)
    if (!our) {
      wrong.push(`${their.name}: missing`)
      continue
    }
    const type = TYPES[our.type] ?? our.type
    if (type !== their.type) wrong.push(`${their.name}: type ${type}, ffmpeg ${their.type}`)
    if (our.array !== their.array) wrong.push(`${their.name}: array ${our.array}`)
    if (letters(our.flags) !== their.flags) {
      wrong.push(`${their.name}: flags ${letters(our.flags)}, ffmpeg ${their.flags}`)
    }
    if (!their.rest.startsWith(our.help)) wrong.push(`${their.name}: help ${our.help}`)
    // ffmpeg -h leaves out the named values without flags (AVCodecContext's flags=qscale).
    const values = our.values.filter((v) => v.flags.length > 0).map((v) => v.name)
    if (values.join() !== their.values.join()) {
      wrong.push(`${their.name}: values ${values}, ffmpeg ${their.values}`)
    }
  }
  t.alike(wrong, [], `every option ffmpeg -h ${topic} lists, as it lists it`)
  return theirs
}

test('encoders: the options of each encoder the build carries, as ffmpeg -h encoder=', (t) => {
  for (const [name, heading] of [
    ['libvpx', 'libvpx-vp8 encoder AVOptions:'],
    ['libvpx-vp9', 'libvpx-vp9 encoder AVOptions:'],
    ['libopus', 'libopus AVOptions:'],
    ['libsvtav1', 'libsvtav1 AVOptions:'],
    ['libopenh264', 'libopenh264enc AVOptions:'],
    ['libkvazaar', 'libkvazaar AVOptions:'],
    ['libmp3lame', 'libmp3lame encoder AVOptions:'],
    ['aac', 'AAC encoder AVOptions:'],
    ['flac', 'FLAC encoder AVOptions:']
  ]) {
    const ours = new Encoder(name).options
    const theirs = compare(t, ours, `encoder=${name}`, heading)
    t.is(ours.length, theirs.length, `${name}: ${ours.length} options, all of them`)
  }
})

test('an option with named values: its type, default, range and values', (t) => {
  const application = new Encoder('libopus').options.find((o) => o.name === 'application')
  t.is(application.type, 'int')
  t.is(application.default, 2049)
  t.is(application.min, 2048)
  t.is(application.max, 2051)
  t.alike(
    application.values.map((v) => [v.name, v.value]),
    [
      ['voip', 2048],
      ['audio', 2049],
      ['lowdelay', 2051]
    ]
  )
  t.alike(application.flags, ['encoding', 'audio'])
  const fec = new Encoder('libopus').options.find((o) => o.name === 'fec')
  t.is(fec.default, false, 'a boolean default')
  t.is(fec.type, 'bool')
  const precision = new Filter('volume').options.find((o) => o.name === 'volume')
  t.is(precision.default, '1.0', 'a text default')
  t.is(precision.min, null, 'no range for text')
})

test('muxers, demuxers, filters and bitstream filters, as ffmpeg -h', (t) => {
  compare(t, new OutputFormat('hls').options, 'muxer=hls', 'hls muxer AVOptions:')
  compare(
    t,
    new OutputFormat('mp4').options,
    'muxer=mp4',
    'mov/mp4/tgp/psp/tg2/ipod/ismv/f4v muxer AVOptions:'
  )
  compare(t, new InputFormat('mpegts').options, 'demuxer=mpegts', 'mpegts demuxer AVOptions:')
  t.alike(new InputFormat('matroska').options, [], 'a demuxer without options of its own')
  compare(t, new Filter('volume').options, 'filter=volume', 'volume AVOptions:')
  compare(t, new Filter('scale').options, 'filter=scale', 'scale AVOptions:')
  compare(t, BitstreamFilter.options('setts'), 'bsf=setts', 'setts_bsf AVOptions:')
  compare(
    t,
    BitstreamFilter.options('h264_metadata'),
    'bsf=h264_metadata',
    'h264_metadata_bsf AVOptions:'
  )
  t.ok(
    new Decoder('h264').options.some((o) => o.name === 'is_avc'),
    'a decoder too'
  )
})

test('the options every codec context, format context, scaler and resampler has', (t) => {
  compare(t, CodecContext.options, 'full', 'AVCodecContext AVOptions:')
  const flags = CodecContext.options.find((o) => o.name === 'flags')
  t.alike(
    flags.values.find((v) => v.name === 'qscale'),
    { name: 'qscale', value: 2, help: 'use fixed qscale', flags: [] },
    'a named value ffmpeg -h leaves out (it has no flags) is listed too'
  )
  compare(t, InputFormatContext.options, 'full', 'AVFormatContext AVOptions:')
  t.alike(OutputFormatContext.options, InputFormatContext.options, 'one table for both')
  compare(t, Scaler.options, 'full', 'SWScaler AVOptions:')
  compare(t, Resampler.options, 'full', 'SWResampler AVOptions:')
})

test('a name the build lacks is an Error naming it; a wrong type a TypeError', (t) => {
  t.exception(() => BitstreamFilter.options('nope'), /No bitstream filter named "nope"/)
  t.exception.all(() => BitstreamFilter.options(5), TypeError)
})

test('a bad value for an option with named values: the error names them', (t) => {
  const context = new CodecContext(new Encoder('libopus'))
  const error = (() => {
    try {
      context.setOption('application', 'music')
    } catch (err) {
      return err
    }
  })()
  t.ok(error instanceof Error && !(error instanceof TypeError), 'an Error')
  t.ok(/application/.test(error.message), error.message)
  t.ok(/voip, audio, lowdelay/.test(error.message), 'the allowed values')
  context.destroy()
  // The same given to open().
  using opus = new CodecContext(new Encoder('libopus'))
  opus.sampleRate = 48000
  opus.sampleFormat = ffmpeg.constants.sampleFormats.FLT
  opus.channelLayout = ffmpeg.ChannelLayout.from('stereo')
  opus.timeBase = new ffmpeg.Rational(1, 48000)
  t.exception(
    () => opus.open({ application: 'music' }),
    /Could not open the codec \(application's named values: voip, audio, lowdelay\)/
  )
})

test('encoder-options.d.ts is what scripts/encoder-options.js makes of this build', (t) => {
  const fs = require('bare-fs')
  const { generate, file } = require('../scripts/encoder-options')
  const current = fs.readFileSync(file, 'utf8') === generate()
  t.ok(current, 'current (if not: bare scripts/encoder-options.js, and review the change)')
})

test('typed options as open() takes them: names, booleans and numbers become FFmpeg text', (t) => {
  const context = new CodecContext(new Encoder('libopus'))
  context.sampleRate = 48000
  context.sampleFormat = ffmpeg.constants.sampleFormats.FLT
  context.channelLayout = ffmpeg.ChannelLayout.from('stereo')
  context.timeBase = new ffmpeg.Rational(1, 48000)
  context.open({ application: 'voip', fec: true, packet_loss: 10, b: 32000 })
  t.is(context.getOption('application'), '2048', 'voip, by its value')
  t.is(context.getOption('fec'), 'true')
  t.is(context.getOption('packet_loss'), '10')
  t.is(context.getOption('b'), '32000')
  context.destroy()
})
