// Describes a media file like ffprobe: container, duration, metadata, and each stream.
//
//   bare examples/probe.js file
const ffmpeg = require('..')

const { IOContext, InputFormatContext, Codec, constants } = ffmpeg
const { mediaTypes, TIME_BASE } = constants

const seconds = (value, timeBase) =>
  value === -1 ? 'N/A' : ((value * timeBase.numerator) / timeBase.denominator).toFixed(3)

function probe(file) {
  using io = IOContext.fromFile(file) // closed at the end, by the input or by `using`
  using input = new InputFormatContext(io)
  const lines = [
    `format: ${input.inputFormat.name} (${input.inputFormat.longName})`,
    `duration: ${seconds(input.duration, { numerator: 1, denominator: TIME_BASE })} s`,
    `bit rate: ${input.bitRate} b/s`
  ]
  for (const [key, value] of Object.entries(input.metadata)) lines.push(`  ${key}: ${value}`)
  for (const stream of input.streams) {
    const p = stream.codecParameters
    const type = Object.keys(mediaTypes)
      .find((k) => mediaTypes[k] === p.type)
      .toLowerCase()
    let detail = ''
    if (p.type === mediaTypes.VIDEO)
      detail = `${p.width}x${p.height}, ${stream.avgFramerate.toNumber()} fps`
    if (p.type === mediaTypes.AUDIO) detail = `${p.sampleRate} Hz, ${p.nbChannels} channel(s)`
    lines.push(
      `stream #${stream.index}: ${type} ${Codec.for(p.id).name}, ${detail}, ` +
        `duration ${seconds(stream.duration, stream.timeBase)} s, time base ${stream.timeBase}`
    )
    for (const [key, value] of Object.entries(stream.metadata)) lines.push(`  ${key}: ${value}`)
  }
  return lines
}

module.exports = probe

if (require.main === module) {
  try {
    console.log(probe(Bare.argv[2]).join('\n'))
  } catch (err) {
    console.error(`probe failed: ${err.message}`)
    Bare.exitCode = 1
  }
}
