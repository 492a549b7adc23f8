//! Names of the files a muxer writes through `onopen`, as FFmpeg sees them. FFmpeg's muxers treat
//! a plain name as a local file: the `hls` muxer writes a live playlist to `<name>.tmp` and renames
//! it on disk, and deletes old segments on disk. A name given a scheme that is no protocol of
//! FFmpeg's is no local file to them: they write under the final name and ask `io_open` to
//! delete (format/nested.rs refuses). The mark ends with a slash, so that FFmpeg's base names and
//! directories of a marked name are the app's own; the app (`onopen`, error messages, the log)
//! sees names without it.

use std::ffi::{CStr, CString};

use crate::error::{Error, Result};

/// What a marked name starts with.
pub const MARK: &str = "bare-ffmpeg:/";

/// `url`, marked.
pub fn served_url(url: &CStr) -> Result<CString> {
    let mut marked = MARK.as_bytes().to_vec();
    marked.extend_from_slice(url.to_bytes());
    CString::new(marked).map_err(|_| Error::Type("url must not contain NUL".into()))
}

/// The app's name for a name FFmpeg uses: without the mark.
pub fn app_name(url: &str) -> &str {
    url.strip_prefix(MARK).unwrap_or(url)
}

/// The same for a C string.
pub fn unserved(url: &CStr) -> &CStr {
    let bytes = url.to_bytes_with_nul();
    match bytes.strip_prefix(MARK.as_bytes()) {
        // A suffix of a NUL-terminated string with no NUL inside: still one.
        Some(rest) => CStr::from_bytes_with_nul(rest).unwrap_or(url),
        None => url,
    }
}

/// A line of FFmpeg's log with every marked name shown as the app's.
pub fn unmark_text(text: String) -> String {
    if text.contains(MARK) {
        text.replace(MARK, "")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_the_mark_and_only_it() {
        let Ok(marked) = served_url(c"live/index.m3u8") else {
            panic!("no NUL in the name")
        };
        assert_eq!(marked.to_str(), Ok("bare-ffmpeg:/live/index.m3u8"));
        assert_eq!(unserved(&marked), c"live/index.m3u8");
        assert_eq!(app_name("bare-ffmpeg://abs/x.ts"), "/abs/x.ts");
        assert_eq!(app_name("index0.ts"), "index0.ts");
        assert_eq!(
            unmark_text("Opening 'bare-ffmpeg:/index0.ts' for writing".into()),
            "Opening 'index0.ts' for writing"
        );
    }
}
