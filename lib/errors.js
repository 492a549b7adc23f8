// The one error type for FFmpeg failures. The native side creates these through the factory
// registered at the bottom of this file, so `err instanceof FFmpegError` holds everywhere.
const binding = require('../binding')

module.exports = class FFmpegError extends Error {
  // message: what was being done, FFmpeg's text and what it logged; code: e.g.
  // 'AVERROR_INVALIDDATA', 'ENOMEM'; errno: FFmpeg's negative error number; log: FFmpeg's own
  // warnings and errors logged during the failing call.
  constructor(message, code, errno, log = []) {
    super(message)
    this.code = code
    this.errno = errno
    this.log = log
  }

  get name() {
    return 'FFmpegError'
  }

  // The published package's errors for names not found by constants.toPixelFormat() and
  // friends: code 'UNKNOWN_PIXEL_FORMAT', message 'UNKNOWN_PIXEL_FORMAT: Unknown ...'.
  static UNKNOWN_PIXEL_FORMAT(message) {
    return named('UNKNOWN_PIXEL_FORMAT', message)
  }

  static UNKNOWN_SAMPLE_FORMAT(message) {
    return named('UNKNOWN_SAMPLE_FORMAT', message)
  }

  static UNKNOWN_CHANNEL_LAYOUT(message) {
    return named('UNKNOWN_CHANNEL_LAYOUT', message)
  }
}

function named(code, message) {
  return new module.exports(`${code}: ${message}`, code, 0)
}

binding.setErrorFactory(
  (message, code, errno, log) => new module.exports(message, code, errno, log)
)
