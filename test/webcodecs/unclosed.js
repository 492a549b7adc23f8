// Run by test/webcodecs.js with --expose-gc: frames nobody closed, then collections. The warning
// browsers print must come out (once), and the closed frame must not cause one.
const { VideoFrame } = require('../../webcodecs')

;(function unclosed() {
  for (let i = 0; i < 10; i++) {
    new VideoFrame(new Uint8Array(6), {
      format: 'I420',
      codedWidth: 2,
      codedHeight: 2,
      timestamp: 0
    })
  }
})()
gc()
setTimeout(() => {
  gc()
  setTimeout(() => console.log('collected'), 50)
}, 50)
