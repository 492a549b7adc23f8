// The worker pool that runs every asynchronous operation (`readFrameAsync`, `decodeAsync`,
// `InputFormatContext.open`, ...): `size` threads at once, the core count by default (at least
// 2). One object's operations run in order; different objects' run in parallel. A thread whose
// operation waits on a callback's Promise for more than a few milliseconds stops counting, so
// slow I/O never holds up the rest (docs/async.md).
const binding = require('../binding')

module.exports = {}

Object.defineProperties(module.exports, {
  size: {
    get() {
      return binding.workersGetSize()
    },
    set(size) {
      binding.workersSetSize(size)
    },
    enumerable: true
  },
  // The pool's threads now: started when there is work, kept while idle.
  threads: {
    get() {
      return binding.workersThreads()
    },
    enumerable: true
  }
})
