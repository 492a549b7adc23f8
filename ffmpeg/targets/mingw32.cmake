# Windows, cross-built with Debian's MinGW-w64 (x86_64-w64-mingw32-gcc, which cc-rs picks for the
# Rust target). FFmpeg uses Windows' own threads, as its Windows builds do; Kvazaar's pthreads come
# from MinGW's winpthreads, linked in statically with the addon.
set(vpx_os win64-gcc)
set(gnu_host ${rust_arch}-w64-mingw32)
set(meson_system windows)
set(ffmpeg_target_os mingw32)
# Screen and Video-for-Windows capture, as the published package's Windows prebuild has: they use
# only DLLs every Windows has (gdi32, user32, avicap32).
set(ffmpeg_target_flags --enable-w32threads --enable-indev=gdigrab --enable-indev=vfwcap)
set(ffmpeg_target_cflags)
set(ffmpeg_programs ON)
