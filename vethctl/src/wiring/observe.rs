//! Typed reads: each [`Read`] builds its request and decodes its own answer into an
//! [`Observed`] value, which the views take by what it is, never by where it came in a
//! batch.

use std::net::{IpAddr, Ipv6Addr};

use netlink_codec::addr::IfaFlags;
use netlink_codec::af::AF_INET;
use netlink_codec::route::{RTN_LOCAL, RTPROT_KERNEL, RT_TABLE_MAIN};

use super::req;
use super::view::{HostView, PodView};
use crate::error::{Error, Result};
use crate::msgs;
use crate::request::{Answer, Policy, Request};
use crate::state::{self, Addr, Link, Route};

/// One read of the live state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// The host link, by the host interface name.
    HostLink,
    /// The host's route to a pod address (`RTM_F_FIB_MATCH`).
    HostRoute(IpAddr),
    /// A host link by index: the one a host route to `IpAddr` goes through.
    RouteLink(u32, IpAddr),
    /// The pod's link at an index (the host link's `IFLA_LINK`).
    Peer(u32),
    /// The id the pod gives the host's namespace (`RTM_GETNSID` of this thread's).
    HostNsid,
    /// The pod's IPv6 address on the peer.
    PodAddr6(Ipv6Addr, u32),
    /// The pod's routes, all tables (a dump).
    PodRoutes,
    /// The peer's IPv4 addresses (a dump).
    PodAddrs4(u32),
    /// `fe80::1` on the host link.
    GatewayAddr(u32),
    /// The local route of an IPv6 address (readiness): on a link (`on_dev`, the host's
    /// lookup among the `fe80::1` of every pod) or wherever it is (the pod's).
    LocalRoute {
        /// The address.
        ip: Ipv6Addr,
        /// The link it must be on.
        oif: u32,
        /// Look it up on that link.
        on_dev: bool,
    },
}

/// A decoded answer.
#[derive(Debug, Clone)]
pub enum Observed {
    /// A link, or none by that name or index.
    Link(Option<Link>),
    /// Routes.
    Routes(Vec<Route>),
    /// Addresses.
    Addrs(Vec<Addr>),
    /// A namespace id, or none.
    Nsid(Option<i32>),
}

impl Read {
    /// The request; `host_iface` names the host link (in [`Read::HostLink`] and
    /// [`Read::GatewayAddr`]).
    pub fn request(&self, host_iface: &str) -> Result<Request> {
        let link = |i: u32| i32::try_from(i).unwrap_or(0);
        match *self {
            Read::HostLink => req(
                format!("read link {host_iface}"),
                msgs::get_link(Some(host_iface), 0),
                Policy::LINK_LOOKUP,
            ),
            Read::HostRoute(ip) => req(
                format!("look up the host route to {ip}"),
                msgs::route_lookup(ip),
                Policy::ROUTE_LOOKUP,
            ),
            Read::RouteLink(oif, ip) => req(
                format!("read ifindex {oif}, which the host route to {ip} goes through"),
                msgs::get_link(None, link(oif)),
                Policy::LINK_LOOKUP,
            ),
            Read::Peer(i) => req(
                format!("read the peer (ifindex {i})"),
                msgs::get_link(None, link(i)),
                Policy::LINK_LOOKUP,
            ),
            Read::HostNsid => req(
                "read the id the pod gives the host's namespace",
                msgs::get_nsid_of_task(nix::unistd::gettid().as_raw().unsigned_abs()),
                Policy::STRICT,
            ),
            Read::PodAddr6(ip, i) => req(
                format!("read address {ip} on ifindex {i}"),
                msgs::get_addr6(ip, i),
                Policy::ADDR_LOOKUP,
            ),
            Read::PodRoutes => req(
                "read the routes (all tables)",
                msgs::dump_routes(0),
                Policy::STRICT,
            ),
            Read::PodAddrs4(i) => req(
                format!("read the IPv4 addresses of ifindex {i}"),
                msgs::dump_addrs(AF_INET, i),
                Policy::STRICT,
            ),
            Read::GatewayAddr(i) => req(
                format!("read address fe80::1 on {host_iface}"),
                msgs::get_addr6(super::V6_GATEWAY, i),
                Policy::ADDR_LOOKUP,
            ),
            Read::LocalRoute { ip, .. } => self.named(format!("look up the local route of {ip}")),
        }
    }

    /// The request, named `what` (a readiness lookup names what it waits for).
    pub fn named(&self, what: String) -> Result<Request> {
        let Read::LocalRoute { ip, oif, on_dev } = *self else {
            let mut r = self.request("")?;
            r.what = what;
            return Ok(r);
        };
        let msg = if on_dev {
            msgs::route_lookup_dev(IpAddr::V6(ip), oif)
        } else {
            msgs::route_lookup(IpAddr::V6(ip))
        };
        req(what, msg, Policy::ROUTE_LOOKUP)
    }

    /// Decode `answer`, the answer to this read.
    pub fn decode(&self, answer: &Answer) -> Result<Observed> {
        Ok(match self {
            Read::HostLink => Observed::Link(state::link_of(answer, "read host link")?),
            Read::RouteLink(..) => Observed::Link(state::link_of(answer, "read the route's link")?),
            Read::Peer(_) => Observed::Link(state::link_of(answer, "read the peer")?),
            Read::HostNsid => Observed::Nsid(state::nsid_of(answer, "read the host's nsid")?),
            Read::HostRoute(_) | Read::LocalRoute { .. } => {
                Observed::Routes(state::routes_of(answer, "route lookup")?)
            }
            Read::PodRoutes => Observed::Routes(state::routes_of(answer, "read the pod's routes")?),
            Read::PodAddr6(..) => {
                Observed::Addrs(state::addrs_of(answer, "read the peer's IPv6 address")?)
            }
            Read::PodAddrs4(_) => {
                Observed::Addrs(state::addrs_of(answer, "read the peer's IPv4 addresses")?)
            }
            Read::GatewayAddr(_) => {
                Observed::Addrs(state::addrs_of(answer, "read host addresses")?)
            }
        })
    }
}

fn mismatch(read: &Read) -> Error {
    Error::Unexpected(format!("{read:?} does not describe this side"))
}

impl HostView {
    /// Take what `read` observed.
    pub fn record(&mut self, read: &Read, seen: Observed) -> Result<()> {
        match (read, seen) {
            (Read::HostLink, Observed::Link(l)) => self.link = l,
            (Read::HostRoute(ip), Observed::Routes(r)) => {
                let first = r.into_iter().next();
                if ip.is_ipv6() {
                    self.route6 = first;
                } else {
                    self.route4 = first;
                }
            }
            (Read::GatewayAddr(_), Observed::Addrs(a)) => self.addrs = Some(a),
            _ => return Err(mismatch(read)),
        }
        Ok(())
    }
}

impl PodView {
    /// Take what `read` observed.
    pub fn record(&mut self, read: &Read, seen: Observed) -> Result<()> {
        match (read, seen) {
            (Read::Peer(_), Observed::Link(l)) => self.link = l,
            (Read::HostNsid, Observed::Nsid(id)) => self.host_nsid = id,
            (Read::PodAddr6(_, i), Observed::Addrs(mut a)) => {
                a.retain(|a| a.index == *i);
                self.addrs.retain(|a| !a.ip.is_ipv6());
                self.addrs.extend(a);
            }
            (Read::PodAddrs4(_), Observed::Addrs(a)) => {
                self.addrs.retain(|a| a.ip.is_ipv6());
                self.addrs.extend(a);
            }
            (Read::PodRoutes, Observed::Routes(r)) => self.routes = r,
            _ => return Err(mismatch(read)),
        }
        Ok(())
    }

    /// The IPv4 address `ip4` on the peer `pi`, as the routes show it: its `local` route,
    /// and the prefix route the kernel adds for a prefix shorter than /32. An IPv4
    /// address of a down link has no routes: it then reads as missing, and setup's create
    /// answers EEXIST, which its policy accepts.
    pub fn infer_ipv4_addr(&mut self, ip4: std::net::Ipv4Addr, pi: u32) {
        let ip = IpAddr::V4(ip4);
        let local = self.routes.iter().any(|r| {
            r.rtype == RTN_LOCAL && r.dst == Some(ip) && r.dst_len == 32 && r.oif == Some(pi)
        });
        if !local {
            return;
        }
        let prefix = self
            .routes
            .iter()
            .filter(|r| {
                r.table == u32::from(RT_TABLE_MAIN)
                    && r.protocol == RTPROT_KERNEL
                    && r.prefsrc == Some(ip)
                    && r.oif == Some(pi)
            })
            .map(|r| r.dst_len)
            .min()
            .unwrap_or(32);
        self.addrs.push(Addr {
            index: pi,
            prefix_len: prefix,
            flags: IfaFlags::empty(),
            ip,
        });
    }
}
