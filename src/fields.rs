//! Numeric and rational fields of FFmpeg structs that JavaScript reads and writes by index.
//!
//! One table per struct, in one place: each `exports/*.rs` file hands its tables' names to
//! JavaScript, whose classes look the index up by name, so the two sides cannot drift apart. A
//! setter gets a value already checked to fit the C field (a C int unless `wide`); enum fields
//! also check that the number is one of the enum's values.

use ffmpeg_sys_next as ff;

use crate::av;
use crate::error::{Error, Result};

pub struct Field<T> {
    pub name: &'static str,
    pub get: fn(&T) -> i64,
    /// `None` for read-only fields.
    pub set: Option<fn(&mut T, i64) -> Result<()>>,
    /// Whether the C field is 64 bits wide (timestamps, bit rates); otherwise it is a C int.
    pub wide: bool,
}

pub struct RationalField<T> {
    pub name: &'static str,
    pub get: fn(&T) -> ff::AVRational,
    /// `None` for read-only fields.
    pub set: Option<fn(&mut T, ff::AVRational)>,
    /// A time base: both terms must be positive (other rationals may be 0/1, "unknown").
    pub positive: bool,
}

pub fn names<T>(fields: &[Field<T>]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name).collect()
}

pub fn rational_names<T>(fields: &[RationalField<T>]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name).collect()
}

macro_rules! int_field {
    ($name:literal, $($field:ident).+) => {
        Field {
            name: $name,
            get: |s| s.$($field).+ as i64,
            set: Some(|s, v| {
                s.$($field).+ = v as _;
                Ok(())
            }),
            wide: false,
        }
    };
}
macro_rules! wide_field {
    ($name:literal, $field:ident) => {
        Field {
            name: $name,
            get: |s| s.$field as i64,
            set: Some(|s, v| {
                s.$field = v as _;
                Ok(())
            }),
            wide: true,
        }
    };
}
/// A timestamp, read as the published package reads it: FFmpeg's "no timestamp"
/// (AV_NOPTS_VALUE) is `$none` (-1, or 0 for a stream's duration), which a genuine timestamp of
/// that value cannot be told apart from. Written as given (`constants.NOPTS_VALUE` writes "no
/// timestamp"); with `$none_in`, that value also writes "no timestamp" (a container's duration).
macro_rules! timestamp_field {
    ($name:literal, $field:ident, $none:literal) => {
        timestamp_field!($name, $field, $none, ff::AV_NOPTS_VALUE)
    };
    ($name:literal, $field:ident, $none:literal, $none_in:expr) => {
        Field {
            name: $name,
            get: |s| {
                if s.$field == ff::AV_NOPTS_VALUE {
                    $none
                } else {
                    s.$field
                }
            },
            set: Some(|s, v| {
                s.$field = if v == $none_in { ff::AV_NOPTS_VALUE } else { v };
                Ok(())
            }),
            wide: true,
        }
    };
}
macro_rules! read_only {
    ($name:literal, $($field:ident).+) => {
        Field { name: $name, get: |s| s.$($field).+ as i64, set: None, wide: false }
    };
}
macro_rules! enum_field {
    ($name:literal, $field:ident, $from_int:path) => {
        Field {
            name: $name,
            get: |s| s.$field as i64,
            set: Some(|s, v| {
                s.$field = $from_int(v as i32)
                    .ok_or_else(|| Error::Range(format!("{} {v} is not a valid value", $name)))?;
                Ok(())
            }),
            wide: false,
        }
    };
}
macro_rules! rational_field {
    ($name:literal, $field:ident) => {
        rational_field!($name, $field, false)
    };
    ($name:literal, $field:ident, $positive:literal) => {
        RationalField {
            name: $name,
            get: |s| s.$field,
            set: Some(|s, v| s.$field = v),
            positive: $positive,
        }
    };
}

pub static CODEC_PARAMETERS: &[Field<ff::AVCodecParameters>] = &[
    enum_field!("type", codec_type, av::media_type),
    enum_field!("id", codec_id, crate::codec::lookup::codec_id),
    int_field!("tag", codec_tag),
    int_field!("format", format),
    wide_field!("bitRate", bit_rate),
    int_field!("bitsPerCodedSample", bits_per_coded_sample),
    int_field!("bitsPerRawSample", bits_per_raw_sample),
    int_field!("profile", profile),
    int_field!("level", level),
    int_field!("width", width),
    int_field!("height", height),
    int_field!("videoDelay", video_delay),
    int_field!("sampleRate", sample_rate),
    Field {
        name: "nbChannels",
        get: |s| s.ch_layout.nb_channels as i64,
        // A new count makes a layout of that many channels in an unspecified order (set
        // `channelLayout` for a known one); the same count keeps the layout.
        set: Some(|s, v| {
            if v < 0 {
                return Err(Error::Range(format!(
                    "nbChannels must not be negative, got {v}"
                )));
            }
            if s.ch_layout.nb_channels as i64 != v {
                let layout = crate::channel_layout::unspecified_channel_layout(v as i32);
                if crate::channel_layout::copy_channel_layout(&mut s.ch_layout, &layout) < 0 {
                    return Err(Error::out_of_memory("Could not set nbChannels"));
                }
            }
            Ok(())
        }),
        wide: false,
    },
    int_field!("blockAlign", block_align),
    int_field!("frameSize", frame_size),
    int_field!("initialPadding", initial_padding),
    int_field!("trailingPadding", trailing_padding),
    int_field!("seekPreroll", seek_preroll),
    enum_field!("colorRange", color_range, av::color_range),
    enum_field!("colorPrimaries", color_primaries, av::color_primaries),
    enum_field!("colorTRC", color_trc, av::color_trc),
    enum_field!("colorSpace", color_space, av::color_space),
    enum_field!("chromaLocation", chroma_location, av::chroma_location),
    enum_field!("fieldOrder", field_order, av::field_order),
];

pub static CODEC_PARAMETERS_RATIONAL: &[RationalField<ff::AVCodecParameters>] = &[
    rational_field!("sampleAspectRatio", sample_aspect_ratio),
    rational_field!("frameRate", framerate),
];

pub static STREAM: &[Field<ff::AVStream>] = &[
    read_only!("index", index),
    int_field!("id", id),
    timestamp_field!("duration", duration, 0),
    timestamp_field!("startTime", start_time, -1),
    wide_field!("nbFrames", nb_frames),
    int_field!("disposition", disposition),
];

pub static STREAM_RATIONAL: &[RationalField<ff::AVStream>] = &[
    rational_field!("timeBase", time_base, true),
    rational_field!("avgFramerate", avg_frame_rate),
    rational_field!("rFrameRate", r_frame_rate),
    rational_field!("sampleAspectRatio", sample_aspect_ratio),
];

pub static PACKET: &[Field<ff::AVPacket>] = &[
    int_field!("streamIndex", stream_index),
    timestamp_field!("pts", pts, -1),
    timestamp_field!("dts", dts, -1),
    wide_field!("duration", duration),
    Field {
        name: "flags",
        get: |s| s.flags as i64,
        // AV_PKT_FLAG_TRUSTED stays FFmpeg's: it tells a decoder (wrapped_avframe) that the
        // payload is a pointer FFmpeg made, so a script setting it could crash the process.
        set: Some(|s, v| {
            let trusted = ff::AV_PKT_FLAG_TRUSTED;
            s.flags = (v as i32 & !trusted) | (s.flags & trusted);
            Ok(())
        }),
        wide: false,
    },
    wide_field!("pos", pos),
    read_only!("size", size),
];

pub static PACKET_RATIONAL: &[RationalField<ff::AVPacket>] =
    &[rational_field!("timeBase", time_base, true)];

macro_rules! format_field {
    ($name:literal, $field:ident, $set:path) => {
        Field {
            name: $name,
            get: |s| s.$field as i64,
            set: Some(|s, v| $set(&mut s.$field, v).map_err(Error::Range)),
            wide: false,
        }
    };
}

pub static CODEC_CONTEXT: &[Field<ff::AVCodecContext>] = &[
    read_only!("type", codec_type),
    read_only!("id", codec_id),
    int_field!("width", width),
    int_field!("height", height),
    format_field!("pixelFormat", pix_fmt, crate::image::set_pixel_format),
    format_field!(
        "sampleFormat",
        sample_fmt,
        crate::samples::set_sample_format
    ),
    format_field!(
        "requestSampleFormat",
        request_sample_fmt,
        crate::samples::set_sample_format
    ),
    int_field!("sampleRate", sample_rate),
    read_only!("nbChannels", ch_layout.nb_channels),
    int_field!("gopSize", gop_size),
    int_field!("maxBFrames", max_b_frames),
    int_field!("flags", flags),
    int_field!("flags2", flags2),
    wide_field!("bitRate", bit_rate),
    int_field!("threadCount", thread_count),
    int_field!("profile", profile),
    int_field!("level", level),
    read_only!("frameSize", frame_size),
    Field {
        name: "frameNum",
        get: |s| s.frame_num,
        set: None,
        wide: true,
    },
    read_only!("delay", delay),
];

pub static CODEC_CONTEXT_RATIONAL: &[RationalField<ff::AVCodecContext>] = &[
    rational_field!("timeBase", time_base),
    rational_field!("frameRate", framerate),
    rational_field!("sampleAspectRatio", sample_aspect_ratio),
    rational_field!("pktTimebase", pkt_timebase),
];

pub static FRAME: &[Field<ff::AVFrame>] = &[
    int_field!("width", width),
    int_field!("height", height),
    int_field!("format", format),
    int_field!("nbSamples", nb_samples),
    int_field!("sampleRate", sample_rate),
    read_only!("nbChannels", ch_layout.nb_channels),
    timestamp_field!("pts", pts, -1),
    timestamp_field!("packetDTS", pkt_dts, -1),
    wide_field!("duration", duration),
    timestamp_field!("bestEffortTimestamp", best_effort_timestamp, -1),
    // Settable: an encoder makes a key frame of a frame whose type is I (AV_PICTURE_TYPE_I).
    enum_field!("pictType", pict_type, av::picture_type),
    int_field!("flags", flags),
    int_field!("quality", quality),
    int_field!("repeatPict", repeat_pict),
    // The picture's colour description (what a decoder read from the stream; an encoder writes
    // what it is given), as on CodecParameters.
    enum_field!("colorRange", color_range, av::color_range),
    enum_field!("colorPrimaries", color_primaries, av::color_primaries),
    enum_field!("colorTRC", color_trc, av::color_trc),
    enum_field!("colorSpace", colorspace, av::color_space),
    enum_field!("chromaLocation", chroma_location, av::chroma_location),
];

pub static FRAME_RATIONAL: &[RationalField<ff::AVFrame>] = &[
    rational_field!("timeBase", time_base),
    rational_field!("sampleAspectRatio", sample_aspect_ratio),
];

pub static FORMAT_CONTEXT: &[Field<ff::AVFormatContext>] = &[
    timestamp_field!("duration", duration, -1, -1),
    timestamp_field!("startTime", start_time, -1),
    wide_field!("bitRate", bit_rate),
    read_only!("nbStreams", nb_streams),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn field<T>(table: &'static [Field<T>], name: &str) -> &'static Field<T> {
        table.iter().find(|f| f.name == name).expect("field exists")
    }

    #[test]
    fn enum_fields_take_only_enum_values() {
        // SAFETY: codec parameters are plain C data; all zeroes is a valid (empty) value.
        let mut par: ff::AVCodecParameters = unsafe { std::mem::zeroed() };
        let set = |par: &mut ff::AVCodecParameters, name, v| {
            (field(CODEC_PARAMETERS, name).set.unwrap())(par, v)
        };
        assert!(set(&mut par, "type", 1).is_ok());
        assert_eq!(par.codec_type, ff::AVMediaType::AVMEDIA_TYPE_AUDIO);
        assert!(matches!(set(&mut par, "type", 7), Err(Error::Range(_))));
        assert!(set(&mut par, "colorRange", 2).is_ok());
        assert!(
            matches!(set(&mut par, "colorRange", 3), Err(Error::Range(_))),
            "NB is not a value"
        );
        assert!(matches!(
            set(&mut par, "colorPrimaries", 99),
            Err(Error::Range(_))
        ));
        assert_eq!((field(CODEC_PARAMETERS, "colorRange").get)(&par), 2);
    }

    #[test]
    fn read_only_fields_have_no_setter() {
        assert!(field(STREAM, "index").set.is_none());
        assert!(field(PACKET, "size").set.is_none());
        assert!(field(FORMAT_CONTEXT, "nbStreams").set.is_none());
    }
}
