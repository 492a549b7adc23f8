//! ChannelLayout: FFmpeg's name for a layout, the layouts' masks, argument checks.

use std::ffi::c_int;

use crate::av;
use crate::error::{Error, Result};
use crate::js::args::{Args, MAX_SAFE_INTEGER};
use crate::js::export::Exports;
use crate::js::sys::Value;

use super::format_description::string_or_undefined;

pub fn register(e: &mut Exports) -> Result<()> {
    e.function("channelLayoutName", name)?;
    e.constants(constants!(
        AV_CH_LAYOUT_MONO,
        AV_CH_LAYOUT_STEREO,
        AV_CH_LAYOUT_2POINT1,
        AV_CH_LAYOUT_SURROUND,
        AV_CH_LAYOUT_QUAD,
        AV_CH_LAYOUT_5POINT0,
        AV_CH_LAYOUT_5POINT1,
        AV_CH_LAYOUT_7POINT1,
    ))
}

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

/// `channelLayoutName(mask, nbChannels)`: "stereo", "5.1(side)", "3 channels".
fn name(args: &Args) -> Result<Value> {
    let (mask, nb) = layout_args(args, 0)?;
    let layout = if mask == 0 {
        av::unspecified_channel_layout(nb)
    } else {
        av::channel_layout_from_mask(mask)
            .ok_or_else(|| Error::Range(format!("{mask} is not a valid channel mask")))?
    };
    string_or_undefined(args.env, av::describe_channel_layout(&layout))
}
