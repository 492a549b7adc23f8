// What the four codec classes do alike with a configuration: the checks every one starts with,
// its copy (the description's bytes copied), and opening the FFmpeg codec it asks for, any
// failure a NotSupportedError.
const DOMException = require('./dom-exception')
const { bytesOf } = require('./webidl')
const CodecContext = require('../codec-context')

exports.checkCommon = function checkCommon(config) {
  if (typeof config !== 'object' || config === null) throw new TypeError('config must be an object')
  if (typeof config.codec !== 'string' || config.codec.trim() === '') {
    throw new TypeError('config.codec must be a codec string')
  }
  if (config.description !== undefined) bytesOf(config.description, 'config.description')
}

exports.copy = function copy(config) {
  const out = { ...config }
  for (const key of ['avc', 'hevc', 'colorSpace']) if (config[key]) out[key] = { ...config[key] }
  if (config.description !== undefined) out.description = bytesOf(config.description).slice()
  return out
}

// A CodecContext for `name` (an FFmpeg decoder's or encoder's, `Kind` Decoder or Encoder, null:
// none for this codec string), its description as extra data, `setup(context)` done, open with
// `options`.
exports.openCodec = function openCodec(config, name, Kind, setup, options = {}) {
  if (!name) throw new DOMException(`Unsupported codec ${config.codec}`, 'NotSupportedError')
  let context
  try {
    context = new CodecContext(new Kind(name))
    if (config.description) context.extraData = Buffer.from(config.description)
    setup(context)
    context.open(options)
    return context
  } catch (err) {
    context?.destroy()
    if (err?.name === 'NotSupportedError') throw err
    throw new DOMException(`${config.codec}: ${err.message}`, 'NotSupportedError')
  }
}
