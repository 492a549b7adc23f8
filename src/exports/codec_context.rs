//! CodecContext (with Decoder and Encoder, which name a codec): settings, open, and the
//! send/receive calls of decoding and encoding.

use crate::codec::common::{Call, Produced, State, Supported};
use crate::codec::CodecContext;
use crate::codec_parameters as cp;
use crate::error::{Error, Result};
use crate::fields;
use crate::frame::Frame;
use crate::handle::{self, Loan, Native, Slot};
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::{Env, Value};
use crate::packet::Packet;
use crate::task::Task;
use crate::values::ToJs;

use crate::values::fields::{field_index, set_field};
use crate::values::options;
use crate::values::rational::{rational_out, rational_value, set_rational};

pub fn register(e: &mut Exports) -> Result<()> {
    e.names("codecContextFields", &fields::names(fields::CODEC_CONTEXT))?;
    e.names(
        "codecContextRationalFields",
        &fields::rational_names(fields::CODEC_CONTEXT_RATIONAL),
    )?;
    e.function("codecFind", find)?;
    e.function("codecContextCreate", create)?;
    e.function("codecContextDestroy", destroy)?;
    e.function("codecContextGet", get)?;
    e.function("codecContextSet", set)?;
    e.function("codecContextGetRational", get_rational)?;
    e.function("codecContextSetRational", set_rational_field)?;
    e.function("codecContextGetChannelLayout", get_channel_layout)?;
    e.function("codecContextSetChannelLayout", set_channel_layout)?;
    e.function("codecContextOpen", open)?;
    e.function("codecContextIsOpen", is_open)?;
    e.function("codecContextSendPacket", send_packet)?;
    e.function("codecContextReceiveFrame", receive_frame)?;
    e.function("codecContextSendFrame", send_frame)?;
    e.function("codecContextReceivePacket", receive_packet)?;
    e.function("codecContextDecodeSubtitle", decode_subtitle)?;
    e.function("codecContextEncodeSubtitle", encode_subtitle)?;
    e.function("codecContextDecodeAsync", decode_async)?;
    e.function("codecContextSupported", supported)?;
    e.function("codecContextGetExtraData", get_extra_data)?;
    e.function("codecContextGetSubtitleHeader", get_subtitle_header)?;
    e.function("codecContextSetSubtitleHeader", set_subtitle_header)?;
    e.function("codecContextSetExtraData", set_extra_data)?;
    e.function("codecContextGetOption", get_option)?;
    e.function("codecContextSetOption", set_option)?;
    e.function("codecContextSetOptionDefaults", set_option_defaults)?;
    e.function("codecContextOptionNames", option_names)?;
    e.function("codecContextCopyOptions", copy_options)?;
    e.function("codecContextSetGetFormat", set_get_format)?;
    e.function("codecContextEncodeAsync", encode_async)?;
    e.constants(constants!(AV_FRAME_FLAG_KEY, AV_FRAME_FLAG_CORRUPT))
}

/// The codec in argument `i`: an id (number) or a codec name; `encoder` picks the side.
fn codec_arg(args: &Args, i: usize, encoder: bool) -> Result<&'static ffmpeg_sys_next::AVCodec> {
    let (id, name) = if args.env.number_of(args.value(i)).is_some() {
        (Some(args.int32(i, "codec")?), None)
    } else {
        (None, Some(args.string(i, "codec")?))
    };
    crate::codec::lookup::find_codec(id, name.as_deref(), encoder).ok_or_else(|| {
        let what = name.unwrap_or_else(|| crate::codec::lookup::codec_name(id.unwrap_or(0)));
        let (side, code) = if encoder {
            ("encoder", ffmpeg_sys_next::AVERROR_ENCODER_NOT_FOUND)
        } else {
            ("decoder", ffmpeg_sys_next::AVERROR_DECODER_NOT_FOUND)
        };
        Error::ffmpeg_text(format!("No {side} for {what} in this build"), code)
    })
}

/// `codecFind(codec, encoder)`: the codec's own name ("libdav1d"), or an FFmpegError.
fn find(args: &Args) -> Result<Value> {
    let encoder = args.boolean(1, "encoder")?;
    let codec = codec_arg(args, 0, encoder)?;
    crate::codec::lookup::codec_own_name(codec)
        .as_str()
        .to_js(args.env)
}

/// `codecContextCreate(receiver, codec, encoder)`.
fn create(args: &Args) -> Result<Value> {
    let encoder = args.boolean(2, "encoder")?;
    let codec = codec_arg(args, 1, encoder)?;
    handle::attach(args, 0, CodecContext::new(codec)?)
}

fn destroy(args: &Args) -> Result<Value> {
    Slot::<CodecContext>::from_arg(args, 0)?.destroy();
    Ok(args.env.undefined())
}

pub fn with_context<R>(args: &Args, f: impl FnOnce(&mut CodecContext) -> Result<R>) -> Result<R> {
    Slot::<CodecContext>::from_arg(args, 0)?.with(f)
}

fn get(args: &Args) -> Result<Value> {
    let field = &fields::CODEC_CONTEXT[field_index(args, 1, fields::CODEC_CONTEXT)?];
    with_context(args, |c| Ok(args.env.number((field.get)(c.get()) as f64)))
}

fn set(args: &Args) -> Result<Value> {
    let field = &fields::CODEC_CONTEXT[field_index(args, 1, fields::CODEC_CONTEXT)?];
    with_context(args, |c| set_field(args, field, 2, c.get_mut()?))
}

fn get_rational(args: &Args) -> Result<Value> {
    let table = fields::CODEC_CONTEXT_RATIONAL;
    let field = &table[field_index(args, 1, table)?];
    let r = with_context(args, |c| Ok((field.get)(c.get())))?;
    rational_out(args, 2, r)
}

fn set_rational_field(args: &Args) -> Result<Value> {
    let table = fields::CODEC_CONTEXT_RATIONAL;
    let field = &table[field_index(args, 1, table)?];
    let value = rational_value(args, field, 2)?;
    with_context(args, |c| set_rational(field, c.get_mut()?, value))?;
    Ok(args.env.undefined())
}

/// `codecContextGetChannelLayout(context, out)`: out = [mask, nbChannels].
fn get_channel_layout(args: &Args) -> Result<Value> {
    let (mask, nb) = with_context(args, |c| {
        let layout = &c.get().ch_layout;
        Ok((
            crate::channel_layout::channel_mask(layout),
            layout.nb_channels,
        ))
    })?;
    crate::values::layout::layout_out(args, 1, mask, nb)
}

/// `codecContextSetChannelLayout(context, mask, nbChannels)`.
fn set_channel_layout(args: &Args) -> Result<Value> {
    let (mask, nb) = crate::values::layout::layout_args(args, 1)?;
    with_context(args, |c| {
        cp::set_layout(&mut c.get_mut()?.ch_layout, mask, nb)
    })?;
    Ok(args.env.undefined())
}

/// `codecContextOpen(context, options?)`.
fn open(args: &Args) -> Result<Value> {
    let options = options::dictionary(args, 1)?;
    let unused = with_context(args, |c| c.open(options))?;
    unused.as_slice().to_js(args.env)
}

fn is_open(args: &Args) -> Result<Value> {
    let open = with_context(args, |c| Ok(c.state() != State::New))?;
    Ok(args.env.boolean(open))
}

/// `codecContextSendPacket(context, packet?)`: no packet is the flush.
fn send_packet(args: &Args) -> Result<Value> {
    let sent = if args.is_nullish(1) {
        with_context(args, |c| c.decoder(Call::SendPacket)?.send_packet(None))?
    } else {
        let packet = Slot::<Packet>::from_arg(args, 1)?;
        with_context(args, |c| {
            let decoder = c.decoder(Call::SendPacket)?;
            packet.with(|p| decoder.send_packet(Some(p)))
        })?
    };
    Ok(args.env.boolean(sent))
}

/// `codecContextReceiveFrame(context, frame)`.
fn receive_frame(args: &Args) -> Result<Value> {
    let frame = Slot::<Frame>::from_arg(args, 1)?;
    let got = with_context(args, |c| {
        let decoder = c.decoder(Call::ReceiveFrame)?;
        frame.with(|f| decoder.receive_frame(f))
    })?;
    Ok(args.env.boolean(got))
}

/// `codecContextSendFrame(context, frame?)`: no frame is the flush.
fn send_frame(args: &Args) -> Result<Value> {
    let sent = if args.is_nullish(1) {
        with_context(args, |c| c.encoder(Call::SendFrame)?.send_frame(None))?
    } else {
        let frame = Slot::<Frame>::from_arg(args, 1)?;
        with_context(args, |c| {
            let encoder = c.encoder(Call::SendFrame)?;
            frame.with(|f| encoder.send_frame(Some(f)))
        })?
    };
    Ok(args.env.boolean(sent))
}

/// `codecContextDecodeSubtitle(context, packet?)`: the subtitle the packet made (see
/// `values::subtitle`), or null; no packet is the flush.
fn decode_subtitle(args: &Args) -> Result<Value> {
    let made = if args.is_nullish(1) {
        with_context(args, |c| {
            c.decoder(Call::DecodeSubtitle)?.decode_subtitle(None)
        })?
    } else {
        let packet = Slot::<Packet>::from_arg(args, 1)?;
        with_context(args, |c| {
            let decoder = c.decoder(Call::DecodeSubtitle)?;
            packet.with(|p| decoder.decode_subtitle(Some(p)))
        })?
    };
    match made {
        Some(subtitle) => (&subtitle).to_js(args.env),
        None => Ok(args.env.null()),
    }
}

/// `codecContextEncodeSubtitle(context, subtitle, packet)`: the subtitle encoded into `packet`.
fn encode_subtitle(args: &Args) -> Result<Value> {
    let subtitle = crate::values::subtitle::from_js(args.env, args.value(1))?;
    let packet = Slot::<Packet>::from_arg(args, 2)?;
    with_context(args, |c| {
        let encoder = c.encoder(Call::EncodeSubtitle)?;
        packet.with(|p| encoder.encode_subtitle(&subtitle, p))
    })?;
    Ok(args.env.undefined())
}

/// `codecContextReceivePacket(context, packet)`.
fn receive_packet(args: &Args) -> Result<Value> {
    let packet = Slot::<Packet>::from_arg(args, 1)?;
    let got = with_context(args, |c| {
        let encoder = c.encoder(Call::ReceivePacket)?;
        packet.with(|p| encoder.receive_packet(p))
    })?;
    Ok(args.env.boolean(got))
}

/// `codecContextSupported(context, config)`: null (any value), numbers, or for frame rates
/// [num, den, ...] and for channel layouts [mask, channels, ...], flat, with `kind` telling
/// which: `{ kind: 'any' | 'ints' | 'rationals' | 'layouts', values }`.
fn supported(args: &Args) -> Result<Value> {
    let env = args.env;
    let config = args.int32(1, "config")?;
    let supported = with_context(args, |c| c.supported(config))?;
    let (kind, values): (&str, Vec<f64>) = match supported {
        Supported::Any => ("any", Vec::new()),
        Supported::Ints(v) => ("ints", v.into_iter().map(f64::from).collect()),
        Supported::Rationals(v) => (
            "rationals",
            v.into_iter()
                .flat_map(|r| [r.num as f64, r.den as f64])
                .collect(),
        ),
        Supported::Layouts(v) => (
            "layouts",
            v.into_iter()
                .flat_map(|(m, n)| [m as f64, n as f64])
                .collect(),
        ),
    };
    let fail = || Error::out_of_memory("Could not list the supported values");
    let array = env.array(values.len()).ok_or_else(fail)?;
    for (i, v) in values.into_iter().enumerate() {
        env.set_element(array, i as u32, env.number(v));
    }
    let result = env.object().ok_or_else(fail)?;
    env.set_named(result, "kind", env.string(kind).ok_or_else(fail)?);
    env.set_named(result, "values", array);
    Ok(result)
}

/// `codecContextGetExtraData(context)`: a copy.
fn get_extra_data(args: &Args) -> Result<Value> {
    let bytes = with_context(args, |c| Ok(c.extradata()))?;
    args.env
        .arraybuffer_copy(&bytes)
        .ok_or_else(|| Error::out_of_memory("Could not read extra data"))
}

/// `codecContextSetExtraData(context, bytes)`: before open().
fn set_extra_data(args: &Args) -> Result<Value> {
    let bytes = args.with_bytes(1, "extraData", |b| b.to_vec())?;
    with_context(args, |c| cp::set_extradata(c.get_mut()?, &bytes))?;
    Ok(args.env.undefined())
}

/// `codecContextGetSubtitleHeader(context)`: the ASS header text, or null.
fn get_subtitle_header(args: &Args) -> Result<Value> {
    let header = with_context(args, |c| Ok(crate::subtitle::header(c.get())))?;
    match header {
        Some(text) => text.as_str().to_js(args.env),
        None => Ok(args.env.null()),
    }
}

/// `codecContextSetSubtitleHeader(context, text)`: before open().
fn set_subtitle_header(args: &Args) -> Result<Value> {
    let text = args.string(1, "subtitleHeader")?;
    with_context(args, |c| {
        c.check(Call::Configure)?;
        crate::subtitle::set_header(c.get_mut()?, &text)
    })?;
    Ok(args.env.undefined())
}

/// `codecContextGetOption(context, name, flags)`: the value as text, or null.
fn get_option(args: &Args) -> Result<Value> {
    let name = args.string(1, "name")?;
    let flags = args.int32(2, "flags")?;
    options::value(args.env, with_context(args, |c| c.option(&name, flags))?)
}

/// `codecContextSetOption(context, name, value, flags)`.
fn set_option(args: &Args) -> Result<Value> {
    let name = args.string(1, "name")?;
    let value = args.string(2, "value")?;
    let flags = args.int32(3, "flags")?;
    with_context(args, |c| c.set_option(&name, &value, flags))?;
    Ok(args.env.undefined())
}

fn set_option_defaults(args: &Args) -> Result<Value> {
    with_context(args, |c| c.set_option_defaults())?;
    Ok(args.env.undefined())
}

/// `codecContextOptionNames(context, flags)`.
fn option_names(args: &Args) -> Result<Value> {
    let flags = args.int32(1, "flags")?;
    with_context(args, |c| Ok(c.option_names(flags)))?
        .as_slice()
        .to_js(args.env)
}

/// `codecContextCopyOptions(dst, src)`.
fn copy_options(args: &Args) -> Result<Value> {
    let source = Slot::<CodecContext>::from_arg(args, 1)?;
    if std::ptr::eq(source, Slot::<CodecContext>::from_arg(args, 0)?) {
        return Ok(args.env.undefined());
    }
    with_context(args, |dst| source.with(|src| dst.copy_options_from(src)))?;
    Ok(args.env.undefined())
}

/// `codecContextSetGetFormat(context, callback)`: `callback(formats)` chooses the pixel format.
fn set_get_format(args: &Args) -> Result<Value> {
    let callback = args.function(1, "getFormat")?;
    with_context(args, |c| match c {
        CodecContext::Decoder(d) => d.set_get_format(args.env, callback),
        CodecContext::Encoder(_) => Ok(()), // an encoder never asks for a pixel format
    })?;
    Ok(args.env.undefined())
}

/// `codecContextDecodeAsync(context, packet?, done)`: on the context's worker, sends the packet
/// (none: the flush) and receives every frame it gives; resolves to the frames' handles.
fn decode_async(args: &Args) -> Result<Value> {
    with_context(args, |c| {
        let decoder = c.decoder(Call::SendPacket)?;
        decoder.check_off_thread()?;
        decoder.check(Call::SendPacket)
    })?;
    start::<Packet, Frame>(args, "decodeAsync", |c, p| {
        match c.decoder(Call::SendPacket) {
            Ok(decoder) => decoder.decode(p),
            Err(_) => Produced::refused(),
        }
    })
}

/// `codecContextEncodeAsync(context, frame?, done)`: the same for an encoder, from a frame (none:
/// the flush) to packets.
fn encode_async(args: &Args) -> Result<Value> {
    with_context(args, |c| c.encoder(Call::SendFrame)?.check(Call::SendFrame))?;
    if !args.is_nullish(1) {
        let frame = Slot::<Frame>::from_arg(args, 1)?;
        with_context(args, |c| {
            let encoder = c.encoder(Call::SendFrame)?;
            frame.with(|f| encoder.check_frame(f))
        })?;
    }
    start::<Frame, Packet>(args, "encodeAsync", |c, f| {
        match c.encoder(Call::SendFrame) {
            Ok(encoder) => encoder.encode(f),
            Err(_) => Produced::refused(),
        }
    })
}

/// Lends the context in argument 0 and the input in argument 1 (if any) to `work`, on the
/// context's worker; argument 2 is `done`.
fn start<I: Native + Send, T: Native + Send>(
    args: &Args,
    op: &'static str,
    work: fn(&mut CodecContext, Option<&I>) -> Produced<T>,
) -> Result<Value> {
    let env = args.env;
    let done = args.function(2, "done")?;
    let input = if args.is_nullish(1) {
        None
    } else {
        Some(Loan::<I>::new(args, 1, op)?)
    };
    let mut context = Loan::<CodecContext>::new(args, 0, op)?;
    let runner = context.worker(env, done)?.runner();
    runner.run(
        env,
        Coding {
            context,
            input,
            work,
            op,
        },
        done,
    )?;
    Ok(env.undefined())
}

/// One trip of a codec to its worker: what it sends, and what it makes of it.
struct Coding<I: Native + Send, T: Native + Send> {
    context: Loan<CodecContext>,
    input: Option<Loan<I>>,
    work: fn(&mut CodecContext, Option<&I>) -> Produced<T>,
    op: &'static str,
}

impl<I: Native + Send, T: Native + Send> Task for Coding<I, T> {
    type Output = Produced<T>;

    fn compute(&mut self) -> Produced<T> {
        (self.work)(&mut self.context, self.input.as_deref())
    }

    /// The items, as handles; with FFmpeg's error, if there was one, as their `error`.
    fn resolve(self, env: Env, produced: Produced<T>) -> Result<Value> {
        if let Some(input) = self.input {
            input.give_back(env);
        }
        let codec = (produced.code < 0).then(|| self.context.codec_name());
        if self.context.give_back(env) {
            return Err(Error::State(format!(
                "The CodecContext was destroyed while {}() was running",
                self.op
            )));
        }
        let fail = || Error::out_of_memory("Could not hand over what was produced");
        let handles = env.array(produced.items.len()).ok_or_else(fail)?;
        for (i, item) in produced.items.into_iter().enumerate() {
            env.set_element(handles, i as u32, handle::handle(env, item)?);
        }
        // FFmpeg's error travels with what was produced before and after it (lib/ rejects with
        // it, the items attached), so that nothing decoded is lost.
        if let Some(codec) = codec {
            let verb = if self.op == "decodeAsync" {
                "decode"
            } else {
                "encode"
            };
            let doing = format!("Could not {verb} ({codec})");
            let error = Error::ffmpeg(&doing, produced.code).with_log(produced.log);
            env.set_named(handles, "error", error.into_value(env));
        }
        Ok(handles)
    }
}
