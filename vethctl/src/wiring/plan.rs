//! Phase A's steps, which setup sends and `plan` lists, and `plan` itself: what setup
//! would send, phase by phase (docs/design.md, "`setup` in four round trips").

use std::net::IpAddr;

use super::assess::assess;
use super::desired::POD_ADDR_FLAGS;
use super::inspect::read_all;
use super::item::Side;
use super::phase::{as_created, host_phase_a, pod_phase_a};
use super::step::{Planned, Step};
use super::Session;
use crate::config::Spec;
use crate::error::{Error, Result};
use crate::netns::Netns;
use crate::state::Addr;
use crate::wiring::desired::Desired;

/// A plan: what setup would send, phase by phase.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// `(phase label, side, steps)`.
    pub phases: Vec<(String, Side, Vec<Step>)>,
    /// Notes about values only known at run time.
    pub notes: Vec<String>,
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
