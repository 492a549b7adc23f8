// VideoFrame: a picture with its format, sizes, timestamp and duration (microseconds). Made by a
// VideoDecoder (its planes are the decoded frame's memory: no copy), from a buffer, or from
// another VideoFrame. close() releases it; see docs/webcodecs.md.
const DOMException = require('./dom-exception')
const unclosed = require('./unclosed')
const VideoColorSpace = require('./video-color-space')
const { FORMATS, isFormat, planeRegion, aligned } = require('./pixel-layout')
const { fromPlanes, scaled } = require('./native-frame')
const { enforceRange, bytesOf, LONG_LONG, UNSIGNED_LONG_LONG, UNSIGNED_LONG } = require('./webidl')

const { adopt, planesOf } = require('./internal')

const INTERNAL = Symbol('VideoFrame internal') // the constructor's private path

function checkRect(rect, name, codedWidth, codedHeight) {
  if (typeof rect !== 'object' || rect === null) throw new TypeError(`${name} must be an object`)
  const r = {}
  for (const key of ['x', 'y', 'width', 'height']) {
    const v = rect[key] ?? 0
    if (!Number.isFinite(v) || v < 0) throw new TypeError(`${name}.${key} must be a number >= 0`)
    r[key] = Math.trunc(v)
  }
  if (r.width === 0 || r.height === 0) throw new TypeError(`${name} must not be empty`)
  if (r.x + r.width > codedWidth || r.y + r.height > codedHeight) {
    throw new TypeError(`${name} must lie within the coded size`)
  }
  return r
}

// Tight planes for `format` at a size: each plane's offset and stride.
function tightLayout(format, rect) {
  let offset = 0
  return FORMATS[format].planes.map((_, i) => {
    const { rowBytes, rows } = planeRegion(format, i, rect)
    const plane = { offset, stride: rowBytes }
    offset += rowBytes * rows
    return plane
  })
}

function layoutSize(format, rect, layout) {
  let end = 0
  layout.forEach((plane, i) => {
    const { rowBytes, rows } = planeRegion(format, i, rect)
    if (plane.stride < rowBytes) throw new TypeError(`layout[${i}].stride is too small`)
    end = Math.max(end, plane.offset + plane.stride * (rows - 1) + rowBytes)
  })
  return end
}

function checkLayout(format, layout) {
  const count = FORMATS[format].planes.length
  if (!Array.isArray(layout) || layout.length !== count) {
    throw new TypeError(`layout must have ${count} planes for ${format}`)
  }
  return layout.map((p, i) => ({
    offset: enforceRange(p?.offset ?? 0, `layout[${i}].offset`, UNSIGNED_LONG),
    stride: enforceRange(p?.stride, `layout[${i}].stride`, UNSIGNED_LONG)
  }))
}

module.exports = class VideoFrame {
  #closed = false
  #format
  #codedWidth
  #codedHeight
  #visibleRect
  #displayWidth
  #displayHeight
  #timestamp
  #duration
  #colorSpace
  #planes // [{ bytes: Uint8Array, stride }], in the coded size; null until first asked for
  #loadPlanes // makes #planes (a decoded frame's views of its memory, made only when needed)
  #owner // what holds the planes' memory (a decoded Frame), destroyed by close()
  #convert // (format) => { planes } in an RGB format, through a Scaler (decoded frames only)

  constructor(source, init) {
    if (source === INTERNAL) {
      this.#adopt(init)
      return
    }
    if (source instanceof VideoFrame) {
      if (source.#closed) throw new DOMException('The VideoFrame is closed', 'InvalidStateError')
      const base = source.#state()
      this.#adopt({ ...base, ...this.#overrides(init ?? {}, base.codedWidth, base.codedHeight) })
      return
    }
    this.#fromBuffer(source, init)
  }

  #state() {
    return {
      format: this.#format,
      codedWidth: this.#codedWidth,
      codedHeight: this.#codedHeight,
      visibleRect: { ...this.#visibleRect },
      displayWidth: this.#displayWidth,
      displayHeight: this.#displayHeight,
      timestamp: this.#timestamp,
      duration: this.#duration,
      colorSpace: this.#colorSpace.toJSON(),
      // A copy of the planes: the new frame lives on after this one closes.
      planes: this.#planesNow().map((p) => ({ bytes: p.bytes.slice(), stride: p.stride })),
      owner: null,
      convert: null
    }
  }

  #overrides(init, codedWidth, codedHeight) {
    const out = {}
    if (init.timestamp !== undefined) {
      out.timestamp = enforceRange(init.timestamp, 'timestamp', LONG_LONG)
    }
    if (init.duration !== undefined) {
      out.duration = enforceRange(init.duration, 'duration', UNSIGNED_LONG_LONG)
    }
    if (init.visibleRect !== undefined) {
      out.visibleRect = checkRect(init.visibleRect, 'visibleRect', codedWidth, codedHeight)
    }
    if ((init.displayWidth === undefined) !== (init.displayHeight === undefined)) {
      throw new TypeError('displayWidth and displayHeight go together')
    }
    if (init.displayWidth !== undefined) {
      out.displayWidth = enforceRange(init.displayWidth, 'displayWidth', UNSIGNED_LONG)
      out.displayHeight = enforceRange(init.displayHeight, 'displayHeight', UNSIGNED_LONG)
      if (out.displayWidth === 0 || out.displayHeight === 0) {
        throw new TypeError('displayWidth and displayHeight must not be 0')
      }
    } else if (out.visibleRect) {
      out.displayWidth = out.visibleRect.width
      out.displayHeight = out.visibleRect.height
    }
    return out
  }

  #fromBuffer(data, init) {
    if (typeof init !== 'object' || init === null) throw new TypeError('init must be an object')
    if (!isFormat(init.format)) throw new TypeError(`format ${init.format} is not supported`)
    const format = init.format
    const codedWidth = enforceRange(init.codedWidth, 'codedWidth', UNSIGNED_LONG)
    const codedHeight = enforceRange(init.codedHeight, 'codedHeight', UNSIGNED_LONG)
    if (codedWidth === 0 || codedHeight === 0) throw new TypeError('the coded size must not be 0')
    if (init.timestamp === undefined) throw new TypeError('timestamp is required')
    const full = { x: 0, y: 0, width: codedWidth, height: codedHeight }
    const layout =
      init.layout === undefined ? tightLayout(format, full) : checkLayout(format, init.layout)
    const bytes = bytesOf(data, 'data')
    if (bytes.byteLength < layoutSize(format, full, layout)) {
      throw new TypeError('data is smaller than the frame its init describes')
    }
    // A tight copy of each plane: the caller's buffer stays theirs.
    const planes = layout.map((plane, i) => {
      const { rowBytes, rows } = planeRegion(format, i, full)
      const out = new Uint8Array(rowBytes * rows)
      for (let r = 0; r < rows; r++) {
        const from = plane.offset + r * plane.stride
        out.set(bytes.subarray(from, from + rowBytes), r * rowBytes)
      }
      return { bytes: out, stride: rowBytes }
    })
    const visibleRect = init.visibleRect
      ? checkRect(init.visibleRect, 'visibleRect', codedWidth, codedHeight)
      : full
    this.#adopt({
      format,
      codedWidth,
      codedHeight,
      visibleRect,
      displayWidth: visibleRect.width,
      displayHeight: visibleRect.height,
      timestamp: enforceRange(init.timestamp, 'timestamp', LONG_LONG),
      duration: null,
      colorSpace: init.colorSpace ?? {},
      planes,
      owner: null,
      convert: null,
      ...this.#overrides(
        { ...init, timestamp: undefined, visibleRect: undefined },
        codedWidth,
        codedHeight
      )
    })
  }

  #adopt(s) {
    unclosed.watch(this, 'VideoFrame')
    this.#format = s.format
    this.#codedWidth = s.codedWidth
    this.#codedHeight = s.codedHeight
    this.#visibleRect = s.visibleRect
    this.#displayWidth = s.displayWidth
    this.#displayHeight = s.displayHeight
    this.#timestamp = s.timestamp
    this.#duration = s.duration ?? null
    this.#colorSpace = new VideoColorSpace(s.colorSpace ?? {})
    this.#planes = s.planes ?? null
    this.#loadPlanes = s.loadPlanes ?? null
    this.#owner = s.owner
    this.#convert = s.convert
  }

  get format() {
    return this.#closed ? null : this.#format
  }

  get codedWidth() {
    return this.#closed ? 0 : this.#codedWidth
  }

  get codedHeight() {
    return this.#closed ? 0 : this.#codedHeight
  }

  get codedRect() {
    return this.#closed ? null : { x: 0, y: 0, width: this.#codedWidth, height: this.#codedHeight }
  }

  get visibleRect() {
    return this.#closed ? null : { ...this.#visibleRect }
  }

  get displayWidth() {
    return this.#closed ? 0 : this.#displayWidth
  }

  get displayHeight() {
    return this.#closed ? 0 : this.#displayHeight
  }

  get timestamp() {
    return this.#timestamp
  }

  get duration() {
    return this.#duration
  }

  get colorSpace() {
    return this.#colorSpace
  }

  #check() {
    if (this.#closed) throw new DOMException('The VideoFrame is closed', 'InvalidStateError')
  }

  // The copy's format, region and layout (tight when not given).
  #target(options = {}) {
    if (typeof options !== 'object' || options === null)
      throw new TypeError('options must be an object')
    const format = options.format ?? this.#format
    if (!isFormat(format)) throw new TypeError(`format ${format} is not supported`)
    if (format !== this.#format && FORMATS[format].planes.length !== 1) {
      throw new DOMException(
        `Converting ${this.#format} to ${format} is not supported`,
        'NotSupportedError'
      )
    }
    const rect = options.rect
      ? checkRect(options.rect, 'rect', this.#codedWidth, this.#codedHeight)
      : { ...this.#visibleRect }
    if (!aligned(this.#format, rect)) throw new TypeError('rect is not aligned to the subsampling')
    const layout =
      options.layout === undefined ? tightLayout(format, rect) : checkLayout(format, options.layout)
    return { format, rect, layout }
  }

  allocationSize(options) {
    this.#check()
    const { format, rect, layout } = this.#target(options)
    return layoutSize(format, rect, layout)
  }

  async copyTo(destination, options) {
    this.#check()
    const { format, rect, layout } = this.#target(options)
    const target = bytesOf(destination, 'destination')
    if (target.byteLength < layoutSize(format, rect, layout)) {
      throw new TypeError('destination is smaller than allocationSize()')
    }
    const planes = format === this.#format ? this.#planesNow() : this.#converted(format)
    layout.forEach((plane, i) => {
      const { left, top, rowBytes, rows } = planeRegion(format, i, rect)
      const source = planes[i]
      for (let r = 0; r < rows; r++) {
        const from = (top + r) * source.stride + left
        target.set(source.bytes.subarray(from, from + rowBytes), plane.offset + r * plane.stride)
      }
    })
    return layout.map((p) => ({ offset: p.offset, stride: p.stride }))
  }

  // The picture in an RGB format, whole (coded size): through swscale, from the decoded frame
  // or from a Frame made of the planes.
  #converted(format) {
    const name = FORMATS[format].ffmpeg
    if (this.#convert) return this.#convert(name)
    const source = fromPlanes(this.#format, this.#codedWidth, this.#codedHeight, this.#planesNow())
    try {
      const rgb = scaled(source, name)
      const bytes = new Uint8Array(rgb.data[0])
      const stride = rgb.linesize[0]
      rgb.destroy()
      return [{ bytes, stride }]
    } finally {
      source.destroy()
    }
  }

  // The planes: a decoded frame's views of its memory are made on first use (each is an external
  // buffer the collector accounts for, so a frame only passed along or closed makes none).
  #planesNow() {
    if (this.#planes === null) this.#planes = this.#loadPlanes()
    return this.#planes
  }

  clone() {
    this.#check()
    return new VideoFrame(this)
  }

  close() {
    if (this.#closed) return
    this.#closed = true
    unclosed.forget(this)
    this.#planes = []
    this.#loadPlanes = null
    this.#owner?.destroy()
    this.#owner = null
    this.#convert = null
  }

  [Symbol.dispose]() {
    this.close()
  }

  // A VideoFrame over a decoded Frame's planes (`format` one of ours); `convert(ffmpegFormat)`
  // gives the planes in an RGB format.
  static [adopt](state) {
    return new VideoFrame(INTERNAL, state)
  }

  // For the encoders: the format, coded size and planes ({ bytes, stride }) of an open frame.
  static [planesOf](frame) {
    frame.#check()
    return {
      format: frame.#format,
      codedWidth: frame.#codedWidth,
      codedHeight: frame.#codedHeight,
      planes: frame.#planesNow()
    }
  }
}
