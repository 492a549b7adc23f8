// The one error type for FFmpeg failures. The native side creates these through the factory
// registered at the bottom of this file, so `err instanceof FFmpegError` holds everywhere.
const binding = require('../binding')

module.exports = class FFmpegError extends Error {
  constructor(message, code, errno) {
    super(message)
    this.code = code // e.g. 'AVERROR_INVALIDDATA', 'ENOMEM'
    this.errno = errno // FFmpeg's negative error number
  }

  get name() {
    return 'FFmpegError'
  }
}

binding.setErrorFactory((message, code, errno) => new module.exports(message, code, errno))
