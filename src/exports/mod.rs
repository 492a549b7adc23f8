//! The functions `binding.js` sees: `init` builds the table; the functions live in the files
//! of this folder by topic. Each one checks its arguments, finds its native object and
//! calls into the module that does the work; nothing here talks to FFmpeg beyond one call.

use bare_rust::{Array, Object, Value};
use ffmpeg_sys_next as ff;

use crate::errors::{self};
use crate::fields::{self};
use crate::format::FormatContext;
use crate::handle::{Native, Slot};
use crate::io::IoContext;
use crate::js::{export, Args, Env, JsResult, NativeFn};
use crate::packet::Packet;

mod accessors;
mod format;
mod formats;
mod io;
mod packet;

pub(crate) use accessors::*;
pub(crate) use format::*;
pub(crate) use formats::*;
pub(crate) use io::*;
pub(crate) use packet::*;

pub(crate) fn init(env: Env) -> JsResult<Value> {
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
        ("codecGetChannelLayout", codec_get_channel_layout),
        ("codecSetChannelLayout", codec_set_channel_layout),
        ("channelLayoutName", channel_layout_name),
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
        ("versions", versions),
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
pub(crate) const CONSTANTS: &[(&str, f64)] = &[
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
    ("AV_CH_LAYOUT_MONO", ff::AV_CH_LAYOUT_MONO as f64),
    ("AV_CH_LAYOUT_STEREO", ff::AV_CH_LAYOUT_STEREO as f64),
    ("AV_CH_LAYOUT_2POINT1", ff::AV_CH_LAYOUT_2POINT1 as f64),
    ("AV_CH_LAYOUT_SURROUND", ff::AV_CH_LAYOUT_SURROUND as f64),
    ("AV_CH_LAYOUT_QUAD", ff::AV_CH_LAYOUT_QUAD as f64),
    ("AV_CH_LAYOUT_5POINT0", ff::AV_CH_LAYOUT_5POINT0 as f64),
    ("AV_CH_LAYOUT_5POINT1", ff::AV_CH_LAYOUT_5POINT1 as f64),
    ("AV_CH_LAYOUT_7POINT1", ff::AV_CH_LAYOUT_7POINT1 as f64),
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

pub(crate) fn set_error_factory(args: &Args) -> JsResult<Value> {
    errors::set_factory(args.env, args.value(0));
    Ok(args.env.undefined())
}

/// `setAsyncCaller(callAsync)`: the helper that runs I/O callbacks for async operations.
pub(crate) fn set_async_caller(args: &Args) -> JsResult<Value> {
    crate::bridge::set_caller(args.env, args.value(0));
    Ok(args.env.undefined())
}

pub(crate) fn destroy<T: Native>(args: &Args) -> JsResult<Value> {
    Slot::<T>::from_arg(args, 0)?.destroy();
    Ok(args.env.undefined())
}
