//! What input and output contexts share: an `AVFormatContext`, the `IoContext` it does its I/O
//! through (owned from the moment the context is made; `None` when FFmpeg opens a URL itself),
//! and the worker for asynchronous operations. As in rust-ffmpeg, `input.rs` and `output.rs` are
//! the two kinds of context, each with the calls that make sense for it, over this common part.
//!
//! Every FFmpeg call that can reach a callback goes through `run` (or, for an operation on the
//! worker, `settle`), which turns the result into our error: the callback's own error first (the
//! exception it threw, as the same object), otherwise an `FFmpegError` saying what was being done
//! with what FFmpeg logged meanwhile.

use std::ffi::c_int;
use std::ptr;
use std::sync::Arc;

use ffmpeg_sys_next as ff;

use crate::dictionary;
use crate::error::{Error, Result};
use crate::format::nested::{self, Hooks};
use crate::io::bridge::{Bridge, Bridged};
use crate::io::context::IoContext;
use crate::js::sys::{Env, Value};
use crate::log;
use crate::task::Worker;

pub struct Common {
    ctx: *mut ff::AVFormatContext,
    io: Option<IoContext>,
    /// The app's `onopen`, which serves the nested opens of `ctx` (none: they are refused).
    hooks: Option<Hooks>,
    worker: Option<Worker>,
    /// How the context is freed: an opened input is closed, an output context freed.
    input: bool,
}

impl Common {
    /// Takes over `ctx` (and `io`, which `ctx` does its I/O through, and `hooks`, installed on
    /// `ctx`).
    pub fn new(
        ctx: *mut ff::AVFormatContext,
        io: Option<IoContext>,
        hooks: Option<Hooks>,
        input: bool,
    ) -> Self {
        Self {
            ctx,
            io,
            hooks,
            worker: None,
            input,
        }
    }

    pub fn as_ptr(&self) -> *mut ff::AVFormatContext {
        self.ctx
    }

    pub fn get(&self) -> &ff::AVFormatContext {
        // SAFETY: `ctx` is live while `self` is.
        unsafe { &*self.ctx }
    }

    pub fn get_mut(&mut self) -> &mut ff::AVFormatContext {
        // SAFETY: as in `get`; `&mut self` makes it exclusive.
        unsafe { &mut *self.ctx }
    }

    pub fn io(&self) -> Option<&IoContext> {
        self.io.as_ref()
    }

    /// Whether FFmpeg's calls on this context run no JavaScript: no `onopen` hooks, and a buffer
    /// input or none of ours (FFmpeg opened the URL itself).
    pub fn runs_no_javascript(&self) -> bool {
        self.hooks.is_none() && self.io.as_ref().is_none_or(IoContext::is_memory)
    }

    /// Whether `name` is an option of the context or of its (de)muxer's private options.
    pub fn knows_option(&self, name: &str) -> bool {
        let Ok(name) = std::ffi::CString::new(name) else {
            return false;
        };
        // SAFETY: a live context (an AVClass object, its private data a child); av_opt_find only
        // reads the option tables.
        let found = unsafe {
            ff::av_opt_find(
                self.as_ptr().cast(),
                name.as_ptr(),
                ptr::null(),
                0,
                ff::AV_OPT_SEARCH_CHILDREN as c_int,
            )
        };
        !found.is_null()
    }

    pub fn nb_streams(&self) -> usize {
        self.get().nb_streams as usize
    }

    /// The stream at `index`, or a `RangeError`.
    pub fn stream(&mut self, index: i64) -> Result<&mut ff::AVStream> {
        let count = self.nb_streams() as i64;
        if index < 0 || index >= count {
            return Err(Error::Range(format!(
                "Stream index {index} is out of range (there are {count} streams)"
            )));
        }
        // SAFETY: `streams` holds `nb_streams` valid streams owned by the context; `index` is
        // below that (checked).
        let stream = unsafe { *self.get().streams.wrapping_add(index as usize) };
        // SAFETY: as above: a live stream, borrowed with the context.
        Ok(unsafe { &mut *stream })
    }

    /// The codec parameters of the stream at `index`.
    pub fn codec_parameters(&mut self, index: i64) -> Result<&mut ff::AVCodecParameters> {
        let stream = self.stream(index)?;
        // SAFETY: every stream of a context has codec parameters, owned by the stream.
        Ok(unsafe { &mut *stream.codecpar })
    }

    /// The metadata of the container (stream index -1) or of a stream, borrowed from the context.
    pub fn metadata(&mut self, index: i64) -> Result<dictionary::Borrowed<'_>> {
        let dict = if index == -1 {
            ptr::addr_of_mut!(self.get_mut().metadata)
        } else {
            ptr::addr_of_mut!(self.stream(index)?.metadata)
        };
        // SAFETY: the dictionary belongs to the context (or its stream), which `&mut self`
        // keeps alive and unshared for the borrow's life.
        Ok(unsafe { dictionary::Borrowed::new(dict) })
    }

    /// The worker for asynchronous operations, started by the first one (`anchor`: any function).
    pub fn worker(&mut self, env: Env, anchor: Value) -> Result<&Worker> {
        if self.worker.is_none() {
            self.worker = Some(Worker::start(env, anchor)?);
        }
        Ok(self.worker.as_ref().expect("started above"))
    }

    pub fn set_worker(&mut self, worker: Worker) {
        self.worker = Some(worker);
    }

    /// Runs one FFmpeg call that may reach the I/O callbacks, with FFmpeg's log captured, and
    /// turns its result into ours (see `settle`).
    pub fn run(
        &mut self,
        env: Env,
        doing: &str,
        call: impl FnOnce(*mut ff::AVFormatContext) -> c_int,
    ) -> Result<c_int> {
        let ctx = self.ctx;
        let (r, log) = log::capture(|| call(ctx));
        self.settle(env, doing, r, log)
    }

    /// The outcome of an FFmpeg call on this context: a callback's failure first, then FFmpeg's
    /// error (end of file is not one) with its log lines and, when FFmpeg had to seek without an
    /// `onseek`, a hint saying so.
    pub fn settle(&mut self, env: Env, doing: &str, r: c_int, log: Vec<String>) -> Result<c_int> {
        let failed = r < 0 && r != ff::AVERROR_EOF;
        let nested_error = self.hooks.as_mut().and_then(|h| h.settle(env, failed));
        let Some(io) = self.io.as_mut() else {
            if let Some(error) = nested_error {
                return Err(error);
            }
            return if failed {
                Err(Error::ffmpeg(doing, r).with_log(log))
            } else {
                Ok(r)
            };
        };
        // FFmpeg needed to seek without onseek: it asked (and was refused), or it said so.
        let seek_refused = io.take_seek_refused()
            || (!io.can_seek() && log.iter().any(|line| line.contains("seekable")));
        // A write that failed fails the call it happened in, even where FFmpeg carried on (it
        // flushes the header after checking for errors): what was written is not there.
        let failed_now = failed || (!self.input && io.has_failure());
        if let Some(error) = io.settle(env, failed_now).or(nested_error) {
            return Err(error);
        }
        if !failed {
            return Ok(r);
        }
        let nested = nested::hint(&log);
        let error = Error::ffmpeg(doing, r).with_log(log);
        Err(if seek_refused {
            error.with_hint(
                "FFmpeg needed to seek, and the IOContext has no onseek: give it one, or use a \
                 format that streams (for MP4 output: movflags frag_keyframe+empty_moov)",
            )
        } else if let Some(nested) = nested {
            error.with_hint(nested)
        } else {
            error
        })
    }
}

impl Bridged for Common {
    fn set_bridge(&mut self, bridge: Option<Arc<Bridge>>) {
        route(bridge, self.io.as_mut(), self.hooks.as_mut());
    }
}

/// Routes a context's callbacks (its IOContext's and its nested-open hooks') through `bridge`,
/// or back to direct calls.
pub fn route(bridge: Option<Arc<Bridge>>, io: Option<&mut IoContext>, hooks: Option<&mut Hooks>) {
    if let Some(hooks) = hooks {
        hooks.set_bridge(bridge.clone());
    }
    if let Some(io) = io {
        io.set_bridge(bridge);
    }
}

impl Common {
    /// No callback reaches JavaScript any more: the context's own IOContext fails at once and
    /// nested files are dropped without `onclose` (the context is being freed, possibly by the
    /// garbage collector).
    pub fn silence(&mut self) {
        if let Some(hooks) = &mut self.hooks {
            hooks.quiet();
        }
        if let Some(io) = &mut self.io {
            io.silence();
        }
    }
}

impl Drop for Common {
    fn drop(&mut self) {
        if let Some(hooks) = &mut self.hooks {
            hooks.quiet();
        }
        if self.input {
            // SAFETY: we own `ctx`. With our own I/O (AVFMT_FLAG_CUSTOM_IO) neither call touches
            // `pb`, which `io` frees after this.
            unsafe { ff::avformat_close_input(&mut self.ctx) };
        } else {
            // SAFETY: as above.
            unsafe { ff::avformat_free_context(self.ctx) };
        }
        // Then `io`, `hooks` and `worker` drop (fields after this body): the AVIOContexts
        // outlive the format context that used them.
    }
}
