// Samples: a frame's sound as one Buffer, planes one after the other. See docs/samples.md.
// fill(frame) makes `data` the frame's own samples (writing into it writes the frame, as in the
// published package); read(frame) copies them into `data`.
const binding = require('../binding')
const Frame = require('./frame')
const constants = require('./constants')
const internal = require('./internal')

module.exports = class Samples {
  #noAlignment
  #data = undefined
  #frame = undefined

  constructor({ noAlignment = false } = {}) {
    this.#noAlignment = !!noAlignment
  }

  get data() {
    return this.#data
  }

  // The frame last filled or read: its format, layout, samples and pts.
  get format() {
    return this.#frame?.format
  }

  get channelLayout() {
    return this.#frame?.channelLayout
  }

  get nbSamples() {
    return this.#frame?.nbSamples
  }

  get nbChannels() {
    return this.channelLayout?.nbChannels
  }

  get pts() {
    return this.#frame?.pts
  }

  // Moves the samples of `frame` (an audio frame: format, nbSamples and channelLayout set) into
  // one buffer that `data` is a view of, keeping what they held (a frame without planes gets
  // silence). Returns the number of bytes.
  fill(frame) {
    const buffer = binding.frameFillSamples(Frame[internal.handleOf](frame), this.#align())
    this.#data = Buffer.from(buffer)
    this.#frame = frame
    return this.#data.byteLength
  }

  // Copies the samples of `frame` into `data` (reused when it has the right size).
  read(frame) {
    const { format, nbSamples } = frame
    const size = Samples.bufferSize(
      format,
      frame.channelLayout.nbChannels,
      nbSamples,
      this.#noAlignment
    )
    if (!this.#data || this.#data.byteLength !== size) this.#data = Buffer.alloc(size)
    binding.frameReadSamples(Frame[internal.handleOf](frame), this.#align(), this.#data)
    this.#frame = frame
  }

  // Copies the samples of the frame last filled or read, from `srcOffset` on, into `frame` at
  // `dstOffset` (a frame of the same format and channels, with room for them).
  copy(frame, dstOffset = 0, srcOffset = 0) {
    if (this.#frame === undefined) throw new Error('No frame yet: call fill() or read() first')
    binding.frameCopySamples(
      Frame[internal.handleOf](frame),
      Frame[internal.handleOf](this.#frame, "the samples' frame"),
      dstOffset,
      srcOffset,
      this.#frame.nbSamples - srcOffset
    )
  }

  #align() {
    return this.#noAlignment ? 1 : 0
  }

  // The bytes `nbSamples` samples of `nbChannels` channels take in `format` (planes one after
  // the other, each aligned unless `noAlignment`).
  static bufferSize(format, nbChannels, nbSamples, noAlignment = false) {
    return binding.samplesBufferSize(
      constants.toSampleFormat(format),
      nbChannels,
      nbSamples,
      noAlignment ? 1 : 0
    )
  }
}
