//! A source or sink made of JavaScript functions: `onread`, `onwrite`, `onseek`.
//!
//! We hold the functions weakly. The `IOContext` object in JavaScript holds them strongly, and
//! every format context holds its `IOContext`, so they are alive whenever FFmpeg can call them.
//! A strong reference would be a root the garbage collector cannot see through: a callback that
//! closes over its own IOContext would then keep everything alive forever.
//!
//! Every result is validated before FFmpeg sees it (`read_count`, `write_count`, `seek_result`):
//! a read count must be an integer from 0 to the length asked for, a position must be a safe
//! integer; `onwrite` is handed every byte, so what it returns is not a count.

use std::ffi::c_int;

use ffmpeg_sys_next as ff;

use crate::error::{Error, Result};
use crate::js::args::{describe, MAX_SAFE_INTEGER};
use crate::js::sys::{Env, Reference, Value};

pub struct Callbacks {
    read: Option<Reference>,
    write: Option<Reference>,
    seek: Option<Reference>,
    /// The buffer handed to `onread`, reused while it is large enough. JavaScript only ever sees
    /// this zero-initialised buffer, never FFmpeg's own (possibly uninitialised) memory.
    scratch: Option<(Reference, usize)>,
}

/// How a callback's result looked, for the checks (a number, `undefined`, a Promise, other).
pub enum Returned {
    Number(f64),
    Undefined,
    Promise,
    Other(String),
}

impl Returned {
    pub fn of(env: Env, value: Value) -> Self {
        if let Some(n) = env.number_of(value) {
            Self::Number(n)
        } else if env.is(value, crate::js::sys::Kind::js_undefined) {
            Self::Undefined
        } else if env.is_thenable(value) {
            Self::Promise
        } else {
            Self::Other(describe(env, value))
        }
    }

    fn describe(&self) -> String {
        match self {
            Self::Number(n) => format!("{n}"),
            Self::Undefined => "undefined".into(),
            Self::Promise => "a Promise".into(),
            Self::Other(d) => d.clone(),
        }
    }
}

/// The error for a callback that returned a Promise to a synchronous operation.
fn promise_to_sync(name: &str) -> Error {
    Error::Type(format!(
        "{name} returned a Promise: use the async methods (InputFormatContext.open(), \
         readFrameAsync(), seekAsync(), writeHeaderAsync(), writeFrameAsync(), writeTrailerAsync())"
    ))
}

/// What `onread` returned, checked: the byte count (0: the end).
pub fn read_count(returned: &Returned, len: usize) -> Result<usize> {
    match returned {
        Returned::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= len as f64 => Ok(*n as usize),
        Returned::Promise => Err(promise_to_sync("onread")),
        other => Err(Error::Range(format!(
            "onread must return the number of bytes read, an integer from 0 to {len}, got {}",
            other.describe()
        ))),
    }
}

/// What `onwrite` returned for `len` bytes: `onwrite` was handed all of them (a copy it keeps),
/// so whatever it returns means "written", as in the published package (`chunks.push(chunk)`
/// returns a count). Only a Promise, in a synchronous call, is an error: nothing would wait for
/// it (the asynchronous calls do).
pub fn write_count(returned: &Returned, len: usize) -> Result<c_int> {
    match returned {
        Returned::Promise => Err(promise_to_sync("onwrite")),
        _ => Ok(len as c_int),
    }
}

/// What `onseek` returned, checked: a position (or size), or "cannot" for a negative number,
/// which FFmpeg gets as `ESPIPE`.
pub fn seek_result(returned: &Returned) -> Result<i64> {
    match returned {
        Returned::Number(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER => Ok(if *n < 0.0 {
            ff::AVERROR(libc::ESPIPE) as i64
        } else {
            *n as i64
        }),
        Returned::Promise => Err(promise_to_sync("onseek")),
        other => Err(Error::Type(format!(
            "onseek must return a position (a safe integer), or -1 when it cannot seek, got {}",
            other.describe()
        ))),
    }
}

impl Callbacks {
    /// `read(arraybuffer, len) -> n`, `write(arraybuffer) -> n | undefined`,
    /// `seek(offset, whence) -> position`: the dispatchers `lib/io-context.js` builds around the
    /// user's functions; `None` for those not given.
    pub fn new(env: Env, read: Option<Value>, write: Option<Value>, seek: Option<Value>) -> Self {
        let weak = |f: Value| Reference::weak(env, f);
        Self {
            read: read.map(weak),
            write: write.map(weak),
            seek: seek.map(weak),
            scratch: None,
        }
    }

    pub fn can_read(&self) -> bool {
        self.read.is_some()
    }

    pub fn can_write(&self) -> bool {
        self.write.is_some()
    }

    pub fn can_seek(&self) -> bool {
        self.seek.is_some()
    }

    /// Calls `onread` and copies what it produced into `buf`. `Ok(0)` is the end of the input.
    pub fn read(&mut self, env: Env, buf: &mut [u8]) -> Result<usize> {
        let (function, args) = self.read_call(env, buf.len())?;
        let result = env
            .call(function, &args)
            .map_err(|t| Error::thrown(env, t))?;
        self.read_finish(env, result, buf)
    }

    /// `onread` and its arguments for a read of `len` bytes: the reused buffer and `len`.
    pub fn read_call(&mut self, env: Env, len: usize) -> Result<(Value, [Value; 2])> {
        let function = live(&self.read, "onread")?;
        let scratch = self.scratch(env, len)?;
        Ok((function, [scratch, env.number(len as f64)]))
    }

    /// Checks what `onread` returned and copies that many bytes into `buf`.
    pub fn read_finish(&mut self, env: Env, result: Value, buf: &mut [u8]) -> Result<usize> {
        let n = read_count(&Returned::of(env, result), buf.len())?;
        // Look the buffer up again: the callback may have detached it.
        let scratch = self.scratch.as_ref().and_then(|(r, _)| r.get());
        let copied = scratch.and_then(|s| {
            env.with_arraybuffer(s, |filled| {
                (filled.len() >= n).then(|| buf[..n].copy_from_slice(&filled[..n]))
            })
        });
        match copied {
            Some(Some(())) => Ok(n),
            _ => Err(Error::State(
                "onread detached the buffer it was given".into(),
            )),
        }
    }

    /// Calls `onwrite` with a copy of `buf` (the callee may keep it).
    pub fn write(&mut self, env: Env, buf: &[u8]) -> Result<c_int> {
        let (function, args) = self.write_call(env, buf)?;
        let result = env
            .call(function, &args)
            .map_err(|t| Error::thrown(env, t))?;
        self.write_finish(env, result, buf.len())
    }

    /// `onwrite` and its argument: a copy of `buf`.
    pub fn write_call(&mut self, env: Env, buf: &[u8]) -> Result<(Value, [Value; 1])> {
        let function = live(&self.write, "onwrite")?;
        let copy = env
            .arraybuffer_copy(buf)
            .ok_or_else(|| Error::out_of_memory("Could not pass written bytes to onwrite"))?;
        Ok((function, [copy]))
    }

    pub fn write_finish(&mut self, env: Env, result: Value, len: usize) -> Result<c_int> {
        write_count(&Returned::of(env, result), len)
    }

    /// Calls `onseek`.
    pub fn seek(&mut self, env: Env, offset: i64, whence: c_int) -> Result<i64> {
        let (function, args) = self.seek_call(env, offset, whence)?;
        let result = env
            .call(function, &args)
            .map_err(|t| Error::thrown(env, t))?;
        self.seek_finish(env, result)
    }

    pub fn seek_call(
        &mut self,
        env: Env,
        offset: i64,
        whence: c_int,
    ) -> Result<(Value, [Value; 2])> {
        let function = live(&self.seek, "onseek")?;
        Ok((
            function,
            [env.number(offset as f64), env.number(whence as f64)],
        ))
    }

    pub fn seek_finish(&mut self, env: Env, result: Value) -> Result<i64> {
        seek_result(&Returned::of(env, result))
    }

    /// The buffer for a read of `len` bytes: the previous one if it is large enough.
    fn scratch(&mut self, env: Env, len: usize) -> Result<Value> {
        if let Some((buffer, capacity)) = &self.scratch {
            if *capacity >= len {
                if let Some(buffer) = buffer.get() {
                    return Ok(buffer);
                }
            }
        }
        let buffer = env
            .arraybuffer(len)
            .ok_or_else(|| Error::out_of_memory("Could not allocate the onread buffer"))?;
        self.scratch = Some((Reference::strong(env, buffer), len));
        Ok(buffer)
    }
}

fn live(function: &Option<Reference>, name: &str) -> Result<Value> {
    let Some(function) = function else {
        return Err(Error::State(format!("The IOContext has no {name}")));
    };
    function
        .get()
        .ok_or_else(|| Error::State(format!("{name} is no longer available")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(e: Error) -> String {
        e.message().unwrap_or_default()
    }

    #[test]
    fn read_counts_are_checked() {
        assert_eq!(read_count(&Returned::Number(0.0), 10).ok(), Some(0));
        assert_eq!(read_count(&Returned::Number(10.0), 10).ok(), Some(10));
        for bad in [11.0, -1.0, 2.5, f64::NAN, f64::INFINITY] {
            let e = read_count(&Returned::Number(bad), 10).expect_err("rejected");
            assert!(matches!(e, Error::Range(_)), "{bad}");
            assert!(message(e).contains("from 0 to 10"));
        }
        assert!(matches!(
            read_count(&Returned::Undefined, 10),
            Err(Error::Range(_))
        ));
        let e = read_count(&Returned::Promise, 10).expect_err("rejected");
        assert!(matches!(e, Error::Type(_)) && message(e).contains("readFrameAsync"));
    }

    #[test]
    fn writes_take_every_byte_whatever_onwrite_returns() {
        assert_eq!(write_count(&Returned::Undefined, 8).ok(), Some(8));
        assert_eq!(write_count(&Returned::Number(8.0), 8).ok(), Some(8));
        // `chunks.push(chunk)` returns the array's length: still all written.
        assert_eq!(write_count(&Returned::Number(1.0), 8).ok(), Some(8));
        assert_eq!(
            write_count(&Returned::Other("a string".into()), 8).ok(),
            Some(8)
        );
        let e = write_count(&Returned::Promise, 8).expect_err("rejected");
        assert!(message(e).contains("writeHeaderAsync"));
    }

    #[test]
    fn seek_results_are_checked() {
        assert_eq!(seek_result(&Returned::Number(42.0)).ok(), Some(42));
        assert_eq!(
            seek_result(&Returned::Number(-1.0)).ok(),
            Some(ff::AVERROR(libc::ESPIPE) as i64),
            "negative: cannot seek"
        );
        assert!(matches!(
            seek_result(&Returned::Number(0.5)),
            Err(Error::Type(_))
        ));
        assert!(matches!(
            seek_result(&Returned::Number(2f64.powi(60))),
            Err(Error::Type(_))
        ));
        assert!(matches!(
            seek_result(&Returned::Undefined),
            Err(Error::Type(_))
        ));
    }
}
