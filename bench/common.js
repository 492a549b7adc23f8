// What bench/decode.js and bench/convert.js share: one measurement in a fresh process, and
// replacing their own "## Title" section of bench/RESULTS.md (bench/run.js writes the file).
const fs = require('bare-fs')
const path = require('bare-path')
const { spawnSync } = require('bare-subprocess')

const NATIVE = path.join(__dirname, 'tmp', 'native')

// `impl` (ours, upstream or native) doing `mode` on `input`: the JSON line it prints.
exports.measure = function measure(impl, mode, input) {
  const [command, args] =
    impl === 'native'
      ? [NATIVE, [input, mode]]
      : [Bare.argv[0], [path.join(__dirname, 'case.js'), impl, input, mode]]
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  if (result.status !== 0) throw new Error(`${impl} ${mode} ${input} failed: ${result.stderr}`)
  return JSON.parse(result.stdout.toString().trim().split('\n').pop())
}

exports.writeSection = function writeSection(title, section) {
  const file = path.join(__dirname, 'RESULTS.md')
  const results = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n'
  const at = results.indexOf(`## ${title}`)
  const end = at === -1 ? -1 : results.indexOf('\n## ', at + 1)
  const updated =
    at === -1
      ? results.trimEnd() + '\n\n' + section
      : results.slice(0, at) + section + (end === -1 ? '' : results.slice(end + 1))
  fs.writeFileSync(file, updated)
  // Tables aligned as the repository's formatter keeps them (npm run lint checks it).
  const prettier = path.join(__dirname, '..', 'node_modules', '.bin', 'prettier')
  if (fs.existsSync(prettier)) {
    spawnSync(prettier, ['--write', file], { stdio: 'ignore' })
  }
  console.log(`bench/RESULTS.md: ${title} section updated`)
}
