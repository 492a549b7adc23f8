//! Native objects owned by JavaScript handles.
//!
//! Each native object (an `IoContext`, an input or output context, a `Packet`) lives in a `Slot`
//! held by a JavaScript external (the handle), which our classes keep in a private field and pass
//! to every native call. The external's finalizer drops the slot, so an object JavaScript forgets
//! is freed by the garbage collector; `destroy()` empties the slot earlier, and the finalizer then
//! finds nothing left to free. Objects still alive when the environment is torn down are freed
//! then (the runtime runs no finalizers at that point).
//!
//! Every slot starts with its kind, checked on every call: a handle of the wrong kind is a
//! `TypeError`, never a misread pointer. Handles only reach JavaScript inside our classes' private
//! fields, so script code cannot forge one or pass another addon's external in its place.
//!
//! The slot's `RefCell` is also the re-entrancy guard: an operation borrows its object while
//! FFmpeg runs, so JavaScript calling back into the same object from inside one of its callbacks
//! gets a clear "busy" error instead of aliased state. An object lent to an asynchronous operation
//! (`Loan`) is out of its slot until the operation gives it back.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ffi::c_void;

use bare_rust_ffi::js_env_t;

use crate::error::{Error, Result};
use crate::js::args::{describe, Args};
use crate::js::sys::{Env, Reference, Value};

/// The kinds of native object a handle can own, one per `Native` type. A slot stores its kind as
/// the `u32` of its variant (read before the slot's type is known); the compiler rejects two
/// variants with the same value, so no two types can share a kind. The values start high so that
/// no small number some other addon keeps at the start of its externals passes for one.
#[repr(u32)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    IoContext = 0xbaff_0001,
    InputFormatContext,
    OutputFormatContext,
    Packet,
    CodecParameters,
    Frame,
    CodecContext,
    Scaler,
    Resampler,
    AudioFifo,
    FilterGraph,
    HwDevice,
    Bsf,
}

/// A native type that JavaScript handles can own.
pub trait Native: 'static {
    /// Tells slots of this type apart from the others.
    const KIND: Kind;
    /// What JavaScript calls it, for error messages ("IOContext", "InputFormatContext").
    const NAME: &'static str;

    /// Roughly how much native memory the object holds. Reported to the garbage collector, which
    /// cannot see FFmpeg's allocations: without it, thousands of forgotten objects would pile up
    /// before the small JavaScript objects holding them made a collection seem worthwhile.
    fn native_size(&self) -> i64;

    /// The message for any use after `destroy()`.
    fn destroyed() -> String {
        format!("The {} has been destroyed", Self::NAME)
    }
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
    /// The asynchronous operation the object is lent to, by name.
    lent_to: Cell<Option<&'static str>>,
    /// Run by `destroy()` while the object is lent: stops the operation early.
    on_destroy: RefCell<Option<Box<dyn FnOnce()>>>,
}

/// Creates the handle owning `value` and hands it to the function in argument `i`, which stores
/// it in its object's private field.
pub fn attach<T: Native>(args: &Args, i: usize, value: T) -> Result<Value> {
    attach_to(args.env, args.function(i, "receiver")?, value)?;
    Ok(args.env.undefined())
}

/// Creates the handle owning `value` and hands it to `receiver`.
pub fn attach_to<T: Native>(env: Env, receiver: Value, value: T) -> Result<()> {
    let handle = handle(env, value)?;
    env.call(receiver, &[handle])
        .map_err(|thrown| Error::thrown(env, thrown))?;
    Ok(())
}

/// A new handle owning `value`.
pub fn handle<T: Native>(env: Env, value: T) -> Result<Value> {
    let size = value.native_size();
    env.adjust_external_memory(size);
    let slot = Box::into_raw(Box::new(Slot {
        kind: T::KIND as u32,
        value: RefCell::new(Some(Accounted { value, env, size })),
        destroy_pending: Cell::new(false),
        lent_to: Cell::new(None),
        on_destroy: RefCell::new(None),
    }));
    // SAFETY: `slot` stays valid until `finalize::<T>` (or `free_all`) frees it.
    let Some(handle) = (unsafe { env.external(slot.cast(), finalize::<T>) }) else {
        // SAFETY: the external was not created, so we still own `slot`.
        drop(unsafe { Box::from_raw(slot) });
        return Err(Error::State(format!(
            "Could not create a {} handle",
            T::NAME
        )));
    };
    track(env, slot);
    Ok(handle)
}

unsafe extern "C" fn finalize<T: Native>(_: *mut js_env_t, data: *mut c_void, _: *mut c_void) {
    // Only if the slot is still live: the environment's teardown may have freed it already.
    if LIVE.with(|live| live.borrow_mut().remove(&(data as usize)).is_some()) {
        // SAFETY: `data` is the `Box<Slot<T>>` the external got in `handle`, freed only here or
        // in `free_all`, whichever removes it from LIVE first.
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

/// The slot behind a handle and its kind, if it is one of ours (one look at the external: this
/// runs for every handle of every call).
fn slot_of(env: Env, handle: Value) -> Option<(u32, *mut c_void)> {
    let data = env.external_data(handle)?;
    // SAFETY: externals reach us only from our classes' private fields, and every external this
    // addon makes holds a `Slot<_>`, which is `repr(C)` with a `u32` kind first.
    Some((unsafe { data.cast::<u32>().read() }, data))
}

impl<T: Native> Slot<T> {
    /// The slot behind the handle in argument `i`, checked to be of type `T`. Borrowed from the
    /// arguments: the handle, and so its slot, lives at least as long as the call.
    pub fn from_arg(args: &Args, i: usize) -> Result<&Slot<T>> {
        let slot = Self::checked(args.env, args.value(i))?;
        // SAFETY: a `Slot<T>` (checked), alive while the argument is.
        Ok(unsafe { &*slot })
    }

    /// Moves the object out of the slot behind `handle`, a value JavaScript gave us other than as
    /// an argument (a callback's result), checked to be of type `T`.
    pub fn take_from(env: Env, handle: Value) -> Result<T> {
        let slot = Self::checked(env, handle)?;
        // SAFETY: a `Slot<T>` (checked); `handle` is alive during this call, and the borrow
        // ends with it.
        unsafe { &*slot }.take()
    }

    fn checked(env: Env, handle: Value) -> Result<*const Slot<T>> {
        let Some(data) = slot_of(env, handle)
            .filter(|(kind, _)| *kind == T::KIND as u32)
            .map(|(_, data)| data)
        else {
            let article = if T::NAME.starts_with(['A', 'E', 'I', 'O', 'U']) {
                "an"
            } else {
                "a"
            };
            return Err(Error::Type(format!(
                "Expected {article} {}, got {}",
                T::NAME,
                describe(env, handle)
            )));
        };
        Ok(data.cast::<Slot<T>>().cast_const())
    }

    /// For fast paths (see `FastFn`): runs `f` on the object behind `handle` if it is a live
    /// `T` that nothing else is using; `None` otherwise, and the slow path then says why. The
    /// memory report waits for the next slow call: reporting may start a collection, which a
    /// fast call must not.
    pub fn fast_with<R>(env: Env, handle: Value, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        let (kind, data) = slot_of(env, handle)?;
        if kind != T::KIND as u32 {
            return None;
        }
        // SAFETY: a `Slot<T>` (kind checked), alive while `handle`, an argument of the running
        // call, is; the borrow ends with `f`.
        let slot = unsafe { &*data.cast::<Slot<T>>() };
        if slot.lent_to.get().is_some() {
            return None;
        }
        let mut guard = slot.value.try_borrow_mut().ok()?;
        Some(f(&mut guard.as_mut()?.value))
    }

    /// Whether the handle in argument `i` is one of `T`.
    pub fn is_arg(args: &Args, i: usize) -> bool {
        slot_of(args.env, args.value(i)).is_some_and(|(kind, _)| kind == T::KIND as u32)
    }

    /// The slot's contents for an operation: lent to an async one, or borrowed by a running one,
    /// is a "busy" error.
    fn borrow(&self) -> Result<std::cell::RefMut<'_, Option<Accounted<T>>>> {
        if let Some(op) = self.lent_to.get() {
            return Err(Error::State(format!(
                "The {} is busy with {op}(): wait for it to settle",
                T::NAME
            )));
        }
        self.value.try_borrow_mut().map_err(|_| {
            Error::State(format!(
                "The {} is busy: it cannot be used from inside one of its own callbacks",
                T::NAME
            ))
        })
    }

    fn take_out(&self) -> Result<Accounted<T>> {
        self.borrow()?
            .take()
            .ok_or_else(|| Error::State(T::destroyed()))
    }

    /// Runs `f` on the live object: "destroyed" and "busy" are errors. A `destroy()` that arrives
    /// while `f` runs (from a callback) takes effect when `f` returns.
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> Result<R>) -> Result<R> {
        let mut guard = self.borrow()?;
        let value = guard.as_mut().ok_or_else(|| Error::State(T::destroyed()))?;
        let result = f(&mut value.value);
        value.remeasure();
        if self.destroy_pending.get() {
            *guard = None;
        }
        result
    }

    /// Moves the object out (for `transfer()`, and for a context taking over an `IoContext`).
    pub fn take(&self) -> Result<T> {
        // The new owner reports the memory again (a new handle, or a context's share).
        Ok(self.take_out()?.into_inner())
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

/// An object lent to an asynchronous operation: out of its slot (any other use is a "busy" error
/// naming the operation) until `give_back`, which puts it back, or frees it if `destroy()` was
/// called meanwhile. Holds its handle, so the slot outlives the loan.
pub struct Loan<T: Native> {
    value: Option<Accounted<T>>,
    slot: *const Slot<T>,
    // Touched only by `give_back`, on the JavaScript thread.
    _handle: Reference,
    // The JavaScript thread, where the loan was made and where only it may end.
    js_thread: std::thread::ThreadId,
}

// SAFETY: the worker only uses the lent object itself (`T: Send` says that is fine); the slot
// pointer and the handle reference are only used by `give_back` and `on_destroy`, which take an
// `Env` and so run on the JavaScript thread.
unsafe impl<T: Native + Send> Send for Loan<T> {}

impl<T: Native> Loan<T> {
    /// Lends the object in argument `i` to the operation `op`.
    pub fn new(args: &Args, i: usize, op: &'static str) -> Result<Self> {
        Self::from_handle(args.env, args.value(i), op)
    }

    /// Lends the object behind `handle` (an element of an array argument, say) to `op`.
    pub fn from_handle(env: Env, handle: Value, op: &'static str) -> Result<Self> {
        // SAFETY: a `Slot<T>` (checked); the reference taken below keeps it alive for the loan.
        let slot = unsafe { &*Slot::<T>::checked(env, handle)? };
        let value = slot.take_out()?;
        slot.lent_to.set(Some(op));
        Ok(Self {
            value: Some(value),
            slot,
            _handle: Reference::strong(env, handle),
            js_thread: std::thread::current().id(),
        })
    }

    /// What `destroy()` should do while the object is lent (stop the operation).
    pub fn on_destroy(&self, _env: Env, f: impl FnOnce() + 'static) {
        // SAFETY: the handle keeps the slot alive; on the JavaScript thread (`_env`).
        *unsafe { &*self.slot }.on_destroy.borrow_mut() = Some(Box::new(f));
    }

    /// Gives the object back to its slot, or frees it if it was destroyed meanwhile. Returns
    /// whether it was destroyed.
    pub fn give_back(mut self, _env: Env) -> bool {
        self.put_back()
    }

    fn put_back(&mut self) -> bool {
        // SAFETY: the handle keeps the slot alive; loans are given back (or dropped) on the
        // JavaScript thread only.
        let slot = unsafe { &*self.slot };
        slot.lent_to.set(None);
        slot.on_destroy.borrow_mut().take();
        let value = self.value.take();
        if slot.destroy_pending.get() {
            drop(value);
            return true;
        }
        if let Ok(mut guard) = slot.value.try_borrow_mut() {
            *guard = value;
        }
        false
    }
}

impl<T: Native> Drop for Loan<T> {
    /// A loan dropped without `give_back` (an operation that could not start) gives the object
    /// back all the same. Like `give_back`, on the JavaScript thread: a worker never drops a loan
    /// (its tasks go back to the JavaScript thread, or are leaked if the environment is gone).
    fn drop(&mut self) {
        if self.value.is_none() {
            return;
        }
        if std::thread::current().id() != self.js_thread {
            // Only a worker unwinding from a panic gets here (a test build: release builds abort
            // on panic). The slot is the JavaScript thread's: leave it, and the object, alone.
            debug_assert!(
                std::thread::panicking(),
                "a Loan dropped off the JavaScript thread"
            );
            std::mem::forget(self.value.take());
            return;
        }
        self.put_back();
    }
}

impl<T: Native> std::ops::Deref for Loan<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value.as_ref().expect("lent until given back").value
    }
}

impl<T: Native> std::ops::DerefMut for Loan<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value.as_mut().expect("lent until given back").value
    }
}
