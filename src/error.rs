//! Errors as Rust values. Native code returns `Result<T>`; an error becomes a JavaScript value
//! only at the export edge (`into_value`), as in napi-rs.
//!
//! FFmpeg failures become `FFmpegError` (the class is in `lib/errors.js`, which hands us a factory
//! for it when the addon loads): what was being done, FFmpeg's text, what FFmpeg logged during the
//! call, a `code` such as `AVERROR_INVALIDDATA` and the raw `errno`. Bad arguments are `TypeError`
//! or `RangeError` naming the argument; calls an object cannot take now are plain `Error`s naming
//! the state; an exception a callback threw comes back as the same object.

use std::cell::RefCell;
use std::ffi::c_int;

use crate::av;
use crate::js::sys::{Env, Reference, Thrown, Value};

pub type Result<T> = std::result::Result<T, Error>;

pub enum Error {
    /// An FFmpeg call failed.
    FFmpeg {
        message: String,
        code: c_int,
        /// FFmpeg's warnings and errors logged during the call.
        log: Vec<String>,
        /// Our advice, after FFmpeg's words ("give the IOContext an onseek").
        hint: Option<&'static str>,
    },
    /// A wrong argument type: `TypeError`.
    Type(String),
    /// An argument out of range: `RangeError`.
    Range(String),
    /// A call the object cannot take now (destroyed, busy, out of order): `Error`.
    State(String),
    /// An exception JavaScript threw, kept until it is rethrown as the same object.
    Thrown(Reference),
}

/// An error made on a worker thread, to travel back to the JavaScript thread with the task.
pub struct WorkerError(Error);

// SAFETY: workers run no JavaScript, so their errors are never `Thrown` (the one variant holding
// a JavaScript reference; `From` replaces it should one ever appear): plain Rust data.
unsafe impl Send for WorkerError {}

impl From<Error> for WorkerError {
    fn from(error: Error) -> Self {
        match error {
            Error::Thrown(_) => Self(Error::State("A JavaScript exception on a worker".into())),
            other => Self(other),
        }
    }
}

impl WorkerError {
    pub fn into_error(self) -> Error {
        self.0
    }
}

impl Error {
    /// "`doing`: FFmpeg's text for `code`", e.g. "Could not open input: Invalid data found ...".
    pub fn ffmpeg(doing: &str, code: c_int) -> Self {
        let text = if code < 0 {
            av::strerror(code)
        } else {
            format!("unexpected result {code} (not an error code)")
        };
        Self::ffmpeg_text(format!("{doing}: {text}"), code)
    }

    /// Our own explanation for an FFmpeg code ("the input is empty").
    pub fn ffmpeg_text(message: String, code: c_int) -> Self {
        Self::FFmpeg {
            message,
            code,
            log: Vec::new(),
            hint: None,
        }
    }

    pub fn out_of_memory(doing: &str) -> Self {
        Self::ffmpeg(doing, ffmpeg_sys_next::AVERROR(libc::ENOMEM))
    }

    /// Adds what FFmpeg logged while the failing call ran (FFmpeg errors only).
    pub fn with_log(mut self, lines: Vec<String>) -> Self {
        if let Self::FFmpeg { log, .. } = &mut self {
            log.extend(lines);
        }
        self
    }

    /// Adds advice to an FFmpeg error's message ("give the IOContext an onseek").
    pub fn with_hint(mut self, advice: &'static str) -> Self {
        if let Self::FFmpeg { hint, .. } = &mut self {
            *hint = Some(advice);
        }
        self
    }

    pub fn thrown(env: Env, thrown: Thrown) -> Self {
        Self::Thrown(Reference::strong(env, thrown.0))
    }

    /// The error's message (for errors that carry one).
    #[cfg(test)]
    pub fn message(&self) -> Option<String> {
        match self {
            Self::FFmpeg {
                message, log, hint, ..
            } => Some(full_message(message, log, *hint)),
            Self::Type(m) | Self::Range(m) | Self::State(m) => Some(m.clone()),
            Self::Thrown(_) => None,
        }
    }

    /// The JavaScript value to throw or reject with.
    pub fn into_value(self, env: Env) -> Value {
        // Should an exception be pending, it is the better error to report (and no new one
        // could be made while it is).
        if let Some(pending) = env.take_exception() {
            return pending;
        }
        let made = match self {
            Self::FFmpeg {
                message,
                code,
                log,
                hint,
            } => ffmpeg_error(env, &full_message(&message, &log, hint), code, &log),
            Self::Type(message) => env.type_error(&message),
            Self::Range(message) => env.range_error(&message),
            Self::State(message) => env.error(&message),
            Self::Thrown(reference) => reference.get(),
        };
        made.or_else(|| env.take_exception())
            .unwrap_or_else(|| env.undefined())
    }
}

/// "What was being done: FFmpeg's text (FFmpeg: what it logged). Our advice."
fn full_message(message: &str, log: &[String], hint: Option<&str>) -> String {
    let mut text = message.to_owned();
    if !log.is_empty() {
        text.push_str(&format!(" (FFmpeg: {})", log.join("; ")));
    }
    if let Some(hint) = hint {
        text.push_str(". ");
        text.push_str(hint);
    }
    text
}

thread_local! {
    // One per JavaScript thread: each Bare thread loads the addon with its own environment.
    static FACTORY: RefCell<Option<Reference>> = const { RefCell::new(None) };
}

/// Remembers `(message, code, errno, log) => new FFmpegError(...)` until the environment is torn
/// down (the reference must go then, while the environment still exists).
pub fn set_factory(env: Env, factory: Value) {
    let previous = FACTORY.with(|slot| slot.replace(Some(Reference::strong(env, factory))));
    if previous.is_none() {
        env.on_teardown(|| FACTORY.with(|slot| drop(slot.take())));
    }
}

fn ffmpeg_error(env: Env, text: &str, code: c_int, log: &[String]) -> Option<Value> {
    let factory = FACTORY.with(|slot| slot.borrow().as_ref().and_then(Reference::get));
    let Some(factory) = factory else {
        return env.error(text);
    };
    let lines = env.array(log.len())?;
    for (i, line) in log.iter().enumerate() {
        env.set_element(lines, i as u32, env.string(line)?);
    }
    let args = [
        env.string(text)?,
        env.string(&av::error_name(code))?,
        env.number(code as f64),
        lines,
    ];
    match env.call(factory, &args) {
        Ok(error) => Some(error),
        Err(thrown) => Some(thrown.0),
    }
}
