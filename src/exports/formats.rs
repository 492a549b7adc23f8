//! Demuxer and muxer descriptions, codec names, rescaling, the log level.

use std::ffi::{c_int, CStr, CString};
use std::ptr;

use bare_rust::{Object, Value};
use ffmpeg_sys_next as ff;

use super::*;
use crate::errors::{self, type_error};
use crate::js::{Args, Env, JsResult};

pub(crate) fn c_string(env: Env, p: *const std::ffi::c_char) -> JsResult<Value> {
    if p.is_null() {
        return Ok(env.undefined());
    }
    // SAFETY: FFmpeg's format and codec names are static NUL-terminated strings.
    env.string(&unsafe { CStr::from_ptr(p) }.to_string_lossy())
}

pub(crate) fn find_output_format(env: Env, name: &str) -> JsResult<*const ff::AVOutputFormat> {
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

pub(crate) fn find_input_format(env: Env, name: &str) -> JsResult<*const ff::AVInputFormat> {
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

pub(crate) fn format_info(
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
pub(crate) fn output_format_info(args: &Args) -> JsResult<Value> {
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
pub(crate) fn output_format_guess(args: &Args) -> JsResult<Value> {
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
pub(crate) fn input_format_info(args: &Args) -> JsResult<Value> {
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

pub(crate) fn codec_name(args: &Args) -> JsResult<Value> {
    let id = args.int32(0, "id")?;
    // SAFETY: avcodec_get_name accepts any id and returns a static string ("unknown_codec" for
    // ids it does not know).
    let name = unsafe { avcodec_get_name_by_int(id) };
    c_string(args.env, name)
}

pub(crate) fn rescale_q(args: &Args) -> JsResult<Value> {
    let a = args.int64(0, "value")?;
    let from = rational_args(args, 1)?;
    let to = rational_args(args, 3)?;
    // SAFETY: pure arithmetic on positive time bases.
    let r = unsafe { ff::av_rescale_q(a, from, to) };
    Ok(args.env.number(r as f64))
}

pub(crate) fn log_get_level(args: &Args) -> JsResult<Value> {
    // SAFETY: reads FFmpeg's global log level.
    Ok(args.env.number(unsafe { ff::av_log_get_level() } as f64))
}

/// Sets FFmpeg's global log level (what it prints to stderr).
pub(crate) fn log_set_level(args: &Args) -> JsResult<Value> {
    let level = args.int32(0, "level")?;
    // SAFETY: sets FFmpeg's global log level; any int is accepted.
    unsafe { ff::av_log_set_level(level) };
    Ok(args.env.undefined())
}

/// `versions()`: the FFmpeg version, each library's version, the configuration and the licence,
/// as `ffmpeg -version` shows them.
pub(crate) fn versions(args: &Args) -> JsResult<Value> {
    let env = args.env;
    let dotted = |v: std::ffi::c_uint| format!("{}.{}.{}", v >> 16, (v >> 8) & 0xff, v & 0xff);
    let mut object = Object::new(&env.js())?;
    // SAFETY: these return static strings or plain numbers.
    unsafe {
        object.set_named_property("ffmpeg", c_string(env, ff::av_version_info())?)?;
        for (name, version) in [
            ("avutil", ff::avutil_version()),
            ("avcodec", ff::avcodec_version()),
            ("avformat", ff::avformat_version()),
            ("avdevice", ff::avdevice_version()),
            ("avfilter", ff::avfilter_version()),
            ("swscale", ff::swscale_version()),
            ("swresample", ff::swresample_version()),
        ] {
            object.set_named_property(name, env.string(&dotted(version))?)?;
        }
        object.set_named_property("configuration", c_string(env, ff::avutil_configuration())?)?;
        object.set_named_property("license", c_string(env, ff::avutil_license())?)?;
    }
    Ok(object.into())
}
