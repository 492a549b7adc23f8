//! Subtitles: FFmpeg's `AVSubtitle`, what a subtitle decoder makes of a packet and what a
//! subtitle encoder takes, owned here (freed with `avsubtitle_free`) and exchanged with
//! JavaScript as plain data: timing, and rectangles of text, ASS events or bitmaps with their
//! palette and position.

use std::ffi::{c_int, CString};
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::av;
use crate::error::{Error, Result};

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum RectKind {
    Bitmap,
    Text,
    Ass,
}

impl RectKind {
    pub fn name(self) -> &'static str {
        match self {
            Self::Bitmap => "bitmap",
            Self::Text => "text",
            Self::Ass => "ass",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "bitmap" => Self::Bitmap,
            "text" => Self::Text,
            "ass" => Self::Ass,
            _ => return None,
        })
    }

    fn to_ffmpeg(self) -> ff::AVSubtitleType {
        match self {
            Self::Bitmap => ff::AVSubtitleType::SUBTITLE_BITMAP,
            Self::Text => ff::AVSubtitleType::SUBTITLE_TEXT,
            Self::Ass => ff::AVSubtitleType::SUBTITLE_ASS,
        }
    }
}

/// One rectangle: a bitmap (palette indices, one byte per pixel, rows without padding, and a
/// palette of ARGB colours), plain text, or an ASS event line.
#[derive(Debug, Default)]
pub struct Rect {
    pub kind: Option<RectKind>,
    pub x: c_int,
    pub y: c_int,
    pub width: c_int,
    pub height: c_int,
    pub bitmap: Vec<u8>,
    pub palette: Vec<u32>,
    pub text: Option<String>,
    pub ass: Option<String>,
    pub flags: c_int,
}

/// A subtitle: shown from `start` to `end` milliseconds after `pts` (in microseconds, FFmpeg's
/// AV_TIME_BASE); `format` 0 is graphics, 1 text.
#[derive(Debug, Default)]
pub struct Subtitle {
    pub format: u16,
    pub start: u32,
    pub end: u32,
    pub pts: i64,
    pub rects: Vec<Rect>,
}

/// An `AVSubtitle` FFmpeg filled (a decoder) or we built from FFmpeg allocations (for an
/// encoder): freed once, with everything it points at.
pub struct Owned(ff::AVSubtitle);

impl Owned {
    pub fn blank() -> Self {
        // SAFETY: AVSubtitle is plain data; all zero is the blank subtitle FFmpeg expects.
        Self(unsafe { std::mem::zeroed() })
    }

    pub fn as_mut_ptr(&mut self) -> *mut ff::AVSubtitle {
        &mut self.0
    }

    pub fn as_ptr(&self) -> *const ff::AVSubtitle {
        &self.0
    }

    /// Its rectangles.
    fn rects(&self) -> &[*mut ff::AVSubtitleRect] {
        if self.0.rects.is_null() || self.0.num_rects == 0 {
            return &[];
        }
        // SAFETY: `num_rects` pointers, allocated with the subtitle.
        unsafe { std::slice::from_raw_parts(self.0.rects, self.0.num_rects as usize) }
    }

    /// A copy as plain data.
    pub fn to_data(&self) -> Subtitle {
        let s = &self.0;
        Subtitle {
            format: s.format,
            start: s.start_display_time,
            end: s.end_display_time,
            pts: s.pts,
            rects: self
                .rects()
                .iter()
                // SAFETY: each pointer is a live rectangle of this subtitle, or null.
                .filter_map(|&r| unsafe { r.as_ref() })
                .map(rect_data)
                .collect(),
        }
    }

    /// A subtitle of FFmpeg allocations from plain data, for an encoder.
    pub fn from_data(data: &Subtitle) -> Result<Self> {
        let mut owned = Self::blank();
        owned.0.format = data.format;
        owned.0.start_display_time = data.start;
        owned.0.end_display_time = data.end;
        owned.0.pts = data.pts;
        if data.rects.is_empty() {
            return Ok(owned);
        }
        let size = data.rects.len() * std::mem::size_of::<*mut ff::AVSubtitleRect>();
        // SAFETY: a plain zeroed allocation, freed by avsubtitle_free with the subtitle.
        let rects = unsafe { ff::av_mallocz(size) }.cast::<*mut ff::AVSubtitleRect>();
        if rects.is_null() {
            return Err(Error::out_of_memory("Could not allocate the subtitle"));
        }
        owned.0.rects = rects;
        for (i, rect) in data.rects.iter().enumerate() {
            // SAFETY: as above; counted in `num_rects` at once, so a failure below frees it.
            let r = unsafe { ff::av_mallocz(std::mem::size_of::<ff::AVSubtitleRect>()) }
                .cast::<ff::AVSubtitleRect>();
            if r.is_null() {
                return Err(Error::out_of_memory("Could not allocate the subtitle"));
            }
            // SAFETY: within the array allocated above for `data.rects.len()` pointers.
            let slot = unsafe { rects.add(i) };
            // SAFETY: that slot, allocated and aligned for a pointer.
            unsafe { slot.write(r) };
            owned.0.num_rects += 1;
            // SAFETY: the rectangle just allocated, ours alone.
            fill_rect(unsafe { &mut *r }, rect)?;
        }
        Ok(owned)
    }
}

impl Drop for Owned {
    fn drop(&mut self) {
        // SAFETY: ours; frees the rectangles and their data and blanks it (safe to repeat).
        unsafe { ff::avsubtitle_free(&mut self.0) };
    }
}

/// A codec context's `subtitle_header` (the ASS header text decoders make and text encoders
/// read), if any.
pub fn header(ctx: &ff::AVCodecContext) -> Option<String> {
    if ctx.subtitle_header.is_null() || ctx.subtitle_header_size <= 0 {
        return None;
    }
    // SAFETY: `subtitle_header_size` bytes the context holds.
    let bytes = unsafe {
        std::slice::from_raw_parts(ctx.subtitle_header, ctx.subtitle_header_size as usize)
    };
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    Some(String::from_utf8_lossy(&bytes[..end]).into_owned())
}

/// Replaces a codec context's `subtitle_header` with `text`, NUL-terminated, allocated as
/// FFmpeg frees it (avcodec_free_context).
pub fn set_header(ctx: &mut ff::AVCodecContext, text: &str) -> Result<()> {
    let len = c_int::try_from(text.len())
        .map_err(|_| Error::Range("subtitleHeader is too large".into()))?;
    // SAFETY: a zeroed block with room for the text and its NUL.
    let fresh = unsafe { ff::av_mallocz(text.len() + 1) }.cast::<u8>();
    if fresh.is_null() {
        return Err(Error::out_of_memory("Could not set the subtitle header"));
    }
    // SAFETY: the fresh block has room for `text`.
    unsafe { av::copy_into(fresh, text.as_bytes()) };
    // SAFETY: the context's old header (or null), freed once.
    unsafe { ff::av_freep(ptr::from_mut(&mut ctx.subtitle_header).cast()) };
    ctx.subtitle_header = fresh;
    ctx.subtitle_header_size = len;
    Ok(())
}

/// FFmpeg's default ASS header, as its text decoders make it: what a SubRip decoder has once
/// open. For text encoders given no header (they need one).
pub fn default_header() -> Option<String> {
    let codec = crate::codec::lookup::find_codec(None, Some("subrip"), false)?;
    // SAFETY: a static codec; a context we free below.
    let mut ctx = unsafe { ff::avcodec_alloc_context3(codec) };
    // SAFETY: a fresh context (or null, refused by FFmpeg) opened with no options.
    let header = if unsafe { ff::avcodec_open2(ctx, ptr::null(), ptr::null_mut()) } >= 0 {
        // SAFETY: the open context.
        header(unsafe { &*ctx })
    } else {
        None
    };
    // SAFETY: ours, freed once.
    unsafe { ff::avcodec_free_context(&mut ctx) };
    header
}

/// Whether `id` is a text subtitle codec (SubRip, WebVTT, ASS, mov_text, ...), not a bitmap one.
pub fn is_text(id: ff::AVCodecID) -> bool {
    // SAFETY: FFmpeg's look-up of its static descriptors.
    let descriptor = unsafe { ff::avcodec_descriptor_get(id) };
    // SAFETY: null or a static descriptor.
    let descriptor = unsafe { descriptor.as_ref() };
    descriptor.is_some_and(|d| d.props & ff::AV_CODEC_PROP_TEXT_SUB as c_int != 0)
}

/// A rectangle's type as the integer FFmpeg stores.
fn kind_of(rect: &ff::AVSubtitleRect) -> Option<RectKind> {
    // SAFETY: the field is a C int in FFmpeg's struct, read as one through its address.
    let kind = unsafe { ptr::addr_of!(rect.type_).cast::<c_int>().read() };
    match kind {
        k if k == ff::AVSubtitleType::SUBTITLE_BITMAP as c_int => Some(RectKind::Bitmap),
        k if k == ff::AVSubtitleType::SUBTITLE_TEXT as c_int => Some(RectKind::Text),
        k if k == ff::AVSubtitleType::SUBTITLE_ASS as c_int => Some(RectKind::Ass),
        _ => None,
    }
}

fn rect_data(r: &ff::AVSubtitleRect) -> Rect {
    let kind = kind_of(r);
    let (width, height) = (r.w.max(0) as usize, r.h.max(0) as usize);
    let mut bitmap = Vec::new();
    let mut palette = Vec::new();
    if kind == Some(RectKind::Bitmap) && !r.data[0].is_null() && r.linesize[0] >= r.w {
        bitmap.reserve(width * height);
        for row in 0..height {
            // SAFETY: a bitmap of `h` rows of `linesize[0]` bytes: this row's start is in it.
            let start = unsafe { r.data[0].add(row * r.linesize[0] as usize) };
            // SAFETY: `w` pixels of that row (`linesize[0] >= w`, checked above).
            let line = unsafe { std::slice::from_raw_parts(start, width) };
            bitmap.extend_from_slice(line);
        }
        if !r.data[1].is_null() {
            let colors = r.nb_colors.clamp(0, 256) as usize;
            // SAFETY: the palette: `nb_colors` 32-bit ARGB entries (FFmpeg allocates 256 at most
            // and 4-byte aligned).
            let entries =
                unsafe { std::slice::from_raw_parts(r.data[1].cast::<u32>().cast_const(), colors) };
            palette.extend_from_slice(entries);
        }
    }
    Rect {
        kind,
        x: r.x,
        y: r.y,
        width: r.w,
        height: r.h,
        bitmap,
        palette,
        text: av::string(r.text),
        ass: av::string(r.ass),
        flags: r.flags,
    }
}

/// A copy of `s` in FFmpeg's allocator (freed with the subtitle); null for none.
fn dup(s: &Option<String>) -> Result<*mut std::ffi::c_char> {
    let Some(s) = s else {
        return Ok(ptr::null_mut());
    };
    let c = CString::new(s.as_str())
        .map_err(|_| Error::Type("Subtitle text must not contain NUL".into()))?;
    // SAFETY: a NUL-terminated string, copied.
    let copy = unsafe { ff::av_strdup(c.as_ptr()) };
    if copy.is_null() {
        return Err(Error::out_of_memory("Could not allocate the subtitle text"));
    }
    Ok(copy)
}

/// Copies `from` into the blank rectangle `r` (FFmpeg allocations, freed with the subtitle).
fn fill_rect(r: &mut ff::AVSubtitleRect, from: &Rect) -> Result<()> {
    let kind = from.kind.unwrap_or(if from.ass.is_some() {
        RectKind::Ass
    } else {
        RectKind::Text
    });
    r.type_ = kind.to_ffmpeg();
    r.x = from.x;
    r.y = from.y;
    r.flags = from.flags;
    r.text = dup(&from.text)?;
    r.ass = dup(&from.ass)?;
    if kind != RectKind::Bitmap {
        return Ok(());
    }
    let pixels = from.width.max(0) as usize * from.height.max(0) as usize;
    if from.bitmap.len() != pixels {
        return Err(Error::Range(format!(
            "A bitmap rectangle needs width * height bytes ({} x {}), got {}",
            from.width,
            from.height,
            from.bitmap.len()
        )));
    }
    if from.palette.len() > 256 {
        return Err(Error::Range(
            "A bitmap rectangle's palette has 256 colours at most".into(),
        ));
    }
    r.w = from.width;
    r.h = from.height;
    r.nb_colors = from.palette.len() as c_int;
    // SAFETY: plain allocations (256 palette entries, as FFmpeg's decoders allocate, so an index
    // past the colours given reads a blank one), freed by avsubtitle_free.
    let data = unsafe { ff::av_mallocz(pixels.max(1)) }.cast::<u8>();
    // SAFETY: as above.
    let palette = unsafe { ff::av_mallocz(256 * 4) }.cast::<u32>();
    r.data[0] = data;
    r.data[1] = palette.cast();
    if data.is_null() || palette.is_null() {
        return Err(Error::out_of_memory(
            "Could not allocate the subtitle bitmap",
        ));
    }
    r.linesize[0] = from.width;
    // SAFETY: `pixels` bytes allocated above.
    unsafe { ptr::copy_nonoverlapping(from.bitmap.as_ptr(), data, pixels) };
    // SAFETY: room for 256 entries allocated above; at most 256 copied.
    unsafe { ptr::copy_nonoverlapping(from.palette.as_ptr(), palette, from.palette.len()) };
    Ok(())
}
