//! What of FFmpeg has no owner among our objects: error texts and names, FFmpeg's enum tables
//! (names both ways, numbers checked on the way in), C strings, side data entries, timestamp
//! arithmetic, versions; and the declarations of FFmpeg functions with C ints for enums
//! (`*_by_int`), which the owners (`image.rs`, `samples.rs`, `codec.rs`, `scaler.rs`, ...) call.
//! Every piece with an owner lives with it: channel layouts in `channel_layout.rs`, formats in
//! `format/lookup.rs`, the log in `log.rs`.

use std::ffi::{c_char, c_int, c_uint, c_void, CStr, CString};
use std::ptr;

use ffmpeg_sys_next as ff;

/// FFmpeg's own text for an error code ("Invalid data found when processing input").
pub fn strerror(code: c_int) -> String {
    let mut buf = [0 as c_char; 128];
    // SAFETY: av_strerror writes a NUL-terminated string of at most `buf.len()` bytes.
    unsafe { ff::av_strerror(code, buf.as_mut_ptr(), buf.len()) };
    string(buf.as_ptr()).unwrap_or_default()
}

/// The (type, bytes) of `count` side data entries at `entries` (a packet's or a stream's).
///
/// # Safety
/// `entries` is null or holds `count` entries, each with `size` bytes at `data`, alive for `'a`.
pub unsafe fn side_data_entries<'a>(
    entries: *const ff::AVPacketSideData,
    count: c_int,
) -> Vec<(ff::AVPacketSideDataType, &'a [u8])> {
    if entries.is_null() || count <= 0 {
        return Vec::new();
    }
    // SAFETY: as the caller guarantees.
    let entries = unsafe { std::slice::from_raw_parts(entries, count as usize) };
    entries
        .iter()
        .map(|e| {
            let bytes = if e.data.is_null() || e.size == 0 {
                &[][..]
            } else {
                // SAFETY: as the caller guarantees.
                unsafe { std::slice::from_raw_parts(e.data, e.size) }
            };
            (e.type_, bytes)
        })
        .collect()
}

/// A NUL-terminated C string FFmpeg returned (static or ours to copy), as a Rust string.
pub fn string(p: *const c_char) -> Option<String> {
    // SAFETY: FFmpeg's names and texts are NUL-terminated; null is checked.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

/// Copies `bytes` to `dst` (FFmpeg memory just allocated for them).
///
/// # Safety
/// `dst` must have room for `bytes.len()` bytes (it may be null when `bytes` is empty).
pub unsafe fn copy_into(dst: *mut u8, bytes: &[u8]) {
    if !bytes.is_empty() {
        // SAFETY: as the caller guarantees; ours and FFmpeg's memory never overlap.
        unsafe { ptr::copy_nonoverlapping(bytes.as_ptr(), dst, bytes.len()) };
    }
}

/// The symbolic name of an error code: `AVERROR_EOF`, `ENOMEM`, ...
pub fn error_name(code: c_int) -> String {
    const TAGS: &[(c_int, &str)] = &[
        (ff::AVERROR_EOF, "AVERROR_EOF"),
        (ff::AVERROR_INVALIDDATA, "AVERROR_INVALIDDATA"),
        (ff::AVERROR_EXTERNAL, "AVERROR_EXTERNAL"),
        (ff::AVERROR_BUG, "AVERROR_BUG"),
        (ff::AVERROR_BUG2, "AVERROR_BUG"),
        (ff::AVERROR_UNKNOWN, "AVERROR_UNKNOWN"),
        (ff::AVERROR_PATCHWELCOME, "AVERROR_PATCHWELCOME"),
        (ff::AVERROR_MUXER_NOT_FOUND, "AVERROR_MUXER_NOT_FOUND"),
        (ff::AVERROR_DEMUXER_NOT_FOUND, "AVERROR_DEMUXER_NOT_FOUND"),
        (ff::AVERROR_STREAM_NOT_FOUND, "AVERROR_STREAM_NOT_FOUND"),
        (ff::AVERROR_DECODER_NOT_FOUND, "AVERROR_DECODER_NOT_FOUND"),
        (ff::AVERROR_ENCODER_NOT_FOUND, "AVERROR_ENCODER_NOT_FOUND"),
        (ff::AVERROR_OPTION_NOT_FOUND, "AVERROR_OPTION_NOT_FOUND"),
        (ff::AVERROR_PROTOCOL_NOT_FOUND, "AVERROR_PROTOCOL_NOT_FOUND"),
        (ff::AVERROR_EXIT, "AVERROR_EXIT"),
    ];
    const ERRNOS: &[(c_int, &str)] = &[
        (libc::EPERM, "EPERM"),
        (libc::ENOENT, "ENOENT"),
        (libc::EIO, "EIO"),
        (libc::EAGAIN, "EAGAIN"),
        (libc::ENOMEM, "ENOMEM"),
        (libc::EACCES, "EACCES"),
        (libc::EINVAL, "EINVAL"),
        (libc::ENOSPC, "ENOSPC"),
        (libc::ESPIPE, "ESPIPE"),
        (libc::ERANGE, "ERANGE"),
        (libc::ENOSYS, "ENOSYS"),
    ];
    if let Some((_, name)) = TAGS.iter().find(|(c, _)| *c == code) {
        return (*name).into();
    }
    if let Some((_, name)) = ERRNOS.iter().find(|(e, _)| ff::AVERROR(*e) == code) {
        return (*name).into();
    }
    format!("AVERROR({code})")
}

unsafe extern "C" {
    // Declared with the C int their enum arguments are, so that any number a script passes is a
    // valid argument (a Rust enum must hold one of its variants). Each returns null (or a
    // placeholder) for numbers it does not know. Those that take only numbers are `safe`: no
    // argument can make them misbehave (a returned pointer is static, or owned by the caller).
    #[link_name = "avcodec_get_name"]
    pub(crate) safe fn avcodec_get_name_by_int(id: c_int) -> *const c_char;
    #[link_name = "avcodec_descriptor_get"]
    pub(crate) safe fn avcodec_descriptor_get_by_int(id: c_int) -> *const ff::AVCodecDescriptor;
    #[link_name = "av_get_pix_fmt_name"]
    pub(crate) safe fn av_get_pix_fmt_name_by_int(format: c_int) -> *const c_char;
    #[link_name = "av_get_sample_fmt_name"]
    pub(crate) safe fn av_get_sample_fmt_name_by_int(format: c_int) -> *const c_char;
    #[link_name = "av_color_space_name"]
    pub(crate) safe fn av_color_space_name_by_int(space: c_int) -> *const c_char;
    #[link_name = "av_color_primaries_name"]
    pub(crate) safe fn av_color_primaries_name_by_int(primaries: c_int) -> *const c_char;
    #[link_name = "av_color_transfer_name"]
    pub(crate) safe fn av_color_transfer_name_by_int(transfer: c_int) -> *const c_char;
    #[link_name = "av_color_range_name"]
    pub(crate) safe fn av_color_range_name_by_int(range: c_int) -> *const c_char;
    #[link_name = "av_packet_side_data_name"]
    pub(crate) safe fn av_packet_side_data_name_by_int(kind: c_int) -> *const c_char;
    #[link_name = "av_frame_side_data_name"]
    pub(crate) safe fn av_frame_side_data_name_by_int(kind: c_int) -> *const c_char;
    #[link_name = "avcodec_find_decoder"]
    pub(crate) safe fn avcodec_find_decoder_by_int(id: c_int) -> *const ff::AVCodec;
    #[link_name = "avcodec_find_encoder"]
    pub(crate) safe fn avcodec_find_encoder_by_int(id: c_int) -> *const ff::AVCodec;
    #[link_name = "sws_getContext"]
    pub(crate) fn sws_get_context_by_int(
        src_w: c_int,
        src_h: c_int,
        src_format: c_int,
        dst_w: c_int,
        dst_h: c_int,
        dst_format: c_int,
        flags: c_int,
        src_filter: *mut ff::SwsFilter,
        dst_filter: *mut ff::SwsFilter,
        param: *const f64,
    ) -> *mut ff::SwsContext;
    #[link_name = "swr_alloc_set_opts2"]
    pub(crate) fn swr_alloc_set_opts2_by_int(
        ps: *mut *mut ff::SwrContext,
        out_ch_layout: *const ff::AVChannelLayout,
        out_sample_fmt: c_int,
        out_sample_rate: c_int,
        in_ch_layout: *const ff::AVChannelLayout,
        in_sample_fmt: c_int,
        in_sample_rate: c_int,
        log_offset: c_int,
        log_ctx: *mut c_void,
    ) -> c_int;
    #[link_name = "av_audio_fifo_alloc"]
    pub(crate) safe fn av_audio_fifo_alloc_by_int(
        format: c_int,
        channels: c_int,
        nb_samples: c_int,
    ) -> *mut ff::AVAudioFifo;
    #[link_name = "av_image_get_buffer_size"]
    pub(crate) safe fn av_image_get_buffer_size_by_int(
        format: c_int,
        w: c_int,
        h: c_int,
        align: c_int,
    ) -> c_int;
    #[link_name = "av_samples_get_buffer_size"]
    pub(crate) fn av_samples_get_buffer_size_by_int(
        linesize: *mut c_int,
        channels: c_int,
        nb_samples: c_int,
        format: c_int,
        align: c_int,
    ) -> c_int;
    #[link_name = "av_image_get_linesize"]
    pub(crate) safe fn av_image_get_linesize_by_int(format: c_int, w: c_int, plane: c_int)
        -> c_int;
    #[link_name = "av_image_fill_arrays"]
    pub(crate) fn av_image_fill_arrays_by_int(
        data: *mut *mut u8,
        linesizes: *mut c_int,
        src: *const u8,
        format: c_int,
        w: c_int,
        h: c_int,
        align: c_int,
    ) -> c_int;
    #[link_name = "av_image_copy"]
    pub(crate) fn av_image_copy_by_int(
        dst: *const *mut u8,
        dst_lines: *const c_int,
        src: *const *const u8,
        src_lines: *const c_int,
        format: c_int,
        w: c_int,
        h: c_int,
    );
    #[link_name = "av_image_copy_to_buffer"]
    pub(crate) fn av_image_copy_to_buffer_by_int(
        dst: *mut u8,
        dst_size: c_int,
        src: *const *const u8,
        src_lines: *const c_int,
        format: c_int,
        w: c_int,
        h: c_int,
        align: c_int,
    ) -> c_int;
    #[link_name = "av_image_fill_plane_sizes"]
    pub(crate) fn av_image_fill_plane_sizes_by_int(
        sizes: *mut usize,
        format: c_int,
        height: c_int,
        linesizes: *const isize,
    ) -> c_int;
    #[link_name = "av_image_fill_linesizes"]
    pub(crate) fn av_image_fill_linesizes_by_int(
        linesizes: *mut c_int,
        format: c_int,
        width: c_int,
    ) -> c_int;
    #[link_name = "av_get_pix_fmt"]
    pub(crate) fn av_get_pix_fmt_by_int(name: *const c_char) -> c_int;
    #[link_name = "av_get_sample_fmt"]
    pub(crate) fn av_get_sample_fmt_by_int(name: *const c_char) -> c_int;
    #[link_name = "av_sample_fmt_is_planar"]
    pub(crate) safe fn av_sample_fmt_is_planar_by_int(format: c_int) -> c_int;
    #[link_name = "av_get_bytes_per_sample"]
    pub(crate) safe fn av_get_bytes_per_sample_by_int(format: c_int) -> c_int;
}

/// The name FFmpeg gives a value of one of its enums ("yuv420p", "s16", "bt709"), `None` for a
/// number that is not one of its values.
pub fn enum_name(kind: EnumName, value: c_int) -> Option<String> {
    let p = match kind {
        EnumName::PixelFormat => av_get_pix_fmt_name_by_int(value),
        EnumName::SampleFormat => av_get_sample_fmt_name_by_int(value),
        EnumName::ColorSpace => av_color_space_name_by_int(value),
        EnumName::ColorPrimaries => av_color_primaries_name_by_int(value),
        EnumName::ColorTransfer => av_color_transfer_name_by_int(value),
        EnumName::ColorRange => av_color_range_name_by_int(value),
        EnumName::PacketSideData => av_packet_side_data_name_by_int(value),
        EnumName::FrameSideData => av_frame_side_data_name_by_int(value),
    };
    string(p)
}

/// The value FFmpeg has for a name, `None` for a name it does not know.
pub fn enum_from_name(kind: EnumName, name: &str) -> Option<c_int> {
    let name = CString::new(name).ok()?;
    let lookup: unsafe extern "C" fn(*const c_char) -> c_int = match kind {
        EnumName::PixelFormat => av_get_pix_fmt_by_int,
        EnumName::SampleFormat => av_get_sample_fmt_by_int,
        EnumName::ColorSpace => ff::av_color_space_from_name,
        EnumName::ColorPrimaries => ff::av_color_primaries_from_name,
        EnumName::ColorTransfer => ff::av_color_transfer_from_name,
        EnumName::ColorRange => ff::av_color_range_from_name,
        EnumName::PacketSideData | EnumName::FrameSideData => return None,
    };
    // SAFETY: a NUL-terminated name; a negative number for an unknown one.
    let v = unsafe { lookup(name.as_ptr()) };
    (v >= 0).then_some(v)
}

/// Sets a field of one of FFmpeg's C enums to `v`, which must be one of its values (or -1, none);
/// `what` names the enum in the error.
///
/// # Safety
/// `T` must be the bindgen enum of the C enum `kind` names: an int in memory, with every value
/// FFmpeg's table has (bindgen generates it from the same headers).
pub unsafe fn set_enum_field<T>(
    field: &mut T,
    v: i64,
    kind: EnumName,
    what: &str,
) -> Result<(), String> {
    const { assert!(std::mem::size_of::<T>() == std::mem::size_of::<c_int>()) };
    let known = c_int::try_from(v).is_ok_and(|v| v == -1 || enum_name(kind, v).is_some());
    if !known {
        return Err(format!("{v} is not a {what}"));
    }
    // SAFETY: as the caller guarantees; `v` is one of the enum's values (checked above).
    unsafe { *(field as *mut T).cast::<c_int>() = v as c_int };
    Ok(())
}

#[derive(Clone, Copy)]
pub enum EnumName {
    PixelFormat,
    SampleFormat,
    ColorSpace,
    ColorPrimaries,
    ColorTransfer,
    ColorRange,
    PacketSideData,
    FrameSideData,
}

/// Checked conversions from the C int JavaScript passes to FFmpeg's enums: `None` for a number
/// that is not one of the enum's values (a Rust enum must hold one of its variants).
macro_rules! enum_from_int {
    ($($name:ident -> $ty:ident { $($variant:ident),* $(,)? })*) => {$(
        pub fn $name(v: c_int) -> Option<ff::$ty> {
            use ff::$ty::*;
            [$($variant),*].into_iter().find(|x| *x as c_int == v)
        }
    )*};
}

/// The same, plus `$all`: every value by name, the constants JavaScript sees.
macro_rules! enum_from_int_with_names {
    ($name:ident / $all:ident -> $ty:ident { $($variant:ident),* $(,)? }) => {
        enum_from_int! { $name -> $ty { $($variant),* } }
        pub const $all: &[(&str, f64)] =
            &[$((stringify!($variant), ff::$ty::$variant as i32 as f64)),*];
    };
}

enum_from_int_with_names! {
    hw_device_type / HW_DEVICE_TYPES -> AVHWDeviceType {
        AV_HWDEVICE_TYPE_VDPAU, AV_HWDEVICE_TYPE_CUDA, AV_HWDEVICE_TYPE_VAAPI,
        AV_HWDEVICE_TYPE_DXVA2, AV_HWDEVICE_TYPE_QSV, AV_HWDEVICE_TYPE_VIDEOTOOLBOX,
        AV_HWDEVICE_TYPE_D3D11VA, AV_HWDEVICE_TYPE_DRM, AV_HWDEVICE_TYPE_OPENCL,
        AV_HWDEVICE_TYPE_MEDIACODEC, AV_HWDEVICE_TYPE_VULKAN, AV_HWDEVICE_TYPE_D3D12VA,
        AV_HWDEVICE_TYPE_AMF, AV_HWDEVICE_TYPE_OHCODEC,
    }
}

enum_from_int! {
    sample_format -> AVSampleFormat {
        AV_SAMPLE_FMT_U8, AV_SAMPLE_FMT_S16, AV_SAMPLE_FMT_S32, AV_SAMPLE_FMT_FLT,
        AV_SAMPLE_FMT_DBL, AV_SAMPLE_FMT_U8P, AV_SAMPLE_FMT_S16P, AV_SAMPLE_FMT_S32P,
        AV_SAMPLE_FMT_FLTP, AV_SAMPLE_FMT_DBLP, AV_SAMPLE_FMT_S64, AV_SAMPLE_FMT_S64P,
    }
    media_type -> AVMediaType {
        AVMEDIA_TYPE_UNKNOWN, AVMEDIA_TYPE_VIDEO, AVMEDIA_TYPE_AUDIO, AVMEDIA_TYPE_DATA,
        AVMEDIA_TYPE_SUBTITLE, AVMEDIA_TYPE_ATTACHMENT,
    }
    picture_type -> AVPictureType {
        AV_PICTURE_TYPE_NONE, AV_PICTURE_TYPE_I, AV_PICTURE_TYPE_P, AV_PICTURE_TYPE_B,
        AV_PICTURE_TYPE_S, AV_PICTURE_TYPE_SI, AV_PICTURE_TYPE_SP, AV_PICTURE_TYPE_BI,
    }
    color_range -> AVColorRange {
        AVCOL_RANGE_UNSPECIFIED, AVCOL_RANGE_MPEG, AVCOL_RANGE_JPEG,
    }
    color_primaries -> AVColorPrimaries {
        AVCOL_PRI_RESERVED0, AVCOL_PRI_BT709, AVCOL_PRI_UNSPECIFIED, AVCOL_PRI_RESERVED,
        AVCOL_PRI_BT470M, AVCOL_PRI_BT470BG, AVCOL_PRI_SMPTE170M, AVCOL_PRI_SMPTE240M,
        AVCOL_PRI_FILM, AVCOL_PRI_BT2020, AVCOL_PRI_SMPTE428, AVCOL_PRI_SMPTE431,
        AVCOL_PRI_SMPTE432, AVCOL_PRI_EBU3213, AVCOL_PRI_EXT_BASE,
    }
    color_trc -> AVColorTransferCharacteristic {
        AVCOL_TRC_RESERVED0, AVCOL_TRC_BT709, AVCOL_TRC_UNSPECIFIED, AVCOL_TRC_RESERVED,
        AVCOL_TRC_GAMMA22, AVCOL_TRC_GAMMA28, AVCOL_TRC_SMPTE170M, AVCOL_TRC_SMPTE240M,
        AVCOL_TRC_LINEAR, AVCOL_TRC_LOG, AVCOL_TRC_LOG_SQRT, AVCOL_TRC_IEC61966_2_4,
        AVCOL_TRC_BT1361_ECG, AVCOL_TRC_IEC61966_2_1, AVCOL_TRC_BT2020_10, AVCOL_TRC_BT2020_12,
        AVCOL_TRC_SMPTE2084, AVCOL_TRC_SMPTE428, AVCOL_TRC_ARIB_STD_B67, AVCOL_TRC_EXT_BASE,
    }
    color_space -> AVColorSpace {
        AVCOL_SPC_RGB, AVCOL_SPC_BT709, AVCOL_SPC_UNSPECIFIED, AVCOL_SPC_RESERVED, AVCOL_SPC_FCC,
        AVCOL_SPC_BT470BG, AVCOL_SPC_SMPTE170M, AVCOL_SPC_SMPTE240M, AVCOL_SPC_YCGCO,
        AVCOL_SPC_BT2020_NCL, AVCOL_SPC_BT2020_CL, AVCOL_SPC_SMPTE2085,
        AVCOL_SPC_CHROMA_DERIVED_NCL, AVCOL_SPC_CHROMA_DERIVED_CL, AVCOL_SPC_ICTCP,
        AVCOL_SPC_IPT_C2, AVCOL_SPC_YCGCO_RE, AVCOL_SPC_YCGCO_RO,
    }
    chroma_location -> AVChromaLocation {
        AVCHROMA_LOC_UNSPECIFIED, AVCHROMA_LOC_LEFT, AVCHROMA_LOC_CENTER, AVCHROMA_LOC_TOPLEFT,
        AVCHROMA_LOC_TOP, AVCHROMA_LOC_BOTTOMLEFT, AVCHROMA_LOC_BOTTOM,
    }
    codec_config -> AVCodecConfig {
        AV_CODEC_CONFIG_PIX_FORMAT, AV_CODEC_CONFIG_FRAME_RATE, AV_CODEC_CONFIG_SAMPLE_RATE,
        AV_CODEC_CONFIG_SAMPLE_FORMAT, AV_CODEC_CONFIG_CHANNEL_LAYOUT, AV_CODEC_CONFIG_COLOR_RANGE,
        AV_CODEC_CONFIG_COLOR_SPACE,
    }
    field_order -> AVFieldOrder {
        AV_FIELD_UNKNOWN, AV_FIELD_PROGRESSIVE, AV_FIELD_TT, AV_FIELD_BB, AV_FIELD_TB, AV_FIELD_BT,
    }
}

enum_from_int_with_names! {
    packet_side_data_type / PACKET_SIDE_DATA_TYPES -> AVPacketSideDataType {
        AV_PKT_DATA_PALETTE, AV_PKT_DATA_NEW_EXTRADATA, AV_PKT_DATA_PARAM_CHANGE,
        AV_PKT_DATA_H263_MB_INFO, AV_PKT_DATA_REPLAYGAIN, AV_PKT_DATA_DISPLAYMATRIX,
        AV_PKT_DATA_STEREO3D, AV_PKT_DATA_AUDIO_SERVICE_TYPE, AV_PKT_DATA_QUALITY_STATS,
        AV_PKT_DATA_FALLBACK_TRACK, AV_PKT_DATA_CPB_PROPERTIES, AV_PKT_DATA_SKIP_SAMPLES,
        AV_PKT_DATA_JP_DUALMONO, AV_PKT_DATA_STRINGS_METADATA, AV_PKT_DATA_SUBTITLE_POSITION,
        AV_PKT_DATA_MATROSKA_BLOCKADDITIONAL, AV_PKT_DATA_WEBVTT_IDENTIFIER,
        AV_PKT_DATA_WEBVTT_SETTINGS, AV_PKT_DATA_METADATA_UPDATE, AV_PKT_DATA_MPEGTS_STREAM_ID,
        AV_PKT_DATA_MASTERING_DISPLAY_METADATA, AV_PKT_DATA_SPHERICAL,
        AV_PKT_DATA_CONTENT_LIGHT_LEVEL, AV_PKT_DATA_A53_CC, AV_PKT_DATA_ENCRYPTION_INIT_INFO,
        AV_PKT_DATA_ENCRYPTION_INFO, AV_PKT_DATA_AFD, AV_PKT_DATA_PRFT, AV_PKT_DATA_ICC_PROFILE,
        AV_PKT_DATA_DOVI_CONF, AV_PKT_DATA_S12M_TIMECODE, AV_PKT_DATA_DYNAMIC_HDR10_PLUS,
        AV_PKT_DATA_IAMF_MIX_GAIN_PARAM, AV_PKT_DATA_IAMF_DEMIXING_INFO_PARAM,
        AV_PKT_DATA_IAMF_RECON_GAIN_INFO_PARAM, AV_PKT_DATA_AMBIENT_VIEWING_ENVIRONMENT,
        AV_PKT_DATA_FRAME_CROPPING, AV_PKT_DATA_LCEVC, AV_PKT_DATA_3D_REFERENCE_DISPLAYS,
        AV_PKT_DATA_RTCP_SR, AV_PKT_DATA_EXIF, AV_PKT_DATA_DYNAMIC_HDR_SMPTE_2094_APP5,
        AV_PKT_DATA_HEVC_CONF,
    }
}

enum_from_int_with_names! {
    frame_side_data_type / FRAME_SIDE_DATA_TYPES -> AVFrameSideDataType {
        AV_FRAME_DATA_PANSCAN, AV_FRAME_DATA_A53_CC, AV_FRAME_DATA_STEREO3D,
        AV_FRAME_DATA_MATRIXENCODING, AV_FRAME_DATA_DOWNMIX_INFO, AV_FRAME_DATA_REPLAYGAIN,
        AV_FRAME_DATA_DISPLAYMATRIX, AV_FRAME_DATA_AFD, AV_FRAME_DATA_MOTION_VECTORS,
        AV_FRAME_DATA_SKIP_SAMPLES, AV_FRAME_DATA_AUDIO_SERVICE_TYPE,
        AV_FRAME_DATA_MASTERING_DISPLAY_METADATA, AV_FRAME_DATA_GOP_TIMECODE,
        AV_FRAME_DATA_SPHERICAL, AV_FRAME_DATA_CONTENT_LIGHT_LEVEL, AV_FRAME_DATA_ICC_PROFILE,
        AV_FRAME_DATA_S12M_TIMECODE, AV_FRAME_DATA_DYNAMIC_HDR_PLUS,
        AV_FRAME_DATA_REGIONS_OF_INTEREST, AV_FRAME_DATA_VIDEO_ENC_PARAMS,
        AV_FRAME_DATA_SEI_UNREGISTERED, AV_FRAME_DATA_FILM_GRAIN_PARAMS,
        AV_FRAME_DATA_DETECTION_BBOXES, AV_FRAME_DATA_DOVI_RPU_BUFFER, AV_FRAME_DATA_DOVI_METADATA,
        AV_FRAME_DATA_DYNAMIC_HDR_VIVID, AV_FRAME_DATA_AMBIENT_VIEWING_ENVIRONMENT,
        AV_FRAME_DATA_VIDEO_HINT, AV_FRAME_DATA_LCEVC, AV_FRAME_DATA_VIEW_ID,
        AV_FRAME_DATA_3D_REFERENCE_DISPLAYS, AV_FRAME_DATA_EXIF,
        AV_FRAME_DATA_DYNAMIC_HDR_SMPTE_2094_APP5, AV_FRAME_DATA_IAMF_MIX_GAIN_PARAM,
        AV_FRAME_DATA_IAMF_DEMIXING_INFO_PARAM, AV_FRAME_DATA_IAMF_RECON_GAIN_INFO_PARAM,
        AV_FRAME_DATA_RAW_COLOR_PARAMS,
    }
}

/// `a` in `to` units instead of `from` units, rounded to nearest.
pub fn rescale_q(a: i64, from: ff::AVRational, to: ff::AVRational) -> i64 {
    // SAFETY: pure arithmetic.
    unsafe { ff::av_rescale_q(a, from, to) }
}

// --- Versions ------------------------------------------------------------------------------------

pub struct Versions {
    pub ffmpeg: String,
    pub libraries: [(&'static str, String); 7],
    pub configuration: String,
    pub license: String,
}

pub fn versions() -> Versions {
    let dotted = |v: c_uint| format!("{}.{}.{}", v >> 16, (v >> 8) & 0xff, v & 0xff);
    Versions {
        ffmpeg: string(version::av_version_info()).unwrap_or_default(),
        libraries: [
            ("avutil", dotted(version::avutil_version())),
            ("avcodec", dotted(version::avcodec_version())),
            ("avformat", dotted(version::avformat_version())),
            ("avdevice", dotted(version::avdevice_version())),
            ("avfilter", dotted(version::avfilter_version())),
            ("swscale", dotted(version::swscale_version())),
            ("swresample", dotted(version::swresample_version())),
        ],
        configuration: string(version::avutil_configuration()).unwrap_or_default(),
        license: string(version::avutil_license()).unwrap_or_default(),
    }
}

/// FFmpeg's version functions: no arguments, a number or a static string back; safe to call.
mod version {
    use std::ffi::{c_char, c_uint};

    unsafe extern "C" {
        pub safe fn av_version_info() -> *const c_char;
        pub safe fn avutil_version() -> c_uint;
        pub safe fn avcodec_version() -> c_uint;
        pub safe fn avformat_version() -> c_uint;
        pub safe fn avdevice_version() -> c_uint;
        pub safe fn avfilter_version() -> c_uint;
        pub safe fn swscale_version() -> c_uint;
        pub safe fn swresample_version() -> c_uint;
        pub safe fn avutil_configuration() -> *const c_char;
        pub safe fn avutil_license() -> *const c_char;
    }
}

/// Registers libavdevice's inputs (lavfi), so that demuxers can be found by those names.
pub fn register_devices() {
    // SAFETY: idempotent global registration.
    unsafe { ff::avdevice_register_all() };
}
