// Stream: one stream of a format context, addressed by its index.
const binding = require('../binding')
const CodecParameters = require('./codec-parameters')
const Codec = require('./codec')
const Rational = require('./rational')
const flattenOptions = require('./options')
const { stream: F, streamRational: R, defineFields } = require('./fields')

class Stream {
  #context // the native format context's handle
  #index
  #owner // the JavaScript format context, kept alive while this object is
  #codecParameters

  constructor(context, index, owner) {
    this.#context = context
    this.#index = index
    this.#owner = owner
    this.#codecParameters = new CodecParameters(context, index, owner)
  }

  get codecParameters() {
    return this.#codecParameters
  }

  get codec() {
    return Codec.for(this.#codecParameters.id)
  }

  // Stream metadata (language, title, ...); assigning an object sets those entries.
  get metadata() {
    return binding.formatGetMetadata(this.#context, this.#index)
  }

  set metadata(value) {
    binding.formatSetMetadata(this.#context, this.#index, flattenOptions(value, 'metadata'))
  }

  _get(field) {
    return binding.streamGet(this.#context, this.#index, field)
  }

  _set(field, value) {
    binding.streamSet(this.#context, this.#index, field, value)
  }

  _getRational(field) {
    binding.streamGetRational(this.#context, this.#index, field, Rational._out)
    return Rational._fromOut()
  }

  _setRational(field, value) {
    binding.streamSetRational(this.#context, this.#index, field, value.numerator, value.denominator)
  }

  toJSON() {
    const json = {}
    for (const name of [...Object.keys(F), ...Object.keys(R)]) json[name] = this[name]
    json.codecParameters = this.#codecParameters.toJSON()
    return json
  }

  [Symbol.for('bare.inspect')]() {
    return { __proto__: { constructor: Stream }, ...this.toJSON() }
  }
}

// index (read-only), id, duration, startTime, nbFrames, disposition: see src/fields.rs.
defineFields(Stream, F, '_get', '_set')
// timeBase, avgFramerate, rFrameRate, sampleAspectRatio, as Rational.
defineFields(Stream, R, '_getRational', '_setRational')

module.exports = Stream
