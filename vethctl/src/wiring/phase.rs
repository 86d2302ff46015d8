//! The requests of each phase of setup (docs/design.md, "The four phases"), as planned
//! steps: the host's reads, phase A on each side, and the links as they are once created.
//! `setup`, `check`, `plan` and `teardown` take their requests from here.

use std::net::{IpAddr, Ipv6Addr};

use super::desired::{Family, IPV6_MIN_MTU, POD_ADDR_FLAGS};
use super::item::ItemKey;
use super::observe::Read;
use super::ownership::ownership_reads;
use super::req;
use super::step::{Planned, Purpose};
use crate::error::Result;
use crate::msgs;
use crate::netns::Netns;
use crate::request::Policy;
use crate::state::Link;
use crate::wiring::desired::Desired;

/// The host's reads: the link, the route lookups of the pod's addresses.
pub(crate) fn host_reads(d: &Desired) -> Result<Vec<Planned>> {
    let mut v = vec![Planned::read(Read::HostLink, &d.host.name)?];
    for ip in d.pod_ips() {
        v.push(Planned::read(Read::HostRoute(ip), &d.host.name)?);
    }
    Ok(v)
}

/// Host phase A: create the veth (`EEXIST` = verify), then the host's reads.
pub(crate) fn host_phase_a(d: &Desired, netns: &Netns) -> Result<Vec<Planned>> {
    let what = format!(
        "create veth {} (mtu {}) with peer {} born in the pod",
        d.host.name, d.host.mtu, d.pod.name
    );
    let create = msgs::create_veth(&d.host.name, &d.pod.name, d.host.mtu, super::nsfd(netns));
    let mut v = vec![Planned::netlink(
        req(what, create, Policy::EXIST_VERIFY)?,
        Purpose::Fix(ItemKey::HostLink),
    )];
    v.extend(host_reads(d)?);
    Ok(v)
}

/// Pod phase A: on a peer setup just created (`early`), its IPv6 address first; then the
/// reads, the route dump last (a batch holds at most one dump that is not empty).
pub(crate) fn pod_phase_a(d: &Desired, peer: Option<u32>, early: bool) -> Result<Vec<Planned>> {
    let mut v = Vec::new();
    if let (true, Some(ip6), Some(i)) = (early, d.ip6(), peer) {
        v.push(early_addr(ip6, i)?);
    }
    if let Some(i) = peer {
        v.extend(ownership_reads(i)?);
        if let Some(ip) = d.ip6() {
            v.push(Planned::read(Read::PodAddr6(ip, i), "")?);
        }
    }
    v.push(Planned::read(Read::PodRoutes, "")?);
    Ok(v)
}

/// The pod's IPv6 address on the new peer, before its routes (docs/design.md, "IPv6
/// readiness").
fn early_addr(ip6: Ipv6Addr, peer: u32) -> Result<Planned> {
    let r = req(
        format!("add {ip6}/128 nodad on ifindex {peer} (the new peer, before its routes)"),
        msgs::new_addr(IpAddr::V6(ip6), 128, peer, POD_ADDR_FLAGS, false),
        Policy::EXIST_OK,
    )?;
    Ok(Planned::netlink(
        r,
        Purpose::Fix(ItemKey::PodAddr(Family::V6)),
    ))
}

/// How the kernel creates the links (for `plan` when they do not exist yet).
pub(crate) fn as_created(d: &Desired) -> (Link, Link) {
    let host = Link {
        index: 0,
        name: d.host.name.as_str().into(),
        kind: Some("veth".into()),
        mtu: Some(d.host.mtu),
        link: Some(0),
        inet6: d.host.mtu >= IPV6_MIN_MTU,
        ..Default::default()
    };
    let pod = Link {
        link_netnsid: Some(0),
        name: d.pod.name.as_str().into(),
        mtu: Some(d.pod.mtu),
        inet6: d.pod.mtu >= IPV6_MIN_MTU,
        ..host.clone()
    };
    (host, pod)
}
