//! Notifications: a socket opened with [`NlSocket::open_watching`] can watch for one IPv6
//! local route ([`NlSocket::watch_local_route`]).
//!
//! The notifications arrive on a second, non-blocking descriptor that joins
//! `RTNLGRP_IPV6_ROUTE` and sends nothing: the group carries every IPv6 route change of
//! the namespace, and a busy node (or a pod that churns its own routes) can overflow any
//! receive buffer; on the socket of the answers, that overflow would cost answers too, and
//! fail the batch. [`wait_local_routes`] reads the watch: notifications about the watched
//! route (`nlmsg_seq` 0, `nlmsg_pid` 0: the kernel's own doing) are taken, every other one
//! is dropped and counted apart ([`NlSocket::ignored`]). When the kernel dropped
//! notifications (`ENOBUFS` on the watch), the watched one may be among them: the watch is
//! marked lost ([`RouteWatch::lost`]) once the queue is drained, and the caller resyncs
//! with a lookup ([`NlSocket::resynced`]); a drop after the drain is reported again.

use netlink_codec::group::RTNLGRP_IPV6_ROUTE;
use std::net::{IpAddr, Ipv6Addr};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::time::Instant;

use netlink_codec::af::AF_INET6;
use netlink_codec::header::{Messages, NlMsg, RTM_DELROUTE, RTM_NEWROUTE};
use netlink_codec::repr::RouteRepr;
use netlink_codec::route::{RTN_LOCAL, RT_TABLE_LOCAL};
use netlink_codec::{DecodeError, Errno};
use nix::errno::Errno as NixErrno;
use nix::sys::socket::{
    bind, socket, AddressFamily, NetlinkAddr, SockFlag, SockProtocol, SockType,
};

use super::socket::{NlSocket, Queue, Sender, SLOTS};
use crate::error::{Error, Result};

/// The IPv6 local route a socket watches for (`local DST dev OIF table local`, which the
/// kernel adds once it has finished bringing up the address DST on link OIF).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RouteWatch {
    /// The address.
    pub(crate) dst: Ipv6Addr,
    /// The link.
    pub(crate) oif: u32,
    /// A notification said the route exists (and none since said it is gone), or the
    /// caller saw it in a read ([`NlSocket::saw_local_route`]).
    pub(crate) seen: bool,
    /// The kernel dropped notifications (the watch's receive buffer overflowed) since the
    /// watch began or the last resync: only a lookup can tell whether the route exists.
    pub(crate) lost: bool,
}

/// Create the non-blocking descriptor a watch reads notifications from, in the calling
/// thread's network namespace. It joins its group when the watch begins, sends nothing,
/// and needs none of the options of [`super::socket::open_fd`].
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

impl NlSocket {
    /// A socket in the calling thread's network namespace that can watch a route
    /// ([`NlSocket::watch_local_route`]): a second descriptor, made here (so in this
    /// namespace), carries the notifications.
    pub(crate) fn open_watching() -> Result<NlSocket> {
        let mut s = NlSocket::open()?;
        s.watch_fd = Some((open_watch_fd()?, false));
        Ok(s)
    }

    /// Watch for the IPv6 local route of `dst` on link `oif`: the notification
    /// descriptor joins `RTNLGRP_IPV6_ROUTE` (one `bind`, the first time), and from
    /// now on the kernel's notifications about that route are taken. Whether it was seen:
    /// [`NlSocket::local_route_seen`]. Needs a socket from [`NlSocket::open_watching`].
    pub(crate) fn watch_local_route(&mut self, dst: Ipv6Addr, oif: u32) -> Result<()> {
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
    pub(crate) fn resynced(&mut self) {
        if let Some(w) = &mut self.watch {
            w.lost = false;
        }
    }

    /// The watched route exists: a notification said so, or the caller saw it.
    pub(crate) fn local_route_seen(&self) -> bool {
        self.watch.is_some_and(|w| w.seen)
    }

    /// The caller read the watched route (a lookup answered after the watch began).
    pub(crate) fn saw_local_route(&mut self) {
        if let Some(w) = &mut self.watch {
            w.seen = true;
        }
    }

    /// The watch, if any.
    pub(crate) fn watch(&self) -> Option<RouteWatch> {
        self.watch
    }

    /// Notifications taken for the watch.
    #[allow(dead_code)] // a diagnostic counter; the tests read it
    pub(crate) fn notifications(&self) -> u64 {
        self.notifications
    }

    /// Notifications dropped: not about the watched route.
    #[allow(dead_code)] // a diagnostic counter; the tests read it
    pub(crate) fn ignored(&self) -> u64 {
        self.ignored
    }

    /// Take the notifications waiting on the watch, without blocking, until none is
    /// left (a receive that fills fewer slots found the queue empty). `ENOBUFS` (the
    /// kernel dropped some) marks the watch lost, and the queue is still drained: the
    /// kernel reports its next drop only once the queue was empty, so a lookup made after
    /// this return sees every route whose notification is gone. (A drop reported after
    /// that receive had taken datagrams stays pending: `poll` sees it.)
    fn drain_notifications(&mut self, op: &str) -> Result<()> {
        if self.watch_fd.is_none() {
            return Ok(());
        }
        loop {
            let n = match self.receive(Queue::Watch, false, op) {
                Ok(0) => return Ok(()),
                Ok(n) => n,
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
            for (datagram, sender) in self.slots.datagrams() {
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
pub(crate) fn wait_local_routes(socks: &mut [&mut NlSocket], deadline: Instant) -> Result<bool> {
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
/// that are exactly the watched route.
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
            && is_local_route(&msg, w.dst, w.oif).unwrap_or(false);
        if about {
            w.seen = kind == RTM_NEWROUTE;
            *taken += 1;
        } else {
            *ignored += 1;
        }
    }
}

/// Is the route message `msg` the IPv6 local route of `dst` on `oif` in table local?
fn is_local_route(msg: &NlMsg<'_>, dst: Ipv6Addr, oif: u32) -> Result<bool, DecodeError> {
    let r = RouteRepr::parse(msg)?;
    Ok(r.family == AF_INET6
        && r.kind == RTN_LOCAL
        && r.table_id() == u32::from(RT_TABLE_LOCAL)
        && r.attrs.dst == Some(IpAddr::V6(dst))
        && r.attrs.oif == Some(oif))
}

#[cfg(test)]
mod tests;
