#!/usr/bin/env bash
# The benchmark command: sets up, installs the published addon for comparison (bench/package.json),
# makes the input and the native program, then runs bench/run.js. Run it on a quiet machine.
#   bash bench/run.sh [runs]
#   bash bench/run.sh decode|convert|callgrind   (one section of bench/RESULTS.md)
#
# The input is made, and the native program linked, with our own FFmpeg build (the one the addon
# carries), so that all three run the same FFmpeg code.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >/dev/null
prefix=$(bash ffmpeg/prepare.sh 2>/dev/null)
(cd bench && npm install --no-audit --no-fund --loglevel=error)
mkdir -p bench/tmp
if [[ ! -f bench/tmp/input.mkv ]]; then
  "$prefix/bin/ffmpeg" -hide_banner -loglevel error -y -threads 1 \
    -f lavfi -i testsrc=size=320x240:rate=25:duration=300 \
    -f lavfi -i sine=frequency=440:sample_rate=48000:duration=300 \
    -c:v mpeg4 -b:v 1000k -g 50 -c:a mp2 -b:a 128k \
    -fflags +bitexact -flags:v +bitexact -flags:a +bitexact bench/tmp/input.mkv
fi
# 1080p clips for the decoding cases: 2 s of testsrc2 at 30 fps, H.264 (OpenH264) and VP9.
for clip in h264:libopenh264:mkv vp9:libvpx-vp9:webm; do
  IFS=: read -r name encoder ext <<<"$clip"
  file="bench/tmp/$name-1080p.$ext"
  [[ -f $file ]] && continue
  echo "bench: encoding $file" >&2
  "$prefix/bin/ffmpeg" -hide_banner -loglevel error -y \
    -f lavfi -i testsrc2=size=1920x1080:rate=30:duration=2 -c:v "$encoder" -pix_fmt yuv420p \
    -b:v 4M -g 30 $([[ $name == vp9 ]] && echo -deadline realtime -cpu-used 8) "$file"
done
# shellcheck disable=SC2046 # pkg-config's output is a list of flags
gcc -O2 -o bench/tmp/native bench/native.c \
  $(PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig" pkg-config --static --cflags --libs libavformat libavcodec libswscale libswresample) \
  -lstdc++ -lm
if [[ ${1:-} == decode || ${1:-} == convert || ${1:-} == callgrind ]]; then
  which=$1
  shift
  npx bare "bench/$which.js" "$@"
else
  npx bare bench/run.js "$@"
  npx bare bench/decode.js "$@"
  npx bare bench/convert.js "$@"
  npx bare bench/callgrind.js # instructions: needs valgrind (apt install valgrind), ~10 minutes
fi
npx prettier --log-level warn --write bench/RESULTS.md # the tables, aligned
