//! `Frame`: one owned `AVFrame` (decoded pictures or sound), and views of its planes that
//! JavaScript can keep.

use std::ffi::c_int;
use std::marker::PhantomData;

use ffmpeg_sys_next as ff;

use crate::av;
use crate::buffer_view;
use crate::error::{Error, Result};
use crate::handle::{Kind, Native};
use crate::js::sys::{Env, Value};
use crate::log;

pub struct Frame {
    frame: *mut ff::AVFrame,
}

// SAFETY: an AVFrame has no thread affinity; a Frame is used by one thread at a time (lent to a
// worker for an operation, or made there and handed to the JavaScript thread).
unsafe impl Send for Frame {}

impl Native for Frame {
    const KIND: Kind = Kind::Frame;
    const NAME: &'static str = "Frame";

    fn native_size(&self) -> i64 {
        // The AVFrame and the planes it holds when measured.
        1024 + self.planes().iter().map(|p| p.len as i64).sum::<i64>()
    }
}

/// One plane of a frame: where its bytes are, how many, and the buffer holding them. It borrows
/// the frame (`'f`), so the frame can be neither changed nor freed while the plane is looked at.
#[derive(Clone, Copy)]
pub struct Plane<'f> {
    pub data: *mut u8,
    pub len: usize,
    buf: *mut ff::AVBufferRef,
    frame: PhantomData<&'f Frame>,
}

/// A frame's planes (at most FFmpeg's 8), without a heap allocation: every call that checks a
/// frame lists them.
pub struct Planes<'f> {
    items: [Plane<'f>; 8],
    len: usize,
}

impl<'f> Planes<'f> {
    const NONE: Plane<'f> = Plane {
        data: std::ptr::null_mut(),
        len: 0,
        buf: std::ptr::null_mut(),
        frame: PhantomData,
    };

    fn new() -> Self {
        Self {
            items: [Self::NONE; 8],
            len: 0,
        }
    }

    fn push(&mut self, plane: Plane<'f>) {
        if self.len < self.items.len() {
            self.items[self.len] = plane;
            self.len += 1;
        }
    }
}

impl<'f> std::ops::Deref for Planes<'f> {
    type Target = [Plane<'f>];
    fn deref(&self) -> &[Plane<'f>] {
        &self.items[..self.len]
    }
}

impl Frame {
    pub fn new() -> Result<Self> {
        // SAFETY: plain allocation.
        let frame = unsafe { ff::av_frame_alloc() };
        if frame.is_null() {
            return Err(Error::out_of_memory("Could not allocate a frame"));
        }
        Ok(Self { frame })
    }

    pub fn as_ptr(&self) -> *mut ff::AVFrame {
        self.frame
    }

    pub fn get(&self) -> &ff::AVFrame {
        // SAFETY: `frame` is valid while `self` lives.
        unsafe { &*self.frame }
    }

    pub fn get_mut(&mut self) -> &mut ff::AVFrame {
        // SAFETY: as in `get`; `&mut self` makes it exclusive.
        unsafe { &mut *self.frame }
    }

    /// Makes the frame blank (its planes and side data released).
    pub fn unref(&mut self) {
        // SAFETY: a live frame; unref resets it.
        unsafe { ff::av_frame_unref(self.frame) };
    }

    pub fn is_audio(&self) -> bool {
        self.get().nb_samples > 0
    }

    /// Allocates planes for the frame's format and size (video: width, height, format; audio:
    /// nb_samples, format, channel layout), aligned to `align` bytes (0: the CPU's best). The
    /// planes are not zeroed. The error says what is missing, or FFmpeg's reason.
    pub fn alloc_buffers(&mut self, align: c_int) -> Result<()> {
        let frame = self.frame;
        // SAFETY: a live frame; FFmpeg checks the fields it needs and fails otherwise.
        let (r, lines) = log::capture(|| unsafe { ff::av_frame_get_buffer(frame, align) });
        if r >= 0 {
            return Ok(());
        }
        let f = self.get();
        let video_set = f.width > 0 && f.height > 0 && f.format >= 0;
        let audio_set = f.nb_samples > 0 && f.format >= 0 && f.ch_layout.nb_channels > 0;
        let doing = if video_set || audio_set {
            "Could not allocate the frame's planes"
        } else {
            "Could not allocate the frame's planes (set width, height and format, or nbSamples, \
             format and channelLayout, first)"
        };
        Err(Error::ffmpeg(doing, r).with_log(lines))
    }

    /// The side data: (type, bytes) of each entry, borrowed from the frame.
    pub fn side_data(&self) -> Vec<(c_int, &[u8])> {
        let f = self.get();
        if f.side_data.is_null() || f.nb_side_data <= 0 {
            return Vec::new();
        }
        // SAFETY: `side_data` holds `nb_side_data` entries, each with `size` bytes at `data`,
        // while the frame holds them.
        let entries = unsafe { std::slice::from_raw_parts(f.side_data, f.nb_side_data as usize) };
        entries
            .iter()
            // SAFETY: as above; entries are never null.
            .map(|e| unsafe { &**e })
            .map(|e| {
                let bytes = if e.data.is_null() || e.size == 0 {
                    &[][..]
                } else {
                    // SAFETY: as above.
                    unsafe { std::slice::from_raw_parts(e.data, e.size) }
                };
                (e.type_ as c_int, bytes)
            })
            .collect()
    }

    /// Replaces the side data with copies of `entries`.
    pub fn set_side_data(&mut self, entries: &[(ff::AVFrameSideDataType, Vec<u8>)]) -> Result<()> {
        let kinds: Vec<c_int> = self.side_data().iter().map(|(k, _)| *k).collect();
        for kind in kinds {
            if let Some(kind) = av::frame_side_data_type(kind) {
                self.remove_side_data(kind);
            }
        }
        for (kind, bytes) in entries {
            // SAFETY: a live frame; FFmpeg allocates an entry of the size asked for, filled here.
            let entry = unsafe { ff::av_frame_new_side_data(self.frame, *kind, bytes.len()) };
            // SAFETY: the new entry (or null).
            let Some(entry) = (unsafe { entry.as_mut() }) else {
                return Err(Error::out_of_memory("Could not add frame side data"));
            };
            // SAFETY: its data holds the `bytes.len()` bytes asked for.
            unsafe { av::copy_into(entry.data, bytes) };
        }
        Ok(())
    }

    /// Removes every entry of type `kind`.
    pub fn remove_side_data(&mut self, kind: ff::AVFrameSideDataType) {
        // SAFETY: a live frame.
        unsafe { ff::av_frame_remove_side_data(self.frame, kind) };
    }

    /// The frame's metadata (what filters and some decoders attach), borrowed from the frame.
    pub fn metadata(&mut self) -> crate::dictionary::Borrowed<'_> {
        let dict = std::ptr::addr_of_mut!(self.get_mut().metadata);
        // SAFETY: the dictionary belongs to the frame, which `&mut self` keeps alive and
        // unshared for the borrow's life.
        unsafe { crate::dictionary::Borrowed::new(dict) }
    }

    /// Copies the properties (timestamps, flags, metadata, side data, ...) of `other`, not its
    /// planes.
    pub fn copy_props_from(&mut self, other: &Frame) -> Result<()> {
        // SAFETY: two live frames.
        let r = unsafe { ff::av_frame_copy_props(self.frame, other.frame) };
        if r < 0 {
            return Err(Error::ffmpeg("Could not copy frame properties", r));
        }
        Ok(())
    }

    /// The frame's planes with their byte sizes: for video, each plane's height times its line
    /// size; for audio, each channel's samples (planar) or all of them (packed). Empty for a
    /// blank frame.
    pub fn planes(&self) -> Planes<'_> {
        let mut planes = Planes::new();
        let f = self.get();
        if f.data[0].is_null() {
            return planes;
        }
        if f.nb_samples > 0 {
            let Some((bytes, planar)) = crate::samples::sample_layout(f.format) else {
                return planes;
            };
            let channels = f.ch_layout.nb_channels.max(0) as usize;
            let per_channel = f.nb_samples as usize * bytes;
            if planar {
                for i in 0..channels.min(f.data.len()) {
                    planes.push(self.plane(i, per_channel));
                }
            } else {
                planes.push(self.plane(0, per_channel * channels));
            }
            return planes;
        }
        let Some(sizes) = crate::image::plane_sizes(f.format, f.height, &f.linesize) else {
            return planes;
        };
        for (i, size) in sizes.iter().take_while(|s| **s > 0).enumerate() {
            planes.push(self.plane(i, *size));
        }
        planes
    }

    /// Whether the frame's planes hold what its fields describe (format, size, samples): every
    /// line long enough and every plane inside its buffer. FFmpeg's converters and encoders read
    /// and write planes by the fields, so a frame whose fields grew after `alloc()` would make
    /// them go past the end.
    pub fn check_planes(&self, what: &str) -> Result<()> {
        let f = self.get();
        if f.data[0].is_null() {
            return Err(Error::Type(format!(
                "The {what} frame has no planes: call frame.alloc() (or receive it from a decoder)"
            )));
        }
        let too_small = || {
            Error::Type(format!(
                "The {what} frame's planes are smaller than its format and size say (were they \
                 changed after alloc()?)"
            ))
        };
        if f.nb_samples > 0 {
            let (bytes, planar) = crate::samples::sample_layout(f.format).ok_or_else(too_small)?;
            let channels = f.ch_layout.nb_channels.max(0) as usize;
            if planar && channels > f.data.len() {
                return Err(Error::Type(format!(
                    "The {what} frame has {channels} planar channels: at most {} are supported",
                    f.data.len()
                )));
            }
            let line = f.nb_samples as usize * bytes * if planar { 1 } else { channels };
            if (f.linesize[0].max(0) as usize) < line {
                return Err(too_small());
            }
        } else {
            let min = crate::image::min_linesizes(f.format, f.width).ok_or_else(too_small)?;
            if min.iter().zip(f.linesize.iter()).any(|(m, l)| *l < *m) {
                return Err(too_small());
            }
        }
        for plane in self.planes().iter() {
            if !plane.inside_buffer() {
                return Err(too_small());
            }
        }
        Ok(())
    }

    /// Copies a packed picture (`bytes`: `picture`'s format and size, lines aligned to `align`)
    /// into the frame: a blank frame gets planes for it; otherwise the frame must be of that
    /// format and size.
    pub fn fill_image(
        &mut self,
        picture: crate::image::Picture,
        align: c_int,
        bytes: &[u8],
    ) -> Result<()> {
        self.check_image(picture, align, bytes.len())?;
        if self.get().data[0].is_null() {
            let f = self.get_mut();
            (f.format, f.width, f.height) = picture;
            self.alloc_buffers(0)?;
        } else {
            self.check_picture(picture)?;
        }
        let f = self.get();
        // SAFETY: the frame's planes hold a picture of this format and size (allocated, or
        // checked); `bytes` holds a packed one (checked by check_image).
        let r = unsafe { crate::image::copy_image_in(&f.data, &f.linesize, bytes, picture, align) };
        if r < 0 {
            return Err(Error::ffmpeg("Could not copy the picture", r));
        }
        Ok(())
    }

    /// Copies the frame's picture into `bytes`, packed with lines aligned to `align`.
    pub fn read_image(
        &self,
        picture: crate::image::Picture,
        align: c_int,
        bytes: &mut [u8],
    ) -> Result<()> {
        self.check_image(picture, align, bytes.len())?;
        self.check_picture(picture)?;
        let f = self.get();
        // SAFETY: the frame's planes hold a picture of this format and size (checked).
        let r =
            unsafe { crate::image::copy_image_out(&f.data, &f.linesize, bytes, picture, align) };
        if r < 0 {
            return Err(Error::ffmpeg("Could not copy the picture", r));
        }
        Ok(())
    }

    /// The frame's samples as one buffer, planes one after the other (lines aligned to `align`
    /// bytes, 1 for none), the layout FFmpeg's av_samples_fill_arrays() gives: the frame's planes
    /// move into a new buffer of that layout, keeping their samples (a frame without planes gets
    /// zeroed ones). The whole buffer, for a view.
    pub fn contiguous_samples(&mut self, align: c_int) -> Result<Plane<'_>> {
        let (channels, nb_samples, format) = self.sound()?;
        let has_planes = !self.get().data[0].is_null();
        if has_planes {
            self.check_planes("filled")?;
        }
        let size = crate::samples::samples_size(format as c_int, channels, nb_samples, align)
            .map_err(|r| Error::ffmpeg("Could not size the samples", r))?;
        // SAFETY: a plain allocation, freed below unless it moves into the frame.
        let mut buf = unsafe { ff::av_buffer_allocz(size) };
        // SAFETY: as above.
        let mut tmp = unsafe { ff::av_frame_alloc() };
        if buf.is_null() || tmp.is_null() {
            // SAFETY: ours, freed once (accepts null).
            unsafe { ff::av_buffer_unref(&mut buf) };
            // SAFETY: as above.
            unsafe { ff::av_frame_free(&mut tmp) };
            return Err(Error::out_of_memory("Could not allocate the samples"));
        }
        // `tmp` gets the fields and properties of ours and the new buffer laid out for them;
        // our samples, checked above, are copied into it; then it replaces our frame's contents.
        // SAFETY: a fresh frame, ours until it is freed below.
        let t = unsafe { &mut *tmp };
        let f = self.get();
        t.format = f.format;
        t.nb_samples = f.nb_samples;
        t.sample_rate = f.sample_rate;
        // SAFETY: two live channel layouts.
        let mut r = unsafe { ff::av_channel_layout_copy(&mut t.ch_layout, &f.ch_layout) };
        if r >= 0 {
            // SAFETY: two live frames.
            r = unsafe { ff::av_frame_copy_props(t, f) };
        }
        if r >= 0 {
            t.buf[0] = buf;
            t.extended_data = t.data.as_mut_ptr();
            // SAFETY: the new buffer, not null (checked above).
            let bytes = unsafe { (*buf).data };
            buf = std::ptr::null_mut();
            // SAFETY: `bytes` holds `size` bytes, laid out for at most 8 planes (`sound`
            // checked): `data` has 8 entries.
            r = unsafe {
                ff::av_samples_fill_arrays(
                    t.data.as_mut_ptr(),
                    t.linesize.as_mut_ptr(),
                    bytes,
                    channels,
                    nb_samples,
                    format,
                    align,
                )
            };
        }
        if r >= 0 && has_planes {
            // SAFETY: both frames' planes hold `nb_samples` of `channels` in `format` (ours
            // checked above).
            r = unsafe {
                ff::av_samples_copy(
                    t.extended_data,
                    f.extended_data,
                    0,
                    0,
                    nb_samples,
                    channels,
                    format,
                )
            };
        }
        if r < 0 {
            // SAFETY: ours, freed once (accepts null).
            unsafe { ff::av_buffer_unref(&mut buf) };
            // SAFETY: as above, with the buffer it may hold.
            unsafe { ff::av_frame_free(&mut tmp) };
            return Err(Error::ffmpeg("Could not lay out the samples", r));
        }
        // SAFETY: our live frame, emptied, then given `tmp`'s contents.
        unsafe { ff::av_frame_unref(self.frame) };
        // SAFETY: as above.
        unsafe { ff::av_frame_move_ref(self.frame, tmp) };
        // SAFETY: the emptied `tmp`, freed once.
        unsafe { ff::av_frame_free(&mut tmp) };
        let f = self.get();
        Ok(Plane {
            data: f.data[0],
            len: size,
            buf: f.buf[0],
            frame: PhantomData,
        })
    }

    /// Copies the frame's samples into `bytes` in the layout of `contiguous_samples`; the
    /// number of bytes written.
    pub fn read_samples(&self, align: c_int, bytes: &mut [u8]) -> Result<usize> {
        let (channels, nb_samples, format) = self.sound()?;
        self.check_planes("read")?;
        let mut data = [std::ptr::null_mut::<u8>(); 8];
        let mut linesize = 0;
        let size = crate::samples::samples_size(format as c_int, channels, nb_samples, align)
            .map_err(|r| Error::ffmpeg("Could not size the samples", r))?;
        if bytes.len() < size {
            return Err(Error::Range(format!(
                "The samples need {size} bytes; the buffer has {}",
                bytes.len()
            )));
        }
        // SAFETY: `bytes` holds `size` bytes, laid out for at most 8 planes (`sound`); the
        // frame's planes hold its samples (checked).
        let mut r = unsafe {
            ff::av_samples_fill_arrays(
                data.as_mut_ptr(),
                &mut linesize,
                bytes.as_mut_ptr(),
                channels,
                nb_samples,
                format,
                align,
            )
        };
        if r >= 0 {
            // SAFETY: as above.
            r = unsafe {
                ff::av_samples_copy(
                    data.as_mut_ptr(),
                    self.get().extended_data,
                    0,
                    0,
                    nb_samples,
                    channels,
                    format,
                )
            };
        }
        if r < 0 {
            return Err(Error::ffmpeg("Could not copy the samples", r));
        }
        Ok(size)
    }

    /// Copies `count` samples of `source` from `src_offset` to `dst_offset` of this frame (both
    /// of one sample format and channel count, with planes).
    pub fn copy_samples_from(
        &mut self,
        source: &Frame,
        dst_offset: c_int,
        src_offset: c_int,
        count: c_int,
    ) -> Result<()> {
        let (channels, dst_samples, format) = self.sound()?;
        let (src_channels, src_samples, src_format) = source.sound()?;
        if (channels, format) != (src_channels, src_format) {
            return Err(Error::Type(format!(
                "The frames differ: (channels, sample format) {:?} and {:?}",
                (channels, format as c_int),
                (src_channels, src_format as c_int)
            )));
        }
        self.check_planes("target")?;
        source.check_planes("source")?;
        let fits = |offset: c_int, len: c_int| {
            offset >= 0 && count >= 0 && offset.checked_add(count).is_some_and(|e| e <= len)
        };
        if !fits(dst_offset, dst_samples) || !fits(src_offset, src_samples) {
            return Err(Error::Range(format!(
                "Cannot copy {count} samples from {src_offset} of {src_samples} to {dst_offset} \
                 of {dst_samples}"
            )));
        }
        // SAFETY: both frames hold planes of their samples (checked) and the ranges are inside.
        let r = unsafe {
            ff::av_samples_copy(
                self.get().extended_data,
                source.get().extended_data,
                dst_offset,
                src_offset,
                count,
                channels,
                format,
            )
        };
        if r < 0 {
            return Err(Error::ffmpeg("Could not copy the samples", r));
        }
        Ok(())
    }

    /// (channels, samples, format) of an audio frame whose planes fit FFmpeg's 8 data pointers.
    fn sound(&self) -> Result<(c_int, c_int, ff::AVSampleFormat)> {
        let f = self.get();
        let format = av::sample_format(f.format)
            .filter(|_| f.nb_samples > 0 && f.ch_layout.nb_channels > 0)
            .ok_or_else(|| {
                Error::Type(
                    "The frame is not audio: set format (a sample format), nbSamples and \
                     channelLayout"
                        .into(),
                )
            })?;
        let planar = crate::samples::sample_layout(f.format).is_some_and(|(_, planar)| planar);
        if planar && f.ch_layout.nb_channels > 8 {
            return Err(Error::Range(
                "Samples of more than 8 planar channels are not supported".into(),
            ));
        }
        Ok((f.ch_layout.nb_channels, f.nb_samples, format))
    }

    /// `len` bytes can hold a packed `picture` with lines aligned to `align`.
    fn check_image(&self, picture: crate::image::Picture, align: c_int, len: usize) -> Result<()> {
        let (format, w, h) = picture;
        let size = crate::image::image_size(format, w, h, align)
            .ok_or_else(|| Error::Range(format!("No picture of {picture:?} aligned to {align}")))?;
        if len < size {
            return Err(Error::Range(format!(
                "The image holds {len} bytes; a {w}x{h} picture of format {format} needs {size}"
            )));
        }
        Ok(())
    }

    /// The frame is a picture of `picture`'s format and size, with planes that hold it.
    fn check_picture(&self, picture: crate::image::Picture) -> Result<()> {
        let f = self.get();
        let have = (f.format, f.width, f.height);
        if have != picture {
            return Err(Error::Type(format!(
                "The frame (format, width, height) is {have:?}; the image is {picture:?}"
            )));
        }
        self.check_planes("image's")
    }

    fn plane(&self, i: usize, len: usize) -> Plane<'_> {
        // SAFETY: `i` is a plane of the frame; FFmpeg finds the buffer holding it (or null for
        // planes not in a reference-counted buffer).
        let buf = unsafe { ff::av_frame_get_plane_buffer(self.frame, i as c_int) };
        Plane {
            data: self.get().data[i],
            len,
            buf,
            frame: PhantomData,
        }
    }
}

impl Plane<'_> {
    /// Whether the plane's bytes lie inside the buffer holding them.
    fn inside_buffer(&self) -> bool {
        // SAFETY: a buffer reference of a live frame: its data and size describe its memory.
        let Some(buf) = (unsafe { self.buf.as_ref() }) else {
            return false;
        };
        let (start, end) = (buf.data as usize, buf.data as usize + buf.size);
        let data = self.data as usize;
        data >= start && data.checked_add(self.len).is_some_and(|e| e <= end)
    }

    /// The plane as an `ArrayBuffer` over the frame's own memory, holding its own reference to
    /// the buffer: no copy, and it stays valid after the frame is reused or destroyed. Writing
    /// into it writes the picture or the sound (of every frame sharing the buffer). A plane
    /// outside a reference-counted buffer gets a copy.
    pub fn arraybuffer(&self, env: Env) -> Option<Value> {
        if self.data.is_null() {
            return env.arraybuffer_copy(&[]);
        }
        if self.buf.is_null() {
            // SAFETY: the frame holds `len` bytes at `data` while it lives (this call).
            let bytes = unsafe { std::slice::from_raw_parts(self.data, self.len) };
            return env.arraybuffer_copy(bytes);
        }
        // SAFETY: the plane lies inside the buffer `buf` refers to (`Plane`'s invariant).
        unsafe { buffer_view::view(env, self.buf, self.data, self.len) }
    }
}

impl Drop for Frame {
    fn drop(&mut self) {
        // SAFETY: we own the frame; av_frame_free unrefs and frees it.
        unsafe { ff::av_frame_free(&mut self.frame) };
    }
}
