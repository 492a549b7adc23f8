// Options for demuxers, muxers and codecs ({ movflags: 'frag_keyframe' } or a Dictionary) as the
// flat [key, value, key, value] string list the native side turns into an AVDictionary; its
// `strict` property asks for unknown options to be an error (see Dictionary).
const Dictionary = require('./dictionary')

exports.flattenOptions = function flattenOptions(options, name = 'options') {
  if (options === undefined || options === null) return undefined
  if (typeof options !== 'object') throw new TypeError(`${name} must be an object`)
  const entries =
    typeof options.entries === 'function' && !Array.isArray(options)
      ? [...options.entries()]
      : Object.entries(options)
  const flat = entries.flatMap(([key, value]) => [String(key), String(value)])
  if (options instanceof Dictionary && options.strict === true) flat.strict = true
  return flat
}

// After a call that took `options`: a Dictionary keeps only the options nothing used (`unused`,
// their names), as FFmpeg leaves its AVDictionary. A plain object is left as it is.
exports.keepUnused = function keepUnused(options, unused) {
  if (!(options instanceof Dictionary) || !Array.isArray(unused)) return
  const left = new Set(unused)
  for (const [key] of options.entries()) if (!left.has(key)) options.delete(key)
}
