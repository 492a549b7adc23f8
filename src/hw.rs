//! `HWDeviceContext`: one hardware device (an `AVHWDeviceContext` reference), and moving frames
//! between hardware and software memory. Which device types exist depends on the FFmpeg build;
//! ours carries none (it is self-contained: no VAAPI, CUDA or VideoToolbox libraries), so here
//! creating a device fails with FFmpeg's reason, and transfers of software frames are refused.

use std::ffi::c_int;
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::av;
use crate::error::{Error, Result};
use crate::frame::Frame;
use crate::handle::{Kind, Native};
use crate::log;
use crate::options::c_string;

pub struct HwDevice {
    device: *mut ff::AVBufferRef,
}

// SAFETY: an AVHWDeviceContext reference is thread-safe to hold and release (reference counted
// atomically); a HwDevice is used by one thread at a time.
unsafe impl Send for HwDevice {}

impl Native for HwDevice {
    const KIND: Kind = Kind::HwDevice;
    const NAME: &'static str = "HWDeviceContext";

    fn native_size(&self) -> i64 {
        64 * 1024
    }
}

impl HwDevice {
    /// Opens a device of `kind` (an AVHWDeviceType), `device` naming which one (type-specific,
    /// e.g. "/dev/dri/renderD128"; none: the default).
    pub fn new(kind: c_int, device: Option<&str>) -> Result<Self> {
        let ty = av::hw_device_type(kind)
            .ok_or_else(|| Error::Range(format!("{kind} is not a hardware device type")))?;
        let available = types();
        let name = type_name(kind);
        let carried = if available.is_empty() {
            "This FFmpeg build carries no hardware device types".to_string()
        } else {
            format!("This FFmpeg build carries: {}", available.join(", "))
        };
        if !available.contains(&name) {
            // FFmpeg would fail to allocate it and say ENOMEM: say what is really missing.
            return Err(Error::ffmpeg_text(
                format!("Could not create a {name} device ({carried})"),
                ff::AVERROR(libc::ENOSYS),
            ));
        }
        let c_device = device.map(c_string).transpose()?;
        let mut buf: *mut ff::AVBufferRef = ptr::null_mut();
        let (r, lines) = log::capture(|| {
            // SAFETY: FFmpeg allocates the reference (ours on success) and copies the name.
            unsafe {
                ff::av_hwdevice_ctx_create(
                    &mut buf,
                    ty,
                    c_device.as_ref().map_or(ptr::null(), |d| d.as_ptr()),
                    ptr::null_mut(),
                    0,
                )
            }
        });
        if r < 0 {
            return Err(
                Error::ffmpeg(&format!("Could not create a {name} device"), r).with_log(lines),
            );
        }
        Ok(Self { device: buf })
    }

    /// A new reference to the device, for a codec context to hold.
    pub fn reference(&self) -> Result<*mut ff::AVBufferRef> {
        // SAFETY: a live reference; the new one is the caller's.
        let r = unsafe { ff::av_buffer_ref(self.device) };
        if r.is_null() {
            return Err(Error::out_of_memory("Could not reference the device"));
        }
        Ok(r)
    }
}

impl Drop for HwDevice {
    fn drop(&mut self) {
        // SAFETY: our reference, released once.
        unsafe { ff::av_buffer_unref(&mut self.device) };
    }
}

/// The names of the device types this build carries ("vaapi", "cuda", ...).
pub fn types() -> Vec<String> {
    let mut names = Vec::new();
    let mut ty = ff::AVHWDeviceType::AV_HWDEVICE_TYPE_NONE;
    loop {
        // SAFETY: iterates FFmpeg's static list from a valid type.
        ty = unsafe { ff::av_hwdevice_iterate_types(ty) };
        if ty == ff::AVHWDeviceType::AV_HWDEVICE_TYPE_NONE {
            return names;
        }
        names.push(type_name(ty as c_int));
    }
}

/// FFmpeg's name for a device type ("vaapi"), or the number.
pub fn type_name(kind: c_int) -> String {
    av::hw_device_type(kind)
        // SAFETY: a valid type; the name is a static C string or null.
        .and_then(|ty| av::string(unsafe { ff::av_hwdevice_get_type_name(ty) }))
        .unwrap_or_else(|| kind.to_string())
}

/// Copies the picture of `source` into `target` across hardware and software memory (one of them
/// a hardware frame); `map`: maps it instead, with AV_HWFRAME_MAP_* `flags`.
pub fn transfer(target: &mut Frame, source: &Frame, map: Option<c_int>) -> Result<()> {
    if source.get().hw_frames_ctx.is_null() && target.get().hw_frames_ctx.is_null() {
        return Err(Error::ffmpeg_text(
            "Could not transfer the frame: Invalid argument (neither frame is a hardware frame, \
             one with hwFramesCtx)"
                .into(),
            ff::AVERROR(libc::EINVAL),
        ));
    }
    let (dst, src) = (target.as_ptr(), source.as_ptr());
    let (r, lines) = log::capture(|| {
        match map {
            // SAFETY: two distinct live frames; FFmpeg checks their contexts and formats.
            Some(flags) => unsafe { ff::av_hwframe_map(dst, src, flags) },
            // SAFETY: as above.
            None => unsafe { ff::av_hwframe_transfer_data(dst, src, 0) },
        }
    });
    if r < 0 {
        return Err(Error::ffmpeg("Could not transfer the frame", r).with_log(lines));
    }
    Ok(())
}
