//! Native side of the `bare-ffmpeg` addon.
//!
//! `binding.c` only registers the module; it calls `bare_ffmpeg_exports`, defined here by
//! `bare_exports!`. Everything native lives in this crate:
//!
//! - `js`: the thin edge to Bare's `js.h` (arguments, values, calls). All raw JS calls are there.
//! - `handle`: native objects owned by JavaScript handles, with kind checks and finalizers.
//! - `errors`: `FFmpegError`, `TypeError` and `RangeError` values with specific messages.
//! - `io`: `IoContext`, the AVIOContext and its sources (a buffer, or JavaScript callbacks).
//! - `format`: demuxing and muxing contexts that drive an `IoContext`.
//! - `packet`, `fields`, `dictionary`: packets, numeric struct fields, options and metadata.
//! - `worker`, `bridge`, `async_ops`: FFmpeg on a worker thread, its I/O callbacks served on the
//!   JavaScript thread, and the `...Async` operations built on them.
//! - `exports`: the table of functions `binding.js` sees.

mod async_ops;
mod bridge;
mod dictionary;
mod errors;
mod exports;
mod fields;
mod format;
mod handle;
mod io;
mod js;
mod packet;
mod worker;

/// `bare_exports!` calls `crate::Env::from(raw_env)`; ours keeps the raw pointer that the
/// callbacks FFmpeg makes later need.
pub use js::Env;

bare_rust::bare_exports!(bare_ffmpeg_exports, exports::init);
