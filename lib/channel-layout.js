// ChannelLayout: which audio channels a stream or frame has (FFmpeg's AVChannelLayout), as the
// published API has it: `nbChannels`, `mask` and `ChannelLayout.from()`. A plain value: it holds
// no native memory, and layouts are compared by `mask` (or `nbChannels` when the mask is 0).
const binding = require('../binding')
const { channelLayouts } = require('./constants')
const FFmpegError = require('./errors')

class ChannelLayout {
  #mask
  #nbChannels

  // mask: AV_CH_* bits (constants.channelLayouts); nbChannels: for a layout without a mask
  // (an unspecified order), how many channels it has.
  constructor(mask = 0, nbChannels) {
    if (!Number.isSafeInteger(mask) || mask < 0) {
      throw new RangeError(`A channel mask must be a non-negative safe integer, got ${mask}`)
    }
    nbChannels ??= countBits(mask)
    if (
      !Number.isInteger(nbChannels) ||
      nbChannels < 0 ||
      (mask !== 0 && nbChannels !== countBits(mask))
    ) {
      throw new RangeError(`${nbChannels} channels do not match the channel mask ${mask}`)
    }
    this.#mask = mask
    this.#nbChannels = nbChannels
  }

  get mask() {
    return this.#mask
  }

  get nbChannels() {
    return this.#nbChannels
  }

  // A ChannelLayout from a mask, a name in constants.channelLayouts ('stereo' or 'STEREO',
  // '5.1') or another ChannelLayout.
  static from(value) {
    if (value instanceof ChannelLayout) return value
    if (typeof value === 'string') {
      const mask = channelLayouts[value] ?? channelLayouts[value.toUpperCase()]
      if (mask === undefined) {
        throw FFmpegError.UNKNOWN_CHANNEL_LAYOUT(`Unknown channel layout '${value}'`)
      }
      return new ChannelLayout(mask)
    }
    if (typeof value === 'number') return new ChannelLayout(value)
    throw new TypeError(
      `A channel layout must be a ChannelLayout, a mask or a name, got ${typeof value}`
    )
  }

  // FFmpeg's name for the layout: 'mono', 'stereo', '5.1(side)', '3 channels', ...
  toString() {
    return binding.channelLayoutName(this.#mask, this.#nbChannels)
  }

  // Code that treated channelLayout as its mask keeps working: `layout == 3`, `layout & 1`.
  valueOf() {
    return this.#mask
  }

  toJSON() {
    return { mask: this.#mask, nbChannels: this.#nbChannels }
  }

  [Symbol.for('bare.inspect')]() {
    return { __proto__: { constructor: ChannelLayout }, ...this.toJSON(), name: this.toString() }
  }
}

function countBits(mask) {
  let n = 0
  for (let m = BigInt(mask); m > 0n; m >>= 1n) n += Number(m & 1n)
  return n
}

module.exports = ChannelLayout
