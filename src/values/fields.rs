//! Numeric fields by index (`fields.rs`'s tables): the index argument, and a value set from an
//! argument, checked to fit the C field.

use crate::error::{Error, Result};
use crate::fields::Field;
use crate::js::args::Args;
use crate::js::sys::Value;

/// The index argument `i` as an index into `table`.
pub fn field_index<T>(args: &Args, i: usize, table: &[T]) -> Result<usize> {
    Ok(args.integer(i, "field", 0.0, table.len() as f64 - 1.0)? as usize)
}

/// Sets `field` of `target` from argument `i`, checked to fit the C field.
pub fn set_field<T>(args: &Args, field: &Field<T>, i: usize, target: &mut T) -> Result<Value> {
    let Some(set) = field.set else {
        return Err(Error::Type(format!("{} is read-only", field.name)));
    };
    let value = if field.wide {
        args.int64(i, field.name)?
    } else {
        args.int32(i, field.name)? as i64
    };
    set(target, value)?;
    Ok(args.env.undefined())
}
