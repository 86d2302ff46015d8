//! IPv6 readiness: where the lookups go, and the wait.

use crate::wiring::desired::Desired;
use std::net::{IpAddr, Ipv6Addr};
use std::time::Instant;

use netlink_codec::addr::IfaFlags;
use netlink_codec::header::{RTM_GETLINK, RTM_GETROUTE, RTM_NEWADDR};
use netlink_codec::route::RT_TABLE_LOCAL;

use super::{created, hdr, hdr_ok, spec, wired};
use crate::config::Spec;
use crate::msgs;
use crate::request::Policy;
use crate::socket::NlSocket;
use crate::wiring::assess::assess;
use crate::wiring::readiness::wait_until_ready;
use crate::wiring::readiness::READY_TIMEOUT;
use crate::wiring::{Exec, Session, Side};

/// The kernel dropped the watched route's notification (the watch's buffer was full
/// of others): the wait notices, looks the route up at once, and finds it ready.
#[test]
fn a_route_whose_notification_was_dropped_is_looked_up() {
    use crate::socket::tests::{churn_ipv6_routes, in_new_netns, lo_up, req};
    in_new_netns("a_route_whose_notification_was_dropped", || {
        let mut churn = NlSocket::open().unwrap();
        churn.batch(&[lo_up()]).unwrap();
        let ip: Ipv6Addr = "fd00::7".parse().unwrap();
        let spec = Spec::new("c1", Some("lo"), "eth0", Some(ip), None, 1500, true).unwrap();
        let mut s = Session {
            host: NlSocket::open_watching().unwrap(),
            pod: None,
            exec: Exec::new(None),
        };
        s.host.watch_rcvbuf(0);
        s.host.watch_local_route(ip, 1).unwrap();
        // The watch overflows, then the address (and its local route) comes.
        churn_ipv6_routes(&mut churn, 200);
        let add = msgs::new_addr(IpAddr::V6(ip), 128, 1, IfaFlags::NODAD, false).unwrap();
        churn
            .batch(&[req("add fd00::7", add, Policy::STRICT)])
            .unwrap();
        let start = Instant::now();
        wait_until_ready(&mut s, &Desired::of(&spec), &[Side::Host]).unwrap();
        assert!(
            start.elapsed() < READY_TIMEOUT,
            "waited out the timeout instead of looking at once"
        );
        assert!(s.host.local_route_seen());
        // (The lookup may come before the kernel's work queue added the route: then
        // the watch, drained by now, sees the route's notification.)
        assert!(
            s.host.round_trips() >= 1,
            "ready without a look at the route"
        );
    });
}

#[test]
fn ipv6_readiness_is_read_where_it_is_not_known() {
    let spec = spec();
    // Fresh links: the gateway's local route is watched, not looked up (the
    // notification is sure to come); the pod batch reads both links back before
    // adding the addresses, and ends with the lookup of the pod address's local
    // route.
    let (mut host, pod) = created(&spec);
    host.fresh = true;
    let a = assess(&Desired::of(&spec), &host, &pod).unwrap();
    assert!(a.host_watch);
    assert_eq!(a.ready_lookup(Side::Host), None);
    assert!(a.host.iter().all(|s| hdr_ok(s) != Some(RTM_GETROUTE)));
    // The same links, not created by this setup: the route may predate the watch.
    host.fresh = false;
    let b = assess(&Desired::of(&spec), &host, &pod).unwrap();
    assert_eq!(b.ready_lookup(Side::Host), Some(b.host.len() - 1));
    assert_eq!(
        hdr(&b.host[b.host.len() - 1]).nlmsg_type.get(),
        RTM_GETROUTE
    );
    let types: Vec<u16> = a.pod.iter().map(|s| hdr(s).nlmsg_type.get()).collect();
    let first_addr = types.iter().position(|&t| t == RTM_NEWADDR).unwrap();
    let readbacks: Vec<usize> = (0..types.len())
        .filter(|&i| types[i] == RTM_GETLINK)
        .collect();
    assert_eq!(readbacks.len(), 2, "{types:?}");
    assert!(readbacks.iter().all(|&i| i < first_addr), "{types:?}");
    assert_eq!(a.ready_lookup(Side::Pod), Some(a.pod.len() - 1));
    assert_eq!(*types.last().unwrap(), RTM_GETROUTE);

    // Wired, host steps to send (the gateway's EEXIST is verified): the gateway is
    // looked up at the end of the host batch; the pod address's route was read.
    let (mut host, pod) = wired(&spec);
    host.addrs = None;
    let a = assess(&Desired::of(&spec), &host, &pod).unwrap();
    assert_eq!(a.ready_lookup(Side::Host), Some(a.host.len() - 1));
    assert!(a.pod.is_empty(), "{:?}", a.pod);
    assert_eq!(a.ready_lookup(Side::Pod), None);

    // The pod address is there but its local route is not (yet): look it up.
    let (host, mut pod) = wired(&spec);
    pod.routes.retain(|r| r.table != u32::from(RT_TABLE_LOCAL));
    let a = assess(&Desired::of(&spec), &host, &pod).unwrap();
    assert_eq!(a.ready_lookup(Side::Pod), Some(0));
    assert_eq!(a.pod.len(), 1);

    // IPv4 only: nothing to wait for.
    let mut v4 = spec.clone();
    v4.ip6 = None;
    let (mut host, pod) = wired(&spec);
    host.addrs = None;
    let a = assess(&Desired::of(&v4), &host, &pod).unwrap();
    assert_eq!(
        (a.ready_lookup(Side::Host), a.ready_lookup(Side::Pod)),
        (None, None)
    );
    assert!(!a.host_watch);
    assert!(a
        .host
        .iter()
        .chain(&a.pod)
        .all(|s| hdr_ok(s) != Some(RTM_GETROUTE)));
}
