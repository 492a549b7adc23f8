#!/usr/bin/env bash
# `cargo test` of the crate built for another target, run under emulation (qemu-user, Wine), against
# that target's FFmpeg build: the pure Rust parts (callback checks, seek arithmetic, the muxer's
# state machine, field tables) and FFmpeg's own functions the tests call, on the target's CPU.
#   bash scripts/cross-test.sh linux-arm64
#   bash scripts/cross-test.sh win32-x64
set -euo pipefail
cd "$(dirname "$0")/.."
case ${1:-} in
  linux-arm64)
    target=aarch64-unknown-linux-gnu
    export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
    export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64 -L /usr/aarch64-linux-gnu"
    ;;
  win32-x64)
    target=x86_64-pc-windows-gnu
    export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
    # No MinGW runtime DLL next to the test program: link them in, as the addon does.
    export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-C link-arg=-static"
    ;;
  *)
    echo "usage: bash scripts/cross-test.sh linux-arm64|win32-x64" >&2
    exit 2
    ;;
esac
prefix=$(BARE_FFMPEG_PREP_TARGET_DIR="$PWD/build/$1/cargo-ffmpeg" bash ffmpeg/prepare.sh "$target")
export PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig" PKG_CONFIG_PATH= PKG_CONFIG_ALL_STATIC=1
export PKG_CONFIG_ALLOW_CROSS=1
unset FFMPEG_DIR
exec cargo test --release --locked -p bare-ffmpeg --target "$target" \
  --target-dir "build/$1/cargo-test/$(basename "$prefix")"
