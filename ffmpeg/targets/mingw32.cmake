# Windows, cross-built with Debian's MinGW-w64 (x86_64-w64-mingw32-gcc, its POSIX-threads flavour,
# which the codec libraries need). FFmpeg itself uses Windows' own threads, as its Windows builds do.
set(vpx_os win64-gcc)
set(gnu_host ${rust_arch}-w64-mingw32)
set(meson_system windows)
set(ffmpeg_target_os mingw32)
set(ffmpeg_target_flags --enable-w32threads)
set(ffmpeg_target_cflags)
set(ffmpeg_programs ON)
