//! The functions, field names and constants `binding.js` sees. One file per JavaScript class or
//! topic; each registers its own (`register`). A function checks its arguments, finds its native
//! object and calls into the module that does the work.

/// `(name, value)` pairs of FFmpeg's constants, named as FFmpeg names them.
macro_rules! constants {
    ($($name:ident),* $(,)?) => {
        &[$((stringify!($name), ffmpeg_sys_next::$name as f64)),*]
    };
}

/// The same for the variants of one of FFmpeg's enums: named (`AVPixelFormat: AV_PIX_FMT_...`), or
/// anonymous (bindgen calls those `_bindgen_ty_<n>`, with an `n` that differs between platforms'
/// headers, and gives each variant a constant of its own, which is what the second form names).
macro_rules! enum_constants {
    ($ty:ident: $($name:ident),* $(,)?) => {
        &[$((stringify!($name), ffmpeg_sys_next::$ty::$name as i32 as f64)),*]
    };
    ($($name:ident),* $(,)?) => {
        &[$((stringify!($name), ffmpeg_sys_next::$name as i32 as f64)),*]
    };
}

mod audio_fifo;
mod bsf;
mod channel_layout;
mod codec;
mod codec_context;
mod codec_parameters;
mod filter_graph;
mod format_context;
mod format_description;
mod frame;
mod hw;
mod input_format_context;
mod io_context;
mod media_formats;
mod option_table;
mod output_format_context;
mod packet;
mod resampler;
mod runtime;
mod scaler;
mod stream;

use crate::error::Result;
use crate::js::export::Exports;
use crate::js::sys::{Env, Value};

pub fn init(env: Env) -> Result<Value> {
    crate::log::install();
    crate::av::register_devices();
    let mut exports = Exports::new(env)?;
    runtime::register(&mut exports)?;
    io_context::register(&mut exports)?;
    format_context::register(&mut exports)?;
    input_format_context::register(&mut exports)?;
    output_format_context::register(&mut exports)?;
    stream::register(&mut exports)?;
    codec_parameters::register(&mut exports)?;
    packet::register(&mut exports)?;
    format_description::register(&mut exports)?;
    codec::register(&mut exports)?;
    codec_context::register(&mut exports)?;
    frame::register(&mut exports)?;
    scaler::register(&mut exports)?;
    resampler::register(&mut exports)?;
    audio_fifo::register(&mut exports)?;
    bsf::register(&mut exports)?;
    filter_graph::register(&mut exports)?;
    hw::register(&mut exports)?;
    channel_layout::register(&mut exports)?;
    media_formats::register(&mut exports)?;
    option_table::register(&mut exports)?;
    exports.finish()
}
