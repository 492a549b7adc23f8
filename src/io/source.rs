//! What FFmpeg's I/O callbacks reach through `opaque`: the source or sink behind an IOContext,
//! and what its callbacks have done during the current operation.
//!
//! On the JavaScript thread the callbacks call JavaScript directly (`read`, `write`, `seek`). On a
//! worker (an asynchronous operation installed a bridge) each request is carried to the
//! JavaScript thread, where `prepare` makes the JavaScript call and `finish` checks its result.

use std::ffi::c_int;

use ffmpeg_sys_next as ff;

use crate::error::{Error, Result};
use crate::io::callbacks::Callbacks;
use crate::io::memory::Memory;
use crate::js::sys::{Env, Value};

/// Where the bytes come from or go to.
pub enum Source {
    Memory(Memory),
    Callbacks(Callbacks),
}

pub struct IoState {
    pub env: Env,
    pub source: Source,
    /// The first error a callback raised during the current operation (an exception JavaScript
    /// threw, or ours for an invalid result). The operation that triggered the callback throws
    /// it; FFmpeg itself only sees `AVERROR_EXTERNAL`.
    pub failure: Option<Error>,
    /// Bytes delivered to FFmpeg so far; tells an empty input apart from an unreadable one.
    pub bytes_read: u64,
    /// Whether FFmpeg asked to seek and there was no `onseek` to ask.
    pub seek_refused: bool,
}

/// What FFmpeg asked for, as carried to the JavaScript thread while FFmpeg runs on a worker. The
/// pointers are FFmpeg's buffer, valid while the worker waits for the answer.
#[derive(Clone, Copy)]
pub enum Request {
    Read {
        buf: *mut u8,
        len: usize,
    },
    Write {
        buf: *const u8,
        len: usize,
    },
    Seek {
        offset: i64,
        whence: i32,
    },
    /// A nested open (see format/nested.rs): FFmpeg's URL (a C string) and AVIO flags.
    Open {
        url: *const std::ffi::c_char,
        flags: c_int,
    },
    /// FFmpeg closed nested AVIOContexts: release them (their `onclose` runs) now.
    Close,
}

/// What a bridge serves on the JavaScript thread while FFmpeg waits on a worker: an IOContext's
/// state, or a format context's nested-open hooks.
pub trait Serve {
    /// The JavaScript call serving `request`, or its result when no JavaScript is needed.
    fn prepare(&mut self, env: Env, request: Request) -> Result<Prepared>;
    /// What the call gave (after its Promise settled), as FFmpeg's result.
    fn finish(&mut self, env: Env, request: Request, value: Value) -> i64;
    /// Records the call's failure; FFmpeg's error code.
    fn fail(&mut self, error: Error) -> c_int;
}

impl IoState {
    pub fn new(env: Env, source: Source) -> Self {
        Self {
            env,
            source,
            failure: None,
            bytes_read: 0,
            seek_refused: false,
        }
    }

    pub fn can_seek(&self) -> bool {
        match &self.source {
            Source::Memory(_) => true,
            Source::Callbacks(c) => c.can_seek(),
        }
    }

    /// Records a callback's failure (the first one counts) and gives FFmpeg its error code.
    pub fn fail(&mut self, error: Error) -> c_int {
        if self.failure.is_none() {
            self.failure = Some(error);
        }
        ff::AVERROR_EXTERNAL
    }

    pub fn read(&mut self, buf: &mut [u8]) -> c_int {
        let env = self.env;
        let result = match &mut self.source {
            Source::Memory(m) => Ok(m.read(env, buf)),
            Source::Callbacks(c) => c.read(env, buf),
        };
        self.settle_read(result)
    }

    /// A read's result as FFmpeg wants it: 0 bytes is the end of the input.
    fn settle_read(&mut self, result: Result<usize>) -> c_int {
        match result {
            Ok(0) => ff::AVERROR_EOF,
            Ok(n) => {
                self.bytes_read += n as u64;
                n as c_int
            }
            Err(e) => self.fail(e),
        }
    }

    pub fn write(&mut self, buf: &[u8]) -> c_int {
        let env = self.env;
        let result = match &mut self.source {
            Source::Memory(_) => Ok(ff::AVERROR(libc::ENOSYS)),
            Source::Callbacks(c) => c.write(env, buf),
        };
        result.unwrap_or_else(|e| self.fail(e))
    }

    pub fn seek(&mut self, offset: i64, whence: c_int) -> i64 {
        let env = self.env;
        let whence = without_force(whence);
        let result = match &mut self.source {
            Source::Memory(m) => Ok(m.seek(env, offset, whence)),
            Source::Callbacks(c) if !c.can_seek() => {
                // FFmpeg needed to seek and there is no `onseek`: say so later.
                if whence != ff::AVSEEK_SIZE as c_int {
                    self.seek_refused = true;
                }
                Ok(ff::AVERROR(libc::ESPIPE) as i64)
            }
            Source::Callbacks(c) => c.seek(env, offset, whence),
        };
        result.unwrap_or_else(|e| self.fail(e) as i64)
    }
}

impl Serve for IoState {
    /// Asynchronous path, on the JavaScript thread: the callback and arguments serving
    /// `request`, or the result itself when no JavaScript is needed (a buffer source).
    fn prepare(&mut self, env: Env, request: Request) -> Result<Prepared> {
        let Source::Callbacks(callbacks) = &mut self.source else {
            return Ok(Prepared::Done(self.serve_inline(request)));
        };
        let undefined = env.undefined();
        Ok(match request {
            Request::Read { len, .. } => {
                let (f, [a, b]) = callbacks.read_call(env, len)?;
                Prepared::Call(f, a, b)
            }
            Request::Write { buf, len } => {
                // SAFETY: the worker waits while this request is served; `buf` holds `len` bytes.
                let bytes = unsafe { std::slice::from_raw_parts(buf, len) };
                let (f, [a]) = callbacks.write_call(env, bytes)?;
                Prepared::Call(f, a, undefined)
            }
            Request::Seek { offset, whence } if callbacks.can_seek() => {
                let (f, [a, b]) = callbacks.seek_call(env, offset, without_force(whence))?;
                Prepared::Call(f, a, b)
            }
            Request::Seek { offset, whence } => Prepared::Done(self.seek(offset, whence)),
            Request::Open { .. } | Request::Close => {
                Prepared::Done(ff::AVERROR(libc::ENOSYS) as i64)
            }
        })
    }

    /// Asynchronous path: what the callback gave (after its Promise settled), as FFmpeg's result.
    fn finish(&mut self, env: Env, request: Request, value: Value) -> i64 {
        let Source::Callbacks(callbacks) = &mut self.source else {
            return ff::AVERROR(libc::ENOSYS) as i64;
        };
        match request {
            Request::Read { buf, len } => {
                // SAFETY: the worker waits while this request is served; FFmpeg gave `len`
                // writable bytes at `buf`.
                let buf = unsafe { std::slice::from_raw_parts_mut(buf, len) };
                let result = callbacks.read_finish(env, value, buf);
                self.settle_read(result) as i64
            }
            Request::Write { len, .. } => match callbacks.write_finish(env, value, len) {
                Ok(n) => n as i64,
                Err(e) => IoState::fail(self, e) as i64,
            },
            Request::Seek { .. } => match callbacks.seek_finish(env, value) {
                Ok(position) => position,
                Err(e) => IoState::fail(self, e) as i64,
            },
            Request::Open { .. } | Request::Close => ff::AVERROR(libc::ENOSYS) as i64,
        }
    }

    fn fail(&mut self, error: Error) -> c_int {
        IoState::fail(self, error)
    }
}

impl IoState {
    /// A buffer source serves requests itself, on the JavaScript thread (its memory is a
    /// JavaScript value, looked up there).
    fn serve_inline(&mut self, request: Request) -> i64 {
        match request {
            Request::Read { buf, len } => {
                // SAFETY: as in `finish`.
                let buf = unsafe { std::slice::from_raw_parts_mut(buf, len) };
                self.read(buf) as i64
            }
            Request::Write { .. } => ff::AVERROR(libc::ENOSYS) as i64,
            Request::Seek { offset, whence } => self.seek(offset, whence),
            Request::Open { .. } | Request::Close => ff::AVERROR(libc::ENOSYS) as i64,
        }
    }
}

/// FFmpeg may OR AVSEEK_FORCE into `whence`; it is a hint we have no use for.
pub fn without_force(whence: c_int) -> c_int {
    whence & !(ff::AVSEEK_FORCE as c_int)
}

/// How a request is served on the JavaScript thread.
pub enum Prepared {
    /// Call this function with these arguments (through `callAsync`).
    Call(Value, Value, Value),
    /// Already served; FFmpeg's result.
    Done(i64),
}

#[cfg(test)]
mod tests {
    use super::without_force;
    use ffmpeg_sys_next as ff;

    #[test]
    fn force_is_masked_off() {
        let force = ff::AVSEEK_FORCE;
        assert_eq!(without_force(libc::SEEK_END | force), libc::SEEK_END);
        assert_eq!(without_force(ff::AVSEEK_SIZE | force), ff::AVSEEK_SIZE);
        assert_eq!(without_force(libc::SEEK_SET), libc::SEEK_SET);
    }
}
