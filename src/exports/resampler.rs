//! Resampler: sound from one sample rate, format and channel layout to another (swresample).

use crate::error::{Error, Result};
use crate::frame::Frame;
use crate::handle::{self, Slot};
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::Value;
use crate::resampler::Resampler;

pub fn register(e: &mut Exports) -> Result<()> {
    e.function("resamplerCreate", create)?;
    e.function("resamplerDestroy", destroy)?;
    e.function("resamplerConvert", convert)?;
    e.function("resamplerConvertAsync", convert_async)?;
    e.function("resamplerDelay", delay)
}

/// The sound in the Float64Array of argument `i`: [sample rate, channel mask, channels, sample
/// format]; a mask of 0 is that many channels in an unspecified order.
fn sound_arg(
    args: &Args,
    i: usize,
    what: &str,
) -> Result<(i32, ffmpeg_sys_next::AVChannelLayout, i32)> {
    let values = args.with_f64s(i, |v| v.get(..4).map(<[f64]>::to_vec))?;
    let Some(v) = values else {
        return Err(Error::Type(format!("The {what} must be 4 numbers")));
    };
    let int = |x: f64, name: &str| -> Result<i64> {
        if x.fract() == 0.0 && x.abs() <= crate::js::args::MAX_SAFE_INTEGER {
            Ok(x as i64)
        } else {
            Err(Error::Range(format!(
                "The {what} {name} must be an integer, got {x}"
            )))
        }
    };
    let (rate, mask, channels, format) = (
        int(v[0], "sample rate")?,
        int(v[1], "channel mask")?,
        int(v[2], "channel count")?,
        int(v[3], "sample format")?,
    );
    if !(1..=64).contains(&channels) || mask < 0 {
        return Err(Error::Range(format!(
            "The {what} channel layout is not valid"
        )));
    }
    let layout = if mask == 0 {
        crate::channel_layout::unspecified_channel_layout(channels as i32)
    } else {
        crate::channel_layout::channel_layout_from_mask(mask as u64)
            .filter(|l| l.nb_channels as i64 == channels)
            .ok_or_else(|| Error::Range(format!("{mask} is not a valid channel mask")))?
    };
    let clamp = |x: i64| x.clamp(i32::MIN as i64, i32::MAX as i64) as i32;
    Ok((clamp(rate), layout, clamp(format)))
}

/// `resamplerCreate(receiver, input, output)`: each a Float64Array [sample rate, channel mask,
/// channels, sample format].
fn create(args: &Args) -> Result<Value> {
    let input = sound_arg(args, 1, "input")?;
    let output = sound_arg(args, 2, "output")?;
    handle::attach(args, 0, Resampler::new(input, output)?)
}

fn destroy(args: &Args) -> Result<Value> {
    Slot::<Resampler>::from_arg(args, 0)?.destroy();
    Ok(args.env.undefined())
}

/// `resamplerConvert(resampler, input?, output)`: no input flushes. The samples written.
fn convert(args: &Args) -> Result<Value> {
    let output = Slot::<Frame>::from_arg(args, 2)?;
    let written = if args.is_nullish(1) {
        Slot::<Resampler>::from_arg(args, 0)?.with(|r| output.with(|o| r.convert(None, o)))?
    } else {
        let (input, output) =
            crate::values::handles::two_frames(args, (1, "input"), (2, "output"))?;
        Slot::<Resampler>::from_arg(args, 0)?
            .with(|r| input.with(|i| output.with(|o| r.convert(Some(i), o))))?
    };
    Ok(args.env.number(written as f64))
}

/// `resamplerDelay(resampler)`: the samples held back, at the input's sample rate.
fn delay(args: &Args) -> Result<Value> {
    let delay =
        Slot::<Resampler>::from_arg(args, 0)?.with(|r| Ok(r.delay(r.input_rate() as i64)))?;
    Ok(args.env.number(delay as f64))
}

/// `resamplerConvertAsync(resampler, frames, done)`: each frame (null: the flush) into a new one
/// of everything that came out, on the resampler's worker.
fn convert_async(args: &Args) -> Result<Value> {
    crate::convert_batch::start::<Resampler>(args, 1, (), "convertAsync")
}
