// Reads what the dynamic loader sees in an ELF64 little-endian shared object: the libraries it
// needs (DT_NEEDED), its dynamic symbols (defined and undefined) and the symbol versions it needs
// from each library (GLIBC_2.34, ...). Enough to check that a prebuild carries FFmpeg itself.

const SHT_DYNSYM = 11
const SHT_DYNAMIC = 6
const SHT_GNU_VERNEED = 0x6ffffffe
const DT_NEEDED = 1

module.exports = function readElf(file) {
  const b = file
  if (b.readUInt32BE(0) !== 0x7f454c46) throw new Error('not an ELF file')
  if (b[4] !== 2 || b[5] !== 1) throw new Error('not a 64-bit little-endian ELF file')

  const shoff = Number(b.readBigUInt64LE(0x28))
  const shentsize = b.readUInt16LE(0x3a)
  const shnum = b.readUInt16LE(0x3c)
  const sections = []
  for (let i = 0; i < shnum; i++) {
    const at = shoff + i * shentsize
    sections.push({
      type: b.readUInt32LE(at + 4),
      offset: Number(b.readBigUInt64LE(at + 0x18)),
      size: Number(b.readBigUInt64LE(at + 0x20)),
      link: b.readUInt32LE(at + 0x28),
      info: b.readUInt32LE(at + 0x2c)
    })
  }
  const string = (table, offset) => {
    const start = sections[table].offset + offset
    return b.toString('latin1', start, b.indexOf(0, start))
  }

  const needed = []
  const undefinedSymbols = [] // needed to load (weak ones are in weakSymbols)
  const weakSymbols = []
  const definedSymbols = []
  const versions = {} // library -> [version names]
  sections.forEach((s) => {
    if (s.type === SHT_DYNAMIC) {
      for (let at = s.offset; at < s.offset + s.size; at += 16) {
        if (Number(b.readBigInt64LE(at)) === DT_NEEDED) {
          needed.push(string(s.link, Number(b.readBigUInt64LE(at + 8))))
        }
      }
    } else if (s.type === SHT_DYNSYM) {
      for (let at = s.offset + 24; at < s.offset + s.size; at += 24) {
        const name = string(s.link, b.readUInt32LE(at))
        // A weak undefined symbol (STB_WEAK) needs no definition for the file to load.
        if (b.readUInt16LE(at + 6) === 0 && b[at + 4] >> 4 === 2) weakSymbols.push(name)
        else if (b.readUInt16LE(at + 6) === 0) undefinedSymbols.push(name)
        else definedSymbols.push(name)
      }
    } else if (s.type === SHT_GNU_VERNEED) {
      let at = s.offset
      for (let n = 0; n < s.info; n++) {
        const count = b.readUInt16LE(at + 2)
        const library = string(s.link, b.readUInt32LE(at + 4))
        let aux = at + b.readUInt32LE(at + 8)
        versions[library] = []
        for (let k = 0; k < count; k++) {
          versions[library].push(string(s.link, b.readUInt32LE(aux + 8)))
          aux += b.readUInt32LE(aux + 12)
        }
        at += b.readUInt32LE(at + 12)
      }
    }
  })
  // e_machine: 62 for x86-64, 183 for AArch64.
  return {
    machine: b.readUInt16LE(0x12),
    needed,
    undefinedSymbols,
    weakSymbols,
    definedSymbols,
    versions
  }
}

// The newest GLIBC_x.y version an ELF file's symbols need, as [major, minor].
module.exports.newestGlibc = function newestGlibc(elf) {
  return Object.values(elf.versions)
    .flat()
    .filter((v) => v.startsWith('GLIBC_'))
    .map((v) => v.slice(6).split('.').map(Number))
    .sort((a, b) => a[0] - b[0] || (a[1] ?? 0) - (b[1] ?? 0))
    .pop()
}
