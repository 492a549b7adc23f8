// Reads what dyld sees in a 64-bit little-endian Mach-O file (a macOS prebuild): its file type and
// CPU, the libraries it loads (LC_LOAD_DYLIB and kin), the platform and oldest OS version it was
// built for (LC_BUILD_VERSION), and its external symbols from the symbol table (LC_SYMTAB):
// defined (exported) and undefined (imported, the leading underscore of C names taken off).
// The counterpart of elf.js for test/cross.js.

const MH_MAGIC_64 = 0xfeedfacf
const LC_SYMTAB = 0x2
const LC_LOAD_DYLIB = 0xc
const LC_LOAD_WEAK_DYLIB = 0x80000018
const LC_REEXPORT_DYLIB = 0x8000001f
const LC_BUILD_VERSION = 0x32
const N_TYPE = 0x0e
const N_EXT = 0x01
const N_UNDF = 0x0
const N_STAB = 0xe0

const FILE_TYPES = { 1: 'object', 2: 'execute', 6: 'dylib', 8: 'bundle' }
const CPU_TYPES = { 0x01000007: 'x86_64', 0x0100000c: 'arm64' }
const PLATFORMS = { 1: 'macos', 2: 'ios', 7: 'ios-simulator' }

module.exports = function readMachO(file) {
  const b = file
  if (b.readUInt32LE(0) !== MH_MAGIC_64) throw new Error('not a 64-bit little-endian Mach-O file')
  const cpu = CPU_TYPES[b.readUInt32LE(4)] || `cpu ${b.readUInt32LE(4)}`
  const fileType = FILE_TYPES[b.readUInt32LE(12)] || `type ${b.readUInt32LE(12)}`
  const commands = b.readUInt32LE(16)

  const libraries = []
  const definedSymbols = []
  const undefinedSymbols = []
  let platform = null
  let minimumOS = null
  let at = 32 // after mach_header_64
  for (let i = 0; i < commands; i++) {
    const cmd = b.readUInt32LE(at)
    const size = b.readUInt32LE(at + 4)
    if (cmd === LC_LOAD_DYLIB || cmd === LC_LOAD_WEAK_DYLIB || cmd === LC_REEXPORT_DYLIB) {
      const name = at + b.readUInt32LE(at + 8)
      libraries.push(b.toString('latin1', name, b.indexOf(0, name)))
    } else if (cmd === LC_BUILD_VERSION) {
      platform = PLATFORMS[b.readUInt32LE(at + 8)] || `platform ${b.readUInt32LE(at + 8)}`
      const v = b.readUInt32LE(at + 12) // xxxx.yy.zz
      minimumOS = [v >>> 16, (v >>> 8) & 0xff, v & 0xff]
    } else if (cmd === LC_SYMTAB) {
      const symoff = b.readUInt32LE(at + 8)
      const nsyms = b.readUInt32LE(at + 12)
      const stroff = b.readUInt32LE(at + 16)
      for (let s = 0; s < nsyms; s++) {
        const entry = symoff + s * 16 // nlist_64
        const type = b[entry + 4]
        if (type & N_STAB || !(type & N_EXT)) continue
        const start = stroff + b.readUInt32LE(entry)
        let name = b.toString('latin1', start, b.indexOf(0, start))
        if (name.startsWith('_')) name = name.slice(1)
        if ((type & N_TYPE) === N_UNDF) undefinedSymbols.push(name)
        else definedSymbols.push(name)
      }
    }
    at += size
  }
  return { cpu, fileType, libraries, platform, minimumOS, definedSymbols, undefinedSymbols }
}

// The symbols a text-based stub (.tbd, as Zig ships for libSystem) says a library exports, for
// one architecture target ("arm64-macos"): the names in its `symbols:` lists, underscore taken off.
module.exports.tbdSymbols = function tbdSymbols(text) {
  const names = new Set()
  for (const list of text.matchAll(
    /(?:symbols|weak-symbols|thread-local-symbols):\s*\[([^\]]*)\]/g
  )) {
    for (const raw of list[1].split(',')) {
      const name = raw.trim().replace(/^'|'$/g, '')
      if (name) names.add(name.startsWith('_') ? name.slice(1) : name)
    }
  }
  return names
}
