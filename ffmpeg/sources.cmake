# Every source the FFmpeg build uses: where it comes from and its SHA-256. Changing a line here
# changes the cache key (ffmpeg/build.rs hashes this file), so the next build starts afresh.
#
# - FFmpeg's libraries, zlib and kvazaar: the crates.io crate ffmpeg-src 9.0.2 (pristine release
#   tarballs in its native/ directory; Cargo.lock pins the crate's checksum, `cargo fetch` downloads
#   it, and the hashes below are checked again when the tarballs are unpacked).
# - The codec libraries: Debian 13 (trixie) source packages, the pristine upstream tarballs
#   ("orig") from Debian's archive.
# - FFmpeg's command-line programs (fftools/, used only as the tests' oracle): Debian's orig
#   tarball of the same FFmpeg release, whose library sources are byte for byte those of
#   ffmpeg-src 9.0.2. Only fftools/ is taken from it.
#
# A download that fails can be replaced by hand: put the file, under the name in the URL, into
# the downloads directory (~/.cache/bare-ffmpeg/downloads by default); the hash is still checked.

set(ffmpeg_version 9.0.2)
set(ffmpeg_sha256 757c3b6928fd4f78a84ffe00fea21efb31984aeb492e9b3ff04aa4da8fca8d0d)

set(zlib_version 1.3.2)
set(zlib_sha256 2da9a41bb258a4df730388882ae8e56db7b258a492e96bba9fc87c313ac3faa8)

set(kvazaar_sha256 958235c5988b407ff2d843b80042ae3c6b06f0add9b556a17e2068e3177256e1)

set(debian_pool http://deb.debian.org/debian/pool/main)

set(fftools_url ${debian_pool}/f/ffmpeg/ffmpeg_9.0.2.orig.tar.xz)
set(fftools_sha256 8c3850283eb25fa026482078a04051e0be17347b09ef81a0849bec15a96e002e)

set(libvpx_version 1.15.0)
set(libvpx_url ${debian_pool}/libv/libvpx/libvpx_1.15.0.orig.tar.xz)
set(libvpx_sha256 a6cfd199c5c567cfa4e6d991ec36690d9af801585b5db959c1494b5b15f821a5)

set(opus_version 1.5.2)
set(opus_url ${debian_pool}/o/opus/opus_1.5.2.orig.tar.gz)
set(opus_sha256 65c1d2f78b9f2fb20082c38cbe47c951ad5839345876e46941612ee87f9a7ce1)

set(dav1d_version 1.5.1)
set(dav1d_url ${debian_pool}/d/dav1d/dav1d_1.5.1.orig.tar.xz)
set(dav1d_sha256 401813f1f89fa8fd4295805aa5284d9aed9bc7fc1fdbe554af4292f64cbabe21)

set(svtav1_version 2.3.0)
set(svtav1_url ${debian_pool}/s/svt-av1/svt-av1_2.3.0+dfsg.orig.tar.xz)
set(svtav1_sha256 815e88cc539c41b8ebd1a6f362f82ab510147635fc6c3edfa35edcfbed302cd8)

set(openh264_version 2.6.0)
set(openh264_url ${debian_pool}/o/openh264/openh264_2.6.0+dfsg.orig.tar.xz)
set(openh264_sha256 52fc65775e03abe70f3f453c3c57fa7b31c71fe240de84da53d75f2ddc7dd519)

set(lame_version 3.100)
set(lame_url ${debian_pool}/l/lame/lame_3.100.orig.tar.gz)
set(lame_sha256 ddfe36cab873794038ae2c1210557ad34857a4b6bdc515785d1da9e175b1da1e)
