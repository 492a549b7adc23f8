// EncodedVideoChunk: an encoded video frame (see encoded-chunk.js and docs/webcodecs.md).
const EncodedChunk = require('./encoded-chunk')

module.exports = class EncodedVideoChunk extends EncodedChunk {}
