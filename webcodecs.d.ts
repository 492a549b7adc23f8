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

export class EncodedVideoChunk {
  constructor(init: EncodedChunkInit)
  readonly type: EncodedChunkType
  readonly timestamp: number
  readonly duration: number | null
  readonly byteLength: number
  copyTo(destination: BufferSource): void
}

export class EncodedAudioChunk {
  constructor(init: EncodedChunkInit)
  readonly type: EncodedChunkType
  readonly timestamp: number
  readonly duration: number | null
  readonly byteLength: number
  copyTo(destination: BufferSource): void
}

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

interface DecoderBase {
  readonly state: CodecState
  readonly decodeQueueSize: number
  ondequeue: ((event: { type: 'dequeue' }) => void) | null
  addEventListener(type: 'dequeue', listener: (event: { type: 'dequeue' }) => void): void
  removeEventListener(type: 'dequeue', listener: (event: { type: 'dequeue' }) => void): void
  flush(): Promise<void>
  reset(): void
  close(): void
}

export class VideoDecoder implements DecoderBase {
  constructor(init: { output: (frame: VideoFrame) => void; error: (error: WebCodecsError) => void })
  static isConfigSupported(
    config: VideoDecoderConfig
  ): Promise<{ supported: boolean; config: VideoDecoderConfig }>
  readonly state: CodecState
  readonly decodeQueueSize: number
  ondequeue: ((event: { type: 'dequeue' }) => void) | null
  addEventListener(type: 'dequeue', listener: (event: { type: 'dequeue' }) => void): void
  removeEventListener(type: 'dequeue', listener: (event: { type: 'dequeue' }) => void): void
  configure(config: VideoDecoderConfig): void
  decode(chunk: EncodedVideoChunk): void
  flush(): Promise<void>
  reset(): void
  close(): void
}

export class AudioDecoder implements DecoderBase {
  constructor(init: { output: (data: AudioData) => void; error: (error: WebCodecsError) => void })
  static isConfigSupported(
    config: AudioDecoderConfig
  ): Promise<{ supported: boolean; config: AudioDecoderConfig }>
  readonly state: CodecState
  readonly decodeQueueSize: number
  ondequeue: ((event: { type: 'dequeue' }) => void) | null
  addEventListener(type: 'dequeue', listener: (event: { type: 'dequeue' }) => void): void
  removeEventListener(type: 'dequeue', listener: (event: { type: 'dequeue' }) => void): void
  configure(config: AudioDecoderConfig): void
  decode(chunk: EncodedAudioChunk): void
  flush(): Promise<void>
  reset(): void
  close(): void
}
