// Instructions per packet and per `onread` callback, counted by valgrind's callgrind: ours, the
// published addon ("upstream") and native C, the same loop on the same input. A count does not
// swing with the machine's mood as times do: the same binary on the same input counts the same
// instructions within a fraction of a percent. Only the JavaScript thread is counted
// (`--separate-threads`): V8's helper threads spin for as long as valgrind lets them, which says
// nothing about our code.
//
// A round's count is the difference between a process that demuxes once and one that demuxes
// 1 + EXTRA times, over EXTRA: start-up, loading and the first round's compilation cancel out, so
// it is the warm cost. Per callback: the difference between 1 KiB and 64 KiB buffers, over the
// difference in callbacks. The same rounds are also timed without valgrind, in one warm process
// (best of ROUNDS, after two rounds of warm-up), beside the fresh-process times of the first
// section.
//
//   bash bench/run.sh callgrind     (writes the "Instruction counts" section of bench/RESULTS.md)
//   bare bench/callgrind.js counts  then, on a quiet machine, bare bench/callgrind.js times
const fs = require('bare-fs')
const path = require('bare-path')
const { spawnSync } = require('bare-subprocess')
const { writeSection } = require('./common')

const TMP = path.join(__dirname, 'tmp')
const INPUT = path.join(TMP, 'input.mkv')
const NATIVE = path.join(TMP, 'native')
const EXTRA = 2
const ROUNDS = 12
const IMPLS = ['ours', 'upstream', 'native']
const MODES = [
  ['stream1k-data', 'streaming demux, 1 KiB onread, every packet.data read'],
  ['stream4k-data', 'streaming demux, 4 KiB onread, every packet.data read'],
  ['stream64k-data', 'streaming demux, 64 KiB onread, every packet.data read'],
  ['buffer', 'buffer-mode demux'],
  ['buffer-data', 'buffer-mode demux, every packet.data read']
]

// valgrind cannot read the debug information of Bare's release binary: a copy without it.
const bare = path.join(TMP, 'bare-nodebug')
if (!fs.existsSync(bare)) {
  const copied = spawnSync('objcopy', ['--strip-debug', fs.realpathSync(Bare.argv[0]), bare])
  if (copied.status !== 0) throw new Error(`objcopy failed: ${copied.stderr}`)
}

function command(impl, mode, rounds) {
  return impl === 'native'
    ? [NATIVE, [INPUT, mode, String(rounds)]]
    : [bare, [path.join(__dirname, 'case.js'), impl, INPUT, mode, String(rounds)]]
}

function lines(result, what) {
  if (result.status !== 0) throw new Error(`${what} failed: ${result.stderr}`)
  return result.stdout
    .toString()
    .trim()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line))
}

// The JavaScript thread's instructions (the process's first thread) in `rounds` rounds.
function count(impl, mode, rounds) {
  const dir = fs.mkdtempSync(path.join(TMP, 'callgrind-'))
  const [program, args] = command(impl, mode, rounds)
  const result = spawnSync(
    'valgrind',
    [
      '--tool=callgrind',
      '--separate-threads=yes',
      // Threads take turns fairly: without it V8's main thread can spin for billions of
      // instructions waiting on a helper thread valgrind does not schedule.
      '--fair-sched=yes',
      '--dump-line=no',
      '--compress-strings=no',
      `--callgrind-out-file=${dir}/out.%p`,
      program,
      ...args
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  const [first] = lines(result, `callgrind ${impl} ${mode}`)
  const main = fs.readdirSync(dir).find((name) => name.endsWith('-01'))
  const text = fs.readFileSync(path.join(dir, main), 'utf8')
  fs.rmSync(dir, { recursive: true })
  return { instructions: Number(/^summary: (\d+)/m.exec(text)[1]), round: first }
}

// Instructions of one warm round, and what the round did. A count swollen by a spin (a round
// costing more than the whole first process) is measured again.
function perRound(impl, mode) {
  for (let attempt = 0; ; attempt++) {
    const once = count(impl, mode, 1)
    const more = count(impl, mode, 1 + EXTRA)
    const instructions = (more.instructions - once.instructions) / EXTRA
    if ((instructions > 0 && instructions < once.instructions) || attempt === 2) {
      return { instructions, ...once.round }
    }
  }
}

// Best time of one round in a warm process (rounds after the first two).
function warmTime(impl, mode) {
  const [program, args] = command(impl, mode, ROUNDS)
  const rounds = lines(spawnSync(program, args), `${impl} ${mode}`)
  return Math.min(...rounds.slice(2).map((r) => r.ms))
}

// `counts`: only count (kept in bench/tmp/callgrind-counts.json); `times`: only time, with the
// counts kept (the counts do not mind a busy machine, the times do).
const only = Bare.argv[2]
const saved = path.join(TMP, 'callgrind-counts.json')
const counts = only === 'times' ? JSON.parse(fs.readFileSync(saved, 'utf8')) : {}
const results = {}
for (const [mode] of MODES) {
  for (const impl of IMPLS) {
    const key = `${impl} ${mode}`
    if (only !== 'times') {
      counts[key] = perRound(impl, mode)
      const { instructions, packets } = counts[key]
      console.log(`${key}: ${(instructions / packets).toFixed(0)} instructions a packet`)
    }
    if (only !== 'counts') results[key] = { ...counts[key], ms: warmTime(impl, mode) }
  }
}
if (only === 'counts') {
  fs.writeFileSync(saved, JSON.stringify(counts))
  Bare.exit(0)
}

const get = (impl, mode) => results[`${impl} ${mode}`]
const perPacket = (impl, mode) => get(impl, mode).instructions / get(impl, mode).packets
const perCallback = (impl) => {
  const [small, large] = [get(impl, 'stream1k-data'), get(impl, 'stream64k-data')]
  return (small.instructions - large.instructions) / (small.callbacks - large.callbacks)
}
const ratio = (a, b) => (a / b).toFixed(2)

const rows = MODES.map(([mode, label]) => {
  const [ours, upstream, native] = IMPLS.map((impl) => perPacket(impl, mode))
  const [oursMs, upstreamMs, nativeMs] = IMPLS.map((impl) => get(impl, mode).ms)
  return (
    `| ${label} | ${ours.toFixed(0)} | ${upstream.toFixed(0)} | ${native.toFixed(0)} | ` +
    `${ratio(upstream, ours)} | ${ratio(ours, native)} | ${oursMs.toFixed(1)} | ` +
    `${upstreamMs.toFixed(1)} | ${nativeMs.toFixed(1)} | ${ratio(upstreamMs, oursMs)} | ` +
    `${ratio(oursMs, nativeMs)} |`
  )
})
const callbacks = IMPLS.map((impl) => perCallback(impl))
const target = (label, value, goal, better) =>
  `| ${label} | ${value.toFixed(2)}x | ${(better ? value >= goal : value <= goal) ? 'met' : 'not met'} |`
const oursData = 'stream4k-data'
const ins = (impl, mode) => perPacket(impl, mode)
const ms = (impl, mode) => get(impl, mode).ms

writeSection(
  'Instruction counts',
  `## Instruction counts

Measured by \`bench/callgrind.js\` (${new Date().toISOString().slice(0, 10)}): the JavaScript
thread's instructions in one warm round of each demux (a process of ${1 + EXTRA} rounds less one
of 1 round, over ${EXTRA}), divided by the ${get('native', 'buffer').packets} packets of
\`bench/tmp/input.mkv\`; and the best time of a round in one warm process (rounds 3 to ${ROUNDS}),
without valgrind. "up/ours": how many times ours is faster than the published package.

| case | ours instr./packet | upstream | native | up/ours | ours/native | ours warm ms | upstream | native | up/ours | ours/native |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Instructions per \`onread\` callback (1 KiB against 64 KiB buffers, every \`data\` read; the
callback's own JavaScript, a bounds check, a \`subarray\` and a copy, included): ours
${callbacks[0].toFixed(0)}, upstream ${callbacks[1].toFixed(0)}, native ${callbacks[2].toFixed(0)}
(FFmpeg's own cost of a callback is small beside the bytes it moves, so native's can come out
below zero).

| target (warm process) | measured | |
| --- | --- | --- |
${target('4 KiB onread, every data read: upstream/ours by instructions (at least 1.5)', ins('upstream', oursData) / ins('ours', oursData), 1.5, true)}
${target('the same by best warm time (at least 1.5)', ms('upstream', oursData) / ms('ours', oursData), 1.5, true)}
${target('the same: ours/native by instructions (at most 1.5)', ins('ours', oursData) / ins('native', oursData), 1.5, false)}
${target('the same: ours/native by best warm time (at most 1.5)', ms('ours', oursData) / ms('native', oursData), 1.5, false)}
${target('buffer-mode demux: ours/native by instructions (at most 1.2)', ins('ours', 'buffer') / ins('native', 'buffer'), 1.2, false)}
${target('buffer-mode demux: ours/native by best warm time (at most 1.2)', ms('ours', 'buffer') / ms('native', 'buffer'), 1.2, false)}
`
)
