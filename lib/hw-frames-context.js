// HWFramesContext: a pool of frames in a hardware device's memory. It needs an HWDeviceContext,
// which this self-contained build cannot make (it carries no device types, see
// HWDeviceContext.types), so the constructor checks its arguments and then fails clearly.
// See docs/hw-frames-context.md.
const HWDeviceContext = require('./hw-device-context')
const internal = require('./internal')

module.exports = class HWFramesContext {
  constructor(hwDeviceContext, format, swFormat, width, height) {
    HWDeviceContext[internal.handleOf](hwDeviceContext, 'hwDeviceContext')
    for (const [name, value] of Object.entries({ format, swFormat, width, height })) {
      if (!Number.isInteger(value)) throw new TypeError(`${name} must be an integer`)
    }
    throw new Error(
      'Hardware frames contexts are not supported: this FFmpeg build carries no hardware device types'
    )
  }
}
