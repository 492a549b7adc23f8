//! `scaleAsync`, `convertAsync` and `filterAsync`: a batch of frames (packets, for a bitstream
//! filter) through a converter on its queue of the worker pool; resolves to the new items'
//! handles. (Shared by the converters' files in `exports/`.)

use crate::convert::Converter;
use crate::error::{Error, Result, WorkerError};
use crate::handle::{self, Loan};
use crate::js::args::Args;
use crate::js::sys::{Env, Value};
use crate::task::Task;

/// Lends the converter in argument 0 and the items in the array in argument `at` (a null entry:
/// the end) to a batch on the converter's worker; argument `at + 1` is `done`.
pub fn start<C: Converter>(
    args: &Args,
    at: usize,
    params: C::Params,
    op: &'static str,
) -> Result<Value> {
    let env = args.env;
    let done = args.function(at + 1, "done")?;
    let list = args.value(at);
    let item = <C::Item as handle::Native>::NAME;
    let len = env
        .array_length(list)
        .ok_or_else(|| Error::Type(format!("Expected an array of {item}s")))?;
    let mut items = Vec::with_capacity(len as usize);
    for i in 0..len {
        let value = env
            .get_element(list, i)
            .ok_or_else(|| Error::Type(format!("The {item}s could not be read")))?;
        items.push(if env.is_nullish(value) {
            None
        } else {
            Some(Loan::<C::Item>::from_handle(env, value, op)?)
        });
    }
    let mut converter = Loan::<C>::new(args, 0, op)?;
    let runner = converter.runner(env, done)?;
    let batch = Batch {
        converter,
        params,
        items,
        op,
    };
    runner.run(env, batch, done)?;
    Ok(env.undefined())
}

struct Batch<C: Converter> {
    converter: Loan<C>,
    params: C::Params,
    items: Vec<Option<Loan<C::Item>>>,
    op: &'static str,
}

impl<C: Converter> Task for Batch<C> {
    type Output = std::result::Result<Vec<C::Item>, WorkerError>;

    fn compute(&mut self) -> Self::Output {
        let mut out = Vec::new();
        for item in &mut self.items {
            self.converter
                .convert_one(&self.params, item.as_deref_mut(), &mut out)?;
        }
        Ok(out)
    }

    /// The new items, as handles; the error otherwise (items made before it are freed).
    fn resolve(self, env: Env, output: Self::Output) -> Result<Value> {
        for item in self.items.into_iter().flatten() {
            item.give_back(env);
        }
        if self.converter.give_back(env) {
            return Err(Error::State(format!(
                "The {} was destroyed while {}() was running",
                <C as crate::handle::Native>::NAME,
                self.op
            )));
        }
        let made = output.map_err(WorkerError::into_error)?;
        let fail = || Error::out_of_memory("Could not hand over the results");
        let handles = env.array(made.len()).ok_or_else(fail)?;
        for (i, item) in made.into_iter().enumerate() {
            env.set_element(handles, i as u32, handle::handle(env, item)?);
        }
        Ok(handles)
    }
}
