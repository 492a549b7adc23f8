//! An encoder: frames in, packets out, on the JavaScript thread (`sendFrame`/`receivePacket`) or
//! on the worker pool (`encodeAsync`); every frame checked to fit what the encoder was opened
//! with, as it reads the planes by its own size.

use std::ffi::c_int;
use std::ptr;

use ffmpeg_sys_next as ff;

use super::common::{self, drain_around, received, Call, Common, Produced, State};
use crate::error::{Error, Result};
use crate::frame::Frame;
use crate::log;
use crate::packet::Packet;
use crate::subtitle::{self, Subtitle};

pub struct Encoder {
    pub common: Common,
}

impl Encoder {
    pub fn new(common: Common) -> Self {
        Self { common }
    }

    /// Whether `call` can be made now (an encoder's, and in order).
    pub fn check(&self, call: Call) -> Result<()> {
        common::kind(false, call)?;
        self.common.check(call)
    }

    /// On a worker: the same for an encoder, from a frame (checked beforehand with
    /// `check(Call::SendFrame)` and `check_frame`) to packets.
    pub fn encode(&mut self, frame: Option<&Frame>) -> Produced<Packet> {
        let ctx = self.common.ctx;
        let f = frame.map_or(ptr::null(), |f| f.as_ptr().cast_const());
        let outcome = drain_around(
            // SAFETY: an open encoder and a live, checked frame (or null), as in `send_frame`.
            || unsafe { ff::avcodec_send_frame(ctx, f) },
            Packet::new,
            // SAFETY: as in `receive_packet`.
            |p: &mut Packet| unsafe { ff::avcodec_receive_packet(ctx, p.as_ptr()) },
        );
        if frame.is_none() && outcome.code >= 0 {
            self.common.state = State::Flushed;
        }
        outcome
    }

    /// Sends a frame to the encoder (`None`: the flush). False when the encoder wants its
    /// packets received first.
    pub fn send_frame(&mut self, frame: Option<&Frame>) -> Result<bool> {
        if self.common.state == State::Flushed {
            return Ok(false); // after the flush: nothing more is taken, as in send_packet
        }
        self.check(Call::SendFrame)?;
        if let Some(frame) = frame {
            self.check_frame(frame)?;
        }
        let ctx = self.common.ctx;
        let f = frame.map_or(ptr::null(), |f| f.as_ptr().cast_const());
        // SAFETY: an open encoder and a live frame (or null, the flush); FFmpeg references the
        // frame's planes, the frame stays the caller's.
        let (r, lines) = log::capture(|| unsafe { ff::avcodec_send_frame(ctx, f) });
        let doing = format!("Could not encode the frame ({})", self.common.codec_name());
        self.common.sent(frame.is_none(), r, lines, &doing)
    }

    /// Opens the encoder (see `Common::open`). A text subtitle encoder given no subtitle header
    /// gets FFmpeg's default one, as its text decoders make it (without one it refuses to open).
    pub fn open(&mut self, options: crate::dictionary::Dictionary) -> Result<Vec<String>> {
        if self.common.state == State::New {
            let ctx = self.common.get();
            if ctx.codec_type == ff::AVMediaType::AVMEDIA_TYPE_SUBTITLE
                && subtitle::is_text(ctx.codec_id)
                && subtitle::header(ctx).is_none()
            {
                if let Some(header) = subtitle::default_header() {
                    subtitle::set_header(self.common.get_mut()?, &header)?;
                }
            }
        }
        self.common.open(options)
    }

    /// Encodes a subtitle into `packet` (its previous contents released): text subtitles from
    /// their ASS events (`ass`), bitmap ones from their bitmaps. Its timestamps are left to the
    /// caller, who knows the stream's time base.
    pub fn encode_subtitle(&mut self, data: &Subtitle, packet: &mut Packet) -> Result<()> {
        self.check(Call::EncodeSubtitle)?;
        let subtitle = subtitle::Owned::from_data(data)?;
        // ffmpeg's own limit for one subtitle packet.
        const MAX: c_int = 1024 * 1024;
        packet.unref();
        let pkt = packet.as_ptr();
        // SAFETY: a live, blank packet; FFmpeg allocates its payload.
        let r = unsafe { ff::av_new_packet(pkt, MAX) };
        if r < 0 {
            return Err(Error::ffmpeg("Could not allocate the subtitle packet", r));
        }
        let ctx = self.common.ctx;
        // SAFETY: the payload just allocated, `MAX` bytes.
        let buf = unsafe { (*pkt).data };
        let sub = subtitle.as_ptr();
        // SAFETY: an open subtitle encoder, a buffer of `MAX` bytes and a subtitle it reads.
        let (n, lines) =
            log::capture(|| unsafe { ff::avcodec_encode_subtitle(ctx, buf, MAX, sub) });
        if n < 0 {
            packet.unref();
            return Err(Error::ffmpeg(
                &format!(
                    "Could not encode the subtitle ({})",
                    self.common.codec_name()
                ),
                n,
            )
            .with_log(lines));
        }
        // SAFETY: our packet; `n` bytes of its payload are the subtitle.
        unsafe { ff::av_shrink_packet(pkt, n) };
        Ok(())
    }

    /// Receives an encoded packet into `packet`; false when none is ready.
    pub fn receive_packet(&mut self, packet: &mut Packet) -> Result<bool> {
        self.check(Call::ReceivePacket)?;
        let ctx = self.common.ctx;
        let pkt = packet.as_ptr();
        // SAFETY: an open encoder and a live packet, which FFmpeg unrefs before filling.
        let (r, lines) = log::capture(|| unsafe { ff::avcodec_receive_packet(ctx, pkt) });
        received(
            r,
            lines,
            &format!("Could not encode ({})", self.common.codec_name()),
        )
    }

    /// A frame an encoder can take: with planes, and of the size and format it was opened
    /// with (FFmpeg's encoders read the planes by the context's size: a smaller frame would be
    /// read past its end).
    pub fn check_frame(&self, frame: &Frame) -> Result<()> {
        let (c, f) = (self.common.get(), frame.get());
        if f.data[0].is_null() {
            return Err(Error::State(
                "The frame has no planes: call frame.alloc() (or receive it from a decoder)".into(),
            ));
        }
        frame.check_planes("encoded")?;
        // What the encoder reads must be in the frame: the same layout in memory (a mono frame
        // may be planar or packed: one plane either way) and at least the encoder's size. The
        // rest (a frame's sample rate, a larger picture) the encoder ignores, as the published
        // package lets it.
        let (fits, what, frame_has, context_has) =
            if c.codec_type == ff::AVMediaType::AVMEDIA_TYPE_AUDIO {
                let (sf, cf) = (f.format, c.sample_fmt as c_int);
                let packed = crate::samples::packed_sample_format;
                let same_memory =
                    sf == cf || (c.ch_layout.nb_channels == 1 && packed(sf) == packed(cf));
                (
                    same_memory && f.ch_layout.nb_channels == c.ch_layout.nb_channels,
                    "(format, channels)",
                    format!("{:?}", (sf, f.ch_layout.nb_channels)),
                    format!("{:?}", (cf, c.ch_layout.nb_channels)),
                )
            } else {
                let cf = c.pix_fmt as c_int;
                (
                    f.format == cf && f.width >= c.width && f.height >= c.height,
                    "(format, width, height)",
                    format!("{:?}", (f.format, f.width, f.height)),
                    format!("{:?}", (cf, c.width, c.height)),
                )
            };
        if !fits {
            return Err(Error::State(format!(
                "The frame does not fit the encoder: {what} is {frame_has}, the encoder was \
                 opened with {context_has} (it would read past the frame)"
            )));
        }
        Ok(())
    }
}
