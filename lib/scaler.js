// Scaler: pictures from one pixel format and size to another (swscale). See docs/scaler.md.
const binding = require('../binding')
const Frame = require('./frame')
const constants = require('./constants')
const internal = require('./internal')
const batch = require('./batch')

module.exports = class Scaler {
  #handle // the native SwsContext: passed to every native call, never exposed

  // FFmpeg's scaler options (see docs/options.md).
  static get options() {
    return binding.optionTable('scaler')
  }

  // new Scaler(sourcePixelFormat, sourceWidth, sourceHeight, targetPixelFormat, targetWidth,
  // targetHeight[, flags]): pixel formats by number or name ('yuv420p'); `flags` (ours):
  // constants.scalerFlags, bicubic by default as in the published package.
  constructor(
    sourcePixelFormat,
    sourceWidth,
    sourceHeight,
    targetPixelFormat,
    targetWidth,
    targetHeight,
    flags = constants.scalerFlags.BICUBIC
  ) {
    binding.scalerCreate(
      (handle) => (this.#handle = handle),
      constants.toPixelFormat(sourcePixelFormat),
      sourceWidth,
      sourceHeight,
      constants.toPixelFormat(targetPixelFormat),
      targetWidth,
      targetHeight,
      flags
    )
  }

  // scale(source, target) or scale(source, y, height, target): the rows y to y + height of
  // `source` (all of them by default) into `target`, which must be of the target format and size
  // (a blank frame gets planes for them). Returns the number of rows written.
  scale(source, y, height, target) {
    if (typeof y !== 'number') {
      target = y
      y = 0
      height = source.height
    } else if (typeof height !== 'number') {
      target = height
      height = source.height - y
    }
    return binding.scalerScale(
      this.#handle,
      Frame[internal.handleOf](source, 'source'),
      y,
      height,
      Frame[internal.handleOf](target, 'target')
    )
  }

  // Scales a batch of pictures (a Frame or an array) on the scaler's worker thread, each into a
  // new Frame of the target format and size (with the source's timestamps); resolves to them.
  // The event loop keeps running; the scaler and the frames are busy until it settles.
  scaleAsync(frames) {
    return batch(Frame, frames, 'frames', (handles, done) =>
      binding.scalerScaleAsync(this.#handle, handles, done)
    )
  }

  destroy() {
    binding.scalerDestroy(this.#handle)
  }

  [Symbol.dispose]() {
    this.destroy()
  }
}
