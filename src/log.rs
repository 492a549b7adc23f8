//! FFmpeg's log, seen by us first. FFmpeg often says why a call failed only in its log
//! ("Invalid packet stream index: 5", "muxer does not support non seekable output") while the
//! call returns a bare "Invalid argument". `capture` collects the warnings and errors FFmpeg logs
//! on this thread while a call runs, whatever `log.level` is, so that the error can carry them.
//! Lines at or below the level set with `log.level` are also printed to stderr, as FFmpeg does.

use std::cell::{Cell, RefCell};
use std::ffi::c_int;
use std::io::Write;

use ffmpeg_sys_next as ff;

use crate::av::{self, LogLine};
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
    av::set_log_handler(handle);
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
    let level = av::log_level();
    av::set_log_level(level.max(ff::AV_LOG_INFO as c_int));
    let result = f();
    av::set_log_level(level);
    result
}

fn handle(line: &mut LogLine) {
    let capturing = line.level <= ff::AV_LOG_WARNING as c_int
        && CAPTURE.with(|c| {
            c.borrow()
                .as_ref()
                .is_some_and(|lines| lines.len() < MAX_LINES)
        });
    let printing = line.level <= av::log_level();
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
