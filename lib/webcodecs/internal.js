// What the WebCodecs classes share with one another and with nobody else (as lib/internal.js).
module.exports = {
  adopt: Symbol('adopt'), // VideoFrame/AudioData around a decoded frame: static [adopt](state)
  // What a codec class tells codec-base.js (see there).
  hooks: Symbol('hooks'),
  // codec-base.js's, for decoder.js and encoder.js: queue an item; the queue's size.
  submit: Symbol('submit'),
  queueSize: Symbol('queueSize'),
  // VideoFrame's format, sizes and planes, for the video encoder.
  planesOf: Symbol('planesOf'),
  // VideoDecoder's decoded Frame -> VideoFrame, for ImageDecoder.
  wrapFrame: Symbol('wrapFrame')
}
