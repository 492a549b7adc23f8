# macOS, cross-built with Zig's C compiler (scripts/zig-toolchain.sh): Zig's libc headers and
# libSystem stubs stand in for Apple's SDK, so nothing Apple-only is autodetected or linked
# (no VideoToolbox, AudioToolbox, CoreImage or Metal: --disable-autodetect keeps them out, as on
# every platform). libvpx's darwin20 target is macOS 11, the first with arm64.
set(vpx_os darwin20-gcc)
set(gnu_host ${rust_arch}-apple-darwin)
set(meson_system darwin)
set(ffmpeg_target_os darwin)
set(ffmpeg_target_flags --enable-pthreads)
# FFmpeg changes no file by itself (src/fs_guard.rs). Mach-O linkers have no --wrap, so FFmpeg's
# own sources call the refusals by name instead of rename, unlink, rmdir and mkdir.
set(ffmpeg_target_cflags
  "-Drename=__wrap_rename -Dunlink=__wrap_unlink -Drmdir=__wrap_rmdir -Dmkdir=__wrap_mkdir")
# Nothing here runs macOS programs: the addon's tests for this target are of the binary itself.
set(ffmpeg_programs OFF)
