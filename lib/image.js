// Image: a picture packed in one Buffer (plane after plane, lines aligned to `align` bytes), to
// copy into a frame or out of one. See docs/image.md.
const binding = require('../binding')
const Frame = require('./frame')
const constants = require('./constants')
const internal = require('./internal')

module.exports = class Image {
  #pixelFormat
  #width
  #height
  #align
  #data

  constructor(pixelFormat, width, height, align = 1) {
    this.#pixelFormat = constants.toPixelFormat(pixelFormat)
    this.#width = width
    this.#height = height
    this.#align = align
    this.#data = Buffer.alloc(binding.imageSize(this.#pixelFormat, width, height, align))
  }

  get pixelFormat() {
    return this.#pixelFormat
  }

  get width() {
    return this.#width
  }

  get height() {
    return this.#height
  }

  get align() {
    return this.#align
  }

  // The packed picture: write into it, then fill() a frame; or read() a frame into it.
  get data() {
    return this.#data
  }

  // Copies the picture into `frame` (a blank frame gets planes for it; otherwise it must be of
  // this format and size). The frame owns its copy: the published package points the frame at
  // this Buffer instead.
  fill(frame) {
    binding.frameFillImage(Frame[internal.handleOf](frame), ...this.#args())
  }

  // Copies the picture of `frame` (of this format and size) into data.
  read(frame) {
    binding.frameReadImage(Frame[internal.handleOf](frame), ...this.#args())
  }

  #args() {
    return [this.#pixelFormat, this.#width, this.#height, this.#align, this.#data]
  }

  // The bytes of a line of `plane`, unaligned.
  lineSize(plane = 0) {
    return Image.lineSize(this.#pixelFormat, this.#width, plane)
  }

  static lineSize(pixelFormat, width, plane = 0) {
    return binding.imageLineSize(constants.toPixelFormat(pixelFormat), width, plane)
  }
}
