// Scaling and resampling benchmark: ours, the published addon ("upstream") and native C over the
// same FFmpeg, each in a fresh process, RUNS times, taking turns. Scaling: the 60 decoded
// pictures of the 1080p H.264 clip (made by bench/run.sh) to 320x180 RGBA, bicubic, 5 times over
// (300 scales). Resampling: 10 s of 48 kHz stereo float in 1024-sample frames to 16 kHz mono
// s16, 3 times over (1407 conversions). Only the conversions are timed. Replaces the "Scaling and
// resampling" section of bench/RESULTS.md.
//
//   bare bench/convert.js [runs]        (bash bench/run.sh convert [runs] prepares everything)
const path = require('bare-path')
const { measure, writeSection } = require('./common')

const RUNS = Number(Bare.argv[2] || 9)
const CLIP = path.join(__dirname, 'tmp', 'h264-1080p.mkv')
const CASES = [
  ['scale', 'scaling 1080p yuv420p to 320x180 RGBA (bicubic), 300 pictures', CLIP],
  ['resample', 'resampling 48 kHz stereo float to 16 kHz mono s16, 1407 frames of 1024', '-']
]

const IMPLS = ['ours', 'upstream', 'native']
const fmt = (n, digits = 1) => n.toFixed(digits)
const rows = []
for (const [mode, label, input] of CASES) {
  const samples = Object.fromEntries(IMPLS.map((impl) => [impl, []]))
  for (let i = 0; i < RUNS; i++) {
    for (const impl of IMPLS) samples[impl].push(measure(impl, mode, input))
  }
  const stats = Object.fromEntries(
    IMPLS.map((impl) => {
      const times = samples[impl].map((s) => s.ms).sort((a, b) => a - b)
      return [impl, { ms: times[0], median: times[Math.floor(times.length / 2)] }]
    })
  )
  const work = IMPLS.map((impl) => JSON.stringify({ ...samples[impl][0], ms: 0, maxRSS: 0 }))
  if (new Set(work).size !== 1) throw new Error(`${mode}: the three did different work: ${work}`)
  const { ours, upstream, native } = stats
  rows.push(
    `| ${label} | ${fmt(ours.ms)} (${fmt(ours.median)}) | ${fmt(upstream.ms)} (${fmt(upstream.median)}) | ` +
      `${fmt(native.ms)} (${fmt(native.median)}) | ${fmt(ours.ms / native.ms, 2)} (${fmt(ours.median / native.median, 2)}) | ` +
      `${fmt(ours.ms / upstream.ms, 2)} (${fmt(ours.median / upstream.median, 2)}) |`
  )
  console.log(rows[rows.length - 1])
}

const section = `## Scaling and resampling

Latest run: ${new Date().toISOString().slice(0, 10)}, ${RUNS} runs of each case, each in a fresh
process, the three taking turns: the best time in ms, the median in parentheses (ratios: of the
best times, and of the medians). Only the conversions are timed, one call per frame into one
output frame, after one untimed round, the same frames in all three (the same counts of rows and
samples are checked). Best times are the measure: on this shared 2-core VM the same process,
native C included, takes twice as long one run in three.

| case | ours | upstream | native | ours/native | ours/upstream |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`

writeSection('Scaling and resampling', section)
