// InputFormat: a demuxer, found by its short name (e.g. 'matroska', 'mpegts', 'lavfi').
const binding = require('../binding')
const FormatDescription = require('./format-description')

// Without a name, the platform's camera input, as in the published package (capture devices
// other than lavfi are not in this build: see docs/input-format.md).
const DEFAULT_NAME =
  {
    android: 'android_camera',
    darwin: 'avfoundation',
    ios: 'avfoundation',
    linux: 'v4l2',
    win32: 'dshow'
  }[Bare.platform] ?? 'lavfi'

module.exports = class InputFormat extends FormatDescription {
  constructor(name = DEFAULT_NAME) {
    if (typeof name !== 'string') throw new TypeError('name must be a string, e.g. "matroska"')
    super(binding.inputFormatInfo(name))
  }

  // The demuxer's own options (what FFmpeg describes for it: name, type, default, range, named
  // values, help, flags), as `options` of InputFormatContext.open() take them. See docs/options.md.
  get options() {
    return binding.optionTable('inputFormat', this.name.split(',')[0])
  }

  // The published package's way to wrap a demuxer it already has; here, by name or InputFormat.
  static from(format) {
    return format instanceof InputFormat ? format : new InputFormat(format)
  }
}
