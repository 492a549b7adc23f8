# Windows, cross-built with Debian's MinGW-w64 (x86_64-w64-mingw32-gcc, which cc-rs picks for the
# Rust target). FFmpeg uses Windows' own threads, as its Windows builds do; Kvazaar's pthreads come
# from MinGW's winpthreads, linked in statically with the addon.
set(vpx_os win64-gcc)
set(gnu_host ${rust_arch}-w64-mingw32)
set(meson_system windows)
set(ffmpeg_target_os mingw32)
# Screen and Video-for-Windows capture, as the published package's Windows prebuild has: they use
# only DLLs every Windows has (gdi32, user32, avicap32). Opus is built hardened (stack protector,
# fortified copies), whose checks MinGW keeps in libssp: every link that takes Opus needs it.
set(ffmpeg_target_flags --enable-w32threads --enable-indev=gdigrab --enable-indev=vfwcap
  --extra-libs=-lssp)
# Kvazaar's header declares its functions dllimport unless told the library is static.
set(ffmpeg_target_cflags -DKVZ_STATIC_LIB)
set(ffmpeg_programs ON)
# zlib's CMake names its static library libzs.a on Windows while its zlib.pc says -lz: FFmpeg's
# configure (and the addon's link, through pkg-config) look for libz.a. Copied before FFmpeg is
# configured (a step of the ffmpeg project, added once the recipe has defined it).
cmake_language(DEFER CALL ExternalProject_Add_Step ffmpeg zlib-name
  COMMAND ${CMAKE_COMMAND} -E copy ${prefix}/lib/libzs.a ${prefix}/lib/libz.a
  DEPENDEES patch
  DEPENDERS configure
)
