//! Channel layouts: made from a mask or a channel count, described ("5.1(side)"), compared,
//! copied. FFmpeg's `AVChannelLayout` values, owned by whoever holds them.

use std::ffi::{c_char, c_int};

use ffmpeg_sys_next as ff;

use crate::av;

/// FFmpeg's name for a channel layout: "stereo", "5.1(side)", "3 channels".
pub fn describe_channel_layout(layout: &ff::AVChannelLayout) -> Option<String> {
    let mut buf = [0 as c_char; 128];
    // SAFETY: writes at most `buf.len()` bytes, NUL-terminated.
    let r = unsafe { ff::av_channel_layout_describe(layout, buf.as_mut_ptr(), buf.len()) };
    (r >= 0).then(|| av::string(buf.as_ptr())).flatten()
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
