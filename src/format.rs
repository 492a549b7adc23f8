//! Demuxing and muxing contexts. Both are an `AVFormatContext` plus the `IoContext` it reads from
//! or writes to, which the format context owns from the moment it is created.
//!
//! Every FFmpeg call that can reach a callback goes through `FormatContext::run`, which turns the
//! result into a JavaScript error: the callback's own error if one failed (the exception it threw,
//! as the same object), otherwise an `FFmpegError` saying what was being done.

use std::ffi::c_int;
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::dictionary::Dictionary;
use crate::errors::{averror, ffmpeg_error, ffmpeg_error_with, libc_errno::ENOMEM, type_error};
use crate::handle::Native;
use crate::io::IoContext;
use crate::js::{Env, JsResult};

pub struct FormatContext {
    ctx: *mut ff::AVFormatContext,
    output: bool,
    // Dropped after `ctx` is closed (see `Drop`): the AVFormatContext refers to it. `None` when
    // FFmpeg does the I/O itself (an input opened by URL).
    io: Option<IoContext>,
}

/// Where an input comes from.
pub enum Input<'a> {
    Io(IoContext),
    /// A URL or path FFmpeg opens itself (files, devices).
    Url(&'a std::ffi::CStr),
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
        options: &mut Dictionary,
    ) -> JsResult<Self> {
        let (mut io, url) = match input {
            Input::Io(io) => (Some(io), ptr::null()),
            Input::Url(url) => (None, url.as_ptr()),
        };
        // SAFETY: plain allocation.
        let mut ctx = unsafe { ff::avformat_alloc_context() };
        if ctx.is_null() {
            return Err(ffmpeg_error(env, "Could not open input", averror(ENOMEM)));
        }
        if let Some(io) = &mut io {
            if !io.can_read() {
                // SAFETY: `ctx` is ours and unused.
                unsafe { ff::avformat_free_context(ctx) };
                return Err(type_error(
                    env,
                    "InputFormatContext needs an IOContext made from a buffer or with onread",
                ));
            }
            let pb = match io.open(env, false) {
                Ok(pb) => pb,
                Err(e) => {
                    // SAFETY: as above.
                    unsafe { ff::avformat_free_context(ctx) };
                    return Err(e);
                }
            };
            // SAFETY: `ctx` is fresh; giving it `pb` before opening makes FFmpeg set
            // AVFMT_FLAG_CUSTOM_IO, so it never closes the AVIOContext that `io` owns.
            unsafe { (*ctx).pb = pb };
        }
        // SAFETY: on failure FFmpeg frees `ctx` and sets it to null; `io` is untouched.
        let r = unsafe { ff::avformat_open_input(&mut ctx, url, format, options.as_mut_ptr()) };
        if r < 0 {
            return Err(match io.as_mut().and_then(IoContext::take_failure) {
                Some(failure) => failure,
                None if io.as_ref().is_some_and(|io| io.bytes_read() == 0) => {
                    ffmpeg_error_with(env, "Could not open input: the input is empty", r)
                }
                None => ffmpeg_error(env, "Could not open input", r),
            });
        }
        let mut context = FormatContext {
            ctx,
            output: false,
            io,
        };
        // SAFETY: `ctx` is an open input context.
        context.run(env, "Could not read stream information", |ctx| unsafe {
            ff::avformat_find_stream_info(ctx, ptr::null_mut())
        })?;
        Ok(context)
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
        })
    }

    pub fn as_ptr(&self) -> *mut ff::AVFormatContext {
        self.ctx
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
