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
    # libssp for Opus's hardened build.
    # The test program links Bare's functions as the addon does, from the delay-load import
    # library of its build (npm run prebuild-for -- win32-x64; its delay-load helper is in
    # libmingwex, named again after it with the kernel32 it calls); the tests call none of them.
    import_library=$PWD/build/win32-x64/libbare-delay.a
    if [[ ! -f $import_library ]]; then
      echo "cross-test: $import_library is missing: run npm run prebuild-for -- win32-x64 first" >&2
      exit 1
    fi
    export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-C link-arg=-static -C link-arg=-lssp -C link-arg=$import_library -C link-arg=-lmingwex -C link-arg=-lkernel32"
    export BINDGEN_EXTRA_CLANG_ARGS_x86_64_pc_windows_gnu="-I$PWD/cmake/mingw-bindgen -D__AMXINTRIN_H"
    # Wine 8 lacks bcryptprimitives.dll (Rust's standard library imports it): test/cross.js's
    # stand-in, built here if it is not yet.
    wine_dir=$PWD/build/win32-x64/wine
    if [[ ! -f $wine_dir/bcryptprimitives.dll ]]; then
      mkdir -p "$wine_dir"
      x86_64-w64-mingw32-gcc -shared -O1 -o "$wine_dir/bcryptprimitives.dll" \
        test/win32/bcryptprimitives.c -ladvapi32
    fi
    # and MinGW's runtime DLLs, which the test program links (cargo's link keeps them dynamic).
    runtime=$(ls -d /usr/lib/gcc/x86_64-w64-mingw32/*-win32 | tail -n 1)
    export WINEPATH="$wine_dir;$runtime;/usr/x86_64-w64-mingw32/lib" WINEDEBUG=-all
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
