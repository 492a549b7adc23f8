// AudioFIFO: a queue of samples of one format and channel count, for cutting sound into frames
// of the size an encoder wants (Opus: 960 samples, AAC: 1024). See docs/audio-fifo.md.
const binding = require('../binding')
const Frame = require('./frame')
const constants = require('./constants')
const internal = require('./internal')

module.exports = class AudioFIFO {
  #handle // the native AVAudioFifo: passed to every native call, never exposed

  // new AudioFIFO(sampleFormat, channels, nbSamples): `nbSamples` is the room to start with;
  // it grows as needed.
  constructor(sampleFormat, channels, nbSamples) {
    binding.audioFifoCreate(
      (handle) => (this.#handle = handle),
      constants.toSampleFormat(sampleFormat),
      channels,
      nbSamples
    )
  }

  // Queues every sample of `frame`; returns how many.
  write(frame) {
    return binding.audioFifoWrite(this.#handle, Frame[internal.handleOf](frame))
  }

  // Takes up to `nbSamples` samples into `frame`, which must have room for them (a blank frame
  // gets planes, and its nbSamples becomes the number read); returns how many.
  read(frame, nbSamples) {
    return binding.audioFifoRead(this.#handle, Frame[internal.handleOf](frame), nbSamples, false)
  }

  // The same, leaving the samples queued.
  peek(frame, nbSamples) {
    return binding.audioFifoRead(this.#handle, Frame[internal.handleOf](frame), nbSamples, true)
  }

  // Drops up to `nbSamples` samples from the front.
  drain(nbSamples) {
    binding.audioFifoDrain(this.#handle, nbSamples)
  }

  reset() {
    binding.audioFifoReset(this.#handle)
  }

  // Samples queued.
  get size() {
    return binding.audioFifoSize(this.#handle)
  }

  // Samples that fit before it grows.
  get space() {
    return binding.audioFifoSpace(this.#handle)
  }

  destroy() {
    binding.audioFifoDestroy(this.#handle)
  }

  [Symbol.dispose]() {
    this.destroy()
  }
}
