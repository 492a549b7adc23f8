// Streams a media file stored in a Hyperdrive (on disk, no network) into FFmpeg through async,
// positioned reads (an MP4 with its index at the end, so FFmpeg seeks), and remuxes it to
// fragmented MP4 written through an async onwrite into another file of the drive.
//
//   bare examples/hyperdrive.js [media file] [storage directory]
const fs = require('bare-fs')
const path = require('bare-path')
const Corestore = require('corestore')
const Hyperdrive = require('hyperdrive')
const { IOContext, InputFormatContext, constants } = require('..')
const { remuxAsync } = require('./lib/remux')

const { seek } = constants

// An IOContext reading `name` from `drive`: each read fetches just the requested range.
async function driveSource(drive, name) {
  const entry = await drive.entry(name)
  if (!entry) throw new Error(`${name} is not in the drive`)
  const blob = entry.value.blob
  const blobs = await drive.getBlobs()
  const size = blob.byteLength
  let pos = 0
  const stats = { reads: 0, seeks: 0 }
  const io = new IOContext(64 * 1024, {
    async onread(buffer, len) {
      stats.reads++
      const length = Math.min(len, size - pos)
      if (length <= 0) return 0
      const bytes = await blobs.get(blob, { start: pos, length })
      buffer.set(bytes)
      pos += bytes.length
      return bytes.length
    },
    onseek(offset, whence) {
      stats.seeks++
      if (whence === seek.SIZE) return size
      if (whence === seek.SET) return (pos = offset)
      if (whence === seek.CUR) return (pos += offset)
      if (whence === seek.END) return (pos = size + offset)
      return -1
    }
  })
  return { io, stats }
}

// An IOContext writing a new file of `drive`, respecting the write stream's backpressure. The
// file is complete once the IOContext is closed (its owner destroyed, or FFmpeg done with it)
// and `finished()` resolved.
function driveSink(drive, name) {
  const stream = drive.createWriteStream(name)
  const done = new Promise((resolve, reject) => {
    stream.once('error', reject)
    stream.once('close', resolve)
  })
  done.catch(() => {}) // reported by finished()
  const io = new IOContext(64 * 1024, {
    onwrite(buffer) {
      if (stream.write(buffer)) return undefined
      return new Promise((resolve) => stream.once('drain', resolve))
    },
    onclose: () => stream.end()
  })
  return { io, finished: () => done }
}

// Remuxes `from` to fragmented MP4 at `to`, both in `drive`. Returns what happened.
async function remuxInDrive(drive, from, to) {
  const source = await driveSource(drive, from)
  const input = await InputFormatContext.open(source.io)
  const sink = driveSink(drive, to)
  // Fragmented: the muxer never seeks back, as a stream into a drive requires.
  const options = { movflags: 'frag_keyframe+empty_moov+default_base_moof' }
  let packets
  try {
    packets = await remuxAsync(input, 'mp4', sink.io, { options })
  } finally {
    input.destroy()
  }
  await sink.finished()
  return { packets, reads: source.stats.reads, seeks: source.stats.seeks }
}

// Runs `fn(drive)` with a Hyperdrive stored in `storage` (the examples' demo drive by default),
// closing it after.
async function withDrive(storage, fn) {
  const store = new Corestore(storage || path.join(__dirname, '..', 'hyperdrive-demo'))
  const drive = new Hyperdrive(store)
  await drive.ready()
  try {
    return await fn(drive)
  } finally {
    await drive.close()
    await store.close()
  }
}

module.exports = { driveSource, driveSink, remuxInDrive, withDrive }

async function main() {
  const file = Bare.argv[2] || path.join(__dirname, '..', 'test', 'fixtures', 'sample.mp4')
  await withDrive(Bare.argv[3], async (drive) => {
    await drive.put('/input' + path.extname(file), fs.readFileSync(file))
    const result = await remuxInDrive(drive, '/input' + path.extname(file), '/output.mp4')
    const written = await drive.entry('/output.mp4')
    console.log(
      `remuxed ${result.packets} packets from the drive (${result.reads} reads, ${result.seeks} seeks) ` +
        `to /output.mp4 in the drive (${written.value.blob.byteLength} bytes, fragmented MP4)`
    )
  })
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`hyperdrive example failed: ${err.message}`)
    Bare.exitCode = 1
  })
}
