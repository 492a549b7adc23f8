// FFmpeg's own log, printed to stderr at or below `log.level` (ERROR when the addon loads, as the
// published package sets it). Errors carry the lines FFmpeg logged during the failing call
// whatever the level (`err.log`).
const binding = require('../binding')
const { logLevels } = require('./constants')

binding.logSetLevel(logLevels.ERROR)

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
