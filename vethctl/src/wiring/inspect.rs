//! What `check` and `plan` read: everything setup compares, over as few round trips as
//! the one-dump-per-batch rule allows, stopping where setup would stop.

use super::assess::ipv6_impossible;
use super::item::Side;
use super::observe::Read;
use super::ownership::{ours_by_host, peer_in_pod, route_conflict};
use super::phase::{host_reads, pod_phase_a};
use super::procfs::read_proxy_delay;
use super::step::{self, Done, Planned};
use super::view::{HostView, PodView};
use super::Session;
use crate::error::{Error, Result};
use crate::netns::Netns;
use crate::wiring::desired::Desired;

/// The host view of the reads among `done`.
pub(crate) fn host_view(done: &[Done]) -> Result<HostView> {
    let mut view = HostView::default();
    for r in step::reads(done) {
        let (read, seen) = r?;
        view.record(&read, seen)?;
    }
    Ok(view)
}

/// The pod view of the reads among `done`, with the IPv4 address as its routes show it.
pub(crate) fn pod_view(d: &Desired, done: &[Done], peer: Option<u32>) -> Result<PodView> {
    let mut view = PodView::default();
    for r in step::reads(done) {
        let (read, seen) = r?;
        view.record(&read, seen)?;
    }
    if let (Some(ip4), Some(pi)) = (d.ip4(), peer) {
        view.infer_ipv4_addr(ip4, pi);
    }
    Ok(view)
}

/// Read everything `check` and `plan` compare: the host link and lookups, the pod's
/// peer, its id of the host's namespace (ownership), addresses and routes, then the
/// host's addresses and proxy_delay. The third value is why setup would stop.
pub(crate) fn read_all(
    s: &mut Session,
    d: &Desired,
    netns: &Netns,
) -> Result<(HostView, PodView, Option<String>)> {
    let done = s.on_host(&host_reads(d)?)?;
    let mut host = host_view(&done)?;
    let shown = netns.path().display().to_string();
    let ours_index = host.link.as_ref().map_or(0, |l| l.index.unsigned_abs());
    if let Some(why) = route_conflict(s, d, &host, ours_index)? {
        return Ok((host, PodView::default(), Some(why)));
    }
    let Some(link) = host.link.clone() else {
        let done = s.on_pod(&pod_phase_a(d, None, false)?)?;
        return Ok((host, pod_view(d, &done, None)?, None));
    };
    let host_why = ours_by_host(d, &link, &shown)
        .err()
        .or_else(|| ipv6_impossible(d, Side::Host, &link));
    if let Some(why) = host_why {
        return Ok((host, PodView::default(), Some(why)));
    }
    let done = s.on_pod(&pod_phase_a(d, link.link, false)?)?;
    let mut pod = pod_view(d, &done, link.link)?;
    let pod_why = peer_in_pod(d, &link, &pod, &shown).err().or_else(|| {
        pod.link
            .as_ref()
            .and_then(|pl| ipv6_impossible(d, Side::Pod, pl))
    });
    if let Some(why) = pod_why {
        return Ok((host, PodView::default(), Some(why)));
    }
    if let (Some(pi), true) = (link.link, d.ip4().is_some()) {
        // The IPv4 address exactly, also on a down link: one more round trip.
        read_into_pod(s, &mut pod, Read::PodAddrs4(pi))?;
    }
    host.addrs = Some(Vec::new());
    if d.ipv6 {
        let read = Read::GatewayAddr(link.index.unsigned_abs());
        let done = s.on_host(&[Planned::read(read, &d.host.name)?])?;
        let seen = step::observed(&done, &read)?
            .ok_or_else(|| Error::Unexpected("no answer to the read of fe80::1".into()))?;
        host.record(&read, seen)?;
    }
    host.proxy_delay = Some(read_proxy_delay(&d.host.name)?);
    Ok((host, pod, None))
}

/// One read in the pod, into `pod`.
fn read_into_pod(s: &mut Session, pod: &mut PodView, read: Read) -> Result<()> {
    let done = s.on_pod(&[Planned::read(read, "")?])?;
    let seen = step::observed(&done, &read)?
        .ok_or_else(|| Error::Unexpected(format!("no answer to {read:?}")))?;
    pod.record(&read, seen)
}
