#!/usr/bin/env bash
# Makes sure the FFmpeg build exists (building it the first time, ~20 minutes on 2 cores) and
# prints its prefix on stdout; progress goes to stderr. CMakeLists.txt runs it when it configures;
# scripts that need ffmpeg/ffprobe run it too (a second run takes a second).
#
#   bash ffmpeg/prepare.sh [rust-target]        (default: the host)
#
# The build itself is ffmpeg/build.rs (through cargo and the cmake crate), into
# ${BARE_FFMPEG_CACHE:-~/.cache/bare-ffmpeg}. cargo shows a build script's output only with -vv.
set -eu
# An FFmpeg installed elsewhere with the same configuration (a developer's own build, say).
if [[ -n ${BARE_FFMPEG_PREFIX:-} ]]; then
  echo "$BARE_FFMPEG_PREFIX"
  exit 0
fi
root=$(cd "$(dirname "$0")/.." && pwd)
target=${1:-}
target_dir=${BARE_FFMPEG_PREP_TARGET_DIR:-$root/build/cargo-ffmpeg}
mkdir -p "$target_dir"
prefix_file="$target_dir/prefix${target:+-$target}"

cd "$root"
# ffmpeg-src (FFmpeg's release tarball) is an optional dependency that cargo never builds, so
# cargo build alone would not download it: fetch everything Cargo.lock names.
cargo fetch --locked --quiet >&2

args=(build -vv --release --locked -p bare-ffmpeg-build --target-dir "$target_dir")
[[ -n $target ]] && args+=(--target "$target")
# Keep the build script's lines (what it and CMake say) and cargo's errors; drop the rest: the
# rustc command lines, the cmake crate's probing of environment variables, CMake's compiler checks.
BARE_FFMPEG_PREFIX_FILE=$prefix_file cargo "${args[@]}" 2>&1 | awk '
  /^\[bare-ffmpeg-build [^]]*\] / {
    sub(/^\[bare-ffmpeg-build [^]]*\] /, "")
    if ($0 ~ /^cargo:|^[A-Za-z0-9_-]+ = (None|Some)|^-- (Detecting|Check for working|The C|Configuring done|Generating done)/) next
    print; fflush(); next
  }
  /^(error|Caused by)/ { print; fflush() }' >&2
if ((PIPESTATUS[0] != 0)); then # (no pipefail: the pipeline's own status is awk's)
  echo "bare-ffmpeg: the FFmpeg build failed (see above for the step and its log file)" >&2
  exit 1
fi
cat "$prefix_file"
