#!/usr/bin/env bash
# Builds the prebuild for one target, FFmpeg and its codec libraries included (cached per target
# in ~/.cache/bare-ffmpeg, as for linux-x64), into prebuilds/<target>/bare-ffmpeg.bare.
#
#   npm run prebuild-for -- <target>   e.g. linux-x64, linux-arm64 (not "prebuild": npm would
#                                      run a script of that name before every "build")
#   npm run prebuilds                every target this machine can build
#
# Per target, the toolchain (docs/prebuilds.md says why each): the host's own for the host's target;
# on a Debian x64 machine, linux-arm64 builds FFmpeg and the codec libraries with Debian's
# gcc-aarch64-linux-gnu and links the addon with clang and lld, as bare-make's linux-arm64
# toolchain does; darwin-arm64 and darwin-x64 build everything with Zig's C compiler and linker
# (scripts/zig-toolchain.sh; Zig from PyPI brings the macOS headers and libSystem stubs, so no
# Apple SDK is needed). The release workflow (.github/workflows/prebuilds.yml) builds the other
# targets, each on a runner of its platform (this machine has neither the Android NDK nor Apple's
# iOS SDK).
set -euo pipefail
cd "$(dirname "$0")/.."

targets=("$@")
if ((${#targets[@]} == 0)); then
  echo "usage: npm run prebuild-for -- <target> (linux-x64, linux-arm64, darwin-arm64, darwin-x64," \
    "win32-x64)," \
    "or npm run prebuilds" >&2
  exit 2
fi
if [[ ${targets[0]} == all ]]; then
  targets=(linux-x64 linux-arm64 darwin-arm64 darwin-x64 win32-x64) # what this machine can build
fi

# The Rust target of each platform the published package ships.
rust_target_of() {
  case $1 in
    linux-x64) echo x86_64-unknown-linux-gnu ;;
    linux-arm64) echo aarch64-unknown-linux-gnu ;;
    darwin-arm64) echo aarch64-apple-darwin ;;
    darwin-x64) echo x86_64-apple-darwin ;;
    ios-arm64) echo aarch64-apple-ios ;;
    ios-arm64-simulator) echo aarch64-apple-ios-sim ;;
    ios-x64-simulator) echo x86_64-apple-ios ;;
    android-arm64) echo aarch64-linux-android ;;
    android-arm) echo armv7-linux-androideabi ;;
    android-ia32) echo i686-linux-android ;;
    android-x64) echo x86_64-linux-android ;;
    win32-x64) echo x86_64-pc-windows-gnu ;;
    win32-arm64) echo aarch64-pc-windows-gnullvm ;;
    *) return 1 ;;
  esac
}
host_target() {
  local arch
  case $(uname -m) in x86_64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
  case $(uname -s) in Linux) echo "linux-$arch" ;; Darwin) echo "darwin-$arch" ;; *) echo "win32-$arch" ;; esac
}
# Zig's name for the macOS targets (13.0: the oldest macOS that Bare's own toolchains target).
zig_target_of() {
  case $1 in
    darwin-arm64) echo aarch64-macos.13.0 ;;
    darwin-x64) echo x86_64-macos.13.0 ;;
    *) return 1 ;;
  esac
}
packages_of() {
  case $1 in
    linux-arm64) echo gcc-aarch64-linux-gnu g++-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user ;;
    darwin-*) echo llvm ;; # llvm-objcopy and llvm-install-name-tool, which read Mach-O
    win32-x64) echo mingw-w64 wine64 ;; # wine: test/cross.js runs its ffmpeg and a host
  esac
}

all_start=$(date +%s)
bash scripts/setup.sh >/dev/null # npm packages, the host's tools; builds linux-x64
setup_seconds=$(($(date +%s) - all_start))

for target in "${targets[@]}"; do
  if ! rust_target=$(rust_target_of "$target"); then
    echo "prebuild: no such target: $target (docs/prebuilds.md lists them)" >&2
    exit 2
  fi
  start=$(date +%s)
  missing=()
  for p in $(packages_of "$target"); do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if ((${#missing[@]})); then
    echo "prebuild: installing ${missing[*]}"
    sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  rustup target list --installed | grep -qx "$rust_target" || rustup target add "$rust_target"
  if [[ $target != "$(host_target)" ]]; then
    build=build/$target
    platform=${target%%-*}
    rest=${target#*-}
    arch=${rest%-simulator}
    flags=(--platform "$platform" --arch "$arch")
    [[ $rest == *-simulator ]] && flags+=(--simulator)
    # Windows from Linux: MinGW-w64 (bare-make's mingw toolchain), not clang-cl and MSVC's
    # libraries, which only a Windows machine has.
    if [[ $platform == win32 ]]; then
      flags=(--platform mingw --arch "$arch" --no-color) # (MinGW's gcc has no -fcolor-diagnostics)
      source scripts/mingw-env.sh
    fi
    if zig_target=$(zig_target_of "$target"); then
      # Compilers for cargo (cc-rs, the cmake crate and so the FFmpeg recipe) by Rust target, the
      # macOS headers for bindgen, and the addon's CMake toolchain file in place of bare-make's.
      tools=$PWD/build/toolchain/$target
      zig_dir=$(bash scripts/zig-toolchain.sh "$zig_target" "$tools")
      triple=${rust_target//-/_}
      bindgen_args="-isystem $zig_dir/lib/libc/include/any-darwin-any"
      # bindgen parses with Debian's libclang 14, which has no _Float16 on x86-64; macOS 15's
      # math.h declares half-precision functions with it, which nothing here calls.
      [[ $target == darwin-x64 ]] && bindgen_args+=" -D_Float16=short"
      export "CC_$triple=$tools/cc" "CXX_$triple=$tools/c++" "AR_$triple=$tools/ar" \
        "RANLIB_$triple=$tools/ranlib" MACOSX_DEPLOYMENT_TARGET=${zig_target#*-macos.} \
        "BINDGEN_EXTRA_CLANG_ARGS_$triple=$bindgen_args"
      export PATH="$tools/bin:$PATH"
      flags+=(--define "CMAKE_TOOLCHAIN_FILE=$tools/toolchain.cmake")
    fi
    if [[ ! -f $build/build.ninja ]]; then
      echo "prebuild: configuring $target (the first time, this builds FFmpeg for it: about 20 minutes on 2 cores)"
      log=$build.generate.log
      mkdir -p build
      # The FFmpeg build's progress lines show; everything goes to the log.
      if ! npx bare-make generate --build "$build" "${flags[@]}" 2>&1 | tee "$log" |
        { grep --line-buffered '^bare-ffmpeg:' || true; }; then
        tail -n 30 "$log" >&2
        echo "prebuild: configuring $target failed; the log: $log" >&2
        exit 1
      fi
    fi
    log=$build.build.log
    if ! { npx bare-make build --build "$build" && npx bare-make install --build "$build"; } >"$log" 2>&1; then
      tail -n 30 "$log" >&2
      echo "prebuild: building $target failed; the log: $log" >&2
      exit 1
    fi
  fi
  file=prebuilds/$target/bare-ffmpeg.bare
  seconds=$(($(date +%s) - start))
  # The host's own prebuild is the set-up step's work.
  [[ $target == "$(host_target)" ]] && seconds=$((seconds + setup_seconds))
  echo "prebuild: $file, $(stat -c %s "$file") bytes, $seconds s"
done
echo "prebuild: ${#targets[@]} target(s) in $(($(date +%s) - all_start)) s"

