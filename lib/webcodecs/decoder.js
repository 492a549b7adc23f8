// What VideoDecoder and AudioDecoder share: the WebCodecs decoder's states ('unconfigured',
// 'configured', 'closed'), its control queue (configure, decode and flush run in order, each
// decode on the worker pool through CodecContext.decodeAsync), decodeQueueSize and the `dequeue`
// event, the key chunk required after configure() and flush(), and closing on errors
// (EncodingError, NotSupportedError) with the `error` callback. A subclass says which chunks it
// takes, how a configuration becomes a CodecContext, and what a decoded Frame becomes.
const DOMException = require('./dom-exception')
const EncodedChunk = require('./encoded-chunk')
const { EventTarget, makeEvent } = require('./event-target')
const Packet = require('../packet')
const Rational = require('../rational')
const { hooks } = require('./internal')

const MICROSECONDS = new Rational(1, 1000000)

module.exports = class WebCodecsDecoder extends EventTarget {
  #state = 'unconfigured'
  #output
  #error
  #queue = [] // { kind: 'configure', config } | { kind: 'decode', chunk } | { kind: 'flush', ... }
  #decodeQueueSize = 0
  #context = null // the CodecContext of the configuration in force
  #config = null
  #keyRequired = true
  #running = false
  #generation = 0 // bumped by reset() and close(): work of an older generation is dropped
  #dequeueScheduled = false
  #ondequeue = null

  constructor(init) {
    super()
    if (typeof init !== 'object' || init === null) throw new TypeError('init must be an object')
    if (typeof init.output !== 'function') throw new TypeError('init.output must be a function')
    if (typeof init.error !== 'function') throw new TypeError('init.error must be a function')
    this.#output = init.output
    this.#error = init.error
  }

  get state() {
    return this.#state
  }

  get decodeQueueSize() {
    return this.#decodeQueueSize
  }

  get ondequeue() {
    return this.#ondequeue
  }

  set ondequeue(handler) {
    if (this.#ondequeue) this.removeEventListener('dequeue', this.#ondequeue)
    this.#ondequeue = typeof handler === 'function' ? handler : null
    if (this.#ondequeue) this.addEventListener('dequeue', this.#ondequeue)
  }

  configure(config) {
    this.constructor[hooks].check(config) // a TypeError for an invalid configuration
    if (this.#state === 'closed') {
      throw new DOMException(`The ${this.constructor.name} is closed`, 'InvalidStateError')
    }
    this.#state = 'configured'
    this.#keyRequired = true
    this.#enqueue({ kind: 'configure', config: this.constructor[hooks].copy(config) })
  }

  decode(chunk) {
    if (this.#state !== 'configured') {
      throw new DOMException(`The ${this.constructor.name} is ${this.#state}`, 'InvalidStateError')
    }
    if (!(chunk instanceof this.constructor[hooks].Chunk)) {
      throw new TypeError(`chunk must be an ${this.constructor[hooks].Chunk.name}`)
    }
    if (this.#keyRequired) {
      if (chunk.type !== 'key') {
        throw new DOMException('A key chunk is required after configure() and flush()', 'DataError')
      }
      this.#keyRequired = false
    }
    this.#decodeQueueSize++
    this.#enqueue({ kind: 'decode', chunk })
  }

  flush() {
    if (this.#state !== 'configured') {
      return Promise.reject(
        new DOMException(`The ${this.constructor.name} is ${this.#state}`, 'InvalidStateError')
      )
    }
    this.#keyRequired = true
    return new Promise((resolve, reject) => this.#enqueue({ kind: 'flush', resolve, reject }))
  }

  reset() {
    if (this.#state === 'closed') {
      throw new DOMException(`The ${this.constructor.name} is closed`, 'InvalidStateError')
    }
    this.#resetWith(new DOMException('reset() was called', 'AbortError'))
    this.#state = 'unconfigured'
  }

  close() {
    if (this.#state === 'closed') {
      throw new DOMException(`The ${this.constructor.name} is closed`, 'InvalidStateError')
    }
    this.#resetWith(new DOMException('close() was called', 'AbortError'))
    this.#state = 'closed'
  }

  // Drops everything queued (pending flushes reject with `exception`) and the codec.
  #resetWith(exception) {
    this.#generation++
    for (const message of this.#queue) {
      if (message.kind === 'flush') message.reject(exception)
    }
    this.#queue = []
    this.#keyRequired = true
    if (this.#decodeQueueSize > 0) {
      this.#decodeQueueSize = 0
      this.#scheduleDequeue()
    }
    // An operation still running on the worker finishes, then its context goes: destroy() waits
    // for nothing, and the operation's result (an error saying it was destroyed) is dropped.
    this.#context?.destroy()
    this.#context = null
    this.#config = null
  }

  #closeWithError(exception) {
    if (this.#state === 'closed') return
    this.#resetWith(exception)
    this.#state = 'closed'
    this.#error(exception)
  }

  #scheduleDequeue() {
    if (this.#dequeueScheduled) return
    this.#dequeueScheduled = true
    queueMicrotask(() => {
      this.#dequeueScheduled = false
      this.dispatchEvent(makeEvent('dequeue'))
    })
  }

  #enqueue(message) {
    this.#queue.push(message)
    if (!this.#running) this.#run()
  }

  async #run() {
    this.#running = true
    while (this.#queue.length > 0) {
      const generation = this.#generation
      const message = this.#queue.shift()
      try {
        await this.#handle(message, generation)
      } catch (err) {
        if (generation !== this.#generation) continue // reset meanwhile: nothing to report
        if (message.kind === 'flush') message.reject(err)
        const name = err?.name === 'NotSupportedError' ? 'NotSupportedError' : 'EncodingError'
        this.#closeWithError(new DOMException(err?.message ?? String(err), name))
      }
    }
    this.#running = false
  }

  async #handle(message, generation) {
    if (message.kind === 'configure') {
      this.#context?.destroy()
      this.#context = null
      this.#context = this.constructor[hooks].open(message.config) // NotSupportedError if it cannot
      this.#config = message.config
      return
    }
    if (message.kind === 'decode') {
      this.#decodeQueueSize--
      this.#scheduleDequeue()
      const chunk = message.chunk
      const packet = new Packet(Buffer.from(EncodedChunk.bytes(chunk)))
      packet.timeBase = MICROSECONDS
      packet.pts = chunk.timestamp
      packet.duration = chunk.duration ?? 0
      packet.isKeyframe = chunk.type === 'key'
      try {
        this.#deliver(await this.#context.decodeAsync(packet), generation)
      } finally {
        packet.destroy()
      }
      return
    }
    // The flush: what the codec holds back, then a fresh codec for what comes next (FFmpeg's
    // takes nothing more once flushed; a key chunk comes first anyway).
    this.#deliver(await this.#context.decodeAsync(null), generation)
    if (generation !== this.#generation) return
    this.#context.destroy()
    this.#context = this.constructor[hooks].open(this.#config)
    message.resolve()
  }

  #deliver(frames, generation) {
    for (const frame of frames) {
      if (generation !== this.#generation) {
        frame.destroy()
        continue
      }
      const output = this.constructor[hooks].wrap(frame)
      try {
        this.#output(output)
      } catch (err) {
        queueMicrotask(() => {
          throw err
        })
      }
    }
  }

  // A configuration's support, as isConfigSupported() answers: { supported, config }.
  static async isConfigSupported(config) {
    this[hooks].check(config)
    const copy = this[hooks].copy(config)
    let supported = true
    try {
      this[hooks].open(copy).destroy()
    } catch {
      supported = false
    }
    return { supported, config: copy }
  }
}
