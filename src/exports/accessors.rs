//! Numeric and rational fields of streams, codec parameters and packets, by index.

use std::ffi::c_int;
use std::ptr;

use bare_rust::Value;
use ffmpeg_sys_next as ff;

use crate::errors::{self, type_error};
use crate::fields::{self, Field, RationalField};
use crate::format::FormatContext;
use crate::handle::Slot;
use crate::js::{Args, Env, JsResult};

pub(crate) fn field_index<T>(args: &Args, i: usize, table: &[T]) -> JsResult<usize> {
    Ok(args.integer(i, "field", 0.0, table.len() as f64 - 1.0)? as usize)
}

pub(crate) fn get_field<T>(env: Env, table: &[Field<T>], index: usize, target: &T) -> Value {
    env.number((table[index].get)(target) as f64)
}

pub(crate) fn set_field<T>(
    args: &Args,
    table: &[Field<T>],
    index: usize,
    value_arg: usize,
    target: &mut T,
) -> JsResult<Value> {
    let field = &table[index];
    let Some(set) = field.set else {
        return Err(type_error(
            args.env,
            &format!("{} is read-only", field.name),
        ));
    };
    let value = if field.wide {
        args.int64(value_arg, field.name)?
    } else {
        args.int32(value_arg, field.name)? as i64
    };
    set(target, value);
    Ok(args.env.undefined())
}

/// Writes a rational into the `Int32Array` of two in argument `i` (no allocation: getters of
/// time bases run once or twice per packet in a remux loop).
pub(crate) fn rational_out(args: &Args, i: usize, r: ff::AVRational) -> JsResult<Value> {
    let value = args.raw(i);
    let out = args
        .env
        .int32s_of(value)
        .filter(|o| o.len() >= 2)
        .ok_or_else(|| type_error(args.env, "Expected an Int32Array of two for the result"))?;
    out[0] = r.num;
    out[1] = r.den;
    Ok(args.env.undefined())
}

pub(crate) fn set_rational<T>(
    args: &Args,
    table: &[RationalField<T>],
    index: usize,
    first: usize,
    target: &mut T,
) -> JsResult<Value> {
    let field = &table[index];
    let Some(set) = field.set else {
        return Err(type_error(
            args.env,
            &format!("{} is read-only", field.name),
        ));
    };
    let num = args.int32(first, "numerator")?;
    let den = args.int32(first + 1, "denominator")?;
    set(target, ff::AVRational { num, den });
    Ok(args.env.undefined())
}

pub(crate) fn with_stream<R>(
    args: &Args,
    f: impl FnOnce(&mut ff::AVStream) -> JsResult<R>,
) -> JsResult<R> {
    let index = args.integer(1, "stream index", 0.0, u32::MAX as f64)?;
    Slot::<FormatContext>::from_arg(args, 0)?.with(args.env, |fc| {
        let stream = fc.stream(args.env, index)?;
        // SAFETY: the stream belongs to the live context we hold borrowed.
        f(unsafe { &mut *stream })
    })
}

pub(crate) fn with_codec<R>(
    args: &Args,
    f: impl FnOnce(&mut ff::AVCodecParameters) -> JsResult<R>,
) -> JsResult<R> {
    // SAFETY: every stream of an open context has codec parameters.
    with_stream(args, |s| f(unsafe { &mut *s.codecpar }))
}

pub(crate) fn stream_get(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 2, fields::STREAM)?;
    with_stream(args, |s| Ok(get_field(args.env, fields::STREAM, i, s)))
}

pub(crate) fn stream_set(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 2, fields::STREAM)?;
    with_stream(args, |s| set_field(args, fields::STREAM, i, 3, s))
}

pub(crate) fn stream_get_rational(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 2, fields::STREAM_RATIONAL)?;
    with_stream(args, |s| {
        rational_out(args, 3, (fields::STREAM_RATIONAL[i].get)(s))
    })
}

pub(crate) fn stream_set_rational(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 2, fields::STREAM_RATIONAL)?;
    with_stream(args, |s| {
        set_rational(args, fields::STREAM_RATIONAL, i, 3, s)
    })
}

pub(crate) fn codec_get(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 2, fields::CODEC_PARAMETERS)?;
    with_codec(args, |c| {
        Ok(get_field(args.env, fields::CODEC_PARAMETERS, i, c))
    })
}

pub(crate) fn codec_set(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 2, fields::CODEC_PARAMETERS)?;
    with_codec(args, |c| set_field(args, fields::CODEC_PARAMETERS, i, 3, c))
}

pub(crate) fn codec_get_rational(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 2, fields::CODEC_PARAMETERS_RATIONAL)?;
    with_codec(args, |c| {
        rational_out(args, 3, (fields::CODEC_PARAMETERS_RATIONAL[i].get)(c))
    })
}

pub(crate) fn codec_set_rational(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 2, fields::CODEC_PARAMETERS_RATIONAL)?;
    with_codec(args, |c| {
        set_rational(args, fields::CODEC_PARAMETERS_RATIONAL, i, 3, c)
    })
}

/// `codecGetChannelLayout(context, index, out)`: writes `[mask, nbChannels]` into the
/// `Float64Array` `out`; the mask (`AV_CH_*` bits) is 0 unless the layout is in native order.
pub(crate) fn codec_get_channel_layout(args: &Args) -> JsResult<Value> {
    with_codec(args, |c| {
        let out = args
            .env
            .float64s_of(args.raw(2))
            .filter(|o| o.len() >= 2)
            .ok_or_else(|| type_error(args.env, "Expected a Float64Array of two for the result"))?;
        out[0] = channel_mask(&c.ch_layout) as f64;
        out[1] = c.ch_layout.nb_channels as f64;
        Ok(args.env.undefined())
    })
}

/// The channel mask of a layout in native order, 0 for any other order.
fn channel_mask(layout: &ff::AVChannelLayout) -> u64 {
    if layout.order == ff::AVChannelOrder::AV_CHANNEL_ORDER_NATIVE {
        // SAFETY: in native order the layout's union holds the mask.
        unsafe { layout.u.mask }
    } else {
        0
    }
}

/// Fills `layout` from a mask (native order) or, for mask 0, `nb_channels` channels in an
/// unspecified order.
fn set_layout(env: Env, layout: &mut ff::AVChannelLayout, mask: u64, nb_channels: i32) -> JsResult<()> {
    // SAFETY: `layout` is a valid AVChannelLayout; uninit frees a custom map if it has one.
    unsafe { ff::av_channel_layout_uninit(layout) };
    if mask == 0 {
        layout.order = ff::AVChannelOrder::AV_CHANNEL_ORDER_UNSPEC;
        layout.nb_channels = nb_channels;
        return Ok(());
    }
    // SAFETY: builds a native-order layout in place.
    let r = unsafe { ff::av_channel_layout_from_mask(layout, mask) };
    if r < 0 {
        return Err(errors::ffmpeg_error(env, "Invalid channel layout", r));
    }
    Ok(())
}

/// `(mask, nbChannels)` from arguments `i` and `i + 1`.
fn layout_args(args: &Args, i: usize) -> JsResult<(u64, i32)> {
    let mask = args.integer(i, "mask", 0.0, crate::js::MAX_SAFE_INTEGER)? as u64;
    let nb_channels = args.integer(i + 1, "nbChannels", 0.0, 1024.0)? as i32;
    Ok((mask, nb_channels))
}

/// `codecSetChannelLayout(context, index, mask, nbChannels)`: sets `nbChannels` to match.
pub(crate) fn codec_set_channel_layout(args: &Args) -> JsResult<Value> {
    let (mask, nb_channels) = layout_args(args, 2)?;
    with_codec(args, |c| {
        set_layout(args.env, &mut c.ch_layout, mask, nb_channels)?;
        Ok(args.env.undefined())
    })
}

/// `channelLayoutName(mask, nbChannels)`: FFmpeg's description, e.g. "stereo" or "5.1(side)".
pub(crate) fn channel_layout_name(args: &Args) -> JsResult<Value> {
    let env = args.env;
    let (mask, nb_channels) = layout_args(args, 0)?;
    // SAFETY: a zeroed AVChannelLayout is a valid empty (unspecified, 0 channels) one.
    let mut layout: ff::AVChannelLayout = unsafe { std::mem::zeroed() };
    set_layout(env, &mut layout, mask, nb_channels)?;
    let mut buf = [0 as std::ffi::c_char; 128];
    // SAFETY: writes at most `buf.len()` bytes, NUL-terminated; the layout needs no uninit
    // (native or unspecified order own no memory).
    let r = unsafe { ff::av_channel_layout_describe(&layout, buf.as_mut_ptr(), buf.len()) };
    if r < 0 {
        return Err(errors::ffmpeg_error(env, "Could not describe the channel layout", r));
    }
    super::c_string(env, buf.as_ptr())
}

pub(crate) fn codec_get_extra_data(args: &Args) -> JsResult<Value> {
    with_codec(args, |c| {
        if c.extradata.is_null() || c.extradata_size <= 0 {
            return args.env.array_buffer(&[]);
        }
        // SAFETY: `extradata` holds `extradata_size` bytes.
        args.env.array_buffer(unsafe {
            std::slice::from_raw_parts(c.extradata, c.extradata_size as usize)
        })
    })
}

pub(crate) fn codec_set_extra_data(args: &Args) -> JsResult<Value> {
    let env = args.env;
    let bytes = args.bytes(2, "extraData")?.to_vec();
    with_codec(args, |c| {
        let padding = ff::AV_INPUT_BUFFER_PADDING_SIZE as usize;
        // SAFETY: we replace the parameters' extradata with a fresh, padded av_malloc copy, which
        // avcodec_parameters_free will release with av_free as FFmpeg expects.
        unsafe {
            let data = ff::av_mallocz(bytes.len() + padding).cast::<u8>();
            if data.is_null() {
                return Err(errors::ffmpeg_error(
                    env,
                    "Could not set extra data",
                    errors::averror(errors::libc_errno::ENOMEM),
                ));
            }
            ptr::copy_nonoverlapping(bytes.as_ptr(), data, bytes.len());
            ff::av_freep(ptr::addr_of_mut!(c.extradata).cast());
            c.extradata = data;
            c.extradata_size = bytes.len() as c_int;
        }
        Ok(env.undefined())
    })
}

/// `codecCopy(dst, dstIndex, src, srcIndex)`: copies all codec parameters without decoding.
pub(crate) fn codec_copy(args: &Args) -> JsResult<Value> {
    let env = args.env;
    let src_index = args.integer(3, "source stream index", 0.0, u32::MAX as f64)?;
    let src_slot = Slot::<FormatContext>::from_arg(args, 2)?;
    let dst_index = args.integer(1, "stream index", 0.0, u32::MAX as f64)?;
    let dst_slot = Slot::<FormatContext>::from_arg(args, 0)?;
    let copy = |dst: &FormatContext, src: &FormatContext| -> JsResult<Value> {
        let (d, s) = (dst.stream(env, dst_index)?, src.stream(env, src_index)?);
        // SAFETY: both streams belong to live contexts; copying onto itself is a no-op in FFmpeg.
        let r = unsafe { ff::avcodec_parameters_copy((*d).codecpar, (*s).codecpar) };
        if r < 0 {
            return Err(errors::ffmpeg_error(
                env,
                "Could not copy codec parameters",
                r,
            ));
        }
        Ok(env.undefined())
    };
    if ptr::eq(src_slot, dst_slot) {
        return dst_slot.with(env, |fc| copy(fc, fc));
    }
    dst_slot.with(env, |dst| src_slot.with(env, |src| copy(dst, src)))
}
