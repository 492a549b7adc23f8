#!/usr/bin/env bash
# Runs test files under valgrind's memcheck and fails on any definitely-lost block allocated by
# our code (a stack through the addon: our Rust crate or FFmpeg called from it) and on any invalid
# read or write. The runtime's own teardown leaks (V8 and Bare free nothing at exit) are reported
# as a count, not a failure; scripts/valgrind.supp silences the ones reviewed as runtime-only.
#
#   bash scripts/valgrind.sh [test/file.js ...]
#
# Default: every test file, then test/valgrind/leftovers.js (objects alive at exit).
#
# valgrind 3.19 cannot read the runtime's DWARF 5 debug info, so it runs a copy of the runtime
# with its debug info stripped.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null || exit 1

bare=test/tmp/bare-nodebug
mkdir -p test/tmp
objcopy --strip-debug "$(readlink -f node_modules/bare-runtime-linux-x64/bin/bare)" "$bare"

files=("$@")
((${#files[@]})) || mapfile -t files < <(grep -l "^const test = require('brittle')" test/*.js; echo test/valgrind/leftovers.js)

failed=0
for file in "${files[@]}"; do
  log="test/tmp/valgrind-$(basename "$file" .js).log"
  start=$(date +%s)
  VALGRIND=1 valgrind --leak-check=full --show-leak-kinds=definite --num-callers=40 \
    --suppressions=scripts/valgrind.supp --log-file="$log" "$bare" "$file" >"$log.out" 2>&1
  status=$?
  ours=$(python3 scripts/valgrind-ours.py "$log")
  runtime=$(grep -c "are definitely lost" "$log")
  invalid=$(grep -c "Invalid \(read\|write\|free\)" "$log")
  echo "$file: exit $status, $((runtime - ours)) runtime leak records, $ours ours, $invalid invalid accesses ($(($(date +%s) - start)) s)"
  if ((status != 0 || ours > 0 || invalid > 0)); then
    failed=1
    python3 scripts/valgrind-ours.py "$log" --print
  fi
done
exit $failed
