// Replaces (or appends) one "## Title" section of bench/RESULTS.md, leaving the others as they
// are: bench/run.js writes the file, decode.js and convert.js their own sections in it.
const fs = require('bare-fs')
const path = require('bare-path')

module.exports = function writeSection(title, section) {
  const file = path.join(__dirname, 'RESULTS.md')
  const results = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n'
  const at = results.indexOf(`## ${title}`)
  const end = at === -1 ? -1 : results.indexOf('\n## ', at + 1)
  const updated =
    at === -1
      ? results.trimEnd() + '\n\n' + section
      : results.slice(0, at) + section + (end === -1 ? '' : results.slice(end + 1))
  fs.writeFileSync(file, updated)
  console.log(`bench/RESULTS.md: ${title} section updated`)
}
