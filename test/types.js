// index.d.ts must match the public API: test/types/usage.ts uses all of it with strict checks
// (and a few lines that must be rejected), and the exports must be exactly the declared ones.
const test = require('brittle')
const path = require('bare-path')
const fs = require('bare-fs')
const { spawnSync } = require('bare-subprocess')
const ffmpeg = require('..')
require('./helpers') // under valgrind: longer test timeouts

test('tsc accepts test/types/usage.ts against index.d.ts', (t) => {
  const tsc = path.join(__dirname, '..', 'node_modules', 'typescript', 'bin', 'tsc')
  const result = spawnSync('node', [tsc, '-p', path.join(__dirname, 'types')], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  t.is(result.status, 0, result.stdout.toString())
})

test('index.d.ts brings the libraries it needs: tsc with lib es2022 only accepts it', (t) => {
  const tsc = path.join(__dirname, '..', 'node_modules', 'typescript', 'bin', 'tsc')
  const result = spawnSync('node', [tsc, '-p', path.join(__dirname, 'types', 'no-lib')], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  t.is(result.status, 0, result.stdout.toString())
})

test('every export is declared, and every declaration exported', (t) => {
  const dts = fs.readFileSync(path.join(__dirname, '..', 'index.d.ts'), 'utf8')
  const declared = [...dts.matchAll(/^export (?:class|const) (\w+)/gm)].map((m) => m[1]).sort()
  t.alike(Object.keys(ffmpeg).sort(), declared)
})
