//! A decoder: packets in, frames out, on the JavaScript thread (`sendPacket`/`receiveFrame`) or
//! on the worker pool (`decodeAsync`, `frames()`); with the app's `getFormat` choice of pixel
//! format, which FFmpeg calls on the thread decoding.

use std::ffi::c_int;
use std::ptr;

use ffmpeg_sys_next as ff;

use super::common::{self, drain_around, is_flush, received, Call, Common, Produced, State};
use crate::dictionary::Dictionary;
use crate::error::{Error, Result};
use crate::frame::Frame;
use crate::get_format::{self, GetFormat};
use crate::js::sys::{Env, Value};
use crate::log;
use crate::packet::Packet;
use crate::subtitle::{self, Subtitle};

pub struct Decoder {
    pub common: Common,
    /// `getFormat`, when set: the context's `opaque` points at it.
    get_format: Option<Box<GetFormat>>,
}

// SAFETY: the FFmpeg context is `Common`'s (Send: one thread at a time). `get_format` holds a
// JavaScript reference, used only on the JavaScript thread: a decoder with one is refused work
// on the pool (`check_off_thread`), and FFmpeg calls it only on the thread that decodes.
unsafe impl Send for Decoder {}

impl Decoder {
    /// Decoders use slice threads only: frame threads hold frames back (one per thread) until the
    /// flush, so code that never flushes would get fewer frames, and errors later, than with one
    /// thread. The `thread_type` option ('frame') asks for them.
    pub fn new(mut common: Common) -> Result<Self> {
        common.get_mut()?.thread_type = ff::FF_THREAD_SLICE as c_int;
        Ok(Self {
            common,
            get_format: None,
        })
    }

    /// Whether `call` can be made now (a decoder's, and in order).
    pub fn check(&self, call: Call) -> Result<()> {
        common::kind(true, call)?;
        self.common.check(call)
    }

    /// Opens the decoder (see `Common::open`); a failure of `getFormat` meanwhile is the error.
    pub fn open(&mut self, options: Dictionary) -> Result<Vec<String>> {
        if self.common.state != State::New {
            return Ok(Vec::new());
        }
        for key in options.leftover_keys() {
            self.check_thread_type(&key)?; // every key: none is consumed yet
        }
        let opened = self.common.open(options);
        self.callback_failure()?;
        opened
    }

    /// Sets a codec option (only while new; `thread_type` stays slice with `getFormat`).
    pub fn set_option(&mut self, name: &str, value: &str, flags: c_int) -> Result<()> {
        self.check_thread_type(name)?;
        self.common.set_option(name, value, flags)
    }

    /// Copies every option of `other`; with `getFormat`, the thread type stays slice.
    pub fn copy_options_from(&mut self, other: &Common) -> Result<()> {
        self.common.copy_options_from(other)?;
        if self.get_format.is_some() {
            self.common.get_mut()?.thread_type = ff::FF_THREAD_SLICE as c_int; // as set_get_format
        }
        Ok(())
    }

    /// Lets `callback(formats)` choose the pixel format among those the decoder offers (only
    /// while new). The decoder then uses slice threads only, so that FFmpeg calls it on the
    /// thread decoding: the JavaScript thread.
    pub fn set_get_format(&mut self, env: Env, callback: Value) -> Result<()> {
        let ctx = self.common.get_mut()?;
        let mut state = GetFormat::new(env, callback);
        ctx.opaque = (&mut *state as *mut GetFormat).cast();
        ctx.get_format = Some(get_format::trampoline);
        ctx.thread_type = ff::FF_THREAD_SLICE as c_int;
        self.get_format = Some(state); // the previous one, if any, goes after the switch
        Ok(())
    }

    /// With `getFormat`, the thread type stays slice: frame threads would call it on FFmpeg's
    /// threads.
    fn check_thread_type(&self, option: &str) -> Result<()> {
        if self.get_format.is_some() && option == "thread_type" {
            return Err(Error::State(
                "This CodecContext has a getFormat callback: its thread_type stays slice (frame \
                 threads would call it off the JavaScript thread)"
                    .into(),
            ));
        }
        Ok(())
    }

    /// Decoding on a worker: not with `getFormat`, which runs on the JavaScript thread.
    pub fn check_off_thread(&self) -> Result<()> {
        if self.get_format.is_some() {
            return Err(Error::State(
                "This CodecContext has a getFormat callback, which runs on the JavaScript thread: \
                 decode with sendPacket()/receiveFrame()"
                    .into(),
            ));
        }
        Ok(())
    }

    /// The error of a `getFormat` callback that failed during the last FFmpeg call.
    fn callback_failure(&mut self) -> Result<()> {
        match self.get_format.as_mut().and_then(|g| g.take_failure()) {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }

    /// Gives a decoded frame the time base of its timestamps (FFmpeg leaves it 0/1): the
    /// packets' (`pktTimebase`, a stream's for `stream.decoder()`).
    fn stamp(&self, frame: &mut Frame) {
        let tb = self.common.get().pkt_timebase;
        let f = frame.get_mut();
        if f.time_base.num == 0 && tb.num > 0 && tb.den > 0 {
            f.time_base = tb;
        }
    }

    /// On a worker: sends `packet` (`None`: the flush), receiving frames whenever the decoder is
    /// full, then every frame that is ready. Checked beforehand with `check(Call::SendPacket)`.
    pub fn decode(&mut self, packet: Option<&Packet>) -> Produced<Frame> {
        let ctx = self.common.ctx;
        let flush = is_flush(packet);
        let pkt = packet.map_or(ptr::null(), |p| p.as_ptr().cast_const());
        let outcome = drain_around(
            // SAFETY: an open decoder and a live packet (or null), as in `send_packet`.
            || unsafe { ff::avcodec_send_packet(ctx, pkt) },
            Frame::new,
            // SAFETY: as in `receive_frame`.
            |f: &mut Frame| unsafe { ff::avcodec_receive_frame(ctx, f.as_ptr()) },
        );
        if flush && outcome.code >= 0 {
            self.common.state = State::Flushed;
        }
        let mut outcome = outcome;
        for frame in &mut outcome.items {
            self.stamp(frame);
        }
        outcome
    }

    /// Decodes a subtitle packet (`None`: the flush, for decoders that hold one back); `None`
    /// when the packet made no subtitle. Its `pts` is the packet's in microseconds when the
    /// context knows the packets' time base (`pktTimebase`, set by `stream.decoder()`).
    pub fn decode_subtitle(&mut self, packet: Option<&Packet>) -> Result<Option<Subtitle>> {
        self.check(Call::DecodeSubtitle)?;
        let ctx = self.common.ctx;
        // The flush is a packet without payload, never null, to this call.
        let blank;
        let pkt = match packet {
            Some(p) => p.as_ptr().cast_const(),
            None => {
                blank = Packet::new()?;
                blank.as_ptr().cast_const()
            }
        };
        let mut subtitle = subtitle::Owned::blank();
        let out = subtitle.as_mut_ptr();
        let mut got: c_int = 0;
        let got_ptr: *mut c_int = &mut got;
        // SAFETY: an open subtitle decoder, a blank subtitle it fills and a live packet.
        let (r, lines) =
            log::capture(|| unsafe { ff::avcodec_decode_subtitle2(ctx, out, got_ptr, pkt) });
        if r < 0 {
            return Err(Error::ffmpeg(
                &format!(
                    "Could not decode the subtitle ({})",
                    self.common.codec_name()
                ),
                r,
            )
            .with_log(lines));
        }
        Ok((got != 0).then(|| subtitle.to_data()))
    }

    /// Sends a packet to the decoder (`None`: the flush). False when the decoder wants its
    /// frames received first.
    pub fn send_packet(&mut self, packet: Option<&Packet>) -> Result<bool> {
        // A packet without payload is the flush too, to FFmpeg; flushing again does nothing.
        let flush = is_flush(packet);
        // After the flush FFmpeg takes nothing more (AVERROR_EOF): false, as in the published
        // package; flushing again does nothing.
        if self.common.state == State::Flushed {
            return Ok(false);
        }
        self.check(Call::SendPacket)?;
        let ctx = self.common.ctx;
        let pkt = packet.map_or(ptr::null(), |p| p.as_ptr().cast_const());
        // SAFETY: an open decoder and a live packet (or null, the flush); FFmpeg references the
        // payload, the packet stays the caller's.
        let (r, lines) = log::capture(|| unsafe { ff::avcodec_send_packet(ctx, pkt) });
        self.callback_failure()?;
        let doing = format!("Could not decode the packet ({})", self.common.codec_name());
        self.common.sent(flush, r, lines, &doing)
    }

    /// Receives a decoded frame into `frame`; false when none is ready (send more packets, or
    /// after the flush: all received).
    pub fn receive_frame(&mut self, frame: &mut Frame) -> Result<bool> {
        self.check(Call::ReceiveFrame)?;
        let ctx = self.common.ctx;
        let f = frame.as_ptr();
        // SAFETY: an open decoder and a live frame, which FFmpeg unrefs before filling.
        let (r, lines) = log::capture(|| unsafe { ff::avcodec_receive_frame(ctx, f) });
        self.callback_failure()?;
        let got = received(
            r,
            lines,
            &format!("Could not decode ({})", self.common.codec_name()),
        )?;
        if got {
            self.stamp(frame);
        }
        Ok(got)
    }
}
