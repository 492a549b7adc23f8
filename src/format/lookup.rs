//! Demuxers and muxers by name (or, for muxers, by file name) and what FFmpeg says about them,
//! with a hint for a name FFmpeg does not know: 'mkv' is a file extension, the muxer is
//! 'matroska'.

use std::ffi::{c_int, c_void, CString};
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::av;
use crate::error::{Error, Result};

pub fn find_input(name: &str) -> Result<&'static ffmpeg_sys_next::AVInputFormat> {
    find_input_format(name).ok_or_else(|| {
        Error::ffmpeg_text(
            format!("Unknown input format: {name}{}", hint(name, false)),
            ffmpeg_sys_next::AVERROR_DEMUXER_NOT_FOUND,
        )
    })
}

pub fn find_output(name: &str) -> Result<&'static ffmpeg_sys_next::AVOutputFormat> {
    guess_output_format(Some(name), None).ok_or_else(|| {
        Error::ffmpeg_text(
            format!("Unknown output format: {name}{}", hint(name, true)),
            ffmpeg_sys_next::AVERROR_MUXER_NOT_FOUND,
        )
    })
}

/// " (did you mean ...?)" for a name FFmpeg does not know, or nothing.
fn hint(name: &str, output: bool) -> String {
    let lower = name.to_ascii_lowercase();
    // A file extension: the muxer FFmpeg picks for it.
    if output {
        if let Some(f) = guess_output_format(None, Some(&format!("file.{lower}"))) {
            if let Some(muxer) = output_format_info(f).name {
                return format!(
                    " ('{name}' is a file extension: the muxer is '{muxer}', or use \
                     OutputFormat.fromFileName('file.{lower}'))"
                );
            }
        }
    }
    let mut similar: Vec<String> = format_names(output)
        .into_iter()
        .filter(|n| n.starts_with(&lower) || (n.len() >= 3 && lower.starts_with(n.as_str())))
        .collect();
    similar.sort();
    similar.dedup();
    similar.truncate(4);
    if similar.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", similar.join(", "))
    }
}

/// A demuxer by short name.
pub fn find_input_format(name: &str) -> Option<&'static ff::AVInputFormat> {
    let name = CString::new(name).ok()?;
    // SAFETY: a NUL-terminated name.
    let format = unsafe { ff::av_find_input_format(name.as_ptr()) };
    // SAFETY: FFmpeg's format descriptions are static.
    unsafe { format.as_ref() }
}

/// A muxer by short name (`name`) or for a file name.
pub fn guess_output_format(
    name: Option<&str>,
    file_name: Option<&str>,
) -> Option<&'static ff::AVOutputFormat> {
    let name = name.map(CString::new).transpose().ok()?;
    let file_name = file_name.map(CString::new).transpose().ok()?;
    let p = |s: &Option<CString>| s.as_ref().map_or(ptr::null(), |s| s.as_ptr());
    // SAFETY: NUL-terminated names, or null.
    let format = unsafe { ff::av_guess_format(p(&name), p(&file_name), ptr::null()) };
    // SAFETY: FFmpeg's format descriptions are static.
    unsafe { format.as_ref() }
}

/// Every muxer's or demuxer's short names, for hints ("did you mean ...").
pub fn format_names(output: bool) -> Vec<String> {
    let mut names = Vec::new();
    let mut opaque: *mut c_void = ptr::null_mut();
    loop {
        let name = if output {
            // SAFETY: FFmpeg's iterator over its static list of muxers.
            let muxer = unsafe { ff::av_muxer_iterate(&mut opaque) };
            // SAFETY: the list's entries are static.
            unsafe { muxer.as_ref() }.map(|f| f.name)
        } else {
            // SAFETY: FFmpeg's iterator over its static list of demuxers.
            let demuxer = unsafe { ff::av_demuxer_iterate(&mut opaque) };
            // SAFETY: the list's entries are static.
            unsafe { demuxer.as_ref() }.map(|f| f.name)
        };
        let Some(name) = name else { return names };
        names.extend(
            av::string(name)
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

/// The same fields of a demuxer's or a muxer's description.
macro_rules! format_info {
    ($f:expr) => {
        FormatInfo {
            name: av::string($f.name),
            long_name: av::string($f.long_name),
            extensions: av::string($f.extensions),
            mime_type: av::string($f.mime_type),
            flags: $f.flags,
        }
    };
}

pub fn input_format_info(f: &ff::AVInputFormat) -> FormatInfo {
    format_info!(f)
}

pub fn output_format_info(f: &ff::AVOutputFormat) -> FormatInfo {
    format_info!(f)
}
