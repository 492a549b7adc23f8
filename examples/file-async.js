// Streams a media file from a bare-fs file handle, read asynchronously at positions (never loaded
// whole), and remuxes it through an async onwrite into another file: the event loop stays free
// while FFmpeg works on its worker thread.
//
//   bare examples/file-async.js input output
const fs = require('bare-fs')
const { IOContext, InputFormatContext, OutputFormat, constants } = require('..')
const { remuxAsync } = require('./lib/remux')

const { seek } = constants

// onread/onseek over a file handle; every read is an async positional read.
async function fileSource(path) {
  const file = await fs.promises.open(path, 'r')
  const { size } = await file.stat()
  let pos = 0
  const io = new IOContext(64 * 1024, {
    async onread(buffer, len) {
      const { bytesRead } = await file.read(buffer, 0, len, pos)
      pos += bytesRead
      return bytesRead
    },
    onseek(offset, whence) {
      if (whence === seek.SIZE) return size
      if (whence === seek.SET) return (pos = offset)
      if (whence === seek.CUR) return (pos += offset)
      if (whence === seek.END) return (pos = size + offset)
      return -1
    }
  })
  return { io, file }
}

// onwrite/onseek over a file handle opened for writing.
async function fileSink(path) {
  const file = await fs.promises.open(path, 'w')
  let pos = 0
  let end = 0
  const io = new IOContext(64 * 1024, {
    async onwrite(buffer) {
      await file.write(buffer, 0, buffer.length, pos)
      pos += buffer.length
      end = Math.max(end, pos)
    },
    onseek(offset, whence) {
      if (whence === seek.SIZE) return end
      if (whence === seek.SET) return (pos = offset)
      if (whence === seek.CUR) return (pos += offset)
      return -1
    }
  })
  return { io, file }
}

async function remuxFile(input, output) {
  const source = await fileSource(input)
  const sink = await fileSink(output)
  try {
    const demuxer = await InputFormatContext.open(source.io)
    try {
      return await remuxAsync(demuxer, OutputFormat.fromFileName(output), sink.io)
    } finally {
      demuxer.destroy()
    }
  } finally {
    await source.file.close()
    await sink.file.close()
  }
}

module.exports = remuxFile

if (require.main === module) {
  const [input, output] = Bare.argv.slice(2)
  remuxFile(input, output).then(
    (packets) => console.log(`remuxed ${packets} packets from ${input} to ${output}`),
    (err) => {
      console.error(`file-async failed: ${err.message}`)
      Bare.exitCode = 1
    }
  )
}
