pub mod common;
pub mod input;
pub mod nested;
pub mod output;
pub mod timeline;
