// A Pear app's media pipeline with WebCodecs, over a Hyperdrive (on disk, no network): a video in
// the drive is demuxed through async, positioned reads and decoded with VideoDecoder; every few
// frames become RGBA thumbnails (VideoFrame.copyTo) stored in the drive, and the first frames are
// encoded again with VideoEncoder (VP8) into a short WebM clip written into the drive.
//
//   bare examples/webcodecs-hyperdrive.js [video file] [storage directory]
const fs = require('bare-fs')
const path = require('bare-path')
const { InputFormatContext, OutputFormatContext, constants } = require('..')
const { VideoDecoder, VideoEncoder, WebCodecsBridge } = require('../webcodecs')
const { driveSource, driveSink, withDrive } = require('./hyperdrive')

// Decodes `from` (a file of the drive): a thumbnail of every `every`-th frame into
// /thumbnails/<timestamp>.rgba, the first `clip` frames into `to` as VP8 in WebM. Returns the
// frames decoded, the thumbnails ({ name, width, height }) and the clip's frame count.
async function webcodecsInDrive(drive, from, to, { every = 5, clip = 10 } = {}) {
  const source = await driveSource(drive, from)
  const input = await InputFormatContext.open(source.io)
  const thumbnails = []
  const saving = []
  const chunks = []
  let decoderConfig = null
  let decoded = 0
  let failure = null
  try {
    const stream = input.streams.find((s) => s.codecParameters.type === constants.mediaTypes.VIDEO)
    const config = stream && WebCodecsBridge.decoderConfigOf(stream)
    if (!config) throw new Error(`${from} has no video WebCodecs decodes`)
    const encoder = new VideoEncoder({
      output: (chunk, metadata) => {
        chunks.push(chunk)
        decoderConfig ??= metadata.decoderConfig
      },
      error: (err) => (failure ??= err)
    })
    encoder.configure({ codec: 'vp8', width: config.codedWidth, height: config.codedHeight })
    const decoder = new VideoDecoder({
      output: (frame) => {
        if (decoded % every === 0) {
          const rgba = new Uint8Array(frame.allocationSize({ format: 'RGBA' }))
          const name = `/thumbnails/${frame.timestamp}.rgba`
          const size = { width: frame.displayWidth, height: frame.displayHeight }
          saving.push(
            frame.copyTo(rgba, { format: 'RGBA' }).then(() => {
              thumbnails.push({ name, ...size })
              return drive.put(name, rgba)
            })
          )
        }
        if (decoded < clip) encoder.encode(frame, { keyFrame: decoded === 0 })
        decoded++
        frame.close()
      },
      error: (err) => (failure ??= err)
    })
    decoder.configure(config)
    for await (const packet of input) {
      if (packet.streamIndex === stream.index) {
        decoder.decode(WebCodecsBridge.chunkFromPacket(packet, stream))
      }
      packet.destroy()
    }
    await decoder.flush()
    await encoder.flush()
    decoder.close()
    encoder.close()
  } finally {
    input.destroy()
  }
  await Promise.all(saving)
  if (failure) throw failure

  // The clip, written into the drive as it is muxed (onwrite may wait: the async calls).
  const sink = driveSink(drive, to)
  const output = new OutputFormatContext('webm', sink.io)
  try {
    const stream = WebCodecsBridge.addStream(output, decoderConfig)
    await output.writeHeaderAsync()
    for (const chunk of chunks) {
      const packet = WebCodecsBridge.packetFromChunk(chunk, output.streams[stream.index])
      await output.writeFrameAsync(packet)
      packet.destroy()
    }
    await output.writeTrailerAsync()
  } finally {
    output.destroy()
  }
  await sink.finished()
  thumbnails.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
  return { decoded, thumbnails, clip: chunks.length }
}

module.exports = { webcodecsInDrive }

async function main() {
  const file = Bare.argv[2] || path.join(__dirname, '..', 'test', 'fixtures', 'sample.webm')
  await withDrive(Bare.argv[3], async (drive) => {
    await drive.put('/input' + path.extname(file), fs.readFileSync(file))
    const result = await webcodecsInDrive(drive, '/input' + path.extname(file), '/clip.webm')
    console.log(
      `decoded ${result.decoded} frames from the drive; thumbnails ` +
        `${result.thumbnails.map((t) => t.name).join(', ')}; /clip.webm: ${result.clip} frames`
    )
  })
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`webcodecs-hyperdrive failed: ${err.message}`)
    Bare.exitCode = 1
  })
}
