// Soak: 256 MB of audio streamed through onread, remuxed, and streamed out through onwrite.
// Memory stays bounded by the buffers in use, not by the size of the input.
const test = require('brittle')
const os = require('bare-os')
const { IOContext, InputFormatContext, OutputFormatContext, Packet } = require('..')
const { VALGRIND, bounded } = require('./helpers')

const peakMB = () => Math.round(os.resourceUsage().maxRSS / 1024)

// A WAV file that exists only as it is read: a header, then `size` bytes of samples.
function wavSource(size) {
  const header = Buffer.alloc(44)
  header.write('RIFF', 0)
  header.writeUInt32LE(36 + size, 4)
  header.write('WAVEfmt ', 8)
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20) // PCM
  header.writeUInt16LE(2, 22) // stereo
  header.writeUInt32LE(48000, 24)
  header.writeUInt32LE(48000 * 4, 28)
  header.writeUInt16LE(4, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36)
  header.writeUInt32LE(size, 40)
  const total = 44 + size
  let pos = 0
  return {
    total,
    onread(buffer, len) {
      const n = Math.min(len, total - pos)
      for (let i = 0; i < n; i++) {
        const at = pos + i
        buffer[i] = at < 44 ? header[at] : at & 0xff
      }
      pos += n
      return n
    }
  }
}

// Streams a `mb`-megabyte WAV from onread to a discarding onwrite; returns the bytes written.
function soak(mb) {
  const size = mb * 1024 * 1024
  const source = wavSource(size)
  let written = 0
  using input = new InputFormatContext(new IOContext(64 * 1024, { onread: source.onread }))
  using output = new OutputFormatContext(
    'wav',
    new IOContext(64 * 1024, {
      onwrite(buffer) {
        written += buffer.length // a sink that keeps nothing, like a socket
      }
    })
  )
  const out = output.createStream()
  out.codecParameters.copyFrom(input.streams[0].codecParameters)
  out.timeBase = input.streams[0].timeBase
  output.writeHeader()
  using packet = new Packet()
  while (input.readFrame(packet)) output.writeFrame(packet)
  output.writeTrailer()
  return written
}

test('streaming 128 MB, then 512 MB more: memory does not grow with the input', (t) => {
  const [first, second] = VALGRIND ? [8, 32] : [128, 512]
  const before = peakMB()
  t.ok(soak(first) > first * 1024 * 1024)
  const afterFirst = peakMB()
  t.ok(soak(second) > second * 1024 * 1024)
  const afterSecond = peakMB()
  // The first run's growth is garbage awaiting collection (each onwrite gets a buffer of its
  // own); four times the input must not add to it.
  bounded(t, afterFirst - before, 120, `first ${first} MB: peak RSS +${afterFirst - before} MB`)
  bounded(
    t,
    afterSecond - afterFirst,
    20,
    `next ${second} MB: peak RSS +${afterSecond - afterFirst} MB`
  )
})
