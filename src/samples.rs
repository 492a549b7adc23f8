//! Audio samples in FFmpeg's layouts: buffer sizes, bytes per sample, planar or packed, checked
//! sample formats.

use std::ffi::c_int;
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::av;

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
        av::av_samples_get_buffer_size_by_int(ptr::null_mut(), channels, nb_samples, format, align)
    };
    usize::try_from(r).map_err(|_| r)
}

/// The packed form of a sample format (itself if packed); `None` for a value that is none.
pub fn packed_sample_format(format: c_int) -> Option<c_int> {
    let format = av::sample_format(format)?;
    // SAFETY: a valid sample format.
    Some(unsafe { ff::av_get_packed_sample_fmt(format) } as c_int)
}

/// For sample format `format` (a C int, any value): bytes per sample and whether it is planar;
/// `None` for a format FFmpeg does not know.
pub fn sample_layout(format: c_int) -> Option<(usize, bool)> {
    let bytes = av::av_get_bytes_per_sample_by_int(format); // 0 for an unknown format
    let planar = av::av_sample_fmt_is_planar_by_int(format);
    (bytes > 0).then_some((bytes as usize, planar != 0))
}

/// Sets an `AVSampleFormat` field to `v`, which must be one of FFmpeg's sample formats (or -1,
/// none).
pub fn set_sample_format(field: &mut ff::AVSampleFormat, v: i64) -> Result<(), String> {
    // SAFETY: the C enum the table names.
    unsafe { av::set_enum_field(field, v, av::EnumName::SampleFormat, "sample format") }
}
