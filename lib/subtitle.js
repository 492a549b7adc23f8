// Subtitle: one subtitle event, as a subtitle decoder makes it (codecContext.decodeSubtitle())
// and a subtitle encoder takes it (codecContext.encodeSubtitle()): when it shows, and its
// rectangles of text, ASS events or bitmaps. Plain data: nothing native to free. See
// docs/subtitle.md.
const Rational = require('./rational')
const internal = require('./internal')

const NOPTS = -(2 ** 63) // FFmpeg's AV_NOPTS_VALUE, exactly a double
const MICROSECONDS = new Rational(1, 1000000)
const MILLISECONDS = new Rational(1, 1000)

const TYPES = ['text', 'ass', 'bitmap']

function rect(r, i) {
  if (typeof r !== 'object' || r === null) throw new TypeError(`rects[${i}] must be an object`)
  const type = r.type ?? (r.bitmap ? 'bitmap' : r.ass !== undefined ? 'ass' : 'text')
  if (!TYPES.includes(type)) {
    throw new TypeError(`rects[${i}].type must be 'text', 'ass' or 'bitmap'`)
  }
  for (const key of ['text', 'ass']) {
    if (r[key] !== undefined && r[key] !== null && typeof r[key] !== 'string') {
      throw new TypeError(`rects[${i}].${key} must be a string`)
    }
  }
  if (type === 'bitmap') {
    if (!(r.bitmap instanceof Uint8Array)) {
      throw new TypeError(`rects[${i}].bitmap must be a Uint8Array`)
    }
    if (!(r.palette instanceof Uint32Array)) {
      throw new TypeError(`rects[${i}].palette must be a Uint32Array`)
    }
  }
  return {
    type,
    x: r.x ?? 0,
    y: r.y ?? 0,
    width: r.width ?? 0,
    height: r.height ?? 0,
    flags: r.flags ?? 0,
    text: r.text ?? null,
    ass: r.ass ?? null,
    bitmap: type === 'bitmap' ? r.bitmap : null,
    palette: type === 'bitmap' ? r.palette : null
  }
}

module.exports = class Subtitle {
  // new Subtitle({ format, pts, startDisplayTime, endDisplayTime, rects }): `format` 0 for
  // bitmaps, 1 for text (the default); `pts` in microseconds (null: unknown); the display times
  // in milliseconds after it; rects: { type: 'text' | 'ass' | 'bitmap', text, ass, x, y, width,
  // height, bitmap (Uint8Array of palette indices, width * height), palette (Uint32Array of
  // ARGB colours), flags }.
  constructor({
    format = 1,
    pts = null,
    startDisplayTime = 0,
    endDisplayTime = 0,
    rects = []
  } = {}) {
    if (format !== 0 && format !== 1) throw new RangeError('format must be 0 (bitmaps) or 1 (text)')
    if (pts !== null && !Number.isInteger(pts))
      throw new TypeError('pts must be an integer or null')
    for (const [name, value] of [
      ['startDisplayTime', startDisplayTime],
      ['endDisplayTime', endDisplayTime]
    ]) {
      if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
        throw new RangeError(`${name} must be a whole number of milliseconds`)
      }
    }
    if (!Array.isArray(rects)) throw new TypeError('rects must be an array')
    this.format = format
    this.pts = pts
    this.startDisplayTime = startDisplayTime
    this.endDisplayTime = endDisplayTime
    this.rects = rects.map(rect)
  }

  // When it shows and stops, in seconds (null when the pts is unknown).
  get start() {
    return this.pts === null ? null : (this.pts + this.startDisplayTime * 1000) / 1e6
  }

  get end() {
    return this.pts === null ? null : (this.pts + this.endDisplayTime * 1000) / 1e6
  }

  // The same as timestamps in `timeBase` (a stream's), rounded as FFmpeg rounds.
  startIn(timeBase) {
    if (this.pts === null) return null
    return (
      Rational.rescaleQ(this.pts, MICROSECONDS, timeBase) +
      Rational.rescaleQ(this.startDisplayTime, MILLISECONDS, timeBase)
    )
  }

  endIn(timeBase) {
    if (this.pts === null) return null
    return (
      Rational.rescaleQ(this.pts, MICROSECONDS, timeBase) +
      Rational.rescaleQ(this.endDisplayTime, MILLISECONDS, timeBase)
    )
  }

  // From the native list (src/values/subtitle.rs).
  static [internal.fromHandle]([format, startDisplayTime, endDisplayTime, pts, rects]) {
    return new this({
      format,
      pts: pts === NOPTS ? null : pts,
      startDisplayTime,
      endDisplayTime,
      rects: rects.map(([type, x, y, width, height, flags, text, ass, bitmap, palette]) => ({
        type,
        x,
        y,
        width,
        height,
        flags,
        text,
        ass,
        bitmap: bitmap && new Uint8Array(bitmap),
        palette: palette && new Uint32Array(palette)
      }))
    })
  }

  // The native list for an encoder, its display starting at its pts (as ffmpeg hands
  // subtitles to encoders).
  static [internal.flatten](subtitle) {
    const s = subtitle instanceof this ? subtitle : new this(subtitle)
    const rects = s.rects.map(rect)
    const shift = s.startDisplayTime
    return [
      s.format,
      0,
      Math.max(0, s.endDisplayTime - shift),
      s.pts === null ? NOPTS : s.pts + shift * 1000,
      rects.map((r) => [
        r.type,
        r.x,
        r.y,
        r.width,
        r.height,
        r.flags,
        r.text,
        r.ass,
        r.bitmap,
        r.palette && new Uint8Array(r.palette.buffer, r.palette.byteOffset, r.palette.byteLength)
      ])
    ]
  }
}
