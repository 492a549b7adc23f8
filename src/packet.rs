//! `Packet`: one owned `AVPacket`, and views of its payload that JavaScript can keep.

use std::ptr;

use ffmpeg_sys_next as ff;

use crate::buffer_view;
use crate::error::{Error, Result};
use crate::handle::{Kind, Native};
use crate::js::sys::{Env, Value};
use crate::payload_pool::{self, Place};

/// Where `packet.data` finds a payload (see `Packet::pooled_offset`).
pub enum Pooled {
    /// At this offset of the slab JavaScript holds.
    At(usize),
    /// Not in that slab, and no room there: JavaScript starts a new slab and asks again.
    NoRoom,
    /// Empty or large: shown where it is, as an ArrayBuffer of its own.
    Apart,
}

pub struct Packet {
    pkt: *mut ff::AVPacket,
}

// SAFETY: an AVPacket has no thread affinity; a Packet is used by one thread at a time (lent to a
// worker for an operation, or made there by a batch read and handed to the JavaScript thread).
unsafe impl Send for Packet {}

impl Native for Packet {
    const KIND: Kind = Kind::Packet;
    const NAME: &'static str = "Packet";

    fn native_size(&self) -> i64 {
        // The AVPacket and the payload it holds when measured (payloads read later vary).
        1024 + self.get().size.max(0) as i64
    }
}

impl Packet {
    pub fn new() -> Result<Self> {
        Self::alloc().ok_or_else(|| Error::out_of_memory("Could not allocate a packet"))
    }

    /// A blank packet, or `None` when out of memory; usable off the JavaScript thread.
    pub fn alloc() -> Option<Self> {
        // SAFETY: plain allocation.
        let pkt = unsafe { ff::av_packet_alloc() };
        (!pkt.is_null()).then_some(Self { pkt })
    }

    pub fn as_ptr(&self) -> *mut ff::AVPacket {
        self.pkt
    }

    pub fn get(&self) -> &ff::AVPacket {
        // SAFETY: `pkt` is valid while `self` lives.
        unsafe { &*self.pkt }
    }

    pub fn get_mut(&mut self) -> &mut ff::AVPacket {
        // SAFETY: as in `get`; `&mut self` makes it exclusive.
        unsafe { &mut *self.pkt }
    }

    pub fn data(&self) -> &[u8] {
        let pkt = self.get();
        if pkt.data.is_null() || pkt.size <= 0 {
            return &[];
        }
        // SAFETY: a packet's `data` holds `size` bytes while the packet holds them.
        unsafe { std::slice::from_raw_parts(pkt.data, pkt.size as usize) }
    }

    /// Replaces the payload with a copy of `bytes`, keeping the other properties. No bytes: no
    /// payload at all (FFmpeg refuses a payload of size 0 that has a buffer).
    pub fn set_data(&mut self, bytes: &[u8]) -> Result<()> {
        self.distrust();
        if bytes.is_empty() {
            let pkt = self.get_mut();
            // SAFETY: the packet's own buffer reference (or null), released once.
            unsafe { ff::av_buffer_unref(&mut pkt.buf) };
            pkt.data = ptr::null_mut();
            pkt.size = 0;
            return Ok(());
        }
        let Ok(size) = i32::try_from(bytes.len()) else {
            return Err(Error::Range("Packet data is larger than 2 GiB".into()));
        };
        let padding = ff::AV_INPUT_BUFFER_PADDING_SIZE as usize;
        // SAFETY: a plain allocation of the payload's size plus padding, filled before the packet
        // takes it.
        let buf = unsafe { ff::av_buffer_alloc(bytes.len() + padding) };
        // SAFETY: the new buffer (or null).
        let Some(new) = (unsafe { buf.as_ref() }) else {
            return Err(Error::out_of_memory("Could not allocate packet data"));
        };
        let data = new.data;
        // SAFETY: the buffer holds `bytes.len() + padding` bytes (not empty: checked above).
        let room = unsafe { std::slice::from_raw_parts_mut(data, bytes.len() + padding) };
        room[..bytes.len()].copy_from_slice(bytes);
        room[bytes.len()..].fill(0);
        let pkt = self.get_mut();
        // SAFETY: the packet's old buffer reference (or null), released once.
        unsafe { ff::av_buffer_unref(&mut pkt.buf) };
        pkt.buf = buf;
        pkt.data = data;
        pkt.size = size;
        Ok(())
    }

    /// Makes the packet blank (its payload and side data released).
    pub fn unref(&mut self) {
        // SAFETY: `pkt` is valid; unref resets it to a blank packet.
        unsafe { ff::av_packet_unref(self.pkt) };
    }

    /// Moves everything `other` holds into this packet (which is blanked first); `other` is left
    /// blank. No copy of the payload.
    pub fn take_from(&mut self, other: &mut Packet) {
        // SAFETY: two distinct live packets (`&mut` twice); unref first, as move_ref requires.
        unsafe { ff::av_packet_unref(self.pkt) };
        // SAFETY: as above; this packet is blank now.
        unsafe { ff::av_packet_move_ref(self.pkt, other.pkt) };
    }

    /// Copies the properties (timestamps, flags, side data, ...) of `other`, not its payload.
    pub fn copy_props_from(&mut self, other: &Packet) -> Result<()> {
        // SAFETY: two live packets.
        let r = unsafe { ff::av_packet_copy_props(self.pkt, other.pkt) };
        self.distrust();
        if r < 0 {
            return Err(Error::ffmpeg("Could not copy packet properties", r));
        }
        Ok(())
    }

    /// Whether FFmpeg marked the payload as its own (AV_PKT_FLAG_TRUSTED: the lavfi device's
    /// packets carry a frame pointer that the wrapped_avframe decoder follows).
    pub fn is_trusted(&self) -> bool {
        self.get().flags & ff::AV_PKT_FLAG_TRUSTED != 0
    }

    /// Drops the trusted mark: the payload is no longer what FFmpeg made.
    fn distrust(&mut self) {
        self.get_mut().flags &= !ff::AV_PKT_FLAG_TRUSTED;
    }

    /// The side data: (type, bytes) of each entry, borrowed from the packet.
    pub fn side_data(&self) -> Vec<(ff::AVPacketSideDataType, &[u8])> {
        let pkt = self.get();
        // SAFETY: `side_data` holds `side_data_elems` entries (or is null) while the packet,
        // borrowed for the result's lifetime, holds them.
        unsafe { crate::av::side_data_entries(pkt.side_data, pkt.side_data_elems) }
    }

    /// Replaces the side data with copies of `entries`.
    pub fn set_side_data(&mut self, entries: &[(ff::AVPacketSideDataType, Vec<u8>)]) -> Result<()> {
        // SAFETY: a live packet; its side data is freed.
        unsafe { ff::av_packet_free_side_data(self.pkt) };
        for (kind, bytes) in entries {
            // SAFETY: a live packet; FFmpeg allocates an entry of the size asked for.
            let data = unsafe { ff::av_packet_new_side_data(self.pkt, *kind, bytes.len()) };
            if data.is_null() {
                return Err(Error::out_of_memory("Could not add packet side data"));
            }
            // SAFETY: the new entry holds `bytes.len()` bytes.
            unsafe { crate::av::copy_into(data, bytes) };
        }
        Ok(())
    }

    pub fn rescale_ts(&mut self, from: ff::AVRational, to: ff::AVRational) {
        // SAFETY: live packet; the caller checked both time bases are positive.
        unsafe { ff::av_packet_rescale_ts(self.pkt, from, to) };
    }

    /// `packet.data` for a small payload: its offset in the pooled slab JavaScript holds
    /// (`payload_pool`), after moving it there if it lives elsewhere. The packet then owns a
    /// reference into the slab, so the view is its own memory. A trusted payload is copied there
    /// instead and stays where it is: writing into the view must not change what FFmpeg follows.
    pub fn pooled_offset(&mut self, env: Env, slab: Value) -> Pooled {
        let pkt = self.get();
        let len = pkt.size.max(0) as usize;
        if pkt.data.is_null() || len == 0 || len > payload_pool::MAX_POOLED {
            return Pooled::Apart;
        }
        let region = match payload_pool::place(env, slab, pkt.data, len) {
            Place::Found(offset) => return Pooled::At(offset),
            Place::NoRoom => return Pooled::NoRoom,
            Place::Reserved(region) => region,
        };
        region.fill(self.data());
        if self.is_trusted() {
            return Pooled::At(region.offset);
        }
        let buf = region.buffer();
        if buf.is_null() {
            // Out of memory for the buffer's bookkeeping: the copy stands in for the view.
            return Pooled::At(region.offset);
        }
        let pkt = self.get_mut();
        // SAFETY: the packet's old buffer reference (if any) is released once.
        unsafe { ff::av_buffer_unref(&mut pkt.buf) };
        pkt.buf = buf;
        // SAFETY: the new reference (not null) holds the same bytes, just copied, so `data` keeps
        // its meaning.
        pkt.data = unsafe { (*buf).data };
        Pooled::At(region.offset)
    }

    /// The payload as an `ArrayBuffer` over the packet's own memory, holding its own reference to
    /// the packet's buffer: no copy, and it stays valid after the packet is reused or destroyed.
    /// Writing into it writes the payload (and that of every packet sharing the buffer). A packet
    /// without a reference-counted buffer, or with a trusted payload, gets a copy.
    pub fn data_arraybuffer(&self, env: Env) -> Option<Value> {
        let pkt = self.get();
        // A trusted payload is a copy: writing into it must not change what FFmpeg follows.
        if pkt.buf.is_null() || pkt.data.is_null() || pkt.size <= 0 || self.is_trusted() {
            return env.arraybuffer_copy(self.data());
        }
        // SAFETY: a reference-counted packet's payload lies inside its buffer.
        unsafe { buffer_view::view(env, pkt.buf, pkt.data, pkt.size as usize) }
    }
}

impl Drop for Packet {
    fn drop(&mut self) {
        // SAFETY: we own the packet; av_packet_free unrefs and frees it.
        unsafe { ff::av_packet_free(&mut self.pkt) };
    }
}
