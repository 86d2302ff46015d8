//! `vethctl send`: replay raw requests and show what the kernel answers.
//!
//! The input datagram goes to the kernel exactly as given (sequence numbers included) on a
//! socket from [`socket`] (in `--netns` through [`crate::Netns::socket`]), as the
//! transport's raw batch: then a barrier, an ordinary `NLMSG_NOOP` asking for an ACK, and
//! every answer until the barrier's ACK and the ends of the dumps started.
//!
//! When the kernel dropped answers (`ENOBUFS`: they overflowed the receive buffer), what
//! is still queued is read without waiting and shown, and the overrun is reported
//! ([`Exchange::overrun`]).

use std::io::Write;

use netlink_codec::header::Messages;

use super::error::{bail, Result};
use crate::socket::NlSocket;

/// The kernel's answers to one replayed datagram.
#[derive(Debug, Default)]
pub struct Exchange {
    /// Each datagram the kernel sent back, in order (the barrier's ACK left out).
    pub datagrams: Vec<Vec<u8>>,
    /// Requests answered with an errno (`NLMSG_ERROR` or `NLMSG_DONE` with an error).
    pub errors: usize,
    /// The kernel dropped answers (`ENOBUFS`): `datagrams` holds what arrived, not all.
    pub overrun: bool,
}

/// A `NETLINK_ROUTE` socket in the current namespace, or in the one at `netns`.
pub fn socket(netns: Option<&std::path::Path>) -> Result<NlSocket> {
    Ok(match netns {
        Some(p) => crate::netns::Netns::open(p)?.socket()?,
        None => NlSocket::open()?,
    })
}

/// Send `bytes` (checked to be whole, decodable netlink messages first) and collect the
/// answers until every request ended.
pub fn exchange(sock: &mut NlSocket, bytes: &[u8]) -> Result<Exchange> {
    let mut sink = Vec::new();
    if let Err(e) = crate::render::write_text(&mut sink, bytes) {
        bail!("not sent: the input is not valid netlink: {e}");
    }
    if Messages::new(bytes).next().is_none() {
        bail!("not sent: the input holds no message");
    }
    let got = sock.raw_batch(bytes, "send")?;
    Ok(Exchange {
        datagrams: got.datagrams,
        errors: got.errors,
        overrun: got.overrun,
    })
}

/// Print the answers: per datagram a `#` line then the tree, or JSON Lines only.
pub fn print(out: &mut impl Write, ex: &Exchange, json: bool) -> Result<()> {
    for (i, d) in ex.datagrams.iter().enumerate() {
        if !json {
            writeln!(out, "# answer {}: {} bytes from the kernel", i + 1, d.len())?;
        }
        if let Err(code) = super::decode_to(out, d, json, &format!("answer {}: ", i + 1))? {
            let _ = code;
            bail!("answer {} did not decode", i + 1);
        }
    }
    Ok(())
}
