//! BitstreamFilter: a filter (or a chain) over encoded packets: `h264_mp4toannexb`,
//! `aac_adtstoasc`, `setts`, ... Configured with a stream's parameters and time base, then
//! `sendPacket`/`receivePacket` as a codec.

use crate::bsf::{self, Bsf};
use crate::convert_batch;
use crate::error::Result;
use crate::handle::{self, Slot};
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::Value;
use crate::packet::Packet;
use crate::values::handles::{with_parameters_at, Access};
use crate::values::rational::rational_out;
use crate::values::ToJs;

pub fn register(e: &mut Exports) -> Result<()> {
    e.function("bsfCreate", create)?;
    e.function("bsfDestroy", destroy)?;
    e.function("bsfNames", names)?;
    e.function("bsfName", name)?;
    e.function("bsfSetInputParameters", set_input_parameters)?;
    e.function("bsfGetOutputParameters", get_output_parameters)?;
    e.function("bsfGetTimeBase", get_time_base)?;
    e.function("bsfSetTimeBaseIn", set_time_base_in)?;
    e.function("bsfInit", init)?;
    e.function("bsfIsInitialized", is_initialized)?;
    e.function("bsfSendPacket", send_packet)?;
    e.function("bsfReceivePacket", receive_packet)?;
    e.function("bsfReset", reset)?;
    e.function("bsfFilterAsync", filter_async)
}

fn with_bsf<R>(args: &Args, f: impl FnOnce(&mut Bsf) -> Result<R>) -> Result<R> {
    Slot::<Bsf>::from_arg(args, 0)?.with(f)
}

/// `bsfCreate(receiver, description)`: a filter by name, or a chain as `ffmpeg -bsf` takes it.
fn create(args: &Args) -> Result<Value> {
    let bsf = Bsf::new(&args.string(1, "name")?)?;
    handle::attach(args, 0, bsf)
}

fn destroy(args: &Args) -> Result<Value> {
    Slot::<Bsf>::from_arg(args, 0)?.destroy();
    Ok(args.env.undefined())
}

/// `bsfNames()`: every bitstream filter of the build.
fn names(args: &Args) -> Result<Value> {
    bsf::names().as_slice().to_js(args.env)
}

/// `bsfName(bsf)`: the filter's name ("bsf_list" for a chain).
fn name(args: &Args) -> Result<Value> {
    with_bsf(args, |b| Ok(b.name()))?.as_str().to_js(args.env)
}

/// `bsfSetInputParameters(bsf, parametersHandle, streamIndex)`.
fn set_input_parameters(args: &Args) -> Result<Value> {
    let bsf = Slot::<Bsf>::from_arg(args, 0)?;
    with_parameters_at(args, 1, Access::Read, |p| {
        bsf.with(|b| b.set_input_parameters(p))
    })?;
    Ok(args.env.undefined())
}

/// `bsfGetOutputParameters(bsf, parametersHandle, streamIndex)`: the parameters (an output
/// stream's, say) take the filter's output parameters.
fn get_output_parameters(args: &Args) -> Result<Value> {
    let bsf = Slot::<Bsf>::from_arg(args, 0)?;
    with_parameters_at(args, 1, Access::ChangeStreams("codecParameters"), |p| {
        bsf.with(|b| b.output_parameters_into(p))
    })?;
    Ok(args.env.undefined())
}

/// `bsfGetTimeBase(bsf, output, out)`: the input (false) or output (true) time base.
fn get_time_base(args: &Args) -> Result<Value> {
    let output = args.boolean(1, "output")?;
    let r = with_bsf(args, |b| {
        Ok(if output {
            b.time_base_out()
        } else {
            b.time_base_in()
        })
    })?;
    rational_out(args, 2, r)
}

/// `bsfSetTimeBaseIn(bsf, num, den)`.
fn set_time_base_in(args: &Args) -> Result<Value> {
    let time_base = args.rational(1, "timeBase", true)?;
    with_bsf(args, |b| b.set_time_base_in(time_base))?;
    Ok(args.env.undefined())
}

fn init(args: &Args) -> Result<Value> {
    with_bsf(args, Bsf::init)?;
    Ok(args.env.undefined())
}

fn is_initialized(args: &Args) -> Result<Value> {
    let ready = with_bsf(args, |b| Ok(b.state() != bsf::State::New))?;
    Ok(args.env.boolean(ready))
}

/// `bsfSendPacket(bsf, packet?)`: no packet is the flush.
fn send_packet(args: &Args) -> Result<Value> {
    let sent = if args.is_nullish(1) {
        with_bsf(args, |b| b.send_packet(None))?
    } else {
        let packet = Slot::<Packet>::from_arg(args, 1)?;
        with_bsf(args, |b| packet.with(|p| b.send_packet(Some(p))))?
    };
    Ok(args.env.boolean(sent))
}

/// `bsfReceivePacket(bsf, packet)`.
fn receive_packet(args: &Args) -> Result<Value> {
    let packet = Slot::<Packet>::from_arg(args, 1)?;
    let got = with_bsf(args, |b| packet.with(|p| b.receive_packet(p)))?;
    Ok(args.env.boolean(got))
}

fn reset(args: &Args) -> Result<Value> {
    with_bsf(args, |b| {
        b.reset();
        Ok(())
    })?;
    Ok(args.env.undefined())
}

/// `bsfFilterAsync(bsf, packets, done)`: a batch of packets (a null entry: the flush) on the
/// filter's queue of the worker pool; resolves to the new packets' handles.
fn filter_async(args: &Args) -> Result<Value> {
    convert_batch::start::<Bsf>(args, 1, (), "filterAsync")
}
