// Run by scripts/valgrind.sh: objects still alive when the process exits must be freed by our
// environment-teardown callback (the runtime runs no finalizers at exit), so valgrind finds no
// definitely-lost block of ours.
const fs = require('bare-fs')
const path = require('bare-path')
const { IOContext, Packet, InputFormatContext, OutputFormatContext } = require('../..')

const data = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'sample.mkv'))
const input = new InputFormatContext(new IOContext(data))
const packet = new Packet()
input.readFrame(packet)
const output = new OutputFormatContext('matroska', new IOContext(4096, { onwrite() {} }))
output.createStream().codecParameters.copyFrom(input.streams[0].codecParameters)
output.writeHeader()
// Payload views alive at exit: a small payload in pooled memory (and the thread's current block),
// a large one over its own buffer.
const views = [packet.data, new Packet(Buffer.alloc(100000)).data]
globalThis.leftovers = [input, packet, output, new IOContext(4096, { onread: () => 0 }), views]
