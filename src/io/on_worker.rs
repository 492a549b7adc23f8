//! The I/O of an operation that runs on a worker: FFmpeg's callbacks go to the JavaScript thread
//! through a bridge while FFmpeg runs there (`install` at the start of `compute`, `remove` at its
//! end), and `destroy()` of the lent context meanwhile cancels them, so FFmpeg unwinds at once.

use std::sync::Arc;

use crate::handle::{Loan, Native};
use crate::io::bridge::{Bridge, Bridged};
use crate::js::sys::Env;
use crate::task::Runner;

pub struct IoOnWorker(Arc<Bridge>);

impl IoOnWorker {
    /// A bridge to the JavaScript thread for work on `runner`'s worker; `lent`'s `destroy()`
    /// cancels it (`None`: nothing to destroy yet, as while an input is being opened).
    pub fn new<T: Native>(env: Env, runner: &Runner, lent: Option<&Loan<T>>) -> Self {
        let bridge = Bridge::new(runner.tsfn());
        if let Some(lent) = lent {
            let (cancel, tsfn) = (bridge.clone(), runner.tsfn());
            lent.on_destroy(env, move || {
                cancel.cancel();
                // The loop must stay up until the worker lets go of the objects.
                tsfn.keep_alive(env, true);
            });
        }
        Self(bridge)
    }

    pub fn install(&self, context: &mut impl Bridged) {
        context.set_bridge(Some(self.0.clone()));
    }

    pub fn remove(&self, context: &mut impl Bridged) {
        context.set_bridge(None);
    }
}
