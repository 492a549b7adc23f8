// Extracts the subtitles of a video file into WebVTT beside it (movie.mkv -> movie.vtt), as a web
// player or a Pear renderer's <track> takes them: each subtitle decoded (SubRip, ASS, MP4 timed
// text, WebVTT: whatever text subtitles the file has) and encoded again as WebVTT.
//
//   bare examples/subtitles.js movie.mkv [out.vtt]
const {
  CodecContext,
  Encoder,
  IOContext,
  InputFormatContext,
  OutputFormatContext,
  Packet,
  Rational,
  constants
} = require('..')

// Writes the first subtitle stream of `from` to `to` (default: beside it, .vtt). Returns the
// subtitles written, each { start, end, text } (seconds, and the event's text).
function extractSubtitles(from, to = from.replace(/\.[^./]*$/, '') + '.vtt') {
  using input = new InputFormatContext(IOContext.fromFile(from))
  const source = input.streams.find((s) => s.codecParameters.type === constants.mediaTypes.SUBTITLE)
  if (!source) throw new Error(`${from} has no subtitles`)
  using decoder = source.decoder()
  decoder.open()
  using encoder = new CodecContext(new Encoder('webvtt'))
  encoder.timeBase = new Rational(1, 1000000)
  // The decoder's styles (its ASS header) go to the encoder, as ffmpeg hands them over.
  if (decoder.subtitleHeader !== null) encoder.subtitleHeader = decoder.subtitleHeader
  encoder.open()

  using output = new OutputFormatContext('webvtt', IOContext.toFile(to))
  const stream = output.createStream()
  stream.codecParameters.fromContext(encoder)
  stream.timeBase = encoder.timeBase
  output.writeHeader()

  const written = []
  using packet = new Packet()
  using encoded = new Packet()
  while (input.readFrame(packet)) {
    if (packet.streamIndex !== source.index) continue
    const subtitle = decoder.decodeSubtitle(packet)
    if (subtitle === null) continue
    encoder.encodeSubtitle(subtitle, encoded)
    encoded.streamIndex = stream.index
    encoded.rescaleTimestamps(encoder.timeBase, stream.timeBase)
    output.writeFrame(encoded)
    // An ASS event line: ReadOrder, Layer, Style, Name, MarginL, MarginR, MarginV, Effect, Text.
    const text = subtitle.rects.map((r) => r.ass?.split(',').slice(8).join(',') ?? r.text)
    written.push({ start: subtitle.start, end: subtitle.end, text: text.join('\n') })
  }
  output.writeTrailer()
  return written
}

module.exports = extractSubtitles

if (require.main === module) {
  const [from, to] = Bare.argv.slice(2)
  try {
    for (const { start, end, text } of extractSubtitles(from, to)) {
      console.log(`${start.toFixed(3)} --> ${end.toFixed(3)} ${text}`)
    }
  } catch (err) {
    console.error(`subtitles failed: ${err.message}`)
    Bare.exitCode = 1
  }
}
