//! Nested opens. Some demuxers open further resources named inside the data (`concat` scripts,
//! `hls` playlists, `mov` data references, `image2` patterns) and some muxers write further files
//! (`hls`, `segment`, `dash`). Media comes from untrusted peers: a context over an IOContext must
//! not open a file or URL because its bytes say so.
//!
//! Every such open goes through the context's `io_open` hook (our FFmpeg build makes the concat
//! demuxer's nested inputs inherit it, see ffmpeg/patches.cmake). Without `onopen` the hook
//! refuses, with a log line naming who asked for what. With `onopen` (`Hooks`) the app serves the
//! open: its function returns an IOContext, which FFmpeg uses and closes through `io_close2`, or
//! null to refuse. Either way the protocol whitelist is empty, so that nothing FFmpeg might open
//! without the hook gets through.

use std::ffi::{c_char, c_int, CStr, CString};
use std::ptr;
use std::sync::Arc;

use ffmpeg_sys_next as ff;

use crate::error::{Error, Result};
use crate::handle::Slot;
use crate::io::bridge::Bridge;
use crate::io::context::IoContext;
use crate::io::source::{Prepared, Request, Serve};
use crate::js::sys::{Env, Kind, Reference, Value};
use crate::log;
use crate::served;

/// The app's `onopen`, for one format context (and the inputs nested in it): owns the IOContexts
/// it handed to FFmpeg until FFmpeg closes them.
pub struct Hooks {
    // Raw, not `Box`: FFmpeg holds this pointer as the context's `opaque`, and the hooks reach
    // the state through it while the owning context is borrowed by the running operation.
    opener: *mut Opener,
}

// SAFETY: as for IoContext: used by one thread at a time (the JavaScript thread, or the worker
// the owning context is lent to, where JavaScript is only reached through the bridge); its
// references are only used and dropped on the JavaScript thread.
unsafe impl Send for Hooks {}

struct Opener {
    env: Env,
    /// `open(url, flags)` from lib/opener.js: an IOContext handle, null to refuse, or (for an
    /// operation on a worker) a Promise of either. Held weakly, as I/O callbacks are: the format
    /// context's JavaScript object holds it.
    open: Reference,
    /// `closed(handle)`: FFmpeg closed the IOContext behind `handle` (its `onclose` runs).
    closed: Reference,
    /// What FFmpeg has open now.
    nested: Vec<Nested>,
    /// What FFmpeg closed, to be dropped and reported on the JavaScript thread (`settle`).
    closing: Vec<Nested>,
    bridge: Option<Arc<Bridge>>,
    /// The first error of `onopen` (an exception, or a result we cannot use) in this operation.
    failure: Option<Error>,
    /// The AVIOContext an open served through the bridge produced.
    opened: *mut ff::AVIOContext,
    /// Set while the owning context is freed: nested outputs are dropped without flushing, and
    /// no JavaScript runs.
    quiet: bool,
}

struct Nested {
    avio: *mut ff::AVIOContext,
    io: IoContext,
    /// The IOContext's handle, for `closed`.
    handle: Reference,
}

/// How the app answered an open.
enum Answer {
    Opened(*mut ff::AVIOContext),
    Refused,
    Failed,
}

/// What `finish` reports through the bridge for `Answer::Refused` (opened is 0, failed < 0).
const REFUSED: i64 = 1;

impl Hooks {
    pub fn new(env: Env, open: Value, closed: Value) -> Self {
        Self {
            opener: Box::into_raw(Box::new(Opener {
                env,
                open: Reference::weak(env, open),
                closed: Reference::weak(env, closed),
                nested: Vec::new(),
                closing: Vec::new(),
                bridge: None,
                failure: None,
                opened: ptr::null_mut(),
                quiet: false,
            })),
        }
    }

    fn opener(&mut self) -> &mut Opener {
        // SAFETY: valid from `new` until `drop`; `&mut self` means no FFmpeg call runs on it.
        unsafe { &mut *self.opener }
    }

    /// Routes `onopen` and the nested IOContexts' callbacks through `bridge` (an operation on a
    /// worker starts), or back to direct calls.
    pub fn set_bridge(&mut self, bridge: Option<Arc<Bridge>>) {
        let opener = self.opener();
        for nested in &mut opener.nested {
            nested.io.set_bridge(bridge.clone());
        }
        opener.bridge = bridge;
    }

    /// After an FFmpeg call, on the JavaScript thread: the error of `onopen`, of a nested
    /// IOContext's callbacks (as for the context's own IOContext, see `IoContext::settle`) or of
    /// a nested IOContext's closing.
    pub fn settle(&mut self, env: Env, failed: bool) -> Option<Error> {
        let opener = self.opener();
        opener.release_closed(env);
        let mut error = opener.failure.take();
        for nested in &mut opener.nested {
            let e = nested.io.settle(env, failed);
            error = error.or(e);
        }
        error
    }

    /// The owning context is about to be freed: what FFmpeg closes meanwhile is dropped
    /// without running JavaScript (the JavaScript side releases its IOContexts itself).
    pub fn quiet(&mut self) {
        let opener = self.opener();
        opener.quiet = true;
        for nested in &mut opener.nested {
            nested.io.silence();
        }
    }
}

impl Drop for Hooks {
    fn drop(&mut self) {
        // SAFETY: made by `Box::into_raw` in `new`; the owning context was freed before this
        // (it is dropped first), so FFmpeg no longer holds the pointer.
        drop(unsafe { Box::from_raw(self.opener) });
    }
}

/// Installs the hooks on a fresh context, before it is opened: `hooks` serves nested opens, or
/// with `None` every one is refused.
///
/// # Safety
/// `ctx` must be a live format context that no other thread uses; `hooks` must outlive it.
pub unsafe fn install(ctx: *mut ff::AVFormatContext, hooks: Option<&Hooks>) {
    // SAFETY: as the caller guarantees; `protocol_whitelist` is FFmpeg-allocated (or null) and
    // freed by FFmpeg with the context. An allocation failure leaves it null: `io_open` still
    // decides.
    let c = unsafe { &mut *ctx };
    c.io_open = Some(open_hook);
    c.io_close2 = Some(close_hook);
    c.opaque = hooks.map_or(ptr::null_mut(), |h| h.opener.cast());
    // SAFETY: FFmpeg's string (or null), freed and replaced by FFmpeg's.
    unsafe { ff::av_freep(ptr::addr_of_mut!(c.protocol_whitelist).cast()) };
    // SAFETY: a NUL-terminated string, copied.
    c.protocol_whitelist = unsafe { ff::av_strdup(c"none".as_ptr()) };
}

/// For a muxer whose files `onopen` serves: makes those that delete old files (hls, dash) ask
/// `io_open` for it (their `method` option, which they otherwise only pass on to HTTP), so that
/// the hook refuses it, rather than unlinking a path themselves.
///
/// # Safety
/// `ctx` is a live output context used by no one else.
pub unsafe fn route_deletions(ctx: *mut ff::AVFormatContext) {
    // SAFETY: as the caller guarantees; a muxer's private options (or null) belong to it. A
    // muxer without the option keeps its behaviour (AVERROR_OPTION_NOT_FOUND, ignored).
    let private = unsafe { (*ctx).priv_data };
    if !private.is_null() {
        // SAFETY: the muxer's private options, an AVClass object; NUL-terminated strings.
        unsafe { ff::av_opt_set(private, c"method".as_ptr(), c"PUT".as_ptr(), 0) };
    }
}

/// Whether FFmpeg's `options` for an open ask to delete the file (the hls muxer's old segments).
fn deletes(options: *mut *mut ff::AVDictionary) -> bool {
    if options.is_null() {
        return false;
    }
    // SAFETY: FFmpeg passes its options dictionary (or null); the entry, if any, is read at once.
    let dictionary = unsafe { *options };
    // SAFETY: a dictionary (or null) and a NUL-terminated key.
    let entry = unsafe { ff::av_dict_get(dictionary, c"method".as_ptr(), ptr::null(), 0) };
    // SAFETY: an entry of the dictionary, or null.
    let Some(entry) = (unsafe { entry.as_ref() }) else {
        return false;
    };
    // SAFETY: an entry's value is a C string.
    unsafe { CStr::from_ptr(entry.value) }.to_bytes() == b"DELETE"
}

/// The `io_open` hook.
unsafe extern "C" fn open_hook(
    s: *mut ff::AVFormatContext,
    pb: *mut *mut ff::AVIOContext,
    url: *const c_char,
    flags: c_int,
    options: *mut *mut ff::AVDictionary,
) -> c_int {
    // SAFETY: FFmpeg calls this with its context, an out pointer and a C string (or null); the
    // context's `opaque` is null or the `Opener` of the Hooks that outlive it (`install`).
    unsafe { *pb = ptr::null_mut() };
    // SAFETY: as above.
    let opener = unsafe { (*s).opaque.cast::<Opener>() };
    let url = if url.is_null() {
        c""
    } else {
        // SAFETY: as above.
        unsafe { CStr::from_ptr(url) }
    };
    let url = served::unserved(url);
    // SAFETY: a context is an AVClass object; see above for the rest.
    let who = unsafe { asker(&*s) };
    let shown = url.to_string_lossy();
    if deletes(options) {
        log(
            s,
            ff::AV_LOG_ERROR,
            &format!(
                "{who} tried to delete '{shown}': refused (FFmpeg deletes no file for an app; \
                 delete old segments in the app, as onclose reports them done)"
            ),
        );
        // The call fails (`fail_call`), but FFmpeg hears "done, nothing to close": the hls muxer
        // frees its list of old segments only when their deletion succeeds (hlsenc.c's
        // hls_delete_old_segments leaks it on failure), and hls and dash close a null context
        // without a word.
        log::fail_call(ff::AVERROR(libc::EPERM));
        return 0;
    }
    if opener.is_null() {
        log(
            s,
            ff::AV_LOG_ERROR,
            &format!(
                "{who} tried to open '{shown}': nested opens are off for a context over an \
                 IOContext (its data cannot make FFmpeg open files or URLs; pass onopen to serve \
                 them)"
            ),
        );
        // Some callers log a failed open and carry on (the hls muxer then writes nothing at
        // all): the call fails all the same, with the line above in its error.
        let code = ff::AVERROR(libc::EPERM);
        log::fail_call(code);
        return code;
    }
    // SAFETY: see above.
    match unsafe { Opener::answer(opener, url, flags) } {
        Answer::Opened(avio) => {
            // SAFETY: the out pointer FFmpeg gave.
            unsafe { *pb = avio };
            0
        }
        Answer::Refused => {
            log(
                s,
                ff::AV_LOG_WARNING,
                &format!("{who} tried to open '{shown}': onopen refused it"),
            );
            ff::AVERROR(libc::EPERM)
        }
        Answer::Failed => {
            log(
                s,
                ff::AV_LOG_WARNING,
                &format!("{who} tried to open '{shown}': onopen failed"),
            );
            log::fail_call(ff::AVERROR_EXTERNAL);
            ff::AVERROR_EXTERNAL
        }
    }
}

/// The `io_close2` hook: FFmpeg is done with a nested AVIOContext. It is released at once (its
/// `onclose` runs: a segment's file is complete, and a writer that allows one file at a time can
/// take the next), on the JavaScript thread.
unsafe extern "C" fn close_hook(s: *mut ff::AVFormatContext, pb: *mut ff::AVIOContext) -> c_int {
    // SAFETY: as in `open_hook`; FFmpeg hands over an AVIOContext it got from `open_hook` (or,
    // should any FFmpeg code open one by other means, one of its own). The reference to the
    // opener ends before the bridge call, during which the JavaScript thread uses it.
    let opener = unsafe { (*s).opaque.cast::<Opener>() };
    // SAFETY: as above.
    let found = unsafe { opener.as_mut() }
        .and_then(|o| o.nested.iter().position(|n| n.avio == pb).map(|i| (o, i)));
    let Some((this, i)) = found else {
        // SAFETY: an AVIOContext of FFmpeg's own: its default.
        return unsafe { ff::avio_close(pb) };
    };
    // As FFmpeg's avio_close: what a writer buffered goes out first.
    let mut r = 0;
    // SAFETY: as above: ours, open until now.
    let avio = unsafe { &mut *pb };
    if !this.quiet && avio.write_flag != 0 {
        // SAFETY: as above.
        unsafe { ff::avio_flush(avio) };
        r = avio.error;
    }
    let nested = this.nested.swap_remove(i);
    this.closing.push(nested);
    if this.quiet {
        return r; // dropped with the hooks, without JavaScript
    }
    match this.bridge.clone() {
        Some(bridge) => {
            bridge.call(opener as *mut dyn Serve, Request::Close);
        }
        None => this.release_closed(this.env),
    }
    r
}

impl Opener {
    /// Asks the app for `url`: directly on the JavaScript thread, through the bridge on a worker.
    ///
    /// # Safety
    /// `this` must be a live `Opener` that nothing else uses during the call.
    unsafe fn answer(this: *mut Opener, url: &CStr, flags: c_int) -> Answer {
        // SAFETY: as the caller guarantees; the references end before the bridge call, during
        // which the JavaScript thread serves the request through the raw pointer.
        let opener = unsafe { &*this };
        if opener.failure.is_some() || opener.quiet {
            return Answer::Failed;
        }
        let bridge = opener.bridge.clone();
        if let Some(bridge) = bridge {
            let request = Request::Open {
                url: url.as_ptr(),
                flags,
            };
            let r = bridge.call(this as *mut dyn Serve, request);
            return match r {
                0 => Answer::Opened(std::mem::replace(
                    // SAFETY: the JavaScript thread is done with the request.
                    unsafe { &mut (*this).opened },
                    ptr::null_mut(),
                )),
                REFUSED => Answer::Refused,
                _ => Answer::Failed,
            };
        }
        // SAFETY: as the caller guarantees.
        let opener = unsafe { &mut *this };
        let env = opener.env;
        let result = opener
            .call(env, url, flags)
            .and_then(|(function, a, b)| {
                env.call(function, &[a, b])
                    .map_err(|thrown| Error::thrown(env, thrown))
            })
            .and_then(|value| opener.accept(env, value, flags));
        match result {
            Ok(Some(avio)) => Answer::Opened(avio),
            Ok(None) => Answer::Refused,
            Err(error) => {
                opener.fail(error);
                Answer::Failed
            }
        }
    }

    /// On the JavaScript thread: drops what FFmpeg closed and tells JavaScript (`closed(handle)`:
    /// the IOContext's `onclose` runs). Errors (of its callbacks, or thrown by `onclose`) are
    /// the operation's.
    fn release_closed(&mut self, env: Env) {
        let closed = self.closed.get();
        for Nested { mut io, handle, .. } in std::mem::take(&mut self.closing) {
            if let Some(error) = io.settle(env, true) {
                self.fail(error);
            }
            drop(io);
            if let (Some(closed), Some(handle)) = (closed, handle.get()) {
                if let Err(thrown) = env.call(closed, &[handle]) {
                    self.fail(Error::thrown(env, thrown));
                }
            }
        }
    }

    /// The JavaScript call `open(url, flags)`.
    fn call(&self, env: Env, url: &CStr, flags: c_int) -> Result<(Value, Value, Value)> {
        let function = self.open.get().ok_or_else(|| {
            Error::State("onopen is gone: its format context was collected".into())
        })?;
        let url = env
            .string(&url.to_string_lossy())
            .ok_or_else(|| Error::out_of_memory("Could not pass a URL to onopen"))?;
        Ok((function, url, env.number(flags as f64)))
    }

    /// What `open` returned: the IOContext behind a handle (now ours), or null to refuse.
    fn accept(
        &mut self,
        env: Env,
        value: Value,
        flags: c_int,
    ) -> Result<Option<*mut ff::AVIOContext>> {
        if env.is(value, Kind::js_null) || env.is(value, Kind::js_undefined) {
            return Ok(None);
        }
        if env.is_thenable(value) {
            return Err(Error::Type(
                "onopen returned a Promise: use the async methods (InputFormatContext.open(), \
                 readFrameAsync(), seekAsync(), writeHeaderAsync(), writeFrameAsync(), \
                 writeTrailerAsync())"
                    .into(),
            ));
        }
        let mut io = Slot::<IoContext>::take_from(env, value)?;
        let handle = Reference::strong(env, value);
        let writing = flags & ff::AVIO_FLAG_WRITE as c_int != 0;
        let opened = if writing && !io.can_write() {
            Err(Error::Type(
                "onopen: FFmpeg opens this for writing, and the IOContext has no onwrite".into(),
            ))
        } else if !writing && !io.can_read() {
            Err(Error::Type(
                "onopen: FFmpeg opens this for reading, and the IOContext has no onread".into(),
            ))
        } else {
            io.open(writing)
        };
        match opened {
            Ok(avio) => {
                io.set_bridge(self.bridge.clone());
                self.nested.push(Nested { avio, io, handle });
                Ok(Some(avio))
            }
            Err(error) => {
                // Ours now: released (its onclose run) when this operation settles.
                self.closing.push(Nested {
                    avio: ptr::null_mut(),
                    io,
                    handle,
                });
                Err(error)
            }
        }
    }
}

impl Serve for Opener {
    fn prepare(&mut self, env: Env, request: Request) -> Result<Prepared> {
        let (url, flags) = match request {
            Request::Open { url, flags } => (url, flags),
            Request::Close => {
                self.release_closed(env);
                return Ok(Prepared::Done(0));
            }
            _ => return Ok(Prepared::Done(ff::AVERROR(libc::ENOSYS) as i64)),
        };
        // SAFETY: the worker waits while this request is served; `url` is FFmpeg's C string.
        let url = unsafe { CStr::from_ptr(url) };
        let (function, a, b) = self.call(env, url, flags)?;
        Ok(Prepared::Call(function, a, b))
    }

    fn finish(&mut self, env: Env, request: Request, value: Value) -> i64 {
        let Request::Open { flags, .. } = request else {
            return ff::AVERROR(libc::ENOSYS) as i64;
        };
        match self.accept(env, value, flags) {
            Ok(Some(avio)) => {
                self.opened = avio;
                0
            }
            Ok(None) => REFUSED,
            Err(error) => self.fail(error) as i64,
        }
    }

    fn fail(&mut self, error: Error) -> c_int {
        self.failure.get_or_insert(error);
        ff::AVERROR_EXTERNAL
    }
}

fn log(s: *mut ff::AVFormatContext, level: c_int, line: &str) {
    if let Ok(line) = CString::new(format!("{line}\n")) {
        // SAFETY: `s` is a context (an AVClass object) and the format takes one C string.
        unsafe { ff::av_log(s.cast(), level, c"%s".as_ptr(), line.as_ptr()) };
    }
}

/// Who is opening: "the hls demuxer", "the segment muxer", or, for a context still being
/// opened (the entry of a concat script, or the input of a URL context), "an input".
fn asker(s: &ff::AVFormatContext) -> String {
    // SAFETY: a context's format descriptions are static, their names C strings.
    let name = |p: *const c_char| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned();
    // SAFETY: as above.
    if let Some(f) = unsafe { s.iformat.as_ref() } {
        format!("the {} demuxer", name(f.name))
    // SAFETY: as above.
    } else if let Some(f) = unsafe { s.oformat.as_ref() } {
        format!("the {} muxer", name(f.name))
    } else {
        "an input being opened (a concat script's entry, or a URL input)".to_string()
    }
}

/// Advice for an error whose log shows a refused nested open.
pub fn hint(log: &[String]) -> Option<&'static str> {
    log.iter()
        .any(|line| {
            line.contains("not on whitelist 'none'") || line.contains("nested opens are off")
        })
        .then_some(
            "FFmpeg tried to open another file or URL (one the data named: a concat entry, a \
             playlist's segment, a reference; or a muxer's further files), and a context over \
             an IOContext opens nothing by itself: pass onopen to serve such opens \
             (docs/security.md)",
        )
}
