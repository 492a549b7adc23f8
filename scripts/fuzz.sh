#!/usr/bin/env bash
# Long fuzz runs: bash scripts/fuzz.sh [cases] [first seed] [sync|async|output]. Runs the harness
# in batches of 10,000 seeds, each in a fresh process, so a crash names its batch (replay one seed
# with `bare test/fuzz-harness.js SEED 1 [mode]`, or `bare test/fuzz-output-harness.js SEED 1`).
# sync and async: mutated inputs through the demuxer; output: random sequences of muxer calls.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-1000000}
first=${2:-0}
mode=${3:-sync}
batch=10000
for ((seed = first; seed < first + cases; seed += batch)); do
  if [[ $mode == output ]]; then
    command=(npx bare test/fuzz-output-harness.js "$seed" "$batch")
  else
    command=(npx bare test/fuzz-harness.js "$seed" "$batch" "$mode")
  fi
  if ! "${command[@]}"; then
    echo "crash in seeds $seed..$((seed + batch - 1))" >&2
    exit 1
  fi
done
echo "fuzz ($mode): $cases cases from seed $first, no crash"
