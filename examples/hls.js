// MP4 (H.264 and AAC) into HLS: a playlist and MPEG-TS segments in a directory, without
// decoding. MP4 keeps H.264 as length-prefixed NAL units with its parameter sets aside; MPEG-TS
// wants Annex B (start codes, parameter sets in band), so each video packet goes through the
// bitstream filter h264_mp4toannexb (hevc_mp4toannexb for HEVC) on its way to the muxer.
// FFmpeg opens no file itself: the hls muxer asks `onopen` for the playlist and each segment,
// and a name that is not a plain file name in the directory is refused.
//
//   bare examples/hls.js input.mp4 directory [seconds]
const path = require('bare-path')
const {
  BitstreamFilter,
  IOContext,
  InputFormatContext,
  OutputFormatContext,
  Packet
} = require('..')

// The filter a video stream needs in MPEG-TS, by codec name; none for the others.
const TO_ANNEX_B = { h264: 'h264_mp4toannexb', hevc: 'hevc_mp4toannexb' }

// Cuts `from` into `dir`/`playlist` and segments of about `seconds` each (they start on
// keyframes). Returns the files written, in order, and the packets per stream.
function toHls(from, dir, { seconds = 2, playlist = 'index.m3u8' } = {}) {
  const files = []
  const onopen = (url, flags) => {
    if (!(flags & 2) || !/^[\w.-]+$/.test(url) || url.startsWith('.')) return null
    files.push(url)
    return IOContext.toFile(path.join(dir, url))
  }
  using input = new InputFormatContext(IOContext.fromFile(from))
  using output = new OutputFormatContext('hls', null, { url: playlist, onopen })

  // One output stream per input stream; a video stream's parameters are what its filter makes.
  const filters = input.streams.map((stream) => {
    const out = output.createStream()
    const name = TO_ANNEX_B[stream.codec.name]
    let bsf = null
    if (name) {
      bsf = new BitstreamFilter(name)
      bsf.inputCodecParameters = stream.codecParameters
      bsf.inputTimeBase = stream.timeBase
      bsf.init()
      using parameters = bsf.outputCodecParameters
      out.codecParameters.copyFrom(parameters)
    } else {
      out.codecParameters.copyFrom(stream.codecParameters)
    }
    out.codecParameters.tag = 0 // MPEG-TS picks its own
    out.timeBase = stream.timeBase
    out.metadata = stream.metadata // the language, which the playlist's players show
    return bsf
  })

  try {
    output.writeHeader({ hls_time: seconds, hls_list_size: 0, hls_playlist_type: 'vod' })
    const counts = input.streams.map(() => 0)
    using packet = new Packet()
    using filtered = new Packet()
    const write = (p, index) => {
      p.streamIndex = index
      p.rescaleTimestamps(input.streams[index].timeBase, output.streams[index].timeBase)
      output.writeFrame(p)
      counts[index]++
    }
    // Everything the filter has ready goes to the muxer.
    const drain = (bsf, index) => {
      while (bsf.receivePacket(filtered)) write(filtered, index)
    }
    while (input.readFrame(packet)) {
      const index = packet.streamIndex
      const bsf = filters[index]
      if (!bsf) {
        write(packet, index)
        continue
      }
      while (!bsf.sendPacket(packet)) drain(bsf, index)
      drain(bsf, index)
    }
    filters.forEach((bsf, index) => {
      if (!bsf) return
      bsf.sendPacket() // the flush: whatever the filter still holds
      drain(bsf, index)
    })
    output.writeTrailer()
    return { files, counts }
  } finally {
    for (const bsf of filters) bsf?.destroy()
  }
}

module.exports = toHls

if (require.main === module) {
  const [from, dir, seconds = '2'] = Bare.argv.slice(2)
  try {
    const { files, counts } = toHls(from, dir, { seconds: Number(seconds) })
    console.log(`wrote ${files.join(', ')} into ${dir}: ${counts.join(' + ')} packets`)
  } catch (err) {
    console.error(`hls failed: ${err.message}`)
    Bare.exitCode = 1
  }
}
