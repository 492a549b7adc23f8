//! ChannelLayout: FFmpeg's name for a layout, the layouts' masks, argument checks.

use crate::error::{Error, Result};
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::Value;
use crate::values::layout::layout_args;
use crate::values::ToJs;

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

/// `channelLayoutName(mask, nbChannels)`: "stereo", "5.1(side)", "3 channels".
fn name(args: &Args) -> Result<Value> {
    let (mask, nb) = layout_args(args, 0)?;
    let layout = if mask == 0 {
        crate::channel_layout::unspecified_channel_layout(nb)
    } else {
        crate::channel_layout::channel_layout_from_mask(mask)
            .ok_or_else(|| Error::Range(format!("{mask} is not a valid channel mask")))?
    };
    crate::channel_layout::describe_channel_layout(&layout).to_js(args.env)
}
