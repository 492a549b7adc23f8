//! A whole input held in one JavaScript `Uint8Array`, read in place.
//!
//! We keep a reference to the caller's view and read from its memory directly, so the input is
//! never copied as a whole. The view is looked up afresh on every read: JavaScript may have
//! detached its buffer since (then the input simply looks empty from there on).

use std::ffi::c_int;

use ffmpeg_sys_next as ff;

use crate::js::sys::{Env, Reference, Value};

pub struct Memory {
    view: Reference,
    pos: u64,
}

impl Memory {
    pub fn new(env: Env, view: Value) -> Self {
        Self {
            view: Reference::strong(env, view),
            pos: 0,
        }
    }

    /// Runs `f` on the bytes (empty if the buffer was detached).
    fn with_data<R>(&self, env: Env, f: impl FnOnce(&[u8]) -> R) -> R {
        let mut f = Some(f);
        let view = self.view.get();
        let mut call = |data: &[u8]| (f.take().expect("called once"))(data);
        match view.and_then(|v| env.with_bytes(v, |data| call(data))) {
            Some(r) => r,
            None => call(&[]),
        }
    }

    /// Copies the next bytes into `buf`; 0 at the end.
    pub fn read(&mut self, env: Env, buf: &mut [u8]) -> usize {
        let pos = self.pos;
        let n = self.with_data(env, |data| read_at(data, pos, buf));
        self.pos += n as u64;
        n
    }

    pub fn seek(&mut self, env: Env, offset: i64, whence: c_int) -> i64 {
        let len = self.with_data(env, |data| data.len() as u64);
        match seek_position(self.pos, len, offset, whence) {
            Ok(SeekResult::Size(size)) => size as i64,
            Ok(SeekResult::Position(pos)) => {
                self.pos = pos;
                pos as i64
            }
            Err(code) => code as i64,
        }
    }
}

/// Copies what `data` holds from `pos` into `buf`; the number of bytes copied.
pub fn read_at(data: &[u8], pos: u64, buf: &mut [u8]) -> usize {
    let start = pos.min(data.len() as u64) as usize;
    let n = buf.len().min(data.len() - start);
    buf[..n].copy_from_slice(&data[start..start + n]);
    n
}

#[derive(Debug, PartialEq)]
pub enum SeekResult {
    Position(u64),
    Size(u64),
}

/// What a seek on `len` bytes, now at `pos`, does (`whence` without AVSEEK_FORCE).
pub fn seek_position(pos: u64, len: u64, offset: i64, whence: c_int) -> Result<SeekResult, c_int> {
    let base = match whence {
        w if w == ff::AVSEEK_SIZE as c_int => return Ok(SeekResult::Size(len)),
        libc::SEEK_SET => 0,
        libc::SEEK_CUR => pos as i64,
        libc::SEEK_END => len as i64,
        _ => return Err(ff::AVERROR(libc::EINVAL)),
    };
    match base.checked_add(offset) {
        Some(p) if p >= 0 => Ok(SeekResult::Position(p as u64)),
        _ => Err(ff::AVERROR(libc::EINVAL)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_in_place_to_the_end() {
        let data = b"0123456789";
        let mut buf = [0u8; 4];
        assert_eq!(read_at(data, 3, &mut buf), 4);
        assert_eq!(&buf, b"3456");
        assert_eq!(read_at(data, 8, &mut buf), 2, "a short read at the end");
        assert_eq!(&buf[..2], b"89");
        assert_eq!(read_at(data, 10, &mut buf), 0, "nothing past the end");
        assert_eq!(read_at(data, 99, &mut buf), 0, "nor far past it");
    }

    #[test]
    fn seeks_from_every_whence() {
        assert_eq!(
            seek_position(5, 10, 3, libc::SEEK_SET),
            Ok(SeekResult::Position(3))
        );
        assert_eq!(
            seek_position(5, 10, 1, libc::SEEK_CUR),
            Ok(SeekResult::Position(6))
        );
        assert_eq!(
            seek_position(5, 10, -3, libc::SEEK_END),
            Ok(SeekResult::Position(7))
        );
        assert_eq!(
            seek_position(5, 10, 0, ff::AVSEEK_SIZE as c_int),
            Ok(SeekResult::Size(10))
        );
        assert_eq!(
            seek_position(5, 10, 20, libc::SEEK_SET),
            Ok(SeekResult::Position(20))
        );
        assert!(
            seek_position(5, 10, -1, libc::SEEK_SET).is_err(),
            "before the start"
        );
        assert!(
            seek_position(5, 10, i64::MAX, libc::SEEK_END).is_err(),
            "overflow"
        );
        assert!(seek_position(5, 10, 0, 7).is_err(), "unknown whence");
    }
}
