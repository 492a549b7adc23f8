// The package as another app gets it: `npm pack`, installed into a fresh app with a PATH that
// has node and npm but no compiler, cargo or cmake, then run with an empty PATH. The addon it
// loads is the packed prebuild, and no FFmpeg or codec library of the system is mapped into the
// process (read from /proc/self/maps).
const test = require('brittle')
const fs = require('bare-fs')
const path = require('bare-path')
const { spawnSync } = require('bare-subprocess')
const { tmpPath, probePackets } = require('./helpers')

const SYSTEM_MEDIA_LIBRARY =
  /\/lib[^/]*(avcodec|avformat|avutil|swscale|swresample|avfilter|avdevice|postproc|vpx|opus|dav1d|SvtAv1|openh264|mp3lame|kvazaar|x264|x265)[^/]*\.so/

// A directory with only node and npm in it, for npm to run from.
function nodeOnlyPath(dir) {
  fs.mkdirSync(dir, { recursive: true })
  const which = (name) =>
    spawnSync('/bin/sh', ['-c', `command -v ${name}`], { stdio: ['ignore', 'pipe', 'ignore'] })
      .stdout.toString()
      .trim()
  for (const name of ['node', 'npm'])
    fs.symlinkSync(fs.realpathSync(which(name)), path.join(dir, name))
  return dir
}

test(
  'the packed package works in a fresh app, without build tools or a system FFmpeg',
  { skip: Bare.platform !== 'linux' },
  (t) => {
    const root = path.join(__dirname, '..')
    const app = tmpPath(`app-${Date.now()}`)
    const tools = nodeOnlyPath(path.join(app, 'tools'))
    const empty = path.join(app, 'empty')
    fs.mkdirSync(empty)
    const run = (command, args, cwd, env) =>
      spawnSync(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })

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

    const toolPath = { PATH: tools, HOME: app }
    const onPath = (tool) =>
      run('/bin/sh', ['-c', `command -v ${tool}`], app, toolPath).status === 0
    t.ok(onPath('node') && onPath('npm'), 'node and npm on PATH')
    for (const tool of ['cc', 'gcc', 'clang', 'cargo', 'rustc', 'cmake', 'make', 'ffmpeg']) {
      t.absent(onPath(tool), `no ${tool} on PATH`)
    }
    const installed = run(
      'npm',
      ['install', '--silent', '--no-audit', '--no-fund', '--offline', '--ignore-scripts'],
      app,
      { ...toolPath, npm_config_cache: path.join(app, 'npm-cache') }
    )
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
const maps = fs.readFileSync('/proc/self/maps', 'utf8').split('\\n')
const files = [...new Set(maps.map((l) => l.split(/\\s+/)[5]).filter((f) => f && f.startsWith('/')))]
// bare-fs, an optional peer dependency, is found where the app's modules are (here: the repo's).
const fromFile = new ffmpeg.InputFormatContext(ffmpeg.IOContext.fromFile(${JSON.stringify(path.join(__dirname, 'fixtures', 'sample.wav'))}))
let m = 0
while (fromFile.readFrame(packet)) m++
console.log(JSON.stringify({ packets: n, version: ffmpeg.versions.ffmpeg, files, fromFile: m }))`
    )
    const ran = run(path.resolve(Bare.argv[0]), ['index.js'], app, { PATH: empty, HOME: app })
    t.is(ran.status, 0, ran.stderr.toString())
    const { packets, version, files, fromFile } = JSON.parse(ran.stdout.toString())
    t.is(packets, probePackets('sample.wav').length, 'it demuxes')
    t.is(fromFile, packets, "IOContext.fromFile() works with the app's bare-fs")
    t.is(version, '9.0.2')
    const addon = files.filter((f) => f.endsWith('bare-ffmpeg.bare'))
    t.alike(
      addon,
      [
        fs.realpathSync(
          path.join(
            app,
            'node_modules',
            'bare-ffmpeg',
            'prebuilds',
            'linux-x64',
            'bare-ffmpeg.bare'
          )
        )
      ],
      'the addon mapped is the packed prebuild'
    )
    t.alike(
      files.filter((f) => SYSTEM_MEDIA_LIBRARY.test(f)),
      [],
      'no system media library mapped'
    )
    // What an npm reader follows from the README is in the package (issue #22).
    const packageDir = path.join(app, 'node_modules', 'bare-ffmpeg')
    // Every prebuild built here travels in the package, the same bytes (issue #21).
    for (const target of fs.readdirSync(path.join(root, 'prebuilds'))) {
      const file = path.join('prebuilds', target, 'bare-ffmpeg.bare')
      if (!fs.existsSync(path.join(root, file))) continue
      const packed = path.join(packageDir, file)
      t.is(
        fs.existsSync(packed) && fs.statSync(packed).size,
        fs.statSync(path.join(root, file)).size,
        `${file} is in the package`
      )
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json')))
    t.is(manifest.version, '1.6.0', 'a 1.x version: apps on ^1.5.0 can take it')
    t.ok(/github\.com\/holepunchto\/bare-ffmpeg/.test(manifest.repository?.url), 'repository')
    for (const file of [
      'docs/compatibility.md',
      'docs/io-context.md',
      'examples/demo.js',
      'examples/lib/filter.js',
      'constants.d.ts',
      'encoder-options.d.ts', // index.d.ts re-exports it
      'webcodecs.d.ts',
      'webcodecs.js',
      'lib/webcodecs/video-decoder.js',
      'index.d.ts'
    ]) {
      t.ok(fs.existsSync(path.join(packageDir, file)), `${file} is in the package`)
    }
    const readme = fs.readFileSync(path.join(packageDir, 'README.md'), 'utf8')
    const links = [...readme.matchAll(/\]\(((?:docs|examples|bench)\/[^)#\s]+)/g)].map((m) => m[1])
    t.ok(links.length > 10, `${links.length} links to the package's own files`)
    t.alike(
      links.filter(
        (link) => !link.startsWith('bench/') && !fs.existsSync(path.join(packageDir, link))
      ),
      [],
      'every docs/ and examples/ link of the README resolves in the installed package'
    )
    fs.rmSync(app, { recursive: true, force: true })
  }
)
