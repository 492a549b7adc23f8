// VideoColorSpace: primaries, transfer, matrix and full range; each null when unknown.
module.exports = class VideoColorSpace {
  #init

  constructor(init = {}) {
    if (typeof init !== 'object' || init === null) throw new TypeError('init must be an object')
    this.#init = {
      primaries: init.primaries ?? null,
      transfer: init.transfer ?? null,
      matrix: init.matrix ?? null,
      fullRange: init.fullRange ?? null
    }
  }

  get primaries() {
    return this.#init.primaries
  }

  get transfer() {
    return this.#init.transfer
  }

  get matrix() {
    return this.#init.matrix
  }

  get fullRange() {
    return this.#init.fullRange
  }

  toJSON() {
    return { ...this.#init }
  }
}
