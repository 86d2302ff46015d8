//! Kernel tests for vethctl.
