//! The options FFmpeg describes for a kind of object (a codec, a muxer, a filter, ...): each one's
//! name, type, default, range, named values, help and flags, read from the static `AVClass`
//! tables without making an object. For apps that list or check options, and for
//! `scripts/encoder-options.js`, which types the encoders' options in `index.d.ts`.

use std::ffi::{c_char, c_int, c_void, CStr};

use ffmpeg_sys_next as ff;

use crate::av::{self, EnumName};
use crate::error::{Error, Result};

/// Whose options: a codec's, a format's, a filter's own (by name), or the options every codec
/// context, format context, scaler or resampler has.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Table {
    Encoder,
    Decoder,
    CodecContext,
    InputFormat,
    OutputFormat,
    FormatContext,
    Filter,
    BitstreamFilter,
    Scaler,
    Resampler,
}

impl Table {
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "encoder" => Self::Encoder,
            "decoder" => Self::Decoder,
            "codecContext" => Self::CodecContext,
            "inputFormat" => Self::InputFormat,
            "outputFormat" => Self::OutputFormat,
            "formatContext" => Self::FormatContext,
            "filter" => Self::Filter,
            "bitstreamFilter" => Self::BitstreamFilter,
            "scaler" => Self::Scaler,
            "resampler" => Self::Resampler,
            _ => return None,
        })
    }

    fn what(self) -> &'static str {
        match self {
            Self::Encoder => "encoder",
            Self::Decoder => "decoder",
            Self::InputFormat => "demuxer",
            Self::OutputFormat => "muxer",
            Self::Filter => "filter",
            Self::BitstreamFilter => "bitstream filter",
            _ => "class",
        }
    }

    /// The class whose table lists the options: `name` picks the codec, format or filter. `None`
    /// when the thing named has no options of its own.
    fn class(self, name: &str) -> Result<Option<&'static ff::AVClass>> {
        let c_name = std::ffi::CString::new(name)
            .map_err(|_| Error::Type(format!("{name:?} contains NUL")))?;
        let missing = || Error::State(format!("No {} named {name:?} in this build", self.what()));
        // SAFETY (every call below): FFmpeg's look-ups by NUL-terminated name and its class
        // getters return static definitions or null.
        let class: *const ff::AVClass = match self {
            Self::Encoder | Self::Decoder => {
                let codec =
                    crate::codec::lookup::find_codec(None, Some(name), self == Self::Encoder)
                        .ok_or_else(missing)?;
                codec.priv_class
            }
            Self::InputFormat => {
                // SAFETY: see above.
                let format = unsafe { ff::av_find_input_format(c_name.as_ptr()) };
                // SAFETY: null or static.
                unsafe { format.as_ref() }.ok_or_else(missing)?.priv_class
            }
            Self::OutputFormat => {
                // SAFETY: see above.
                let format = unsafe {
                    ff::av_guess_format(c_name.as_ptr(), std::ptr::null(), std::ptr::null())
                };
                // SAFETY: null or static.
                let format = unsafe { format.as_ref() }.ok_or_else(missing)?;
                if av::string(format.name).as_deref() != Some(name) {
                    return Err(missing());
                }
                format.priv_class
            }
            Self::Filter => {
                // SAFETY: see above.
                let filter = unsafe { ff::avfilter_get_by_name(c_name.as_ptr()) };
                // SAFETY: null or static.
                unsafe { filter.as_ref() }.ok_or_else(missing)?.priv_class
            }
            Self::BitstreamFilter => {
                // SAFETY: see above.
                let filter = unsafe { ff::av_bsf_get_by_name(c_name.as_ptr()) };
                // SAFETY: null or static.
                unsafe { filter.as_ref() }.ok_or_else(missing)?.priv_class
            }
            // SAFETY: see above.
            Self::CodecContext => unsafe { ff::avcodec_get_class() },
            // SAFETY: see above.
            Self::FormatContext => unsafe { ff::avformat_get_class() },
            // SAFETY: see above.
            Self::Scaler => unsafe { ff::sws_get_class() },
            // SAFETY: see above.
            Self::Resampler => unsafe { ff::swr_get_class() },
        };
        // SAFETY: null or a static class.
        Ok(unsafe { class.as_ref() })
    }
}

/// An option's default value.
#[derive(Debug, PartialEq)]
pub enum Default {
    None,
    Number(f64),
    Bool(bool),
    Text(String),
}

/// A named value an option takes (`deadline=realtime`), or a flag it may hold.
#[derive(Debug)]
pub struct Named {
    pub name: String,
    pub value: f64,
    pub help: String,
    pub flags: Vec<&'static str>,
}

#[derive(Debug)]
pub struct OptionInfo {
    pub name: String,
    pub help: String,
    pub kind: &'static str,
    /// A list of values of `kind` (FFmpeg's array options).
    pub array: bool,
    pub default: Default,
    /// The range, for numbers.
    pub range: Option<(f64, f64)>,
    pub values: Vec<Named>,
    pub flags: Vec<&'static str>,
}

const TYPE_ARRAY: c_int = 1 << 16;

fn kind_name(kind: c_int) -> &'static str {
    use ff::AVOptionType as T;
    match kind {
        k if k == T::AV_OPT_TYPE_FLAGS as c_int => "flags",
        k if k == T::AV_OPT_TYPE_INT as c_int => "int",
        k if k == T::AV_OPT_TYPE_INT64 as c_int => "int64",
        k if k == T::AV_OPT_TYPE_UINT as c_int => "uint",
        k if k == T::AV_OPT_TYPE_UINT64 as c_int => "uint64",
        k if k == T::AV_OPT_TYPE_DOUBLE as c_int => "double",
        k if k == T::AV_OPT_TYPE_FLOAT as c_int => "float",
        k if k == T::AV_OPT_TYPE_STRING as c_int => "string",
        k if k == T::AV_OPT_TYPE_RATIONAL as c_int => "rational",
        k if k == T::AV_OPT_TYPE_BINARY as c_int => "binary",
        k if k == T::AV_OPT_TYPE_DICT as c_int => "dictionary",
        k if k == T::AV_OPT_TYPE_IMAGE_SIZE as c_int => "imageSize",
        k if k == T::AV_OPT_TYPE_PIXEL_FMT as c_int => "pixelFormat",
        k if k == T::AV_OPT_TYPE_SAMPLE_FMT as c_int => "sampleFormat",
        k if k == T::AV_OPT_TYPE_VIDEO_RATE as c_int => "videoRate",
        k if k == T::AV_OPT_TYPE_DURATION as c_int => "duration",
        k if k == T::AV_OPT_TYPE_COLOR as c_int => "color",
        k if k == T::AV_OPT_TYPE_BOOL as c_int => "bool",
        k if k == T::AV_OPT_TYPE_CHLAYOUT as c_int => "channelLayout",
        k if k == T::AV_OPT_TYPE_CONST as c_int => "const",
        _ => "unknown",
    }
}

const FLAGS: [(c_int, &str); 11] = [
    (ff::AV_OPT_FLAG_ENCODING_PARAM, "encoding"),
    (ff::AV_OPT_FLAG_DECODING_PARAM, "decoding"),
    (ff::AV_OPT_FLAG_AUDIO_PARAM, "audio"),
    (ff::AV_OPT_FLAG_VIDEO_PARAM, "video"),
    (ff::AV_OPT_FLAG_SUBTITLE_PARAM, "subtitle"),
    (ff::AV_OPT_FLAG_FILTERING_PARAM, "filtering"),
    (ff::AV_OPT_FLAG_EXPORT, "export"),
    (ff::AV_OPT_FLAG_BSF_PARAM, "bsf"),
    (ff::AV_OPT_FLAG_READONLY, "readonly"),
    (ff::AV_OPT_FLAG_RUNTIME_PARAM, "runtime"),
    (ff::AV_OPT_FLAG_DEPRECATED, "deprecated"),
];

fn flag_names(flags: c_int) -> Vec<&'static str> {
    FLAGS
        .iter()
        .filter(|(bit, _)| flags & bit != 0)
        .map(|&(_, name)| name)
        .collect()
}

/// One entry of a static option table, its type read as the integer it is (FFmpeg ORs
/// `AV_OPT_TYPE_FLAG_ARRAY` into it, which is no variant of the Rust enum).
struct Entry<'t> {
    option: &'t ff::AVOption,
    kind: c_int,
}

/// An option's type, read as the C int it is: FFmpeg ORs `AV_OPT_TYPE_FLAG_ARRAY` into it, which
/// is no variant of the Rust enum (reading the field as that enum would be undefined).
pub fn kind_of(option: &ff::AVOption) -> c_int {
    // SAFETY: the field is a C int in FFmpeg's struct, read as one through its address.
    unsafe { std::ptr::addr_of!(option.type_).cast::<c_int>().read() }
}

/// The entries of `class`'s table, named constants included.
fn entries(class: &'static ff::AVClass) -> Vec<Entry<'static>> {
    let mut list = Vec::new();
    let mut at = class.option;
    // SAFETY: a class's table is a static array ended by an entry without a name.
    while let Some(option) = unsafe { at.as_ref() } {
        if option.name.is_null() {
            break;
        }
        list.push(Entry {
            option,
            kind: kind_of(option),
        });
        // SAFETY: within the table: this entry had a name, so another entry follows.
        at = unsafe { at.add(1) };
    }
    list
}

fn text(s: *const c_char) -> String {
    av::string(s).unwrap_or_default()
}

/// The default as an integer: the union's 8 bytes read as one (any bit pattern is an `i64`);
/// meaningful for the integer types, which FFmpeg keeps there.
fn default_int(o: &ff::AVOption) -> i64 {
    // SAFETY: plain bytes of a union of 8-byte members, any of which is a valid i64.
    unsafe { o.default_val.i64_ }
}

/// The default as a double (any bit pattern is an `f64`): for the floating types and rationals.
fn default_double(o: &ff::AVOption) -> f64 {
    // SAFETY: as above, any bit pattern is a valid f64.
    unsafe { o.default_val.dbl }
}

fn default_of(entry: &Entry) -> Default {
    use ff::AVOptionType as T;
    let o = entry.option;
    if entry.kind & TYPE_ARRAY != 0 {
        // SAFETY: array options keep their array definition (or null) in the union.
        let def = unsafe { o.default_val.arr };
        // SAFETY: null or FFmpeg's static definition.
        let def = unsafe { def.as_ref() };
        return def
            .and_then(|d| av::string(d.def))
            .map_or(Default::None, Default::Text);
    }
    let text = |o: &ff::AVOption| {
        // SAFETY: the textual types keep a static C string (or null) in the union.
        let s = unsafe { o.default_val.str_ };
        av::string(s).map_or(Default::None, Default::Text)
    };
    match entry.kind {
        k if k == T::AV_OPT_TYPE_BOOL as c_int => match default_int(o) {
            v if v < 0 => Default::Text("auto".into()),
            v => Default::Bool(v != 0),
        },
        k if k == T::AV_OPT_TYPE_PIXEL_FMT as c_int => {
            av::enum_name(EnumName::PixelFormat, default_int(o) as c_int)
                .map_or(Default::None, Default::Text)
        }
        k if k == T::AV_OPT_TYPE_SAMPLE_FMT as c_int => {
            av::enum_name(EnumName::SampleFormat, default_int(o) as c_int)
                .map_or(Default::None, Default::Text)
        }
        k if k == T::AV_OPT_TYPE_FLAGS as c_int
            || k == T::AV_OPT_TYPE_INT as c_int
            || k == T::AV_OPT_TYPE_INT64 as c_int
            || k == T::AV_OPT_TYPE_UINT as c_int
            || k == T::AV_OPT_TYPE_UINT64 as c_int
            || k == T::AV_OPT_TYPE_DURATION as c_int
            || k == T::AV_OPT_TYPE_CONST as c_int =>
        {
            Default::Number(default_int(o) as f64)
        }
        k if k == T::AV_OPT_TYPE_DOUBLE as c_int
            || k == T::AV_OPT_TYPE_FLOAT as c_int
            || k == T::AV_OPT_TYPE_RATIONAL as c_int =>
        {
            Default::Number(default_double(o))
        }
        k if k == T::AV_OPT_TYPE_STRING as c_int
            || k == T::AV_OPT_TYPE_IMAGE_SIZE as c_int
            || k == T::AV_OPT_TYPE_VIDEO_RATE as c_int
            || k == T::AV_OPT_TYPE_COLOR as c_int
            || k == T::AV_OPT_TYPE_CHLAYOUT as c_int
            || k == T::AV_OPT_TYPE_DICT as c_int =>
        {
            text(o)
        }
        _ => Default::None,
    }
}

fn is_number(kind: &str) -> bool {
    matches!(
        kind,
        "flags"
            | "int"
            | "int64"
            | "uint"
            | "uint64"
            | "double"
            | "float"
            | "rational"
            | "duration"
    )
}

/// Every option of `table` (for the codec, format or filter `name`; ignored for the generic
/// tables), in FFmpeg's order, each with the named values of its unit. An unknown name is an
/// error; a thing without options of its own has an empty list.
pub fn describe(table: Table, name: &str) -> Result<Vec<OptionInfo>> {
    let Some(class) = table.class(name)? else {
        return Ok(Vec::new());
    };
    let all = entries(class);
    let mut list = Vec::new();
    for entry in &all {
        if entry.kind == ff::AVOptionType::AV_OPT_TYPE_CONST as c_int {
            continue;
        }
        let o = entry.option;
        let kind = kind_name(entry.kind & !TYPE_ARRAY);
        let unit = av::string(o.unit);
        let values = match &unit {
            None => Vec::new(),
            Some(unit) => all
                .iter()
                .filter(|c| {
                    c.kind == ff::AVOptionType::AV_OPT_TYPE_CONST as c_int
                        && av::string(c.option.unit).as_deref() == Some(unit)
                })
                .map(|c| Named {
                    name: text(c.option.name),
                    // A named constant keeps its value as the option's type reads it.
                    value: if matches!(kind, "double" | "float" | "rational") {
                        default_double(c.option)
                    } else {
                        default_int(c.option) as f64
                    },
                    help: text(c.option.help),
                    flags: flag_names(c.option.flags),
                })
                .collect(),
        };
        list.push(OptionInfo {
            name: text(o.name),
            help: text(o.help),
            kind,
            array: entry.kind & TYPE_ARRAY != 0,
            default: default_of(entry),
            range: is_number(kind).then_some((o.min, o.max)),
            values,
            flags: flag_names(o.flags),
        });
    }
    Ok(list)
}

/// For an error FFmpeg logged as `Unable to parse "name" option value "value"` (a value given in
/// a dictionary of options): " (name's named values: a, b, c)", when the option has some in one
/// of `classes` (the object's own class and its private part's: after a failed open the private
/// part is gone, the tables stay).
pub fn bad_value_hint(classes: &[*const ff::AVClass], lines: &[String]) -> String {
    let named = lines.iter().find_map(|line| {
        let rest = line.split("Unable to parse \"").nth(1)?;
        let name = rest.split('"').next()?;
        let allowed = classes
            .iter()
            // SAFETY: null or static classes.
            .filter_map(|&c| unsafe { c.as_ref() })
            .map(|class| named_values(class, name))
            .find(|values| !values.is_empty())?;
        Some(format!(" ({name}'s named values: {})", allowed.join(", ")))
    });
    named.unwrap_or_default()
}

/// The names of the named values of `class`'s option `name` (none when it has none).
fn named_values(class: &'static ff::AVClass, name: &str) -> Vec<String> {
    let all = entries(class);
    let const_kind = ff::AVOptionType::AV_OPT_TYPE_CONST as c_int;
    let Some(unit) = all
        .iter()
        .find(|e| e.kind != const_kind && av::string(e.option.name).as_deref() == Some(name))
        .and_then(|e| av::string(e.option.unit))
    else {
        return Vec::new();
    };
    all.iter()
        .filter(|e| e.kind == const_kind && av::string(e.option.unit).as_deref() == Some(&unit))
        .map(|e| text(e.option.name))
        .collect()
}

/// The named values the option `name` of a live object takes (its own or, searching children,
/// its private part's): for the error when a value is not one of them. Empty when it has none.
///
/// # Safety
/// `object` is a live `AVClass` object.
pub unsafe fn allowed_values(object: *mut c_void, name: &CStr) -> Vec<String> {
    let mut target: *mut c_void = std::ptr::null_mut();
    // SAFETY: a live AVClass object (the caller's promise) and a NUL-terminated name; FFmpeg
    // returns a static table entry or null, and the object that has it in `target`.
    let option = unsafe {
        ff::av_opt_find2(
            object,
            name.as_ptr(),
            std::ptr::null(),
            0,
            ff::AV_OPT_SEARCH_CHILDREN as c_int,
            &mut target,
        )
    };
    if option.is_null() || target.is_null() {
        return Vec::new();
    }
    // SAFETY: `target` is the live AVClass object holding the option: its first field is its
    // class.
    let class = unsafe { target.cast::<*const ff::AVClass>().read() };
    // SAFETY: null or a static definition.
    let Some(class) = (unsafe { class.as_ref() }) else {
        return Vec::new();
    };
    named_values(class, &name.to_string_lossy())
}
