// Opener: the `onopen` option of the format contexts (see docs/security.md). FFmpeg asks it for
// every nested resource (a playlist's segments, a concat entry, a muxer's further files); the app
// returns an IOContext for it, or null to refuse. The IOContexts handed out belong to FFmpeg
// until it closes them, then their `onclose` runs.
const IOContext = require('./io-context')
const internal = require('./internal')

module.exports = class Opener {
  #onopen
  #open = new Map() // native handle -> the IOContext FFmpeg has open
  #closing = new Set() // Promises the `onclose` of closed IOContexts returned, until settled

  constructor(onopen) {
    this.#onopen = onopen
  }

  // An Opener for `opts.onopen`, or null when there is none.
  static from(onopen) {
    if (onopen === undefined || onopen === null) return null
    if (typeof onopen !== 'function') throw new TypeError('onopen must be a function')
    return new this(onopen)
  }

  // The arguments the native open functions take after their own: `open`, `closed` (undefined
  // without onopen), then `url` if given.
  static hooks(opener, url) {
    if (url !== undefined && typeof url !== 'string') throw new TypeError('url must be a string')
    const hooks = opener ? [opener.open, opener.closed] : [undefined, undefined]
    return url === undefined ? hooks : [...hooks, url]
  }

  // Called by the native side: the handle of the IOContext for `url`, null to refuse, or (in
  // the async operations) a Promise of either.
  open = (url, flags) => {
    const io = this.#onopen(url, flags)
    if (typeof io?.then === 'function') return Promise.resolve(io).then(this.#accept)
    return this.#accept(io)
  }

  #accept = (io) => {
    if (io === null || io === undefined) return null
    if (!(io instanceof IOContext)) {
      throw new TypeError(`onopen must return an IOContext, or null to refuse, got ${typeof io}`)
    }
    if (IOContext[internal.isOwned](io)) {
      throw new Error('onopen returned an IOContext that a format context already uses')
    }
    const handle = IOContext[internal.handleOf](io)
    IOContext[internal.own](io)
    this.#open.set(handle, io)
    return handle
  }

  // Called by the native side once FFmpeg closed the IOContext behind `handle`. A Promise its
  // `onclose` returned is kept for settled().
  closed = (handle) => {
    const io = this.#open.get(handle)
    if (io === undefined) return
    this.#open.delete(handle)
    this.keep(IOContext[internal.release](io))
  }

  // Keeps `closing` (what an `onclose` returned) if it is a Promise, until settled() sees it:
  // its rejection comes out of the next asynchronous operation or close(), not as an unhandled
  // rejection while FFmpeg is still writing.
  keep(closing) {
    if (typeof closing?.then !== 'function') return
    this.#closing.add(closing)
    closing.then(null, () => {})
  }

  // Waits for the Promises `onclose` returned for the IOContexts closed so far (the asynchronous
  // operations and close() do, so that a sink's writes are done when they resolve); rejects with
  // the first error.
  async settled() {
    while (this.#closing.size > 0) {
      const closing = [...this.#closing]
      this.#closing.clear()
      await Promise.all(closing)
    }
  }

  // What a format context's close() waits for: what its own IOContext's `onclose` returned
  // (`closing`), and the Promises of those `opener` handed out.
  static async closed(closing, opener) {
    await Promise.all([closing, opener?.settled()])
  }

  // The format context was destroyed (or failed to open): FFmpeg has let go of everything.
  releaseAll() {
    for (const handle of [...this.#open.keys()]) this.closed(handle)
  }
}
