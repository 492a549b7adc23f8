//! What input and output contexts share: numeric fields (duration, ...) and metadata. Each
//! function takes either kind of context; changes are refused on an output whose header is
//! written (see `format/output.rs`). An input's streams can be changed, as in the published
//! package (an app fixes a wrong tag or frame rate before opening a decoder or copying them):
//! demuxers keep their own copy of what they parse, so this changes nothing under them
//! (test/compat.js changes every field of every stream and reads on, under valgrind in CI).

use std::ffi::CString;

use crate::error::{Error, Result};
use crate::fields::{self, Field};
use crate::format::common::Common;
use crate::format::input::InputContext;
use crate::format::nested::Hooks;
use crate::format::output::{Call, OutputContext};
use crate::handle::Slot;
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::Value;

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

/// What a call does to the context, for the checks.
#[derive(Clone, Copy)]
pub enum Access {
    Read,
    /// Changes the container's own fields (duration, ...): fine on an input (the published API
    /// lets it be set), checked against an output's state.
    ChangeContainer(&'static str),
    /// Changes streams, their parameters or the metadata.
    ChangeStreams(&'static str),
}

/// Runs `f` on the common part of the input or output context in argument 0.
pub fn with_common<R>(
    args: &Args,
    access: Access,
    f: impl FnOnce(&mut Common) -> Result<R>,
) -> Result<R> {
    if Slot::<InputContext>::is_arg(args, 0) {
        return Slot::<InputContext>::from_arg(args, 0)?.with(|input| f(&mut input.common));
    }
    Slot::<OutputContext>::from_arg(args, 0)?.with(|output| {
        if let Access::ChangeContainer(what) | Access::ChangeStreams(what) = access {
            output.check(Call::Change(what))?;
        }
        f(&mut output.common)
    })
}

/// The index argument `i` as an index into `table`.
pub fn field_index<T>(args: &Args, i: usize, table: &[T]) -> Result<usize> {
    Ok(args.integer(i, "field", 0.0, table.len() as f64 - 1.0)? as usize)
}

/// Sets `field` of `target` from argument `i`, checked to fit the C field.
pub fn set_field<T>(args: &Args, field: &Field<T>, i: usize, target: &mut T) -> Result<Value> {
    let Some(set) = field.set else {
        return Err(Error::Type(format!("{} is read-only", field.name)));
    };
    let value = if field.wide {
        args.int64(i, field.name)?
    } else {
        args.int32(i, field.name)? as i64
    };
    set(target, value)?;
    Ok(args.env.undefined())
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

/// The `onopen` hooks in arguments `i` (`open(url, flags)`) and `i + 1` (`closed(handle)`) that
/// lib/opener.js makes; `None` when the context has no `onopen`.
pub fn hooks_arg(args: &Args, i: usize) -> Result<Option<Hooks>> {
    let Some(open) = args.optional_function(i, "open")? else {
        return Ok(None);
    };
    let closed = args.function(i + 1, "closed")?;
    Ok(Some(Hooks::new(args.env, open, closed)))
}

/// A URL argument: a string without NUL (`optional`: or undefined).
pub fn url_arg(args: &Args, i: usize, optional: bool) -> Result<Option<CString>> {
    let url = if optional {
        args.optional_string(i, "url")?
    } else {
        Some(args.string(i, "url")?)
    };
    url.map(|url| CString::new(url).map_err(|_| Error::Type("url must not contain NUL".into())))
        .transpose()
}
