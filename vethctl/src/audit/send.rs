//! `vethctl send`: replay raw requests and show what the kernel answers.
//!
//! The input datagram goes to the kernel exactly as given (sequence numbers included) in
//! one `sendmsg` on a socket from [`NlSocket::open`] (in `--netns` through
//! [`crate::netns::Netns::socket`]). Then a second `sendmsg` carries a barrier: an
//! `NLMSG_NOOP` with `NLM_F_REQUEST|NLM_F_ACK`. rtnetlink handles a datagram inside
//! `sendmsg`, message after message, and acknowledges control messages that ask for it,
//! so once the barrier's ACK arrives every answer to the input is queued before it, also
//! for requests that have no `NLM_F_ACK` and succeed silently. Dumps continue after the
//! barrier until their `NLMSG_DONE`; a dump that sent nothing before the barrier's ACK
//! was never started (the kernel skips a message without `NLM_F_REQUEST`), so it is not
//! waited for.
//!
//! When the kernel dropped answers (`ENOBUFS`: they overflowed the receive buffer), what
//! is still queued is read without waiting and shown, and the overrun is reported
//! ([`Exchange::overrun`]).

use std::collections::BTreeSet;
use std::io::Write;

use anyhow::{bail, Context};
use netlink_codec::header::{Messages, NlMsgHdr, NlmFlags, NLMSG_DONE, NLMSG_ERROR, NLMSG_NOOP};
use zerocopy::IntoBytes;

use crate::request::{Policy, Request};
use crate::socket::NlSocket;

/// Receive buffer: larger than any datagram rtnetlink sends (dump parts are at most
/// 32 KiB).
const RECV_LEN: usize = 64 * 1024;

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
pub fn socket(netns: Option<&std::path::Path>) -> anyhow::Result<NlSocket> {
    Ok(match netns {
        Some(p) => crate::netns::Netns::open(p)?.socket()?,
        None => NlSocket::open()?,
    })
}

/// Send `bytes` (checked to be whole, decodable netlink messages first) and collect the
/// answers until every request ended.
pub fn exchange(sock: &mut NlSocket, bytes: &[u8]) -> anyhow::Result<Exchange> {
    let mut sink = Vec::new();
    if let Err(e) = crate::render::write_text(&mut sink, bytes) {
        bail!("not sent: the input is not valid netlink: {e}");
    }
    let mut seqs = BTreeSet::new();
    let mut dumps = BTreeSet::new();
    for m in Messages::new(bytes) {
        let m = m?;
        seqs.insert(m.seq());
        let whole = &bytes[m.offset()..m.offset() + NlMsgHdr::LEN + m.payload().len()];
        if Request::new("", whole.to_vec(), Policy::STRICT).is_dump() {
            dumps.insert(m.seq());
        }
    }
    if seqs.is_empty() {
        bail!("not sent: the input holds no message");
    }
    // The barrier's sequence number: one no request uses.
    let barrier_seq = (0..=u32::MAX)
        .rev()
        .find(|s| !seqs.contains(s))
        .context("every sequence number is taken")?;
    let barrier = NlMsgHdr {
        nlmsg_len: 16.into(),
        nlmsg_type: NLMSG_NOOP.into(),
        nlmsg_flags: (NlmFlags::REQUEST | NlmFlags::ACK).bits().into(),
        nlmsg_seq: barrier_seq.into(),
        nlmsg_pid: 0.into(),
    };
    sock.send_datagram(bytes, "send")?;
    sock.send_datagram(barrier.as_bytes(), "send (barrier)")?;

    let mut ex = Exchange::default();
    let mut barrier_seen = false;
    let mut answered = BTreeSet::new();
    let mut buf = vec![0u8; RECV_LEN];
    // Until the barrier's ACK and every started dump's end; after an overrun, until
    // nothing more is waiting (the barrier's ACK may be among what was dropped).
    while ex.overrun || !barrier_seen || !dumps.is_empty() {
        let got = match sock.recv_datagram(&mut buf, !ex.overrun, "send") {
            Ok(Some(got)) => got,
            Ok(None) => break,
            Err(crate::error::Error::Sys {
                errno: netlink_codec::Errno::ENOBUFS,
                ..
            }) => {
                ex.overrun = true;
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let (len, from_kernel) = got;
        if !from_kernel {
            continue;
        }
        let dgram = &buf[..len];
        let mut only_barrier = true;
        for m in Messages::new(dgram) {
            let Ok(m) = m else {
                only_barrier = false;
                break;
            };
            let ends = matches!(m.msg_type(), NLMSG_ERROR | NLMSG_DONE);
            let err = m
                .payload()
                .get(..4)
                .map_or(0, |e| i32::from_ne_bytes([e[0], e[1], e[2], e[3]]));
            if m.msg_type() == NLMSG_ERROR && m.seq() == barrier_seq {
                barrier_seen = true;
                // A dump that sent nothing yet was never started.
                dumps.retain(|s| answered.contains(s));
                continue;
            }
            only_barrier = false;
            answered.insert(m.seq());
            if ends {
                dumps.remove(&m.seq());
                ex.errors += usize::from(err != 0);
            }
        }
        if !only_barrier {
            ex.datagrams.push(dgram.to_vec());
        }
        if ex.overrun && barrier_seen && dumps.is_empty() {
            break;
        }
    }
    Ok(ex)
}

/// Print the answers: per datagram a `#` line then the tree, or JSON Lines only.
pub fn print(out: &mut impl Write, ex: &Exchange, json: bool) -> anyhow::Result<()> {
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
