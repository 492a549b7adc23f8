// Decoding benchmark: every frame of a 1080p H.264 and a 1080p VP9 clip (made by bench/run.sh),
// through ours, the published addon ("upstream") and native C over the same FFmpeg, each in a
// fresh process, RUNS times; one thread per codec everywhere (FFmpeg's default). Replaces the
// "Decoding" section of bench/RESULTS.md.
//
//   bare bench/decode.js [runs]        (bash bench/run.sh decode [runs] prepares everything)
const path = require('bare-path')
const common = require('./common')

const RUNS = Number(Bare.argv[2] || 7)
const CLIPS = [
  ['h264-1080p.mkv', "H.264 1080p, 60 frames (OpenH264-encoded), FFmpeg's h264 decoder"],
  ['vp9-1080p.webm', "VP9 1080p, 60 frames (libvpx-encoded), FFmpeg's vp9 decoder"]
]

// One run of `impl` on a clip of bench/tmp.
function measure(impl, file, mode = 'decode') {
  return common.measure(impl, mode, path.join(__dirname, 'tmp', file))
}

// The runs of the four take turns (ours, ours async, upstream, native, again...), so that the
// machine's slow and fast moments fall on all of them alike: this VM's times swing by 15% from
// one run to the next.
function runAll(file) {
  const impls = [
    ['ours', 'decode'],
    ['async', 'decode-async'],
    ['upstream', 'decode'],
    ['native', 'decode']
  ]
  const samples = Object.fromEntries(impls.map(([name]) => [name, []]))
  for (let i = 0; i < RUNS; i++) {
    for (const [name, mode] of impls) {
      samples[name].push(measure(name === 'async' ? 'ours' : name, file, mode))
    }
  }
  return Object.fromEntries(
    impls.map(([name]) => {
      const times = samples[name].map((s) => s.ms).sort((a, b) => a - b)
      return [
        name,
        {
          ms: times[0],
          median: times[Math.floor(times.length / 2)],
          frames: samples[name][0].frames
        }
      ]
    })
  )
}

const fmt = (n, digits = 1) => n.toFixed(digits)
const rows = []
for (const [file, label] of CLIPS) {
  const { ours, async, upstream, native } = runAll(file)
  if (ours.frames !== native.frames || upstream.frames !== native.frames) {
    throw new Error(
      `${file}: frame counts differ (${ours.frames}, ${upstream.frames}, ${native.frames})`
    )
  }
  rows.push(
    `| ${label} | ${fmt(ours.ms)} (${fmt(ours.median, 0)}) | ${fmt(async.ms)} (${fmt(async.median, 0)}) | ` +
      `${fmt(upstream.ms)} (${fmt(upstream.median, 0)}) | ${fmt(native.ms)} (${fmt(native.median, 0)}) | ` +
      `${fmt(ours.ms / native.ms, 2)} (${fmt(ours.median / native.median, 2)}) | ` +
      `${fmt(ours.ms / upstream.ms, 2)} (${fmt(ours.median / upstream.median, 2)}) |`
  )
  console.log(rows[rows.length - 1])
}

const section = `## Decoding

Latest run: ${new Date().toISOString().slice(0, 10)}, ${RUNS} runs of each case, each in a fresh
process, the four taking turns: the best time in ms, the median in parentheses (ratios: of the
best times, and of the medians in parentheses). Each decodes every frame of the clip
(60 frames, 1920x1080 yuv420p), the input in memory, one thread per codec in all three (FFmpeg's
default; ours uses every core unless told, and is told \`threads: 1\` here); times cover opening the input and the decoder. "ours async" demuxes and decodes on
worker threads (\`for await (const frame of decoder.frames(input))\`).

| clip | ours | ours async | upstream | native | ours/native | ours/upstream |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`

common.writeSection('Decoding', section)
