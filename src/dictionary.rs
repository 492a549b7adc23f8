//! `AVDictionary`: FFmpeg's string map, used for options and metadata.

use std::ffi::{c_int, CStr, CString};
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::errors::{ffmpeg_error, type_error};
use crate::js::{Env, JsResult};

/// An owned dictionary, freed on drop.
pub struct Dictionary(*mut ff::AVDictionary);

impl Dictionary {
    pub fn new(env: Env, pairs: &[(String, String)]) -> JsResult<Self> {
        let mut dict = Dictionary(ptr::null_mut());
        set_all(env, &mut dict.0, pairs)?;
        Ok(dict)
    }

    pub fn empty() -> Self {
        Dictionary(ptr::null_mut())
    }

    /// Where FFmpeg may consume entries from (it removes the options it used).
    pub fn as_mut_ptr(&mut self) -> *mut *mut ff::AVDictionary {
        &mut self.0
    }

    /// The keys FFmpeg left unconsumed (options nothing recognised).
    pub fn leftover_keys(&self) -> Vec<String> {
        entries(self.0).into_iter().map(|(k, _)| k).collect()
    }
}

impl Drop for Dictionary {
    fn drop(&mut self) {
        // SAFETY: we own the dictionary (or it is null, which av_dict_free accepts).
        unsafe { ff::av_dict_free(&mut self.0) };
    }
}

/// Sets every pair in `*dict` (created if null), replacing existing keys.
pub fn set_all(
    env: Env,
    dict: &mut *mut ff::AVDictionary,
    pairs: &[(String, String)],
) -> JsResult<()> {
    let nul = |s: &str| {
        CString::new(s).map_err(|_| type_error(env, "Keys and values must not contain NUL"))
    };
    for (key, value) in pairs {
        let (key, value) = (nul(key)?, nul(value)?);
        // SAFETY: both strings are NUL-terminated; av_dict_set copies them.
        let r = unsafe { ff::av_dict_set(dict, key.as_ptr(), value.as_ptr(), 0) };
        if r < 0 {
            return Err(ffmpeg_error(env, "Could not set a dictionary entry", r));
        }
    }
    Ok(())
}

/// Every entry of a dictionary we do not own (it may be null), in order.
pub fn entries(dict: *const ff::AVDictionary) -> Vec<(String, String)> {
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
        // SAFETY: entries of a live dictionary have NUL-terminated keys and values.
        let (key, value) =
            unsafe { (CStr::from_ptr((*entry).key), CStr::from_ptr((*entry).value)) };
        result.push((
            key.to_string_lossy().into_owned(),
            value.to_string_lossy().into_owned(),
        ));
    }
}
