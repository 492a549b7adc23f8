// What VideoDecoder and AudioDecoder share (over codec-base.js): decode(chunk) with the key
// chunk required after configure() and flush(), decodeQueueSize, and chunks turned into packets
// decoded on the worker pool (CodecContext.decodeAsync).
const DOMException = require('./dom-exception')
const EncodedChunk = require('./encoded-chunk')
const WebCodecsCodec = require('./codec-base')
const { hooks, submit, queueSize } = require('./internal')
const Packet = require('../packet')
const Rational = require('../rational')

const MICROSECONDS = new Rational(1, 1000000)

class WebCodecsDecoder extends WebCodecsCodec {
  #keyRequired = true

  get decodeQueueSize() {
    return this[queueSize]
  }

  configure(config) {
    super.configure(config)
    this.#keyRequired = true
  }

  decode(chunk) {
    if (this.state !== 'configured') {
      throw new DOMException(`The ${this.constructor.name} is ${this.state}`, 'InvalidStateError')
    }
    const Chunk = this.constructor[hooks].Chunk
    if (!(chunk instanceof Chunk)) throw new TypeError(`chunk must be an ${Chunk.name}`)
    if (this.#keyRequired) {
      if (chunk.type !== 'key') {
        throw new DOMException('A key chunk is required after configure() and flush()', 'DataError')
      }
      this.#keyRequired = false
    }
    this[submit](chunk)
  }

  flush() {
    const flushing = super.flush()
    if (this.state === 'configured') this.#keyRequired = true
    return flushing
  }

  reset() {
    super.reset()
    this.#keyRequired = true
  }
}

// The hooks decoders share: a chunk decoded on the worker pool, and the flush.
WebCodecsDecoder.process = async function process(context, chunk) {
  // No bytes, no frame (to FFmpeg an empty packet would be the end of the stream).
  if (chunk.byteLength === 0) return []
  const packet = new Packet(Buffer.from(EncodedChunk.bytes(chunk)))
  packet.timeBase = MICROSECONDS
  packet.pts = chunk.timestamp
  packet.duration = chunk.duration ?? 0
  packet.isKeyframe = chunk.type === 'key'
  try {
    return await context.decodeAsync(packet)
  } finally {
    packet.destroy()
  }
}

WebCodecsDecoder.drain = (context) => context.decodeAsync(null)

module.exports = WebCodecsDecoder
