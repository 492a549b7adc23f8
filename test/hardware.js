// Hardware contexts: this self-contained build carries no hardware device types (no VAAPI, CUDA
// or VideoToolbox libraries), so creating a device is a clear error naming why, frames never
// live on a device, and the tests that need one are skipped, as the published package's own
// tests skip them where no device exists.
const test = require('brittle')
const {
  HWDeviceContext,
  HWFramesContext,
  HWFramesConstraints,
  Frame,
  Decoder,
  CodecContext,
  FFmpegError,
  constants
} = require('..')
const { thrown } = require('./helpers')

const { hwDeviceTypes } = constants
const available = HWDeviceContext.types

test('the build carries no device types, and says so', (t) => {
  t.alike(available, [], 'HWDeviceContext.types is empty')
  t.is(hwDeviceTypes.VAAPI, 3, "FFmpeg's enum values, as the published package has them")
  t.is(hwDeviceTypes.VIDEOTOOLBOX, 6)
  t.is(constants.hwFrameMapFlags.READ, 1)
})

test('creating a device is an FFmpegError naming the type and why', (t) => {
  for (const type of ['VAAPI', 'CUDA', 'VIDEOTOOLBOX', 'VULKAN']) {
    let error = null
    try {
      new HWDeviceContext(hwDeviceTypes[type])
    } catch (e) {
      error = e
    }
    t.ok(error instanceof FFmpegError, `${type}: an FFmpegError`)
    t.is(error.code, 'ENOSYS', 'not implemented here (FFmpeg itself says ENOMEM)')
    t.ok(
      /Could not create a \w+ device \(This FFmpeg build carries no hardware device types\)/.test(
        error.message
      ),
      error.message
    )
  }
  t.exception.all(() => new HWDeviceContext(99), /99 is not a hardware device type/)
  t.exception.all(() => new HWDeviceContext(hwDeviceTypes.VAAPI, 7), /device must be a string/)
})

test('frames and codec contexts: software frames stay software', (t) => {
  using a = new Frame()
  using b = new Frame()
  a.width = b.width = 8
  a.height = b.height = 8
  a.format = b.format = constants.pixelFormats.YUV420P
  a.alloc()
  t.is(a.hwFramesCtx, null)
  // FFmpeg's error (EINVAL) for software frames, as the published package throws it: an Error.
  const err = thrown(() => a.transferData(b))
  t.ok(err instanceof FFmpegError && err.code === 'EINVAL', err.message)
  t.ok(/neither frame is a hardware frame/.test(err.message))
  t.exception(() => a.hwMap(b, constants.hwFrameMapFlags.READ), /neither frame is a hardware/)
  t.exception.all(() => a.transferData(a), /must be different frames/)
  t.exception.all(() => (a.hwFramesCtx = {}), /must be an HWFramesContext/)
  using decoder = new CodecContext(new Decoder('h264'))
  t.is(decoder.hwDeviceCtx, null)
  t.exception.all(() => (decoder.hwDeviceCtx = {}), /must be an HWDeviceContext/)
  t.exception.all(() => new HWFramesContext({}, 0, 0, 8, 8), /must be an HWDeviceContext/)
  const constraints = new HWFramesConstraints()
  t.alike(constraints.validSwFormats, [])
})

test('decoding on a device', { skip: available.length === 0 }, (t) => {
  // Needs a device type in the build and a device on the machine: neither exists here.
  using device = new HWDeviceContext(hwDeviceTypes[available[0].toUpperCase()])
  using decoder = new CodecContext(new Decoder('h264'))
  decoder.hwDeviceCtx = device
  t.is(decoder.hwDeviceCtx, device)
})
