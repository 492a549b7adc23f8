//! Conversions between JavaScript values and the values FFmpeg's objects hold, shared by the
//! classes of `exports/` (which never import from one another): each file one kind of value.
//! Values going out implement `ToJs`, as napi-rs's `ToNapiValue`; values coming in are read by
//! `js::args::Args` and the functions here.

pub mod fields;
pub mod handles;
pub mod layout;
pub mod option_info;
pub mod options;
pub mod rational;
pub mod side_data;
pub mod subtitle;
pub mod text;

use crate::error::{Error, Result};
use crate::js::sys::{Env, Value};

/// A Rust value as a JavaScript one.
pub trait ToJs {
    fn to_js(self, env: Env) -> Result<Value>;
}

/// A string, or `undefined` when there is none.
impl ToJs for Option<String> {
    fn to_js(self, env: Env) -> Result<Value> {
        match self {
            Some(s) => s.as_str().to_js(env),
            None => Ok(env.undefined()),
        }
    }
}

impl ToJs for &str {
    fn to_js(self, env: Env) -> Result<Value> {
        env.string(self)
            .ok_or_else(|| Error::out_of_memory("Could not make a string"))
    }
}

/// An array of strings.
impl ToJs for &[String] {
    fn to_js(self, env: Env) -> Result<Value> {
        let fail = || Error::out_of_memory("Could not make an array of strings");
        let array = env.array(self.len()).ok_or_else(fail)?;
        for (i, s) in self.iter().enumerate() {
            env.set_element(array, i as u32, env.string(s).ok_or_else(fail)?);
        }
        Ok(array)
    }
}
