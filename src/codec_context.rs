//! `CodecContext`: one `AVCodecContext`, a decoder or an encoder, with its life checked:
//! configured while new, used once open, and after the flush (a send with nothing) only drained.
//! Every call out of order is an error naming what is needed, where FFmpeg would misbehave or
//! crash (a configuration changed under an open encoder, a packet sent to an encoder).

use std::cell::Cell;
use std::ffi::{c_int, c_void};
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::dictionary::Dictionary;
use crate::error::{Error, Result};
use crate::frame::Frame;
use crate::get_format::{self, GetFormat};
use crate::handle::{Kind, Native};
use crate::hw::HwDevice;
use crate::js::sys::{Env, Value};
use crate::log;
use crate::options::Options;
use crate::packet::Packet;
use crate::task::Worker;

pub struct CodecContext {
    ctx: *mut ff::AVCodecContext,
    state: State,
    decoder: bool,
    /// The worker for asynchronous operations, started by the first one.
    worker: Option<Worker>,
    /// `getFormat`, when set: the context's `opaque` points at it.
    get_format: Option<Box<GetFormat>>,
}

// SAFETY: an AVCodecContext is used by one thread at a time (the JavaScript thread, or the
// worker an operation lends it to); its own threads are FFmpeg's business.
unsafe impl Send for CodecContext {}

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum State {
    /// Being configured: settings may change; nothing can be sent.
    New,
    Open,
    /// The flush was sent: what is left can be received, nothing more sent.
    Flushed,
}

impl Native for CodecContext {
    const KIND: Kind = Kind::CodecContext;
    const NAME: &'static str = "CodecContext";

    fn native_size(&self) -> i64 {
        // An estimate: a codec's state (reference frames, tables) is often megabytes once open.
        if self.state == State::New {
            16 * 1024
        } else {
            1024 * 1024
        }
    }
}

/// What `avcodec_get_supported_config` says a codec takes.
pub enum Supported {
    /// Any value.
    Any,
    /// Pixel formats, sample formats, sample rates, colour ranges or spaces.
    Ints(Vec<c_int>),
    Rationals(Vec<ff::AVRational>),
    /// Channel layouts, as (mask, channels).
    Layouts(Vec<(u64, c_int)>),
}

/// What a call can do, for the checks.
#[derive(Clone, Copy)]
pub enum Call {
    Configure,
    SendPacket,
    ReceiveFrame,
    SendFrame,
    ReceivePacket,
}

impl CodecContext {
    /// A context for `codec` (a decoder or an encoder), with FFmpeg's defaults.
    pub fn new(codec: &'static ff::AVCodec) -> Result<Self> {
        // SAFETY: `codec` is a static codec description.
        let ctx = unsafe { ff::avcodec_alloc_context3(codec) };
        if ctx.is_null() {
            return Err(Error::out_of_memory("Could not allocate a codec context"));
        }
        // SAFETY: as above.
        let decoder = unsafe { ff::av_codec_is_decoder(codec) } != 0;
        // Codecs that FFmpeg runs on several threads use the machine's cores (FFmpeg's own
        // default is one thread); the `threads` option changes it. Decoders use slice threads
        // only: frame threads hold frames back (one per thread) until the flush, so code that
        // never flushes would get fewer frames, and errors later, than with one thread. The
        // `thread_type` option ('frame') asks for them.
        // SAFETY: a fresh context, ours.
        let fresh = unsafe { &mut *ctx };
        fresh.thread_count = 0;
        if decoder {
            fresh.thread_type = ff::FF_THREAD_SLICE as c_int;
        }
        Ok(Self {
            ctx,
            state: State::New,
            decoder,
            worker: None,
            get_format: None,
        })
    }

    /// The codec's extra data (a copy): an encoder's global headers once open, for example.
    pub fn extradata(&mut self) -> Vec<u8> {
        // SAFETY: `ctx` is valid while `self` lives; reading, with `&mut self` exclusive.
        crate::codec_parameters::extradata(unsafe { &mut *self.ctx }).to_vec()
    }

    pub fn get(&self) -> &ff::AVCodecContext {
        // SAFETY: `ctx` is valid while `self` lives.
        unsafe { &*self.ctx }
    }

    /// The context's fields, for changes: only while it is new.
    pub fn get_mut(&mut self) -> Result<&mut ff::AVCodecContext> {
        self.check(Call::Configure)?;
        // SAFETY: as in `get`; `&mut self` makes it exclusive.
        Ok(unsafe { &mut *self.ctx })
    }

    /// Decodes or encodes on hardware `device`: only while new.
    pub fn set_hw_device(&mut self, device: &HwDevice) -> Result<()> {
        let ctx = self.get_mut()?;
        let reference = device.reference()?;
        // SAFETY: the context's previous reference (or null), released once; it holds the new.
        unsafe { ff::av_buffer_unref(&mut ctx.hw_device_ctx) };
        ctx.hw_device_ctx = reference;
        Ok(())
    }

    /// Lets `callback(formats)` choose the pixel format among those the decoder offers (only
    /// while new). The decoder then uses slice threads only, so that FFmpeg calls it on the
    /// thread decoding: the JavaScript thread.
    pub fn set_get_format(&mut self, env: Env, callback: Value) -> Result<()> {
        let ctx = self.get_mut()?;
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

    pub fn state(&self) -> State {
        self.state
    }

    /// Takes the codec settings of `par` (a stream's): only while new.
    pub fn set_parameters(&mut self, par: &ff::AVCodecParameters) -> Result<()> {
        let ctx = self.get_mut()?;
        // SAFETY: a live context (not open) and live parameters, both only read or written here.
        let r = unsafe { ff::avcodec_parameters_to_context(ctx, par) };
        if r < 0 {
            return Err(Error::ffmpeg("Could not apply the codec parameters", r));
        }
        Ok(())
    }

    /// Writes the context's codec settings into `par` (for a stream of an output).
    pub fn parameters_into(&self, par: &mut ff::AVCodecParameters) -> Result<()> {
        // SAFETY: a live context and live parameters.
        let r = unsafe { ff::avcodec_parameters_from_context(par, self.ctx) };
        if r < 0 {
            return Err(Error::ffmpeg("Could not read the codec parameters", r));
        }
        Ok(())
    }

    /// The values the codec supports for `config` (a C int, checked), or an error for a
    /// configuration that does not apply to it (pixel formats of an audio codec).
    pub fn supported(&self, config: c_int) -> Result<Supported> {
        use ff::AVCodecConfig::*;
        let kind = crate::av::codec_config(config)
            .ok_or_else(|| Error::Range(format!("{config} is not a codecConfig value")))?;
        let mut out: *const c_void = ptr::null();
        let mut count: c_int = 0;
        // SAFETY: a live context with its codec; FFmpeg points `out` at a static (or
        // context-owned) array of `count` values of the configuration's type, or leaves it null.
        let r = unsafe {
            ff::avcodec_get_supported_config(self.ctx, ptr::null(), kind, 0, &mut out, &mut count)
        };
        if r < 0 {
            return Err(Error::ffmpeg(
                "This configuration does not apply to the codec",
                r,
            ));
        }
        if out.is_null() {
            return Ok(Supported::Any);
        }
        let n = count.max(0) as usize;
        Ok(match kind {
            AV_CODEC_CONFIG_FRAME_RATE => Supported::Rationals(
                // SAFETY: as above.
                unsafe { std::slice::from_raw_parts(out.cast::<ff::AVRational>(), n) }.to_vec(),
            ),
            AV_CODEC_CONFIG_CHANNEL_LAYOUT => Supported::Layouts(
                // SAFETY: as above.
                unsafe { std::slice::from_raw_parts(out.cast::<ff::AVChannelLayout>(), n) }
                    .iter()
                    .map(|l| (crate::channel_layout::channel_mask(l), l.nb_channels))
                    .collect(),
            ),
            // SAFETY: as above; enums are C ints in memory.
            _ => Supported::Ints(
                unsafe { std::slice::from_raw_parts(out.cast::<c_int>(), n) }.to_vec(),
            ),
        })
    }

    /// The context's options, the codec's own among them.
    fn options(&self) -> Options<'_> {
        // SAFETY: a live context (an AVClass object) and its codec's private data (null or an
        // AVClass object), both ours while `self` is borrowed.
        unsafe { Options::new(self.ctx.cast(), self.get().priv_data, "codec") }
    }

    /// A codec option's value as text (`name` searched in the context and, with
    /// AV_OPT_SEARCH_CHILDREN in `flags`, the codec's own options); `None` when there is no such
    /// option.
    pub fn option(&self, name: &str, flags: c_int) -> Result<Option<String>> {
        self.options().get(name, flags)
    }

    /// Sets a codec option (only while new).
    pub fn set_option(&mut self, name: &str, value: &str, flags: c_int) -> Result<()> {
        self.check(Call::Configure)?;
        self.check_thread_type(name)?;
        self.options().set(name, value, flags)
    }

    /// Resets every option to its default, the codec's own included (only while new).
    pub fn set_option_defaults(&mut self) -> Result<()> {
        self.check(Call::Configure)?;
        self.options().set_defaults();
        Ok(())
    }

    /// The names of the options (the context's; with AV_OPT_SEARCH_CHILDREN, the codec's own
    /// first), without duplicates.
    pub fn option_names(&self, flags: c_int) -> Vec<String> {
        self.options().names(flags)
    }

    /// Copies every option of `other` (a context of the same codec, for its private options).
    pub fn copy_options_from(&mut self, other: &CodecContext) -> Result<()> {
        self.check(Call::Configure)?;
        // SAFETY: two live contexts; av_opt_copy copies the generic options and, for the same
        // codec class, the private ones.
        let r = unsafe { ff::av_opt_copy(self.ctx.cast(), other.ctx.cast_const().cast()) };
        if r < 0 {
            return Err(Error::ffmpeg("Could not copy the options", r));
        }
        let (mine, theirs) = (self.get().priv_data, other.get().priv_data);
        if !mine.is_null() && !theirs.is_null() && self.get().codec == other.get().codec {
            // SAFETY: private data of the same codec: the same AVClass.
            let r = unsafe { ff::av_opt_copy(mine, theirs.cast_const()) };
            if r < 0 {
                return Err(Error::ffmpeg("Could not copy the codec's options", r));
            }
        }
        if self.get_format.is_some() {
            self.get_mut()?.thread_type = ff::FF_THREAD_SLICE as c_int; // as set_get_format
        }
        Ok(())
    }

    /// The worker for asynchronous operations, started by the first one (`anchor`: any
    /// function).
    pub fn worker(
        &mut self,
        env: crate::js::sys::Env,
        anchor: crate::js::sys::Value,
    ) -> Result<&Worker> {
        if self.worker.is_none() {
            self.worker = Some(Worker::start(env, anchor)?);
        }
        Ok(self.worker.as_ref().expect("started above"))
    }

    /// Gives a decoded frame the time base of its timestamps (FFmpeg leaves it 0/1): the
    /// packets' (`pktTimebase`, a stream's for `stream.decoder()`).
    fn stamp(&self, frame: &mut Frame) {
        let tb = self.get().pkt_timebase;
        let f = frame.get_mut();
        if f.time_base.num == 0 && tb.num > 0 && tb.den > 0 {
            f.time_base = tb;
        }
    }

    /// On a worker: sends `packet` (`None`: the flush), receiving frames whenever the decoder is
    /// full, then every frame that is ready. Checked beforehand with `check(Call::SendPacket)`.
    pub fn decode(&mut self, packet: Option<&Packet>) -> Produced<Frame> {
        let ctx = self.ctx;
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
            self.state = State::Flushed;
        }
        let mut outcome = outcome;
        for frame in &mut outcome.items {
            self.stamp(frame);
        }
        outcome
    }

    /// On a worker: the same for an encoder, from a frame (checked beforehand with
    /// `check(Call::SendFrame)` and `check_frame`) to packets.
    pub fn encode(&mut self, frame: Option<&Frame>) -> Produced<Packet> {
        let ctx = self.ctx;
        let f = frame.map_or(ptr::null(), |f| f.as_ptr().cast_const());
        let outcome = drain_around(
            // SAFETY: an open encoder and a live, checked frame (or null), as in `send_frame`.
            || unsafe { ff::avcodec_send_frame(ctx, f) },
            Packet::new,
            // SAFETY: as in `receive_packet`.
            |p: &mut Packet| unsafe { ff::avcodec_receive_packet(ctx, p.as_ptr()) },
        );
        if frame.is_none() && outcome.code >= 0 {
            self.state = State::Flushed;
        }
        outcome
    }

    /// The codec's own name ("h264", "libvpx"), for messages: a decoder fed another codec's
    /// packets says only "Invalid data", and this says which codec found it so.
    pub fn codec_name(&self) -> String {
        // SAFETY: a context made for a codec keeps its static description.
        unsafe { self.get().codec.as_ref() }.map_or_else(String::new, crate::codec::codec_own_name)
    }

    /// Whether `call` can be made now; the error says what is needed first.
    pub fn check(&self, call: Call) -> Result<()> {
        check(self.state, self.decoder, call)?;
        // FFmpeg's send/receive calls abort the process on a subtitle codec (an assertion in
        // libavcodec/decode.c): subtitles take another API, not offered yet.
        if !matches!(call, Call::Configure)
            && self.get().codec_type == ff::AVMediaType::AVMEDIA_TYPE_SUBTITLE
        {
            return Err(Error::ffmpeg_text(
                format!(
                    "{} is a subtitle codec: decoding and encoding subtitles is not supported yet",
                    crate::codec::codec_name(self.get().codec_id as c_int)
                ),
                ff::AVERROR(libc::ENOSYS),
            ));
        }
        Ok(())
    }

    /// Opens the codec with `options` (codec options: `threads`, `crf`, ...); the names of those
    /// the codec did not use (see `Dictionary::unused`). Open already: nothing to do.
    pub fn open(&mut self, mut options: Dictionary) -> Result<Vec<String>> {
        if self.state != State::New {
            return Ok(Vec::new());
        }
        for key in options.leftover_keys() {
            self.check_thread_type(&key)?; // every key: none is consumed yet
        }
        let ctx = self.ctx;
        let (r, lines) = log::capture(|| {
            // SAFETY: a live context not open yet; FFmpeg takes what it uses from `options`.
            unsafe { ff::avcodec_open2(ctx, ptr::null(), options.as_mut_ptr()) }
        });
        self.callback_failure()?;
        if r < 0 {
            return Err(Error::ffmpeg("Could not open the codec", r).with_log(lines));
        }
        self.state = State::Open;
        options.unused("codec")
    }

    /// Sends a packet to the decoder (`None`: the flush). False when the decoder wants its
    /// frames received first.
    pub fn send_packet(&mut self, packet: Option<&Packet>) -> Result<bool> {
        // A packet without payload is the flush too, to FFmpeg; flushing again does nothing.
        let flush = is_flush(packet);
        // After the flush FFmpeg takes nothing more (AVERROR_EOF): false, as in the published
        // package; flushing again does nothing.
        if self.state == State::Flushed {
            return Ok(false);
        }
        self.check(Call::SendPacket)?;
        let ctx = self.ctx;
        let pkt = packet.map_or(ptr::null(), |p| p.as_ptr().cast_const());
        // SAFETY: an open decoder and a live packet (or null, the flush); FFmpeg references the
        // payload, the packet stays the caller's.
        let (r, lines) = log::capture(|| unsafe { ff::avcodec_send_packet(ctx, pkt) });
        self.callback_failure()?;
        let doing = format!("Could not decode the packet ({})", self.codec_name());
        self.sent(flush, r, lines, &doing)
    }

    /// Receives a decoded frame into `frame`; false when none is ready (send more packets, or
    /// after the flush: all received).
    pub fn receive_frame(&mut self, frame: &mut Frame) -> Result<bool> {
        self.check(Call::ReceiveFrame)?;
        let ctx = self.ctx;
        let f = frame.as_ptr();
        // SAFETY: an open decoder and a live frame, which FFmpeg unrefs before filling.
        let (r, lines) = log::capture(|| unsafe { ff::avcodec_receive_frame(ctx, f) });
        self.callback_failure()?;
        let got = received(
            r,
            lines,
            &format!("Could not decode ({})", self.codec_name()),
        )?;
        if got {
            self.stamp(frame);
        }
        Ok(got)
    }

    /// Sends a frame to the encoder (`None`: the flush). False when the encoder wants its
    /// packets received first.
    pub fn send_frame(&mut self, frame: Option<&Frame>) -> Result<bool> {
        if self.state == State::Flushed {
            return Ok(false); // after the flush: nothing more is taken, as in send_packet
        }
        self.check(Call::SendFrame)?;
        if let Some(frame) = frame {
            self.check_frame(frame)?;
        }
        let ctx = self.ctx;
        let f = frame.map_or(ptr::null(), |f| f.as_ptr().cast_const());
        // SAFETY: an open encoder and a live frame (or null, the flush); FFmpeg references the
        // frame's planes, the frame stays the caller's.
        let (r, lines) = log::capture(|| unsafe { ff::avcodec_send_frame(ctx, f) });
        let doing = format!("Could not encode the frame ({})", self.codec_name());
        self.sent(frame.is_none(), r, lines, &doing)
    }

    /// Receives an encoded packet into `packet`; false when none is ready.
    pub fn receive_packet(&mut self, packet: &mut Packet) -> Result<bool> {
        self.check(Call::ReceivePacket)?;
        let ctx = self.ctx;
        let pkt = packet.as_ptr();
        // SAFETY: an open encoder and a live packet, which FFmpeg unrefs before filling.
        let (r, lines) = log::capture(|| unsafe { ff::avcodec_receive_packet(ctx, pkt) });
        received(
            r,
            lines,
            &format!("Could not encode ({})", self.codec_name()),
        )
    }

    /// A frame an encoder can take: with planes, and of the size and format it was opened
    /// with (FFmpeg's encoders read the planes by the context's size: a smaller frame would be
    /// read past its end).
    pub fn check_frame(&self, frame: &Frame) -> Result<()> {
        let (c, f) = (self.get(), frame.get());
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

    fn sent(&mut self, flush: bool, r: c_int, lines: Vec<String>, doing: &str) -> Result<bool> {
        if r == ff::AVERROR(libc::EAGAIN) {
            return Ok(false);
        }
        if r < 0 {
            return Err(Error::ffmpeg(doing, r).with_log(lines));
        }
        if flush {
            self.state = State::Flushed;
        }
        Ok(true)
    }
}

/// Whether sending `packet` flushes a decoder: no packet, or one without payload (FFmpeg's rule).
fn is_flush(packet: Option<&Packet>) -> bool {
    packet.is_none_or(|p| p.get().data.is_null() && p.get().size == 0)
}

/// What an operation on a worker produced: the frames (or packets), and how it ended (0, or
/// FFmpeg's error with its log; what was produced before an error is kept).
pub struct Produced<T> {
    pub items: Vec<T>,
    pub code: c_int,
    pub log: Vec<String>,
}

/// Receive errors in a row after which a drain stops asking (FFmpeg's decoders report an error
/// once per bad frame and go on; this bounds a codec that would not).
const MAX_RECEIVE_ERRORS: u32 = 64;

/// Sends with `send`, receiving with `receive` into items made by `make` whenever the codec is
/// full, then receives every item that is ready. A receive error (a frame that did not decode)
/// does not end the receiving, as in `ffmpeg`: the items after it are kept too, and the first
/// error is the outcome. No JavaScript here.
fn drain_around<T>(
    mut send: impl FnMut() -> c_int,
    make: impl Fn() -> Result<T>,
    mut receive: impl FnMut(&mut T) -> c_int,
) -> Produced<T> {
    let mut items = Vec::new();
    let eagain = ff::AVERROR(libc::EAGAIN);
    // The first receive error, and how many there were: a receive that only failed still made
    // room for the packet that did not fit.
    let first_error = Cell::new(0);
    let errors = Cell::new(0u32);
    let (code, log) = log::capture(|| {
        let mut receive_all = |items: &mut Vec<T>| -> c_int {
            let mut in_a_row = 0;
            loop {
                let Ok(mut item) = make() else {
                    return ff::AVERROR(libc::ENOMEM);
                };
                match receive(&mut item) {
                    0 => {
                        items.push(item);
                        in_a_row = 0;
                    }
                    r if r == eagain || r == ff::AVERROR_EOF => return 0,
                    r => {
                        if first_error.get() == 0 {
                            first_error.set(r);
                        }
                        errors.set(errors.get() + 1);
                        in_a_row += 1;
                        if in_a_row >= MAX_RECEIVE_ERRORS {
                            return r;
                        }
                    }
                }
            }
        };
        loop {
            match send() {
                r if r == eagain => {
                    let before = (items.len(), errors.get());
                    let r = receive_all(&mut items);
                    if r < 0 {
                        return r;
                    }
                    if (items.len(), errors.get()) == before || errors.get() >= MAX_RECEIVE_ERRORS {
                        // Neither side moves (FFmpeg promises this never happens): stop.
                        return if first_error.get() < 0 {
                            first_error.get()
                        } else {
                            eagain
                        };
                    }
                }
                r if r < 0 => return r,
                _ => return receive_all(&mut items),
            }
        }
    });
    let code = if code >= 0 { first_error.get() } else { code };
    Produced { items, code, log }
}

fn received(r: c_int, lines: Vec<String>, doing: &str) -> Result<bool> {
    if r == ff::AVERROR(libc::EAGAIN) || r == ff::AVERROR_EOF {
        return Ok(false);
    }
    if r < 0 {
        return Err(Error::ffmpeg(doing, r).with_log(lines));
    }
    Ok(true)
}

/// The rules of `CodecContext::check`, on their own for the tests.
fn check(state: State, decoder: bool, call: Call) -> Result<()> {
    let (name, for_decoder) = match call {
        Call::Configure => {
            return match state {
                State::New => Ok(()),
                _ => Err(Error::State(
                    "The CodecContext is open: its settings are fixed once open() is called".into(),
                )),
            };
        }
        Call::SendPacket => ("sendPacket()", true),
        Call::ReceiveFrame => ("receiveFrame()", true),
        Call::SendFrame => ("sendFrame()", false),
        Call::ReceivePacket => ("receivePacket()", false),
    };
    if for_decoder != decoder {
        let (what, instead) = if decoder {
            ("decodes", "sendPacket() and receiveFrame()")
        } else {
            ("encodes", "sendFrame() and receivePacket()")
        };
        return Err(Error::Type(format!(
            "{name} is not for this CodecContext: it {what} (use {instead})"
        )));
    }
    match (state, call) {
        (State::New, _) => Err(Error::State(format!(
            "The CodecContext is not open: call open() before {name}"
        ))),
        (State::Flushed, Call::SendPacket | Call::SendFrame) => Err(Error::State(format!(
            "The CodecContext was flushed (sent nothing): {name} cannot send more, only receive \
             what is left"
        ))),
        _ => Ok(()),
    }
}

impl Drop for CodecContext {
    fn drop(&mut self) {
        // SAFETY: we own the context; avcodec_free_context closes and frees it.
        unsafe { ff::avcodec_free_context(&mut self.ctx) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(r: Result<()>) -> String {
        r.err().and_then(|e| e.message()).unwrap_or_default()
    }

    #[test]
    fn a_new_context_is_configured_not_used() {
        assert!(check(State::New, true, Call::Configure).is_ok());
        assert!(message(check(State::New, true, Call::SendPacket)).contains("call open()"));
        assert!(message(check(State::Open, true, Call::Configure)).contains("settings are fixed"));
    }

    #[test]
    fn decoders_and_encoders_take_their_own_calls() {
        assert!(check(State::Open, true, Call::SendPacket).is_ok());
        assert!(check(State::Open, false, Call::SendFrame).is_ok());
        assert!(message(check(State::Open, true, Call::SendFrame)).contains("it decodes"));
        assert!(message(check(State::Open, false, Call::ReceiveFrame)).contains("it encodes"));
    }

    #[test]
    fn after_the_flush_only_receiving() {
        assert!(check(State::Flushed, true, Call::ReceiveFrame).is_ok());
        assert!(check(State::Flushed, false, Call::ReceivePacket).is_ok());
        assert!(message(check(State::Flushed, true, Call::SendPacket)).contains("was flushed"));
        assert!(message(check(State::Flushed, false, Call::SendFrame)).contains("was flushed"));
    }
}
