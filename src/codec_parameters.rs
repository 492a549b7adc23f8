//! `AVCodecParameters`: what a stream holds (codec, sizes, rates, extra data). Either a stream's,
//! borrowed from its format context, or a standalone one we own (`CodecParameters.alloc()`).

use std::ffi::c_int;
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::av;
use crate::error::{Error, Result};
use crate::handle::Native;

/// Codec parameters of our own.
pub struct OwnedCodecParameters {
    par: *mut ff::AVCodecParameters,
}

// SAFETY: plain C data with no thread affinity, used by one thread at a time.
unsafe impl Send for OwnedCodecParameters {}

impl Native for OwnedCodecParameters {
    const KIND: u32 = 0xbaff_0000 + 5;
    const NAME: &'static str = "CodecParameters";

    fn native_size(&self) -> i64 {
        512 + self.get().extradata_size.max(0) as i64
    }
}

impl OwnedCodecParameters {
    pub fn new() -> Result<Self> {
        // SAFETY: plain allocation (filled with defaults).
        let par = unsafe { ff::avcodec_parameters_alloc() };
        if par.is_null() {
            return Err(Error::out_of_memory("Could not allocate codec parameters"));
        }
        Ok(Self { par })
    }

    pub fn get(&self) -> &ff::AVCodecParameters {
        // SAFETY: live while `self` is.
        unsafe { &*self.par }
    }

    pub fn get_mut(&mut self) -> &mut ff::AVCodecParameters {
        // SAFETY: as in `get`; `&mut self` makes it exclusive.
        unsafe { &mut *self.par }
    }
}

impl Drop for OwnedCodecParameters {
    fn drop(&mut self) {
        // SAFETY: ours; frees the extra data and the layout too.
        unsafe { ff::avcodec_parameters_free(&mut self.par) };
    }
}

/// The extra data (codec-specific setup bytes), borrowed from the parameters.
pub fn extradata(par: &ff::AVCodecParameters) -> &[u8] {
    if par.extradata.is_null() || par.extradata_size <= 0 {
        return &[];
    }
    // SAFETY: `extradata` holds `extradata_size` bytes while the parameters hold them.
    unsafe { std::slice::from_raw_parts(par.extradata, par.extradata_size as usize) }
}

/// Replaces the extra data with a padded copy of `bytes`, allocated as FFmpeg frees it.
pub fn set_extradata(par: &mut ff::AVCodecParameters, bytes: &[u8]) -> Result<()> {
    let size =
        c_int::try_from(bytes.len()).map_err(|_| Error::Range("extraData is too large".into()))?;
    let padding = ff::AV_INPUT_BUFFER_PADDING_SIZE as usize;
    // SAFETY: a fresh zeroed av_malloc block of the size plus padding, which
    // avcodec_parameters_free releases with av_free as FFmpeg expects; the old one is freed.
    unsafe {
        let data = ff::av_mallocz(bytes.len() + padding).cast::<u8>();
        if data.is_null() {
            return Err(Error::out_of_memory("Could not set extra data"));
        }
        ptr::copy_nonoverlapping(bytes.as_ptr(), data, bytes.len());
        ff::av_freep(ptr::addr_of_mut!(par.extradata).cast());
        par.extradata = data;
        par.extradata_size = size;
    }
    Ok(())
}

/// Replaces the channel layout: from a mask (native order), or `nb_channels` channels in an
/// unspecified order for mask 0. `nbChannels` follows.
pub fn set_channel_layout(
    par: &mut ff::AVCodecParameters,
    mask: u64,
    nb_channels: c_int,
) -> Result<()> {
    set_layout(&mut par.ch_layout, mask, nb_channels)
}

/// Sets a channel layout (of parameters, a codec context or a frame) from a channel mask, or for
/// mask 0 to `nb_channels` channels in an unspecified order.
pub fn set_layout(dst: &mut ff::AVChannelLayout, mask: u64, nb_channels: c_int) -> Result<()> {
    let layout = if mask == 0 {
        av::unspecified_channel_layout(nb_channels)
    } else {
        av::channel_layout_from_mask(mask)
            .ok_or_else(|| Error::Range(format!("{mask} is not a valid channel mask")))?
    };
    let r = av::copy_channel_layout(dst, &layout);
    if r < 0 {
        return Err(Error::ffmpeg("Could not set the channel layout", r));
    }
    Ok(())
}

/// Copies every parameter of `src` into `dst` (extra data included).
pub fn copy(dst: &mut ff::AVCodecParameters, src: &ff::AVCodecParameters) -> Result<()> {
    if ptr::eq(dst, src) {
        return Ok(());
    }
    // SAFETY: two live, distinct parameter sets.
    let r = unsafe { ff::avcodec_parameters_copy(dst, src) };
    if r < 0 {
        return Err(Error::ffmpeg("Could not copy codec parameters", r));
    }
    Ok(())
}
