//! Stream: numeric and rational fields of one stream of a format context, addressed by
//! (context, index). An output's streams change only before its header.

use crate::error::Result;
use crate::fields;
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::Value;
use crate::values::rational::{rational_out, rational_value, set_rational};

use crate::values::fields::{field_index, set_field};
use crate::values::handles::{with_common, Access};

pub fn register(e: &mut Exports) -> Result<()> {
    e.names("streamFields", &fields::names(fields::STREAM))?;
    e.names(
        "streamRationalFields",
        &fields::rational_names(fields::STREAM_RATIONAL),
    )?;
    e.function("streamGet", get)?;
    e.function("streamSet", set)?;
    e.function("streamGetRational", get_rational)?;
    e.function("streamSetRational", set_rational_field)?;
    e.constants(constants!(
        AV_DISPOSITION_DEFAULT,
        AV_DISPOSITION_DUB,
        AV_DISPOSITION_ORIGINAL,
        AV_DISPOSITION_COMMENT,
        AV_DISPOSITION_LYRICS,
        AV_DISPOSITION_KARAOKE,
        AV_DISPOSITION_FORCED,
        AV_DISPOSITION_HEARING_IMPAIRED,
        AV_DISPOSITION_VISUAL_IMPAIRED,
        AV_DISPOSITION_ATTACHED_PIC,
    ))
}

fn stream_index(args: &Args) -> Result<i64> {
    args.integer(1, "stream index", 0.0, u32::MAX as f64)
}

/// `streamGet(context, index, field)`.
fn get(args: &Args) -> Result<Value> {
    let index = stream_index(args)?;
    let field = &fields::STREAM[field_index(args, 2, fields::STREAM)?];
    with_common(args, Access::Read, |c| {
        Ok(args.env.number((field.get)(c.stream(index)?) as f64))
    })
}

/// `streamSet(context, index, field, value)`.
fn set(args: &Args) -> Result<Value> {
    let index = stream_index(args)?;
    let field = &fields::STREAM[field_index(args, 2, fields::STREAM)?];
    with_common(args, Access::ChangeStreams(field.name), |c| {
        set_field(args, field, 3, c.stream(index)?)
    })
}

/// `streamGetRational(context, index, field, out)`: writes `[num, den]` into the Int32Array `out`
/// (no allocation: time bases are read once or twice per packet in a remux loop).
fn get_rational(args: &Args) -> Result<Value> {
    let index = stream_index(args)?;
    let field = &fields::STREAM_RATIONAL[field_index(args, 2, fields::STREAM_RATIONAL)?];
    let r = with_common(args, Access::Read, |c| Ok((field.get)(c.stream(index)?)))?;
    rational_out(args, 3, r)
}

/// `streamSetRational(context, index, field, num, den)`.
fn set_rational_field(args: &Args) -> Result<Value> {
    let index = stream_index(args)?;
    let field = &fields::STREAM_RATIONAL[field_index(args, 2, fields::STREAM_RATIONAL)?];
    let value = rational_value(args, field, 3)?;
    with_common(args, Access::ChangeStreams(field.name), |c| {
        set_rational(field, c.stream(index)?, value)
    })?;
    Ok(args.env.undefined())
}
