//! Demuxing: an input context, opened in three steps so that the middle one (FFmpeg's probing and
//! reading of the stream information, which calls the I/O callbacks) can run on a worker.

use std::ffi::{c_int, CString};
use std::ptr;
use std::sync::Arc;

use ffmpeg_sys_next as ff;

use crate::av;
use crate::dictionary::Dictionary;
use crate::error::{Error, Result};
use crate::format::common::{self, Common};
use crate::format::nested::{self, Hooks};
use crate::handle::{Kind, Native};
use crate::io::bridge::{Bridge, Bridged};
use crate::io::context::IoContext;
use crate::js::sys::Env;
use crate::log;
use crate::packet::Packet;

pub struct InputContext {
    pub common: Common,
    /// A read's failure on the fast path (see `read_frame_fast`), until the slow path reports it.
    failed_read: Option<(c_int, Vec<String>)>,
}

/// The outcome of `read_frame_fast`.
pub enum FastRead {
    Read,
    End,
    /// Kept for `take_failed_read`.
    Failed,
}

// SAFETY: used by one thread at a time: the JavaScript thread, or the worker an operation lends
// it to (see IoContext for the callbacks and references it holds).
unsafe impl Send for InputContext {}

impl Native for InputContext {
    const KIND: Kind = Kind::InputFormatContext;
    const NAME: &'static str = "InputFormatContext";

    fn native_size(&self) -> i64 {
        // An estimate: the context, its streams, the demuxer's private state and probe data come
        // to tens of kilobytes (about 90 KB measured for a small file).
        128 * 1024 + self.common.io().map_or(0, IoContext::native_size)
    }
}

/// Where an input comes from.
pub enum Input {
    /// An IOContext, and the name the input goes by (its URL to FFmpeg: relative references in
    /// it, such as a playlist's segments, resolve against it; nothing is opened by it).
    Io(IoContext, Option<CString>),
    /// A URL or path FFmpeg opens itself.
    Url(CString),
}

/// An input being opened: `new` and `finish` run on the JavaScript thread, `open` on either.
pub struct Opening {
    ctx: *mut ff::AVFormatContext,
    opened: bool,
    io: Option<IoContext>,
    hooks: Option<Hooks>,
    url: Option<CString>,
    format: *const ff::AVInputFormat,
    options: Dictionary,
}

// SAFETY: as for InputContext: the worker only runs `open`, while the JavaScript thread waits
// for it to come back; `format` is a static description.
unsafe impl Send for Opening {}

impl Opening {
    pub fn new(
        input: Input,
        format: Option<&'static ff::AVInputFormat>,
        options: Dictionary,
        hooks: Option<Hooks>,
    ) -> Result<Self> {
        let (mut io, url) = match input {
            Input::Io(io, name) => (Some(io), name),
            Input::Url(url) => (None, Some(url)),
        };
        let pb = match &mut io {
            Some(io) if !io.can_read() => {
                return Err(Error::Type(
                    "InputFormatContext needs an IOContext made from a buffer or with onread"
                        .into(),
                ))
            }
            Some(io) => io.open(false)?,
            None => ptr::null_mut(),
        };
        // SAFETY: plain allocation.
        let ctx = unsafe { ff::avformat_alloc_context() };
        if ctx.is_null() {
            return Err(Error::out_of_memory("Could not open input"));
        }
        // SAFETY: `ctx` is fresh; giving it `pb` before opening makes FFmpeg set
        // AVFMT_FLAG_CUSTOM_IO, so it never closes the AVIOContext that `io` owns. Over an
        // IOContext, nothing the data names is opened but through `onopen` (see nested.rs); a URL
        // input keeps FFmpeg's own behaviour unless it has `onopen`, which then opens the URL
        // too. The hooks live in `self`, then in the context's `Common`, as long as `ctx`.
        unsafe { (*ctx).pb = pb };
        if !pb.is_null() || hooks.is_some() {
            // SAFETY: as above.
            unsafe { nested::install(ctx, hooks.as_ref()) };
        }
        Ok(Self {
            ctx,
            opened: false,
            io,
            hooks,
            url,
            format: format.map_or(ptr::null(), |f| f as *const _),
            options,
        })
    }

    /// FFmpeg's part: probe, open and read the stream information, with its log captured. No
    /// JavaScript here.
    pub fn open(&mut self) -> (c_int, Vec<String>) {
        log::capture(|| {
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
        })
    }

    /// The open context and the names of the options nothing used, or the error `open` ran into.
    pub fn finish(
        mut self,
        env: Env,
        r: c_int,
        log: Vec<String>,
    ) -> Result<(InputContext, Vec<String>)> {
        let empty = self.io.as_ref().is_some_and(|io| io.bytes_read() == 0);
        if !self.opened {
            let nested_error = self.hooks.as_mut().and_then(|h| h.settle(env, true));
            let callback_error = self.io.as_mut().and_then(|io| io.settle(env, true));
            let callback_error = callback_error.or(nested_error);
            return Err(match callback_error {
                Some(error) => error,
                None if empty => {
                    Error::ffmpeg_text("Could not open input: the input is empty".into(), r)
                }
                None => match nested::hint(&log) {
                    Some(hint) => Error::ffmpeg("Could not open input", r)
                        .with_log(log)
                        .with_hint(hint),
                    None => Error::ffmpeg("Could not open input", r).with_log(log),
                },
            });
        }
        let ctx = std::mem::replace(&mut self.ctx, ptr::null_mut());
        let mut context = InputContext {
            common: Common::new(ctx, self.io.take(), self.hooks.take(), true),
            failed_read: None,
        };
        context
            .common
            .settle(env, "Could not read stream information", r, log)?;
        let unused = self.options.unused("demuxer")?;
        Ok((context, unused))
    }
}

impl Bridged for Opening {
    fn set_bridge(&mut self, bridge: Option<Arc<Bridge>>) {
        common::route(bridge, self.io.as_mut(), self.hooks.as_mut());
    }
}

impl Drop for Opening {
    fn drop(&mut self) {
        if let Some(hooks) = &mut self.hooks {
            hooks.quiet();
        }
        if self.opened && !self.ctx.is_null() {
            // SAFETY: `ctx` is ours unless `finish` took it (then it is null). With custom I/O
            // neither call closes `pb`, which `io` frees.
            unsafe { ff::avformat_close_input(&mut self.ctx) };
        } else if !self.ctx.is_null() {
            // SAFETY: as above.
            unsafe { ff::avformat_free_context(self.ctx) };
        }
    }
}

/// A seek request, checked: avformat_seek_file's arguments.
#[derive(Clone, Copy)]
pub struct Seek {
    pub stream: c_int,
    pub min: i64,
    pub timestamp: i64,
    pub max: i64,
    pub flags: c_int,
}

/// What a read of several packets produced: the packets, and how the reading ended.
pub struct Batch {
    pub packets: Vec<Packet>,
    pub code: c_int,
    pub log: Vec<String>,
}

/// av_read_frame, with the packet's time base set to its stream's (FFmpeg leaves it 0/1).
///
/// # Safety
/// `ctx` must be an open input and `pkt` a live packet, both used by this thread only.
unsafe fn read_packet(ctx: *mut ff::AVFormatContext, pkt: *mut ff::AVPacket) -> c_int {
    // SAFETY: as the caller guarantees.
    let r = unsafe { ff::av_read_frame(ctx, pkt) };
    if r >= 0 {
        // SAFETY: as the caller guarantees: a live packet, used by this thread only.
        let packet = unsafe { &mut *pkt };
        // SAFETY: a live context; a packet FFmpeg returned names one of its streams.
        let streams = unsafe { (*ctx).streams };
        // SAFETY: as above.
        let stream = unsafe { *streams.wrapping_add(packet.stream_index as usize) };
        // SAFETY: as above: a live stream.
        packet.time_base = unsafe { (*stream).time_base };
    }
    r
}

impl InputContext {
    /// Reads the next packet into `packet` (blanked first): false at the end.
    pub fn read_frame(&mut self, env: Env, packet: &mut Packet) -> Result<bool> {
        if self.failed_read.is_some() {
            self.take_failed_read(env)?;
        }
        packet.unref();
        let pkt = packet.as_ptr();
        // SAFETY: an open input and a blank packet we own.
        let r = self.common.run(env, "Could not read frame", |ctx| unsafe {
            read_packet(ctx, pkt)
        })?;
        Ok(r >= 0)
    }

    /// A read for the fast path (a V8 fast call, which must not run JavaScript): `None` when
    /// this input's reads may run some (callbacks, `onopen`). A failure is kept for
    /// `take_failed_read`, on the slow path, to report.
    pub fn read_frame_fast(&mut self, packet: &mut Packet) -> Option<FastRead> {
        if !self.common.runs_no_javascript() || self.failed_read.is_some() {
            return None;
        }
        let (r, log) = self.read_frame_raw(packet);
        Some(if r >= 0 {
            FastRead::Read
        } else if r == ff::AVERROR_EOF {
            FastRead::End
        } else {
            self.failed_read = Some((r, log));
            FastRead::Failed
        })
    }

    /// The error of the read `read_frame_fast` kept, as a slow read would have reported it.
    pub fn take_failed_read(&mut self, env: Env) -> Result<()> {
        let Some((r, log)) = self.failed_read.take() else {
            return Err(Error::State("No failed read to report".into()));
        };
        self.common.settle(env, "Could not read frame", r, log)?;
        Ok(())
    }

    /// FFmpeg's part of a read, for the worker: the result code and the log.
    pub fn read_frame_raw(&mut self, packet: &mut Packet) -> (c_int, Vec<String>) {
        packet.unref();
        let (ctx, pkt) = (self.common.as_ptr(), packet.as_ptr());
        // SAFETY: an open input and a blank packet, both lent to this thread.
        log::capture(|| unsafe { read_packet(ctx, pkt) })
    }

    /// Reads up to `max` packets (and about `max_bytes`), for `for await`: one trip to the worker
    /// for many packets.
    pub fn read_batch(&mut self, max: usize, max_bytes: i64) -> Batch {
        let ctx = self.common.as_ptr();
        let mut packets = Vec::new();
        let (code, log) = log::capture(|| {
            let mut bytes = 0i64;
            while packets.len() < max && bytes < max_bytes {
                let Some(packet) = Packet::alloc() else {
                    return ff::AVERROR(libc::ENOMEM);
                };
                // SAFETY: an open input lent to this thread, and a fresh packet.
                let r = unsafe { read_packet(ctx, packet.as_ptr()) };
                if r < 0 {
                    return r;
                }
                bytes += packet.get().size as i64;
                packets.push(packet);
            }
            0
        });
        Batch { packets, code, log }
    }

    /// Checks a seek before it is made: the stream exists, the input can seek.
    pub fn check_seek(&mut self, seek: &Seek) -> Result<()> {
        if seek.stream != -1 {
            self.common.stream(seek.stream as i64)?;
        }
        if self.common.io().is_some_and(|io| !io.can_seek()) {
            return Err(Error::State(
                "seek() needs an IOContext with onseek: this one reads a stream, which cannot go back"
                    .into(),
            ));
        }
        Ok(())
    }

    pub fn seek(&mut self, env: Env, seek: Seek) -> Result<()> {
        self.check_seek(&seek)?;
        let (r, log) = self.seek_raw(seek);
        self.common.settle(env, "Could not seek", r, log)?;
        Ok(())
    }

    /// FFmpeg's part of a seek (for the JavaScript thread or the worker): result and log.
    pub fn seek_raw(&mut self, seek: Seek) -> (c_int, Vec<String>) {
        let ctx = self.common.as_ptr();
        // SAFETY: a live input used by this thread alone; the seek was checked (check_seek) on
        // the JavaScript thread.
        log::capture(|| unsafe {
            ff::avformat_seek_file(
                ctx,
                seek.stream,
                seek.min,
                seek.timestamp,
                seek.max,
                seek.flags,
            )
        })
    }

    /// The index of the "best" stream of a type (FFmpeg's choice), -1 for none.
    pub fn best_stream(&mut self, kind: c_int) -> c_int {
        let Some(kind) = av::media_type(kind) else {
            return -1;
        };
        // SAFETY: a live input; `kind` is a valid media type.
        let r = unsafe {
            ff::av_find_best_stream(self.common.as_ptr(), kind, -1, -1, ptr::null_mut(), 0)
        };
        r.max(-1)
    }

    /// The demuxer's short name.
    pub fn format(&self) -> &'static ff::AVInputFormat {
        // SAFETY: an open input has a static demuxer description.
        unsafe { &*self.common.get().iformat }
    }

    /// FFmpeg's description of the input, on stderr (whatever the log level).
    pub fn dump(&self) {
        let ctx = self.common.as_ptr();
        // SAFETY: a live input; av_dump_format only reads it and logs.
        log::at_info(|| unsafe { ff::av_dump_format(ctx, 0, c"".as_ptr(), 0) });
    }
}
