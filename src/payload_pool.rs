//! Pooled memory for the small packet payloads JavaScript reads (`packet.data`).
//!
//! Showing each payload as an ArrayBuffer of its own costs V8 a backing store, a finalizer and
//! the collector's bookkeeping per packet: about 1 µs a packet here, more than FFmpeg spends
//! demuxing it. Instead, a small payload moves, the first time JavaScript reads it, into a slab:
//! a block of `SLAB_SIZE` bytes that many payloads share and that JavaScript sees as one
//! ArrayBuffer, made once. The packet's buffer becomes a reference into the slab, so the view is
//! still the packet's own memory (writing into it writes the packet). A slab is freed when its
//! ArrayBuffer has been collected and no packet refers to it any more; until then every view into
//! it keeps all of it, as Node's pooled Buffers do.
//!
//! JavaScript holds the current slab (lib/packet.js); each call passes it back and is checked
//! against this thread's current slab, so a stale or foreign ArrayBuffer only ever means "start a
//! new slab".

use std::cell::Cell;
use std::ffi::c_void;
use std::sync::atomic::{AtomicUsize, Ordering};

use bare_rust_ffi::js_env_t;
use ffmpeg_sys_next as ff;

use crate::js::sys::{Env, Value};

/// The size of a slab.
pub const SLAB_SIZE: usize = 256 * 1024;
/// The largest payload that moves into a slab; larger ones are shown where they are.
pub const MAX_POOLED: usize = 32 * 1024;
/// Payloads start at multiples of this (FFmpeg's SIMD code likes aligned input).
const ALIGN: usize = 64;
const PADDING: usize = ff::AV_INPUT_BUFFER_PADDING_SIZE as usize;

/// One slab: its memory and how many hold it (its ArrayBuffer, packets' buffers, and this
/// thread while it is the current slab). Buffers may be released on any thread.
struct Slab {
    refs: AtomicUsize,
    memory: *mut u8,
}

impl Slab {
    /// # Safety
    /// `slab` must be a live slab on which the caller holds a reference, given up here.
    unsafe fn release(slab: *const Slab) {
        // SAFETY: the caller's reference keeps it alive until this decrement.
        if unsafe { (*slab).refs.fetch_sub(1, Ordering::AcqRel) } == 1 {
            // SAFETY: the last reference: nothing can reach the slab or its memory any more.
            let slab = unsafe { Box::from_raw(slab.cast_mut()) };
            spare::put(slab.memory);
        }
    }
}

/// This thread's current slab (with a reference held) and how much of it is used.
#[derive(Clone, Copy)]
struct Current {
    slab: *const Slab,
    used: usize,
}

thread_local! {
    static CURRENT: Cell<Option<Current>> = const { Cell::new(None) };
    // Gives the current slab's reference back when the thread ends.
    static RELEASE_AT_EXIT: ReleaseAtExit = const { ReleaseAtExit };
}

struct ReleaseAtExit;

impl Drop for ReleaseAtExit {
    fn drop(&mut self) {
        if let Ok(Some(current)) = CURRENT.try_with(|c| c.take()) {
            // SAFETY: the reference this thread held on its current slab.
            unsafe { Slab::release(current.slab) };
        }
    }
}

/// The memory of a few freed slabs, kept for the next ones: memory the process has touched
/// already, where fresh memory costs a page fault every 4 KiB (and returning it, a system call).
/// Slabs are freed on whatever thread drops the last reference (the collector's included).
mod spare {
    use std::sync::Mutex;

    use ffmpeg_sys_next as ff;

    use super::SLAB_SIZE;

    const KEEP: usize = 8;

    struct Memory(*mut u8);
    // SAFETY: the memory of a freed slab, owned by the list alone: nothing else points to it.
    unsafe impl Send for Memory {}

    static SPARE: Mutex<Vec<Memory>> = Mutex::new(Vec::new());

    /// A slab's worth of memory: a spare one, or new (`None`: out of memory).
    pub fn take() -> Option<*mut u8> {
        let spare = SPARE.lock().unwrap_or_else(|e| e.into_inner()).pop();
        if let Some(Memory(memory)) = spare {
            return Some(memory);
        }
        // SAFETY: plain allocation, checked.
        let memory = unsafe { ff::av_malloc(SLAB_SIZE) }.cast::<u8>();
        (!memory.is_null()).then_some(memory)
    }

    /// Keeps the memory of a freed slab for the next, or frees it when enough are kept.
    pub fn put(memory: *mut u8) {
        let mut spare = SPARE.lock().unwrap_or_else(|e| e.into_inner());
        if spare.len() < KEEP {
            spare.push(Memory(memory));
            return;
        }
        drop(spare);
        // SAFETY: from av_malloc, and no longer used by anyone.
        unsafe { ff::av_free(memory.cast()) };
    }
}

/// Starts a new slab for this thread and returns its ArrayBuffer (the previous slab lives on
/// while anything holds it). `None` when out of memory.
pub fn new_slab(env: Env) -> Option<Value> {
    unsafe extern "C" fn finalize(_: *mut js_env_t, _: *mut c_void, hint: *mut c_void) {
        // SAFETY: `hint` is the slab, on which the ArrayBuffer held one reference.
        unsafe { Slab::release(hint.cast()) };
    }
    let memory = spare::take()?;
    let slab = Box::into_raw(Box::new(Slab {
        // The ArrayBuffer's reference and this thread's.
        refs: AtomicUsize::new(2),
        memory,
    }));
    // SAFETY: the slab's memory lives while the ArrayBuffer's reference does, which `finalize`
    // gives up.
    let Some(view) =
        (unsafe { env.external_arraybuffer(memory, SLAB_SIZE, finalize, slab.cast()) })
    else {
        // SAFETY: both references are ours: nothing else saw the slab.
        unsafe { Slab::release(slab) };
        // SAFETY: as above: the last one.
        unsafe { Slab::release(slab) };
        return None;
    };
    RELEASE_AT_EXIT.with(|_| ());
    let previous = CURRENT.with(|c| c.replace(Some(Current { slab, used: 0 })));
    if let Some(previous) = previous {
        // SAFETY: the reference this thread held on its previous slab.
        unsafe { Slab::release(previous.slab) };
    }
    Some(view)
}

/// Where a payload can be seen in the slab JavaScript holds.
pub enum Place {
    /// It is already there, at this offset (a payload moved there before).
    Found(usize),
    /// Room was made for it: copy it into the region.
    Reserved(Region),
    /// `slab` is not this thread's current slab, or it is full: start a new one.
    NoRoom,
}

/// Finds `len` bytes at `data` in the current slab, which `slab` must be, or makes room there for
/// them (and FFmpeg's padding).
pub fn place(env: Env, slab: Value, data: *const u8, len: usize) -> Place {
    let Some(current) = CURRENT.with(|c| c.get()) else {
        return Place::NoRoom;
    };
    // SAFETY: this thread holds a reference on its current slab.
    let memory = unsafe { (*current.slab).memory };
    if env.with_arraybuffer(slab, |bytes| bytes.as_ptr()) != Some(memory) {
        return Place::NoRoom;
    }
    let start = memory as usize;
    if (data as usize) >= start && (data as usize) + len <= start + current.used {
        return Place::Found(data as usize - start);
    }
    let offset = current.used.next_multiple_of(ALIGN);
    if offset + len + PADDING > SLAB_SIZE {
        return Place::NoRoom;
    }
    CURRENT.with(|c| {
        c.set(Some(Current {
            used: offset + len + PADDING,
            ..current
        }))
    });
    Place::Reserved(Region {
        slab: current.slab,
        offset,
        // SAFETY: `offset + len + PADDING` is within the slab's memory.
        data: unsafe { memory.add(offset) },
        len,
    })
}

/// Room for one payload in a slab: `len` bytes at `data`, then FFmpeg's padding.
pub struct Region {
    slab: *const Slab,
    pub offset: usize,
    data: *mut u8,
    len: usize,
}

impl Region {
    /// Copies `bytes` (exactly the region's length) into the region and zeroes the padding.
    pub fn fill(&self, bytes: &[u8]) {
        assert_eq!(bytes.len(), self.len);
        // SAFETY: the region holds `len + PADDING` bytes of a live slab (this thread holds it),
        // not yet handed to anyone.
        let room = unsafe { std::slice::from_raw_parts_mut(self.data, self.len + PADDING) };
        room[..self.len].copy_from_slice(bytes);
        room[self.len..].fill(0);
    }

    /// A reference-counted FFmpeg buffer over the region that holds the slab, for a packet to
    /// own; null when out of memory.
    pub fn buffer(&self) -> *mut ff::AVBufferRef {
        unsafe extern "C" fn free(opaque: *mut c_void, _: *mut u8) {
            // SAFETY: `opaque` is the slab, on which the buffer held one reference.
            unsafe { Slab::release(opaque.cast()) };
        }
        // SAFETY: a live slab (this thread holds it).
        let slab = unsafe { &*self.slab };
        slab.refs.fetch_add(1, Ordering::Relaxed); // the buffer's
                                                   // SAFETY: the region's bytes, inside the slab the new reference keeps alive.
        let buf = unsafe {
            ff::av_buffer_create(
                self.data,
                self.len + PADDING,
                Some(free),
                self.slab.cast_mut().cast(),
                0,
            )
        };
        if buf.is_null() {
            // SAFETY: the reference taken above, which no buffer holds.
            unsafe { Slab::release(self.slab) };
        }
        buf
    }
}
