// BitstreamFilter: a filter (or a chain of them) over encoded packets, without decoding:
// h264_mp4toannexb and hevc_mp4toannexb (MP4 or Matroska video into MPEG-TS or raw Annex B),
// aac_adtstoasc (ADTS audio into MP4), setts, extract_extradata, ... Configured with the input
// stream's parameters and time base, initialised, then fed like a codec. See
// docs/bitstream-filter.md.
const binding = require('../binding')
const Packet = require('./packet')
const Rational = require('./rational')
const CodecParameters = require('./codec-parameters')
const internal = require('./internal')
const batch = require('./batch')

module.exports = class BitstreamFilter {
  #handle // the native AVBSFContext: passed to every native call, never exposed

  // new BitstreamFilter(name): a filter by name ('h264_mp4toannexb'), or a chain with options as
  // `ffmpeg -bsf` takes it ('h264_metadata=level=4.1,dump_extra').
  constructor(name) {
    if (typeof name !== 'string') throw new TypeError('name must be a string')
    binding.bsfCreate((handle) => (this.#handle = handle), name)
  }

  // Every bitstream filter of the build, by name.
  static names() {
    return binding.bsfNames()
  }

  // The options of the bitstream filter `name` (what a chain string sets: 'setts=pts=PTS*2').
  // See docs/options.md.
  static options(name) {
    if (typeof name !== 'string') throw new TypeError('name must be a string')
    return binding.optionTable('bitstreamFilter', name)
  }

  // The filter's name ('bsf_list' for a chain).
  get name() {
    return binding.bsfName(this.#handle)
  }

  // The parameters of the packets that come in (a copy is taken): a stream's, before init().
  set inputCodecParameters(parameters) {
    binding.bsfSetInputParameters(
      this.#handle,
      ...CodecParameters[internal.address](parameters, 'inputCodecParameters')
    )
  }

  // The time base of the packets that come in: a stream's, before init().
  get inputTimeBase() {
    binding.bsfGetTimeBase(this.#handle, false, Rational[internal.out])
    return Rational[internal.fromOut]()
  }

  set inputTimeBase(value) {
    const { numerator, denominator } = Rational[internal.check](value, 'inputTimeBase')
    binding.bsfSetTimeBaseIn(this.#handle, numerator, denominator)
  }

  // Checks the input and prepares the filter. Initialised already: nothing to do.
  init() {
    binding.bsfInit(this.#handle)
  }

  get initialized() {
    return binding.bsfIsInitialized(this.#handle)
  }

  // What comes out, after init(): parameters (new standalone ones, yours to copy into an output
  // stream) and the time base of the packets.
  get outputCodecParameters() {
    const parameters = CodecParameters.alloc()
    binding.bsfGetOutputParameters(this.#handle, ...CodecParameters[internal.address](parameters))
    return parameters
  }

  get outputTimeBase() {
    binding.bsfGetTimeBase(this.#handle, true, Rational[internal.out])
    return Rational[internal.fromOut]()
  }

  // Sends a packet (nothing: the flush); the packet stays yours, unchanged. False when the filter
  // wants its packets received first, and after the flush.
  sendPacket(packet) {
    return binding.bsfSendPacket(
      this.#handle,
      packet === undefined || packet === null ? null : Packet[internal.handleOf](packet)
    )
  }

  // Receives a filtered packet into `packet`; false when none is ready (send more, or after the
  // flush: all received). Its time base is the output's.
  receivePacket(packet) {
    return binding.bsfReceivePacket(this.#handle, Packet[internal.handleOf](packet))
  }

  // Filters a batch of packets (a Packet or an array; null: the flush) on the filter's queue of
  // the worker pool, off the JavaScript thread; resolves to the new Packets that came out, in
  // order. The packets sent stay yours, unchanged. After the flush, nothing more until reset().
  filterAsync(packets) {
    return batch(Packet, packets, 'packets', (handles, done) =>
      binding.bsfFilterAsync(this.#handle, handles, done)
    )
  }

  // Drops what the filter holds and takes packets again (after a seek, or after the flush).
  reset() {
    binding.bsfReset(this.#handle)
  }

  destroy() {
    binding.bsfDestroy(this.#handle)
  }

  [Symbol.dispose]() {
    this.destroy()
  }
}
