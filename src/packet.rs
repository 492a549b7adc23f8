//! `Packet`: one owned `AVPacket`.

use ffmpeg_sys_next as ff;

use crate::errors::{averror, ffmpeg_error, libc_errno::ENOMEM};
use crate::handle::Native;
use crate::js::{Env, JsResult};

pub struct Packet {
    pkt: *mut ff::AVPacket,
}

impl Native for Packet {
    const KIND: u32 = 0xbaff_0000 + 3;
    const NAME: &'static str = "Packet";
    const DESTROYED: &'static str = "Packet has been destroyed";

    fn native_size(&self) -> i64 {
        // The AVPacket and the payload it holds when created (payloads read later vary).
        1024 + self.get().size.max(0) as i64
    }
}

impl Packet {
    pub fn new(env: Env) -> JsResult<Self> {
        Self::alloc().map_err(|_| ffmpeg_error(env, "Could not allocate a packet", averror(ENOMEM)))
    }

    /// A blank packet; usable off the JavaScript thread.
    pub fn alloc() -> Result<Self, ()> {
        // SAFETY: plain allocation.
        let pkt = unsafe { ff::av_packet_alloc() };
        if pkt.is_null() {
            return Err(());
        }
        Ok(Self { pkt })
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
        // SAFETY: a packet's `data` holds `size` bytes.
        unsafe { std::slice::from_raw_parts(pkt.data, pkt.size as usize) }
    }

    /// Replaces the payload with a copy of `bytes`, keeping the other properties.
    pub fn set_data(&mut self, env: Env, bytes: &[u8]) -> JsResult<()> {
        let Ok(size) = i32::try_from(bytes.len()) else {
            return Err(crate::errors::range_error(
                env,
                "Packet data is larger than 2 GiB",
            ));
        };
        // SAFETY: `buf` is a fresh reference-counted buffer of `size` bytes plus padding, which we
        // fill before handing it to the packet; the packet releases its old buffer.
        unsafe {
            let buf =
                ff::av_buffer_alloc(size as usize + ff::AV_INPUT_BUFFER_PADDING_SIZE as usize);
            if buf.is_null() {
                return Err(ffmpeg_error(
                    env,
                    "Could not allocate packet data",
                    averror(ENOMEM),
                ));
            }
            let data = (*buf).data;
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), data, bytes.len());
            std::ptr::write_bytes(
                data.add(bytes.len()),
                0,
                ff::AV_INPUT_BUFFER_PADDING_SIZE as usize,
            );
            let pkt = self.get_mut();
            ff::av_buffer_unref(&mut pkt.buf);
            pkt.buf = buf;
            pkt.data = data;
            pkt.size = size;
        }
        Ok(())
    }

    pub fn unref(&mut self) {
        // SAFETY: `pkt` is valid; unref resets it to a blank packet.
        unsafe { ff::av_packet_unref(self.pkt) };
    }
}

impl Drop for Packet {
    fn drop(&mut self) {
        // SAFETY: we own the packet; av_packet_free unrefs and frees it.
        unsafe { ff::av_packet_free(&mut self.pkt) };
    }
}
