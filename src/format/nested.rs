//! Nested opens. Some demuxers open further resources named inside the data (`concat` scripts,
//! `hls` playlists, `mov` data references, `image2` patterns) and some muxers write further files
//! (`hls`, `segment`, `dash`). Media comes from untrusted peers: a context over an IOContext must
//! not open a file or URL because its bytes say so. Its `io_open` hook refuses every nested open,
//! with a log line naming who asked for what, and its protocol whitelist is empty, should any code
//! path open a protocol without the hook.

use std::ffi::{c_char, c_int, CStr, CString};
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::log;

/// Installs the refusal on a fresh context, before it is opened.
///
/// # Safety
/// `ctx` must be a live format context that no other thread uses.
pub unsafe fn refuse_nested_opens(ctx: *mut ff::AVFormatContext) {
    // SAFETY: as the caller guarantees; `protocol_whitelist` is FFmpeg-allocated (or null) and
    // freed by FFmpeg with the context. An allocation failure leaves it null: `io_open` still
    // refuses.
    unsafe {
        (*ctx).io_open = Some(refuse);
        ff::av_freep(ptr::addr_of_mut!((*ctx).protocol_whitelist).cast());
        (*ctx).protocol_whitelist = ff::av_strdup(c"none".as_ptr());
    }
}

/// The `io_open` hook: refuses, and says who asked for what.
unsafe extern "C" fn refuse(
    s: *mut ff::AVFormatContext,
    pb: *mut *mut ff::AVIOContext,
    url: *const c_char,
    _flags: c_int,
    _options: *mut *mut ff::AVDictionary,
) -> c_int {
    // SAFETY: FFmpeg calls this with its context, an out pointer and a C string (or null).
    let (who, url) = unsafe {
        *pb = ptr::null_mut();
        let url = if url.is_null() {
            String::new()
        } else {
            CStr::from_ptr(url).to_string_lossy().into_owned()
        };
        (asker(&*s), url)
    };
    let line = format!(
        "{who} tried to open '{url}': nested opens are off for a context over an IOContext \
         (its data cannot make FFmpeg open files or URLs)\n"
    );
    if let Ok(line) = CString::new(line) {
        // SAFETY: `s` is a context (an AVClass object) and the format takes one C string.
        unsafe {
            ff::av_log(
                s.cast(),
                ff::AV_LOG_ERROR as c_int,
                c"%s".as_ptr(),
                line.as_ptr(),
            )
        };
    }
    // Some callers log a failed open and carry on (the hls muxer then writes nothing at all):
    // the call fails all the same, with the line above in its error.
    let code = ff::AVERROR(libc::EPERM);
    log::fail_call(code);
    code
}

/// Who is opening: "the hls demuxer", "the segment muxer", or, for a context still being
/// opened by a demuxer that opens whole inputs (concat), "a nested input".
fn asker(s: &ff::AVFormatContext) -> String {
    // SAFETY: a context's format descriptions are static, their names C strings.
    let name = |p: *const c_char| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned();
    // SAFETY: as above.
    unsafe {
        if let Some(f) = s.iformat.as_ref() {
            format!("the {} demuxer", name(f.name))
        } else if let Some(f) = s.oformat.as_ref() {
            format!("the {} muxer", name(f.name))
        } else {
            "an input nested in another (a concat script's entry)".to_string()
        }
    }
}

/// Advice for an error whose log shows a refused nested open: the line of the hook says who asked
/// for what; a demuxer that opens whole inputs (concat) meets the empty protocol whitelist first.
pub fn hint(log: &[String]) -> Option<&'static str> {
    log.iter()
        .any(|line| {
            line.contains("not on whitelist 'none'") || line.contains("nested opens are off")
        })
        .then_some(
            "FFmpeg tried to open another file or URL (one the data named: a concat entry, a \
             playlist's segment, a reference; or a muxer's further files), and a context over \
             an IOContext opens nothing by itself",
        )
}
