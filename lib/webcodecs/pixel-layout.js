// The WebCodecs pixel formats: their planes (bytes per row and rows for a coded size), and the
// FFmpeg pixel format each one is.
const FORMATS = {
  I420: {
    ffmpeg: 'yuv420p',
    planes: [
      [1, 1, 1],
      [2, 2, 1],
      [2, 2, 1]
    ]
  },
  I420A: {
    ffmpeg: 'yuva420p',
    planes: [
      [1, 1, 1],
      [2, 2, 1],
      [2, 2, 1],
      [1, 1, 1]
    ]
  },
  I422: {
    ffmpeg: 'yuv422p',
    planes: [
      [1, 1, 1],
      [2, 1, 1],
      [2, 1, 1]
    ]
  },
  I444: {
    ffmpeg: 'yuv444p',
    planes: [
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1]
    ]
  },
  NV12: {
    ffmpeg: 'nv12',
    planes: [
      [1, 1, 1],
      [2, 2, 2]
    ]
  },
  RGBA: { ffmpeg: 'rgba', planes: [[1, 1, 4]] },
  RGBX: { ffmpeg: 'rgb0', planes: [[1, 1, 4]] },
  BGRA: { ffmpeg: 'bgra', planes: [[1, 1, 4]] },
  BGRX: { ffmpeg: 'bgr0', planes: [[1, 1, 4]] }
}
// Each plane: [horizontal subsampling, vertical subsampling, bytes per sample].

const FROM_FFMPEG = new Map(Object.entries(FORMATS).map(([name, f]) => [f.ffmpeg, name]))
FROM_FFMPEG.set('yuvj420p', 'I420')
FROM_FFMPEG.set('yuvj422p', 'I422')
FROM_FFMPEG.set('yuvj444p', 'I444')

exports.FORMATS = FORMATS
exports.isFormat = (name) => Object.hasOwn(FORMATS, name)
exports.fromFFmpeg = (name) => FROM_FFMPEG.get(name) ?? null

// Plane `i` of `format` for the region (x, y, width, height): where it starts (in samples of
// that plane) and its size in bytes per row and rows.
exports.planeRegion = function planeRegion(format, i, { x, y, width, height }) {
  const [sx, sy, bytes] = FORMATS[format].planes[i]
  return {
    left: Math.floor(x / sx) * bytes,
    top: Math.floor(y / sy),
    rowBytes: Math.ceil(width / sx) * bytes,
    rows: Math.ceil(height / sy)
  }
}

// Whether a region's corner is on the subsampling grid of every plane (WebCodecs requires it).
exports.aligned = function aligned(format, { x, y }) {
  return FORMATS[format].planes.every(([sx, sy]) => x % sx === 0 && y % sy === 0)
}
