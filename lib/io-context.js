// IOContext: FFmpeg reading from / writing to JavaScript. See docs/io-context.md.
const binding = require('../binding')

const ADOPT = Symbol('adopt') // private constructor path for transfer()
const MAX_SIZE = 0x7fffffff

const IOContext = (module.exports = class IOContext {
  #handle // the native context: passed to every native call, never exposed
  // The functions the native side calls. Held here strongly; the native side holds them weakly,
  // so a callback that refers back to its IOContext cannot keep it alive forever.
  #callbacks

  constructor(buffer, opts = {}) {
    if (buffer === ADOPT) {
      this.#callbacks = opts.callbacks
      return
    }

    if (typeof buffer === 'number') {
      this.#callbacks = dispatchers(opts)
      const { read, write, seek } = this.#callbacks
      if (!Number.isInteger(buffer) || buffer < 1 || buffer > MAX_SIZE) {
        throw new RangeError(`size must be an integer from 1 to ${MAX_SIZE}, got ${buffer}`)
      }
      if (!read && !write) {
        throw new TypeError('A streaming IOContext needs onread or onwrite')
      }
      binding.ioContextWithCallbacks((handle) => (this.#handle = handle), buffer, read, write, seek)
      return
    }

    let view
    if (buffer instanceof ArrayBuffer) view = new Uint8Array(buffer)
    else if (ArrayBuffer.isView(buffer)) {
      view = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
    } else {
      throw new TypeError(
        'buffer must be a Buffer, Uint8Array, ArrayBuffer or a buffer size (number)'
      )
    }
    binding.ioContextFromBuffer((handle) => (this.#handle = handle), view)
  }

  // Moves the native context to a new IOContext; this one is left empty (destroy() is a no-op).
  transfer() {
    const to = new module.exports(ADOPT, { callbacks: this.#callbacks })
    binding.ioContextTransfer((handle) => (to.#handle = handle), this.#handle)
    return to
  }

  destroy() {
    binding.ioContextDestroy(this.#handle)
  }

  [Symbol.dispose]() {
    this.destroy()
  }

  [Symbol.for('bare.inspect')]() {
    const { read, write, seek } = this.#callbacks ?? {}
    return {
      __proto__: { constructor: IOContext },
      source: read || write ? 'callbacks' : 'buffer',
      onread: !!read,
      onwrite: !!write,
      onseek: !!seek
    }
  }

  // The native handle, for the format contexts that take this IOContext over.
  static _handleOf(io, name = 'io') {
    if (typeof io !== 'object' || io === null || !(#handle in io)) {
      throw new TypeError(`${name} must be an IOContext`)
    }
    return io.#handle
  }
})

function dispatchers(opts) {
  if (opts === null || typeof opts !== 'object') {
    throw new TypeError('options must be an object')
  }
  const { onread, onwrite, onseek } = opts
  for (const [name, fn] of Object.entries({ onread, onwrite, onseek })) {
    if (fn !== undefined && typeof fn !== 'function') {
      throw new TypeError(`${name} must be a function, got ${typeof fn}`)
    }
  }

  // One Buffer view over the native side's read buffer, rebuilt only when the buffer or the
  // requested length changes: no allocation per read in the steady state.
  let view = null
  let viewSource = null
  const read =
    onread &&
    ((arraybuffer, len) => {
      if (arraybuffer !== viewSource || view.byteLength !== len) {
        viewSource = arraybuffer
        view = Buffer.from(arraybuffer, 0, len)
      }
      return onread(view, len)
    })

  // Each write gets its own buffer: the callee may keep it.
  const write = onwrite && ((arraybuffer) => onwrite(Buffer.from(arraybuffer)))

  return { read, write, seek: onseek }
}

// Runs an I/O callback for an operation on the worker thread (see src/bridge.rs): calls it, waits
// if it returned a Promise, and hands the outcome to the native side, which checks it exactly as
// for a synchronous call. `token` names the waiting request.
function callAsync(fn, a, b, token) {
  let result
  try {
    result = fn(a, b)
  } catch (err) {
    binding.ioReply(token, err, true)
    return
  }
  if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
    result.then(
      (value) => binding.ioReply(token, value, false),
      (err) => binding.ioReply(token, err, true)
    )
  } else {
    binding.ioReply(token, result, false)
  }
}

binding.setAsyncCaller(callAsync)
