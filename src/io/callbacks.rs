//! A source or sink made of JavaScript functions: `onread`, `onwrite`, `onseek`.
//!
//! We hold the functions weakly. The `IOContext` object in JavaScript holds them strongly, and
//! every format context holds its `IOContext`, so they are alive whenever FFmpeg can call them.
//! A strong reference would be a root the garbage collector cannot see through: a callback that
//! closes over its own IOContext would then keep everything alive forever.
//!
//! Every result is validated here, before FFmpeg sees it: a read count must be an integer from 0
//! to the length asked for, a write must take every byte, a position must be a safe integer.

use std::ffi::c_int;

use bare_rust::{ArrayBuffer, Ref, Value, WeakRef};
use bare_rust_ffi::js_value_type_t;

use crate::errors::{averror, error, libc_errno::ESPIPE, range_error, type_error};
use crate::js::{raw, Env, JsResult, Raw, MAX_SAFE_INTEGER};

pub struct Callbacks {
    read: Option<WeakRef>,
    write: Option<WeakRef>,
    seek: Option<WeakRef>,
    /// The buffer handed to `onread`, reused while it is large enough. JavaScript only ever sees
    /// this zero-initialised buffer, never FFmpeg's own (possibly uninitialised) memory.
    scratch: Option<(Ref, usize)>,
}

impl Callbacks {
    /// `read(arraybuffer, len) -> n`, `write(arraybuffer) -> n | undefined`,
    /// `seek(offset, whence) -> position`: the dispatchers that `lib/io-context.js` builds around
    /// the user's functions. `None` for the ones the user did not give.
    pub fn new(env: Env, read: Option<Value>, write: Option<Value>, seek: Option<Value>) -> Self {
        let weak = |f: Value| WeakRef::new(&env.js(), f);
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
    pub fn read(&mut self, env: Env, buf: &mut [u8]) -> JsResult<usize> {
        let _scope = bare_rust::Scope::new(&env.js());
        let (function, mut args) = self.read_call(env, buf.len())?;
        let result = env.call(raw(function), &mut args)?;
        self.read_finish(env, result, buf)
    }

    /// `onread` and its arguments for a read of `len` bytes: the reused buffer and `len`.
    pub fn read_call(&mut self, env: Env, len: usize) -> JsResult<(Value, [Raw; 2])> {
        let function = live(env, &self.read, "onread")?;
        let scratch = self.scratch(env, len)?;
        Ok((
            function,
            [raw(scratch.get::<Value>()), raw(env.number(len as f64))],
        ))
    }

    /// Checks what `onread` returned and copies that many bytes into `buf`.
    pub fn read_finish(&mut self, env: Env, result: Raw, buf: &mut [u8]) -> JsResult<usize> {
        let len = buf.len();
        let n = match env.number_of(result) {
            Some(n) if n.fract() == 0.0 && n >= 0.0 && n <= len as f64 => n as usize,
            _ => {
                return Err(not_a_promise(env, result, "onread").unwrap_or_else(|| {
                    range_error(
                        env,
                        &format!(
                            "onread must return the number of bytes read, an integer from 0 to {len}, got {}",
                            env.describe(result)
                        ),
                    )
                }))
            }
        };
        // Look the buffer up again: the callback may have detached it.
        let scratch = &self.scratch.as_ref().expect("made by read_call").0;
        let filled = scratch.get::<ArrayBuffer>();
        let filled = filled.as_slice();
        if filled.len() < n {
            return Err(error(env, "onread detached the buffer it was given"));
        }
        buf[..n].copy_from_slice(&filled[..n]);
        Ok(n)
    }

    /// Calls `onwrite` with a copy of `buf` (the callee may keep it). A short write is an error:
    /// FFmpeg would otherwise drop the rest silently.
    pub fn write(&mut self, env: Env, buf: &[u8]) -> JsResult<c_int> {
        let _scope = bare_rust::Scope::new(&env.js());
        let (function, mut args) = self.write_call(env, buf)?;
        let result = env.call(raw(function), &mut args)?;
        self.write_finish(env, result, buf.len())
    }

    /// `onwrite` and its argument: a copy of `buf`.
    pub fn write_call(&mut self, env: Env, buf: &[u8]) -> JsResult<(Value, [Raw; 1])> {
        let function = live(env, &self.write, "onwrite")?;
        Ok((function, [raw(env.array_buffer(buf)?)]))
    }

    /// Checks what `onwrite` returned for `len` bytes.
    pub fn write_finish(&mut self, env: Env, result: Raw, len: usize) -> JsResult<c_int> {
        if matches!(env.type_of(result), js_value_type_t::js_undefined) {
            return Ok(len as c_int);
        }
        match env.number_of(result) {
            Some(n) if n == len as f64 => Ok(len as c_int),
            Some(n) if n.fract() == 0.0 && (0.0..len as f64).contains(&n) => Err(error(
                env,
                &format!("onwrite wrote only {n} of {len} bytes"),
            )),
            _ => Err(not_a_promise(env, result, "onwrite").unwrap_or_else(|| {
                range_error(
                    env,
                    &format!(
                        "onwrite must return the number of bytes written ({len}) or undefined, got {}",
                        env.describe(result)
                    ),
                )
            })),
        }
    }

    /// Calls `onseek`. A negative result means "cannot", which FFmpeg gets as `ESPIPE`.
    pub fn seek(&mut self, env: Env, offset: i64, whence: c_int) -> JsResult<i64> {
        let _scope = bare_rust::Scope::new(&env.js());
        let (function, mut args) = self.seek_call(env, offset, whence)?;
        let result = env.call(raw(function), &mut args)?;
        self.seek_finish(env, result)
    }

    /// `onseek` and its arguments.
    pub fn seek_call(
        &mut self,
        env: Env,
        offset: i64,
        whence: c_int,
    ) -> JsResult<(Value, [Raw; 2])> {
        let function = live(env, &self.seek, "onseek")?;
        Ok((
            function,
            [
                raw(env.number(offset as f64)),
                raw(env.number(whence as f64)),
            ],
        ))
    }

    /// Checks what `onseek` returned.
    pub fn seek_finish(&mut self, env: Env, result: Raw) -> JsResult<i64> {
        match env.number_of(result) {
            Some(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER => {
                Ok(if n < 0.0 { averror(ESPIPE) as i64 } else { n as i64 })
            }
            _ => Err(not_a_promise(env, result, "onseek").unwrap_or_else(|| {
                type_error(
                    env,
                    &format!(
                        "onseek must return a position (a safe integer), or -1 when it cannot seek, got {}",
                        env.describe(result)
                    ),
                )
            })),
        }
    }

    /// The buffer for a read of `len` bytes: the previous one if it is large enough.
    fn scratch(&mut self, env: Env, len: usize) -> JsResult<&Ref> {
        if !matches!(&self.scratch, Some((_, capacity)) if *capacity >= len) {
            let buffer = ArrayBuffer::new(&env.js(), len)?;
            self.scratch = Some((Ref::new(&env.js(), buffer), len));
        }
        Ok(&self.scratch.as_ref().expect("set above").0)
    }
}

/// The error for a callback that returned a Promise to a synchronous operation.
fn not_a_promise(env: Env, result: Raw, name: &str) -> Option<Value> {
    env.is_thenable(result).then(|| {
        type_error(
            env,
            &format!(
                "{name} returned a Promise: use the async methods (InputFormatContext.open(), \
                 readFrameAsync(), seekAsync(), writeHeaderAsync(), writeFrameAsync(), \
                 writeTrailerAsync())"
            ),
        )
    })
}

fn live(env: Env, function: &Option<WeakRef>, name: &str) -> JsResult<Value> {
    function
        .as_ref()
        .and_then(|f| f.get::<Value>())
        .ok_or_else(|| error(env, &format!("{name} is no longer available")))
}
