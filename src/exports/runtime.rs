//! The addon's plumbing and globals: the FFmpegError factory, the helper that runs I/O callbacks
//! for asynchronous operations, FFmpeg's versions and log level, and time arithmetic.

use crate::av;
use crate::error::{self, Error, Result};
use crate::io::bridge;
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::Value;
use crate::pool;

pub fn register(e: &mut Exports) -> Result<()> {
    e.function("setErrorFactory", set_error_factory)?;
    e.function("setAsyncCaller", set_async_caller)?;
    e.function("ioReply", io_reply)?;
    e.function("versions", versions)?;
    e.function("logGetLevel", log_get_level)?;
    e.function("logSetLevel", log_set_level)?;
    e.function("logWarning", log_warning)?;
    e.function("rescaleQ", rescale_q)?;
    e.function("workersGetSize", workers_get_size)?;
    e.function("workersSetSize", workers_set_size)?;
    e.function("workersThreads", workers_threads)?;
    e.constants(constants!(
        AV_LOG_QUIET,
        AV_LOG_PANIC,
        AV_LOG_FATAL,
        AV_LOG_ERROR,
        AV_LOG_WARNING,
        AV_LOG_INFO,
        AV_LOG_VERBOSE,
        AV_LOG_DEBUG,
        AV_LOG_TRACE,
        AV_TIME_BASE,
        AV_OPT_SEARCH_CHILDREN,
        AV_OPT_SEARCH_FAKE_OBJ,
        AV_OPT_ALLOW_NULL,
        AV_OPT_ARRAY_REPLACE,
        AV_OPT_MULTI_COMPONENT_RANGE,
    ))?;
    e.constants(enum_constants!(AVRounding:
        AV_ROUND_ZERO, AV_ROUND_INF, AV_ROUND_DOWN, AV_ROUND_UP, AV_ROUND_NEAR_INF,
        AV_ROUND_PASS_MINMAX,
    ))?;
    e.constants(&[("AV_NOPTS_VALUE", i64::MIN as f64)])
}

/// `setErrorFactory((message, code, errno, log) => FFmpegError)`.
fn set_error_factory(args: &Args) -> Result<Value> {
    error::set_factory(args.env, args.function(0, "factory")?);
    Ok(args.env.undefined())
}

/// `setAsyncCaller(callAsync)`: the helper that runs I/O callbacks for asynchronous operations.
fn set_async_caller(args: &Args) -> Result<Value> {
    bridge::set_caller(args.env, args.function(0, "caller")?);
    Ok(args.env.undefined())
}

/// `ioReply(token, value, isError)`: the outcome of a callback an asynchronous operation ran.
fn io_reply(args: &Args) -> Result<Value> {
    let failed = args.boolean(2, "isError")?;
    bridge::reply(args.env, args.value(0), args.value(1), failed)?;
    Ok(args.env.undefined())
}

/// `workersGetSize()`: how many threads the worker pool runs at once.
fn workers_get_size(args: &Args) -> Result<Value> {
    Ok(args.env.number(pool::size() as f64))
}

/// `workersSetSize(size)`: 1 to 256.
fn workers_set_size(args: &Args) -> Result<Value> {
    let size = args.integer(0, "size", 1.0, pool::MAX_THREADS as f64)?;
    pool::set_size(size as usize);
    Ok(args.env.undefined())
}

/// `workersThreads()`: the pool's threads now.
fn workers_threads(args: &Args) -> Result<Value> {
    Ok(args.env.number(pool::threads() as f64))
}

/// `versions()`: `{ ffmpeg, avutil, ..., configuration, license }`, as `ffmpeg -version` says.
fn versions(args: &Args) -> Result<Value> {
    let env = args.env;
    let failed = || Error::State("Could not describe the versions".into());
    let v = av::versions();
    let object = env.object().ok_or_else(failed)?;
    let set = |name: &str, text: &str| -> Result<()> {
        let value = env.string(text).ok_or_else(failed)?;
        env.set_named(object, name, value)
            .then_some(())
            .ok_or_else(failed)
    };
    set("ffmpeg", &v.ffmpeg)?;
    for (name, version) in &v.libraries {
        set(name, version)?;
    }
    set("configuration", &v.configuration)?;
    set("license", &v.license)?;
    Ok(object)
}

fn log_get_level(args: &Args) -> Result<Value> {
    Ok(args.env.number(crate::log::log_level() as f64))
}

/// Sets the level of FFmpeg's log lines printed to stderr (errors carry theirs whatever it is).
fn log_set_level(args: &Args) -> Result<Value> {
    crate::log::set_log_level(args.int32(0, "level")?);
    Ok(args.env.undefined())
}

/// `logWarning(text)`: a warning of ours in FFmpeg's log (a line of its own).
fn log_warning(args: &Args) -> Result<Value> {
    crate::log::log_warning(&format!("{}\n", args.string(0, "text")?));
    Ok(args.env.undefined())
}

/// `rescaleQ(value, fromNum, fromDen, toNum, toDen)`.
fn rescale_q(args: &Args) -> Result<Value> {
    let a = args.int64(0, "value")?;
    let from = args.rational(1, "the source time base", true)?;
    let to = args.rational(3, "the destination time base", true)?;
    Ok(args.env.number(av::rescale_q(a, from, to) as f64))
}
