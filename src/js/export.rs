//! What `binding.js` sees: each `exports/*.rs` file registers its functions, field names and
//! constants here. A native function is `fn(&Args) -> Result<Value>`; its error becomes the
//! JavaScript exception at this edge.
//!
//! Every function goes through one dispatcher: js.h hands it the index of the function (the
//! function's data) and the arguments in a fixed array, so a call allocates nothing.

use std::sync::Mutex;

use crate::error::{Error, Result};
use crate::js::args::Args;
use crate::js::sys::{self, Env, FastFn, Value, MAX_ARGS};

pub type NativeFn = fn(&Args) -> Result<Value>;

// The table of functions, in registration order: the same for every environment (each Bare
// thread registers the same list), so an index means the same function everywhere.
static FUNCTIONS: Mutex<Vec<(&'static str, NativeFn, Option<FastFn>)>> = Mutex::new(Vec::new());
static TABLE: std::sync::OnceLock<Vec<NativeFn>> = std::sync::OnceLock::new();
static FAST: std::sync::OnceLock<Vec<Option<FastFn>>> = std::sync::OnceLock::new();

fn fast_lookup(index: usize) -> Option<FastFn> {
    FAST.get()?.get(index).copied().flatten()
}

fn dispatch(env: Env, index: usize, argv: [Value; MAX_ARGS]) -> Option<Value> {
    let f = TABLE.get()?.get(index)?;
    match f(&Args::new(env, argv)) {
        Ok(value) => Some(value),
        Err(error) => {
            let value = error.into_value(env);
            env.throw(value);
            None
        }
    }
}

/// The exports object being built.
pub struct Exports {
    env: Env,
    object: Value,
    constants: Value,
    count: usize,
}

impl Exports {
    pub fn new(env: Env) -> Result<Self> {
        let fail = || Error::State("Could not create the exports object".into());
        let object = env.object().ok_or_else(fail)?;
        let constants = env.object().ok_or_else(fail)?;
        sys::set_dispatcher(dispatch);
        sys::set_fast_lookup(fast_lookup);
        Ok(Self {
            env,
            object,
            constants,
            count: 0,
        })
    }

    /// `exports[name] = function (...args) { return f(args) }`.
    pub fn function(&mut self, name: &'static str, f: NativeFn) -> Result<()> {
        self.add(name, f, None)
    }

    /// The same, with a fast path that optimized JavaScript calls directly (see `FastFn`): for
    /// the calls made once per packet, where the call itself costs as much as the work.
    pub fn fast_function(&mut self, name: &'static str, f: NativeFn, fast: FastFn) -> Result<()> {
        self.add(name, f, Some(fast))
    }

    fn add(&mut self, name: &'static str, f: NativeFn, fast: Option<FastFn>) -> Result<()> {
        let index = self.count;
        self.count += 1;
        {
            let mut functions = FUNCTIONS.lock().unwrap_or_else(|e| e.into_inner());
            if functions.len() == index {
                functions.push((name, f, fast));
            } else if functions[index].0 != name {
                return Err(Error::State(format!(
                    "exports registered out of order at {name}"
                )));
            }
        }
        let function = match fast {
            None => self.env.native_function(name, index),
            Some(fast) => self.env.typed_function(name, index, fast),
        }
        .ok_or_else(|| Error::State(format!("Could not create the function {name}")))?;
        self.set(name, function)
    }

    /// `exports[name] = [...names]` (the field names a class looks its indexes up by).
    pub fn names(&mut self, name: &str, names: &[&str]) -> Result<()> {
        let env = self.env;
        let array = env.array(names.len()).ok_or_else(|| self.failed(name))?;
        for (i, n) in names.iter().enumerate() {
            let s = env.string(n).ok_or_else(|| self.failed(name))?;
            env.set_element(array, i as u32, s);
        }
        self.set(name, array)
    }

    /// Adds FFmpeg's values to `exports.constants` (lib/constants.js groups them).
    pub fn constants(&mut self, list: &[(&str, f64)]) -> Result<()> {
        for (name, value) in list {
            if !self
                .env
                .set_named(self.constants, name, self.env.number(*value))
            {
                return Err(self.failed(name));
            }
        }
        Ok(())
    }

    pub fn set(&mut self, name: &str, value: Value) -> Result<()> {
        if self.env.set_named(self.object, name, value) {
            Ok(())
        } else {
            Err(self.failed(name))
        }
    }

    fn failed(&self, name: &str) -> Error {
        Error::State(format!("Could not export {name}"))
    }

    /// The finished exports object; freezes the function table for the dispatcher.
    pub fn finish(mut self) -> Result<Value> {
        let constants = self.constants;
        self.set("constants", constants)?;
        let functions = FUNCTIONS.lock().unwrap_or_else(|e| e.into_inner());
        let _ = TABLE.set(functions.iter().map(|(_, f, _)| *f).collect());
        let _ = FAST.set(functions.iter().map(|(_, _, fast)| *fast).collect());
        Ok(self.object)
    }
}
