pub mod args;
pub mod export;
pub mod sys;
