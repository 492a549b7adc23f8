// What the WebCodecs decoders and encoders share: the states ('unconfigured', 'configured',
// 'closed'), the control queue (configure, each decode or encode, and flush run in order, the
// codec's work on the worker pool), the queue size and its `dequeue` event, flush/reset/close,
// and closing on errors (EncodingError, NotSupportedError) with the `error` callback.
//
// A subclass (decoder.js, encoder.js) submits its items with [submit](item) after its own checks;
// its concrete classes give `static [hooks]`: check(config) (a TypeError), copy(config),
// open(config) -> a CodecContext (NotSupportedError if it cannot), process(context, item,
// session) and drain(context, session) -> Promises of native outputs (`session.restart()` drains
// the codec and opens it anew, for a key frame the codec has no way to be asked for), wrap(native, session) ->
// the output callback's arguments (null: none), and discard(item) for items dropped unprocessed.
const DOMException = require('./dom-exception')
const { EventTarget, makeEvent } = require('./event-target')
const { hooks, submit, queueSize } = require('./internal')

module.exports = class WebCodecsCodec extends EventTarget {
  #state = 'unconfigured'
  #output
  #error
  #queue = [] // { kind: 'configure', config } | { kind: 'item', item } | { kind: 'flush', ... }
  #queueSize = 0
  #context = null // the CodecContext of the configuration in force
  #session = null // { config, ... }: what the hooks keep for one configuration
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

  get [queueSize]() {
    return this.#queueSize
  }

  get ondequeue() {
    return this.#ondequeue
  }

  set ondequeue(handler) {
    if (this.#ondequeue) this.removeEventListener('dequeue', this.#ondequeue)
    this.#ondequeue = typeof handler === 'function' ? handler : null
    if (this.#ondequeue) this.addEventListener('dequeue', this.#ondequeue)
  }

  #invalid() {
    return new DOMException(`The ${this.constructor.name} is ${this.#state}`, 'InvalidStateError')
  }

  configure(config) {
    this.constructor[hooks].check(config) // a TypeError for an invalid configuration
    if (this.#state === 'closed') throw this.#invalid()
    this.#state = 'configured'
    this.#enqueue({ kind: 'configure', config: this.constructor[hooks].copy(config) })
  }

  [submit](item) {
    if (this.#state !== 'configured') throw this.#invalid()
    this.#queueSize++
    this.#enqueue({ kind: 'item', item })
  }

  flush() {
    if (this.#state !== 'configured') return Promise.reject(this.#invalid())
    return new Promise((resolve, reject) => this.#enqueue({ kind: 'flush', resolve, reject }))
  }

  reset() {
    if (this.#state === 'closed') throw this.#invalid()
    this.#resetWith(new DOMException('reset() was called', 'AbortError'))
    this.#state = 'unconfigured'
  }

  close() {
    if (this.#state === 'closed') throw this.#invalid()
    this.#resetWith(new DOMException('close() was called', 'AbortError'))
    this.#state = 'closed'
  }

  // Drops everything queued (pending flushes reject with `exception`) and the codec.
  #resetWith(exception) {
    this.#generation++
    for (const message of this.#queue) {
      if (message.kind === 'flush') message.reject(exception)
      if (message.kind === 'item') this.constructor[hooks].discard?.(message.item)
    }
    this.#queue = []
    if (this.#queueSize > 0) {
      this.#queueSize = 0
      this.#scheduleDequeue()
    }
    // An operation still running on the worker finishes, then its context goes; its result (an
    // error saying the context was destroyed) is dropped.
    this.#context?.destroy()
    this.#context = null
    this.#session = null
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
        if (message.kind === 'item') this.constructor[hooks].discard?.(message.item)
        if (generation !== this.#generation) continue // reset meanwhile: nothing to report
        if (message.kind === 'flush') message.reject(err)
        const name = err?.name === 'NotSupportedError' ? 'NotSupportedError' : 'EncodingError'
        this.#closeWithError(new DOMException(err?.message ?? String(err), name))
      }
    }
    this.#running = false
  }

  async #handle(message, generation) {
    const h = this.constructor[hooks]
    if (message.kind === 'configure') {
      this.#context?.destroy()
      this.#context = null
      this.#context = h.open(message.config) // NotSupportedError if it cannot
      const session = { config: message.config, context: this.#context }
      session.restart = () => this.#restart(session)
      this.#session = session
      return
    }
    const session = this.#session
    if (message.kind === 'item') {
      this.#queueSize--
      this.#scheduleDequeue()
      this.#deliver(await h.process(this.#context, message.item, session), generation, session)
      return
    }
    // The flush: what the codec holds back, then a fresh codec for what comes next (FFmpeg's
    // takes nothing more once flushed).
    this.#deliver(await h.drain(this.#context, session), generation, session)
    if (generation !== this.#generation) return
    this.#context.destroy()
    this.#context = h.open(session.config)
    session.context = this.#context
    message.resolve()
  }

  // For a hook whose codec cannot be asked for a key frame (Kvazaar): what the codec holds back,
  // then a fresh codec of the same configuration in `session.context`, whose next output is a key
  // frame. Resolves to the outputs drained; rejects if the codec was reset or closed meanwhile.
  async #restart(session) {
    const h = this.constructor[hooks]
    const outputs = await h.drain(session.context, session)
    if (this.#session !== session) {
      for (const native of outputs) native.destroy()
      throw new DOMException('The codec was reset', 'AbortError')
    }
    session.context.destroy()
    this.#context = null
    this.#context = session.context = h.open(session.config)
    return outputs
  }

  #deliver(outputs, generation, session) {
    for (const native of outputs) {
      if (generation !== this.#generation) {
        native.destroy()
        continue
      }
      const args = this.constructor[hooks].wrap(native, session) // null: nothing to give
      if (args === null) continue
      try {
        this.#output(...args)
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
