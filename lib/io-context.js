// IOContext: FFmpeg reading from / writing to JavaScript. See docs/io-context.md.
const binding = require('../binding')
const internal = require('./internal')

const ADOPT = Symbol('adopt') // private constructor path for transfer()
const MAX_SIZE = 0x7fffffff

// Runs the `onclose` of IOContexts that were never destroyed, once they are collected.
const closer = new FinalizationRegistry((close) => close())

const IOContext = (module.exports = class IOContext {
  #handle // the native context: passed to every native call, never exposed
  // The functions the native side calls. Held here strongly; the native side holds them weakly,
  // so a callback that refers back to its IOContext cannot keep it alive forever.
  #callbacks

  // A closing function shared by an IOContext and the ones it transfers to: runs once.
  #close = null
  // Set once a format context took this IOContext over: then only that owner closes it.
  #owned = false
  // What `onclose` returned (a Promise, for an asynchronous sink), for close().
  #closing

  constructor(buffer, opts = {}) {
    if (buffer === ADOPT) {
      this.#callbacks = opts.callbacks
      this.#watch(opts.close)
      return
    }

    if (opts === null || typeof opts !== 'object') throw new TypeError('options must be an object')
    const close = once(opts.onclose)

    // A buffer with onread or onwrite is the I/O buffer (its size is what counts), as in the
    // published package; alone, it is the data to read.
    if (typeof buffer !== 'number' && (opts.onread || opts.onwrite) && isBuffer(buffer)) {
      buffer = buffer.byteLength
    }

    if (typeof buffer === 'number') {
      this.#callbacks = dispatchers(opts)
      const { read, write, seek } = this.#callbacks
      if (!Number.isInteger(buffer) || buffer < 1 || buffer > MAX_SIZE) {
        throw new RangeError(`size must be an integer from 1 to ${MAX_SIZE}, got ${buffer}`)
      }
      // Without onread or onwrite the context can be made (a format context's format can be
      // read through it), but nothing can be read or written: the calls that would say so.
      binding.ioContextWithCallbacks((handle) => (this.#handle = handle), buffer, read, write, seek)
      this.#watch(close)
      return
    }

    if (opts.onseek) throw new TypeError('onseek needs onread or onwrite')
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
    this.#watch(close)
  }

  #watch(close) {
    if (!close) return
    this.#close = close
    closer.register(this, close, this)
  }

  // Moves the native context to a new IOContext; this one is left empty (destroy() is a no-op).
  transfer() {
    const to = new module.exports(ADOPT, { callbacks: this.#callbacks, close: this.#close })
    binding.ioContextTransfer((handle) => (to.#handle = handle), this.#handle)
    if (this.#close) closer.unregister(this)
    this.#close = null
    return to
  }

  // Frees the native context and runs `onclose`; a no-op once handed over to a format context,
  // which does both when it is destroyed (IOContext[internal.release]).
  destroy() {
    if (this.#owned) return
    binding.ioContextDestroy(this.#handle)
    const closing = this.#runClose()
    if (closing !== undefined) this.#closing = closing
  }

  // Ours: destroy(), then wait for what `onclose` returned (an asynchronous sink finishing its
  // writes); rejects with its error.
  async close() {
    this.destroy()
    await this.#closing
  }

  #runClose() {
    const close = this.#close
    this.#close = null
    if (!close) return undefined
    closer.unregister(this)
    return close()
  }

  // An IOContext that reads the file at `path` (positioned reads, so FFmpeg can seek); the file
  // is closed when the IOContext (or the format context that owns it) is destroyed.
  static fromFile(path, { size = 64 * 1024 } = {}) {
    const fs = fileSystem()
    const fd = fs.openSync(path, 'r')
    let pos = 0
    let end
    try {
      end = fs.fstatSync(fd).size
    } catch (err) {
      fs.closeSync(fd)
      throw err
    }
    return new IOContext(size, {
      onread: (buffer, len) => {
        const n = fs.readSync(fd, buffer, 0, len, pos)
        pos += n
        return n
      },
      onseek: (offset, whence) => {
        if (whence === SEEK.SIZE) return end
        const to = seekTo(pos, end, offset, whence)
        if (to >= 0) pos = to
        return to
      },
      onclose: () => fs.closeSync(fd)
    })
  }

  // An IOContext that writes the file at `path` (created, or truncated), with seeking unless
  // `seekable` is false (then muxers must stream, as for a pipe).
  static toFile(path, { size = 64 * 1024, seekable = true } = {}) {
    const fs = fileSystem()
    const fd = fs.openSync(path, 'w')
    let pos = 0
    let end = 0
    return new IOContext(size, {
      onwrite: (buffer) => {
        const n = fs.writeSync(fd, buffer, 0, buffer.length, pos)
        pos += n
        end = Math.max(end, pos)
        return n
      },
      onseek: seekable
        ? (offset, whence) => {
            if (whence === SEEK.SIZE) return end
            const to = seekTo(pos, end, offset, whence)
            if (to >= 0) pos = to
            return to
          }
        : undefined,
      onclose: () => fs.closeSync(fd)
    })
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
  static [internal.handleOf](io, name = 'io') {
    if (typeof io !== 'object' || io === null || !(#handle in io)) {
      throw new TypeError(`${name} must be an IOContext`)
    }
    return io.#handle
  }

  // A format context took `io` over (its native side now owns the AVIOContext): from now on
  // only the format context's destroy() closes it, through _release().
  static [internal.own](io) {
    io.#owned = true
  }

  static [internal.isOwned](io) {
    return io.#owned
  }

  // The owner is done with `io`: destroys it; what its `onclose` returned (see close()).
  static [internal.release](io) {
    io.#owned = false
    io.destroy()
    const closing = io.#closing
    io.#closing = undefined
    return closing
  }
})

const SEEK = { SET: 0, CUR: 1, END: 2, SIZE: 0x10000 }

// bare-fs, an optional peer dependency: only the file helpers need it, and Bare apps have it.
function fileSystem() {
  try {
    return require('bare-fs')
  } catch (err) {
    throw new Error('IOContext.fromFile() and toFile() need bare-fs: npm install bare-fs', {
      cause: err
    })
  }
}

// Where a seek lands in a file of `size` bytes now at `pos`; -1 for a whence we do not know.
function seekTo(pos, size, offset, whence) {
  if (whence === SEEK.SET) return offset
  if (whence === SEEK.CUR) return pos + offset
  if (whence === SEEK.END) return size + offset
  return -1
}

// `fn`, to be run at most once (or null).
// `onclose`, run once; what it returns (a Promise, for an asynchronous sink) is handed on.
function once(fn) {
  if (fn === undefined) return null
  if (typeof fn !== 'function') throw new TypeError('onclose must be a function')
  let done = false
  return () => {
    if (done) return undefined
    done = true
    return fn()
  }
}

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

function isBuffer(buffer) {
  return buffer instanceof ArrayBuffer || ArrayBuffer.isView(buffer)
}
