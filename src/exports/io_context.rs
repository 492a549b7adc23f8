//! IOContext: made from a buffer or from callbacks, transferred, destroyed.

use crate::error::Result;
use crate::handle::{self, Slot};
use crate::io::callbacks::Callbacks;
use crate::io::context::IoContext;
use crate::io::memory::Memory;
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::Value;

pub fn register(e: &mut Exports) -> Result<()> {
    e.function("ioContextFromBuffer", from_buffer)?;
    e.function("ioContextWithCallbacks", with_callbacks)?;
    e.function("ioContextTransfer", transfer)?;
    e.function("ioContextDestroy", destroy)?;
    e.constants(&[
        ("SEEK_SET", libc::SEEK_SET as f64),
        ("SEEK_CUR", libc::SEEK_CUR as f64),
        ("SEEK_END", libc::SEEK_END as f64),
    ])?;
    e.constants(constants!(AVSEEK_SIZE, AVSEEK_FORCE))
}

/// `ioContextFromBuffer(receiver, view)`: reads the view's memory in place.
fn from_buffer(args: &Args) -> Result<Value> {
    args.with_bytes(1, "buffer", |_| ())?;
    let io = IoContext::with_memory(args.env, Memory::new(args.env, args.value(1)));
    handle::attach(args, 0, io)
}

/// `ioContextWithCallbacks(receiver, size, read, write, seek)`.
fn with_callbacks(args: &Args) -> Result<Value> {
    let size = args.integer(1, "size", 1.0, i32::MAX as f64)? as usize;
    let read = args.optional_function(2, "onread")?;
    let write = args.optional_function(3, "onwrite")?;
    let seek = args.optional_function(4, "onseek")?;
    let callbacks = Callbacks::new(args.env, read, write, seek);
    handle::attach(
        args,
        0,
        IoContext::with_callbacks(args.env, size, callbacks),
    )
}

/// `ioContextTransfer(receiver, from)`: the native context moves to a new handle.
fn transfer(args: &Args) -> Result<Value> {
    let io = Slot::<IoContext>::from_arg(args, 1)?.take()?;
    handle::attach(args, 0, io)
}

/// `ioContextDestroy(io)`: idempotent; a no-op once handed over.
fn destroy(args: &Args) -> Result<Value> {
    Slot::<IoContext>::from_arg(args, 0)?.destroy();
    Ok(args.env.undefined())
}
