//! A `NETLINK_ROUTE` socket: the one place that sends (`sendmsg`) and receives
//! (`recvmmsg`), and tells who sent a datagram ([`Sender`]). What the datagrams mean is
//! for [`super::batch`] (answers) and [`super::watch`] (notifications).
//!
//! - Options: `NETLINK_EXT_ACK` (the kernel explains its refusals),
//!   `NETLINK_GET_STRICT_CHK` (dump filters are honoured, bad requests refused),
//!   `SO_RCVTIMEO` (a silent kernel is a timeout, not a hang), `SOCK_CLOEXEC`.
//! - Datagrams are received with `recvmmsg` into 64 KiB slots ([`Take::Batch`]); a
//!   datagram that does not fit (`MSG_TRUNC`) is an error naming its real length. Or one
//!   at a time, whole, into a buffer grown to its peeked length ([`Take::Whole`], for
//!   `vethctl monitor`). `EINTR` is an empty receive; `ENOBUFS` (the kernel dropped
//!   datagrams) is [`Received::Overrun`], or an error for [`NlSocket::receive`]. Each
//!   datagram comes with its sender and the multicast groups it was sent to.

use std::io::{IoSlice, IoSliceMut};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd, RawFd};

use netlink_codec::Errno;
use nix::errno::Errno as NixErrno;
use nix::sys::socket::{
    recvmmsg, sendmsg, setsockopt, socket, sockopt, AddressFamily, MsgFlags, MultiHeaders,
    NetlinkAddr, SockFlag, SockProtocol, SockType, SockaddrLike,
};
use nix::sys::time::TimeVal;
use nix::{setsockopt_impl, sockopt_impl};

use crate::error::{Error, Result};

// The watch, where callers have always found it.
pub(crate) use super::watch::{wait_local_routes, RouteWatch};

// `nix` has no wrappers for the netlink-level options; its macro generates the (safe)
// `SetSockOpt` implementations, with the `setsockopt(2)` call inside it.
sockopt_impl!(
    /// `NETLINK_EXT_ACK`: extended-ACK attributes (message, offset) in error answers.
    NetlinkExtAck,
    SetOnly,
    libc::SOL_NETLINK,
    libc::NETLINK_EXT_ACK,
    bool
);
sockopt_impl!(
    /// `NETLINK_GET_STRICT_CHK`: strict checking of `RTM_GET*` requests, dump filters.
    GetStrictChk,
    SetOnly,
    libc::SOL_NETLINK,
    libc::NETLINK_GET_STRICT_CHK,
    bool
);

/// Who sent a datagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Sender {
    /// The kernel, to this socket (port 0, no group).
    Kernel,
    /// The kernel, to a multicast group (port 0, a group).
    Group,
    /// Anyone else.
    #[default]
    Other,
}

/// Which of a socket's descriptors to receive on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Queue {
    /// The descriptor requests go out on and answers come back to.
    Answers,
    /// The notification descriptor of a watch ([`NlSocket::open_watching`]).
    Watch,
}

/// Bytes per receive slot: larger than any datagram the kernel sends (dump datagrams are
/// at most 32 KiB; a single reply of a `RTM_GET*` is much smaller).
pub(crate) const SLOT_LEN: usize = 64 * 1024;
/// Datagrams received per `recvmmsg`.
pub(crate) const SLOTS: usize = 8;
/// Default receive timeout.
pub(crate) const DEFAULT_TIMEOUT_SECS: u64 = 10;

/// How many datagrams one receive takes, and how long each may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Take {
    /// Up to [`SLOTS`] datagrams of at most [`SLOT_LEN`] bytes each (a longer one is
    /// [`Error::Truncated`]).
    Batch,
    /// One datagram, whole: its length is peeked first and the buffer grown to fit, up to
    /// `max` bytes (a longer one is an error, and stays queued).
    Whole {
        /// The longest datagram taken.
        max: usize,
    },
}

/// What one receive got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Received {
    /// This many datagrams, now in the slots ([`NlSocket::received`]); 0 when nothing was
    /// waiting (without waiting) or the call was interrupted (`EINTR`).
    Datagrams(usize),
    /// The receive queue overflowed and the kernel dropped datagrams (`ENOBUFS`).
    Overrun,
}

/// One datagram of the last receive.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Datagram<'a> {
    /// Its bytes.
    pub(crate) bytes: &'a [u8],
    /// Who sent it.
    pub(crate) sender: Sender,
    /// The multicast groups it was sent to (`nl_groups` of the sender's address, a bit
    /// per group: bit `n - 1` for group `n`); 0 for an answer.
    pub(crate) groups: u32,
}

/// The receive slots and what the last `recvmmsg` put in them.
#[derive(Debug, Default)]
pub(crate) struct Slots {
    buf: Vec<u8>,
    /// The length of each slot in the last receive ([`SLOT_LEN`], or more for one
    /// [`Take::Whole`] datagram).
    slot_len: usize,
    /// Per slot: the datagram's length, its sender and its groups.
    got: [(usize, Sender, u32); SLOTS],
    n: usize,
}

impl Slots {
    /// The datagrams of the last receive, each with its sender.
    pub(crate) fn datagrams(&self) -> impl Iterator<Item = (&[u8], Sender)> + '_ {
        self.received().map(|d| (d.bytes, d.sender))
    }

    /// The datagrams of the last receive, each with its sender and groups.
    pub(crate) fn received(&self) -> impl Iterator<Item = Datagram<'_>> + '_ {
        self.got[..self.n]
            .iter()
            .enumerate()
            .map(|(slot, &(len, sender, groups))| {
                let start = slot * self.slot_len;
                Datagram {
                    bytes: &self.buf[start..start + len.min(self.slot_len)],
                    sender,
                    groups,
                }
            })
    }
}

/// A `NETLINK_ROUTE` socket, bound to the network namespace it was created in. Outside
/// the crate it is opaque: made by [`crate::Netns::socket`] or
/// [`crate::audit::send::socket`], used by [`crate::audit::send::exchange`].
#[derive(Debug)]
pub struct NlSocket {
    pub(super) fd: OwnedFd,
    pub(super) next_seq: u32,
    pub(super) dropped: u64,
    round_trips: u32,
    /// What the last receive got; read through [`Slots::datagrams`].
    pub(super) slots: Slots,
    timeout_secs: u64,
    /// The notification descriptor, if opened with [`NlSocket::open_watching`], and
    /// whether it joined the group yet.
    pub(super) watch_fd: Option<(OwnedFd, bool)>,
    pub(super) watch: Option<RouteWatch>,
    pub(super) notifications: u64,
    pub(super) ignored: u64,
    /// The port requests go to and answers are trusted from: 0, the kernel (a test's fake
    /// kernel has another; see the batch tests).
    pub(super) kernel_port: u32,
}

/// Create a configured `NETLINK_ROUTE` socket in the calling thread's network namespace.
/// Only the descriptor: it can cross threads (the receive state is built by
/// [`NlSocket::from_fd`]).
pub(crate) fn open_fd() -> Result<OwnedFd> {
    let fd = socket(
        AddressFamily::Netlink,
        SockType::Raw,
        SockFlag::SOCK_CLOEXEC,
        SockProtocol::NetlinkRoute,
    )
    .map_err(|e| Error::sys("socket(AF_NETLINK, NETLINK_ROUTE)", e))?;
    setsockopt(&fd, NetlinkExtAck, &true)
        .map_err(|e| Error::sys("setsockopt(NETLINK_EXT_ACK)", e))?;
    setsockopt(&fd, GetStrictChk, &true)
        .map_err(|e| Error::sys("setsockopt(NETLINK_GET_STRICT_CHK)", e))?;
    let tv = TimeVal::new(i64::try_from(DEFAULT_TIMEOUT_SECS).unwrap_or(i64::MAX), 0);
    setsockopt(&fd, sockopt::ReceiveTimeout, &tv)
        .map_err(|e| Error::sys("setsockopt(SO_RCVTIMEO)", e))?;
    Ok(fd)
}

impl NlSocket {
    /// A socket in the calling thread's network namespace.
    pub(crate) fn open() -> Result<NlSocket> {
        open_fd().map(NlSocket::from_fd)
    }

    /// Wrap a descriptor made by [`open_fd`] (possibly on another thread, in another
    /// namespace).
    pub(crate) fn from_fd(fd: OwnedFd) -> NlSocket {
        NlSocket {
            watch_fd: None,
            fd,
            next_seq: 1,
            dropped: 0,
            round_trips: 0,
            slots: Slots::default(),
            timeout_secs: DEFAULT_TIMEOUT_SECS,
            watch: None,
            notifications: 0,
            ignored: 0,
            kernel_port: 0,
        }
    }

    /// Messages dropped so far: not from the kernel, or with a sequence number that is
    /// not one of the batch being answered.
    pub(crate) fn dropped(&self) -> u64 {
        self.dropped
    }

    /// `sendmsg` calls made so far (one per batch, plus dump retries).
    pub(crate) fn round_trips(&self) -> u32 {
        self.round_trips
    }

    /// The descriptor requests go out on (for socket options and tests).
    pub(crate) fn fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }

    /// One `sendmsg` of `bytes` to the kernel, exactly as given (`EINTR` retried); counts
    /// as a round trip. `op` names the operation in errors. Every request this crate
    /// sends goes through here.
    pub(crate) fn send_datagram(&mut self, bytes: &[u8], op: &str) -> Result<()> {
        let kernel = NetlinkAddr::new(self.kernel_port, 0);
        loop {
            match sendmsg(
                self.fd.as_raw_fd(),
                &[IoSlice::new(bytes)],
                &[],
                MsgFlags::empty(),
                Some(&kernel),
            ) {
                Ok(_) => break,
                Err(NixErrno::EINTR) => continue,
                Err(e) => return Err(Error::sys(format!("{op}: sendmsg"), e)),
            }
        }
        self.round_trips += 1;
        Ok(())
    }

    /// One receive on `queue` into the slots ([`NlSocket::slots`] holds them until the
    /// next receive); returns how many datagrams came. With `wait`, it blocks for the first
    /// (up to the receive timeout, then an error) and takes what else is queued; without,
    /// 0 when nothing is waiting. 0 too when interrupted (`EINTR`). A truncated datagram
    /// and `ENOBUFS` are errors (see [`NlSocket::receive_as`] for `ENOBUFS` as an event).
    pub(crate) fn receive(&mut self, queue: Queue, wait: bool, op: &str) -> Result<usize> {
        match self.receive_as(queue, wait, Take::Batch, op)? {
            Received::Datagrams(n) => Ok(n),
            Received::Overrun => Err(Error::Sys {
                op: format!("{op}: receiving (the kernel dropped replies)"),
                errno: Errno::ENOBUFS,
            }),
        }
    }

    /// One receive on `queue`, taking datagrams as `take` says, into the slots (read them
    /// with [`NlSocket::received`]). `wait` as for [`NlSocket::receive`]; an overflowed
    /// queue (`ENOBUFS`) is [`Received::Overrun`]. Every datagram this crate reads comes
    /// through here.
    pub(crate) fn receive_as(
        &mut self,
        queue: Queue,
        wait: bool,
        take: Take,
        op: &str,
    ) -> Result<Received> {
        let fd = self.raw_fd(queue, op)?;
        self.slots.n = 0;
        let (slots, slot_len) = match take {
            Take::Batch => (SLOTS, SLOT_LEN),
            Take::Whole { max } => match self.peek_len(fd, wait, max, op)? {
                Ok(len) => (1, len.max(SLOT_LEN)),
                Err(nothing) => return Ok(nothing),
            },
        };
        if self.slots.buf.len() < slots * slot_len {
            // A fresh zeroed Vec is calloc'd: the kernel hands out zero pages as they are
            // touched. `resize` would write all 512 KiB of a batch's slots first (about a
            // tenth of a setup's time).
            self.slots.buf = vec![0; slots * slot_len];
        }
        self.slots.slot_len = slot_len;
        let flags = if wait {
            MsgFlags::MSG_WAITFORONE
        } else {
            MsgFlags::MSG_DONTWAIT
        };
        let got = match recv_slots(fd, &mut self.slots.buf, slots, slot_len, flags) {
            Ok(got) => got,
            Err(NixErrno::EINTR) => return Ok(Received::Datagrams(0)),
            Err(NixErrno::EAGAIN) if !wait => return Ok(Received::Datagrams(0)),
            Err(NixErrno::ENOBUFS) => return Ok(Received::Overrun),
            Err(e) => return Err(self.recv_error(op, e)),
        };
        for (slot, &(len, truncated, addr)) in got.iter().enumerate() {
            if truncated {
                return Err(Error::Truncated {
                    op: op.to_owned(),
                    len,
                });
            }
            let groups = addr.map_or(0, |a| a.groups());
            self.slots.got[slot] = (len, sender(addr.as_ref(), self.kernel_port), groups);
        }
        self.slots.n = got.len();
        Ok(Received::Datagrams(got.len()))
    }

    /// The datagrams of the last receive, each with its sender and groups.
    pub(crate) fn received(&self) -> impl Iterator<Item = Datagram<'_>> + '_ {
        self.slots.received()
    }

    /// The real length of the datagram at the head of the queue (peeked, not taken), at
    /// most `max`; or, when there is none to take, what the receive returns instead.
    fn peek_len(
        &mut self,
        fd: RawFd,
        wait: bool,
        max: usize,
        op: &str,
    ) -> Result<std::result::Result<usize, Received>> {
        if self.slots.buf.is_empty() {
            self.slots.buf = vec![0; SLOT_LEN];
        }
        // MSG_TRUNC: the length returned is the datagram's, not what fit.
        let flags = MsgFlags::MSG_PEEK
            | MsgFlags::MSG_TRUNC
            | if wait {
                MsgFlags::MSG_WAITFORONE
            } else {
                MsgFlags::MSG_DONTWAIT
            };
        let len = match recv_slots(fd, &mut self.slots.buf, 1, SLOT_LEN, flags) {
            Ok(got) => got.first().map_or(0, |&(len, _, _)| len),
            Err(NixErrno::EINTR) => return Ok(Err(Received::Datagrams(0))),
            Err(NixErrno::EAGAIN) if !wait => return Ok(Err(Received::Datagrams(0))),
            Err(NixErrno::ENOBUFS) => return Ok(Err(Received::Overrun)),
            Err(e) => return Err(self.recv_error(op, e)),
        };
        if len > max {
            return Err(Error::Unexpected(format!(
                "{op}: a {len}-byte datagram, larger than {max} bytes"
            )));
        }
        Ok(Ok(len))
    }

    fn raw_fd(&self, queue: Queue, op: &str) -> Result<RawFd> {
        match queue {
            Queue::Answers => Ok(self.fd.as_raw_fd()),
            Queue::Watch => self
                .watch_fd
                .as_ref()
                .map(|(fd, _)| fd.as_raw_fd())
                .ok_or_else(|| Error::Unexpected(format!("{op}: the socket watches nothing"))),
        }
    }

    fn recv_error(&self, op: &str, e: NixErrno) -> Error {
        match e {
            NixErrno::EAGAIN => Error::Timeout {
                op: op.to_owned(),
                secs: self.timeout_secs,
            },
            e => Error::sys(format!("{op}: recvmmsg"), e),
        }
    }
}

/// The one `recvmmsg` call: up to `slots` datagrams into `buf`, split into slots of
/// `slot_len` bytes. Per datagram: its length (the real one when `MSG_TRUNC` is in
/// `flags`), whether it was truncated, and the sender's address.
fn recv_slots(
    fd: RawFd,
    buf: &mut [u8],
    slots: usize,
    slot_len: usize,
    flags: MsgFlags,
) -> std::result::Result<Vec<(usize, bool, Option<NetlinkAddr>)>, NixErrno> {
    let mut headers = MultiHeaders::<NetlinkAddr>::preallocate(slots, None);
    let mut iovs: Vec<[IoSliceMut<'_>; 1]> = buf[..slots * slot_len]
        .chunks_mut(slot_len)
        .map(|c| [IoSliceMut::new(c)])
        .collect();
    // MSG_TRUNC: a truncated datagram's length is its real one (the error says it).
    let res = recvmmsg(
        fd,
        &mut headers,
        iovs.iter_mut(),
        flags | MsgFlags::MSG_TRUNC,
        None,
    )?;
    Ok(res
        .map(|r| (r.bytes, r.flags.contains(MsgFlags::MSG_TRUNC), r.address))
        .collect())
}

/// Who sent a datagram: the kernel (port `kernel`, 0 but in tests) to this socket or to
/// a group, or anyone else.
fn sender(addr: Option<&NetlinkAddr>, kernel: u32) -> Sender {
    match addr {
        Some(a) if a.pid() == kernel && a.len() > 0 && a.groups() == 0 => Sender::Kernel,
        Some(a) if a.pid() == kernel && a.len() > 0 => Sender::Group,
        _ => Sender::Other,
    }
}

#[cfg(test)]
pub(crate) mod tests;
