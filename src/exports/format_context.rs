//! What input and output contexts share: numeric fields (duration, ...) and metadata. Each
//! function takes either kind of context; changes are refused on an output whose header is
//! written (see `format/output.rs`). An input's streams can be changed, as in the published
//! package (an app fixes a wrong tag or frame rate before opening a decoder or copying them):
//! demuxers keep their own copy of what they parse, so this changes nothing under them
//! (test/compat.js changes every field of every stream and reads on, under valgrind in CI).

use crate::error::{Error, Result};
use crate::fields;
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::Value;
use crate::values::fields::{field_index, set_field};
use crate::values::handles::{with_common, Access};

pub fn register(e: &mut Exports) -> Result<()> {
    e.names(
        "formatContextFields",
        &fields::names(fields::FORMAT_CONTEXT),
    )?;
    e.function("formatContextGet", get)?;
    e.function("formatContextSet", set)?;
    e.function("formatContextGetMetadata", get_metadata)?;
    e.function("formatContextSetMetadata", set_metadata)?;
    e.constants(constants!(
        AVFMT_NOFILE,
        AVFMT_NEEDNUMBER,
        AVFMT_SHOW_IDS,
        AVFMT_GLOBALHEADER,
        AVFMT_NOTIMESTAMPS,
        AVFMT_GENERIC_INDEX,
        AVFMT_TS_DISCONT,
        AVFMT_VARIABLE_FPS,
        AVFMT_NODIMENSIONS,
        AVFMT_NOSTREAMS,
        AVFMT_NOBINSEARCH,
        AVFMT_NOGENSEARCH,
        AVFMT_NO_BYTE_SEEK,
        AVFMT_TS_NONSTRICT,
        AVFMT_TS_NEGATIVE,
        AVFMT_SEEK_TO_PTS,
    ))
}

/// `formatContextGet(context, field)`.
fn get(args: &Args) -> Result<Value> {
    let field = &fields::FORMAT_CONTEXT[field_index(args, 1, fields::FORMAT_CONTEXT)?];
    with_common(args, Access::Read, |c| {
        Ok(args.env.number((field.get)(c.get()) as f64))
    })
}

/// `formatContextSet(context, field, value)`.
fn set(args: &Args) -> Result<Value> {
    let field = &fields::FORMAT_CONTEXT[field_index(args, 1, fields::FORMAT_CONTEXT)?];
    with_common(args, Access::ChangeContainer(field.name), |c| {
        set_field(args, field, 2, c.get_mut())
    })
}

/// `formatContextGetMetadata(context, streamIndex)`: `{ key: value }`; -1: the container's.
fn get_metadata(args: &Args) -> Result<Value> {
    let env = args.env;
    let index = args.integer(1, "streamIndex", -1.0, i32::MAX as f64)?;
    let entries = with_common(args, Access::Read, |c| Ok(c.metadata(index)?.entries()))?;
    let failed = || Error::State("Could not read the metadata".into());
    let object = env.object().ok_or_else(failed)?;
    for (key, value) in entries {
        let value = env.string(&value).ok_or_else(failed)?;
        env.set_named(object, &key, value);
    }
    Ok(object)
}

/// `formatContextSetMetadata(context, streamIndex, [key, value, ...], [key, ...])`: sets the
/// pairs and removes the keys (entries set to `null` or `undefined` in JavaScript).
fn set_metadata(args: &Args) -> Result<Value> {
    let index = args.integer(1, "streamIndex", -1.0, i32::MAX as f64)?;
    let pairs = args.string_pairs(2, "metadata")?;
    let removed = args.strings(3, "metadata")?;
    with_common(args, Access::ChangeStreams("metadata"), |c| {
        let mut metadata = c.metadata(index)?;
        metadata.set_all(&pairs)?;
        for key in &removed {
            metadata.remove(key)?;
        }
        Ok(args.env.undefined())
    })
}
