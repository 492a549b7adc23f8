//! `Scaler`: one `SwsContext`, converting pictures of one pixel format and size into another.
//! Frames are checked against what it was made for: swscale reads and writes planes by the sizes
//! it was given, so a smaller frame would be read or written past its end.

use std::ffi::c_int;
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::av;
use crate::convert::Converter;
use crate::error::{Error, Result};
use crate::frame::Frame;
use crate::handle::{Kind, Native};
use crate::image::Picture;
use crate::task::Worker;

pub struct Scaler {
    ctx: *mut ff::SwsContext,
    src: Picture,
    dst: Picture,
    /// The worker for batches (`scaleAsync`), started by the first one.
    worker: Option<Worker>,
}

// SAFETY: an SwsContext has no thread affinity; a Scaler is used by one thread at a time.
unsafe impl Send for Scaler {}

impl Native for Scaler {
    const KIND: Kind = Kind::Scaler;
    const NAME: &'static str = "Scaler";

    fn native_size(&self) -> i64 {
        // Filter tables and line buffers, about a few lines of the larger picture.
        64 * 1024 + 16 * (self.src.1.max(self.dst.1) as i64)
    }
}

impl Scaler {
    /// A scaler from `src` to `dst` (pixel format, width, height) with swscale `flags`
    /// (SWS_BICUBIC, ...).
    pub fn new(src: Picture, dst: Picture, flags: c_int) -> Result<Self> {
        for (what, (format, w, h)) in [("source", src), ("target", dst)] {
            if av::enum_name(av::EnumName::PixelFormat, format).is_none() {
                return Err(Error::Range(format!(
                    "{format} is not a pixel format ({what})"
                )));
            }
            if w <= 0 || h <= 0 || w > 16384 || h > 16384 {
                return Err(Error::Range(format!(
                    "The {what} size must be from 1x1 to 16384x16384, got {w}x{h}"
                )));
            }
        }
        let ctx = scaling_context(src, dst, flags);
        if ctx.is_null() {
            return Err(Error::ffmpeg_text(
                "Could not create a scaler for these formats and sizes".into(),
                ff::AVERROR(libc::EINVAL),
            ));
        }
        Ok(Self {
            ctx,
            src,
            dst,
            worker: None,
        })
    }

    /// Scales rows `y` to `y + height` of `source` into `target` (a blank target gets planes of
    /// the scaler's target format and size). The number of rows written, or swscale's negative
    /// error code for what it refuses (a source without planes, rows outside its picture).
    pub fn scale(
        &mut self,
        source: &Frame,
        y: c_int,
        height: c_int,
        target: &mut Frame,
    ) -> Result<c_int> {
        let s = source.get();
        // A frame without planes (one a decoder did not fill): swscale's own answer, as the
        // published package returns it.
        if s.data[0].is_null() {
            return Ok(ff::AVERROR(libc::EINVAL));
        }
        if !covers((s.format, s.width, s.height), self.src) {
            return Err(Error::State(format!(
                "The source frame (format, width, height) is {:?}; the scaler takes {:?} (a frame \
                 of that format at least that large)",
                (s.format, s.width, s.height),
                self.src
            )));
        }
        source.check_planes("source")?;
        if y < 0 || height < 0 || y.checked_add(height).is_none_or(|end| end > s.height) {
            return Err(Error::Range(format!(
                "Rows {y} to {} are not in the source's {} rows",
                y.saturating_add(height),
                s.height
            )));
        }
        if target.get().data[0].is_null() {
            let t = target.get_mut();
            (t.format, t.width, t.height) = self.dst;
            target.alloc_buffers(0)?;
        }
        let t = target.get();
        let have = (t.format, t.width, t.height);
        if !covers(have, self.dst) {
            return Err(Error::State(format!(
                "The target frame (format, width, height) is {have:?}; the scaler makes {:?} (a \
                 frame of that format at least that large)",
                self.dst
            )));
        }
        target.check_planes("target")?;
        let (src_data, src_lines) = (s.data, s.linesize);
        let (dst_data, dst_lines) = (t.data, t.linesize);
        // SAFETY: both frames have planes of the formats and sizes the context was made for
        // (checked above), so swscale reads and writes within them; the rows are the source's.
        let rows = unsafe {
            ff::sws_scale(
                self.ctx,
                src_data.as_ptr().cast(),
                src_lines.as_ptr(),
                y,
                height,
                dst_data.as_ptr(),
                dst_lines.as_ptr(),
            )
        };
        // swscale's refusals (slice parameters it does not take) come back as its error code, as
        // the published package returns them.
        Ok(rows)
    }
}

/// Whether a frame of `have` (format, width, height) holds a picture of `want`: the same format,
/// at least as large (swscale reads and writes only the picture's rows and columns).
fn covers(have: crate::image::Picture, want: crate::image::Picture) -> bool {
    have.0 == want.0 && have.1 >= want.1 && have.2 >= want.2
}

impl Converter for Scaler {
    type Params = ();
    type Item = Frame;

    fn worker_slot(&mut self) -> &mut Option<Worker> {
        &mut self.worker
    }

    /// A picture into a new one of the target format and size.
    fn convert_one(
        &mut self,
        _: &(),
        input: Option<&mut Frame>,
        out: &mut Vec<Frame>,
    ) -> Result<()> {
        let Some(source) = input else {
            return Ok(()); // nothing held back
        };
        let mut target = Frame::new()?;
        let rows = self.scale(source, 0, self.src.2, &mut target)?;
        if rows < 0 {
            return Err(Error::ffmpeg("Could not scale", rows));
        }
        target.copy_props_from(source)?;
        out.push(target);
        Ok(())
    }
}

impl Drop for Scaler {
    fn drop(&mut self) {
        // SAFETY: ours, freed once.
        unsafe { ff::sws_freeContext(self.ctx) };
    }
}

/// A new scaling context from `src` to `dst` (pixel formats any C int: FFmpeg refuses those it
/// cannot convert), or null. The caller owns it (`sws_freeContext`).
pub fn scaling_context(src: Picture, dst: Picture, flags: c_int) -> *mut ff::SwsContext {
    // SAFETY: plain values; FFmpeg checks them and returns null when it cannot.
    unsafe {
        av::sws_get_context_by_int(
            src.1,
            src.2,
            src.0,
            dst.1,
            dst.2,
            dst.0,
            flags,
            ptr::null_mut(),
            ptr::null_mut(),
            ptr::null(),
        )
    }
}
