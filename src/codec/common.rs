//! What decoders and encoders share: one `AVCodecContext` with its life checked (configured while
//! new, used once open, and after the flush, a send with nothing, only drained), its settings and
//! options, its queue on the worker pool, and the send/receive loop of the work done there. Every
//! call out of order is an error naming what is needed, where FFmpeg would misbehave or crash (a
//! configuration changed under an open encoder).

use std::cell::Cell;
use std::ffi::{c_int, c_void};
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::dictionary::Dictionary;
use crate::error::{Error, Result};
use crate::hw::HwDevice;
use crate::js::sys::{Env, Value};
use crate::log;
use crate::options::Options;
use crate::packet::Packet;
use crate::task::Worker;

pub struct Common {
    pub(super) ctx: *mut ff::AVCodecContext,
    pub(super) state: State,
    /// The worker for asynchronous operations, started by the first one.
    worker: Option<Worker>,
}

// SAFETY: an AVCodecContext is used by one thread at a time (the JavaScript thread, or the
// worker an operation lends it to); its own threads are FFmpeg's business.
unsafe impl Send for Common {}

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum State {
    /// Being configured: settings may change; nothing can be sent.
    New,
    Open,
    /// The flush was sent: what is left can be received, nothing more sent.
    Flushed,
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
    DecodeSubtitle,
    EncodeSubtitle,
}

impl Common {
    /// A context for `codec`, with FFmpeg's defaults but one: codecs that FFmpeg runs on several
    /// threads use the machine's cores (FFmpeg's own default is one thread); the `threads` option
    /// changes it.
    pub fn new(codec: &'static ff::AVCodec) -> Result<Self> {
        // SAFETY: `codec` is a static codec description.
        let ctx = unsafe { ff::avcodec_alloc_context3(codec) };
        if ctx.is_null() {
            return Err(Error::out_of_memory("Could not allocate a codec context"));
        }
        // SAFETY: a fresh context, ours.
        unsafe { (*ctx).thread_count = 0 };
        Ok(Self {
            ctx,
            state: State::New,
            worker: None,
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
    pub fn copy_options_from(&mut self, other: &Common) -> Result<()> {
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
        Ok(())
    }

    /// The worker for asynchronous operations, started by the first one (`anchor`: any
    /// function).
    pub fn worker(&mut self, env: Env, anchor: Value) -> Result<&Worker> {
        if self.worker.is_none() {
            self.worker = Some(Worker::start(env, anchor)?);
        }
        Ok(self.worker.as_ref().expect("started above"))
    }

    /// The codec's own name ("h264", "libvpx"), for messages: a decoder fed another codec's
    /// packets says only "Invalid data", and this says which codec found it so.
    pub fn codec_name(&self) -> String {
        // SAFETY: a context made for a codec keeps its static description.
        unsafe { self.get().codec.as_ref() }.map_or_else(String::new, super::lookup::codec_own_name)
    }

    /// Whether `call` can be made now; the error says what is needed first.
    pub fn check(&self, call: Call) -> Result<()> {
        check(self.state, call)?;
        // FFmpeg's send/receive calls abort the process on a subtitle codec (an assertion in
        // libavcodec/decode.c): subtitles take their own calls, and only subtitles do.
        let subtitles = self.get().codec_type == ff::AVMediaType::AVMEDIA_TYPE_SUBTITLE;
        let name = || super::lookup::codec_name(self.get().codec_id as c_int);
        match call {
            Call::Configure => Ok(()),
            Call::DecodeSubtitle | Call::EncodeSubtitle if !subtitles => {
                Err(Error::State(format!(
                    "{} is not a subtitle codec: {} is for subtitles",
                    name(),
                    call.name().0
                )))
            }
            Call::DecodeSubtitle | Call::EncodeSubtitle => Ok(()),
            _ if subtitles => Err(Error::ffmpeg_text(
                format!(
                    "{} is a subtitle codec: use decodeSubtitle() and encodeSubtitle()",
                    name()
                ),
                ff::AVERROR(libc::ENOSYS),
            )),
            _ => Ok(()),
        }
    }

    /// Opens the codec with `options` (codec options: `threads`, `crf`, ...); the names of those
    /// the codec did not use (see `Dictionary::unused`). Open already: nothing to do.
    pub fn open(&mut self, mut options: Dictionary) -> Result<Vec<String>> {
        if self.state != State::New {
            return Ok(Vec::new());
        }
        // The option tables, for an error's hint (a failed open forgets the codec).
        // SAFETY: a context made for a codec keeps its static description.
        let codec = unsafe { self.get().codec.as_ref() };
        let classes = [
            codec.map_or(ptr::null(), |c| c.priv_class),
            // SAFETY: FFmpeg's static class of codec contexts.
            unsafe { ff::avcodec_get_class() },
        ];
        let ctx = self.ctx;
        let (r, lines) = log::capture(|| {
            // SAFETY: a live context not open yet; FFmpeg takes what it uses from `options`.
            unsafe { ff::avcodec_open2(ctx, ptr::null(), options.as_mut_ptr()) }
        });
        if r < 0 {
            let hint = crate::option_table::bad_value_hint(&classes, &lines);
            return Err(
                Error::ffmpeg(&format!("Could not open the codec{hint}"), r).with_log(lines)
            );
        }
        self.state = State::Open;
        options.unused("codec")
    }

    pub(super) fn sent(
        &mut self,
        flush: bool,
        r: c_int,
        lines: Vec<String>,
        doing: &str,
    ) -> Result<bool> {
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
pub(super) fn is_flush(packet: Option<&Packet>) -> bool {
    packet.is_none_or(|p| p.get().data.is_null() && p.get().size == 0)
}

/// What an operation on a worker produced: the frames (or packets), and how it ended (0, or
/// FFmpeg's error with its log; what was produced before an error is kept).
pub struct Produced<T> {
    pub items: Vec<T>,
    pub code: c_int,
    pub log: Vec<String>,
}

impl<T> Produced<T> {
    /// Nothing produced: the work is not for this kind of codec (checked before it is queued,
    /// so only a bug gets here).
    pub fn refused() -> Self {
        Self {
            items: Vec::new(),
            code: ff::AVERROR(libc::EINVAL),
            log: vec!["The work is not for this kind of codec".into()],
        }
    }
}

/// Receive errors in a row after which a drain stops asking (FFmpeg's decoders report an error
/// once per bad frame and go on; this bounds a codec that would not).
const MAX_RECEIVE_ERRORS: u32 = 64;

/// Sends with `send`, receiving with `receive` into items made by `make` whenever the codec is
/// full, then receives every item that is ready. A receive error (a frame that did not decode)
/// does not end the receiving, as in `ffmpeg`: the items after it are kept too, and the first
/// error is the outcome. No JavaScript here.
pub(super) fn drain_around<T>(
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

pub(super) fn received(r: c_int, lines: Vec<String>, doing: &str) -> Result<bool> {
    if r == ff::AVERROR(libc::EAGAIN) || r == ff::AVERROR_EOF {
        return Ok(false);
    }
    if r < 0 {
        return Err(Error::ffmpeg(doing, r).with_log(lines));
    }
    Ok(true)
}

impl Call {
    /// The call's name, and whether it is a decoder's (`None`: either's).
    fn name(self) -> (&'static str, Option<bool>) {
        match self {
            Call::Configure => ("configuring", None),
            Call::SendPacket => ("sendPacket()", Some(true)),
            Call::ReceiveFrame => ("receiveFrame()", Some(true)),
            Call::SendFrame => ("sendFrame()", Some(false)),
            Call::ReceivePacket => ("receivePacket()", Some(false)),
            Call::DecodeSubtitle => ("decodeSubtitle()", Some(true)),
            Call::EncodeSubtitle => ("encodeSubtitle()", Some(false)),
        }
    }
}

/// Whether `call` is one for a decoder (`decoder`) or an encoder: the error names the calls that
/// are.
pub fn kind(decoder: bool, call: Call) -> Result<()> {
    match call.name() {
        (_, Some(for_decoder)) if for_decoder != decoder => Err(wrong_kind(decoder, call)),
        _ => Ok(()),
    }
}

/// The error for `call` made to a decoder (`decoder`) or an encoder that does not take it.
pub fn wrong_kind(decoder: bool, call: Call) -> Error {
    let (what, instead) = if decoder {
        ("decodes", "sendPacket() and receiveFrame()")
    } else {
        ("encodes", "sendFrame() and receivePacket()")
    };
    Error::Type(format!(
        "{} is not for this CodecContext: it {what} (use {instead})",
        call.name().0
    ))
}

/// The rules of `Common::check`, on their own for the tests.
fn check(state: State, call: Call) -> Result<()> {
    let (name, _) = match call {
        Call::Configure => {
            return match state {
                State::New => Ok(()),
                _ => Err(Error::State(
                    "The CodecContext is open: its settings are fixed once open() is called".into(),
                )),
            };
        }
        other => other.name(),
    };
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

impl Drop for Common {
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

    /// What a decoder (`decoder`) or an encoder in `state` says to `call`.
    fn check(state: State, decoder: bool, call: Call) -> Result<()> {
        kind(decoder, call)?;
        super::check(state, call)
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
