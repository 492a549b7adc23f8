//! Numeric fields of FFmpeg structs that JavaScript reads and writes by index.
//!
//! One table per struct, in one place: `exports` hands each table's names to JavaScript, whose
//! classes look the index up by name, so the two sides cannot drift apart. A setter checks its
//! value fits the C field before storing it.

use ffmpeg_sys_next as ff;

pub struct Field<T> {
    pub name: &'static str,
    pub get: fn(&T) -> i64,
    /// `None` for read-only fields.
    pub set: Option<fn(&mut T, i64)>,
    /// Whether the C field is 64 bits wide (timestamps, bit rates); otherwise it is a C int.
    pub wide: bool,
}

pub struct RationalField<T> {
    pub name: &'static str,
    pub get: fn(&T) -> ff::AVRational,
    pub set: Option<fn(&mut T, ff::AVRational)>,
}

macro_rules! int_field {
    ($name:literal, $($field:ident).+) => {
        Field { name: $name, get: |s| s.$($field).+ as i64, set: Some(|s, v| s.$($field).+ = v as _), wide: false }
    };
}
macro_rules! wide_field {
    ($name:literal, $($field:ident).+) => {
        Field { name: $name, get: |s| s.$($field).+ as i64, set: Some(|s, v| s.$($field).+ = v as _), wide: true }
    };
}
macro_rules! enum_field {
    // C enums are read and written as the C int they are: a Rust enum holding a value that is not
    // one of its variants would be undefined behaviour, and FFmpeg treats unknown values itself.
    ($name:literal, $field:ident) => {
        Field {
            name: $name,
            // SAFETY: the field is a C enum, stored as a 32-bit int.
            get: |s| unsafe { std::ptr::addr_of!(s.$field).cast::<i32>().read() } as i64,
            // SAFETY: as above; the value was range-checked to a C int by the caller.
            set: Some(|s, v| unsafe {
                std::ptr::addr_of_mut!(s.$field)
                    .cast::<i32>()
                    .write(v as i32)
            }),
            wide: false,
        }
    };
}
macro_rules! rational_field {
    ($name:literal, $field:ident) => {
        RationalField {
            name: $name,
            get: |s| s.$field,
            set: Some(|s, v| s.$field = v),
        }
    };
}

pub static CODEC_PARAMETERS: &[Field<ff::AVCodecParameters>] = &[
    enum_field!("type", codec_type),
    enum_field!("id", codec_id),
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
    int_field!("nbChannels", ch_layout.nb_channels),
    int_field!("blockAlign", block_align),
    int_field!("frameSize", frame_size),
    int_field!("initialPadding", initial_padding),
    int_field!("trailingPadding", trailing_padding),
    int_field!("seekPreroll", seek_preroll),
    enum_field!("colorRange", color_range),
    enum_field!("colorPrimaries", color_primaries),
    enum_field!("colorTRC", color_trc),
    enum_field!("colorSpace", color_space),
];

pub static CODEC_PARAMETERS_RATIONAL: &[RationalField<ff::AVCodecParameters>] = &[
    rational_field!("sampleAspectRatio", sample_aspect_ratio),
    rational_field!("frameRate", framerate),
];

pub static STREAM: &[Field<ff::AVStream>] = &[
    Field {
        name: "index",
        get: |s| s.index as i64,
        set: None,
        wide: false,
    },
    int_field!("id", id),
    wide_field!("duration", duration),
    wide_field!("startTime", start_time),
    wide_field!("nbFrames", nb_frames),
    int_field!("disposition", disposition),
];

pub static STREAM_RATIONAL: &[RationalField<ff::AVStream>] = &[
    rational_field!("timeBase", time_base),
    rational_field!("avgFramerate", avg_frame_rate),
    rational_field!("rFrameRate", r_frame_rate),
    rational_field!("sampleAspectRatio", sample_aspect_ratio),
];

pub static PACKET: &[Field<ff::AVPacket>] = &[
    int_field!("streamIndex", stream_index),
    wide_field!("pts", pts),
    wide_field!("dts", dts),
    wide_field!("duration", duration),
    int_field!("flags", flags),
    wide_field!("pos", pos),
    Field {
        name: "size",
        get: |p| p.size as i64,
        set: None,
        wide: false,
    },
];

pub static PACKET_RATIONAL: &[RationalField<ff::AVPacket>] =
    &[rational_field!("timeBase", time_base)];

pub static FORMAT_CONTEXT: &[Field<ff::AVFormatContext>] = &[
    wide_field!("duration", duration),
    wide_field!("startTime", start_time),
    wide_field!("bitRate", bit_rate),
    Field {
        name: "nbStreams",
        get: |c| c.nb_streams as i64,
        set: None,
        wide: false,
    },
];

pub fn names<T>(fields: &[Field<T>]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name).collect()
}

pub fn rational_names<T>(fields: &[RationalField<T>]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name).collect()
}
