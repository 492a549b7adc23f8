// What a stream says about itself matches ffprobe -show_streams of the same FFmpeg, for every
// fixture: codec, sizes, rates, channel layouts, frame rates; and the still images FFmpeg 5.1
// could not open (AVIF, HEIC) demux like the rest.
const test = require('brittle')
const path = require('bare-path')
const { spawnSync } = require('bare-subprocess')
const { InputFormatContext, IOContext } = require('..')
const { CONTAINERS, FFPROBE, fixture, readAll, probePackets } = require('./helpers')

const IMAGES = ['sample.avif', 'sample.heic']

function probeStreams(file) {
  const result = spawnSync(
    FFPROBE,
    ['-v', 'error', '-show_streams', '-of', 'json', path.join(__dirname, 'fixtures', file)],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  if (result.status !== 0) throw new Error(`ffprobe failed on ${file}`)
  return JSON.parse(result.stdout.toString()).streams
}

const ratio = (r) => `${r.numerator}/${r.denominator}`

for (const file of [...CONTAINERS.map((c) => c.file), ...IMAGES]) {
  test(`${file}: streams match ffprobe -show_streams`, (t) => {
    using input = new InputFormatContext(new IOContext(fixture(file)))
    const expected = probeStreams(file)
    t.is(input.streams.length, expected.length, 'stream count')
    for (const [i, probe] of expected.entries()) {
      const stream = input.streams[i]
      const par = stream.codecParameters
      t.is(stream.codec.name, probe.codec_name, `#${i} codec`)
      t.is(ratio(stream.timeBase), probe.time_base, `#${i} time base`)
      t.is(ratio(stream.avgFramerate), probe.avg_frame_rate, `#${i} average frame rate`)
      t.is(ratio(stream.rFrameRate), probe.r_frame_rate, `#${i} real frame rate`)
      if (probe.codec_type === 'video') {
        t.is(par.width, probe.width, `#${i} width`)
        t.is(par.height, probe.height, `#${i} height`)
        // ffprobe shows no codec-level frame rate: the fixtures are made at 10 fps (images: 1).
        const rate = par.frameRate.numerator / par.frameRate.denominator
        t.ok(rate === 0 || rate === 10 || rate === 1, `#${i} frame rate ${ratio(par.frameRate)}`)
      } else {
        t.is(par.sampleRate, Number(probe.sample_rate), `#${i} sample rate`)
        t.is(par.nbChannels, probe.channels, `#${i} channels`)
        t.is(par.channelLayout.nbChannels, probe.channels, `#${i} layout channels`)
        // ffprobe leaves out a layout of unspecified order (WAV), which FFmpeg calls 'N channels'.
        const layout = probe.channel_layout ?? `${probe.channels} channels`
        t.is(String(par.channelLayout), layout, `#${i} channel layout`)
        t.is(par.channelLayout.mask === 0, probe.channel_layout === undefined, `#${i} mask`)
      }
    }
  })
}

for (const file of IMAGES) {
  test(`${file}: the image's packets match ffprobe`, (t) => {
    using input = new InputFormatContext(new IOContext(fixture(file)))
    const packets = readAll(input)
    t.is(packets.length, 1, 'one picture')
    t.alike(packets, probePackets(file))
  })
}
