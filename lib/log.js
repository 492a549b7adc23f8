// FFmpeg's own log (printed to stderr): log.level = constants.logLevels.ERROR, etc.
const binding = require('../binding')
const { logLevels } = require('./constants')

module.exports = { ...logLevels }

Object.defineProperty(module.exports, 'level', {
  get() {
    return binding.logGetLevel()
  },
  set(level) {
    binding.logSetLevel(level)
  },
  enumerable: true
})
