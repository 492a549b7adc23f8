// What VideoEncoder and AudioEncoder share (over codec-base.js): encode(input, { keyFrame }) takes
// a clone of the VideoFrame or AudioData (the caller may close theirs at once), encodeQueueSize,
// and packets turned into chunks with the metadata WebCodecs gives: the decoderConfig with the
// first output of a configuration.
const DOMException = require('./dom-exception')
const WebCodecsCodec = require('./codec-base')
const { hooks, submit, queueSize } = require('./internal')

class WebCodecsEncoder extends WebCodecsCodec {
  get encodeQueueSize() {
    return this[queueSize]
  }

  encode(input, options = {}) {
    if (this.state !== 'configured') {
      throw new DOMException(`The ${this.constructor.name} is ${this.state}`, 'InvalidStateError')
    }
    const Input = this.constructor[hooks].Input
    if (!(input instanceof Input)) throw new TypeError(`The input must be a ${Input.name}`)
    if (input.format === null) throw new TypeError(`The ${Input.name} is closed`)
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('options must be an object')
    }
    this[submit]({ input: input.clone(), keyFrame: options.keyFrame === true })
  }
}

WebCodecsEncoder.discard = (item) => item.input.close()

// The output callback's arguments for `chunk`: its metadata has `svc` (the temporal layer, when
// the configuration has layers) and, with the first output of a configuration, the decoderConfig
// `describe()` makes.
WebCodecsEncoder.outputOf = function outputOf(chunk, session, describe, svc) {
  const metadata = svc === undefined ? {} : { svc }
  if (!session.described) {
    session.described = true
    metadata.decoderConfig = describe()
  }
  return [chunk, metadata]
}

module.exports = WebCodecsEncoder
