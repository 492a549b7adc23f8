const binding = require('../binding')
const internal = require('./internal')

const Rational = (module.exports = class Rational {
  constructor(numerator = 0, denominator = 1) {
    this.numerator = numerator
    this.denominator = denominator
  }

  // A usable ratio: integer terms, a positive denominator, a numerator other than 0.
  get valid() {
    return (
      Number.isInteger(this.numerator) &&
      Number.isInteger(this.denominator) &&
      this.denominator > 0 &&
      this.numerator !== 0
    )
  }

  get uninitialized() {
    return this.numerator === 0 && this.denominator === 1
  }

  toNumber() {
    return this.numerator / this.denominator
  }

  equals(other) {
    return this.numerator === other.numerator && this.denominator === other.denominator
  }

  // `value` if it is a Rational (or has numeric terms), else a TypeError naming the property.
  static [internal.check](value, name) {
    if (
      value === null ||
      typeof value !== 'object' ||
      typeof value.numerator !== 'number' ||
      typeof value.denominator !== 'number'
    ) {
      throw new TypeError(
        `${name} must be a Rational, got ${value === null ? 'null' : typeof value}`
      )
    }
    return value
  }

  // Native getters write a rational here instead of allocating an array for it.
  static [internal.out] = new Int32Array(2)

  static [internal.fromOut]() {
    return new Rational(Rational[internal.out][0], Rational[internal.out][1])
  }

  toJSON() {
    return { numerator: this.numerator, denominator: this.denominator }
  }

  toString() {
    return `${this.numerator}/${this.denominator}`
  }

  [Symbol.for('bare.inspect')]() {
    return {
      __proto__: { constructor: Rational },
      numerator: this.numerator,
      denominator: this.denominator
    }
  }

  // The closest fraction with numerator and denominator below 2^31 (continued fractions).
  static from(value) {
    if (!Number.isFinite(value)) return new Rational(value > 0 ? 1 : value < 0 ? -1 : 0, 0)
    const max = 0x7fffffff
    let [h0, h1, k0, k1] = [0, 1, 1, 0]
    let x = Math.abs(value)
    for (let i = 0; i < 64; i++) {
      const a = Math.floor(x)
      const h2 = a * h1 + h0
      const k2 = a * k1 + k0
      if (h2 > max || k2 > max) break
      ;[h0, h1, k0, k1] = [h1, h2, k1, k2]
      if (x - a < 1e-12) break
      x = 1 / (x - a)
    }
    return new Rational(Math.sign(value) * h1, k1 || 1)
  }

  // `n` expressed in `dst` units instead of `src` units, rounded to nearest.
  static rescaleQ(n, src, dst) {
    if (src.equals(dst)) return n
    return binding.rescaleQ(n, src.numerator, src.denominator, dst.numerator, dst.denominator)
  }
})
