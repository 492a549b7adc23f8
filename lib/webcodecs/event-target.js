// The little of EventTarget the codecs need for their `dequeue` event: addEventListener,
// removeEventListener, dispatchEvent, and the `ondequeue` handler property. Bare has no global
// EventTarget; where one exists it is used instead.
class SimpleEventTarget {
  #listeners = new Map()

  addEventListener(type, listener, options) {
    if (typeof listener !== 'function' && typeof listener?.handleEvent !== 'function') return
    const list = this.#listeners.get(type) ?? []
    if (list.some((l) => l.listener === listener)) return
    list.push({ listener, once: typeof options === 'object' && options?.once === true })
    this.#listeners.set(type, list)
  }

  removeEventListener(type, listener) {
    const list = this.#listeners.get(type)
    if (list)
      this.#listeners.set(
        type,
        list.filter((l) => l.listener !== listener)
      )
  }

  dispatchEvent(event) {
    for (const entry of [...(this.#listeners.get(event.type) ?? [])]) {
      if (entry.once) this.removeEventListener(event.type, entry.listener)
      try {
        if (typeof entry.listener === 'function') entry.listener.call(this, event)
        else entry.listener.handleEvent(event)
      } catch (err) {
        queueMicrotask(() => {
          throw err
        })
      }
    }
    return true
  }
}

const Base =
  typeof globalThis.EventTarget === 'function' ? globalThis.EventTarget : SimpleEventTarget

function makeEvent(type) {
  return typeof globalThis.Event === 'function' ? new globalThis.Event(type) : { type }
}

module.exports = { EventTarget: Base, makeEvent }
