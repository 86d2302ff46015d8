//! Unit tests of the comparators, the ownership rule and the readiness wait.

use crate::wiring::desired::Desired;
use std::net::{IpAddr, Ipv4Addr};

use netlink_codec::addr::IfaFlags;
use netlink_codec::route::{RTN_LOCAL, RT_SCOPE_LINK, RT_TABLE_LOCAL, RT_TABLE_MAIN};

use super::assess::ipv6_impossible;
use super::assess::Assessment;
use super::desired::Family;
use super::desired::V6_GATEWAY_FLAGS;
use super::desired::{full, our_metric};
use super::item::{Have, HostAddr, Item, ItemKey};
use super::observe::Read;
use super::phase::as_created;
use super::step::Purpose;
use super::view::{HostView, PodView};
use super::*;
use crate::state::{Addr, Link, Route};
use netlink_codec::header::{
    NlMsgHdr, NlmFlags, RTM_DELROUTE, RTM_GETLINK, RTM_GETROUTE, RTM_NEWADDR, RTM_NEWLINK,
    RTM_NEWROUTE,
};
use netlink_codec::link::Iff;
use zerocopy::FromBytes;

fn spec() -> Spec {
    Spec::new(
        "c1",
        Some("vh1"),
        "eth0",
        Some("fd00::5".parse().unwrap()),
        Some(Ipv4Addr::new(10, 1, 2, 3)),
        1500,
        true,
    )
    .unwrap()
}

fn wired(spec: &Spec) -> (HostView, PodView) {
    let hl = Link {
        index: 10,
        name: spec.host_iface.as_str().into(),
        flags: Iff::UP,
        kind: Some("veth".into()),
        mtu: Some(1500),
        link: Some(2),
        link_netnsid: Some(0),
        addr_gen_mode: Some(1),
        ipv4_forwarding: Some(1),
        ipv4_proxy_arp: Some(1),
        ipv6_forwarding: Some(1),
        ipv6_force_forwarding: Some(1),
        inet6: true,
        ipv6_disabled: Some(false),
        alias: Some(owner_alias(&spec.container_id).into()),
    };
    let pl = Link {
        index: 2,
        name: "eth0".into(),
        flags: Iff::UP,
        kind: Some("veth".into()),
        mtu: Some(1500),
        link: Some(10),
        link_netnsid: Some(0),
        addr_gen_mode: Some(1),
        inet6: true,
        ..Default::default()
    };
    let hr = |ip: IpAddr| Route {
        v6: ip.is_ipv6(),
        dst_len: full(ip),
        table: u32::from(RT_TABLE_MAIN),
        scope: if ip.is_ipv6() { 0 } else { RT_SCOPE_LINK },
        rtype: 1,
        dst: Some(ip),
        gateway: None,
        oif: Some(10),
        priority: our_metric(ip.is_ipv6()),
        prefsrc: None,
        protocol: 3,
    };
    let host = HostView {
        link: Some(hl),
        addrs: Some(vec![Addr {
            index: 10,
            prefix_len: 64,
            flags: V6_GATEWAY_FLAGS.union(IfaFlags::PERMANENT),
            ip: IpAddr::V6(V6_GATEWAY),
        }]),
        proxy_delay: Some(0),
        route6: Some(hr(IpAddr::V6(spec.ip6.unwrap()))),
        route4: Some(hr(IpAddr::V4(spec.ip4.unwrap()))),
        fresh: false,
    };
    let mut onlink = hr(IpAddr::V4(V4_GATEWAY));
    onlink.oif = Some(2);
    let def = |gw: IpAddr| Route {
        v6: gw.is_ipv6(),
        dst_len: 0,
        table: u32::from(RT_TABLE_MAIN),
        scope: 0,
        rtype: 1,
        dst: None,
        gateway: Some(gw),
        oif: Some(2),
        priority: our_metric(gw.is_ipv6()),
        prefsrc: None,
        protocol: 3,
    };
    let pod = PodView {
        link: Some(pl),
        host_nsid: Some(0),
        addrs: vec![
            Addr {
                index: 2,
                prefix_len: 128,
                flags: IfaFlags::NODAD | IfaFlags::PERMANENT,
                ip: IpAddr::V6(spec.ip6.unwrap()),
            },
            Addr {
                index: 2,
                prefix_len: 32,
                flags: IfaFlags::PERMANENT,
                ip: IpAddr::V4(spec.ip4.unwrap()),
            },
        ],
        routes: vec![
            onlink,
            def(IpAddr::V4(V4_GATEWAY)),
            def(IpAddr::V6(V6_GATEWAY)),
            // The kernel's local route of the IPv6 address: it is usable.
            Route {
                v6: true,
                dst_len: 128,
                table: u32::from(RT_TABLE_LOCAL),
                scope: 0,
                rtype: RTN_LOCAL,
                dst: spec.ip6.map(IpAddr::V6),
                gateway: None,
                oif: Some(2),
                priority: 0,
                prefsrc: None,
                protocol: 2,
            },
        ],
    };
    (host, pod)
}

fn hdr(s: &Planned) -> NlMsgHdr {
    match &s.step {
        Step::Netlink(r) => *NlMsgHdr::ref_from_prefix(&r.msg).unwrap().0,
        Step::Sysctl { .. } => panic!("not netlink"),
    }
}

#[test]
fn wired_state_needs_nothing() {
    let spec = spec();
    let (host, pod) = wired(&spec);
    let a = assess(&Desired::of(&spec), &host, &pod).unwrap();
    assert!(a.host.is_empty(), "{:?}", a.host);
    assert!(a.pod.is_empty(), "{:?}", a.pod);
    assert!(a.items.iter().all(|i| i.have == Have::Ok), "{:?}", a.items);
    assert!(a.items.len() >= 15);
}

#[test]
fn drift_is_named_and_repaired() {
    let spec = spec();
    let (mut host, mut pod) = wired(&spec);
    host.link.as_mut().unwrap().flags = Iff::empty();
    host.link.as_mut().unwrap().ipv4_proxy_arp = Some(0);
    host.link.as_mut().unwrap().ipv6_forwarding = Some(0);
    host.proxy_delay = Some(80);
    host.route4 = None;
    pod.routes.retain(|r| r.dst_len != 0 || r.v6);
    pod.routes.push(Route {
        v6: false,
        dst_len: 0,
        table: u32::from(RT_TABLE_MAIN),
        scope: 0,
        rtype: 1,
        dst: None,
        gateway: Some(Ipv4Addr::new(169, 254, 1, 2).into()),
        oif: Some(2),
        priority: 0,
        prefsrc: None,
        protocol: 3,
    });
    // A second wrong IPv6 default with another metric must be deleted.
    pod.routes.push(Route {
        v6: true,
        dst_len: 0,
        table: u32::from(RT_TABLE_MAIN),
        scope: 0,
        rtype: 1,
        dst: None,
        gateway: Some("fe80::2".parse().unwrap()),
        oif: Some(2),
        priority: 2048,
        prefsrc: None,
        protocol: 3,
    });
    let a = assess(&Desired::of(&spec), &host, &pod).unwrap();
    let lines: Vec<String> = a.items.iter().filter_map(Item::drift_line).collect();
    let text = lines.join("\n");
    for word in [
        "proxy_arp",
        "proxy_delay",
        "forwarding",
        "down",
        "10.1.2.3",
        "169.254.1.2",
        "fe80::2",
    ] {
        assert!(text.contains(word), "{word} not in:\n{text}");
    }
    // Host: the sysctl write comes first, then one setlink with AF_SPEC, the
    // neighbour table, up, the route, and (the pod side is up) the lookup of the
    // gateway's local route.
    assert!(matches!(&a.host[0].step, Step::Sysctl { value, .. } if value == "1"));
    let types: Vec<u16> = a.host[1..]
        .iter()
        .map(|s| hdr(s).nlmsg_type.get())
        .collect();
    assert_eq!(
        types,
        [RTM_NEWLINK, 67, RTM_NEWLINK, RTM_NEWROUTE, RTM_GETROUTE]
    );
    assert_eq!(a.ready_lookup(Side::Host), Some(5));
    let route = hdr(&a.host[4]);
    assert_eq!(
        route.flags(),
        NlmFlags::REQUEST | NlmFlags::ACK | NlmFlags::CREATE | NlmFlags::REPLACE
    );
    // Pod: (the host link went up) read both links back to settle their carrier
    // state, replace the IPv4 default, delete the extra IPv6 default. The IPv6
    // address's local route was read in place: no lookup.
    let types: Vec<u16> = a.pod.iter().map(|s| hdr(s).nlmsg_type.get()).collect();
    assert_eq!(
        types,
        [RTM_GETLINK, RTM_GETLINK, RTM_NEWROUTE, RTM_DELROUTE]
    );
    assert_eq!(a.ready_lookup(Side::Pod), None);
    let Step::Netlink(del) = &a.pod[3].step else {
        panic!()
    };
    assert_eq!(del.policy, Policy::GONE_OK);
}

#[test]
fn gateway_without_noprefixroute_is_replaced() {
    // fe80::1 as an older vethctl added it: nodad, but with its fe80::/64 route.
    let spec = spec();
    let (mut host, pod) = wired(&spec);
    host.addrs.as_mut().unwrap()[0].flags = IfaFlags::NODAD | IfaFlags::PERMANENT;
    let a = assess(&Desired::of(&spec), &host, &pod).unwrap();
    let lines: Vec<String> = a.items.iter().filter_map(Item::drift_line).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("without noprefixroute"), "{}", lines[0]);
    assert!(!lines[0].contains("without nodad"), "{}", lines[0]);
    let new: Vec<&Planned> = a
        .host
        .iter()
        .filter(|s| matches!(s.step, Step::Netlink(_)) && hdr(s).nlmsg_type.get() == RTM_NEWADDR)
        .collect();
    assert_eq!(new.len(), 1, "{:?}", a.host);
    assert_eq!(
        hdr(new[0]).flags(),
        NlmFlags::REQUEST | NlmFlags::ACK | NlmFlags::CREATE | NlmFlags::REPLACE
    );
    assert!(a.pod.is_empty(), "{:?}", a.pod);
}

/// The views of a pair just created (ifindexes as in [`wired`]): nothing set yet.
fn created(spec: &Spec) -> (HostView, PodView) {
    let (mut hl, mut pl) = as_created(&Desired::of(spec));
    hl.index = 10;
    pl.index = 2;
    let host = HostView {
        link: Some(hl),
        addrs: Some(Vec::new()),
        ..Default::default()
    };
    let pod = PodView {
        link: Some(pl),
        host_nsid: Some(0),
        ..Default::default()
    };
    (host, pod)
}

#[test]
fn fresh_link_gets_everything_in_order() {
    let spec = spec();
    let (host, pod) = created(&spec);
    let a = assess(&Desired::of(&spec), &host, &pod).unwrap();
    let kinds: Vec<String> = a.pod.iter().map(|s| s.step.what().to_owned()).collect();
    // addr_gen_mode is set before the link goes up; addresses before routes.
    assert!(kinds[0].starts_with("set addr_gen_mode none"), "{kinds:?}");
    assert!(kinds[1].starts_with("set eth0 up"), "{kinds:?}");
    let pos = |p: &str| kinds.iter().position(|k| k.contains(p)).unwrap();
    assert!(pos("fd00::5/128") < pos("169.254.1.1/32"));
    assert!(pos("169.254.1.1/32") < pos("IPv4 default"));
    let host_kinds: Vec<&str> = a.host.iter().map(|s| s.step.what()).collect();
    assert_eq!(host_kinds.len(), 9, "{host_kinds:?}");
    assert!(host_kinds[8].starts_with("look up the local route of fe80::1"));
    // A link not read yet: force_forwarding is written if this kernel has it.
    assert!(
        matches!(&a.host[1].step, Step::Sysctl { path, if_present: true, .. }
            if path.ends_with("vh1/force_forwarding")),
        "{host_kinds:?}"
    );
    let addr = a
        .host
        .iter()
        .find(|s| hdr_ok(s) == Some(RTM_NEWADDR))
        .unwrap();
    let Step::Netlink(r) = &addr.step else {
        panic!()
    };
    assert_eq!(r.policy, Policy::EXIST_OK);
}

#[test]
fn force_forwarding_is_set_checked_or_noted() {
    let spec = spec();
    let (mut host, pod) = wired(&spec);
    // Off: named as drift, written (the kernel has it: no if_present).
    host.link.as_mut().unwrap().ipv6_force_forwarding = Some(0);
    let a = assess(&Desired::of(&spec), &host, &pod).unwrap();
    let lines: Vec<String> = a.items.iter().filter_map(Item::drift_line).collect();
    assert_eq!(
        lines,
        ["host: net.ipv6.conf.vh1.force_forwarding = 1: IPv6 force_forwarding is 0"]
    );
    assert!(matches!(
        &a.host[0].step,
        Step::Sysctl { path, value, if_present: false, .. }
            if value == "1" && path.ends_with("vh1/force_forwarding")
    ));
    assert!(a.notes.is_empty());
    // A kernel without it (IPv6 settings reported, force_forwarding not among them):
    // nothing to write or report as drift, a note for IPv6 pods.
    host.link.as_mut().unwrap().ipv6_force_forwarding = None;
    let a = assess(&Desired::of(&spec), &host, &pod).unwrap();
    assert!(a.items.iter().all(|i| i.have == Have::Ok), "{:?}", a.items);
    assert!(a.host.is_empty(), "{:?}", a.host);
    assert_eq!(a.notes.len(), 1);
    assert!(
        a.notes[0].contains("net.ipv6.conf.all.forwarding=1"),
        "{}",
        a.notes[0]
    );
    // An IPv4-only pod needs no IPv6 forwarding: no note.
    let mut v4 = spec.clone();
    v4.ip6 = None;
    assert!(assess(&Desired::of(&v4), &host, &pod)
        .unwrap()
        .notes
        .is_empty());
}

fn hdr_ok(s: &Planned) -> Option<u16> {
    match &s.step {
        Step::Netlink(r) => Some(r.msg_type()),
        _ => None,
    }
}

#[test]
fn unknown_host_addresses_are_verified() {
    let spec = spec();
    let (mut host, pod) = wired(&spec);
    host.addrs = None;
    let a = assess(&Desired::of(&spec), &host, &pod).unwrap();
    let i = verify_gateway_at(&a).unwrap();
    let Step::Netlink(create) = &a.host[i].step else {
        panic!()
    };
    assert_eq!(create.policy, Policy::EXIST_VERIFY);
    let Step::Netlink(read) = &a.host[i + 1].step else {
        panic!()
    };
    // A read of that one address, not a dump: a batch holds at most one dump.
    assert!(read.is_read() && !read.is_dump());
    assert_eq!(read.policy, Policy::ADDR_LOOKUP);
    assert!(a.host.iter().all(|s| match &s.step {
        Step::Netlink(r) => !r.is_dump(),
        Step::Sysctl { .. } => true,
    }));
}

fn host_link_of(spec: &Spec) -> Link {
    wired(spec).0.link.unwrap()
}

#[test]
fn ipv4_only_needs_nothing_of_ipv6() {
    let mut v4 = spec();
    v4.ip6 = None;
    v4.mtu = 68;
    let (mut host, mut pod) = created(&v4);
    assert!(!host.link.as_ref().unwrap().inet6, "no IPv6 under 1280");
    host.fresh = true;
    let a = assess(&Desired::of(&v4), &host, &pod).unwrap();
    let all: Vec<String> = a
        .items
        .iter()
        .map(Item::label)
        .chain(
            a.host
                .iter()
                .chain(&a.pod)
                .map(|s| s.step.what().to_owned()),
        )
        .collect();
    for word in ["ipv6", "IPv6", "fe80", "addr_gen_mode", "force_forwarding"] {
        assert!(all.iter().all(|l| !l.contains(word)), "{word}: {all:?}");
    }
    assert!(a.host.iter().all(|s| matches!(s.step, Step::Netlink(_))));
    assert!(a.notes.is_empty() && verify_gateway_at(&a).is_none());
    // A link that has IPv6 (disabled or not) still gets addr_gen_mode none, and only
    // that.
    for l in [host.link.as_mut().unwrap(), pod.link.as_mut().unwrap()] {
        l.inet6 = true;
        l.ipv6_disabled = Some(true);
    }
    let a = assess(&Desired::of(&v4), &host, &pod).unwrap();
    let v6_items: Vec<String> = a
        .items
        .iter()
        .map(Item::label)
        .filter(|l| l.contains("ipv6") || l.contains("addr_gen_mode") || l.contains("fe80"))
        .collect();
    assert_eq!(
        v6_items,
        [
            "host: addr_gen_mode none on vh1",
            "pod: addr_gen_mode none on eth0"
        ]
    );
    assert!(ipv6_impossible(&Desired::of(&v4), Side::Host, host.link.as_ref().unwrap()).is_none());
    // With --ip6, such a link is named as the reason setup cannot go on.
    let why = ipv6_impossible(
        &Desired::of(&spec()),
        Side::Host,
        host.link.as_ref().unwrap(),
    )
    .unwrap();
    assert!(why.contains("net.ipv6.conf.vh1.disable_ipv6 = 1"), "{why}");
}

/// Where the create of `fe80::1` whose EEXIST a read verifies is, if any.
fn verify_gateway_at(a: &Assessment) -> Option<usize> {
    a.host
        .iter()
        .position(|p| matches!(p.purpose, Purpose::FixVerified(_, Read::GatewayAddr(_))))
}

mod desired;
mod ownership;
mod readiness;

/// The report sorts each item by what its own step's answer said, found by the step's
/// key: an address whose create answered EEXIST was in place, a verified gateway that was
/// fixed changed, and on a veth setup created every link setting was created.
#[test]
fn items_are_sorted_by_their_steps_answers() {
    use super::report::{Outcome, Outcomes};
    use super::step::Done;
    use crate::request::{Answer, Status};
    use netlink_codec::Errno;

    let spec = spec();
    let (host, pod) = created(&spec);
    let a = assess(&Desired::of(&spec), &host, &pod).unwrap();
    let v6_addr = Purpose::Fix(ItemKey::PodAddr(Family::V6));
    assert!(a.pod.iter().any(|p| p.purpose == v6_addr), "{:?}", a.pod);
    let done: Vec<Done> = a
        .pod
        .iter()
        .map(|p| Done {
            purpose: p.purpose,
            answer: Some(Answer::from_messages(
                if p.purpose == v6_addr {
                    Status::Tolerated(Errno::EEXIST)
                } else {
                    Status::Ok
                },
                Vec::new(),
            )),
        })
        .collect();
    let mut outcomes = Outcomes::default();
    outcomes.learn(&done);
    outcomes.note(ItemKey::HostAddr(HostAddr::Gateway6), Outcome::Fixed);
    let mut report = Report::default();
    report.sort_items(&a.items, &outcomes, true);
    assert_eq!(report.in_place, ["pod: address fd00::5/128 nodad on eth0"]);
    assert_eq!(
        report.changed,
        ["host: address fe80::1/64 nodad noprefixroute on vh1"]
    );
    for label in [
        "host: mtu 1500 on vh1",
        "pod: link eth0 up",
        "pod: address 10.1.2.3/32 on eth0",
        "pod: IPv6 default route via fe80::1 dev eth0",
    ] {
        assert!(
            report.created.iter().any(|c| c == label),
            "{label}: {report:?}"
        );
    }
    assert_eq!(
        report.created.len() + report.changed.len() + report.in_place.len(),
        a.items.len()
    );
}
