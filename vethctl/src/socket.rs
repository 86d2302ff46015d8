//! A `NETLINK_ROUTE` socket that sends a batch of requests in one `sendmsg` and receives
//! until every request has its answer.
//!
//! - Options: `NETLINK_EXT_ACK` (the kernel explains its refusals),
//!   `NETLINK_GET_STRICT_CHK` (dump filters are honoured, bad requests refused),
//!   `SO_RCVTIMEO` (a silent kernel is a timeout, not a hang), `SOCK_CLOEXEC`.
//! - Each request gets its own sequence number. Only datagrams from the kernel (port 0)
//!   are read, and in them only messages carrying a sequence number of the batch; anything
//!   else is dropped and counted ([`NlSocket::dropped`]).
//! - Replies are received with `recvmmsg` into 64 KiB slots; a datagram that does not fit
//!   (`MSG_TRUNC`) is an error naming its real length, `EINTR` is retried, `ENOBUFS` (the
//!   kernel dropped replies) is an error, and a dump answered with `NLM_F_DUMP_INTR` (or
//!   `EBUSY`, another dump still running) is sent again, up to [`DUMP_TRIES`] times. The
//!   socket that carries the answers joins no multicast group, so its `ENOBUFS` always
//!   means an answer was lost.
//!
//! The kernel handles a batch inside `sendmsg`, one message after the other, so the
//! answers of a whole batch are usually waiting when the first `recvmmsg` runs.
//!
//! Notifications: a socket opened with [`NlSocket::open_watching`] can watch for one IPv6
//! local route ([`NlSocket::watch_local_route`]). The notifications arrive on a second,
//! non-blocking descriptor that joins `RTNLGRP_IPV6_ROUTE` and sends nothing: the group
//! carries every IPv6 route change of the namespace, and a busy node (or a pod that
//! churns its own routes) can overflow any receive buffer; on the socket of the answers,
//! that overflow would cost answers too, and fail the batch. [`wait_local_routes`] reads
//! the watch: notifications about the watched route (`nlmsg_seq` 0, `nlmsg_pid` 0: the
//! kernel's own doing) are taken, every other one is dropped and counted apart
//! ([`NlSocket::ignored`]). When the kernel dropped notifications (`ENOBUFS` on the
//! watch), the watched one may be among them: the watch is marked lost
//! ([`RouteWatch::lost`]) once the queue is drained, and the caller resyncs with a
//! lookup ([`NlSocket::resynced`]); a drop after the drain is reported again.

use std::collections::HashMap;
use std::io::{IoSlice, IoSliceMut};
use std::net::{IpAddr, Ipv6Addr};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};
use std::time::Instant;

use netlink_codec::ack::{DoneView, ErrorView, ExtAck};
use netlink_codec::header::{
    Messages, NlMsg, NlmFlags, NLMSG_DONE, NLMSG_ERROR, NLMSG_NOOP, NLMSG_OVERRUN, RTM_DELROUTE,
    RTM_NEWROUTE,
};
use netlink_codec::route::{RTN_LOCAL, RT_TABLE_LOCAL};
use netlink_codec::Errno;
use nix::errno::Errno as NixErrno;
use nix::sys::socket::{
    bind, recvmmsg, recvmsg, sendmsg, setsockopt, socket, sockopt, AddressFamily, MsgFlags,
    MultiHeaders, NetlinkAddr, SockFlag, SockProtocol, SockType, SockaddrLike,
};
use nix::sys::time::TimeVal;
use nix::{setsockopt_impl, sockopt_impl};

use crate::error::{Error, Result};
use crate::request::{Answer, OnErrno, Request, Status};

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

/// `RTNLGRP_IPV6_ROUTE`: notifications of IPv6 routes added and removed.
pub const RTNLGRP_IPV6_ROUTE: u32 = 11;

/// The IPv6 local route a socket watches for (`local DST dev OIF table local`, which the
/// kernel adds once it has finished bringing up the address DST on link OIF).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteWatch {
    /// The address.
    pub dst: Ipv6Addr,
    /// The link.
    pub oif: u32,
    /// A notification said the route exists (and none since said it is gone), or the
    /// caller saw it in a read ([`NlSocket::saw_local_route`]).
    pub seen: bool,
    /// The kernel dropped notifications (the watch's receive buffer overflowed) since the
    /// watch began or the last resync: only a lookup can tell whether the route exists.
    pub lost: bool,
}

impl RouteWatch {
    /// Is `r` the watched route?
    fn is(&self, r: &crate::state::Route) -> bool {
        r.v6 && r.rtype == RTN_LOCAL
            && r.table == u32::from(RT_TABLE_LOCAL)
            && r.dst == Some(IpAddr::V6(self.dst))
            && r.oif == Some(self.oif)
    }
}

/// Who sent a datagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Sender {
    /// The kernel, to this socket (port 0, no group).
    Kernel,
    /// The kernel, to a multicast group (port 0, a group).
    Group,
    /// Anyone else.
    #[default]
    Other,
}

/// Bytes per receive slot: larger than any datagram the kernel sends (dump datagrams are
/// at most 32 KiB; a single reply of a `RTM_GET*` is much smaller).
pub const SLOT_LEN: usize = 64 * 1024;
/// Datagrams received per `recvmmsg`.
pub const SLOTS: usize = 8;
/// How many times a dump is sent when it keeps coming back interrupted.
pub const DUMP_TRIES: u32 = 5;
/// Default receive timeout.
pub const DEFAULT_TIMEOUT_SECS: u64 = 10;

/// A `NETLINK_ROUTE` socket, bound to the network namespace it was created in.
#[derive(Debug)]
pub struct NlSocket {
    fd: OwnedFd,
    next_seq: u32,
    dropped: u64,
    round_trips: u32,
    buf: Vec<u8>,
    timeout_secs: u64,
    /// The notification descriptor, if opened with [`NlSocket::open_watching`], and
    /// whether it joined the group yet.
    watch_fd: Option<(OwnedFd, bool)>,
    watch: Option<RouteWatch>,
    notifications: u64,
    ignored: u64,
    /// The port requests go to and answers are trusted from: 0, the kernel (a test's fake
    /// kernel has another; see the tests).
    kernel_port: u32,
}

/// Create a configured `NETLINK_ROUTE` socket in the calling thread's network namespace.
/// Only the descriptor: it can cross threads (the receive state is built by
/// [`NlSocket::from_fd`]).
pub fn open_fd() -> Result<OwnedFd> {
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

/// Create the non-blocking descriptor a watch reads notifications from, in the calling
/// thread's network namespace. It joins its group when the watch begins, sends nothing,
/// and needs none of the options of [`open_fd`].
fn open_watch_fd() -> Result<OwnedFd> {
    socket(
        AddressFamily::Netlink,
        SockType::Raw,
        SockFlag::SOCK_CLOEXEC | SockFlag::SOCK_NONBLOCK,
        SockProtocol::NetlinkRoute,
    )
    .map_err(|e| {
        Error::sys(
            "socket(AF_NETLINK, NETLINK_ROUTE) for route notifications",
            e,
        )
    })
}

/// Per-request progress while a batch is answered.
#[derive(Debug, Default)]
struct Progress {
    done: bool,
    data: Vec<u8>,
    errno: Option<(Errno, Option<String>, Option<u32>)>,
    interrupted: bool,
}

impl NlSocket {
    /// A socket in the calling thread's network namespace.
    pub fn open() -> Result<NlSocket> {
        open_fd().map(NlSocket::from_fd)
    }

    /// A socket in the calling thread's network namespace that can watch a route
    /// ([`NlSocket::watch_local_route`]): a second descriptor, made here (so in this
    /// namespace), carries the notifications.
    pub fn open_watching() -> Result<NlSocket> {
        let mut s = NlSocket::open()?;
        s.watch_fd = Some((open_watch_fd()?, false));
        Ok(s)
    }

    /// Wrap a descriptor made by [`open_fd`] (possibly on another thread, in another
    /// namespace).
    pub fn from_fd(fd: OwnedFd) -> NlSocket {
        NlSocket {
            watch_fd: None,
            fd,
            next_seq: 1,
            dropped: 0,
            round_trips: 0,
            buf: Vec::new(),
            timeout_secs: DEFAULT_TIMEOUT_SECS,
            watch: None,
            notifications: 0,
            ignored: 0,
            kernel_port: 0,
        }
    }

    /// Watch for the IPv6 local route of `dst` on link `oif`: the notification
    /// descriptor joins `RTNLGRP_IPV6_ROUTE` (one `bind`, the first time), and from
    /// now on the kernel's notifications about that route are taken. Whether it was seen:
    /// [`NlSocket::local_route_seen`]. Needs a socket from [`NlSocket::open_watching`].
    pub fn watch_local_route(&mut self, dst: Ipv6Addr, oif: u32) -> Result<()> {
        let Some((fd, joined)) = &mut self.watch_fd else {
            return Err(Error::Unexpected(
                "watching a route needs a socket opened for notifications".into(),
            ));
        };
        if !*joined {
            // One `bind` gives the descriptor a port (the kernel's own notifications,
            // sent "excluding port 0", skip a socket without one) and joins the group.
            let groups = 1 << (RTNLGRP_IPV6_ROUTE - 1);
            bind(fd.as_raw_fd(), &NetlinkAddr::new(0, groups))
                .map_err(|e| Error::sys("bind(RTMGRP_IPV6_ROUTE)", e))?;
            *joined = true;
        }
        self.watch = Some(RouteWatch {
            dst,
            oif,
            seen: false,
            lost: false,
        });
        Ok(())
    }

    /// The caller looked the watched route up after notifications were lost, and did not
    /// find it: from now on the notifications tell again.
    pub fn resynced(&mut self) {
        if let Some(w) = &mut self.watch {
            w.lost = false;
        }
    }

    /// The watched route exists: a notification said so, or the caller saw it.
    pub fn local_route_seen(&self) -> bool {
        self.watch.is_some_and(|w| w.seen)
    }

    /// The caller read the watched route (a lookup answered after the watch began).
    pub fn saw_local_route(&mut self) {
        if let Some(w) = &mut self.watch {
            w.seen = true;
        }
    }

    /// The watch, if any.
    pub fn watch(&self) -> Option<RouteWatch> {
        self.watch
    }

    /// Notifications taken for the watch.
    pub fn notifications(&self) -> u64 {
        self.notifications
    }

    /// Notifications dropped: not about the watched route.
    pub fn ignored(&self) -> u64 {
        self.ignored
    }

    /// Messages dropped so far: not from the kernel, or with a sequence number that is
    /// not one of the batch being answered.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// `sendmsg` calls made so far (one per batch, plus dump retries).
    pub fn round_trips(&self) -> u32 {
        self.round_trips
    }

    /// The descriptor.
    pub fn fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }

    /// Send `reqs` in one `sendmsg` and wait for every answer. Interrupted dumps are sent
    /// again. Errnos are judged by each request's [`crate::request::Policy`]: the first
    /// request whose errno is an error makes the whole call an error (after every answer
    /// was received, so the socket stays clean).
    pub fn batch(&mut self, reqs: &[Request]) -> Result<Vec<Answer>> {
        let mut progress: Vec<Progress> = reqs.iter().map(|_| Progress::default()).collect();
        let mut pending: Vec<usize> = (0..reqs.len()).collect();
        let mut tries = 0u32;
        while !pending.is_empty() {
            tries += 1;
            self.round_trip(reqs, &pending, &mut progress)?;
            let retry: Vec<usize> = pending
                .iter()
                .copied()
                .filter(|&i| {
                    let p = &progress[i];
                    reqs[i].is_dump()
                        && (p.interrupted || matches!(p.errno, Some((Errno::EBUSY, _, _))))
                })
                .collect();
            if !retry.is_empty() && tries >= DUMP_TRIES {
                return Err(Error::DumpInterrupted {
                    op: reqs[retry[0]].what.clone(),
                    tries,
                });
            }
            for &i in &retry {
                progress[i] = Progress::default();
            }
            pending = retry;
        }
        let mut answers = Vec::with_capacity(reqs.len());
        let mut first_error = None;
        for (req, p) in reqs.iter().zip(progress) {
            let status = match p.errno {
                None => Status::Ok,
                Some((errno, msg, offset)) => match req.policy.on(errno) {
                    OnErrno::Success => Status::Tolerated(errno),
                    OnErrno::Verify => Status::Verify(errno),
                    OnErrno::Error => {
                        if first_error.is_none() {
                            first_error = Some(Error::Kernel {
                                op: req.what.clone(),
                                errno,
                                msg,
                                offset,
                            });
                        }
                        Status::Tolerated(errno)
                    }
                },
            };
            answers.push(Answer {
                status,
                data: p.data,
            });
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(answers),
        }
    }

    /// One `sendmsg` of `bytes` to the kernel, exactly as given (`EINTR` retried); counts
    /// as a round trip. `op` names the operation in errors.
    pub fn send_datagram(&mut self, bytes: &[u8], op: &str) -> Result<()> {
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

    /// Receive one datagram into `buf`: its length, and whether it came from the kernel
    /// (port 0, no multicast group). With `wait` false, `None` when nothing is waiting.
    /// `EINTR` is retried; truncation (reported with the datagram's real length), a
    /// timeout and `ENOBUFS` are errors.
    pub fn recv_datagram(
        &mut self,
        buf: &mut [u8],
        wait: bool,
        op: &str,
    ) -> Result<Option<(usize, bool)>> {
        // MSG_TRUNC: the length returned is the datagram's, not what fit.
        let flags = if wait {
            MsgFlags::MSG_TRUNC
        } else {
            MsgFlags::MSG_TRUNC | MsgFlags::MSG_DONTWAIT
        };
        loop {
            let mut iov = [IoSliceMut::new(buf)];
            match recvmsg::<NetlinkAddr>(self.fd.as_raw_fd(), &mut iov, None, flags) {
                Ok(r) if r.flags.contains(MsgFlags::MSG_TRUNC) => {
                    return Err(Error::Truncated {
                        op: op.to_owned(),
                        len: r.bytes,
                    })
                }
                Ok(r) => {
                    let from = sender(r.address.as_ref(), self.kernel_port);
                    return Ok(Some((r.bytes, from == Sender::Kernel)));
                }
                Err(NixErrno::EINTR) => continue,
                Err(NixErrno::EAGAIN) if !wait => return Ok(None),
                Err(e) => return Err(self.recv_error(op, "recvmsg", e)),
            }
        }
    }

    fn recv_error(&self, op: &str, call: &str, e: NixErrno) -> Error {
        match e {
            NixErrno::EAGAIN => Error::Timeout {
                op: op.to_owned(),
                secs: self.timeout_secs,
            },
            NixErrno::ENOBUFS => Error::Sys {
                op: format!("{op}: receiving (the kernel dropped replies)"),
                errno: Errno::ENOBUFS,
            },
            e => Error::sys(format!("{op}: {call}"), e),
        }
    }

    /// One `sendmsg` of the requests `which`, then receive until each has ended.
    fn round_trip(
        &mut self,
        reqs: &[Request],
        which: &[usize],
        progress: &mut [Progress],
    ) -> Result<()> {
        let mut out = Vec::with_capacity(which.iter().map(|&i| reqs[i].msg.len()).sum());
        let mut by_seq = HashMap::with_capacity(which.len());
        for &i in which {
            let seq = self.next_seq;
            self.next_seq = self.next_seq.wrapping_add(1).max(1);
            let start = out.len();
            out.extend_from_slice(&reqs[i].msg);
            if out.len() < start + 16 {
                return Err(Error::Unexpected(format!(
                    "{}: request shorter than a netlink header",
                    reqs[i].what
                )));
            }
            out[start + 8..start + 12].copy_from_slice(&seq.to_ne_bytes());
            by_seq.insert(seq, i);
        }
        let op = describe(reqs, which);
        self.send_datagram(&out, &op)?;
        let mut open = which.len();
        let mut headers = MultiHeaders::<NetlinkAddr>::preallocate(SLOTS, None);
        while open > 0 {
            let mut got = [(0, Sender::Other); SLOTS];
            let fd = self.fd.as_raw_fd();
            let Some(n) =
                self.receive(fd, &mut headers, &mut got, MsgFlags::MSG_WAITFORONE, &op)?
            else {
                continue;
            };
            for (slot, &(len, sender)) in got.iter().enumerate().take(n) {
                let start = slot * SLOT_LEN;
                let datagram = &self.buf[start..start + len.min(SLOT_LEN)];
                if sender != Sender::Kernel {
                    // (This descriptor joins no group: not from the kernel.)
                    self.dropped += 1;
                    continue;
                }
                for msg in Messages::new(datagram) {
                    let msg = msg.map_err(|source| Error::Decode {
                        op: op.clone(),
                        source,
                    })?;
                    let Some(&i) = by_seq.get(&msg.seq()) else {
                        self.dropped += 1;
                        continue;
                    };
                    let p = &mut progress[i];
                    if p.done {
                        self.dropped += 1;
                        continue;
                    }
                    if absorb(&msg, p, &reqs[i].what)? {
                        open -= 1;
                    }
                }
            }
        }
        Ok(())
    }
}

impl NlSocket {
    /// One `recvmmsg` on `fd` (ours or the watch's) into the slots: fills `got` with each
    /// datagram's length and sender and returns how many came; `None` when interrupted
    /// (`EINTR`) or, with `MSG_DONTWAIT`, when nothing was waiting. A truncated datagram is
    /// an error.
    fn receive(
        &mut self,
        fd: std::os::fd::RawFd,
        headers: &mut MultiHeaders<NetlinkAddr>,
        got: &mut [(usize, Sender); SLOTS],
        flags: MsgFlags,
        op: &str,
    ) -> Result<Option<usize>> {
        if self.buf.len() != SLOTS * SLOT_LEN {
            self.buf = vec![0; SLOTS * SLOT_LEN];
        }
        let mut iovs: Vec<[IoSliceMut<'_>; 1]> = self
            .buf
            .chunks_mut(SLOT_LEN)
            .map(|c| [IoSliceMut::new(c)])
            .collect();
        // MSG_TRUNC: a truncated datagram's length is its real one (the error says it).
        let flags = flags | MsgFlags::MSG_TRUNC;
        let res = match recvmmsg(fd, headers, iovs.iter_mut(), flags, None) {
            Ok(r) => r,
            Err(NixErrno::EINTR) => return Ok(None),
            Err(NixErrno::EAGAIN) if flags.contains(MsgFlags::MSG_DONTWAIT) => return Ok(None),
            Err(e) => return Err(self.recv_error(op, "recvmmsg", e)),
        };
        let mut n = 0;
        for (slot, r) in res.enumerate() {
            if r.flags.contains(MsgFlags::MSG_TRUNC) {
                return Err(Error::Truncated {
                    op: op.to_owned(),
                    len: r.bytes,
                });
            }
            got[slot] = (r.bytes, sender(r.address.as_ref(), self.kernel_port));
            n = slot + 1;
        }
        Ok(Some(n))
    }

    /// Take the notifications waiting on the watch, without blocking, until none is
    /// left (a `recvmmsg` that fills fewer slots found the queue empty). `ENOBUFS` (the
    /// kernel dropped some) marks the watch lost, and the queue is still drained: the
    /// kernel reports its next drop only once the queue was empty, so a lookup made after
    /// this return sees every route whose notification is gone. (A drop reported after
    /// that `recvmmsg` had taken datagrams stays pending: `poll` sees it.)
    fn drain_notifications(&mut self, op: &str) -> Result<()> {
        let Some(fd) = self.watch_fd.as_ref().map(|(fd, _)| fd.as_raw_fd()) else {
            return Ok(());
        };
        let mut headers = MultiHeaders::<NetlinkAddr>::preallocate(SLOTS, None);
        loop {
            let mut got = [(0, Sender::Other); SLOTS];
            let n = match self.receive(fd, &mut headers, &mut got, MsgFlags::MSG_DONTWAIT, op) {
                Ok(Some(n)) => n,
                Ok(None) => return Ok(()),
                Err(Error::Sys {
                    errno: Errno::ENOBUFS,
                    ..
                }) => {
                    if let Some(w) = &mut self.watch {
                        w.lost = true;
                    }
                    continue;
                }
                Err(e) => return Err(e),
            };
            for (slot, &(len, sender)) in got.iter().enumerate().take(n) {
                let start = slot * SLOT_LEN;
                let datagram = &self.buf[start..start + len.min(SLOT_LEN)];
                match (sender, &mut self.watch) {
                    (Sender::Group, Some(w)) => {
                        take_notifications(w, datagram, &mut self.notifications, &mut self.ignored);
                    }
                    // The watch sends nothing: nobody answers it.
                    _ => self.dropped += 1,
                }
            }
            if n < SLOTS {
                return Ok(());
            }
        }
    }
}

/// Wait until each socket's watched local route was seen, or lost
/// ([`RouteWatch::lost`]), or `deadline`: read waiting notifications at once, then `poll`
/// the watches still waiting. Sockets that watch nothing are skipped. Returns whether
/// every watched route was seen; whoever called decides what a miss means (a lost watch
/// needs a lookup).
pub fn wait_local_routes(socks: &mut [&mut NlSocket], deadline: Instant) -> Result<bool> {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    const OP: &str = "waiting for the kernel's route notifications";
    let waiting = |s: &NlSocket| s.watch.is_some_and(|w| !w.seen && !w.lost);
    for s in socks.iter_mut().filter(|s| waiting(s)) {
        s.drain_notifications(OP)?;
    }
    loop {
        let open: Vec<usize> = (0..socks.len()).filter(|&i| waiting(socks[i])).collect();
        if open.is_empty() {
            return Ok(socks.iter().all(|s| s.watch.is_none_or(|w| w.seen)));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(false);
        }
        let ms = u16::try_from(left.as_millis().max(1)).unwrap_or(u16::MAX);
        let ready: Vec<usize> = {
            let mut fds: Vec<PollFd<'_>> = open
                .iter()
                .filter_map(|&i| socks[i].watch_fd.as_ref())
                .map(|(fd, _)| PollFd::new(fd.as_fd(), PollFlags::POLLIN))
                .collect();
            match poll(&mut fds, PollTimeout::from(ms)) {
                Ok(_) => {}
                Err(NixErrno::EINTR) => continue,
                Err(e) => return Err(Error::sys(format!("{OP}: poll"), e)),
            }
            open.iter()
                .zip(&fds)
                .filter(|(_, f)| f.revents().is_some_and(|r| !r.is_empty()))
                .map(|(&i, _)| i)
                .collect()
        };
        for i in ready {
            socks[i].drain_notifications(OP)?;
        }
    }
}

/// Take the notifications in `datagram` about the watched route; count the rest as
/// ignored. Taken: `RTM_NEWROUTE` / `RTM_DELROUTE` with `nlmsg_seq` 0 and `nlmsg_pid` 0
/// that decode to exactly the watched route.
fn take_notifications(w: &mut RouteWatch, datagram: &[u8], taken: &mut u64, ignored: &mut u64) {
    for msg in Messages::new(datagram) {
        let Ok(msg) = msg else {
            *ignored += 1;
            return;
        };
        let kind = msg.msg_type();
        let about = (kind == RTM_NEWROUTE || kind == RTM_DELROUTE)
            && msg.seq() == 0
            && msg.pid() == 0
            && crate::state::Route::parse(&msg).is_ok_and(|r| w.is(&r));
        if about {
            w.seen = kind == RTM_NEWROUTE;
            *taken += 1;
        } else {
            *ignored += 1;
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

/// Take one message into a request's progress; true when it ended the request.
fn absorb(msg: &NlMsg<'_>, p: &mut Progress, what: &str) -> Result<bool> {
    let decode = |source| Error::Decode {
        op: what.to_owned(),
        source,
    };
    if msg.flags().contains(NlmFlags::DUMP_INTR) {
        p.interrupted = true;
    }
    match msg.msg_type() {
        NLMSG_NOOP => Ok(false),
        NLMSG_ERROR => {
            let e = ErrorView::parse(msg).map_err(decode)?;
            if let Some(errno) = e.errno() {
                let ext = e.ext_ack_info().unwrap_or_default();
                p.errno = Some(ext_errno(errno, ext));
            }
            p.done = true;
            Ok(true)
        }
        NLMSG_DONE => {
            let d = DoneView::parse(msg).map_err(decode)?;
            if let Some(errno) = Errno::from_nlmsgerr(d.error) {
                let ext = ExtAck::from_attrs(d.ext_ack).unwrap_or_default();
                p.errno = Some(ext_errno(errno, ext));
            }
            p.done = true;
            Ok(true)
        }
        NLMSG_OVERRUN => Err(Error::Unexpected(format!(
            "{what}: the kernel reported NLMSG_OVERRUN (data lost)"
        ))),
        _ => {
            // Keep the message as checked: its header and payload, padded to 4 bytes.
            p.data
                .extend_from_slice(zerocopy::IntoBytes::as_bytes(msg.header()));
            p.data.extend_from_slice(msg.payload());
            p.data.resize(p.data.len().next_multiple_of(4), 0);
            Ok(false)
        }
    }
}

fn ext_errno(errno: Errno, ext: ExtAck<'_>) -> (Errno, Option<String>, Option<u32>) {
    (errno, ext.msg.map(str::to_owned), ext.offset)
}

fn describe(reqs: &[Request], which: &[usize]) -> String {
    match which {
        [one] => reqs[*one].what.clone(),
        _ => format!("batch of {} requests", which.len()),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::request::Policy;
    use netlink_codec::build::MessageBuilder;
    use netlink_codec::header::{RTM_GETLINK, RTM_NEWLINK};
    use netlink_codec::link::{IfInfoMsg, IFLA_IFNAME};

    #[test]
    fn absorb_collects_data_and_errors() {
        // A reply message, then an NLMSG_ERROR with ENODEV.
        let mut buf = Vec::new();
        let mut m = MessageBuilder::new(&mut buf, RTM_NEWLINK, NlmFlags::empty(), 5).unwrap();
        m.family_header(&IfInfoMsg::default()).unwrap();
        m.attrs().str(IFLA_IFNAME, "lo").unwrap();
        m.finish().unwrap();
        let mut p = Progress::default();
        let msg = Messages::new(&buf).next().unwrap().unwrap();
        assert!(!absorb(&msg, &mut p, "x").unwrap());
        assert_eq!(p.data, buf);

        let mut err = Vec::new();
        err.extend_from_slice(&36u32.to_ne_bytes());
        err.extend_from_slice(&NLMSG_ERROR.to_ne_bytes());
        err.extend_from_slice(&0x100u16.to_ne_bytes()); // NLM_F_CAPPED
        err.extend_from_slice(&5u32.to_ne_bytes());
        err.extend_from_slice(&0u32.to_ne_bytes());
        err.extend_from_slice(&(-19i32).to_ne_bytes());
        err.extend_from_slice(&[0; 16]);
        let msg = Messages::new(&err).next().unwrap().unwrap();
        assert!(absorb(&msg, &mut p, "x").unwrap());
        assert_eq!(p.errno.as_ref().map(|e| e.0), Some(Errno::ENODEV));
        assert!(p.done);
    }

    #[test]
    fn dump_detection() {
        let mut buf = Vec::new();
        let mut m =
            MessageBuilder::new(&mut buf, RTM_GETLINK, NlmFlags::REQUEST | NlmFlags::DUMP, 0)
                .unwrap();
        m.family_header(&IfInfoMsg::default()).unwrap();
        m.finish().unwrap();
        let r = Request::new("dump", buf, Policy::STRICT);
        assert!(r.is_dump());
        assert!(r.is_read());
        let mut buf = Vec::new();
        let m = MessageBuilder::new(
            &mut buf,
            RTM_NEWLINK,
            NlmFlags::REQUEST | NlmFlags::CREATE | NlmFlags::EXCL,
            0,
        )
        .unwrap();
        m.finish().unwrap();
        let r = Request::new("create", buf, Policy::STRICT);
        assert!(!r.is_dump(), "NLM_F_EXCL|CREATE shares bits with DUMP");
        assert!(!r.is_read());
    }

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

    /// Send `bytes` to `ours` (bound already) from another netlink socket: a sender that
    /// is not the kernel.
    fn forge(ours: &NlSocket, bytes: &[u8]) {
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

    #[test]
    fn batch_answers_each_request_by_its_policy() {
        in_new_netns("batch_answers_each_request_by_its_policy", || {
            let mut s = NlSocket::open().unwrap();
            let reqs = [
                req(
                    "lo",
                    crate::msgs::get_link(Some("lo"), 0).unwrap(),
                    Policy::STRICT,
                ),
                req(
                    "absent",
                    crate::msgs::get_link(Some("nope0"), 0).unwrap(),
                    Policy::LINK_LOOKUP,
                ),
                req("dump", crate::msgs::dump_routes(0).unwrap(), Policy::STRICT),
            ];
            let a = s.batch(&reqs).unwrap();
            assert_eq!(s.round_trips(), 1);
            assert_eq!(a[0].status, Status::Ok);
            let lo = crate::state::link_of(&a[0], "lo").unwrap().unwrap();
            assert_eq!(lo.name, "lo");
            assert_eq!(a[1].status, Status::Tolerated(Errno::ENODEV));
            assert!(a[1].data.is_empty());
            assert_eq!(a[2].status, Status::Ok);
            assert_eq!(s.dropped(), 0);

            // The same absent link under a strict policy: a typed error with the errno
            // by name.
            let e = s
                .batch(&[req(
                    "read nope0",
                    crate::msgs::get_link(Some("nope0"), 0).unwrap(),
                    Policy::STRICT,
                )])
                .unwrap_err();
            assert_eq!(e.errno(), Some(Errno::ENODEV), "{e}");
            assert!(e.to_string().starts_with("read nope0: ENODEV"), "{e}");

            // The kernel's extended ACK travels with the error: a gateway that no route
            // reaches ("Nexthop has invalid gateway").
            let r = crate::msgs::RouteSpec {
                dst: None,
                v6: false,
                dst_len: 0,
                gateway: Some(std::net::Ipv4Addr::new(10, 0, 0, 1).into()),
                oif: lo.index.unsigned_abs(),
                scope_link: false,
                priority: None,
                table: 254,
            };
            let e = s
                .batch(&[req(
                    "add a default route via lo",
                    crate::msgs::replace_route(&r).unwrap(),
                    Policy::GONE_OK,
                )])
                .unwrap_err();
            match &e {
                Error::Kernel { errno, msg, .. } => {
                    assert_eq!(*errno, Errno::ENETUNREACH, "{e}");
                    assert!(msg.as_deref().is_some_and(|m| !m.is_empty()), "{e}");
                }
                other => panic!("not a kernel error: {other}"),
            }
            assert!(e.to_string().contains("kernel says"), "{e}");
        });
    }

    #[test]
    fn messages_not_from_the_kernel_are_dropped() {
        in_new_netns("messages_not_from_the_kernel_are_dropped", || {
            let mut ours = NlSocket::open().unwrap();
            let lo = || {
                req(
                    "lo",
                    crate::msgs::get_link(Some("lo"), 0).unwrap(),
                    Policy::STRICT,
                )
            };
            ours.batch(&[lo()]).unwrap(); // binds a port
                                          // Another socket forges an ACK for the sequence number we send next.
            let mut ack = Vec::new();
            ack.extend_from_slice(&36u32.to_ne_bytes());
            ack.extend_from_slice(&NLMSG_ERROR.to_ne_bytes());
            ack.extend_from_slice(&0x100u16.to_ne_bytes());
            ack.extend_from_slice(&ours.next_seq.to_ne_bytes());
            ack.extend_from_slice(&0u32.to_ne_bytes());
            ack.extend_from_slice(&0i32.to_ne_bytes());
            ack.extend_from_slice(&[0; 16]);
            forge(&ours, &ack);
            let a = ours.batch(&[lo()]).unwrap();
            assert_eq!(ours.dropped(), 1, "the forged ACK was not dropped");
            // The real answer still arrived: the link itself, then the kernel's ACK.
            assert!(crate::state::link_of(&a[0], "lo").unwrap().is_some());
        });
    }

    #[test]
    fn a_watched_local_route_is_seen_from_the_kernels_notification() {
        in_new_netns("a_watched_local_route_is_seen", || {
            let mut s = NlSocket::open_watching().unwrap();
            // ::1 gets its local route when lo goes up, from the kernel's work queue.
            s.watch_local_route(Ipv6Addr::LOCALHOST, 1).unwrap();
            assert!(!s.local_route_seen());
            s.batch(&[lo_up()]).unwrap();
            let deadline = Instant::now() + std::time::Duration::from_secs(2);
            assert!(wait_local_routes(&mut [&mut s], deadline).unwrap());
            assert!(s.local_route_seen());
            assert!(s.notifications() >= 1);
            assert_eq!(s.dropped(), 0);

            // A route that never comes: the wait ends at the deadline, unseen.
            let mut t = NlSocket::open_watching().unwrap();
            t.watch_local_route("fd00::99".parse().unwrap(), 1).unwrap();
            let start = Instant::now();
            let deadline = start + std::time::Duration::from_millis(50);
            assert!(!wait_local_routes(&mut [&mut t], deadline).unwrap());
            assert!(start.elapsed() >= std::time::Duration::from_millis(50));
            assert!(!t.local_route_seen());
        });
    }

    #[test]
    fn a_forged_notification_is_dropped() {
        in_new_netns("a_forged_notification_is_dropped", || {
            let mut ours = NlSocket::open_watching().unwrap();
            let lo = req(
                "lo",
                crate::msgs::get_link(Some("lo"), 0).unwrap(),
                Policy::STRICT,
            );
            ours.batch(std::slice::from_ref(&lo)).unwrap(); // binds a port
            let watched: Ipv6Addr = "fd00::7".parse().unwrap();
            ours.watch_local_route(watched, 1).unwrap();
            // Another socket sends exactly the notification we wait for.
            let mut forged = Vec::new();
            let mut m = netlink_codec::build::MessageBuilder::new(
                &mut forged,
                RTM_NEWROUTE,
                NlmFlags::empty(),
                0,
            )
            .unwrap();
            m.family_header(&netlink_codec::route::RtMsg {
                rtm_family: netlink_codec::af::AF_INET6,
                rtm_dst_len: 128,
                rtm_table: 255,
                rtm_type: RTN_LOCAL,
                ..Default::default()
            })
            .unwrap();
            let a = m.attrs();
            a.ip(netlink_codec::route::RTA_DST, IpAddr::V6(watched))
                .unwrap();
            a.u32(netlink_codec::route::RTA_OIF, 1).unwrap();
            m.finish().unwrap();
            forge(&ours, &forged);
            ours.batch(&[lo]).unwrap();
            assert!(!ours.local_route_seen(), "a forged notification was taken");
            assert_eq!(ours.dropped(), 1);
        });
    }

    impl NlSocket {
        /// Set the watch's receive buffer (0: the kernel's smallest).
        pub(crate) fn watch_rcvbuf(&self, bytes: usize) {
            let fd = &self.watch_fd.as_ref().unwrap().0;
            setsockopt(fd, sockopt::RcvBuf, &bytes).unwrap();
        }
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
    fn notifications_that_overflow_the_watch_never_fail_a_batch() {
        in_new_netns("notifications_that_overflow_the_watch", || {
            let mut churn = NlSocket::open().unwrap();
            churn.batch(&[lo_up()]).unwrap();
            let mut s = NlSocket::open_watching().unwrap();
            let rcvbuf = |s: &NlSocket, bytes: usize| s.watch_rcvbuf(bytes);
            // The kernel's smallest receive buffer: a few notifications fill it.
            rcvbuf(&s, 0);
            let watched: Ipv6Addr = "fd00::7".parse().unwrap();
            s.watch_local_route(watched, 1).unwrap();
            churn_ipv6_routes(&mut churn, 200);

            // The answers are not among what the kernel dropped.
            let lo = req(
                "lo",
                crate::msgs::get_link(Some("lo"), 0).unwrap(),
                Policy::STRICT,
            );
            let a = s.batch(std::slice::from_ref(&lo)).unwrap();
            assert!(crate::state::link_of(&a[0], "lo").unwrap().is_some());

            // The watch knows notifications were lost, so the wait returns at once for
            // the caller to look the route up (it does not wait out the deadline).
            let far = Instant::now() + std::time::Duration::from_secs(30);
            assert!(!wait_local_routes(&mut [&mut s], far).unwrap());
            assert!(s.watch().unwrap().lost, "the overrun went unnoticed");
            assert!(!s.local_route_seen());

            // After a resync, a new overrun is reported again (the queue was drained,
            // so the kernel reports its next drop).
            s.resynced();
            assert!(!s.watch().unwrap().lost);
            churn_ipv6_routes(&mut churn, 200);
            assert!(!wait_local_routes(&mut [&mut s], far).unwrap());
            assert!(s.watch().unwrap().lost, "the second overrun went unnoticed");

            // With room again, the watched route's own notification tells.
            s.resynced();
            rcvbuf(&s, 256 * 1024);
            let add = crate::msgs::new_addr(
                IpAddr::V6(watched),
                128,
                1,
                netlink_codec::addr::IfaFlags::NODAD,
                false,
            )
            .unwrap();
            s.batch(&[req("add fd00::7", add, Policy::STRICT)]).unwrap();
            let deadline = Instant::now() + std::time::Duration::from_secs(5);
            assert!(wait_local_routes(&mut [&mut s], deadline).unwrap());
            assert!(s.local_route_seen());
            assert_eq!(s.dropped(), 0);
        });
    }

    /// A fake kernel: a netlink socket of its own port that answers each datagram it
    /// receives with what `answer(try, seq)` builds, `tries` times. The socket under test
    /// sends to it and trusts it as the kernel (`kernel_port`), and is otherwise as is.
    fn fake_kernel(
        s: &mut NlSocket,
        tries: u32,
        answer: impl Fn(u32, u32) -> Vec<u8> + Send + 'static,
    ) -> std::thread::JoinHandle<()> {
        let fake = open_fd().unwrap();
        bind(fake.as_raw_fd(), &NetlinkAddr::new(0, 0)).unwrap();
        s.kernel_port = nix::sys::socket::getsockname::<NetlinkAddr>(fake.as_raw_fd())
            .unwrap()
            .pid();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; SLOT_LEN];
            for t in 1..=tries {
                let (len, from) = {
                    let mut iov = [IoSliceMut::new(&mut buf)];
                    let r =
                        recvmsg::<NetlinkAddr>(fake.as_raw_fd(), &mut iov, None, MsgFlags::empty())
                            .unwrap();
                    (r.bytes, r.address.unwrap())
                };
                let req = Messages::new(&buf[..len]).next().unwrap().unwrap();
                let reply = answer(t, req.seq());
                sendmsg(
                    fake.as_raw_fd(),
                    &[IoSlice::new(&reply)],
                    &[],
                    MsgFlags::empty(),
                    Some(&from),
                )
                .unwrap();
            }
        })
    }

    /// One part of a link dump: `RTM_NEWLINK` named `name` (flags `flags`), then
    /// `NLMSG_DONE`, both with sequence number `seq`.
    fn dump_part(seq: u32, name: &str, flags: NlmFlags) -> Vec<u8> {
        let mut buf = Vec::new();
        let mut m =
            MessageBuilder::new(&mut buf, RTM_NEWLINK, NlmFlags::MULTI | flags, seq).unwrap();
        m.family_header(&IfInfoMsg::default()).unwrap();
        m.attrs().str(IFLA_IFNAME, name).unwrap();
        m.finish().unwrap();
        buf.extend_from_slice(&20u32.to_ne_bytes());
        buf.extend_from_slice(&NLMSG_DONE.to_ne_bytes());
        buf.extend_from_slice(&NlmFlags::MULTI.bits().to_ne_bytes());
        buf.extend_from_slice(&seq.to_ne_bytes());
        buf.extend_from_slice(&0u32.to_ne_bytes());
        buf.extend_from_slice(&0i32.to_ne_bytes());
        buf
    }

    fn link_dump() -> Request {
        let mut buf = Vec::new();
        let mut m =
            MessageBuilder::new(&mut buf, RTM_GETLINK, NlmFlags::REQUEST | NlmFlags::DUMP, 0)
                .unwrap();
        m.family_header(&IfInfoMsg::default()).unwrap();
        m.finish().unwrap();
        req("dump links", buf, Policy::STRICT)
    }

    #[test]
    fn an_interrupted_dump_is_sent_again_and_only_the_whole_one_kept() {
        in_new_netns("an_interrupted_dump_is_sent_again", || {
            let mut s = NlSocket::open().unwrap();
            // The first answer says the dump was interrupted (NLM_F_DUMP_INTR): its links
            // may be a mix of before and after a change.
            let fake = fake_kernel(&mut s, 2, |t, seq| match t {
                1 => dump_part(seq, "torn", NlmFlags::DUMP_INTR),
                _ => dump_part(seq, "whole", NlmFlags::empty()),
            });
            let a = s.batch(&[link_dump()]).unwrap();
            assert_eq!(
                s.round_trips(),
                2,
                "the interrupted dump was not sent again"
            );
            fake.join().unwrap();
            assert_eq!(a[0].status, Status::Ok);
            let names: Vec<crate::state::Text> = a[0]
                .messages()
                .map(|m| crate::state::Link::parse(&m.unwrap()).unwrap().name)
                .collect();
            assert_eq!(names, ["whole"], "the torn dump's links were kept");
            assert_eq!(s.dropped(), 0);
        });
    }

    #[test]
    fn a_dump_interrupted_every_time_is_an_error_after_its_tries() {
        in_new_netns("a_dump_interrupted_every_time", || {
            let mut s = NlSocket::open().unwrap();
            let fake = fake_kernel(&mut s, DUMP_TRIES, |_, seq| {
                dump_part(seq, "torn", NlmFlags::DUMP_INTR)
            });
            let e = s.batch(&[link_dump()]).unwrap_err();
            fake.join().unwrap();
            assert!(
                matches!(
                    e,
                    Error::DumpInterrupted {
                        tries: DUMP_TRIES,
                        ..
                    }
                ),
                "{e}"
            );
            assert_eq!(s.round_trips(), DUMP_TRIES);
        });
    }

    #[test]
    fn the_abort_hook_cuts_a_batch_after_the_kth_request() {
        in_new_netns("the_abort_hook_cuts_a_batch_after_the_kth_request", || {
            let mut s = NlSocket::open().unwrap();
            let lo = || {
                req(
                    "lo",
                    crate::msgs::get_link(Some("lo"), 0).unwrap(),
                    Policy::STRICT,
                )
            };
            let mut ex = crate::wiring::Exec::new(Some(4));
            assert_eq!(ex.batch(&mut s, &[lo(), lo()]).unwrap().len(), 2);
            let e = ex.batch(&mut s, &[lo(), lo(), lo()]).unwrap_err();
            assert!(matches!(e, Error::TestAbort(4)), "{e}");
            assert_eq!(e.exit_code(), 3);
            assert_eq!(ex.sent(), 4);
            assert_eq!(s.round_trips(), 2);
            // Only two of the three went out: nothing is left unanswered on the socket.
            ex = crate::wiring::Exec::new(None);
            assert_eq!(ex.batch(&mut s, &[lo()]).unwrap().len(), 1);
            assert_eq!(s.dropped(), 0);
        });
    }
}
