//! What the option calls of codec and filter contexts give JavaScript: a value as text (null when
//! there is no such option) and the list of names.

use crate::error::{Error, Result};
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
