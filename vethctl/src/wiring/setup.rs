//! `setup` in four round trips (docs/design.md, "`setup` in four round trips"): each
//! phase is a function, and the answers are found by their steps' purposes.

use std::net::{IpAddr, Ipv6Addr};

use super::assess::{addr_ok, assess, ipv6_impossible, no_force_forwarding_note, Assessment};
use super::desired::{V6_GATEWAY, V6_GATEWAY_FLAGS};
use super::inspect::{host_view, pod_view};
use super::item::{ItemKey, Side};
use super::observe::Observed;
use super::ownership::{ours_by_host, peer_in_pod, route_conflict};
use super::phase::{host_phase_a, pod_phase_a};
use super::procfs::read_proxy_delay;
use super::readiness::{is_local_route6, lookup_found, wait_until_ready};
use super::report::{Outcome, Outcomes, Report};
use super::step::{self, Done, Purpose};
use super::view::{HostView, PodView};
use super::{req, Session};
use crate::error::{Error, Result};
use crate::msgs;
use crate::netns::Netns;
use crate::request::{Policy, Status};
use crate::state::Link;
use crate::wiring::desired::Desired;

/// What host phase A found.
struct HostA {
    host: HostView,
    link: Link,
    peer: u32,
    created: bool,
}

/// What pod phase A found.
struct PodA {
    pod: PodView,
    /// The IPv6 address added ahead of the reads (on a peer setup just created).
    early_v6: Option<Ipv6Addr>,
    outcomes: Outcomes,
}

/// `setup`: create or converge the wiring.
pub(super) fn run(d: &Desired, netns: &Netns, abort_after: Option<usize>) -> Result<Report> {
    let mut s = Session::for_setup(d, netns, abort_after)?;
    let shown = netns.path().display().to_string();
    let mut a = host_phase(&mut s, d, netns, &shown)?;
    let mut p = pod_phase(&mut s, d, &a, &shown)?;
    if a.created {
        a.host.addrs = Some(Vec::new());
        a.host.fresh = true;
    } else {
        a.host.proxy_delay = Some(read_proxy_delay(&d.host.name)?);
    }
    let plan = assess(d, &a.host, &p.pod)?;
    let host_done = host_phase_b(&mut s, d, &a, &plan, p.early_v6.is_some())?;
    let pod_done = pod_phase_b(&mut s, d, &a, &p, &plan)?;
    p.outcomes.learn(&host_done);
    p.outcomes.learn(&pod_done);
    verify_gateway(&mut s, d, &a, &host_done, &mut p.outcomes)?;

    let mut report = s.report("setup", d, true);
    report.notes.clone_from(&plan.notes);
    let ffwd = format!("/proc/sys/net/ipv6/conf/{}/force_forwarding", d.host.name);
    if d.ipv6
        && s.exec
            .absent()
            .iter()
            .any(|p| p.as_os_str() == ffwd.as_str())
    {
        report.notes.push(no_force_forwarding_note(&d.host.name));
    }
    report.sort_items(&plan.items, &p.outcomes, a.created);
    if d.ipv6 {
        wait_until_ready(&mut s, d, &[Side::Host, Side::Pod])?;
    }
    let totals = s.report("setup", d, true);
    report.round_trips = totals.round_trips;
    report.requests = totals.requests;
    report.dropped = totals.dropped;
    Ok(report)
}

/// Host phase A: create, read, and stop (removing a veth just created) where the host
/// shows the link or a route is somebody else's.
fn host_phase(s: &mut Session, d: &Desired, netns: &Netns, shown: &str) -> Result<HostA> {
    let h = &d.host.name;
    let steps = host_phase_a(d, netns)?;
    let done = s.on_host(&steps)?;
    let create = done
        .iter()
        .find(|d| d.purpose == Purpose::Fix(ItemKey::HostLink));
    let created = create.and_then(Done::status) == Some(Status::Ok);
    let host = host_view(&done)?;
    let Some(link) = host.link.clone() else {
        // The create said EEXIST, yet no host link has the name: the pod's side is taken.
        return Err(Error::Conflict(format!(
            "{}: EEXIST (File exists): no host link is named {h}, so the name {} is taken \
             in the pod's namespace; leaving it alone",
            steps
                .iter()
                .find(|p| p.purpose == Purpose::Fix(ItemKey::HostLink))
                .map_or("create the veth", |p| p.step.what()),
            d.pod.name
        )));
    };
    // The pod's reads complete the proof before anything changes.
    ours_by_host(d, &link, shown).map_err(Error::Conflict)?;
    if let Some(why) = ipv6_impossible(d, Side::Host, &link) {
        return Err(refuse(s, created, &link, why));
    }
    if let Some(why) = route_conflict(s, d, &host, link.index.unsigned_abs())? {
        return Err(refuse(s, created, &link, why));
    }
    let peer = link
        .link
        .ok_or_else(|| Error::Unexpected(format!("veth {h} reports no peer (IFLA_LINK)")))?;
    Ok(HostA {
        host,
        link,
        peer,
        created,
    })
}

/// Pod phase A: on a new peer its IPv6 address first (watched), then the reads; rule 4
/// of the ownership decides here.
fn pod_phase(s: &mut Session, d: &Desired, a: &HostA, shown: &str) -> Result<PodA> {
    let early_v6 = d.ip6().filter(|_| a.created);
    if let Some(ip6) = early_v6 {
        s.pod_socket()?.watch_local_route(ip6, a.peer)?;
    }
    let done = match s.on_pod(&pod_phase_a(d, Some(a.peer), early_v6.is_some())?) {
        Ok(done) => done,
        // The pod refused the new peer's IPv6 address (IPv6 disabled in the pod: EACCES):
        // the veth goes again, and the kernel's error is the answer.
        Err(e @ Error::Kernel { .. }) if early_v6.is_some() => {
            undo_create(s, a.created, &a.link)?;
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    let mut outcomes = Outcomes::default();
    outcomes.learn(&done);
    let pod = pod_view(d, &done, Some(a.peer))?;
    peer_in_pod(d, &a.link, &pod, shown).map_err(Error::Conflict)?;
    if let Some(why) = pod
        .link
        .as_ref()
        .and_then(|pl| ipv6_impossible(d, Side::Pod, pl))
    {
        return Err(refuse(s, a.created, &a.link, why));
    }
    if let Some(ip6) = early_v6 {
        if pod.routes.iter().any(|r| is_local_route6(r, ip6, a.peer)) {
            s.pod_socket()?.saw_local_route();
        }
    }
    Ok(PodA {
        pod,
        early_v6,
        outcomes,
    })
}

/// Host phase B, then the first readiness wait: the pod's default route must not exist
/// before both of its ends are usable (docs/design.md, "IPv6 readiness").
fn host_phase_b(
    s: &mut Session,
    d: &Desired,
    a: &HostA,
    plan: &Assessment,
    early: bool,
) -> Result<Vec<Done>> {
    if plan.host_watch {
        s.host
            .watch_local_route(V6_GATEWAY, a.link.index.unsigned_abs())?;
    }
    let done = s.on_host(&plan.host)?;
    if lookup_found(&done)? {
        s.host.saw_local_route();
    }
    let mut first = Vec::new();
    if plan.host_watch {
        first.push(Side::Host);
    }
    if early {
        first.push(Side::Pod);
    }
    if !first.is_empty() {
        wait_until_ready(s, d, &first)?;
    }
    Ok(done)
}

/// Pod phase B. A watch that saw the route of the address phase A added stays: phase B
/// leaves that address alone, and its lookup may find the same address on another link.
fn pod_phase_b(
    s: &mut Session,
    d: &Desired,
    a: &HostA,
    p: &PodA,
    plan: &Assessment,
) -> Result<Vec<Done>> {
    let early_added = p
        .outcomes
        .made(ItemKey::PodAddr(super::desired::Family::V6));
    let sock = s.pod_socket()?;
    if let (Some(ip6), Some(_)) = (d.ip6(), plan.ready_lookup(Side::Pod)) {
        if !(early_added && sock.local_route_seen()) {
            sock.watch_local_route(ip6, a.peer)?;
        }
    }
    let done = s.on_pod(&plan.pod)?;
    if lookup_found(&done)? {
        s.pod_socket()?.saw_local_route();
    }
    Ok(done)
}

/// An `EEXIST` of `fe80::1`, created unread: the read in the same batch tells whether it
/// is as wanted; if not, it is fixed (`NLM_F_REPLACE` sets the flags; the kernel then
/// deletes the `fe80::/64` prefix route the address had).
fn verify_gateway(
    s: &mut Session,
    d: &Desired,
    a: &HostA,
    done: &[Done],
    outcomes: &mut Outcomes,
) -> Result<()> {
    let Some((key, read)) = done.iter().find_map(|d| match (d.purpose, d.status()) {
        (Purpose::FixVerified(key, read), Some(Status::Verify(_))) => Some((key, read)),
        _ => None,
    }) else {
        return Ok(());
    };
    let Some(Observed::Addrs(addrs)) = step::observed(done, &read)? else {
        return Err(Error::Unexpected("missing the address read-back".into()));
    };
    let gw = IpAddr::V6(V6_GATEWAY);
    let good = addrs
        .iter()
        .find(|a| a.ip == gw && a.prefix_len == 64)
        .is_some_and(|a| addr_ok(a, V6_GATEWAY_FLAGS).is_ok());
    if good {
        outcomes.note(key, Outcome::WasInPlace);
        return Ok(());
    }
    let hi = a.link.index.unsigned_abs();
    let fix = [req(
        format!("fix fe80::1/64 nodad noprefixroute on {}", d.host.name),
        msgs::new_addr(gw, 64, hi, V6_GATEWAY_FLAGS, true),
        Policy::STRICT,
    )?];
    s.exec.batch(&mut s.host, &fix)?;
    outcomes.note(key, Outcome::Fixed);
    Ok(())
}

/// Setup stops before its first change but the veth it just created: that one goes
/// again, so the refusal leaves everything as it was.
fn refuse(s: &mut Session, created: bool, link: &Link, why: String) -> Error {
    match undo_create(s, created, link) {
        Ok(()) => Error::Conflict(why),
        Err(e) => Error::Conflict(format!(
            "{why}; removing the veth setup just created failed too: {e}"
        )),
    }
}

/// Remove the veth this setup created (`created`), which nothing else has touched yet.
fn undo_create(s: &mut Session, created: bool, link: &Link) -> Result<()> {
    if created {
        let undo = req(
            format!("delete the veth {} setup just created", link.name),
            msgs::del_link(link.index),
            Policy::GONE_OK,
        )?;
        s.exec.batch(&mut s.host, &[undo])?;
    }
    Ok(())
}
