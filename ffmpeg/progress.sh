#!/usr/bin/env bash
# Runs FFmpeg's `make` in the current directory with its output in a log file, and prints a line
# every 10% of the files compiled, so that the longest step of the build says how far along it is.
#   progress.sh JOBS LOG
set -uo pipefail
jobs=$1
log=$2
# What `make -n` would compile: one "printf CC..." (or AS, X86ASM, CXX) per file.
total=$(make -n 2>/dev/null | grep -cE '^printf "(CC|CXX|AS|X86ASM)\\t')
((total > 0)) || total=1
echo "bare-ffmpeg: compiling FFmpeg ($total files, $jobs jobs); log in $log"
start=$SECONDS
make -j"$jobs" >"$log" 2>&1 &
pid=$!
# Follow the log rather than a pipe, so that the log is complete whatever happens to this script.
tail -n +1 -F --pid=$pid "$log" 2>/dev/null | awk -v total="$total" -v next_p=10 '
  /^(CC|CXX|AS|X86ASM)\t/ {
    n++
    p = int(n * 100 / total)
    if (p >= next_p && p < 100) {
      printf "bare-ffmpeg: FFmpeg %d%% (%d of %d files)\n", p, n, total
      fflush()
      next_p = p - p % 10 + 10
    }
  }'
wait $pid
status=$?
if ((status != 0)); then
  echo "bare-ffmpeg: FFmpeg's build failed (make exited with $status); the last lines of $log:" >&2
  tail -n 40 "$log" >&2
  exit "$status"
fi
echo "bare-ffmpeg: FFmpeg compiled in $((SECONDS - start)) s"
