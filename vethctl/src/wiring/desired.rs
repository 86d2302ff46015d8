//! The desired state as a value built from the [`Spec`]: what a wired pod has on each
//! side (docs/design.md, "The desired state").

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use netlink_codec::addr::IfaFlags;
use netlink_codec::link::IN6_ADDR_GEN_MODE_NONE;
use netlink_codec::route::RT_TABLE_MAIN;

use super::tag::owner_alias;
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
/// The metric the kernel gives an IPv6 route added without one.
pub const V6_METRIC: u32 = netlink_codec::route::IP6_RT_PRIO_USER;
pub use netlink_codec::link::IPV6_MIN_MTU;

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

/// One end of the veth as wired (and up): its name, MTU, `addr_gen_mode`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkWant {
    /// Its name.
    pub name: String,
    /// `IFLA_MTU`.
    pub mtu: u32,
    /// `IFLA_INET6_ADDR_GEN_MODE` (none: no kernel link-local), on a link that has IPv6
    /// or with an IPv6 address (docs/design.md, "IPv4-only pods").
    pub addr_gen_mode: u8,
}

/// An address as wired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddrWant {
    /// The address.
    pub ip: IpAddr,
    /// Its prefix length.
    pub prefix_len: u8,
    /// The flags it must have (IPv6; `IFA_F_*`).
    pub flags: IfaFlags,
}

/// The host veth's per-device settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostSysctls {
    /// `net.ipv4.conf.HOST.proxy_arp` (`IFLA_INET_CONF`).
    pub proxy_arp: u32,
    /// `net.ipv4.conf.HOST.forwarding` (`IFLA_INET_CONF`).
    pub forwarding4: u32,
    /// `net.ipv4.neigh.HOST.proxy_delay` (`RTM_SETNEIGHTBL`, `NDTPA_PROXY_DELAY`).
    pub proxy_delay: u64,
    /// With IPv6: `/proc/sys/net/ipv6/conf/HOST/forwarding`.
    pub forwarding6: Option<i32>,
    /// With IPv6: `/proc/sys/net/ipv6/conf/HOST/force_forwarding`, where the kernel has
    /// it (Linux 6.17+).
    pub force_forwarding6: Option<i32>,
}

/// What a wired pod has, derived from the [`Spec`] once: the links, addresses, routes
/// and settings each side compares the live state with. Routes are on link 0: the
/// index of their link is known once it exists ([`on_link`]).
#[derive(Debug, Clone)]
pub struct Desired {
    /// The host veth.
    pub host: LinkWant,
    /// The pod's end of it.
    pub pod: LinkWant,
    /// The owner tag of the host veth (`IFLA_IFALIAS`).
    pub alias: String,
    /// With an IPv6 address: every IPv6 piece (`fe80::1`, forwarding, readiness).
    pub ipv6: bool,
    /// The host veth's settings.
    pub sysctls: HostSysctls,
    /// `fe80::1/64` on the host veth (with IPv6).
    pub gateway6: Option<AddrWant>,
    /// The pod's addresses, IPv6 first.
    pub pod_addrs: Vec<AddrWant>,
    /// The host routes to the pod's addresses (`/128`, `/32` scope link), IPv6 first.
    pub host_routes: Vec<RouteSpec>,
    /// The on-link route to 169.254.1.1 in the pod (it serves the IPv4 default only).
    pub onlink4: Option<RouteSpec>,
    /// The pod's default routes, IPv4 first (empty without default routes).
    pub default_routes: Vec<RouteSpec>,
}

impl Desired {
    /// The desired state of `spec`.
    pub fn of(spec: &Spec) -> Desired {
        let ips: Vec<IpAddr> = [spec.ip6.map(IpAddr::V6), spec.ip4.map(IpAddr::V4)]
            .into_iter()
            .flatten()
            .collect();
        let ipv6 = spec.ip6.is_some();
        let defaults = spec.default_routes;
        let link = |name: &str| LinkWant {
            name: name.to_owned(),
            mtu: spec.mtu,
            addr_gen_mode: IN6_ADDR_GEN_MODE_NONE,
        };
        let mut default_routes = Vec::new();
        if defaults && spec.ip4.is_some() {
            default_routes.push(default_route(IpAddr::V4(V4_GATEWAY), 0));
        }
        if defaults && ipv6 {
            default_routes.push(default_route(IpAddr::V6(V6_GATEWAY), 0));
        }
        Desired {
            host: link(&spec.host_iface),
            pod: link(&spec.ifname),
            alias: owner_alias(&spec.container_id),
            ipv6,
            sysctls: HostSysctls {
                proxy_arp: 1,
                forwarding4: 1,
                proxy_delay: 0,
                forwarding6: ipv6.then_some(1),
                force_forwarding6: ipv6.then_some(1),
            },
            gateway6: ipv6.then_some(AddrWant {
                ip: IpAddr::V6(V6_GATEWAY),
                prefix_len: 64,
                flags: V6_GATEWAY_FLAGS,
            }),
            pod_addrs: ips
                .iter()
                .map(|&ip| AddrWant {
                    ip,
                    prefix_len: full(ip),
                    flags: POD_ADDR_FLAGS,
                })
                .collect(),
            host_routes: ips.iter().map(|&ip| host_route(ip, 0)).collect(),
            onlink4: (defaults && spec.ip4.is_some())
                .then(|| host_route(IpAddr::V4(V4_GATEWAY), 0)),
            default_routes,
        }
    }

    /// The pod's IPv6 address, if it has one.
    pub fn ip6(&self) -> Option<Ipv6Addr> {
        self.pod_addrs.iter().find_map(|a| match a.ip {
            IpAddr::V6(ip) => Some(ip),
            IpAddr::V4(_) => None,
        })
    }

    /// The pod's IPv4 address, if it has one.
    pub fn ip4(&self) -> Option<Ipv4Addr> {
        self.pod_addrs.iter().find_map(|a| match a.ip {
            IpAddr::V4(ip) => Some(ip),
            IpAddr::V6(_) => None,
        })
    }

    /// The pod's addresses, IPv6 first.
    pub fn pod_ips(&self) -> impl Iterator<Item = IpAddr> + '_ {
        self.pod_addrs.iter().map(|a| a.ip)
    }
}

/// `route` on link `oif`.
pub(crate) fn on_link(route: &RouteSpec, oif: u32) -> RouteSpec {
    RouteSpec { oif, ..*route }
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
