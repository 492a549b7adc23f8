//! An option FFmpeg describes (`option_table`), as a plain JavaScript object:
//! `{ name, type, array, help, default, min, max, values: [{ name, value, help, flags }], flags }`.

use crate::error::{Error, Result};
use crate::js::sys::{Env, Value};
use crate::option_table::{Default, OptionInfo};

use super::ToJs;

fn fail() -> Error {
    Error::out_of_memory("Could not describe the options")
}

fn object(env: Env, fields: &[(&str, Value)]) -> Result<Value> {
    let object = env.object().ok_or_else(fail)?;
    for (name, value) in fields {
        if !env.set_named(object, name, *value) {
            return Err(fail());
        }
    }
    Ok(object)
}

impl ToJs for &Default {
    fn to_js(self, env: Env) -> Result<Value> {
        Ok(match self {
            Default::None => env.null(),
            Default::Number(n) => env.number(*n),
            Default::Bool(b) => env.boolean(*b),
            Default::Text(s) => s.as_str().to_js(env)?,
        })
    }
}

fn flag_list(env: Env, flags: &[&str]) -> Result<Value> {
    let list = env.array(flags.len()).ok_or_else(fail)?;
    for (i, flag) in flags.iter().enumerate() {
        env.set_element(list, i as u32, flag.to_js(env)?);
    }
    Ok(list)
}

impl ToJs for &OptionInfo {
    fn to_js(self, env: Env) -> Result<Value> {
        let values = env.array(self.values.len()).ok_or_else(fail)?;
        for (i, named) in self.values.iter().enumerate() {
            let value = object(
                env,
                &[
                    ("name", named.name.as_str().to_js(env)?),
                    ("value", env.number(named.value)),
                    ("help", named.help.as_str().to_js(env)?),
                    ("flags", flag_list(env, &named.flags)?),
                ],
            )?;
            env.set_element(values, i as u32, value);
        }
        let flags = flag_list(env, &self.flags)?;
        let (min, max) = match self.range {
            Some((min, max)) => (env.number(min), env.number(max)),
            None => (env.null(), env.null()),
        };
        object(
            env,
            &[
                ("name", self.name.as_str().to_js(env)?),
                ("type", self.kind.to_js(env)?),
                ("array", env.boolean(self.array)),
                ("help", self.help.as_str().to_js(env)?),
                ("default", (&self.default).to_js(env)?),
                ("min", min),
                ("max", max),
                ("values", values),
                ("flags", flags),
            ],
        )
    }
}

impl ToJs for &[OptionInfo] {
    fn to_js(self, env: Env) -> Result<Value> {
        let list = env.array(self.len()).ok_or_else(fail)?;
        for (i, option) in self.iter().enumerate() {
            env.set_element(list, i as u32, option.to_js(env)?);
        }
        Ok(list)
    }
}
