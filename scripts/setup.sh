#!/usr/bin/env bash
# Installs everything the demo and the tests need, then builds the addon. Idempotent: a second
# run only rebuilds what changed. Used by scripts/test.sh and scripts/demo.sh.
#
# FFmpeg is not taken from the system: the first build makes FFmpeg 9.0.2 and its codec libraries
# from source into ~/.cache/bare-ffmpeg (about 20 minutes on 2 cores, once per machine; see
# ffmpeg/build.rs), and links them into the addon statically.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: the tools that build FFmpeg and its codec libraries (CMake, Ninja, meson, NASM,
# pkg-config), clang for ffmpeg-sys-next's bindings, the linker bare-make's toolchain file asks
# for, and valgrind for scripts/valgrind.sh.
apt_packages=(cmake ninja-build meson nasm pkg-config make gcc g++ xz-utils clang libclang-dev lld
  valgrind)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v cargo >/dev/null || {
  echo "setup: cargo (Rust 1.89 or newer) is required; install it with rustup" >&2
  exit 1
}

# npm packages: the Bare runtime, bare-make, cmake-bare, brittle, test helpers.
if [[ ! -d node_modules/.bin || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "setup: installing npm packages"
  npm install --no-audit --no-fund --loglevel=error
fi

# The addon: CMake has FFmpeg built (or finds it in the cache), cargo builds the Rust staticlib,
# and CMake links it with binding.c into prebuilds/.
if [[ ! -f build/build.ninja ]]; then
  echo "setup: configuring (the first time, this builds FFmpeg)"
  npx bare-make generate >/dev/null
fi
npx bare-make build >/dev/null
npx bare-make install >/dev/null
echo "setup: built $(ls prebuilds/*/bare-ffmpeg.bare)"
