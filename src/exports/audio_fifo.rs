//! AudioFIFO: a queue of samples, for cutting sound into frames of the size an encoder wants.

use crate::audio_fifo::AudioFifo;
use crate::error::Result;
use crate::frame::Frame;
use crate::handle::{self, Slot};
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::Value;

pub fn register(e: &mut Exports) -> Result<()> {
    e.function("audioFifoCreate", create)?;
    e.function("audioFifoDestroy", destroy)?;
    e.function("audioFifoWrite", write)?;
    e.function("audioFifoRead", read)?;
    e.function("audioFifoDrain", drain)?;
    e.function("audioFifoReset", reset)?;
    e.function("audioFifoSize", size)?;
    e.function("audioFifoSpace", space)
}

fn with_fifo<R>(args: &Args, f: impl FnOnce(&mut AudioFifo) -> Result<R>) -> Result<R> {
    Slot::<AudioFifo>::from_arg(args, 0)?.with(f)
}

/// `audioFifoCreate(receiver, sampleFormat, channels, nbSamples)`.
fn create(args: &Args) -> Result<Value> {
    let fifo = AudioFifo::new(
        args.int32(1, "sampleFormat")?,
        args.int32(2, "channels")?,
        args.int32(3, "nbSamples")?,
    )?;
    handle::attach(args, 0, fifo)
}

fn destroy(args: &Args) -> Result<Value> {
    Slot::<AudioFifo>::from_arg(args, 0)?.destroy();
    Ok(args.env.undefined())
}

/// `audioFifoWrite(fifo, frame)`: the samples queued.
fn write(args: &Args) -> Result<Value> {
    let frame = Slot::<Frame>::from_arg(args, 1)?;
    let n = with_fifo(args, |fifo| frame.with(|f| fifo.write(f)))?;
    Ok(args.env.number(n as f64))
}

/// `audioFifoRead(fifo, frame, nbSamples, peek)`: the samples read.
fn read(args: &Args) -> Result<Value> {
    let count = args.int32(2, "nbSamples")?;
    let peek = args.boolean(3, "peek")?;
    let frame = Slot::<Frame>::from_arg(args, 1)?;
    let n = with_fifo(args, |fifo| frame.with(|f| fifo.read(f, count, peek)))?;
    Ok(args.env.number(n as f64))
}

fn drain(args: &Args) -> Result<Value> {
    let count = args.int32(1, "nbSamples")?;
    with_fifo(args, |fifo| fifo.drain(count))?;
    Ok(args.env.undefined())
}

fn reset(args: &Args) -> Result<Value> {
    with_fifo(args, |fifo| {
        fifo.reset();
        Ok(())
    })?;
    Ok(args.env.undefined())
}

fn size(args: &Args) -> Result<Value> {
    Ok(args.env.number(with_fifo(args, |f| Ok(f.size()))? as f64))
}

fn space(args: &Args) -> Result<Value> {
    Ok(args.env.number(with_fifo(args, |f| Ok(f.space()))? as f64))
}
