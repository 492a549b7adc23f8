//! Option discovery: `optionTable(table, name)` lists the options FFmpeg describes for an
//! encoder, decoder, muxer, demuxer, filter or bitstream filter by name, or for every codec
//! context, format context, scaler or resampler (`option_table`).

use crate::error::{Error, Result};
use crate::js::args::Args;
use crate::js::export::Exports;
use crate::js::sys::Value;
use crate::option_table::{self, Table};
use crate::values::ToJs;

pub fn register(e: &mut Exports) -> Result<()> {
    e.function("optionTable", table)
}

/// `optionTable(table, name)`: `table` is "encoder", "decoder", "inputFormat", "outputFormat",
/// "filter", "bitstreamFilter" (with `name`), or "codecContext", "formatContext", "scaler",
/// "resampler".
fn table(args: &Args) -> Result<Value> {
    let which = args.string(0, "table")?;
    let table = Table::parse(&which)
        .ok_or_else(|| Error::Type(format!("Unknown option table {which:?}")))?;
    let name = if args.is_nullish(1) {
        String::new()
    } else {
        args.string(1, "name")?
    };
    option_table::describe(table, &name)?
        .as_slice()
        .to_js(args.env)
}
