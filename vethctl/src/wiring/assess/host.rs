//! The host side's comparators: the veth's settings, `fe80::1`, the host routes.

use std::net::IpAddr;
use std::path::PathBuf;

use netlink_codec::link::IN6_ADDR_GEN_MODE_NONE;
use netlink_codec::route::{RT_SCOPE_LINK, RT_TABLE_MAIN};

use super::{addr_ok, exact_route, no_force_forwarding_note, Assessment, Sides};
use crate::error::Result;
use crate::msgs::{self, LinkChange};
use crate::request::Policy;
use crate::state::Route;
use crate::wiring::desired::{full, host_route, our_metric, Family, V6_GATEWAY, V6_GATEWAY_FLAGS};
use crate::wiring::item::{Have, HostAddr, ItemKey};
use crate::wiring::observe::Read;
use crate::wiring::req;
use crate::wiring::step::{Planned, Purpose, Step};
use crate::wiring::view::{gen_mode, link_namer, show_route, shown, HostView};

/// The host veth's settings: items, and the steps that set what differs. Returns
/// whether the link was up.
pub(super) fn link_settings(x: &Sides, host: &HostView, out: &mut Assessment) -> Result<bool> {
    let (h, hl) = (x.h, x.hl);
    let what = format!("veth {h} with peer {} in the pod", x.p);
    out.item(ItemKey::HostLink, what, Have::Ok);
    let mut hc = mtu_and_ipv4_conf(x, out);
    let sysctls = ipv6_forwarding(x, out);
    let delay_have = match host.proxy_delay {
        Some(0) => Have::Ok,
        Some(v) => Have::Wrong(format!("proxy_delay is {v}")),
        None => Have::Missing,
    };
    let delay_ok = delay_have == Have::Ok;
    let what = format!("net.ipv4.neigh.{h}.proxy_delay = 0");
    out.item(ItemKey::HostProxyDelay, what, delay_have);
    let alias_ok = hl.alias.as_ref().is_some_and(|a| a.is(&x.d.alias));
    if !alias_ok {
        hc.alias = Some(x.d.alias.clone());
    }
    let how = || format!("alias is {}", shown(hl.alias.as_ref()));
    let what = format!("alias {:?} on {h}", x.d.alias);
    out.item(ItemKey::HostAlias, what, Have::wanted(alias_ok, how));
    let up_ok = hl.is_up();
    let how = || "link is down (want up)".to_owned();
    out.item(
        ItemKey::HostUp,
        format!("link {h} up"),
        Have::wanted(up_ok, how),
    );

    out.host.extend(sysctls);
    if hc != LinkChange::default() {
        let what = format!("set {} on {h}", hc.describe());
        let r = req(what, msgs::set_link(hl.index, &hc), Policy::STRICT)?;
        out.host.push(Planned::netlink(r, Purpose::Change));
    }
    if !delay_ok {
        let what = format!("set proxy_delay 0 on {h}");
        let r = req(what, msgs::proxy_delay_zero(hl.index), Policy::STRICT)?;
        out.host.push(Planned::netlink(r, Purpose::Change));
    }
    if !up_ok {
        out.host.push(super::set_up(h, hl.index)?);
    }
    Ok(up_ok)
}

/// MTU, addr_gen_mode and the IPv4 settings (`IFLA_AF_SPEC`): their items, and the
/// change of the link that sets what differs.
fn mtu_and_ipv4_conf(x: &Sides, out: &mut Assessment) -> LinkChange {
    let (h, hl) = (x.h, x.hl);
    let mut hc = LinkChange::default();
    let mtu_ok = hl.mtu == Some(x.d.spec.mtu);
    if !mtu_ok {
        hc.mtu = Some(x.d.spec.mtu);
    }
    let how = || format!("mtu is {}", shown(hl.mtu));
    let what = format!("mtu {} on {h}", x.d.spec.mtu);
    out.item(ItemKey::HostMtu, what, Have::wanted(mtu_ok, how));
    // Without --ip6 only addr_gen_mode none, on a link that has IPv6 (docs/design.md,
    // "IPv4-only pods").
    if x.d.ipv6 || hl.inet6 {
        let ok = hl.addr_gen_mode == Some(IN6_ADDR_GEN_MODE_NONE);
        hc.addr_gen_mode_none = !ok;
        let how = || format!("addr_gen_mode is {}", gen_mode(hl.addr_gen_mode));
        let what = format!("addr_gen_mode none on {h}");
        out.item(ItemKey::HostAddrGenMode, what, Have::wanted(ok, how));
    }
    let parp_ok = hl.ipv4_proxy_arp == Some(1);
    let fwd4_ok = hl.ipv4_forwarding == Some(1);
    hc.ipv4_conf = !parp_ok || !fwd4_ok;
    let how = || format!("proxy_arp is {}", shown(hl.ipv4_proxy_arp));
    let what = format!("net.ipv4.conf.{h}.proxy_arp = 1");
    out.item(ItemKey::HostProxyArp, what, Have::wanted(parp_ok, how));
    let how = || format!("forwarding is {}", shown(hl.ipv4_forwarding));
    let what = format!("net.ipv4.conf.{h}.forwarding = 1");
    out.item(ItemKey::HostForwarding4, what, Have::wanted(fwd4_ok, how));
    hc
}

/// IPv6 forwarding and `force_forwarding` (Linux 6.17+): items, notes, and the sysctl
/// writes, which the caller puts first.
fn ipv6_forwarding(x: &Sides, out: &mut Assessment) -> Vec<Planned> {
    let (h, hl) = (x.h, x.hl);
    let mut steps = Vec::new();
    if !x.d.ipv6 {
        return steps;
    }
    let sysctl = |what: String, knob: &str, if_present| Planned {
        step: Step::Sysctl {
            what,
            path: PathBuf::from(format!("/proc/sys/net/ipv6/conf/{h}/{knob}")),
            value: "1",
            if_present,
        },
        purpose: Purpose::Change,
    };
    let fwd6_ok = hl.ipv6_forwarding == Some(1);
    let how = || format!("IPv6 forwarding is {}", shown(hl.ipv6_forwarding));
    out.item(
        ItemKey::HostForwarding6,
        format!("net.ipv6.conf.{h}.forwarding = 1"),
        Have::wanted(fwd6_ok, how),
    );
    if !fwd6_ok {
        steps.push(sysctl(
            format!("IPv6 forwarding on {h}"),
            "forwarding",
            false,
        ));
    }
    let what = format!("net.ipv6.conf.{h}.force_forwarding = 1");
    let ffwd = format!("IPv6 force_forwarding on {h}");
    match (hl.ipv6_force_forwarding, hl.ipv6_forwarding) {
        (Some(1), _) => out.item(ItemKey::HostForceForwarding6, what, Have::Ok),
        (Some(v), _) => {
            let have = Have::Wrong(format!("IPv6 force_forwarding is {v}"));
            out.item(ItemKey::HostForceForwarding6, what, have);
            steps.push(sysctl(ffwd, "force_forwarding", false));
        }
        // IPv6 settings reported without force_forwarding: this kernel has none.
        (None, Some(_)) => out.notes.push(no_force_forwarding_note(h)),
        // Not known (a link not created yet): write it if the kernel has it.
        (None, None) => {
            out.item(ItemKey::HostForceForwarding6, what, Have::Missing);
            steps.push(sysctl(ffwd, "force_forwarding", true));
        }
    }
    steps
}

/// `fe80::1/64` on the host veth. Not read (`host.addrs` `None`): created under
/// `EXIST_VERIFY`, with the read that verifies an `EEXIST` in the same batch.
pub(super) fn gateway(x: &Sides, host: &HostView, out: &mut Assessment) -> Result<()> {
    if !x.d.ipv6 {
        return Ok(());
    }
    let (h, hi) = (x.h, x.hi());
    let gw6 = IpAddr::V6(V6_GATEWAY);
    let key = ItemKey::HostAddr(HostAddr::Gateway6);
    let what = format!("address fe80::1/64 nodad noprefixroute on {h}");
    let add_what = format!("add fe80::1/64 nodad noprefixroute on {h}");
    let Some(addrs) = &host.addrs else {
        let verify = Read::GatewayAddr(hi);
        let add = req(
            add_what,
            msgs::new_addr(gw6, 64, hi, V6_GATEWAY_FLAGS, false),
            Policy::EXIST_VERIFY,
        )?;
        out.host
            .push(Planned::netlink(add, Purpose::FixVerified(key, verify)));
        out.host.push(Planned::read(verify, h)?);
        out.item(key, what, Have::Missing);
        return Ok(());
    };
    let found = addrs
        .iter()
        .find(|a| a.ip == gw6 && a.prefix_len == 64 && a.index == hi);
    let (have, replace) = match found {
        None => (Have::Missing, false),
        Some(a) => match addr_ok(a, V6_GATEWAY_FLAGS) {
            Ok(()) => (Have::Ok, false),
            Err(why) => (Have::Wrong(format!("fe80::1 is {why}")), true),
        },
    };
    if have != Have::Ok {
        let add = req(
            add_what,
            msgs::new_addr(gw6, 64, hi, V6_GATEWAY_FLAGS, replace),
            Policy::EXIST_OK,
        )?;
        out.host.push(Planned::netlink(add, Purpose::Fix(key)));
    }
    out.item(key, what, have);
    Ok(())
}

/// The host routes to the pod's addresses; a wrong one is replaced, and deleted when its
/// metric differs from ours (the replace then adds a second one).
pub(super) fn routes(x: &Sides, host: &HostView, out: &mut Assessment) -> Result<()> {
    let (h, hi) = (x.h, x.hi());
    let name = link_namer(hi, h);
    let mut stale: Vec<Route> = Vec::new();
    for &ip in &x.d.pod_addrs {
        let found = if ip.is_ipv6() {
            &host.route6
        } else {
            &host.route4
        };
        let what = if ip.is_ipv6() {
            format!("route {ip}/128 dev {h}")
        } else {
            format!("route {ip}/32 dev {h} scope link")
        };
        let have = match found {
            Some(r)
                if r.dst == Some(ip)
                    && r.dst_len == full(ip)
                    && r.table == u32::from(RT_TABLE_MAIN) =>
            {
                let right = r.oif == Some(hi)
                    && r.gateway.is_none()
                    && (ip.is_ipv6() || r.scope == RT_SCOPE_LINK);
                if !right && r.priority != our_metric(ip.is_ipv6()) {
                    stale.push(*r);
                }
                Have::wanted(right, || format!("the route is {}", show_route(r, &name)))
            }
            _ => Have::Missing,
        };
        let key = ItemKey::HostRoute(Family::of(ip));
        if have != Have::Ok {
            let r = req(
                format!("add {what}"),
                msgs::replace_route(&host_route(ip, hi)),
                Policy::STRICT,
            )?;
            out.host.push(Planned::netlink(r, Purpose::Fix(key)));
        }
        out.item(key, what, have);
    }
    for r in stale {
        let what = format!("delete the stale route {}", show_route(&r, &name));
        let del = req(what, msgs::del_route(&exact_route(&r)), Policy::GONE_OK)?;
        out.host.push(Planned::netlink(del, Purpose::Change));
    }
    Ok(())
}
