//! `CodecContext.getFormat`: the app's choice among the pixel formats a decoder offers (FFmpeg's
//! `get_format` callback). It runs JavaScript, so it is only ever called on the JavaScript
//! thread: the context decodes with slice threads (frame threads would call it on FFmpeg's own
//! threads) and refuses the operations that decode on a worker. A callback that throws, or
//! returns a format that was not offered, fails the FFmpeg call it ran in with that error.

use std::ffi::c_int;
use std::thread::{self, ThreadId};

use ffmpeg_sys_next as ff;

use crate::error::{Error, Result};
use crate::js::sys::{Env, Reference, Value};

pub struct GetFormat {
    env: Env,
    callback: Reference,
    thread: ThreadId,
    /// Why the last call failed, for the FFmpeg call it ran in to report.
    failure: Option<Error>,
}

impl GetFormat {
    /// On the JavaScript thread: `callback(formats)` returns the chosen format. Held weakly: the
    /// JavaScript object of the context holds it (a strong reference from here would keep that
    /// object, which owns this, from ever being collected).
    pub fn new(env: Env, callback: Value) -> Box<Self> {
        Box::new(Self {
            env,
            callback: Reference::weak(env, callback),
            thread: thread::current().id(),
            failure: None,
        })
    }

    /// The error of a callback that failed since the last call.
    pub fn take_failure(&mut self) -> Option<Error> {
        self.failure.take()
    }

    /// The callback's choice among `offered`: its index there. On the JavaScript thread only.
    fn choose(&mut self, offered: &[c_int]) -> Result<usize> {
        let env = self.env;
        let callback = self
            .callback
            .get()
            .ok_or_else(|| Error::State("getFormat is gone".into()))?;
        let fail = || Error::out_of_memory("Could not pass the formats to getFormat");
        let list = env.array(offered.len()).ok_or_else(fail)?;
        for (i, format) in offered.iter().enumerate() {
            env.set_element(list, i as u32, env.number(*format as f64));
        }
        let chosen = env
            .call(callback, &[list])
            .map_err(|thrown| Error::thrown(env, thrown))?;
        let chosen = env.number_of(chosen);
        chosen
            .and_then(|c| offered.iter().position(|f| *f as f64 == c))
            .ok_or_else(|| {
                Error::Type(format!(
                    "getFormat must return one of the pixel formats offered ({offered:?}), got {}",
                    chosen.map_or("no number".to_string(), |c| c.to_string())
                ))
            })
    }
}

/// FFmpeg's `get_format` for a context whose `opaque` is its `GetFormat`.
///
/// # Safety
/// Called by FFmpeg with a live context whose `opaque` is a live `GetFormat` (set together with
/// this function, freed after the context) and a list ending with AV_PIX_FMT_NONE.
pub unsafe extern "C" fn trampoline(
    ctx: *mut ff::AVCodecContext,
    formats: *const ff::AVPixelFormat,
) -> ff::AVPixelFormat {
    // SAFETY: as the caller guarantees; `thread` never changes, so reading it from any thread is
    // sound.
    let this = unsafe { (*ctx).opaque.cast::<GetFormat>() };
    // SAFETY: as above.
    let thread = unsafe { (*this).thread };
    if thread::current().id() != thread {
        // FFmpeg's own thread (the context keeps slice threads, so this should not happen):
        // touch nothing the JavaScript thread uses; the decoder fails with FFmpeg's error.
        return ff::AVPixelFormat::AV_PIX_FMT_NONE;
    }
    // SAFETY: as the caller guarantees, on the JavaScript thread, the only one using it.
    let this = unsafe { &mut *this };
    // SAFETY: the list ends with AV_PIX_FMT_NONE.
    let list = unsafe { terminated(formats) };
    let offered: Vec<c_int> = list.iter().map(|&f| f as c_int).collect();
    match this.choose(&offered) {
        Ok(i) => list[i],
        Err(error) => {
            this.failure = Some(error);
            ff::AVPixelFormat::AV_PIX_FMT_NONE
        }
    }
}

/// The entries of a list FFmpeg ends with AV_PIX_FMT_NONE, without the terminator.
///
/// # Safety
/// `list` must be such a list, alive and unchanged for `'a`.
unsafe fn terminated<'a>(list: *const ff::AVPixelFormat) -> &'a [ff::AVPixelFormat] {
    let mut len = 0;
    // SAFETY: as the caller guarantees, every entry up to the terminator can be read.
    while unsafe { *list.wrapping_add(len) } != ff::AVPixelFormat::AV_PIX_FMT_NONE {
        len += 1;
    }
    // SAFETY: as above: `len` entries.
    unsafe { std::slice::from_raw_parts(list, len) }
}
