// Frame: decoded pictures or sound (an AVFrame). See docs/frame.md.
const binding = require('../binding')
const Rational = require('./rational')
const ChannelLayout = require('./channel-layout')
const SideData = require('./frame-side-data')
const { frame: F, frameRational: R, defineFields } = require('./fields')
const internal = require('./internal')

const layoutOut = new Float64Array(2) // [mask, nbChannels] from the native side, reused
const ADOPT = Symbol('adopt') // private constructor path for [internal.fromHandle]()
const KEY = binding.constants.AV_FRAME_FLAG_KEY

class FrameMetadata {
  #handle

  constructor(handle) {
    this.#handle = handle
  }

  // The value of `key`, or null.
  get(key) {
    return this.entries().find(([k]) => k === key)?.[1] ?? null
  }

  // Every [key, value].
  entries() {
    const flat = binding.frameMetadata(this.#handle)
    const entries = []
    for (let i = 0; i < flat.length; i += 2) entries.push([flat[i], flat[i + 1]])
    return entries
  }

  *[Symbol.iterator]() {
    yield* this.entries()
  }
}

const Frame = (module.exports = class Frame {
  #handle // the native AVFrame: passed to every native call, never exposed

  constructor(adopt) {
    if (adopt === ADOPT) return // [internal.fromHandle]() fills it in
    binding.frameCreate((handle) => (this.#handle = handle))
  }

  _get(field) {
    return binding.frameGet(this.#handle, field)
  }

  _set(field, value) {
    binding.frameSet(this.#handle, field, value)
  }

  _getRational(field) {
    binding.frameGetRational(this.#handle, field, Rational[internal.out])
    return Rational[internal.fromOut]()
  }

  _setRational(field, value, name) {
    Rational[internal.check](value, name)
    binding.frameSetRational(this.#handle, field, value.numerator, value.denominator)
  }

  get channelLayout() {
    binding.frameGetChannelLayout(this.#handle, layoutOut)
    return new ChannelLayout(layoutOut[0], layoutOut[1])
  }

  set channelLayout(value) {
    const layout = ChannelLayout.from(value)
    binding.frameSetChannelLayout(this.#handle, layout.mask, layout.nbChannels)
  }

  // The frame's metadata (key/value strings that filters such as astats, and some decoders,
  // attach): get(key), entries(), and iteration, as the published FrameMetadata.
  get metadata() {
    return new FrameMetadata(this.#handle)
  }

  // What the frame carries besides its pictures or sound (a display matrix, HDR metadata,
  // captions, ...): Frame.SideData entries (copies); assigning replaces them all.
  get sideData() {
    return binding
      .frameGetSideData(this.#handle)
      .map(({ type, name, data }) => new SideData(type, Buffer.from(data), name))
  }

  set sideData(entries) {
    binding.frameSetSideData(this.#handle, SideData[internal.flatten](entries))
  }

  // Removes every entry of a constants.frameSideDataType.
  removeSideData(type) {
    binding.frameRemoveSideData(this.#handle, type)
  }

  get keyFrame() {
    return (this.flags & KEY) !== 0
  }

  // The planes, each a Buffer over the frame's own memory (no copy): for video one per plane
  // (Y, U, V; lines of `linesize[i]` bytes), for planar audio one per channel, for packed audio
  // one. A view keeps its memory alive after the frame is reused; writing into it writes the
  // frame (and every frame sharing the memory).
  get data() {
    return binding.framePlanes(this.#handle).map((buffer) => Buffer.from(buffer))
  }

  // The byte length of a line of each plane (a row of pixels, with padding).
  get linesize() {
    return binding.frameLinesizes(this.#handle)
  }

  // Allocates planes for the frame's format and size (video: width, height, format; audio:
  // nbSamples, format, channelLayout), aligned to `align` bytes (0: the CPU's best).
  alloc(align = 0) {
    binding.frameAlloc(this.#handle, align)
  }

  // The hardware frames context of a frame in a device's memory: always null here (this build
  // carries no hardware device types, so no frame lives on one).
  get hwFramesCtx() {
    if (binding.frameIsHardware(this.#handle)) {
      throw new Error('Hardware frames contexts are not supported by this build')
    }
    return null
  }

  set hwFramesCtx(value) {
    if (value !== null) throw new TypeError('hwFramesCtx must be an HWFramesContext')
  }

  // Copies this hardware frame's picture into `destination` in software memory (or the other
  // way); FFmpeg's error for two software frames.
  transferData(destination) {
    binding.frameTransferData(Frame[internal.handleOf](destination, 'destination'), this.#handle)
  }

  // Maps this hardware frame into `destination` (constants.hwFrameMapFlags).
  hwMap(destination, flags = 0) {
    binding.frameHwMap(Frame[internal.handleOf](destination, 'destination'), this.#handle, flags)
  }

  copyProperties(source) {
    binding.frameCopyProps(this.#handle, Frame[internal.handleOf](source, 'source'))
  }

  unref() {
    binding.frameUnref(this.#handle)
  }

  destroy() {
    binding.frameDestroy(this.#handle)
  }

  [Symbol.dispose]() {
    this.destroy()
  }

  [Symbol.for('bare.inspect')]() {
    const audio = this.nbSamples > 0
    return {
      __proto__: { constructor: Frame },
      ...(audio
        ? { nbSamples: this.nbSamples, sampleRate: this.sampleRate, format: this.format }
        : { width: this.width, height: this.height, format: this.format }),
      pts: this.pts,
      timeBase: this.timeBase,
      pictType: this.pictType,
      keyFrame: this.keyFrame
    }
  }

  // A Frame around a handle the native side made (frames decoded on a worker).
  static [internal.fromHandle](handle) {
    const frame = new Frame(ADOPT)
    frame.#handle = handle
    return frame
  }

  static [internal.handleOf](frame, name = 'frame') {
    if (typeof frame !== 'object' || frame === null || !(#handle in frame)) {
      throw new TypeError(`${name} must be a Frame`)
    }
    return frame.#handle
  }
})

Frame.SideData = SideData

defineFields(Frame, F, '_get', '_set')
defineFields(Frame, R, '_getRational', '_setRational')
