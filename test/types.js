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
  // index.d.ts, and webcodecs.d.ts which it re-exports.
  const dts = ['index.d.ts', 'webcodecs.d.ts']
    .map((f) => fs.readFileSync(path.join(__dirname, '..', f), 'utf8'))
    .join('\n')
  const declared = [...dts.matchAll(/^export (?:class|const) (\w+)/gm)].map((m) => m[1]).sort()
  t.alike(Object.keys(ffmpeg).sort(), declared)
})

// Every native function lib/ calls exists, and every one the addon exports is called (the names
// are written on both sides: a typo or a leftover shows here).
test('the binding exports exactly the functions lib/ and index.js call', (t) => {
  const binding = require('../binding')
  const root = path.join(__dirname, '..')
  const sources = [
    path.join(root, 'index.js'),
    ...fs
      .readdirSync(path.join(root, 'lib'), { recursive: true })
      .filter((f) => f.endsWith('.js'))
      .map((f) => path.join(root, 'lib', f))
  ]
  const used = new Set()
  for (const file of sources) {
    const text = fs.readFileSync(file, 'utf8')
    for (const m of text.matchAll(/binding\s*\.\s*([A-Za-z_]\w*)/g)) used.add(m[1])
    for (const m of text.matchAll(/require\('\.\/binding'\)\s*\.\s*([A-Za-z_]\w*)/g)) used.add(m[1])
  }
  const exported = Object.keys(binding)
  t.alike(
    [...used].filter((name) => !exported.includes(name)),
    [],
    'nothing called that is not exported'
  )
  t.alike(
    exported.filter((name) => !used.has(name)),
    [],
    'nothing exported that is never called'
  )
})
