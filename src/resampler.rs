//! `Resampler`: one `SwrContext`, converting sound between sample rates, sample formats and
//! channel layouts. Frames are checked against what it was made for and against their own
//! buffers: swresample reads and writes planes by the counts it is given.

use std::ffi::c_int;
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::av;
use crate::convert::Converter;
use crate::error::{Error, Result};
use crate::frame::Frame;
use crate::handle::{Kind, Native};
use crate::task::Worker;

pub struct Resampler {
    ctx: *mut ff::SwrContext,
    input: Audio,
    output: Audio,
    /// The worker for batches (`convertAsync`), started by the first one.
    worker: Option<Worker>,
}

/// A sound description: sample format, sample rate, channel layout (from a mask, or a count in
/// an unspecified order: layouts that own no memory).
struct Audio {
    format: c_int,
    rate: c_int,
    layout: ff::AVChannelLayout,
}

// SAFETY: an SwrContext has no thread affinity; a Resampler is used by one thread at a time.
unsafe impl Send for Resampler {}

impl Native for Resampler {
    const KIND: Kind = Kind::Resampler;
    const NAME: &'static str = "Resampler";

    fn native_size(&self) -> i64 {
        64 * 1024
    }
}

impl Audio {
    fn new(rate: c_int, layout: ff::AVChannelLayout, format: c_int, what: &str) -> Result<Self> {
        if crate::samples::sample_layout(format).is_none() {
            return Err(Error::Range(format!(
                "{format} is not a sample format ({what})"
            )));
        }
        if !(1..=768_000).contains(&rate) {
            return Err(Error::Range(format!(
                "The {what} sample rate must be from 1 to 768000, got {rate}"
            )));
        }
        Ok(Self {
            format,
            rate,
            layout,
        })
    }

    /// Whether `frame`'s sound is this (its rate, if it has one, too).
    fn describes(&self, frame: &Frame) -> bool {
        let f = frame.get();
        f.format == self.format
            && f.ch_layout.nb_channels == self.layout.nb_channels
            && (f.sample_rate <= 0 || f.sample_rate == self.rate)
    }

    /// The sound of `frame` (its rate if it has one, else `rate`), its layout as a mask or a
    /// channel count (layouts that own no memory).
    fn of(frame: &Frame, rate: c_int) -> Result<Self> {
        let f = frame.get();
        let rate = if f.sample_rate > 0 {
            f.sample_rate
        } else {
            rate
        };
        Self::new(
            rate,
            crate::channel_layout::plain_layout(&f.ch_layout),
            f.format,
            "input frame's",
        )
    }

    /// `frame` is of this format and channel count, with planes that hold its samples.
    fn check(&self, frame: &Frame, what: &str, verb: &str) -> Result<()> {
        let f = frame.get();
        if f.format != self.format || f.ch_layout.nb_channels != self.layout.nb_channels {
            return Err(self.mismatch(frame, what, verb));
        }
        frame.check_planes(what)
    }

    fn mismatch(&self, frame: &Frame, what: &str, verb: &str) -> Error {
        let f = frame.get();
        Error::State(format!(
            "The {what} frame (format, sample rate, channels) is {:?}; the resampler {verb} {:?}",
            (f.format, f.sample_rate, f.ch_layout.nb_channels),
            (self.format, self.rate, self.layout.nb_channels)
        ))
    }
}

impl Resampler {
    /// A resampler from `input` (rate, layout, sample format) to `output`.
    pub fn new(
        input: (c_int, ff::AVChannelLayout, c_int),
        output: (c_int, ff::AVChannelLayout, c_int),
    ) -> Result<Self> {
        let input = Audio::new(input.0, input.1, input.2, "input")?;
        let output = Audio::new(output.0, output.1, output.2, "output")?;
        let ctx = resampling_context(
            (&input.layout, input.format, input.rate),
            (&output.layout, output.format, output.rate),
        )
        .map_err(|r| Error::ffmpeg("Could not create a resampler", r))?;
        let resampler = Self {
            ctx,
            input,
            output,
            worker: None,
        };
        // SAFETY: a context just set up, ours.
        let r = unsafe { ff::swr_init(resampler.ctx) };
        if r < 0 {
            return Err(Error::ffmpeg("Could not set up the resampler", r)); // dropped: freed
        }
        Ok(resampler)
    }

    /// Converts from `frame`'s sound from now on, as the published package's resampler (which
    /// reads any frame as the sound it was made for) cannot: a frame whose format, channels or
    /// rate differ from the ones given at construction is read as what it is. Samples held back
    /// from the former input are dropped.
    fn follow_input(&mut self, frame: &Frame) -> Result<()> {
        let input = Audio::of(frame, self.input.rate)?;
        let ctx = resampling_context(
            (&input.layout, input.format, input.rate),
            (&self.output.layout, self.output.format, self.output.rate),
        )
        .map_err(|r| Error::ffmpeg("Could not set up the resampler for the frame", r))?;
        let mut ctx = ctx;
        // SAFETY: a context just set up, ours; freed here if it cannot start.
        let r = unsafe { ff::swr_init(ctx) };
        if r < 0 {
            // SAFETY: ours, not kept.
            unsafe { ff::swr_free(&mut ctx) };
            return Err(Error::ffmpeg(
                "Could not set up the resampler for the frame",
                r,
            ));
        }
        // SAFETY: the former context, ours, replaced.
        unsafe { ff::swr_free(&mut self.ctx) };
        self.ctx = ctx;
        self.input = input;
        Ok(())
    }

    pub fn input_rate(&self) -> c_int {
        self.input.rate
    }

    /// The samples held back, in `base` units (1/`base` seconds).
    pub fn delay(&self, base: i64) -> i64 {
        // SAFETY: a live, initialised context.
        unsafe { ff::swr_get_delay(self.ctx, base) }
    }

    /// Converts `input` (`None`: flush what is held back) into `output`, at most its
    /// `nbSamples` samples (a blank output gets planes for all that can come, and its
    /// `nbSamples` says how many came). The number of samples written per channel.
    pub fn convert(&mut self, input: Option<&Frame>, output: &mut Frame) -> Result<c_int> {
        // No samples: nothing to read, but not the flush (a null input would be): swresample
        // reads only the channel pointers.
        let no_samples = [ptr::null::<u8>(); 64]; // SWR_CH_MAX: swresample's most channels
        let (in_data, in_count) = match input {
            Some(frame) if frame.get().nb_samples <= 0 || frame.get().data[0].is_null() => {
                (no_samples.as_ptr(), 0)
            }
            Some(frame) => {
                if !self.input.describes(frame) {
                    self.follow_input(frame)?;
                }
                self.input.check(frame, "input", "takes")?;
                (
                    frame.get().extended_data.cast_const().cast::<*const u8>(),
                    frame.get().nb_samples,
                )
            }
            None => (ptr::null(), 0),
        };
        let blank = output.get().data[0].is_null();
        if blank {
            // SAFETY: a live context; counts what `in_count` more samples can give.
            let room = unsafe { ff::swr_get_out_samples(self.ctx, in_count) }.max(1);
            let f = output.get_mut();
            f.format = self.output.format;
            f.sample_rate = self.output.rate;
            f.nb_samples = room;
            if crate::channel_layout::copy_channel_layout(&mut f.ch_layout, &self.output.layout) < 0
            {
                return Err(Error::out_of_memory("Could not set the output layout"));
            }
            output.alloc_buffers(0)?;
        } else {
            self.output.check(output, "output", "makes")?;
        }
        let (out_data, out_count) = (output.get().extended_data, output.get().nb_samples);
        // SAFETY: both frames' planes hold their `nb_samples` samples of the formats and channel
        // counts the context was made for (checked above); a null input is the flush.
        let written = unsafe { ff::swr_convert(self.ctx, out_data, out_count, in_data, in_count) };
        if written < 0 {
            return Err(Error::ffmpeg("Could not resample", written));
        }
        if blank || input.is_none() {
            output.get_mut().nb_samples = written;
        }
        Ok(written)
    }
}

impl Converter for Resampler {
    type Params = ();
    type Item = Frame;

    fn worker_slot(&mut self) -> &mut Option<Worker> {
        &mut self.worker
    }

    /// Sound into a new frame of everything that came out (the end: what was held back).
    fn convert_one(
        &mut self,
        _: &(),
        input: Option<&mut Frame>,
        out: &mut Vec<Frame>,
    ) -> Result<()> {
        let mut output = Frame::new()?;
        if self.convert(input.as_deref(), &mut output)? > 0 {
            out.push(output);
        }
        Ok(())
    }
}

impl Drop for Resampler {
    fn drop(&mut self) {
        // SAFETY: ours, freed once.
        unsafe { ff::swr_free(&mut self.ctx) };
    }
}

/// Sound: a channel layout, a sample format and a sample rate.
pub type Sound<'a> = (&'a ff::AVChannelLayout, c_int, c_int);

/// A new resampling context (allocated and set, not initialised) from `input` to `output`
/// (sample formats any C int: FFmpeg refuses those it does not know), or FFmpeg's error. The
/// caller owns it (`swr_free`).
pub fn resampling_context(
    input: Sound,
    output: Sound,
) -> std::result::Result<*mut ff::SwrContext, c_int> {
    let mut ctx = ptr::null_mut();
    // SAFETY: two live channel layouts; FFmpeg checks the rest.
    let r = unsafe {
        av::swr_alloc_set_opts2_by_int(
            &mut ctx,
            output.0,
            output.1,
            output.2,
            input.0,
            input.1,
            input.2,
            0,
            ptr::null_mut(),
        )
    };
    if r < 0 || ctx.is_null() {
        return Err(r.min(-1));
    }
    Ok(ctx)
}
