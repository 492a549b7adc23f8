//! Muxing: an output context, a state machine. FFmpeg trusts its caller (a trailer before the
//! header, a second trailer or a packet after it crash or corrupt the output); this context keeps
//! its own state and refuses every call out of order with an error naming the call needed first.
//!
//!   new --writeHeader()--> header written --writeTrailer()--> finished
//!
//! Streams, their parameters and the metadata can change only while the context is new: FFmpeg
//! reads them when it writes the header and never again. A failed header leaves the context
//! unusable (`Failed`): FFmpeg's muxer state after it is not something to write into.

use std::ffi::{c_int, CStr};
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::dictionary::Dictionary;
use crate::error::{Error, Result};
use crate::format::common::Common;
use crate::format::nested::{self, Hooks};
use crate::format::timeline::{Timeline, Timing};
use crate::handle::{Kind, Native};
use crate::io::context::IoContext;
use crate::js::sys::Env;
use crate::log;
use crate::packet::Packet;
use crate::served;

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum State {
    New,
    HeaderWritten,
    Finished,
    Failed,
}

pub struct OutputContext {
    pub common: Common,
    state: State,
    /// The packets' timestamps so far, to refuse what a muxer would abort on.
    timeline: Timeline,
    /// Whether the IOContext has `onwrite`. Without it the context is made (its format can be
    /// read) but writeHeader() is refused: FFmpeg would drop everything written silently.
    writable: bool,
}

// SAFETY: as InputContext: used by one thread at a time.
unsafe impl Send for OutputContext {}

impl Drop for OutputContext {
    /// A muxer whose header was written and whose trailer was not (the app gave up, after an
    /// error say) still gets its trailer, silenced: FFmpeg releases some muxers' state only there
    /// (hls keeps each segment's buffer until its trailer, and its deinit does not free it). No
    /// callback runs; what the muxer writes goes nowhere.
    fn drop(&mut self) {
        if self.state == State::HeaderWritten {
            self.common.silence();
            let ctx = self.common.as_ptr();
            // SAFETY: a muxer whose header is written and has no trailer yet; its I/O fails at
            // once and its nested files are dropped, so nothing but FFmpeg runs.
            let _ = log::capture(|| unsafe { ff::av_write_trailer(ctx) });
        }
    }
}

impl Native for OutputContext {
    const KIND: Kind = Kind::OutputFormatContext;
    const NAME: &'static str = "OutputFormatContext";

    fn native_size(&self) -> i64 {
        64 * 1024 + self.common.io().map_or(0, IoContext::native_size)
    }
}

/// The calls a muxer takes, for the state checks.
#[derive(Clone, Copy)]
pub enum Call {
    WriteHeader,
    WriteFrame,
    WriteTrailer,
    /// Changing streams, their parameters or the metadata (`what` names it).
    Change(&'static str),
}

/// Whether `call` can be made in `state`; the error names what is needed first.
pub fn check_state(state: State, call: Call) -> Result<()> {
    use Call::*;
    use State::*;
    let message = match (state, call) {
        (New, WriteHeader | Change(_)) | (HeaderWritten, WriteFrame | WriteTrailer) => {
            return Ok(())
        }
        (New, WriteFrame) => "writeFrame() needs writeHeader() first".into(),
        (New, WriteTrailer) => "writeTrailer() needs writeHeader() first".into(),
        (HeaderWritten, WriteHeader) => "writeHeader() was called already".into(),
        (HeaderWritten, Change(what)) => {
            format!("{what} cannot change after writeHeader(): the header has been written with it")
        }
        (Finished, Change(what)) => format!("{what} cannot change: the output is finished"),
        (Finished, _) => "The output is finished: writeTrailer() was called".into(),
        (Failed, _) => {
            "writeHeader() failed earlier: this output cannot be used, make a new one".into()
        }
    };
    Err(Error::State(message))
}

impl OutputContext {
    /// A muxer for `format` writing to `io` (nothing can be written unless it has `onwrite`).
    /// `url` is the name the output goes by: muxers that write further files (hls, segment)
    /// name them after it.
    pub fn new(
        io: Option<IoContext>,
        format: &'static ff::AVOutputFormat,
        hooks: Option<Hooks>,
        url: Option<&CStr>,
    ) -> Result<Self> {
        // A muxer that writes no main output (hls, segment, dash: AVFMT_NOFILE) needs no
        // IOContext; everything it writes goes through `onopen`.
        let no_file = format.flags & ff::AVFMT_NOFILE as c_int != 0;
        let mut io = io;
        let writable = io.as_ref().map_or(no_file, IoContext::can_write);
        let pb = match io.as_mut() {
            Some(io) if io.can_write() => io.open(true)?,
            _ => ptr::null_mut(),
        };
        let mut ctx = ptr::null_mut();
        // Files the muxer writes beside the output go through `onopen`: FFmpeg gets their names
        // marked as served (served.rs), so that it treats them as no local file (see
        // nested.rs). Without `onopen` nothing is opened at all.
        let served = match (url, &hooks) {
            (Some(url), Some(_)) => Some(served::served_url(url)?),
            _ => None,
        };
        let url = served.as_deref().or(url).map_or(ptr::null(), CStr::as_ptr);
        // SAFETY: `format` is a static muxer description; FFmpeg copies `url`.
        let r = unsafe { ff::avformat_alloc_output_context2(&mut ctx, format, ptr::null(), url) };
        if r < 0 || ctx.is_null() {
            return Err(Error::ffmpeg("Could not create output", r.min(-1)));
        }
        // SAFETY: `ctx` is fresh. With CUSTOM_IO set, FFmpeg never closes `pb`. Muxers that
        // write further files (hls, segment, dash) open them through `onopen` or not at all
        // (see nested.rs); the hooks live in the context's `Common`, as long as `ctx`.
        let fresh = unsafe { &mut *ctx };
        fresh.pb = pb;
        fresh.flags |= ff::AVFMT_FLAG_CUSTOM_IO as c_int;
        // SAFETY: as above.
        unsafe { nested::install(ctx, hooks.as_ref()) };
        if hooks.is_some() {
            // SAFETY: as above.
            unsafe { nested::route_deletions(ctx) };
        }
        Ok(Self {
            common: Common::new(ctx, io, hooks, false),
            state: State::New,
            timeline: Timeline::default(),
            writable,
        })
    }

    /// Whether `call` can be made now; the error names what is needed first.
    pub fn check(&self, call: Call) -> Result<()> {
        if matches!(call, Call::WriteHeader) && !self.writable && self.state == State::New {
            return Err(Error::State(
                "writeHeader() needs an IOContext with onwrite: this one has nowhere to write to"
                    .into(),
            ));
        }
        check_state(self.state, call)
    }

    /// The state after `call` ended with `r`.
    fn advance(&mut self, call: Call, r: c_int) {
        self.state = match (call, r < 0) {
            (Call::WriteHeader, false) => State::HeaderWritten,
            (Call::WriteHeader, true) => State::Failed,
            // A failed trailer is the end all the same: FFmpeg has released the muxer's state.
            (Call::WriteTrailer, _) => State::Finished,
            _ => self.state,
        };
    }

    pub fn create_stream(&mut self) -> Result<c_int> {
        self.check(Call::Change("createStream()"))?;
        // SAFETY: a live output context.
        let stream = unsafe { ff::avformat_new_stream(self.common.as_ptr(), ptr::null()) };
        if stream.is_null() {
            return Err(Error::out_of_memory("Could not create a stream"));
        }
        // SAFETY: just created, owned by the context.
        Ok(unsafe { (*stream).index })
    }

    /// FFmpeg's part of writeHeader (for the JavaScript thread or the worker): result and log.
    pub fn write_header_raw(&mut self, options: &mut Dictionary) -> (c_int, Vec<String>) {
        let ctx = self.common.as_ptr();
        // SAFETY: a live muxer in the `New` state (checked by the caller); FFmpeg consumes the
        // options it recognises.
        let outcome =
            log::capture(|| unsafe { ff::avformat_write_header(ctx, options.as_mut_ptr()) });
        self.advance(Call::WriteHeader, outcome.0);
        self.timeline = Timeline::new(self.time_bases());
        outcome
    }

    /// FFmpeg's part of writeFrame: through the interleaver, which takes the packet's data (the
    /// packet is blank afterwards).
    pub fn write_frame_raw(&mut self, packet: &mut Packet) -> (c_int, Vec<String>) {
        let timing = timing(packet.get());
        if let Err(refusal) = self.timeline.check(timing) {
            return (ff::AVERROR(libc::EINVAL), vec![refusal]);
        }
        let (ctx, pkt) = (self.common.as_ptr(), packet.as_ptr());
        // SAFETY: a muxer whose header is written (checked by the caller) and a live packet.
        let outcome = log::capture(|| unsafe { ff::av_interleaved_write_frame(ctx, pkt) });
        if outcome.0 >= 0 {
            self.timeline.note(timing);
        }
        outcome
    }

    pub fn write_trailer_raw(&mut self) -> (c_int, Vec<String>) {
        let ctx = self.common.as_ptr();
        // SAFETY: a muxer whose header is written, and no trailer yet (checked by the caller).
        let outcome = log::capture(|| unsafe { ff::av_write_trailer(ctx) });
        self.advance(Call::WriteTrailer, outcome.0);
        outcome
    }

    /// The streams' time bases, as the muxer set them when it wrote the header.
    fn time_bases(&mut self) -> Vec<(i32, i32)> {
        (0..self.common.nb_streams() as i64)
            .map(|i| {
                self.common
                    .stream(i)
                    .map_or((1, 1), |st| (st.time_base.num, st.time_base.den))
            })
            .collect()
    }

    /// For strict options, the error naming options the muxer does not know, before anything is
    /// written (avformat_write_header would write the header and leave them unused).
    pub fn check_options(&self, options: &Dictionary) -> Result<()> {
        options.check_known("muxer", |key| self.common.knows_option(key))
    }

    /// Writes the header; the options nothing used (see `Dictionary::unused`).
    pub fn write_header(&mut self, env: Env, mut options: Dictionary) -> Result<Vec<String>> {
        self.check(Call::WriteHeader)?;
        self.check_options(&options)?;
        let (r, log) = self.write_header_raw(&mut options);
        self.settle_header(env, r, log)?;
        options.unused("muxer")
    }

    /// The outcome of writeHeader: a header that did not reach `onwrite` leaves the output
    /// unusable, as a header FFmpeg refused does.
    pub fn settle_header(&mut self, env: Env, r: c_int, log: Vec<String>) -> Result<c_int> {
        let settled = self.common.settle(env, "Could not write header", r, log);
        if settled.is_err() {
            self.state = State::Failed;
        }
        settled
    }

    pub fn write_frame(&mut self, env: Env, packet: &mut Packet) -> Result<()> {
        self.check(Call::WriteFrame)?;
        let (r, log) = self.write_frame_raw(packet);
        self.common.settle(env, "Could not write frame", r, log)?;
        Ok(())
    }

    pub fn write_trailer(&mut self, env: Env) -> Result<()> {
        self.check(Call::WriteTrailer)?;
        let (r, log) = self.write_trailer_raw();
        self.common.settle(env, "Could not write trailer", r, log)?;
        Ok(())
    }

    /// FFmpeg's description of the output, on stderr (whatever the log level).
    pub fn dump(&self) {
        let ctx = self.common.as_ptr();
        // SAFETY: a live output; av_dump_format only reads it and logs.
        log::at_info(|| unsafe { ff::av_dump_format(ctx, 0, c"".as_ptr(), 1) });
    }
}

fn timing(packet: &ff::AVPacket) -> Timing {
    let known = |ts: i64| (ts != ff::AV_NOPTS_VALUE).then_some(ts);
    Timing {
        stream: usize::try_from(packet.stream_index).unwrap_or(usize::MAX),
        pts: known(packet.pts),
        dts: known(packet.dts),
        duration: packet.duration,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_state(state: State) -> impl Fn(Call) -> std::result::Result<(), String> {
        move |call| check_state(state, call).map_err(|e| e.message().unwrap_or_default())
    }

    #[test]
    fn calls_out_of_order_are_refused_with_what_comes_first() {
        let new = in_state(State::New);
        assert!(new(Call::WriteHeader).is_ok());
        assert!(new(Call::Change("createStream()")).is_ok());
        assert_eq!(
            new(Call::WriteFrame).unwrap_err(),
            "writeFrame() needs writeHeader() first"
        );
        assert_eq!(
            new(Call::WriteTrailer).unwrap_err(),
            "writeTrailer() needs writeHeader() first"
        );
        let header = in_state(State::HeaderWritten);
        assert!(header(Call::WriteFrame).is_ok() && header(Call::WriteTrailer).is_ok());
        assert_eq!(
            header(Call::WriteHeader).unwrap_err(),
            "writeHeader() was called already"
        );
        assert!(header(Call::Change("metadata"))
            .unwrap_err()
            .starts_with("metadata cannot change after writeHeader()"));
        let finished = in_state(State::Finished);
        for call in [Call::WriteHeader, Call::WriteFrame, Call::WriteTrailer] {
            assert_eq!(
                finished(call).unwrap_err(),
                "The output is finished: writeTrailer() was called"
            );
        }
        let failed = in_state(State::Failed);
        assert!(failed(Call::WriteFrame)
            .unwrap_err()
            .starts_with("writeHeader() failed earlier"));
    }
}
