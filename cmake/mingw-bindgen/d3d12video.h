/* For bindgen only (scripts/prebuild.sh adds this directory to its include path for
 * x86_64-pc-windows-gnu): Debian's MinGW-w64 10 has no d3d12video.h, which FFmpeg's
 * libavutil/hwcontext_d3d12va.h includes for one pointer type, and which ffmpeg-sys-next's
 * bindings include for every Windows target. Nothing of ours uses D3D12. */
#ifndef BARE_FFMPEG_D3D12VIDEO_STUB_H
#define BARE_FFMPEG_D3D12VIDEO_STUB_H
typedef struct ID3D12VideoDevice ID3D12VideoDevice;
#endif
