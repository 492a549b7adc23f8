pub mod common;
pub mod input;
pub mod output;
pub mod timeline;
