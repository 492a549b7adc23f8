// BitstreamFilter: packets through FFmpeg's bitstream filters, each compared with what
// `ffmpeg -c copy -bsf ...` of the same FFmpeg makes of the same input (framecrc: every packet's
// timestamps, size and Adler-32, and the output extra data).
const test = require('brittle')
const fs = require('bare-fs')
const path = require('bare-path')
const { spawnSync } = require('bare-subprocess')
const {
  BitstreamFilter,
  FFmpegError,
  InputFormatContext,
  IOContext,
  OutputFormatContext,
  Packet,
  Rational
} = require('..')
const { FFMPEG, FIXTURES, fixture, thrown, tmpPath } = require('./helpers')
const { adler32, framecrc } = require('./checksums')

// A filter for `stream`'s packets, initialised.
function filterFor(stream, description) {
  const bsf = new BitstreamFilter(description)
  bsf.inputCodecParameters = stream.codecParameters
  bsf.inputTimeBase = stream.timeBase
  bsf.init()
  return bsf
}

// A packet as framecrc lists it.
const shapeOf = (out) => ({
  pts: out.pts,
  dts: out.dts,
  duration: out.duration,
  size: out.size,
  crc: adler32(out.data)
})

// Every packet of stream `index` of `data` through `description`, as framecrc lists them.
function filtered(data, index, description) {
  using input = new InputFormatContext(new IOContext(data))
  const stream = input.streams[index]
  using bsf = filterFor(stream, description)
  using packet = new Packet()
  using out = new Packet()
  const frames = []
  const drain = () => {
    while (bsf.receivePacket(out)) {
      frames.push(shapeOf(out))
    }
  }
  while (input.readFrame(packet)) {
    if (packet.streamIndex !== index) continue
    const before = { size: packet.size, crc: adler32(packet.data) }
    while (!bsf.sendPacket(packet)) drain()
    if (frames.length === 0 && before.size > 0) {
      // The packet sent is still the caller's, unchanged.
      if (packet.size !== before.size || adler32(packet.data) !== before.crc) {
        throw new Error('sendPacket changed the packet')
      }
    }
    drain()
  }
  bsf.sendPacket()
  drain()
  const parameters = bsf.outputCodecParameters
  const extra = parameters.extraData
  parameters.destroy()
  return {
    timeBase: bsf.outputTimeBase,
    extradata: extra.length ? { size: extra.length, crc: adler32(extra) } : null,
    frames
  }
}

function reference(file, index, description) {
  return framecrc(['-i', file, '-map', `0:${index}`, '-c', 'copy', '-bsf', description])
}

// `dts: false`: the input has no decode timestamps (Matroska HEVC with B-frames), which ffmpeg's
// command line fills in before its filters; a filter passes on what it gets.
function compare(t, file, index, description, { dts = true } = {}) {
  const ours = filtered(fs.readFileSync(file), index, description)
  const theirs = reference(file, index, description)
  const shown = (frames) => (dts ? frames : frames.map(({ dts, ...rest }) => rest))
  t.ok(ours.frames.length > 0, `${ours.frames.length} packets`)
  t.alike(
    shown(ours.frames),
    shown(theirs.frames),
    'every packet: timestamps, size and bytes as ffmpeg'
  )
  t.alike(ours.extradata, theirs.extradata, 'the output extra data as ffmpeg')
  t.is(
    ours.timeBase.toString(),
    `${theirs.timeBase.numerator}/${theirs.timeBase.denominator}`,
    'the time base'
  )
}

test('names: the build carries the filters apps need', (t) => {
  const names = BitstreamFilter.names()
  for (const name of [
    'h264_mp4toannexb',
    'hevc_mp4toannexb',
    'aac_adtstoasc',
    'extract_extradata',
    'setts',
    'dump_extra',
    'vp9_superframe',
    'av1_frame_merge'
  ]) {
    t.ok(names.includes(name), name)
  }
})

test('h264_mp4toannexb: Matroska H.264 into Annex B, as ffmpeg -bsf:v', (t) => {
  compare(t, path.join(FIXTURES, 'codecs', 'h264.mkv'), 0, 'h264_mp4toannexb')
})

test('hevc_mp4toannexb: Matroska HEVC into Annex B, as ffmpeg -bsf:v', (t) => {
  compare(t, path.join(FIXTURES, 'codecs', 'hevc.mkv'), 0, 'hevc_mp4toannexb', { dts: false })
})

test('setts with options: timestamps rewritten, as ffmpeg -bsf:v', (t) => {
  compare(t, path.join(FIXTURES, 'codecs', 'h264.mkv'), 0, 'setts=pts=PTS*2:dts=DTS*2')
})

test('a chain of filters from one string, as ffmpeg -bsf:v', (t) => {
  compare(t, path.join(FIXTURES, 'codecs', 'h264.mkv'), 0, 'h264_mp4toannexb,dump_extra')
  using chain = new BitstreamFilter('h264_mp4toannexb,dump_extra')
  t.is(chain.name, 'bsf_list')
})

test('aac_adtstoasc: ADTS AAC into the form MP4 takes, as ffmpeg -bsf:a', (t) => {
  const adts = tmpPath('bsf-input.aac')
  const made = spawnSync(FFMPEG, [
    '-v',
    'error',
    '-y',
    '-i',
    path.join(FIXTURES, 'codecs', 'aac.m4a'),
    '-c',
    'copy',
    '-f',
    'adts',
    adts
  ])
  t.is(made.status, 0, 'ffmpeg made an ADTS stream')
  compare(t, adts, 0, 'aac_adtstoasc')
  fs.rmSync(adts)
})

test('extract_extradata: the headers an Annex B stream carries in band, as ffmpeg -bsf:v', (t) => {
  // (It reads Annex B: Matroska's length-prefixed H.264 goes through h264_mp4toannexb first.)
  compare(t, path.join(FIXTURES, 'codecs', 'h264.mkv'), 0, 'h264_mp4toannexb,extract_extradata')
})

test("a packet a filter cannot read is an FFmpegError with FFmpeg's reason", (t) => {
  using input = new InputFormatContext(new IOContext(fixture('codecs/h264.mkv')))
  using bsf = new BitstreamFilter('extract_extradata')
  bsf.inputCodecParameters = input.streams[0].codecParameters
  bsf.init()
  using packet = new Packet()
  t.ok(input.readFrame(packet))
  const error = thrown(() => {
    bsf.sendPacket(packet)
    bsf.receivePacket(packet)
  })
  t.ok(error instanceof FFmpegError, 'an FFmpegError')
  t.is(error.code, 'AVERROR_INVALIDDATA')
  t.ok(
    /extract_extradata/.test(error.message) && /No start code/.test(error.message),
    error.message
  )
})

test('the life of a filter: configured, initialised, flushed, reset; errors say what first', (t) => {
  using input = new InputFormatContext(new IOContext(fixture('codecs/h264.mkv')))
  const stream = input.streams[0]
  using bsf = new BitstreamFilter('h264_mp4toannexb')
  using packet = new Packet()
  t.is(bsf.name, 'h264_mp4toannexb')
  t.is(bsf.initialized, false)
  t.exception(() => bsf.sendPacket(packet), /not initialised: call init\(\) before sendPacket/)
  t.exception(() => bsf.receivePacket(packet), /not initialised/)
  t.exception(() => bsf.outputCodecParameters, /its output is known after init/)
  bsf.inputCodecParameters = stream.codecParameters
  bsf.inputTimeBase = stream.timeBase
  bsf.init()
  bsf.init() // again: nothing to do
  t.is(bsf.initialized, true)
  t.ok(bsf.inputTimeBase.equals(stream.timeBase), 'the input time base')
  t.exception(() => (bsf.inputTimeBase = new Rational(1, 90000)), /is initialised/)
  t.exception(() => (bsf.inputCodecParameters = stream.codecParameters), /is initialised/)
  t.exception.all(() => (bsf.inputCodecParameters = {}), TypeError)
  t.exception.all(() => (bsf.inputTimeBase = 5), TypeError)

  t.ok(input.readFrame(packet))
  t.ok(bsf.sendPacket(packet))
  using out = new Packet()
  t.ok(bsf.receivePacket(out), 'a packet out')
  t.ok(out.timeBase.equals(bsf.outputTimeBase), 'in the output time base')
  t.absent(bsf.receivePacket(out), 'none more until the next is sent')
  t.ok(bsf.sendPacket(), 'the flush')
  t.absent(bsf.sendPacket(packet), 'nothing more after the flush')
  t.absent(bsf.receivePacket(out))
  bsf.reset()
  t.ok(bsf.sendPacket(packet), 'taken again after reset()')
  t.ok(bsf.receivePacket(out))
})

test('a name the build lacks, and arguments of the wrong type', (t) => {
  const error = thrown(() => new BitstreamFilter('h264_nope'))
  t.ok(error instanceof Error && !(error instanceof TypeError), 'an Error')
  t.ok(/h264_nope/.test(error.message) && /BitstreamFilter\.names\(\)/.test(error.message))
  t.exception(() => new BitstreamFilter('setts=nope=1'), /setts=nope=1/)
  t.exception.all(() => new BitstreamFilter(5), TypeError)
  t.exception.all(() => new BitstreamFilter('a\0b'), TypeError)
})

test('a destroyed filter says so', (t) => {
  const bsf = new BitstreamFilter('null')
  bsf.destroy()
  t.exception(() => bsf.init(), /destroyed/)
  t.exception(() => bsf.name, /destroyed/)
})

// Every packet of stream `index` through `description` with filterAsync(), in batches of
// `size` (the flush in the last).
async function filteredAsync(data, index, description, size) {
  using input = new InputFormatContext(new IOContext(data))
  const stream = input.streams[index]
  using bsf = filterFor(stream, description)
  const frames = []
  const take = (made) => {
    for (const out of made) {
      t0(out.timeBase.equals(bsf.outputTimeBase))
      frames.push(shapeOf(out))
      out.destroy()
    }
  }
  let batch = []
  let packet = new Packet()
  while (input.readFrame(packet)) {
    if (packet.streamIndex !== index) continue
    batch.push(packet)
    packet = new Packet()
    if (batch.length === size) {
      take(await bsf.filterAsync(batch))
      for (const p of batch) p.destroy()
      batch = []
    }
  }
  packet.destroy()
  batch.push(null)
  take(await bsf.filterAsync(batch))
  for (const p of batch) p?.destroy()
  return frames
}

function t0(ok) {
  if (!ok) throw new Error('a packet out of filterAsync() is not in the output time base')
}

test('filterAsync: batches on the worker pool, the same packets as ffmpeg -bsf:v', async (t) => {
  const file = path.join(FIXTURES, 'codecs', 'h264.mkv')
  const theirs = reference(file, 0, 'h264_mp4toannexb')
  for (const size of [1, 7]) {
    const ours = await filteredAsync(fs.readFileSync(file), 0, 'h264_mp4toannexb', size)
    t.alike(ours, theirs.frames, `batches of ${size}: every packet as ffmpeg`)
  }
  // One packet alone, not in an array.
  using input = new InputFormatContext(new IOContext(fs.readFileSync(file)))
  using bsf = new BitstreamFilter('null')
  bsf.inputCodecParameters = input.streams[0].codecParameters
  bsf.init()
  using packet = new Packet()
  t.ok(input.readFrame(packet))
  const [out, ...rest] = await bsf.filterAsync(packet)
  t.is(rest.length, 0)
  t.alike(out.data, packet.data, 'the null filter passes the packet on')
  out.destroy()
})

test('filterAsync: the life of the filter is checked, and nothing sent is dropped', async (t) => {
  using input = new InputFormatContext(new IOContext(fixture('codecs/h264.mkv')))
  using packet = new Packet()
  t.ok(input.readFrame(packet))
  const bsf = new BitstreamFilter('h264_mp4toannexb')
  await t.exception(bsf.filterAsync([packet]), /not initialised/)
  await t.exception.all(bsf.filterAsync([{}]), TypeError)
  await t.exception.all(bsf.filterAsync(5), TypeError)
  bsf.inputCodecParameters = input.streams[0].codecParameters
  bsf.init()
  t.is((await bsf.filterAsync([packet, null])).length, 1, 'a packet, then the flush')
  // After the flush a packet sent would be lost: refused, until reset().
  await t.exception(bsf.filterAsync([packet]), /flushed: call reset\(\)/)
  bsf.reset()
  t.is((await bsf.filterAsync([packet])).length, 1, 'taken again after reset()')
  // A packet is lent to one operation at a time, so it cannot be twice in a batch.
  await t.exception(bsf.filterAsync([packet, packet]), /busy with filterAsync/)
  // Destroyed while a batch runs: the batch finishes, then says so.
  using second = new Packet()
  t.ok(input.readFrame(second))
  const running = bsf.filterAsync([packet, second])
  bsf.destroy()
  await t.exception(running, /destroyed while filterAsync\(\) was running/)
  await t.exception(bsf.filterAsync([packet]), /destroyed/)
})

// Stream 0 of `from` through `description` into `format`, written by our muxer into `to`.
function remuxFiltered(from, description, format, to, options) {
  using input = new InputFormatContext(IOContext.fromFile(from))
  const stream = input.streams[0]
  using bsf = filterFor(stream, description)
  using output = new OutputFormatContext(format, IOContext.toFile(to))
  const out = output.createStream()
  using parameters = bsf.outputCodecParameters
  out.codecParameters.copyFrom(parameters)
  out.codecParameters.tag = 0
  out.timeBase = stream.timeBase
  out.metadata = stream.metadata
  output.writeHeader(options)
  using packet = new Packet()
  using filtered = new Packet()
  const drain = () => {
    while (bsf.receivePacket(filtered)) {
      filtered.streamIndex = 0
      filtered.rescaleTimestamps(bsf.outputTimeBase, out.timeBase)
      output.writeFrame(filtered)
    }
  }
  while (input.readFrame(packet)) {
    if (packet.streamIndex !== 0) continue
    while (!bsf.sendPacket(packet)) drain()
    drain()
  }
  bsf.sendPacket()
  drain()
  output.writeTrailer()
}

// The same with ffmpeg's command line (`args` after the input's: its muxer options).
function remuxedByFFmpeg(from, description, format, to, args = []) {
  const made = spawnSync(FFMPEG, [
    ...['-v', 'error', '-y', '-i', from, '-map', '0:0', '-c', 'copy', '-bsf', description],
    ...[...args, '-f', format, to]
  ])
  if (made.status !== 0) throw new Error(`ffmpeg failed: ${made.stderr}`)
}

// An input made from the fixtures by ffmpeg (-c copy): an MP4 of the H.264 or HEVC clip.
function copied(fixtureName, name) {
  const file = tmpPath(name)
  const made = spawnSync(FFMPEG, [
    ...['-v', 'error', '-y', '-i', path.join(FIXTURES, 'codecs', fixtureName)],
    ...['-c', 'copy', file]
  ])
  if (made.status !== 0) throw new Error(`ffmpeg failed: ${made.stderr}`)
  return file
}

function sameBytes(t, from, description, format, { options, args } = {}) {
  const ours = tmpPath(`bsf-ours.${format}`)
  const theirs = tmpPath(`bsf-theirs.${format}`)
  remuxFiltered(from, description, format, ours, options)
  remuxedByFFmpeg(from, description, format, theirs, args)
  const a = fs.readFileSync(ours)
  const b = fs.readFileSync(theirs)
  t.ok(a.length > 0, `${a.length} bytes`)
  t.ok(a.equals(b), `byte for byte what ffmpeg -bsf ${description} -f ${format} wrote`)
  fs.rmSync(ours)
  fs.rmSync(theirs)
}

test('MP4 H.264 into raw Annex B and MPEG-TS: byte for byte as ffmpeg', (t) => {
  const mp4 = copied('h264.mkv', 'bsf-h264.mp4')
  sameBytes(t, mp4, 'h264_mp4toannexb', 'h264')
  // ffmpeg's command line delays MPEG-TS by 0.7 s unless told (-muxdelay); the API does not.
  sameBytes(t, mp4, 'h264_mp4toannexb', 'mpegts', { args: ['-muxdelay', '0'] })
  // Or ffmpeg's delay through the API: the output context's max_delay option (microseconds).
  sameBytes(t, mp4, 'h264_mp4toannexb', 'mpegts', { options: { max_delay: '700000' } })
  fs.rmSync(mp4)
})

test('MP4 HEVC into raw Annex B and MPEG-TS: byte for byte as ffmpeg', (t) => {
  const mp4 = copied('hevc.mkv', 'bsf-hevc.mp4')
  sameBytes(t, mp4, 'hevc_mp4toannexb', 'hevc')
  sameBytes(t, mp4, 'hevc_mp4toannexb', 'mpegts', { args: ['-muxdelay', '0'] })
  fs.rmSync(mp4)
})

test('ADTS AAC into MP4 through aac_adtstoasc: byte for byte as ffmpeg', (t) => {
  const adts = tmpPath('bsf-input.aac')
  const made = spawnSync(FFMPEG, [
    ...['-v', 'error', '-y', '-i', path.join(FIXTURES, 'codecs', 'aac.m4a')],
    ...['-c', 'copy', '-f', 'adts', adts]
  ])
  t.is(made.status, 0, 'ffmpeg made an ADTS stream')
  // Bit-exact on both sides: no encoder version written into the file.
  sameBytes(t, adts, 'aac_adtstoasc', 'mp4', {
    options: { fflags: 'bitexact' },
    args: ['-fflags', '+bitexact']
  })
  fs.rmSync(adts)
})
