// What the WebCodecs classes share with one another and with nobody else (as lib/internal.js).
module.exports = {
  adopt: Symbol('adopt'), // VideoFrame/AudioData around a decoded frame: static [adopt](state)
  // What a decoder class tells decoder.js: { Chunk, check, copy, open, wrap }.
  hooks: Symbol('hooks')
}
