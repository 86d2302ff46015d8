//! A `NETLINK_ROUTE` socket: the one place that sends (`sendmsg`) and receives
//! (`recvmmsg`), and tells who sent a datagram ([`Sender`]). What the datagrams mean is
//! for [`super::batch`] (answers) and [`super::watch`] (notifications).
//!
//! - Options: `NETLINK_EXT_ACK` (the kernel explains its refusals),
//!   `NETLINK_GET_STRICT_CHK` (dump filters are honoured, bad requests refused),
//!   `SO_RCVTIMEO` (a silent kernel is a timeout, not a hang), `SOCK_CLOEXEC`.
//! - Datagrams are received with `recvmmsg` into 64 KiB slots; a datagram that does not
//!   fit (`MSG_TRUNC`) is an error naming its real length, `EINTR` is retried, `ENOBUFS`
//!   (the kernel dropped datagrams) is an error the caller may take as an overrun.

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

/// The receive slots and what the last `recvmmsg` put in them.
#[derive(Debug, Default)]
pub(crate) struct Slots {
    buf: Vec<u8>,
    got: [(usize, Sender); SLOTS],
    n: usize,
}

impl Slots {
    /// The datagrams of the last receive, each with its sender.
    pub(crate) fn datagrams(&self) -> impl Iterator<Item = (&[u8], Sender)> + '_ {
        self.got[..self.n]
            .iter()
            .enumerate()
            .map(|(slot, &(len, sender))| {
                let start = slot * SLOT_LEN;
                (&self.buf[start..start + len.min(SLOT_LEN)], sender)
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

    /// One `recvmmsg` on `queue` into the slots ([`NlSocket::slots`] holds them until the
    /// next receive); returns how many datagrams came. With `wait`, it blocks for the first
    /// (up to the receive timeout, then an error) and takes what else is queued; without,
    /// 0 when nothing is waiting. 0 too when interrupted (`EINTR`). A truncated datagram
    /// and `ENOBUFS` are errors. Every datagram this crate reads comes through here.
    pub(crate) fn receive(&mut self, queue: Queue, wait: bool, op: &str) -> Result<usize> {
        let fd = self.raw_fd(queue, op)?;
        if self.slots.buf.len() != SLOTS * SLOT_LEN {
            self.slots.buf = vec![0; SLOTS * SLOT_LEN];
        }
        self.slots.n = 0;
        let mut headers = MultiHeaders::<NetlinkAddr>::preallocate(SLOTS, None);
        let mut iovs: Vec<[IoSliceMut<'_>; 1]> = self
            .slots
            .buf
            .chunks_mut(SLOT_LEN)
            .map(|c| [IoSliceMut::new(c)])
            .collect();
        // MSG_TRUNC: a truncated datagram's length is its real one (the error says it).
        let flags = MsgFlags::MSG_TRUNC
            | if wait {
                MsgFlags::MSG_WAITFORONE
            } else {
                MsgFlags::MSG_DONTWAIT
            };
        let res = match recvmmsg(fd, &mut headers, iovs.iter_mut(), flags, None) {
            Ok(r) => r,
            Err(NixErrno::EINTR) => return Ok(0),
            Err(NixErrno::EAGAIN) if !wait => return Ok(0),
            Err(e) => return Err(self.recv_error(op, e)),
        };
        let mut n = 0;
        for (slot, r) in res.enumerate() {
            if r.flags.contains(MsgFlags::MSG_TRUNC) {
                return Err(Error::Truncated {
                    op: op.to_owned(),
                    len: r.bytes,
                });
            }
            self.slots.got[slot] = (r.bytes, sender(r.address.as_ref(), self.kernel_port));
            n = slot + 1;
        }
        self.slots.n = n;
        Ok(n)
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
            NixErrno::ENOBUFS => Error::Sys {
                op: format!("{op}: receiving (the kernel dropped replies)"),
                errno: Errno::ENOBUFS,
            },
            e => Error::sys(format!("{op}: recvmmsg"), e),
        }
    }
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
pub(crate) mod tests {
    //! Helpers for the tests of the whole crate that need a kernel: a fresh namespace,
    //! requests, a forger.
    use super::*;
    use crate::request::{Policy, Request};
    use std::net::{IpAddr, Ipv6Addr};

    /// Run `f` on a thread in a fresh network namespace (only `lo`, down). Without the
    /// privilege to make one, the test is skipped, or fails when `CI=true`.
    pub(crate) fn in_new_netns(test: &str, f: impl FnOnce() + Send) {
        std::thread::scope(|s| {
            s.spawn(|| {
                if let Err(e) = nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNET) {
                    if std::env::var("CI").as_deref() == Ok("true") {
                        panic!("{test}: cannot create a network namespace: {e}");
                    }
                    eprintln!("{test}: skipped, cannot create a network namespace: {e}");
                    return;
                }
                f();
            })
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        });
    }

    pub(crate) fn req(what: &str, msg: Vec<u8>, policy: Policy) -> Request {
        Request::new(what, msg, policy)
    }

    /// A lookup of `lo` by name.
    pub(crate) fn lo() -> Request {
        req(
            "lo",
            crate::msgs::get_link(Some("lo"), 0).unwrap(),
            Policy::STRICT,
        )
    }

    /// Send `bytes` to `ours` (bound already) from another netlink socket: a sender that
    /// is not the kernel.
    pub(crate) fn forge(ours: &NlSocket, bytes: &[u8]) {
        let port = nix::sys::socket::getsockname::<NetlinkAddr>(ours.fd().as_raw_fd())
            .unwrap()
            .pid();
        let forger = open_fd().unwrap();
        sendmsg(
            forger.as_raw_fd(),
            &[IoSlice::new(bytes)],
            &[],
            MsgFlags::empty(),
            Some(&NetlinkAddr::new(port, 0)),
        )
        .unwrap();
    }

    /// `set lo up` (index 1).
    pub(crate) fn lo_up() -> Request {
        req(
            "set lo up",
            crate::msgs::set_link(
                1,
                &crate::msgs::LinkChange {
                    up: Some(true),
                    ..Default::default()
                },
            )
            .unwrap(),
            Policy::STRICT,
        )
    }

    /// Add, then delete, `n` IPv6 routes on `lo` through `churn`: `2n` notifications to
    /// every member of `RTNLGRP_IPV6_ROUTE`.
    pub(crate) fn churn_ipv6_routes(churn: &mut NlSocket, n: u16) {
        let route = |i: u16| crate::msgs::RouteSpec {
            dst: Some(IpAddr::V6(Ipv6Addr::new(0xfd00, 1, 0, 0, 0, 0, 0, i))),
            v6: true,
            dst_len: 128,
            gateway: None,
            oif: 1,
            scope_link: false,
            priority: None,
            table: 254,
        };
        let adds: Vec<Request> = (1..=n)
            .map(|i| {
                req(
                    "add",
                    crate::msgs::replace_route(&route(i)).unwrap(),
                    Policy::STRICT,
                )
            })
            .collect();
        let dels: Vec<Request> = (1..=n)
            .map(|i| {
                req(
                    "del",
                    crate::msgs::del_route(&route(i)).unwrap(),
                    Policy::STRICT,
                )
            })
            .collect();
        churn.batch(&adds).unwrap();
        churn.batch(&dels).unwrap();
    }

    #[test]
    fn only_the_kernels_own_port_is_the_kernel() {
        let addr = |pid, groups| NetlinkAddr::new(pid, groups);
        assert_eq!(sender(Some(&addr(0, 0)), 0), Sender::Kernel);
        assert_eq!(sender(Some(&addr(0, 1 << 10)), 0), Sender::Group);
        assert_eq!(sender(Some(&addr(4242, 0)), 0), Sender::Other);
        assert_eq!(sender(Some(&addr(4242, 0)), 4242), Sender::Kernel);
        assert_eq!(sender(None, 0), Sender::Other);
    }
}
