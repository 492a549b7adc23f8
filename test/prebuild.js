// The prebuild carries FFmpeg itself: read from its ELF dynamic section, it needs nothing but the
// C runtime, imports no FFmpeg symbol and exports none; and the FFmpeg inside is the one the
// oracle programs were built with (one configure run made both).
const test = require('brittle')
const fs = require('bare-fs')
const path = require('bare-path')
const { spawnSync } = require('bare-subprocess')
const readElf = require('./elf')
const ffmpeg = require('..')
const { FFMPEG } = require('./helpers')

const PREBUILD = path.join(__dirname, '..', 'prebuilds', 'linux-x64', 'bare-ffmpeg.bare')
// The C runtime: what every Linux program may rely on.
const C_RUNTIME = [
  'libc.so.6',
  'libm.so.6',
  'libpthread.so.0',
  'libdl.so.2',
  'librt.so.1',
  'libgcc_s.so.1',
  'ld-linux-x86-64.so.2'
]
const FFMPEG_SYMBOL =
  /^(av|avio|avcodec|avformat|avfilter|avdevice|swr|sws|vpx|opus|dav1d|svt|Wels|kvz|lame)_/

const linuxX64 = Bare.platform === 'linux' && Bare.arch === 'x64'

test('the prebuild needs only the C runtime', { skip: !linuxX64 }, (t) => {
  const elf = readElf(fs.readFileSync(PREBUILD))
  t.ok(elf.needed.length > 0, `NEEDED: ${elf.needed.join(' ')}`)
  t.alike(
    elf.needed.filter((name) => !C_RUNTIME.includes(name)),
    [],
    'no library beyond the C runtime (no libav*, libsw*, libvpx, ...)'
  )
})

test(
  'the prebuild imports no FFmpeg or codec symbol and exports none',
  { skip: !linuxX64 },
  (t) => {
    const elf = readElf(fs.readFileSync(PREBUILD))
    t.ok(elf.undefinedSymbols.length > 0, 'it imports the C runtime')
    t.alike(
      elf.undefinedSymbols.filter((s) => FFMPEG_SYMBOL.test(s)),
      [],
      'imports'
    )
    t.ok(elf.definedSymbols.length > 0, 'it exports its module entry point')
    t.alike(
      elf.definedSymbols.filter((s) => FFMPEG_SYMBOL.test(s)),
      [],
      'exports'
    )
  }
)

test('size and the oldest glibc the prebuild runs on', { skip: !linuxX64 }, (t) => {
  const { size } = fs.statSync(PREBUILD)
  const elf = readElf(fs.readFileSync(PREBUILD))
  const glibc = readElf.newestGlibc(elf)
  t.comment(`prebuild: ${(size / 1e6).toFixed(1)} MB, needs glibc ${glibc.join('.')} or newer`)
  // The published package's linux-x64 prebuild is 40,362,496 bytes; ours drops the debug
  // information (which would triple it) and the symbol table (3.5 MB).
  const upstream = 40362496
  t.ok(size < upstream, `no larger than the published package's (${size} < ${upstream} bytes)`)
  // Bare's own runtime (bare-runtime-linux-x64) needs glibc 2.34: the addon needs no newer one
  // (RHEL/Rocky/Alma 9 and Amazon Linux 2023 have 2.34; src/glibc_floor.rs).
  t.ok(glibc[0] === 2 && glibc[1] <= 34, `glibc ${glibc.join('.')}: no newer than Bare's 2.34`)
})

test(
  'the prebuild renames, deletes and creates no file: it imports no call that would',
  { skip: !linuxX64 },
  (t) => {
    const elf = readElf(fs.readFileSync(PREBUILD))
    const changing = [
      'rename',
      'renameat',
      'renameat2',
      'unlink',
      'unlinkat',
      'rmdir',
      'mkdir',
      'mkdirat',
      'remove'
    ]
    t.alike(
      elf.undefinedSymbols.filter((s) => changing.includes(s)),
      [],
      "FFmpeg's calls to them are refused inside the addon (src/fs_guard.rs)"
    )
    t.ok(
      elf.undefinedSymbols.includes('open64') || elf.undefinedSymbols.includes('open'),
      'it still opens files it is asked to read'
    )
  }
)

test('ffmpeg.versions matches `ffmpeg -version` of the same build', (t) => {
  const result = spawnSync(FFMPEG, ['-hide_banner', '-version'], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const out = result.stdout.toString()
  const { versions } = ffmpeg
  t.ok(out.startsWith(`ffmpeg version ${versions.ffmpeg} `), out.split('\n')[0])
  t.is(versions.ffmpeg, '9.0.2')
  for (const lib of [
    'avutil',
    'avcodec',
    'avformat',
    'avdevice',
    'avfilter',
    'swscale',
    'swresample'
  ]) {
    const line = out.split('\n').find((l) => l.startsWith(`lib${lib} `))
    const [major, minor, micro] = versions[lib].split('.')
    t.ok(
      line && line.replace(/\s+/g, '').startsWith(`lib${lib}${major}.${minor}.${micro}`),
      `${lib} ${versions[lib]} (ffmpeg -version: ${line})`
    )
  }
  const configuration = out.split('\n').find((l) => l.startsWith('configuration: '))
  t.ok(configuration.includes('--enable-libdav1d'), 'the oracle is built with the codec libraries')
  t.is(
    versions.configuration,
    configuration.slice('configuration: '.length),
    'one configure run made both the libraries and the programs'
  )
  t.is(versions.license, 'LGPL version 2.1 or later')
})
