//! Converters of frames (a scaler, a resampler, a filter graph) that work through whole batches
//! of frames on their own worker thread, as codec contexts decode and encode there: each owns a
//! `Worker`, started by its first batch, so its batches run in order while different converters
//! run in parallel.

use crate::error::Result;
use crate::frame::Frame;
use crate::handle::Native;
use crate::js::sys::{Env, Value};
use crate::task::{Runner, Worker};

pub trait Converter: Native + Send {
    /// What a batch needs besides its frames (a filter graph: which source and sink).
    type Params: Send + 'static;

    /// The converter's worker, once started.
    fn worker_slot(&mut self) -> &mut Option<Worker>;

    /// On the worker: converts `input` (`None`: the end, for what is held back) into new frames
    /// pushed onto `out`. No JavaScript here.
    fn convert_one(
        &mut self,
        params: &Self::Params,
        input: Option<&mut Frame>,
        out: &mut Vec<Frame>,
    ) -> Result<()>;

    /// Where to send batches: the worker, started by the first one (`anchor`: any function).
    fn runner(&mut self, env: Env, anchor: Value) -> Result<Runner> {
        let slot = self.worker_slot();
        if slot.is_none() {
            *slot = Some(Worker::start(env, anchor)?);
        }
        Ok(slot.as_ref().expect("started above").runner())
    }
}
