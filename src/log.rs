//! FFmpeg's log, seen by us first. FFmpeg often says why a call failed only in its log
//! ("Invalid packet stream index: 5", "muxer does not support non seekable output") while the
//! call returns a bare "Invalid argument". `capture` collects the warnings and errors FFmpeg logs
//! on this thread while a call runs, whatever `log.level` is, so that the error can carry them.
//! Lines at or below the level set with `log.level` are also printed to stderr, as FFmpeg does.

use std::cell::{Cell, RefCell};
use std::ffi::{c_char, c_int, c_void, CString};
use std::io::Write;
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::av;
use crate::served;

/// At most this many lines are kept per call: enough to explain it, bounded for a chatty one.
const MAX_LINES: usize = 8;

thread_local! {
    static CAPTURE: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
    // The failure `fail_call` recorded for the call being captured.
    static FAILURE: Cell<Option<c_int>> = const { Cell::new(None) };
    // FFmpeg's "print the [context @ 0x...] prefix next" state, per thread as its default has it.
    static PRINT_PREFIX: Cell<c_int> = const { Cell::new(1) };
}

/// Installs our log handler (once per process).
pub fn install() {
    set_log_handler(handle);
}

/// Runs `f` (FFmpeg calls), returning its result and the warnings and errors FFmpeg logged on this
/// thread meanwhile, without their `[context @ address]` prefix. A call that `fail_call` marked
/// fails with that code even if FFmpeg carried on.
pub fn capture(f: impl FnOnce() -> c_int) -> (c_int, Vec<String>) {
    let outer = CAPTURE.with(|c| c.replace(Some(Vec::new())));
    let outer_failure = FAILURE.with(|c| c.replace(None));
    let mut result = f();
    if let Some(code) = FAILURE.with(|c| c.replace(outer_failure)) {
        if result >= 0 {
            result = code;
        }
    }
    let lines = CAPTURE.with(|c| c.replace(outer)).unwrap_or_default();
    (result, lines)
}

/// Marks the FFmpeg call running on this thread as failed with `code`: for hooks of ours whose
/// refusal FFmpeg may log and then ignore (the hls muxer carries on without its segments).
pub fn fail_call(code: c_int) {
    FAILURE.with(|c| {
        c.get().is_none().then(|| c.set(Some(code)));
    });
}

/// Runs `f` with FFmpeg's log level raised to INFO at least (for `dump()`, which logs at INFO).
pub fn at_info<R>(f: impl FnOnce() -> R) -> R {
    let level = log_level();
    set_log_level(level.max(ff::AV_LOG_INFO as c_int));
    let result = f();
    set_log_level(level);
    result
}

fn handle(line: &mut LogLine) {
    let capturing = line.level <= ff::AV_LOG_WARNING as c_int
        && CAPTURE.with(|c| {
            c.borrow()
                .as_ref()
                .is_some_and(|lines| lines.len() < MAX_LINES)
        });
    let printing = line.level <= log_level();
    if !capturing && !printing {
        return;
    }
    let mut prefix = PRINT_PREFIX.with(Cell::get);
    let Some(text) = line.text(&mut prefix) else {
        return;
    };
    PRINT_PREFIX.with(|p| p.set(prefix));
    let text = served::unmark_text(text); // the app's names for the files onopen serves
    if printing {
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
    let message = strip_prefix(&text).trim_end();
    if capturing && !message.is_empty() {
        CAPTURE.with(|c| {
            if let Some(lines) = c.borrow_mut().as_mut() {
                lines.push(message.to_owned());
            }
        });
    }
}

/// "[matroska @ 0x55d0c8] Invalid packet" -> "Invalid packet".
fn strip_prefix(line: &str) -> &str {
    let mut rest = line;
    while let Some(stripped) = rest.strip_prefix('[') {
        match stripped.find("] ") {
            Some(end) => rest = &stripped[end + 2..],
            None => break,
        }
    }
    rest
}

#[cfg(all(target_arch = "x86_64", not(windows)))]
type VaList = *mut ff::__va_list_tag;
#[cfg(not(all(target_arch = "x86_64", not(windows))))]
type VaList = ff::va_list;

pub fn log_level() -> c_int {
    // SAFETY: reads a global.
    unsafe { ff::av_log_get_level() }
}

pub fn set_log_level(level: c_int) {
    // SAFETY: sets a global; any int is accepted.
    unsafe { ff::av_log_set_level(level) };
}

/// A warning of ours in FFmpeg's log (printed when `log.level` is WARNING or more, and carried
/// by an error of the call it happens in). `text` ends with a newline, as FFmpeg's lines do.
pub fn log_warning(text: &str) {
    log_line(ff::AV_LOG_WARNING as c_int, text);
}

/// An error line of ours in FFmpeg's log, as `log_warning`.
pub fn log_error(text: &str) {
    log_line(ff::AV_LOG_ERROR as c_int, text);
}

fn log_line(level: c_int, text: &str) {
    let Ok(text) = CString::new(text.replace('\0', "")) else {
        return;
    };
    // SAFETY: a "%s" format with one NUL-terminated av::string, as av_log's variadic list expects.
    unsafe { ff::av_log(ptr::null_mut(), level, c"%s".as_ptr(), text.as_ptr()) };
}

/// One call of FFmpeg's log callback: its level, and its text on demand (formatting costs, and
/// most lines are debug chatter nobody reads).
pub struct LogLine {
    context: *mut c_void,
    format: *const c_char,
    args: VaList,
    pub level: c_int,
    formatted: bool,
}

impl LogLine {
    /// The line as FFmpeg's default callback prints it ("[mp4 @ 0x...] message\n"); `prefix` is
    /// FFmpeg's "print the context prefix next" state. `None` after the first call: the
    /// arguments can be read once.
    pub fn text(&mut self, prefix: &mut c_int) -> Option<String> {
        if std::mem::replace(&mut self.formatted, true) {
            return None;
        }
        let mut buf = [0 as c_char; 1024];
        // SAFETY: the arguments FFmpeg passed to the callback, read once (checked above); writes
        // at most `buf.len()` bytes, NUL-terminated.
        unsafe {
            ff::av_log_format_line2(
                self.context,
                self.level,
                self.format,
                self.args,
                buf.as_mut_ptr(),
                buf.len() as c_int,
                prefix,
            )
        };
        av::string(buf.as_ptr())
    }
}

static LOG_HANDLER: std::sync::OnceLock<fn(&mut LogLine)> = std::sync::OnceLock::new();

/// Sends every line FFmpeg logs, from any thread, to `handler` (once per process).
pub fn set_log_handler(handler: fn(&mut LogLine)) {
    unsafe extern "C" fn callback(
        context: *mut c_void,
        level: c_int,
        format: *const c_char,
        args: VaList,
    ) {
        if let Some(handler) = LOG_HANDLER.get() {
            handler(&mut LogLine {
                context,
                format,
                args,
                level,
                formatted: false,
            });
        }
    }
    if LOG_HANDLER.set(handler).is_ok() {
        // SAFETY: `callback` has the signature FFmpeg calls, from any thread.
        unsafe { ff::av_log_set_callback(Some(callback)) };
    }
}

#[cfg(test)]
mod tests {
    use super::strip_prefix;

    #[test]
    fn prefixes_are_stripped() {
        assert_eq!(
            strip_prefix("[mp4 @ 0x1] moov atom not found\n"),
            "moov atom not found\n"
        );
        assert_eq!(strip_prefix("[in#0 @ 0x1] [mov @ 0x2] text"), "text");
        assert_eq!(strip_prefix("no prefix"), "no prefix");
        assert_eq!(strip_prefix("[unterminated"), "[unterminated");
    }
}
