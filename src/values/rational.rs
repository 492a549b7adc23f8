//! Rationals (time bases, frame rates, aspect ratios) between JavaScript and FFmpeg: out through
//! an `Int32Array` of two the caller keeps (no object per read), in as two checked arguments.

use ffmpeg_sys_next as ff;

use crate::error::{Error, Result};
use crate::fields::RationalField;
use crate::js::args::Args;
use crate::js::sys::Value;

/// Writes a rational into the `Int32Array` of two in argument `i`.
pub fn rational_out(args: &Args, i: usize, r: ff::AVRational) -> Result<Value> {
    let written = args.env.with_i32s(args.value(i), |out| {
        if out.len() >= 2 {
            out[0] = r.num;
            out[1] = r.den;
            true
        } else {
            false
        }
    });
    match written {
        Some(true) => Ok(args.env.undefined()),
        _ => Err(Error::Type(
            "Expected an Int32Array of two for the result".into(),
        )),
    }
}

/// The rational for `field` in arguments `i` and `i + 1`, checked.
pub fn rational_value<T>(
    args: &Args,
    field: &RationalField<T>,
    i: usize,
) -> Result<ff::AVRational> {
    args.rational(i, field.name, field.positive)
}

pub fn set_rational<T>(
    field: &RationalField<T>,
    target: &mut T,
    value: ff::AVRational,
) -> Result<()> {
    let set = field
        .set
        .ok_or_else(|| Error::Type(format!("{} is read-only", field.name)))?;
    set(target, value);
    Ok(())
}
