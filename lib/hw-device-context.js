// HWDeviceContext: a hardware device for decoders and encoders (codecContext.hwDeviceCtx).
// Which device types exist depends on the FFmpeg build: ours is self-contained and carries none
// (HWDeviceContext.types is empty), so creating one fails with FFmpeg's reason.
// See docs/hw-device-context.md.
const binding = require('../binding')
const internal = require('./internal')

const HWDeviceContext = (module.exports = class HWDeviceContext {
  #handle // the native AVHWDeviceContext reference: passed to every native call, never exposed
  #type

  // new HWDeviceContext(type[, device]): `type` from constants.hwDeviceTypes, `device` the
  // type's name for which device ('/dev/dri/renderD128'); none: the default one.
  constructor(type, device) {
    binding.hwDeviceCreate((handle) => (this.#handle = handle), type, device ?? undefined)
    this.#type = type
  }

  get type() {
    return this.#type
  }

  // The names of the device types this build carries ('vaapi', 'cuda', ...).
  static get types() {
    return binding.hwDeviceTypes()
  }

  destroy() {
    binding.hwDeviceDestroy(this.#handle)
  }

  [Symbol.dispose]() {
    this.destroy()
  }

  static [internal.handleOf](device, name = 'hwDeviceCtx') {
    if (typeof device !== 'object' || device === null || !(#handle in device)) {
      throw new TypeError(`${name} must be an HWDeviceContext`)
    }
    return device.#handle
  }
})
