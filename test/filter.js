// Filter graphs: frames decoded here pushed through a graph and pulled out, compared frame by
// frame with the ffmpeg of the FFmpeg we ship running the same filter string (-vf/-af, framecrc);
// the lavfi input compared with ffmpeg -f lavfi; the graph's life and its frames checked.
const test = require('brittle')
const path = require('bare-path')
const {
  IOContext,
  InputFormatContext,
  InputFormat,
  Dictionary,
  Packet,
  Frame,
  FilterGraph,
  FilterContext,
  FilterInOut,
  Filter,
  Rational,
  FFmpegError,
  constants
} = require('..')
const { fixture } = require('./helpers')
const { adler32, packed, interleaved, framecrc } = require('./checksums')

const FIXTURES = path.join(__dirname, 'fixtures')
const { pixelFormats: pf, sampleFormats: sf } = constants
const EAGAIN = -11 // AVERROR(EAGAIN)
const EOF = -541478725 // AVERROR_EOF

// Every decoded frame of stream `index` of `file`, passed to `each` (the frame is reused).
function decodeStream(file, index, each) {
  using input = new InputFormatContext(new IOContext(fixture(file)))
  using decoder = input.streams[index].decoder()
  decoder.open()
  using packet = new Packet()
  using frame = new Frame()
  const drain = () => {
    while (decoder.receiveFrame(frame)) each(frame, input.streams[index])
  }
  while (input.readFrame(packet)) {
    if (packet.streamIndex !== index) continue
    decoder.sendPacket(packet)
    drain()
  }
  decoder.sendPacket()
  drain()
}

// A graph `in` -> description -> `out`, as the published package's examples build it.
function graphOf(description, source, sourceArgs, sink) {
  const graph = new FilterGraph()
  const inContext = new FilterContext()
  const outContext = new FilterContext()
  graph.createFilter(inContext, new Filter(source), 'in', sourceArgs)
  graph.createFilter(outContext, new Filter(sink), 'out')
  const inputs = new FilterInOut()
  inputs.name = 'out'
  inputs.filterContext = outContext
  const outputs = new FilterInOut()
  outputs.name = 'in'
  outputs.filterContext = inContext
  graph.parse(description, inputs, outputs)
  graph.configure()
  return { graph, inContext, outContext }
}

// Every frame of stream `index` of `file` through `description`; the checksums of what comes out.
function filterStream(file, index, description, audio) {
  let run = null
  const out = []
  using pulled = new Frame()
  const drain = () => {
    let r
    while ((r = run.graph.pullFrame(run.outContext, pulled)) === 0) {
      const bytes = audio ? interleaved(pulled) : packed(pulled)
      out.push({ size: bytes.length, crc: adler32(bytes), format: pulled.format })
    }
    return r
  }
  decodeStream(file, index, (frame, stream) => {
    if (run === null) {
      const tb = stream.timeBase
      const args = audio
        ? {
            sampleRate: frame.sampleRate,
            sampleFormat: frame.format,
            channelLayout: frame.channelLayout,
            timeBase: tb
          }
        : {
            width: frame.width,
            height: frame.height,
            pixelFormat: frame.format,
            timeBase: tb,
            aspectRatio: new Rational(1, 1)
          }
      run = graphOf(
        description,
        audio ? 'abuffer' : 'buffer',
        args,
        audio ? 'abuffersink' : 'buffersink'
      )
    }
    run.graph.pushFrame(run.inContext, frame)
    drain()
  })
  run.graph.pushFrame(run.inContext, null) // the end: filters give what they held back
  const last = drain()
  run.graph.destroy()
  return { frames: out, last }
}

// ffmpeg's framecrc of sample.mp4's video through `-vf description`.
function videoReference(description) {
  return framecrc(['-i', path.join(FIXTURES, 'sample.mp4'), '-map', '0:0', '-vf', description])
}

const VIDEO = [
  ['negate', 'rgb24 after negate', 'negate,format=rgb24'],
  ['hflip and crop', 'yuv420p', 'hflip,crop=32:24:8:8'],
  ['scale with bicubic flags', 'rgba', 'scale=40:30:flags=bicubic,format=rgba'],
  [
    'several chains joined by labels',
    'gray',
    'split[a][b];[a][b]blend=all_mode=difference,format=gray'
  ]
]

for (const [name, , description] of VIDEO) {
  test(`video filters (${name}): what ffmpeg -vf "${description}" makes, frame by frame`, (t) => {
    const ours = filterStream('sample.mp4', 0, description, false)
    const reference = videoReference(description)
    t.ok(ours.frames.length > 0)
    t.is(ours.frames.length, reference.frames.length, `${ours.frames.length} frames, as ffmpeg`)
    t.alike(
      ours.frames.map((f) => f.crc),
      reference.frames.map((f) => f.crc),
      'every picture identical'
    )
    t.is(ours.last, EOF, 'the sink ends with AVERROR_EOF')
  })
}

const AUDIO = [
  ['sample.wav', 'volume=0.5,aformat=sample_fmts=s16', 'pcm_s16le'],
  ['sample.mp3', 'volume=0.25,aformat=sample_fmts=s16', 'pcm_s16le'],
  ['sample.wav', 'aresample=16000,aformat=sample_fmts=s16', 'pcm_s16le']
]

for (const [file, description, codec] of AUDIO) {
  test(`audio filters on ${file}: what ffmpeg -af "${description}" makes, sample for sample`, (t) => {
    const ours = filterStream(file, 0, description, true)
    const reference = framecrc([
      '-i',
      path.join(FIXTURES, file),
      '-map',
      '0:0',
      '-af',
      description,
      '-c:a',
      codec
    ])
    const total = (frames) => frames.reduce((n, f) => n + f.size, 0)
    t.ok(ours.frames.length > 0)
    t.is(total(ours.frames), total(reference.frames), 'as many samples')
    t.alike(
      ours.frames.map((f) => f.crc),
      reference.frames.map((f) => f.crc),
      'every frame identical'
    )
  })
}

test('lavfi input: testsrc and sine open as the published package opens them, as ffmpeg -f lavfi', (t) => {
  const sources = [
    ['testsrc=size=64x48:rate=5:duration=1', false],
    ['sine=frequency=440:sample_rate=8000:duration=0.5', true]
  ]
  for (const [source, audio] of sources) {
    using input = new InputFormatContext(new InputFormat('lavfi'), new Dictionary(), source)
    using decoder = input.streams[0].decoder()
    decoder.open()
    using packet = new Packet()
    using frame = new Frame()
    const crcs = []
    const drain = () => {
      while (decoder.receiveFrame(frame))
        crcs.push(adler32(audio ? interleaved(frame) : packed(frame)))
    }
    let trusted = 0
    while (input.readFrame(packet)) {
      if (!audio) {
        // Video packets carry frames FFmpeg made (wrapped_avframe, AV_PKT_FLAG_TRUSTED): their
        // data is a copy, so writing into it cannot change what the decoder follows.
        trusted += packet.flags & 8 ? 1 : 0
        packet.data.fill(0x41)
        packet.flags = packet.flags | constants.packetFlags.KEY
      }
      decoder.sendPacket(packet)
      drain()
    }
    decoder.sendPacket()
    drain()
    const reference = framecrc(['-f', 'lavfi', '-i', source])
    t.ok(crcs.length > 0, `${source}: frames`)
    if (!audio) t.is(trusted, crcs.length, 'every video packet trusted, and still after flags set')
    t.alike(
      crcs,
      reference.frames.map((f) => f.crc),
      `${source}: identical frames`
    )
  }
})

test('a packet cannot be made to look like one FFmpeg trusts (wrapped_avframe would follow it)', (t) => {
  using decoder = new (require('..').CodecContext)(new (require('..').Decoder)('wrapped_avframe'))
  decoder.open()
  using packet = new Packet(Buffer.alloc(4096, 0x41))
  packet.flags = 0xff
  t.is(packet.flags & 8, 0, 'AV_PKT_FLAG_TRUSTED is not settable')
  t.exception.all(() => decoder.sendPacket(packet), /Operation not permitted/)
})

test('filterAsync: a whole video through the graph on its worker, as ffmpeg -vf', async (t) => {
  const pictures = []
  let timeBase = null
  decodeStream('sample.mp4', 0, (frame, stream) => {
    const copy = new Frame()
    copy.width = frame.width
    copy.height = frame.height
    copy.format = frame.format
    copy.alloc()
    copy.copyProperties(frame)
    const rows = [48, 24, 24]
    const bytes = [64, 32, 32]
    for (let i = 0; i < 3; i++) {
      for (let y = 0; y < rows[i]; y++) {
        const from = y * frame.linesize[i]
        copy.data[i].set(frame.data[i].subarray(from, from + bytes[i]), y * copy.linesize[i])
      }
    }
    pictures.push(copy)
    timeBase = stream.timeBase
  })
  const description = 'hflip,negate,format=rgb24'
  const run = graphOf(
    description,
    'buffer',
    { width: 64, height: 48, pixelFormat: pf.YUV420P, timeBase },
    'buffersink'
  )
  const pending = run.graph.filterAsync(run.inContext, [...pictures, null], run.outContext)
  t.exception.all(() => run.graph.pushFrame(run.inContext, pictures[0]), /busy with filterAsync/)
  const out = await pending
  const reference = videoReference(description)
  t.alike(
    out.map((f) => adler32(packed(f))),
    reference.frames.map((f) => f.crc),
    `${out.length} pictures, identical`
  )
  t.is(pictures[0].data.length, 0, 'the pushed frames moved into the graph')
  await t.exception.all(
    run.graph.filterAsync(run.outContext, [], run.outContext),
    /not a buffer or abuffer source/
  )
  run.graph.destroy()
  for (const f of [...pictures, ...out]) f.destroy()
})

// A video graph over 8x8 rgb24 frames, and a frame for it.
function smallGraph(description = 'negate') {
  const run = graphOf(
    description,
    'buffer',
    'video_size=8x8:pix_fmt=rgb24:time_base=1/25',
    'buffersink'
  )
  const frame = new Frame()
  frame.width = 8
  frame.height = 8
  frame.format = pf.RGB24
  frame.alloc()
  return { ...run, frame }
}

test('a graph refuses calls out of order and frames it was not configured for', (t) => {
  const graph = new FilterGraph()
  const source = new FilterContext()
  graph.createFilter(
    source,
    new Filter('buffer'),
    'in',
    'video_size=8x8:pix_fmt=rgb24:time_base=1/25'
  )
  using frame = new Frame()
  t.exception.all(() => graph.pushFrame(source, frame), /not configured: call configure\(\) first/)
  const twin = graph.createFilter(
    new FilterContext(),
    'buffer',
    'in',
    'video_size=8x8:pix_fmt=rgb24:time_base=1/25'
  )
  t.is(twin.name, 'in', 'two filters may share a name, as in FFmpeg')
  t.exception.all(() => new FilterContext().getOption('x'), /not in a graph yet/)
  t.exception.all(() => graph.createFilter(source, 'null', 'again'), /already stands for a filter/)
  graph.destroy()

  const run = smallGraph()
  t.exception.all(
    () => run.graph.createFilter(new FilterContext(), 'null', 'late'),
    /is configured: it can no longer take filters/
  )
  t.exception.all(() => run.graph.configure(), /is configured/)
  t.exception.all(
    () => run.inContext.setOption('width', '16'),
    /can no longer change its filters' options/
  )
  t.is(run.inContext.getOption('width'), '8', 'options can still be read')
  t.exception.all(
    () => run.graph.pushFrame(run.outContext, run.frame),
    /not a buffer or abuffer source/
  )
  t.exception.all(
    () => run.graph.pullFrame(run.inContext, run.frame),
    /not a buffersink or abuffersink/
  )

  const big = new Frame()
  big.width = 16
  big.height = 16
  big.format = pf.RGB24
  big.alloc()
  t.exception.all(
    () => run.graph.pushFrame(run.inContext, big),
    /\(2, 16, 16\); in takes \(2, 8, 8\)/
  )
  const blank = new Frame()
  blank.width = 8
  blank.height = 8
  blank.format = pf.RGB24
  t.exception.all(() => run.graph.pushFrame(run.inContext, blank), /has no planes/)
  const grown = smallGraph().frame
  grown.height = 8
  grown.width = 8
  t.is(run.graph.pushFrame(run.inContext, grown), 0, 'a frame of the configured size goes in')
  t.is(grown.data.length, 0, 'its planes moved into the graph')

  const other = smallGraph()
  t.exception.all(() => run.graph.pushFrame(other.inContext, run.frame), /of another graph/)
  t.exception.all(() => run.graph.pullFrame(run.outContext, 'frame'), /must be a Frame/)
  other.graph.destroy()
  t.exception.all(() => other.inContext.name, /The FilterGraph has been destroyed/)
  run.graph.destroy()
})

test("errors carry FFmpeg's reasons: unknown filters, bad arguments, unlinked pads", (t) => {
  t.exception.all(() => new Filter('no-such-filter'), /No filter named "no-such-filter"/)
  const graph = new FilterGraph()
  const caught = (() => {
    try {
      graph.createFilter(new FilterContext(), 'buffer', 'in', 'video_size=8x8:pix_fmt=nonsense')
    } catch (e) {
      return e
    }
  })()
  t.ok(caught instanceof FFmpegError, 'an FFmpegError')
  t.ok(/"nonsense" as pixel format/.test(caught.message), `FFmpeg's log line: ${caught.message}`)

  const source = graph.createFilter(
    null,
    'buffer',
    'src',
    'video_size=8x8:pix_fmt=rgb24:time_base=1/25'
  )
  const sink = graph.createFilter(null, 'buffersink', 'sink')
  const inputs = Object.assign(new FilterInOut(), { name: 'out', filterContext: sink })
  const outputs = Object.assign(new FilterInOut(), { name: 'in', filterContext: source })
  t.exception.all(
    () => graph.parse('no_such_filter', inputs, outputs),
    /No such filter: 'no_such_filter'/
  )
  // FFmpeg frees every filter of a graph whose parse() failed: the graph says so from then on.
  t.exception.all(() => source.name, /cannot be used any more: parse\(\) failed/)
  t.exception.all(() => graph.configure(), /cannot be used any more/)
  t.exception.all(() => graph.createFilter(null, 'buffer', 'again'), /cannot be used any more/)
  const loop = Object.assign(new FilterInOut(), { name: 'out', filterContext: sink })
  loop.next = loop
  t.exception.all(() => graph.parse('negate', loop, outputs), /loops/)
  const unlinked = new FilterGraph()
  unlinked.createFilter(null, 'buffer', 'in', 'video_size=8x8:pix_fmt=rgb24:time_base=1/25')
  t.exception.all(() => unlinked.configure(), /not connected/)
  t.exception.all(() => unlinked.configure(), /configure\(\) failed, leaving it half configured/)
  unlinked.destroy()
  graph.destroy()
})

test('FilterInOut lists are plain data: reused across parses, nothing freed twice', (t) => {
  const graph = new FilterGraph()
  const source = graph.createFilter(
    null,
    'buffer',
    'in',
    'video_size=8x8:pix_fmt=rgb24:time_base=1/25'
  )
  const sink = graph.createFilter(null, 'buffersink', 'out')
  const extra = graph.createFilter(null, 'buffersink', 'out2')
  const inputs = Object.assign(new FilterInOut(), { name: 'a', filterContext: sink })
  inputs.next = Object.assign(new FilterInOut(), { name: 'b', filterContext: extra })
  const outputs = Object.assign(new FilterInOut(), { name: 'in', filterContext: source })
  graph.parse('[in]split[a][b]', inputs, outputs)
  graph.configure()
  inputs.destroy()
  inputs.next.destroy()
  const frame = new Frame()
  Object.assign(frame, { width: 8, height: 8, format: pf.RGB24 })
  frame.alloc()
  graph.pushFrame(source, frame)
  using a = new Frame()
  using b = new Frame()
  t.is(graph.pullFrame(sink, a), 0)
  t.is(graph.pullFrame(extra, b), 0)
  t.alike(a.data[0], b.data[0], 'both outputs of split')
  t.is(graph.pullFrame(sink, a), EAGAIN, 'nothing more until pushed: AVERROR(EAGAIN)')
  t.ok(graph.nbFilters >= 4)
  t.alike([source.name, source.filter], ['in', 'buffer'])
  t.ok(source.listOptionNames().includes('pix_fmt'))
  t.is(source.getOptions().video_size, '8x8')
  graph.destroy()
})

test('negate, as the published example does it: one red pixel turns cyan', (t) => {
  const run = smallGraph()
  run.frame.data[0].fill(0)
  for (let y = 0; y < 8; y++) run.frame.data[0][y * run.frame.linesize[0]] = 255
  t.is(run.graph.pushFrame(run.inContext, run.frame), 0)
  using out = new Frame()
  t.is(run.graph.pullFrame(run.outContext, out), 0)
  t.alike([...out.data[0].subarray(0, 6)], [0, 255, 255, 255, 255, 255])
  t.is(out.timeBase.denominator, 25, "the frame carries the sink's time base")
  run.graph.destroy()
})

test('published API: createFilter() and parse() with null arguments, FilterInOuts without a name', (t) => {
  using graph = new FilterGraph()
  const source = graph.createFilter(
    new FilterContext(),
    new Filter('buffer'),
    null,
    'video_size=8x8:pix_fmt=rgb24:time_base=1/25'
  )
  t.is(typeof source.name, 'string', `a filter made without a name: FFmpeg calls it ${source.name}`)
  const sink = graph.createFilter(new FilterContext(), new Filter('buffersink'), 'out', undefined)
  // Ends without a name: FFmpeg takes them and links nothing to them, so configure() says so.
  using unlabelled = new FilterGraph()
  const a = unlabelled.createFilter(
    null,
    'buffer',
    null,
    'video_size=8x8:pix_fmt=rgb24:time_base=1/25'
  )
  const b = unlabelled.createFilter(null, 'buffersink', null)
  unlabelled.parse('negate', Object.assign(new FilterInOut(), { filterContext: b }), {
    __proto__: FilterInOut.prototype,
    filterContext: a,
    name: null
  })
  t.exception(() => unlabelled.configure(), /not connected/)
  // Labelled, with the parse() arguments FFmpeg takes as null where the published package does.
  const inputs = Object.assign(new FilterInOut(), { name: 'out', filterContext: sink })
  const outputs = Object.assign(new FilterInOut(), { name: 'in', filterContext: source })
  graph.parse('negate', inputs, outputs)
  graph.configure()
  using frame = new Frame()
  frame.width = 8
  frame.height = 8
  frame.format = constants.pixelFormats.RGB24
  frame.alloc()
  frame.data[0].fill(10)
  t.is(graph.pushFrame(source, frame), 0)
  using out = new Frame()
  t.is(graph.pullFrame(sink, out), 0)
  t.is(out.data[0][0], 245, 'negated')

  using bare = new FilterGraph()
  bare.parse('anullsrc=r=8000:cl=mono,anullsink', null, undefined)
  bare.configure()
  t.pass('parse() with no ends (null, undefined) for a closed graph')
})
