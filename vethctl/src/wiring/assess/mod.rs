//! Compare the live state with the desired state: small comparators per side
//! (`host`, `pod`, `readiness`), each adding [`Item`]s and the steps that make
//! them right.

mod host;
mod pod;
mod readiness;

use netlink_codec::addr::IfaFlags;
use netlink_codec::route::RT_SCOPE_LINK;

use crate::error::{Error, Result};
use crate::msgs::{self, LinkChange, RouteSpec};
use crate::request::Policy;
use crate::state::{Link, Route};
use crate::wiring::desired::{Desired, IPV6_MIN_MTU};
use crate::wiring::item::{Have, Item, ItemKey, Side};
use crate::wiring::req;
use crate::wiring::step::{Planned, Purpose};
use crate::wiring::view::{shown, HostView, PodView};

/// The comparison of live and desired state, and the steps that close the gap.
#[derive(Debug, Clone, Default)]
pub struct Assessment {
    /// Every piece of the desired state.
    pub items: Vec<Item>,
    /// Host steps, in order.
    pub host: Vec<Planned>,
    /// Pod steps, in order.
    pub pod: Vec<Planned>,
    /// What the caller should know but vethctl does not change (node-wide settings).
    pub notes: Vec<String>,
    /// With an IPv6 address and a host batch: watch for `fe80::1`'s local route on the
    /// host veth while it runs.
    pub host_watch: bool,
}

impl Assessment {
    fn item(&mut self, key: ItemKey, what: String, have: Have) {
        self.items.push(Item::new(key, what, have));
    }

    /// The readiness lookup among `side`'s steps, if any.
    pub fn ready_lookup(&self, side: Side) -> Option<usize> {
        let steps = match side {
            Side::Host => &self.host,
            Side::Pod => &self.pod,
        };
        steps.iter().position(|p| {
            matches!(
                p.purpose,
                Purpose::Read(crate::wiring::observe::Read::LocalRoute { .. })
            )
        })
    }
}

/// What every comparator looks at: the desired state and both links.
pub(super) struct Sides<'a> {
    d: &'a Desired,
    h: &'a str,
    p: &'a str,
    hl: &'a Link,
    pl: &'a Link,
}

impl Sides<'_> {
    fn hi(&self) -> u32 {
        self.hl.index.unsigned_abs()
    }
    fn pi(&self) -> u32 {
        self.pl.index.unsigned_abs()
    }
}

/// Compare the live state with the desired state; return every item and the steps that
/// make the live state right. `host.link` and `pod.link` must be present (a link about to
/// be created is described as the kernel creates it).
pub fn assess(d: &Desired, host: &HostView, pod: &PodView) -> Result<Assessment> {
    let (Some(hl), Some(pl)) = (&host.link, &pod.link) else {
        return Err(Error::Unexpected("assess needs both links".into()));
    };
    let x = Sides {
        d,
        h: &d.host.name,
        p: &d.pod.name,
        hl,
        pl,
    };
    let mut out = Assessment::default();
    let host_was_up = host::link_settings(&x, host, &mut out)?;
    host::gateway(&x, host, &mut out)?;
    host::routes(&x, host, &mut out)?;
    readiness::gateway(&x, host, &mut out)?;
    let pod_was_up = pod::link(&x, &mut out)?;
    if !host_was_up || !pod_was_up {
        pod::settle_carrier(&x, &mut out)?;
    }
    let v6_addr_ok = pod::addrs(&x, pod, &mut out)?;
    let main = pod::main_table(pod);
    pod::onlink_route(&x, &main, &mut out)?;
    for want in &d.default_routes {
        pod::default_route(&x, want, &main, &mut out)?;
    }
    readiness::pod_address(&x, pod, v6_addr_ok, &mut out)?;
    Ok(out)
}

/// Set the link `index` (named `name`) up.
fn set_up(name: &str, index: i32) -> Result<Planned> {
    let up = LinkChange {
        up: Some(true),
        ..Default::default()
    };
    let r = req(
        format!("set {name} up"),
        msgs::set_link(index, &up),
        Policy::STRICT,
    )?;
    Ok(Planned::netlink(r, Purpose::Change))
}

/// `RouteSpec` that deletes exactly the route `r`.
pub(crate) fn exact_route(r: &Route) -> RouteSpec {
    RouteSpec {
        dst: r.dst,
        v6: r.v6,
        dst_len: r.dst_len,
        gateway: r.gateway,
        oif: r.oif.unwrap_or(0),
        scope_link: false,
        priority: Some(r.priority),
        table: r.table,
    }
}

/// Whether `r` is the route `want` on link `oif` (any metric): the same destination,
/// family and gateway through `oif`, with scope link when `want` has it.
pub(crate) fn route_is(r: &Route, want: &RouteSpec, oif: u32) -> bool {
    r.v6 == want.v6
        && r.dst == want.dst
        && r.dst_len == want.dst_len
        && r.oif == Some(oif)
        && r.gateway == want.gateway
        && (!want.scope_link || r.scope == RT_SCOPE_LINK)
}

/// Whether an address has the flags `want` (IPv6 only; IPv4 addresses are not checked).
pub(crate) fn addr_ok(a: &crate::state::Addr, want: IfaFlags) -> Result<(), String> {
    if !a.ip.is_ipv6() {
        return Ok(());
    }
    let mut bad = Vec::new();
    if want.contains(IfaFlags::NODAD) && !a.flags.contains(IfaFlags::NODAD) {
        bad.push("without nodad");
    }
    if want.contains(IfaFlags::NOPREFIXROUTE) && !a.flags.contains(IfaFlags::NOPREFIXROUTE) {
        bad.push("without noprefixroute");
    }
    if a.flags.contains(IfaFlags::TENTATIVE) {
        bad.push("tentative");
    }
    if a.flags.contains(IfaFlags::DADFAILED) {
        bad.push("dadfailed");
    }
    if bad.is_empty() {
        Ok(())
    } else {
        Err(bad.join(", "))
    }
}

/// With `--ip6`, why `link` cannot take the pod's IPv6 wiring, if it cannot (docs/design.md,
/// "IPv4-only pods").
pub(crate) fn ipv6_impossible(d: &Desired, side: Side, link: &Link) -> Option<String> {
    if !d.ipv6 {
        return None;
    }
    let (name, where_) = (&link.name, side.as_str());
    if link.ipv6_disabled == Some(true) {
        Some(format!(
            "IPv6 is disabled on the {where_}'s interface {name} \
             (net.ipv6.conf.{name}.disable_ipv6 = 1): cannot wire --ip6"
        ))
    } else if !link.inet6 {
        Some(format!(
            "the {where_}'s interface {name} has no IPv6 (mtu {}, IPv6 needs \
             {IPV6_MIN_MTU}): cannot wire --ip6",
            shown(link.mtu)
        ))
    } else {
        None
    }
}

/// The note for a kernel without `net.ipv6.conf.<dev>.force_forwarding`.
pub(crate) fn no_force_forwarding_note(h: &str) -> String {
    format!(
        "this kernel has no net.ipv6.conf.{h}.force_forwarding (Linux 6.17+): pod-to-pod \
         IPv6 needs net.ipv6.conf.all.forwarding=1 on the node (a node-wide setting vethctl \
         does not change)"
    )
}
