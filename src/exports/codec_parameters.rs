//! CodecParameters: a stream's (addressed by context and stream index) or standalone ones
//! (`codecParametersAlloc`, addressed by their own handle; the index is then ignored).

use ffmpeg_sys_next as ff;

use crate::av::{self, EnumName};
use crate::codec::CodecContext;
use crate::codec_parameters::{self as cp, OwnedCodecParameters};
use crate::error::{Error, Result};
use crate::fields;
use crate::handle::{self, Slot};
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::Value;

use crate::values::fields::{field_index, set_field};
use crate::values::handles::{with_parameters_at, Access};
use crate::values::rational::{rational_out, rational_value, set_rational};
use crate::values::side_data;

pub fn register(e: &mut Exports) -> Result<()> {
    e.names(
        "codecParametersFields",
        &fields::names(fields::CODEC_PARAMETERS),
    )?;
    e.names(
        "codecParametersRationalFields",
        &fields::rational_names(fields::CODEC_PARAMETERS_RATIONAL),
    )?;
    e.function("codecParametersAlloc", alloc)?;
    e.function("codecParametersDestroy", destroy)?;
    e.function("codecParametersGet", get)?;
    e.function("codecParametersSet", set)?;
    e.function("codecParametersGetRational", get_rational)?;
    e.function("codecParametersSetRational", set_rational_field)?;
    e.function("codecParametersGetExtraData", get_extra_data)?;
    e.function("codecParametersSetExtraData", set_extra_data)?;
    e.function("codecParametersGetChannelLayout", get_channel_layout)?;
    e.function("codecParametersSetChannelLayout", set_channel_layout)?;
    e.function("codecParametersGetSideData", get_side_data)?;
    e.function("codecParametersSetSideData", set_side_data)?;
    e.function("codecParametersCopy", copy)?;
    e.function("codecParametersToContext", to_context)?;
    e.function("codecParametersFromContext", from_context)?;
    Ok(())
}

/// Runs `f` on the parameters in arguments 0 (handle) and 1 (stream index).
fn with_parameters<R>(
    args: &Args,
    access: Access,
    f: impl FnOnce(&mut ff::AVCodecParameters) -> Result<R>,
) -> Result<R> {
    with_parameters_at(args, 0, access, f)
}

/// `codecParametersAlloc(receiver)`: standalone parameters, FFmpeg's defaults.
fn alloc(args: &Args) -> Result<Value> {
    handle::attach(args, 0, OwnedCodecParameters::new()?)
}

fn destroy(args: &Args) -> Result<Value> {
    Slot::<OwnedCodecParameters>::from_arg(args, 0)?.destroy();
    Ok(args.env.undefined())
}

/// `codecParametersGet(handle, index, field)`.
fn get(args: &Args) -> Result<Value> {
    let field = &fields::CODEC_PARAMETERS[field_index(args, 2, fields::CODEC_PARAMETERS)?];
    with_parameters(args, Access::Read, |p| {
        Ok(args.env.number((field.get)(p) as f64))
    })
}

/// `codecParametersSet(handle, index, field, value)`.
fn set(args: &Args) -> Result<Value> {
    let field = &fields::CODEC_PARAMETERS[field_index(args, 2, fields::CODEC_PARAMETERS)?];
    with_parameters(args, Access::ChangeStreams(field.name), |p| {
        set_field(args, field, 3, p)
    })
}

/// `codecParametersGetRational(handle, index, field, out)`.
fn get_rational(args: &Args) -> Result<Value> {
    let table = fields::CODEC_PARAMETERS_RATIONAL;
    let field = &table[field_index(args, 2, table)?];
    let r = with_parameters(args, Access::Read, |p| Ok((field.get)(p)))?;
    rational_out(args, 3, r)
}

/// `codecParametersSetRational(handle, index, field, num, den)`.
fn set_rational_field(args: &Args) -> Result<Value> {
    let table = fields::CODEC_PARAMETERS_RATIONAL;
    let field = &table[field_index(args, 2, table)?];
    let value = rational_value(args, field, 3)?;
    with_parameters(args, Access::ChangeStreams(field.name), |p| {
        set_rational(field, p, value)
    })?;
    Ok(args.env.undefined())
}

/// `codecParametersGetExtraData(handle, index)`: a copy (the parameters may change or go).
fn get_extra_data(args: &Args) -> Result<Value> {
    let env = args.env;
    with_parameters(args, Access::Read, |p| {
        env.arraybuffer_copy(cp::extradata(p))
            .ok_or_else(|| Error::out_of_memory("Could not read extra data"))
    })
}

/// `codecParametersSetExtraData(handle, index, bytes)`.
fn set_extra_data(args: &Args) -> Result<Value> {
    let bytes = args.with_bytes(2, "extraData", |b| b.to_vec())?;
    with_parameters(args, Access::ChangeStreams("extraData"), |p| {
        cp::set_extradata(p, &bytes)
    })?;
    Ok(args.env.undefined())
}

/// `codecParametersGetChannelLayout(handle, index, out)`: `[mask, nbChannels]` into the
/// Float64Array `out` (the mask is 0 unless the layout is in native order).
fn get_channel_layout(args: &Args) -> Result<Value> {
    let (mask, nb) = with_parameters(args, Access::Read, |p| {
        Ok((
            crate::channel_layout::channel_mask(&p.ch_layout),
            p.ch_layout.nb_channels,
        ))
    })?;
    crate::values::layout::layout_out(args, 2, mask, nb)
}

/// `codecParametersSetChannelLayout(handle, index, mask, nbChannels)`.
fn set_channel_layout(args: &Args) -> Result<Value> {
    let (mask, nb) = crate::values::layout::layout_args(args, 2)?;
    with_parameters(args, Access::ChangeStreams("channelLayout"), |p| {
        cp::set_channel_layout(p, mask, nb)
    })?;
    Ok(args.env.undefined())
}

/// `codecParametersCopy(dst, dstIndex, src, srcIndex)`: every parameter, without decoding. The
/// source is copied out first, so source and destination may share a context.
fn copy(args: &Args) -> Result<Value> {
    let mut source = OwnedCodecParameters::new()?;
    with_parameters_at(args, 2, Access::Read, |p| cp::copy(source.get_mut(), p))?;
    with_parameters(args, Access::ChangeStreams("codecParameters"), |p| {
        cp::copy(p, source.get())
    })?;
    Ok(args.env.undefined())
}

/// `codecParametersToContext(handle, index, codecContext)`: the codec context (not open yet)
/// takes these parameters.
fn to_context(args: &Args) -> Result<Value> {
    let context = Slot::<CodecContext>::from_arg(args, 2)?;
    with_parameters(args, Access::Read, |p| {
        context.with(|c| c.set_parameters(p))
    })?;
    Ok(args.env.undefined())
}

/// `codecParametersFromContext(handle, index, codecContext)`: these parameters take the codec
/// context's settings.
fn from_context(args: &Args) -> Result<Value> {
    let context = Slot::<CodecContext>::from_arg(args, 2)?;
    with_parameters(args, Access::ChangeStreams("codecParameters"), |p| {
        context.with(|c| c.parameters_into(p))
    })?;
    Ok(args.env.undefined())
}

/// `codecParametersGetSideData(handle, index)`: [{ type, name, data }] (copies).
fn get_side_data(args: &Args) -> Result<Value> {
    with_parameters(args, Access::Read, |p| {
        let entries = cp::side_data(p)
            .into_iter()
            .map(|(k, b)| (k as i32, b))
            .collect();
        side_data::to_array(args.env, entries, EnumName::PacketSideData)
    })
}

/// `codecParametersSetSideData(handle, index, [type, bytes, ...])`: replaces the side data.
fn set_side_data(args: &Args) -> Result<Value> {
    let entries = side_data::from_array(args, 2, av::packet_side_data_type, "packet")?;
    with_parameters(args, Access::ChangeStreams("sideData"), |p| {
        cp::set_side_data(p, &entries)
    })?;
    Ok(args.env.undefined())
}
