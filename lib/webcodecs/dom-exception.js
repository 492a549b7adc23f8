// The errors WebCodecs names (InvalidStateError, NotSupportedError, DataError, EncodingError,
// AbortError, ...): DOMException-like, an Error whose `name` says which. Bare has no
// DOMException; where one exists globally it is used instead.
const CODES = {
  InvalidStateError: 11,
  NotSupportedError: 9,
  AbortError: 20,
  DataError: 0,
  EncodingError: 0
}

class WebCodecsException extends Error {
  constructor(message = '', name = 'Error') {
    super(message)
    Object.defineProperty(this, 'name', { value: name, configurable: true, writable: true })
  }

  get code() {
    return CODES[this.name] ?? 0
  }
}

module.exports =
  typeof globalThis.DOMException === 'function' ? globalThis.DOMException : WebCodecsException
