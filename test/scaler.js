// Scaler: pictures converted and resized by swscale, compared byte for byte with the ffmpeg of the
// FFmpeg we ship doing the same (its scale filter with the same flags, raw output).
const test = require('brittle')
const path = require('bare-path')
const { spawnSync } = require('bare-subprocess')
const {
  IOContext,
  InputFormatContext,
  Packet,
  Frame,
  Scaler,
  FFmpegError,
  constants
} = require('..')
const { FFMPEG, fixture } = require('./helpers')
const { packed } = require('./checksums')

const { pixelFormats: pf, scalerFlags } = constants
const EINVAL = -22 // AVERROR(EINVAL)

// The decoded pictures of sample.mp4 (64x48 yuv420p), the first `count` of them (yours to
// destroy).
function decodedPictures(count = Infinity) {
  using input = new InputFormatContext(new IOContext(fixture('sample.mp4')))
  using decoder = input.streams[0].decoder()
  decoder.open()
  using packet = new Packet()
  const pictures = []
  const drain = () => {
    while (pictures.length < count) {
      const frame = new Frame()
      if (!decoder.receiveFrame(frame)) return frame.destroy()
      pictures.push(frame)
    }
  }
  while (pictures.length < count && input.readFrame(packet)) {
    if (packet.streamIndex !== 0) continue
    decoder.sendPacket(packet)
    drain()
  }
  if (pictures.length < count) {
    decoder.sendPacket()
    drain()
  }
  return pictures
}

function firstPicture() {
  return decodedPictures(1)[0]
}

// ffmpeg's raw output of the first picture (all of them: `frames` null) through
// `-vf scale=W:H:flags=F -pix_fmt P`.
function reference(width, height, flags, format, frames = 1) {
  const result = spawnSync(
    FFMPEG,
    [
      '-v',
      'error',
      '-i',
      path.join(__dirname, 'fixtures', 'sample.mp4'),
      ...(frames === null ? [] : ['-frames:v', String(frames)]),
      '-vf',
      `scale=${width}:${height}:flags=${flags}`,
      '-pix_fmt',
      format,
      '-f',
      'rawvideo',
      '-'
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  if (result.status !== 0) throw new Error('ffmpeg failed')
  return result.stdout
}

const CASES = [
  ['yuv420p 64x48 to rgb24 32x24, bicubic', 'rgb24', 32, 24, 'bicubic', [[96, 24]]],
  ['yuv420p 64x48 to rgba 40x30, bilinear', 'rgba', 40, 30, 'bilinear', [[160, 30]]],
  [
    'yuv420p 64x48 to yuv420p 128x96, lanczos',
    'yuv420p',
    128,
    96,
    'lanczos',
    [
      [128, 96],
      [64, 48],
      [64, 48]
    ]
  ],
  ['yuv420p 64x48 to gray 64x48, point', 'gray', 64, 48, 'neighbor', [[64, 48]]]
]
const FLAG = { bicubic: 'BICUBIC', bilinear: 'BILINEAR', lanczos: 'LANCZOS', neighbor: 'POINT' }

for (const [name, format, width, height, flags, geometry] of CASES) {
  test(`${name}: what ffmpeg's scale filter makes, byte for byte`, (t) => {
    using source = firstPicture()
    using scaler = new Scaler('yuv420p', 64, 48, format, width, height, scalerFlags[FLAG[flags]])
    using target = new Frame()
    t.is(scaler.scale(source, target), height, 'every row')
    t.is(`${target.width}x${target.height}`, `${width}x${height}`, 'a blank target gets planes')
    t.alike(packed(target, geometry), reference(width, height, flags, format))
  })
}

test('scale in slices: the rows asked for, as sws_scale counts them', (t) => {
  using source = firstPicture()
  using scaler = new Scaler(pf.YUV420P, 64, 48, pf.RGB24, 64, 48)
  using target = new Frame()
  t.is(scaler.scale(source, 0, 24, target), 24, 'the top half')
  t.is(scaler.scale(source, 24, target), 24, 'then from row 24 to the end')
})

test('a scaler checks its frames: swscale would read or write past a smaller one', (t) => {
  using source = firstPicture()
  using scaler = new Scaler('YUV420P', 64, 48, 'RGB24', 32, 24)
  using wrong = new Frame()
  wrong.width = 16
  wrong.height = 16
  wrong.format = pf.RGB24
  wrong.alloc()
  t.exception(
    () => scaler.scale(source, wrong),
    /The target frame .* is \(2, 16, 16\); the scaler makes \(2, 32, 24\)/
  )
  // A frame a decoder did not fill (a still image whose first packet was of another stream):
  // swscale's own error code, returned as the published package returns it.
  using blank = new Frame()
  t.is(scaler.scale(blank, new Frame()), EINVAL, "swscale's AVERROR(EINVAL)")
  // A larger target: swscale writes the scaler's size into it.
  using large = new Frame()
  large.width = 40
  large.height = 30
  large.format = pf.RGB24
  large.alloc()
  t.is(scaler.scale(source, large), 24, 'a larger target takes the 24 rows')
  using grown = new Frame()
  grown.width = 32
  grown.height = 24
  grown.format = pf.RGB24
  grown.alloc()
  grown.height = 48 // after alloc(): the planes hold 24 rows
  using tall = new Scaler('rgb24', 32, 48, 'rgb24', 16, 16)
  t.exception.all(
    () => tall.scale(grown, new Frame()),
    /planes are smaller than its format and size say/
  )
  t.exception.all(
    () => scaler.scale(source, 40, 20, new Frame()),
    /Rows 40 to 60 are not in the source's 48 rows/
  )
  t.exception.all(() => scaler.scale(source, source), /different frames/)
  let err = null
  try {
    void new Scaler('nope', 64, 48, 'rgb24', 32, 24)
  } catch (e) {
    err = e
  }
  t.ok(err instanceof FFmpegError && err.code === 'UNKNOWN_PIXEL_FORMAT', `${err}`)
  t.exception.all(() => new Scaler('yuv420p', 0, 48, 'rgb24', 32, 24), /size must be from 1x1/)
  scaler.destroy()
  t.exception(() => scaler.scale(source, new Frame()), /destroyed/)
})

test('Image: a frame into a packed Buffer and back, as ffmpeg packs it', (t) => {
  const { Image } = require('..')
  using source = firstPicture()
  using scaler = new Scaler('yuv420p', 64, 48, 'rgba', 32, 24, scalerFlags.BILINEAR)
  using rgba = new Frame()
  scaler.scale(source, rgba)
  const image = new Image('RGBA', 32, 24)
  t.is(image.data.length, 32 * 24 * 4)
  t.is(image.lineSize(), 128)
  t.is(Image.lineSize('yuv420p', 64, 1), 32)
  image.read(rgba)
  t.alike(image.data, reference(32, 24, 'bilinear', 'rgba'), 'what ffmpeg packs')
  using copy = new Frame()
  image.fill(copy)
  t.is(`${copy.width}x${copy.height}`, '32x24', 'a blank frame gets planes')
  const back = new Image('rgba', 32, 24)
  back.read(copy)
  t.alike(back.data, image.data, 'the same picture back')
  t.exception.all(() => new Image('rgba', 16, 16).read(copy), /the image is \(\d+, 16, 16\)/)
  t.exception.all(() => new Image('yuv420p', 32, 24).fill(copy), /the image is/)
})

test('scaleAsync: a batch of pictures scaled on the worker, as ffmpeg scales the whole video', async (t) => {
  const pictures = decodedPictures()
  using scaler = new Scaler('yuv420p', 64, 48, 'rgb24', 32, 24)
  const pending = scaler.scaleAsync(pictures)
  t.exception.all(() => scaler.scale(pictures[0], new Frame()), /busy with scaleAsync/)
  const scaled = await pending
  t.is(scaled.length, pictures.length, `${scaled.length} pictures`)
  t.alike(
    scaled.map((f) => f.pts),
    pictures.map((f) => f.pts),
    'each keeps its timestamp'
  )
  t.alike(
    Buffer.concat(scaled.map((f) => packed(f, [[96, 24]]))),
    reference(32, 24, 'bicubic', 'rgb24', null),
    'byte for byte'
  )
  await t.exception.all(scaler.scaleAsync([pictures[0], 'x']), /must be a Frame/)
  const wrong = new Frame()
  Object.assign(wrong, { width: 8, height: 8, format: pf.RGB24 })
  wrong.alloc()
  await t.exception.all(scaler.scaleAsync(wrong), /the scaler takes/)
  for (const f of [...pictures, ...scaled]) f.destroy()
})
