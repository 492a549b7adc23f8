#!/usr/bin/env bash
# Installs everything the demo and the tests need, then builds the addon. Idempotent: a second
# run only rebuilds what changed. Used by scripts/test.sh and scripts/demo.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages: FFmpeg's libraries and tools, pkg-config and clang for the bindings, the
# linker bare-make's toolchain file asks for, and valgrind for scripts/valgrind.sh.
apt_packages=(ffmpeg libavformat-dev libavcodec-dev libavutil-dev pkg-config clang libclang-dev lld
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
  echo "setup: cargo (Rust 1.85 or newer) is required; install it with rustup" >&2
  exit 1
}

# npm packages: the Bare runtime, bare-make, cmake-bare, brittle, test helpers.
if [[ ! -d node_modules/.bin || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "setup: installing npm packages"
  npm install --no-audit --no-fund --loglevel=error
fi

# The addon: cargo builds the Rust staticlib, CMake links it with binding.c into prebuilds/.
[[ -f build/build.ninja ]] || npx bare-make generate >/dev/null
npx bare-make build >/dev/null
npx bare-make install >/dev/null
echo "setup: built $(ls prebuilds/*/bare-ffmpeg.bare)"
