// HLS in a Hyperdrive (on disk, no network), both ways, without FFmpeg touching the file system:
// the hls muxer cuts a media file into a playlist and MPEG-TS segments that it writes into the
// drive through `onopen`, and the hls demuxer then reads the playlist back from the drive, each
// segment it names opened through `onopen` with async, positioned reads. A playlist that came
// from another peer is read the same way: its segments come from the drive or nowhere.
//
//   bare examples/hls-hyperdrive.js [media file] [storage directory]
const fs = require('bare-fs')
const path = require('bare-path')
const { IOContext, InputFormatContext } = require('..')
const { driveSource, driveSink, withDrive } = require('./hyperdrive')
const { remuxAsync } = require('./lib/remux')

// The IOContext for a file FFmpeg opens under `dir` of the drive: a reader or a writer (flags:
// 1 read, 2 write). The names FFmpeg asks for are relative to the playlist; one that climbs out
// of `dir` is refused (null).
function driveOpener(drive, dir, { log, pending }) {
  return async (url, flags) => {
    const name = path.posix.join(dir, url)
    if (!name.startsWith(dir + '/')) return null
    log.push(name)
    if (flags & 2) {
      const sink = driveSink(drive, name)
      pending.push(sink.finished) // the file is complete once FFmpeg closed it and it ended
      return sink.io
    }
    return (await driveSource(drive, name)).io
  }
}

// Cuts `from` (a file of the drive) into `dir`/index.m3u8 and its segments. Returns the packets
// written and the files made.
async function writeHls(drive, from, dir, seconds = 2) {
  const written = []
  const pending = []
  const input = await InputFormatContext.open((await driveSource(drive, from)).io)
  let packets
  try {
    // The playlist and the segments are written through onopen; the context's own IOContext
    // gets nothing (the hls muxer writes no single stream).
    packets = await remuxAsync(input, 'hls', new IOContext(1, { onwrite: () => {} }), {
      url: 'index.m3u8',
      onopen: driveOpener(drive, dir, { log: written, pending }),
      options: { hls_time: seconds, hls_list_size: 0, hls_playlist_type: 'vod' }
    })
  } finally {
    input.destroy()
  }
  await Promise.all(pending.map((finished) => finished()))
  return { packets, files: written }
}

// Reads `dir`/index.m3u8 of the drive and every segment it names, calling `each(packet)` for
// each packet. Returns the number of packets read and the files opened.
async function readHls(drive, dir, each = () => {}) {
  const opened = []
  const playlist = await driveSource(drive, dir + '/index.m3u8')
  const input = await InputFormatContext.open(playlist.io, {
    format: 'hls',
    url: 'index.m3u8',
    onopen: driveOpener(drive, dir, { log: opened, pending: [] })
  })
  let packets = 0
  try {
    for await (const packet of input) {
      packets++
      each(packet)
      packet.destroy()
    }
  } finally {
    input.destroy()
  }
  return { packets, files: opened }
}

module.exports = { writeHls, readHls }

async function main() {
  const file = Bare.argv[2] || path.join(__dirname, '..', 'test', 'fixtures', 'long.mp4')
  await withDrive(Bare.argv[3], async (drive) => {
    await drive.put('/media/source' + path.extname(file), fs.readFileSync(file))
    const written = await writeHls(drive, '/media/source' + path.extname(file), '/hls')
    console.log(
      `wrote ${written.packets} packets as HLS into the drive: ${written.files.join(' ')}`
    )
    const read = await readHls(drive, '/hls')
    console.log(`read ${read.packets} packets back from the drive through ${read.files.join(' ')}`)
  })
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`hls-hyperdrive example failed: ${err.message}`)
    Bare.exitCode = 1
  })
}
