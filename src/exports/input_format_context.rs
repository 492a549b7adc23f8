//! InputFormatContext: opening (from an IOContext or a URL, synchronously or on a worker), reading
//! packets, seeking, and what the input says about itself.

use std::ffi::c_int;

use crate::error::{Error, Result};
use crate::format::input::{Batch, FastRead, Input, InputContext, Opening, Seek};
use crate::handle::{self, Loan, Slot};
use crate::io::context::IoContext;
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::{Env, FastFn, Scope, Value};
use crate::packet::{Packet, Pooled};
use crate::payload_pool;
use crate::task::{Task, Worker};
use crate::values::ToJs;

use crate::format::lookup;
use crate::io::on_worker::IoOnWorker;
use crate::values::handles::hooks_arg;
use crate::values::options;
use crate::values::text::url_arg;

pub fn register(e: &mut Exports) -> Result<()> {
    e.constants(&[("BARE_FFMPEG_VIEW_STREAMS", VIEW_STREAMS as f64)])?;
    e.function("inputOpen", open)?;
    e.function("inputOpenUrl", open_url)?;
    e.function("inputOpenAsync", open_async)?;
    e.fast_function(
        "inputReadFrame",
        read_frame,
        FastFn::Values3(read_frame_fast),
    )?;
    e.function("inputReadFrameSlow", read_frame)?;
    e.function("inputReadFailure", read_failure)?;
    e.function("inputReadFrameAsync", read_frame_async)?;
    e.function("inputReadBatchAsync", read_batch_async)?;
    e.function("inputSeek", seek)?;
    e.function("inputSeekAsync", seek_async)?;
    e.function("inputBestStream", best_stream)?;
    e.function("inputFormatName", format_name)?;
    e.function("inputDump", dump)?;
    e.function("inputDestroy", destroy)?;
    e.constants(constants!(
        AVSEEK_FLAG_BACKWARD,
        AVSEEK_FLAG_BYTE,
        AVSEEK_FLAG_ANY,
        AVSEEK_FLAG_FRAME,
    ))
}

/// The demuxer named by argument `i` (`undefined`: probe).
fn format_arg(args: &Args, i: usize) -> Result<Option<&'static ffmpeg_sys_next::AVInputFormat>> {
    args.optional_string(i, "format")?
        .map(|name| lookup::find_input(&name))
        .transpose()
}

/// `inputOpen(receiver, io, format?, options?, open?, closed?, url?)`.
fn open(args: &Args) -> Result<Value> {
    let format = format_arg(args, 2)?;
    let options = options::dictionary(args, 3)?;
    let name = url_arg(args, 6, true)?;
    let hooks = hooks_arg(args, 4)?;
    let io = Slot::<IoContext>::from_arg(args, 1)?.take()?;
    let mut opening = Opening::new(Input::Io(io, name), format, options, hooks)?;
    let (r, log) = opening.open();
    let (context, unused) = opening.finish(args.env, r, log)?;
    handle::attach(args, 0, context)?;
    unused.as_slice().to_js(args.env)
}

/// `inputOpenUrl(receiver, url, format?, options?, open?, closed?)`: FFmpeg opens the URL or
/// path itself, or through `onopen` if there is one.
fn open_url(args: &Args) -> Result<Value> {
    let url = url_arg(args, 1, false)?.expect("required");
    let format = format_arg(args, 2)?;
    let options = options::dictionary(args, 3)?;
    let hooks = hooks_arg(args, 4)?;
    let mut opening = Opening::new(Input::Url(url), format, options, hooks)?;
    let (r, log) = opening.open();
    let (context, unused) = opening.finish(args.env, r, log)?;
    handle::attach(args, 0, context)?;
    unused.as_slice().to_js(args.env)
}

/// `inputOpenAsync(io, format?, options?, done, open?, closed?, url?)`: probes on a new worker (which the context then
/// keeps); resolves to the context's handle.
fn open_async(args: &Args) -> Result<Value> {
    let env = args.env;
    let done = args.function(3, "done")?;
    let format = format_arg(args, 1)?;
    let options = options::dictionary(args, 2)?;
    let name = url_arg(args, 6, true)?;
    let hooks = hooks_arg(args, 4)?;
    let io = Slot::<IoContext>::from_arg(args, 0)?.take()?;
    let opening = Opening::new(Input::Io(io, name), format, options, hooks)?;
    let worker = Worker::start(env, done)?;
    let runner = worker.runner();
    let io = IoOnWorker::new::<InputContext>(env, &runner, None);
    runner.run(
        env,
        Open {
            opening,
            io,
            worker,
        },
        done,
    )?;
    Ok(env.undefined())
}

struct Open {
    opening: Opening,
    io: IoOnWorker,
    worker: Worker,
}

impl Task for Open {
    type Output = (c_int, Vec<String>);

    fn compute(&mut self) -> Self::Output {
        self.io.install(&mut self.opening);
        let outcome = self.opening.open();
        self.io.remove(&mut self.opening);
        outcome
    }

    fn resolve(self, env: Env, (r, log): Self::Output) -> Result<Value> {
        let (mut context, unused) = self.opening.finish(env, r, log)?;
        context.common.set_worker(self.worker);
        let result = unused.as_slice().to_js(env)?;
        env.set_named(result, "handle", handle::handle(env, context)?);
        Ok(result)
    }
}

/// `inputReadFrame(context, packet, slab)`: the number of streams, 0 at the end. With `slab` (the
/// pooled memory lib/packet.js holds, passed when the packet's `data` was read since its last
/// read), a small payload moves into it at once, and the result says where, so that `data` needs
/// no call of its own: `-(1 + streams + 65536 * (offset + size * slab.byteLength))`.
fn read_frame(args: &Args) -> Result<Value> {
    let env = args.env;
    let slab = args.value(2);
    let packet = Slot::<Packet>::from_arg(args, 1)?;
    Slot::<InputContext>::from_arg(args, 0)?.with(|input| {
        packet.with(|packet| {
            if !input.read_frame(env, packet)? {
                return Ok(env.number(0.0));
            }
            Ok(env.number(read_result(env, input, packet, slab)))
        })
    })
}

/// The fast path of `inputReadFrame`, for inputs whose reads run no JavaScript (a buffer, no
/// `onopen`): the same result; NaN when it cannot serve the call (lib/input-format-context.js
/// then calls `inputReadFrameSlow`); -Infinity when the read failed (it then calls
/// `inputReadFailure`, which throws the error).
fn read_frame_fast(env: Env, context: Value, packet: Value, slab: Value) -> f64 {
    // A buffer input looks its view up on every read.
    let _scope = Scope::open(env);
    Slot::<InputContext>::fast_with(env, context, |input| {
        Slot::<Packet>::fast_with(env, packet, |packet| {
            Some(match input.read_frame_fast(packet)? {
                FastRead::End => 0.0,
                FastRead::Failed => f64::NEG_INFINITY,
                FastRead::Read => read_result(env, input, packet, slab),
            })
        })
    })
    .flatten()
    .flatten()
    .unwrap_or(f64::NAN)
}

/// `inputReadFailure(context)`: throws the error of the read the fast path could not report.
fn read_failure(args: &Args) -> Result<Value> {
    Slot::<InputContext>::from_arg(args, 0)?.with(|input| input.take_failed_read(args.env))?;
    Ok(args.env.undefined())
}

/// The result of a read that gave a packet (0 means the end): the number of streams the input
/// has now (some demuxers add streams while reading, MPEG-TS for one), or with the payload placed in
/// `slab` (when it is the current slab), `-(1 + streams + 65536 * place)`.
fn read_result(env: Env, input: &InputContext, packet: &mut Packet, slab: Value) -> f64 {
    let streams = input.common.nb_streams();
    if streams < VIEW_STREAMS {
        if let Pooled::At(offset) = packet.pooled_offset(env, slab) {
            let at = offset + packet.get().size as usize * payload_pool::SLAB_SIZE;
            return -((1 + streams + VIEW_STREAMS * at) as f64);
        }
    }
    streams as f64
}

/// How the stream count and a payload's place share `inputReadFrame`'s result (well within the
/// 53 bits of a double: a place is below 2^34). Exported as `BARE_FFMPEG_VIEW_STREAMS` for
/// lib/input-format-context.js, which unpacks it.
const VIEW_STREAMS: usize = 65536;

/// Lends the context in argument 0 to `op`, with its worker and its I/O bridged there.
fn lend(
    args: &Args,
    op: &'static str,
    done: Value,
) -> Result<(Loan<InputContext>, IoOnWorker, crate::task::Runner)> {
    let env = args.env;
    let mut context = Loan::<InputContext>::new(args, 0, op)?;
    let runner = context.common.worker(env, done)?.runner();
    let io = IoOnWorker::new(env, &runner, Some(&context));
    Ok((context, io, runner))
}

/// `inputReadFrameAsync(context, packet, done)`: resolves to the number of streams, 0 at the end.
fn read_frame_async(args: &Args) -> Result<Value> {
    let done = args.function(2, "done")?;
    let packet = Loan::<Packet>::new(args, 1, "readFrameAsync")?;
    let (context, io, runner) = lend(args, "readFrameAsync", done)?;
    runner.run(
        args.env,
        ReadFrame {
            context,
            packet,
            io,
        },
        done,
    )?;
    Ok(args.env.undefined())
}

struct ReadFrame {
    context: Loan<InputContext>,
    packet: Loan<Packet>,
    io: IoOnWorker,
}

impl Task for ReadFrame {
    type Output = (c_int, Vec<String>);

    fn compute(&mut self) -> Self::Output {
        self.io.install(&mut self.context.common);
        let outcome = self.context.read_frame_raw(&mut self.packet);
        self.io.remove(&mut self.context.common);
        outcome
    }

    fn resolve(mut self, env: Env, (r, log): Self::Output) -> Result<Value> {
        let settled = self
            .context
            .common
            .settle(env, "Could not read frame", r, log);
        let streams = self.context.common.nb_streams();
        self.packet.give_back(env);
        if self.context.give_back(env) {
            return Err(destroyed_while("readFrameAsync"));
        }
        Ok(env.number(if settled? >= 0 { streams as f64 } else { 0.0 }))
    }
}

fn destroyed_while(op: &str) -> Error {
    Error::State(format!(
        "The InputFormatContext was destroyed while {op}() was running"
    ))
}

/// `inputReadBatchAsync(context, max, done)`: reads up to `max` packets (and about 4 MiB) in one
/// trip to the worker; resolves to `{ handles, end, error }`: the packets' handles, whether the
/// input ended, and the error that stopped the reading, if any (the packets read before it come
/// with it).
fn read_batch_async(args: &Args) -> Result<Value> {
    let done = args.function(2, "done")?;
    let max = args.integer(1, "max", 1.0, 4096.0)? as usize;
    let (context, io, runner) = lend(args, "readFramesAsync", done)?;
    runner.run(args.env, ReadBatch { context, io, max }, done)?;
    Ok(args.env.undefined())
}

struct ReadBatch {
    context: Loan<InputContext>,
    io: IoOnWorker,
    max: usize,
}

impl Task for ReadBatch {
    type Output = Batch;

    fn compute(&mut self) -> Batch {
        // Bounded in bytes too, so a batch of large video packets stays small in memory.
        const MAX_BYTES: i64 = 4 * 1024 * 1024;
        self.io.install(&mut self.context.common);
        let batch = self.context.read_batch(self.max, MAX_BYTES);
        self.io.remove(&mut self.context.common);
        batch
    }

    fn resolve(mut self, env: Env, batch: Batch) -> Result<Value> {
        let settled =
            self.context
                .common
                .settle(env, "Could not read frame", batch.code, batch.log);
        let streams = self.context.common.nb_streams();
        if self.context.give_back(env) {
            return Err(destroyed_while("for await"));
        }
        let failed = || Error::State("Could not hand over the packets read".into());
        let handles = env.array(batch.packets.len()).ok_or_else(failed)?;
        for (i, packet) in batch.packets.into_iter().enumerate() {
            env.set_element(handles, i as u32, handle::handle(env, packet)?);
        }
        let result = env.object().ok_or_else(failed)?;
        env.set_named(result, "handles", handles);
        env.set_named(result, "end", env.boolean(batch.code < 0));
        env.set_named(result, "streams", env.number(streams as f64));
        if let Err(error) = settled {
            env.set_named(result, "error", error.into_value(env));
        }
        Ok(result)
    }
}

/// `(streamIndex, min, timestamp, max, flags)` from arguments 1 to 5, checked. `min` and `max`
/// may be -Infinity / Infinity: no bound.
fn seek_args(args: &Args) -> Result<Seek> {
    let bound = |i: usize, name: &str| -> Result<i64> {
        match args.number(i, name)? {
            n if n == f64::NEG_INFINITY => Ok(-i64::MAX),
            n if n == f64::INFINITY => Ok(i64::MAX),
            _ => args.int64(i, name),
        }
    };
    let seek = Seek {
        stream: args.int32(1, "streamIndex")?,
        min: bound(2, "min")?,
        timestamp: args.int64(3, "timestamp")?,
        max: bound(4, "max")?,
        flags: args.int32(5, "flags")?,
    };
    if !(seek.min <= seek.timestamp && seek.timestamp <= seek.max) {
        return Err(Error::Range("seek needs min <= timestamp <= max".into()));
    }
    Ok(seek)
}

/// `inputSeek(context, streamIndex, min, timestamp, max, flags)`: FFmpeg's avformat_seek_file.
/// Timestamps are in the stream's time base (microseconds with stream index -1).
fn seek(args: &Args) -> Result<Value> {
    let request = seek_args(args)?;
    Slot::<InputContext>::from_arg(args, 0)?.with(|input| input.seek(args.env, request))?;
    Ok(args.env.undefined())
}

/// `inputSeekAsync(context, streamIndex, min, timestamp, max, flags, done)`.
fn seek_async(args: &Args) -> Result<Value> {
    let done = args.function(6, "done")?;
    let request = seek_args(args)?;
    Slot::<InputContext>::from_arg(args, 0)?.with(|input| input.check_seek(&request))?;
    let (context, io, runner) = lend(args, "seekAsync", done)?;
    runner.run(
        args.env,
        SeekTask {
            context,
            io,
            request,
        },
        done,
    )?;
    Ok(args.env.undefined())
}

struct SeekTask {
    context: Loan<InputContext>,
    io: IoOnWorker,
    request: Seek,
}

impl Task for SeekTask {
    type Output = (c_int, Vec<String>);

    fn compute(&mut self) -> Self::Output {
        self.io.install(&mut self.context.common);
        let outcome = self.context.seek_raw(self.request);
        self.io.remove(&mut self.context.common);
        outcome
    }

    fn resolve(mut self, env: Env, (r, log): Self::Output) -> Result<Value> {
        let settled = self.context.common.settle(env, "Could not seek", r, log);
        if self.context.give_back(env) {
            return Err(destroyed_while("seekAsync"));
        }
        settled?;
        Ok(env.undefined())
    }
}

/// `inputBestStream(context, type)`: FFmpeg's choice of stream of a media type, -1 for none.
fn best_stream(args: &Args) -> Result<Value> {
    let kind = args.int32(1, "type")?;
    Slot::<InputContext>::from_arg(args, 0)?
        .with(|input| Ok(args.env.number(input.best_stream(kind) as f64)))
}

/// `inputFormatName(context)`: the demuxer's short name.
fn format_name(args: &Args) -> Result<Value> {
    let name = Slot::<InputContext>::from_arg(args, 0)?
        .with(|input| Ok(crate::format::lookup::input_format_info(input.format()).name))?;
    name.to_js(args.env)
}

/// `inputDump(context)`: FFmpeg's description of the input, on stderr.
fn dump(args: &Args) -> Result<Value> {
    Slot::<InputContext>::from_arg(args, 0)?.with(|input| {
        input.dump();
        Ok(args.env.undefined())
    })
}

/// `inputDestroy(context)`: idempotent; during an asynchronous operation, cancels it.
fn destroy(args: &Args) -> Result<Value> {
    Slot::<InputContext>::from_arg(args, 0)?.destroy();
    Ok(args.env.undefined())
}
