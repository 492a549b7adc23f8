//! Pixel and sample formats and colour properties: their values and FFmpeg's names for them
//! (the published API's `getPixelFormatName`, `toColorSpace`, ...).

use crate::av::{self, EnumName};
use crate::error::{Error, Result};
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::Value;

use crate::values::ToJs;

pub fn register(e: &mut Exports) -> Result<()> {
    e.function("pixelFormatName", |args| name(args, EnumName::PixelFormat))?;
    e.function("sampleFormatName", |args| {
        name(args, EnumName::SampleFormat)
    })?;
    e.function("colorSpaceName", |args| name(args, EnumName::ColorSpace))?;
    e.function("colorPrimariesName", |args| {
        name(args, EnumName::ColorPrimaries)
    })?;
    e.function("colorTransferName", |args| {
        name(args, EnumName::ColorTransfer)
    })?;
    e.function("colorRangeName", |args| name(args, EnumName::ColorRange))?;
    e.function("pixelFormatFromName", |args| {
        from_name(args, EnumName::PixelFormat)
    })?;
    e.function("sampleFormatFromName", |args| {
        from_name(args, EnumName::SampleFormat)
    })?;
    e.function("colorSpaceFromName", |args| {
        from_name(args, EnumName::ColorSpace)
    })?;
    e.function("colorPrimariesFromName", |args| {
        from_name(args, EnumName::ColorPrimaries)
    })?;
    e.function("colorTransferFromName", |args| {
        from_name(args, EnumName::ColorTransfer)
    })?;
    e.constants(enum_constants!(AVPixelFormat:
        AV_PIX_FMT_NONE, AV_PIX_FMT_YUV420P, AV_PIX_FMT_YUYV422, AV_PIX_FMT_RGB24,
        AV_PIX_FMT_BGR24, AV_PIX_FMT_YUV422P, AV_PIX_FMT_YUV444P, AV_PIX_FMT_GRAY8,
        AV_PIX_FMT_YUVJ420P, AV_PIX_FMT_YUVJ422P, AV_PIX_FMT_YUVJ444P, AV_PIX_FMT_UYVY422,
        AV_PIX_FMT_NV12, AV_PIX_FMT_NV21, AV_PIX_FMT_ARGB, AV_PIX_FMT_RGBA, AV_PIX_FMT_ABGR,
        AV_PIX_FMT_BGRA, AV_PIX_FMT_YUV420P10LE, AV_PIX_FMT_NV24, AV_PIX_FMT_VIDEOTOOLBOX,
    ))?;
    e.constants(enum_constants!(AVSampleFormat:
        AV_SAMPLE_FMT_NONE, AV_SAMPLE_FMT_U8, AV_SAMPLE_FMT_S16, AV_SAMPLE_FMT_S32,
        AV_SAMPLE_FMT_FLT, AV_SAMPLE_FMT_DBL, AV_SAMPLE_FMT_U8P, AV_SAMPLE_FMT_S16P,
        AV_SAMPLE_FMT_S32P, AV_SAMPLE_FMT_FLTP, AV_SAMPLE_FMT_DBLP, AV_SAMPLE_FMT_S64,
        AV_SAMPLE_FMT_S64P, AV_SAMPLE_FMT_NB,
    ))?;
    e.constants(enum_constants!(AVColorSpace:
        AVCOL_SPC_RGB, AVCOL_SPC_BT709, AVCOL_SPC_UNSPECIFIED, AVCOL_SPC_RESERVED, AVCOL_SPC_FCC,
        AVCOL_SPC_BT470BG, AVCOL_SPC_SMPTE170M, AVCOL_SPC_SMPTE240M, AVCOL_SPC_YCGCO,
        AVCOL_SPC_BT2020_NCL, AVCOL_SPC_BT2020_CL, AVCOL_SPC_SMPTE2085,
        AVCOL_SPC_CHROMA_DERIVED_NCL, AVCOL_SPC_CHROMA_DERIVED_CL, AVCOL_SPC_ICTCP,
        AVCOL_SPC_IPT_C2, AVCOL_SPC_YCGCO_RE, AVCOL_SPC_YCGCO_RO,
    ))?;
    e.constants(enum_constants!(AVColorRange:
        AVCOL_RANGE_UNSPECIFIED, AVCOL_RANGE_MPEG, AVCOL_RANGE_JPEG,
    ))?;
    e.constants(enum_constants!(AVColorPrimaries:
        AVCOL_PRI_BT709, AVCOL_PRI_UNSPECIFIED, AVCOL_PRI_RESERVED, AVCOL_PRI_BT470M,
        AVCOL_PRI_BT470BG, AVCOL_PRI_SMPTE170M, AVCOL_PRI_SMPTE240M, AVCOL_PRI_FILM,
        AVCOL_PRI_BT2020, AVCOL_PRI_SMPTE428, AVCOL_PRI_SMPTE431, AVCOL_PRI_SMPTE432,
        AVCOL_PRI_EBU3213,
    ))?;
    e.constants(enum_constants!(AVColorTransferCharacteristic:
        AVCOL_TRC_BT709, AVCOL_TRC_UNSPECIFIED, AVCOL_TRC_RESERVED, AVCOL_TRC_GAMMA22,
        AVCOL_TRC_GAMMA28, AVCOL_TRC_SMPTE170M, AVCOL_TRC_SMPTE240M, AVCOL_TRC_LINEAR,
        AVCOL_TRC_LOG, AVCOL_TRC_LOG_SQRT, AVCOL_TRC_IEC61966_2_4, AVCOL_TRC_BT1361_ECG,
        AVCOL_TRC_IEC61966_2_1, AVCOL_TRC_BT2020_10, AVCOL_TRC_BT2020_12, AVCOL_TRC_SMPTE2084,
        AVCOL_TRC_SMPTE428, AVCOL_TRC_ARIB_STD_B67,
    ))?;
    e.constants(enum_constants!(AVHWDeviceType:
        AV_HWDEVICE_TYPE_NONE, AV_HWDEVICE_TYPE_VIDEOTOOLBOX, AV_HWDEVICE_TYPE_CUDA,
        AV_HWDEVICE_TYPE_VAAPI, AV_HWDEVICE_TYPE_DXVA2, AV_HWDEVICE_TYPE_QSV,
        AV_HWDEVICE_TYPE_D3D11VA,
    ))
}

/// `xName(value)`: FFmpeg's name for the value, `undefined` for a number it does not know.
fn name(args: &Args, kind: EnumName) -> Result<Value> {
    let value = args.int32(0, "value")?;
    (av::enum_name(kind, value)).to_js(args.env)
}

/// `xFromName(name)`: the value for FFmpeg's name; a RangeError for a name it does not know.
fn from_name(args: &Args, kind: EnumName) -> Result<Value> {
    let name = args.string(0, "name")?;
    let value = av::enum_from_name(kind, &name)
        .ok_or_else(|| Error::Range(format!("Unknown name '{name}'")))?;
    Ok(args.env.number(value as f64))
}
