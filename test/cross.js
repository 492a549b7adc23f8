// The prebuilds made for other targets on this machine (npm run prebuild-for -- linux-arm64; see
// docs/prebuilds.md), where they are present: each is checked as a file (format, architecture,
// the libraries and symbols it needs and offers, the oldest glibc or macOS), and, where this
// machine can emulate the target (linux-arm64, with qemu-user), the FFmpeg built for it is run,
// giving the packets and frames linux-x64's FFmpeg gives. A target that was not built here is
// skipped, and says so. `cargo test` of the crate for an emulated target runs under the same
// emulator in scripts/cross-test.sh. macOS programs cannot run here at all: for darwin-arm64 and
// darwin-x64 the checks are of the binary (what dyld will look for, in the stubs of macOS's
// libSystem that Zig ships and links against).
const test = require('brittle')
const fs = require('bare-fs')
const path = require('bare-path')
const { spawnSync } = require('bare-subprocess')
const readElf = require('./elf')
const readMachO = require('./macho')
const readPE = require('./pe')
const { FFMPEG, FFPROBE, FIXTURES } = require('./helpers')

const ROOT = path.join(__dirname, '..')
const TARGETS = {
  'linux-arm64': {
    machine: 183, // EM_AARCH64
    sysroot: '/usr/aarch64-linux-gnu',
    emulator: ['qemu-aarch64', '-L', '/usr/aarch64-linux-gnu'],
    runtime: ['libc.so.6', 'libm.so.6', 'libgcc_s.so.1', 'ld-linux-aarch64.so.1']
  },
  'darwin-arm64': { format: 'macho', cpu: 'arm64' },
  'darwin-x64': { format: 'macho', cpu: 'x86_64' },
  'win32-x64': { format: 'pe', machine: 'x64', emulator: ['wine'], exe: '.exe', env: wineEnv }
}
// The DLLs every Windows has (the C runtime MinGW links, msvcrt, and the system's own): a
// Windows prebuild may load these and no other (no MinGW runtime DLL: libstdc++, libgcc,
// winpthread are linked in).
const WINDOWS_DLLS =
  /^(kernel32|msvcrt|ntdll|advapi32|bcrypt|bcryptprimitives|ws2_32|userenv|user32|ole32|shell32|api-ms-win-[a-z0-9-]+)\.dll$/i
const CHANGING = ['rename', 'unlink', 'rmdir', 'mkdir']
let wineEnvironment = null // wineEnv()'s, once made
const FFMPEG_SYMBOL =
  /^(av|avio|avcodec|avformat|avfilter|avdevice|swr|sws|vpx|opus|dav1d|svt|Wels|kvz|lame)_/

// Fixtures and how their decoded output compares across architectures: bit for bit, except
// for the float audio decoders, whose last bits may differ (as FFmpeg's own FATE tests allow).
const FILES = [
  'sample.mkv',
  'sample.ts',
  'sample.wav',
  'sample.flac',
  'codecs/h264.mkv',
  'codecs/hevc.mkv',
  'codecs/vp9.webm',
  'codecs/av1.mkv',
  'codecs/mjpeg.mkv',
  'codecs/png.mkv'
]
const FLOAT_AUDIO = [
  'sample.mp4',
  'sample.webm',
  'sample.mp3',
  'sample.opus',
  'codecs/aac.m4a',
  'codecs/vorbis.ogg'
]

for (const [target, spec] of Object.entries(TARGETS)) {
  const prebuild = path.join(ROOT, 'prebuilds', target, 'bare-ffmpeg.bare')
  const prefixFile = path.join(ROOT, 'build', target, 'ffmpeg-prefix')
  const built = fs.existsSync(prebuild)
  const skip = built ? false : `${target} was not built here (npm run prebuild-for -- ${target})`
  if (skip) {
    test(`${target}: skipped, ${skip}`, (t) => t.pass(skip))
    continue
  }
  if (spec.format === 'macho') {
    machOChecks(target, spec, readMachO(fs.readFileSync(prebuild)))
    continue
  }
  if (spec.format === 'pe') {
    peChecks(target, spec, readPE(fs.readFileSync(prebuild)), prebuild)
    emulatedChecks(target, spec, prefixFile)
    continue
  }
  const elf = readElf(fs.readFileSync(prebuild))
  // What the target's C runtime defines, read from the cross sysroot's libraries.
  const runtime = new Set()
  for (const name of spec.runtime) {
    const file = path.join(spec.sysroot, 'lib', name)
    if (fs.existsSync(file))
      readElf(fs.readFileSync(file)).definedSymbols.forEach((s) => runtime.add(s))
  }

  test(`${target}: an ELF shared object for its architecture, needing only the C runtime`, (t) => {
    t.is(elf.machine, spec.machine, `e_machine ${elf.machine}`)
    t.alike(
      elf.needed.filter(
        (name) => !spec.runtime.includes(name) && !/^lib(dl|pthread|rt)\.so/.test(name)
      ),
      [],
      `NEEDED: ${elf.needed.join(' ')}`
    )
  })

  test(`${target}: exports Bare's registration entry points only, imports Bare and the C runtime`, (t) => {
    t.alike(elf.definedSymbols.sort(), ['bare_get_module_name_v0', 'bare_register_module_v0'])
    t.alike(
      elf.undefinedSymbols.filter((s) => FFMPEG_SYMBOL.test(s)),
      [],
      'no FFmpeg symbol'
    )
    t.ok(runtime.size > 1000, `${runtime.size} symbols in the target's C runtime`)
    const unknown = elf.undefinedSymbols.filter((s) => !/^(js_|bare_)/.test(s) && !runtime.has(s))
    t.alike(unknown, [], 'every other import is a C runtime symbol (weak ones need none)')
    t.alike(
      elf.undefinedSymbols.filter((s) => CHANGING.includes(s)),
      [],
      'no file-changing call'
    )
  })

  test(`${target}: needs glibc 2.34 or older, as Bare's runtime`, (t) => {
    const newest = readElf.newestGlibc(elf)
    t.ok(newest[0] === 2 && newest[1] <= 34, `glibc ${newest.join('.')}`)
  })

  emulatedChecks(target, spec, prefixFile)
}

// FFmpeg's programs built for the target, run under its emulator, against linux-x64's.
function emulatedChecks(target, spec, prefixFile) {
  const prefix = fs.existsSync(prefixFile) ? fs.readFileSync(prefixFile, 'utf8').trim() : null
  const exe = spec.exe || ''
  const [emulator, ...emulatorArgs] = spec.emulator
  const env = spec.env ? spec.env() : undefined
  const emulated = (program, args) =>
    spawnSync(emulator, [...emulatorArgs, path.join(prefix, 'bin', program + exe), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env
    })
  const host = (program, args) => spawnSync(program, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const text = (output) => output.toString().replace(/\r\n/g, '\n') // Windows ends lines with CRLF
  const noPrograms = !prefix || !fs.existsSync(path.join(prefix, 'bin', 'ffprobe' + exe))

  test(`${target}: its ffprobe reads the packets linux-x64's reads`, { skip: noPrograms }, (t) => {
    for (const file of [...FILES, ...FLOAT_AUDIO]) {
      const args = ['-v', 'error', '-show_packets', '-of', 'compact', path.join(FIXTURES, file)]
      const theirs = emulated('ffprobe', args)
      t.is(theirs.status, 0, theirs.stderr.toString())
      t.is(text(theirs.stdout), host(FFPROBE, args).stdout.toString(), file)
    }
  })

  test(
    `${target}: its ffmpeg decodes the frames linux-x64's decodes`,
    { skip: noPrograms },
    (t) => {
      // Every frame's CRC, bit for bit: every stream of FILES, and the video of the files whose
      // audio is float.
      const crcs = [
        ...FILES.map((file) => [file, []]),
        ['sample.mp4', ['-map', '0:v']],
        ['sample.webm', ['-map', '0:v']]
      ]
      for (const [file, map] of crcs) {
        const args = ['-v', 'error', '-threads', '1', '-i', path.join(FIXTURES, file), ...map]
        const out = ['-flags', '+bitexact', '-fflags', '+bitexact', '-f', 'framecrc', '-']
        const theirs = emulated('ffmpeg', [...args, ...out])
        t.is(theirs.status, 0, theirs.stderr.toString())
        t.is(
          text(theirs.stdout),
          host(FFMPEG, [...args, ...out]).stdout.toString(),
          `${file}${map.length ? ' video' : ''}: bit for bit`
        )
      }
      for (const file of FLOAT_AUDIO) {
        const args = [
          '-v',
          'error',
          '-threads',
          '1',
          '-i',
          path.join(FIXTURES, file),
          '-map',
          '0:a'
        ]
        const out = ['-f', 's16le', '-']
        const theirs = emulated('ffmpeg', [...args, ...out]).stdout
        const ours = host(FFMPEG, [...args, ...out]).stdout
        t.is(theirs.length, ours.length, `${file}: as many samples`)
        let worst = 0
        for (let i = 0; i + 1 < ours.length && i + 1 < theirs.length; i += 2) {
          worst = Math.max(worst, Math.abs(ours.readInt16LE(i) - theirs.readInt16LE(i)))
        }
        t.ok(worst <= 4, `${file}: samples within ${worst} of 32768 (float decoders' last bits)`)
      }
    }
  )
}

function machOChecks(target, spec, macho) {
  test(`${target}: a Mach-O dylib for ${spec.cpu}, macOS 13.0 or newer, loading only libSystem`, (t) => {
    t.is(macho.fileType, 'dylib')
    t.is(macho.cpu, spec.cpu)
    t.is(macho.platform, 'macos')
    t.alike(macho.minimumOS, [13, 0, 0], `minimum macOS ${macho.minimumOS.join('.')}`)
    t.alike(macho.libraries, ['/usr/lib/libSystem.B.dylib'], 'no other library: FFmpeg is inside')
  })

  test(`${target}: offers Bare's registration entry points, imports Bare and libSystem`, (t) => {
    for (const name of ['bare_register_module_v0', 'bare_get_module_name_v0']) {
      t.ok(macho.definedSymbols.includes(name), `exports ${name}`)
    }
    t.alike(
      macho.undefinedSymbols.filter((s) => FFMPEG_SYMBOL.test(s)),
      [],
      'no FFmpeg symbol'
    )
    const tbd = libSystemStubs()
    if (!tbd) {
      t.comment("Zig's libSystem stubs are not installed here: the imports are not checked")
      return
    }
    const system = readMachO.tbdSymbols(tbd)
    t.ok(system.size > 1000, `${system.size} symbols in libSystem's stubs`)
    // Bare resolves js_* and bare_* when it loads the addon (-undefined dynamic_lookup): the rest
    // must be libSystem's, or dyld would fail on a Mac.
    const unknown = macho.undefinedSymbols.filter((s) => !/^(js_|bare_)/.test(s) && !system.has(s))
    t.alike(unknown, [], 'every other import is a libSystem symbol')
    t.ok(
      macho.undefinedSymbols.some((s) => s.startsWith('js_')),
      'imports js_* (from Bare)'
    )
    t.alike(
      macho.undefinedSymbols.filter((s) => CHANGING.includes(s)),
      [],
      'no file-changing call (FFmpeg calls the refusals instead)'
    )
    t.ok(macho.definedSymbols.includes('__wrap_rename'), 'the refusals are inside')
  })
}

function peChecks(target, spec, pe, prebuild) {
  test(`${target}: a DLL for ${spec.machine}, loading only Windows' own DLLs`, (t) => {
    t.ok(pe.dll, 'a DLL')
    t.is(pe.machine, spec.machine)
    const dlls = Object.keys(pe.imports)
    t.ok(dlls.length > 0, `imports from ${dlls.join(' ')}`)
    t.alike(
      dlls.filter((dll) => !WINDOWS_DLLS.test(dll)),
      [],
      'no other DLL: FFmpeg and the MinGW runtime are inside'
    )
  })

  test(`${target}: exports Bare's entry points only, imports neither Bare nor FFmpeg at load`, (t) => {
    t.alike(pe.exports.sort(), ['bare_get_module_name_v0', 'bare_register_module_v0'])
    const all = Object.values(pe.imports).flat()
    t.alike(
      all.filter((name) => /^(js_|bare_)/.test(name) || FFMPEG_SYMBOL.test(name)),
      [],
      "no Bare or FFmpeg function imported at load (Bare's are delay-loaded: see the host test)"
    )
    const changing =
      /^(_w?(unlink|rmdir|mkdir|rename)|rename|MoveFileEx?[AW]|DeleteFile[AW]|RemoveDirectory[AW]|CreateDirectory[AW])$/
    t.alike(
      all.filter((name) => changing.test(name)),
      [],
      'no file-changing call (FFmpeg calls the refusals instead)'
    )
  })

  // A host that embeds "Bare" under another name, as Pear's runtime does: loading the addon under
  // Wine, its registration's first call into Bare reaches the host through the delay-load hook.
  const host = path.join(ROOT, 'build', target, 'pear-runtime.exe')
  const def = path.join(ROOT, 'build', target, 'bare.def')
  const compiler = spawnSync('x86_64-w64-mingw32-gcc', ['--version'], { stdio: 'ignore' })
  const noHost = compiler.status !== 0 || !fs.existsSync(def)
  test(`${target}: loads in a host not named bare.exe and calls into it`, { skip: noHost }, (t) => {
    const names = fs
      .readFileSync(def, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^(js|bare)_/.test(line) && line !== 'bare_module_find')
    const dir = path.join(ROOT, 'build', target)
    fs.writeFileSync(path.join(dir, 'stubs.h'), names.map((n) => `STUB(${n})`).join('\n') + '\n')
    const built = spawnSync(
      'x86_64-w64-mingw32-gcc',
      ['-O1', '-I', dir, '-o', host, path.join(__dirname, 'win32', 'host.c')],
      { stdio: ['ignore', 'pipe', 'pipe'] }
    )
    t.is(built.status, 0, built.stderr.toString())
    const run = spawnSync('wine', [host, prebuild], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: wineEnv()
    })
    const err = run.stderr.toString()
    t.ok(err.includes('host: loaded'), 'LoadLibrary succeeds (every import found)')
    t.ok(err.includes('host: module name bare-ffmpeg@'), 'bare_get_module_name_v0 answers')
    t.ok(
      /host: first call into Bare: js_\w+/.test(err),
      `the first call reached the host: ${(err.match(/first call into Bare: (\w+)/) || [])[1]}`
    )
  })
}

// The environment for Windows programs under Wine: WINEPATH as scripts/wine-path.sh makes it
// (MinGW's runtime DLLs, and a stand-in for the bcryptprimitives.dll Wine 8 lacks).
function wineEnv() {
  if (wineEnvironment) return wineEnvironment
  const script = path.join(ROOT, 'scripts', 'wine-path.sh')
  const made = spawnSync('bash', [script], { stdio: ['ignore', 'pipe', 'inherit'] })
  const WINEPATH = made.stdout.toString().trim()
  wineEnvironment = { ...require('bare-env'), WINEPATH, WINEDEBUG: '-all' }
  return wineEnvironment
}

// The text stubs of macOS's libSystem that Zig links against (pip install ziglang), or null.
function libSystemStubs() {
  const found = spawnSync(
    'python3',
    ['-c', 'import ziglang, os; print(os.path.dirname(ziglang.__file__))'],
    { stdio: ['ignore', 'pipe', 'ignore'] }
  )
  if (found.status !== 0) return null
  const file = path.join(found.stdout.toString().trim(), 'lib/libc/darwin/libSystem.tbd')
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null
}
