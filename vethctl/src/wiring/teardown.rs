//! `teardown`: remove the host veth (its peer goes with it) and the host routes to the
//! pod's addresses, once [`super::ownership`] proves the veth ours.

use std::net::IpAddr;
use std::path::Path;

use super::assess::exact_route;
use super::desired::{full, Family};
use super::inspect::host_view;
use super::item::ItemKey;
use super::ownership::prove_for_teardown;
use super::phase::host_reads;
use super::report::Report;
use super::step::{Planned, Purpose};
use super::{req, Session};
use crate::error::Result;
use crate::msgs;
use crate::request::{Policy, Status};
use crate::wiring::desired::Desired;

/// `teardown`; see [`super::teardown`].
pub(super) fn run(d: &Desired, netns: Option<&Path>) -> Result<Report> {
    let mut s = Session::host_only()?;
    let h = &d.host.name;
    let done = s.on_host(&host_reads(d)?)?;
    let host = host_view(&done)?;
    let mut report = s.report("teardown", d, false);
    let addrs: Vec<IpAddr> = d.pod_ips().collect();
    let Some(link) = host.link else {
        report.already_gone.push(format!("host: veth {h}"));
        for ip in addrs {
            report
                .already_gone
                .push(format!("host: route {ip}/{} dev {h}", full(ip)));
        }
        return Ok(report);
    };
    prove_for_teardown(&mut s, d, &link, netns)?;
    let hi = link.index.unsigned_abs();
    let label = |key: ItemKey| match key {
        ItemKey::HostRoute(fam) => {
            let ip = addrs.iter().find(|ip| Family::of(**ip) == fam);
            ip.map_or_else(String::new, |ip| {
                format!("host: route {ip}/{} dev {h}", full(*ip))
            })
        }
        _ => format!("host: veth {h}"),
    };
    let mut steps = Vec::new();
    for &ip in &addrs {
        let r = if ip.is_ipv6() {
            &host.route6
        } else {
            &host.route4
        };
        let key = ItemKey::HostRoute(Family::of(ip));
        match r {
            Some(r) if r.dst == Some(ip) && r.dst_len == full(ip) && r.oif == Some(hi) => {
                let del = req(
                    format!("delete route {ip}/{} dev {h}", full(ip)),
                    msgs::del_route(&exact_route(r)),
                    Policy::GONE_OK,
                )?;
                steps.push(Planned::netlink(del, Purpose::Remove(key)));
            }
            _ => report.already_gone.push(label(key)),
        }
    }
    let del = req(
        format!("delete veth {h} (and its peer)"),
        msgs::del_link(link.index),
        Policy::GONE_OK,
    )?;
    steps.push(Planned::netlink(del, Purpose::Remove(ItemKey::HostLink)));
    for d in s.on_host(&steps)? {
        let Purpose::Remove(key) = d.purpose else {
            continue;
        };
        match d.status() {
            Some(Status::Ok) => report.removed.push(label(key)),
            _ => report.already_gone.push(label(key)),
        }
    }
    let totals = s.report("teardown", d, false);
    report.round_trips = totals.round_trips;
    report.requests = totals.requests;
    report.dropped = totals.dropped;
    Ok(report)
}
