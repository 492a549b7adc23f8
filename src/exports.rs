//! The functions `binding.js` sees. Each one checks its arguments, finds its native object and
//! calls into the module that does the work; nothing here talks to FFmpeg beyond one call.

use std::ffi::{c_int, CStr, CString};
use std::ptr;

use bare_rust::{Array, Object, Value};
use ffmpeg_sys_next as ff;

use crate::dictionary::{self, Dictionary};
use crate::errors::{self, range_error, type_error};
use crate::fields::{self, Field, RationalField};
use crate::format::{FormatContext, Input};
use crate::handle::{self, Native, Slot};
use crate::io::{Callbacks, IoContext, Memory};
use crate::js::{export, raw, Args, Env, JsResult, NativeFn};
use crate::packet::Packet;

pub fn init(env: Env) -> JsResult<Value> {
    let mut exports = Object::new(&env.js())?;
    let functions: &[(&str, NativeFn)] = &[
        ("setErrorFactory", set_error_factory),
        ("ioFromBuffer", io_from_buffer),
        ("ioWithCallbacks", io_with_callbacks),
        ("ioTransfer", io_transfer),
        ("ioDestroy", destroy::<IoContext>),
        ("ioCallRead", io_call_read),
        ("ioCallWrite", io_call_write),
        ("ioCallSeek", io_call_seek),
        ("inputOpen", input_open),
        ("inputOpenUrl", input_open_url),
        ("outputOpen", output_open),
        ("formatSeek", format_seek),
        ("setAsyncCaller", set_async_caller),
        ("ioReply", crate::bridge::io_reply),
        ("inputOpenAsync", crate::async_ops::input_open),
        ("formatReadFrameAsync", crate::async_ops::read_frame),
        ("formatReadFramesAsync", crate::async_ops::read_frames),
        ("formatSeekAsync", crate::async_ops::seek),
        ("formatWriteHeaderAsync", crate::async_ops::write_header),
        ("formatWriteFrameAsync", crate::async_ops::write_frame),
        ("formatWriteTrailerAsync", crate::async_ops::write_trailer),
        ("formatGetMetadata", format_get_metadata),
        ("formatSetMetadata", format_set_metadata),
        ("formatDump", format_dump),
        ("formatDestroy", destroy::<FormatContext>),
        ("formatReadFrame", format_read_frame),
        ("formatCreateStream", format_create_stream),
        ("formatWriteHeader", format_write_header),
        ("formatWriteFrame", format_write_frame),
        ("formatWriteTrailer", format_write_trailer),
        ("formatGet", format_get),
        ("formatBestStream", format_best_stream),
        ("formatInputName", format_input_name),
        ("formatOutputName", format_output_name),
        ("streamGet", stream_get),
        ("streamSet", stream_set),
        ("streamGetRational", stream_get_rational),
        ("streamSetRational", stream_set_rational),
        ("codecGet", codec_get),
        ("codecSet", codec_set),
        ("codecGetRational", codec_get_rational),
        ("codecSetRational", codec_set_rational),
        ("codecGetExtraData", codec_get_extra_data),
        ("codecSetExtraData", codec_set_extra_data),
        ("codecCopy", codec_copy),
        ("packetCreate", packet_create),
        ("packetDestroy", destroy::<Packet>),
        ("packetUnref", packet_unref),
        ("packetGet", packet_get),
        ("packetSet", packet_set),
        ("packetGetRational", packet_get_rational),
        ("packetSetRational", packet_set_rational),
        ("packetGetData", packet_get_data),
        ("packetSetData", packet_set_data),
        ("packetRescale", packet_rescale),
        ("packetCopyProps", packet_copy_props),
        ("outputFormatInfo", output_format_info),
        ("inputFormatInfo", input_format_info),
        ("outputFormatGuess", output_format_guess),
        ("codecName", codec_name),
        ("rescaleQ", rescale_q),
        ("logGetLevel", log_get_level),
        ("logSetLevel", log_set_level),
    ];
    for (name, f) in functions {
        export(env, &mut exports, name, *f)?;
    }
    let tables: [(&str, Vec<&str>); 8] = [
        ("codecFields", fields::names(fields::CODEC_PARAMETERS)),
        (
            "codecRationalFields",
            fields::rational_names(fields::CODEC_PARAMETERS_RATIONAL),
        ),
        ("streamFields", fields::names(fields::STREAM)),
        (
            "streamRationalFields",
            fields::rational_names(fields::STREAM_RATIONAL),
        ),
        ("packetFields", fields::names(fields::PACKET)),
        (
            "packetRationalFields",
            fields::rational_names(fields::PACKET_RATIONAL),
        ),
        ("formatFields", fields::names(fields::FORMAT_CONTEXT)),
        ("constantNames", CONSTANTS.iter().map(|(n, _)| *n).collect()),
    ];
    for (name, names) in tables {
        let mut array = Array::new(&env.js(), names.len())?;
        for (i, n) in names.iter().enumerate() {
            array.set(i as u32, env.string(n)?)?;
        }
        exports.set_named_property(name, array)?;
    }
    let mut constants = Array::new(&env.js(), CONSTANTS.len())?;
    for (i, (_, value)) in CONSTANTS.iter().enumerate() {
        constants.set(i as u32, env.number(*value))?;
    }
    exports.set_named_property("constantValues", constants)?;
    Ok(exports.into())
}

/// FFmpeg's values, named as `lib/constants.js` groups them.
const CONSTANTS: &[(&str, f64)] = &[
    ("SEEK_SET", 0.0),
    ("SEEK_CUR", 1.0),
    ("SEEK_END", 2.0),
    ("AVSEEK_SIZE", ff::AVSEEK_SIZE as f64),
    ("AVSEEK_FORCE", ff::AVSEEK_FORCE as f64),
    ("AVSEEK_FLAG_BACKWARD", ff::AVSEEK_FLAG_BACKWARD as f64),
    ("AVSEEK_FLAG_BYTE", ff::AVSEEK_FLAG_BYTE as f64),
    ("AVSEEK_FLAG_ANY", ff::AVSEEK_FLAG_ANY as f64),
    ("AVSEEK_FLAG_FRAME", ff::AVSEEK_FLAG_FRAME as f64),
    (
        "AVMEDIA_TYPE_UNKNOWN",
        ff::AVMediaType::AVMEDIA_TYPE_UNKNOWN as i32 as f64,
    ),
    (
        "AVMEDIA_TYPE_VIDEO",
        ff::AVMediaType::AVMEDIA_TYPE_VIDEO as i32 as f64,
    ),
    (
        "AVMEDIA_TYPE_AUDIO",
        ff::AVMediaType::AVMEDIA_TYPE_AUDIO as i32 as f64,
    ),
    (
        "AVMEDIA_TYPE_DATA",
        ff::AVMediaType::AVMEDIA_TYPE_DATA as i32 as f64,
    ),
    (
        "AVMEDIA_TYPE_SUBTITLE",
        ff::AVMediaType::AVMEDIA_TYPE_SUBTITLE as i32 as f64,
    ),
    (
        "AVMEDIA_TYPE_ATTACHMENT",
        ff::AVMediaType::AVMEDIA_TYPE_ATTACHMENT as i32 as f64,
    ),
    (
        "AVMEDIA_TYPE_NB",
        ff::AVMediaType::AVMEDIA_TYPE_NB as i32 as f64,
    ),
    ("AV_PKT_FLAG_KEY", ff::AV_PKT_FLAG_KEY as f64),
    ("AV_PKT_FLAG_CORRUPT", ff::AV_PKT_FLAG_CORRUPT as f64),
    ("AV_PKT_FLAG_DISCARD", ff::AV_PKT_FLAG_DISCARD as f64),
    ("AV_NOPTS_VALUE", i64::MIN as f64),
    ("AV_TIME_BASE", ff::AV_TIME_BASE as f64),
    (
        "AV_CODEC_ID_NONE",
        ff::AVCodecID::AV_CODEC_ID_NONE as i32 as f64,
    ),
    (
        "AV_CODEC_ID_H264",
        ff::AVCodecID::AV_CODEC_ID_H264 as i32 as f64,
    ),
    (
        "AV_CODEC_ID_HEVC",
        ff::AVCodecID::AV_CODEC_ID_HEVC as i32 as f64,
    ),
    (
        "AV_CODEC_ID_VP8",
        ff::AVCodecID::AV_CODEC_ID_VP8 as i32 as f64,
    ),
    (
        "AV_CODEC_ID_VP9",
        ff::AVCodecID::AV_CODEC_ID_VP9 as i32 as f64,
    ),
    (
        "AV_CODEC_ID_AV1",
        ff::AVCodecID::AV_CODEC_ID_AV1 as i32 as f64,
    ),
    (
        "AV_CODEC_ID_MPEG4",
        ff::AVCodecID::AV_CODEC_ID_MPEG4 as i32 as f64,
    ),
    (
        "AV_CODEC_ID_MJPEG",
        ff::AVCodecID::AV_CODEC_ID_MJPEG as i32 as f64,
    ),
    (
        "AV_CODEC_ID_AAC",
        ff::AVCodecID::AV_CODEC_ID_AAC as i32 as f64,
    ),
    (
        "AV_CODEC_ID_MP2",
        ff::AVCodecID::AV_CODEC_ID_MP2 as i32 as f64,
    ),
    (
        "AV_CODEC_ID_MP3",
        ff::AVCodecID::AV_CODEC_ID_MP3 as i32 as f64,
    ),
    (
        "AV_CODEC_ID_OPUS",
        ff::AVCodecID::AV_CODEC_ID_OPUS as i32 as f64,
    ),
    (
        "AV_CODEC_ID_VORBIS",
        ff::AVCodecID::AV_CODEC_ID_VORBIS as i32 as f64,
    ),
    (
        "AV_CODEC_ID_FLAC",
        ff::AVCodecID::AV_CODEC_ID_FLAC as i32 as f64,
    ),
    (
        "AV_CODEC_ID_PCM_S16LE",
        ff::AVCodecID::AV_CODEC_ID_PCM_S16LE as i32 as f64,
    ),
    (
        "AV_CODEC_ID_PCM_S16BE",
        ff::AVCodecID::AV_CODEC_ID_PCM_S16BE as i32 as f64,
    ),
    (
        "AV_CODEC_ID_PCM_U8",
        ff::AVCodecID::AV_CODEC_ID_PCM_U8 as i32 as f64,
    ),
    (
        "AV_CODEC_ID_PCM_ALAW",
        ff::AVCodecID::AV_CODEC_ID_PCM_ALAW as i32 as f64,
    ),
    (
        "AV_CODEC_ID_PCM_MULAW",
        ff::AVCodecID::AV_CODEC_ID_PCM_MULAW as i32 as f64,
    ),
    ("AV_ROUND_ZERO", ff::AVRounding::AV_ROUND_ZERO as i32 as f64),
    ("AV_ROUND_INF", ff::AVRounding::AV_ROUND_INF as i32 as f64),
    ("AV_ROUND_DOWN", ff::AVRounding::AV_ROUND_DOWN as i32 as f64),
    ("AV_ROUND_UP", ff::AVRounding::AV_ROUND_UP as i32 as f64),
    (
        "AV_ROUND_NEAR_INF",
        ff::AVRounding::AV_ROUND_NEAR_INF as i32 as f64,
    ),
    (
        "AV_ROUND_PASS_MINMAX",
        ff::AVRounding::AV_ROUND_PASS_MINMAX as i32 as f64,
    ),
    ("AV_LOG_QUIET", ff::AV_LOG_QUIET as f64),
    ("AV_LOG_PANIC", ff::AV_LOG_PANIC as f64),
    ("AV_LOG_FATAL", ff::AV_LOG_FATAL as f64),
    ("AV_LOG_ERROR", ff::AV_LOG_ERROR as f64),
    ("AV_LOG_WARNING", ff::AV_LOG_WARNING as f64),
    ("AV_LOG_INFO", ff::AV_LOG_INFO as f64),
    ("AV_LOG_VERBOSE", ff::AV_LOG_VERBOSE as f64),
    ("AV_LOG_DEBUG", ff::AV_LOG_DEBUG as f64),
    ("AV_LOG_TRACE", ff::AV_LOG_TRACE as f64),
    ("AVFMT_NOFILE", ff::AVFMT_NOFILE as f64),
    ("AVFMT_GLOBALHEADER", ff::AVFMT_GLOBALHEADER as f64),
    ("AVFMT_NOTIMESTAMPS", ff::AVFMT_NOTIMESTAMPS as f64),
    ("AVFMT_VARIABLE_FPS", ff::AVFMT_VARIABLE_FPS as f64),
    ("AVFMT_TS_DISCONT", ff::AVFMT_TS_DISCONT as f64),
    ("AVFMT_GENERIC_INDEX", ff::AVFMT_GENERIC_INDEX as f64),
    ("AVFMT_NO_BYTE_SEEK", ff::AVFMT_NO_BYTE_SEEK as f64),
];

fn set_error_factory(args: &Args) -> JsResult<Value> {
    errors::set_factory(args.env, args.value(0));
    Ok(args.env.undefined())
}

/// `setAsyncCaller(callAsync)`: the helper that runs I/O callbacks for async operations.
fn set_async_caller(args: &Args) -> JsResult<Value> {
    crate::bridge::set_caller(args.env, args.value(0));
    Ok(args.env.undefined())
}

fn destroy<T: Native>(args: &Args) -> JsResult<Value> {
    Slot::<T>::from_arg(args, 0)?.destroy();
    Ok(args.env.undefined())
}

// ---- IOContext ----

/// `ioFromBuffer(io, view)`.
fn io_from_buffer(args: &Args) -> JsResult<Value> {
    args.bytes(1, "buffer")?;
    let io = IoContext::with_memory(args.env, Memory::new(args.env, args.value(1)))?;
    attach(args, io)
}

/// Makes argument 0, a fresh object of our class, own `value`.
fn attach<T: Native>(args: &Args, value: T) -> JsResult<Value> {
    handle::attach(args, 0, value)?;
    Ok(args.env.undefined())
}

/// `ioWithCallbacks(io, size, read, write, seek)`.
fn io_with_callbacks(args: &Args) -> JsResult<Value> {
    let size = args.integer(1, "size", 1.0, i32::MAX as f64)? as usize;
    let function = |i: usize, name: &str| -> JsResult<Option<Value>> {
        if args.is_undefined(i) {
            return Ok(None);
        }
        let value = args.raw(i);
        if !matches!(
            args.env.type_of(value),
            bare_rust_ffi::js_value_type_t::js_function
        ) {
            return Err(type_error(
                args.env,
                &format!(
                    "{name} must be a function, got {}",
                    args.env.describe(value)
                ),
            ));
        }
        Ok(Some(args.value(i)))
    };
    let callbacks = Callbacks::new(
        args.env,
        function(2, "onread")?,
        function(3, "onwrite")?,
        function(4, "onseek")?,
    );
    attach(args, IoContext::with_callbacks(args.env, size, callbacks)?)
}

/// `ioTransfer(to, from)`.
fn io_transfer(args: &Args) -> JsResult<Value> {
    let io = Slot::<IoContext>::from_arg(args, 1)?.take(args.env)?;
    attach(args, io)
}

// Test hooks: run one I/O callback as FFmpeg would, outside any demuxer, so tests can reach
// every `whence` and every result check directly. A callback failure is thrown; otherwise the
// FFmpeg-facing result comes back.

fn with_io<R>(args: &Args, f: impl FnOnce(&mut IoContext) -> R) -> JsResult<R> {
    Slot::<IoContext>::from_arg(args, 0)?.with(args.env, |io| {
        let result = f(io);
        match io.take_failure() {
            Some(failure) => Err(failure),
            None => Ok(result),
        }
    })
}

/// `ioCallRead(io, len)`: the bytes read, or FFmpeg's (negative) result.
fn io_call_read(args: &Args) -> JsResult<Value> {
    let len = args.integer(1, "len", 0.0, i32::MAX as f64)? as usize;
    let (r, bytes) = with_io(args, |io| io.call_read(len))?;
    if r < 0 {
        return Ok(args.env.number(r as f64));
    }
    args.env.array_buffer(&bytes)
}

fn io_call_write(args: &Args) -> JsResult<Value> {
    let mut bytes = args.bytes(1, "data")?.to_vec();
    let r = with_io(args, |io| io.call_write(&mut bytes))?;
    Ok(args.env.number(r as f64))
}

fn io_call_seek(args: &Args) -> JsResult<Value> {
    let offset = args.int64(1, "offset")?;
    let whence = args.int32(2, "whence")?;
    let r = with_io(args, |io| io.call_seek(offset, whence))?;
    Ok(args.env.number(r as f64))
}

// ---- Format contexts ----

/// `[key, value, key, value, ...]` strings from JavaScript, as an AVDictionary.
pub fn options(args: &Args, i: usize) -> JsResult<Dictionary> {
    Dictionary::new(args.env, &string_pairs(args, i)?)
}

/// `[key, value, key, value, ...]` strings from JavaScript (`undefined`: none).
fn string_pairs(args: &Args, i: usize) -> JsResult<Vec<(String, String)>> {
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

fn string_of(env: Env, value: Value) -> JsResult<String> {
    let r = raw(value);
    env.string_of(r).ok_or_else(|| {
        type_error(
            env,
            &format!("Option values must be strings, got {}", env.describe(r)),
        )
    })
}

pub fn check_leftover(env: Env, dict: &Dictionary, what: &str) -> JsResult<()> {
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
pub fn input_format_arg(args: &Args, i: usize) -> JsResult<*const ff::AVInputFormat> {
    if args.is_undefined(i) {
        return Ok(ptr::null());
    }
    find_input_format(args.env, &args.string(i, "format")?)
}

/// `inputOpen(context, io, format?, options?)`.
fn input_open(args: &Args) -> JsResult<Value> {
    let io_slot = Slot::<IoContext>::from_arg(args, 1)?;
    let format = input_format_arg(args, 2)?;
    let dict = options(args, 3)?;
    let io = io_slot.take(args.env)?;
    let (context, dict) = FormatContext::open_input(args.env, Input::Io(io), format, dict)?;
    check_leftover(args.env, &dict, "demuxer")?;
    attach(args, context)
}

/// `inputOpenUrl(context, url, format?, options?)`: FFmpeg opens the URL or path itself.
fn input_open_url(args: &Args) -> JsResult<Value> {
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
fn format_seek(args: &Args) -> JsResult<Value> {
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
pub fn seek_args(args: &Args) -> JsResult<(i32, i64, i64, i64, i32)> {
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
fn metadata_slot(env: Env, fc: &FormatContext, index: i64) -> JsResult<*mut *mut ff::AVDictionary> {
    if index == -1 {
        // SAFETY: live context.
        return Ok(unsafe { ptr::addr_of_mut!((*fc.as_ptr()).metadata) });
    }
    let stream = fc.stream(env, index)?;
    // SAFETY: the stream belongs to the live context.
    Ok(unsafe { ptr::addr_of_mut!((*stream).metadata) })
}

/// `formatGetMetadata(context, streamIndex)`: `{ key: value }`; stream index -1: the container.
fn format_get_metadata(args: &Args) -> JsResult<Value> {
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
fn format_set_metadata(args: &Args) -> JsResult<Value> {
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
fn format_dump(args: &Args) -> JsResult<Value> {
    Slot::<FormatContext>::from_arg(args, 0)?.with(args.env, |fc| {
        // SAFETY: live context; av_dump_format only reads it and logs.
        unsafe { ff::av_dump_format(fc.as_ptr(), 0, c"".as_ptr(), fc.is_output() as c_int) };
        Ok(args.env.undefined())
    })
}

/// `outputOpen(context, io, format)`.
fn output_open(args: &Args) -> JsResult<Value> {
    let io_slot = Slot::<IoContext>::from_arg(args, 1)?;
    let format = find_output_format(args.env, &args.string(2, "format")?)?;
    let io = io_slot.take(args.env)?;
    attach(args, FormatContext::open_output(args.env, io, format)?)
}

fn format_read_frame(args: &Args) -> JsResult<Value> {
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

fn with_output<R>(args: &Args, f: impl FnOnce(&mut FormatContext) -> JsResult<R>) -> JsResult<R> {
    let env = args.env;
    Slot::<FormatContext>::from_arg(args, 0)?.with(env, |fc| {
        if !fc.is_output() {
            return Err(type_error(env, "This operation needs an output context"));
        }
        f(fc)
    })
}

fn format_create_stream(args: &Args) -> JsResult<Value> {
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

fn format_write_header(args: &Args) -> JsResult<Value> {
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

fn format_write_frame(args: &Args) -> JsResult<Value> {
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

fn format_write_trailer(args: &Args) -> JsResult<Value> {
    let env = args.env;
    with_output(args, |fc| {
        // SAFETY: live output context.
        fc.run(env, "Could not write trailer", |ctx| unsafe {
            ff::av_write_trailer(ctx)
        })?;
        Ok(env.undefined())
    })
}

fn field_index<T>(args: &Args, i: usize, table: &[T]) -> JsResult<usize> {
    Ok(args.integer(i, "field", 0.0, table.len() as f64 - 1.0)? as usize)
}

fn get_field<T>(env: Env, table: &[Field<T>], index: usize, target: &T) -> Value {
    env.number((table[index].get)(target) as f64)
}

fn set_field<T>(
    args: &Args,
    table: &[Field<T>],
    index: usize,
    value_arg: usize,
    target: &mut T,
) -> JsResult<Value> {
    let field = &table[index];
    let Some(set) = field.set else {
        return Err(type_error(
            args.env,
            &format!("{} is read-only", field.name),
        ));
    };
    let value = if field.wide {
        args.int64(value_arg, field.name)?
    } else {
        args.int32(value_arg, field.name)? as i64
    };
    set(target, value);
    Ok(args.env.undefined())
}

/// Writes a rational into the `Int32Array` of two in argument `i` (no allocation: getters of
/// time bases run once or twice per packet in a remux loop).
fn rational_out(args: &Args, i: usize, r: ff::AVRational) -> JsResult<Value> {
    let value = args.raw(i);
    let out = args
        .env
        .int32s_of(value)
        .filter(|o| o.len() >= 2)
        .ok_or_else(|| type_error(args.env, "Expected an Int32Array of two for the result"))?;
    out[0] = r.num;
    out[1] = r.den;
    Ok(args.env.undefined())
}

fn set_rational<T>(
    args: &Args,
    table: &[RationalField<T>],
    index: usize,
    first: usize,
    target: &mut T,
) -> JsResult<Value> {
    let field = &table[index];
    let Some(set) = field.set else {
        return Err(type_error(
            args.env,
            &format!("{} is read-only", field.name),
        ));
    };
    let num = args.int32(first, "numerator")?;
    let den = args.int32(first + 1, "denominator")?;
    set(target, ff::AVRational { num, den });
    Ok(args.env.undefined())
}

fn format_get(args: &Args) -> JsResult<Value> {
    let index = field_index(args, 1, fields::FORMAT_CONTEXT)?;
    Slot::<FormatContext>::from_arg(args, 0)?.with(args.env, |fc| {
        // SAFETY: `ctx` is live.
        Ok(get_field(args.env, fields::FORMAT_CONTEXT, index, unsafe {
            &*fc.as_ptr()
        }))
    })
}

fn format_best_stream(args: &Args) -> JsResult<Value> {
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

fn c_string(env: Env, p: *const std::ffi::c_char) -> JsResult<Value> {
    if p.is_null() {
        return Ok(env.undefined());
    }
    // SAFETY: FFmpeg's format and codec names are static NUL-terminated strings.
    env.string(&unsafe { CStr::from_ptr(p) }.to_string_lossy())
}

fn format_input_name(args: &Args) -> JsResult<Value> {
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

fn format_output_name(args: &Args) -> JsResult<Value> {
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

// ---- Streams and codec parameters, addressed as (format context, stream index) ----

fn with_stream<R>(args: &Args, f: impl FnOnce(&mut ff::AVStream) -> JsResult<R>) -> JsResult<R> {
    let index = args.integer(1, "stream index", 0.0, u32::MAX as f64)?;
    Slot::<FormatContext>::from_arg(args, 0)?.with(args.env, |fc| {
        let stream = fc.stream(args.env, index)?;
        // SAFETY: the stream belongs to the live context we hold borrowed.
        f(unsafe { &mut *stream })
    })
}

fn with_codec<R>(
    args: &Args,
    f: impl FnOnce(&mut ff::AVCodecParameters) -> JsResult<R>,
) -> JsResult<R> {
    // SAFETY: every stream of an open context has codec parameters.
    with_stream(args, |s| f(unsafe { &mut *s.codecpar }))
}

fn stream_get(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 2, fields::STREAM)?;
    with_stream(args, |s| Ok(get_field(args.env, fields::STREAM, i, s)))
}

fn stream_set(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 2, fields::STREAM)?;
    with_stream(args, |s| set_field(args, fields::STREAM, i, 3, s))
}

fn stream_get_rational(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 2, fields::STREAM_RATIONAL)?;
    with_stream(args, |s| {
        rational_out(args, 3, (fields::STREAM_RATIONAL[i].get)(s))
    })
}

fn stream_set_rational(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 2, fields::STREAM_RATIONAL)?;
    with_stream(args, |s| {
        set_rational(args, fields::STREAM_RATIONAL, i, 3, s)
    })
}

fn codec_get(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 2, fields::CODEC_PARAMETERS)?;
    with_codec(args, |c| {
        Ok(get_field(args.env, fields::CODEC_PARAMETERS, i, c))
    })
}

fn codec_set(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 2, fields::CODEC_PARAMETERS)?;
    with_codec(args, |c| set_field(args, fields::CODEC_PARAMETERS, i, 3, c))
}

fn codec_get_rational(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 2, fields::CODEC_PARAMETERS_RATIONAL)?;
    with_codec(args, |c| {
        rational_out(args, 3, (fields::CODEC_PARAMETERS_RATIONAL[i].get)(c))
    })
}

fn codec_set_rational(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 2, fields::CODEC_PARAMETERS_RATIONAL)?;
    with_codec(args, |c| {
        set_rational(args, fields::CODEC_PARAMETERS_RATIONAL, i, 3, c)
    })
}

fn codec_get_extra_data(args: &Args) -> JsResult<Value> {
    with_codec(args, |c| {
        if c.extradata.is_null() || c.extradata_size <= 0 {
            return args.env.array_buffer(&[]);
        }
        // SAFETY: `extradata` holds `extradata_size` bytes.
        args.env.array_buffer(unsafe {
            std::slice::from_raw_parts(c.extradata, c.extradata_size as usize)
        })
    })
}

fn codec_set_extra_data(args: &Args) -> JsResult<Value> {
    let env = args.env;
    let bytes = args.bytes(2, "extraData")?.to_vec();
    with_codec(args, |c| {
        let padding = ff::AV_INPUT_BUFFER_PADDING_SIZE as usize;
        // SAFETY: we replace the parameters' extradata with a fresh, padded av_malloc copy, which
        // avcodec_parameters_free will release with av_free as FFmpeg expects.
        unsafe {
            let data = ff::av_mallocz(bytes.len() + padding).cast::<u8>();
            if data.is_null() {
                return Err(errors::ffmpeg_error(
                    env,
                    "Could not set extra data",
                    errors::averror(errors::libc_errno::ENOMEM),
                ));
            }
            ptr::copy_nonoverlapping(bytes.as_ptr(), data, bytes.len());
            ff::av_freep(ptr::addr_of_mut!(c.extradata).cast());
            c.extradata = data;
            c.extradata_size = bytes.len() as c_int;
        }
        Ok(env.undefined())
    })
}

/// `codecCopy(dst, dstIndex, src, srcIndex)`: copies all codec parameters without decoding.
fn codec_copy(args: &Args) -> JsResult<Value> {
    let env = args.env;
    let src_index = args.integer(3, "source stream index", 0.0, u32::MAX as f64)?;
    let src_slot = Slot::<FormatContext>::from_arg(args, 2)?;
    let dst_index = args.integer(1, "stream index", 0.0, u32::MAX as f64)?;
    let dst_slot = Slot::<FormatContext>::from_arg(args, 0)?;
    let copy = |dst: &FormatContext, src: &FormatContext| -> JsResult<Value> {
        let (d, s) = (dst.stream(env, dst_index)?, src.stream(env, src_index)?);
        // SAFETY: both streams belong to live contexts; copying onto itself is a no-op in FFmpeg.
        let r = unsafe { ff::avcodec_parameters_copy((*d).codecpar, (*s).codecpar) };
        if r < 0 {
            return Err(errors::ffmpeg_error(
                env,
                "Could not copy codec parameters",
                r,
            ));
        }
        Ok(env.undefined())
    };
    if ptr::eq(src_slot, dst_slot) {
        return dst_slot.with(env, |fc| copy(fc, fc));
    }
    dst_slot.with(env, |dst| src_slot.with(env, |src| copy(dst, src)))
}

// ---- Packets ----

/// `packetCreate(packet)`.
fn packet_create(args: &Args) -> JsResult<Value> {
    attach(args, Packet::new(args.env)?)
}

fn with_packet<R>(args: &Args, f: impl FnOnce(&mut Packet) -> JsResult<R>) -> JsResult<R> {
    Slot::<Packet>::from_arg(args, 0)?.with(args.env, f)
}

fn packet_unref(args: &Args) -> JsResult<Value> {
    with_packet(args, |p| {
        p.unref();
        Ok(args.env.undefined())
    })
}

fn packet_get(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 1, fields::PACKET)?;
    with_packet(args, |p| {
        Ok(get_field(args.env, fields::PACKET, i, p.get()))
    })
}

fn packet_set(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 1, fields::PACKET)?;
    with_packet(args, |p| set_field(args, fields::PACKET, i, 2, p.get_mut()))
}

fn packet_get_rational(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 1, fields::PACKET_RATIONAL)?;
    with_packet(args, |p| {
        rational_out(args, 2, (fields::PACKET_RATIONAL[i].get)(p.get()))
    })
}

fn packet_set_rational(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 1, fields::PACKET_RATIONAL)?;
    with_packet(args, |p| {
        set_rational(args, fields::PACKET_RATIONAL, i, 2, p.get_mut())
    })
}

fn packet_get_data(args: &Args) -> JsResult<Value> {
    with_packet(args, |p| args.env.array_buffer(p.data()))
}

fn packet_set_data(args: &Args) -> JsResult<Value> {
    let bytes = args.bytes(1, "data")?.to_vec();
    with_packet(args, |p| {
        p.set_data(args.env, &bytes)?;
        Ok(args.env.undefined())
    })
}

fn rational_args(args: &Args, first: usize) -> JsResult<ff::AVRational> {
    let num = args.int32(first, "numerator")?;
    let den = args.int32(first + 1, "denominator")?;
    if num <= 0 || den <= 0 {
        return Err(range_error(
            args.env,
            &format!("A time base must be positive, got {num}/{den}"),
        ));
    }
    Ok(ff::AVRational { num, den })
}

fn packet_rescale(args: &Args) -> JsResult<Value> {
    let from = rational_args(args, 1)?;
    let to = rational_args(args, 3)?;
    with_packet(args, |p| {
        // SAFETY: live packet; both time bases are positive.
        unsafe { ff::av_packet_rescale_ts(p.as_ptr(), from, to) };
        Ok(args.env.undefined())
    })
}

fn packet_copy_props(args: &Args) -> JsResult<Value> {
    let env = args.env;
    let src = Slot::<Packet>::from_arg(args, 1)?;
    let dst = Slot::<Packet>::from_arg(args, 0)?;
    if ptr::eq(src, dst) {
        return Ok(env.undefined());
    }
    dst.with(env, |d| {
        src.with(env, |s| {
            // SAFETY: two distinct live packets.
            let r = unsafe { ff::av_packet_copy_props(d.as_ptr(), s.as_ptr()) };
            if r < 0 {
                return Err(errors::ffmpeg_error(
                    env,
                    "Could not copy packet properties",
                    r,
                ));
            }
            Ok(env.undefined())
        })
    })
}

// ---- Formats, codecs, rationals ----

fn find_output_format(env: Env, name: &str) -> JsResult<*const ff::AVOutputFormat> {
    let c = CString::new(name).map_err(|_| type_error(env, "format name must not contain NUL"))?;
    // SAFETY: looks up a static muxer description by short name.
    let f = unsafe { ff::av_guess_format(c.as_ptr(), ptr::null(), ptr::null()) };
    if f.is_null() {
        return Err(errors::ffmpeg_error_with(
            env,
            &format!("Unknown output format: {name}"),
            ff::AVERROR_MUXER_NOT_FOUND,
        ));
    }
    Ok(f)
}

fn find_input_format(env: Env, name: &str) -> JsResult<*const ff::AVInputFormat> {
    let c = CString::new(name).map_err(|_| type_error(env, "format name must not contain NUL"))?;
    // SAFETY: looks up a static demuxer description by short name.
    let f = unsafe { ff::av_find_input_format(c.as_ptr()) };
    if f.is_null() {
        return Err(errors::ffmpeg_error_with(
            env,
            &format!("Unknown input format: {name}"),
            ff::AVERROR_DEMUXER_NOT_FOUND,
        ));
    }
    Ok(f)
}

fn format_info(
    env: Env,
    name: *const std::ffi::c_char,
    long_name: *const std::ffi::c_char,
    extensions: *const std::ffi::c_char,
    mime: *const std::ffi::c_char,
    flags: c_int,
) -> JsResult<Value> {
    let mut info = Object::new(&env.js())?;
    info.set_named_property("name", c_string(env, name)?)?;
    info.set_named_property("longName", c_string(env, long_name)?)?;
    info.set_named_property("extensions", c_string(env, extensions)?)?;
    info.set_named_property("mimeType", c_string(env, mime)?)?;
    info.set_named_property("flags", env.number(flags as f64))?;
    Ok(info.into())
}

/// `outputFormatInfo(name)`: `{ name, longName, extensions, mimeType, flags }` of a muxer.
fn output_format_info(args: &Args) -> JsResult<Value> {
    let f = find_output_format(args.env, &args.string(0, "name")?)?;
    // SAFETY: static muxer description.
    let f = unsafe { &*f };
    format_info(
        args.env,
        f.name,
        f.long_name,
        f.extensions,
        f.mime_type,
        f.flags,
    )
}

/// `outputFormatGuess(fileName)`: the short name of the muxer FFmpeg picks for a file name.
fn output_format_guess(args: &Args) -> JsResult<Value> {
    let name = args.string(0, "fileName")?;
    let c = CString::new(name.as_str())
        .map_err(|_| type_error(args.env, "fileName must not contain NUL"))?;
    // SAFETY: looks up a static muxer description by file name (extension).
    let f = unsafe { ff::av_guess_format(ptr::null(), c.as_ptr(), ptr::null()) };
    if f.is_null() {
        return Err(errors::ffmpeg_error_with(
            args.env,
            &format!("No output format matches the file name {name}"),
            ff::AVERROR_MUXER_NOT_FOUND,
        ));
    }
    // SAFETY: static muxer description.
    c_string(args.env, unsafe { (*f).name })
}

/// `inputFormatInfo(name)`: the same for a demuxer.
fn input_format_info(args: &Args) -> JsResult<Value> {
    let f = find_input_format(args.env, &args.string(0, "name")?)?;
    // SAFETY: static demuxer description.
    let f = unsafe { &*f };
    format_info(
        args.env,
        f.name,
        f.long_name,
        f.extensions,
        f.mime_type,
        f.flags,
    )
}

extern "C" {
    // `avcodec_get_name` declared with the C int its enum argument is, so that any id a script
    // passes is a valid argument (a Rust enum must hold one of its variants).
    #[link_name = "avcodec_get_name"]
    fn avcodec_get_name_by_int(id: c_int) -> *const std::ffi::c_char;
}

fn codec_name(args: &Args) -> JsResult<Value> {
    let id = args.int32(0, "id")?;
    // SAFETY: avcodec_get_name accepts any id and returns a static string ("unknown_codec" for
    // ids it does not know).
    let name = unsafe { avcodec_get_name_by_int(id) };
    c_string(args.env, name)
}

fn rescale_q(args: &Args) -> JsResult<Value> {
    let a = args.int64(0, "value")?;
    let from = rational_args(args, 1)?;
    let to = rational_args(args, 3)?;
    // SAFETY: pure arithmetic on positive time bases.
    let r = unsafe { ff::av_rescale_q(a, from, to) };
    Ok(args.env.number(r as f64))
}

fn log_get_level(args: &Args) -> JsResult<Value> {
    // SAFETY: reads FFmpeg's global log level.
    Ok(args.env.number(unsafe { ff::av_log_get_level() } as f64))
}

/// Sets FFmpeg's global log level (what it prints to stderr).
fn log_set_level(args: &Args) -> JsResult<Value> {
    let level = args.int32(0, "level")?;
    // SAFETY: sets FFmpeg's global log level; any int is accepted.
    unsafe { ff::av_log_set_level(level) };
    Ok(args.env.undefined())
}
