# Our one change to FFmpeg's sources, applied to the unpacked tarball:
#   cmake -DSOURCE_DIR=... -P patches.cmake
#
# The concat demuxer opens each entry of its script as a nested input with FFmpeg's default
# io_open, which opens files and URLs itself: an application's io_open hook (bare-ffmpeg's
# `onopen`, or its refusal of every nested open) never sees those opens. With this change the
# nested input inherits the parent's io_open, io_close2 and opaque, as the segment and hls muxers
# already do for their nested outputs. Programs that keep FFmpeg's default hooks (ffmpeg,
# ffprobe) behave exactly as before.
set(file "${SOURCE_DIR}/libavformat/concatdec.c")
file(READ "${file}" text)
set(anchor "    cat->avf->interrupt_callback = avf->interrupt_callback;\n")
string(FIND "${text}" "${anchor}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "patches.cmake: ${file} has changed; update the concat patch")
endif()
string(REPLACE "${anchor}" "${anchor}\
    /* bare-ffmpeg: nested inputs open through the parent's hooks */\n\
    cat->avf->opaque     = avf->opaque;\n\
    cat->avf->io_open    = avf->io_open;\n\
    cat->avf->io_close2  = avf->io_close2;\n" text "${text}")
file(WRITE "${file}" "${text}")
