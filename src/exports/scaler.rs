//! Scaler: pictures from one pixel format and size to another (swscale).

use crate::error::Result;
use crate::handle::{self, Slot};
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::Value;
use crate::scaler::Scaler;

pub fn register(e: &mut Exports) -> Result<()> {
    e.function("scalerCreate", create)?;
    e.function("scalerDestroy", destroy)?;
    e.function("scalerScale", scale)?;
    e.function("scalerScaleAsync", scale_async)?;
    e.constants(enum_constants!(SwsFlags:
        SWS_FAST_BILINEAR,
        SWS_BILINEAR,
        SWS_BICUBIC,
        SWS_X,
        SWS_POINT,
        SWS_AREA,
        SWS_BICUBLIN,
        SWS_GAUSS,
        SWS_SINC,
        SWS_LANCZOS,
        SWS_SPLINE,
        SWS_ACCURATE_RND,
        SWS_FULL_CHR_H_INT,
        SWS_BITEXACT,
    ))
}

/// `scalerCreate(receiver, srcFormat, srcWidth, srcHeight, dstFormat, dstWidth, dstHeight,
/// flags)`.
fn create(args: &Args) -> Result<Value> {
    let picture = |i: usize| -> Result<(i32, i32, i32)> {
        Ok((
            args.int32(i, "pixel format")?,
            args.int32(i + 1, "width")?,
            args.int32(i + 2, "height")?,
        ))
    };
    let scaler = Scaler::new(picture(1)?, picture(4)?, args.int32(7, "flags")?)?;
    handle::attach(args, 0, scaler)
}

fn destroy(args: &Args) -> Result<Value> {
    Slot::<Scaler>::from_arg(args, 0)?.destroy();
    Ok(args.env.undefined())
}

/// `scalerScaleAsync(scaler, frames, done)`: each picture into a new one, on the scaler's worker.
fn scale_async(args: &Args) -> Result<Value> {
    crate::convert_batch::start::<Scaler>(args, 1, (), "scaleAsync")
}

/// `scalerScale(scaler, source, y, height, target)`: the rows written.
fn scale(args: &Args) -> Result<Value> {
    let y = args.int32(2, "y")?;
    let height = args.int32(3, "height")?;
    let (source, target) = crate::values::handles::two_frames(args, (1, "source"), (4, "target"))?;
    let rows = Slot::<Scaler>::from_arg(args, 0)?
        .with(|scaler| source.with(|s| target.with(|t| scaler.scale(s, y, height, t))))?;
    Ok(args.env.number(rows as f64))
}
