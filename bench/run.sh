#!/usr/bin/env bash
# The benchmark command: sets up, installs the published addon for comparison (bench/package.json),
# makes the input and the native program, then runs bench/run.js. Run it on a quiet machine.
#   bash bench/run.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
(cd bench && npm install --no-audit --no-fund --loglevel=error)
mkdir -p bench/tmp
if [[ ! -f bench/tmp/input.mkv ]]; then
  ffmpeg -hide_banner -loglevel error -y -threads 1 \
    -f lavfi -i testsrc=size=320x240:rate=25:duration=300 \
    -f lavfi -i sine=frequency=440:sample_rate=48000:duration=300 \
    -c:v mpeg4 -b:v 1000k -g 50 -c:a mp2 -b:a 128k \
    -fflags +bitexact -flags:v +bitexact -flags:a +bitexact bench/tmp/input.mkv
fi
gcc -O2 -o bench/tmp/native bench/native.c $(pkg-config --cflags --libs libavformat libavcodec libavutil)
npx bare bench/run.js "$@"
