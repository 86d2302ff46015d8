//! The pod side's comparators: the peer's name and settings, its addresses, its routes.

use std::net::IpAddr;

use netlink_codec::link::IN6_ADDR_GEN_MODE_NONE;
use netlink_codec::route::{RT_SCOPE_LINK, RT_TABLE_MAIN};

use super::{addr_ok, exact_route, Assessment, Sides};
use crate::error::Result;
use crate::msgs::{self, LinkChange};
use crate::request::Policy;
use crate::state::Route;
use crate::wiring::desired::{
    default_route, full, host_route, our_metric, Family, POD_ADDR_FLAGS, V4_GATEWAY,
};
use crate::wiring::item::{Have, ItemKey};
use crate::wiring::req;
use crate::wiring::step::{Planned, Purpose};
use crate::wiring::view::{gen_mode, link_namer, show_route, shown, PodView};

/// The peer: its name (renamed while down), MTU, addr_gen_mode, up. Returns whether it
/// was up.
pub(super) fn link(x: &Sides, out: &mut Assessment) -> Result<bool> {
    let (p, pl, pi) = (x.p, x.pl, x.pl.index);
    let named = pl.name.is(p);
    let how = || format!("the peer is named {} (want {p})", pl.name);
    out.item(
        ItemKey::PodLink,
        format!("link {p}, the peer of {}", x.h),
        Have::wanted(named, how),
    );
    let mut up_now = pl.is_up();
    if !named {
        if up_now {
            let down = LinkChange {
                up: Some(false),
                ..Default::default()
            };
            let r = req(
                format!("set {} down to rename it", pl.name),
                msgs::set_link(pi, &down),
                Policy::STRICT,
            )?;
            out.pod.push(Planned::netlink(r, Purpose::Change));
            up_now = false;
        }
        let rename = LinkChange {
            name: Some(p.to_owned()),
            ..Default::default()
        };
        let r = req(
            format!("rename {} to {p}", pl.name),
            msgs::set_link(pi, &rename),
            Policy::STRICT,
        )?;
        out.pod.push(Planned::netlink(r, Purpose::Change));
    }
    let mut pc = LinkChange::default();
    let mtu_ok = pl.mtu == Some(x.d.spec.mtu);
    if !mtu_ok {
        pc.mtu = Some(x.d.spec.mtu);
    }
    let how = || format!("mtu is {}", shown(pl.mtu));
    out.item(
        ItemKey::PodMtu,
        format!("mtu {} on {p}", x.d.spec.mtu),
        Have::wanted(mtu_ok, how),
    );
    if x.d.ipv6 || pl.inet6 {
        let ok = pl.addr_gen_mode == Some(IN6_ADDR_GEN_MODE_NONE);
        pc.addr_gen_mode_none = !ok;
        let how = || format!("addr_gen_mode is {}", gen_mode(pl.addr_gen_mode));
        out.item(
            ItemKey::PodAddrGenMode,
            format!("addr_gen_mode none on {p}"),
            Have::wanted(ok, how),
        );
    }
    if pc != LinkChange::default() {
        let r = req(
            format!("set {} on {p}", pc.describe()),
            msgs::set_link(pi, &pc),
            Policy::STRICT,
        )?;
        out.pod.push(Planned::netlink(r, Purpose::Change));
    }
    let how = || "link is down (want up)".to_owned();
    out.item(
        ItemKey::PodUp,
        format!("link {p} up"),
        Have::wanted(pl.is_up(), how),
    );
    if !up_now {
        out.pod.push(super::set_up(p, pi)?);
    }
    Ok(pl.is_up())
}

/// A link went up: read both links back, which settles their carrier state at once
/// (docs/design.md, "`setup` in four round trips", step 4).
pub(super) fn settle_carrier(x: &Sides, out: &mut Assessment) -> Result<()> {
    let (h, p) = (x.h, x.p);
    let r = req(
        format!("read {p} back (settles its carrier state)"),
        msgs::get_link_in(x.pl.index, None),
        Policy::STRICT,
    )?;
    out.pod.push(Planned::netlink(r, Purpose::Change));
    if let Some(host_id) = x.pl.link_netnsid {
        let what = format!("read {h} back through the pod (settles its carrier state)");
        let r = req(
            what,
            msgs::get_link_in(x.hl.index, Some(host_id)),
            Policy::STRICT,
        )?;
        out.pod.push(Planned::netlink(r, Purpose::Change));
    }
    Ok(())
}

/// The pod's addresses. Returns whether the IPv6 one is in place.
pub(super) fn addrs(x: &Sides, pod: &PodView, out: &mut Assessment) -> Result<bool> {
    let (p, pi) = (x.p, x.pi());
    let mut v6_ok = false;
    for &ip in &x.d.pod_addrs {
        let len = full(ip);
        let what = if ip.is_ipv6() {
            format!("address {ip}/{len} nodad on {p}")
        } else {
            format!("address {ip}/{len} on {p}")
        };
        let found = pod
            .addrs
            .iter()
            .find(|a| a.ip == ip && a.prefix_len == len && a.index == pi);
        let (have, replace) = match found {
            None => (Have::Missing, false),
            Some(a) => match addr_ok(a, POD_ADDR_FLAGS) {
                Ok(()) => (Have::Ok, false),
                Err(why) => (Have::Wrong(format!("{ip} is {why}")), true),
            },
        };
        if ip.is_ipv6() {
            v6_ok = have == Have::Ok;
        }
        let key = ItemKey::PodAddr(Family::of(ip));
        if have != Have::Ok {
            let add_what = format!("add {}", what.strip_prefix("address ").unwrap_or(&what));
            let add = req(
                add_what,
                msgs::new_addr(ip, len, pi, POD_ADDR_FLAGS, replace),
                Policy::EXIST_OK,
            )?;
            out.pod.push(Planned::netlink(add, Purpose::Fix(key)));
        }
        out.item(key, what, have);
    }
    Ok(v6_ok)
}

/// The on-link route to 169.254.1.1, which serves the IPv4 default route only.
pub(super) fn onlink_route(x: &Sides, main: &[&Route], out: &mut Assessment) -> Result<()> {
    if !x.d.onlink4 {
        return Ok(());
    }
    let (p, pi) = (x.p, x.pi());
    let gw = IpAddr::V4(V4_GATEWAY);
    let what = format!("route 169.254.1.1/32 dev {p} scope link");
    let onlink = main.iter().any(|r| {
        !r.v6
            && r.dst == Some(gw)
            && r.dst_len == 32
            && r.oif == Some(pi)
            && r.gateway.is_none()
            && r.scope == RT_SCOPE_LINK
    });
    let key = ItemKey::PodOnLinkRoute4;
    if !onlink {
        let mut r = host_route(gw, pi);
        r.scope_link = true;
        let add = req(
            format!("add {what}"),
            msgs::replace_route(&r),
            Policy::STRICT,
        )?;
        out.pod.push(Planned::netlink(add, Purpose::Fix(key)));
    }
    out.item(key, what, if onlink { Have::Ok } else { Have::Missing });
    Ok(())
}

/// The pod's routes in the main table.
pub(super) fn main_table(pod: &PodView) -> Vec<&Route> {
    pod.routes
        .iter()
        .filter(|r| r.table == u32::from(RT_TABLE_MAIN))
        .collect()
}

/// The default route via `gw`: ours (`NLM_F_REPLACE`, so a wrong one with our metric is
/// replaced in one step), and every other default of that family deleted.
pub(super) fn default_route_via(
    x: &Sides,
    gw: IpAddr,
    main: &[&Route],
    out: &mut Assessment,
) -> Result<()> {
    let (p, pi) = (x.p, x.pi());
    let pname = link_namer(pi, p);
    let v6 = gw.is_ipv6();
    let fam = if v6 { "IPv6" } else { "IPv4" };
    let what = format!("{fam} default route via {gw} dev {p}");
    let is_ours =
        |r: &Route| r.gateway == Some(gw) && r.oif == Some(pi) && r.priority == our_metric(v6);
    let defaults = main
        .iter()
        .copied()
        .filter(|r| r.v6 == v6 && r.dst_len == 0);
    let have_ours = defaults.clone().any(&is_ours);
    let others: Vec<&Route> = defaults.filter(|r| !is_ours(r)).collect();
    let have = match (have_ours, others.is_empty()) {
        (true, true) => Have::Ok,
        (false, true) => Have::Missing,
        (_, false) => {
            let shown: Vec<String> = others.iter().map(|r| show_route(r, &pname)).collect();
            Have::Wrong(format!("found {}", shown.join(", ")))
        }
    };
    let key = ItemKey::PodDefaultRoute(Family::of(gw));
    if !have_ours {
        let add = req(
            format!("add (replace) {what}"),
            msgs::replace_route(&default_route(gw, pi)),
            Policy::STRICT,
        )?;
        out.pod.push(Planned::netlink(add, Purpose::Fix(key)));
    }
    for r in others
        .iter()
        .filter(|r| have_ours || r.priority != our_metric(v6))
    {
        let what = format!("delete the wrong default route {}", show_route(r, &pname));
        let del = req(what, msgs::del_route(&exact_route(r)), Policy::GONE_OK)?;
        out.pod.push(Planned::netlink(del, Purpose::Change));
    }
    out.item(key, what, have);
    Ok(())
}
