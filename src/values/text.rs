//! URLs from JavaScript (strings out are `ToJs`, in `values/mod.rs`).

use std::ffi::CString;

use crate::error::{Error, Result};
use crate::js::args::Args;

/// A URL argument: a string without NUL (`optional`: or undefined).
pub fn url_arg(args: &Args, i: usize, optional: bool) -> Result<Option<CString>> {
    let url = if optional {
        args.optional_string(i, "url")?
    } else {
        Some(args.string(i, "url")?)
    };
    url.map(|url| CString::new(url).map_err(|_| Error::Type("url must not contain NUL".into())))
        .transpose()
}
