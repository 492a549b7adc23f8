// A thumbnail of a video in a Hyperdrive (on disk, no network): the first keyframe, decoded and
// encoded as a JPEG, written back into the drive. The picture keeps its size (scaling it down
// needs a scaler, which is not part of this package yet) and goes from the video's limited range
// to JPEG's full range here, in JavaScript, on the frame's own planes.
//
//   bare examples/thumbnail.js [media file] [storage directory]
const fs = require('bare-fs')
const path = require('bare-path')
const Corestore = require('corestore')
const Hyperdrive = require('hyperdrive')
const {
  InputFormatContext,
  CodecContext,
  Encoder,
  Frame,
  Packet,
  Rational,
  constants
} = require('..')
const { driveSource } = require('./hyperdrive')

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

// JPEG wants full-range YUV 4:2:0 (yuvj420p): the decoded yuv420p picture, rescaled.
function encodeJpeg(picture) {
  if (picture.format !== pixelFormats.YUV420P) throw new Error('this example takes yuv420p only')
  const { width, height } = picture
  using jpeg = new Frame()
  jpeg.width = width
  jpeg.height = height
  jpeg.format = pixelFormats.YUVJ420P
  jpeg.alloc()
  const full = (v, black, span) =>
    Math.max(0, Math.min(255, Math.round(((v - black) * 255) / span)))
  const planes = [
    [width, height, (v) => full(v, 16, 219)],
    [Math.ceil(width / 2), Math.ceil(height / 2), (v) => full(v - 128, -112, 224)],
    [Math.ceil(width / 2), Math.ceil(height / 2), (v) => full(v - 128, -112, 224)]
  ]
  const [from, to] = [picture.data, jpeg.data]
  const [fromLines, toLines] = [picture.linesize, jpeg.linesize]
  planes.forEach(([w, h, convert], i) => {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) to[i][y * toLines[i] + x] = convert(from[i][y * fromLines[i] + x])
    }
  })
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
  const storage = Bare.argv[3] || path.join(__dirname, '..', 'hyperdrive-demo')
  const store = new Corestore(storage)
  const drive = new Hyperdrive(store)
  await drive.ready()
  try {
    await drive.put('/media/video' + path.extname(file), fs.readFileSync(file))
    const jpeg = await thumbnail(drive, '/media/video' + path.extname(file))
    await drive.put('/media/thumbnail.jpg', jpeg)
    console.log(`wrote /media/thumbnail.jpg (${jpeg.length} bytes) into the drive`)
  } finally {
    await drive.close()
    await store.close()
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`thumbnail example failed: ${err.message}`)
    Bare.exitCode = 1
  })
}
