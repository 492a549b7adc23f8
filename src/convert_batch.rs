//! `scaleAsync`, `convertAsync` and `filterAsync`: a batch of frames through a converter on its
//! queue of the worker pool; resolves to the new frames' handles. (Shared by the converters'
//! files in `exports/`.)

use crate::convert::Converter;
use crate::error::{Error, Result, WorkerError};
use crate::frame::Frame;
use crate::handle::{self, Loan};
use crate::js::args::Args;
use crate::js::sys::{Env, Value};
use crate::task::Task;

/// Lends the converter in argument 0 and the frames in the array in argument `at` (a null entry:
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
    let len = env
        .array_length(list)
        .ok_or_else(|| Error::Type("frames must be an array of Frames".into()))?;
    let mut frames = Vec::with_capacity(len as usize);
    for i in 0..len {
        let value = env
            .get_element(list, i)
            .ok_or_else(|| Error::Type("frames could not be read".into()))?;
        frames.push(if env.is_nullish(value) {
            None
        } else {
            Some(Loan::<Frame>::from_handle(env, value, op)?)
        });
    }
    let mut converter = Loan::<C>::new(args, 0, op)?;
    let runner = converter.runner(env, done)?;
    let batch = Batch {
        converter,
        params,
        frames,
        op,
    };
    runner.run(env, batch, done)?;
    Ok(env.undefined())
}

struct Batch<C: Converter> {
    converter: Loan<C>,
    params: C::Params,
    frames: Vec<Option<Loan<Frame>>>,
    op: &'static str,
}

impl<C: Converter> Task for Batch<C> {
    type Output = std::result::Result<Vec<Frame>, WorkerError>;

    fn compute(&mut self) -> Self::Output {
        let mut out = Vec::new();
        for frame in &mut self.frames {
            self.converter
                .convert_one(&self.params, frame.as_deref_mut(), &mut out)?;
        }
        Ok(out)
    }

    /// The new frames, as handles; the error otherwise (frames made before it are freed).
    fn resolve(self, env: Env, output: Self::Output) -> Result<Value> {
        for frame in self.frames.into_iter().flatten() {
            frame.give_back(env);
        }
        if self.converter.give_back(env) {
            return Err(Error::State(format!(
                "The {} was destroyed while {}() was running",
                <C as crate::handle::Native>::NAME,
                self.op
            )));
        }
        let frames = output.map_err(WorkerError::into_error)?;
        let fail = || Error::out_of_memory("Could not hand over the frames");
        let handles = env.array(frames.len()).ok_or_else(fail)?;
        for (i, frame) in frames.into_iter().enumerate() {
            env.set_element(handles, i as u32, handle::handle(env, frame)?);
        }
        Ok(handles)
    }
}
