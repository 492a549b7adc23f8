//! FFmpeg changes no file on its own. Some muxers rename, delete or create files behind the
//! application's back: `hls` renames its playlist from `.tmp` (and deletes old segments), `hds`
//! and `smoothstreaming` rename and delete, `dash` and `segment` rename their lists, `img2`'s
//! atomic writing renames, `hls` creates directories for `use_localtime_mkdir`. None of that goes
//! through the `io_open` hook that serves nested files (`format/nested.rs`).
//!
//! On ELF targets the addon is linked with `--wrap` for `rename`, `unlink`, `rmdir` and `mkdir`
//! (CMakeLists.txt); on macOS, whose linkers have no `--wrap`, FFmpeg's sources are compiled to
//! call these functions by name instead (`ffmpeg/targets/darwin.cmake`). Either way every call
//! FFmpeg's code makes to them lands here, and is refused with `EPERM`, a line in FFmpeg's log
//! naming what was asked, and the FFmpeg call it happened in marked as failed. The addon then
//! imports none of those functions (test/prebuild.js and test/cross.js check).

use std::ffi::{c_char, c_int};

use crate::{av, log, served};

/// `rename(from, to)`, refused.
#[unsafe(no_mangle)]
pub extern "C" fn __wrap_rename(from: *const c_char, to: *const c_char) -> c_int {
    refuse(&format!("rename '{}' to '{}'", text(from), text(to)))
}

/// `unlink(path)`, refused.
#[unsafe(no_mangle)]
pub extern "C" fn __wrap_unlink(path: *const c_char) -> c_int {
    refuse(&format!("delete '{}'", text(path)))
}

/// `rmdir(path)`, refused.
#[unsafe(no_mangle)]
pub extern "C" fn __wrap_rmdir(path: *const c_char) -> c_int {
    refuse(&format!("remove the directory '{}'", text(path)))
}

/// `mkdir(path, mode)`, refused.
#[unsafe(no_mangle)]
pub extern "C" fn __wrap_mkdir(path: *const c_char, _mode: u32) -> c_int {
    refuse(&format!("create the directory '{}'", text(path)))
}

fn refuse(what: &str) -> c_int {
    av::log_error(&format!(
        "FFmpeg tried to {what}: refused (bare-ffmpeg changes no file itself; nested files go \
         through onopen)\n"
    ));
    log::fail_call(ffmpeg_sys_next::AVERROR(libc::EPERM));
    av::set_errno(libc::EPERM);
    -1
}

/// A path FFmpeg passed (a C string, or null), for the log line: the app's name for it.
fn text(p: *const c_char) -> String {
    let path = av::string(p).unwrap_or_default();
    served::app_name(&path).to_owned()
}
