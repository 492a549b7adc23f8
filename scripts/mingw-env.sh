# Sourced by scripts/prebuild.sh and scripts/cross-test.sh for x86_64-pc-windows-gnu: bindgen's
# view of Debian's MinGW 10 headers. A stand-in for the d3d12video.h they lack
# (cmake/mingw-bindgen/), and clang's AMX intrinsics header left out (bindgen cannot lay out its
# tile type, which windows.h pulls in; nothing here uses it).
export BINDGEN_EXTRA_CLANG_ARGS_x86_64_pc_windows_gnu="-I$PWD/cmake/mingw-bindgen -D__AMXINTRIN_H"
