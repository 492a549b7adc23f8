# Adds fftools/ (the ffmpeg and ffprobe programs) from Debian's tarball of the same FFmpeg release
# to the ffmpeg-src sources, which carry everything but those C files.
#   cmake -DTARBALL=... -DSOURCE_DIR=... -P add-fftools.cmake
get_filename_component(scratch "${SOURCE_DIR}/../fftools-extract" ABSOLUTE)
file(REMOVE_RECURSE "${scratch}")
file(MAKE_DIRECTORY "${scratch}")
file(ARCHIVE_EXTRACT INPUT "${TARBALL}" DESTINATION "${scratch}" PATTERNS "*/fftools/*" "*/RELEASE")
file(GLOB top "${scratch}/*")
file(READ "${top}/RELEASE" theirs)
file(READ "${SOURCE_DIR}/RELEASE" ours)
if(NOT theirs STREQUAL ours)
  message(FATAL_ERROR "fftools are from FFmpeg ${theirs}, the libraries from ${ours}")
endif()
file(COPY "${top}/fftools" DESTINATION "${SOURCE_DIR}")
file(REMOVE_RECURSE "${scratch}")
