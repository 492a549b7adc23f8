//! The edge between Rust and Bare's `js.h`.
//!
//! `bare-rust` gives safe values, references and calls; this module adds what its safe layer lacks
//! (type checks, reading numbers and bytes out of raw values) and is the only place that calls
//! `bare-rust-ffi` directly.

use std::ffi::c_void;
use std::ptr;

use bare_rust::{Callback, Function, Number, Object, Value};
use bare_rust_ffi::*;

/// A JavaScript value as `js.h` sees it, alive in the current handle scope. Only made from a
/// `bare_rust::Value` (by `raw`), so it always names a live value of this environment.
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub struct Raw(*mut js_value_t);

// From js.h; bare-rust-ffi does not declare it.
unsafe extern "C" {
    fn js_add_teardown_callback(
        env: *mut js_env_t,
        callback: unsafe extern "C" fn(*mut c_void),
        data: *mut c_void,
    ) -> std::ffi::c_int;
    fn js_adjust_external_memory(
        env: *mut js_env_t,
        change_in_bytes: i64,
        result: *mut i64,
    ) -> std::ffi::c_int;
}
pub type JsResult<T> = Result<T, Value>;

/// The JavaScript environment of this addon instance. Copyable: it is only a pointer that stays
/// valid for as long as the addon is loaded in that environment.
#[derive(Clone, Copy, Debug)]
pub struct Env {
    raw: *mut js_env_t,
}

impl From<*mut js_env_t> for Env {
    fn from(raw: *mut js_env_t) -> Self {
        Self { raw }
    }
}

impl Env {
    /// The `bare-rust` view of the same environment.
    pub fn raw(&self) -> *mut js_env_t {
        self.raw
    }

    pub fn js(&self) -> bare_rust::Env {
        bare_rust::Env::from(self.raw)
    }

    /// Runs `f` when this environment is torn down (before its references become invalid).
    pub fn on_teardown(&self, f: fn()) {
        unsafe extern "C" fn run(data: *mut c_void) {
            // SAFETY: `data` is the `fn()` pointer registered below.
            let f: fn() = unsafe { std::mem::transmute::<*mut c_void, fn()>(data) };
            f();
        }
        // SAFETY: registers a plain function pointer as the callback's data; the environment
        // calls `run` once, on teardown.
        unsafe { js_add_teardown_callback(self.raw, run, f as *mut c_void) };
    }

    /// Tells the garbage collector about native memory held by JavaScript objects.
    pub fn adjust_external_memory(&self, change: i64) {
        if change == 0 {
            return;
        }
        let mut total = 0i64;
        // SAFETY: callable at any time on this environment's thread, even with an exception
        // pending (js.h), including from finalizers.
        unsafe { js_adjust_external_memory(self.raw, change, &mut total) };
    }

    pub fn number(&self, value: f64) -> Value {
        Number::with_f64(&self.js(), value).into()
    }

    pub fn boolean(&self, value: bool) -> Value {
        bare_rust::Boolean::new(&self.js(), value).into()
    }

    pub fn undefined(&self) -> Value {
        bare_rust::Undefined::new(&self.js()).into()
    }

    pub fn string(&self, value: &str) -> JsResult<Value> {
        Ok(bare_rust::String::new(&self.js(), value)?.into())
    }

    /// A JavaScript `ArrayBuffer` holding a copy of `bytes`.
    pub fn array_buffer(&self, bytes: &[u8]) -> JsResult<Value> {
        let mut buffer = bare_rust::ArrayBuffer::new(&self.js(), bytes.len())?;
        buffer.copy_from_slice(bytes);
        Ok(buffer.into())
    }

    /// Calls `function` with `args` and `undefined` as `this`. Raw and allocation-free: this is
    /// the hot path of every I/O callback. An exception the function throws is the error.
    pub fn call(&self, function: Raw, args: &mut [Raw]) -> JsResult<Raw> {
        let mut undefined = ptr::null_mut();
        let mut result = ptr::null_mut();
        // `Raw` is a transparent wrapper, so the arguments are already the C array js.h takes.
        let argv = args.as_mut_ptr().cast::<*mut js_value_t>();
        // SAFETY: `function` and `args` are live handles of this environment.
        let status = unsafe {
            js_get_undefined(self.raw, &mut undefined);
            js_call_function(
                self.raw,
                undefined,
                function.0,
                args.len(),
                argv,
                &mut result,
            )
        };
        if status == 0 {
            return Ok(Raw(result));
        }
        let js = self.js();
        Err(if js.is_exception_pending() {
            js.pending_exception()
        } else {
            crate::errors::error(*self, "Calling into JavaScript failed")
        })
    }

    /// A new external holding `data`; `finalize` runs when it is collected. `None` on failure.
    ///
    /// # Safety
    /// `data` must stay valid until `finalize` runs, and `finalize` must be the one to free it.
    pub unsafe fn external(
        &self,
        data: *mut c_void,
        finalize: unsafe extern "C" fn(*mut js_env_t, *mut c_void, *mut c_void),
    ) -> Option<Raw> {
        let mut result = ptr::null_mut();
        // SAFETY: creates a plain external; the caller keeps `data` valid until `finalize` runs.
        let status = unsafe {
            js_create_external(self.raw, data, Some(finalize), ptr::null_mut(), &mut result)
        };
        (status == 0).then_some(Raw(result))
    }

    /// The text of a string value, or `None` for other values.
    pub fn string_of(&self, value: Raw) -> Option<String> {
        if !matches!(self.type_of(value), js_value_type_t::js_string) {
            return None;
        }
        let mut len = 0usize;
        // SAFETY: `value` is a string; the first call asks for its UTF-8 length, the second
        // fills a buffer of that length.
        unsafe { js_get_value_string_utf8(self.raw, value.0, ptr::null_mut(), 0, &mut len) };
        let mut buf = vec![0u8; len];
        // SAFETY: `buf` holds `len` bytes.
        unsafe { js_get_value_string_utf8(self.raw, value.0, buf.as_mut_ptr(), len, &mut len) };
        buf.truncate(len);
        Some(String::from_utf8_lossy(&buf).into_owned())
    }

    /// Whether a value is an object with a `then` method (a Promise or a promise-like).
    pub fn is_thenable(&self, value: Raw) -> bool {
        if !matches!(self.type_of(value), js_value_type_t::js_object) {
            return false;
        }
        let mut then = ptr::null_mut();
        // SAFETY: `value` is an object; reading a property may run a getter, which may throw:
        // then it is not a thenable, and the exception is cleared.
        let status =
            unsafe { js_get_named_property(self.raw, value.0, c"then".as_ptr(), &mut then) };
        if status != 0 {
            let js = self.js();
            if js.is_exception_pending() {
                let _cleared = js.pending_exception();
            }
            return false;
        }
        matches!(self.type_of(Raw(then)), js_value_type_t::js_function)
    }

    /// JavaScript truthiness of a boolean value (false for anything else).
    pub fn truthy(&self, value: Raw) -> bool {
        let mut result = false;
        if matches!(self.type_of(value), js_value_type_t::js_boolean) {
            // SAFETY: `value` is a boolean.
            unsafe { js_get_value_bool(self.raw, value.0, &mut result) };
        }
        result
    }

    /// What type a value has. Never fails for a live value.
    pub fn type_of(&self, value: Raw) -> js_value_type_t {
        let mut kind = js_value_type_t::js_undefined;
        // SAFETY: `value` is a live handle of this environment; js_typeof only reads it.
        unsafe { js_typeof(self.raw, value.0, &mut kind) };
        kind
    }

    /// The number in `value`, or `None` when it is not a number.
    pub fn number_of(&self, value: Raw) -> Option<f64> {
        if !matches!(self.type_of(value), js_value_type_t::js_number) {
            return None;
        }
        let mut result = 0.0;
        // SAFETY: `value` was just checked to be a number.
        unsafe { js_get_value_double(self.raw, value.0, &mut result) };
        Some(result)
    }

    /// The bytes a `Uint8Array`/`Int8Array` (any byte view) shows, or `None` for other values.
    ///
    /// The slice borrows memory owned by JavaScript: use it before any JavaScript runs again,
    /// since a script may detach the buffer.
    pub fn bytes_of<'a>(&self, value: Raw) -> Option<&'a mut [u8]> {
        use js_typedarray_type_t::*;
        let (data, len) =
            self.typed_array(value, |kind| matches!(kind, js_uint8array | js_int8array))?;
        // SAFETY: V8 reports `len` one-byte elements at `data`; see the note above.
        Some(unsafe { slice_or_empty(data.cast::<u8>(), len) })
    }

    /// The elements of an `Int32Array`, or `None` for other values (same lifetime rule).
    pub fn int32s_of<'a>(&self, value: Raw) -> Option<&'a mut [i32]> {
        let (data, len) = self.typed_array(value, |kind| {
            matches!(kind, js_typedarray_type_t::js_int32array)
        })?;
        // SAFETY: V8 reports `len` aligned 4-byte elements at `data`; see `bytes_of`.
        Some(unsafe { slice_or_empty(data.cast::<i32>(), len) })
    }

    /// The elements of a `Float64Array`, or `None` for other values (same lifetime rule).
    pub fn float64s_of<'a>(&self, value: Raw) -> Option<&'a mut [f64]> {
        let (data, len) = self.typed_array(value, |kind| {
            matches!(kind, js_typedarray_type_t::js_float64array)
        })?;
        // SAFETY: V8 reports `len` aligned 8-byte elements at `data`; see `bytes_of`.
        Some(unsafe { slice_or_empty(data.cast::<f64>(), len) })
    }

    /// Data pointer and element count of a typed array whose type `accept`s.
    fn typed_array(
        &self,
        value: Raw,
        accept: impl Fn(js_typedarray_type_t) -> bool,
    ) -> Option<(*mut c_void, usize)> {
        let mut is_typedarray = false;
        // SAFETY: `value` is a live handle of this environment.
        unsafe { js_is_typedarray(self.raw, value.0, &mut is_typedarray) };
        if !is_typedarray {
            return None;
        }
        let mut kind = js_typedarray_type_t::js_uint8array;
        let mut data: *mut c_void = ptr::null_mut();
        let mut len = 0usize;
        // SAFETY: `value` is a typed array; we read its type, data pointer and element count.
        unsafe {
            js_get_typedarray_info(
                self.raw,
                value.0,
                &mut kind,
                &mut data,
                &mut len,
                ptr::null_mut(),
                ptr::null_mut(),
            )
        };
        accept(kind).then_some((data, len))
    }

    /// The data pointer of an external, or `None` when `value` is not an external.
    pub fn external_of(&self, value: Raw) -> Option<*mut c_void> {
        if !matches!(self.type_of(value), js_value_type_t::js_external) {
            return None;
        }
        let mut data: *mut c_void = ptr::null_mut();
        // SAFETY: `value` was just checked to be an external.
        unsafe { js_get_value_external(self.raw, value.0, &mut data) };
        (!data.is_null()).then_some(data)
    }

    /// A short description of a value for error messages: `"a string"`, `"-3"`, `"NaN"`.
    pub fn describe(&self, value: Raw) -> String {
        use js_value_type_t::*;
        match self.type_of(value) {
            js_undefined => "undefined".into(),
            js_null => "null".into(),
            js_boolean => "a boolean".into(),
            js_number => format!("{}", self.number_of(value).unwrap_or(f64::NAN)),
            js_string => "a string".into(),
            js_symbol => "a symbol".into(),
            js_object => "an object".into(),
            js_function => "a function".into(),
            js_external => "an external".into(),
            js_bigint => "a bigint".into(),
        }
    }
}

/// `len` elements at `data` as a slice; an empty slice for a null pointer or no elements.
///
/// # Safety
/// `data` must point to `len` valid, aligned elements that nothing else accesses meanwhile.
unsafe fn slice_or_empty<'a, T>(data: *mut T, len: usize) -> &'a mut [T] {
    if data.is_null() || len == 0 {
        return &mut [];
    }
    // SAFETY: as the caller guarantees.
    unsafe { std::slice::from_raw_parts_mut(data, len) }
}

impl Raw {
    /// The pointer js.h takes, for the few calls made outside this module.
    pub fn as_ptr(self) -> *mut js_value_t {
        self.0
    }
}

/// A value turned back into a raw handle, for the checks above. The raw handle lives in the
/// current handle scope, like the value it came from.
pub fn raw(value: Value) -> Raw {
    Raw(value.into())
}

/// The arguments of one native call from JavaScript.
pub struct Args<'a> {
    pub env: Env,
    callback: &'a Callback,
}

impl Args<'_> {
    /// Argument `i` as a value; `undefined` when it was not passed.
    pub fn value(&self, i: usize) -> Value {
        self.callback
            .arg::<Value>(i)
            .unwrap_or_else(|| self.env.undefined())
    }

    pub fn raw(&self, i: usize) -> Raw {
        raw(self.value(i))
    }

    pub fn is_undefined(&self, i: usize) -> bool {
        matches!(self.env.type_of(self.raw(i)), js_value_type_t::js_undefined)
    }

    /// A number argument; `TypeError` naming `name` otherwise.
    pub fn number(&self, i: usize, name: &str) -> JsResult<f64> {
        let value = self.raw(i);
        self.env.number_of(value).ok_or_else(|| {
            crate::errors::type_error(
                self.env,
                &format!("{name} must be a number, got {}", self.env.describe(value)),
            )
        })
    }

    /// An integer argument within `min..=max`; `TypeError`/`RangeError` naming `name` otherwise.
    pub fn integer(&self, i: usize, name: &str, min: f64, max: f64) -> JsResult<i64> {
        let n = self.number(i, name)?;
        if n.fract() != 0.0 || !n.is_finite() || n < min || n > max {
            return Err(crate::errors::range_error(
                self.env,
                &format!("{name} must be an integer from {min} to {max}, got {n}"),
            ));
        }
        Ok(n as i64)
    }

    pub fn int32(&self, i: usize, name: &str) -> JsResult<i32> {
        Ok(self.integer(i, name, i32::MIN as f64, i32::MAX as f64)? as i32)
    }

    /// An integer that fits FFmpeg's int64 timestamps (any safe integer, plus the exact
    /// value of `AV_NOPTS_VALUE`).
    pub fn int64(&self, i: usize, name: &str) -> JsResult<i64> {
        let n = self.number(i, name)?;
        if n == i64::MIN as f64 {
            return Ok(i64::MIN);
        }
        self.integer(i, name, -MAX_SAFE_INTEGER, MAX_SAFE_INTEGER)
    }

    pub fn string(&self, i: usize, name: &str) -> JsResult<String> {
        let value = self.raw(i);
        self.env.string_of(value).ok_or_else(|| {
            crate::errors::type_error(
                self.env,
                &format!("{name} must be a string, got {}", self.env.describe(value)),
            )
        })
    }

    /// The bytes of a `Uint8Array`/`Buffer` argument, valid until JavaScript runs again.
    pub fn bytes(&self, i: usize, name: &str) -> JsResult<&mut [u8]> {
        let value = self.raw(i);
        self.env.bytes_of(value).ok_or_else(|| {
            crate::errors::type_error(
                self.env,
                &format!(
                    "{name} must be a Uint8Array, got {}",
                    self.env.describe(value)
                ),
            )
        })
    }
}

pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

pub type NativeFn = fn(&Args) -> JsResult<Value>;

/// Adds `exports[name] = function (...) { return f(args) }`.
pub fn export(env: Env, exports: &mut Object, name: &str, f: NativeFn) -> JsResult<()> {
    let function = Function::new(&env.js(), move |_, callback| f(&Args { env, callback }))?;
    exports.set_named_property(name, function)
}
