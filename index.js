const FFmpegError = require('./lib/errors') // first: registers the native error factory

exports.IOContext = require('./lib/io-context')
exports.InputFormatContext = require('./lib/input-format-context')
exports.OutputFormatContext = require('./lib/output-format-context')
exports.InputFormat = require('./lib/input-format')
exports.OutputFormat = require('./lib/output-format')
exports.Stream = require('./lib/stream')
exports.CodecParameters = require('./lib/codec-parameters')
exports.ChannelLayout = require('./lib/channel-layout')
exports.Codec = require('./lib/codec')
exports.Packet = require('./lib/packet')
exports.Frame = require('./lib/frame')
exports.CodecContext = require('./lib/codec-context')
exports.Decoder = require('./lib/decoder')
exports.Encoder = require('./lib/encoder')
exports.Scaler = require('./lib/scaler')
exports.Rational = require('./lib/rational')
exports.Dictionary = require('./lib/dictionary')
exports.FFmpegError = FFmpegError
exports.log = require('./lib/log')
exports.constants = require('./lib/constants')
// { ffmpeg, avutil, avcodec, ..., configuration, license }: the FFmpeg linked in.
exports.versions = Object.freeze(require('./binding').versions())
