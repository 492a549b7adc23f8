// Typed use of the whole public API; `tsc --noEmit -p test/types` must accept it (test/types.js).
// The @ts-expect-error lines must be rejected: they prove the declarations are not `any`.
import ffmpeg = require('../..')

const { IOContext, InputFormatContext, OutputFormatContext, Packet, Rational, constants } = ffmpeg

declare const data: Uint8Array

const io = new IOContext(4096, {
  onread: (buffer: Uint8Array, len: number) => Math.min(len, buffer.length),
  onseek: (offset: number, whence: number) =>
    whence === constants.seek.SIZE ? data.length : offset
})
const memory = new IOContext(data)
const moved: ffmpeg.IOContext = memory.transfer()
moved.destroy()
const file = IOContext.fromFile('in.mkv', { size: 65536 })
const written = IOContext.toFile('out.mp4', { seekable: false })
const closing = new IOContext(64, { onread: () => 0, onclose: () => undefined })
;[file, written, closing].forEach((each) => each.destroy())
// @ts-expect-error: seekable is for toFile only
IOContext.fromFile('in.mkv', { seekable: true })

const input = new InputFormatContext(io, { format: 'matroska', options: { probesize: 65536 } })
const fromUrl = new InputFormatContext(
  new ffmpeg.InputFormat('wav'),
  new ffmpeg.Dictionary(),
  '/a.wav'
)
fromUrl.destroy()
const files = new Map<string, Uint8Array>()
const hls = new InputFormatContext(new IOContext(new Uint8Array(0)), {
  format: 'hls',
  url: 'index.m3u8',
  onopen: (url, flags) => (flags & 1 && files.has(url) ? new IOContext(files.get(url)!) : null)
})
hls.destroy()
const hlsAsync = InputFormatContext.open(new IOContext(new Uint8Array(0)), {
  onopen: async (url) => new IOContext(files.get(url)!)
})
void hlsAsync
const byPattern = new InputFormatContext(new ffmpeg.InputFormat('image2'), null, 'f%d.png', {
  onopen: () => null
})
byPattern.destroy()
const segments = new OutputFormatContext('segment', new IOContext(1, { onwrite: () => {} }), {
  url: 'part%d.ts',
  onopen: (name) => new IOContext(4096, { onwrite: (b) => void files.set(name, b) })
})
segments.destroy()
// @ts-expect-error: onopen returns an IOContext or null
new OutputFormatContext('hls', sink0(), { onopen: () => 42 })
const best: ffmpeg.Stream | null = input.getBestStream(constants.mediaTypes.VIDEO)
const seconds: number = input.duration / constants.TIME_BASE
const title: string | undefined = input.metadata.title
input.seek(0, 1000, constants.seekFlags.BACKWARD)
input.seekFile(-1, -Infinity, 1_000_000, Infinity)

function sink0() {
  return new IOContext(1, { onwrite: () => {} })
}
const sink = new IOContext(65536, { onwrite: (buffer) => void buffer.length })
const output = new OutputFormatContext(ffmpeg.OutputFormat.fromFileName('out.mkv'), sink)
for (const stream of input.streams) {
  const out = output.createStream()
  out.codecParameters.copyFrom(stream.codecParameters)
  out.codecParameters.tag = 0
  out.timeBase = new Rational(stream.timeBase.numerator, stream.timeBase.denominator)
  out.metadata = { language: 'eng' }
}
output.metadata = { title: 'x' }
output.writeHeader({ movflags: 'frag_keyframe' })
{
  using packet = new Packet()
  while (input.readFrame(packet)) {
    const size: number = packet.size
    const key: boolean = packet.isKeyframe
    packet.rescaleTimestamps(input.streams[packet.streamIndex].timeBase, output.streams[0].timeBase)
    output.writeFrame(packet)
    ;(void size, key)
  }
}
output.writeTrailer()

try {
  input.readFrame(new Packet())
} catch (err) {
  if (err instanceof ffmpeg.FFmpegError) {
    const code: string = err.code
    const errno: number = err.errno
    ;(void code, errno)
  }
}

const name: string = ffmpeg.Codec.for(constants.codecs.VP9).name
ffmpeg.log.level = ffmpeg.log.ERROR
ffmpeg.workers.size = ffmpeg.workers.threads + 1
;(void best, seconds, title, name)

async function asynchronous(): Promise<number> {
  const opened = await InputFormatContext.open(
    new IOContext(4096, { onread: async (buffer, len) => Math.min(len, buffer.length) })
  )
  let count = 0
  for await (const packet of opened) {
    count += packet.size
    packet.destroy()
  }
  const more: boolean = await opened.readFrameAsync(new Packet())
  await opened.seekAsync(0, 0)
  await output.writeHeaderAsync({ movflags: 'frag_keyframe' })
  await output.writeFrameAsync(new Packet())
  await output.writeTrailerAsync()
  return more ? count : -count
}
void asynchronous

// @ts-expect-error onread must return a number
new IOContext(16, { onread: () => 'ten' })
// @ts-expect-error readFrame takes a Packet
input.readFrame({})
// @ts-expect-error size is read-only
new Packet().size = 3
const v: string = ffmpeg.versions.ffmpeg + ffmpeg.versions.avcodec + ffmpeg.versions.license
const layout: InstanceType<typeof ffmpeg.ChannelLayout> = ffmpeg.ChannelLayout.from('stereo')
const channels: number = layout.nbChannels + layout.mask
{
  const packet = new Packet(new ArrayBuffer(4))
  const view: Uint8Array = packet.data
  const text: string = packet.copyData().toString('hex')
  packet.sideData = [
    Packet.SideData.fromData(new Uint8Array(2), constants.packetSideDataType.PALETTE)
  ]
  const first: number = packet.sideData[0].type
  const output = new OutputFormatContext('webm', new IOContext(16, { onwrite: () => {} }))
  output.metadata = { title: 'x', comment: null, year: 2026 }
  output.metadata = ffmpeg.Dictionary.from({ title: 'y' })
  const best: number = output.getBestStreamIndex(constants.mediaTypes.VIDEO) + output.duration
  const parameters = ffmpeg.CodecParameters.alloc()
  parameters.destroy()
  const codec: string = ffmpeg.Codec.H264.name + ffmpeg.InputFormat.from('mp4').name
  const name: string | undefined = constants.getPixelFormatName(constants.toPixelFormat('RGBA'))
  new IOContext(16, { onread: (buffer) => buffer.toString('utf8').length })
  void [view, text, first, best, codec, name]
}

// Decoding.
const toDecode = new InputFormatContext(new IOContext(new Uint8Array(0)))
const videoDecoder: ffmpeg.CodecContext = toDecode.streams[0].decoder()
videoDecoder.open({ threads: 'auto' })
const decoded = new ffmpeg.Frame()
const sent: boolean = videoDecoder.sendPacket(new ffmpeg.Packet())
while (videoDecoder.receiveFrame(decoded)) {
  const [luma] = decoded.data
  const stride: number = decoded.linesize[0]
  void luma.subarray(0, stride)
}
videoDecoder.sendPacket()
void sent
const byName = new ffmpeg.CodecContext(new ffmpeg.Decoder('libdav1d'))
const vp8: ffmpeg.Encoder = ffmpeg.Codec.VP8.encoder
byName.getFormat = (context, formats) => formats[0] + context.width * 0
byName.destroy()
void vp8
// @ts-expect-error: a CodecContext takes a Decoder or an Encoder
new ffmpeg.CodecContext('h264')

async function decodeOffThread(input: ffmpeg.InputFormatContext) {
  using decoder = input.streams[0].decoder()
  decoder.open()
  for await (const frame of decoder.frames(input)) frame.destroy()
  const frames: ffmpeg.Frame[] = await decoder.decodeAsync()
  const packets: ffmpeg.Packet[] = await new ffmpeg.CodecContext(vp8).encodeAsync(frames[0])
  void packets
}
void decodeOffThread

// Filtering, samples, hardware.
async function filtering(frame: ffmpeg.Frame) {
  using graph = new ffmpeg.FilterGraph()
  const input = graph.createFilter(new ffmpeg.FilterContext(), new ffmpeg.Filter('buffer'), 'in', {
    width: 64,
    height: 48,
    pixelFormat: constants.pixelFormats.YUV420P,
    timeBase: new ffmpeg.Rational(1, 25)
  })
  const output = graph.createFilter(null, 'buffersink', 'out')
  const inputs = new ffmpeg.FilterInOut()
  inputs.name = 'out'
  inputs.filterContext = output
  const outputs = new ffmpeg.FilterInOut()
  outputs.name = 'in'
  outputs.filterContext = input
  graph.parse('negate', inputs, outputs)
  graph.configure()
  const pushed: number = graph.pushFrame(input, frame)
  const pulled: number = graph.pullFrame(output, new ffmpeg.Frame())
  const batch: ffmpeg.Frame[] = await graph.filterAsync(input, [frame, null], output)
  const option: string | null = input.getOption('video_size')
  const scaled: ffmpeg.Frame[] = await new ffmpeg.Scaler(
    'yuv420p',
    64,
    48,
    'rgba',
    32,
    24
  ).scaleAsync(frame)
  const samples = new ffmpeg.Samples({ noAlignment: true })
  const bytes: number = samples.fill(frame) + ffmpeg.Samples.bufferSize('s16', 2, 1024)
  const types: string[] = ffmpeg.HWDeviceContext.types
  frame.transferData(new ffmpeg.Frame())
  const hw: ffmpeg.HWFramesContext | null = frame.hwFramesCtx
  void [pushed, pulled, batch, option, scaled, bytes, types, hw, input.name, graph.nbFilters]
  // @ts-expect-error: a FilterGraph pushes Frames
  graph.pushFrame(input, 'frame')
}
void filtering

// Issue #22: the names and forms the published package has.
import constantsModule = require('../../constants')
const fromModule: number = constantsModule.mediaTypes.VIDEO
const layoutFrame = new ffmpeg.Frame()
layoutFrame.channelLayout = 'stereo'
layoutFrame.channelLayout = 3
const layoutName: string = layoutFrame.channelLayout.toString()
const strictOptions = ffmpeg.Dictionary.from({ framerate: 30 }, { strict: true })
strictOptions.strict = false
const removed: boolean = strictOptions.delete('framerate')
const camera = new ffmpeg.InputFormat()
camera.destroy()
const anyCodec = new ffmpeg.Codec()
const rotationOf = (stream: ffmpeg.Stream): number => stream.rotation + stream.sideData.length
const matrix = ffmpeg.Stream.SideData.fromData(new Uint8Array(36), 0)
async function decodeAll(context: ffmpeg.CodecContext, source: ffmpeg.InputFormatContext) {
  for await (const frame of context.frames(source, {
    onerror: (err) => {
      if (err.frames) err.frames.forEach((f) => f.destroy())
    }
  })) {
    frame.destroy()
  }
}
void [fromModule, layoutName, removed, anyCodec, rotationOf, matrix, decodeAll]
async function closeAll(io: ffmpeg.IOContext) {
  const out = new ffmpeg.OutputFormatContext('hls', null, {
    url: 'index.m3u8',
    onopen: () => new ffmpeg.IOContext(4096, { onwrite: (b) => b.length, onclose: async () => {} })
  })
  await out.close()
  await io.close()
  const lavfi = new ffmpeg.InputFormatContext(
    new ffmpeg.InputFormat('lavfi'),
    new ffmpeg.Dictionary()
  )
  await lavfi.close()
}
void closeAll

{
  using bsf = new ffmpeg.BitstreamFilter('h264_mp4toannexb')
  const names: string[] = ffmpeg.BitstreamFilter.names()
  bsf.inputCodecParameters = ffmpeg.CodecParameters.alloc()
  bsf.inputTimeBase = new ffmpeg.Rational(1, 1000)
  bsf.init()
  const out: ffmpeg.CodecParameters = bsf.outputCodecParameters
  const sent: boolean = bsf.sendPacket(new ffmpeg.Packet()) && bsf.sendPacket()
  const got: boolean = bsf.receivePacket(new ffmpeg.Packet())
  void [names, out, sent, got, bsf.name, bsf.outputTimeBase.numerator, bsf.initialized]
  const made: Promise<ffmpeg.Packet[]> = bsf.filterAsync([new ffmpeg.Packet(), null])
  void made
}

{
  // Typed encoder options, generated from FFmpeg's tables.
  const opus: ffmpeg.EncoderOptions['libopus'] = { application: 'voip', fec: true, b: 64000 }
  const vp8: ffmpeg.LibvpxOptions = { deadline: 'realtime', 'cpu-used': 8, flags: 'global_header' }
  const context = new ffmpeg.CodecContext(new ffmpeg.Encoder('libopus'))
  context.open(opus)
  // @ts-expect-error: 'music' is not one of libopus's applications
  const wrong: ffmpeg.LibopusOptions = { application: 'music' }
  const listed: ffmpeg.OptionInfo[] = new ffmpeg.Encoder('libvpx').options
  const named: string[] = listed[0].values.map((v) => v.name)
  void [vp8, wrong, named, ffmpeg.CodecContext.options, ffmpeg.Scaler.options]
  void [ffmpeg.Resampler.options, ffmpeg.InputFormatContext.options]
  void [ffmpeg.OutputFormatContext.options, new ffmpeg.InputFormat('mpegts').options]
  void [new ffmpeg.OutputFormat('hls').options, new ffmpeg.Filter('volume').options]
  void [ffmpeg.BitstreamFilter.options('setts'), new ffmpeg.Decoder('h264').options]
}

{
  // Subtitles.
  const decoder = new ffmpeg.CodecContext(new ffmpeg.Decoder('subrip'))
  decoder.open()
  const subtitle: ffmpeg.Subtitle | null = decoder.decodeSubtitle(new ffmpeg.Packet())
  const header: string | null = decoder.subtitleHeader
  const encoder = new ffmpeg.CodecContext(new ffmpeg.Encoder('webvtt'))
  if (header !== null) encoder.subtitleHeader = header
  encoder.open()
  encoder.encodeSubtitle(
    { pts: 0, endDisplayTime: 500, rects: [{ type: 'ass', ass: '0,0,Default,,0,0,0,,Hi' }] },
    new ffmpeg.Packet()
  )
  if (subtitle) {
    const seconds: number | null = subtitle.start
    const ticks: number | null = subtitle.endIn(new ffmpeg.Rational(1, 1000))
    const pixels: Uint8Array | null = subtitle.rects[0].bitmap
    void [seconds, ticks, pixels]
  }
  // @ts-expect-error: a rectangle's type is text, ass or bitmap
  encoder.encodeSubtitle({ rects: [{ type: 'png' }] }, new ffmpeg.Packet())
}

async function webcodecs(): Promise<void> {
  // WebCodecs, from the main export and from bare-ffmpeg/webcodecs.
  const frames: ffmpeg.VideoFrame[] = []
  const decoder = new ffmpeg.VideoDecoder({
    output: (frame) => frames.push(frame),
    error: (error) => void error.name
  })
  const support = await ffmpeg.VideoDecoder.isConfigSupported({ codec: 'vp8' })
  decoder.configure(support.config)
  decoder.decode(
    new ffmpeg.EncodedVideoChunk({ type: 'key', timestamp: 0, data: new Uint8Array(4) })
  )
  await decoder.flush()
  const state: 'unconfigured' | 'configured' | 'closed' = decoder.state
  const frame = frames[0]
  const bytes = new Uint8Array(frame.allocationSize({ format: 'RGBA' }))
  const layout: ffmpeg.PlaneLayout[] = await frame.copyTo(bytes, { format: 'RGBA' })
  frame.close()
  const audio = new ffmpeg.AudioDecoder({ output: (data) => data.close(), error: () => {} })
  audio.configure({ codec: 'opus', sampleRate: 48000, numberOfChannels: 2 })
  const sound = new ffmpeg.AudioData({
    format: 's16',
    sampleRate: 48000,
    numberOfFrames: 1,
    numberOfChannels: 1,
    timestamp: 0,
    data: new Int16Array(1)
  })
  sound.copyTo(new Float32Array(1), { planeIndex: 0, format: 'f32-planar' })
  // @ts-expect-error: not a pixel format
  frame.allocationSize({ format: 'YUYV' })
  const encoder = new ffmpeg.VideoEncoder({
    output: (chunk, metadata) =>
      void [chunk.byteLength, metadata.decoderConfig?.description, metadata.svc?.temporalLayerId],
    error: () => {}
  })
  encoder.configure({ codec: 'avc1.42001E', width: 64, height: 48, avc: { format: 'annexb' } })
  encoder.encode(frame, { keyFrame: true })
  const sounds = new ffmpeg.AudioEncoder({
    output: (chunk) => void chunk.timestamp,
    error: () => {}
  })
  sounds.configure({ codec: 'opus', sampleRate: 48000, numberOfChannels: 2, bitrate: 64000 })
  sounds.encode(sound)
  const queued: number = encoder.encodeQueueSize + sounds.encodeQueueSize
  const images = new ffmpeg.ImageDecoder({ type: 'image/png', data: new Uint8Array(8) })
  async function* chunks(): AsyncGenerator<Uint8Array> {
    yield new Uint8Array(8)
  }
  const streamed = new ffmpeg.ImageDecoder({ type: 'image/png', data: chunks() })
  await streamed.completed
  await images.tracks.ready
  const { image } = await images.decode({
    frameIndex: images.tracks.selectedTrack?.frameCount ?? 0
  })
  image.close()
  const input = new ffmpeg.InputFormatContext(new ffmpeg.IOContext(new Uint8Array(0)))
  const config = ffmpeg.WebCodecsBridge.decoderConfigOf(input.streams[0])
  const chunk = ffmpeg.WebCodecsBridge.chunkFromPacket(new ffmpeg.Packet(), input.streams[0])
  const output = new ffmpeg.OutputFormatContext(
    'webm',
    new ffmpeg.IOContext(1, { onwrite: () => {} })
  )
  if (config && 'codedWidth' in config) {
    const stream = ffmpeg.WebCodecsBridge.addStream(output, config)
    const packet: ffmpeg.Packet = ffmpeg.WebCodecsBridge.packetFromChunk(chunk, stream)
    void packet
  }
  void [state, layout, queued]
}
void webcodecs
