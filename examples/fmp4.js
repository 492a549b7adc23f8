// Remuxes any input into fragmented MP4 streamed through onwrite, with no seeking: what a
// browser's MediaSource consumes. Reports the init segment and the media fragments as they come.
//
//   bare examples/fmp4.js input output.mp4
const fs = require('bare-fs')
const ffmpeg = require('..')
const { remux } = require('./lib/remux')

const { IOContext, InputFormatContext } = ffmpeg

// Splits the byte stream into top-level MP4 boxes as they complete: 'ftyp'+'moov' is the init
// segment, each 'moof'+'mdat' pair a media segment.
function boxSplitter(onBox) {
  let pending = Buffer.alloc(0)
  return (chunk) => {
    pending = Buffer.concat([pending, chunk])
    while (pending.length >= 8) {
      const size = pending.readUInt32BE(0)
      if (size < 8 || pending.length < size) break
      onBox(pending.toString('latin1', 4, 8), pending.subarray(0, size))
      pending = pending.subarray(size)
    }
  }
}

function toFragmentedMP4(input, output) {
  const boxes = []
  const outFd = fs.openSync(output, 'w')
  const split = boxSplitter((type, box) => {
    boxes.push({ type, size: box.length })
    fs.writeSync(outFd, box)
  })
  // No onseek: the muxer must never go back, as over a network or into a MediaSource.
  using io = new IOContext(64 * 1024, { onwrite: split, onclose: () => fs.closeSync(outFd) })
  using reader = IOContext.fromFile(input)
  using demuxer = new InputFormatContext(reader)
  remux(demuxer, 'mp4', io, {
    options: { movflags: 'frag_keyframe+empty_moov+default_base_moof' }
  })
  return boxes
}

module.exports = toFragmentedMP4

if (require.main === module) {
  const [input, output] = Bare.argv.slice(2)
  try {
    const boxes = toFragmentedMP4(input, output)
    const fragments = boxes.filter((b) => b.type === 'moof').length
    console.log(
      `init segment: ${boxes
        .slice(0, 2)
        .map((b) => `${b.type} (${b.size} bytes)`)
        .join(' + ')}`
    )
    console.log(`${fragments} fragments (moof + mdat) written to ${output}`)
  } catch (err) {
    console.error(`fmp4 failed: ${err.message}`)
    Bare.exitCode = 1
  }
}
