//! The FFmpeg functions that belong to no object: error texts, names, lookups of static
//! descriptions, arithmetic, the log, versions. Objects that own FFmpeg state (format contexts,
//! packets, I/O contexts, dictionaries) call FFmpeg themselves; everything else comes here.

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

/// A codec's own name ("libdav1d", "h264").
pub fn codec_own_name(codec: &ff::AVCodec) -> String {
    string(codec.name).unwrap_or_default()
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
    // placeholder) for numbers it does not know.
    #[link_name = "avcodec_get_name"]
    fn avcodec_get_name_by_int(id: c_int) -> *const c_char;
    #[link_name = "avcodec_descriptor_get"]
    fn avcodec_descriptor_get_by_int(id: c_int) -> *const ff::AVCodecDescriptor;
    #[link_name = "av_get_pix_fmt_name"]
    fn av_get_pix_fmt_name_by_int(format: c_int) -> *const c_char;
    #[link_name = "av_get_sample_fmt_name"]
    fn av_get_sample_fmt_name_by_int(format: c_int) -> *const c_char;
    #[link_name = "av_color_space_name"]
    fn av_color_space_name_by_int(space: c_int) -> *const c_char;
    #[link_name = "av_color_primaries_name"]
    fn av_color_primaries_name_by_int(primaries: c_int) -> *const c_char;
    #[link_name = "av_color_transfer_name"]
    fn av_color_transfer_name_by_int(transfer: c_int) -> *const c_char;
    #[link_name = "av_color_range_name"]
    fn av_color_range_name_by_int(range: c_int) -> *const c_char;
    #[link_name = "av_packet_side_data_name"]
    fn av_packet_side_data_name_by_int(kind: c_int) -> *const c_char;
    #[link_name = "av_frame_side_data_name"]
    fn av_frame_side_data_name_by_int(kind: c_int) -> *const c_char;
    #[link_name = "avcodec_find_decoder"]
    fn avcodec_find_decoder_by_int(id: c_int) -> *const ff::AVCodec;
    #[link_name = "avcodec_find_encoder"]
    fn avcodec_find_encoder_by_int(id: c_int) -> *const ff::AVCodec;
    #[link_name = "sws_getContext"]
    fn sws_get_context_by_int(
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
    fn swr_alloc_set_opts2_by_int(
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
    fn av_audio_fifo_alloc_by_int(
        format: c_int,
        channels: c_int,
        nb_samples: c_int,
    ) -> *mut ff::AVAudioFifo;
    #[link_name = "av_image_get_buffer_size"]
    fn av_image_get_buffer_size_by_int(format: c_int, w: c_int, h: c_int, align: c_int) -> c_int;
    #[link_name = "av_samples_get_buffer_size"]
    fn av_samples_get_buffer_size_by_int(
        linesize: *mut c_int,
        channels: c_int,
        nb_samples: c_int,
        format: c_int,
        align: c_int,
    ) -> c_int;
    #[link_name = "av_image_get_linesize"]
    fn av_image_get_linesize_by_int(format: c_int, w: c_int, plane: c_int) -> c_int;
    #[link_name = "av_image_fill_arrays"]
    fn av_image_fill_arrays_by_int(
        data: *mut *mut u8,
        linesizes: *mut c_int,
        src: *const u8,
        format: c_int,
        w: c_int,
        h: c_int,
        align: c_int,
    ) -> c_int;
    #[link_name = "av_image_copy"]
    fn av_image_copy_by_int(
        dst: *const *mut u8,
        dst_lines: *const c_int,
        src: *const *const u8,
        src_lines: *const c_int,
        format: c_int,
        w: c_int,
        h: c_int,
    );
    #[link_name = "av_image_copy_to_buffer"]
    fn av_image_copy_to_buffer_by_int(
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
    fn av_image_fill_plane_sizes_by_int(
        sizes: *mut usize,
        format: c_int,
        height: c_int,
        linesizes: *const isize,
    ) -> c_int;
    #[link_name = "av_image_fill_linesizes"]
    fn av_image_fill_linesizes_by_int(linesizes: *mut c_int, format: c_int, width: c_int) -> c_int;
    #[link_name = "av_sample_fmt_is_planar"]
    fn av_sample_fmt_is_planar_by_int(format: c_int) -> c_int;
    #[link_name = "av_get_bytes_per_sample"]
    fn av_get_bytes_per_sample_by_int(format: c_int) -> c_int;
}

/// The byte size of each plane of a picture of pixel format `format` (a C int, any value), `height`
/// rows high, with these line sizes; `None` for a format FFmpeg does not know.
pub fn plane_sizes(format: c_int, height: c_int, linesizes: &[c_int; 8]) -> Option<[usize; 4]> {
    let mut sizes = [0usize; 4];
    let mut lines = [0isize; 4];
    for (l, s) in lines.iter_mut().zip(linesizes) {
        *l = *s as isize;
    }
    // SAFETY: both arrays hold the 4 entries FFmpeg writes and reads; any format number is
    // checked by FFmpeg.
    let r = unsafe {
        av_image_fill_plane_sizes_by_int(sizes.as_mut_ptr(), format, height, lines.as_ptr())
    };
    (r >= 0).then_some(sizes)
}

/// A codec to decode (or encode) with, by codec id (any number) or by the codec's own name
/// ("h264", "libdav1d"); `None` if the build has none.
pub fn find_codec(
    id: Option<c_int>,
    name: Option<&str>,
    encoder: bool,
) -> Option<&'static ff::AVCodec> {
    // SAFETY: each accepts any id or NUL-terminated name and returns a static codec or null.
    let codec = unsafe {
        match (id, name) {
            (Some(id), _) if encoder => avcodec_find_encoder_by_int(id),
            (Some(id), _) => avcodec_find_decoder_by_int(id),
            (None, Some(name)) => {
                let name = CString::new(name).ok()?;
                if encoder {
                    ff::avcodec_find_encoder_by_name(name.as_ptr())
                } else {
                    ff::avcodec_find_decoder_by_name(name.as_ptr())
                }
            }
            (None, None) => ptr::null(),
        }
    };
    // SAFETY: codecs FFmpeg returns are static.
    unsafe { codec.as_ref() }
}

/// A picture's pixel format, width and height.
pub type Picture = (c_int, c_int, c_int);

/// A new scaling context from `src` to `dst` (pixel formats any C int: FFmpeg refuses those it
/// cannot convert), or null. The caller owns it (`sws_freeContext`).
pub fn scaling_context(src: Picture, dst: Picture, flags: c_int) -> *mut ff::SwsContext {
    // SAFETY: plain values; FFmpeg checks them and returns null when it cannot.
    unsafe {
        sws_get_context_by_int(
            src.1,
            src.2,
            src.0,
            dst.1,
            dst.2,
            dst.0,
            flags,
            ptr::null_mut(),
            ptr::null_mut(),
            ptr::null(),
        )
    }
}

/// Sound: a channel layout, a sample format and a sample rate.
pub type Sound<'a> = (&'a ff::AVChannelLayout, c_int, c_int);

/// A new resampling context (allocated and set, not initialised) from `input` to `output`
/// (sample formats any C int: FFmpeg refuses those it does not know), or FFmpeg's error. The
/// caller owns it (`swr_free`).
pub fn resampling_context(input: Sound, output: Sound) -> Result<*mut ff::SwrContext, c_int> {
    let mut ctx = ptr::null_mut();
    // SAFETY: two live channel layouts; FFmpeg checks the rest.
    let r = unsafe {
        swr_alloc_set_opts2_by_int(
            &mut ctx,
            output.0,
            output.1,
            output.2,
            input.0,
            input.1,
            input.2,
            0,
            ptr::null_mut(),
        )
    };
    if r < 0 || ctx.is_null() {
        return Err(r.min(-1));
    }
    Ok(ctx)
}

/// The bytes of a packed picture (`av_image_get_buffer_size`); `None` for values FFmpeg refuses.
pub fn image_size(format: c_int, width: c_int, height: c_int, align: c_int) -> Option<usize> {
    // SAFETY: plain values, checked by FFmpeg.
    let r = unsafe { av_image_get_buffer_size_by_int(format, width, height, align) };
    (r >= 0).then_some(r as usize)
}

/// The bytes of a line of `plane` of a picture `width` wide; `None` for values FFmpeg refuses.
pub fn image_linesize(format: c_int, width: c_int, plane: c_int) -> Option<c_int> {
    // SAFETY: plain values, checked by FFmpeg.
    let r = unsafe { av_image_get_linesize_by_int(format, width, plane) };
    (r >= 0).then_some(r)
}

/// Copies a packed picture (`bytes`, laid out as `av_image_fill_arrays` with `align` says) into
/// the planes `dst`/`dst_lines`.
///
/// # Safety
/// `dst` and `dst_lines` must describe planes that hold a `format` picture of `width` x
/// `height`; `bytes` must hold `image_size(format, width, height, align)` bytes.
pub unsafe fn copy_image_in(
    dst: &[*mut u8; 8],
    dst_lines: &[c_int; 8],
    bytes: &[u8],
    picture: Picture,
    align: c_int,
) -> c_int {
    let (format, w, h) = picture;
    let mut src = [ptr::null_mut::<u8>(); 4];
    let mut lines = [0; 4];
    // SAFETY: as the caller guarantees; FFmpeg only computes pointers into `bytes`.
    unsafe {
        let r = av_image_fill_arrays_by_int(
            src.as_mut_ptr(),
            lines.as_mut_ptr(),
            bytes.as_ptr(),
            format,
            w,
            h,
            align,
        );
        if r < 0 {
            return r;
        }
        av_image_copy_by_int(
            dst.as_ptr(),
            dst_lines.as_ptr(),
            src.as_ptr().cast(),
            lines.as_ptr(),
            format,
            w,
            h,
        );
    }
    0
}

/// Copies the planes `src`/`src_lines` of a picture into `bytes`, packed with `align`.
///
/// # Safety
/// `src` and `src_lines` must describe planes that hold a `format` picture of `width` x
/// `height`.
pub unsafe fn copy_image_out(
    src: &[*mut u8; 8],
    src_lines: &[c_int; 8],
    bytes: &mut [u8],
    picture: Picture,
    align: c_int,
) -> c_int {
    let (format, w, h) = picture;
    let size = c_int::try_from(bytes.len()).unwrap_or(c_int::MAX);
    // SAFETY: as the caller guarantees; FFmpeg writes at most `size` bytes.
    unsafe {
        av_image_copy_to_buffer_by_int(
            bytes.as_mut_ptr(),
            size,
            src.as_ptr().cast(),
            src_lines.as_ptr(),
            format,
            w,
            h,
            align,
        )
    }
}

/// A new audio FIFO of sample format `format` (a C int, checked by FFmpeg) and `channels`, with
/// room for `nb_samples` to start with; null when FFmpeg refuses. The caller owns it.
pub fn audio_fifo(format: c_int, channels: c_int, nb_samples: c_int) -> *mut ff::AVAudioFifo {
    // SAFETY: plain values, checked by FFmpeg.
    unsafe { av_audio_fifo_alloc_by_int(format, channels, nb_samples) }
}

/// Sets an `AVPixelFormat` field to `v`, which must be one of FFmpeg's pixel formats (or -1,
/// none).
pub fn set_pixel_format(field: &mut ff::AVPixelFormat, v: i64) -> Result<(), String> {
    let known =
        c_int::try_from(v).is_ok_and(|v| v == -1 || enum_name(EnumName::PixelFormat, v).is_some());
    if !known {
        return Err(format!("{v} is not a pixel format"));
    }
    // SAFETY: the field is a C enum, an int in memory; `v` is one of its values (checked above),
    // all of which bindgen's enum has (it is generated from the same headers).
    unsafe { *(field as *mut ff::AVPixelFormat).cast::<c_int>() = v as c_int };
    Ok(())
}

/// Sets an `AVSampleFormat` field to `v`, which must be one of FFmpeg's sample formats (or -1,
/// none).
pub fn set_sample_format(field: &mut ff::AVSampleFormat, v: i64) -> Result<(), String> {
    let known =
        c_int::try_from(v).is_ok_and(|v| v == -1 || enum_name(EnumName::SampleFormat, v).is_some());
    if !known {
        return Err(format!("{v} is not a sample format"));
    }
    // SAFETY: as in `set_pixel_format`.
    unsafe { *(field as *mut ff::AVSampleFormat).cast::<c_int>() = v as c_int };
    Ok(())
}

/// The smallest line size of each plane of a picture `width` pixels wide in pixel format
/// `format` (a C int, any value); `None` for a format FFmpeg does not know.
pub fn min_linesizes(format: c_int, width: c_int) -> Option<[c_int; 4]> {
    let mut lines = [0; 4];
    // SAFETY: `lines` holds the 4 entries FFmpeg writes; it checks the format and width.
    let r = unsafe { av_image_fill_linesizes_by_int(lines.as_mut_ptr(), format, width) };
    (r >= 0).then_some(lines)
}

/// The bytes `nb_samples` samples of `channels` channels of sample format `format` (a C int,
/// any value) take, planes one after the other with lines aligned to `align` (0: the CPU's best,
/// 1: none); FFmpeg's error for impossible values.
pub fn samples_size(
    format: c_int,
    channels: c_int,
    nb_samples: c_int,
    align: c_int,
) -> Result<usize, c_int> {
    // SAFETY: a size computation; FFmpeg checks every value.
    let r = unsafe {
        av_samples_get_buffer_size_by_int(ptr::null_mut(), channels, nb_samples, format, align)
    };
    usize::try_from(r).map_err(|_| r)
}

/// The packed form of a sample format (itself if packed); `None` for a value that is none.
pub fn packed_sample_format(format: c_int) -> Option<c_int> {
    let format = sample_format(format)?;
    // SAFETY: a valid sample format.
    Some(unsafe { ff::av_get_packed_sample_fmt(format) } as c_int)
}

/// For sample format `format` (a C int, any value): bytes per sample and whether it is planar;
/// `None` for a format FFmpeg does not know.
pub fn sample_layout(format: c_int) -> Option<(usize, bool)> {
    // SAFETY: both accept any int (0 bytes for an unknown format).
    let (bytes, planar) = unsafe {
        (
            av_get_bytes_per_sample_by_int(format),
            av_sample_fmt_is_planar_by_int(format),
        )
    };
    (bytes > 0).then_some((bytes as usize, planar != 0))
}

/// The name FFmpeg gives a value of one of its enums ("yuv420p", "s16", "bt709"), `None` for a
/// number that is not one of its values.
pub fn enum_name(kind: EnumName, value: c_int) -> Option<String> {
    // SAFETY: each accepts any int and returns a static string or null.
    let p = unsafe {
        match kind {
            EnumName::PixelFormat => av_get_pix_fmt_name_by_int(value),
            EnumName::SampleFormat => av_get_sample_fmt_name_by_int(value),
            EnumName::ColorSpace => av_color_space_name_by_int(value),
            EnumName::ColorPrimaries => av_color_primaries_name_by_int(value),
            EnumName::ColorTransfer => av_color_transfer_name_by_int(value),
            EnumName::ColorRange => av_color_range_name_by_int(value),
            EnumName::PacketSideData => av_packet_side_data_name_by_int(value),
            EnumName::FrameSideData => av_frame_side_data_name_by_int(value),
        }
    };
    string(p)
}

/// The value FFmpeg has for a name, `None` for a name it does not know.
pub fn enum_from_name(kind: EnumName, name: &str) -> Option<c_int> {
    let name = CString::new(name).ok()?;
    // SAFETY: NUL-terminated names; these return a negative number for unknown ones.
    let v = unsafe {
        match kind {
            EnumName::PixelFormat => ff::av_get_pix_fmt(name.as_ptr()) as c_int,
            EnumName::SampleFormat => ff::av_get_sample_fmt(name.as_ptr()) as c_int,
            EnumName::ColorSpace => ff::av_color_space_from_name(name.as_ptr()),
            EnumName::ColorPrimaries => ff::av_color_primaries_from_name(name.as_ptr()),
            EnumName::ColorTransfer => ff::av_color_transfer_from_name(name.as_ptr()),
            EnumName::ColorRange => ff::av_color_range_from_name(name.as_ptr()),
            EnumName::PacketSideData | EnumName::FrameSideData => return None,
        }
    };
    (v >= 0).then_some(v)
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

/// A codec's name by id ("h264"); "unknown_codec" for ids FFmpeg does not know.
pub fn codec_name(id: c_int) -> String {
    // SAFETY: accepts any id and returns a static string.
    string(unsafe { avcodec_get_name_by_int(id) }).unwrap_or_default()
}

/// The codec id for a number, if FFmpeg knows it (0, none, included). The value comes from
/// FFmpeg's own descriptor, so it is always one of the enum's variants.
pub fn codec_id(id: c_int) -> Option<ff::AVCodecID> {
    if id == 0 {
        return Some(ff::AVCodecID::AV_CODEC_ID_NONE);
    }
    // SAFETY: accepts any id; returns null or a static descriptor.
    let descriptor = unsafe { avcodec_descriptor_get_by_int(id) };
    // SAFETY: a descriptor FFmpeg returned is static and valid.
    (!descriptor.is_null()).then(|| unsafe { (*descriptor).id })
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

/// A demuxer by short name.
pub fn find_input_format(name: &str) -> Option<&'static ff::AVInputFormat> {
    let name = CString::new(name).ok()?;
    // SAFETY: looks up a static description; the result lives as long as the program.
    unsafe { ff::av_find_input_format(name.as_ptr()).as_ref() }
}

/// A muxer by short name (`name`) or for a file name.
pub fn guess_output_format(
    name: Option<&str>,
    file_name: Option<&str>,
) -> Option<&'static ff::AVOutputFormat> {
    let name = name.map(CString::new).transpose().ok()?;
    let file_name = file_name.map(CString::new).transpose().ok()?;
    let p = |s: &Option<CString>| s.as_ref().map_or(ptr::null(), |s| s.as_ptr());
    // SAFETY: looks up a static description; the result lives as long as the program.
    unsafe { ff::av_guess_format(p(&name), p(&file_name), ptr::null()).as_ref() }
}

/// Every muxer's or demuxer's short names, for hints ("did you mean ...").
pub fn format_names(output: bool) -> Vec<String> {
    let mut names = Vec::new();
    let mut opaque: *mut c_void = ptr::null_mut();
    loop {
        // SAFETY: FFmpeg's iterators over its static format lists.
        let name = unsafe {
            if output {
                ff::av_muxer_iterate(&mut opaque).as_ref().map(|f| f.name)
            } else {
                ff::av_demuxer_iterate(&mut opaque).as_ref().map(|f| f.name)
            }
        };
        let Some(name) = name else { return names };
        names.extend(
            string(name)
                .into_iter()
                .flat_map(|n| n.split(',').map(str::to_owned).collect::<Vec<_>>()),
        );
    }
}

/// The static strings of a format description.
pub struct FormatInfo {
    pub name: Option<String>,
    pub long_name: Option<String>,
    pub extensions: Option<String>,
    pub mime_type: Option<String>,
    pub flags: c_int,
}

pub fn input_format_info(f: &ff::AVInputFormat) -> FormatInfo {
    FormatInfo {
        name: string(f.name),
        long_name: string(f.long_name),
        extensions: string(f.extensions),
        mime_type: string(f.mime_type),
        flags: f.flags,
    }
}

pub fn output_format_info(f: &ff::AVOutputFormat) -> FormatInfo {
    FormatInfo {
        name: string(f.name),
        long_name: string(f.long_name),
        extensions: string(f.extensions),
        mime_type: string(f.mime_type),
        flags: f.flags,
    }
}

/// FFmpeg's name for a channel layout: "stereo", "5.1(side)", "3 channels".
pub fn describe_channel_layout(layout: &ff::AVChannelLayout) -> Option<String> {
    let mut buf = [0 as c_char; 128];
    // SAFETY: writes at most `buf.len()` bytes, NUL-terminated.
    let r = unsafe { ff::av_channel_layout_describe(layout, buf.as_mut_ptr(), buf.len()) };
    (r >= 0).then(|| string(buf.as_ptr())).flatten()
}

/// A channel layout in native order from its mask; `None` for an invalid mask.
pub fn channel_layout_from_mask(mask: u64) -> Option<ff::AVChannelLayout> {
    // SAFETY: a zeroed layout is a valid empty one; from_mask fills it (native order owns no
    // memory, so it needs no uninit).
    let mut layout: ff::AVChannelLayout = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    (unsafe { ff::av_channel_layout_from_mask(&mut layout, mask) } >= 0).then_some(layout)
}

/// A layout of `nb_channels` channels in an unspecified order.
pub fn unspecified_channel_layout(nb_channels: c_int) -> ff::AVChannelLayout {
    // SAFETY: a zeroed layout is a valid empty one.
    let mut layout: ff::AVChannelLayout = unsafe { std::mem::zeroed() };
    layout.order = ff::AVChannelOrder::AV_CHANNEL_ORDER_UNSPEC;
    layout.nb_channels = nb_channels;
    layout
}

/// The mask of a native-order layout, 0 for any other order.
pub fn channel_mask(layout: &ff::AVChannelLayout) -> u64 {
    if layout.order == ff::AVChannelOrder::AV_CHANNEL_ORDER_NATIVE {
        // SAFETY: in native order the union holds the mask.
        unsafe { layout.u.mask }
    } else {
        0
    }
}

/// `layout` as a layout that owns no memory: its mask in native order, else its channel count in
/// an unspecified order.
pub fn plain_layout(layout: &ff::AVChannelLayout) -> ff::AVChannelLayout {
    let mask = channel_mask(layout);
    (mask != 0)
        .then(|| channel_layout_from_mask(mask))
        .flatten()
        .unwrap_or_else(|| unspecified_channel_layout(layout.nb_channels))
}

/// Replaces `dst` with a copy of `src`.
pub fn copy_channel_layout(dst: &mut ff::AVChannelLayout, src: &ff::AVChannelLayout) -> c_int {
    // SAFETY: both are valid layouts; copy uninits `dst` first.
    unsafe { ff::av_channel_layout_copy(dst, src) }
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
    // SAFETY: these return plain numbers or static strings.
    unsafe {
        Versions {
            ffmpeg: string(ff::av_version_info()).unwrap_or_default(),
            libraries: [
                ("avutil", dotted(ff::avutil_version())),
                ("avcodec", dotted(ff::avcodec_version())),
                ("avformat", dotted(ff::avformat_version())),
                ("avdevice", dotted(ff::avdevice_version())),
                ("avfilter", dotted(ff::avfilter_version())),
                ("swscale", dotted(ff::swscale_version())),
                ("swresample", dotted(ff::swresample_version())),
            ],
            configuration: string(ff::avutil_configuration()).unwrap_or_default(),
            license: string(ff::avutil_license()).unwrap_or_default(),
        }
    }
}

/// Registers libavdevice's inputs (lavfi), so that demuxers can be found by those names.
pub fn register_devices() {
    // SAFETY: idempotent global registration.
    unsafe { ff::avdevice_register_all() };
}

// --- The log -------------------------------------------------------------------------------------

#[cfg(all(target_arch = "x86_64", not(windows)))]
type VaList = *mut ff::__va_list_tag;
#[cfg(not(all(target_arch = "x86_64", not(windows))))]
type VaList = ff::va_list;

pub fn log_level() -> c_int {
    // SAFETY: reads a global.
    unsafe { ff::av_log_get_level() }
}

pub fn set_log_level(level: c_int) {
    // SAFETY: sets a global; any int is accepted.
    unsafe { ff::av_log_set_level(level) };
}

/// A warning of ours in FFmpeg's log (printed when `log.level` is WARNING or more, and carried
/// by an error of the call it happens in). `text` ends with a newline, as FFmpeg's lines do.
pub fn log_warning(text: &str) {
    log_line(ff::AV_LOG_WARNING as c_int, text);
}

/// An error line of ours in FFmpeg's log, as `log_warning`.
pub fn log_error(text: &str) {
    log_line(ff::AV_LOG_ERROR as c_int, text);
}

fn log_line(level: c_int, text: &str) {
    let Ok(text) = CString::new(text.replace('\0', "")) else {
        return;
    };
    // SAFETY: a "%s" format with one NUL-terminated string, as av_log's variadic list expects.
    unsafe { ff::av_log(ptr::null_mut(), level, c"%s".as_ptr(), text.as_ptr()) };
}

/// Sets the C library's `errno` for this thread (what a refused C call reports).
#[cfg(target_os = "linux")]
pub fn set_errno(code: c_int) {
    // SAFETY: the C library's per-thread errno location, always valid on this thread.
    unsafe { *libc::__errno_location() = code };
}

/// Sets the C library's `errno` for this thread (Android's C library names its location `__errno`).
#[cfg(target_os = "android")]
pub fn set_errno(code: c_int) {
    // SAFETY: the C library's per-thread errno location, always valid on this thread.
    unsafe { *libc::__errno() = code };
}

/// Sets the C library's `errno` for this thread (Windows' C runtime names its location `_errno`).
#[cfg(windows)]
pub fn set_errno(code: c_int) {
    extern "C" {
        fn _errno() -> *mut c_int;
    }
    // SAFETY: the C runtime's per-thread errno location, always valid on this thread.
    unsafe { *_errno() = code };
}

/// Sets the C library's `errno` for this thread (Apple's C library names its location `__error`).
#[cfg(target_vendor = "apple")]
pub fn set_errno(code: c_int) {
    // SAFETY: the C library's per-thread errno location, always valid on this thread.
    unsafe { *libc::__error() = code };
}

/// One call of FFmpeg's log callback: its level, and its text on demand (formatting costs, and
/// most lines are debug chatter nobody reads).
pub struct LogLine {
    context: *mut c_void,
    format: *const c_char,
    args: VaList,
    pub level: c_int,
    formatted: bool,
}

impl LogLine {
    /// The line as FFmpeg's default callback prints it ("[mp4 @ 0x...] message\n"); `prefix` is
    /// FFmpeg's "print the context prefix next" state. `None` after the first call: the
    /// arguments can be read once.
    pub fn text(&mut self, prefix: &mut c_int) -> Option<String> {
        if std::mem::replace(&mut self.formatted, true) {
            return None;
        }
        let mut buf = [0 as c_char; 1024];
        // SAFETY: the arguments FFmpeg passed to the callback, read once (checked above); writes
        // at most `buf.len()` bytes, NUL-terminated.
        unsafe {
            ff::av_log_format_line2(
                self.context,
                self.level,
                self.format,
                self.args,
                buf.as_mut_ptr(),
                buf.len() as c_int,
                prefix,
            )
        };
        string(buf.as_ptr())
    }
}

static LOG_HANDLER: std::sync::OnceLock<fn(&mut LogLine)> = std::sync::OnceLock::new();

/// Sends every line FFmpeg logs, from any thread, to `handler` (once per process).
pub fn set_log_handler(handler: fn(&mut LogLine)) {
    unsafe extern "C" fn callback(
        context: *mut c_void,
        level: c_int,
        format: *const c_char,
        args: VaList,
    ) {
        if let Some(handler) = LOG_HANDLER.get() {
            handler(&mut LogLine {
                context,
                format,
                args,
                level,
                formatted: false,
            });
        }
    }
    if LOG_HANDLER.set(handler).is_ok() {
        // SAFETY: `callback` has the signature FFmpeg calls, from any thread.
        unsafe { ff::av_log_set_callback(Some(callback)) };
    }
}
