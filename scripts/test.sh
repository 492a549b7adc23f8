#!/usr/bin/env bash
# The test command: sets everything up, runs the Rust unit tests (cargo test), checks that src/
# has no import cycle, runs every test file under Bare, and ends with a plain "N passed, N failed"
# line (counting Rust tests, the cycle check and top-level brittle tests; a file that crashes
# counts as a failure of its own).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
mkdir -p test/tmp

passed=0
failed=0

echo "== cargo test"
log=test/tmp/cargo-test.log
bash scripts/cargo.sh test --release -p bare-ffmpeg >"$log" 2>&1
status=$?
ok=$(grep -c '^test .* ok$' "$log")
not_ok=$(grep -c '^test .* FAILED$' "$log")
grep -E '^test .* (ok|FAILED)$' "$log"
passed=$((passed + ok))
failed=$((failed + not_ok))
if ((status != 0 && not_ok == 0)); then
  echo "not ok - cargo test exited with status $status"
  tail -n 20 "$log"
  failed=$((failed + 1))
fi

echo "== module cycles"
if python3 scripts/module-cycles.py; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi

# Test files are the ones that use brittle (helpers and the fuzz harness are not).
for file in $(grep -l "^const test = require('brittle')" test/*.js); do
  log="test/tmp/$(basename "$file" .js).log"
  echo "== $file"
  npx bare "$file" >"$log" 2>&1
  status=$?
  ok=$(grep -c '^ok ' "$log")
  not_ok=$(grep -c '^not ok ' "$log")
  grep -E '^(ok|not ok) ' "$log"
  passed=$((passed + ok))
  failed=$((failed + not_ok))
  if ((status != 0 && not_ok == 0)); then
    echo "not ok - $file exited with status $status"
    tail -n 20 "$log"
    failed=$((failed + 1))
  elif ((not_ok > 0)); then
    echo "-- details in $log:"
    grep -B2 -A25 '^    not ok' "$log" | head -n 80
  fi
done

echo "$passed passed, $failed failed"
((failed == 0))
