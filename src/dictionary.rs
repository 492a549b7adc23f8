//! `AVDictionary`: FFmpeg's string map, for options and metadata.

use std::ffi::{c_int, CStr, CString};
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::error::{Error, Result};

/// An owned dictionary of options, freed on drop. FFmpeg takes out the entries it uses; what is
/// left names options nothing knew. Those are ignored with a warning in FFmpeg's log, as FFmpeg's
/// API does, unless the caller asked for `strict` (then they are an error).
pub struct Dictionary {
    dict: *mut ff::AVDictionary,
    strict: bool,
}

// SAFETY: plain C memory with no thread affinity; options travel to the worker with the
// operation that uses them, and only one thread holds the dictionary at a time.
unsafe impl Send for Dictionary {}

impl Dictionary {
    pub fn new(pairs: &[(String, String)], strict: bool) -> Result<Self> {
        let mut dict = Dictionary {
            dict: ptr::null_mut(),
            strict,
        };
        set_all(&mut dict.dict, pairs)?;
        Ok(dict)
    }

    /// Where FFmpeg may consume entries from (it removes the options it used).
    pub fn as_mut_ptr(&mut self) -> *mut *mut ff::AVDictionary {
        &mut self.dict
    }

    /// The keys FFmpeg left unconsumed (options nothing recognised).
    pub fn leftover_keys(&self) -> Vec<String> {
        entries(self.dict).into_iter().map(|(k, _)| k).collect()
    }

    /// The options nothing used, after FFmpeg had them: a warning in FFmpeg's log naming them,
    /// or, for a strict dictionary, an error.
    pub fn unused(&self, what: &str) -> Result<Vec<String>> {
        let keys = self.leftover_keys();
        if !keys.is_empty() {
            if self.strict {
                return Err(unknown(what, &keys));
            }
            crate::log::log_warning(&format!("{} (ignored)\n", unknown_text(what, &keys)));
        }
        Ok(keys)
    }

    /// For a strict dictionary, the error naming the options `known` rejects, if any: a check
    /// before FFmpeg gets them, for calls that would act first and leave unknown options unused.
    pub fn check_known(&self, what: &str, known: impl Fn(&str) -> bool) -> Result<()> {
        if !self.strict {
            return Ok(());
        }
        let keys: Vec<String> = self
            .leftover_keys()
            .into_iter()
            .filter(|key| !known(key))
            .collect();
        if keys.is_empty() {
            return Ok(());
        }
        Err(unknown(what, &keys))
    }
}

/// "Unknown muxer option: a, b".
fn unknown_text(what: &str, keys: &[String]) -> String {
    format!("Unknown {what} option: {}", keys.join(", "))
}

/// FFmpeg's AVERROR_OPTION_NOT_FOUND, naming the options.
fn unknown(what: &str, keys: &[String]) -> Error {
    Error::ffmpeg_text(unknown_text(what, keys), ff::AVERROR_OPTION_NOT_FOUND)
}

impl Drop for Dictionary {
    fn drop(&mut self) {
        // SAFETY: we own the dictionary (or it is null, which av_dict_free accepts).
        unsafe { ff::av_dict_free(&mut self.dict) };
    }
}

fn c_string(s: &str) -> Result<CString> {
    CString::new(s).map_err(|_| Error::Type("Keys and values must not contain NUL".into()))
}

/// A dictionary that belongs to an FFmpeg object (a context's or a stream's metadata), borrowed
/// for as long as its owner is.
pub struct Borrowed<'a> {
    dict: &'a mut *mut ff::AVDictionary,
}

impl<'a> Borrowed<'a> {
    /// # Safety
    /// `dict` must point to a dictionary pointer (possibly null) that its owner keeps valid, and
    /// lets us replace, for `'a`.
    pub unsafe fn new(dict: *mut *mut ff::AVDictionary) -> Self {
        Self {
            // SAFETY: as the caller guarantees.
            dict: unsafe { &mut *dict },
        }
    }

    pub fn entries(&self) -> Vec<(String, String)> {
        entries(*self.dict)
    }

    pub fn set_all(&mut self, pairs: &[(String, String)]) -> Result<()> {
        set_all(self.dict, pairs)
    }

    /// Removes `key`.
    pub fn remove(&mut self, key: &str) -> Result<()> {
        let key = c_string(key)?;
        // SAFETY: a valid dictionary pointer (see `new`); a null value deletes the entry.
        let r = unsafe { ff::av_dict_set(self.dict, key.as_ptr(), ptr::null(), 0) };
        if r < 0 {
            return Err(Error::ffmpeg("Could not remove a dictionary entry", r));
        }
        Ok(())
    }
}

/// Sets every pair in `*dict` (created if null), replacing existing keys.
fn set_all(dict: &mut *mut ff::AVDictionary, pairs: &[(String, String)]) -> Result<()> {
    for (key, value) in pairs {
        let (key, value) = (c_string(key)?, c_string(value)?);
        // SAFETY: `dict` is ours or borrowed from its owner (see `Borrowed::new`); both strings
        // are NUL-terminated and av_dict_set copies them.
        let r = unsafe { ff::av_dict_set(dict, key.as_ptr(), value.as_ptr(), 0) };
        if r < 0 {
            return Err(Error::ffmpeg("Could not set a dictionary entry", r));
        }
    }
    Ok(())
}

/// Every entry, in order.
fn entries(dict: *const ff::AVDictionary) -> Vec<(String, String)> {
    let mut result = Vec::new();
    let mut entry: *const ff::AVDictionaryEntry = ptr::null();
    loop {
        // SAFETY: iterating a live dictionary (or null) with the empty key and IGNORE_SUFFIX.
        entry = unsafe {
            ff::av_dict_get(
                dict,
                c"".as_ptr(),
                entry,
                ff::AV_DICT_IGNORE_SUFFIX as c_int,
            )
        };
        if entry.is_null() {
            return result;
        }
        // SAFETY: an entry of a live dictionary, not null.
        let entry = unsafe { &*entry };
        // SAFETY: entries have NUL-terminated keys and values.
        let key = unsafe { CStr::from_ptr(entry.key) };
        // SAFETY: as above.
        let value = unsafe { CStr::from_ptr(entry.value) };
        result.push((
            key.to_string_lossy().into_owned(),
            value.to_string_lossy().into_owned(),
        ));
    }
}
