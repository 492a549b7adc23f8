#!/usr/bin/env bash
# Prints the WINEPATH for running Windows programs of ours under Wine (test/cross.js, and
# scripts/cross-test.sh): MinGW's runtime DLLs (which FFmpeg's ffmpeg.exe and ffprobe.exe and
# cargo's test programs link against; the addon carries its own) and a stand-in for
# bcryptprimitives.dll, which Windows 10 and later have and Wine 8 lacks
# (test/win32/bcryptprimitives.c, built here once into build/win32-x64/wine).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$PWD/build/win32-x64/wine
if [[ ! -f $dir/bcryptprimitives.dll ]]; then
  mkdir -p "$dir"
  x86_64-w64-mingw32-gcc -shared -O1 -o "$dir/bcryptprimitives.dll" \
    test/win32/bcryptprimitives.c -ladvapi32
fi
runtime=$(ls -d /usr/lib/gcc/x86_64-w64-mingw32/*-win32 | tail -n 1)
echo "$dir;$runtime;/usr/x86_64-w64-mingw32/lib"
