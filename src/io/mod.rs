//! `IoContext`: one AVIOContext, its buffer, and the source or sink behind it.
//!
//! Ownership: an `IoContext` owns its AVIOContext, the AVIOContext's current buffer (which FFmpeg
//! may have swapped or reallocated since we allocated it: we free `avio->buffer`, never the pointer
//! we handed over) and the boxed `IoState` that FFmpeg's callbacks receive as `opaque`. `Drop` frees
//! all three. A format context that is given an `IoContext` takes it over and drops it after
//! closing the format context, so FFmpeg never sees a freed AVIOContext.

mod callbacks;
mod memory;

use std::ffi::{c_int, c_void};
use std::ptr;

use bare_rust::{Ref, Value};
use ffmpeg_sys_next as ff;

use crate::errors::{
    averror, ffmpeg_error_with,
    libc_errno::{ENOMEM, ENOSYS},
};
use std::sync::Arc;

use crate::bridge::{Bridge, Request};
use crate::handle::Native;
use crate::js::{raw, Env, JsResult};

pub use callbacks::Callbacks;
pub use memory::Memory;

/// Where the bytes come from or go to.
pub enum Source {
    Memory(Memory),
    Callbacks(Callbacks),
}

/// What FFmpeg's callbacks see through `opaque`.
pub struct IoState {
    env: Env,
    source: Source,
    /// The first error raised by a callback during the current operation (an exception thrown by
    /// JavaScript, or our error for an invalid result). The operation that triggered the callback
    /// throws it; FFmpeg itself only sees `AVERROR_EXTERNAL`, which its AVIO keeps as sticky.
    failure: Option<Ref>,
    /// Bytes delivered to FFmpeg so far; tells an empty input apart from an unreadable one.
    pub bytes_read: u64,
    /// Set while an async operation runs FFmpeg on a worker: callbacks go through it.
    bridge: Option<Arc<Bridge>>,
}

pub struct IoContext {
    /// Null until a format context first uses it (see `open`).
    avio: *mut ff::AVIOContext,
    size: usize,
    // Raw, not `Box`: FFmpeg holds this pointer as `opaque` and callbacks reach the state through
    // it while the owning `IoContext` is borrowed by the running operation.
    state: *mut IoState,
}

impl Native for IoContext {
    const KIND: u32 = 0xbaff_0000 + 1;
    const NAME: &'static str = "IOContext";
    const DESTROYED: &'static str =
        "IOContext has been destroyed or handed over (to transfer() or a format context)";

    fn native_size(&self) -> i64 {
        if self.avio.is_null() {
            return 256;
        }
        // The AVIO buffer (whatever FFmpeg reallocated it to) plus the context itself.
        // SAFETY: `avio` is live while `self` is.
        unsafe { (*self.avio).buffer_size as i64 + 1024 }
    }
}

/// The AVIO buffer size for a memory source: FFmpeg's own default.
const MEMORY_BUFFER_SIZE: usize = 32 * 1024;

impl IoContext {
    pub fn with_memory(env: Env, memory: Memory) -> JsResult<Self> {
        Self::new(env, MEMORY_BUFFER_SIZE, Source::Memory(memory))
    }

    pub fn with_callbacks(env: Env, size: usize, callbacks: Callbacks) -> JsResult<Self> {
        Self::new(env, size, Source::Callbacks(callbacks))
    }

    fn new(env: Env, size: usize, source: Source) -> JsResult<Self> {
        let state = Box::into_raw(Box::new(IoState {
            env,
            source,
            failure: None,
            bytes_read: 0,
            bridge: None,
        }));
        Ok(Self {
            avio: ptr::null_mut(),
            size,
            state,
        })
    }

    /// The AVIOContext, created on first use, for reading or for writing. An IOContext that is
    /// never given to a format context never allocates its buffer.
    pub fn open(&mut self, env: Env, writing: bool) -> JsResult<*mut ff::AVIOContext> {
        if !self.avio.is_null() {
            return Ok(self.avio);
        }
        let size = self.size;
        let out_of_memory = || {
            ffmpeg_error_with(
                env,
                &format!("Could not allocate a {size}-byte I/O buffer"),
                averror(ENOMEM),
            )
        };
        let seek = match &self.state().source {
            Source::Memory(_) => true,
            Source::Callbacks(c) => c.can_seek(),
        };
        // SAFETY: plain allocation; `size` was checked to fit a C int when the context was made.
        let buffer = unsafe { ff::av_malloc(size) }.cast::<u8>();
        if buffer.is_null() {
            return Err(out_of_memory());
        }
        // SAFETY: `buffer` holds `size` bytes; `state` outlives the AVIOContext (Drop frees the
        // AVIOContext first); the callbacks match FFmpeg's signatures.
        let avio = unsafe {
            ff::avio_alloc_context(
                buffer,
                size as c_int,
                writing as c_int,
                self.state.cast::<c_void>(),
                (!writing).then_some(trampolines::read as _),
                writing.then_some(trampolines::write as _),
                seek.then_some(trampolines::seek as _),
            )
        };
        if avio.is_null() {
            // SAFETY: allocated above; nothing else refers to it.
            unsafe { ff::av_free(buffer.cast()) };
            return Err(out_of_memory());
        }
        self.avio = avio;
        Ok(avio)
    }

    pub fn can_read(&self) -> bool {
        match &self.state().source {
            Source::Memory(_) => true,
            Source::Callbacks(c) => c.can_read(),
        }
    }

    pub fn can_write(&self) -> bool {
        match &self.state().source {
            Source::Memory(_) => false,
            Source::Callbacks(c) => c.can_write(),
        }
    }

    pub fn bytes_read(&self) -> u64 {
        self.state().bytes_read
    }

    /// Routes the callbacks through `bridge` (an async operation starts) or back to direct calls.
    pub fn set_bridge(&mut self, bridge: Option<Arc<Bridge>>) {
        self.state_mut().bridge = bridge;
    }

    /// The error a callback raised during the operation that just returned, if any.
    pub fn take_failure(&mut self) -> Option<Value> {
        self.state_mut().failure.take().map(|r| r.get::<Value>())
    }

    /// Calls the read callback exactly as FFmpeg would, for tests: (result, bytes produced).
    pub fn call_read(&mut self, len: usize) -> (c_int, Vec<u8>) {
        let mut buf = vec![0u8; len];
        // SAFETY: `state` is ours and no FFmpeg operation is running (`&mut self`); `buf` holds
        // `len` bytes.
        let r = unsafe { trampolines::read(self.state.cast(), buf.as_mut_ptr(), len as c_int) };
        buf.truncate(r.max(0) as usize);
        (r, buf)
    }

    /// Calls the write callback exactly as FFmpeg would, for tests.
    pub fn call_write(&mut self, bytes: &mut [u8]) -> c_int {
        // SAFETY: as in `call_read`.
        unsafe { trampolines::write(self.state.cast(), bytes.as_ptr(), bytes.len() as c_int) }
    }

    /// Calls the seek callback exactly as FFmpeg would (FORCE bit and all), for tests.
    pub fn call_seek(&mut self, offset: i64, whence: c_int) -> i64 {
        // SAFETY: as in `call_read`.
        unsafe { trampolines::seek(self.state.cast(), offset, whence) }
    }

    fn state(&self) -> &IoState {
        // SAFETY: `state` is valid from `new` until `drop`, and no callback runs while the owner
        // is not running an FFmpeg operation.
        unsafe { &*self.state }
    }

    fn state_mut(&mut self) -> &mut IoState {
        // SAFETY: as in `state`; `&mut self` means no FFmpeg operation is running on it.
        unsafe { &mut *self.state }
    }
}

impl Drop for IoContext {
    fn drop(&mut self) {
        // SAFETY: we own the AVIOContext (if it was created) and its current buffer (FFmpeg may
        // have replaced the one we allocated, so free `avio->buffer`); after that nothing refers
        // to `state`.
        unsafe {
            if !self.avio.is_null() {
                ff::av_freep(ptr::addr_of_mut!((*self.avio).buffer).cast());
                ff::avio_context_free(&mut self.avio);
            }
            drop(Box::from_raw(self.state));
        }
    }
}

impl IoState {
    /// Records a callback's failure (keeping the first) and gives FFmpeg its error code.
    pub fn fail(&mut self, error: Value) -> c_int {
        if self.failure.is_none() {
            self.failure = Some(Ref::new(&self.env.js(), error));
        }
        ff::AVERROR_EXTERNAL
    }

    fn read(&mut self, buf: &mut [u8]) -> c_int {
        let result = match &mut self.source {
            Source::Memory(m) => Ok(m.read(self.env, buf)),
            Source::Callbacks(c) => c.read(self.env, buf),
        };
        self.settle_read(result)
    }

    /// A read's result as FFmpeg wants it: 0 bytes is the end of the input.
    fn settle_read(&mut self, result: JsResult<usize>) -> c_int {
        match result {
            Ok(0) => ff::AVERROR_EOF,
            Ok(n) => {
                self.bytes_read += n as u64;
                n as c_int
            }
            Err(e) => self.fail(e),
        }
    }

    fn write(&mut self, buf: &[u8]) -> c_int {
        let result = match &mut self.source {
            Source::Memory(_) => Ok(averror(ENOSYS)),
            Source::Callbacks(c) => c.write(self.env, buf),
        };
        result.unwrap_or_else(|e| self.fail(e))
    }

    fn seek(&mut self, offset: i64, whence: c_int) -> i64 {
        let whence = without_force(whence);
        let result = match &mut self.source {
            Source::Memory(m) => Ok(m.seek(self.env, offset, whence)),
            Source::Callbacks(c) => c.seek(self.env, offset, whence),
        };
        result.unwrap_or_else(|e| self.fail(e) as i64)
    }

    /// Async path, on the JavaScript thread: the callback and arguments serving `request`, or
    /// the result itself when no JavaScript is needed (a buffer source).
    pub fn prepare(&mut self, env: Env, request: Request) -> JsResult<Prepared> {
        let Source::Callbacks(callbacks) = &mut self.source else {
            return Ok(Prepared::Done(self.serve_inline(request)));
        };
        let undefined = raw(env.undefined());
        Ok(match request {
            Request::Read { len, .. } => {
                let (f, [a, b]) = callbacks.read_call(env, len)?;
                Prepared::Call(f, a, b)
            }
            Request::Write { buf, len } => {
                // SAFETY: the worker waits while this request is served; `buf` holds `len` bytes.
                let bytes = unsafe { std::slice::from_raw_parts(buf, len) };
                let (f, [a]) = callbacks.write_call(env, bytes)?;
                Prepared::Call(f, a, undefined)
            }
            Request::Seek { offset, whence } => {
                let (f, [a, b]) = callbacks.seek_call(env, offset, without_force(whence))?;
                Prepared::Call(f, a, b)
            }
        })
    }

    /// Async path: what the callback gave (after its Promise settled), as FFmpeg's result.
    pub fn finish(&mut self, env: Env, request: Request, value: crate::js::Raw) -> i64 {
        let Source::Callbacks(callbacks) = &mut self.source else {
            return averror(ENOSYS) as i64;
        };
        match request {
            Request::Read { buf, len } => {
                // SAFETY: the worker waits while this request is served; FFmpeg gave `len`
                // writable bytes at `buf`.
                let buf = unsafe { std::slice::from_raw_parts_mut(buf, len) };
                let result = callbacks.read_finish(env, value, buf);
                self.settle_read(result) as i64
            }
            Request::Write { len, .. } => match callbacks.write_finish(env, value, len) {
                Ok(n) => n as i64,
                Err(e) => self.fail(e) as i64,
            },
            Request::Seek { .. } => match callbacks.seek_finish(env, value) {
                Ok(position) => position,
                Err(e) => self.fail(e) as i64,
            },
        }
    }

    /// A buffer source serves requests itself, on the JavaScript thread (its memory is a
    /// JavaScript value, looked up there).
    fn serve_inline(&mut self, request: Request) -> i64 {
        match request {
            Request::Read { buf, len } => {
                // SAFETY: as in `finish`.
                let buf = unsafe { std::slice::from_raw_parts_mut(buf, len) };
                self.read(buf) as i64
            }
            Request::Write { .. } => averror(ENOSYS) as i64,
            Request::Seek { offset, whence } => self.seek(offset, whence),
        }
    }
}

/// FFmpeg may OR AVSEEK_FORCE into `whence`; it is a hint we have no use for.
fn without_force(whence: c_int) -> c_int {
    whence & !(ff::AVSEEK_FORCE as c_int)
}

/// How a request is served on the JavaScript thread.
pub enum Prepared {
    /// Call this function with these arguments (through `callAsync`).
    Call(Value, crate::js::Raw, crate::js::Raw),
    /// Already served; FFmpeg's result.
    Done(i64),
}

/// The `extern "C"` functions FFmpeg calls. Each turns `opaque` back into the `IoState`.
mod trampolines {
    use super::IoState;
    use crate::bridge::Request;
    use std::ffi::{c_int, c_void};

    // SAFETY (all three): `opaque` is the `IoState` pointer given to avio_alloc_context, valid
    // until the AVIOContext is freed; FFmpeg calls these one at a time, from inside one
    // operation, so no other reference to the state is in use. On the JavaScript thread they
    // call JavaScript directly; on a worker (an async operation installed a bridge) they hand the
    // request to the JavaScript thread and wait. A callback that fails after another failed does
    // not call JavaScript again.

    pub unsafe extern "C" fn read(opaque: *mut c_void, buf: *mut u8, size: c_int) -> c_int {
        let state = unsafe { &mut *opaque.cast::<IoState>() };
        if state.failure.is_some() {
            return ffmpeg_sys_next::AVERROR_EXTERNAL;
        }
        let len = size.max(0) as usize;
        if let Some(bridge) = state.bridge.clone() {
            return bridge.call(state, Request::Read { buf, len }) as c_int;
        }
        // SAFETY: FFmpeg hands `size` writable bytes at `buf` (contents unspecified; we only
        // write into them, never expose them).
        let buf = unsafe { std::slice::from_raw_parts_mut(buf, len) };
        state.read(buf)
    }

    pub unsafe extern "C" fn write(opaque: *mut c_void, buf: *const u8, size: c_int) -> c_int {
        let state = unsafe { &mut *opaque.cast::<IoState>() };
        if state.failure.is_some() {
            return ffmpeg_sys_next::AVERROR_EXTERNAL;
        }
        if let Some(bridge) = state.bridge.clone() {
            let len = size.max(0) as usize;
            return bridge.call(state, Request::Write { buf, len }) as c_int;
        }
        // SAFETY: FFmpeg hands `size` initialised bytes at `buf`.
        let buf = unsafe { std::slice::from_raw_parts(buf, size.max(0) as usize) };
        state.write(buf)
    }

    pub unsafe extern "C" fn seek(opaque: *mut c_void, offset: i64, whence: c_int) -> i64 {
        let state = unsafe { &mut *opaque.cast::<IoState>() };
        if state.failure.is_some() {
            return ffmpeg_sys_next::AVERROR_EXTERNAL as i64;
        }
        if let Some(bridge) = state.bridge.clone() {
            return bridge.call(state, Request::Seek { offset, whence });
        }
        state.seek(offset, whence)
    }
}
