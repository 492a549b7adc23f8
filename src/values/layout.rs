//! Channel layouts between JavaScript and FFmpeg: `(mask, nbChannels)`, in as two arguments, out
//! through a `Float64Array` of two the caller keeps.

use std::ffi::c_int;

use crate::error::Result;
use crate::js::args::{Args, MAX_SAFE_INTEGER};
use crate::js::sys::Value;

/// `(mask, nbChannels)` from arguments `i` and `i + 1`.
pub fn layout_args(args: &Args, i: usize) -> Result<(u64, c_int)> {
    let mask = args.integer(i, "mask", 0.0, MAX_SAFE_INTEGER)? as u64;
    let nb_channels = args.integer(i + 1, "nbChannels", 0.0, 1024.0)? as c_int;
    Ok((mask, nb_channels))
}

/// Writes a layout as [mask, nbChannels] into the Float64Array in argument `i`.
pub fn layout_out(args: &Args, i: usize, mask: u64, nb: c_int) -> Result<Value> {
    args.with_f64s(i, |out| {
        if out.len() >= 2 {
            out[0] = mask as f64;
            out[1] = nb as f64;
        }
    })?;
    Ok(args.env.undefined())
}
