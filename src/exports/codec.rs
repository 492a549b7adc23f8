//! Codec ids and names, and media types.

use crate::av;
use crate::error::Result;
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::Value;

use super::format_description::string_or_undefined;

pub fn register(e: &mut Exports) -> Result<()> {
    e.function("codecName", name)?;
    use ff::AVCodecID::*;
    use ff::AVMediaType::*;
    use ffmpeg_sys_next as ff;
    let id = |id: ff::AVCodecID| id as i32 as f64;
    let media = |t: ff::AVMediaType| t as i32 as f64;
    e.constants(&[
        ("AVMEDIA_TYPE_UNKNOWN", media(AVMEDIA_TYPE_UNKNOWN)),
        ("AVMEDIA_TYPE_VIDEO", media(AVMEDIA_TYPE_VIDEO)),
        ("AVMEDIA_TYPE_AUDIO", media(AVMEDIA_TYPE_AUDIO)),
        ("AVMEDIA_TYPE_DATA", media(AVMEDIA_TYPE_DATA)),
        ("AVMEDIA_TYPE_SUBTITLE", media(AVMEDIA_TYPE_SUBTITLE)),
        ("AVMEDIA_TYPE_ATTACHMENT", media(AVMEDIA_TYPE_ATTACHMENT)),
        ("AVMEDIA_TYPE_NB", media(AVMEDIA_TYPE_NB)),
        ("AV_CODEC_ID_NONE", id(AV_CODEC_ID_NONE)),
        ("AV_CODEC_ID_H264", id(AV_CODEC_ID_H264)),
        ("AV_CODEC_ID_HEVC", id(AV_CODEC_ID_HEVC)),
        ("AV_CODEC_ID_VP8", id(AV_CODEC_ID_VP8)),
        ("AV_CODEC_ID_VP9", id(AV_CODEC_ID_VP9)),
        ("AV_CODEC_ID_AV1", id(AV_CODEC_ID_AV1)),
        ("AV_CODEC_ID_MPEG4", id(AV_CODEC_ID_MPEG4)),
        ("AV_CODEC_ID_MPEG2VIDEO", id(AV_CODEC_ID_MPEG2VIDEO)),
        ("AV_CODEC_ID_MJPEG", id(AV_CODEC_ID_MJPEG)),
        ("AV_CODEC_ID_PNG", id(AV_CODEC_ID_PNG)),
        ("AV_CODEC_ID_AAC", id(AV_CODEC_ID_AAC)),
        ("AV_CODEC_ID_MP2", id(AV_CODEC_ID_MP2)),
        ("AV_CODEC_ID_MP3", id(AV_CODEC_ID_MP3)),
        ("AV_CODEC_ID_OPUS", id(AV_CODEC_ID_OPUS)),
        ("AV_CODEC_ID_VORBIS", id(AV_CODEC_ID_VORBIS)),
        ("AV_CODEC_ID_FLAC", id(AV_CODEC_ID_FLAC)),
        ("AV_CODEC_ID_PCM_S16LE", id(AV_CODEC_ID_PCM_S16LE)),
        ("AV_CODEC_ID_PCM_S16BE", id(AV_CODEC_ID_PCM_S16BE)),
        ("AV_CODEC_ID_PCM_U8", id(AV_CODEC_ID_PCM_U8)),
        ("AV_CODEC_ID_PCM_ALAW", id(AV_CODEC_ID_PCM_ALAW)),
        ("AV_CODEC_ID_PCM_MULAW", id(AV_CODEC_ID_PCM_MULAW)),
    ])
}

/// `codecName(id)`: the codec's name ("h264"); "unknown_codec" for ids FFmpeg does not know.
fn name(args: &Args) -> Result<Value> {
    let id = args.int32(0, "id")?;
    string_or_undefined(args.env, Some(av::codec_name(id)))
}
