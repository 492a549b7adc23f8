// Type declarations for bare-ffmpeg. Checked against test/types/usage.ts by test/types.js.
/// <reference lib="esnext.disposable" />
/// <reference lib="esnext.asynciterable" />

/** A Bare `Buffer`: a `Uint8Array` with Buffer's methods. */
interface Bytes extends Uint8Array {
  toString(encoding?: string): string
}

/** A value, or (with the async operations only) a Promise of it. */
type MaybePromise<T> = T | Promise<T>

export interface IOContextOptions {
  /** Fill `buffer` (a Buffer) and return the number of bytes put in it, 0 (end) to `requestedLen`. */
  onread?: (buffer: Bytes, requestedLen: number) => MaybePromise<number>
  /** Take the bytes FFmpeg wrote (yours to keep, all of them); what it returns is ignored. */
  onwrite?: (buffer: Bytes) => MaybePromise<unknown>
  /** Return the new position, the size for `constants.seek.SIZE`, or -1 when not possible. */
  onseek?: (offset: number, whence: number) => MaybePromise<number>
  /**
   * Runs once when the IOContext is done with: on `destroy()` (also the one of the format
   * context that owns it) or, for one never destroyed, after the garbage collector frees it.
   * A Promise it returns is awaited by the asynchronous operations and by `close()`.
   */
  onclose?: () => MaybePromise<void>
}

export interface FileOptions {
  /** FFmpeg's I/O buffer size (default 65536). */
  size?: number
}

export interface OutputFileOptions extends FileOptions {
  /** Whether the muxer may seek back (default true); false writes as to a pipe. */
  seekable?: boolean
}

export class IOContext {
  /** A complete input in memory, read in place. */
  constructor(buffer: ArrayBuffer | ArrayBufferView)
  /** Streaming through callbacks; `size` is FFmpeg's I/O buffer size (1 to 2^31 - 1). */
  constructor(size: number, options: IOContextOptions)
  /** Reads the file at `path` through callbacks (with seeking); closed on destroy(). */
  static fromFile(path: string, options?: FileOptions): IOContext
  /** Writes the file at `path` (created or truncated) through callbacks; closed on destroy(). */
  static toFile(path: string, options?: OutputFileOptions): IOContext
  transfer(): IOContext
  destroy(): void
  /** destroy(), then the Promise `onclose` returned, if any (ours). */
  close(): Promise<void>
  [Symbol.dispose](): void
}

type OptionFlag =
  | 'encoding'
  | 'decoding'
  | 'audio'
  | 'video'
  | 'subtitle'
  | 'filtering'
  | 'export'
  | 'bsf'
  | 'readonly'
  | 'runtime'
  | 'deprecated'

/** An option as FFmpeg describes it (`Encoder#options`, `CodecContext.options`, ...). */
export interface OptionInfo {
  readonly name: string
  readonly type:
    | 'flags'
    | 'int'
    | 'int64'
    | 'uint'
    | 'uint64'
    | 'double'
    | 'float'
    | 'string'
    | 'rational'
    | 'binary'
    | 'dictionary'
    | 'imageSize'
    | 'pixelFormat'
    | 'sampleFormat'
    | 'videoRate'
    | 'duration'
    | 'color'
    | 'bool'
    | 'channelLayout'
  /** A list of values of `type` (FFmpeg's array options). */
  readonly array: boolean
  readonly help: string
  /** 'auto' for a boolean whose default is FFmpeg's auto; null when there is none. */
  readonly default: number | string | boolean | null
  /** The range, for numbers; null otherwise. */
  readonly min: number | null
  readonly max: number | null
  /** The named values it takes (flags: the flags it may hold). */
  readonly values: ReadonlyArray<{
    readonly name: string
    readonly value: number
    readonly help: string
    readonly flags: readonly OptionFlag[]
  }>
  readonly flags: readonly OptionFlag[]
}

/** Options as text FFmpeg parses (numbers and booleans become their text). */
export type Options = Record<string, string | number | boolean> | Dictionary

// Typed options of the encoders the build carries (EncoderOptions['libopus'], ...), generated
// from FFmpeg's tables by scripts/encoder-options.js.
export * from './encoder-options'

// WebCodecs (VideoDecoder, AudioDecoder, VideoFrame, ...): also require('bare-ffmpeg/webcodecs').
export * from './webcodecs'

/** Metadata to set: `null` or `undefined` removes an entry. */
export type MetadataUpdate =
  Record<string, string | number | boolean | null | undefined> | Dictionary

/**
 * Serves a nested open (a playlist's segment, a concat entry, a muxer's further file): an
 * IOContext for `url` (FFmpeg then owns it and closes it), or null to refuse. `flags`: 1 to
 * read, 2 to write. In the asynchronous operations it may return a Promise of either.
 */
export type OnOpen = (
  url: string,
  flags: number
) => IOContext | null | undefined | Promise<IOContext | null | undefined>

export interface InputOptions {
  /** Force a demuxer instead of probing. */
  format?: string | InputFormat
  /** Demuxer options, e.g. `{ probesize: '65536' }`. */
  options?: Options
  /** Serves the nested opens; without it they are refused. */
  onopen?: OnOpen
  /** The name the input goes by: relative references in it resolve against it. */
  url?: string
}

export interface OutputOptions {
  /** Serves the files muxers such as hls and segment write; without it they are refused. */
  onopen?: OnOpen
  /** The name the output goes by: hls and segment name their files after it. */
  url?: string
}

export class InputFormatContext {
  /** The options every one has, as FFmpeg describes them (docs/options.md). */
  static readonly options: OptionInfo[]
  constructor(io: IOContext, options?: InputOptions)
  /** The published form: FFmpeg opens `url` (a path or URL) itself, or through `onopen`. */
  constructor(
    format: InputFormat | null,
    options: Options | null,
    url: string,
    extra?: { onopen?: OnOpen }
  )
  /** A device input (lavfi given its `graph` option): the published package's default url. */
  constructor(format: InputFormat, options?: Options | null)
  /** destroy(), then the Promises the `onclose` of its IOContexts returned (ours). */
  close(): Promise<void>
  readonly io: IOContext | null
  readonly streams: Stream[]
  /** Microseconds (`constants.TIME_BASE` units). */
  duration: number
  readonly startTime: number
  readonly bitRate: number
  readonly inputFormat: InputFormat
  readonly metadata: Record<string, string>
  getStream(index: number): Stream | null
  getBestStreamIndex(type: number): number
  getBestStream(type: number): Stream | null
  /** Reads the next packet into `packet`; false at the end. */
  readFrame(packet: Packet): boolean
  /** To the keyframe at or before `timestamp` (stream time base; microseconds with -1). */
  seek(streamIndex: number, timestamp: number, flags?: number): void
  /** FFmpeg's avformat_seek_file; `min`/`max` may be -Infinity/Infinity. */
  seekFile(streamIndex: number, min: number, timestamp: number, max: number, flags?: number): void
  /** Opens on a worker thread: I/O callbacks may return Promises. */
  static open(io: IOContext, options?: InputOptions): Promise<InputFormatContext>
  /** readFrame on a worker thread. */
  readFrameAsync(packet: Packet): Promise<boolean>
  /** seek on a worker thread. */
  seekAsync(streamIndex: number, timestamp: number, flags?: number): Promise<void>
  /** Every remaining packet, each a new Packet, read on a worker thread in batches. */
  [Symbol.asyncIterator](): AsyncIterableIterator<Packet>
  dump(): void
  destroy(): void
  [Symbol.dispose](): void
}

export class OutputFormatContext {
  /** The options every one has, as FFmpeg describes them (docs/options.md). */
  static readonly options: OptionInfo[]
  constructor(format: string | OutputFormat, io: IOContext, options?: OutputOptions)
  /** No IOContext: hls/segment/dash write only through `onopen`; others open `url` through it. */
  constructor(
    format: string | OutputFormat,
    io: null,
    options: OutputOptions & { url: string; onopen: OnOpen }
  )
  readonly io: IOContext | null
  /** destroy(), then the Promises the `onclose` of its IOContexts returned (ours). */
  close(): Promise<void>
  readonly outputFormat: OutputFormat
  readonly streams: Stream[]
  /** Microseconds; settable before writeHeader(). */
  duration: number
  get metadata(): Record<string, string>
  set metadata(value: MetadataUpdate)
  getStream(index: number): Stream | null
  /** The first stream of a media type, -1 for none. */
  getBestStreamIndex(type: number): number
  getBestStream(type: number): Stream | null
  createStream(): Stream
  writeHeader(options?: Options): void
  writeFrame(packet: Packet): void
  writeTrailer(): void
  writeHeaderAsync(options?: Options): Promise<void>
  writeFrameAsync(packet: Packet): Promise<void>
  writeTrailerAsync(): Promise<void>
  dump(): void
  destroy(): void
  [Symbol.dispose](): void
}

export class Stream {
  readonly index: number
  id: number
  readonly codecParameters: CodecParameters
  readonly codec: Codec
  timeBase: Rational
  avgFramerate: Rational
  rFrameRate: Rational
  sampleAspectRatio: Rational
  duration: number
  startTime: number
  nbFrames: number
  disposition: number
  get metadata(): Record<string, string>
  set metadata(value: MetadataUpdate)
  /** What the whole stream carries besides its packets (display matrix, HDR metadata, ...). */
  get sideData(): PacketSideData[]
  set sideData(value: Array<PacketSideData | { type: number; data: ArrayBufferView }>)
  static SideData: typeof PacketSideData
  /** Degrees counterclockwise the display matrix asks for (ffprobe's `rotation`); 0 without one. */
  readonly rotation: number
  toJSON(): Record<string, unknown>
  /** A CodecContext decoding this stream (not open yet); frames() reads this stream. */
  decoder(): CodecContext
  /** A CodecContext encoding with this stream's codec and parameters (not open yet). */
  encoder(): CodecContext
}

export class CodecParameters {
  /** Standalone parameters (FFmpeg's defaults), freed by destroy(). */
  static alloc(): CodecParameters
  /** Frees standalone parameters (a no-op for a stream's). */
  destroy(): void
  [Symbol.dispose](): void
  type: number
  id: number
  tag: number
  format: number
  bitRate: number
  bitsPerCodedSample: number
  bitsPerRawSample: number
  profile: number
  level: number
  width: number
  height: number
  videoDelay: number
  sampleRate: number
  nbChannels: number
  blockAlign: number
  frameSize: number
  initialPadding: number
  trailingPadding: number
  seekPreroll: number
  colorRange: number
  colorPrimaries: number
  colorTRC: number
  colorSpace: number
  chromaLocation: number
  fieldOrder: number
  sampleAspectRatio: Rational
  /** The frame rate the codec declares (0/1 when it declares none). */
  frameRate: Rational
  /** Reads as a ChannelLayout; takes a ChannelLayout, a channel mask or a layout name. */
  get channelLayout(): ChannelLayout
  set channelLayout(value: ChannelLayout | number | string)
  extraData: Bytes
  copyFrom(other: CodecParameters): void
  /** The codec context (not open yet) takes these parameters. */
  toContext(context: CodecContext): void
  /** These parameters take the codec context's settings. */
  fromContext(context: CodecContext): void
  toJSON(): Record<string, unknown>
}

/** Which channels audio has: AV_CH_* bits (`mask`, 0 for an unspecified order) and a count. */
export class ChannelLayout {
  constructor(mask?: number, nbChannels?: number)
  readonly mask: number
  readonly nbChannels: number
  /** From a mask, a name in constants.channelLayouts ('stereo', '5.1') or a ChannelLayout. */
  static from(value: ChannelLayout | number | string): ChannelLayout
  /** FFmpeg's name for it: 'mono', 'stereo', '5.1(side)', '3 channels'. */
  toString(): string
  /** The mask. */
  valueOf(): number
  toJSON(): { mask: number; nbChannels: number }
}

export class Packet {
  constructor(data?: ArrayBuffer | ArrayBufferView)
  streamIndex: number
  /** -1 when unknown, as in the published package (a genuine -1 reads the same). */
  pts: number
  dts: number
  duration: number
  flags: number
  pos: number
  readonly size: number
  isKeyframe: boolean
  /** A view of the payload (no copy; writing into it writes the packet). Set: a copy. */
  get data(): Bytes
  set data(value: ArrayBuffer | ArrayBufferView)
  /** A copy of the payload. */
  copyData(): Bytes
  get sideData(): PacketSideData[]
  set sideData(value: Array<PacketSideData | { type: number; data: ArrayBufferView }>)
  timeBase: Rational
  rescaleTimestamps(from: Rational, to: Rational): void
  copyPropsFrom(source: Packet): void
  unref(): void
  destroy(): void
  [Symbol.dispose](): void
  static SideData: typeof PacketSideData
}

declare class PacketSideData {
  constructor(type: number, data: Bytes, name?: string)
  static fromData(data: ArrayBufferView, type: number): PacketSideData
  /** `constants.packetSideDataType`. */
  readonly type: number
  /** FFmpeg's name for the type. */
  readonly name: string | null
  readonly data: Bytes
}

export class Rational {
  constructor(numerator?: number, denominator?: number)
  numerator: number
  denominator: number
  readonly valid: boolean
  readonly uninitialized: boolean
  toNumber(): number
  equals(other: Rational): boolean
  toString(): string
  toJSON(): { numerator: number; denominator: number }
  static from(value: number): Rational
  static rescaleQ(n: number, src: Rational, dst: Rational): number
}

interface FormatDescription {
  readonly name: string
  readonly longName: string
  readonly extensions: string | undefined
  readonly mimeType: string | undefined
  readonly flags: number
}

export class InputFormat implements FormatDescription {
  /** Without a name: the platform's camera demuxer, as in the published package. */
  constructor(name?: string)
  static from(format: string | InputFormat): InputFormat
  /** Its options, as FFmpeg describes them (docs/options.md). */
  readonly options: OptionInfo[]
  readonly name: string
  readonly longName: string
  readonly extensions: string | undefined
  readonly mimeType: string | undefined
  readonly flags: number
  destroy(): void
  [Symbol.dispose](): void
}

export class OutputFormat implements FormatDescription {
  constructor(name: string)
  static from(format: string | OutputFormat): OutputFormat
  static fromFileName(fileName: string): OutputFormat
  /** Its options, as FFmpeg describes them (docs/options.md). */
  readonly options: OptionInfo[]
  readonly name: string
  readonly longName: string
  readonly extensions: string | undefined
  readonly mimeType: string | undefined
  readonly flags: number
  destroy(): void
  [Symbol.dispose](): void
}

export class Codec {
  /** Without an id the codec has no name (as in the published package). */
  constructor(id?: number)
  static for(id: number): Codec
  static readonly H264: Codec
  static readonly AAC: Codec
  static readonly OPUS: Codec
  static readonly VP8: Codec
  static readonly VP9: Codec
  static readonly AV1: Codec
  static readonly MJPEG: Codec
  readonly id: number
  readonly name: string
  /** FFmpeg's preferred decoder for the codec; an FFmpegError if the build has none. */
  readonly decoder: Decoder
  /** FFmpeg's preferred encoder for the codec; an FFmpegError if the build has none. */
  readonly encoder: Encoder
}

export class Decoder {
  /** By the decoder's name ('h264', 'libdav1d') or a Codec. */
  constructor(codec: string | Codec)
  readonly name: string
  /** Its options, as FFmpeg describes them (docs/options.md). */
  readonly options: OptionInfo[]
}

export class Encoder {
  /** By the encoder's name ('libvpx', 'libopus') or a Codec. */
  constructor(codec: string | Codec)
  readonly name: string
  /** Its options, as FFmpeg describes them (docs/options.md). */
  readonly options: OptionInfo[]
}

export class CodecContext {
  /** The options every one has, as FFmpeg describes them (docs/options.md). */
  static readonly options: OptionInfo[]
  constructor(codec: Decoder | Encoder)
  /** Settable before open(). */
  hwDeviceCtx: HWDeviceContext | null
  /** Chooses among the offered pixel formats, on the JavaScript thread (set before open()). */
  getFormat: ((context: CodecContext, pixelFormats: number[]) => number) | null
  readonly codec: Decoder | Encoder
  readonly isOpen: boolean
  /** A copy; settable before open(). */
  extraData: Bytes
  /** The ASS header of text subtitles (set before open(); null: none). */
  get subtitleHeader(): string | null
  set subtitleHeader(value: string)
  readonly type: number
  readonly id: number
  width: number
  height: number
  pixelFormat: number
  sampleFormat: number
  requestSampleFormat: number
  sampleRate: number
  readonly nbChannels: number
  get channelLayout(): ChannelLayout
  set channelLayout(value: ChannelLayout | number | string)
  gopSize: number
  maxBFrames: number
  flags: number
  flags2: number
  bitRate: number
  threadCount: number
  profile: number
  level: number
  readonly frameSize: number
  readonly frameNum: number
  readonly delay: number
  timeBase: Rational
  frameRate: Rational
  sampleAspectRatio: Rational
  pktTimebase: Rational
  /** Opens the codec with codec options; settings are fixed from then on. */
  open(options?: Options): void
  /** Decoding: false when frames must be received first; nothing is the flush. */
  sendPacket(packet?: Packet | null): boolean
  /** Decoding: false when no frame is ready. */
  receiveFrame(frame: Frame): boolean
  /** Encoding: false when packets must be received first; nothing is the flush. */
  sendFrame(frame?: Frame | null): boolean
  /** Encoding: false when no packet is ready. */
  receivePacket(packet: Packet): boolean
  /** Subtitle decoders: the subtitle a packet makes, or null; nothing is the flush. */
  decodeSubtitle(packet?: Packet | null): Subtitle | null
  /** Subtitle encoders: into `packet`, timed in this context's time base. */
  encodeSubtitle(subtitle: Subtitle | SubtitleInit, packet: Packet): void
  /** What the codec supports for a `constants.codecConfig` setting; null: any value. */
  getSupportedConfig(config: number): Int32Array | Rational[] | ChannelLayout[] | null
  getOption(name: string, flags?: number): string | null
  setOption(name: string, value: string | number, flags?: number): void
  setOptionDictionary(options: Dictionary | Record<string, string | number>, flags?: number): void
  setOptionDefaults(): void
  listOptionNames(flags?: number): string[]
  getOptions(flags?: number): Record<string, string>
  copyOptionsFrom(context: CodecContext): void
  /** Decoding on a worker thread: sends the packet (nothing: the flush), resolves to its frames. */
  decodeAsync(packet?: Packet | null): Promise<Frame[]>
  /** Encoding on a worker thread: sends the frame (nothing: the flush), resolves to its packets. */
  encodeAsync(frame?: Frame | null): Promise<Packet[]>
  /** Every frame of a stream of `input`, demuxed and decoded on worker threads, then the flush. */
  frames(
    input: InputFormatContext,
    options?: {
      stream?: number
      /** A packet that did not decode: its FFmpegError (with `frames`); throw to stop. */
      onerror?: (error: FFmpegError) => void
    }
  ): AsyncGenerator<Frame>
  destroy(): void
  [Symbol.dispose](): void
}

declare class FrameSideData {
  constructor(type: number, data: Bytes, name?: string)
  static fromData(data: ArrayBufferView, type: number): FrameSideData
  /** `constants.frameSideDataType`. */
  readonly type: number
  readonly name: string | null
  readonly data: Bytes
}

export class Scaler {
  /** The options every one has, as FFmpeg describes them (docs/options.md). */
  static readonly options: OptionInfo[]
  /** Pixel formats by number or name ('YUV420P', or FFmpeg's 'yuv420p'); flags: constants.scalerFlags (bicubic). */
  constructor(
    sourcePixelFormat: number | string,
    sourceWidth: number,
    sourceHeight: number,
    targetPixelFormat: number | string,
    targetWidth: number,
    targetHeight: number,
    flags?: number
  )
  /** The rows written; a blank target gets planes of the target format and size. */
  scale(source: Frame, target: Frame): number
  scale(source: Frame, y: number, target: Frame): number
  scale(source: Frame, y: number, height: number, target: Frame): number
  /** Each picture into a new frame of the target format and size, on the scaler's worker. */
  scaleAsync(frames: Frame | Frame[]): Promise<Frame[]>
  destroy(): void
  [Symbol.dispose](): void
}

export class Resampler {
  /** The options every one has, as FFmpeg describes them (docs/options.md). */
  static readonly options: OptionInfo[]
  /** Channel layouts as ChannelLayout.from() takes them; sample formats by number or name. */
  constructor(
    inputSampleRate: number,
    inputChannelLayout: ChannelLayout | number | string,
    inputFormat: number | string,
    outputSampleRate: number,
    outputChannelLayout: ChannelLayout | number | string,
    outputFormat: number | string
  )
  readonly inputSampleRate: number
  readonly outputSampleRate: number
  /** Samples held back, at the input's sample rate. */
  readonly delay: number
  /** Samples written per channel; a blank output gets planes, and its nbSamples says how many. */
  convert(input: Frame, output: Frame): number
  /** Gives out what is held back; output.nbSamples becomes the number written. */
  flush(output: Frame): number
  /** Each frame (null: the flush) into a new frame, on the resampler's worker. */
  convertAsync(frames: Frame | Array<Frame | null>): Promise<Frame[]>
  destroy(): void
  [Symbol.dispose](): void
}

export class AudioFIFO {
  /** Room for `nbSamples` to start with; it grows as needed. */
  constructor(sampleFormat: number | string, channels: number, nbSamples: number)
  /** Samples queued. */
  readonly size: number
  /** Samples that fit before it grows. */
  readonly space: number
  write(frame: Frame): number
  /** Up to nbSamples into frame (a blank frame gets planes); the number read. */
  read(frame: Frame, nbSamples: number): number
  peek(frame: Frame, nbSamples: number): number
  drain(nbSamples: number): void
  reset(): void
  destroy(): void
  [Symbol.dispose](): void
}

/** A bitstream filter (or a chain) over encoded packets: docs/bitstream-filter.md. */
export class BitstreamFilter {
  /** A filter by name ('h264_mp4toannexb'), or a chain as `ffmpeg -bsf` takes it. */
  constructor(name: string)
  /** The options of the bitstream filter `name`, as FFmpeg describes them (docs/options.md). */
  static options(name: string): OptionInfo[]
  /** Every bitstream filter of the build. */
  static names(): string[]
  /** The filter's name ('bsf_list' for a chain). */
  readonly name: string
  /** Before init(): the input stream's parameters (copied). */
  set inputCodecParameters(parameters: CodecParameters)
  /** Before init(): the input stream's time base. */
  inputTimeBase: Rational
  readonly initialized: boolean
  init(): void
  /** After init(): new standalone parameters, yours to copy into an output stream. */
  readonly outputCodecParameters: CodecParameters
  readonly outputTimeBase: Rational
  /** Nothing: the flush. The packet stays yours, unchanged. False when full, or after the flush. */
  sendPacket(packet?: Packet | null): boolean
  /** False when none is ready (send more, or everything received after the flush). */
  receivePacket(packet: Packet): boolean
  /** Drops what the filter holds; it takes packets again (after a seek or the flush). */
  reset(): void
  /** A batch on the worker pool (null: the flush); resolves to the new packets, in order. */
  filterAsync(packets: Packet | null | Array<Packet | null>): Promise<Packet[]>
  destroy(): void
  [Symbol.dispose](): void
}

export interface SubtitleRect {
  type: 'text' | 'ass' | 'bitmap'
  x?: number
  y?: number
  width?: number
  height?: number
  flags?: number
  /** Plain text. */
  text?: string | null
  /** An ASS event line: ReadOrder, Layer, Style, Name, MarginL, MarginR, MarginV, Effect, Text. */
  ass?: string | null
  /** Palette indices, width * height, rows without padding. */
  bitmap?: Uint8Array | null
  /** ARGB colours. */
  palette?: Uint32Array | null
}

export interface SubtitleInit {
  /** 0: bitmaps; 1: text (the default). */
  format?: 0 | 1
  /** Microseconds; null: unknown. */
  pts?: number | null
  /** Milliseconds after pts. */
  startDisplayTime?: number
  endDisplayTime?: number
  rects?: SubtitleRect[]
}

export class Subtitle {
  constructor(init?: SubtitleInit)
  format: 0 | 1
  pts: number | null
  startDisplayTime: number
  endDisplayTime: number
  rects: Array<Required<SubtitleRect>>
  /** Seconds; null when the pts is unknown. */
  readonly start: number | null
  readonly end: number | null
  startIn(timeBase: Rational): number | null
  endIn(timeBase: Rational): number | null
}

export class Image {
  constructor(pixelFormat: number | string, width: number, height: number, align?: number)
  readonly pixelFormat: number
  readonly width: number
  readonly height: number
  readonly align: number
  /** The packed picture. */
  readonly data: Bytes
  /** Copies the picture into the frame (a blank frame gets planes). */
  fill(frame: Frame): void
  /** Copies the frame's picture into data. */
  read(frame: Frame): void
  lineSize(plane?: number): number
  static lineSize(pixelFormat: number | string, width: number, plane?: number): number
}

export class Samples {
  constructor(options?: { noAlignment?: boolean })
  readonly data: Bytes | undefined
  readonly format: number | undefined
  readonly channelLayout: ChannelLayout | undefined
  readonly nbSamples: number | undefined
  readonly nbChannels: number | undefined
  readonly pts: number | undefined
  /** data becomes a view of the frame's own samples (one buffer); the byte length. */
  fill(frame: Frame): number
  /** Copies the frame's samples into data. */
  read(frame: Frame): void
  copy(frame: Frame, dstOffset?: number, srcOffset?: number): void
  static bufferSize(
    format: number | string,
    nbChannels: number,
    nbSamples: number,
    noAlignment?: boolean
  ): number
}

export class Filter {
  constructor(name: string)
  readonly name: string
  /** Its options, as FFmpeg describes them (docs/options.md). */
  readonly options: OptionInfo[]
}

export class FilterContext {
  constructor()
  readonly name: string
  /** The filter it is an instance of. */
  readonly filter: string
  getOption(name: string, flags?: number): string | null
  setOption(name: string, value: string | number, flags?: number): void
  setOptionDictionary(
    dictionary: Dictionary | Record<string, string | number>,
    flags?: number
  ): void
  setOptionDefaults(): void
  listOptionNames(flags?: number): string[]
  getOptions(flags?: number): Record<string, string>
}

export class FilterInOut {
  name: string | undefined
  filterContext: FilterContext | null
  padIdx: number
  next: FilterInOut | null
  destroy(): void
  [Symbol.dispose](): void
}

export class FilterGraph {
  constructor()
  readonly nbFilters: number
  createFilter(
    context: FilterContext | null,
    filter: Filter | string,
    name: string,
    args?: string | Record<string, string | number | Rational | ChannelLayout>
  ): FilterContext
  parse(filterDescription: string, inputs: FilterInOut | null, outputs: FilterInOut | null): void
  configure(): void
  /** Returns 0; the frame's planes move into the graph. null: the end of the input. */
  pushFrame(context: FilterContext, frame: Frame | null): number
  /** 0 for a frame, AVERROR(EAGAIN) or AVERROR_EOF otherwise. */
  pullFrame(context: FilterContext, frame: Frame): number
  filterAsync(
    source: FilterContext,
    frames: Frame | Array<Frame | null>,
    sink: FilterContext
  ): Promise<Frame[]>
  destroy(): void
  [Symbol.dispose](): void
}

export class HWDeviceContext {
  constructor(type: number, device?: string)
  readonly type: number
  /** The device types this build carries (none). */
  static readonly types: string[]
  destroy(): void
  [Symbol.dispose](): void
}

export class HWFramesContext {
  /** Throws in this build: no HWDeviceContext can exist. */
  constructor(
    hwDeviceContext: HWDeviceContext,
    format: number,
    swFormat: number,
    width: number,
    height: number
  )
}

export class HWFramesConstraints {
  constructor(values?: {
    validSwFormats?: number[]
    validHwFormats?: number[]
    minWidth?: number
    maxWidth?: number
    minHeight?: number
    maxHeight?: number
  })
  readonly validSwFormats: number[]
  readonly validHwFormats: number[]
  readonly minWidth: number
  readonly maxWidth: number
  readonly minHeight: number
  readonly maxHeight: number
  destroy(): void
  [Symbol.dispose](): void
}

export class Frame {
  constructor()
  width: number
  height: number
  /** A pixel format (video) or a sample format (audio). */
  format: number
  nbSamples: number
  sampleRate: number
  readonly nbChannels: number
  get channelLayout(): ChannelLayout
  set channelLayout(value: ChannelLayout | number | string)
  pts: number
  packetDTS: number
  duration: number
  bestEffortTimestamp: number
  /** constants.pictureTypes; I asks an encoder for a key frame. */
  pictType: number
  flags: number
  readonly keyFrame: boolean
  quality: number
  repeatPict: number
  /** constants.colorRange, colorPrimaries, colorTRC (transfer), colorSpace (matrix), chromaLocation */
  colorRange: number
  colorPrimaries: number
  colorTRC: number
  colorSpace: number
  chromaLocation: number
  timeBase: Rational
  sampleAspectRatio: Rational
  /** The planes, as views of the frame's own memory (no copy). */
  readonly data: Bytes[]
  /** The byte length of a line of each plane. */
  readonly linesize: number[]
  get sideData(): FrameSideData[]
  set sideData(value: Array<FrameSideData | { type: number; data: ArrayBufferView }>)
  /** Removes every entry of a `constants.frameSideDataType`. */
  removeSideData(type: number): void
  static SideData: typeof FrameSideData
  readonly metadata: {
    get(key: string): string | null
    entries(): Array<[string, string]>
    [Symbol.iterator](): Iterator<[string, string]>
  }
  /** Allocates planes for the format and size set (`align`: 0, the CPU's best). */
  alloc(align?: number): void
  copyProperties(source: Frame): void
  /** Always null in this build (no hardware device types). */
  hwFramesCtx: HWFramesContext | null
  transferData(destination: Frame): void
  hwMap(destination: Frame, flags?: number): void
  unref(): void
  destroy(): void
  [Symbol.dispose](): void
}

export class Dictionary implements Iterable<[string, string]> {
  /** `strict`: options nothing knows are an FFmpegError instead of a warning (ours). */
  static from(object: Record<string, string | number>, options?: { strict?: boolean }): Dictionary
  /** After a call that took it, the Dictionary holds the options nothing used (as FFmpeg's). */
  strict: boolean
  get(key: string): string | null
  set(key: string, value: string | number): void
  delete(key: string): boolean
  entries(): [string, string][]
  [Symbol.iterator](): Iterator<[string, string]>
  destroy(): void
  [Symbol.dispose](): void
}

export class FFmpegError extends Error {
  /** e.g. 'AVERROR_INVALIDDATA', 'ENOMEM'. */
  readonly code: string
  /** FFmpeg's negative error number. */
  readonly errno: number
  /** FFmpeg's own warnings and errors logged during the failing call (also in the message). */
  readonly log: string[]
  /** From decodeAsync()/frames(): the frames decoded around the error (nothing is lost). */
  readonly frames?: Frame[]
  /** From encodeAsync(): the packets encoded around the error. */
  readonly packets?: Packet[]
  /** The published package's errors for unknown names (code 'UNKNOWN_PIXEL_FORMAT', ...). */
  static UNKNOWN_PIXEL_FORMAT(message: string): FFmpegError
  static UNKNOWN_SAMPLE_FORMAT(message: string): FFmpegError
  static UNKNOWN_CHANNEL_LAYOUT(message: string): FFmpegError
}

/** The FFmpeg linked into the addon, as `ffmpeg -version` shows it. */
export const versions: Readonly<{
  /** FFmpeg's release, e.g. '9.0.2'. */
  ffmpeg: string
  avutil: string
  avcodec: string
  avformat: string
  avdevice: string
  avfilter: string
  swscale: string
  swresample: string
  /** The options FFmpeg was configured with. */
  configuration: string
  /** 'LGPL version 2.1 or later'. */
  license: string
}>

/** The worker pool that runs asynchronous operations (docs/async.md). */
export const workers: {
  /** Threads that run operations at once: 1 to 256; the core count (at least 2) by default. */
  size: number
  /** The pool's threads now (started when work arrives, kept while idle). */
  readonly threads: number
}

export const log: {
  level: number
  readonly QUIET: number
  readonly PANIC: number
  readonly FATAL: number
  readonly ERROR: number
  readonly WARNING: number
  readonly INFO: number
  readonly VERBOSE: number
  readonly DEBUG: number
  readonly TRACE: number
}

export const constants: {
  seek: { SET: number; CUR: number; END: number; SIZE: number; FORCE: number }
  seekFlags: { BACKWARD: number; BYTE: number; ANY: number; FRAME: number }
  mediaTypes: {
    UNKNOWN: number
    VIDEO: number
    AUDIO: number
    DATA: number
    SUBTITLE: number
    ATTACHMENT: number
    ATTACHEMENT: number
    NB: number
  }
  packetFlags: {
    KEY: number
    CORRUPT: number
    DISCARD: number
    TRUSTED: number
    DISPOSABLE: number
  }
  codecs: Record<
    | 'NONE'
    | 'H264'
    | 'AVC'
    | 'HEVC'
    | 'H265'
    | 'VP8'
    | 'VP9'
    | 'AV1'
    | 'MPEG4'
    | 'MJPEG'
    | 'AAC'
    | 'MP2'
    | 'MP3'
    | 'OPUS'
    | 'VORBIS'
    | 'FLAC'
    | 'PCM_S16LE'
    | 'PCM_S16BE'
    | 'PCM_U8'
    | 'PCM_ALAW'
    | 'PCM_MULAW',
    number
  >
  rounding: Record<
    | 'AV_ROUND_ZERO'
    | 'AV_ROUND_INF'
    | 'AV_ROUND_DOWN'
    | 'AV_ROUND_UP'
    | 'AV_ROUND_NEAR_INF'
    | 'AV_ROUND_PASS_MINMAX',
    number
  >
  channelLayouts: Record<
    | 'MONO'
    | 'STEREO'
    | 'QUAD'
    | 'SURROUND'
    | '2_1'
    | '5_0'
    | '5_1'
    | '7_1'
    | '2.1'
    | '5.0'
    | '5.1'
    | '7.1',
    number
  >
  logLevels: Record<
    'QUIET' | 'PANIC' | 'FATAL' | 'ERROR' | 'WARNING' | 'INFO' | 'VERBOSE' | 'DEBUG' | 'TRACE',
    number
  >
  formatFlags: Record<
    | 'NOFILE'
    | 'GLOBALHEADER'
    | 'NOTIMESTAMPS'
    | 'VARIABLE_FPS'
    | 'TS_DISCONT'
    | 'GENERIC_INDEX'
    | 'NO_BYTE_SEEK',
    number
  >
  tags: Record<'MJPEG' | 'AV1' | 'H264' | 'AAC' | 'FLAC' | 'MP3', number>
  profiles: Record<'H264_MAIN', number>
  levels: Record<'UNKNOWN', number>
  /** FFmpeg's AV_PIX_FMT_* without the prefix: YUV420P, RGBA, NV12, ... */
  pixelFormats: Readonly<Record<string, number>>
  /** AV_SAMPLE_FMT_*: S16, FLTP, ... */
  sampleFormats: Readonly<Record<string, number>>
  pictureTypes: Readonly<Record<string, number>>
  codecFlags: Readonly<Record<string, number>>
  codecConfig: Readonly<Record<string, number>>
  dispositions: Readonly<Record<string, number>>
  packetSideDataType: Readonly<Record<string, number>>
  frameSideDataType: Readonly<Record<string, number>>
  /** swscale's algorithms and options (BICUBIC, BILINEAR, LANCZOS, POINT, ...). */
  scalerFlags: Readonly<Record<string, number>>
  optionFlags: Readonly<Record<string, number>>
  hwDeviceTypes: Readonly<Record<string, number>>
  hwFrameMapFlags: Readonly<Record<string, number>>
  colorSpace: Readonly<Record<string, number>>
  colorRange: Readonly<Record<string, number>>
  colorPrimaries: Readonly<Record<string, number>>
  colorTRC: Readonly<Record<string, number>>
  /** A name in the group, or the number itself; an unknown name is a RangeError. */
  toPixelFormat(format: string | number): number
  toSampleFormat(format: string | number): number
  toChannelLayout(layout: string | number): number
  /** FFmpeg's names ('yuv420p', 's16', 'bt709'); undefined for numbers it does not know. */
  getPixelFormatName(format: number): string | undefined
  getSampleFormatName(format: number): string | undefined
  getColorSpaceName(space: number): string | undefined
  getColorPrimariesName(primaries: number): string | undefined
  getColorTransferName(transfer: number): string | undefined
  getColorRangeName(range: number): string | undefined
  toColorSpace(name: string): number
  toColorPrimaries(name: string): number
  toColorTransfer(name: string): number
  NOPTS_VALUE: number
  TIME_BASE: number
}
