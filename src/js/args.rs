//! The arguments of a call from JavaScript into a native function, read straight from the callback
//! info into a fixed array (no allocation), with checked conversions that name the argument in
//! their `TypeError`/`RangeError`.

use crate::error::{Error, Result};
use crate::js::sys::{Env, Kind, Value, MAX_ARGS};

pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

pub struct Args {
    pub env: Env,
    argv: [Value; MAX_ARGS],
}

impl Args {
    pub fn new(env: Env, argv: [Value; MAX_ARGS]) -> Self {
        Self { env, argv }
    }

    /// Argument `i`; `undefined` when it was not passed.
    pub fn value(&self, i: usize) -> Value {
        let value = self.argv[i];
        if value.is_missing() {
            self.env.undefined()
        } else {
            value
        }
    }

    pub fn is_undefined(&self, i: usize) -> bool {
        self.argv[i].is_missing() || self.env.is(self.argv[i], Kind::js_undefined)
    }

    /// Whether argument `i` is `undefined` or `null`.
    pub fn is_nullish(&self, i: usize) -> bool {
        self.argv[i].is_missing() || self.env.is_nullish(self.argv[i])
    }

    /// A number; `TypeError` naming `name` otherwise.
    pub fn number(&self, i: usize, name: &str) -> Result<f64> {
        let value = self.value(i);
        self.env
            .number_of(value)
            .ok_or_else(|| self.wrong(i, name, "a number"))
    }

    /// An integer within `min..=max`.
    pub fn integer(&self, i: usize, name: &str, min: f64, max: f64) -> Result<i64> {
        let n = self.number(i, name)?;
        integer_in(n, min, max).ok_or_else(|| {
            Error::Range(format!(
                "{name} must be an integer from {min} to {max}, got {n}"
            ))
        })
    }

    pub fn int32(&self, i: usize, name: &str) -> Result<i32> {
        Ok(self.integer(i, name, i32::MIN as f64, i32::MAX as f64)? as i32)
    }

    /// An integer for FFmpeg's int64 timestamps: any safe integer, plus `AV_NOPTS_VALUE`.
    pub fn int64(&self, i: usize, name: &str) -> Result<i64> {
        let n = self.number(i, name)?;
        if n == i64::MIN as f64 {
            return Ok(i64::MIN);
        }
        self.integer(i, name, -MAX_SAFE_INTEGER, MAX_SAFE_INTEGER)
    }

    /// A rational from arguments `i` (numerator) and `i + 1` (denominator): the denominator must
    /// be positive; a time base (`positive`) must have a positive numerator too.
    pub fn rational(
        &self,
        i: usize,
        name: &str,
        positive: bool,
    ) -> Result<ffmpeg_sys_next::AVRational> {
        let num = self.int32(i, "numerator")?;
        let den = self.int32(i + 1, "denominator")?;
        if den <= 0 || num < 0 || (positive && num == 0) {
            let what = if positive {
                "positive"
            } else {
                "non-negative with a positive denominator"
            };
            return Err(Error::Range(format!(
                "{name} must be {what}, got {num}/{den}"
            )));
        }
        Ok(ffmpeg_sys_next::AVRational { num, den })
    }

    pub fn boolean(&self, i: usize, name: &str) -> Result<bool> {
        self.env
            .bool_of(self.value(i))
            .ok_or_else(|| self.wrong(i, name, "a boolean"))
    }

    pub fn string(&self, i: usize, name: &str) -> Result<String> {
        self.env
            .string_of(self.value(i))
            .ok_or_else(|| self.wrong(i, name, "a string"))
    }

    /// A string, or `None` for `undefined`/`null`.
    pub fn optional_string(&self, i: usize, name: &str) -> Result<Option<String>> {
        if self.is_nullish(i) {
            return Ok(None);
        }
        self.string(i, name).map(Some)
    }

    pub fn function(&self, i: usize, name: &str) -> Result<Value> {
        let value = self.value(i);
        if !self.env.is(value, Kind::js_function) {
            return Err(self.wrong(i, name, "a function"));
        }
        Ok(value)
    }

    /// A function, or `None` for `undefined`.
    pub fn optional_function(&self, i: usize, name: &str) -> Result<Option<Value>> {
        if self.is_undefined(i) {
            return Ok(None);
        }
        self.function(i, name).map(Some)
    }

    /// Lends `f` the bytes of a `Uint8Array`/`Buffer` argument (no JavaScript may run in `f`).
    pub fn with_bytes<R>(&self, i: usize, name: &str, f: impl FnOnce(&mut [u8]) -> R) -> Result<R> {
        self.env
            .with_bytes(self.value(i), f)
            .ok_or_else(|| self.wrong(i, name, "a Uint8Array"))
    }

    /// Lends `f` the elements of a `Float64Array` argument (for results written out in place).
    pub fn with_f64s<R>(&self, i: usize, f: impl FnOnce(&mut [f64]) -> R) -> Result<R> {
        self.env
            .with_f64s(self.value(i), f)
            .ok_or_else(|| self.wrong(i, "result", "a Float64Array"))
    }

    /// An array of strings (`undefined`: none).
    pub fn strings(&self, i: usize, name: &str) -> Result<Vec<String>> {
        if self.is_nullish(i) {
            return Ok(Vec::new());
        }
        let env = self.env;
        let array = self.value(i);
        let len = env
            .array_length(array)
            .ok_or_else(|| self.wrong(i, name, "an array"))?;
        (0..len)
            .map(|k| {
                env.get_element(array, k)
                    .and_then(|v| env.string_of(v))
                    .ok_or_else(|| Error::Type(format!("{name} must hold strings")))
            })
            .collect()
    }

    /// `[key, value, key, value, ...]` strings (`undefined`: none), e.g. options or metadata.
    pub fn string_pairs(&self, i: usize, name: &str) -> Result<Vec<(String, String)>> {
        if self.is_nullish(i) {
            return Ok(Vec::new());
        }
        let env = self.env;
        let array = self.value(i);
        let len = env
            .array_length(array)
            .ok_or_else(|| self.wrong(i, name, "an array"))?;
        let element = |k: u32| -> Result<String> {
            let value = env
                .get_element(array, k)
                .ok_or_else(|| Error::Type(format!("{name} could not be read")))?;
            env.string_of(value).ok_or_else(|| {
                Error::Type(format!(
                    "{name}: keys and values must be strings, got {}",
                    describe(env, value)
                ))
            })
        };
        (0..len / 2)
            .map(|k| Ok((element(2 * k)?, element(2 * k + 1)?)))
            .collect()
    }

    fn wrong(&self, i: usize, name: &str, what: &str) -> Error {
        Error::Type(format!(
            "{name} must be {what}, got {}",
            describe(self.env, self.value(i))
        ))
    }
}

/// `n` as an integer, if it is one within `min..=max`.
pub fn integer_in(n: f64, min: f64, max: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.is_finite() && n >= min && n <= max).then_some(n as i64)
}

/// `n` as the integer a field takes (the rules of `Args::int64` for 64-bit fields, of
/// `Args::int32` for the others), if it is one; for fast paths, which leave the error to the
/// slow one.
pub fn field_integer(n: f64, wide: bool) -> Option<i64> {
    if wide && n == i64::MIN as f64 {
        return Some(i64::MIN);
    }
    let (min, max) = if wide {
        (-MAX_SAFE_INTEGER, MAX_SAFE_INTEGER)
    } else {
        (i32::MIN as f64, i32::MAX as f64)
    };
    integer_in(n, min, max)
}

/// A short description of a value for error messages: `"a string"`, `"-3"`, `"NaN"`.
pub fn describe(env: Env, value: Value) -> String {
    match env.type_of(value) {
        Kind::js_undefined => "undefined".into(),
        Kind::js_null => "null".into(),
        Kind::js_boolean => "a boolean".into(),
        Kind::js_number => format!("{}", env.number_of(value).unwrap_or(f64::NAN)),
        Kind::js_string => "a string".into(),
        Kind::js_symbol => "a symbol".into(),
        Kind::js_object => "an object".into(),
        Kind::js_function => "a function".into(),
        Kind::js_external => "an external".into(),
        Kind::js_bigint => "a bigint".into(),
    }
}
