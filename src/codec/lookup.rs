//! Codecs by id or name: the encoder or decoder the build has, and their names.

use std::ffi::{c_int, CString};
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::av;

/// A codec to decode (or encode) with, by codec id (any number) or by the codec's own name
/// ("h264", "libdav1d"); `None` if the build has none.
pub fn find_codec(
    id: Option<c_int>,
    name: Option<&str>,
    encoder: bool,
) -> Option<&'static ff::AVCodec> {
    let codec = match (id, name) {
        (Some(id), _) if encoder => av::avcodec_find_encoder_by_int(id),
        (Some(id), _) => av::avcodec_find_decoder_by_int(id),
        (None, Some(name)) => {
            let name = CString::new(name).ok()?;
            if encoder {
                // SAFETY: a NUL-terminated name; returns a static codec or null.
                unsafe { ff::avcodec_find_encoder_by_name(name.as_ptr()) }
            } else {
                // SAFETY: as above.
                unsafe { ff::avcodec_find_decoder_by_name(name.as_ptr()) }
            }
        }
        (None, None) => ptr::null(),
    };
    // SAFETY: codecs FFmpeg returns are static.
    unsafe { codec.as_ref() }
}

/// A codec's name by id ("h264"); "unknown_codec" for ids FFmpeg does not know.
pub fn codec_name(id: c_int) -> String {
    av::string(av::avcodec_get_name_by_int(id)).unwrap_or_default()
}

/// A codec's own name ("libdav1d", "h264").
pub fn codec_own_name(codec: &ff::AVCodec) -> String {
    av::string(codec.name).unwrap_or_default()
}

/// The codec id for a number, if FFmpeg knows it (0, none, included). The value comes from
/// FFmpeg's own descriptor, so it is always one of the enum's variants.
pub fn codec_id(id: c_int) -> Option<ff::AVCodecID> {
    if id == 0 {
        return Some(ff::AVCodecID::AV_CODEC_ID_NONE);
    }
    // SAFETY: a descriptor FFmpeg returns is null or static and valid.
    let descriptor = unsafe { av::avcodec_descriptor_get_by_int(id).as_ref() };
    descriptor.map(|d| d.id)
}
