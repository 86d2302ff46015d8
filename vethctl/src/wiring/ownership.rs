//! The one ownership rule of setup, check, plan and teardown (docs/design.md,
//! "Ownership"): [`ours_by_host`] (rules 1-3), then `peer_in_pod` (rule 4), and which
//! host routes are somebody else's (`route_conflict`).

use std::net::IpAddr;
use std::path::Path;

use netlink_codec::route::{RTN_LOCAL, RT_TABLE_MAIN};

use super::desired::full;
use super::observe::{Observed, Read};
use super::step::{self, Planned};
use super::tag::is_owner_tag;
use super::view::{show_route, shown, HostView, PodView};
use super::Session;
use crate::error::{Error, Result};
use crate::netns::Netns;
use crate::state::Link;
use crate::wiring::desired::Desired;

/// Is `link` tagged for this container exactly?
fn tagged_for(d: &Desired, link: &Link) -> bool {
    link.alias.as_ref().is_some_and(|a| a.is(&d.alias))
}

/// A host link tagged as another container's, or as anything not ours: the reason to
/// leave it alone. Untagged links pass (a crash can leave our veth before its tag).
fn foreign_alias(d: &Desired, link: &Link) -> Option<String> {
    let want = &d.alias;
    match &link.alias {
        None => None,
        Some(a) if a.is("") || a.is(want) => None,
        Some(a) => Some(format!(
            "host interface {} is tagged \"{a}\", not {want:?}: it belongs to someone else; \
             leaving it alone",
            d.host.name
        )),
    }
}

/// Rules 1-3: could `link` be our host veth, as far as the host can tell?
pub fn ours_by_host(d: &Desired, link: &Link, netns: &str) -> Result<(), String> {
    let h = &d.host.name;
    match link.kind.as_deref() {
        Some("veth") => {}
        Some(k) => {
            return Err(format!(
                "host interface {h} exists and is a {k}, not our veth; leaving it alone"
            ))
        }
        None => {
            return Err(format!(
                "host interface {h} exists and is not a veth; leaving it alone"
            ))
        }
    }
    if let Some(why) = foreign_alias(d, link) {
        return Err(why);
    }
    match (link.link_netnsid, link.link) {
        (Some(_), Some(_)) => Ok(()),
        (None, _) => Err(format!(
            "host interface {h} is a veth whose peer is in the host namespace, not in {netns}; \
             leaving it alone"
        )),
        (Some(_), None) => Err(format!(
            "host interface {h} is a veth that reports no peer (IFLA_LINK); leaving it alone"
        )),
    }
}

/// Rules 1-4: is `link` our host veth, its peer in the pod as `pod` shows it?
pub fn ours(d: &Desired, link: &Link, pod: &PodView, netns: &str) -> Result<(), String> {
    ours_by_host(d, link, netns)?;
    peer_in_pod(d, link, pod, netns)
}

/// Rule 4, for callers that checked [`ours_by_host`] already.
pub(crate) fn peer_in_pod(
    d: &Desired,
    link: &Link,
    pod: &PodView,
    netns: &str,
) -> Result<(), String> {
    let back = pod.link.as_ref().is_some_and(|pl| {
        pl.kind.as_deref() == Some("veth")
            && pl.link == Some(link.index.unsigned_abs())
            && pod.host_nsid.is_some_and(|id| id >= 0)
            && pl.link_netnsid == pod.host_nsid
    });
    if back {
        Ok(())
    } else {
        Err(format!(
            "host interface {} is a veth whose peer is in another network namespace \
             (nsid {}), not in {netns}; leaving it alone",
            d.host.name,
            shown(link.link_netnsid)
        ))
    }
}

/// The pod's reads rule 4 decides on: the link at `peer` (the host link's `IFLA_LINK`),
/// then the id the pod gives the host's namespace (after the link's read, which assigns
/// it).
pub(crate) fn ownership_reads(peer: u32) -> Result<[Planned; 2]> {
    Ok([
        Planned::read(Read::Peer(peer), "")?,
        Planned::read(Read::HostNsid, "")?,
    ])
}

/// Teardown's proof that `link` is ours: rules 1-3 and the tag, or, untagged, rule 4
/// in the pod `netns` names.
pub(crate) fn prove_for_teardown(
    s: &mut Session,
    d: &Desired,
    link: &Link,
    netns: Option<&Path>,
) -> Result<()> {
    let h = &d.host.name;
    let shown = netns.map_or_else(|| "the pod".to_owned(), |p| p.display().to_string());
    ours_by_host(d, link, &shown).map_err(Error::Conflict)?;
    if tagged_for(d, link) {
        return Ok(());
    }
    let Some(path) = netns else {
        return Err(Error::Conflict(format!(
            "host interface {h} is a veth without the tag {:?}: nothing proves it is this \
             container's (a setup that crashed before tagging it leaves one; --netns of the \
             pod proves it); leaving it alone",
            d.alias
        )));
    };
    let mut sock = Netns::open(path)?.socket()?;
    let peer = link
        .link
        .ok_or_else(|| Error::Unexpected(format!("veth {h} reports no peer (IFLA_LINK)")))?;
    let done = s.exec.run(&mut sock, &ownership_reads(peer)?)?;
    let mut pod = PodView::default();
    for r in step::reads(&done) {
        let (read, seen) = r?;
        pod.record(&read, seen)?;
    }
    peer_in_pod(d, link, &pod, &shown).map_err(Error::Conflict)
}

/// A host route setup must not take over, and whose it is: the node's own address (a
/// `local` route), or a host route through another container's veth (tagged for it).
/// Only the latter needs a read, of the link the route goes through when it is not
/// `ours`. A route through any other device is replaced.
pub(crate) fn route_conflict(
    s: &mut Session,
    d: &Desired,
    host: &HostView,
    ours: u32,
) -> Result<Option<String>> {
    for ip in d.pod_ips() {
        let found = if ip.is_ipv6() {
            &host.route6
        } else {
            &host.route4
        };
        let Some(r) = found else {
            continue;
        };
        if r.rtype == RTN_LOCAL {
            return Ok(Some(format!(
                "{ip} is an address of the node itself (route {} in table {}): not the \
                 pod's to take; leaving it alone",
                show_route(r, &|i| format!("ifindex {i}")),
                r.table
            )));
        }
        let host_route =
            r.dst == Some(ip) && r.dst_len == full(ip) && r.table == u32::from(RT_TABLE_MAIN);
        let Some(oif) = r.oif.filter(|&o| host_route && o != ours) else {
            continue;
        };
        if let Some(why) = other_pods_route(s, d, ip, oif)? {
            return Ok(Some(why));
        }
    }
    Ok(None)
}

/// Is the link `oif`, which the host route to `ip` goes through, another pod's veth?
fn other_pods_route(s: &mut Session, d: &Desired, ip: IpAddr, oif: u32) -> Result<Option<String>> {
    let read = Read::RouteLink(oif, ip);
    let done = s.on_host(&[Planned::read(read, "")?])?;
    let Some(Observed::Link(Some(other))) = step::observed(&done, &read)? else {
        return Ok(None);
    };
    let tag = other.alias.as_ref().and_then(|a| a.as_str()).unwrap_or("");
    if other.kind.as_deref() == Some("veth") && is_owner_tag(tag) && tag != d.alias {
        return Ok(Some(format!(
            "the host route {ip}/{} goes through {}, the veth of another pod (tagged \
             {tag:?}): {ip} is that pod's; leaving it alone",
            full(ip),
            other.name
        )));
    }
    Ok(None)
}
