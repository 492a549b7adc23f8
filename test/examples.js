// The examples, run on the fixtures; their outputs checked with ffprobe.
const test = require('brittle')
const fs = require('bare-fs')
const path = require('bare-path')
const { spawnSync } = require('bare-subprocess')
const probe = require('../examples/probe')
const cut = require('../examples/cut')
const toFragmentedMP4 = require('../examples/fmp4')
const remuxFile = require('../examples/file-async')
const segment = require('../examples/segment')
const transcode = require('../examples/transcode')
const negate = require('../examples/negate')
const changeVolume = require('../examples/volume')
const sineToWebm = require('../examples/sine-to-webm')
const toHls = require('../examples/hls')
const extractSubtitles = require('../examples/subtitles')
const decodeWithWebCodecs = require('../examples/webcodecs-decode')
const encodeWithWebCodecs = require('../examples/webcodecs-encode')
const { FFMPEG, FFPROBE, probePackets, tmpPath } = require('./helpers')
const { packed } = require('./checksums')

const fixturePath = (name) => path.join(__dirname, 'fixtures', name)

function ffprobePackets(file) {
  const result = spawnSync(FFPROBE, ['-v', 'error', '-show_packets', '-of', 'json', file], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  return JSON.parse(result.stdout.toString()).packets
}

test('demo: remuxes the bundled MP4 into Matroska and says so', (t) => {
  const out = tmpPath('demo.mkv')
  const result = spawnSync(
    Bare.argv[0],
    [path.join(__dirname, '..', 'examples', 'demo.js'), fixturePath('sample.mp4'), out],
    {
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  const stdout = result.stdout.toString()
  t.is(result.status, 0, result.stderr.toString())
  t.ok(/#0 video mpeg4 64x48/.test(stdout), stdout)
  t.ok(/#1 audio aac 8000 Hz/.test(stdout))
  t.ok(/read 37 packets \(20 \+ 17 by stream\)/.test(stdout))
  t.ok(/wrote .*demo\.mkv: matroska, \d+ bytes/.test(stdout))
  t.is(ffprobePackets(out).length, 37)
})

test('demo: a bad input fails with a clear message', (t) => {
  const result = spawnSync(
    Bare.argv[0],
    [path.join(__dirname, '..', 'examples', 'demo.js'), fixturePath('make.sh'), tmpPath('x.mkv')],
    {
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  t.is(result.status, 1)
  t.ok(/demo failed: FFmpegError: Could not open input/.test(result.stderr.toString()))
})

test('probe: describes the container, streams and metadata', (t) => {
  const lines = probe(fixturePath('sample.webm'))
  t.is(lines[0], 'format: matroska,webm (Matroska / WebM)')
  t.ok(lines.some((l) => /^stream #0: video vp8, 64x48, 10 fps/.test(l)))
  t.ok(lines.some((l) => /^stream #1: audio opus, 48000 Hz, 1 channel/.test(l)))
  t.ok(lines.some((l) => /ENCODER: Lavc libvpx/.test(l)))
})

test('cut: the output starts on a keyframe at zero and covers the range', (t) => {
  const out = tmpPath('cut.mkv')
  const { counts, from } = cut(fixturePath('sample.mkv'), out, 1.2, 1.8)
  t.ok(from <= 1.2 && from > 0.5, `starts at the keyframe before 1.2 s: ${from}`)
  const packets = ffprobePackets(out)
  const video = packets.filter((p) => p.codec_type === 'video')
  t.is(video.length, counts[0])
  t.is(video[0].flags[0], 'K')
  t.is(Number(video[0].pts_time), 0)
  const last = Number(video[video.length - 1].pts_time)
  t.ok(last >= 1.8 - from - 0.15 && last < 1.8 - from, `last video frame at ${last}`)
})

test('fmp4: an init segment, then fragments; every packet arrives', (t) => {
  const out = tmpPath('fragmented.mp4')
  const boxes = toFragmentedMP4(fixturePath('sample.mkv'), out)
  t.alike(
    boxes.slice(0, 2).map((b) => b.type),
    ['ftyp', 'moov']
  )
  const types = boxes.slice(2).map((b) => b.type)
  t.is(types[types.length - 1], 'mfra', 'the random-access index comes last')
  const rest = types.slice(0, -1)
  t.ok(rest.length >= 4 && rest.length % 2 === 0)
  t.ok(
    rest.every((type, i) => type === (i % 2 === 0 ? 'moof' : 'mdat')),
    rest.join(' ')
  )
  t.is(ffprobePackets(out).length, probePackets('sample.mkv').length)
})

test('file-async: async file handle in, async file handle out; same packets as the sync demo', async (t) => {
  const asyncOut = tmpPath('async.mkv')
  const packets = await remuxFile(fixturePath('sample.mp4'), asyncOut)
  t.is(packets, 37)
  const syncOut = tmpPath('sync.mkv')
  const result = spawnSync(
    Bare.argv[0],
    [path.join(__dirname, '..', 'examples', 'demo.js'), fixturePath('sample.mp4'), syncOut],
    { stdio: 'ignore' }
  )
  t.is(result.status, 0)
  t.alike(ffprobePackets(asyncOut), ffprobePackets(syncOut))
})

// Per stream, the sizes of a file's packets in order (ffprobe's view).
function sizesByStream(packets) {
  const streams = []
  for (const p of packets) (streams[p.stream_index] ??= []).push(Number(p.size))
  return streams
}

for (const [file, seconds, ext] of [
  ['long.mp4', 2, 'mkv'],
  ['long.mp4', 3, 'mp4'],
  ['sample.ts', 1, 'ts'],
  ['sample.webm', 0.5, 'webm']
]) {
  test(`segment: ${file} in ${seconds} s ${ext} segments, each read back by ffprobe`, (t) => {
    const pattern = tmpPath(`segment-${file}-${seconds}-%d.${ext}`)
    const segments = segment(fixturePath(file), seconds, pattern)
    t.ok(segments.length >= 2, `${segments.length} segments`)
    const joined = []
    segments.forEach(({ file: out, from, counts }, i) => {
      const packets = ffprobePackets(out)
      const streams = sizesByStream(packets)
      t.alike(
        streams.map((s) => s.length),
        counts,
        `segment ${i}: ffprobe reads the packets written`
      )
      const video = packets.filter((p) => p.codec_type === 'video')
      t.is(video[0].flags[0], 'K', `segment ${i} starts on a keyframe`)
      // At zero: its presentation time, or its decoding time when the muxer shifted it so that
      // no decoding time is negative (MPEG-TS with reordered frames).
      const zero = Math.min(Number(video[0].pts_time), Number(video[0].dts_time))
      t.ok(Math.abs(zero) < 0.001, `segment ${i} starts at zero (${zero})`)
      if (i < segments.length - 1) {
        t.ok(segments[i + 1].from - from >= seconds, `segment ${i} lasts at least ${seconds} s`)
      }
      streams.forEach((sizes, s) => (joined[s] ??= []).push(...sizes))
    })
    t.alike(
      joined,
      sizesByStream(ffprobePackets(fixturePath(file))),
      'every packet of the input in exactly one segment, in order'
    )
  })
}

test('transcode: the video to VP8 in WebM, every frame', (t) => {
  const out = tmpPath('transcoded.webm')
  const { frames, packets } = transcode(fixturePath('long.mp4'), out)
  const result = spawnSync(
    FFPROBE,
    ['-v', 'error', '-count_frames', '-show_streams', '-of', 'json', out],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  const [stream] = JSON.parse(result.stdout.toString()).streams
  t.is(stream.codec_name, 'vp8')
  t.is(`${stream.width}x${stream.height}`, '64x48')
  const input = ffprobePackets(fixturePath('long.mp4')).filter((p) => p.codec_type === 'video')
  t.is(frames, input.length, `${frames} frames decoded, one per packet of the input`)
  t.is(packets, frames, 'one packet written per frame')
  t.is(Number(stream.nb_read_frames), frames, 'ffprobe decodes as many from the output')
})

test('transcode: RGB pictures go through a Scaler to the yuv420p VP8 takes', (t) => {
  const out = tmpPath('transcoded-png.webm')
  const { frames, packets } = transcode(fixturePath('codecs/png.mkv'), out)
  const stream = ffprobeStream(out)
  t.is(stream.codec_name, 'vp8')
  t.is(stream.pix_fmt, 'yuv420p')
  t.is(frames, packets)
  t.is(Number(stream.nb_read_frames), frames, `${frames} frames, all decodable`)
})

// `ffmpeg -v error <args> -` 's raw output.
function ffmpegRaw(args) {
  const result = spawnSync(FFMPEG, ['-v', 'error', ...args, '-'], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  if (result.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed`)
  return result.stdout
}

function ffprobeStream(file) {
  const result = spawnSync(
    FFPROBE,
    ['-v', 'error', '-count_frames', '-show_streams', '-of', 'json', file],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  return JSON.parse(result.stdout.toString()).streams[0]
}

test('negate: the first picture through a filter graph, as ffmpeg -vf negate, into a PNG', (t) => {
  const out = tmpPath('negated.png')
  const negated = negate(fixturePath('sample.mp4'), out)
  const reference = ffmpegRaw([
    '-i',
    fixturePath('sample.mp4'),
    '-frames:v',
    '1',
    '-vf',
    'negate,format=rgb24',
    '-f',
    'rawvideo'
  ])
  t.alike(packed(negated), reference, 'the pixels ffmpeg makes')
  negated.destroy()
  const stream = ffprobeStream(out)
  t.is(stream.codec_name, 'png')
  t.is(`${stream.width}x${stream.height}`, '64x48')
  t.alike(
    ffmpegRaw(['-i', out, '-f', 'rawvideo', '-pix_fmt', 'rgb24']),
    reference,
    'the PNG holds them'
  )
})

test('volume: sound through volume=0.5 into a WAV, sample for sample as ffmpeg -af', (t) => {
  const out = tmpPath('volume.wav')
  const samples = changeVolume(fixturePath('sample.mp3'), out, 0.5)
  const reference = ffmpegRaw([
    '-i',
    fixturePath('sample.mp3'),
    '-af',
    'volume=0.5,aformat=sample_fmts=s16',
    '-f',
    's16le'
  ])
  const ours = ffmpegRaw(['-i', out, '-f', 's16le'])
  t.is(samples * 2, reference.length, `${samples} samples, as ffmpeg's`)
  t.alike(ours, reference, 'identical samples')
  const stream = ffprobeStream(out)
  t.is(stream.codec_name, 'pcm_s16le')
  t.is(Number(stream.sample_rate), 8000)
})

test('sine-to-webm: a lavfi sine tone to Opus in WebM that ffmpeg decodes back to the tone', (t) => {
  const out = tmpPath('sine.webm')
  t.is(sineToWebm(out, { seconds: 1, frequency: 440 }), 48000, 'one second of samples encoded')
  const stream = ffprobeStream(out)
  t.is(stream.codec_name, 'opus')
  t.is(Number(stream.sample_rate), 48000)
  t.is(stream.channels, 1)
  const raw = ffmpegRaw(['-i', out, '-f', 's16le', '-ac', '1', '-ar', '48000'])
  const pcm = new Int16Array(raw.buffer, raw.byteOffset, raw.length / 2)
  t.ok(pcm.length >= 48000, `${pcm.length} samples decoded`)
  // The tone's frequency from its upward zero crossings over the middle half second.
  let crossings = 0
  for (let i = 12000; i < 36000; i++) if (pcm[i - 1] < 0 && pcm[i] >= 0) crossings++
  t.ok(Math.abs(crossings * 2 - 440) <= 4, `about 440 Hz (${crossings * 2})`)
})

test('hls: MP4 (H.264 and AAC) into a playlist and MPEG-TS segments, byte for byte as ffmpeg', (t) => {
  // The input: the H.264 and AAC clips in one MP4, put together by ffmpeg (-c copy).
  const mp4 = tmpPath('hls-input.mp4')
  const codecs = (name) => path.join(__dirname, 'fixtures', 'codecs', name)
  const made = spawnSync(FFMPEG, [
    ...['-v', 'error', '-y', '-i', codecs('h264.mkv'), '-i', codecs('aac.m4a')],
    ...['-map', '0:v', '-map', '1:a', '-c', 'copy', mp4]
  ])
  t.is(made.status, 0, 'ffmpeg made the MP4')
  const ours = tmpPath('hls-ours')
  const theirs = tmpPath('hls-theirs')
  for (const dir of [ours, theirs]) {
    fs.rmSync(dir, { recursive: true, force: true })
    fs.mkdirSync(dir)
  }
  const { files, counts } = toHls(mp4, ours, { seconds: 0.5 })
  t.alike(files, ['index0.ts', 'index1.ts', 'index.m3u8'], 'the files, through onopen')
  const listed = probePackets(mp4)
  t.alike(
    counts,
    [0, 1].map((i) => listed.filter((p) => p.stream_index === i).length),
    `every packet of both streams, as ffprobe lists them (${counts.join(' + ')})`
  )
  // ffmpeg's command line delays MPEG-TS by 0.7 s unless told (-muxdelay); the API does not.
  const reference = spawnSync(
    FFMPEG,
    [
      ...['-v', 'error', '-y', '-i', mp4, '-c', 'copy', '-bsf:v', 'h264_mp4toannexb'],
      ...['-muxdelay', '0', '-f', 'hls', '-hls_time', '0.5', '-hls_list_size', '0'],
      ...['-hls_playlist_type', 'vod', 'index.m3u8']
    ],
    { cwd: theirs }
  )
  t.is(reference.status, 0, 'ffmpeg made the reference')
  t.alike(fs.readdirSync(ours).sort(), fs.readdirSync(theirs).sort(), 'the same files')
  for (const name of fs.readdirSync(theirs)) {
    const same = fs
      .readFileSync(path.join(ours, name))
      .equals(fs.readFileSync(path.join(theirs, name)))
    t.ok(same, `${name}: byte for byte what ffmpeg -c copy -bsf:v h264_mp4toannexb -f hls wrote`)
  }
  // A name FFmpeg asks for that is not a plain file name in the directory is refused.
  t.exception(
    () => toHls(mp4, ours, { seconds: 0.5, playlist: '../escape.m3u8' }),
    /onopen refused/
  )
  t.absent(fs.existsSync(tmpPath('escape0.ts')), 'nothing written outside the directory')
})

test("subtitles: an MKV's subtitles into WebVTT beside it, byte for byte as ffmpeg -c:s webvtt", (t) => {
  const video = tmpPath('movie.mkv')
  fs.copyFileSync(fixturePath('subtitles.mkv'), video)
  const written = extractSubtitles(video)
  t.alike(written, [
    { start: 0.2, end: 0.9, text: 'Hello' },
    { start: 1, end: 1.8, text: 'World' }
  ])
  const theirs = tmpPath('movie-ffmpeg.vtt')
  const made = spawnSync(FFMPEG, [
    '-v',
    'error',
    '-y',
    '-i',
    video,
    '-map',
    '0:s:0',
    '-c:s',
    'webvtt',
    theirs
  ])
  t.is(made.status, 0, 'ffmpeg made the reference')
  t.ok(
    fs.readFileSync(tmpPath('movie.vtt')).equals(fs.readFileSync(theirs)),
    'movie.vtt beside movie.mkv, byte for byte what ffmpeg -c:s webvtt wrote'
  )
  t.exception(() => extractSubtitles(fixturePath('sample.mp4')), /has no subtitles/)
})

test('webcodecs-decode: a demuxed file decoded by WebCodecs, frame for frame as ffmpeg', async (t) => {
  for (const name of ['sample.webm', 'codecs/h264.mkv']) {
    const file = fixturePath(name)
    const pictures = []
    const count = await decodeWithWebCodecs(file, (frame) => {
      const bytes = new Uint8Array(frame.allocationSize())
      frame.copyTo(bytes)
      pictures.push(bytes)
    })
    const video = probePackets(file).filter((p) => p.stream_index === 0)
    t.is(count, video.length, `${name}: a frame per packet (${count})`)
    const expected = spawnSync(
      FFMPEG,
      ['-v', 'error', '-i', file, '-map', '0:v:0', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-'],
      { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 }
    ).stdout
    t.ok(Buffer.concat(pictures).equals(expected), `${name}: every picture as ffmpeg decodes it`)
  }
})

test('webcodecs-encode: WebCodecs output muxed into WebM, which ffmpeg reads through', async (t) => {
  const out = tmpPath('webcodecs.webm')
  const written = await encodeWithWebCodecs(out, 2)
  t.is(written.video, 20, 'a chunk per picture')
  const streams = JSON.parse(
    spawnSync(FFPROBE, ['-v', 'error', '-count_frames', '-show_streams', '-of', 'json', out], {
      stdio: ['ignore', 'pipe', 'inherit']
    }).stdout.toString()
  ).streams
  t.alike(
    streams.map((s) => [s.codec_name, Number(s.nb_read_frames)]),
    [
      ['vp8', 20],
      ['opus', written.audio]
    ],
    'VP8 and Opus, every chunk a frame ffprobe counts'
  )
  const decoded = spawnSync(FFMPEG, ['-v', 'error', '-i', out, '-f', 'null', '-'], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  t.is(decoded.status, 0)
  t.is(decoded.stderr.toString(), '', 'ffmpeg decodes it without a complaint')
})
