//! Decode a file of raw netlink bytes (one datagram: what `recv` on a `NETLINK_ROUTE`
//! socket returned, or a request as sent) and print every message with kernel names.
//!
//! ```sh
//! cargo run -p netlink-codec --example decode_capture -- netlink-codec/tests/corpus/0013-rep.bin
//! ```
//!
//! The corpus files are real captures: what the kernel answered iproute2, and what iproute2
//! sent (see `tests/corpus/README.md`). A malformed datagram prints up to the first bad
//! message, then its error with the byte offset.

mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!(
            "usage: decode_capture FILE   (raw netlink bytes, e.g. tests/corpus/0013-rep.bin)"
        );
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("decode_capture: {}: {e}", path.to_string_lossy());
            return ExitCode::FAILURE;
        }
    };
    match common::print_datagram(&bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("decode_capture: {}: {e}", path.to_string_lossy());
            ExitCode::FAILURE
        }
    }
}
