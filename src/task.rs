//! Work off the JavaScript thread, as napi-rs's `Task`: `compute` runs on a worker thread, and
//! `resolve` runs back on the JavaScript thread with what `compute` produced, making the value the
//! operation's Promise resolves to (lib/settle.js turns `done(error, value)` into that Promise).
//!
//! A task owns what it works on: objects lent from their JavaScript handles (`handle::Loan`),
//! which `resolve` gives back. Each native object that has asynchronous operations owns one
//! `Worker`, made by its first operation: a queue on the shared worker pool (`pool`), so an
//! object's operations run in order while different objects work in parallel.

use std::sync::Arc;

use crate::error::{Error, Result};
use crate::js::sys::{Env, Reference, Tsfn, Value};
use crate::pool::{Job, Serial};

pub trait Task: Send + 'static {
    type Output: Send + 'static;

    /// On the worker thread: the FFmpeg work. No JavaScript here.
    fn compute(&mut self) -> Self::Output;

    /// On the JavaScript thread: gives the lent objects back and makes the result.
    fn resolve(self, env: Env, output: Self::Output) -> Result<Value>;
}

/// An object's queue on the worker pool and the way back from it to the JavaScript thread.
pub struct Worker {
    runner: Runner,
}

/// Where to send work for a worker: a cheap copy of what `Worker::run` needs.
#[derive(Clone)]
pub struct Runner {
    jobs: Arc<Serial>,
    tsfn: Tsfn,
}

/// The operation's `done` callback, carried through the worker untouched.
struct Done(Reference);

// SAFETY: a reference is a JavaScript-thread object; the worker only moves this one, inside a job
// and then into the closure posted back to the JavaScript thread, which alone uses it.
unsafe impl Send for Done {}

impl Done {
    /// On the JavaScript thread. (A method, so that closures capture the whole `Done`.)
    fn into_inner(self) -> Reference {
        self.0
    }
}

impl Worker {
    /// Starts a worker. `anchor` is any JavaScript function: js.h wants one for the threadsafe
    /// function that brings work back, which never calls it (ours carries Rust closures).
    pub fn start(env: Env, anchor: Value) -> Result<Self> {
        let tsfn = Tsfn::new(env, anchor)
            .ok_or_else(|| Error::State("Could not create the worker's way back".into()))?;
        tsfn.keep_alive(env, false);
        Ok(Self {
            runner: Runner {
                jobs: Serial::new(),
                tsfn,
            },
        })
    }

    pub fn runner(&self) -> Runner {
        self.runner.clone()
    }
}

impl Runner {
    pub fn tsfn(&self) -> Tsfn {
        self.tsfn
    }

    /// Runs `task` on the worker; `done(error, value)` is called on the JavaScript thread when it
    /// has resolved. The event loop stays alive meanwhile.
    pub fn run<T: Task>(&self, env: Env, task: T, done: Value) -> Result<()> {
        let done = Done(Reference::strong(env, done));
        let tsfn = self.tsfn;
        let job: Job = Box::new(move || {
            let mut task = task;
            let output = task.compute();
            tsfn.post(Box::new(move |env| {
                tsfn.keep_alive(env, false);
                settle(env, done.into_inner(), task.resolve(env, output));
            }));
        });
        tsfn.keep_alive(env, true);
        self.jobs.push(job).map_err(|_job| {
            tsfn.keep_alive(env, false);
            Error::State("Could not start a worker thread".into())
        })
    }
}

/// Calls `done(error, value)`. An exception `done` throws is reported by the runtime as uncaught.
pub fn settle(env: Env, done: Reference, result: Result<Value>) {
    let Some(done) = done.get() else { return };
    let args = match result {
        Ok(value) => [env.null(), value],
        Err(error) => [error.into_value(env), env.undefined()],
    };
    if let Err(thrown) = env.call(done, &args) {
        env.throw(thrown.0);
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // The threadsafe function goes now: nothing posts through it any more (an object is only
        // dropped while it is in its slot, not lent to a job, and the runners jobs hold end with
        // their jobs).
        self.runner.tsfn.release();
    }
}
