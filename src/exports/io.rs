//! IOContext: creating, transferring, destroying, and the test hooks that run one callback.

use bare_rust::Value;

use crate::errors::type_error;
use crate::handle::{self, Native, Slot};
use crate::io::{Callbacks, IoContext, Memory};
use crate::js::{Args, JsResult};

/// `ioFromBuffer(io, view)`.
pub(crate) fn io_from_buffer(args: &Args) -> JsResult<Value> {
    args.bytes(1, "buffer")?;
    let io = IoContext::with_memory(args.env, Memory::new(args.env, args.value(1)))?;
    attach(args, io)
}

/// Makes argument 0, a fresh object of our class, own `value`.
pub(crate) fn attach<T: Native>(args: &Args, value: T) -> JsResult<Value> {
    handle::attach(args, 0, value)?;
    Ok(args.env.undefined())
}

/// `ioWithCallbacks(io, size, read, write, seek)`.
pub(crate) fn io_with_callbacks(args: &Args) -> JsResult<Value> {
    let size = args.integer(1, "size", 1.0, i32::MAX as f64)? as usize;
    let function = |i: usize, name: &str| -> JsResult<Option<Value>> {
        if args.is_undefined(i) {
            return Ok(None);
        }
        let value = args.raw(i);
        if !matches!(
            args.env.type_of(value),
            bare_rust_ffi::js_value_type_t::js_function
        ) {
            return Err(type_error(
                args.env,
                &format!(
                    "{name} must be a function, got {}",
                    args.env.describe(value)
                ),
            ));
        }
        Ok(Some(args.value(i)))
    };
    let callbacks = Callbacks::new(
        args.env,
        function(2, "onread")?,
        function(3, "onwrite")?,
        function(4, "onseek")?,
    );
    attach(args, IoContext::with_callbacks(args.env, size, callbacks)?)
}

/// `ioTransfer(to, from)`.
pub(crate) fn io_transfer(args: &Args) -> JsResult<Value> {
    let io = Slot::<IoContext>::from_arg(args, 1)?.take(args.env)?;
    attach(args, io)
}

// Test hooks: run one I/O callback as FFmpeg would, outside any demuxer, so tests can reach
// every `whence` and every result check directly. A callback failure is thrown; otherwise the
// FFmpeg-facing result comes back.

pub(crate) fn with_io<R>(args: &Args, f: impl FnOnce(&mut IoContext) -> R) -> JsResult<R> {
    Slot::<IoContext>::from_arg(args, 0)?.with(args.env, |io| {
        let result = f(io);
        match io.take_failure() {
            Some(failure) => Err(failure),
            None => Ok(result),
        }
    })
}

/// `ioCallRead(io, len)`: the bytes read, or FFmpeg's (negative) result.
pub(crate) fn io_call_read(args: &Args) -> JsResult<Value> {
    let len = args.integer(1, "len", 0.0, i32::MAX as f64)? as usize;
    let (r, bytes) = with_io(args, |io| io.call_read(len))?;
    if r < 0 {
        return Ok(args.env.number(r as f64));
    }
    args.env.array_buffer(&bytes)
}

pub(crate) fn io_call_write(args: &Args) -> JsResult<Value> {
    let mut bytes = args.bytes(1, "data")?.to_vec();
    let r = with_io(args, |io| io.call_write(&mut bytes))?;
    Ok(args.env.number(r as f64))
}

pub(crate) fn io_call_seek(args: &Args) -> JsResult<Value> {
    let offset = args.int64(1, "offset")?;
    let whence = args.int32(2, "whence")?;
    let r = with_io(args, |io| io.call_seek(offset, whence))?;
    Ok(args.env.number(r as f64))
}
