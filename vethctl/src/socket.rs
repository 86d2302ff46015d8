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
//!   (`MSG_TRUNC`) is an error, `EINTR` is retried, `ENOBUFS` (the kernel dropped replies)
//!   is an error, and a dump answered with `NLM_F_DUMP_INTR` (or `EBUSY`, another dump
//!   still running) is sent again, up to [`DUMP_TRIES`] times.
//!
//! The kernel handles a batch inside `sendmsg`, one message after the other, so the
//! answers of a whole batch are usually waiting when the first `recvmmsg` runs.

use std::collections::HashMap;
use std::io::{IoSlice, IoSliceMut};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, OwnedFd};

use netlink_codec::ack::{DoneView, ErrorView, ExtAck};
use netlink_codec::header::{
    Messages, NlMsg, NlmFlags, NLMSG_DONE, NLMSG_ERROR, NLMSG_NOOP, NLMSG_OVERRUN,
};
use netlink_codec::Errno;
use nix::errno::Errno as NixErrno;
use nix::sys::socket::{
    recvmmsg, recvmsg, sendmsg, setsockopt, socket, sockopt, AddressFamily, MsgFlags, MultiHeaders,
    NetlinkAddr, SockFlag, SockProtocol, SockType, SockaddrLike,
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

    /// Wrap a descriptor made by [`open_fd`] (possibly on another thread, in another
    /// namespace).
    pub fn from_fd(fd: OwnedFd) -> NlSocket {
        NlSocket {
            fd,
            next_seq: 1,
            dropped: 0,
            round_trips: 0,
            buf: Vec::new(),
            timeout_secs: DEFAULT_TIMEOUT_SECS,
        }
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
        let kernel = NetlinkAddr::new(0, 0);
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
    /// (port 0, no multicast group). `EINTR` is retried; truncation, a timeout and
    /// `ENOBUFS` are errors.
    pub fn recv_datagram(&mut self, buf: &mut [u8], op: &str) -> Result<(usize, bool)> {
        loop {
            let mut iov = [IoSliceMut::new(buf)];
            match recvmsg::<NetlinkAddr>(self.fd.as_raw_fd(), &mut iov, None, MsgFlags::empty()) {
                Ok(r) if r.flags.contains(MsgFlags::MSG_TRUNC) => {
                    return Err(Error::Truncated {
                        op: op.to_owned(),
                        len: r.bytes,
                    })
                }
                Ok(r) => return Ok((r.bytes, is_kernel(r.address.as_ref()))),
                Err(NixErrno::EINTR) => continue,
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
        if self.buf.len() != SLOTS * SLOT_LEN {
            self.buf = vec![0; SLOTS * SLOT_LEN];
        }
        let mut headers = MultiHeaders::<NetlinkAddr>::preallocate(SLOTS, None);
        while open > 0 {
            let mut got: [(usize, bool, bool); SLOTS] = [(0, false, false); SLOTS];
            let n = {
                let mut iovs: Vec<[IoSliceMut<'_>; 1]> = self
                    .buf
                    .chunks_mut(SLOT_LEN)
                    .map(|c| [IoSliceMut::new(c)])
                    .collect();
                let res = match recvmmsg(
                    self.fd.as_raw_fd(),
                    &mut headers,
                    iovs.iter_mut(),
                    MsgFlags::MSG_WAITFORONE,
                    None,
                ) {
                    Ok(r) => r,
                    Err(NixErrno::EINTR) => continue,
                    Err(e) => return Err(self.recv_error(&op, "recvmmsg", e)),
                };
                let mut n = 0;
                for (slot, r) in res.enumerate() {
                    let from_kernel = is_kernel(r.address.as_ref());
                    got[slot] = (r.bytes, r.flags.contains(MsgFlags::MSG_TRUNC), from_kernel);
                    n = slot + 1;
                }
                n
            };
            for (slot, &(len, truncated, from_kernel)) in got.iter().enumerate().take(n) {
                if truncated {
                    return Err(Error::Truncated { op, len });
                }
                if !from_kernel {
                    self.dropped += 1;
                    continue;
                }
                let start = slot * SLOT_LEN;
                let datagram = &self.buf[start..start + len.min(SLOT_LEN)];
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

/// A datagram's sender is the kernel: port 0, not a multicast group.
fn is_kernel(addr: Option<&NetlinkAddr>) -> bool {
    addr.is_some_and(|a| a.pid() == 0 && a.groups() == 0 && a.len() > 0)
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
mod tests {
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
    fn in_new_netns(test: &str, f: impl FnOnce() + Send) {
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

    fn req(what: &str, msg: Vec<u8>, policy: Policy) -> Request {
        Request::new(what, msg, policy)
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
            let port = nix::sys::socket::getsockname::<NetlinkAddr>(ours.fd().as_raw_fd())
                .unwrap()
                .pid();
            // Another socket forges an ACK for the sequence number we send next.
            let forger = open_fd().unwrap();
            let mut ack = Vec::new();
            ack.extend_from_slice(&36u32.to_ne_bytes());
            ack.extend_from_slice(&NLMSG_ERROR.to_ne_bytes());
            ack.extend_from_slice(&0x100u16.to_ne_bytes());
            ack.extend_from_slice(&ours.next_seq.to_ne_bytes());
            ack.extend_from_slice(&0u32.to_ne_bytes());
            ack.extend_from_slice(&0i32.to_ne_bytes());
            ack.extend_from_slice(&[0; 16]);
            sendmsg(
                forger.as_raw_fd(),
                &[IoSlice::new(&ack)],
                &[],
                MsgFlags::empty(),
                Some(&NetlinkAddr::new(port, 0)),
            )
            .unwrap();
            let a = ours.batch(&[lo()]).unwrap();
            assert_eq!(ours.dropped(), 1, "the forged ACK was not dropped");
            // The real answer still arrived: the link itself, then the kernel's ACK.
            assert!(crate::state::link_of(&a[0], "lo").unwrap().is_some());
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
