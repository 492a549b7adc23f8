// Subtitles: decoded from each kind of stream (SubRip, WebVTT, ASS, MP4 timed text, DVB bitmaps)
// and compared with what ffprobe -show_frames and ffmpeg make of the same files; encoded and
// muxed, byte for byte what ffmpeg's conversions (-c:s webvtt, -c:s mov_text, -c:s srt) write.
const test = require('brittle')
const fs = require('bare-fs')
const path = require('bare-path')
const { spawnSync } = require('bare-subprocess')
const {
  CodecContext,
  Decoder,
  Encoder,
  IOContext,
  InputFormatContext,
  OutputFormatContext,
  Packet,
  Rational,
  Subtitle
} = require('..')
const { FFMPEG, FFPROBE, FIXTURES, fixture, tmpPath } = require('./helpers')
const dvb = require('./fixtures/make-dvbsub')

const SUBS = path.join(FIXTURES, 'subtitles')

// Every subtitle of the first subtitle stream of `file`, decoded by us.
function decodeAll(file) {
  using input = new InputFormatContext(new IOContext(fs.readFileSync(file)))
  const stream = input.streams.find((s) => s.codecParameters.type === 3)
  using decoder = stream.decoder()
  decoder.open()
  using packet = new Packet()
  const subtitles = []
  while (input.readFrame(packet)) {
    if (packet.streamIndex !== stream.index) continue
    const subtitle = decoder.decodeSubtitle(packet)
    if (subtitle) subtitles.push(subtitle)
  }
  const last = decoder.decodeSubtitle()
  if (last) subtitles.push(last)
  return { subtitles, timeBase: stream.timeBase }
}

// ffprobe's subtitle frames of `file`: pts (microseconds), format, display times, rectangles.
function probed(file) {
  const result = spawnSync(
    FFPROBE,
    ['-v', 'error', '-select_streams', 's:0', '-show_frames', '-of', 'json', file],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  return JSON.parse(result.stdout.toString()).frames.map((f) => ({
    pts: f.pts,
    format: f.format,
    startDisplayTime: f.start_display_time,
    endDisplayTime: f.end_display_time,
    rects: f.num_rects
  }))
}

const shape = (s) => ({
  pts: s.pts,
  format: s.format,
  startDisplayTime: s.startDisplayTime,
  endDisplayTime: s.endDisplayTime,
  rects: s.rects.length
})

// The text of each event ffmpeg writes when it converts `file` to ASS (what follows the
// Dialogue line's nine fields).
function ffmpegEvents(file) {
  const out = tmpPath('subtitle-events.ass')
  const made = spawnSync(FFMPEG, ['-v', 'error', '-y', '-i', file, '-map', '0:s:0', out])
  if (made.status !== 0) throw new Error(`ffmpeg failed on ${file}`)
  const text = fs.readFileSync(out, 'utf8')
  fs.rmSync(out)
  return text
    .split('\n')
    .filter((l) => l.startsWith('Dialogue: '))
    .map((l) => l.split(',').slice(9).join(','))
}

// The event text of our ASS line (after its eight fields: ReadOrder, Layer, Style, ...).
const eventText = (s) => s.rects[0].ass.split(',').slice(8).join(',')

for (const [name, file] of [
  ['SubRip in Matroska', 'subtitles.mkv'],
  ['SubRip', 'subtitles/cues.srt'],
  ['WebVTT', 'subtitles/cues.vtt'],
  ['ASS', 'subtitles/cues.ass'],
  ['MP4 timed text (mov_text)', 'subtitles/mov_text.mp4']
]) {
  test(`${name}: decoded as ffprobe -show_frames lists it, with ffmpeg's text`, (t) => {
    const where = path.join(FIXTURES, file)
    const { subtitles, timeBase } = decodeAll(where)
    t.alike(subtitles.map(shape), probed(where), `${subtitles.length} subtitles: timing, rects`)
    t.ok(
      subtitles.every((s) => s.rects.every((r) => r.type === 'ass')),
      'text decoders give ASS events'
    )
    t.alike(subtitles.map(eventText), ffmpegEvents(where), 'the text of every event, as ffmpeg')
    // When each shows, in seconds and in the stream's time base.
    const first = subtitles[0]
    t.is(first.start, 0.2)
    t.is(first.end, 0.9)
    t.is(first.startIn(timeBase), Rational.rescaleQ(200, new Rational(1, 1000), timeBase))
  })
}

test('DVB bitmaps: rectangles with their position, palette and pixels', (t) => {
  const where = path.join(SUBS, 'dvb.mkv')
  const { subtitles } = decodeAll(where)
  t.alike(subtitles.map(shape), probed(where), 'timing and rectangles as ffprobe -show_frames')
  dvb.CUES.forEach((cue, i) => {
    const [rect] = subtitles[i].rects
    t.is(rect.type, 'bitmap')
    t.alike([rect.x, rect.y, rect.width, rect.height], [cue.x, cue.y, 16, 8], 'position and size')
    t.alike(rect.bitmap, dvb.box(cue.reversed), 'every pixel: the palette index drawn')
    // DVB keeps colours as YCbCr: each ARGB channel comes back within 2 of what was drawn.
    const channels = (c) => [24, 16, 8, 0].map((shift) => (c >>> shift) & 0xff)
    const near = [...rect.bitmap].every((index, i) => {
      const drawn = channels(dvb.PALETTE[dvb.box(cue.reversed)[i]])
      return channels(rect.palette[index]).every((v, c) => Math.abs(v - drawn[c]) <= 2)
    })
    t.ok(near, 'every pixel: the colour drawn (ARGB, within YCbCr rounding)')
  })
})

// Our conversion: every subtitle of `from` decoded, encoded with `encoder` and muxed as
// `format` into `to`; `video` copies the input's video stream first.
function convert(from, to, format, encoderName, { video = false } = {}) {
  using input = new InputFormatContext(IOContext.fromFile(from))
  const source = input.streams.find((s) => s.codecParameters.type === 3)
  using decoder = source.decoder()
  decoder.open()
  using encoder = new CodecContext(new Encoder(encoderName))
  encoder.timeBase = new Rational(1, 1000000) // ffmpeg's for subtitle encoders: microseconds
  // As ffmpeg does: the decoder's ASS header (styles) to the encoder.
  if (decoder.subtitleHeader !== null) encoder.subtitleHeader = decoder.subtitleHeader
  encoder.open()
  using output = new OutputFormatContext(format, IOContext.toFile(to))
  const map = new Map()
  if (video) {
    const v = input.streams.find((s) => s.codecParameters.type === 0)
    const out = output.createStream()
    out.codecParameters.copyFrom(v.codecParameters)
    out.codecParameters.tag = 0
    out.timeBase = v.timeBase
    map.set(v.index, out)
  }
  const sub = output.createStream()
  sub.codecParameters.fromContext(encoder)
  sub.timeBase = encoder.timeBase
  output.writeHeader({ fflags: 'bitexact' })
  using packet = new Packet()
  using encoded = new Packet()
  while (input.readFrame(packet)) {
    if (packet.streamIndex === source.index) {
      const subtitle = decoder.decodeSubtitle(packet)
      if (!subtitle) continue
      encoder.encodeSubtitle(subtitle, encoded)
      encoded.streamIndex = sub.index
      encoded.rescaleTimestamps(encoder.timeBase, sub.timeBase)
      output.writeFrame(encoded)
    } else if (map.has(packet.streamIndex)) {
      const out = map.get(packet.streamIndex)
      packet.rescaleTimestamps(input.streams[packet.streamIndex].timeBase, out.timeBase)
      packet.streamIndex = out.index
      output.writeFrame(packet)
    }
  }
  output.writeTrailer()
}

function sameAsFFmpeg(t, from, format, encoderName, { video = false } = {}) {
  const ours = tmpPath(`subtitle-ours.${format}`)
  const theirs = tmpPath(`subtitle-theirs.${format}`)
  convert(from, ours, format, encoderName, { video })
  const maps = video ? ['-map', '0:v', '-map', '0:s', '-c:v', 'copy'] : ['-map', '0:s']
  const made = spawnSync(FFMPEG, [
    ...['-v', 'error', '-y', '-i', from, ...maps, '-c:s', encoderName],
    ...['-fflags', '+bitexact', '-map_metadata', '-1', '-f', format, theirs]
  ])
  t.is(made.status, 0, `ffmpeg -c:s ${encoderName}: ${made.stderr}`)
  const a = fs.readFileSync(ours)
  const b = fs.readFileSync(theirs)
  t.ok(
    a.equals(b),
    `${path.basename(from)} to ${format}: byte for byte as ffmpeg -c:s ${encoderName}`
  )
  if (a.equals(b)) {
    fs.rmSync(ours)
    fs.rmSync(theirs)
  }
}

test('SubRip to WebVTT and back to SubRip: byte for byte as ffmpeg -c:s', (t) => {
  sameAsFFmpeg(t, path.join(SUBS, 'cues.srt'), 'webvtt', 'webvtt')
  sameAsFFmpeg(t, path.join(FIXTURES, 'subtitles.mkv'), 'webvtt', 'webvtt')
  sameAsFFmpeg(t, path.join(SUBS, 'cues.vtt'), 'srt', 'srt')
  sameAsFFmpeg(t, path.join(SUBS, 'cues.srt'), 'ass', 'ass')
})

test('SubRip into MP4 timed text beside the video: byte for byte as ffmpeg -c:s mov_text', (t) => {
  sameAsFFmpeg(t, path.join(FIXTURES, 'subtitles.mkv'), 'mp4', 'mov_text', { video: true })
})

test('bitmap subtitles encode too (dvbsub): what comes back is what was drawn', (t) => {
  const file = tmpPath('subtitle-dvb.mkv')
  dvb.make(file)
  const { subtitles } = decodeAll(file)
  t.is(subtitles.length, 2)
  t.alike(subtitles[1].rects[0].bitmap, dvb.box(true))
  t.alike(fs.readFileSync(file), fs.readFileSync(path.join(SUBS, 'dvb.mkv')), 'as the fixture')
  fs.rmSync(file)
})

test('subtitle calls on other codecs, and other calls on subtitle codecs, say what to use', (t) => {
  using input = new InputFormatContext(new IOContext(fixture('subtitles.mkv')))
  using packet = new Packet()
  while (input.readFrame(packet) && packet.streamIndex !== 1);
  using subrip = input.streams[1].decoder()
  t.exception(() => subrip.decodeSubtitle(packet), /not open: call open\(\) before decodeSubtitle/)
  subrip.open()
  t.exception(() => subrip.sendPacket(packet), /subrip is a subtitle codec: use decodeSubtitle/)
  using video = input.streams[0].decoder()
  video.open()
  t.exception(() => video.decodeSubtitle(packet), /mpeg4 is not a subtitle codec/)
  using encoder = new CodecContext(new Encoder('webvtt'))
  encoder.timeBase = new Rational(1, 1000)
  encoder.open()
  t.exception.all(() => encoder.decodeSubtitle(packet), TypeError, 'an encoder does not decode')
  using decoder = new CodecContext(new Decoder('webvtt'))
  decoder.open()
  t.exception.all(() => decoder.encodeSubtitle(new Subtitle(), packet), TypeError)
  t.exception.all(() => encoder.encodeSubtitle({ rects: [{ type: 'png' }] }, packet), TypeError)
  t.exception.all(() => encoder.encodeSubtitle({ format: 2 }, packet), RangeError)
  t.exception.all(
    () =>
      encoder.encodeSubtitle(
        {
          format: 0,
          rects: [
            {
              type: 'bitmap',
              width: 4,
              height: 4,
              bitmap: new Uint8Array(3),
              palette: new Uint32Array(1)
            }
          ]
        },
        packet
      ),
    RangeError,
    'a bitmap smaller than its size'
  )
})
