#!/usr/bin/env bash
# Writes compiler wrappers around Zig's C compiler for one target into a directory, for the
# targets Debian has no cross compiler for (macOS): cc, c++, ar, ranlib, each a one-line script
# that the FFmpeg recipe, cargo (cc-rs, bindgen) and CMake can all name as a single program, and
# toolchain.cmake, the CMake toolchain file for the addon's own build (in place of bare-make's,
# which needs Apple's clang and linker). Prints Zig's directory.
#
#   bash scripts/zig-toolchain.sh <zig-target> <directory>     e.g. aarch64-macos.13.0
#
# Zig comes from PyPI (pip install ziglang): its own libc headers and libSystem stubs stand in for
# Apple's SDK. The wrapper gives Zig the target itself and drops what would contradict or confuse
# it: Apple's `-arch X` and clang's `--target=` (CMake and cc-rs add them; Zig knows neither
# spelling), and three linker flags Zig's linker refuses (-Wl,-dynamic, -Wl,-no_weak_imports and
# -Wl,-headerpad_max_install_names, both ld64 defaults, which configure scripts pass). Meson
# recognises Apple's linker only by ld64's answers to -Wl,--version and -Wl,-v: the wrapper gives
# those answers (Zig's linker is a Mach-O linker that takes ld64's options).
set -euo pipefail
zig_target=$1
dir=$2
zig_dir=$(python3 -c 'import ziglang, os; print(os.path.dirname(ziglang.__file__))' 2>/dev/null) || {
  python3 -m pip install --quiet 'ziglang==0.17.1' >&2
  zig_dir=$(python3 -c 'import ziglang, os; print(os.path.dirname(ziglang.__file__))')
}
mkdir -p "$dir"
for tool in cc c++; do
  cat >"$dir/$tool" <<WRAPPER
#!/usr/bin/env bash
case " \$* " in
  *" -Wl,--version "*) echo "ld: unknown option: --version" >&2; exit 1 ;;
  *" -Wl,-v "*) echo "@(#)PROGRAM:ld  PROJECT:ld64-951.9 (zig)" >&2; exit 0 ;;
esac
args=()
skip=0
for arg in "\$@"; do
  if ((skip)); then skip=0; continue; fi
  case \$arg in
    -arch) skip=1 ;;
    --target=*) ;;
    -Wl,*)
      IFS=, read -ra parts <<<"\${arg#-Wl,}"
      kept=()
      for part in "\${parts[@]}"; do
        case \$part in
          -dynamic | -headerpad_max_install_names | -no_weak_imports) ;;
          *) kept+=("\$part") ;;
        esac
      done
      if ((\${#kept[@]})); then
        joined=\$(IFS=,; echo "\${kept[*]}")
        args+=("-Wl,\$joined")
      fi
      ;;
    *) args+=("\$arg") ;;
  esac
done
exec "$zig_dir/zig" $tool -target $zig_target "\${args[@]}"
WRAPPER
done
for tool in ar ranlib; do
  printf '#!/usr/bin/env bash\nexec "%s/zig" %s "$@"\n' "$zig_dir" "$tool" >"$dir/$tool"
done
chmod +x "$dir"/cc "$dir"/c++ "$dir"/ar "$dir"/ranlib
# CMake insists on install_name_tool for Apple targets (it finds it on PATH): LLVM's, as
# bin/install_name_tool for the caller to put first on PATH (the wrappers above must not be there:
# `cc` on PATH is the host's compiler, for build scripts).
llvm_bin=$(ls -d /usr/lib/llvm-*/bin | sort -V | tail -n 1)
mkdir -p "$dir/bin"
ln -sf "$llvm_bin/llvm-install-name-tool" "$dir/bin/install_name_tool"
# Beside the compiler, where CMake looks first for the binary tools that go with it: a `strip` that
# strips nothing (the host's GNU strip, found otherwise, and LLVM's both wrote Mach-O archives that
# Zig's linker could not read; the addon is stripped at its own link). It copies the input to
# `-o <output>`, or leaves the file as it is.
cat >"$dir/strip" <<'STRIP'
#!/usr/bin/env bash
out= in=
while (($#)); do
  case $1 in
    -o) out=$2; shift ;;
    -*) ;;
    *) in=$1 ;;
  esac
  shift
done
if [[ -n $out && -n $in ]]; then cp "$in" "$out"; fi
STRIP
chmod +x "$dir/strip"
case $zig_target in
  aarch64-macos*) system=Darwin processor=arm64 ;;
  x86_64-macos*) system=Darwin processor=x86_64 ;;
  *) system= ;;
esac
if [[ -n $system ]]; then
  version=${zig_target#*-macos.}
  cat >"$dir/toolchain.cmake" <<TOOLCHAIN
# Written by scripts/zig-toolchain.sh: macOS ($processor) through Zig's C compiler.
set(CMAKE_SYSTEM_NAME $system)
set(CMAKE_SYSTEM_PROCESSOR $processor)
set(CMAKE_OSX_ARCHITECTURES $processor)
set(CMAKE_OSX_DEPLOYMENT_TARGET $version)
set(CMAKE_C_COMPILER "$dir/cc")
set(CMAKE_CXX_COMPILER "$dir/c++")
set(CMAKE_AR "$dir/ar" CACHE FILEPATH "")
set(CMAKE_RANLIB "$dir/ranlib" CACHE FILEPATH "")
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
TOOLCHAIN
fi
echo "$zig_dir"
