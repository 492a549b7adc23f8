//! An `ArrayBuffer` over memory inside an FFmpeg reference-counted buffer, with no copy: the view
//! holds a reference of its own to the buffer, dropped when the view is collected, so the memory
//! stays valid after the packet or frame it came from is reused or destroyed.

use std::ffi::c_void;

use bare_rust_ffi::js_env_t;
use ffmpeg_sys_next as ff;

use crate::js::sys::{Env, Value};

/// A view of `len` bytes at `data`, inside `buf`'s buffer; `None` when memory runs out.
///
/// # Safety
/// `buf` must be a live buffer reference whose buffer holds `len` bytes at `data`.
pub unsafe fn view(
    env: Env,
    buf: *const ff::AVBufferRef,
    data: *mut u8,
    len: usize,
) -> Option<Value> {
    unsafe extern "C" fn release(_: *mut js_env_t, _: *mut c_void, hint: *mut c_void) {
        let mut buf = hint.cast::<ff::AVBufferRef>();
        // SAFETY: `hint` is the reference made below, released once, here.
        unsafe { ff::av_buffer_unref(&mut buf) };
    }
    // SAFETY: a live buffer reference, as the caller guarantees.
    let mut own = unsafe { ff::av_buffer_ref(buf) };
    if own.is_null() {
        return None;
    }
    // SAFETY: the new reference keeps `data` (inside its buffer) valid until the ArrayBuffer is
    // collected and `release` drops it.
    let view = unsafe { env.external_arraybuffer(data, len, release, own.cast()) };
    if view.is_none() {
        // SAFETY: not handed over: ours, released once.
        unsafe { ff::av_buffer_unref(&mut own) };
    }
    view
}
