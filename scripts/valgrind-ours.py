"""Counts (or prints, with --print) the definitely-lost records in a valgrind log whose stack
passes through our addon: Rust frames of the bare_ffmpeg crate, the addon file, or FFmpeg."""
import re
import sys

OURS = re.compile(r"bare_ffmpeg::|bare-ffmpeg@|bare-ffmpeg\.bare|libavformat|libavcodec|libavutil")

log = open(sys.argv[1], encoding="utf-8", errors="replace").read()
records = re.split(r"\n==\d+== \n", log)
ours = [r for r in records if "are definitely lost" in r and OURS.search(r)]
if "--print" in sys.argv:
    print("\n\n".join(ours))
else:
    print(len(ours))
