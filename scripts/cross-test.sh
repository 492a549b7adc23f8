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
    # The test program links Bare's functions as the addon does, from the delay-load import
    # library of its build (npm run prebuild-for -- win32-x64; its delay-load helper is in
    # libmingwex, named again after it with the kernel32 it calls); the tests call none of them.
    # libssp for Opus's hardened build.
    import_library=$PWD/build/win32-x64/libbare-delay.a
    if [[ ! -f $import_library ]]; then
      echo "cross-test: $import_library is missing: run npm run prebuild-for -- win32-x64 first" >&2
      exit 1
    fi
    export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-C link-arg=-lssp -C link-arg=$import_library -C link-arg=-lmingwex -C link-arg=-lkernel32"
    source scripts/mingw-env.sh
    WINEPATH=$(bash scripts/wine-path.sh)
    export WINEPATH WINEDEBUG=-all
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
