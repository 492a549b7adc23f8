// Types of require('bare-ffmpeg/webcodecs') (also exported by require('bare-ffmpeg')): the
// W3C WebCodecs interfaces this package has so far. See docs/webcodecs.md.

export type CodecState = 'unconfigured' | 'configured' | 'closed'
export type EncodedChunkType = 'key' | 'delta'
type BufferSource = ArrayBuffer | ArrayBufferView

export interface EncodedChunkInit {
  type: EncodedChunkType
  /** Microseconds. */
  timestamp: number
  duration?: number
  data: BufferSource
}

declare class EncodedChunk {
  constructor(init: EncodedChunkInit)
  readonly type: EncodedChunkType
  readonly timestamp: number
  readonly duration: number | null
  readonly byteLength: number
  copyTo(destination: BufferSource): void
}

export class EncodedVideoChunk extends EncodedChunk {}

export class EncodedAudioChunk extends EncodedChunk {}

export type VideoPixelFormat =
  'I420' | 'I420A' | 'I422' | 'I444' | 'NV12' | 'RGBA' | 'RGBX' | 'BGRA' | 'BGRX'

export interface DOMRectInit {
  x?: number
  y?: number
  width?: number
  height?: number
}

export interface PlaneLayout {
  offset: number
  stride: number
}

export interface VideoColorSpaceInit {
  primaries?: string | null
  transfer?: string | null
  matrix?: string | null
  fullRange?: boolean | null
}

export class VideoColorSpace {
  constructor(init?: VideoColorSpaceInit)
  readonly primaries: string | null
  readonly transfer: string | null
  readonly matrix: string | null
  readonly fullRange: boolean | null
  toJSON(): VideoColorSpaceInit
}

export interface VideoFrameInit {
  timestamp?: number
  duration?: number
  visibleRect?: DOMRectInit
  displayWidth?: number
  displayHeight?: number
}

export interface VideoFrameBufferInit extends VideoFrameInit {
  format: VideoPixelFormat
  codedWidth: number
  codedHeight: number
  timestamp: number
  layout?: PlaneLayout[]
  colorSpace?: VideoColorSpaceInit
}

export interface VideoFrameCopyToOptions {
  rect?: DOMRectInit
  layout?: PlaneLayout[]
  format?: VideoPixelFormat
}

export class VideoFrame {
  constructor(data: BufferSource, init: VideoFrameBufferInit)
  constructor(frame: VideoFrame, init?: VideoFrameInit)
  readonly format: VideoPixelFormat | null
  readonly codedWidth: number
  readonly codedHeight: number
  readonly codedRect: Required<DOMRectInit> | null
  readonly visibleRect: Required<DOMRectInit> | null
  readonly displayWidth: number
  readonly displayHeight: number
  readonly timestamp: number
  readonly duration: number | null
  readonly colorSpace: VideoColorSpace
  allocationSize(options?: VideoFrameCopyToOptions): number
  copyTo(destination: BufferSource, options?: VideoFrameCopyToOptions): Promise<PlaneLayout[]>
  clone(): VideoFrame
  close(): void
  [Symbol.dispose](): void
}

export type AudioSampleFormat =
  'u8' | 's16' | 's32' | 'f32' | 'u8-planar' | 's16-planar' | 's32-planar' | 'f32-planar'

export interface AudioDataInit {
  format: AudioSampleFormat
  sampleRate: number
  numberOfFrames: number
  numberOfChannels: number
  timestamp: number
  data: BufferSource
}

export interface AudioDataCopyToOptions {
  planeIndex: number
  frameOffset?: number
  frameCount?: number
  format?: AudioSampleFormat
}

export class AudioData {
  constructor(init: AudioDataInit)
  readonly format: AudioSampleFormat | null
  readonly sampleRate: number
  readonly numberOfFrames: number
  readonly numberOfChannels: number
  readonly timestamp: number
  readonly duration: number
  allocationSize(options: AudioDataCopyToOptions): number
  copyTo(destination: BufferSource, options: AudioDataCopyToOptions): void
  clone(): AudioData
  close(): void
  [Symbol.dispose](): void
}

export interface VideoDecoderConfig {
  codec: string
  description?: BufferSource
  codedWidth?: number
  codedHeight?: number
  displayAspectWidth?: number
  displayAspectHeight?: number
  colorSpace?: VideoColorSpaceInit
  hardwareAcceleration?: 'no-preference' | 'prefer-hardware' | 'prefer-software'
  optimizeForLatency?: boolean
}

export interface AudioDecoderConfig {
  codec: string
  sampleRate: number
  numberOfChannels: number
  description?: BufferSource
}

/** The WebCodecs errors: an Error whose `name` says which (InvalidStateError, DataError, ...). */
export interface WebCodecsError extends Error {
  readonly name: string
  readonly code: number
}

type DequeueListener = (event: { type: 'dequeue' }) => void

/** What the four codecs share: states, the dequeue event, flush/reset/close. */
declare class CodecBase<Config> {
  readonly state: CodecState
  ondequeue: DequeueListener | null
  addEventListener(type: 'dequeue', listener: DequeueListener): void
  removeEventListener(type: 'dequeue', listener: DequeueListener): void
  configure(config: Config): void
  flush(): Promise<void>
  reset(): void
  close(): void
}

export class VideoDecoder extends CodecBase<VideoDecoderConfig> {
  constructor(init: { output: (frame: VideoFrame) => void; error: (error: WebCodecsError) => void })
  static isConfigSupported(
    config: VideoDecoderConfig
  ): Promise<{ supported: boolean; config: VideoDecoderConfig }>
  readonly decodeQueueSize: number
  decode(chunk: EncodedVideoChunk): void
}

export class AudioDecoder extends CodecBase<AudioDecoderConfig> {
  constructor(init: { output: (data: AudioData) => void; error: (error: WebCodecsError) => void })
  static isConfigSupported(
    config: AudioDecoderConfig
  ): Promise<{ supported: boolean; config: AudioDecoderConfig }>
  readonly decodeQueueSize: number
  decode(chunk: EncodedAudioChunk): void
}

export interface VideoEncoderConfig {
  codec: string
  width: number
  height: number
  displayWidth?: number
  displayHeight?: number
  bitrate?: number
  framerate?: number
  bitrateMode?: 'constant' | 'variable' | 'quantizer'
  latencyMode?: 'quality' | 'realtime'
  /** L1T1; L1T2 and L1T3 for VP8 and VP9 (each chunk's metadata then has `svc`). */
  scalabilityMode?: string
  avc?: { format?: 'annexb' | 'avc' }
  /** 'hevc' (the default): length-prefixed units and an hvcC description. */
  hevc?: { format?: 'annexb' | 'hevc' }
  hardwareAcceleration?: 'no-preference' | 'prefer-hardware' | 'prefer-software'
}

export interface AudioEncoderConfig {
  codec: string
  sampleRate: number
  numberOfChannels: number
  bitrate?: number
}

export interface SvcOutputMetadata {
  temporalLayerId: number
}

export interface EncodedVideoChunkMetadata {
  decoderConfig?: VideoDecoderConfig
  svc?: SvcOutputMetadata
}

export interface EncodedAudioChunkMetadata {
  decoderConfig?: AudioDecoderConfig
}

export class VideoEncoder extends CodecBase<VideoEncoderConfig> {
  constructor(init: {
    output: (chunk: EncodedVideoChunk, metadata: EncodedVideoChunkMetadata) => void
    error: (error: WebCodecsError) => void
  })
  static isConfigSupported(
    config: VideoEncoderConfig
  ): Promise<{ supported: boolean; config: VideoEncoderConfig }>
  readonly encodeQueueSize: number
  encode(frame: VideoFrame, options?: { keyFrame?: boolean }): void
}

export class AudioEncoder extends CodecBase<AudioEncoderConfig> {
  constructor(init: {
    output: (chunk: EncodedAudioChunk, metadata: EncodedAudioChunkMetadata) => void
    error: (error: WebCodecsError) => void
  })
  static isConfigSupported(
    config: AudioEncoderConfig
  ): Promise<{ supported: boolean; config: AudioEncoderConfig }>
  readonly encodeQueueSize: number
  encode(data: AudioData, options?: { keyFrame?: boolean }): void
}

/** Between this package's demuxers and muxers and WebCodecs (not part of the W3C API). */
export class WebCodecsBridge {
  /** A demuxed stream's decoderConfig; null for a codec WebCodecs has no string for. */
  static decoderConfigOf(
    stream: import('./index').Stream
  ): VideoDecoderConfig | AudioDecoderConfig | null
  /** A demuxed packet as a chunk (timestamps in microseconds, the bytes copied). */
  static chunkFromPacket(
    packet: import('./index').Packet,
    stream: import('./index').Stream
  ): EncodedVideoChunk | EncodedAudioChunk
  /** A new output stream for an encoder's decoderConfig (time base: microseconds). */
  static addStream(
    output: import('./index').OutputFormatContext,
    decoderConfig: VideoDecoderConfig | AudioDecoderConfig
  ): import('./index').Stream
  /** A chunk as a new Packet of `stream`. */
  static packetFromChunk(
    chunk: EncodedVideoChunk | EncodedAudioChunk,
    stream: import('./index').Stream
  ): import('./index').Packet
}

export interface ImageTrack {
  readonly animated: boolean
  readonly frameCount: number
  readonly repetitionCount: number
  readonly selected: boolean
}

export interface ImageTrackList {
  readonly ready: Promise<void>
  readonly length: number
  readonly selectedIndex: number
  readonly selectedTrack: ImageTrack | null
  readonly [index: number]: ImageTrack
}

export class ImageDecoder {
  constructor(init: {
    type: string
    /** The bytes, or a stream of them (a ReadableStream, or any async iterable: Bare's streams). */
    data:
      | BufferSource
      | { getReader(): { read(): Promise<{ done: boolean; value?: BufferSource }> } }
      | AsyncIterable<BufferSource>
  })
  static isTypeSupported(type: string): Promise<boolean>
  readonly type: string
  readonly complete: boolean
  readonly completed: Promise<void>
  readonly tracks: ImageTrackList
  decode(options?: {
    frameIndex?: number
    completeFramesOnly?: boolean
  }): Promise<{ image: VideoFrame; complete: boolean }>
  reset(): void
  close(): void
}
