// Frames as FFmpeg's framecrc muxer sees them: the Adler-32 of each picture (planes row by row,
// without padding) or of each frame's samples (channels interleaved), and ffmpeg's own framecrc
// output to compare with.
const { spawnSync } = require('bare-subprocess')
const { constants } = require('..')
const { FFMPEG } = require('./helpers')

const { pixelFormats: pf } = constants

// Adler-32 as FFmpeg's framecrc computes it over a frame's bytes (from 0, not the usual 1).
function adler32(bytes) {
  let a = 0
  let b = 0
  for (let i = 0; i < bytes.length; i++) {
    a = (a + bytes[i]) % 65521
    b = (b + a) % 65521
  }
  return '0x' + ((b * 65536 + a) >>> 0).toString(16).padStart(8, '0')
}

// The bytes per row and the rows of each plane, for the pixel formats the fixtures decode to.
const yuv420 = (w, h) => [
  [w, h],
  [Math.ceil(w / 2), Math.ceil(h / 2)],
  [Math.ceil(w / 2), Math.ceil(h / 2)]
]
const GEOMETRY = {
  [pf.YUV420P]: yuv420,
  [pf.YUVJ420P]: yuv420,
  [pf.RGB24]: (w, h) => [[w * 3, h]],
  [pf.RGBA]: (w, h) => [[w * 4, h]],
  [pf.GRAY8]: (w, h) => [[w, h]]
}

// Video: each plane's rows without their padding.
// `geometry`: [bytes per row, rows] of each plane (by default, known for the formats here).
function packed(frame, geometry = null) {
  if (geometry === null) {
    const known = GEOMETRY[frame.format]
    if (!known) throw new Error(`no packing for pixel format ${frame.format} in this test`)
    geometry = known(frame.width, frame.height)
  }
  const planes = frame.data
  const lines = frame.linesize
  const chunks = []
  geometry.forEach(([w, h], i) => {
    for (let y = 0; y < h; y++) chunks.push(planes[i].subarray(y * lines[i], y * lines[i] + w))
  })
  return Buffer.concat(chunks)
}

// Audio: samples of all channels interleaved, as the packed PCM that framecrc checksums.
function interleaved(frame) {
  const planes = frame.data
  if (planes.length === 1) return planes[0]
  const channels = planes.length
  const bytes = planes[0].length / frame.nbSamples
  const out = Buffer.alloc(planes[0].length * channels)
  for (let s = 0; s < frame.nbSamples; s++) {
    for (let c = 0; c < channels; c++) {
      planes[c].copy(out, (s * channels + c) * bytes, s * bytes, (s + 1) * bytes)
    }
  }
  return out
}

// `ffmpeg -v error <args> -f framecrc -`: { timeBase, extradata, frames: [{ pts, dts, duration,
// size, crc }] } of its first output stream, timestamps in that time base; `extradata` is
// { size, crc } or null.
function framecrc(args) {
  const result = spawnSync(FFMPEG, ['-v', 'error', ...args, '-f', 'framecrc', '-'], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  if (result.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} -f framecrc failed`)
  const lines = result.stdout.toString().split('\n')
  const tb = lines
    .find((line) => line.startsWith('#tb 0:'))
    .split(':')[1]
    .trim()
    .split('/')
  const extradata = lines.find((line) => line.startsWith('#extradata 0:'))
  return {
    timeBase: { numerator: Number(tb[0]), denominator: Number(tb[1]) },
    extradata: extradata
      ? (([size, crc]) => ({ size: Number(size), crc }))(
          extradata
            .split(':')[1]
            .split(',')
            .map((f) => f.trim())
        )
      : null,
    frames: lines
      .filter((line) => /^0,/.test(line))
      .map((line) => {
        const [, dts, pts, duration, size, crc] = line.split(',').map((f) => f.trim())
        return {
          pts: Number(pts),
          dts: Number(dts),
          duration: Number(duration),
          size: Number(size),
          crc
        }
      })
  }
}

module.exports = { adler32, packed, interleaved, framecrc }
