# Rewrites the link libraries rustc printed (rust-libs.txt, a linker response file) so that the
# compiler's runtime libraries that the codec libraries pull in (the C++ runtime for OpenH264,
# libatomic) are linked in statically: the prebuild must need nothing but the C runtime.
# `-l:libstdc++.a` is the GNU linker's way of asking for the archive by its file name. On Apple
# targets (built with Zig) the C++ runtime is LLVM's libc++, which Zig links statically itself,
# and the compiler's runtime has the atomics; the Apple frameworks ffmpeg-sys-next names for any
# macOS FFmpeg (VideoToolbox, AppKit, QTKit, ...) go: ours is built with --disable-autodetect and
# uses none of them, and a framework in the load commands that a Mac lacks (QTKit is gone since
# macOS 10.15) would stop the addon from loading. So does libiconv, which Rust's standard library
# names for every Apple target and which nothing here calls (test/cross.js checks that every
# import is libSystem's).
#   cmake -DFILE=rust-libs.txt [-DAPPLE=1] -P static-runtime.cmake
file(READ "${FILE}" libs)
string(STRIP "${libs}" libs)
separate_arguments(libs UNIX_COMMAND "${libs}")
if(APPLE)
  set(kept)
  set(skip OFF)
  foreach(lib IN LISTS libs)
    if(skip)
      set(skip OFF)
    elseif(lib STREQUAL "-framework")
      set(skip ON)
    elseif(NOT lib MATCHES "^-l(atomic|iconv)$")
      list(APPEND kept ${lib})
    endif()
  endforeach()
  set(libs ${kept})
  list(TRANSFORM libs REPLACE "^-lstdc\\+\\+$" "-lc++")
else()
  list(TRANSFORM libs REPLACE "^-l(stdc\\+\\+|atomic)$" "-l:lib\\1.a")
endif()
list(JOIN libs " " libs)
file(WRITE "${FILE}" "${libs}\n")
