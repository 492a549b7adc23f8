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

# One file under valgrind: its summary line goes to the terminal and to "$log.result", with
# "FAILED" appended when it failed (a non-zero exit, a leak of ours or an invalid access).
check() {
  local file=$1 log start status ours runtime invalid line
  log="test/tmp/valgrind-$(basename "$file" .js).log"
  start=$(date +%s)
  # --fair-sched: threads take turns. With valgrind's default lock a thread that polls (V8's
  # incremental sweeper on the JavaScript thread, waiting for its concurrent job on the
  # platform thread) can keep running while the thread it waits for never gets the lock: the
  # file then spins for ever (seen in test/workers.js and test/webcodecs.js).
  VALGRIND=1 valgrind --fair-sched=yes --leak-check=full --show-leak-kinds=definite --num-callers=40 \
    --suppressions=scripts/valgrind.supp --log-file="$log" "$bare" "$file" >"$log.out" 2>&1 &
  local pid=$! timedout=0
  # A file still running after $limit seconds is stuck: every thread's stack (vgdb asks the
  # running valgrind) goes to "$log.stacks" and the terminal, then the file fails.
  while kill -0 "$pid" 2>/dev/null; do
    if (($(date +%s) - start > limit)); then
      timedout=1
      vgdb --pid="$pid" v.info scheduler >"$log.stacks" 2>&1
      kill -KILL "$pid"
      break
    fi
    sleep 2
  done
  wait "$pid"
  status=$?
  ours=$(python3 scripts/valgrind-ours.py "$log")
  runtime=$(grep -c "are definitely lost" "$log")
  invalid=$(grep -c "Invalid \(read\|write\|free\)" "$log")
  line="$file: exit $status, $((runtime - ours)) runtime leak records, $ours ours, $invalid invalid accesses ($(($(date +%s) - start)) s)"
  if ((timedout)); then
    line="$line: stopped after $limit s"
    echo "--- $file was still running after $limit s; its threads ($log.stacks):"
    awk '/^Thread /{n=0; print; next} /^==/{if (++n <= 12) print}' "$log.stacks" | head -n 400
  fi
  if ((status != 0 || ours > 0 || invalid > 0)); then
    line="$line FAILED"
    python3 scripts/valgrind-ours.py "$log" --print
    echo "--- the last lines $file printed ($log.out):"
    tail -n 40 "$log.out"
  fi
  echo "$line" >"$log.result"
  echo "[$(find test/tmp -name 'valgrind-*.log.result' | wc -l)/${#files[@]}] $line"
}

# valgrind runs a process's threads one at a time, so each file keeps one core busy: as many
# files run at once as there are cores (VALGRIND_JOBS overrides it). Their temporary files have
# names of their own.
jobs_max=${VALGRIND_JOBS:-$(nproc)}
# The longest a file may take (test/fuzz.js takes about 300 s with the other core busy).
limit=${VALGRIND_LIMIT:-900}
echo "valgrind: ${#files[@]} files, $jobs_max at a time; logs in test/tmp/valgrind-*.log"
rm -f test/tmp/valgrind-*.log.result
for file in "${files[@]}"; do
  while (($(jobs -rp | wc -l) >= jobs_max)); do wait -n; done
  check "$file" &
done
wait

failed=0
for file in "${files[@]}"; do
  result="test/tmp/valgrind-$(basename "$file" .js).log.result"
  if [[ ! -s $result ]] || grep -q " FAILED$" "$result"; then failed=1; fi
done
exit $failed
