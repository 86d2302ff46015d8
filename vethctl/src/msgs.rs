//! The requests the wiring sends, built with the codec's [`MessageBuilder`]. Each builder
//! returns one complete message with `nlmsg_seq` 0 (the socket numbers them when sent).
//!
//! Nests are written without `NLA_F_NESTED`, as iproute2 writes them: rtnetlink parses
//! these attributes with the non-strict nested parser.

use std::net::{IpAddr, Ipv6Addr};

use netlink_codec::addr::{IfAddrMsg, IfaFlags, IFA_ADDRESS, IFA_FLAGS, IFA_LOCAL};
use netlink_codec::af::{AF_INET, AF_INET6, AF_UNSPEC};
use netlink_codec::attr::{EmitBuf, Emitter};
use netlink_codec::build::MessageBuilder;
use netlink_codec::header::{
    NlmFlags, RTM_DELLINK, RTM_DELROUTE, RTM_GETADDR, RTM_GETLINK, RTM_GETNSID, RTM_GETROUTE,
    RTM_NEWADDR, RTM_NEWLINK, RTM_NEWROUTE, RTM_SETNEIGHTBL,
};
use netlink_codec::link::{
    IfInfoMsg, Iff, IFLA_AF_SPEC, IFLA_EXT_MASK, IFLA_GROUP, IFLA_IFALIAS, IFLA_IFNAME,
    IFLA_INET6_ADDR_GEN_MODE, IFLA_INET_CONF, IFLA_INFO_DATA, IFLA_INFO_KIND, IFLA_LINKINFO,
    IFLA_MTU, IFLA_NET_NS_FD, IFLA_TARGET_NETNSID, IN6_ADDR_GEN_MODE_NONE, IPV4_DEVCONF_FORWARDING,
    IPV4_DEVCONF_PROXY_ARP, RTEXT_FILTER_SKIP_STATS, VETH_INFO_PEER,
};
use netlink_codec::neigh::{NdtMsg, NDTA_NAME, NDTA_PARMS, NDTPA_IFINDEX, NDTPA_PROXY_DELAY};
use netlink_codec::nsid::{RtGenMsg, NETNSA_PID};
use netlink_codec::route::{
    RtMsg, RtmFlags, RTA_DST, RTA_GATEWAY, RTA_OIF, RTA_PRIORITY, RTA_TABLE, RTN_UNICAST,
    RTPROT_BOOT, RT_SCOPE_LINK, RT_SCOPE_UNIVERSE,
};
use netlink_codec::EncodeError;
use zerocopy::IntoBytes;

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

/// `RTM_NEWLINK` `NLM_F_CREATE|NLM_F_EXCL`: veth `host` (MTU `mtu`) whose peer is born
/// as `peer` inside the namespace `netns_fd` (`IFLA_NET_NS_FD` inside `VETH_INFO_PEER`).
pub fn create_veth(host: &str, peer: &str, mtu: u32, netns_fd: u32) -> Res {
    message(
        RTM_NEWLINK,
        REQ_ACK | NlmFlags::CREATE | NlmFlags::EXCL,
        |m| {
            m.family_header(&IfInfoMsg::default())?;
            let a = m.attrs();
            a.str(IFLA_IFNAME, host)?;
            a.u32(IFLA_MTU, mtu)?;
            let info = a.nest_start(IFLA_LINKINFO)?;
            a.str(IFLA_INFO_KIND, "veth")?;
            let data = a.nest_start(IFLA_INFO_DATA)?;
            let p = a.nest_start(VETH_INFO_PEER)?;
            a.buf().put(IfInfoMsg::default().as_bytes())?;
            a.str(IFLA_IFNAME, peer)?;
            a.u32(IFLA_MTU, mtu)?;
            a.u32(IFLA_NET_NS_FD, netns_fd)?;
            a.nest_end(p)?;
            a.nest_end(data)?;
            a.nest_end(info)
        },
    )
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
    message(RTM_GETLINK, REQ_ACK, |m| {
        m.family_header(&IfInfoMsg {
            ifi_index: index.into(),
            ..Default::default()
        })?;
        let a = m.attrs();
        a.u32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS)?;
        if let Some(n) = name {
            a.str(IFLA_IFNAME, n)?;
        }
        if let Some(id) = target_nsid {
            a.i32(IFLA_TARGET_NETNSID, id)?;
        }
        Ok(())
    })
}

/// `RTM_GETNSID` with `NETNSA_PID`: the id this namespace gives the network namespace of
/// task `tid` (a thread id works: the kernel looks the task up by id).
pub fn get_nsid_of_task(tid: u32) -> Res {
    message(RTM_GETNSID, REQ_ACK, |m| {
        m.family_header(&RtGenMsg {
            rtgen_family: AF_UNSPEC,
        })?;
        m.attrs().u32(NETNSA_PID, tid)
    })
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
    message(RTM_GETROUTE, REQ_ACK, |m| {
        m.family_header(&RtMsg {
            rtm_family: family_of(ip),
            rtm_dst_len: full_len(ip),
            rtm_flags: RtmFlags::FIB_MATCH.bits().into(),
            ..Default::default()
        })?;
        let a = m.attrs();
        a.ip(RTA_DST, ip)?;
        match oif {
            Some(i) => a.u32(RTA_OIF, i),
            None => Ok(()),
        }
    })
}

/// `RTM_GETADDR` dump of `family` (`AF_UNSPEC`: both) filtered by interface (strict
/// checking makes the kernel honour `ifa_index`).
pub fn dump_addrs(family: u8, index: u32) -> Res {
    message(RTM_GETADDR, NlmFlags::REQUEST | NlmFlags::DUMP, |m| {
        m.family_header(&IfAddrMsg {
            ifa_family: family,
            ifa_index: index.into(),
            ..Default::default()
        })
    })
}

/// `RTM_GETROUTE` dump of both families, of one table (`RT_TABLE_UNSPEC`: all tables).
pub fn dump_routes(table: u8) -> Res {
    message(RTM_GETROUTE, NlmFlags::REQUEST | NlmFlags::DUMP, |m| {
        m.family_header(&RtMsg {
            rtm_family: AF_UNSPEC,
            rtm_table: table,
            ..Default::default()
        })
    })
}

/// `RTM_GETADDR` of one IPv6 address on link `index` (not a dump: the kernel answers
/// with the address, flags included, or EADDRNOTAVAIL). IPv4 has no such request.
pub fn get_addr6(ip: Ipv6Addr, index: u32) -> Res {
    message(RTM_GETADDR, REQ_ACK, |m| {
        m.family_header(&IfAddrMsg {
            ifa_family: AF_INET6,
            ifa_index: index.into(),
            ..Default::default()
        })?;
        m.attrs().ip(IFA_ADDRESS, IpAddr::V6(ip))
    })
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

/// `RTM_NEWLINK` (no `NLM_F_CREATE`) on the existing link `index`.
pub fn set_link(index: i32, c: &LinkChange) -> Res {
    message(RTM_NEWLINK, REQ_ACK, |m| {
        let (flags, change) = match c.up {
            Some(true) => (Iff::UP.bits(), Iff::UP.bits()),
            Some(false) => (0, Iff::UP.bits()),
            None => (0, 0),
        };
        m.family_header(&IfInfoMsg {
            ifi_index: index.into(),
            ifi_flags: flags.into(),
            ifi_change: change.into(),
            ..Default::default()
        })?;
        let a = m.attrs();
        if let Some(n) = &c.name {
            a.str(IFLA_IFNAME, n)?;
        }
        if let Some(mtu) = c.mtu {
            a.u32(IFLA_MTU, mtu)?;
        }
        if let Some(alias) = &c.alias {
            a.str(IFLA_IFALIAS, alias)?;
        }
        if c.addr_gen_mode_none || c.ipv4_conf {
            let spec = a.nest_start(IFLA_AF_SPEC)?;
            if c.ipv4_conf {
                let inet = a.nest_start(u16::from(AF_INET))?;
                let conf = a.nest_start(IFLA_INET_CONF)?;
                a.u32(IPV4_DEVCONF_FORWARDING, 1)?;
                a.u32(IPV4_DEVCONF_PROXY_ARP, 1)?;
                a.nest_end(conf)?;
                a.nest_end(inet)?;
            }
            if c.addr_gen_mode_none {
                let inet6 = a.nest_start(u16::from(AF_INET6))?;
                a.u8(IFLA_INET6_ADDR_GEN_MODE, IN6_ADDR_GEN_MODE_NONE)?;
                a.nest_end(inet6)?;
            }
            a.nest_end(spec)?;
        }
        Ok(())
    })
}

/// `RTM_SETNEIGHTBL` on `arp_cache`: `proxy_delay` 0 for the link `index`, so proxy ARP
/// answers at once.
pub fn proxy_delay_zero(index: i32) -> Res {
    message(RTM_SETNEIGHTBL, REQ_ACK, |m| {
        m.family_header(&NdtMsg {
            ndtm_family: AF_INET,
            ..Default::default()
        })?;
        let a = m.attrs();
        a.str(NDTA_NAME, "arp_cache")?;
        let parms = a.nest_start(NDTA_PARMS)?;
        a.u32(NDTPA_IFINDEX, index.unsigned_abs())?;
        a.u64(NDTPA_PROXY_DELAY, 0)?;
        a.nest_end(parms)
    })
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
    message(RTM_NEWADDR, REQ_ACK | NlmFlags::CREATE | mode, |m| {
        let bits = flags.bits();
        m.family_header(&IfAddrMsg {
            ifa_family: family_of(ip),
            ifa_prefixlen: prefix_len,
            ifa_flags: u8::try_from(bits & 0xff).unwrap_or(0),
            ifa_scope: RT_SCOPE_UNIVERSE,
            ifa_index: index.into(),
        })?;
        let a = m.attrs();
        a.ip(IFA_LOCAL, ip)?;
        a.ip(IFA_ADDRESS, ip)?;
        a.u32(IFA_FLAGS, bits)
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

fn emit_route<B: EmitBuf + ?Sized>(
    a: &mut Emitter<'_, B>,
    r: &RouteSpec,
) -> Result<(), EncodeError> {
    if let Some(d) = r.dst {
        a.ip(RTA_DST, d)?;
    }
    if let Some(g) = r.gateway {
        a.ip(RTA_GATEWAY, g)?;
    }
    if r.oif != 0 {
        a.u32(RTA_OIF, r.oif)?;
    }
    if let Some(p) = r.priority {
        a.u32(RTA_PRIORITY, p)?;
    }
    if r.table > 255 {
        a.u32(RTA_TABLE, r.table)?;
    }
    Ok(())
}

fn route_header(r: &RouteSpec, scope: u8) -> RtMsg {
    RtMsg {
        rtm_family: if r.v6 { AF_INET6 } else { AF_INET },
        rtm_dst_len: r.dst_len,
        rtm_table: u8::try_from(r.table).unwrap_or(0),
        rtm_protocol: RTPROT_BOOT,
        rtm_scope: scope,
        rtm_type: RTN_UNICAST,
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
            m.family_header(&route_header(r, scope))?;
            emit_route(m.attrs(), r)
        },
    )
}

/// `RTM_DELROUTE` of exactly this route (destination, gateway, device, metric).
pub fn del_route(r: &RouteSpec) -> Res {
    message(RTM_DELROUTE, REQ_ACK, |m| {
        // RT_SCOPE_NOWHERE: match a route of any scope, as iproute2 does for deletes.
        let mut h = route_header(r, 255);
        h.rtm_protocol = 0;
        h.rtm_type = 0;
        m.family_header(&h)?;
        emit_route(m.attrs(), r)
    })
}

/// `RTM_GETLINK` dump of every link, without statistics.
pub fn dump_links() -> Res {
    message(RTM_GETLINK, NlmFlags::REQUEST.union(NlmFlags::DUMP), |m| {
        m.family_header(&IfInfoMsg::default())?;
        m.attrs().u32(IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS)
    })
}

/// `RTM_NEWLINK` on link `index`: move it into link group `group`.
pub fn set_group(index: i32, group: u32) -> Res {
    message(RTM_NEWLINK, REQ_ACK, |m| {
        m.family_header(&IfInfoMsg {
            ifi_index: index.into(),
            ..Default::default()
        })?;
        m.attrs().u32(IFLA_GROUP, group)
    })
}

/// `RTM_DELLINK` of every link in group `group` (no index, no name): the kernel
/// unregisters them together and waits for one RCU grace period.
pub fn del_group(group: u32) -> Res {
    message(RTM_DELLINK, REQ_ACK, |m| {
        m.family_header(&IfInfoMsg::default())?;
        m.attrs().u32(IFLA_GROUP, group)
    })
}

/// `RTM_DELLINK` of link `index` (a veth takes its peer with it).
pub fn del_link(index: i32) -> Res {
    message(RTM_DELLINK, REQ_ACK, |m| {
        m.family_header(&IfInfoMsg {
            ifi_index: index.into(),
            ..Default::default()
        })
    })
}

#[cfg(test)]
mod golden;

#[cfg(test)]
mod tests {
    use super::*;
    use netlink_codec::attr::Attrs;
    use netlink_codec::header::Messages;
    use netlink_codec::neigh::NEIGHTBL;
    use netlink_codec::route::RT_TABLE_MAIN;
    use netlink_codec::schema::Value;
    use std::net::Ipv4Addr;
    use zerocopy::FromBytes;

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

    fn attrs_after<'a>(m: &netlink_codec::header::NlMsg<'a>, hdr: usize) -> Attrs<'a> {
        m.attrs_after(hdr)
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
        let top = attrs_after(&m, IfInfoMsg::LEN);
        assert_eq!(
            top.clone().find(IFLA_IFNAME).unwrap().unwrap().str(),
            Ok("vethabc")
        );
        assert_eq!(top.clone().find(IFLA_MTU).unwrap().unwrap().u32(), Ok(1400));
        let info = top.find(IFLA_LINKINFO).unwrap().unwrap();
        assert_eq!(
            info.nested().find(IFLA_INFO_KIND).unwrap().unwrap().str(),
            Ok("veth")
        );
        let data = info.nested().find(IFLA_INFO_DATA).unwrap().unwrap();
        let peer = data.nested().find(VETH_INFO_PEER).unwrap().unwrap();
        let (hdr, _) = IfInfoMsg::ref_from_prefix(peer.payload()).unwrap();
        assert_eq!(*hdr, IfInfoMsg::default());
        let peer_attrs = Attrs::new(&peer.payload()[16..], peer.payload_offset() + 16);
        assert_eq!(
            peer_attrs.clone().find(IFLA_IFNAME).unwrap().unwrap().str(),
            Ok("eth0")
        );
        assert_eq!(
            peer_attrs
                .clone()
                .find(IFLA_NET_NS_FD)
                .unwrap()
                .unwrap()
                .u32(),
            Ok(7)
        );
        assert_eq!(peer_attrs.find(IFLA_MTU).unwrap().unwrap().u32(), Ok(1400));
        // Never an IFLA_AF_SPEC in the create: the kernel refuses it there.
        assert!(attrs_after(&m, 16).find(IFLA_AF_SPEC).unwrap().is_none());
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
        let (h, _) = IfInfoMsg::ref_from_prefix(m.payload()).unwrap();
        assert_eq!(h.ifi_index.get(), 12);
        assert_eq!(h.ifi_flags.get(), 1);
        assert_eq!(h.ifi_change.get(), 1);
        let spec = attrs_after(&m, 16).find(IFLA_AF_SPEC).unwrap().unwrap();
        let inet = spec.nested().find(u16::from(AF_INET)).unwrap().unwrap();
        let conf = inet.nested().find(IFLA_INET_CONF).unwrap().unwrap();
        let kv: Vec<(u16, u32)> = conf
            .nested()
            .map(|a| a.map(|a| (a.kind(), a.u32().unwrap())))
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            kv,
            [(IPV4_DEVCONF_FORWARDING, 1), (IPV4_DEVCONF_PROXY_ARP, 1)]
        );
        let inet6 = spec.nested().find(u16::from(AF_INET6)).unwrap().unwrap();
        assert_eq!(
            inet6
                .nested()
                .find(IFLA_INET6_ADDR_GEN_MODE)
                .unwrap()
                .unwrap()
                .u8(),
            Ok(IN6_ADDR_GEN_MODE_NONE)
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
        let m = one(&down);
        let (h, _) = IfInfoMsg::ref_from_prefix(m.payload()).unwrap();
        assert_eq!((h.ifi_flags.get(), h.ifi_change.get()), (0, 1));
        assert!(attrs_after(&m, 16).find(IFLA_AF_SPEC).unwrap().is_none());
    }

    #[test]
    fn proxy_delay_request() {
        let buf = proxy_delay_zero(9).unwrap();
        let m = one(&buf);
        assert_eq!(m.msg_type(), RTM_SETNEIGHTBL);
        let (h, _) = NdtMsg::ref_from_prefix(m.payload()).unwrap();
        assert_eq!(h.ndtm_family, AF_INET);
        let a = attrs_after(&m, 4);
        assert_eq!(
            a.clone().find(NDTA_NAME).unwrap().unwrap().str(),
            Ok("arp_cache")
        );
        let parms = a.find(NDTA_PARMS).unwrap().unwrap();
        assert_eq!(
            parms.nested().find(NDTPA_IFINDEX).unwrap().unwrap().u32(),
            Ok(9)
        );
        assert_eq!(
            parms
                .nested()
                .find(NDTPA_PROXY_DELAY)
                .unwrap()
                .unwrap()
                .u64(),
            Ok(0)
        );
        assert_eq!(NEIGHTBL.name_of(NDTA_PARMS), Some("NDTA_PARMS"));
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
            let (h, _) = IfAddrMsg::ref_from_prefix(m.payload()).unwrap();
            assert_eq!(
                (
                    h.ifa_family,
                    h.ifa_prefixlen,
                    h.ifa_flags,
                    h.ifa_index.get()
                ),
                (AF_INET6, 128, 2, 4)
            );
            let a = attrs_after(&m, 8);
            assert_eq!(a.clone().find(IFA_FLAGS).unwrap().unwrap().u32(), Ok(2));
            assert_eq!(a.clone().find(IFA_LOCAL).unwrap().unwrap().ip(), Ok(ip));
            assert_eq!(a.find(IFA_ADDRESS).unwrap().unwrap().ip(), Ok(ip));
        }
    }

    #[test]
    fn flags_above_8_bits_go_in_ifa_flags() {
        let ip: IpAddr = "fe80::1".parse::<Ipv6Addr>().unwrap().into();
        let flags = IfaFlags::NODAD | IfaFlags::NOPREFIXROUTE;
        let buf = new_addr(ip, 64, 4, flags, true).unwrap();
        let m = one(&buf);
        let (h, _) = IfAddrMsg::ref_from_prefix(m.payload()).unwrap();
        // ifa_flags is 8 bits: it carries NODAD only; IFA_FLAGS carries all of them.
        assert_eq!(h.ifa_flags, 0x02);
        let a = attrs_after(&m, 8);
        assert_eq!(a.find(IFA_FLAGS).unwrap().unwrap().u32(), Ok(0x202));
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
        let (h, _) = RtMsg::ref_from_prefix(m.payload()).unwrap();
        assert_eq!(
            (
                h.rtm_family,
                h.rtm_dst_len,
                h.rtm_table,
                h.rtm_scope,
                h.rtm_type
            ),
            (AF_INET, 0, RT_TABLE_MAIN, RT_SCOPE_UNIVERSE, RTN_UNICAST)
        );
        let a = attrs_after(&m, 12);
        assert!(a.clone().find(RTA_DST).unwrap().is_none());
        assert_eq!(a.clone().find(RTA_GATEWAY).unwrap().unwrap().ip(), Ok(gw));
        assert_eq!(a.find(RTA_OIF).unwrap().unwrap().u32(), Ok(5));

        let ip: IpAddr = Ipv4Addr::new(10, 1, 2, 3).into();
        let buf = route_lookup(ip).unwrap();
        let m = one(&buf);
        let (h, _) = RtMsg::ref_from_prefix(m.payload()).unwrap();
        assert_eq!(
            (h.rtm_dst_len, h.rtm_flags.get()),
            (32, RtmFlags::FIB_MATCH.bits())
        );
        assert!(m.flags().contains(NlmFlags::ACK));

        // The lookup of a link-local address names the link.
        let gw6: IpAddr = "fe80::1".parse().unwrap();
        let buf = route_lookup_dev(gw6, 7).unwrap();
        let m = one(&buf);
        let (h, _) = RtMsg::ref_from_prefix(m.payload()).unwrap();
        assert_eq!(
            (h.rtm_family, h.rtm_dst_len, h.rtm_flags.get()),
            (AF_INET6, 128, RtmFlags::FIB_MATCH.bits())
        );
        let a = attrs_after(&m, 12);
        assert_eq!(a.clone().find(RTA_DST).unwrap().unwrap().ip(), Ok(gw6));
        assert_eq!(a.find(RTA_OIF).unwrap().unwrap().u32(), Ok(7));

        let d = dump_routes(RT_TABLE_MAIN).unwrap();
        let m = one(&d);
        assert!(m.flags().contains(NlmFlags::DUMP));
        assert!(!m.flags().contains(NlmFlags::ACK));
    }
}
