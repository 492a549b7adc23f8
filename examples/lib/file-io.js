// IOContexts over files, read and written at positions: only the bytes FFmpeg asks for are ever
// in memory. Used by the demo and the examples.
const fs = require('bare-fs')
const { IOContext, constants } = require('../..')

const { seek } = constants

// Where a seek lands, or -1 when `whence` is not one we know.
function seekTo(pos, size, offset, whence) {
  if (whence === seek.SET) return offset
  if (whence === seek.CUR) return pos + offset
  if (whence === seek.END) return size + offset
  return -1
}

// Reads the file open at `fd`. `stats` counts the callbacks.
exports.fileReader = function fileReader(fd, size = 64 * 1024) {
  const fileSize = fs.fstatSync(fd).size
  let pos = 0
  const stats = { reads: 0, seeks: 0 }
  const io = new IOContext(size, {
    onread(buffer, len) {
      stats.reads++
      const n = fs.readSync(fd, buffer, 0, len, pos)
      pos += n
      return n
    },
    onseek(offset, whence) {
      stats.seeks++
      if (whence === seek.SIZE) return fileSize
      const to = seekTo(pos, fileSize, offset, whence)
      if (to >= 0) pos = to
      return to
    }
  })
  return { io, stats }
}

// Writes the file open at `fd`; with `seekable` false, muxers cannot go back (streaming).
exports.fileWriter = function fileWriter(fd, { size = 64 * 1024, seekable = true } = {}) {
  let pos = 0
  let end = 0
  const stats = { writes: 0, bytes: 0 }
  const io = new IOContext(size, {
    onwrite(buffer) {
      stats.writes++
      stats.bytes += buffer.length
      const n = fs.writeSync(fd, buffer, 0, buffer.length, pos)
      pos += n
      end = Math.max(end, pos)
      return n
    },
    onseek: seekable
      ? (offset, whence) => {
          if (whence === seek.SIZE) return end
          const to = seekTo(pos, end, offset, whence)
          if (to >= 0) pos = to
          return to
        }
      : undefined
  })
  return { io, stats }
}

// Opens `input` for reading and `output` for writing, runs `fn(inFd, outFd)`, closes both.
exports.withFiles = function withFiles(input, output, fn) {
  const inFd = fs.openSync(input, 'r')
  const outFd = output ? fs.openSync(output, 'w') : null
  try {
    return fn(inFd, outFd)
  } finally {
    fs.closeSync(inFd)
    if (outFd !== null) fs.closeSync(outFd)
  }
}
