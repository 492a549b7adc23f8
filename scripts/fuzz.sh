#!/usr/bin/env bash
# Long fuzz runs: bash scripts/fuzz.sh [cases] [first seed]. Runs the harness in batches of
# 10,000 seeds, each in a fresh process, so a crash names its batch (replay one seed with
# `bare test/fuzz-harness.js SEED 1`).
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-1000000}
first=${2:-0}
batch=10000
for ((seed = first; seed < first + cases; seed += batch)); do
  if ! npx bare test/fuzz-harness.js "$seed" "$batch"; then
    echo "crash in seeds $seed..$((seed + batch - 1))" >&2
    exit 1
  fi
done
echo "fuzz: $cases cases from seed $first, no crash"
