#!/usr/bin/env bash
# Runs cargo on the addon's crate with the environment CMakeLists.txt gives it: ffmpeg-sys-next
# finds our FFmpeg build through pkg-config (static), in a target directory keyed by that build.
# For `cargo test`, `cargo clippy` and the like:
#   bash scripts/cargo.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=$(bash ffmpeg/prepare.sh)
export PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig" PKG_CONFIG_PATH= PKG_CONFIG_ALL_STATIC=1
unset FFMPEG_DIR
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/build/cargo/$(basename "$prefix")}"
exec cargo "$@"
