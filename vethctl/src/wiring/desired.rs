//! The desired state as a value built from the [`Spec`]: what a wired pod has on each
//! side (docs/design.md, "The desired state").

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use netlink_codec::addr::IfaFlags;
use netlink_codec::route::RT_TABLE_MAIN;

use super::ownership::owner_alias;
use crate::config::Spec;
use crate::msgs::RouteSpec;

/// The pod's IPv4 gateway: proxy ARP on the host veth answers for it.
pub const V4_GATEWAY: Ipv4Addr = Ipv4Addr::new(169, 254, 1, 1);
/// The pod's IPv6 gateway, on the host veth.
pub const V6_GATEWAY: Ipv6Addr = Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1);
/// The flags of `fe80::1/64` on the host veth: no DAD, and no `fe80::/64` prefix route
/// (why: docs/design.md, "The desired state").
pub const V6_GATEWAY_FLAGS: IfaFlags = IfaFlags::NODAD.union(IfaFlags::NOPREFIXROUTE);
/// The flags of the pod's addresses.
pub(crate) const POD_ADDR_FLAGS: IfaFlags = IfaFlags::NODAD;
/// The metric the kernel gives an IPv6 route added without one (`IP6_RT_PRIO_USER`).
pub const V6_METRIC: u32 = 1024;
/// The smallest MTU a link can have IPv6 on (`IPV6_MIN_MTU`): the kernel gives a link
/// under it no IPv6 at all.
pub const IPV6_MIN_MTU: u32 = 1280;

/// IPv4 or IPv6, for the keys of pieces that exist once per family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// IPv4.
    V4,
    /// IPv6.
    V6,
}

impl Family {
    /// The family of `ip`.
    pub fn of(ip: IpAddr) -> Family {
        if ip.is_ipv6() {
            Family::V6
        } else {
            Family::V4
        }
    }
}

/// What a wired pod has, derived from the [`Spec`] once.
#[derive(Debug, Clone)]
pub struct Desired<'a> {
    /// The input.
    pub spec: &'a Spec,
    /// With an IPv6 address: every IPv6 piece (`fe80::1`, forwarding, readiness).
    pub ipv6: bool,
    /// The pod's addresses, IPv6 first: each is also a host route `/128` or `/32`.
    pub pod_addrs: Vec<IpAddr>,
    /// The pod's default routes' gateways, IPv4 first (empty without default routes).
    pub default_gateways: Vec<IpAddr>,
    /// The on-link route to 169.254.1.1 in the pod (it serves the IPv4 default only).
    pub onlink4: bool,
    /// The owner tag of the host veth.
    pub alias: String,
}

impl<'a> Desired<'a> {
    /// The desired state of `spec`.
    pub fn of(spec: &'a Spec) -> Desired<'a> {
        let pod_addrs: Vec<IpAddr> = [spec.ip6.map(IpAddr::V6), spec.ip4.map(IpAddr::V4)]
            .into_iter()
            .flatten()
            .collect();
        let mut default_gateways = Vec::new();
        if spec.default_routes && spec.ip4.is_some() {
            default_gateways.push(IpAddr::V4(V4_GATEWAY));
        }
        if spec.default_routes && spec.ip6.is_some() {
            default_gateways.push(IpAddr::V6(V6_GATEWAY));
        }
        Desired {
            spec,
            ipv6: spec.ip6.is_some(),
            pod_addrs,
            onlink4: spec.default_routes && spec.ip4.is_some(),
            default_gateways,
            alias: owner_alias(&spec.container_id),
        }
    }
}

/// The prefix length of a host address: 128 or 32.
pub(crate) fn full(ip: IpAddr) -> u8 {
    if ip.is_ipv6() {
        128
    } else {
        32
    }
}

/// The host route for the pod's address `ip` on link `oif`.
pub(crate) fn host_route(ip: IpAddr, oif: u32) -> RouteSpec {
    RouteSpec {
        dst: Some(ip),
        v6: ip.is_ipv6(),
        dst_len: full(ip),
        gateway: None,
        oif,
        scope_link: !ip.is_ipv6(),
        priority: None,
        table: u32::from(RT_TABLE_MAIN),
    }
}

/// The default route via `gw` on link `oif`.
pub(crate) fn default_route(gw: IpAddr, oif: u32) -> RouteSpec {
    RouteSpec {
        dst: None,
        v6: gw.is_ipv6(),
        dst_len: 0,
        gateway: Some(gw),
        oif,
        scope_link: false,
        priority: None,
        table: u32::from(RT_TABLE_MAIN),
    }
}

/// The metric a route of ours gets when added without one.
pub(crate) fn our_metric(v6: bool) -> u32 {
    if v6 {
        V6_METRIC
    } else {
        0
    }
}
