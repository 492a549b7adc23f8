//! Native objects owned by JavaScript handles.
//!
//! Each native object (`IoContext`, `FormatContext`, `Packet`, ...) lives in a `Slot`, boxed inside
//! a JavaScript external. The external's finalizer drops the slot, so an object that JavaScript
//! forgets is freed by the garbage collector; `destroy()` empties the slot earlier, and the
//! finalizer then finds nothing left to free, so the two can never free twice.
//!
//! The slot's `RefCell` is also the re-entrancy guard: an operation borrows its object for as
//! long as FFmpeg runs, so JavaScript calling back into the same object from inside an I/O
//! callback gets a clear "busy" error instead of aliased state.

use std::cell::{Cell, RefCell};

use bare_rust::{External, Value};

use crate::errors::{error, type_error};
use crate::js::{Args, Env, JsResult};

/// A native type that JavaScript can hold. `KIND` tells slots apart at run time, so a handle of
/// the wrong kind is a `TypeError`, never a misread pointer.
pub trait Native: 'static {
    const KIND: u32;
    /// What JavaScript calls it, for error messages ("IOContext", "format context").
    const NAME: &'static str;
    /// The message for any use after `destroy()`.
    const DESTROYED: &'static str;
}

#[repr(C)]
pub struct Slot<T: Native> {
    // First field, at offset 0 of every slot, so it can be read before the type is known.
    kind: u32,
    value: RefCell<Option<T>>,
    destroy_pending: Cell<bool>,
}

/// A new JavaScript handle owning `value`.
pub fn create<T: Native>(env: Env, value: T) -> JsResult<Value> {
    let slot = Slot {
        kind: T::KIND,
        value: RefCell::new(Some(value)),
        destroy_pending: Cell::new(false),
    };
    Ok(External::new(&env.js(), slot)?.into())
}

impl<T: Native> Slot<T> {
    /// The slot behind argument `i`, checked to be a handle of kind `T`.
    pub fn from_arg<'a>(args: &Args, i: usize) -> JsResult<&'a Slot<T>> {
        let value = args.raw(i);
        let data = args.env.external_of(value).ok_or_else(|| {
            type_error(
                args.env,
                &format!(
                    "Expected a {} handle, got {}",
                    T::NAME,
                    args.env.describe(value)
                ),
            )
        })?;
        // SAFETY: every external this addon creates holds a `Slot<_>`, which is `repr(C)` with a
        // `u32` kind first; externals come to us only through our own JavaScript classes, which
        // keep them in private fields.
        let kind = unsafe { *(data as *const u32) };
        if kind != T::KIND {
            return Err(type_error(
                args.env,
                &format!("Expected a {} handle", T::NAME),
            ));
        }
        // SAFETY: the kind matches, so this is a `Slot<T>`; the external is an argument of the
        // current call, so it stays alive (and the slot with it) for that call.
        Ok(unsafe { &*(data as *const Slot<T>) })
    }

    /// Runs `f` on the live object: "destroyed" and "busy" are errors. A `destroy()` that arrives
    /// while `f` runs (from a callback) takes effect when `f` returns.
    pub fn with<R>(&self, env: Env, f: impl FnOnce(&mut T) -> JsResult<R>) -> JsResult<R> {
        let mut guard = self
            .value
            .try_borrow_mut()
            .map_err(|_| busy(env, T::NAME))?;
        let value = guard.as_mut().ok_or_else(|| error(env, T::DESTROYED))?;
        let result = f(value);
        if self.destroy_pending.get() {
            *guard = None;
        }
        result
    }

    /// Moves the object out (for `transfer()` and for format contexts taking an `IoContext`).
    pub fn take(&self, env: Env) -> JsResult<T> {
        let mut guard = self
            .value
            .try_borrow_mut()
            .map_err(|_| busy(env, T::NAME))?;
        guard.take().ok_or_else(|| error(env, T::DESTROYED))
    }

    /// Frees the object now, or when the running operation returns. Idempotent.
    pub fn destroy(&self) {
        match self.value.try_borrow_mut() {
            Ok(mut guard) => *guard = None,
            Err(_) => self.destroy_pending.set(true),
        }
    }
}

fn busy(env: Env, name: &str) -> Value {
    error(
        env,
        &format!("The {name} is busy: it cannot be used from inside one of its own I/O callbacks"),
    )
}
