// Name -> index maps for the numeric fields the native side exposes (src/fields.rs is the table).
const binding = require('../binding')

function indexOf(names) {
  const map = {}
  names.forEach((name, i) => {
    map[name] = i
  })
  return map
}

// Defines one accessor per field on `Class.prototype`, reading with `Class.prototype[get]` and
// writing with `Class.prototype[set]` (methods that take the field index).
function defineFields(Class, fields, get, set) {
  for (const [name, field] of Object.entries(fields)) {
    Object.defineProperty(Class.prototype, name, {
      get() {
        return this[get](field)
      },
      set(value) {
        this[set](field, value, name)
      },
      configurable: true
    })
  }
}

module.exports = {
  defineFields,
  codec: indexOf(binding.codecParametersFields),
  codecRational: indexOf(binding.codecParametersRationalFields),
  stream: indexOf(binding.streamFields),
  streamRational: indexOf(binding.streamRationalFields),
  packet: indexOf(binding.packetFields),
  packetRational: indexOf(binding.packetRationalFields),
  format: indexOf(binding.formatContextFields),
  codecContext: indexOf(binding.codecContextFields),
  codecContextRational: indexOf(binding.codecContextRationalFields),
  frame: indexOf(binding.frameFields),
  frameRational: indexOf(binding.frameRationalFields)
}
