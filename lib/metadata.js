// Metadata as the native side takes it: [key, value, ...] to set and [key, ...] to remove. Values
// are strings (numbers and booleans become strings); null or undefined removes the entry; any
// other value is a TypeError rather than "[object Object]" in the file.
exports.flattenMetadata = function flattenMetadata(metadata) {
  if (metadata === null || typeof metadata !== 'object') {
    throw new TypeError('metadata must be an object')
  }
  const entries =
    typeof metadata.entries === 'function' && !Array.isArray(metadata)
      ? [...metadata.entries()]
      : Object.entries(metadata)
  const pairs = []
  const removed = []
  for (const [key, value] of entries) {
    if (value === null || value === undefined) removed.push(String(key))
    else if (['string', 'number', 'boolean', 'bigint'].includes(typeof value)) {
      pairs.push(String(key), String(value))
    } else {
      throw new TypeError(`metadata.${key} must be a string or a number, got ${typeof value}`)
    }
  }
  return [pairs, removed]
}
