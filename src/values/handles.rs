//! Arguments that are handles of more than one kind, or several at once: the input or output
//! context of a stream call, codec parameters (standalone or a stream's), two distinct frames
//! for a converter, the `onopen` hooks.

use ffmpeg_sys_next as ff;

use crate::codec_parameters::OwnedCodecParameters;
use crate::error::{Error, Result};
use crate::format::common::Common;
use crate::format::input::InputContext;
use crate::format::nested::Hooks;
use crate::format::output::{Call, OutputContext};
use crate::frame::Frame;
use crate::handle::Slot;
use crate::js::args::Args;

/// What a call does to the context, for the checks.
#[derive(Clone, Copy)]
pub enum Access {
    Read,
    /// Changes the container's own fields (duration, ...): fine on an input (the published API
    /// lets it be set), checked against an output's state.
    ChangeContainer(&'static str),
    /// Changes streams, their parameters or the metadata.
    ChangeStreams(&'static str),
}

/// Runs `f` on the common part of the input or output context in argument 0.
pub fn with_common<R>(
    args: &Args,
    access: Access,
    f: impl FnOnce(&mut Common) -> Result<R>,
) -> Result<R> {
    if Slot::<InputContext>::is_arg(args, 0) {
        return Slot::<InputContext>::from_arg(args, 0)?.with(|input| f(&mut input.common));
    }
    Slot::<OutputContext>::from_arg(args, 0)?.with(|output| {
        if let Access::ChangeContainer(what) | Access::ChangeStreams(what) = access {
            output.check(Call::Change(what))?;
        }
        f(&mut output.common)
    })
}

/// The `onopen` hooks in arguments `i` (`open(url, flags)`) and `i + 1` (`closed(handle)`) that
/// lib/opener.js makes; `None` when the context has no `onopen`.
pub fn hooks_arg(args: &Args, i: usize) -> Result<Option<Hooks>> {
    let Some(open) = args.optional_function(i, "open")? else {
        return Ok(None);
    };
    let closed = args.function(i + 1, "closed")?;
    Ok(Some(Hooks::new(args.env, open, closed)))
}

/// The frames in arguments `a` and `b` (named in the error: "source", "target"), which must be
/// two different frames: the converters would read and write the same planes.
pub fn two_frames<'a>(
    args: &'a Args,
    (a, a_name): (usize, &str),
    (b, b_name): (usize, &str),
) -> Result<(&'a Slot<Frame>, &'a Slot<Frame>)> {
    let (first, second) = (
        Slot::<Frame>::from_arg(args, a)?,
        Slot::<Frame>::from_arg(args, b)?,
    );
    if std::ptr::eq(first, second) {
        return Err(Error::Type(format!(
            "The {a_name} and the {b_name} must be different frames"
        )));
    }
    Ok((first, second))
}

/// Runs `f` on the codec parameters addressed by arguments `i` and `i + 1`: standalone ones
/// (their own handle; the index is ignored), or a stream's (its context's handle, the stream
/// index).
pub fn with_parameters_at<R>(
    args: &Args,
    i: usize,
    access: Access,
    f: impl FnOnce(&mut ff::AVCodecParameters) -> Result<R>,
) -> Result<R> {
    if Slot::<OwnedCodecParameters>::is_arg(args, i) {
        return Slot::<OwnedCodecParameters>::from_arg(args, i)?.with(|p| f(p.get_mut()));
    }
    let index = args.integer(i + 1, "stream index", 0.0, u32::MAX as f64)?;
    with_common_at(args, i, access, |c| f(c.codec_parameters(index)?))
}

/// `with_common` for a context in argument `i`; a context other than argument 0's is only read.
fn with_common_at<R>(
    args: &Args,
    i: usize,
    access: Access,
    f: impl FnOnce(&mut crate::format::common::Common) -> Result<R>,
) -> Result<R> {
    if i == 0 {
        return with_common(args, access, f);
    }
    // Only read: either kind of context will do.
    if Slot::<InputContext>::is_arg(args, i) {
        return Slot::<InputContext>::from_arg(args, i)?.with(|c| f(&mut c.common));
    }
    Slot::<OutputContext>::from_arg(args, i)?.with(|c| f(&mut c.common))
}
