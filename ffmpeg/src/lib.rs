//! The FFmpeg build that bare-ffmpeg links: see build.rs. This crate exists for its build script;
//! the prefix it built is all it has to say.

/// Where FFmpeg (headers in `include`, static libraries and pkg-config files in `lib`, the
/// `ffmpeg`/`ffprobe` programs in `bin`) was installed.
pub const PREFIX: &str = env!("BARE_FFMPEG_PREFIX");
