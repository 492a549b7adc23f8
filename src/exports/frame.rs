//! Frame: fields, channel layout, planes (views of the frame's own buffers), allocation.

use crate::av::{self, EnumName};
use crate::codec_parameters as cp;
use crate::error::{Error, Result};
use crate::fields;
use crate::frame::Frame;
use crate::handle::{self, Slot};
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::Value;
use crate::values::handles::two_frames;

use crate::values::fields::{field_index, set_field};
use crate::values::layout::layout_out;
use crate::values::rational::{rational_out, rational_value, set_rational};
use crate::values::side_data;

pub fn register(e: &mut Exports) -> Result<()> {
    e.names("frameFields", &fields::names(fields::FRAME))?;
    e.names(
        "frameRationalFields",
        &fields::rational_names(fields::FRAME_RATIONAL),
    )?;
    e.function("frameCreate", create)?;
    e.function("frameDestroy", destroy)?;
    e.function("frameUnref", unref)?;
    e.function("frameGet", get)?;
    e.function("frameSet", set)?;
    e.function("frameGetRational", get_rational)?;
    e.function("frameSetRational", set_rational_field)?;
    e.function("frameGetChannelLayout", get_channel_layout)?;
    e.function("frameSetChannelLayout", set_channel_layout)?;
    e.function("framePlanes", planes)?;
    e.function("frameLinesizes", linesizes)?;
    e.function("frameAlloc", alloc)?;
    e.function("frameCopyProps", copy_props)?;
    e.function("frameMetadata", metadata)?;
    e.function("frameGetSideData", get_side_data)?;
    e.function("frameSetSideData", set_side_data)?;
    e.function("frameRemoveSideData", remove_side_data)?;
    e.function("frameSideDataName", side_data_name)?;
    e.function("frameFillImage", fill_image)?;
    e.function("frameReadImage", read_image)?;
    e.function("imageSize", image_size)?;
    e.function("frameFillSamples", fill_samples)?;
    e.function("frameReadSamples", read_samples)?;
    e.function("frameCopySamples", copy_samples)?;
    e.function("samplesBufferSize", samples_size)?;
    e.function("imageLineSize", image_line_size)?;
    e.constants(av::FRAME_SIDE_DATA_TYPES)
}

fn with_frame<R>(args: &Args, f: impl FnOnce(&mut Frame) -> Result<R>) -> Result<R> {
    Slot::<Frame>::from_arg(args, 0)?.with(f)
}

/// `frameCreate(receiver)`.
fn create(args: &Args) -> Result<Value> {
    handle::attach(args, 0, Frame::new()?)
}

fn destroy(args: &Args) -> Result<Value> {
    Slot::<Frame>::from_arg(args, 0)?.destroy();
    Ok(args.env.undefined())
}

fn unref(args: &Args) -> Result<Value> {
    with_frame(args, |f| {
        f.unref();
        Ok(args.env.undefined())
    })
}

fn get(args: &Args) -> Result<Value> {
    let field = &fields::FRAME[field_index(args, 1, fields::FRAME)?];
    with_frame(args, |f| Ok(args.env.number((field.get)(f.get()) as f64)))
}

fn set(args: &Args) -> Result<Value> {
    let field = &fields::FRAME[field_index(args, 1, fields::FRAME)?];
    with_frame(args, |f| set_field(args, field, 2, f.get_mut()))
}

fn get_rational(args: &Args) -> Result<Value> {
    let field = &fields::FRAME_RATIONAL[field_index(args, 1, fields::FRAME_RATIONAL)?];
    let r = with_frame(args, |f| Ok((field.get)(f.get())))?;
    rational_out(args, 2, r)
}

fn set_rational_field(args: &Args) -> Result<Value> {
    let field = &fields::FRAME_RATIONAL[field_index(args, 1, fields::FRAME_RATIONAL)?];
    let value = rational_value(args, field, 2)?;
    with_frame(args, |f| set_rational(field, f.get_mut(), value))?;
    Ok(args.env.undefined())
}

/// `frameGetChannelLayout(frame, out)`: out = [mask, nbChannels].
fn get_channel_layout(args: &Args) -> Result<Value> {
    let (mask, nb) = with_frame(args, |f| {
        let layout = &f.get().ch_layout;
        Ok((
            crate::channel_layout::channel_mask(layout),
            layout.nb_channels,
        ))
    })?;
    layout_out(args, 1, mask, nb)
}

/// `frameSetChannelLayout(frame, mask, nbChannels)`.
fn set_channel_layout(args: &Args) -> Result<Value> {
    let (mask, nb) = crate::values::layout::layout_args(args, 1)?;
    with_frame(args, |f| {
        cp::set_layout(&mut f.get_mut().ch_layout, mask, nb)
    })?;
    Ok(args.env.undefined())
}

/// `framePlanes(frame)`: an ArrayBuffer per plane, over the frame's own memory.
fn planes(args: &Args) -> Result<Value> {
    let env = args.env;
    with_frame(args, |f| {
        let planes = f.planes();
        let fail = || Error::out_of_memory("Could not expose the frame's planes");
        let array = env.array(planes.len()).ok_or_else(fail)?;
        for (i, plane) in planes.iter().enumerate() {
            let view = plane.arraybuffer(env).ok_or_else(fail)?;
            env.set_element(array, i as u32, view);
        }
        Ok(array)
    })
}

/// `frameLinesizes(frame)`: the byte length of a line (a row of pixels, or a plane of samples)
/// of each plane.
fn linesizes(args: &Args) -> Result<Value> {
    let env = args.env;
    with_frame(args, |f| {
        let count = f.planes().len();
        let array = env
            .array(count)
            .ok_or_else(|| Error::out_of_memory("Could not list line sizes"))?;
        let lines = f.get().linesize;
        for i in 0..count {
            // Audio planes all have the first plane's size (FFmpeg sets only that one).
            let line = if f.is_audio() { lines[0] } else { lines[i] };
            env.set_element(array, i as u32, env.number(line as f64));
        }
        Ok(array)
    })
}

/// `frameAlloc(frame, align)`: planes for the frame's format and size.
fn alloc(args: &Args) -> Result<Value> {
    let align = args.integer(1, "align", 0.0, 1024.0)? as i32;
    with_frame(args, |f| f.alloc_buffers(align))?;
    Ok(args.env.undefined())
}

/// `frameCopyProps(dst, src)`.
fn copy_props(args: &Args) -> Result<Value> {
    let source = Slot::<Frame>::from_arg(args, 1)?;
    if std::ptr::eq(source, Slot::<Frame>::from_arg(args, 0)?) {
        return Ok(args.env.undefined());
    }
    with_frame(args, |dst| source.with(|src| dst.copy_props_from(src)))?;
    Ok(args.env.undefined())
}

/// `frameMetadata(frame)`: [key, value, ...].
fn metadata(args: &Args) -> Result<Value> {
    let env = args.env;
    let entries = with_frame(args, |f| Ok(f.metadata().entries()))?;
    let fail = || Error::out_of_memory("Could not read the frame's metadata");
    let array = env.array(entries.len() * 2).ok_or_else(fail)?;
    for (i, (key, value)) in entries.iter().enumerate() {
        env.set_element(array, 2 * i as u32, env.string(key).ok_or_else(fail)?);
        env.set_element(array, 2 * i as u32 + 1, env.string(value).ok_or_else(fail)?);
    }
    Ok(array)
}

/// `frameGetSideData(frame)`: [{ type, name, data }] (copies).
fn get_side_data(args: &Args) -> Result<Value> {
    with_frame(args, |f| {
        side_data::to_array(args.env, f.side_data(), EnumName::FrameSideData)
    })
}

/// `frameSetSideData(frame, [type, bytes, ...])`: replaces the side data.
fn set_side_data(args: &Args) -> Result<Value> {
    let entries = side_data::from_array(args, 1, av::frame_side_data_type, "frame")?;
    with_frame(args, |f| f.set_side_data(&entries))?;
    Ok(args.env.undefined())
}

/// `frameRemoveSideData(frame, type)`.
fn remove_side_data(args: &Args) -> Result<Value> {
    let kind = args.int32(1, "type")?;
    let kind = av::frame_side_data_type(kind)
        .ok_or_else(|| Error::Range(format!("{kind} is not a frame side data type")))?;
    with_frame(args, |f| {
        f.remove_side_data(kind);
        Ok(args.env.undefined())
    })
}

/// `frameSideDataName(type)`.
fn side_data_name(args: &Args) -> Result<Value> {
    side_data::name(args, EnumName::FrameSideData)
}

/// The picture (format, width, height) and alignment in arguments `i` to `i + 3`.
fn picture_args(args: &Args, i: usize) -> Result<(crate::image::Picture, i32)> {
    let picture = (
        args.int32(i, "pixelFormat")?,
        args.int32(i + 1, "width")?,
        args.int32(i + 2, "height")?,
    );
    Ok((picture, args.int32(i + 3, "align")?))
}

/// `frameFillImage(frame, format, width, height, align, bytes)`: the frame takes a copy.
fn fill_image(args: &Args) -> Result<Value> {
    let (picture, align) = picture_args(args, 1)?;
    let bytes = args.with_bytes(5, "data", |b| b.to_vec())?;
    with_frame(args, |f| f.fill_image(picture, align, &bytes))?;
    Ok(args.env.undefined())
}

/// `frameReadImage(frame, format, width, height, align, bytes)`: the frame's picture into bytes.
fn read_image(args: &Args) -> Result<Value> {
    let (picture, align) = picture_args(args, 1)?;
    let frame = Slot::<Frame>::from_arg(args, 0)?;
    args.with_bytes(5, "data", |bytes| {
        frame.with(|f| f.read_image(picture, align, bytes))
    })??;
    Ok(args.env.undefined())
}

/// `frameFillSamples(frame, align)`: the frame's samples moved into one buffer (planes one after
/// the other), returned as an ArrayBuffer over it: writing into it writes the frame's samples.
fn fill_samples(args: &Args) -> Result<Value> {
    let align = args.int32(1, "align")?;
    with_frame(args, |f| {
        let plane = f.contiguous_samples(align)?;
        plane
            .arraybuffer(args.env)
            .ok_or_else(|| Error::out_of_memory("Could not expose the samples"))
    })
}

/// `frameReadSamples(frame, align, bytes)`: the frame's samples copied into bytes; their length.
fn read_samples(args: &Args) -> Result<Value> {
    let align = args.int32(1, "align")?;
    let frame = Slot::<Frame>::from_arg(args, 0)?;
    let n = args.with_bytes(2, "data", |bytes| {
        frame.with(|f| f.read_samples(align, bytes))
    })??;
    Ok(args.env.number(n as f64))
}

/// `frameCopySamples(target, source, targetOffset, sourceOffset, count)`.
fn copy_samples(args: &Args) -> Result<Value> {
    let (source, target) = two_frames(args, (1, "source"), (0, "target"))?;
    let (dst, src) = (args.int32(2, "dstOffset")?, args.int32(3, "srcOffset")?);
    let count = args.int32(4, "count")?;
    target.with(|t| source.with(|s| t.copy_samples_from(s, dst, src, count)))?;
    Ok(args.env.undefined())
}

/// `samplesBufferSize(format, nbChannels, nbSamples, align)`.
fn samples_size(args: &Args) -> Result<Value> {
    let size = crate::samples::samples_size(
        args.int32(0, "format")?,
        args.int32(1, "nbChannels")?,
        args.int32(2, "nbSamples")?,
        args.int32(3, "align")?,
    )
    .map_err(|r| Error::ffmpeg("Could not size the samples", r))?;
    Ok(args.env.number(size as f64))
}

/// `imageSize(format, width, height, align)`.
fn image_size(args: &Args) -> Result<Value> {
    let ((format, w, h), align) = picture_args(args, 0)?;
    let size = crate::image::image_size(format, w, h, align).ok_or_else(|| {
        Error::Range(format!(
            "No picture of {w}x{h}, format {format}, align {align}"
        ))
    })?;
    Ok(args.env.number(size as f64))
}

/// `imageLineSize(format, width, plane)`.
fn image_line_size(args: &Args) -> Result<Value> {
    let (format, width, plane) = (
        args.int32(0, "pixelFormat")?,
        args.int32(1, "width")?,
        args.int32(2, "plane")?,
    );
    let size = crate::image::image_linesize(format, width, plane)
        .ok_or_else(|| Error::Range(format!("No plane {plane} of format {format}")))?;
    Ok(args.env.number(size as f64))
}
