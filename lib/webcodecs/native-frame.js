// VideoFrame planes to and from FFmpeg's Frames: a Frame filled from planes in a WebCodecs format
// (for the encoders, and for converting a frame made from a buffer), and a Frame scaled to another
// pixel format and size through swscale.
const { FORMATS, planeRegion } = require('./pixel-layout')
const Frame = require('../frame')
const Scaler = require('../scaler')
const { toPixelFormat } = require('../constants')

// A new Frame of `format` (a WebCodecs name) at the coded size, holding a copy of `planes`.
exports.fromPlanes = function fromPlanes(format, codedWidth, codedHeight, planes) {
  const frame = new Frame()
  frame.width = codedWidth
  frame.height = codedHeight
  frame.format = toPixelFormat(FORMATS[format].ffmpeg)
  frame.alloc()
  const data = frame.data
  const strides = frame.linesize
  const whole = { x: 0, y: 0, width: codedWidth, height: codedHeight }
  planes.forEach((plane, i) => {
    const { rowBytes, rows } = planeRegion(format, i, whole)
    for (let r = 0; r < rows; r++) {
      data[i].set(
        plane.bytes.subarray(r * plane.stride, r * plane.stride + rowBytes),
        r * strides[i]
      )
    }
  })
  return frame
}

// `frame` in the FFmpeg pixel format `name` (at `width` x `height`, its own size by default).
exports.scaled = function scaled(frame, name, width = frame.width, height = frame.height) {
  const scaler = new Scaler(
    frame.format,
    frame.width,
    frame.height,
    toPixelFormat(name),
    width,
    height
  )
  const out = new Frame()
  try {
    scaler.scale(frame, out)
    out.pts = frame.pts
    return out
  } finally {
    scaler.destroy()
  }
}
