//! Running FFmpeg off the JavaScript thread.
//!
//! A `Runner` is one worker thread (started on a format context's first asynchronous operation)
//! plus a threadsafe function that brings closures back to the JavaScript thread. The worker runs
//! one job at a time: an FFmpeg call on objects lent to it for the duration of the job. Whatever
//! touches JavaScript (callbacks, results, the objects' JavaScript references) runs in closures
//! posted back with `Tsfn::post`.

use std::ffi::c_void;
use std::ptr;
use std::sync::mpsc;

use bare_rust_ffi::{js_env_t, js_value_t};

use crate::errors::error;
use crate::js::{raw, Env, JsResult};

/// A closure for the JavaScript thread.
pub type JsTask = Box<dyn FnOnce(Env) + Send>;
pub type Job = Box<dyn FnOnce() + Send>;

#[repr(C)]
pub struct js_threadsafe_function_t {
    _private: [u8; 0],
}

type TsfnCallback = unsafe extern "C" fn(*mut js_env_t, *mut js_value_t, *mut c_void, *mut c_void);

// From js.h; bare-rust-ffi does not declare them.
unsafe extern "C" {
    fn js_create_threadsafe_function(
        env: *mut js_env_t,
        function: *mut js_value_t,
        queue_limit: usize,
        initial_thread_count: usize,
        finalize_cb: Option<unsafe extern "C" fn(*mut js_env_t, *mut c_void, *mut c_void)>,
        finalize_hint: *mut c_void,
        context: *mut c_void,
        cb: TsfnCallback,
        result: *mut *mut js_threadsafe_function_t,
    ) -> std::ffi::c_int;
    fn js_call_threadsafe_function(
        function: *mut js_threadsafe_function_t,
        data: *mut c_void,
        mode: std::ffi::c_int,
    ) -> std::ffi::c_int;
    fn js_release_threadsafe_function(
        function: *mut js_threadsafe_function_t,
        mode: std::ffi::c_int,
    ) -> std::ffi::c_int;
    fn js_ref_threadsafe_function(
        env: *mut js_env_t,
        function: *mut js_threadsafe_function_t,
    ) -> std::ffi::c_int;
    fn js_unref_threadsafe_function(
        env: *mut js_env_t,
        function: *mut js_threadsafe_function_t,
    ) -> std::ffi::c_int;
}

/// Moves a value to the worker and back.
///
/// SAFETY (of the `Send` impl): the values moved this way (format contexts, packets, references
/// to JavaScript values) are used by one thread at a time: the worker only runs FFmpeg calls on
/// them, and everything JavaScript (references, callbacks) is touched only in `JsTask`s, on the
/// JavaScript thread, while the worker waits.
pub struct SendBox<T>(pub T);

unsafe impl<T> Send for SendBox<T> {}

impl<T> SendBox<T> {
    /// The value. A method, so that closures capture the whole box (a pattern would let them
    /// capture only the unsendable field inside).
    pub fn into_inner(self) -> T {
        self.0
    }
}

/// A threadsafe function: the way back to the JavaScript thread.
#[derive(Clone, Copy)]
pub struct Tsfn(*mut js_threadsafe_function_t);

// SAFETY: js_call_threadsafe_function may be called from any thread (js.h); the other calls are
// made on the JavaScript thread only.
unsafe impl Send for Tsfn {}
unsafe impl Sync for Tsfn {}

impl Tsfn {
    /// Queues `task` to run on the JavaScript thread. Callable from any thread.
    pub fn post(&self, task: JsTask) {
        let data = Box::into_raw(Box::new(task));
        // SAFETY: `data` is reclaimed by `run_task`. If the call fails, the environment is being
        // torn down: the task is leaked, not dropped, because what it holds (references to
        // JavaScript values) must not be released on this thread or after the environment.
        let _ = unsafe { js_call_threadsafe_function(self.0, data.cast(), 0) };
    }

    /// Keeps the event loop alive (an operation is running) or lets it exit (idle, or waiting
    /// for a JavaScript promise, which keeps the loop alive itself if anything will settle it).
    pub fn keep_alive(&self, env: Env, alive: bool) {
        // SAFETY: on the JavaScript thread, on a live threadsafe function.
        unsafe {
            if alive {
                js_ref_threadsafe_function(env.raw(), self.0);
            } else {
                js_unref_threadsafe_function(env.raw(), self.0);
            }
        }
    }
}

unsafe extern "C" fn run_task(
    env: *mut js_env_t,
    _function: *mut js_value_t,
    _context: *mut c_void,
    data: *mut c_void,
) {
    // SAFETY: `data` is the `Box<JsTask>` made by `post`, delivered once.
    let task = unsafe { Box::from_raw(data.cast::<JsTask>()) };
    let env = Env::from(env);
    let _scope = bare_rust::Scope::new(&env.js());
    task(env);
}

/// A worker thread and the way back from it.
pub struct Runner {
    jobs: mpsc::Sender<Job>,
    tsfn: Tsfn,
}

impl Runner {
    /// Starts the worker. `anchor` is any JavaScript function: js.h wants one for the threadsafe
    /// function, which we do not call (our tasks are Rust closures).
    pub fn new(env: Env, anchor: bare_rust::Value) -> JsResult<Self> {
        let mut tsfn = ptr::null_mut();
        // SAFETY: creates a threadsafe function owned by this runner (released in Drop).
        let status = unsafe {
            js_create_threadsafe_function(
                env.raw(),
                raw(anchor).as_ptr(),
                0,
                1,
                None,
                ptr::null_mut(),
                ptr::null_mut(),
                run_task,
                &mut tsfn,
            )
        };
        if status != 0 {
            return Err(error(env, "Could not create the worker's callback channel"));
        }
        let tsfn = Tsfn(tsfn);
        tsfn.keep_alive(env, false);
        let (jobs, queue) = mpsc::channel::<Job>();
        let spawned = std::thread::Builder::new()
            .name("bare-ffmpeg".into())
            .spawn(move || {
                // Ends when the runner (the sender) is dropped.
                while let Ok(job) = queue.recv() {
                    job();
                }
            });
        if spawned.is_err() {
            // SAFETY: releases the function created above.
            unsafe { js_release_threadsafe_function(tsfn.0, 0) };
            return Err(error(env, "Could not start a worker thread"));
        }
        Ok(Self { jobs, tsfn })
    }

    pub fn tsfn(&self) -> Tsfn {
        self.tsfn
    }

    /// Where to send jobs for the worker (they run one at a time, in order). Sending fails only
    /// once the worker has stopped, which happens when the runner is dropped.
    pub fn sender(&self) -> mpsc::Sender<Job> {
        self.jobs.clone()
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        // Dropping `jobs` ends the idle worker; the threadsafe function goes with it. Runners are
        // dropped on the JavaScript thread, with no job running (the context was given back).
        // SAFETY: the function was created by `new` and is released once.
        unsafe { js_release_threadsafe_function(self.tsfn.0, 0) };
    }
}
