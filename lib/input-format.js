// InputFormat: a demuxer, found by its short name (e.g. 'matroska', 'mpegts', 'lavfi').
const binding = require('../binding')
const FormatDescription = require('./format-description')

module.exports = class InputFormat extends FormatDescription {
  constructor(name) {
    if (typeof name !== 'string') throw new TypeError('name must be a string, e.g. "matroska"')
    super(binding.inputFormatInfo(name))
  }

  // The published package's way to wrap a demuxer it already has; here, by name or InputFormat.
  static from(format) {
    return format instanceof InputFormat ? format : new InputFormat(format)
  }
}
