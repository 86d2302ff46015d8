//! The watch against a real kernel, in a fresh namespace.

use std::time::Duration;

use netlink_codec::af::AF_INET;
use netlink_codec::build::MessageBuilder;
use netlink_codec::header::NlmFlags;
use netlink_codec::repr::RouteAttrs;
use netlink_codec::route::RTN_UNICAST;
use nix::sys::socket::{setsockopt, sockopt};

use super::*;
use crate::nl::socket::tests::{churn_ipv6_routes, forge, in_new_netns, lo_up, req};
use crate::request::Policy;

#[test]
fn a_watched_local_route_is_seen_from_the_kernels_notification() {
    in_new_netns("a_watched_local_route_is_seen", || {
        let mut s = NlSocket::open_watching().unwrap();
        // ::1 gets its local route when lo goes up, from the kernel's work queue.
        s.watch_local_route(Ipv6Addr::LOCALHOST, 1).unwrap();
        assert!(!s.local_route_seen());
        s.batch(&[lo_up()]).unwrap();
        let deadline = Instant::now() + Duration::from_secs(2);
        assert!(wait_local_routes(&mut [&mut s], deadline).unwrap());
        assert!(s.local_route_seen());
        assert!(s.notifications() >= 1);
        assert_eq!(s.dropped(), 0);

        // A route that never comes: the wait ends at the deadline, unseen.
        let mut t = NlSocket::open_watching().unwrap();
        t.watch_local_route("fd00::99".parse().unwrap(), 1).unwrap();
        let start = Instant::now();
        let deadline = start + Duration::from_millis(50);
        assert!(!wait_local_routes(&mut [&mut t], deadline).unwrap());
        assert!(start.elapsed() >= Duration::from_millis(50));
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
        let forged = route_msg(watched.into(), 1, RTN_LOCAL, RT_TABLE_LOCAL, None);
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
        let far = Instant::now() + Duration::from_secs(30);
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
        let deadline = Instant::now() + Duration::from_secs(5);
        assert!(wait_local_routes(&mut [&mut s], deadline).unwrap());
        assert!(s.local_route_seen());
        assert_eq!(s.dropped(), 0);
    });
}

/// An `RTM_NEWROUTE` of `dst` on `oif`: type `rtype`, `rtm_table` `table`, and an
/// `RTA_TABLE` when `rta_table` is set.
fn route_msg(dst: IpAddr, oif: u32, rtype: u8, table: u8, rta_table: Option<u32>) -> Vec<u8> {
    let r = RouteRepr {
        family: if dst.is_ipv6() { AF_INET6 } else { AF_INET },
        dst_len: if dst.is_ipv6() { 128 } else { 32 },
        table,
        kind: rtype,
        attrs: RouteAttrs {
            table: rta_table,
            dst: Some(dst),
            oif: Some(oif),
            ..Default::default()
        },
        ..Default::default()
    };
    let mut buf = Vec::new();
    let mut m = MessageBuilder::new(&mut buf, RTM_NEWROUTE, NlmFlags::empty(), 0).unwrap();
    r.emit(&mut m).unwrap();
    m.finish().unwrap();
    buf
}

#[test]
fn only_the_local_route_of_the_address_on_its_link_is_the_watched_one() {
    let dst: Ipv6Addr = "fd00::7".parse().unwrap();
    let is = |bytes: Vec<u8>| {
        let m = Messages::new(&bytes).next().unwrap().unwrap();
        is_local_route(&m, dst, 3).unwrap()
    };
    let local = RT_TABLE_LOCAL;
    assert!(is(route_msg(dst.into(), 3, RTN_LOCAL, local, None)));
    // RTA_TABLE is the table when present (rtm_table then says RT_TABLE_COMPAT).
    assert!(is(route_msg(dst.into(), 3, RTN_LOCAL, 252, Some(255))));
    assert!(!is(route_msg(dst.into(), 3, RTN_LOCAL, local, Some(254))));
    assert!(
        !is(route_msg(dst.into(), 4, RTN_LOCAL, local, None)),
        "another link"
    );
    assert!(
        !is(route_msg(dst.into(), 3, RTN_UNICAST, local, None)),
        "a unicast route"
    );
    let other: Ipv6Addr = "fd00::8".parse().unwrap();
    assert!(!is(route_msg(other.into(), 3, RTN_LOCAL, local, None)));
    let v4 = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 7));
    assert!(!is(route_msg(v4, 3, RTN_LOCAL, local, None)));
    // A malformed attribute is an error, not a match.
    let mut cut = route_msg(dst.into(), 3, RTN_LOCAL, local, None);
    let len = cut.len();
    cut[len - 8] = 0xff; // RTA_OIF's nla_len: past the end
    let m = Messages::new(&cut).next().unwrap().unwrap();
    assert!(is_local_route(&m, dst, 3).is_err());
}
