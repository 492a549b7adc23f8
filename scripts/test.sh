#!/usr/bin/env bash
# The test command: sets everything up, runs every test file under Bare, and ends with a plain
# "N passed, N failed" line (counting top-level brittle tests; a file that crashes counts as a
# failure of its own).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh || exit 1
mkdir -p test/tmp

passed=0
failed=0
# Test files are the ones that use brittle (helpers and the fuzz harness are not).
for file in $(grep -l "require('brittle')" test/*.js); do
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
