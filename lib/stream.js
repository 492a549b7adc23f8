// Stream: one stream of a format context, addressed by its index.
const binding = require('../binding')
const CodecParameters = require('./codec-parameters')
const Codec = require('./codec')
const CodecContext = require('./codec-context')
const Rational = require('./rational')
const { flattenMetadata } = require('./metadata')
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

  // A CodecContext decoding this stream (not open yet: set options, then open()). It takes
  // the stream's codec parameters and time base, and refuses packets of other streams.
  decoder() {
    const context = new CodecContext(this.codec.decoder)
    this.#codecParameters.toContext(context)
    context.pktTimebase = this.timeBase
    return context._forStream(this.#index)
  }

  // A CodecContext encoding with this stream's codec and parameters (not open yet).
  encoder() {
    const context = new CodecContext(this.codec.encoder)
    this.#codecParameters.toContext(context)
    context.timeBase = this.timeBase
    return context
  }

  // Stream metadata (language, title, ...). Assigning an object sets those entries; an entry
  // set to null or undefined is removed. Read-only on an input; on an output, before writeHeader().
  get metadata() {
    return binding.formatContextGetMetadata(this.#context, this.#index)
  }

  set metadata(value) {
    const [pairs, removed] = flattenMetadata(value)
    binding.formatContextSetMetadata(this.#context, this.#index, pairs, removed)
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

  _setRational(field, value, name) {
    Rational._check(value, name)
    binding.streamSetRational(this.#context, this.#index, field, value.numerator, value.denominator)
  }

  toJSON() {
    const json = {}
    for (const name of Object.keys(F)) json[name] = this[name]
    for (const name of Object.keys(R)) json[name] = this[name].toJSON()
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
