// EncodedAudioChunk: an encoded audio frame (see encoded-chunk.js and docs/webcodecs.md).
const EncodedChunk = require('./encoded-chunk')

module.exports = class EncodedAudioChunk extends EncodedChunk {}
