//! HWDeviceContext, and frames moved between hardware and software memory.

use crate::av;
use crate::codec::CodecContext;
use crate::error::Result;
use crate::frame::Frame;
use crate::handle::{self, Slot};
use crate::hw::{self, HwDevice};
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::Value;
use crate::values::ToJs;

use crate::values::handles::two_frames;

pub fn register(e: &mut Exports) -> Result<()> {
    e.function("hwDeviceCreate", create)?;
    e.function("hwDeviceDestroy", destroy)?;
    e.function("hwDeviceTypes", types)?;
    e.function("codecContextSetHwDevice", set_codec_device)?;
    e.function("frameIsHardware", is_hardware)?;
    e.function("frameTransferData", transfer)?;
    e.function("frameHwMap", map)?;
    e.constants(av::HW_DEVICE_TYPES)?;
    e.constants(enum_constants!(
        AV_HWFRAME_MAP_READ,
        AV_HWFRAME_MAP_WRITE,
        AV_HWFRAME_MAP_OVERWRITE,
        AV_HWFRAME_MAP_DIRECT,
    ))
}

/// `hwDeviceCreate(receiver, type, device?)`.
fn create(args: &Args) -> Result<Value> {
    let kind = args.int32(1, "type")?;
    let device = args.optional_string(2, "device")?;
    handle::attach(args, 0, HwDevice::new(kind, device.as_deref())?)
}

fn destroy(args: &Args) -> Result<Value> {
    Slot::<HwDevice>::from_arg(args, 0)?.destroy();
    Ok(args.env.undefined())
}

/// `hwDeviceTypes()`: the names of the device types this build carries.
fn types(args: &Args) -> Result<Value> {
    hw::types().as_slice().to_js(args.env)
}

/// `codecContextSetHwDevice(context, device)`.
fn set_codec_device(args: &Args) -> Result<Value> {
    let device = Slot::<HwDevice>::from_arg(args, 1)?;
    Slot::<CodecContext>::from_arg(args, 0)?.with(|c| device.with(|d| c.set_hw_device(d)))?;
    Ok(args.env.undefined())
}

fn is_hardware(args: &Args) -> Result<Value> {
    let hw = Slot::<Frame>::from_arg(args, 0)?.with(|f| Ok(!f.get().hw_frames_ctx.is_null()))?;
    Ok(args.env.boolean(hw))
}

/// `frameTransferData(target, source)`.
fn transfer(args: &Args) -> Result<Value> {
    let (source, target) = two_frames(args, (1, "source"), (0, "target"))?;
    target.with(|t| source.with(|s| hw::transfer(t, s, None)))?;
    Ok(args.env.undefined())
}

/// `frameHwMap(target, source, flags)`.
fn map(args: &Args) -> Result<Value> {
    let flags = args.int32(2, "flags")?;
    let (source, target) = two_frames(args, (1, "source"), (0, "target"))?;
    target.with(|t| source.with(|s| hw::transfer(t, s, Some(flags))))?;
    Ok(args.env.undefined())
}
