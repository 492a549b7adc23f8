//! Converters (a scaler, a resampler, a filter graph over frames; a bitstream filter over
//! packets) that work through whole batches on their own queue of the worker pool, as codec
//! contexts decode and encode there: each owns a `Worker`, started by its first batch, so its
//! batches run in order while different converters run in parallel.

use crate::error::Result;
use crate::handle::Native;
use crate::js::sys::{Env, Value};
use crate::task::{Runner, Worker};

pub trait Converter: Native + Send {
    /// What a batch needs besides its frames (a filter graph: which source and sink).
    type Params: Send + 'static;

    /// What goes in and comes out: a `Frame`, or a `Packet`.
    type Item: Native + Send;

    /// The converter's worker, once started.
    fn worker_slot(&mut self) -> &mut Option<Worker>;

    /// On the worker: converts `input` (`None`: the end, for what is held back) into new items
    /// pushed onto `out`. No JavaScript here.
    fn convert_one(
        &mut self,
        params: &Self::Params,
        input: Option<&mut Self::Item>,
        out: &mut Vec<Self::Item>,
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
