// A batch of a converter's ...Async operation: `items` (a Frame or a Packet, or an array of them;
// null: the end) lent to `start(handles, done)`, resolving to the new items it made, of the same
// class.
const settle = require('./settle')
const internal = require('./internal')

module.exports = function batch(Class, items, name, start) {
  // Everything inside settle(): a wrong argument rejects, as a failure on the worker does.
  return settle((done) => {
    const list = Array.isArray(items) ? items : [items]
    start(
      list.map((item, i) =>
        item === null || item === undefined ? null : Class[internal.handleOf](item, `${name}[${i}]`)
      ),
      done
    )
  }).then((made) => made.map((handle) => Class[internal.fromHandle](handle)))
}
