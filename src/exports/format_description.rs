//! InputFormat and OutputFormat: demuxers and muxers by name (or, for muxers, by file name), and
//! what FFmpeg says about them. An unknown name gets a hint: 'mkv' is a file extension, the muxer
//! is 'matroska'.

use crate::av::{self, FormatInfo};
use crate::error::{Error, Result};
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::{Env, Value};

pub fn register(e: &mut Exports) -> Result<()> {
    e.function("inputFormatInfo", input_format_info)?;
    e.function("outputFormatInfo", output_format_info)?;
    e.function("outputFormatGuess", output_format_guess)?;
    Ok(())
}

pub fn find_input(name: &str) -> Result<&'static ffmpeg_sys_next::AVInputFormat> {
    av::find_input_format(name).ok_or_else(|| {
        Error::ffmpeg_text(
            format!("Unknown input format: {name}{}", hint(name, false)),
            ffmpeg_sys_next::AVERROR_DEMUXER_NOT_FOUND,
        )
    })
}

pub fn find_output(name: &str) -> Result<&'static ffmpeg_sys_next::AVOutputFormat> {
    av::guess_output_format(Some(name), None).ok_or_else(|| {
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
        if let Some(f) = av::guess_output_format(None, Some(&format!("file.{lower}"))) {
            if let Some(muxer) = av::output_format_info(f).name {
                return format!(
                    " ('{name}' is a file extension: the muxer is '{muxer}', or use \
                     OutputFormat.fromFileName('file.{lower}'))"
                );
            }
        }
    }
    let mut similar: Vec<String> = av::format_names(output)
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

pub fn string_or_undefined(env: Env, s: Option<String>) -> Result<Value> {
    match s {
        Some(s) => env
            .string(&s)
            .ok_or_else(|| Error::State("Could not make a string".into())),
        None => Ok(env.undefined()),
    }
}

/// `{ name, longName, extensions, mimeType, flags }`.
fn info_object(env: Env, info: FormatInfo) -> Result<Value> {
    let failed = || Error::State("Could not describe the format".into());
    let object = env.object().ok_or_else(failed)?;
    for (key, value) in [
        ("name", info.name),
        ("longName", info.long_name),
        ("extensions", info.extensions),
        ("mimeType", info.mime_type),
    ] {
        env.set_named(object, key, string_or_undefined(env, value)?);
    }
    env.set_named(object, "flags", env.number(info.flags as f64));
    Ok(object)
}

/// `inputFormatInfo(name)`.
fn input_format_info(args: &Args) -> Result<Value> {
    let format = find_input(&args.string(0, "name")?)?;
    info_object(args.env, av::input_format_info(format))
}

/// `outputFormatInfo(name)`.
fn output_format_info(args: &Args) -> Result<Value> {
    let format = find_output(&args.string(0, "name")?)?;
    info_object(args.env, av::output_format_info(format))
}

/// `outputFormatGuess(fileName)`: the short name of the muxer FFmpeg picks for a file name.
fn output_format_guess(args: &Args) -> Result<Value> {
    let name = args.string(0, "fileName")?;
    let format = av::guess_output_format(None, Some(&name)).ok_or_else(|| {
        Error::ffmpeg_text(
            format!("No output format matches the file name {name}"),
            ffmpeg_sys_next::AVERROR_MUXER_NOT_FOUND,
        )
    })?;
    string_or_undefined(args.env, av::output_format_info(format).name)
}
