//! Native objects owned by JavaScript handles.
//!
//! Each native object (`IoContext`, `FormatContext`, `Packet`) lives in a `Slot` held by a
//! JavaScript external (the handle), which our classes keep in a private field and pass to every
//! native call. The external's finalizer drops the slot, so an object that JavaScript forgets is
//! freed by the garbage collector; `destroy()` empties the slot earlier, and the finalizer then
//! finds nothing left to free, so the two never free twice. Objects still alive when the
//! environment is torn down are freed then (the runtime runs no finalizers at that point).
//!
//! Every slot starts with its kind, checked on every call: a handle of the wrong kind is a
//! `TypeError`, never a misread pointer. Handles only ever reach JavaScript inside our classes'
//! private fields, so script code cannot forge one or pass another addon's external in its place.
//!
//! The slot's `RefCell` is also the re-entrancy guard: an operation borrows its object for as
//! long as FFmpeg runs, so JavaScript calling back into the same object from inside an I/O
//! callback gets a clear "busy" error instead of aliased state.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ffi::c_void;

use bare_rust::Value;
use bare_rust_ffi::{js_env_t, js_value_type_t};

use crate::errors::{error, type_error};
use crate::js::{Args, Env, JsResult};

/// A native type that JavaScript handles can own.
pub trait Native: 'static {
    /// Tells slots of this type apart from the others.
    const KIND: u32;
    /// What JavaScript calls it, for error messages ("IOContext", "format context").
    const NAME: &'static str;
    /// The message for any use after `destroy()`.
    const DESTROYED: &'static str;

    /// Roughly how much native memory the object holds. Reported to the garbage collector, which
    /// cannot see FFmpeg's allocations: without it, thousands of forgotten objects would pile up
    /// before the small JavaScript objects holding them made a collection seem worthwhile.
    fn native_size(&self) -> i64;
}

/// An object together with the memory it reported; reports it gone when dropped.
struct Accounted<T> {
    value: T,
    env: Env,
    size: i64,
}

impl<T: Native> Accounted<T> {
    /// Reports a change in size (a packet that now holds a larger payload, say). Small changes
    /// wait until they add up: most packets differ by a few bytes, and this runs on every call.
    fn remeasure(&mut self) {
        const STEP: i64 = 64 * 1024;
        let size = self.value.native_size();
        if (size - self.size).abs() >= STEP {
            self.env.adjust_external_memory(size - self.size);
            self.size = size;
        }
    }
}

impl<T> Accounted<T> {
    /// The value, with its memory reported gone.
    fn into_inner(self) -> T {
        let this = std::mem::ManuallyDrop::new(self);
        this.env.adjust_external_memory(-this.size);
        // SAFETY: `this` is never used or dropped again after its value is read out.
        unsafe { std::ptr::read(&this.value) }
    }
}

impl<T> Drop for Accounted<T> {
    fn drop(&mut self) {
        self.env.adjust_external_memory(-self.size);
    }
}

#[repr(C)]
pub struct Slot<T: Native> {
    // First, at offset 0 of every slot: read before the slot's type is known.
    kind: u32,
    value: RefCell<Option<Accounted<T>>>,
    destroy_pending: Cell<bool>,
    /// The async operation the object is lent to (see `lend`), by name.
    lent_to: Cell<Option<&'static str>>,
    /// Run by `destroy()` while the object is lent: stops the operation early.
    on_destroy: RefCell<Option<Box<dyn FnOnce()>>>,
}

/// An object lent to an async operation, with the memory it reported; given back by
/// `Slot::give_back`.
pub struct Lent<T>(Accounted<T>);

impl<T> std::ops::Deref for Lent<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0.value
    }
}

impl<T> std::ops::DerefMut for Lent<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0.value
    }
}

/// Creates the handle owning `value` and hands it to the function in argument `i`, which
/// stores it in its object's private field.
pub fn attach<T: Native>(args: &Args, i: usize, value: T) -> JsResult<()> {
    attach_to(args.env, args.raw(i), value)
}

/// Creates the handle owning `value` and hands it to `receiver`.
pub fn attach_to<T: Native>(env: Env, receiver: crate::js::Raw, value: T) -> JsResult<()> {
    if !matches!(env.type_of(receiver), js_value_type_t::js_function) {
        return Err(type_error(env, "Expected a function to receive the handle"));
    }
    let size = value.native_size();
    env.adjust_external_memory(size);
    let slot = Box::into_raw(Box::new(Slot {
        kind: T::KIND,
        value: RefCell::new(Some(Accounted { value, env, size })),
        destroy_pending: Cell::new(false),
        lent_to: Cell::new(None),
        on_destroy: RefCell::new(None),
    }));
    // The external takes `slot`; `finalize::<T>` frees it once the handle is collected.
    // SAFETY: `slot` stays valid until `finalize::<T>` (or `free_all`) frees it.
    let Some(handle) = (unsafe { env.external(slot.cast(), finalize::<T>) }) else {
        // SAFETY: the external was not created, so we still own `slot`.
        drop(unsafe { Box::from_raw(slot) });
        return Err(error(
            env,
            &format!("Could not create a {} handle", T::NAME),
        ));
    };
    track(env, slot);
    env.call(receiver, &mut [handle])?;
    Ok(())
}

unsafe extern "C" fn finalize<T: Native>(_: *mut js_env_t, data: *mut c_void, _: *mut c_void) {
    // Only if the slot is still live: the environment's teardown may have freed it already.
    if LIVE.with(|live| live.borrow_mut().remove(&(data as usize)).is_some()) {
        // SAFETY: `data` is the `Box<Slot<T>>` the external got in `attach_to`, freed only here
        // or in `free_all`, whichever removes it from LIVE first.
        unsafe { free_slot::<T>(data) };
    }
}

unsafe fn free_slot<T: Native>(data: *mut c_void) {
    // SAFETY: the caller passes a `Box<Slot<T>>` pointer that nothing else will free.
    drop(unsafe { Box::from_raw(data.cast::<Slot<T>>()) });
}

/// Frees one slot, whatever its type.
type FreeSlot = unsafe fn(*mut c_void);

thread_local! {
    // Every slot still owned by a JavaScript object of this thread's environment, with the
    // function that frees it. The runtime does not run finalizers when an environment is torn
    // down (a worker ending, the process exiting), so its teardown frees what is left here.
    static LIVE: RefCell<HashMap<usize, FreeSlot>> = RefCell::new(HashMap::new());
    static TEARDOWN_REGISTERED: Cell<bool> = const { Cell::new(false) };
}

fn track<T: Native>(env: Env, slot: *mut Slot<T>) {
    LIVE.with(|live| live.borrow_mut().insert(slot as usize, free_slot::<T>));
    if !TEARDOWN_REGISTERED.with(|r| r.replace(true)) {
        env.on_teardown(free_all);
    }
}

fn free_all() {
    let live = LIVE.with(|live| std::mem::take(&mut *live.borrow_mut()));
    for (data, free) in live {
        // SAFETY: taken out of LIVE, so no finalizer will free it again.
        unsafe { free(data as *mut c_void) };
    }
    TEARDOWN_REGISTERED.with(|r| r.set(false));
}

impl<T: Native> Slot<T> {
    /// The slot behind the handle in argument `i`, checked to be of type `T`.
    pub fn from_arg<'a>(args: &Args, i: usize) -> JsResult<&'a Slot<T>> {
        let env = args.env;
        let handle = args.raw(i);
        let wrong = || {
            let article = if T::NAME.starts_with(['A', 'E', 'I', 'O', 'U']) {
                "an"
            } else {
                "a"
            };
            type_error(
                env,
                &format!(
                    "Expected {article} {}, got {}",
                    T::NAME,
                    env.describe(handle)
                ),
            )
        };
        let data = env.external_of(handle).ok_or_else(wrong)?;
        // SAFETY: externals reach us only from our classes' private fields, and every external
        // this addon makes holds a `Slot<_>`, which is `repr(C)` with a `u32` kind first.
        if unsafe { data.cast::<u32>().read() } != T::KIND {
            return Err(wrong());
        }
        // SAFETY: the kind matches, so this is a `Slot<T>`; the handle is an argument of the
        // current call, so it (and its slot) stays alive for the call.
        Ok(unsafe { &*data.cast::<Slot<T>>() })
    }

    /// The slot's contents for an operation: lent to an async one or borrowed by a running one
    /// is a "busy" error.
    fn borrow(&self, env: Env) -> JsResult<std::cell::RefMut<'_, Option<Accounted<T>>>> {
        self.check_not_lent(env)?;
        self.value.try_borrow_mut().map_err(|_| busy(env, T::NAME))
    }

    /// Takes the object out of the slot (for `take` and `lend`).
    fn take_out(&self, env: Env) -> JsResult<Accounted<T>> {
        self.borrow(env)?
            .take()
            .ok_or_else(|| error(env, T::DESTROYED))
    }

    /// Runs `f` on the live object: "destroyed" and "busy" are errors. A `destroy()` that arrives
    /// while `f` runs (from a callback) takes effect when `f` returns.
    pub fn with<R>(&self, env: Env, f: impl FnOnce(&mut T) -> JsResult<R>) -> JsResult<R> {
        let mut guard = self.borrow(env)?;
        let value = guard.as_mut().ok_or_else(|| error(env, T::DESTROYED))?;
        let result = f(&mut value.value);
        value.remeasure();
        if self.destroy_pending.get() {
            *guard = None;
        }
        result
    }

    /// Moves the object out (for `transfer()` and for format contexts taking an `IoContext`).
    pub fn take(&self, env: Env) -> JsResult<T> {
        let accounted = self.take_out(env)?;
        // The new owner reports the memory again (a new handle, or the format context's share).
        Ok(accounted.into_inner())
    }

    /// Lends the object to the async operation `op` until `give_back`. Meanwhile every other use
    /// is a "busy" error naming `op`.
    pub fn lend(&self, env: Env, op: &'static str) -> JsResult<Lent<T>> {
        let accounted = self.take_out(env)?;
        self.lent_to.set(Some(op));
        Ok(Lent(accounted))
    }

    /// Takes a lent object back; frees it instead if `destroy()` was called meanwhile. Returns
    /// whether it was destroyed.
    pub fn give_back(&self, lent: Lent<T>) -> bool {
        self.lent_to.set(None);
        self.on_destroy.borrow_mut().take();
        if self.destroy_pending.get() {
            drop(lent);
            return true;
        }
        if let Ok(mut guard) = self.value.try_borrow_mut() {
            *guard = Some(lent.0);
        }
        false
    }

    /// What `destroy()` should do while the object is lent (stop the operation).
    pub fn on_destroy(&self, f: impl FnOnce() + 'static) {
        *self.on_destroy.borrow_mut() = Some(Box::new(f));
    }

    fn check_not_lent(&self, env: Env) -> JsResult<()> {
        match self.lent_to.get() {
            Some(op) => Err(error(
                env,
                &format!("The {} is busy with {op}(): wait for it to settle", T::NAME),
            )),
            None => Ok(()),
        }
    }

    /// Frees the object now, or when the running operation returns. Idempotent.
    pub fn destroy(&self) {
        if self.lent_to.get().is_some() {
            self.destroy_pending.set(true);
            if let Some(stop) = self.on_destroy.borrow_mut().take() {
                stop();
            }
            return;
        }
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
