// `for await` never loses packets: what it read ahead belongs to the context, so a `break` keeps
// it for the next read, a seek drops it, a failure comes after the packets read before it, and
// destroy() ends the loop at once.
const test = require('brittle')
const { IOContext, InputFormatContext, Packet, constants } = require('..')
const { fixture, packetShape, readAll, probePackets } = require('./helpers')

const FILE = 'sample.ts' // 200+ packets: more than one read-ahead batch would hold

test('break after 5 packets: readFrameAsync continues with the 6th', async (t) => {
  const all = probePackets(FILE)
  using input = new InputFormatContext(new IOContext(fixture(FILE)))
  const seen = []
  for await (const packet of input) {
    seen.push(packetShape(packet))
    if (seen.length === 5) break
  }
  using packet = new Packet()
  while (await input.readFrameAsync(packet)) seen.push(packetShape(packet))
  t.alike(seen, all, 'every packet once, in order')
})

test('break, then the synchronous readFrame continues too', async (t) => {
  using input = new InputFormatContext(new IOContext(fixture(FILE)))
  const seen = []
  for await (const packet of input) {
    seen.push(packetShape(packet))
    if (seen.length === 3) break
  }
  seen.push(...readAll(input))
  t.alike(seen, probePackets(FILE))
})

test('a second for await continues where the first stopped', async (t) => {
  using input = new InputFormatContext(new IOContext(fixture(FILE)))
  const seen = []
  for await (const packet of input) {
    seen.push(packetShape(packet))
    if (seen.length === 10) break
  }
  for await (const packet of input) seen.push(packetShape(packet))
  t.alike(seen, probePackets(FILE))
})

test('seekAsync inside the loop: the next packets are from after the seek', async (t) => {
  using input = new InputFormatContext(new IOContext(fixture('sample.mkv')))
  const expected = probePackets('sample.mkv', 1)
  let seeked = false
  const after = []
  for await (const packet of input) {
    if (!seeked) {
      seeked = true
      await input.seekAsync(-1, 1 * constants.TIME_BASE)
      continue
    }
    after.push(packetShape(packet))
  }
  t.ok(after.length > 0)
  t.alike(after, expected, 'no stale packet from before the seek')
})

// A streaming input (a long one: the fixture three times over) whose onread rejects `after`
// bytes after it is armed.
function failingInput(after) {
  const data = Buffer.concat([fixture(FILE), fixture(FILE), fixture(FILE)])
  const boom = new Error('disk gone')
  let pos = 0
  let failAt = Infinity
  const io = new IOContext(1024, {
    onread: async (buffer) => {
      if (pos >= failAt) throw boom
      const n = Math.min(buffer.length, data.length - pos)
      buffer.set(data.subarray(pos, pos + n))
      pos += n
      return n
    }
  })
  return { io, boom, arm: () => (failAt = pos + after) }
}

test('onread rejecting mid-batch: every packet read before it arrives, then the error', async (t) => {
  // The reference: the same failure through readFrameAsync, one packet at a time.
  const one = failingInput(24 * 1024)
  const input1 = await InputFormatContext.open(one.io)
  one.arm()
  const expected = []
  let error1 = null
  try {
    using packet = new Packet()
    while (await input1.readFrameAsync(packet)) expected.push(packetShape(packet))
  } catch (e) {
    error1 = e
  }
  input1.destroy()
  t.is(error1, one.boom)

  const two = failingInput(24 * 1024)
  const input2 = await InputFormatContext.open(two.io)
  two.arm()
  const seen = []
  let error2 = null
  try {
    for await (const packet of input2) seen.push(packetShape(packet))
  } catch (e) {
    error2 = e
  }
  input2.destroy()
  t.is(error2, two.boom, 'the same error object')
  t.ok(seen.length > 0)
  t.alike(seen, expected, 'the same packets as one at a time')
})

test('destroy() inside the loop ends it at once', async (t) => {
  const input = new InputFormatContext(new IOContext(fixture(FILE)))
  let after = 0
  let n = 0
  for await (const packet of input) {
    packet.destroy()
    if (++n === 2) input.destroy()
    else if (n > 2) after++
  }
  t.is(after, 0, 'no packet after destroy()')
  t.exception(() => input.streams, /destroyed/)
})

test('a seek drops what was read ahead, synchronously too', async (t) => {
  using input = new InputFormatContext(new IOContext(fixture('sample.mkv')))
  for await (const packet of input) {
    packet.destroy()
    break
  }
  input.seekFile(-1, -Infinity, 1 * constants.TIME_BASE, Infinity)
  t.alike(readAll(input), probePackets('sample.mkv', 1))
})
