//! Where a batch must end with a lookup of the local route a readiness wait watches
//! (docs/design.md, "IPv6 readiness").

use std::net::IpAddr;

use super::{Assessment, Sides};
use crate::error::Result;
use crate::wiring::desired::V6_GATEWAY;
use crate::wiring::observe::Read;
use crate::wiring::readiness::is_local_route6;
use crate::wiring::step::{Planned, Purpose};
use crate::wiring::view::{HostView, PodView};

/// The readiness lookup of a side, named for `plan`.
fn lookup(read: Read, what: String) -> Result<Planned> {
    Ok(Planned::netlink(read.named(what)?, Purpose::Read(read)))
}

/// The gateway's local route: watched whenever the host batch is sent (with IPv6);
/// looked up at its end on a link that existed before (the route may predate the watch;
/// on a fresh link the notification is sure to come).
pub(super) fn gateway(x: &Sides, host: &HostView, out: &mut Assessment) -> Result<()> {
    out.host_watch = x.d.ipv6 && !out.host.is_empty();
    if out.host_watch && !host.fresh {
        let read = Read::LocalRoute {
            ip: V6_GATEWAY,
            oif: x.hi(),
            on_dev: true,
        };
        let what = format!(
            "look up the local route of fe80::1 on {} (is the gateway ready?)",
            x.h
        );
        out.host.push(lookup(read, what)?);
    }
    Ok(())
}

/// The pod address's local route: read in place by phase A's dump and not disturbed
/// (the link stays up and named, the address stays), or looked up at the end of the pod
/// batch.
pub(super) fn pod_address(
    x: &Sides,
    pod: &PodView,
    v6_addr_ok: bool,
    out: &mut Assessment,
) -> Result<()> {
    let Some(ip6) = x.d.ip6() else {
        return Ok(());
    };
    let pi = x.pi();
    let routed = pod.routes.iter().any(|r| is_local_route6(r, ip6, pi));
    let in_place = routed && v6_addr_ok && x.pl.is_up() && x.pl.name.is(x.p);
    if !in_place {
        let read = Read::LocalRoute {
            ip: ip6,
            oif: pi,
            on_dev: false,
        };
        let what = format!(
            "look up the local route of {} (is the address ready?)",
            IpAddr::V6(ip6)
        );
        out.pod.push(lookup(read, what)?);
    }
    Ok(())
}
