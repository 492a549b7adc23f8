// ImageDecoder: still and animated images (PNG, JPEG, GIF, WebP, AVIF, HEIC where FFmpeg reads
// it) decoded into VideoFrames, the WebCodecs way: `tracks`, `decode({ frameIndex })`,
// `isTypeSupported()`. The image is given at construction: a BufferSource, or a ReadableStream
// (also any async iterable of bytes, as Bare's streams are), read whole before decoding. See
// docs/webcodecs.md.
const DOMException = require('./dom-exception')
const VideoDecoder = require('./video-decoder')
const { wrapFrame } = require('./internal')
const { bytesOf } = require('./webidl')
const IOContext = require('../io-context')
const InputFormatContext = require('../input-format-context')
const Packet = require('../packet')
const Rational = require('../rational')
const { mediaTypes } = require('../constants')

const MICROSECONDS = new Rational(1, 1000000)

// MIME types, and the demuxer that reads each.
const DEMUXERS = {
  'image/png': 'png_pipe',
  'image/apng': 'apng',
  'image/jpeg': 'jpeg_pipe',
  'image/gif': 'gif',
  'image/webp': 'webp_pipe',
  'image/avif': 'mov',
  'image/heic': 'mov',
  'image/heif': 'mov'
}

class ImageTrack {
  #info
  #list

  constructor(info, list) {
    this.#info = info
    this.#list = list
  }

  get animated() {
    return this.#info.animated
  }

  get frameCount() {
    return this.#info.frameCount
  }

  get repetitionCount() {
    return this.#info.repetitionCount
  }

  get selected() {
    return this.#list.selectedTrack === this
  }
}

class ImageTrackList {
  #tracks = []
  #ready

  constructor(ready) {
    this.#ready = ready
  }

  get ready() {
    return this.#ready
  }

  get length() {
    return this.#tracks.length
  }

  get selectedIndex() {
    return this.#tracks.length > 0 ? 0 : -1
  }

  get selectedTrack() {
    return this.#tracks[0] ?? null
  }

  static add(list, info) {
    const track = new ImageTrack(info, list)
    list.#tracks.push(track)
    list[list.#tracks.length - 1] = track
  }
}

// Whether `data` is a stream of the image's bytes: a ReadableStream (getReader) or an async
// iterable.
const isStream = (data) =>
  typeof data?.getReader === 'function' || typeof data?.[Symbol.asyncIterator] === 'function'

// Every byte of the stream `source`, in one buffer. A chunk that is not bytes is a DataError;
// the stream's own error an EncodingError that names it. `closed()` stops the reading.
async function readAll(source, closed) {
  const parts = []
  const take = (chunk) => {
    if (!(chunk instanceof ArrayBuffer) && !ArrayBuffer.isView(chunk)) {
      throw new DOMException('A chunk of the image stream is not bytes', 'DataError')
    }
    parts.push(Buffer.from(bytesOf(chunk))) // a copy: the stream may reuse its buffers
  }
  try {
    if (typeof source.getReader === 'function') {
      const reader = source.getReader()
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        take(value)
        if (closed()) return reader.cancel()
      }
    } else {
      for await (const chunk of source) {
        take(chunk)
        if (closed()) break // the iterator's return() ends the stream
      }
    }
  } catch (err) {
    if (err?.name === 'DataError') throw err
    throw new DOMException(`Could not read the image stream: ${err?.message}`, 'EncodingError')
  }
  return Buffer.concat(parts)
}

module.exports = class ImageDecoder {
  #type
  #closed = false
  #complete
  #completed // a Promise: every byte received
  #tracks
  #frames // the decoded VideoFrames, in order, once read
  #loading // a Promise of #frames

  constructor(init) {
    if (typeof init !== 'object' || init === null) throw new TypeError('init must be an object')
    if (typeof init.type !== 'string') throw new TypeError('init.type must be a MIME type')
    const streamed = isStream(init.data)
    if (streamed && (init.data.locked === true || init.data.disturbed === true)) {
      throw new TypeError('init.data is a stream that is locked or already read')
    }
    const data = streamed ? null : bytesOf(init.data, 'init.data').slice()
    this.#type = init.type
    this.#complete = !streamed
    const received = streamed
      ? readAll(init.data, () => this.#closed).then((bytes) => {
          this.#complete = true
          return bytes
        })
      : Promise.resolve(data)
    this.#loading = received.then((bytes) => this.#load(bytes))
    this.#completed = received.then(() => {})
    this.#completed.catch(() => {}) // rejections reach whoever awaits completed
    const ready = this.#loading.then(
      () => {},
      (err) => {
        this.#closed = true
        throw err
      }
    )
    ready.catch(() => {}) // rejections reach whoever awaits ready or decode()
    this.#tracks = new ImageTrackList(ready)
  }

  // Demuxes and decodes every frame (images are small; an animation's frames build on the ones
  // before, so they are decoded in order anyway).
  async #load(data) {
    if (this.#closed) throw new DOMException('The ImageDecoder is closed', 'InvalidStateError')
    const demuxer = DEMUXERS[this.#type.toLowerCase()]
    if (!demuxer)
      throw new DOMException(`Unsupported image type ${this.#type}`, 'NotSupportedError')
    let input
    try {
      input = new InputFormatContext(new IOContext(data), { format: demuxer })
    } catch (err) {
      throw new DOMException(`Could not read the image: ${err.message}`, 'EncodingError')
    }
    const frames = []
    let decoder = null
    try {
      const stream = input.streams.find((s) => s.codecParameters.type === mediaTypes.VIDEO)
      if (!stream) throw new DOMException('The image has no picture', 'EncodingError')
      decoder = stream.decoder()
      decoder.pktTimebase = stream.timeBase
      decoder.open()
      const packet = new Packet()
      try {
        while (input.readFrame(packet)) {
          if (packet.streamIndex !== stream.index) continue
          for (const frame of await decoder.decodeAsync(packet))
            frames.push(this.#wrap(frame, stream))
        }
        for (const frame of await decoder.decodeAsync(null)) frames.push(this.#wrap(frame, stream))
      } finally {
        packet.destroy()
      }
      if (frames.length === 0) throw new DOMException('The image has no picture', 'EncodingError')
      ImageTrackList.add(this.#tracks, {
        animated: frames.length > 1,
        frameCount: frames.length,
        // FFmpeg does not report an animation's loop count: animations loop forever here.
        repetitionCount: frames.length > 1 ? Infinity : 0
      })
    } catch (err) {
      for (const f of frames) f.close()
      if (err?.name === 'EncodingError') throw err
      throw new DOMException(`Could not decode the image: ${err.message}`, 'EncodingError')
    } finally {
      decoder?.destroy()
      input.destroy()
    }
    if (this.#closed) {
      for (const f of frames) f.close() // closed while decoding
      throw new DOMException('The ImageDecoder is closed', 'InvalidStateError')
    }
    this.#frames = frames
    return frames
  }

  #wrap(frame, stream) {
    // Timestamps in microseconds, from the stream's time base.
    if (frame.pts !== -1) frame.pts = Rational.rescaleQ(frame.pts, stream.timeBase, MICROSECONDS)
    if (frame.duration > 0) {
      frame.duration = Rational.rescaleQ(frame.duration, stream.timeBase, MICROSECONDS)
    }
    return VideoDecoder[wrapFrame](frame, 'RGBA')
  }

  get type() {
    return this.#type
  }

  get complete() {
    return this.#complete
  }

  get completed() {
    return this.#completed
  }

  get tracks() {
    return this.#tracks
  }

  // { image: VideoFrame (yours to close), complete: true } for frame `frameIndex` (0 by default).
  async decode(options = {}) {
    if (this.#closed) throw new DOMException('The ImageDecoder is closed', 'InvalidStateError')
    const frames = await this.#loading
    if (this.#closed) throw new DOMException('The ImageDecoder is closed', 'InvalidStateError')
    const index = options.frameIndex ?? 0
    if (!Number.isInteger(index) || index < 0)
      throw new TypeError('frameIndex must be an integer >= 0')
    if (index >= frames.length) {
      throw new RangeError(`frameIndex ${index} is past the last frame (${frames.length})`)
    }
    return { image: frames[index].clone(), complete: true }
  }

  reset() {
    if (this.#closed) throw new DOMException('The ImageDecoder is closed', 'InvalidStateError')
  }

  close() {
    this.#closed = true
    for (const frame of this.#frames ?? []) frame.close()
    this.#frames = []
  }

  static async isTypeSupported(type) {
    if (typeof type !== 'string') throw new TypeError('type must be a MIME type')
    return Object.hasOwn(DEMUXERS, type.toLowerCase())
  }
}
