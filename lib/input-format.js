// InputFormat: a demuxer, found by its short name (e.g. 'matroska', 'mpegts').
const binding = require('../binding')
const FormatDescription = require('./format-description')

module.exports = class InputFormat extends FormatDescription {
  constructor(name) {
    if (typeof name !== 'string') throw new TypeError('name must be a string, e.g. "matroska"')
    super(binding.inputFormatInfo(name))
  }
}
