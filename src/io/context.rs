//! `IoContext`: one AVIOContext, its buffer, and the source or sink behind it.
//!
//! Ownership: an `IoContext` owns its AVIOContext, the AVIOContext's current buffer (which FFmpeg
//! may have swapped or reallocated since we allocated it: we free `avio->buffer`, never the
//! pointer we handed over) and the boxed `IoState` that FFmpeg's callbacks receive as `opaque`.
//! `Drop` frees all three. A format context given an `IoContext` takes it over and drops it after
//! closing itself, so FFmpeg never sees a freed AVIOContext.

use std::ffi::{c_int, c_void};
use std::ptr;
use std::sync::Arc;

use ffmpeg_sys_next as ff;

use crate::error::{Error, Result};
use crate::handle::{Kind, Native};
use crate::io::bridge::Bridge;
use crate::io::callbacks::Callbacks;
use crate::io::memory::Memory;
use crate::io::source::{IoState, Request, Source};
use crate::js::sys::{Env, Reference};

pub struct IoContext {
    /// Null until a format context first uses it (see `open`).
    avio: *mut ff::AVIOContext,
    size: usize,
    // Raw, not `Box`: FFmpeg holds this pointer as `opaque` and callbacks reach the state through
    // it while the owning `IoContext` is borrowed by the running operation.
    opaque: *mut Opaque,
    /// The error that broke FFmpeg's AVIOContext (its error is sticky: no I/O happens on it any
    /// more), thrown again by every later call that fails because of it.
    broken: Option<Reference>,
}

// SAFETY: an IoContext is used by one thread at a time: the JavaScript thread, or the worker of
// the format context that owns it while an operation is lent there. Its JavaScript references
// (callbacks, the buffer view, `broken`) are only used on the JavaScript thread: callbacks that
// FFmpeg makes on the worker are carried there by the bridge, and the context is always given
// back to the JavaScript thread before it is dropped.
unsafe impl Send for IoContext {}

impl Native for IoContext {
    const KIND: Kind = Kind::IoContext;
    const NAME: &'static str = "IOContext";

    fn destroyed() -> String {
        "The IOContext has been destroyed or handed over (to transfer() or a format context)".into()
    }

    fn native_size(&self) -> i64 {
        if self.avio.is_null() {
            return 256;
        }
        // The AVIO buffer (whatever FFmpeg reallocated it to) plus the context itself.
        // SAFETY: `avio` is live while `self` is.
        unsafe { (*self.avio).buffer_size as i64 + 1024 }
    }
}

/// What FFmpeg's callbacks get as `opaque`: the source's state, and the bridge to the JavaScript
/// thread while an asynchronous operation runs FFmpeg on a worker.
struct Opaque {
    state: IoState,
    bridge: Option<Arc<Bridge>>,
}

/// The AVIO buffer size for a memory source: FFmpeg's own default.
const MEMORY_BUFFER_SIZE: usize = 32 * 1024;

impl IoContext {
    pub fn with_memory(env: Env, memory: Memory) -> Self {
        Self::new(env, MEMORY_BUFFER_SIZE, Source::Memory(memory))
    }

    pub fn with_callbacks(env: Env, size: usize, callbacks: Callbacks) -> Self {
        Self::new(env, size, Source::Callbacks(callbacks))
    }

    fn new(env: Env, size: usize, source: Source) -> Self {
        Self {
            avio: ptr::null_mut(),
            size,
            opaque: Box::into_raw(Box::new(Opaque {
                state: IoState::new(env, source),
                bridge: None,
            })),
            broken: None,
        }
    }

    /// The AVIOContext, created on first use, for reading or for writing. An IOContext that is
    /// never given to a format context never allocates its buffer.
    pub fn open(&mut self, writing: bool) -> Result<*mut ff::AVIOContext> {
        if !self.avio.is_null() {
            return Ok(self.avio);
        }
        let size = self.size;
        let out_of_memory =
            || Error::out_of_memory(&format!("Could not allocate a {size}-byte I/O buffer"));
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
                self.opaque.cast::<c_void>(),
                (!writing).then_some(read as _),
                writing.then_some(write as _),
                Some(seek_trampoline as _),
            )
        };
        if avio.is_null() {
            // SAFETY: allocated above; nothing else refers to it.
            unsafe { ff::av_free(buffer.cast()) };
            return Err(out_of_memory());
        }
        // Without `onseek` FFmpeg is told the input is a stream, so that demuxers do not try to
        // seek; the seek callback stays, so that a seek FFmpeg still needs is noticed (and
        // refused) rather than failing out of sight.
        if !self.state().can_seek() {
            // SAFETY: the context was just created; FFmpeg reads this flag.
            unsafe { (*avio).seekable = 0 };
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

    pub fn can_seek(&self) -> bool {
        self.state().can_seek()
    }

    /// Whether reading runs no JavaScript: the input is a buffer, not callbacks.
    pub fn is_memory(&self) -> bool {
        matches!(self.state().source, crate::io::source::Source::Memory(_))
    }

    pub fn bytes_read(&self) -> u64 {
        self.state().bytes_read
    }

    /// Whether FFmpeg wanted to seek during the last operation and had no `onseek` to ask.
    pub fn take_seek_refused(&mut self) -> bool {
        std::mem::take(&mut self.state_mut().seek_refused)
    }

    /// No callback reaches JavaScript any more (FFmpeg gets an error at once): for a nested
    /// IOContext whose format context is being freed, possibly by the garbage collector.
    pub fn silence(&mut self) {
        let state = self.state_mut();
        if state.failure.is_none() {
            state.failure = Some(Error::State("The IOContext is being closed".into()));
        }
    }

    /// Routes the callbacks through `bridge` (an async operation starts) or back to direct calls.
    pub fn set_bridge(&mut self, bridge: Option<Arc<Bridge>>) {
        self.opaque_mut().bridge = bridge;
    }

    /// After an FFmpeg call that may have run the callbacks: the error to report, if any.
    ///
    /// A callback's own error comes first (as the JavaScript value it is). But when the call
    /// itself succeeded although a read or write callback failed during it (a demuxer returns a
    /// packet it had buffered), its result is delivered and the error waits for the next call,
    /// which FFmpeg fails: nothing read before the failure is lost. Once FFmpeg's AVIOContext is
    /// broken (its error is sticky), every later failing call throws that same error again.
    /// Whether a callback failed during the call that just ran.
    pub fn has_failure(&self) -> bool {
        self.state().failure.is_some()
    }

    pub fn settle(&mut self, env: Env, failed: bool) -> Option<Error> {
        let avio_broken = !self.avio.is_null() && {
            // SAFETY: live AVIOContext; reads its sticky error.
            unsafe { (*self.avio).error != 0 }
        };
        if self.state().failure.is_some() {
            if !failed && avio_broken {
                return None; // delivered next time
            }
            let failure = self.state_mut().failure.take()?;
            if !avio_broken {
                return Some(failure);
            }
            let value = failure.into_value(env);
            self.broken = Some(Reference::strong(env, value));
            return Some(Error::Thrown(Reference::strong(env, value)));
        }
        if failed && avio_broken {
            if let Some(value) = self.broken.as_ref().and_then(Reference::get) {
                return Some(Error::Thrown(Reference::strong(env, value)));
            }
        }
        None
    }

    fn state(&self) -> &IoState {
        // SAFETY: `opaque` is valid from `new` until `drop`; no callback runs while the owner is
        // not running an FFmpeg operation.
        unsafe { &(*self.opaque).state }
    }

    fn opaque_mut(&mut self) -> &mut Opaque {
        // SAFETY: as in `state`; `&mut self` means no FFmpeg operation is running on it.
        unsafe { &mut *self.opaque }
    }

    fn state_mut(&mut self) -> &mut IoState {
        &mut self.opaque_mut().state
    }
}

impl Drop for IoContext {
    fn drop(&mut self) {
        // We own the AVIOContext (if it was created) and its current buffer (FFmpeg may have
        // replaced the one we allocated, so free `avio->buffer`); after that nothing refers to
        // `state`.
        if !self.avio.is_null() {
            // SAFETY: as above.
            let buffer = unsafe { ptr::addr_of_mut!((*self.avio).buffer) };
            // SAFETY: as above.
            unsafe { ff::av_freep(buffer.cast()) };
            // SAFETY: as above.
            unsafe { ff::avio_context_free(&mut self.avio) };
        }
        // SAFETY: as above.
        drop(unsafe { Box::from_raw(self.opaque) });
    }
}

// The functions FFmpeg calls. Each turns `opaque` back into the `Opaque`.
//
// SAFETY (all three): `opaque` is the `Opaque` pointer given to avio_alloc_context, valid until
// the AVIOContext is freed; FFmpeg calls these one at a time, from inside one operation, so no
// other reference to the state is in use. On the JavaScript thread they call JavaScript directly.
// On a worker (an async operation installed a bridge) they hand the request to the JavaScript
// thread and wait, holding no reference to the state meanwhile: the JavaScript thread serves the
// request through the raw pointer. After a callback failed, none calls JavaScript again in that
// operation.

/// How a callback is served.
enum Route {
    /// An earlier callback of this operation failed: FFmpeg gets an error at once.
    Failed,
    /// Through the bridge to the JavaScript thread.
    Bridge(Arc<Bridge>, *mut IoState),
    /// Directly, on this (the JavaScript) thread.
    Direct,
}

/// # Safety
/// `opaque` is the `Opaque` FFmpeg passed to a callback (see the SAFETY note above).
unsafe fn route(opaque: *mut Opaque) -> Route {
    // SAFETY: see above; the reference ends within this function.
    let this = unsafe { &mut *opaque };
    if this.state.failure.is_some() {
        return Route::Failed;
    }
    match this.bridge.clone() {
        Some(bridge) => Route::Bridge(bridge, ptr::addr_of_mut!(this.state)),
        None => Route::Direct,
    }
}

unsafe extern "C" fn read(opaque: *mut c_void, buf: *mut u8, size: c_int) -> c_int {
    let opaque = opaque.cast::<Opaque>();
    let len = size.max(0) as usize;
    // SAFETY: `opaque` as FFmpeg gave it (the note above).
    match unsafe { route(opaque) } {
        Route::Failed => ff::AVERROR_EXTERNAL,
        Route::Bridge(bridge, state) => bridge.call(state, Request::Read { buf, len }) as c_int,
        Route::Direct => {
            // SAFETY: FFmpeg hands `size` writable bytes at `buf` (contents unspecified: we only
            // write into them, never expose them).
            let buf = unsafe { std::slice::from_raw_parts_mut(buf, len) };
            // SAFETY: the only reference to the state while FFmpeg's call lasts (the note above).
            unsafe { &mut (*opaque).state }.read(buf)
        }
    }
}

unsafe extern "C" fn write(opaque: *mut c_void, buf: *const u8, size: c_int) -> c_int {
    let opaque = opaque.cast::<Opaque>();
    let len = size.max(0) as usize;
    // SAFETY: `opaque` as FFmpeg gave it (the note above).
    match unsafe { route(opaque) } {
        Route::Failed => ff::AVERROR_EXTERNAL,
        Route::Bridge(bridge, state) => bridge.call(state, Request::Write { buf, len }) as c_int,
        Route::Direct => {
            // SAFETY: FFmpeg hands `size` initialised bytes at `buf`.
            let buf = unsafe { std::slice::from_raw_parts(buf, len) };
            // SAFETY: the only reference to the state while FFmpeg's call lasts (the note above).
            unsafe { &mut (*opaque).state }.write(buf)
        }
    }
}

unsafe extern "C" fn seek_trampoline(opaque: *mut c_void, offset: i64, whence: c_int) -> i64 {
    let opaque = opaque.cast::<Opaque>();
    // SAFETY: `opaque` as FFmpeg gave it (the note above).
    match unsafe { route(opaque) } {
        Route::Failed => ff::AVERROR_EXTERNAL as i64,
        Route::Bridge(bridge, state) => bridge.call(state, Request::Seek { offset, whence }),
        // SAFETY: the only reference to the state while FFmpeg's call lasts (the note above).
        Route::Direct => unsafe { &mut (*opaque).state }.seek(offset, whence),
    }
}
