//! `AudioFifo`: one `AVAudioFifo`, a queue of samples of one format and channel count, for
//! cutting sound into frames of the size an encoder wants. Frames are checked against its format
//! and their own buffers: the FIFO copies by sample counts.

use std::ffi::{c_int, c_void};

use ffmpeg_sys_next as ff;

use crate::av;
use crate::error::{Error, Result};
use crate::frame::Frame;
use crate::handle::{Kind, Native};

pub struct AudioFifo {
    fifo: *mut ff::AVAudioFifo,
    format: c_int,
    channels: c_int,
}

// SAFETY: an AVAudioFifo has no thread affinity; used by one thread at a time.
unsafe impl Send for AudioFifo {}

impl Native for AudioFifo {
    const KIND: Kind = Kind::AudioFifo;
    const NAME: &'static str = "AudioFIFO";

    fn native_size(&self) -> i64 {
        let bytes = crate::samples::sample_layout(self.format).map_or(4, |(b, _)| b);
        4096 + (self.space() + self.size()) as i64 * bytes as i64 * self.channels as i64
    }
}

impl AudioFifo {
    pub fn new(format: c_int, channels: c_int, nb_samples: c_int) -> Result<Self> {
        if crate::samples::sample_layout(format).is_none() {
            return Err(Error::Range(format!("{format} is not a sample format")));
        }
        if !(1..=64).contains(&channels) || nb_samples < 1 {
            return Err(Error::Range(format!(
                "An AudioFIFO needs 1 to 64 channels and room for at least 1 sample, got {channels} \
                 and {nb_samples}"
            )));
        }
        let fifo = audio_fifo(format, channels, nb_samples);
        if fifo.is_null() {
            return Err(Error::out_of_memory("Could not allocate an AudioFIFO"));
        }
        Ok(Self {
            fifo,
            format,
            channels,
        })
    }

    pub fn size(&self) -> c_int {
        // SAFETY: ours, live.
        unsafe { ff::av_audio_fifo_size(self.fifo) }
    }

    pub fn space(&self) -> c_int {
        // SAFETY: ours, live.
        unsafe { ff::av_audio_fifo_space(self.fifo) }
    }

    fn check(&self, frame: &Frame, what: &str) -> Result<()> {
        let f = frame.get();
        let have = (f.format, f.ch_layout.nb_channels);
        if have != (self.format, self.channels) {
            return Err(Error::Type(format!(
                "The frame (format, channels) is {have:?}; the AudioFIFO holds {:?}",
                (self.format, self.channels)
            )));
        }
        frame.check_planes(what)
    }

    /// Queues every sample of `frame`; the number queued.
    pub fn write(&mut self, frame: &Frame) -> Result<c_int> {
        self.check(frame, "written")?;
        let f = frame.get();
        // SAFETY: the frame's planes hold its nb_samples samples of the FIFO's format and
        // channels (checked); the FIFO grows as needed.
        let r = unsafe {
            ff::av_audio_fifo_write(
                self.fifo,
                f.extended_data.cast::<*mut c_void>(),
                f.nb_samples,
            )
        };
        if r < 0 {
            return Err(Error::ffmpeg("Could not write to the AudioFIFO", r));
        }
        Ok(r)
    }

    /// Takes (or with `peek`, copies) up to `count` samples into `frame`, whose planes must hold
    /// them (a blank frame gets planes); the number taken.
    pub fn read(&mut self, frame: &mut Frame, count: c_int, peek: bool) -> Result<c_int> {
        if count < 0 {
            return Err(Error::Range(format!("Cannot read {count} samples")));
        }
        let blank = frame.get().data[0].is_null();
        if blank {
            let f = frame.get_mut();
            f.format = self.format;
            f.nb_samples = count.max(1);
            f.ch_layout = crate::channel_layout::unspecified_channel_layout(self.channels);
            frame.alloc_buffers(0)?;
        } else {
            self.check(frame, "read")?;
            if count > frame.get().nb_samples {
                return Err(Error::Range(format!(
                    "The frame has room for {} samples, not {count}",
                    frame.get().nb_samples
                )));
            }
        }
        let data = frame.get().extended_data.cast::<*mut c_void>();
        let r = if peek {
            // SAFETY: the frame's planes hold at least `count` samples of the FIFO's format and
            // channels (checked, or just allocated).
            unsafe { ff::av_audio_fifo_peek(self.fifo, data, count) }
        } else {
            // SAFETY: as above.
            unsafe { ff::av_audio_fifo_read(self.fifo, data, count) }
        };
        if r < 0 {
            return Err(Error::ffmpeg("Could not read from the AudioFIFO", r));
        }
        if blank {
            frame.get_mut().nb_samples = r;
        }
        Ok(r)
    }

    /// Drops up to `count` samples from the front.
    pub fn drain(&mut self, count: c_int) -> Result<()> {
        if count < 0 {
            return Err(Error::Range(format!("Cannot drain {count} samples")));
        }
        // SAFETY: ours, live; FFmpeg drains at most what it holds.
        let r = unsafe { ff::av_audio_fifo_drain(self.fifo, count.min(self.size())) };
        if r < 0 {
            return Err(Error::ffmpeg("Could not drain the AudioFIFO", r));
        }
        Ok(())
    }

    pub fn reset(&mut self) {
        // SAFETY: ours, live.
        unsafe { ff::av_audio_fifo_reset(self.fifo) };
    }
}

impl Drop for AudioFifo {
    fn drop(&mut self) {
        // SAFETY: ours, freed once.
        unsafe { ff::av_audio_fifo_free(self.fifo) };
    }
}

/// A new audio FIFO of sample format `format` (a C int, checked by FFmpeg) and `channels`, with
/// room for `nb_samples` to start with; null when FFmpeg refuses. The caller owns it.
pub fn audio_fifo(format: c_int, channels: c_int, nb_samples: c_int) -> *mut ff::AVAudioFifo {
    av::av_audio_fifo_alloc_by_int(format, channels, nb_samples)
}
