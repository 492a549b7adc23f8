// Stream: one stream of a format context, addressed by its index.
const binding = require('../binding')
const CodecParameters = require('./codec-parameters')
const Codec = require('./codec')
const CodecContext = require('./codec-context')
const Rational = require('./rational')
const SideData = require('./packet-side-data')
const { flattenMetadata } = require('./metadata')
const { stream: F, streamRational: R, defineFields } = require('./fields')
const internal = require('./internal')

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

  // [Stream.SideData]: what the whole stream carries besides its packets (the display matrix,
  // HDR metadata, ...), as the published package has it. Assigning an array of SideData (or
  // { type, data }) replaces it all (an output's, before writeHeader()).
  get sideData() {
    return binding
      .codecParametersGetSideData(this.#context, this.#index)
      .map(({ type, name, data }) => new SideData(type, Buffer.from(data), name))
  }

  set sideData(entries) {
    binding.codecParametersSetSideData(
      this.#context,
      this.#index,
      SideData[internal.flatten](entries)
    )
  }

  // The rotation the stream's display matrix asks for, in degrees counterclockwise as FFmpeg
  // gives it (ffprobe's `rotation`: -90 for a phone video held upright, which shows correctly
  // once turned 90 degrees clockwise); 0 without a display matrix. Ours.
  get rotation() {
    const matrix = this.sideData.find((entry) => entry.type === DISPLAY_MATRIX)
    return matrix ? displayRotation(matrix.data) : 0
  }

  // Stream metadata (language, title, ...). Assigning an object sets those entries; an entry
  // set to null or undefined is removed. On an output, before writeHeader().
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
    binding.streamGetRational(this.#context, this.#index, field, Rational[internal.out])
    return Rational[internal.fromOut]()
  }

  _setRational(field, value, name) {
    Rational[internal.check](value, name)
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

Stream.SideData = SideData

const DISPLAY_MATRIX = binding.constants.AV_PKT_DATA_DISPLAYMATRIX

// FFmpeg's av_display_rotation_get(): the angle of a 3x3 display matrix (16.16 fixed point,
// row-major), in degrees counterclockwise, rounded to hundredths; 0 for a degenerate matrix.
function displayRotation(data) {
  if (data.byteLength < 36) return 0
  const view = new DataView(data.buffer, data.byteOffset, 36)
  const at = (i) => view.getInt32(i * 4, true) / 65536
  const scale0 = Math.hypot(at(0), at(3))
  const scale1 = Math.hypot(at(1), at(4))
  if (scale0 === 0 || scale1 === 0) return 0
  const degrees = (-Math.atan2(at(1) / scale1, at(0) / scale0) * 180) / Math.PI
  return Math.round(degrees * 100) / 100 || 0
}

module.exports = Stream
