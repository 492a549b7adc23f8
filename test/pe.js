// Reads what the Windows loader sees in a PE32+ file (a win32-x64 prebuild): its machine, whether
// it is a DLL, the names it exports, and what it imports at load (the import table), as
// { dll: [function names] }. (What a MinGW DLL delay-loads is not in a table: the thunks of its
// delay-load import library resolve it at the first call, which test/cross.js checks by running
// it.) The counterpart of elf.js and macho.js for test/cross.js.

const MACHINES = { 0x8664: 'x64', 0xaa64: 'arm64', 0x14c: 'ia32' }
const IMAGE_FILE_DLL = 0x2000
const EXPORT = 0
const IMPORT = 1

module.exports = function readPE(file) {
  const b = file
  if (b.readUInt16LE(0) !== 0x5a4d) throw new Error('not an MZ file')
  const pe = b.readUInt32LE(0x3c)
  if (b.readUInt32LE(pe) !== 0x00004550) throw new Error('not a PE file')
  const coff = pe + 4
  const machine = MACHINES[b.readUInt16LE(coff)] || `machine ${b.readUInt16LE(coff)}`
  const sectionCount = b.readUInt16LE(coff + 2)
  const optionalSize = b.readUInt16LE(coff + 16)
  const dll = (b.readUInt16LE(coff + 18) & IMAGE_FILE_DLL) !== 0
  const optional = coff + 20
  if (b.readUInt16LE(optional) !== 0x20b) throw new Error('not PE32+')
  const directories = optional + 112
  const directory = (i) => ({
    rva: b.readUInt32LE(directories + i * 8),
    size: b.readUInt32LE(directories + i * 8 + 4)
  })

  const sections = []
  for (let i = 0; i < sectionCount; i++) {
    const at = optional + optionalSize + i * 40
    sections.push({
      rva: b.readUInt32LE(at + 12),
      size: Math.max(b.readUInt32LE(at + 8), b.readUInt32LE(at + 16)),
      offset: b.readUInt32LE(at + 20)
    })
  }
  const offset = (rva) => {
    const s = sections.find((s) => rva >= s.rva && rva < s.rva + s.size)
    if (!s) throw new Error(`RVA 0x${rva.toString(16)} is in no section`)
    return rva - s.rva + s.offset
  }
  const string = (rva) => {
    const at = offset(rva)
    return b.toString('latin1', at, b.indexOf(0, at))
  }
  // An import name table: 64-bit entries, each an ordinal (top bit) or the RVA of a hint/name.
  const names = (rva) => {
    const list = []
    for (let at = offset(rva); ; at += 8) {
      const entry = b.readBigUInt64LE(at)
      if (entry === 0n) break
      list.push(entry & (1n << 63n) ? `#${entry & 0xffffn}` : string(Number(entry) + 2))
    }
    return list
  }

  const exports = []
  const exp = directory(EXPORT)
  if (exp.size) {
    const at = offset(exp.rva)
    const count = b.readUInt32LE(at + 24)
    const table = offset(b.readUInt32LE(at + 32))
    for (let i = 0; i < count; i++) exports.push(string(b.readUInt32LE(table + i * 4)))
  }

  const imports = {}
  const imp = directory(IMPORT)
  if (imp.size) {
    for (let at = offset(imp.rva); b.readUInt32LE(at + 12) !== 0; at += 20) {
      const lookup = b.readUInt32LE(at) || b.readUInt32LE(at + 16)
      imports[string(b.readUInt32LE(at + 12))] = names(lookup)
    }
  }

  return { machine, dll, exports, imports }
}
