// Name -> index maps for the numeric fields the native side exposes (src/fields.rs is the table).
const binding = require('../binding')

function indexOf(names) {
  const map = {}
  names.forEach((name, i) => {
    map[name] = i
  })
  return map
}

module.exports = {
  codec: indexOf(binding.codecFields),
  codecRational: indexOf(binding.codecRationalFields),
  stream: indexOf(binding.streamFields),
  streamRational: indexOf(binding.streamRationalFields),
  packet: indexOf(binding.packetFields),
  packetRational: indexOf(binding.packetRationalFields),
  format: indexOf(binding.formatFields)
}
