# Rewrites the link libraries rustc printed (rust-libs.txt, a linker response file) so that the
# compiler's runtime libraries that the codec libraries pull in (the C++ runtime for OpenH264,
# libatomic) are linked in statically: the prebuild must need nothing but the C runtime.
# `-l:libstdc++.a` is the linker's way of asking for the archive by its file name.
#   cmake -DFILE=rust-libs.txt -P static-runtime.cmake
file(READ "${FILE}" libs)
string(STRIP "${libs}" libs)
separate_arguments(libs UNIX_COMMAND "${libs}")
list(TRANSFORM libs REPLACE "^-l(stdc\\+\\+|atomic)$" "-l:lib\\1.a")
list(JOIN libs " " libs)
file(WRITE "${FILE}" "${libs}\n")
