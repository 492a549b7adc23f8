//! What the option calls of codec and filter contexts give JavaScript: a value as text (null when
//! there is no such option); and the options a call takes, read from its arguments. (Lists of
//! names are `ToJs`.)

use crate::dictionary::Dictionary;
use crate::error::Result;
use crate::js::args::Args;
use crate::js::sys::{Env, Value};

use super::ToJs;

/// An option's value: its text, or null when there is no such option.
pub fn value(env: Env, value: Option<String>) -> Result<Value> {
    match value {
        Some(v) => v.as_str().to_js(env),
        None => Ok(env.null()),
    }
}

/// The options in argument `i`: lib/options.js's flat `[key, value, ...]` list (or nothing), whose
/// `strict` property asks for unknown options to be an error.
pub fn dictionary(args: &Args, i: usize) -> Result<Dictionary> {
    let pairs = args.string_pairs(i, "options")?;
    let strict = !args.is_nullish(i)
        && args
            .env
            .get_named(args.value(i), c"strict")
            .and_then(|v| args.env.bool_of(v))
            .unwrap_or(false);
    Dictionary::new(&pairs, strict)
}
