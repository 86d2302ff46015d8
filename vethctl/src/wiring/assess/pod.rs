//! The pod side's comparators: the peer's name and settings, its addresses, its routes.

use netlink_codec::route::RT_TABLE_MAIN;

use super::{addr_ok, exact_route, route_is, Assessment, Sides};
use crate::error::{Error, Result};
use crate::msgs::{self, LinkChange, RouteSpec};
use crate::request::Policy;
use crate::state::Route;
use crate::wiring::desired::{on_link, our_metric, Family};
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
    let up_now = if named {
        pl.is_up()
    } else {
        rename(x, out)?;
        false
    };
    let mut pc = LinkChange::default();
    let want = &x.d.pod;
    let mtu_ok = pl.mtu == Some(want.mtu);
    if !mtu_ok {
        pc.mtu = Some(want.mtu);
    }
    let how = || format!("mtu is {}", shown(pl.mtu));
    out.item(
        ItemKey::PodMtu,
        format!("mtu {} on {p}", want.mtu),
        Have::wanted(mtu_ok, how),
    );
    if x.d.ipv6 || pl.inet6 {
        // (`LinkChange` sets the one mode wanted: none.)
        let ok = pl.addr_gen_mode == Some(want.addr_gen_mode);
        pc.addr_gen_mode_none = !ok;
        let how = || format!("addr_gen_mode is {}", gen_mode(pl.addr_gen_mode));
        out.item(
            ItemKey::PodAddrGenMode,
            format!(
                "addr_gen_mode {} on {p}",
                gen_mode(Some(want.addr_gen_mode))
            ),
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

/// Rename the peer to its name, first setting it down when it is up (the kernel renames
/// only a link that is down); it is down after.
fn rename(x: &Sides, out: &mut Assessment) -> Result<()> {
    let (p, pl, pi) = (x.p, x.pl, x.pl.index);
    if pl.is_up() {
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
    Ok(())
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
    for want in &x.d.pod_addrs {
        let (ip, len, flags) = (want.ip, want.prefix_len, want.flags);
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
            Some(a) => match addr_ok(a, flags) {
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
                msgs::new_addr(ip, len, pi, flags, replace),
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
    let Some(want) = &x.d.onlink4 else {
        return Ok(());
    };
    let (p, pi) = (x.p, x.pi());
    let dst = shown(want.dst);
    let what = format!("route {dst}/{} dev {p} scope link", want.dst_len);
    let onlink = main.iter().any(|r| route_is(r, want, pi));
    let key = ItemKey::PodOnLinkRoute4;
    if !onlink {
        let add = req(
            format!("add {what}"),
            msgs::replace_route(&on_link(want, pi)),
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

/// The default route `want`: ours (`NLM_F_REPLACE`, so a wrong one with our metric is
/// replaced in one step), and every other default of that family deleted.
pub(super) fn default_route(
    x: &Sides,
    want: &RouteSpec,
    main: &[&Route],
    out: &mut Assessment,
) -> Result<()> {
    let Some(gw) = want.gateway else {
        return Err(Error::Unexpected(
            "a default route without a gateway".into(),
        ));
    };
    let (p, pi) = (x.p, x.pi());
    let pname = link_namer(pi, p);
    let v6 = want.v6;
    let fam = if v6 { "IPv6" } else { "IPv4" };
    let what = format!("{fam} default route via {gw} dev {p}");
    let is_ours =
        |r: &Route| r.gateway == Some(gw) && r.oif == Some(pi) && r.priority == our_metric(v6);
    let defaults = main
        .iter()
        .copied()
        .filter(|r| r.v6 == v6 && r.dst_len == want.dst_len);
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
            msgs::replace_route(&on_link(want, pi)),
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
