//! The `...Async` operations: the same FFmpeg calls as the synchronous ones, run on the format
//! context's worker thread while the JavaScript thread keeps running.
//!
//! An operation lends its objects (the format context, and the packet if any) to the worker: they
//! leave their slots, so any other use meanwhile is a clear "busy" error, and come back when the
//! operation completes on the JavaScript thread, where its callback `done(error, value)` is
//! called (lib/ turns that into a Promise). `destroy()` during the operation cancels its I/O
//! callbacks and frees the objects once the worker has let go of them.

use std::ffi::c_int;

use bare_rust::{Ref, Value};
use ffmpeg_sys_next as ff;

use crate::bridge::Bridge;
use crate::dictionary::Dictionary;
use crate::errors::{error, ffmpeg_error, range_error, type_error};
use crate::format::{FormatContext, Input, OpeningInput};
use crate::handle::{self, Lent, Slot};
use crate::io::IoContext;
use crate::js::{raw, Args, Env, JsResult};
use crate::packet::Packet;
use crate::worker::{Runner, SendBox, Tsfn};

/// What the worker's FFmpeg call produced: its result and the options nothing consumed.
pub struct Outcome {
    code: c_int,
    leftover: Vec<String>,
    /// Packets read by a batch read, in order.
    packets: Vec<Packet>,
}

impl From<c_int> for Outcome {
    fn from(code: c_int) -> Self {
        Self {
            code,
            leftover: Vec::new(),
            packets: Vec::new(),
        }
    }
}

/// Turns an operation's outcome into its value, on the JavaScript thread.
type Settle = Box<dyn FnOnce(Env, Outcome) -> JsResult<Value>>;

/// JavaScript-thread state of an operation, carried through the worker untouched.
struct Completion {
    name: &'static str,
    done: Ref,
    // Keep the handles (and so their slots) alive until the objects are given back.
    _handles: Vec<Ref>,
    context_slot: *const Slot<FormatContext>,
    packet_slot: Option<*const Slot<Packet>>,
    tsfn: Tsfn,
    settle: Settle,
}

struct Operation {
    context: Lent<FormatContext>,
    packet: Option<Lent<Packet>>,
    completion: Completion,
}

/// Starts `name` on the context in argument 0 (and the packet in `packet_arg`), with `done` in
/// the last argument. `work` runs on the worker; `result` turns its outcome into the value.
fn start(
    args: &Args,
    name: &'static str,
    packet_arg: Option<usize>,
    done_arg: usize,
    work: impl FnOnce(&mut FormatContext, Option<&mut Packet>) -> Outcome + Send + 'static,
    settle: Settle,
) -> JsResult<Value> {
    let env = args.env;
    let done = function_arg(args, done_arg)?;
    let context_slot = Slot::<FormatContext>::from_arg(args, 0)?;
    let packet_slot = packet_arg
        .map(|i| Slot::<Packet>::from_arg(args, i))
        .transpose()?;
    let mut context = context_slot.lend(env, name)?;
    let packet = match packet_slot.map(|slot| slot.lend(env, name)).transpose() {
        Ok(packet) => packet,
        Err(e) => {
            context_slot.give_back(context);
            return Err(e);
        }
    };
    let runner = match context.runner(env) {
        Ok(runner) => (runner.tsfn(), runner.sender()),
        Err(e) => {
            context_slot.give_back(context);
            if let (Some(slot), Some(packet)) = (packet_slot, packet) {
                slot.give_back(packet);
            }
            return Err(e);
        }
    };
    let (tsfn, jobs) = runner;
    let bridge = Bridge::new(tsfn);
    if let Some(io) = context.io_mut() {
        io.set_bridge(Some(bridge.clone()));
    }
    // Destroying stops the callbacks; the loop must then stay up until the worker lets go.
    context_slot.on_destroy(move || {
        bridge.cancel();
        tsfn.keep_alive(env, true);
    });
    tsfn.keep_alive(env, true);

    let mut handles = vec![Ref::new(&env.js(), args.value(0))];
    if let Some(i) = packet_arg {
        handles.push(Ref::new(&env.js(), args.value(i)));
    }
    let operation = SendBox(Operation {
        context,
        packet,
        completion: Completion {
            name,
            done: Ref::new(&env.js(), done),
            _handles: handles,
            context_slot,
            packet_slot: packet_slot.map(|s| s as *const _),
            tsfn,
            settle,
        },
    });
    let job = move || {
        let mut op = operation.into_inner();
        let outcome = work(&mut op.context, op.packet.as_deref_mut());
        let back = SendBox((op, outcome));
        tsfn.post(Box::new(move |env| {
            let (op, outcome) = back.into_inner();
            complete(env, op, outcome);
        }));
    };
    let _ = jobs.send(Box::new(job));
    Ok(env.undefined())
}

/// Back on the JavaScript thread: gives the objects back and settles the operation.
fn complete(env: Env, op: Operation, outcome: Outcome) {
    let Operation {
        mut context,
        packet,
        completion,
    } = op;
    let failure = context.io_mut().and_then(|io| {
        io.set_bridge(None);
        io.take_failure()
    });
    completion.tsfn.keep_alive(env, false);
    // SAFETY: `_handles` keeps both handles, and so their slots, alive.
    let context_slot = unsafe { &*completion.context_slot };
    let destroyed = context_slot.give_back(context);
    if let (Some(slot), Some(packet)) = (completion.packet_slot, packet) {
        // SAFETY: as above.
        unsafe { &*slot }.give_back(packet);
    }
    let settled = if destroyed {
        Err(error(
            env,
            &format!(
                "The format context was destroyed while {}() was running",
                completion.name
            ),
        ))
    } else if let Some(failure) = failure {
        Err(failure)
    } else {
        (completion.settle)(env, outcome)
    };
    let (error_value, value) = match settled {
        Ok(value) => (raw(bare_rust::Null::new(&env.js()).into()), raw(value)),
        Err(e) => (raw(e), raw(env.undefined())),
    };
    // An exception thrown by `done` itself is reported by the runtime as uncaught.
    let _ = env.call(
        raw(completion.done.get::<Value>()),
        &mut [error_value, value],
    );
}

fn function_arg(args: &Args, i: usize) -> JsResult<Value> {
    let value = args.raw(i);
    if !matches!(
        args.env.type_of(value),
        bare_rust_ffi::js_value_type_t::js_function
    ) {
        return Err(type_error(args.env, "Expected a callback function"));
    }
    Ok(args.value(i))
}

fn check(env: Env, doing: &str, outcome: &Outcome) -> JsResult<()> {
    if outcome.code < 0 && outcome.code != ff::AVERROR_EOF {
        return Err(ffmpeg_error(env, doing, outcome.code));
    }
    if !outcome.leftover.is_empty() {
        return Err(range_error(
            env,
            &format!("Unknown muxer option: {}", outcome.leftover.join(", ")),
        ));
    }
    Ok(())
}

fn input_only(env: Env, fc: &FormatContext) -> JsResult<()> {
    if fc.is_output() {
        return Err(type_error(env, "This operation needs an input context"));
    }
    Ok(())
}

/// `formatReadFrameAsync(context, packet, done)`: done(null, true | false at the end).
pub fn read_frame(args: &Args) -> JsResult<Value> {
    Slot::<FormatContext>::from_arg(args, 0)?.with(args.env, |fc| input_only(args.env, fc))?;
    start(
        args,
        "readFrameAsync",
        Some(1),
        2,
        |fc, packet| {
            let packet = packet.expect("lent with the operation");
            packet.unref();
            // SAFETY: an open input and a blank packet, both lent to this worker.
            unsafe { ff::av_read_frame(fc.as_ptr(), packet.as_ptr()) }.into()
        },
        Box::new(|env, outcome| {
            check(env, "Could not read frame", &outcome)?;
            Ok(env.boolean(outcome.code >= 0))
        }),
    )
}

/// `formatReadFramesAsync(context, max, receiver, done)`: reads up to `max` packets (and about
/// 4 MiB) in one trip
/// to the worker (what `for await` uses: one round trip per packet would cost more than the
/// reading). Each packet's handle goes to `receiver`; done(error, more): `more` is false at the
/// end. An error after some packets is reported with them: those packets still arrive.
pub fn read_frames(args: &Args) -> JsResult<Value> {
    let env = args.env;
    Slot::<FormatContext>::from_arg(args, 0)?.with(env, |fc| input_only(env, fc))?;
    let max = args.integer(1, "max", 1.0, 4096.0)? as usize;
    let receiver = Ref::new(&env.js(), function_arg(args, 2)?);
    start(
        args,
        "readFramesAsync",
        None,
        3,
        move |fc, _| {
            // Bounded in bytes too, so a batch of large video packets stays small in memory.
            const MAX_BYTES: i64 = 4 * 1024 * 1024;
            let mut outcome = Outcome::from(0);
            let mut bytes = 0i64;
            while outcome.packets.len() < max && bytes < MAX_BYTES {
                let Ok(packet) = Packet::alloc() else {
                    outcome.code = crate::errors::averror(crate::errors::libc_errno::ENOMEM);
                    break;
                };
                // SAFETY: an open input lent to this worker and a fresh packet.
                let r = unsafe { ff::av_read_frame(fc.as_ptr(), packet.as_ptr()) };
                if r < 0 {
                    outcome.code = r;
                    break;
                }
                bytes += packet.get().size as i64;
                outcome.packets.push(packet);
            }
            outcome
        },
        Box::new(move |env, mut outcome| {
            let packets = std::mem::take(&mut outcome.packets);
            for packet in packets {
                handle::attach_to(env, raw(receiver.get::<Value>()), packet)?;
            }
            check(env, "Could not read frame", &outcome)?;
            Ok(env.boolean(outcome.code >= 0))
        }),
    )
}

/// `formatSeekAsync(context, streamIndex, min, timestamp, max, flags, done)`.
pub fn seek(args: &Args) -> JsResult<Value> {
    let env = args.env;
    let (index, min, timestamp, max, flags) = crate::exports::seek_args(args)?;
    Slot::<FormatContext>::from_arg(args, 0)?.with(env, |fc| {
        input_only(env, fc)?;
        if index != -1 {
            fc.stream(env, index as i64)?;
        }
        Ok(())
    })?;
    start(
        args,
        "seekAsync",
        None,
        6,
        move |fc, _| {
            // SAFETY: an open input lent to this worker; arguments checked above.
            unsafe { ff::avformat_seek_file(fc.as_ptr(), index, min, timestamp, max, flags) }.into()
        },
        Box::new(|env, outcome| {
            check(env, "Could not seek", &outcome)?;
            Ok(env.undefined())
        }),
    )
}

fn output_only(args: &Args) -> JsResult<()> {
    Slot::<FormatContext>::from_arg(args, 0)?.with(args.env, |fc| {
        if !fc.is_output() {
            return Err(type_error(
                args.env,
                "This operation needs an output context",
            ));
        }
        Ok(())
    })
}

/// `formatWriteHeaderAsync(context, options, done)`.
pub fn write_header(args: &Args) -> JsResult<Value> {
    output_only(args)?;
    let options = SendBox(crate::exports::options(args, 1)?);
    start(
        args,
        "writeHeaderAsync",
        None,
        2,
        move |fc, _| {
            let mut options: Dictionary = options.into_inner();
            // SAFETY: a muxer lent to this worker; FFmpeg consumes the options it uses.
            let code = unsafe { ff::avformat_write_header(fc.as_ptr(), options.as_mut_ptr()) };
            // (The dictionary is freed here, on the worker: it holds no JavaScript value.)
            Outcome {
                leftover: options.leftover_keys(),
                ..Outcome::from(code)
            }
        },
        Box::new(|env, outcome| {
            check(env, "Could not write header", &outcome)?;
            Ok(env.undefined())
        }),
    )
}

/// `formatWriteFrameAsync(context, packet, done)`.
pub fn write_frame(args: &Args) -> JsResult<Value> {
    output_only(args)?;
    start(
        args,
        "writeFrameAsync",
        Some(1),
        2,
        |fc, packet| {
            let packet = packet.expect("lent with the operation");
            // SAFETY: a muxer and a packet lent to this worker.
            unsafe { ff::av_interleaved_write_frame(fc.as_ptr(), packet.as_ptr()) }.into()
        },
        Box::new(|env, outcome| {
            check(env, "Could not write frame", &outcome)?;
            Ok(env.undefined())
        }),
    )
}

/// `formatWriteTrailerAsync(context, done)`.
pub fn write_trailer(args: &Args) -> JsResult<Value> {
    output_only(args)?;
    start(
        args,
        "writeTrailerAsync",
        None,
        1,
        |fc, _| {
            // SAFETY: a muxer lent to this worker.
            unsafe { ff::av_write_trailer(fc.as_ptr()) }.into()
        },
        Box::new(|env, outcome| {
            check(env, "Could not write trailer", &outcome)?;
            Ok(env.undefined())
        }),
    )
}

/// `inputOpenAsync(receiver, io, format?, options?, done)`: opens on a new worker; on success
/// hands the context's handle to `receiver`, then calls done(null).
pub fn input_open(args: &Args) -> JsResult<Value> {
    let env = args.env;
    let receiver = function_arg(args, 0)?;
    let done = function_arg(args, 4)?;
    let io_slot = Slot::<IoContext>::from_arg(args, 1)?;
    let format = crate::exports::input_format_arg(args, 2)?;
    let options = crate::exports::options(args, 3)?;
    let anchor =
        crate::bridge::caller().ok_or_else(|| error(env, "async operations are not set up"))?;
    let runner = Runner::new(env, anchor)?;
    let io = io_slot.take(env)?;
    let mut opening = OpeningInput::new(env, Input::Io(io), format, options)?;
    let tsfn = runner.tsfn();
    let bridge = Bridge::new(tsfn);
    if let Some(io) = opening.io_mut() {
        io.set_bridge(Some(bridge));
    }
    tsfn.keep_alive(env, true);
    let jobs = runner.sender();
    let state = SendBox((
        opening,
        runner,
        Ref::new(&env.js(), receiver),
        Ref::new(&env.js(), done),
    ));
    let job = move || {
        let (mut opening, runner, receiver, done) = state.into_inner();
        let r = opening.open();
        let back = SendBox((opening, runner, receiver, done));
        tsfn.post(Box::new(move |env| {
            let (mut opening, runner, receiver, done) = back.into_inner();
            if let Some(io) = opening.io_mut() {
                io.set_bridge(None);
            }
            tsfn.keep_alive(env, false);
            let settled = opening.finish(env, r).and_then(|(mut context, options)| {
                crate::exports::check_leftover(env, &options, "demuxer")?;
                context.set_runner(runner);
                handle::attach_to(env, raw(receiver.get::<Value>()), context)
            });
            let error_value = match settled {
                Ok(()) => raw(bare_rust::Null::new(&env.js()).into()),
                Err(e) => raw(e),
            };
            let _ = env.call(raw(done.get::<Value>()), &mut [error_value]);
        }));
    };
    let _ = jobs.send(Box::new(job));
    Ok(env.undefined())
}
