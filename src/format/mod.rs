pub mod common;
pub mod input;
pub mod lookup;
pub mod nested;
pub mod output;
pub mod timeline;
