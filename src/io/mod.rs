pub mod bridge;
pub mod callbacks;
pub mod context;
pub mod memory;
pub mod on_worker;
pub mod source;
