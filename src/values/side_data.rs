//! Side data (of packets and frames) between FFmpeg and JavaScript: entries out as
//! `[{ type, name, data }]` (copies), in as a flat `[type, bytes, ...]`.

use std::ffi::c_int;

use crate::av::{self, EnumName};
use crate::error::{Error, Result};
use crate::js::args::Args;
use crate::js::sys::{Env, Value};

use super::ToJs;

/// `[{ type, name, data }]` for `entries` (types named by `names`).
pub fn to_array(env: Env, entries: Vec<(c_int, &[u8])>, names: EnumName) -> Result<Value> {
    let fail = || Error::out_of_memory("Could not read side data");
    let array = env.array(entries.len()).ok_or_else(fail)?;
    for (i, (kind, bytes)) in entries.into_iter().enumerate() {
        let object = env.object().ok_or_else(fail)?;
        env.set_named(object, "type", env.number(kind as f64));
        let name = av::enum_name(names, kind);
        env.set_named(object, "name", name.to_js(env)?);
        env.set_named(
            object,
            "data",
            env.arraybuffer_copy(bytes).ok_or_else(fail)?,
        );
        env.set_element(array, i as u32, object);
    }
    Ok(array)
}

/// The entries of the flat `[type, bytes, ...]` in argument `i`, each type checked by `kind`.
pub fn from_array<T>(
    args: &Args,
    i: usize,
    kind: fn(c_int) -> Option<T>,
    what: &str,
) -> Result<Vec<(T, Vec<u8>)>> {
    let env = args.env;
    let list = args.value(i);
    let len = env
        .array_length(list)
        .ok_or_else(|| Error::Type("sideData must be an array".into()))?;
    let mut entries = Vec::new();
    for k in (0..len.saturating_sub(1)).step_by(2) {
        let t = env
            .get_element(list, k)
            .and_then(|v| env.number_of(v))
            .filter(|n| n.fract() == 0.0)
            .and_then(|n| kind(n as c_int))
            .ok_or_else(|| Error::Range(format!("Unknown {what} side data type")))?;
        let bytes = env
            .get_element(list, k + 1)
            .and_then(|v| env.with_bytes(v, |b| b.to_vec()))
            .ok_or_else(|| Error::Type("Side data must be a Uint8Array".into()))?;
        entries.push((t, bytes));
    }
    Ok(entries)
}

/// A side data type's name, from argument 0.
pub fn name(args: &Args, names: EnumName) -> Result<Value> {
    let kind = args.int32(0, "type")?;
    av::enum_name(names, kind).to_js(args.env)
}
