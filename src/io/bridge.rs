//! I/O callbacks of an operation running on a worker thread.
//!
//! FFmpeg calls our AVIO callbacks on the worker. With a bridge installed, each callback posts its
//! request to the JavaScript thread and blocks until it is answered: the JavaScript callback runs
//! there, through `callAsync` in `lib/io-context.js`, which waits for a returned Promise and then
//! calls `ioReply` with the value (or the error). `reply` validates the value exactly as the
//! synchronous path does, copies read bytes into FFmpeg's buffer while the worker still waits,
//! and wakes the worker with the FFmpeg-facing result.
//!
//! A cancelled bridge (the context was destroyed) answers every pending and future request with
//! `AVERROR_EXIT` at once, so FFmpeg unwinds quickly; a late `ioReply` is then ignored.

use std::cell::RefCell;
use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use bare_rust_ffi::js_env_t;
use ffmpeg_sys_next as ff;

use crate::error::{Error, Result};
use crate::io::source::{Prepared, Request, Serve};
use crate::js::sys::{Env, Reference, Tsfn, Value};
use crate::pool;

thread_local! {
    // `callAsync(fn, a, b, token)` from lib/io-context.js, registered once per JavaScript thread.
    static CALLER: RefCell<Option<Reference>> = const { RefCell::new(None) };
}

/// Like the error factory, the reference goes when the environment is torn down, while it still
/// exists.
pub fn set_caller(env: Env, caller: Value) {
    let previous = CALLER.with(|c| c.replace(Some(Reference::strong(env, caller))));
    if previous.is_none() {
        env.on_teardown(|| CALLER.with(|c| drop(c.take())));
    }
}

fn caller() -> Option<Value> {
    CALLER.with(|c| c.borrow().as_ref().and_then(Reference::get))
}

struct Pending {
    state: *mut dyn Serve,
    request: Request,
}

// SAFETY: a pending request is made on the worker and read on the JavaScript thread while the
// worker blocks in `Bridge::call`: its pointers (the I/O state or the nested-open hooks, FFmpeg's
// buffer) are used by one
// thread at a time.
unsafe impl Send for Pending {}

/// What an operation on a worker routes through a bridge while it runs: a format context's
/// IOContext and nested-open hooks.
pub trait Bridged {
    fn set_bridge(&mut self, bridge: Option<Arc<Bridge>>);
}

pub struct Bridge {
    tsfn: Tsfn,
    // The request being served, while the worker waits for it (the JavaScript thread takes it).
    pending: Mutex<Option<Pending>>,
    reply: Mutex<Option<i64>>,
    answered: Condvar,
    cancelled: AtomicBool,
    // The callback serving the request returned a Promise, not yet settled.
    awaiting: AtomicBool,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl Bridge {
    pub fn new(tsfn: Tsfn) -> Arc<Self> {
        Arc::new(Self {
            tsfn,
            pending: Mutex::new(None),
            reply: Mutex::new(None),
            answered: Condvar::new(),
            cancelled: AtomicBool::new(false),
            awaiting: AtomicBool::new(false),
        })
    }

    /// Worker side: serves `request` on the JavaScript thread and waits for the result.
    pub fn call(self: &Arc<Self>, state: *mut dyn Serve, request: Request) -> i64 {
        if self.cancelled.load(Ordering::Acquire) {
            return ff::AVERROR_EXIT as i64;
        }
        *lock(&self.reply) = None;
        self.awaiting.store(false, Ordering::Release);
        *lock(&self.pending) = Some(Pending { state, request });
        let bridge = self.clone();
        self.tsfn.post(Box::new(move |env| bridge.start(env)));
        let mut reply = lock(&self.reply);
        // Waiting on a Promise past a short time, the pool lets another thread take queued work
        // (`pool`). Waiting for a busy JavaScript thread does not count: more threads would not
        // make it less busy.
        let mut long_wait = None;
        loop {
            if let Some(result) = reply.take() {
                return result;
            }
            if self.cancelled.load(Ordering::Acquire) {
                return ff::AVERROR_EXIT as i64;
            }
            if long_wait.is_some() {
                reply = self.answered.wait(reply).unwrap_or_else(|e| e.into_inner());
                continue;
            }
            let (again, waited) = self
                .answered
                .wait_timeout(reply, pool::LONG_WAIT)
                .unwrap_or_else(|e| e.into_inner());
            reply = again;
            if waited.timed_out() && self.awaiting.load(Ordering::Acquire) {
                long_wait = Some(pool::LongWait::begin());
            }
        }
    }

    /// Stops serving: the waiting worker (if any) gets `AVERROR_EXIT` now.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Release);
        *lock(&self.pending) = None;
        let _reply = lock(&self.reply);
        self.answered.notify_all();
    }

    fn answer(&self, result: i64) {
        *lock(&self.reply) = Some(result);
        self.answered.notify_all();
    }

    /// JavaScript side: calls the user's callback through `callAsync`.
    fn start(self: Arc<Self>, env: Env) {
        // Left pending: `reply` takes it when the callback's result is known.
        let Some((state, request)) = lock(&self.pending).as_ref().map(|p| (p.state, p.request))
        else {
            return; // cancelled meanwhile
        };
        // SAFETY: the worker waits inside `call` while this request is pending, so the state it
        // passed is alive and nothing else uses it.
        let state = unsafe { &mut *state };
        let started = match state.prepare(env, request) {
            Ok(Prepared::Done(result)) => Ok(Some(result)),
            Ok(Prepared::Call(function, a, b)) => {
                self.call_async(env, function, a, b).map(|_| None)
            }
            Err(error) => Err(error),
        };
        match started {
            Ok(Some(done)) => self.answer_pending(done),
            Ok(None) => {} // answered later, by `reply`
            Err(error) => {
                let code = state.fail(error);
                self.answer_pending(code as i64);
            }
        }
    }

    /// Runs `callAsync(function, a, b, token)`; it calls `ioReply` when the result is known.
    fn call_async(self: &Arc<Self>, env: Env, function: Value, a: Value, b: Value) -> Result<()> {
        let caller = caller().ok_or_else(|| Error::State("async I/O is not set up".into()))?;
        let token = token(env, self.clone())?;
        self.tsfn.keep_alive(env, false); // waiting on JavaScript, which keeps its own loop alive
        env.call(caller, &[function, a, b, token])
            .map_err(|thrown| Error::thrown(env, thrown))?;
        if lock(&self.pending).is_some() {
            self.awaiting.store(true, Ordering::Release); // not answered at once: a Promise
        }
        Ok(())
    }

    /// Answers the pending request (if it is still pending).
    fn answer_pending(&self, result: i64) {
        if lock(&self.pending).take().is_some() {
            self.answer(result);
        }
    }
}

/// A JavaScript value naming the bridge, for `ioReply`. Holds the bridge until collected.
fn token(env: Env, bridge: Arc<Bridge>) -> Result<Value> {
    unsafe extern "C" fn finalize(_: *mut js_env_t, data: *mut c_void, _: *mut c_void) {
        // SAFETY: `data` is the `Arc` leaked below; the finalizer runs once.
        drop(unsafe { Arc::from_raw(data.cast::<Bridge>()) });
    }
    let data = Arc::into_raw(bridge);
    // SAFETY: `data` stays valid until `finalize` releases it.
    match unsafe { env.external(data.cast_mut().cast(), finalize) } {
        Some(token) => Ok(token),
        None => {
            // SAFETY: not handed over.
            drop(unsafe { Arc::from_raw(data) });
            Err(Error::State("Could not create a request token".into()))
        }
    }
}

/// `ioReply(token, value, isError)`: the answer to a request, from `callAsync`.
pub fn reply(env: Env, token: Value, value: Value, failed: bool) -> Result<()> {
    let Some(data) = env.external_data(token) else {
        return Err(Error::Type("Expected a request token".into()));
    };
    // SAFETY: tokens are made by `token` above and reach JavaScript only through callAsync; the
    // external keeps the bridge alive.
    let bridge = unsafe { &*data.cast::<Bridge>() };
    let Some(Pending { state, request }) = lock(&bridge.pending).take() else {
        return Ok(()); // answered already, or cancelled: nothing waits for this
    };
    bridge.tsfn.keep_alive(env, true);
    // SAFETY: the worker still waits for this request (it was pending), so the state is alive.
    let state = unsafe { &mut *state };
    let result = if failed {
        state.fail(Error::Thrown(Reference::strong(env, value))) as i64
    } else {
        state.finish(env, request, value)
    };
    bridge.answer(result);
    Ok(())
}
