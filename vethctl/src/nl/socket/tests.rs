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
fn a_datagram_longer_than_a_slot_is_taken_whole_or_named_truncated() {
    in_new_netns("a_datagram_longer_than_a_slot", || {
        let mut sock = NlSocket::open().unwrap();
        nix::sys::socket::bind(sock.fd().as_raw_fd(), &NetlinkAddr::new(0, 0)).unwrap();
        let long: Vec<u8> = (0..SLOT_LEN + 4000).map(|i| (i % 251) as u8).collect();
        // Whole: its length peeked, the buffer grown, all of it taken, nothing else.
        forge(&sock, &long);
        forge(&sock, b"next");
        let whole = Take::Whole { max: 1 << 20 };
        let got = sock.receive_as(Queue::Answers, false, whole, "t").unwrap();
        assert_eq!(got, Received::Datagrams(1));
        let d: Vec<Datagram<'_>> = sock.received().collect();
        assert_eq!(
            (d[0].bytes, d[0].sender, d[0].groups),
            (&long[..], Sender::Other, 0)
        );
        let got = sock.receive_as(Queue::Answers, false, whole, "t").unwrap();
        assert_eq!(got, Received::Datagrams(1));
        assert_eq!(sock.received().next().unwrap().bytes, b"next");
        // Too long for `max`: named, and left queued.
        forge(&sock, &long);
        let small = Take::Whole { max: SLOT_LEN };
        let e = sock
            .receive_as(Queue::Answers, false, small, "t")
            .unwrap_err();
        assert!(
            e.to_string()
                .contains(&format!("a {}-byte datagram", long.len())),
            "{e}"
        );
        // A batch receive names its real length.
        match sock.receive(Queue::Answers, false, "t") {
            Err(Error::Truncated { len, .. }) => assert_eq!(len, long.len()),
            other => panic!("{other:?}"),
        }
        assert_eq!(sock.receive(Queue::Answers, false, "t").unwrap(), 0);
    });
}

#[test]
fn an_overflowed_queue_is_an_overrun_then_group_datagrams_carry_their_group() {
    in_new_netns("an_overflowed_queue_is_an_overrun", || {
        let mut churn = NlSocket::open().unwrap();
        churn.batch(&[lo_up()]).unwrap();
        let mut sock = NlSocket::open().unwrap();
        // RTNLGRP_IPV6_ROUTE (11) through bind's group mask, and the kernel's
        // smallest receive buffer: a few notifications fill it.
        let group = 1 << (11 - 1);
        let fd = sock.fd().as_raw_fd();
        nix::sys::socket::bind(fd, &NetlinkAddr::new(0, group)).unwrap();
        setsockopt(&sock.fd(), sockopt::RcvBuf, &0usize).unwrap();
        churn_ipv6_routes(&mut churn, 200);
        let whole = Take::Whole { max: 1 << 20 };
        let mut first = None;
        let mut groups = Vec::new();
        loop {
            match sock.receive_as(Queue::Answers, false, whole, "t").unwrap() {
                Received::Overrun => first = first.or(Some(groups.len())),
                Received::Datagrams(0) => break,
                Received::Datagrams(_) => {
                    groups.extend(sock.received().map(|d| (d.sender, d.groups)));
                }
            }
        }
        assert!(first.is_some(), "no overrun in {} datagrams", groups.len());
        assert!(!groups.is_empty());
        assert!(
            groups.iter().all(|&g| g == (Sender::Group, group)),
            "{groups:?}"
        );
        // The batch receive reports the same as an error naming ENOBUFS.
        churn_ipv6_routes(&mut churn, 200);
        let e = loop {
            match sock.receive(Queue::Answers, false, "t") {
                Ok(0) => panic!("no overrun"),
                Ok(_) => continue,
                Err(e) => break e,
            }
        };
        assert!(
            matches!(
                e,
                Error::Sys {
                    errno: Errno::ENOBUFS,
                    ..
                }
            ),
            "{e}"
        );
    });
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
