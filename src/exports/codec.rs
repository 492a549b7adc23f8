//! Codec ids and names, and media types.

use crate::error::Result;
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::Value;

use crate::values::ToJs;

pub fn register(e: &mut Exports) -> Result<()> {
    e.function("codecName", name)?;
    e.constants(enum_constants!(AVMediaType:
        AVMEDIA_TYPE_UNKNOWN, AVMEDIA_TYPE_VIDEO, AVMEDIA_TYPE_AUDIO, AVMEDIA_TYPE_DATA,
        AVMEDIA_TYPE_SUBTITLE, AVMEDIA_TYPE_ATTACHMENT, AVMEDIA_TYPE_NB,
    ))?;
    e.constants(enum_constants!(AVCodecID:
        AV_CODEC_ID_NONE, AV_CODEC_ID_H264, AV_CODEC_ID_HEVC, AV_CODEC_ID_VP8, AV_CODEC_ID_VP9,
        AV_CODEC_ID_AV1, AV_CODEC_ID_MPEG4, AV_CODEC_ID_MPEG2VIDEO, AV_CODEC_ID_MJPEG,
        AV_CODEC_ID_PNG, AV_CODEC_ID_AAC, AV_CODEC_ID_MP2, AV_CODEC_ID_MP3, AV_CODEC_ID_OPUS,
        AV_CODEC_ID_VORBIS, AV_CODEC_ID_FLAC, AV_CODEC_ID_PCM_S16LE, AV_CODEC_ID_PCM_S16BE,
        AV_CODEC_ID_PCM_U8, AV_CODEC_ID_PCM_ALAW, AV_CODEC_ID_PCM_MULAW,
    ))?;
    e.constants(enum_constants!(AVPictureType:
        AV_PICTURE_TYPE_NONE, AV_PICTURE_TYPE_I, AV_PICTURE_TYPE_P, AV_PICTURE_TYPE_B,
        AV_PICTURE_TYPE_S, AV_PICTURE_TYPE_SI, AV_PICTURE_TYPE_SP, AV_PICTURE_TYPE_BI,
    ))?;
    e.constants(enum_constants!(AVCodecConfig:
        AV_CODEC_CONFIG_PIX_FORMAT, AV_CODEC_CONFIG_FRAME_RATE, AV_CODEC_CONFIG_SAMPLE_RATE,
        AV_CODEC_CONFIG_SAMPLE_FORMAT, AV_CODEC_CONFIG_CHANNEL_LAYOUT, AV_CODEC_CONFIG_COLOR_RANGE,
        AV_CODEC_CONFIG_COLOR_SPACE,
    ))?;
    e.constants(constants!(
        AV_CODEC_FLAG_COPY_OPAQUE,
        AV_CODEC_FLAG_FRAME_DURATION,
        AV_CODEC_FLAG_PASS1,
        AV_CODEC_FLAG_PASS2,
        AV_CODEC_FLAG_LOOP_FILTER,
        AV_CODEC_FLAG_GRAY,
        AV_CODEC_FLAG_PSNR,
        AV_CODEC_FLAG_INTERLACED_DCT,
        AV_CODEC_FLAG_LOW_DELAY,
        AV_CODEC_FLAG_GLOBAL_HEADER,
        AV_CODEC_FLAG_BITEXACT,
        AV_CODEC_FLAG_AC_PRED,
        AV_CODEC_FLAG_INTERLACED_ME,
        AV_CODEC_FLAG_CLOSED_GOP,
        AV_PROFILE_H264_MAIN,
        AV_LEVEL_UNKNOWN,
    ))
}

/// `codecName(id)`: the codec's name ("h264"); "unknown_codec" for ids FFmpeg does not know.
fn name(args: &Args) -> Result<Value> {
    let id = args.int32(0, "id")?;
    (Some(crate::codec::lookup::codec_name(id))).to_js(args.env)
}
