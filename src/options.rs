//! Options of FFmpeg objects that carry an `AVClass` (codec and filter contexts): read, set, reset
//! and listed by name, with FFmpeg's log lines in the errors. The owners of those objects lend
//! them out as `Options`, a borrow tied to the owner.

use std::ffi::{c_char, c_int, c_void, CStr, CString};
use std::marker::PhantomData;
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::error::{Error, Result};
use crate::log;

/// An object's options: the object and, when it has one, its private part (a codec's or a
/// filter's own options), searched with AV_OPT_SEARCH_CHILDREN.
pub struct Options<'a> {
    object: *mut c_void,
    private: *mut c_void,
    /// What the options are of, for messages ("codec", "filter").
    what: &'static str,
    owner: PhantomData<&'a mut ()>,
}

impl<'a> Options<'a> {
    /// # Safety
    /// `object` is a live `AVClass` object and `private` null or one, both alive and used by no
    /// one else for `'a`.
    pub unsafe fn new(object: *mut c_void, private: *mut c_void, what: &'static str) -> Self {
        Self {
            object,
            private,
            what,
            owner: PhantomData,
        }
    }

    /// An option's value as text; `None` when it is not set (a string option without a value).
    /// An unknown name is FFmpeg's AVERROR_OPTION_NOT_FOUND, as in the published package.
    pub fn get(&self, name: &str, flags: c_int) -> Result<Option<String>> {
        let c_name = c_string(name)?;
        let mut out: *mut u8 = ptr::null_mut();
        // SAFETY: a live AVClass object (`new`); FFmpeg allocates `out`, freed below.
        let r = unsafe { ff::av_opt_get(self.object, c_name.as_ptr(), flags, &mut out) };
        if r == ff::AVERROR_OPTION_NOT_FOUND {
            return Err(self.unknown(name));
        }
        if r < 0 {
            return Err(Error::ffmpeg(
                &format!("Could not read the option {name}"),
                r,
            ));
        }
        if out.is_null() {
            return Ok(None);
        }
        // SAFETY: a C string FFmpeg allocated for us.
        let value = unsafe { CStr::from_ptr(out.cast::<c_char>()) }
            .to_string_lossy()
            .into_owned();
        // SAFETY: allocated by av_opt_get, freed once.
        unsafe { ff::av_free(out.cast()) };
        Ok(Some(value))
    }

    /// Sets an option from text; an unknown name or a bad value is FFmpeg's error.
    pub fn set(&mut self, name: &str, value: &str, flags: c_int) -> Result<()> {
        let (c_name, c_value) = (c_string(name)?, c_string(value)?);
        let object = self.object;
        let (r, lines) = log::capture(|| {
            // SAFETY: a live AVClass object (`new`) used by no one else; FFmpeg copies the value.
            unsafe { ff::av_opt_set(object, c_name.as_ptr(), c_value.as_ptr(), flags) }
        });
        if r == ff::AVERROR_OPTION_NOT_FOUND {
            return Err(self.unknown(name));
        }
        if r < 0 {
            // SAFETY: a live AVClass object (`new`).
            let allowed = unsafe { crate::option_table::allowed_values(object, &c_name) };
            let message = if allowed.is_empty() {
                format!("Could not set the option {name}")
            } else {
                format!(
                    "Could not set the option {name} (its named values: {})",
                    allowed.join(", ")
                )
            };
            return Err(Error::ffmpeg(&message, r).with_log(lines));
        }
        Ok(())
    }

    /// FFmpeg's "Option not found", naming the option.
    fn unknown(&self, name: &str) -> Error {
        Error::ffmpeg_text(
            format!("Unknown {} option: {name} (Option not found)", self.what),
            ff::AVERROR_OPTION_NOT_FOUND,
        )
    }

    /// Resets every option, the private ones included, to its default.
    pub fn set_defaults(&mut self) {
        for object in [self.object, self.private] {
            if !object.is_null() {
                // SAFETY: live AVClass objects (`new`) used by no one else.
                unsafe { ff::av_opt_set_defaults(object) };
            }
        }
    }

    /// The options' names (with AV_OPT_SEARCH_CHILDREN, the private ones first), without
    /// duplicates.
    pub fn names(&self, flags: c_int) -> Vec<String> {
        let mut names = Vec::new();
        let children = flags & ff::AV_OPT_SEARCH_CHILDREN as c_int != 0;
        for object in [
            if children {
                self.private
            } else {
                ptr::null_mut()
            },
            self.object,
        ] {
            if object.is_null() {
                continue;
            }
            let mut option: *const ff::AVOption = ptr::null();
            loop {
                // SAFETY: a live AVClass object; av_opt_next walks its static option table.
                option = unsafe { ff::av_opt_next(object, option) };
                // SAFETY: null or an entry of that table.
                let Some(o) = (unsafe { option.as_ref() }) else {
                    break;
                };
                if crate::option_table::kind_of(o) == ff::AVOptionType::AV_OPT_TYPE_CONST as c_int {
                    continue;
                }
                // SAFETY: option names are static C strings.
                let name = unsafe { CStr::from_ptr(o.name) }
                    .to_string_lossy()
                    .into_owned();
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        names
    }
}

pub fn c_string(s: &str) -> Result<CString> {
    CString::new(s).map_err(|_| Error::Type(format!("{s:?} contains NUL")))
}
