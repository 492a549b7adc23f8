// CodecParameters: what a stream holds (codec, size, rate, ...). Lives inside its format context,
// addressed by (context, stream index); the context stays alive while this object does.
const binding = require('../binding')
const Rational = require('./rational')
const ChannelLayout = require('./channel-layout')
const { codec: F, codecRational: R, defineFields } = require('./fields')

const layoutOut = new Float64Array(2) // [mask, nbChannels] from the native side, reused

class CodecParameters {
  #context // the native format context's handle
  #index
  #owner // the JavaScript format context, kept alive while this object is

  constructor(context, index, owner) {
    this.#context = context
    this.#index = index
    this.#owner = owner
  }

  // Copies every parameter (codec, dimensions, extra data, ...) from another stream's
  // parameters: what remuxing needs, without decoding.
  copyFrom(other) {
    if (!(other instanceof CodecParameters)) {
      throw new TypeError('copyFrom needs a CodecParameters')
    }
    binding.codecCopy(this.#context, this.#index, other.#context, other.#index)
  }

  // A ChannelLayout (its `mask` is the AV_CH_* bits, e.g. 3 for stereo; 0 when the order is
  // unspecified). Takes a ChannelLayout, a mask or a name; sets nbChannels to match.
  get channelLayout() {
    binding.codecGetChannelLayout(this.#context, this.#index, layoutOut)
    return new ChannelLayout(layoutOut[0], layoutOut[1])
  }

  set channelLayout(value) {
    const layout = ChannelLayout.from(value)
    binding.codecSetChannelLayout(this.#context, this.#index, layout.mask, layout.nbChannels)
  }

  get extraData() {
    return Buffer.from(binding.codecGetExtraData(this.#context, this.#index))
  }

  set extraData(value) {
    if (!ArrayBuffer.isView(value)) throw new TypeError('extraData must be a Buffer')
    binding.codecSetExtraData(
      this.#context,
      this.#index,
      new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    )
  }

  _getRational(field) {
    binding.codecGetRational(this.#context, this.#index, field, Rational._out)
    return Rational._fromOut()
  }

  _setRational(field, value) {
    binding.codecSetRational(this.#context, this.#index, field, value.numerator, value.denominator)
  }

  _get(field) {
    return binding.codecGet(this.#context, this.#index, field)
  }

  _set(field, value) {
    binding.codecSet(this.#context, this.#index, field, value)
  }

  toJSON() {
    const json = {}
    for (const name of [...Object.keys(F), ...Object.keys(R)]) json[name] = this[name]
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
