// A bounded fuzz run in CI: 5,000 mutated or truncated fixtures, every container, buffer and
// streaming input, open + read everything + seek (playlists and concat scripts half the time with
// an onopen serving mutated containers); and 5,000 random sequences of muxer calls.
// Longer runs: scripts/fuzz.sh.
const test = require('brittle')
const { run, runAsync, converted } = require('./fuzz-harness')
const output = require('./fuzz-output-harness')
const { VALGRIND } = require('./helpers')

// Under valgrind everything runs ~50x slower: fewer async cases, and no 30 s test timeout.
const ASYNC_CASES = VALGRIND ? 200 : 2000
const OUTPUT_CASES = VALGRIND ? 300 : 5000
const SLOW = { timeout: 20 * 60 * 1000 }
// What a demuxer case may end in: packets, FFmpeg's error, or the fuzzed onopen's own exception
// (which a short run may not meet).
const OUTCOMES = ['FFmpegError', 'OnOpenFailure', 'packets']

test('5,000 mutated inputs: packets or errors, never a crash', SLOW, (t) => {
  const outcomes = run(0, 5000)
  const total = Object.values(outcomes).reduce((a, b) => a + b, 0)
  t.is(total, 5000)
  t.ok(outcomes.packets > 500 && outcomes.FFmpegError > 500, JSON.stringify(outcomes))
  t.ok(
    converted.pictures > 100 && converted.sounds > 100,
    `decoded frames through a Scaler and a Resampler: ${JSON.stringify(converted)}`
  )
  t.ok(converted.subtitles > 20, `subtitles decoded and encoded again: ${converted.subtitles}`)
  t.ok(
    Object.keys(outcomes).every((k) => OUTCOMES.includes(k)),
    "no other kind of error (callback validation never trips on valid callbacks; onopen's own " +
      'exception comes out as itself)'
  )
})

test(
  `${ASYNC_CASES} mutated inputs through the async operations: packets or errors, never a crash`,
  SLOW,
  async (t) => {
    const before = converted.webcodecs
    const outcomes = await runAsync(0, ASYNC_CASES)
    const total = Object.values(outcomes).reduce((a, b) => a + b, 0)
    t.is(total, ASYNC_CASES)
    const decoded = converted.webcodecs - before
    t.ok(decoded > 100, `frames and sound out of WebCodecs decoders fed fuzzed chunks: ${decoded}`)
    t.ok(
      converted.images > 20,
      `pictures out of ImageDecoders fed fuzzed images: ${converted.images}`
    )
    t.ok(
      outcomes.packets > ASYNC_CASES / 10 && outcomes.FFmpegError > ASYNC_CASES / 10,
      JSON.stringify(outcomes)
    )
    t.ok(
      Object.keys(outcomes).every((k) => OUTCOMES.includes(k)),
      `no other kind of error: ${Object.keys(outcomes)}`
    )
  }
)

test(
  `${OUTPUT_CASES} random sequences of muxer calls: results or errors, never a crash`,
  SLOW,
  async (t) => {
    const outcomes = await output.run(0, OUTPUT_CASES)
    t.ok(outcomes.ok > OUTPUT_CASES, `calls that returned: ${outcomes.ok}`)
    t.ok(
      outcomes['file complete'] > OUTPUT_CASES / 20,
      `${outcomes['file complete']} complete files (trailer written)`
    )
    t.alike(
      Object.keys(outcomes).sort(),
      ['Error', 'FFmpegError', 'RangeError', 'TypeError', 'file complete', 'ok'],
      JSON.stringify(outcomes)
    )
  }
)
