//! Codecs, as `format/` has demuxers and muxers: what decoders and encoders share
//! (`common.rs`), the decoder (`decoder.rs`) and the encoder (`encoder.rs`) as distinct types,
//! and `CodecContext`, the object JavaScript holds: one or the other, as its codec decides.
//! `lookup.rs` finds codecs by id or name.

pub mod common;
pub mod decoder;
pub mod encoder;
pub mod lookup;

use ffmpeg_sys_next as ff;

use crate::dictionary::Dictionary;
use crate::error::Result;
use crate::handle::{Kind, Native};
use common::{Call, Common, State};
use decoder::Decoder;
use encoder::Encoder;

pub enum CodecContext {
    Decoder(Decoder),
    Encoder(Encoder),
}

impl Native for CodecContext {
    const KIND: Kind = Kind::CodecContext;
    const NAME: &'static str = "CodecContext";

    fn native_size(&self) -> i64 {
        // An estimate: a codec's state (reference frames, tables) is often megabytes once open.
        if self.common().state() == State::New {
            16 * 1024
        } else {
            1024 * 1024
        }
    }
}

/// What both kinds have: `context.get()`, `context.supported(..)`, ...
impl std::ops::Deref for CodecContext {
    type Target = Common;
    fn deref(&self) -> &Common {
        self.common()
    }
}

impl std::ops::DerefMut for CodecContext {
    fn deref_mut(&mut self) -> &mut Common {
        self.common_mut()
    }
}

impl CodecContext {
    /// A context for `codec`: a decoder or an encoder, as the codec is.
    pub fn new(codec: &'static ff::AVCodec) -> Result<Self> {
        let common = Common::new(codec)?;
        // SAFETY: `codec` is a static codec description.
        Ok(if unsafe { ff::av_codec_is_decoder(codec) } != 0 {
            Self::Decoder(Decoder::new(common)?)
        } else {
            Self::Encoder(Encoder::new(common))
        })
    }

    pub fn common(&self) -> &Common {
        match self {
            Self::Decoder(d) => &d.common,
            Self::Encoder(e) => &e.common,
        }
    }

    pub fn common_mut(&mut self) -> &mut Common {
        match self {
            Self::Decoder(d) => &mut d.common,
            Self::Encoder(e) => &mut e.common,
        }
    }

    /// The decoder, for `call`; for an encoder, the error names the calls it takes.
    pub fn decoder(&mut self, call: Call) -> Result<&mut Decoder> {
        match self {
            Self::Decoder(d) => Ok(d),
            Self::Encoder(_) => Err(common::wrong_kind(false, call)),
        }
    }

    /// The encoder, for `call`; for a decoder, the error names the calls it takes.
    pub fn encoder(&mut self, call: Call) -> Result<&mut Encoder> {
        match self {
            Self::Encoder(e) => Ok(e),
            Self::Decoder(_) => Err(common::wrong_kind(true, call)),
        }
    }

    /// Opens the codec (see `Common::open`).
    pub fn open(&mut self, options: Dictionary) -> Result<Vec<String>> {
        match self {
            Self::Decoder(d) => d.open(options),
            Self::Encoder(e) => e.open(options),
        }
    }

    /// Sets a codec option (only while new).
    pub fn set_option(&mut self, name: &str, value: &str, flags: std::ffi::c_int) -> Result<()> {
        match self {
            Self::Decoder(d) => d.set_option(name, value, flags),
            Self::Encoder(e) => e.common.set_option(name, value, flags),
        }
    }

    /// Copies every option of `other`.
    pub fn copy_options_from(&mut self, other: &CodecContext) -> Result<()> {
        match self {
            Self::Decoder(d) => d.copy_options_from(other.common()),
            Self::Encoder(e) => e.common.copy_options_from(other.common()),
        }
    }
}
