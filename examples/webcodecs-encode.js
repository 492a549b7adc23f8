// Pictures and sound encoded with WebCodecs (VideoEncoder, AudioEncoder) and muxed into WebM by
// bare-ffmpeg: the encoders' decoderConfig makes each output stream, each chunk becomes a packet
// (WebCodecsBridge).
//
//   bare examples/webcodecs-encode.js out.webm [seconds]
const { IOContext, OutputFormatContext } = require('..')
const {
  AudioData,
  AudioEncoder,
  VideoEncoder,
  VideoFrame,
  WebCodecsBridge
} = require('../webcodecs')

const WIDTH = 64
const HEIGHT = 48
const FPS = 10
const RATE = 48000

// Picture `i`: a gradient moving right.
function picture(i) {
  const data = new Uint8Array(WIDTH * HEIGHT * 1.5)
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) data[y * WIDTH + x] = 16 + ((x * 3 + y + i * 6) % 200)
  }
  data.fill(128, WIDTH * HEIGHT)
  return new VideoFrame(data, {
    format: 'I420',
    codedWidth: WIDTH,
    codedHeight: HEIGHT,
    timestamp: (i * 1e6) / FPS,
    duration: 1e6 / FPS
  })
}

// A tenth of a second of a 440 Hz tone, from tenth `k`.
function tone(k) {
  const n = RATE / 10
  const data = new Float32Array(n)
  for (let i = 0; i < n; i++) data[i] = 0.5 * Math.sin((2 * Math.PI * 440 * (k * n + i)) / RATE)
  return new AudioData({
    format: 'f32',
    sampleRate: RATE,
    numberOfFrames: n,
    numberOfChannels: 1,
    timestamp: k * 100000,
    data
  })
}

// Encodes `seconds` of VP8 pictures and Opus sound into `file`; returns the chunks per stream.
async function encodeFile(file, seconds = 1) {
  const video = []
  const audio = []
  const failures = []
  const keep = (into) => (chunk, metadata) => into.push({ chunk, config: metadata.decoderConfig })
  const videoEncoder = new VideoEncoder({ output: keep(video), error: (e) => failures.push(e) })
  const audioEncoder = new AudioEncoder({ output: keep(audio), error: (e) => failures.push(e) })
  videoEncoder.configure({
    codec: 'vp8',
    width: WIDTH,
    height: HEIGHT,
    bitrate: 200000,
    framerate: FPS
  })
  audioEncoder.configure({ codec: 'opus', sampleRate: RATE, numberOfChannels: 1, bitrate: 32000 })
  for (let i = 0; i < seconds * FPS; i++) {
    const frame = picture(i)
    videoEncoder.encode(frame, { keyFrame: i % FPS === 0 })
    frame.close()
  }
  for (let k = 0; k < seconds * 10; k++) {
    const sound = tone(k)
    audioEncoder.encode(sound)
    sound.close()
  }
  await Promise.all([videoEncoder.flush(), audioEncoder.flush()])
  if (failures.length) throw failures[0]

  // The streams from the encoders' first outputs' decoderConfig, then every chunk in time order.
  using output = new OutputFormatContext('webm', IOContext.toFile(file))
  const videoStream = WebCodecsBridge.addStream(output, video[0].config)
  const audioStream = WebCodecsBridge.addStream(output, audio[0].config)
  output.writeHeader()
  const all = [
    ...video.map(({ chunk }) => ({ chunk, stream: videoStream })),
    ...audio.map(({ chunk }) => ({ chunk, stream: audioStream }))
  ].sort((a, b) => a.chunk.timestamp - b.chunk.timestamp)
  for (const { chunk, stream } of all) {
    using packet = WebCodecsBridge.packetFromChunk(chunk, output.streams[stream.index])
    output.writeFrame(packet)
  }
  output.writeTrailer()
  return { video: video.length, audio: audio.length }
}

module.exports = encodeFile

if (require.main === module) {
  const [file, seconds = '2'] = Bare.argv.slice(2)
  encodeFile(file, Number(seconds)).then(
    ({ video, audio }) => console.log(`${file}: ${video} video and ${audio} audio chunks`),
    (err) => {
      console.error(`webcodecs-encode failed: ${err.message}`)
      Bare.exitCode = 1
    }
  )
}
