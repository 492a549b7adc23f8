// AudioData: sound with its sample format, rate, frame and channel counts, timestamp and duration
// (microseconds). Made by an AudioDecoder (its planes are the decoded frame's memory), or from a
// buffer. copyTo() converts to any of the formats ('f32-planar' and the others). See
// docs/webcodecs.md.
const DOMException = require('./dom-exception')
const unclosed = require('./unclosed')
const { adopt } = require('./internal')
const { BYTES } = require('./audio-formats')
const { enforceRange, bytesOf, LONG_LONG, UNSIGNED_LONG } = require('./webidl')

const INTERNAL = Symbol('AudioData internal') // the constructor's private path

// Bytes per sample, how a sample reads and writes as a float in [-1, 1).
const SAMPLES = {
  u8: {
    bytes: BYTES.u8,
    read: (v, o) => (v.getUint8(o) - 128) / 128,
    write: (v, o, x) => v.setUint8(o, clamp(Math.round(x * 128 + 128), 0, 255))
  },
  s16: {
    bytes: BYTES.s16,
    read: (v, o) => v.getInt16(o, true) / 32768,
    write: (v, o, x) => v.setInt16(o, clamp(Math.round(x * 32768), -32768, 32767), true)
  },
  s32: {
    bytes: BYTES.s32,
    read: (v, o) => v.getInt32(o, true) / 2147483648,
    write: (v, o, x) =>
      v.setInt32(o, clamp(Math.round(x * 2147483648), -2147483648, 2147483647), true)
  },
  f32: {
    bytes: BYTES.f32,
    read: (v, o) => v.getFloat32(o, true),
    write: (v, o, x) => v.setFloat32(o, x, true)
  }
}

function clamp(v, lo, hi) {
  return v < lo ? lo : v > hi ? hi : v
}

const FORMATS = new Set([
  ...Object.keys(SAMPLES),
  ...Object.keys(SAMPLES).map((f) => f + '-planar')
])

const base = (format) => format.replace('-planar', '')
const planar = (format) => format.endsWith('-planar')

module.exports = class AudioData {
  #closed = false
  #format
  #sampleRate
  #numberOfFrames
  #numberOfChannels
  #timestamp
  #planes // Uint8Array per plane (one for interleaved formats)
  #owner // a decoded Frame holding the planes' memory, destroyed by close()

  constructor(init, state) {
    if (init === INTERNAL) {
      this.#adopt(state)
      return
    }
    if (typeof init !== 'object' || init === null) throw new TypeError('init must be an object')
    if (!FORMATS.has(init.format)) throw new TypeError(`format ${init.format} is not supported`)
    const sampleRate = Number(init.sampleRate)
    if (!(sampleRate > 0) || !Number.isFinite(sampleRate))
      throw new TypeError('sampleRate must be positive')
    const numberOfFrames = enforceRange(init.numberOfFrames, 'numberOfFrames', UNSIGNED_LONG)
    const numberOfChannels = enforceRange(init.numberOfChannels, 'numberOfChannels', UNSIGNED_LONG)
    if (numberOfFrames === 0 || numberOfChannels === 0) {
      throw new TypeError('numberOfFrames and numberOfChannels must not be 0')
    }
    if (init.timestamp === undefined) throw new TypeError('timestamp is required')
    const bytes = bytesOf(init.data, 'data')
    const sample = SAMPLES[base(init.format)].bytes
    const total = numberOfFrames * numberOfChannels * sample
    if (bytes.byteLength < total)
      throw new TypeError('data is smaller than the sound its init describes')
    const copy = bytes.slice(0, total)
    const planeBytes = numberOfFrames * sample
    this.#adopt({
      format: init.format,
      sampleRate,
      numberOfFrames,
      numberOfChannels,
      timestamp: enforceRange(init.timestamp, 'timestamp', LONG_LONG),
      planes: planar(init.format)
        ? Array.from({ length: numberOfChannels }, (_, c) =>
            copy.subarray(c * planeBytes, (c + 1) * planeBytes)
          )
        : [copy],
      owner: null
    })
  }

  #adopt(s) {
    unclosed.watch(this, 'AudioData')
    this.#format = s.format
    this.#sampleRate = s.sampleRate
    this.#numberOfFrames = s.numberOfFrames
    this.#numberOfChannels = s.numberOfChannels
    this.#timestamp = s.timestamp
    this.#planes = s.planes
    this.#owner = s.owner
  }

  get format() {
    return this.#closed ? null : this.#format
  }

  get sampleRate() {
    return this.#closed ? 0 : this.#sampleRate
  }

  get numberOfFrames() {
    return this.#closed ? 0 : this.#numberOfFrames
  }

  get numberOfChannels() {
    return this.#closed ? 0 : this.#numberOfChannels
  }

  get timestamp() {
    return this.#timestamp
  }

  get duration() {
    return this.#closed ? 0 : Math.trunc((this.#numberOfFrames * 1e6) / this.#sampleRate)
  }

  #check() {
    if (this.#closed) throw new DOMException('The AudioData is closed', 'InvalidStateError')
  }

  // What a copy covers: its format, plane, first frame and frame count.
  #target(options) {
    if (typeof options !== 'object' || options === null)
      throw new TypeError('options must be an object')
    const format = options.format ?? this.#format
    if (!FORMATS.has(format)) throw new TypeError(`format ${format} is not supported`)
    const planeIndex = enforceRange(options.planeIndex, 'planeIndex', UNSIGNED_LONG)
    const planes = planar(format) ? this.#numberOfChannels : 1
    if (planeIndex >= planes)
      throw new RangeError(`planeIndex must be below ${planes} for ${format}`)
    const frameOffset = enforceRange(options.frameOffset ?? 0, 'frameOffset', UNSIGNED_LONG)
    if (frameOffset >= this.#numberOfFrames)
      throw new RangeError('frameOffset is past the last frame')
    const left = this.#numberOfFrames - frameOffset
    const frameCount =
      options.frameCount === undefined
        ? left
        : enforceRange(options.frameCount, 'frameCount', UNSIGNED_LONG)
    if (frameCount > left) throw new RangeError('frameCount goes past the last frame')
    return { format, planeIndex, frameOffset, frameCount }
  }

  allocationSize(options) {
    this.#check()
    const { format, frameCount } = this.#target(options)
    const channels = planar(format) ? 1 : this.#numberOfChannels
    return frameCount * channels * SAMPLES[base(format)].bytes
  }

  copyTo(destination, options) {
    this.#check()
    const { format, planeIndex, frameOffset, frameCount } = this.#target(options)
    const target = bytesOf(destination, 'destination')
    const size = this.allocationSize(options)
    if (target.byteLength < size)
      throw new RangeError('destination is smaller than allocationSize()')
    const from = SAMPLES[base(this.#format)]
    const channels = this.#numberOfChannels
    if (format === this.#format) {
      const stride = planar(format) ? from.bytes : from.bytes * channels
      target.set(
        this.#planes[planeIndex].subarray(frameOffset * stride, frameOffset * stride + size)
      )
      return
    }
    // A conversion, sample by sample through a float.
    const to = SAMPLES[base(format)]
    const out = new DataView(target.buffer, target.byteOffset, size)
    const views = this.#planes.map((p) => new DataView(p.buffer, p.byteOffset, p.byteLength))
    const read = (frame, channel) =>
      planar(this.#format)
        ? from.read(views[channel], frame * from.bytes)
        : from.read(views[0], (frame * channels + channel) * from.bytes)
    for (let i = 0; i < frameCount; i++) {
      if (planar(format)) {
        to.write(out, i * to.bytes, read(frameOffset + i, planeIndex))
      } else {
        for (let c = 0; c < channels; c++) {
          to.write(out, (i * channels + c) * to.bytes, read(frameOffset + i, c))
        }
      }
    }
  }

  clone() {
    this.#check()
    return new AudioData(INTERNAL, {
      format: this.#format,
      sampleRate: this.#sampleRate,
      numberOfFrames: this.#numberOfFrames,
      numberOfChannels: this.#numberOfChannels,
      timestamp: this.#timestamp,
      planes: this.#planes.map((p) => p.slice()),
      owner: null
    })
  }

  close() {
    if (this.#closed) return
    this.#closed = true
    unclosed.forget(this)
    this.#planes = []
    this.#owner?.destroy()
    this.#owner = null
  }

  [Symbol.dispose]() {
    this.close()
  }

  static [adopt](state) {
    return new AudioData(INTERNAL, state)
  }
}
