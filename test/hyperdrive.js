// Media stored in a local Hyperdrive (on disk, no network): read with async positioned reads and
// seeks, remuxed to fragmented MP4 into another file of the drive.
const test = require('brittle')
const fs = require('bare-fs')
const path = require('bare-path')
const { spawnSync } = require('bare-subprocess')
const Corestore = require('corestore')
const Hyperdrive = require('hyperdrive')
const { IOContext, InputFormatContext } = require('..')
const { driveSource, remuxInDrive } = require('../examples/hyperdrive')
const { writeHls, readHls } = require('../examples/hls-hyperdrive')
const {
  FFMPEG,
  FFPROBE,
  FIXTURES,
  fixture,
  readAll,
  readAllAsync,
  packetShape,
  probePackets,
  tmpPath
} = require('./helpers')

async function withDrive(fn) {
  const dir = tmpPath(`drive-${Date.now()}-${Math.floor(Math.random() * 1e9)}`)
  const store = new Corestore(dir)
  const drive = new Hyperdrive(store)
  await drive.ready()
  try {
    return await fn(drive)
  } finally {
    await drive.close()
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

for (const file of ['sample.mp4', 'sample.mkv', 'sample.webm']) {
  test(`${file} from a Hyperdrive: packets match ffprobe, before and after a seek`, async (t) => {
    await withDrive(async (drive) => {
      await drive.put('/' + file, fixture(file))
      const { io, stats } = await driveSource(drive, '/' + file)
      const input = await InputFormatContext.open(io)
      t.alike(await readAllAsync(input), probePackets(file))
      if (file === 'sample.mp4') t.ok(stats.seeks > 0, `${stats.seeks} seeks`)

      const reference = new InputFormatContext(new IOContext(fixture(file)))
      reference.seek(-1, 1000000)
      const expected = readAll(reference)
      reference.destroy()
      await input.seekAsync(-1, 1000000)
      t.alike(await readAllAsync(input), expected, 'after seeking to 1 s')
      input.destroy()
    })
  })
}

test('remux from the drive to fragmented MP4 in the drive', async (t) => {
  await withDrive(async (drive) => {
    await drive.put('/in.mkv', fixture('sample.mkv'))
    const result = await remuxInDrive(drive, '/in.mkv', '/out.mp4')
    t.is(result.packets, probePackets('sample.mkv').length)
    const out = await drive.get('/out.mp4')
    t.is(out.toString('latin1', 4, 8), 'ftyp')
    t.ok(out.includes(Buffer.from('moof')), 'fragmented')
    const exported = tmpPath('drive-out.mp4')
    fs.writeFileSync(exported, out)
    const written = new InputFormatContext(new IOContext(out))
    const ours = readAll(written)
    written.destroy()
    t.is(ours.length, result.packets)
    t.is(
      ours.length,
      probePackets(path.relative(path.join(__dirname, 'fixtures'), exported)).length
    )
  })
})

test('HLS into the drive through onopen, and back: what ffprobe reads from the files', async (t) => {
  await withDrive(async (drive) => {
    await drive.put('/media/long.mp4', fixture('long.mp4'))
    const written = await writeHls(drive, '/media/long.mp4', '/hls')
    t.is(written.packets, probePackets('long.mp4').length, 'every packet written')
    t.ok(written.files.includes('/hls/index.m3u8'), written.files.join(' '))
    const segments = written.files.filter((name) => name.endsWith('.ts'))
    t.ok(segments.length >= 2, `${segments.length} segments`)

    // ffprobe on the same files, exported from the drive.
    const dir = tmpPath('drive-hls')
    fs.rmSync(dir, { recursive: true, force: true })
    fs.mkdirSync(dir, { recursive: true })
    for (const name of written.files) {
      fs.writeFileSync(path.join(dir, path.basename(name)), await drive.get(name))
    }
    const expected = probePackets(path.join(dir, 'index.m3u8'))

    const packets = []
    const read = await readHls(drive, '/hls', (packet) => packets.push(packetShape(packet)))
    t.alike(packets, expected, 'read back through onopen: what ffprobe reads')
    t.alike(read.files, segments, 'each segment opened from the drive')
  })
})

test('a playlist from a peer reads its segments from the drive or nowhere', async (t) => {
  await withDrive(async (drive) => {
    await drive.put(
      '/hls/index.m3u8',
      Buffer.from('#EXTM3U\n#EXTINF:1,\n../secret.ts\n#EXT-X-ENDLIST\n')
    )
    await drive.put('/secret.ts', fixture('sample.ts'))
    await t.exception(
      readHls(drive, '/hls'),
      /onopen refused it/,
      'a path out of the folder is refused'
    )
  })
})

test('thumbnail: the first keyframe of a video in the drive, as a JPEG ffmpeg reads', async (t) => {
  const { thumbnail } = require('../examples/thumbnail')
  await withDrive(async (drive) => {
    await drive.put('/media/long.mp4', fixture('long.mp4'))
    const jpeg = await thumbnail(drive, '/media/long.mp4')
    t.alike([...jpeg.subarray(0, 2)], [0xff, 0xd8], 'a JPEG (SOI marker)')
    const file = tmpPath('thumbnail.jpg')
    fs.writeFileSync(file, jpeg)
    const probed = spawnSync(FFPROBE, ['-v', 'error', '-show_streams', '-of', 'json', file], {
      stdio: ['ignore', 'pipe', 'inherit']
    })
    const [stream] = JSON.parse(probed.stdout.toString()).streams
    t.is(stream.codec_name, 'mjpeg')
    t.is(`${stream.width}x${stream.height}`, '64x48', "the video's size")
    t.is(stream.pix_fmt, 'yuvj420p', 'full range, as JPEG wants')
  })
})

test('webcodecs-hyperdrive: VideoDecoder on a video in the drive, RGBA thumbnails and a VP8 clip written back', async (t) => {
  const { webcodecsInDrive } = require('../examples/webcodecs-hyperdrive')
  await withDrive(async (drive) => {
    await drive.put('/media/h264.mkv', fixture('codecs/h264.mkv'))
    const result = await webcodecsInDrive(drive, '/media/h264.mkv', '/clip.webm', { every: 5 })
    t.is(result.decoded, 10, 'every frame decoded')
    t.alike(
      result.thumbnails.map((th) => th.name),
      ['/thumbnails/0.rgba', '/thumbnails/500000.rgba']
    )
    // The thumbnails: frames 0 and 5 as ffmpeg converts them to RGBA.
    const rgba = spawnSync(
      FFMPEG,
      [
        '-v',
        'error',
        '-i',
        path.join(FIXTURES, 'codecs', 'h264.mkv'),
        '-f',
        'rawvideo',
        '-pix_fmt',
        'rgba',
        '-'
      ],
      { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 }
    ).stdout
    const size = 64 * 64 * 4
    for (const [i, th] of result.thumbnails.entries()) {
      const stored = await drive.get(th.name)
      t.ok(
        stored.equals(rgba.subarray(i * 5 * size, (i * 5 + 1) * size)),
        `${th.name}: as ffmpeg's`
      )
    }
    // The clip, read back from the drive: ten VP8 frames ffprobe counts.
    const clip = tmpPath('webcodecs-clip.webm')
    fs.writeFileSync(clip, await drive.get('/clip.webm'))
    const [stream] = JSON.parse(
      spawnSync(FFPROBE, ['-v', 'error', '-count_frames', '-show_streams', '-of', 'json', clip], {
        stdio: ['ignore', 'pipe', 'inherit']
      }).stdout.toString()
    ).streams
    t.alike([stream.codec_name, Number(stream.nb_read_frames), stream.width], ['vp8', 10, 64])
    fs.rmSync(clip)
  })
})
