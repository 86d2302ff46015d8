//! Phase A's steps, which setup sends and `plan` lists, and `plan` itself: what setup
//! would send, phase by phase (docs/design.md, "`setup` in four round trips").

use std::net::{IpAddr, Ipv6Addr};

use super::assess::assess;
use super::desired::{Family, IPV6_MIN_MTU, POD_ADDR_FLAGS};
use super::inspect::read_all;
use super::item::{ItemKey, Side};
use super::observe::Read;
use super::ownership::ownership_reads;
use super::step::{Planned, Purpose, Step};
use super::{req, Session};
use crate::config::Spec;
use crate::error::{Error, Result};
use crate::msgs;
use crate::netns::Netns;
use crate::request::Policy;
use crate::state::{Addr, Link};
use crate::wiring::desired::Desired;

/// A plan: what setup would send, phase by phase.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// `(phase label, side, steps)`.
    pub phases: Vec<(String, Side, Vec<Step>)>,
    /// Notes about values only known at run time.
    pub notes: Vec<String>,
}

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

fn steps(v: Vec<Planned>) -> Vec<Step> {
    v.into_iter().map(|p| p.step).collect()
}

/// `plan`: read the live state and list the requests setup would send. Changes nothing.
pub fn plan(spec: &Spec, netns: &Netns) -> Result<Plan> {
    let d = &Desired::of(spec);
    let mut s = Session::reading(netns)?;
    let (mut host, mut pod, conflict) = read_all(&mut s, d, netns)?;
    if let Some(why) = conflict {
        return Err(Error::Conflict(format!("setup would fail: {why}")));
    }
    let mut out = Plan::default();
    out.phases.push((
        "phase A: create and read".into(),
        Side::Host,
        steps(host_phase_a(d, netns)?),
    ));
    let fresh = host.link.is_none();
    if fresh {
        let (hl, pl) = as_created(d);
        host.link = Some(hl);
        host.addrs = Some(Vec::new());
        host.fresh = true;
        pod.link = Some(pl);
        pod.addrs.clear();
        out.notes.push(format!(
            "{} does not exist yet: ifindex 0 below stands for the indexes the kernel \
             assigns at creation",
            d.host.name
        ));
    }
    let peer = host.link.as_ref().and_then(|l| l.link);
    let early = fresh && d.ipv6 && peer.is_some();
    if let (true, Some(ip6), Some(pi)) = (early, d.ip6(), peer) {
        // As setup does on a veth it created: the reads see the address.
        pod.addrs.push(Addr {
            index: pi,
            prefix_len: 128,
            flags: POD_ADDR_FLAGS,
            ip: IpAddr::V6(ip6),
        });
    }
    let label = if early {
        "phase A: add the IPv6 address, read"
    } else {
        "phase A: read"
    };
    out.phases
        .push((label.into(), Side::Pod, steps(pod_phase_a(d, peer, early)?)));
    if !fresh {
        // Setup does not read the host's addresses; it verifies an EEXIST instead.
        host.addrs = None;
    }
    let a = assess(d, &host, &pod)?;
    out.notes.extend(a.notes);
    out.phases
        .push(("phase B: change".into(), Side::Host, steps(a.host)));
    out.phases
        .push(("phase B: change".into(), Side::Pod, steps(a.pod)));
    Ok(out)
}
