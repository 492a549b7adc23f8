//! Packets.

use std::ptr;

use bare_rust::Value;
use ffmpeg_sys_next as ff;

use super::*;
use crate::errors::{self, range_error};
use crate::fields::{self};
use crate::handle::Slot;
use crate::js::{Args, JsResult};
use crate::packet::Packet;

/// `packetCreate(packet)`.
pub(crate) fn packet_create(args: &Args) -> JsResult<Value> {
    attach(args, Packet::new(args.env)?)
}

pub(crate) fn with_packet<R>(
    args: &Args,
    f: impl FnOnce(&mut Packet) -> JsResult<R>,
) -> JsResult<R> {
    Slot::<Packet>::from_arg(args, 0)?.with(args.env, f)
}

pub(crate) fn packet_unref(args: &Args) -> JsResult<Value> {
    with_packet(args, |p| {
        p.unref();
        Ok(args.env.undefined())
    })
}

pub(crate) fn packet_get(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 1, fields::PACKET)?;
    with_packet(args, |p| {
        Ok(get_field(args.env, fields::PACKET, i, p.get()))
    })
}

pub(crate) fn packet_set(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 1, fields::PACKET)?;
    with_packet(args, |p| set_field(args, fields::PACKET, i, 2, p.get_mut()))
}

pub(crate) fn packet_get_rational(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 1, fields::PACKET_RATIONAL)?;
    with_packet(args, |p| {
        rational_out(args, 2, (fields::PACKET_RATIONAL[i].get)(p.get()))
    })
}

pub(crate) fn packet_set_rational(args: &Args) -> JsResult<Value> {
    let i = field_index(args, 1, fields::PACKET_RATIONAL)?;
    with_packet(args, |p| {
        set_rational(args, fields::PACKET_RATIONAL, i, 2, p.get_mut())
    })
}

pub(crate) fn packet_get_data(args: &Args) -> JsResult<Value> {
    with_packet(args, |p| args.env.array_buffer(p.data()))
}

pub(crate) fn packet_set_data(args: &Args) -> JsResult<Value> {
    let bytes = args.bytes(1, "data")?.to_vec();
    with_packet(args, |p| {
        p.set_data(args.env, &bytes)?;
        Ok(args.env.undefined())
    })
}

pub(crate) fn rational_args(args: &Args, first: usize) -> JsResult<ff::AVRational> {
    let num = args.int32(first, "numerator")?;
    let den = args.int32(first + 1, "denominator")?;
    if num <= 0 || den <= 0 {
        return Err(range_error(
            args.env,
            &format!("A time base must be positive, got {num}/{den}"),
        ));
    }
    Ok(ff::AVRational { num, den })
}

pub(crate) fn packet_rescale(args: &Args) -> JsResult<Value> {
    let from = rational_args(args, 1)?;
    let to = rational_args(args, 3)?;
    with_packet(args, |p| {
        // SAFETY: live packet; both time bases are positive.
        unsafe { ff::av_packet_rescale_ts(p.as_ptr(), from, to) };
        Ok(args.env.undefined())
    })
}

pub(crate) fn packet_copy_props(args: &Args) -> JsResult<Value> {
    let env = args.env;
    let src = Slot::<Packet>::from_arg(args, 1)?;
    let dst = Slot::<Packet>::from_arg(args, 0)?;
    if ptr::eq(src, dst) {
        return Ok(env.undefined());
    }
    dst.with(env, |d| {
        src.with(env, |s| {
            // SAFETY: two distinct live packets.
            let r = unsafe { ff::av_packet_copy_props(d.as_ptr(), s.as_ptr()) };
            if r < 0 {
                return Err(errors::ffmpeg_error(
                    env,
                    "Could not copy packet properties",
                    r,
                ));
            }
            Ok(env.undefined())
        })
    })
}
