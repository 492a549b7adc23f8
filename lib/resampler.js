// Resampler: sound from one sample rate, sample format and channel layout to another
// (swresample). See docs/resampler.md.
const binding = require('../binding')
const ChannelLayout = require('./channel-layout')
const Frame = require('./frame')
const constants = require('./constants')
const internal = require('./internal')
const batch = require('./batch')

module.exports = class Resampler {
  #handle // the native SwrContext: passed to every native call, never exposed
  #inputSampleRate
  #outputSampleRate

  // FFmpeg's resampler options (see docs/options.md).
  static get options() {
    return binding.optionTable('resampler')
  }

  // new Resampler(inputSampleRate, inputChannelLayout, inputFormat, outputSampleRate,
  // outputChannelLayout, outputFormat): layouts as ChannelLayout.from() takes them, sample
  // formats by number or name.
  constructor(
    inputSampleRate,
    inputChannelLayout,
    inputFormat,
    outputSampleRate,
    outputChannelLayout,
    outputFormat
  ) {
    const sound = (rate, layout, format) => {
      const { mask, nbChannels } = ChannelLayout.from(layout)
      return Float64Array.of(rate, mask, nbChannels, constants.toSampleFormat(format))
    }
    binding.resamplerCreate(
      (handle) => (this.#handle = handle),
      sound(inputSampleRate, inputChannelLayout, inputFormat),
      sound(outputSampleRate, outputChannelLayout, outputFormat)
    )
    this.#inputSampleRate = inputSampleRate
    this.#outputSampleRate = outputSampleRate
  }

  get inputSampleRate() {
    return this.#inputSampleRate
  }

  get outputSampleRate() {
    return this.#outputSampleRate
  }

  // The samples held back (not yet given out), at the input's sample rate.
  get delay() {
    return binding.resamplerDelay(this.#handle)
  }

  // Converts `input` into `output`, at most output.nbSamples samples (a blank output gets planes
  // for everything that can come, and its nbSamples says how many did). Returns the number of
  // samples written per channel.
  convert(input, output) {
    return binding.resamplerConvert(
      this.#handle,
      Frame[internal.handleOf](input, 'input'),
      Frame[internal.handleOf](output, 'output')
    )
  }

  // Gives out what is held back into `output` (its nbSamples becomes the number written).
  flush(output) {
    return binding.resamplerConvert(
      this.#handle,
      undefined,
      Frame[internal.handleOf](output, 'output')
    )
  }

  // Converts a batch of frames (a Frame or an array; null: the flush) on the resampler's worker
  // thread, each into a new Frame of everything that came out; resolves to them.
  convertAsync(frames) {
    return batch(Frame, frames, 'frames', (handles, done) =>
      binding.resamplerConvertAsync(this.#handle, handles, done)
    )
  }

  destroy() {
    binding.resamplerDestroy(this.#handle)
  }

  [Symbol.dispose]() {
    this.destroy()
  }
}
