//! Errors as JavaScript sees them.
//!
//! FFmpeg failures become `FFmpegError` (the class lives in `lib/errors.js`; JavaScript hands us a
//! factory for it at load time) with a message that says what was being done, FFmpeg's own text,
//! a `code` name such as `AVERROR_INVALIDDATA`, and the raw `errno`. Bad arguments are plain
//! `TypeError`/`RangeError` values that name the argument.

use std::cell::RefCell;
use std::ffi::{c_int, CStr};

use bare_rust::{Function, Ref, Value};
use ffmpeg_sys_next as ff;

use crate::js::Env;

thread_local! {
    // One per JavaScript thread: each Bare thread loads the addon with its own environment.
    static FACTORY: RefCell<Option<Ref>> = const { RefCell::new(None) };
}

/// Remembers `(message, code, errno) => new FFmpegError(...)` until the environment is torn
/// down. The reference must go then, while the environment still exists: a thread-local
/// destructor at process exit would be too late.
pub fn set_factory(env: Env, factory: Value) {
    let previous = FACTORY.with(|slot| slot.replace(Some(Ref::new(&env.js(), factory))));
    if previous.is_none() {
        env.on_teardown(forget_factory);
    }
}

fn forget_factory() {
    FACTORY.with(|slot| drop(slot.take()));
}

// bare-rust's error constructors panic (aborting the process) if a JavaScript exception is
// already pending. We never leave one pending on purpose; should one be, it is the better error
// to report, so it is taken instead.

pub fn error(env: Env, message: &str) -> Value {
    pending(env).unwrap_or_else(|| bare_rust::Error::new(&env.js(), message).into())
}

pub fn type_error(env: Env, message: &str) -> Value {
    pending(env).unwrap_or_else(|| bare_rust::TypeError::new(&env.js(), message).into())
}

pub fn range_error(env: Env, message: &str) -> Value {
    pending(env).unwrap_or_else(|| bare_rust::RangeError::new(&env.js(), message).into())
}

fn pending(env: Env) -> Option<Value> {
    let js = env.js();
    js.is_exception_pending().then(|| js.pending_exception())
}

/// `FFmpegError` for `code`, e.g. "Could not open input: Invalid data found when processing input".
pub fn ffmpeg_error(env: Env, doing: &str, code: c_int) -> Value {
    let message = format!("{doing}: {}", describe(code));
    build(env, &message, &name(code), code)
}

/// `FFmpegError` with our own explanation instead of FFmpeg's text (e.g. for an empty input).
pub fn ffmpeg_error_with(env: Env, message: &str, code: c_int) -> Value {
    build(env, message, &name(code), code)
}

fn build(env: Env, message: &str, name: &str, code: c_int) -> Value {
    let factory = FACTORY.with(|slot| slot.borrow().as_ref().map(|f| f.get::<Function>()));
    let Some(factory) = factory else {
        return error(env, message);
    };
    let args = (|| -> Result<[Value; 3], Value> {
        Ok([
            env.string(message)?,
            env.string(name)?,
            env.number(code as f64),
        ])
    })();
    let args = match args {
        Ok(args) => args,
        Err(e) => return e,
    };
    let receiver = env.undefined();
    factory.call(receiver, &args).unwrap_or_else(|e| e)
}

/// FFmpeg's own text for an error code. Never "Success": a code that is not an error says so.
pub fn describe(code: c_int) -> String {
    if code >= 0 {
        return format!("unexpected result {code} (not an error code)");
    }
    let mut buf = [0 as std::ffi::c_char; 128];
    // SAFETY: av_strerror writes a NUL-terminated string of at most `buf.len()` bytes.
    unsafe { ff::av_strerror(code, buf.as_mut_ptr(), buf.len()) };
    // SAFETY: the buffer is NUL-terminated, as av_strerror guarantees even when truncating.
    unsafe { CStr::from_ptr(buf.as_ptr()) }
        .to_string_lossy()
        .into_owned()
}

/// The symbolic name of an error code, e.g. `AVERROR_EOF` or `ENOMEM`.
pub fn name(code: c_int) -> String {
    const TAGS: &[(c_int, &str)] = &[
        (ff::AVERROR_EOF, "AVERROR_EOF"),
        (ff::AVERROR_INVALIDDATA, "AVERROR_INVALIDDATA"),
        (ff::AVERROR_EXTERNAL, "AVERROR_EXTERNAL"),
        (ff::AVERROR_BUG, "AVERROR_BUG"),
        (ff::AVERROR_BUG2, "AVERROR_BUG"),
        (ff::AVERROR_UNKNOWN, "AVERROR_UNKNOWN"),
        (ff::AVERROR_PATCHWELCOME, "AVERROR_PATCHWELCOME"),
        (ff::AVERROR_MUXER_NOT_FOUND, "AVERROR_MUXER_NOT_FOUND"),
        (ff::AVERROR_DEMUXER_NOT_FOUND, "AVERROR_DEMUXER_NOT_FOUND"),
        (ff::AVERROR_STREAM_NOT_FOUND, "AVERROR_STREAM_NOT_FOUND"),
        (ff::AVERROR_DECODER_NOT_FOUND, "AVERROR_DECODER_NOT_FOUND"),
        (ff::AVERROR_ENCODER_NOT_FOUND, "AVERROR_ENCODER_NOT_FOUND"),
        (ff::AVERROR_OPTION_NOT_FOUND, "AVERROR_OPTION_NOT_FOUND"),
        (ff::AVERROR_EXIT, "AVERROR_EXIT"),
    ];
    const ERRNOS: &[(c_int, &str)] = &[
        (libc_errno::EPERM, "EPERM"),
        (libc_errno::ENOENT, "ENOENT"),
        (libc_errno::EIO, "EIO"),
        (libc_errno::EAGAIN, "EAGAIN"),
        (libc_errno::ENOMEM, "ENOMEM"),
        (libc_errno::EINVAL, "EINVAL"),
        (libc_errno::ENOSPC, "ENOSPC"),
        (libc_errno::ESPIPE, "ESPIPE"),
        (libc_errno::ERANGE, "ERANGE"),
        (libc_errno::ENOSYS, "ENOSYS"),
    ];
    if let Some((_, name)) = TAGS.iter().find(|(c, _)| *c == code) {
        return (*name).into();
    }
    if let Some((_, name)) = ERRNOS.iter().find(|(e, _)| -*e == code) {
        return (*name).into();
    }
    format!("AVERROR({code})")
}

/// The POSIX error numbers FFmpeg wraps with `AVERROR(e)` (Linux values, as FFmpeg's are).
pub mod libc_errno {
    use std::ffi::c_int;
    pub const EPERM: c_int = 1;
    pub const ENOENT: c_int = 2;
    pub const EIO: c_int = 5;
    pub const EAGAIN: c_int = 11;
    pub const ENOMEM: c_int = 12;
    pub const EINVAL: c_int = 22;
    pub const ENOSPC: c_int = 28;
    pub const ESPIPE: c_int = 29;
    pub const ERANGE: c_int = 34;
    pub const ENOSYS: c_int = 38;
}

/// FFmpeg's `AVERROR(e)`.
pub const fn averror(errno: c_int) -> c_int {
    -errno
}
