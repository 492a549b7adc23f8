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
//!
//! On Windows FFmpeg calls the C runtime's wide-character functions and `MoveFileEx` instead
//! (libavformat/os_support.h), which MinGW's headers import from DLLs: the calls go through
//! pointers named `__imp_<function>`. The addon is linked with `--wrap` for those pointers
//! (CMakeLists.txt), so FFmpeg's calls read the pointers defined here, which lead to the same
//! refusals (the narrow-string ones to the functions above).

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
#[cfg(not(windows))]
#[unsafe(no_mangle)]
pub extern "C" fn __wrap_mkdir(path: *const c_char, _mode: u32) -> c_int {
    refuse(&format!("create the directory '{}'", text(path)))
}

fn refuse(what: &str) -> c_int {
    crate::log::log_error(&format!(
        "FFmpeg tried to {what}: refused (bare-ffmpeg changes no file itself; nested files go \
         through onopen)\n"
    ));
    log::fail_call(ffmpeg_sys_next::AVERROR(libc::EPERM));
    set_errno(libc::EPERM);
    -1
}

/// A path FFmpeg passed (a C string, or null), for the log line: the app's name for it.
fn text(p: *const c_char) -> String {
    let path = av::string(p).unwrap_or_default();
    served::app_name(&path).to_owned()
}

#[cfg(windows)]
mod windows {
    use std::ffi::{c_char, c_int};

    use super::{refuse, text};

    type Wide = *const u16;

    /// A UTF-16 path FFmpeg passed (or null), for the log line.
    fn wide(p: Wide) -> String {
        if p.is_null() {
            return String::new();
        }
        // SAFETY: FFmpeg passes a NUL-terminated UTF-16 string, read up to its terminator.
        let len = (0..)
            .take_while(|&i| unsafe { *p.wrapping_add(i) } != 0)
            .count();
        // SAFETY: as above: `len` units.
        let units = unsafe { std::slice::from_raw_parts(p, len) };
        crate::served::app_name(&String::from_utf16_lossy(units)).to_owned()
    }

    extern "C" fn wunlink(path: Wide) -> c_int {
        refuse(&format!("delete '{}'", wide(path)))
    }
    extern "C" fn wrmdir(path: Wide) -> c_int {
        refuse(&format!("remove the directory '{}'", wide(path)))
    }
    extern "C" fn wmkdir(path: Wide) -> c_int {
        refuse(&format!("create the directory '{}'", wide(path)))
    }
    extern "C" fn mkdir(path: *const c_char) -> c_int {
        refuse(&format!("create the directory '{}'", text(path)))
    }
    /// `MoveFileExW`: a Windows BOOL, 0 for failure.
    extern "system" fn move_file_w(from: Wide, to: Wide, _flags: u32) -> i32 {
        refuse(&format!("rename '{}' to '{}'", wide(from), wide(to)));
        0
    }
    extern "system" fn move_file_a(from: *const c_char, to: *const c_char, _flags: u32) -> i32 {
        super::__wrap_rename(from, to);
        0
    }

    // The import pointers FFmpeg's calls read, once the link has wrapped them.
    #[unsafe(no_mangle)]
    pub static __wrap___imp__wunlink: extern "C" fn(Wide) -> c_int = wunlink;
    #[unsafe(no_mangle)]
    pub static __wrap___imp__unlink: extern "C" fn(*const c_char) -> c_int = super::__wrap_unlink;
    #[unsafe(no_mangle)]
    pub static __wrap___imp__wrmdir: extern "C" fn(Wide) -> c_int = wrmdir;
    #[unsafe(no_mangle)]
    pub static __wrap___imp__rmdir: extern "C" fn(*const c_char) -> c_int = super::__wrap_rmdir;
    #[unsafe(no_mangle)]
    pub static __wrap___imp__wmkdir: extern "C" fn(Wide) -> c_int = wmkdir;
    #[unsafe(no_mangle)]
    pub static __wrap___imp__mkdir: extern "C" fn(*const c_char) -> c_int = mkdir;
    #[unsafe(no_mangle)]
    pub static __wrap___imp_MoveFileExW: extern "system" fn(Wide, Wide, u32) -> i32 = move_file_w;
    #[unsafe(no_mangle)]
    pub static __wrap___imp_MoveFileExA: extern "system" fn(
        *const c_char,
        *const c_char,
        u32,
    ) -> i32 = move_file_a;
}

/// Sets the C library's `errno` for this thread (what a refused C call reports).
pub fn set_errno(code: c_int) {
    // This thread's errno location, by C library: each returns a pointer to it.
    #[cfg(target_os = "android")]
    use libc::__errno as errno_location;
    #[cfg(target_os = "linux")]
    use libc::__errno_location as errno_location;
    #[cfg(target_vendor = "apple")]
    use libc::__error as errno_location;
    #[cfg(windows)]
    unsafe extern "C" {
        #[link_name = "_errno"]
        fn errno_location() -> *mut c_int;
    }
    // SAFETY: returns this thread's errno location; no arguments.
    let errno = unsafe { errno_location() };
    // SAFETY: that location is valid for as long as this thread runs.
    unsafe { *errno = code };
}
