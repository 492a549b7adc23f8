//! Pictures in FFmpeg's layouts: sizes of planes and lines, packed copies in and out, checked
//! pixel formats. The `_by_int` declarations (`av.rs`) take any number a script passes.

use std::ffi::c_int;
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::av;

/// A picture's pixel format, width and height.
pub type Picture = (c_int, c_int, c_int);

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
        av::av_image_fill_plane_sizes_by_int(sizes.as_mut_ptr(), format, height, lines.as_ptr())
    };
    (r >= 0).then_some(sizes)
}

/// The bytes of a packed picture (`av_image_get_buffer_size`); `None` for values FFmpeg refuses.
pub fn image_size(format: c_int, width: c_int, height: c_int, align: c_int) -> Option<usize> {
    let r = av::av_image_get_buffer_size_by_int(format, width, height, align);
    (r >= 0).then_some(r as usize)
}

/// The bytes of a line of `plane` of a picture `width` wide; `None` for values FFmpeg refuses.
pub fn image_linesize(format: c_int, width: c_int, plane: c_int) -> Option<c_int> {
    let r = av::av_image_get_linesize_by_int(format, width, plane);
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
    // SAFETY: FFmpeg only computes pointers into `bytes`, which the caller sized for the picture.
    let r = unsafe {
        av::av_image_fill_arrays_by_int(
            src.as_mut_ptr(),
            lines.as_mut_ptr(),
            bytes.as_ptr(),
            format,
            w,
            h,
            align,
        )
    };
    if r < 0 {
        return r;
    }
    // SAFETY: the caller's planes hold the picture; `src` now points into `bytes`.
    unsafe {
        av::av_image_copy_by_int(
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
        av::av_image_copy_to_buffer_by_int(
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

/// The smallest line size of each plane of a picture `width` pixels wide in pixel format
/// `format` (a C int, any value); `None` for a format FFmpeg does not know.
pub fn min_linesizes(format: c_int, width: c_int) -> Option<[c_int; 4]> {
    let mut lines = [0; 4];
    // SAFETY: `lines` holds the 4 entries FFmpeg writes; it checks the format and width.
    let r = unsafe { av::av_image_fill_linesizes_by_int(lines.as_mut_ptr(), format, width) };
    (r >= 0).then_some(lines)
}

/// Sets an `AVPixelFormat` field to `v`, which must be one of FFmpeg's pixel formats (or -1,
/// none).
pub fn set_pixel_format(field: &mut ff::AVPixelFormat, v: i64) -> Result<(), String> {
    // SAFETY: the C enum the table names.
    unsafe { av::set_enum_field(field, v, av::EnumName::PixelFormat, "pixel format") }
}
