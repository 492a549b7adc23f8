// Options for demuxers and muxers ({ movflags: 'frag_keyframe' }) as the flat
// [key, value, key, value] string list the native side turns into an AVDictionary.
module.exports = function flattenOptions(options, name = 'options') {
  if (options === undefined || options === null) return undefined
  if (typeof options !== 'object') throw new TypeError(`${name} must be an object`)
  const entries =
    typeof options.entries === 'function' && !Array.isArray(options)
      ? [...options.entries()]
      : Object.entries(options)
  return entries.flatMap(([key, value]) => [String(key), String(value)])
}
