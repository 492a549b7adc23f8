// The package as another app installs it: `npm pack`, installed into a fresh package that
// depends on it, then `require('bare-ffmpeg')` from there demuxes a file.
const test = require('brittle')
const fs = require('bare-fs')
const path = require('bare-path')
const { spawnSync } = require('bare-subprocess')
const { tmpPath, probePackets } = require('./helpers')

test("require('bare-ffmpeg') works from a package that depends on it", (t) => {
  const root = path.join(__dirname, '..')
  const app = tmpPath(`app-${Date.now()}`)
  fs.mkdirSync(app, { recursive: true })
  const run = (command, args, cwd) =>
    spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })

  const packed = run('npm', ['pack', '--silent', '--pack-destination', app], root)
  t.is(packed.status, 0, packed.stderr.toString())
  const tarball = packed.stdout.toString().trim().split('\n').pop()
  fs.writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify({
      name: 'app',
      private: true,
      dependencies: { 'bare-ffmpeg': `file:./${tarball}` }
    })
  )
  const installed = run('npm', ['install', '--silent', '--no-audit', '--no-fund', '--offline'], app)
  t.is(installed.status, 0, installed.stderr.toString())
  fs.writeFileSync(
    path.join(app, 'index.js'),
    `const ffmpeg = require('bare-ffmpeg')
const fs = require(${JSON.stringify(require.resolve('bare-fs'))})
const data = fs.readFileSync(${JSON.stringify(path.join(__dirname, 'fixtures', 'sample.wav'))})
const input = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(data))
const packet = new ffmpeg.Packet()
let n = 0
while (input.readFrame(packet)) n++
console.log(require.resolve('bare-ffmpeg').includes('node_modules'), n)`
  )
  const ran = run(path.resolve(Bare.argv[0]), ['index.js'], app)
  t.is(ran.status, 0, ran.stderr.toString())
  t.is(ran.stdout.toString().trim(), `true ${probePackets('sample.wav').length}`)
  fs.rmSync(app, { recursive: true, force: true })
})
