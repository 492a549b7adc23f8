//! The only module that calls Bare's `js.h`. Everything else uses the safe API below.
//!
//! `Value` is a handle to a JavaScript value, valid in the handle scope it was made in (the
//! native call that received or created it, or a `Scope`). Memory that JavaScript owns (the bytes
//! of a typed array) is only lent to a closure (`with_bytes`), never returned as a free-standing
//! borrow: any JavaScript that runs could detach it.

use std::ffi::{c_char, c_int, c_void};
use std::ptr;

use bare_rust_ffi::{self as ffi, js_env_t, js_value_t};

pub use bare_rust_ffi::js_callback_info_t as CallbackInfo;

/// A JavaScript value, valid in the handle scope it was made in.
#[derive(Clone, Copy, Debug)]
#[repr(transparent)]
pub struct Value(*mut js_value_t);

impl Value {
    pub fn as_raw(self) -> *mut js_value_t {
        self.0
    }

    /// An argument that was not passed (`Args` reads it as `undefined`): the trampoline marks
    /// them so rather than asking js.h for `undefined` on every call.
    const MISSING: Value = Value(ptr::null_mut());

    pub fn is_missing(self) -> bool {
        self.0.is_null()
    }
}

/// What `typeof` says, in the words of js.h.
pub use bare_rust_ffi::js_value_type_t as Kind;

/// The JavaScript environment of this addon instance (one per JavaScript thread). Copyable: a
/// pointer that stays valid while the addon is loaded there.
#[derive(Clone, Copy, Debug)]
pub struct Env(*mut js_env_t);

/// The exception a call into JavaScript threw (taken off the environment: nothing is pending).
#[derive(Clone, Copy, Debug)]
pub struct Thrown(pub Value);

// From js.h; bare-rust-ffi does not declare these.
#[repr(C)]
struct js_threadsafe_function_t {
    _private: [u8; 0],
}
type TsfnCallback = unsafe extern "C" fn(*mut js_env_t, *mut js_value_t, *mut c_void, *mut c_void);
unsafe extern "C" {
    fn js_add_teardown_callback(
        env: *mut js_env_t,
        callback: unsafe extern "C" fn(*mut c_void),
        data: *mut c_void,
    ) -> c_int;
    fn js_adjust_external_memory(env: *mut js_env_t, change: i64, result: *mut i64) -> c_int;
    fn js_create_threadsafe_function(
        env: *mut js_env_t,
        function: *mut js_value_t,
        queue_limit: usize,
        initial_thread_count: usize,
        finalize_cb: Option<unsafe extern "C" fn(*mut js_env_t, *mut c_void, *mut c_void)>,
        finalize_hint: *mut c_void,
        context: *mut c_void,
        cb: TsfnCallback,
        result: *mut *mut js_threadsafe_function_t,
    ) -> c_int;
    fn js_call_threadsafe_function(
        function: *mut js_threadsafe_function_t,
        data: *mut c_void,
        mode: c_int,
    ) -> c_int;
    fn js_release_threadsafe_function(
        function: *mut js_threadsafe_function_t,
        mode: c_int,
    ) -> c_int;
    fn js_ref_threadsafe_function(
        env: *mut js_env_t,
        function: *mut js_threadsafe_function_t,
    ) -> c_int;
    fn js_unref_threadsafe_function(
        env: *mut js_env_t,
        function: *mut js_threadsafe_function_t,
    ) -> c_int;
    fn js_get_typed_callback_info(
        info: *const TypedCallbackInfo,
        env: *mut *mut js_env_t,
        data: *mut *mut c_void,
    ) -> c_int;
}

/// What V8 passes last to the fast path of a typed function (js.h's `js_typed_callback_info_t`).
#[repr(C)]
struct TypedCallbackInfo {
    _private: [u8; 0],
}

/// The argument and result types of a typed function's signature, from js.h: any value (passed
/// as a handle), a 32-bit integer, a double.
const TYPED_VALUE: c_int = ffi::js_value_type_t::js_object as c_int;
const TYPED_INT32: c_int = 5 << 8 | ffi::js_value_type_t::js_number as c_int;
const TYPED_FLOAT64: c_int = 10 << 8 | ffi::js_value_type_t::js_number as c_int;

/// A finalizer as js.h calls it: (env, data, hint).
pub type Finalizer = unsafe extern "C" fn(*mut js_env_t, *mut c_void, *mut c_void);

impl From<*mut js_env_t> for Env {
    fn from(raw: *mut js_env_t) -> Self {
        Self(raw)
    }
}

impl Env {
    // --- Making values -----------------------------------------------------------------------

    pub fn undefined(self) -> Value {
        let mut v = ptr::null_mut();
        // SAFETY: js_get_undefined only writes the handle.
        unsafe { ffi::js_get_undefined(self.0, &mut v) };
        Value(v)
    }

    pub fn null(self) -> Value {
        let mut v = ptr::null_mut();
        // SAFETY: as above.
        unsafe { ffi::js_get_null(self.0, &mut v) };
        Value(v)
    }

    pub fn boolean(self, b: bool) -> Value {
        let mut v = ptr::null_mut();
        // SAFETY: as above.
        unsafe { ffi::js_get_boolean(self.0, b, &mut v) };
        Value(v)
    }

    pub fn number(self, n: f64) -> Value {
        let mut v = ptr::null_mut();
        // SAFETY: creates a number in the current scope.
        unsafe { ffi::js_create_double(self.0, n, &mut v) };
        Value(v)
    }

    /// A string; `None` if the engine cannot make it (out of memory, an exception pending).
    pub fn string(self, s: &str) -> Option<Value> {
        let mut v = ptr::null_mut();
        // SAFETY: `s` is `len` bytes of UTF-8.
        let status = unsafe { ffi::js_create_string_utf8(self.0, s.as_ptr(), s.len(), &mut v) };
        (status == 0).then_some(Value(v))
    }

    pub fn object(self) -> Option<Value> {
        let mut v = ptr::null_mut();
        // SAFETY: creates an empty object in the current scope.
        let status = unsafe { ffi::js_create_object(self.0, &mut v) };
        (status == 0).then_some(Value(v))
    }

    pub fn array(self, len: usize) -> Option<Value> {
        let mut v = ptr::null_mut();
        // SAFETY: creates an array in the current scope.
        let status = unsafe { ffi::js_create_array_with_length(self.0, len, &mut v) };
        (status == 0).then_some(Value(v))
    }

    /// `object[name] = value`; false if it threw (a setter, a frozen object).
    pub fn set_named(self, object: Value, name: &str, value: Value) -> bool {
        let Ok(name) = std::ffi::CString::new(name) else {
            return false;
        };
        // SAFETY: live handles; `name` is NUL-terminated.
        unsafe { ffi::js_set_named_property(self.0, object.0, name.as_ptr(), value.0) == 0 }
    }

    /// `object[name]`, or `None` if reading it threw.
    pub fn get_named(self, object: Value, name: &std::ffi::CStr) -> Option<Value> {
        let mut v = ptr::null_mut();
        // SAFETY: live handle; `name` is NUL-terminated.
        let status = unsafe { ffi::js_get_named_property(self.0, object.0, name.as_ptr(), &mut v) };
        (status == 0).then_some(Value(v))
    }

    pub fn set_element(self, array: Value, index: u32, value: Value) -> bool {
        // SAFETY: live handles.
        unsafe { ffi::js_set_element(self.0, array.0, index, value.0) == 0 }
    }

    pub fn get_element(self, array: Value, index: u32) -> Option<Value> {
        let mut v = ptr::null_mut();
        // SAFETY: live handle.
        let status = unsafe { ffi::js_get_element(self.0, array.0, index, &mut v) };
        (status == 0).then_some(Value(v))
    }

    /// The length of an array, or `None` for other values.
    pub fn array_length(self, array: Value) -> Option<u32> {
        let mut is_array = false;
        // SAFETY: live handle.
        unsafe { ffi::js_is_array(self.0, array.0, &mut is_array) };
        if !is_array {
            return None;
        }
        let mut len = 0u32;
        // SAFETY: `array` is an array.
        unsafe { ffi::js_get_array_length(self.0, array.0, &mut len) };
        Some(len)
    }

    /// A new zero-filled `ArrayBuffer` of `len` bytes.
    pub fn arraybuffer(self, len: usize) -> Option<Value> {
        let mut data: *mut c_void = ptr::null_mut();
        let mut v = ptr::null_mut();
        // SAFETY: creates a buffer in the current scope (the engine zero-fills new buffers).
        let status = unsafe { ffi::js_create_arraybuffer(self.0, len, &mut data, &mut v) };
        (status == 0).then_some(Value(v))
    }

    /// A new `ArrayBuffer` holding a copy of `bytes`.
    pub fn arraybuffer_copy(self, bytes: &[u8]) -> Option<Value> {
        let mut data: *mut c_void = ptr::null_mut();
        let mut v = ptr::null_mut();
        // SAFETY: a live environment; out pointers for the data and the value.
        if unsafe { ffi::js_create_arraybuffer(self.0, bytes.len(), &mut data, &mut v) } != 0 {
            return None;
        }
        if !bytes.is_empty() {
            // SAFETY: the new buffer has `bytes.len()` writable bytes at `data`.
            unsafe { ptr::copy_nonoverlapping(bytes.as_ptr(), data.cast::<u8>(), bytes.len()) };
        }
        Some(Value(v))
    }

    /// An `ArrayBuffer` over `len` bytes at `data` that JavaScript does not own: `finalize(env,
    /// data, hint)` runs when it is collected.
    ///
    /// # Safety
    /// `data` must stay valid and writable until `finalize` runs, and `finalize` must release
    /// whatever keeps it alive (with `hint`).
    pub unsafe fn external_arraybuffer(
        self,
        data: *mut u8,
        len: usize,
        finalize: Finalizer,
        hint: *mut c_void,
    ) -> Option<Value> {
        let mut v = ptr::null_mut();
        // SAFETY: as the caller guarantees.
        let status = unsafe {
            ffi::js_create_external_arraybuffer(
                self.0,
                data.cast(),
                len,
                Some(finalize),
                hint,
                &mut v,
            )
        };
        (status == 0).then_some(Value(v))
    }

    // --- Reading values ----------------------------------------------------------------------

    /// Whether `value` is `undefined` or `null`.
    pub fn is_nullish(self, value: Value) -> bool {
        matches!(self.type_of(value), Kind::js_undefined | Kind::js_null)
    }

    pub fn type_of(self, value: Value) -> Kind {
        let mut kind = Kind::js_undefined;
        // SAFETY: live handle; js_typeof only reads it.
        unsafe { ffi::js_typeof(self.0, value.0, &mut kind) };
        kind
    }

    pub fn is(self, value: Value, kind: Kind) -> bool {
        self.type_of(value) as u32 == kind as u32
    }

    pub fn number_of(self, value: Value) -> Option<f64> {
        if !self.is(value, Kind::js_number) {
            return None;
        }
        let mut n = 0.0;
        // SAFETY: `value` is a number.
        unsafe { ffi::js_get_value_double(self.0, value.0, &mut n) };
        Some(n)
    }

    pub fn bool_of(self, value: Value) -> Option<bool> {
        if !self.is(value, Kind::js_boolean) {
            return None;
        }
        let mut b = false;
        // SAFETY: `value` is a boolean.
        unsafe { ffi::js_get_value_bool(self.0, value.0, &mut b) };
        Some(b)
    }

    /// The text of a string value, or `None` for other values.
    pub fn string_of(self, value: Value) -> Option<String> {
        if !self.is(value, Kind::js_string) {
            return None;
        }
        let mut len = 0usize;
        // SAFETY: `value` is a string; the first call asks for its UTF-8 length, the second
        // fills a buffer of that length.
        unsafe { ffi::js_get_value_string_utf8(self.0, value.0, ptr::null_mut(), 0, &mut len) };
        let mut buf = vec![0u8; len];
        // SAFETY: `buf` holds `len` bytes.
        unsafe { ffi::js_get_value_string_utf8(self.0, value.0, buf.as_mut_ptr(), len, &mut len) };
        buf.truncate(len);
        Some(String::from_utf8_lossy(&buf).into_owned())
    }

    /// Lends `f` the bytes a byte view (`Uint8Array`, `Int8Array`, a `Buffer`) shows; `None` for
    /// other values. No JavaScript may run inside `f`.
    pub fn with_bytes<R>(self, value: Value, f: impl FnOnce(&mut [u8]) -> R) -> Option<R> {
        use ffi::js_typedarray_type_t::*;
        let (data, len) =
            self.typed_array(value, |kind| matches!(kind, js_uint8array | js_int8array))?;
        // SAFETY: V8 reports `len` one-byte elements at `data`, which stay put while no
        // JavaScript runs (it alone could detach the buffer).
        Some(f(unsafe { slice_or_empty(data.cast::<u8>(), len) }))
    }

    /// The same for the bytes of an `ArrayBuffer`.
    pub fn with_arraybuffer<R>(self, value: Value, f: impl FnOnce(&mut [u8]) -> R) -> Option<R> {
        let mut is = false;
        // SAFETY: live handle.
        unsafe { ffi::js_is_arraybuffer(self.0, value.0, &mut is) };
        if !is {
            return None;
        }
        let mut data: *mut c_void = ptr::null_mut();
        let mut len = 0usize;
        // SAFETY: `value` is an ArrayBuffer.
        unsafe { ffi::js_get_arraybuffer_info(self.0, value.0, &mut data, &mut len) };
        // SAFETY: as in `with_bytes`.
        Some(f(unsafe { slice_or_empty(data.cast::<u8>(), len) }))
    }

    /// The same for the elements of a `Float64Array` (results written out without allocating).
    pub fn with_f64s<R>(self, value: Value, f: impl FnOnce(&mut [f64]) -> R) -> Option<R> {
        let (data, len) = self.typed_array(value, |kind| {
            matches!(kind, ffi::js_typedarray_type_t::js_float64array)
        })?;
        // SAFETY: `len` aligned 8-byte elements at `data`; see `with_bytes`.
        Some(f(unsafe { slice_or_empty(data.cast::<f64>(), len) }))
    }

    /// The same for the elements of an `Int32Array`.
    pub fn with_i32s<R>(self, value: Value, f: impl FnOnce(&mut [i32]) -> R) -> Option<R> {
        let (data, len) = self.typed_array(value, |kind| {
            matches!(kind, ffi::js_typedarray_type_t::js_int32array)
        })?;
        // SAFETY: `len` aligned 4-byte elements at `data`; see `with_bytes`.
        Some(f(unsafe { slice_or_empty(data.cast::<i32>(), len) }))
    }

    fn typed_array(
        self,
        value: Value,
        accept: impl Fn(ffi::js_typedarray_type_t) -> bool,
    ) -> Option<(*mut c_void, usize)> {
        let mut is = false;
        // SAFETY: live handle.
        unsafe { ffi::js_is_typedarray(self.0, value.0, &mut is) };
        if !is {
            return None;
        }
        let mut kind = ffi::js_typedarray_type_t::js_uint8array;
        let mut data: *mut c_void = ptr::null_mut();
        let mut len = 0usize;
        // SAFETY: `value` is a typed array; we read its type, data pointer and element count.
        unsafe {
            ffi::js_get_typedarray_info(
                self.0,
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

    /// Whether a value is an object with a `then` method (a Promise or a promise-like).
    pub fn is_thenable(self, value: Value) -> bool {
        if !self.is(value, Kind::js_object) {
            return false;
        }
        match self.get_named(value, c"then") {
            Some(then) => self.is(then, Kind::js_function),
            None => {
                self.take_exception(); // a throwing getter: not a thenable
                false
            }
        }
    }

    // --- Externals -----------------------------------------------------------------------------

    /// A new external holding `data`; `finalize` runs when it is collected.
    ///
    /// # Safety
    /// `data` must stay valid until `finalize` runs, and `finalize` must be what frees it.
    pub unsafe fn external(self, data: *mut c_void, finalize: Finalizer) -> Option<Value> {
        let mut v = ptr::null_mut();
        // SAFETY: as the caller guarantees.
        let status = unsafe {
            ffi::js_create_external(self.0, data, Some(finalize), ptr::null_mut(), &mut v)
        };
        (status == 0).then_some(Value(v))
    }

    /// The data pointer of an external, or `None` for other values.
    pub fn external_data(self, value: Value) -> Option<*mut c_void> {
        if !self.is(value, Kind::js_external) {
            return None;
        }
        let mut data: *mut c_void = ptr::null_mut();
        // SAFETY: `value` is an external.
        unsafe { ffi::js_get_value_external(self.0, value.0, &mut data) };
        (!data.is_null()).then_some(data)
    }

    // --- Calls, exceptions, functions ----------------------------------------------------------

    /// Calls `function` with `undefined` as `this`. What it throws is the error, taken off the
    /// environment. Allocation-free: this is the hot path of every I/O callback.
    pub fn call(self, function: Value, args: &[Value]) -> Result<Value, Thrown> {
        let mut result = ptr::null_mut();
        let this = self.undefined();
        // SAFETY: live handles; `Value` is a transparent wrapper, so `args` is the C array js.h
        // reads (it does not write through it).
        let status = unsafe {
            ffi::js_call_function(
                self.0,
                this.0,
                function.0,
                args.len(),
                args.as_ptr().cast_mut().cast::<*mut js_value_t>(),
                &mut result,
            )
        };
        if status == 0 {
            return Ok(Value(result));
        }
        Err(Thrown(
            self.take_exception()
                .or_else(|| self.error("Calling into JavaScript failed"))
                .unwrap_or_else(|| self.undefined()),
        ))
    }

    pub fn is_exception_pending(self) -> bool {
        let mut pending = false;
        // SAFETY: only reads the environment's state.
        unsafe { ffi::js_is_exception_pending(self.0, &mut pending) };
        pending
    }

    /// The pending exception, cleared; `None` if there is none.
    pub fn take_exception(self) -> Option<Value> {
        if !self.is_exception_pending() {
            return None;
        }
        let mut v = ptr::null_mut();
        // SAFETY: an exception is pending.
        unsafe { ffi::js_get_and_clear_last_exception(self.0, &mut v) };
        Some(Value(v))
    }

    pub fn throw(self, error: Value) {
        // SAFETY: live handle.
        unsafe { ffi::js_throw(self.0, error.0) };
    }

    /// `new Error(message)`; `None` if the engine cannot make one right now.
    pub fn error(self, message: &str) -> Option<Value> {
        self.make_error(message, ffi::js_create_error)
    }

    pub fn type_error(self, message: &str) -> Option<Value> {
        self.make_error(message, ffi::js_create_type_error)
    }

    pub fn range_error(self, message: &str) -> Option<Value> {
        self.make_error(message, ffi::js_create_range_error)
    }

    fn make_error(
        self,
        message: &str,
        create: unsafe extern "C" fn(
            *mut js_env_t,
            *mut js_value_t,
            *mut js_value_t,
            *mut *mut js_value_t,
        ) -> c_int,
    ) -> Option<Value> {
        let message = self.string(message)?;
        let mut v = ptr::null_mut();
        // SAFETY: `message` is a live string; no code.
        let status = unsafe { create(self.0, ptr::null_mut(), message.0, &mut v) };
        (status == 0).then_some(Value(v))
    }

    /// A function named `name` that calls the dispatcher (see `set_dispatcher`) with `index`
    /// and its arguments.
    pub fn native_function(self, name: &str, index: usize) -> Option<Value> {
        let mut v = ptr::null_mut();
        // SAFETY: `name` is `len` bytes; the data is an index, never dereferenced.
        let status = unsafe {
            ffi::js_create_function(
                self.0,
                name.as_ptr().cast::<c_char>(),
                name.len(),
                Some(trampoline),
                index as *mut c_void,
                &mut v,
            )
        };
        (status == 0).then_some(Value(v))
    }

    /// A function like `native_function`, with a fast path: optimized JavaScript may call
    /// `fast` directly (V8's fast API calls, through js.h's typed functions). Other calls, and
    /// every call before V8 optimizes the caller, take the dispatcher with `index`.
    pub fn typed_function(self, name: &str, index: usize, fast: FastFn) -> Option<Value> {
        let (mut types, address): (Vec<c_int>, *const c_void) = match fast {
            FastFn::Value(_) => (vec![TYPED_VALUE, TYPED_VALUE], fast_value as *const c_void),
            FastFn::ValueInt(_) => (
                vec![TYPED_VALUE, TYPED_VALUE, TYPED_INT32],
                fast_value_int as *const c_void,
            ),
            FastFn::ValueIntNumber(_) => (
                vec![TYPED_VALUE, TYPED_VALUE, TYPED_INT32, TYPED_FLOAT64],
                fast_value_int_number as *const c_void,
            ),
            FastFn::Values3(_) => (vec![TYPED_VALUE; 4], fast_values3 as *const c_void),
        };
        let signature = ffi::js_callback_signature_t {
            version: 0,
            result: TYPED_FLOAT64,
            args_len: types.len(),
            args: types.as_mut_ptr(),
        };
        let mut v = ptr::null_mut();
        // SAFETY: `name` is `len` bytes; js.h reads the signature during the call; `address`
        // is the shim of exactly that signature (receiver first, the info last, a double back);
        // the data is an index, never dereferenced.
        let status = unsafe {
            ffi::js_create_typed_function(
                self.0,
                name.as_ptr().cast::<c_char>(),
                name.len(),
                Some(trampoline),
                &signature,
                address,
                index as *mut c_void,
                &mut v,
            )
        };
        (status == 0).then_some(Value(v))
    }

    // --- The environment ---------------------------------------------------------------------

    /// Runs `f` when this environment is torn down (before its references become invalid).
    pub fn on_teardown(self, f: fn()) {
        unsafe extern "C" fn run(data: *mut c_void) {
            // SAFETY: `data` is the `fn()` registered below.
            let f = unsafe { std::mem::transmute::<*mut c_void, fn()>(data) };
            f();
        }
        // SAFETY: the data is a plain function pointer; the environment calls `run` once.
        unsafe { js_add_teardown_callback(self.0, run, f as *mut c_void) };
    }

    /// Tells the garbage collector about native memory held by JavaScript objects.
    pub fn adjust_external_memory(self, change: i64) {
        if change != 0 {
            let mut total = 0i64;
            // SAFETY: callable at any time on this environment's thread, also from finalizers.
            unsafe { js_adjust_external_memory(self.0, change, &mut total) };
        }
    }
}

/// The most arguments a native function receives (missing ones are `undefined`).
pub const MAX_ARGS: usize = 8;

/// The fast path of a typed function (see `Env::typed_function`), by its arguments after the
/// receiver. V8 calls it straight from optimized code, so it must not run JavaScript, make
/// JavaScript values or throw: whatever it cannot do, it leaves to the slow path, returning NaN
/// before doing anything (or another value its JavaScript caller knows). No handle scope is
/// open: one that looks values up (a reference's value) opens a `Scope`.
#[derive(Clone, Copy)]
pub enum FastFn {
    Value(fn(Env, Value) -> f64),
    ValueInt(fn(Env, Value, i32) -> f64),
    ValueIntNumber(fn(Env, Value, i32, f64) -> f64),
    Values3(fn(Env, Value, Value, Value) -> f64),
}

/// Finds the fast path registered under a function's index.
pub type FastLookup = fn(usize) -> Option<FastFn>;

static FAST_LOOKUP: std::sync::OnceLock<FastLookup> = std::sync::OnceLock::new();

/// Sets how the shims find fast paths (the same for every environment).
pub fn set_fast_lookup(lookup: FastLookup) {
    let _ = FAST_LOOKUP.set(lookup);
}

/// The environment and the fast path of the call `info` serves.
///
/// # Safety
/// `info` must be the info of the fast call being served.
unsafe fn fast_call(info: *const TypedCallbackInfo) -> (Env, Option<FastFn>) {
    let mut env = ptr::null_mut();
    let mut data: *mut c_void = ptr::null_mut();
    // SAFETY: as the caller guarantees.
    unsafe { js_get_typed_callback_info(info, &mut env, &mut data) };
    let fast = FAST_LOOKUP.get().and_then(|lookup| lookup(data as usize));
    (Env(env), fast)
}

unsafe extern "C" fn fast_value(
    _receiver: *mut js_value_t,
    a: *mut js_value_t,
    info: *const TypedCallbackInfo,
) -> f64 {
    // SAFETY: V8 passes the info of this call.
    let (env, fast) = unsafe { fast_call(info) };
    match fast {
        Some(FastFn::Value(f)) => f(env, Value(a)),
        _ => f64::NAN,
    }
}

unsafe extern "C" fn fast_value_int(
    _receiver: *mut js_value_t,
    a: *mut js_value_t,
    b: i32,
    info: *const TypedCallbackInfo,
) -> f64 {
    // SAFETY: V8 passes the info of this call.
    let (env, fast) = unsafe { fast_call(info) };
    match fast {
        Some(FastFn::ValueInt(f)) => f(env, Value(a), b),
        _ => f64::NAN,
    }
}

unsafe extern "C" fn fast_value_int_number(
    _receiver: *mut js_value_t,
    a: *mut js_value_t,
    b: i32,
    c: f64,
    info: *const TypedCallbackInfo,
) -> f64 {
    // SAFETY: V8 passes the info of this call.
    let (env, fast) = unsafe { fast_call(info) };
    match fast {
        Some(FastFn::ValueIntNumber(f)) => f(env, Value(a), b, c),
        _ => f64::NAN,
    }
}

unsafe extern "C" fn fast_values3(
    _receiver: *mut js_value_t,
    a: *mut js_value_t,
    b: *mut js_value_t,
    c: *mut js_value_t,
    info: *const TypedCallbackInfo,
) -> f64 {
    // SAFETY: V8 passes the info of this call.
    let (env, fast) = unsafe { fast_call(info) };
    match fast {
        Some(FastFn::Values3(f)) => f(env, Value(a), Value(b), Value(c)),
        _ => f64::NAN,
    }
}

/// Serves every call into a native function: (environment, function index, arguments). Returns
/// the result, or `None` after throwing.
pub type Dispatcher = fn(Env, usize, [Value; MAX_ARGS]) -> Option<Value>;

static DISPATCHER: std::sync::OnceLock<Dispatcher> = std::sync::OnceLock::new();

/// Sets the dispatcher (the same for every environment; later calls are ignored).
pub fn set_dispatcher(dispatcher: Dispatcher) {
    let _ = DISPATCHER.set(dispatcher);
}

unsafe extern "C" fn trampoline(env: *mut js_env_t, info: *mut CallbackInfo) -> *mut js_value_t {
    let env = Env(env);
    let mut argv = [ptr::null_mut::<js_value_t>(); MAX_ARGS];
    let mut argc = MAX_ARGS;
    let mut data: *mut c_void = ptr::null_mut();
    // SAFETY: `info` is the info of the call being served; `argv` holds `argc` slots and js.h
    // fills at most that many (reporting the real count in `argc`). No allocation.
    unsafe {
        ffi::js_get_callback_info(
            env.0,
            info,
            &mut argc,
            argv.as_mut_ptr(),
            ptr::null_mut(),
            &mut data,
        )
    };
    let mut values = [Value::MISSING; MAX_ARGS];
    for (slot, raw) in values.iter_mut().zip(argv).take(argc.min(MAX_ARGS)) {
        *slot = Value(raw);
    }
    let result = DISPATCHER
        .get()
        .and_then(|dispatch| dispatch(env, data as usize, values));
    result.map_or(ptr::null_mut(), |v| v.0)
}

/// `len` elements at `data` as a slice; an empty one for a null pointer or no elements.
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

/// A handle scope: values made while it is open are released when it drops.
pub struct Scope {
    env: Env,
    scope: *mut ffi::js_handle_scope_t,
}

impl Scope {
    pub fn open(env: Env) -> Self {
        let mut scope = ptr::null_mut();
        // SAFETY: opened here, closed in Drop, in the same environment.
        unsafe { ffi::js_open_handle_scope(env.0, &mut scope) };
        Self { env, scope }
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        // SAFETY: the scope opened in `open`.
        unsafe { ffi::js_close_handle_scope(self.env.0, self.scope) };
    }
}

/// A reference to a JavaScript value that outlives handle scopes. Strong references keep the
/// value alive; weak ones (`Reference::weak`) let it be collected, after which `get` is `None`.
/// Dropped on the JavaScript thread of its environment (the types holding one say how).
pub struct Reference {
    env: Env,
    reference: *mut ffi::js_ref_t,
}

impl Reference {
    pub fn strong(env: Env, value: Value) -> Self {
        Self::new(env, value, 1)
    }

    pub fn weak(env: Env, value: Value) -> Self {
        Self::new(env, value, 0)
    }

    fn new(env: Env, value: Value, count: u32) -> Self {
        let mut reference = ptr::null_mut();
        // SAFETY: live handle; deleted in Drop.
        unsafe { ffi::js_create_reference(env.0, value.0, count, &mut reference) };
        Self { env, reference }
    }

    /// The value, or `None` once a weakly held one was collected.
    pub fn get(&self) -> Option<Value> {
        let mut v = ptr::null_mut();
        // SAFETY: the reference is live until Drop.
        unsafe { ffi::js_get_reference_value(self.env.0, self.reference, &mut v) };
        (!v.is_null()).then_some(Value(v))
    }
}

impl Drop for Reference {
    fn drop(&mut self) {
        // SAFETY: created in `new`, deleted once.
        unsafe { ffi::js_delete_reference(self.env.0, self.reference) };
    }
}

/// A threadsafe function: the way from any thread back to the JavaScript thread. Ours carries
/// Rust closures (`post`), which run with the environment on the JavaScript thread.
#[derive(Clone, Copy)]
pub struct Tsfn(*mut js_threadsafe_function_t);

// SAFETY: js.h allows js_call_threadsafe_function from any thread; the other calls on it are
// made on the JavaScript thread only (they take an `Env`, which only that thread has).
unsafe impl Send for Tsfn {}
// SAFETY: as above; posting through a shared reference is what the type is for.
unsafe impl Sync for Tsfn {}

/// A closure for the JavaScript thread.
pub type JsTask = Box<dyn FnOnce(Env) + Send>;

impl Tsfn {
    /// `anchor`: any function (js.h wants one; ours are never called).
    pub fn new(env: Env, anchor: Value) -> Option<Self> {
        unsafe extern "C" fn run(
            env: *mut js_env_t,
            _function: *mut js_value_t,
            _context: *mut c_void,
            data: *mut c_void,
        ) {
            // SAFETY: `data` is the `Box<JsTask>` made by `post`, delivered once.
            let task = unsafe { Box::from_raw(data.cast::<JsTask>()) };
            let env = Env(env);
            let _scope = Scope::open(env);
            task(env);
        }
        let mut tsfn = ptr::null_mut();
        // SAFETY: a threadsafe function owned by the caller, released with `release`.
        let status = unsafe {
            js_create_threadsafe_function(
                env.0,
                anchor.0,
                0,
                1,
                None,
                ptr::null_mut(),
                ptr::null_mut(),
                run,
                &mut tsfn,
            )
        };
        (status == 0).then_some(Self(tsfn))
    }

    /// Queues `task` for the JavaScript thread; callable from any thread. If the environment is
    /// being torn down the task is leaked, not dropped: what it holds (references to JavaScript
    /// values) must not be released on this thread or after the environment.
    pub fn post(self, task: JsTask) {
        let data = Box::into_raw(Box::new(task));
        // SAFETY: `data` is reclaimed by `run`.
        let _ = unsafe { js_call_threadsafe_function(self.0, data.cast(), 0) };
    }

    /// Whether the function keeps the event loop alive (an operation is running).
    pub fn keep_alive(self, env: Env, alive: bool) {
        if alive {
            // SAFETY: on the JavaScript thread, on a live function.
            unsafe { js_ref_threadsafe_function(env.0, self.0) };
        } else {
            // SAFETY: as above.
            unsafe { js_unref_threadsafe_function(env.0, self.0) };
        }
    }

    /// Releases the function; no `post` may follow.
    pub fn release(self) {
        // SAFETY: made by `new`; the owner releases it once.
        unsafe { js_release_threadsafe_function(self.0, 0) };
    }
}

/// `cargo test` runs the crate outside Bare, where js.h does not exist. The tests never call into
/// JavaScript; these stand-ins satisfy the loader for the functions their code still refers to
/// (dropping an error that could hold a JavaScript exception, say).
#[cfg(test)]
mod outside_bare {
    use super::*;

    #[unsafe(no_mangle)]
    extern "C" fn js_delete_reference(_: *mut js_env_t, _: *mut ffi::js_ref_t) -> c_int {
        unreachable!("no JavaScript in cargo test")
    }
}
