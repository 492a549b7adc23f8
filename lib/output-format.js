// OutputFormat: a muxer, found by its short name (e.g. 'matroska', 'mp4') or a file name.
const binding = require('../binding')
const FormatDescription = require('./format-description')

module.exports = class OutputFormat extends FormatDescription {
  constructor(name) {
    if (typeof name !== 'string') throw new TypeError('name must be a string, e.g. "matroska"')
    super(binding.outputFormatInfo(name))
  }

  // The muxer's own options (hls_time, movflags, ...), as writeHeader() takes them. See
  // docs/options.md.
  get options() {
    return binding.optionTable('outputFormat', this.name)
  }

  // The published package's way to wrap a muxer it already has; here, by name or OutputFormat.
  static from(format) {
    return format instanceof OutputFormat ? format : new OutputFormat(format)
  }

  // The muxer FFmpeg would pick for a file name, e.g. 'out.webm' -> webm.
  static fromFileName(fileName) {
    return new this(binding.outputFormatGuess(fileName))
  }
}
