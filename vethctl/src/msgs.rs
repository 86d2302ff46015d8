//! The requests the wiring sends, built with the codec's [`MessageBuilder`]. Each builder
//! returns one complete message with `nlmsg_seq` 0 (the socket numbers them when sent).
//!
//! Nests are written without `NLA_F_NESTED`, as iproute2 writes them: rtnetlink parses
//! these attributes with the non-strict nested parser.

use std::net::{IpAddr, Ipv6Addr};

use netlink_codec::addr::IfaFlags;
use netlink_codec::af::{AF_INET, AF_INET6, AF_UNSPEC};
use netlink_codec::build::MessageBuilder;
use netlink_codec::header::{
    NlmFlags, RTM_DELLINK, RTM_DELROUTE, RTM_GETADDR, RTM_GETLINK, RTM_GETNSID, RTM_GETROUTE,
    RTM_NEWADDR, RTM_NEWLINK, RTM_NEWROUTE, RTM_SETNEIGHTBL,
};
use netlink_codec::link::{
    Iff, IN6_ADDR_GEN_MODE_NONE, IPV4_DEVCONF_FORWARDING, IPV4_DEVCONF_PROXY_ARP,
    RTEXT_FILTER_SKIP_STATS,
};
use netlink_codec::repr::{
    AddrAttrs, AddrRepr, AfSpec, Inet6Spec, InetConf, InetSpec, LinkAttrs, LinkInfo, LinkRepr,
    NeighTblAttrs, NeighTblParms, NeighTblRepr, NsidAttrs, NsidRepr, RouteAttrs, RouteRepr,
    VethPeer,
};
use netlink_codec::route::{
    RtmFlags, RTN_UNICAST, RTN_UNSPEC, RTPROT_BOOT, RTPROT_UNSPEC, RT_SCOPE_LINK, RT_SCOPE_NOWHERE,
    RT_SCOPE_UNIVERSE,
};
use netlink_codec::EncodeError;

/// `NLM_F_REQUEST | NLM_F_ACK`: every non-dump request is acknowledged, so its end is
/// always visible.
const REQ_ACK: NlmFlags = NlmFlags::REQUEST.union(NlmFlags::ACK);

type Res = Result<Vec<u8>, EncodeError>;

fn message(
    msg_type: u16,
    flags: NlmFlags,
    body: impl FnOnce(&mut MessageBuilder<'_, Vec<u8>>) -> Result<(), EncodeError>,
) -> Res {
    let mut buf = Vec::with_capacity(128);
    let mut m = MessageBuilder::new(&mut buf, msg_type, flags, 0)?;
    body(&mut m)?;
    m.finish()?;
    Ok(buf)
}

fn family_of(ip: IpAddr) -> u8 {
    match ip {
        IpAddr::V4(_) => AF_INET,
        IpAddr::V6(_) => AF_INET6,
    }
}

fn full_len(ip: IpAddr) -> u8 {
    match ip {
        IpAddr::V4(_) => 32,
        IpAddr::V6(_) => 128,
    }
}

/// `link` as a request.
fn link_msg(msg_type: u16, flags: NlmFlags, link: &LinkRepr<'_>) -> Res {
    message(msg_type, flags, |m| link.emit(m))
}

/// A link request on link `index` (0: none) with attributes `attrs`.
fn link(index: i32, attrs: LinkAttrs<'_>) -> LinkRepr<'_> {
    LinkRepr {
        index,
        attrs,
        ..Default::default()
    }
}

/// `RTM_NEWLINK` `NLM_F_CREATE|NLM_F_EXCL`: veth `host` (MTU `mtu`) whose peer is born
/// as `peer` inside the namespace `netns_fd` (`IFLA_NET_NS_FD` inside `VETH_INFO_PEER`).
pub fn create_veth(host: &str, peer: &str, mtu: u32, netns_fd: u32) -> Res {
    let peer = link(
        0,
        LinkAttrs {
            ifname: Some(peer),
            mtu: Some(mtu),
            net_ns_fd: Some(netns_fd),
            ..Default::default()
        },
    );
    let host = link(
        0,
        LinkAttrs {
            ifname: Some(host),
            mtu: Some(mtu),
            linkinfo: Some(LinkInfo::veth(VethPeer::Repr(&peer))),
            ..Default::default()
        },
    );
    let flags = REQ_ACK | NlmFlags::CREATE | NlmFlags::EXCL;
    link_msg(RTM_NEWLINK, flags, &host)
}

/// `RTM_GETLINK` of one link, by name (`index` 0) or by index, without statistics.
pub fn get_link(name: Option<&str>, index: i32) -> Res {
    get_one_link(name, index, None)
}

/// `RTM_GETLINK` of link `index` in the namespace this one calls `target_nsid`
/// (`IFLA_TARGET_NETNSID`). A `RTM_GETLINK` of one link also makes the kernel process the
/// link's pending carrier event at once (`linkwatch_sync_dev`), so operstate and the
/// routes' `linkdown` flags are settled when the answer arrives.
pub fn get_link_in(index: i32, target_nsid: Option<i32>) -> Res {
    get_one_link(None, index, target_nsid)
}

fn get_one_link(name: Option<&str>, index: i32, target_nsid: Option<i32>) -> Res {
    let attrs = LinkAttrs {
        ext_mask: Some(RTEXT_FILTER_SKIP_STATS),
        ifname: name,
        target_netnsid: target_nsid,
        ..Default::default()
    };
    link_msg(RTM_GETLINK, REQ_ACK, &link(index, attrs))
}

/// `RTM_GETNSID` with `NETNSA_PID`: the id this namespace gives the network namespace of
/// task `tid` (a thread id works: the kernel looks the task up by id).
pub fn get_nsid_of_task(tid: u32) -> Res {
    let ask = NsidRepr {
        family: AF_UNSPEC,
        attrs: NsidAttrs {
            pid: Some(tid),
            ..Default::default()
        },
    };
    message(RTM_GETNSID, REQ_ACK, |m| ask.emit(m))
}

/// `RTM_GETROUTE` with `RTM_F_FIB_MATCH`: the route the main tables would use for `ip`
/// (`ip route get fibmatch IP`). Needs no interface index.
pub fn route_lookup(ip: IpAddr) -> Res {
    fib_match(ip, None)
}

/// `RTM_GETROUTE` with `RTM_F_FIB_MATCH` for `ip` out of link `oif` (`ip route get
/// fibmatch IP oif DEV`): what a link-local address needs. For one of the link's own
/// addresses the answer is its `local` route once the kernel has added it.
pub fn route_lookup_dev(ip: IpAddr, oif: u32) -> Res {
    fib_match(ip, Some(oif))
}

fn fib_match(ip: IpAddr, oif: Option<u32>) -> Res {
    let ask = RouteRepr {
        family: family_of(ip),
        dst_len: full_len(ip),
        flags: RtmFlags::FIB_MATCH.bits(),
        attrs: RouteAttrs {
            dst: Some(ip),
            oif,
            ..Default::default()
        },
        ..Default::default()
    };
    message(RTM_GETROUTE, REQ_ACK, |m| ask.emit(m))
}

/// `RTM_GETADDR` dump of `family` (`AF_UNSPEC`: both) filtered by interface (strict
/// checking makes the kernel honour `ifa_index`).
pub fn dump_addrs(family: u8, index: u32) -> Res {
    let ask = AddrRepr {
        family,
        index,
        ..Default::default()
    };
    message(RTM_GETADDR, NlmFlags::REQUEST | NlmFlags::DUMP, |m| {
        ask.emit(m)
    })
}

/// `RTM_GETROUTE` dump of both families, of one table (`RT_TABLE_UNSPEC`: all tables).
pub fn dump_routes(table: u8) -> Res {
    let ask = RouteRepr {
        family: AF_UNSPEC,
        table,
        ..Default::default()
    };
    message(RTM_GETROUTE, NlmFlags::REQUEST | NlmFlags::DUMP, |m| {
        ask.emit(m)
    })
}

/// `RTM_GETADDR` of one IPv6 address on link `index` (not a dump: the kernel answers
/// with the address, flags included, or EADDRNOTAVAIL). IPv4 has no such request.
pub fn get_addr6(ip: Ipv6Addr, index: u32) -> Res {
    let ask = AddrRepr {
        family: AF_INET6,
        index,
        attrs: AddrAttrs {
            address: Some(IpAddr::V6(ip)),
            ..Default::default()
        },
        ..Default::default()
    };
    message(RTM_GETADDR, REQ_ACK, |m| ask.emit(m))
}

/// What a `set_link` request changes on an existing link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkChange {
    /// `IFLA_IFNAME`: rename (the link must be down).
    pub name: Option<String>,
    /// `IFLA_MTU`.
    pub mtu: Option<u32>,
    /// `IFLA_AF_SPEC`/`AF_INET6`/`IFLA_INET6_ADDR_GEN_MODE` = none.
    pub addr_gen_mode_none: bool,
    /// `IFLA_AF_SPEC`/`AF_INET`/`IFLA_INET_CONF`: proxy_arp = 1, forwarding = 1.
    pub ipv4_conf: bool,
    /// `IFLA_IFALIAS`: the owner tag.
    pub alias: Option<String>,
    /// `ifi_flags`/`ifi_change` `IFF_UP`: `Some(true)` up, `Some(false)` down.
    pub up: Option<bool>,
}

impl LinkChange {
    /// What it sets, for a request's label: `rename to X, mtu 1500, addr_gen_mode none`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(n) = &self.name {
            parts.push(format!("rename to {n}"));
        }
        if self.addr_gen_mode_none {
            parts.push("addr_gen_mode none".to_owned());
        }
        if self.ipv4_conf {
            parts.push("proxy_arp, forwarding".to_owned());
        }
        if let Some(m) = self.mtu {
            parts.push(format!("mtu {m}"));
        }
        if let Some(a) = &self.alias {
            parts.push(format!("alias {a:?}"));
        }
        match self.up {
            Some(true) => parts.push("up".to_owned()),
            Some(false) => parts.push("down".to_owned()),
            None => {}
        }
        parts.join(", ")
    }
}

/// `IFLA_INET_CONF` of `LinkChange::ipv4_conf`: forwarding and proxy_arp on.
const IPV4_CONF: [(u16, u32); 2] = [(IPV4_DEVCONF_FORWARDING, 1), (IPV4_DEVCONF_PROXY_ARP, 1)];

/// `RTM_NEWLINK` (no `NLM_F_CREATE`) on the existing link `index`.
pub fn set_link(index: i32, c: &LinkChange) -> Res {
    let (flags, change) = match c.up {
        Some(true) => (Iff::UP, Iff::UP),
        Some(false) => (Iff::empty(), Iff::UP),
        None => (Iff::empty(), Iff::empty()),
    };
    // The nest as iproute2 writes it (no NLA_F_NESTED), as vethctl always has.
    let inet = c.ipv4_conf.then_some(InetSpec {
        conf: Some(InetConf::SetUnflagged(&IPV4_CONF)),
        ..Default::default()
    });
    let inet6 = c.addr_gen_mode_none.then_some(Inet6Spec {
        addr_gen_mode: Some(IN6_ADDR_GEN_MODE_NONE),
        ..Default::default()
    });
    let af_spec = (inet.is_some() || inet6.is_some()).then(|| AfSpec {
        inet,
        inet6,
        ..Default::default()
    });
    let req = LinkRepr {
        index,
        flags,
        change,
        attrs: LinkAttrs {
            ifname: c.name.as_deref(),
            mtu: c.mtu,
            ifalias: c.alias.as_deref(),
            af_spec,
            ..Default::default()
        },
        ..Default::default()
    };
    link_msg(RTM_NEWLINK, REQ_ACK, &req)
}

/// `RTM_SETNEIGHTBL` on `arp_cache`: `proxy_delay` 0 for the link `index`, so proxy ARP
/// answers at once.
pub fn proxy_delay_zero(index: i32) -> Res {
    let t = NeighTblRepr {
        family: AF_INET,
        attrs: NeighTblAttrs {
            name: Some("arp_cache"),
            parms: Some(NeighTblParms {
                ifindex: Some(index.unsigned_abs()),
                proxy_delay: Some(0),
                ..Default::default()
            }),
            ..Default::default()
        },
    };
    message(RTM_SETNEIGHTBL, REQ_ACK, |m| t.emit(m))
}

/// `RTM_NEWADDR` `ip/prefix_len` on link `index` with `flags` in `IFA_FLAGS` (and their
/// low 8 bits in `ifa_flags`; `IFA_FLAGS`, when present, is what the kernel uses).
/// `replace`: `NLM_F_REPLACE` (fix the flags of an existing address) instead of
/// `NLM_F_EXCL`.
pub fn new_addr(ip: IpAddr, prefix_len: u8, index: u32, flags: IfaFlags, replace: bool) -> Res {
    let mode = if replace {
        NlmFlags::REPLACE
    } else {
        NlmFlags::EXCL
    };
    let a = AddrRepr {
        family: family_of(ip),
        prefix_len,
        flags: u8::try_from(flags.bits() & 0xff).unwrap_or(0),
        scope: RT_SCOPE_UNIVERSE,
        index,
        attrs: AddrAttrs {
            local: Some(ip),
            address: Some(ip),
            flags: Some(flags),
            ..Default::default()
        },
    };
    message(RTM_NEWADDR, REQ_ACK | NlmFlags::CREATE | mode, |m| {
        a.emit(m)
    })
}

/// A route as the wiring wants it or found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteSpec {
    /// Destination; `None` for a default route.
    pub dst: Option<IpAddr>,
    /// IPv6 (else IPv4).
    pub v6: bool,
    /// Prefix length of `dst`.
    pub dst_len: u8,
    /// `RTA_GATEWAY`.
    pub gateway: Option<IpAddr>,
    /// `RTA_OIF`.
    pub oif: u32,
    /// `RT_SCOPE_LINK` (else universe).
    pub scope_link: bool,
    /// `RTA_PRIORITY`, when the route has one that must be named (deletes).
    pub priority: Option<u32>,
    /// Table (`RTA_TABLE`), main unless told.
    pub table: u32,
}

/// `r` as a route request with scope `scope`, protocol boot and type unicast.
fn route_repr(r: &RouteSpec, scope: u8) -> RouteRepr<'static> {
    RouteRepr {
        family: if r.v6 { AF_INET6 } else { AF_INET },
        dst_len: r.dst_len,
        table: u8::try_from(r.table).unwrap_or(0),
        protocol: RTPROT_BOOT,
        scope,
        kind: RTN_UNICAST,
        attrs: RouteAttrs {
            dst: r.dst,
            gateway: r.gateway,
            oif: (r.oif != 0).then_some(r.oif),
            priority: r.priority,
            // Ids above 255 do not fit `rtm_table`.
            table: (r.table > 255).then_some(r.table),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// `RTM_NEWROUTE` `NLM_F_CREATE|NLM_F_REPLACE`: add the route, or replace the route with
/// the same destination and metric (a wrong gateway or device) in one step.
pub fn replace_route(r: &RouteSpec) -> Res {
    message(
        RTM_NEWROUTE,
        REQ_ACK | NlmFlags::CREATE | NlmFlags::REPLACE,
        |m| {
            let scope = if r.scope_link {
                RT_SCOPE_LINK
            } else {
                RT_SCOPE_UNIVERSE
            };
            route_repr(r, scope).emit(m)
        },
    )
}

/// `RTM_DELROUTE` of exactly this route (destination, gateway, device, metric).
pub fn del_route(r: &RouteSpec) -> Res {
    // RT_SCOPE_NOWHERE: match a route of any scope, as iproute2 does for deletes.
    let del = RouteRepr {
        protocol: RTPROT_UNSPEC,
        kind: RTN_UNSPEC,
        ..route_repr(r, RT_SCOPE_NOWHERE)
    };
    message(RTM_DELROUTE, REQ_ACK, |m| del.emit(m))
}

/// `RTM_GETLINK` dump of every link, without statistics.
pub fn dump_links() -> Res {
    let attrs = LinkAttrs {
        ext_mask: Some(RTEXT_FILTER_SKIP_STATS),
        ..Default::default()
    };
    link_msg(
        RTM_GETLINK,
        NlmFlags::REQUEST | NlmFlags::DUMP,
        &link(0, attrs),
    )
}

/// `RTM_NEWLINK` on link `index`: move it into link group `group`.
pub fn set_group(index: i32, group: u32) -> Res {
    let attrs = LinkAttrs {
        group: Some(group),
        ..Default::default()
    };
    link_msg(RTM_NEWLINK, REQ_ACK, &link(index, attrs))
}

/// `RTM_DELLINK` of every link in group `group` (no index, no name): the kernel
/// unregisters them together and waits for one RCU grace period.
pub fn del_group(group: u32) -> Res {
    let attrs = LinkAttrs {
        group: Some(group),
        ..Default::default()
    };
    link_msg(RTM_DELLINK, REQ_ACK, &link(0, attrs))
}

/// `RTM_DELLINK` of link `index` (a veth takes its peer with it).
pub fn del_link(index: i32) -> Res {
    link_msg(RTM_DELLINK, REQ_ACK, &link(index, LinkAttrs::default()))
}

#[cfg(test)]
mod golden;

#[cfg(test)]
mod tests {
    use super::*;
    use netlink_codec::attr::NLA_F_NESTED;
    use netlink_codec::header::Messages;
    use netlink_codec::link::{IfInfoMsg, IFLA_INET_CONF};
    use netlink_codec::repr::InfoData;
    use netlink_codec::route::RT_TABLE_MAIN;
    use netlink_codec::value::Value;
    use std::net::Ipv4Addr;

    #[test]
    fn link_change_labels_name_what_is_sent() {
        let c = LinkChange {
            addr_gen_mode_none: true,
            ipv4_conf: true,
            alias: Some("vethctl:x".into()),
            ..Default::default()
        };
        assert_eq!(
            c.describe(),
            "addr_gen_mode none, proxy_arp, forwarding, alias \"vethctl:x\""
        );
        let c = LinkChange {
            name: Some("eth0".into()),
            mtu: Some(9000),
            up: Some(false),
            ..Default::default()
        };
        assert_eq!(c.describe(), "rename to eth0, mtu 9000, down");
        assert_eq!(LinkChange::default().describe(), "");
    }

    fn one(buf: &[u8]) -> netlink_codec::header::NlMsg<'_> {
        let mut it = Messages::new(buf);
        let m = it.next().unwrap().unwrap();
        assert!(it.next().is_none(), "exactly one message");
        assert_eq!(m.pid(), 0);
        assert_eq!(m.seq(), 0);
        assert!(m.pad().iter().all(|&b| b == 0));
        m
    }

    #[test]
    fn create_veth_puts_the_peer_in_the_pod() {
        let buf = create_veth("vethabc", "eth0", 1400, 7).unwrap();
        let m = one(&buf);
        assert_eq!(m.msg_type(), RTM_NEWLINK);
        assert_eq!(
            m.flags(),
            NlmFlags::REQUEST | NlmFlags::ACK | NlmFlags::CREATE | NlmFlags::EXCL
        );
        let host = LinkRepr::parse(&m).unwrap();
        assert_eq!(host.attrs.ifname, Some("vethabc"));
        assert_eq!(host.attrs.mtu, Some(1400));
        let info = host.attrs.linkinfo.unwrap();
        assert_eq!(info.kind, Some("veth"));
        let Some(InfoData::Veth(veth)) = info.data else {
            panic!("no veth data: {info:?}");
        };
        let peer = veth.peer.unwrap().parse().unwrap();
        assert_eq!(peer.header(), IfInfoMsg::default());
        assert_eq!(peer.attrs.ifname, Some("eth0"));
        assert_eq!(peer.attrs.net_ns_fd, Some(7));
        assert_eq!(peer.attrs.mtu, Some(1400));
        // Never an IFLA_AF_SPEC in the create: the kernel refuses it there.
        assert!(host.attrs.af_spec.is_none() && peer.attrs.af_spec.is_none());
    }

    #[test]
    fn set_link_af_spec_and_flags() {
        let c = LinkChange {
            addr_gen_mode_none: true,
            ipv4_conf: true,
            up: Some(true),
            ..Default::default()
        };
        let buf = set_link(12, &c).unwrap();
        let m = one(&buf);
        assert_eq!(m.flags(), NlmFlags::REQUEST | NlmFlags::ACK);
        let l = LinkRepr::parse(&m).unwrap();
        assert_eq!((l.index, l.flags, l.change), (12, Iff::UP, Iff::UP));
        let spec = l.attrs.af_spec.unwrap();
        // Sent without NLA_F_NESTED, as iproute2 does: the repr reads it back as a
        // dumped array, so read the nest with the codec's schema.
        let conf = spec.inet.unwrap().original.attrs().find(IFLA_INET_CONF);
        let conf = conf.unwrap().unwrap();
        assert_eq!(conf.type_flags() & NLA_F_NESTED, 0);
        let kv: Vec<(u16, u32)> = conf
            .nested()
            .map(|a| a.map(|a| (a.kind(), a.u32().unwrap())))
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(kv, IPV4_CONF);
        assert_eq!(
            spec.inet6.unwrap().addr_gen_mode,
            Some(IN6_ADDR_GEN_MODE_NONE)
        );
        // The codec's schema reads the nested IFLA_INET_CONF as nested, not as an array.
        let v = Value::read(
            &conf,
            netlink_codec::link::INET.get(IFLA_INET_CONF).unwrap().shape,
            None,
        )
        .unwrap();
        assert!(matches!(v, Value::Nested(..)), "{v:?}");

        let down = set_link(
            3,
            &LinkChange {
                up: Some(false),
                name: Some("eth0".into()),
                ..Default::default()
            },
        )
        .unwrap();
        let l = LinkRepr::parse(&one(&down)).unwrap();
        assert_eq!((l.flags, l.change), (Iff::empty(), Iff::UP));
        assert_eq!(l.attrs.ifname, Some("eth0"));
        assert!(l.attrs.af_spec.is_none());
    }

    #[test]
    fn proxy_delay_request() {
        let buf = proxy_delay_zero(9).unwrap();
        let m = one(&buf);
        assert_eq!(m.msg_type(), RTM_SETNEIGHTBL);
        let t = NeighTblRepr::parse(&m).unwrap();
        assert_eq!(t.family, AF_INET);
        assert_eq!(t.attrs.name, Some("arp_cache"));
        let parms = t.attrs.parms.unwrap();
        assert_eq!((parms.ifindex, parms.proxy_delay), (Some(9), Some(0)));
    }

    #[test]
    fn addresses_are_nodad() {
        let ip: IpAddr = "fd00::5".parse::<Ipv6Addr>().unwrap().into();
        for replace in [false, true] {
            let buf = new_addr(ip, 128, 4, IfaFlags::NODAD, replace).unwrap();
            let m = one(&buf);
            let mode = if replace {
                NlmFlags::REPLACE
            } else {
                NlmFlags::EXCL
            };
            assert_eq!(
                m.flags(),
                NlmFlags::REQUEST | NlmFlags::ACK | NlmFlags::CREATE | mode
            );
            let a = AddrRepr::parse(&m).unwrap();
            assert_eq!(
                (a.family, a.prefix_len, a.flags, a.index),
                (AF_INET6, 128, 2, 4)
            );
            assert_eq!(a.attrs.flags, Some(IfaFlags::NODAD));
            assert_eq!((a.attrs.local, a.attrs.address), (Some(ip), Some(ip)));
        }
    }

    #[test]
    fn flags_above_8_bits_go_in_ifa_flags() {
        let ip: IpAddr = "fe80::1".parse::<Ipv6Addr>().unwrap().into();
        let flags = IfaFlags::NODAD | IfaFlags::NOPREFIXROUTE;
        let buf = new_addr(ip, 64, 4, flags, true).unwrap();
        let a = AddrRepr::parse(&one(&buf)).unwrap();
        // ifa_flags is 8 bits: it carries NODAD only; IFA_FLAGS carries all of them.
        assert_eq!(a.flags, IfaFlags::NODAD.bits() as u8);
        assert_eq!(a.attrs.flags, Some(flags));
    }

    #[test]
    fn routes() {
        let gw: IpAddr = Ipv4Addr::new(169, 254, 1, 1).into();
        let r = RouteSpec {
            dst: None,
            v6: false,
            dst_len: 0,
            gateway: Some(gw),
            oif: 5,
            scope_link: false,
            priority: None,
            table: 254,
        };
        let buf = replace_route(&r).unwrap();
        let m = one(&buf);
        assert_eq!(
            m.flags(),
            NlmFlags::REQUEST | NlmFlags::ACK | NlmFlags::CREATE | NlmFlags::REPLACE
        );
        let h = RouteRepr::parse(&m).unwrap();
        assert_eq!(
            (h.family, h.dst_len, h.table, h.scope, h.kind),
            (AF_INET, 0, RT_TABLE_MAIN, RT_SCOPE_UNIVERSE, RTN_UNICAST)
        );
        assert_eq!(h.attrs.dst, None);
        assert_eq!(h.attrs.gateway, Some(gw));
        assert_eq!(h.attrs.oif, Some(5));

        let ip: IpAddr = Ipv4Addr::new(10, 1, 2, 3).into();
        let buf = route_lookup(ip).unwrap();
        let m = one(&buf);
        let h = RouteRepr::parse(&m).unwrap();
        assert_eq!((h.dst_len, h.flags), (32, RtmFlags::FIB_MATCH.bits()));
        assert!(m.flags().contains(NlmFlags::ACK));

        // The lookup of a link-local address names the link.
        let gw6: IpAddr = "fe80::1".parse().unwrap();
        let buf = route_lookup_dev(gw6, 7).unwrap();
        let h = RouteRepr::parse(&one(&buf)).unwrap();
        assert_eq!(
            (h.family, h.dst_len, h.flags),
            (AF_INET6, 128, RtmFlags::FIB_MATCH.bits())
        );
        assert_eq!((h.attrs.dst, h.attrs.oif), (Some(gw6), Some(7)));

        let d = dump_routes(RT_TABLE_MAIN).unwrap();
        let m = one(&d);
        assert!(m.flags().contains(NlmFlags::DUMP));
        assert!(!m.flags().contains(NlmFlags::ACK));
    }
}
