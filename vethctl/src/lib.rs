//! vethctl
pub mod audit;
pub mod render;
