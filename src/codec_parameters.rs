//! `AVCodecParameters`: what a stream holds (codec, sizes, rates, extra data). Either a stream's,
//! borrowed from its format context, or a standalone one we own (`CodecParameters.alloc()`).

use std::ffi::c_int;
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::av;
use crate::error::{Error, Result};
use crate::handle::{Kind, Native};

/// Codec parameters of our own.
pub struct OwnedCodecParameters {
    par: *mut ff::AVCodecParameters,
}

// SAFETY: plain C data with no thread affinity, used by one thread at a time.
unsafe impl Send for OwnedCodecParameters {}

impl Native for OwnedCodecParameters {
    const KIND: Kind = Kind::CodecParameters;
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

/// What carries codec extra data: codec parameters and codec contexts.
pub trait ExtraData {
    fn extradata_fields(&mut self) -> (&mut *mut u8, &mut c_int);
}

impl ExtraData for ff::AVCodecParameters {
    fn extradata_fields(&mut self) -> (&mut *mut u8, &mut c_int) {
        (&mut self.extradata, &mut self.extradata_size)
    }
}

impl ExtraData for ff::AVCodecContext {
    fn extradata_fields(&mut self) -> (&mut *mut u8, &mut c_int) {
        (&mut self.extradata, &mut self.extradata_size)
    }
}

/// The extra data, borrowed from its owner.
pub fn extradata<T: ExtraData>(owner: &mut T) -> &[u8] {
    let (data, size) = owner.extradata_fields();
    if data.is_null() || *size <= 0 {
        return &[];
    }
    // SAFETY: `extradata` holds `extradata_size` bytes while its owner holds them.
    unsafe { std::slice::from_raw_parts(*data, *size as usize) }
}

/// Replaces the extra data with a padded copy of `bytes`, allocated as FFmpeg frees it.
pub fn set_extradata<T: ExtraData>(owner: &mut T, bytes: &[u8]) -> Result<()> {
    let len =
        c_int::try_from(bytes.len()).map_err(|_| Error::Range("extraData is too large".into()))?;
    let padding = ff::AV_INPUT_BUFFER_PADDING_SIZE as usize;
    let (data, size) = owner.extradata_fields();
    // SAFETY: a fresh zeroed av_malloc block of the size plus padding, which FFmpeg releases
    // with av_free when it frees the owner; the old one is freed.
    let fresh = unsafe { ff::av_mallocz(bytes.len() + padding) }.cast::<u8>();
    if fresh.is_null() {
        return Err(Error::out_of_memory("Could not set extra data"));
    }
    // SAFETY: the fresh block has room for `bytes`.
    unsafe { crate::av::copy_into(fresh, bytes) };
    // SAFETY: the owner's old block (or null), freed once.
    unsafe { ff::av_freep(ptr::from_mut(data).cast()) };
    *data = fresh;
    *size = len;
    Ok(())
}

/// The stream-wide side data (display matrix, HDR metadata, ...): (type, bytes) of each entry,
/// borrowed from the parameters.
pub fn side_data(par: &ff::AVCodecParameters) -> Vec<(ff::AVPacketSideDataType, &[u8])> {
    // SAFETY: `coded_side_data` holds `nb_coded_side_data` entries (or is null) while the
    // parameters, borrowed for the result's lifetime, hold them.
    unsafe { av::side_data_entries(par.coded_side_data, par.nb_coded_side_data) }
}

/// Replaces the stream-wide side data with copies of `entries`.
pub fn set_side_data(
    par: &mut ff::AVCodecParameters,
    entries: &[(ff::AVPacketSideDataType, Vec<u8>)],
) -> Result<()> {
    // SAFETY: the parameters' own side data array, freed (and its count zeroed), then each entry
    // allocated by FFmpeg with the size asked for, which we fill.
    unsafe { ff::av_packet_side_data_free(&mut par.coded_side_data, &mut par.nb_coded_side_data) };
    for (kind, bytes) in entries {
        // SAFETY: as above.
        let entry = unsafe {
            ff::av_packet_side_data_new(
                &mut par.coded_side_data,
                &mut par.nb_coded_side_data,
                *kind,
                bytes.len(),
                0,
            )
        };
        // SAFETY: the new entry (or null).
        let Some(entry) = (unsafe { entry.as_mut() }) else {
            return Err(Error::out_of_memory("Could not add stream side data"));
        };
        // SAFETY: its data holds the `bytes.len()` bytes asked for.
        unsafe { crate::av::copy_into(entry.data, bytes) };
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
        crate::channel_layout::unspecified_channel_layout(nb_channels)
    } else {
        crate::channel_layout::channel_layout_from_mask(mask)
            .ok_or_else(|| Error::Range(format!("{mask} is not a valid channel mask")))?
    };
    let r = crate::channel_layout::copy_channel_layout(dst, &layout);
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
