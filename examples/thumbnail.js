// A thumbnail of a video in a Hyperdrive (on disk, no network): the first keyframe, decoded off
// the JavaScript thread, scaled to at most 320 pixels wide in JPEG's full-range YUV, encoded as a
// JPEG and written back into the drive.
//
//   bare examples/thumbnail.js [media file] [storage directory]
const fs = require('bare-fs')
const path = require('bare-path')
const {
  InputFormatContext,
  CodecContext,
  Encoder,
  Frame,
  Packet,
  Rational,
  Scaler,
  constants
} = require('..')
const { driveSource, withDrive } = require('./hyperdrive')

const { mediaTypes, pixelFormats } = constants

// The JPEG of the first keyframe of `name` in `drive`, as a Buffer.
async function thumbnail(drive, name) {
  const input = await InputFormatContext.open((await driveSource(drive, name)).io)
  try {
    const stream = input.getBestStream(mediaTypes.VIDEO)
    if (!stream) throw new Error(`${name} has no video`)
    using decoder = stream.decoder()
    decoder.open()
    let picture = null
    for await (const frame of decoder.frames(input)) {
      if (picture === null && frame.keyFrame) picture = frame
      else frame.destroy()
      if (picture) break
    }
    if (!picture) throw new Error(`${name}: no keyframe decoded`)
    try {
      return encodeJpeg(picture)
    } finally {
      picture.destroy()
    }
  } finally {
    input.destroy()
  }
}

// JPEG wants full-range YUV 4:2:0 (yuvj420p): the Scaler converts the picture (any format the
// decoder gives) and makes it at most 320 pixels wide, keeping its proportions.
function encodeJpeg(picture, { maxWidth = 320 } = {}) {
  const width = Math.min(maxWidth, picture.width)
  const height = Math.max(2, Math.round((picture.height * width) / picture.width / 2) * 2)
  using scaler = new Scaler(
    picture.format,
    picture.width,
    picture.height,
    pixelFormats.YUVJ420P,
    width,
    height
  )
  using jpeg = new Frame()
  scaler.scale(picture, jpeg)
  using encoder = new CodecContext(new Encoder('mjpeg'))
  encoder.width = width
  encoder.height = height
  encoder.pixelFormat = pixelFormats.YUVJ420P
  encoder.timeBase = new Rational(1, 25)
  encoder.open()
  encoder.sendFrame(jpeg)
  encoder.sendFrame()
  using packet = new Packet()
  if (!encoder.receivePacket(packet)) throw new Error('the JPEG encoder gave nothing')
  return packet.copyData()
}

module.exports = { thumbnail }

async function main() {
  const file = Bare.argv[2] || path.join(__dirname, '..', 'test', 'fixtures', 'long.mp4')
  await withDrive(Bare.argv[3], async (drive) => {
    await drive.put('/media/video' + path.extname(file), fs.readFileSync(file))
    const jpeg = await thumbnail(drive, '/media/video' + path.extname(file))
    await drive.put('/media/thumbnail.jpg', jpeg)
    console.log(`wrote /media/thumbnail.jpg (${jpeg.length} bytes) into the drive`)
  })
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`thumbnail example failed: ${err.message}`)
    Bare.exitCode = 1
  })
}
