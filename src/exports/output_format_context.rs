//! OutputFormatContext: a muxer writing through an IOContext, synchronously or on a worker, with
//! its calls checked against its state (see `format/output.rs`).

use std::ffi::c_int;

use crate::dictionary::Dictionary;
use crate::error::{Error, Result};
use crate::format::output::{Call, OutputContext};
use crate::handle::{self, Loan, Slot};
use crate::io::context::IoContext;
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::{Env, Value};
use crate::packet::Packet;
use crate::task::{Runner, Task};
use crate::values::ToJs;

use crate::format::lookup;
use crate::io::on_worker::IoOnWorker;
use crate::values::handles::hooks_arg;
use crate::values::options;
use crate::values::text::url_arg;

pub fn register(e: &mut Exports) -> Result<()> {
    e.function("outputOpen", open)?;
    e.function("outputCreateStream", create_stream)?;
    e.function("outputWriteHeader", write_header)?;
    e.function("outputWriteFrame", write_frame)?;
    e.function("outputWriteTrailer", write_trailer)?;
    e.function("outputWriteHeaderAsync", write_header_async)?;
    e.function("outputWriteFrameAsync", write_frame_async)?;
    e.function("outputWriteTrailerAsync", write_trailer_async)?;
    e.function("outputDump", dump)?;
    e.function("outputDestroy", destroy)?;
    Ok(())
}

/// `outputOpen(receiver, io?, format, open?, closed?, url?)`: takes the IOContext over (none: a
/// muxer that writes everything through `onopen`).
fn open(args: &Args) -> Result<Value> {
    let format = lookup::find_output(&args.string(2, "format")?)?;
    let url = url_arg(args, 5, true)?;
    let hooks = hooks_arg(args, 3)?;
    let io = if args.is_nullish(1) {
        None
    } else {
        Some(Slot::<IoContext>::from_arg(args, 1)?.take()?)
    };
    let output = OutputContext::new(io, format, hooks, url.as_deref())?;
    handle::attach(args, 0, output)
}

/// `outputCreateStream(context)`: the new stream's index.
fn create_stream(args: &Args) -> Result<Value> {
    Slot::<OutputContext>::from_arg(args, 0)?
        .with(|output| Ok(args.env.number(output.create_stream()? as f64)))
}

/// `outputWriteHeader(context, options)`: muxer options; the names of those nothing used.
fn write_header(args: &Args) -> Result<Value> {
    let options = options::dictionary(args, 1)?;
    let unused = Slot::<OutputContext>::from_arg(args, 0)?
        .with(|output| output.write_header(args.env, options))?;
    unused.as_slice().to_js(args.env)
}

/// `outputWriteFrame(context, packet)`: through FFmpeg's interleaver, which takes the packet's
/// data (the packet is blank after).
fn write_frame(args: &Args) -> Result<Value> {
    let packet = Slot::<Packet>::from_arg(args, 1)?;
    Slot::<OutputContext>::from_arg(args, 0)?
        .with(|output| packet.with(|packet| output.write_frame(args.env, packet)))?;
    Ok(args.env.undefined())
}

fn write_trailer(args: &Args) -> Result<Value> {
    Slot::<OutputContext>::from_arg(args, 0)?.with(|output| output.write_trailer(args.env))?;
    Ok(args.env.undefined())
}

/// Checks `call` against the context's state, then lends the context to `op` with its worker.
fn lend(
    args: &Args,
    call: Call,
    op: &'static str,
    done: Value,
) -> Result<(Loan<OutputContext>, IoOnWorker, Runner)> {
    let env = args.env;
    Slot::<OutputContext>::from_arg(args, 0)?.with(|output| output.check(call))?;
    let mut context = Loan::<OutputContext>::new(args, 0, op)?;
    let runner = context.common.worker(env, done)?.runner();
    let io = IoOnWorker::new(env, &runner, Some(&context));
    Ok((context, io, runner))
}

/// What a write on the worker does.
enum Write {
    Header(Dictionary),
    Frame(Loan<Packet>),
    Trailer,
}

struct WriteTask {
    context: Loan<OutputContext>,
    io: IoOnWorker,
    write: Write,
    op: &'static str,
}

impl Task for WriteTask {
    type Output = (c_int, Vec<String>);

    fn compute(&mut self) -> Self::Output {
        self.io.install(&mut self.context.common);
        let outcome = match &mut self.write {
            Write::Header(options) => self.context.write_header_raw(options),
            Write::Frame(packet) => self.context.write_frame_raw(packet),
            Write::Trailer => self.context.write_trailer_raw(),
        };
        self.io.remove(&mut self.context.common);
        outcome
    }

    fn resolve(mut self, env: Env, (r, log): Self::Output) -> Result<Value> {
        let doing = match &self.write {
            Write::Header(_) => "Could not write header",
            Write::Frame(_) => "Could not write frame",
            Write::Trailer => "Could not write trailer",
        };
        let settled = match &self.write {
            Write::Header(_) => self.context.settle_header(env, r, log),
            _ => self.context.common.settle(env, doing, r, log),
        };
        let unused = match self.write {
            Write::Header(options) => options.unused("muxer"),
            Write::Frame(packet) => {
                packet.give_back(env);
                Ok(Vec::new())
            }
            Write::Trailer => Ok(Vec::new()),
        };
        if self.context.give_back(env) {
            return Err(Error::State(format!(
                "The OutputFormatContext was destroyed while {}() was running",
                self.op
            )));
        }
        settled?;
        unused?.as_slice().to_js(env)
    }
}

fn write_async(
    args: &Args,
    call: Call,
    op: &'static str,
    done_arg: usize,
    write: impl FnOnce() -> Result<Write>,
) -> Result<Value> {
    let done = args.function(done_arg, "done")?;
    let write = write()?;
    let (context, io, runner) = lend(args, call, op, done)?;
    runner.run(
        args.env,
        WriteTask {
            context,
            io,
            write,
            op,
        },
        done,
    )?;
    Ok(args.env.undefined())
}

/// `outputWriteHeaderAsync(context, options, done)`.
fn write_header_async(args: &Args) -> Result<Value> {
    write_async(args, Call::WriteHeader, "writeHeaderAsync", 2, || {
        let options = options::dictionary(args, 1)?;
        Slot::<OutputContext>::from_arg(args, 0)?.with(|output| {
            output.check(Call::WriteHeader)?;
            output.check_options(&options)
        })?;
        Ok(Write::Header(options))
    })
}

/// `outputWriteFrameAsync(context, packet, done)`.
fn write_frame_async(args: &Args) -> Result<Value> {
    write_async(args, Call::WriteFrame, "writeFrameAsync", 2, || {
        Ok(Write::Frame(Loan::<Packet>::new(
            args,
            1,
            "writeFrameAsync",
        )?))
    })
}

/// `outputWriteTrailerAsync(context, done)`.
fn write_trailer_async(args: &Args) -> Result<Value> {
    write_async(args, Call::WriteTrailer, "writeTrailerAsync", 1, || {
        Ok(Write::Trailer)
    })
}

fn dump(args: &Args) -> Result<Value> {
    Slot::<OutputContext>::from_arg(args, 0)?.with(|output| {
        output.dump();
        Ok(args.env.undefined())
    })
}

/// `outputDestroy(context)`: idempotent; during an asynchronous operation, cancels it.
fn destroy(args: &Args) -> Result<Value> {
    Slot::<OutputContext>::from_arg(args, 0)?.destroy();
    Ok(args.env.undefined())
}
