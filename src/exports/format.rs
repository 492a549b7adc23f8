//! Format contexts: opening, reading, writing, seeking, metadata, options.

use std::ffi::{c_int, CString};
use std::ptr;

use bare_rust::{Array, Object, Value};
use ffmpeg_sys_next as ff;

use super::*;
use crate::dictionary::{self, Dictionary};
use crate::errors::{self, range_error, type_error};
use crate::fields::{self};
use crate::format::{FormatContext, Input};
use crate::handle::Slot;
use crate::io::IoContext;
use crate::js::{raw, Args, Env, JsResult};
use crate::packet::Packet;

/// `[key, value, key, value, ...]` strings from JavaScript, as an AVDictionary.
pub(crate) fn options(args: &Args, i: usize) -> JsResult<Dictionary> {
    Dictionary::new(args.env, &string_pairs(args, i)?)
}

/// `[key, value, key, value, ...]` strings from JavaScript (`undefined`: none).
pub(crate) fn string_pairs(args: &Args, i: usize) -> JsResult<Vec<(String, String)>> {
    if args.is_undefined(i) {
        return Ok(Vec::new());
    }
    let array = Array::from(args.value(i));
    let mut pairs = Vec::new();
    let mut k = 0;
    while k + 1 < array.len() {
        let key = array.get::<Value>(k)?;
        let value = array.get::<Value>(k + 1)?;
        pairs.push((string_of(args.env, key)?, string_of(args.env, value)?));
        k += 2;
    }
    Ok(pairs)
}

pub(crate) fn string_of(env: Env, value: Value) -> JsResult<String> {
    let r = raw(value);
    env.string_of(r).ok_or_else(|| {
        type_error(
            env,
            &format!("Option values must be strings, got {}", env.describe(r)),
        )
    })
}

pub(crate) fn check_leftover(env: Env, dict: &Dictionary, what: &str) -> JsResult<()> {
    let keys = dict.leftover_keys();
    if keys.is_empty() {
        return Ok(());
    }
    Err(range_error(
        env,
        &format!("Unknown {what} option: {}", keys.join(", ")),
    ))
}

/// The demuxer named by argument `i`, or null (probe) when it is undefined.
pub(crate) fn input_format_arg(args: &Args, i: usize) -> JsResult<*const ff::AVInputFormat> {
    if args.is_undefined(i) {
        return Ok(ptr::null());
    }
    find_input_format(args.env, &args.string(i, "format")?)
}

/// `inputOpen(context, io, format?, options?)`.
pub(crate) fn input_open(args: &Args) -> JsResult<Value> {
    let io_slot = Slot::<IoContext>::from_arg(args, 1)?;
    let format = input_format_arg(args, 2)?;
    let dict = options(args, 3)?;
    let io = io_slot.take(args.env)?;
    let (context, dict) = FormatContext::open_input(args.env, Input::Io(io), format, dict)?;
    check_leftover(args.env, &dict, "demuxer")?;
    attach(args, context)
}

/// `inputOpenUrl(context, url, format?, options?)`: FFmpeg opens the URL or path itself.
pub(crate) fn input_open_url(args: &Args) -> JsResult<Value> {
    let url = args.string(1, "url")?;
    let url = CString::new(url).map_err(|_| type_error(args.env, "url must not contain NUL"))?;
    let format = input_format_arg(args, 2)?;
    let dict = options(args, 3)?;
    let (context, dict) = FormatContext::open_input(args.env, Input::Url(url), format, dict)?;
    check_leftover(args.env, &dict, "demuxer")?;
    attach(args, context)
}

/// `formatSeek(context, streamIndex, min, timestamp, max, flags)`: FFmpeg's
/// `avformat_seek_file`. Timestamps are in the stream's time base (microseconds with stream
/// index -1); `min`/`max` may be -Infinity/Infinity for "no bound".
pub(crate) fn format_seek(args: &Args) -> JsResult<Value> {
    let env = args.env;
    let (index, min, timestamp, max, flags) = seek_args(args)?;
    Slot::<FormatContext>::from_arg(args, 0)?.with(env, |fc| {
        if fc.is_output() {
            return Err(type_error(env, "seek needs an input context"));
        }
        if index != -1 {
            fc.stream(env, index as i64)?;
        }
        // SAFETY: live input context; the stream index and the range were checked.
        fc.run(env, "Could not seek", |ctx| unsafe {
            ff::avformat_seek_file(ctx, index, min, timestamp, max, flags)
        })?;
        Ok(env.undefined())
    })
}

/// `(streamIndex, min, timestamp, max, flags)` from arguments 1 to 5, checked.
pub(crate) fn seek_args(args: &Args) -> JsResult<(i32, i64, i64, i64, i32)> {
    let index = args.int32(1, "streamIndex")?;
    let bound = |i: usize, name: &str| -> JsResult<i64> {
        match args.number(i, name)? {
            n if n == f64::NEG_INFINITY => Ok(-i64::MAX),
            n if n == f64::INFINITY => Ok(i64::MAX),
            _ => args.int64(i, name),
        }
    };
    let min = bound(2, "min")?;
    let timestamp = args.int64(3, "timestamp")?;
    let max = bound(4, "max")?;
    let flags = args.int32(5, "flags")?;
    if !(min <= timestamp && timestamp <= max) {
        return Err(range_error(args.env, "seek needs min <= timestamp <= max"));
    }
    Ok((index, min, timestamp, max, flags))
}

/// The metadata dictionary of the container (stream index -1) or of a stream.
pub(crate) fn metadata_slot(
    env: Env,
    fc: &FormatContext,
    index: i64,
) -> JsResult<*mut *mut ff::AVDictionary> {
    if index == -1 {
        // SAFETY: live context.
        return Ok(unsafe { ptr::addr_of_mut!((*fc.as_ptr()).metadata) });
    }
    let stream = fc.stream(env, index)?;
    // SAFETY: the stream belongs to the live context.
    Ok(unsafe { ptr::addr_of_mut!((*stream).metadata) })
}

/// `formatGetMetadata(context, streamIndex)`: `{ key: value }`; stream index -1: the container.
pub(crate) fn format_get_metadata(args: &Args) -> JsResult<Value> {
    let env = args.env;
    let index = args.integer(1, "streamIndex", -1.0, i32::MAX as f64)?;
    Slot::<FormatContext>::from_arg(args, 0)?.with(env, |fc| {
        let dict = metadata_slot(env, fc, index)?;
        let mut object = Object::new(&env.js())?;
        // SAFETY: `dict` points into the live context.
        for (key, value) in dictionary::entries(unsafe { *dict }) {
            object.set_named_property(&key, env.string(&value)?)?;
        }
        Ok(object.into())
    })
}

/// `formatSetMetadata(context, streamIndex, [key, value, ...])`: sets (adds or replaces) entries.
pub(crate) fn format_set_metadata(args: &Args) -> JsResult<Value> {
    let env = args.env;
    let index = args.integer(1, "streamIndex", -1.0, i32::MAX as f64)?;
    let pairs = string_pairs(args, 2)?;
    Slot::<FormatContext>::from_arg(args, 0)?.with(env, |fc| {
        let dict = metadata_slot(env, fc, index)?;
        // SAFETY: `dict` points into the live context, which owns the dictionary.
        dictionary::set_all(env, unsafe { &mut *dict }, &pairs)?;
        Ok(env.undefined())
    })
}

/// `formatDump(context)`: FFmpeg's description of the format and streams, on stderr.
pub(crate) fn format_dump(args: &Args) -> JsResult<Value> {
    Slot::<FormatContext>::from_arg(args, 0)?.with(args.env, |fc| {
        // SAFETY: live context; av_dump_format only reads it and logs.
        unsafe { ff::av_dump_format(fc.as_ptr(), 0, c"".as_ptr(), fc.is_output() as c_int) };
        Ok(args.env.undefined())
    })
}

/// `outputOpen(context, io, format)`.
pub(crate) fn output_open(args: &Args) -> JsResult<Value> {
    let io_slot = Slot::<IoContext>::from_arg(args, 1)?;
    let format = find_output_format(args.env, &args.string(2, "format")?)?;
    let io = io_slot.take(args.env)?;
    attach(args, FormatContext::open_output(args.env, io, format)?)
}

pub(crate) fn format_read_frame(args: &Args) -> JsResult<Value> {
    let env = args.env;
    let packet = Slot::<Packet>::from_arg(args, 1)?;
    Slot::<FormatContext>::from_arg(args, 0)?.with(env, |fc| {
        if fc.is_output() {
            return Err(type_error(env, "readFrame needs an input context"));
        }
        packet.with(env, |p| {
            p.unref();
            let pkt = p.as_ptr();
            // SAFETY: `ctx` is an open input and `pkt` a blank packet we own.
            let r = fc.run(env, "Could not read frame", |ctx| unsafe {
                ff::av_read_frame(ctx, pkt)
            })?;
            Ok(env.boolean(r >= 0))
        })
    })
}

pub(crate) fn with_output<R>(
    args: &Args,
    f: impl FnOnce(&mut FormatContext) -> JsResult<R>,
) -> JsResult<R> {
    let env = args.env;
    Slot::<FormatContext>::from_arg(args, 0)?.with(env, |fc| {
        if !fc.is_output() {
            return Err(type_error(env, "This operation needs an output context"));
        }
        f(fc)
    })
}

pub(crate) fn format_create_stream(args: &Args) -> JsResult<Value> {
    let env = args.env;
    with_output(args, |fc| {
        // SAFETY: `ctx` is a live output context.
        let stream = unsafe { ff::avformat_new_stream(fc.as_ptr(), ptr::null()) };
        if stream.is_null() {
            return Err(errors::ffmpeg_error(
                env,
                "Could not create a stream",
                errors::averror(errors::libc_errno::ENOMEM),
            ));
        }
        // SAFETY: just created.
        Ok(env.number(unsafe { (*stream).index } as f64))
    })
}

pub(crate) fn format_write_header(args: &Args) -> JsResult<Value> {
    let env = args.env;
    let mut dict = options(args, 1)?;
    with_output(args, |fc| {
        // SAFETY: `ctx` is a live output context; FFmpeg consumes recognised options from `dict`.
        fc.run(env, "Could not write header", |ctx| unsafe {
            ff::avformat_write_header(ctx, dict.as_mut_ptr())
        })?;
        check_leftover(env, &dict, "muxer")?;
        Ok(env.undefined())
    })
}

pub(crate) fn format_write_frame(args: &Args) -> JsResult<Value> {
    let env = args.env;
    let packet = Slot::<Packet>::from_arg(args, 1)?;
    with_output(args, |fc| {
        packet.with(env, |p| {
            let pkt = p.as_ptr();
            // SAFETY: live output context and packet; the interleaver takes the packet's reference
            // and leaves it blank.
            fc.run(env, "Could not write frame", |ctx| unsafe {
                ff::av_interleaved_write_frame(ctx, pkt)
            })?;
            Ok(env.undefined())
        })
    })
}

pub(crate) fn format_write_trailer(args: &Args) -> JsResult<Value> {
    let env = args.env;
    with_output(args, |fc| {
        // SAFETY: live output context.
        fc.run(env, "Could not write trailer", |ctx| unsafe {
            ff::av_write_trailer(ctx)
        })?;
        Ok(env.undefined())
    })
}

pub(crate) fn format_get(args: &Args) -> JsResult<Value> {
    let index = field_index(args, 1, fields::FORMAT_CONTEXT)?;
    Slot::<FormatContext>::from_arg(args, 0)?.with(args.env, |fc| {
        // SAFETY: `ctx` is live.
        Ok(get_field(args.env, fields::FORMAT_CONTEXT, index, unsafe {
            &*fc.as_ptr()
        }))
    })
}

pub(crate) fn format_best_stream(args: &Args) -> JsResult<Value> {
    let kind = args.int32(1, "type")?;
    Slot::<FormatContext>::from_arg(args, 0)?.with(args.env, |fc| {
        if !(0..ff::AVMediaType::AVMEDIA_TYPE_NB as i32).contains(&kind) {
            return Ok(args.env.number(-1.0));
        }
        // SAFETY: `kind` is a valid AVMediaType value (checked above); `ctx` is live.
        let r = unsafe {
            let kind: ff::AVMediaType = std::mem::transmute::<i32, ff::AVMediaType>(kind);
            ff::av_find_best_stream(fc.as_ptr(), kind, -1, -1, ptr::null_mut(), 0)
        };
        Ok(args.env.number(if r < 0 { -1.0 } else { r as f64 }))
    })
}

pub(crate) fn format_input_name(args: &Args) -> JsResult<Value> {
    Slot::<FormatContext>::from_arg(args, 0)?.with(args.env, |fc| {
        // SAFETY: `ctx` is live; `iformat` is null for outputs.
        let f = unsafe { (*fc.as_ptr()).iformat };
        if f.is_null() {
            return Ok(args.env.undefined());
        }
        // SAFETY: static format description.
        c_string(args.env, unsafe { (*f).name })
    })
}

pub(crate) fn format_output_name(args: &Args) -> JsResult<Value> {
    Slot::<FormatContext>::from_arg(args, 0)?.with(args.env, |fc| {
        // SAFETY: `ctx` is live; `oformat` is null for inputs.
        let f = unsafe { (*fc.as_ptr()).oformat };
        if f.is_null() {
            return Ok(args.env.undefined());
        }
        // SAFETY: static format description.
        c_string(args.env, unsafe { (*f).name })
    })
}
