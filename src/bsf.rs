//! `BitstreamFilter`: one `AVBSFContext`, a filter (or a chain of them) over encoded packets,
//! with its life checked: configured while new (input parameters, time base), used once
//! initialised, and after the flush (a send with nothing) only drained until `reset()`.
//! `h264_mp4toannexb` for MPEG-TS, `aac_adtstoasc` for MP4, `setts`, `extract_extradata`, ...

use std::ffi::{c_void, CString};
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::convert::Converter;
use crate::error::{Error, Result};
use crate::handle::{Kind, Native};
use crate::log;
use crate::packet::Packet;
use crate::task::Worker;

pub struct Bsf {
    ctx: *mut ff::AVBSFContext,
    state: State,
    /// What `send_packet` hands FFmpeg: a new reference to the caller's packet (FFmpeg takes the
    /// packet it is given), so the caller's stays as it was. Kept between calls.
    scratch: *mut ff::AVPacket,
    /// The worker for batches (`filterAsync`), started by the first one.
    worker: Option<Worker>,
}

// SAFETY: an AVBSFContext has no thread affinity; used by one thread at a time.
unsafe impl Send for Bsf {}

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum State {
    /// Being configured: input parameters and time base may change; nothing can be sent.
    New,
    Ready,
    /// The flush was sent: what is left can be received, nothing more sent until `reset()`.
    Flushed,
}

impl Native for Bsf {
    const KIND: Kind = Kind::Bsf;
    const NAME: &'static str = "BitstreamFilter";

    fn native_size(&self) -> i64 {
        16 * 1024
    }
}

/// Every bitstream filter of the build, by name.
pub fn names() -> Vec<String> {
    let mut names = Vec::new();
    let mut opaque: *mut c_void = ptr::null_mut();
    loop {
        // SAFETY: FFmpeg's iterator over its static list of bitstream filters.
        let filter = unsafe { ff::av_bsf_iterate(&mut opaque) };
        // SAFETY: the list's entries are static.
        let Some(filter) = (unsafe { filter.as_ref() }) else {
            return names;
        };
        names.extend(crate::av::string(filter.name));
    }
}

impl Bsf {
    /// A filter by name (`"h264_mp4toannexb"`), or a chain with options as `ffmpeg -bsf` takes it
    /// (`"h264_metadata=level=4.1,dump_extra"`).
    pub fn new(description: &str) -> Result<Self> {
        let text = CString::new(description)
            .map_err(|_| Error::Type("The filter description must not contain NUL".into()))?;
        let mut ctx = ptr::null_mut();
        let plain = !description.contains([',', '=', ':']);
        let (r, lines) = log::capture(|| {
            if plain {
                // SAFETY: a NUL-terminated name; a static filter or null.
                let filter = unsafe { ff::av_bsf_get_by_name(text.as_ptr()) };
                if filter.is_null() {
                    return ff::AVERROR_BSF_NOT_FOUND;
                }
                // SAFETY: a static filter; `ctx` receives the new context.
                unsafe { ff::av_bsf_alloc(filter, &mut ctx) }
            } else {
                // SAFETY: a NUL-terminated description; `ctx` receives the new context.
                unsafe { ff::av_bsf_list_parse_str(text.as_ptr(), &mut ctx) }
            }
        });
        if r < 0 || ctx.is_null() {
            let hint = if r == ff::AVERROR_BSF_NOT_FOUND || plain {
                " (BitstreamFilter.names() lists the build's filters)"
            } else {
                ""
            };
            return Err(Error::ffmpeg(
                &format!("Could not make the bitstream filter {description:?}{hint}"),
                r.min(-1),
            )
            .with_log(lines));
        }
        // SAFETY: a plain allocation, freed in Drop.
        let scratch = unsafe { ff::av_packet_alloc() };
        let bsf = Self {
            ctx,
            state: State::New,
            scratch,
            worker: None,
        };
        if scratch.is_null() {
            return Err(Error::out_of_memory("Could not allocate a packet"));
        }
        Ok(bsf)
    }

    fn get(&self) -> &ff::AVBSFContext {
        // SAFETY: `ctx` is valid while `self` lives.
        unsafe { &*self.ctx }
    }

    pub fn state(&self) -> State {
        self.state
    }

    /// The filter's name ("h264_mp4toannexb"; "bsf_list" for a chain).
    pub fn name(&self) -> String {
        // SAFETY: a context's filter is a static definition.
        let filter = unsafe { &*self.get().filter };
        crate::av::string(filter.name).unwrap_or_default()
    }

    fn check_new(&self, what: &str) -> Result<()> {
        match self.state {
            State::New => Ok(()),
            _ => Err(Error::State(format!(
                "The BitstreamFilter is initialised: its {what} is fixed once init() is called"
            ))),
        }
    }

    /// The parameters of the packets that will come in (a stream's): only before `init()`.
    pub fn set_input_parameters(&mut self, par: &ff::AVCodecParameters) -> Result<()> {
        self.check_new("input")?;
        // SAFETY: the context's own input parameters, and live parameters to copy.
        let r = unsafe { ff::avcodec_parameters_copy(self.get().par_in, par) };
        if r < 0 {
            return Err(Error::ffmpeg("Could not copy the codec parameters", r));
        }
        Ok(())
    }

    /// The parameters of the packets that come out (set by `init()`): for the output stream.
    pub fn output_parameters_into(&self, par: &mut ff::AVCodecParameters) -> Result<()> {
        if self.state == State::New {
            return Err(Error::State(
                "The BitstreamFilter is not initialised: its output is known after init()".into(),
            ));
        }
        // SAFETY: live parameters, and the context's own output parameters.
        let r = unsafe { ff::avcodec_parameters_copy(par, self.get().par_out) };
        if r < 0 {
            return Err(Error::ffmpeg("Could not copy the codec parameters", r));
        }
        Ok(())
    }

    pub fn time_base_in(&self) -> ff::AVRational {
        self.get().time_base_in
    }

    pub fn time_base_out(&self) -> ff::AVRational {
        self.get().time_base_out
    }

    /// The time base of the packets that will come in: only before `init()`.
    pub fn set_time_base_in(&mut self, time_base: ff::AVRational) -> Result<()> {
        self.check_new("input time base")?;
        // SAFETY: ours, and not initialised yet: nothing reads it meanwhile.
        unsafe { (*self.ctx).time_base_in = time_base };
        Ok(())
    }

    /// Checks the input and prepares the filter; the output parameters and time base are known
    /// then. Initialised already: nothing to do.
    pub fn init(&mut self) -> Result<()> {
        if self.state != State::New {
            return Ok(());
        }
        let ctx = self.ctx;
        // SAFETY: a live context, configured, not initialised yet.
        let (r, lines) = log::capture(|| unsafe { ff::av_bsf_init(ctx) });
        if r < 0 {
            return Err(Error::ffmpeg(
                &format!("Could not initialise the bitstream filter {}", self.name()),
                r,
            )
            .with_log(lines));
        }
        self.state = State::Ready;
        Ok(())
    }

    fn check_ready(&self, call: &str) -> Result<()> {
        match self.state {
            State::New => Err(Error::State(format!(
                "The BitstreamFilter is not initialised: call init() before {call}"
            ))),
            _ => Ok(()),
        }
    }

    /// Sends a packet (`None`: the flush; the caller's packet is left as it was). False when the
    /// filter wants its packets received first, and after the flush.
    pub fn send_packet(&mut self, packet: Option<&Packet>) -> Result<bool> {
        self.check_ready("sendPacket()")?;
        if self.state == State::Flushed {
            return Ok(false); // nothing more until reset(), as a codec after its flush
        }
        let flush = packet.is_none_or(|p| p.get().data.is_null() && p.get().side_data_elems == 0);
        let input = match packet {
            Some(packet) if !flush => {
                // SAFETY: two live packets; the scratch one is blank (FFmpeg took or we reset
                // its last contents).
                let r = unsafe { ff::av_packet_ref(self.scratch, packet.as_ptr()) };
                if r < 0 {
                    return Err(Error::ffmpeg("Could not reference the packet", r));
                }
                self.scratch
            }
            _ => ptr::null_mut(),
        };
        let ctx = self.ctx;
        // SAFETY: an initialised context and our own packet reference (or null, the flush), which
        // FFmpeg takes and blanks on success.
        let (r, lines) = log::capture(|| unsafe { ff::av_bsf_send_packet(ctx, input) });
        if !input.is_null() {
            // SAFETY: ours; blank already when FFmpeg took it, released when it did not.
            unsafe { ff::av_packet_unref(input) };
        }
        if r == ff::AVERROR(libc::EAGAIN) {
            return Ok(false);
        }
        if r < 0 {
            return Err(Error::ffmpeg(
                &format!("Could not filter the packet ({})", self.name()),
                r,
            )
            .with_log(lines));
        }
        if flush {
            self.state = State::Flushed;
        }
        Ok(true)
    }

    /// Receives a filtered packet into `packet` (its time base the output's); false when none is
    /// ready (send more, or after the flush: all received).
    pub fn receive_packet(&mut self, packet: &mut Packet) -> Result<bool> {
        self.check_ready("receivePacket()")?;
        let ctx = self.ctx;
        // FFmpeg wants it blank (some filters append to what it holds).
        packet.unref();
        let pkt = packet.as_ptr();
        // SAFETY: an initialised context and a live, blank packet.
        let (r, lines) = log::capture(|| unsafe { ff::av_bsf_receive_packet(ctx, pkt) });
        if r == ff::AVERROR(libc::EAGAIN) || r == ff::AVERROR_EOF {
            return Ok(false);
        }
        if r < 0 {
            return Err(
                Error::ffmpeg(&format!("Could not filter ({})", self.name()), r).with_log(lines),
            );
        }
        packet.get_mut().time_base = self.time_base_out();
        Ok(true)
    }

    /// Drops what the filter holds and takes packets again (after a seek, or the flush).
    pub fn reset(&mut self) {
        if self.state != State::New {
            // SAFETY: an initialised context.
            unsafe { ff::av_bsf_flush(self.ctx) };
            self.state = State::Ready;
        }
    }
}

impl Converter for Bsf {
    type Params = ();
    type Item = Packet;

    fn worker_slot(&mut self) -> &mut Option<Worker> {
        &mut self.worker
    }

    /// Sends a packet (`None`: the flush) and receives every packet ready then. After the flush
    /// the filter takes nothing until `reset()`: a packet sent then is an error, not dropped.
    fn convert_one(
        &mut self,
        _: &(),
        input: Option<&mut Packet>,
        out: &mut Vec<Packet>,
    ) -> Result<()> {
        if self.state == State::Flushed {
            return Err(Error::State(
                "The BitstreamFilter was flushed: call reset() before sending more".into(),
            ));
        }
        // Everything ready was received after the previous send, so the filter takes this one.
        if !self.send_packet(input.as_deref())? {
            return Err(Error::State(
                "The BitstreamFilter did not take the packet".into(),
            ));
        }
        loop {
            let mut packet = Packet::new()?;
            if !self.receive_packet(&mut packet)? {
                return Ok(());
            }
            out.push(packet);
        }
    }
}

impl Drop for Bsf {
    fn drop(&mut self) {
        // SAFETY: ours, freed once (each accepts null).
        unsafe { ff::av_packet_free(&mut self.scratch) };
        // SAFETY: as above.
        unsafe { ff::av_bsf_free(&mut self.ctx) };
    }
}
