// CodecParameters: what a stream holds (codec, size, rate, ...). Either a stream's, addressed by
// (its format context, stream index) and alive while the context is, or standalone ones made by
// CodecParameters.alloc(), which own their native memory.
const binding = require('../binding')
const Rational = require('./rational')
const ChannelLayout = require('./channel-layout')
const { codec: F, codecRational: R, defineFields } = require('./fields')

const CodecContext = require('./codec-context')
const internal = require('./internal')

const layoutOut = new Float64Array(2) // [mask, nbChannels] from the native side, reused
const OWN = -1 // the index of standalone parameters

class CodecParameters {
  #handle // the format context's handle, or the standalone parameters' own
  #index // the stream index, or OWN
  #owner // the JavaScript format context, kept alive while this object is

  constructor(handle, index, owner) {
    this.#handle = handle
    this.#index = index
    this.#owner = owner
  }

  // Standalone codec parameters (FFmpeg's defaults), to fill and copy into a stream, say.
  static alloc() {
    const parameters = new CodecParameters(null, OWN, null)
    binding.codecParametersAlloc((handle) => (parameters.#handle = handle))
    return parameters
  }

  // [handle, index] for the native calls of other classes (a BitstreamFilter's input, say).
  static [internal.address](parameters, name = 'codecParameters') {
    if (!(parameters instanceof CodecParameters)) {
      throw new TypeError(`${name} must be a CodecParameters`)
    }
    return [parameters.#handle, parameters.#index]
  }

  // Frees standalone parameters; a stream's belong to their context (a no-op for them).
  destroy() {
    if (this.#index === OWN) binding.codecParametersDestroy(this.#handle)
  }

  [Symbol.dispose]() {
    this.destroy()
  }

  // Copies every parameter (codec, dimensions, extra data, ...) from another set: what remuxing
  // needs, without decoding.
  copyFrom(other) {
    if (!(other instanceof CodecParameters)) {
      throw new TypeError('copyFrom needs a CodecParameters')
    }
    binding.codecParametersCopy(this.#handle, this.#index, other.#handle, other.#index)
  }

  // A ChannelLayout (its `mask` is the AV_CH_* bits, e.g. 3 for stereo; 0 when the order is
  // unspecified). Takes a ChannelLayout, a mask or a name; sets nbChannels to match.
  get channelLayout() {
    binding.codecParametersGetChannelLayout(this.#handle, this.#index, layoutOut)
    return new ChannelLayout(layoutOut[0], layoutOut[1])
  }

  set channelLayout(value) {
    const layout = ChannelLayout.from(value)
    binding.codecParametersSetChannelLayout(
      this.#handle,
      this.#index,
      layout.mask,
      layout.nbChannels
    )
  }

  // A copy of the codec's extra data (its setup bytes).
  get extraData() {
    return Buffer.from(binding.codecParametersGetExtraData(this.#handle, this.#index))
  }

  set extraData(value) {
    if (!ArrayBuffer.isView(value)) throw new TypeError('extraData must be a Buffer')
    binding.codecParametersSetExtraData(
      this.#handle,
      this.#index,
      new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    )
  }

  _get(field) {
    return binding.codecParametersGet(this.#handle, this.#index, field)
  }

  _set(field, value) {
    binding.codecParametersSet(this.#handle, this.#index, field, value)
  }

  // The codec context (not open yet) takes these parameters: what a decoder needs to know of
  // the stream (codec, size, format, extra data, ...).
  toContext(context) {
    binding.codecParametersToContext(
      this.#handle,
      this.#index,
      CodecContext[internal.handleOf](context)
    )
  }

  // These parameters take the codec context's settings (an encoder's, for an output stream).
  fromContext(context) {
    binding.codecParametersFromContext(
      this.#handle,
      this.#index,
      CodecContext[internal.handleOf](context)
    )
  }

  _getRational(field) {
    binding.codecParametersGetRational(this.#handle, this.#index, field, Rational[internal.out])
    return Rational[internal.fromOut]()
  }

  _setRational(field, value, name) {
    Rational[internal.check](value, name)
    binding.codecParametersSetRational(
      this.#handle,
      this.#index,
      field,
      value.numerator,
      value.denominator
    )
  }

  toJSON() {
    const json = {}
    for (const name of Object.keys(F)) json[name] = this[name]
    for (const name of Object.keys(R)) json[name] = this[name].toJSON()
    json.channelLayout = this.channelLayout.toJSON()
    return json
  }

  [Symbol.for('bare.inspect')]() {
    return { __proto__: { constructor: CodecParameters }, ...this.toJSON() }
  }
}

// Plain numeric properties, one per native field (type, id, width, sampleRate, ...): the
// native table in src/fields.rs is the single list of them.
defineFields(CodecParameters, F, '_get', '_set')
// sampleAspectRatio, frameRate, as Rational.
defineFields(CodecParameters, R, '_getRational', '_setRational')

module.exports = CodecParameters
