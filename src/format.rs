//! Demuxing and muxing contexts. Both are an `AVFormatContext` plus the `IoContext` it reads from
//! or writes to, which the format context owns from the moment it is created.
//!
//! Every FFmpeg call that can reach a callback goes through `FormatContext::run`, which turns the
//! result into a JavaScript error: the callback's own error if one failed (the exception it threw,
//! as the same object), otherwise an `FFmpegError` saying what was being done.

use std::ffi::{c_int, CString};
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::dictionary::Dictionary;
use crate::errors::{averror, ffmpeg_error, ffmpeg_error_with, libc_errno::ENOMEM, type_error};
use crate::handle::Native;
use crate::io::IoContext;
use crate::js::{Env, JsResult};
use crate::worker::Runner;

pub struct FormatContext {
    ctx: *mut ff::AVFormatContext,
    output: bool,
    // Dropped after `ctx` is closed (see `Drop`): the AVFormatContext refers to it. `None` when
    // FFmpeg does the I/O itself (an input opened by URL).
    io: Option<IoContext>,
    /// The worker for async operations, started by the first one.
    runner: Option<Runner>,
}

/// Where an input comes from.
pub enum Input {
    Io(IoContext),
    /// A URL or path FFmpeg opens itself (files, devices).
    Url(CString),
}

/// An input being opened, in three steps so that the middle one (FFmpeg's probing and reading,
/// which calls the I/O callbacks) can run on a worker: `new` and `finish` run on the JavaScript
/// thread, `open` on either.
pub struct OpeningInput {
    ctx: *mut ff::AVFormatContext,
    opened: bool,
    io: Option<IoContext>,
    url: Option<CString>,
    format: *const ff::AVInputFormat,
    options: Dictionary,
}

impl OpeningInput {
    pub fn new(
        env: Env,
        input: Input,
        format: *const ff::AVInputFormat,
        options: Dictionary,
    ) -> JsResult<Self> {
        let (mut io, url) = match input {
            Input::Io(io) => (Some(io), None),
            Input::Url(url) => (None, Some(url)),
        };
        let pb = match &mut io {
            Some(io) if !io.can_read() => {
                return Err(type_error(
                    env,
                    "InputFormatContext needs an IOContext made from a buffer or with onread",
                ))
            }
            Some(io) => io.open(env, false)?,
            None => ptr::null_mut(),
        };
        // SAFETY: plain allocation.
        let ctx = unsafe { ff::avformat_alloc_context() };
        if ctx.is_null() {
            return Err(ffmpeg_error(env, "Could not open input", averror(ENOMEM)));
        }
        // SAFETY: `ctx` is fresh; giving it `pb` before opening makes FFmpeg set
        // AVFMT_FLAG_CUSTOM_IO, so it never closes the AVIOContext that `io` owns.
        unsafe { (*ctx).pb = pb };
        Ok(Self {
            ctx,
            opened: false,
            io,
            url,
            format,
            options,
        })
    }

    pub fn io_mut(&mut self) -> Option<&mut IoContext> {
        self.io.as_mut()
    }

    /// FFmpeg's part: probe, open and read the stream information. No JavaScript here.
    pub fn open(&mut self) -> c_int {
        let url = self.url.as_ref().map_or(ptr::null(), |u| u.as_ptr());
        // SAFETY: on failure FFmpeg frees `ctx` and sets it to null; `io` is untouched.
        let r = unsafe {
            ff::avformat_open_input(&mut self.ctx, url, self.format, self.options.as_mut_ptr())
        };
        if r < 0 {
            return r;
        }
        self.opened = true;
        // SAFETY: `ctx` is an open input context.
        unsafe { ff::avformat_find_stream_info(self.ctx, ptr::null_mut()) }
    }

    /// The open context (and the options nothing used), or the error `open` ran into.
    pub fn finish(mut self, env: Env, r: c_int) -> JsResult<(FormatContext, Dictionary)> {
        let failure = self.io.as_mut().and_then(IoContext::take_failure);
        let empty = self.io.as_ref().is_some_and(|io| io.bytes_read() == 0);
        if !self.opened {
            return Err(match failure {
                Some(failure) => failure,
                None if empty => {
                    ffmpeg_error_with(env, "Could not open input: the input is empty", r)
                }
                None => ffmpeg_error(env, "Could not open input", r),
            });
        }
        let context = FormatContext {
            ctx: std::mem::replace(&mut self.ctx, ptr::null_mut()),
            output: false,
            io: self.io.take(),
            runner: None,
        };
        if let Some(failure) = failure {
            return Err(failure);
        }
        if r < 0 {
            return Err(ffmpeg_error(env, "Could not read stream information", r));
        }
        let options = std::mem::replace(&mut self.options, Dictionary::empty());
        Ok((context, options))
    }
}

impl Drop for OpeningInput {
    fn drop(&mut self) {
        // SAFETY: `ctx` is ours unless `finish` took it (then it is null). With custom I/O,
        // neither call closes `pb`, which `io` frees.
        unsafe {
            if self.opened {
                ff::avformat_close_input(&mut self.ctx);
            } else if !self.ctx.is_null() {
                ff::avformat_free_context(self.ctx);
            }
        }
    }
}

impl Native for FormatContext {
    const KIND: u32 = 0xbaff_0000 + 2;
    const NAME: &'static str = "format context";
    const DESTROYED: &'static str = "The format context has been destroyed";

    fn native_size(&self) -> i64 {
        // An estimate: the context, its streams, the demuxer's or muxer's private state and
        // probe data come to tens of kilobytes (about 90 KB measured for a small file).
        128 * 1024 + self.io.as_ref().map_or(0, IoContext::native_size)
    }
}

impl FormatContext {
    /// Opens a demuxer on `input`: probes the format (or uses `format`) and reads stream info.
    pub fn open_input(
        env: Env,
        input: Input,
        format: *const ff::AVInputFormat,
        options: Dictionary,
    ) -> JsResult<(Self, Dictionary)> {
        let mut opening = OpeningInput::new(env, input, format, options)?;
        let r = opening.open();
        opening.finish(env, r)
    }

    /// Creates a muxer for `format` writing to `io`.
    pub fn open_output(
        env: Env,
        io: IoContext,
        format: *const ff::AVOutputFormat,
    ) -> JsResult<Self> {
        if !io.can_write() {
            return Err(type_error(
                env,
                "OutputFormatContext needs an IOContext with onwrite",
            ));
        }
        let mut io = io;
        let pb = io.open(env, true)?;
        let mut ctx = ptr::null_mut();
        // SAFETY: `format` is a static muxer description from av_guess_format.
        let r = unsafe {
            ff::avformat_alloc_output_context2(&mut ctx, format, ptr::null(), ptr::null())
        };
        if r < 0 || ctx.is_null() {
            return Err(ffmpeg_error(env, "Could not create output", r.min(-1)));
        }
        // SAFETY: `ctx` is fresh. With CUSTOM_IO set, FFmpeg never closes `pb`.
        unsafe {
            (*ctx).pb = pb;
            (*ctx).flags |= ff::AVFMT_FLAG_CUSTOM_IO as c_int;
        }
        Ok(FormatContext {
            ctx,
            output: true,
            io: Some(io),
            runner: None,
        })
    }

    pub fn as_ptr(&self) -> *mut ff::AVFormatContext {
        self.ctx
    }

    pub fn io_mut(&mut self) -> Option<&mut IoContext> {
        self.io.as_mut()
    }

    /// The worker for async operations, started on first use.
    pub fn runner(&mut self, env: Env) -> JsResult<&Runner> {
        if self.runner.is_none() {
            let anchor = crate::bridge::caller()
                .ok_or_else(|| crate::errors::error(env, "async operations are not set up"))?;
            self.runner = Some(Runner::new(env, anchor)?);
        }
        Ok(self.runner.as_ref().expect("started above"))
    }

    /// Moves a runner (the one an async open used) into the context.
    pub fn set_runner(&mut self, runner: Runner) {
        self.runner = Some(runner);
    }

    pub fn is_output(&self) -> bool {
        self.output
    }

    /// Runs one FFmpeg call that may reach the I/O callbacks and turns its result into a
    /// JavaScript error: the callback's own failure first, else an `FFmpegError` for `doing`.
    pub fn run(
        &mut self,
        env: Env,
        doing: &str,
        call: impl FnOnce(*mut ff::AVFormatContext) -> c_int,
    ) -> JsResult<c_int> {
        let r = call(self.ctx);
        if let Some(failure) = self.io.as_mut().and_then(IoContext::take_failure) {
            return Err(failure);
        }
        if r < 0 && r != ff::AVERROR_EOF {
            return Err(ffmpeg_error(env, doing, r));
        }
        Ok(r)
    }

    /// The stream at `index`, or a `RangeError`.
    pub fn stream(&self, env: Env, index: i64) -> JsResult<*mut ff::AVStream> {
        // SAFETY: `ctx` is live; `streams` holds `nb_streams` valid pointers.
        unsafe {
            let count = (*self.ctx).nb_streams as i64;
            if index < 0 || index >= count {
                return Err(crate::errors::range_error(
                    env,
                    &format!("Stream index {index} is out of range (there are {count} streams)"),
                ));
            }
            Ok(*(*self.ctx).streams.add(index as usize))
        }
    }
}

impl Drop for FormatContext {
    fn drop(&mut self) {
        // SAFETY: we own `ctx`. With custom I/O neither call touches `pb`, which `io` frees after.
        unsafe {
            if self.output {
                ff::avformat_free_context(self.ctx);
            } else {
                ff::avformat_close_input(&mut self.ctx);
            }
        }
    }
}
