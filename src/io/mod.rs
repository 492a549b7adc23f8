pub mod bridge;
pub mod callbacks;
pub mod context;
pub mod memory;
pub mod source;
