// A bounded fuzz run in CI: 5,000 mutated or truncated fixtures, every container, buffer and
// streaming input, open + read everything + seek. Longer runs: scripts/fuzz.sh.
const test = require('brittle')
const { run, runAsync } = require('./fuzz-harness')

test('5,000 mutated inputs: packets or errors, never a crash', (t) => {
  const outcomes = run(0, 5000)
  const total = Object.values(outcomes).reduce((a, b) => a + b, 0)
  t.is(total, 5000)
  t.ok(outcomes.packets > 500 && outcomes.FFmpegError > 500, JSON.stringify(outcomes))
  t.alike(
    Object.keys(outcomes).sort(),
    ['FFmpegError', 'packets'],
    'no other kind of error (callback validation never trips on valid callbacks)'
  )
})

test('2,000 mutated inputs through the async operations: packets or errors, never a crash', async (t) => {
  const outcomes = await runAsync(0, 2000)
  const total = Object.values(outcomes).reduce((a, b) => a + b, 0)
  t.is(total, 2000)
  t.ok(outcomes.packets > 200 && outcomes.FFmpegError > 200, JSON.stringify(outcomes))
  t.alike(Object.keys(outcomes).sort(), ['FFmpegError', 'packets'])
})
