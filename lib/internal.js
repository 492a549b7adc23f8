// What the classes of lib/ share with one another and with nobody else: static methods keyed by
// these symbols, which the package does not export (a class's native handle, say, reaches other
// classes of the package as `Packet[handleOf](packet)` and never leaves it).
module.exports = {
  handleOf: Symbol('handleOf'),
  fromHandle: Symbol('fromHandle'),
  place: Symbol('place'),
  where: Symbol('where'),
  check: Symbol('check'),
  nameOf: Symbol('nameOf'),
  own: Symbol('own'),
  isOwned: Symbol('isOwned'),
  release: Symbol('release'),
  slabFor: Symbol('slabFor'),
  placed: Symbol('placed'),
  out: Symbol('out'),
  fromOut: Symbol('fromOut'),
  flatten: Symbol('flatten'),
  address: Symbol('address')
}
