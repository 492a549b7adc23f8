//! A whole input held in one JavaScript `Uint8Array`.
//!
//! We keep a reference to the caller's view and read from its memory directly, so the input is
//! never copied as a whole. The view is looked up afresh on every read: JavaScript may have
//! detached its buffer since (then the input simply looks empty from there on).

use std::ffi::c_int;

use bare_rust::{Ref, Value};
use ffmpeg_sys_next as ff;

use crate::errors::{averror, libc_errno::EINVAL};
use crate::js::{raw, Env};

pub struct Memory {
    view: Ref,
    pos: u64,
}

impl Memory {
    pub fn new(env: Env, view: Value) -> Self {
        Self {
            view: Ref::new(&env.js(), view),
            pos: 0,
        }
    }

    fn bytes<'a>(&self, env: Env) -> &'a [u8] {
        env.bytes_of(raw(self.view.get::<Value>()))
            .map_or(&[], |b| &*b)
    }

    /// Copies the next bytes into `buf`; 0 at the end.
    pub fn read(&mut self, env: Env, buf: &mut [u8]) -> usize {
        let data = self.bytes(env);
        let start = self.pos.min(data.len() as u64) as usize;
        let n = buf.len().min(data.len() - start);
        buf[..n].copy_from_slice(&data[start..start + n]);
        self.pos += n as u64;
        n
    }

    pub fn seek(&mut self, env: Env, offset: i64, whence: c_int) -> i64 {
        let len = self.bytes(env).len() as i64;
        let base = match whence {
            w if w == ff::AVSEEK_SIZE as c_int => return len,
            0 => 0,               // SEEK_SET
            1 => self.pos as i64, // SEEK_CUR
            2 => len,             // SEEK_END
            _ => return averror(EINVAL) as i64,
        };
        match base.checked_add(offset) {
            Some(pos) if pos >= 0 => {
                self.pos = pos as u64;
                pos
            }
            _ => averror(EINVAL) as i64,
        }
    }
}
