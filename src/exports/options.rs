//! What the option calls of codec and filter contexts give JavaScript: a value as text (null when
//! there is no such option) and the list of names; and the options a call takes, read from its
//! arguments.

use crate::dictionary::Dictionary;
use crate::error::{Error, Result};
use crate::js::args::Args;
use crate::js::sys::{Env, Value};

use super::format_description::string_or_undefined;

/// An option's value: its text, or null when there is no such option.
pub fn value(env: Env, value: Option<String>) -> Result<Value> {
    match value {
        Some(v) => string_or_undefined(env, Some(v)),
        None => Ok(env.null()),
    }
}

/// Option names as an array of strings.
pub fn names(env: Env, names: &[String]) -> Result<Value> {
    let fail = || Error::out_of_memory("Could not list the options");
    let array = env.array(names.len()).ok_or_else(fail)?;
    for (i, name) in names.iter().enumerate() {
        env.set_element(array, i as u32, env.string(name).ok_or_else(fail)?);
    }
    Ok(array)
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
