//! InputFormat and OutputFormat: demuxers and muxers by name (or, for muxers, by file name), and
//! what FFmpeg says about them. An unknown name gets a hint: 'mkv' is a file extension, the muxer
//! is 'matroska'.

use crate::error::{Error, Result};
use crate::format::lookup::FormatInfo;
use crate::format::lookup::{find_input, find_output};
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::{Env, Value};
use crate::values::ToJs;

pub fn register(e: &mut Exports) -> Result<()> {
    e.function("inputFormatInfo", input_format_info)?;
    e.function("outputFormatInfo", output_format_info)?;
    e.function("outputFormatGuess", output_format_guess)?;
    Ok(())
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
        env.set_named(object, key, value.to_js(env)?);
    }
    env.set_named(object, "flags", env.number(info.flags as f64));
    Ok(object)
}

/// `inputFormatInfo(name)`.
fn input_format_info(args: &Args) -> Result<Value> {
    let format = find_input(&args.string(0, "name")?)?;
    info_object(args.env, crate::format::lookup::input_format_info(format))
}

/// `outputFormatInfo(name)`.
fn output_format_info(args: &Args) -> Result<Value> {
    let format = find_output(&args.string(0, "name")?)?;
    info_object(args.env, crate::format::lookup::output_format_info(format))
}

/// `outputFormatGuess(fileName)`: the short name of the muxer FFmpeg picks for a file name.
fn output_format_guess(args: &Args) -> Result<Value> {
    let name = args.string(0, "fileName")?;
    let format =
        crate::format::lookup::guess_output_format(None, Some(&name)).ok_or_else(|| {
            Error::ffmpeg_text(
                format!("No output format matches the file name {name}"),
                ffmpeg_sys_next::AVERROR_MUXER_NOT_FOUND,
            )
        })?;
    (crate::format::lookup::output_format_info(format).name).to_js(args.env)
}
