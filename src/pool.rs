//! The worker pool: every object's FFmpeg work runs on a few threads shared by all objects.
//!
//! Each object with asynchronous operations has a `Serial` queue: its operations run one at a
//! time, in the order they were asked for, while different objects' operations run in parallel
//! on up to `size` threads (the core count, at least 2; `ffmpeg.workers.size` in JavaScript).
//! Threads start when there is work for them and stay, idle, once started.
//!
//! A thread that has waited more than `LONG_WAIT` for JavaScript (an I/O callback's Promise, in
//! `io::bridge`) stops counting against `size` until its answer comes: if work is queued, another
//! thread takes it. So a stream waiting for the network, or for data another object's operation
//! will produce, never holds up the others or deadlocks on them. Such extra threads end when they
//! find the pool over its size; the pool never has more than `MAX_THREADS`.

use std::cell::Cell;
use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

pub type Job = Box<dyn FnOnce() + Send>;

/// How long a thread waits for JavaScript before the pool stops counting it.
pub const LONG_WAIT: Duration = Duration::from_millis(10);

/// The most threads the pool has, whatever waits.
pub const MAX_THREADS: usize = 256;

struct State {
    /// Queues with work, each once, in the order their work arrived.
    ready: VecDeque<Arc<Serial>>,
    size: usize,
    threads: usize,
    /// Threads waiting for work.
    idle: usize,
    /// Threads in a long wait for JavaScript.
    waiting: usize,
}

struct Pool {
    state: Mutex<State>,
    wake: Condvar,
}

thread_local! {
    static ON_POOL: Cell<bool> = const { Cell::new(false) };
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| Pool {
        state: Mutex::new(State {
            ready: VecDeque::new(),
            size: default_size(),
            threads: 0,
            idle: 0,
            waiting: 0,
        }),
        wake: Condvar::new(),
    })
}

/// The size a pool starts with: the core count, at least 2.
pub fn default_size() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().max(2))
}

pub fn size() -> usize {
    lock(&pool().state).size
}

/// Sets the size (1 to `MAX_THREADS`). Threads above a smaller size end once idle.
pub fn set_size(size: usize) {
    let pool = pool();
    let mut state = lock(&pool.state);
    state.size = size.clamp(1, MAX_THREADS);
    state.grow();
    pool.wake.notify_all();
}

/// The pool's threads now (started, not yet ended).
pub fn threads() -> usize {
    lock(&pool().state).threads
}

impl State {
    /// Threads that count against the size.
    fn counted(&self) -> usize {
        self.threads - self.waiting
    }

    /// Starts threads while queued work finds no idle thread and the size allows. Returns whether
    /// any thread exists to run the work.
    fn grow(&mut self) -> bool {
        while self.ready.len() > self.idle
            && self.counted() < self.size
            && self.threads < MAX_THREADS
        {
            let started = std::thread::Builder::new()
                .name("bare-ffmpeg".into())
                .spawn(run);
            if started.is_err() {
                break;
            }
            self.threads += 1;
        }
        self.threads > 0
    }
}

/// A pool thread's life: queued work, one job at a time, until the pool is over its size.
fn run() {
    ON_POOL.with(|on| on.set(true));
    let pool = pool();
    let mut state = lock(&pool.state);
    loop {
        if state.counted() > state.size {
            state.threads -= 1;
            if !state.ready.is_empty() {
                // Work this thread leaves (its own queue's next job, say): an idle thread takes
                // it, or a running one when it comes back.
                pool.wake.notify_one();
            }
            return;
        }
        if let Some(serial) = state.ready.pop_front() {
            drop(state);
            let more = serial.run_one();
            state = lock(&pool.state);
            if more {
                state.ready.push_back(serial);
            }
            continue;
        }
        state.idle += 1;
        state = pool.wake.wait(state).unwrap_or_else(|e| e.into_inner());
        state.idle -= 1;
    }
}

/// One object's queue: its jobs run in order, one at a time.
pub struct Serial {
    jobs: Mutex<Jobs>,
}

struct Jobs {
    queue: VecDeque<Job>,
    /// In the pool's ready list, or running a job.
    scheduled: bool,
}

impl Serial {
    pub fn new() -> Arc<Self> {
        Arc::new(Self {
            jobs: Mutex::new(Jobs {
                queue: VecDeque::new(),
                scheduled: false,
            }),
        })
    }

    /// Queues `job`. Gives it back if no thread could be started to run it.
    pub fn push(self: &Arc<Self>, job: Job) -> Result<(), Job> {
        let mut jobs = lock(&self.jobs);
        jobs.queue.push_back(job);
        if jobs.scheduled {
            return Ok(());
        }
        jobs.scheduled = true;
        drop(jobs);
        let pool = pool();
        let mut state = lock(&pool.state);
        state.ready.push_back(self.clone());
        if state.grow() {
            pool.wake.notify_one();
            return Ok(());
        }
        state.ready.retain(|queued| !Arc::ptr_eq(queued, self));
        drop(state);
        let mut jobs = lock(&self.jobs);
        jobs.scheduled = false;
        Err(jobs.queue.pop_back().expect("the job just queued"))
    }

    /// Runs the next job; whether more are queued (the queue stays scheduled then).
    fn run_one(&self) -> bool {
        let job = lock(&self.jobs).queue.pop_front();
        if let Some(job) = job {
            job();
        }
        let mut jobs = lock(&self.jobs);
        jobs.scheduled = !jobs.queue.is_empty();
        jobs.scheduled
    }
}

/// Held while a pool thread waits for JavaScript past `LONG_WAIT`: the thread does not count
/// against the pool's size meanwhile. Elsewhere (a test's thread) it does nothing.
pub struct LongWait {
    counted: bool,
}

impl LongWait {
    pub fn begin() -> Self {
        if !ON_POOL.with(Cell::get) {
            return Self { counted: false };
        }
        let pool = pool();
        let mut state = lock(&pool.state);
        state.waiting += 1;
        state.grow();
        pool.wake.notify_one();
        Self { counted: true }
    }
}

impl Drop for LongWait {
    fn drop(&mut self) {
        if self.counted {
            lock(&pool().state).waiting -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn one_queue_runs_in_order_and_queues_run_in_parallel() {
        let (tx, rx) = mpsc::channel();
        let serial = Serial::new();
        for i in 0..100 {
            let tx = tx.clone();
            serial
                .push(Box::new(move || tx.send(i).unwrap()))
                .ok()
                .unwrap();
        }
        let got: Vec<i32> = (0..100).map(|_| rx.recv().unwrap()).collect();
        assert_eq!(got, (0..100).collect::<Vec<_>>());

        // Two queues: the second runs while the first one's job blocks.
        let (blocked_tx, blocked_rx) = mpsc::channel::<()>();
        let (done_tx, done_rx) = mpsc::channel();
        let first = Serial::new();
        first
            .push(Box::new(move || blocked_rx.recv().unwrap()))
            .ok()
            .unwrap();
        let second = Serial::new();
        second
            .push(Box::new(move || done_tx.send(()).unwrap()))
            .ok()
            .unwrap();
        done_rx.recv_timeout(Duration::from_secs(10)).unwrap();
        blocked_tx.send(()).unwrap();
        assert!(threads() <= size());

        // A pool of one. A job waits long (another thread is started for queued work), then
        // queues a job of its own object before it ends: its thread, over the size once the wait
        // is over, ends, and the idle thread must take that job.
        set_size(1);
        let (waiting_tx, waiting_rx) = mpsc::channel();
        let (go_tx, go_rx) = mpsc::channel::<()>();
        let (last_tx, last_rx) = mpsc::channel();
        let own = Serial::new();
        let again = own.clone();
        own.push(Box::new(move || {
            let wait = LongWait::begin();
            waiting_tx.send(()).unwrap();
            go_rx.recv().unwrap();
            drop(wait);
            let last = last_tx.clone();
            again
                .push(Box::new(move || last.send(()).unwrap()))
                .ok()
                .unwrap();
        }))
        .ok()
        .unwrap();
        waiting_rx.recv().unwrap();
        let (other_tx, other_rx) = mpsc::channel();
        let other = Serial::new();
        other
            .push(Box::new(move || other_tx.send(()).unwrap()))
            .ok()
            .unwrap();
        other_rx.recv_timeout(Duration::from_secs(10)).unwrap(); // ran beside the waiting job
        go_tx.send(()).unwrap();
        last_rx.recv_timeout(Duration::from_secs(10)).unwrap();
        set_size(default_size());
    }
}
