//! Packet: fields, payload (a view of the packet's own buffer, or a copy), timestamps.

use ffmpeg_sys_next as ff;

use crate::error::Result;
use crate::fields;
use crate::handle::{self, Slot};
use crate::js::args::{field_integer, Args};
use crate::js::export::Exports;
use crate::js::sys::{Env, FastFn, Value};
use crate::packet::{Packet, Pooled};
use crate::payload_pool;

use crate::av::EnumName;
use crate::values::fields::{field_index, set_field};
use crate::values::rational::{rational_out, rational_value, set_rational};
use crate::values::side_data;

pub fn register(e: &mut Exports) -> Result<()> {
    e.names("packetFields", &fields::names(fields::PACKET))?;
    e.names(
        "packetRationalFields",
        &fields::rational_names(fields::PACKET_RATIONAL),
    )?;
    e.function("packetCreate", create)?;
    e.function("packetDestroy", destroy)?;
    e.fast_function("packetUnref", unref, FastFn::Value(unref_fast))?;
    e.function("packetUnrefSlow", unref)?;
    e.fast_function("packetGet", get, FastFn::ValueInt(get_fast))?;
    e.function("packetGetSlow", get)?;
    e.fast_function("packetSet", set, FastFn::ValueIntNumber(set_fast))?;
    e.function("packetSetSlow", set)?;
    e.function("packetGetRational", get_rational)?;
    e.function("packetSetRational", set_rational_field)?;
    e.function("packetDataView", data_view)?;
    e.function("packetNewSlab", new_slab)?;
    e.function("packetCopyData", copy_data)?;
    e.function("packetSetData", set_data)?;
    e.function("packetRescale", rescale)?;
    e.function("packetCopyProps", copy_props)?;
    e.function("packetMove", take_from)?;
    e.function("packetGetSideData", get_side_data)?;
    e.function("packetSetSideData", set_side_data)?;
    e.function("packetSideDataName", side_data_name)?;
    e.constants(constants!(
        AV_PKT_FLAG_KEY,
        AV_PKT_FLAG_CORRUPT,
        AV_PKT_FLAG_DISCARD,
        AV_PKT_FLAG_TRUSTED,
        AV_PKT_FLAG_DISPOSABLE,
    ))?;
    e.constants(crate::av::PACKET_SIDE_DATA_TYPES)?;
    e.constants(enum_constants!(AVPacketSideDataType: AV_PKT_DATA_NB))
}

fn with_packet<R>(args: &Args, f: impl FnOnce(&mut Packet) -> Result<R>) -> Result<R> {
    Slot::<Packet>::from_arg(args, 0)?.with(f)
}

/// `packetCreate(receiver)`.
fn create(args: &Args) -> Result<Value> {
    handle::attach(args, 0, Packet::new()?)
}

fn destroy(args: &Args) -> Result<Value> {
    Slot::<Packet>::from_arg(args, 0)?.destroy();
    Ok(args.env.undefined())
}

/// `packetUnref(packet)`: 0 (NaN from the fast path when it cannot: lib/packet.js then calls
/// `packetUnrefSlow`, which says why).
fn unref(args: &Args) -> Result<Value> {
    with_packet(args, |p| {
        p.unref();
        Ok(args.env.number(0.0))
    })
}

fn unref_fast(env: Env, packet: Value) -> f64 {
    Slot::<Packet>::fast_with(env, packet, |p| {
        p.unref();
        0.0
    })
    .unwrap_or(f64::NAN)
}

/// `packetGet(packet, field)`: the field's value (NaN from the fast path when it cannot, as
/// `packetUnref`).
fn get(args: &Args) -> Result<Value> {
    let field = &fields::PACKET[field_index(args, 1, fields::PACKET)?];
    with_packet(args, |p| Ok(args.env.number((field.get)(p.get()) as f64)))
}

fn get_fast(env: Env, packet: Value, field: i32) -> f64 {
    let Some(field) = packet_field(field) else {
        return f64::NAN;
    };
    Slot::<Packet>::fast_with(env, packet, |p| (field.get)(p.get()) as f64).unwrap_or(f64::NAN)
}

/// The packet field at index `i` (a fast path's argument, unchecked until here).
fn packet_field(i: i32) -> Option<&'static fields::Field<ff::AVPacket>> {
    fields::PACKET.get(usize::try_from(i).ok()?)
}

/// `packetSet(packet, field, value)`: 0 (NaN from the fast path when it cannot, a value out of
/// range say: lib/packet.js then calls `packetSetSlow`, which says why).
fn set(args: &Args) -> Result<Value> {
    let field = &fields::PACKET[field_index(args, 1, fields::PACKET)?];
    with_packet(args, |p| set_field(args, field, 2, p.get_mut()))?;
    Ok(args.env.number(0.0))
}

fn set_fast(env: Env, packet: Value, field: i32, value: f64) -> f64 {
    let Some(field) = packet_field(field) else {
        return f64::NAN;
    };
    let (Some(set), Some(value)) = (field.set, field_integer(value, field.wide)) else {
        return f64::NAN;
    };
    // Packet fields' setters cannot fail on an integer in range; one that did would have
    // changed nothing, and the slow path would say why.
    Slot::<Packet>::fast_with(env, packet, |p| match set(p.get_mut(), value) {
        Ok(()) => 0.0,
        Err(_) => f64::NAN,
    })
    .unwrap_or(f64::NAN)
}

fn get_rational(args: &Args) -> Result<Value> {
    let field = &fields::PACKET_RATIONAL[field_index(args, 1, fields::PACKET_RATIONAL)?];
    let r = with_packet(args, |p| Ok((field.get)(p.get())))?;
    rational_out(args, 2, r)
}

fn set_rational_field(args: &Args) -> Result<Value> {
    let field = &fields::PACKET_RATIONAL[field_index(args, 1, fields::PACKET_RATIONAL)?];
    let value = rational_value(args, field, 2)?;
    with_packet(args, |p| set_rational(field, p.get_mut(), value))?;
    Ok(args.env.undefined())
}

/// `packetDataView(packet, slab)`: where `packet.data` is, for lib/packet.js. A number for a
/// small payload in `slab` (the pooled memory JavaScript holds): `offset + size *
/// slab.byteLength`; -1 when `slab` has no room for it (JavaScript takes `packetNewSlab()` and
/// asks again); otherwise an ArrayBuffer over the payload's own memory (no copy; it keeps the
/// payload alive by its own reference, so it outlives `unref()` and `destroy()`).
fn data_view(args: &Args) -> Result<Value> {
    let env = args.env;
    let slab = args.value(1);
    with_packet(args, |p| match p.pooled_offset(env, slab) {
        Pooled::At(offset) => {
            let size = p.get().size as usize;
            Ok(env.number((offset + size * payload_pool::SLAB_SIZE) as f64))
        }
        Pooled::NoRoom => Ok(env.number(-1.0)),
        Pooled::Apart => p
            .data_arraybuffer(env)
            .ok_or_else(|| crate::error::Error::out_of_memory("Could not expose packet data")),
    })
}

/// `packetNewSlab()`: a new slab of pooled memory for small payloads (see `payload_pool`).
fn new_slab(args: &Args) -> Result<Value> {
    payload_pool::new_slab(args.env)
        .ok_or_else(|| crate::error::Error::out_of_memory("Could not allocate pooled memory"))
}

/// `packetCopyData(packet)`: a copy of the payload in a new ArrayBuffer.
fn copy_data(args: &Args) -> Result<Value> {
    with_packet(args, |p| {
        args.env
            .arraybuffer_copy(p.data())
            .ok_or_else(|| crate::error::Error::out_of_memory("Could not copy packet data"))
    })
}

/// `packetSetData(packet, bytes)`: the payload becomes a copy of `bytes`.
fn set_data(args: &Args) -> Result<Value> {
    let bytes = args.with_bytes(1, "data", |b| b.to_vec())?;
    with_packet(args, |p| p.set_data(&bytes))?;
    Ok(args.env.undefined())
}

/// `packetRescale(packet, fromNum, fromDen, toNum, toDen)`: pts, dts and duration.
fn rescale(args: &Args) -> Result<Value> {
    let from = args.rational(1, "the source time base", true)?;
    let to = args.rational(3, "the destination time base", true)?;
    with_packet(args, |p| {
        p.rescale_ts(from, to);
        Ok(args.env.undefined())
    })
}

/// `packetCopyProps(dst, src)`.
fn copy_props(args: &Args) -> Result<Value> {
    let src = Slot::<Packet>::from_arg(args, 1)?;
    let dst = Slot::<Packet>::from_arg(args, 0)?;
    if std::ptr::eq(src, dst) {
        return Ok(args.env.undefined());
    }
    dst.with(|d| src.with(|s| d.copy_props_from(s)))?;
    Ok(args.env.undefined())
}

/// `packetMove(dst, src)`: everything `src` holds moves into `dst`; `src` is left blank.
fn take_from(args: &Args) -> Result<Value> {
    let src = Slot::<Packet>::from_arg(args, 1)?;
    let dst = Slot::<Packet>::from_arg(args, 0)?;
    if std::ptr::eq(src, dst) {
        return Ok(args.env.undefined());
    }
    dst.with(|d| {
        src.with(|s| {
            d.take_from(s);
            Ok(())
        })
    })?;
    Ok(args.env.undefined())
}

/// `packetGetSideData(packet)`: [{ type, name, data }] (copies).
fn get_side_data(args: &Args) -> Result<Value> {
    with_packet(args, |p| {
        let entries = p
            .side_data()
            .into_iter()
            .map(|(k, b)| (k as i32, b))
            .collect();
        side_data::to_array(args.env, entries, EnumName::PacketSideData)
    })
}

/// `packetSetSideData(packet, [type, bytes, ...])`: replaces the side data.
fn set_side_data(args: &Args) -> Result<Value> {
    let entries = side_data::from_array(args, 1, crate::av::packet_side_data_type, "packet")?;
    with_packet(args, |p| p.set_side_data(&entries))?;
    Ok(args.env.undefined())
}

/// `packetSideDataName(type)`.
fn side_data_name(args: &Args) -> Result<Value> {
    side_data::name(args, EnumName::PacketSideData)
}
