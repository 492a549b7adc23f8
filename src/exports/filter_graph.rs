//! FilterGraph, FilterContext (a filter of a graph, by index) and Filter (a filter's name).

use crate::error::Result;
use crate::filter_graph::{self, FilterGraph, InOut, Pulled};
use crate::frame::Frame;
use crate::handle::{self, Slot};
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::Value;
use crate::values::ToJs;

use crate::values::options;

pub fn register(e: &mut Exports) -> Result<()> {
    e.function("filterGraphCreate", create)?;
    e.function("filterGraphDestroy", destroy)?;
    e.function("filterGraphCreateFilter", create_filter)?;
    e.function("filterGraphParse", parse)?;
    e.function("filterGraphConfigure", configure)?;
    e.function("filterGraphPush", push)?;
    e.function("filterGraphPull", pull)?;
    e.function("filterGraphFilterAsync", filter_async)?;
    e.function("filterGraphFilterCount", filter_count)?;
    e.function("filterGraphDescribeFilter", describe_filter)?;
    e.function("filterGetOption", get_option)?;
    e.function("filterSetOption", set_option)?;
    e.function("filterSetOptionDefaults", set_option_defaults)?;
    e.function("filterOptionNames", option_names)?;
    e.function("filterExists", exists)
}

fn with_graph<R>(args: &Args, f: impl FnOnce(&mut FilterGraph) -> Result<R>) -> Result<R> {
    Slot::<FilterGraph>::from_arg(args, 0)?.with(f)
}

/// The filter index in argument `i`.
fn index(args: &Args, i: usize) -> Result<usize> {
    Ok(args.integer(i, "filter", 0.0, u32::MAX as f64)? as usize)
}

fn create(args: &Args) -> Result<Value> {
    handle::attach(args, 0, FilterGraph::new()?)
}

fn destroy(args: &Args) -> Result<Value> {
    Slot::<FilterGraph>::from_arg(args, 0)?.destroy();
    Ok(args.env.undefined())
}

/// `filterGraphCreateFilter(graph, filter, name, args?)`: the new filter's index.
fn create_filter(args: &Args) -> Result<Value> {
    let filter = args.string(1, "filter")?;
    let name = args.optional_string(2, "name")?;
    let text = args.optional_string(3, "args")?;
    let index = with_graph(args, |g| {
        g.create_filter(&filter, name.as_deref(), text.as_deref())
    })?;
    Ok(args.env.number(index as f64))
}

/// The ends in arguments `i` (labels) and `i + 1` (a Float64Array of (filter, pad, labelled)
/// triples; the label of an end that has none is ignored).
fn ends(args: &Args, i: usize) -> Result<Vec<InOut>> {
    let names = args.strings(i, "names")?;
    if names.is_empty() {
        return Ok(Vec::new());
    }
    let numbers = args.with_f64s(i + 1, |n| n.to_vec())?;
    Ok(names
        .into_iter()
        .zip(numbers.chunks_exact(3))
        .map(|(name, n)| InOut {
            name: (n[2] != 0.0).then_some(name),
            filter: n[0] as usize,
            pad: n[1] as i32,
        })
        .collect())
}

/// `filterGraphParse(graph, description, inputNames, inputEnds, outputNames, outputEnds)`.
fn parse(args: &Args) -> Result<Value> {
    let description = args.string(1, "filterDescription")?;
    let (inputs, outputs) = (ends(args, 2)?, ends(args, 4)?);
    with_graph(args, |g| g.parse(&description, &inputs, &outputs))?;
    Ok(args.env.undefined())
}

fn configure(args: &Args) -> Result<Value> {
    with_graph(args, |g| g.configure())?;
    Ok(args.env.undefined())
}

/// `filterGraphPush(graph, filter, frame?)`: 0, or FFmpeg's negative code (as the published
/// package returns it; its log lines are in FFmpeg's log).
fn push(args: &Args) -> Result<Value> {
    let index = index(args, 1)?;
    let (r, _) = if args.is_nullish(2) {
        with_graph(args, |g| g.push(index, None))?
    } else {
        let frame = Slot::<Frame>::from_arg(args, 2)?;
        with_graph(args, |g| frame.with(|f| g.push(index, Some(f))))?
    };
    Ok(args.env.number(r as f64))
}

/// `filterGraphPull(graph, filter, frame)`: 0 for a frame, else AVERROR(EAGAIN) or AVERROR_EOF
/// as FFmpeg (and the published package) has them.
fn pull(args: &Args) -> Result<Value> {
    let index = index(args, 1)?;
    let frame = Slot::<Frame>::from_arg(args, 2)?;
    let code = match with_graph(args, |g| frame.with(|f| g.pull(index, f)))? {
        Pulled::Frame => 0,
        Pulled::Again => ffmpeg_sys_next::AVERROR(libc::EAGAIN),
        Pulled::End => ffmpeg_sys_next::AVERROR_EOF,
    };
    Ok(args.env.number(code as f64))
}

/// `filterGraphFilterAsync(graph, source, sink, frames, done)`: on the graph's worker, pushes
/// each frame (null: the end) into the source and pulls what the sink has after each.
fn filter_async(args: &Args) -> Result<Value> {
    let (source, sink) = (index(args, 1)?, index(args, 2)?);
    with_graph(args, |g| g.check_ends(source, sink))?;
    crate::convert_batch::start::<FilterGraph>(args, 3, (source, sink), "filterAsync")
}

fn filter_count(args: &Args) -> Result<Value> {
    let n = with_graph(args, |g| Ok(g.len()))?;
    Ok(args.env.number(n as f64))
}

/// `filterGraphDescribeFilter(graph, filter)`: `[name, filter]`.
fn describe_filter(args: &Args) -> Result<Value> {
    let index = index(args, 1)?;
    let (name, kind) = with_graph(args, |g| g.describe(index))?;
    [name, kind].as_slice().to_js(args.env)
}

/// `filterGetOption(graph, filter, name, flags)`: the value as text, or null.
fn get_option(args: &Args) -> Result<Value> {
    let index = index(args, 1)?;
    let name = args.string(2, "name")?;
    let flags = args.int32(3, "flags")?;
    let value = with_graph(args, |g| g.options(index, false)?.get(&name, flags))?;
    options::value(args.env, value)
}

/// `filterSetOption(graph, filter, name, value, flags)`.
fn set_option(args: &Args) -> Result<Value> {
    let index = index(args, 1)?;
    let name = args.string(2, "name")?;
    let value = args.string(3, "value")?;
    let flags = args.int32(4, "flags")?;
    with_graph(args, |g| g.options(index, true)?.set(&name, &value, flags))?;
    Ok(args.env.undefined())
}

fn set_option_defaults(args: &Args) -> Result<Value> {
    let index = index(args, 1)?;
    with_graph(args, |g| {
        g.options(index, true)?.set_defaults();
        Ok(())
    })?;
    Ok(args.env.undefined())
}

/// `filterOptionNames(graph, filter, flags)`.
fn option_names(args: &Args) -> Result<Value> {
    let index = index(args, 1)?;
    let flags = args.int32(2, "flags")?;
    let names = with_graph(args, |g| Ok(g.options(index, false)?.names(flags)))?;
    names.as_slice().to_js(args.env)
}

/// `filterExists(name)`.
fn exists(args: &Args) -> Result<Value> {
    let name = args.string(0, "name")?;
    Ok(args.env.boolean(filter_graph::find_filter(&name).is_ok()))
}
