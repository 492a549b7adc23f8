# Linux (glibc): x86_64 with the host's compilers, aarch64 with Debian's gcc-aarch64-linux-gnu.
set(vpx_os linux-gcc)
string(REPLACE "-unknown-" "-" gnu_host "${BARE_FFMPEG_TARGET}")
set(meson_system linux)
set(ffmpeg_target_os linux)
set(ffmpeg_target_flags --enable-pthreads)
set(ffmpeg_target_cflags)
set(ffmpeg_programs ON)
