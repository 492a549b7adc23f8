//! Native side of the `bare-ffmpeg` addon.
//!
//! `binding.c` only registers the module; it calls `bare_ffmpeg_exports`, defined here. The
//! modules, each with one job (`mod.rs` files only declare submodules):
//!
//! - `js/`: the edge to Bare's `js.h`. `sys` is the only module that calls it; `args` reads a
//!   call's arguments; `export` registers native functions and dispatches calls to them.
//! - `av`: what of FFmpeg has no owner (error texts, enum tables, versions, the `*_by_int`
//!   declarations); `channel_layout`, `image`, `samples`: layouts of channels, pictures and
//!   samples.
//! - `error`: our error type, a Rust value until `into_value` at the export edge.
//! - `log`: FFmpeg's log callback, and its lines captured per call for error messages.
//! - `handle`: native objects owned by JavaScript handles (kinds, finalizers, loans).
//! - `task`: work off the JavaScript thread (`Task`: `compute` there, `resolve` back here), on
//!   the worker pool of `pool` (a queue per object, a bounded number of threads).
//! - `io/`: the AVIOContext and its source (a buffer, or JavaScript callbacks, direct or bridged
//!   from a worker).
//! - `format/`: input and output contexts over their common part; formats by name.
//! - `codec/`: decoders and encoders over their common part; codecs by id or name.
//! - `packet`, `payload_pool` (the pooled memory small payloads are shown in), `buffer_view`,
//!   `codec_parameters`, `dictionary`, `fields`: packets, codec parameters, options and
//!   metadata, fields by name.
//! - `get_format`, `frame`, `scaler`, `resampler`, `audio_fifo`, `filter_graph`, `hw`: the
//!   decoder's pixel-format callback, frames, the converters, filter graphs, hardware devices;
//!   `options`: options of codec and filter contexts by name; `convert`, `convert_batch`:
//!   converters' batches on the worker pool.
//! - `served`: the mark on the names of files `onopen` serves, which keeps FFmpeg from
//!   treating them as local files; `fs_guard`: what FFmpeg would rename, delete or create on
//!   disk by itself, refused;
//!   `glibc_floor`: FFmpeg's calls bound to symbol versions every glibc Bare runs on has.
//! - `values/`: conversions between JavaScript values and FFmpeg's, shared by `exports/`.
//! - `exports/`: the functions `binding.js` sees, one file per JavaScript class or topic.
//!
//! `unsafe` lives in `js/sys.rs` and `av.rs` (the FFI modules) and in the files that own a native
//! object (`handle`, `task`, `io/`, `format/`, `codec/`, `packet`, `payload_pool`, `dictionary`,
//! `frame`, the converters, `filter_graph`, `hw`, `options`' borrowed objects, `get_format`'s
//! callback, `log`'s callback); every block says why it is sound, one unsafe operation each.
//! `error` states why a worker's error may travel.

mod audio_fifo;
mod av;
mod bsf;
mod buffer_view;
mod channel_layout;
mod codec;
mod codec_parameters;
mod convert;
mod convert_batch;
mod dictionary;
mod error;
mod exports;
mod fields;
mod filter_graph;
mod format;
mod frame;
mod fs_guard;
mod get_format;
#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod glibc_floor;
mod handle;
mod hw;
mod image;
mod io;
mod js;
mod log;
mod option_table;
mod options;
mod packet;
mod payload_pool;
mod pool;
mod resampler;
mod samples;
mod scaler;
mod served;
mod subtitle;
mod task;
mod values;
#[cfg(windows)]
mod win32_runtime;

/// The module's entry point, called by `binding.c` with the environment and the exports object.
///
/// # Safety
/// Called by Bare, once per environment, on its JavaScript thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bare_ffmpeg_exports(
    env: *mut bare_rust_ffi::js_env_t,
    _exports: *mut bare_rust_ffi::js_value_t,
) -> *mut bare_rust_ffi::js_value_t {
    let env = js::sys::Env::from(env);
    match exports::init(env) {
        Ok(exports) => exports.as_raw(),
        Err(error) => {
            let value = error.into_value(env);
            env.throw(value);
            std::ptr::null_mut()
        }
    }
}
