// The warning browsers print when a VideoFrame or AudioData is collected without close(): its
// memory is released all the same (the decoded frame's own finalizer), but an app that keeps
// decoding without closing holds memory until the collector runs. Printed once per class.
const warned = new Set()

const registry = new FinalizationRegistry((name) => {
  if (warned.has(name)) return
  warned.add(name)
  console.warn(
    `A ${name} was garbage collected without being closed. Applications should call close() ` +
      'on frames when done with them to prevent stalls.'
  )
})

// Watches `object` (a VideoFrame or AudioData) until `forget(object)`.
exports.watch = (object, name) => registry.register(object, name, object)
exports.forget = (object) => registry.unregister(object)
