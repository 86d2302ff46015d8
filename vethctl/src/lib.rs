//! vethctl
