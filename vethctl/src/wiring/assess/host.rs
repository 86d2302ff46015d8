//! The host side's comparators: the veth's settings, `fe80::1`, the host routes.

use std::path::PathBuf;

use super::{addr_ok, exact_route, no_force_forwarding_note, route_is, Assessment, Sides};
use crate::error::Result;
use crate::msgs::{self, LinkChange};
use crate::request::Policy;
use crate::state::Route;
use crate::wiring::desired::{on_link, our_metric, Family};
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
    let want_delay = x.d.sysctls.proxy_delay;
    let delay_have = match host.proxy_delay {
        Some(v) if v == want_delay => Have::Ok,
        Some(v) => Have::Wrong(format!("proxy_delay is {v}")),
        None => Have::Missing,
    };
    let delay_ok = delay_have == Have::Ok;
    let what = format!("net.ipv4.neigh.{h}.proxy_delay = {want_delay}");
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
    // (The request sets the one value wanted: 0.)
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
    let want = &x.d.host;
    let mtu_ok = hl.mtu == Some(want.mtu);
    if !mtu_ok {
        hc.mtu = Some(want.mtu);
    }
    let how = || format!("mtu is {}", shown(hl.mtu));
    let what = format!("mtu {} on {h}", want.mtu);
    out.item(ItemKey::HostMtu, what, Have::wanted(mtu_ok, how));
    // Without --ip6 only addr_gen_mode none, on a link that has IPv6 (docs/design.md,
    // "IPv4-only pods").
    if x.d.ipv6 || hl.inet6 {
        // (`LinkChange` sets the one mode wanted: none.)
        let ok = hl.addr_gen_mode == Some(want.addr_gen_mode);
        hc.addr_gen_mode_none = !ok;
        let how = || format!("addr_gen_mode is {}", gen_mode(hl.addr_gen_mode));
        let what = format!(
            "addr_gen_mode {} on {h}",
            gen_mode(Some(want.addr_gen_mode))
        );
        out.item(ItemKey::HostAddrGenMode, what, Have::wanted(ok, how));
    }
    // (`LinkChange::ipv4_conf` sets both to the values wanted: 1.)
    let sc = &x.d.sysctls;
    let parp_ok = hl.ipv4_proxy_arp == Some(sc.proxy_arp);
    let fwd4_ok = hl.ipv4_forwarding == Some(sc.forwarding4);
    hc.ipv4_conf = !parp_ok || !fwd4_ok;
    let how = || format!("proxy_arp is {}", shown(hl.ipv4_proxy_arp));
    let what = format!("net.ipv4.conf.{h}.proxy_arp = {}", sc.proxy_arp);
    out.item(ItemKey::HostProxyArp, what, Have::wanted(parp_ok, how));
    let how = || format!("forwarding is {}", shown(hl.ipv4_forwarding));
    let what = format!("net.ipv4.conf.{h}.forwarding = {}", sc.forwarding4);
    out.item(ItemKey::HostForwarding4, what, Have::wanted(fwd4_ok, how));
    hc
}

/// IPv6 forwarding and `force_forwarding` (Linux 6.17+): items, notes, and the sysctl
/// writes, which the caller puts first.
fn ipv6_forwarding(x: &Sides, out: &mut Assessment) -> Vec<Planned> {
    let (h, hl) = (x.h, x.hl);
    let mut steps = Vec::new();
    let sc = &x.d.sysctls;
    let (Some(fwd6), Some(ffwd6)) = (sc.forwarding6, sc.force_forwarding6) else {
        return steps;
    };
    let sysctl = |what: String, knob: &str, value: i32, if_present| Planned {
        step: Step::Sysctl {
            what,
            path: PathBuf::from(format!("/proc/sys/net/ipv6/conf/{h}/{knob}")),
            value: value.to_string(),
            if_present,
        },
        purpose: Purpose::Change,
    };
    let fwd6_ok = hl.ipv6_forwarding == Some(fwd6);
    let how = || format!("IPv6 forwarding is {}", shown(hl.ipv6_forwarding));
    out.item(
        ItemKey::HostForwarding6,
        format!("net.ipv6.conf.{h}.forwarding = {fwd6}"),
        Have::wanted(fwd6_ok, how),
    );
    if !fwd6_ok {
        let what = format!("IPv6 forwarding on {h}");
        steps.push(sysctl(what, "forwarding", fwd6, false));
    }
    let what = format!("net.ipv6.conf.{h}.force_forwarding = {ffwd6}");
    let ffwd = format!("IPv6 force_forwarding on {h}");
    match (hl.ipv6_force_forwarding, hl.ipv6_forwarding) {
        (Some(v), _) if v == ffwd6 => out.item(ItemKey::HostForceForwarding6, what, Have::Ok),
        (Some(v), _) => {
            let have = Have::Wrong(format!("IPv6 force_forwarding is {v}"));
            out.item(ItemKey::HostForceForwarding6, what, have);
            steps.push(sysctl(ffwd, "force_forwarding", ffwd6, false));
        }
        // IPv6 settings reported without force_forwarding: this kernel has none.
        (None, Some(_)) => out.notes.push(no_force_forwarding_note(h)),
        // Not known (a link not created yet): write it if the kernel has it.
        (None, None) => {
            out.item(ItemKey::HostForceForwarding6, what, Have::Missing);
            steps.push(sysctl(ffwd, "force_forwarding", ffwd6, true));
        }
    }
    steps
}

/// `fe80::1/64` on the host veth. Not read (`host.addrs` `None`): created under
/// `EXIST_VERIFY`, with the read that verifies an `EEXIST` in the same batch.
pub(super) fn gateway(x: &Sides, host: &HostView, out: &mut Assessment) -> Result<()> {
    let Some(want) = x.d.gateway6 else {
        return Ok(());
    };
    let (h, hi) = (x.h, x.hi());
    let (ip, len, flags) = (want.ip, want.prefix_len, want.flags);
    let key = ItemKey::HostAddr(HostAddr::Gateway6);
    let what = format!("address {ip}/{len} nodad noprefixroute on {h}");
    let add_what = format!("add {ip}/{len} nodad noprefixroute on {h}");
    let Some(addrs) = &host.addrs else {
        let verify = Read::GatewayAddr(hi);
        let add = req(
            add_what,
            msgs::new_addr(ip, len, hi, flags, false),
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
        .find(|a| a.ip == ip && a.prefix_len == len && a.index == hi);
    let (have, replace) = match found {
        None => (Have::Missing, false),
        Some(a) => match addr_ok(a, flags) {
            Ok(()) => (Have::Ok, false),
            Err(why) => (Have::Wrong(format!("{ip} is {why}")), true),
        },
    };
    if have != Have::Ok {
        let add = req(
            add_what,
            msgs::new_addr(ip, len, hi, flags, replace),
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
    for want in &x.d.host_routes {
        let Some(ip) = want.dst else { continue };
        let found = if ip.is_ipv6() {
            &host.route6
        } else {
            &host.route4
        };
        let scope = if want.scope_link { " scope link" } else { "" };
        let what = format!("route {ip}/{} dev {h}{scope}", want.dst_len);
        let have = match found {
            Some(r) if r.dst == want.dst && r.dst_len == want.dst_len && r.table == want.table => {
                let right = route_is(r, want, hi);
                if !right && r.priority != our_metric(want.v6) {
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
                msgs::replace_route(&on_link(want, hi)),
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
