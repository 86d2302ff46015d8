//! The requests of one dual-stack pod setup (docs/design.md, "The desired state"), as vethctl
//! sends them: 7 on the host's socket, 7 on the pod's. Built three times: with the codec's
//! builders ([`encode_plan`]), as its typed representations ([`repr_plan`]) and as
//! netlink-packet-route message structs ([`npr_plan`]), so the encoders write the same
//! messages.
//!
//! | # | socket | request |
//! |---|--------|---------|
//! | 1 | host | `RTM_NEWLINK` create veth `HOST_IFACE`, peer `IFNAME` born in the pod netns (`IFLA_NET_NS_FD`) |
//! | 2 | host | `RTM_NEWLINK` `IFLA_AF_SPEC`: `AF_INET` forwarding=1 proxy_arp=1, `AF_INET6` addr_gen_mode none |
//! | 3 | host | `RTM_SETNEIGHTBL` `arp_cache`, `NDTPA_IFINDEX`, `NDTPA_PROXY_DELAY` 0 |
//! | 4 | host | `RTM_NEWADDR` `fe80::1/64` nodad |
//! | 5 | host | `RTM_NEWLINK` up |
//! | 6 | host | `RTM_NEWROUTE` `IP6/128 dev HOST_IFACE scope link` |
//! | 7 | host | `RTM_NEWROUTE` `IP4/32 dev HOST_IFACE scope link` |
//! | 8 | pod | `RTM_NEWLINK` `AF_INET6` addr_gen_mode none |
//! | 9 | pod | `RTM_NEWLINK` up |
//! | 10 | pod | `RTM_NEWADDR` `IP6/128` nodad |
//! | 11 | pod | `RTM_NEWADDR` `IP4/32` |
//! | 12 | pod | `RTM_NEWROUTE` `169.254.1.1/32 dev IFNAME scope link` |
//! | 13 | pod | `RTM_NEWROUTE` `default via 169.254.1.1 dev IFNAME` |
//! | 14 | pod | `RTM_NEWROUTE` `default via fe80::1 dev IFNAME` |

// netlink-packet-route's structs are `#[non_exhaustive]`: they can only be built from
// `Default` and then assigned field by field.
#![allow(clippy::field_reassign_with_default)]

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use netlink_codec::addr::{IfAddrMsg, IfaFlags, IFA_ADDRESS, IFA_FLAGS, IFA_LOCAL};
use netlink_codec::af::{AF_INET, AF_INET6, AF_UNSPEC};
use netlink_codec::attr::{EmitBuf, NLA_F_NESTED};
use netlink_codec::build::MessageBuilder;
use netlink_codec::error::EncodeError;
use netlink_codec::header::{NlmFlags, RTM_NEWADDR, RTM_NEWLINK, RTM_NEWROUTE, RTM_SETNEIGHTBL};
use netlink_codec::link::{
    IfInfoMsg, Iff, IFLA_AF_SPEC, IFLA_AF_SPEC_INET, IFLA_AF_SPEC_INET6, IFLA_IFNAME,
    IFLA_INET6_ADDR_GEN_MODE, IFLA_INET_CONF, IFLA_INFO_DATA, IFLA_INFO_KIND, IFLA_LINKINFO,
    IFLA_MTU, IFLA_NET_NS_FD, IN6_ADDR_GEN_MODE_NONE, IPV4_DEVCONF_FORWARDING,
    IPV4_DEVCONF_PROXY_ARP, VETH_INFO_PEER,
};
use netlink_codec::neigh::{NdtMsg, NDTA_NAME, NDTA_PARMS, NDTPA_IFINDEX, NDTPA_PROXY_DELAY};
use netlink_codec::repr::{
    AddrAttrs, AddrRepr, AfSpec, Inet6Spec, InetConf, InetSpec, LinkAttrs,
    LinkInfo as ReprLinkInfo, LinkRepr, NeighTblAttrs, NeighTblParms, NeighTblRepr, RouteAttrs,
    RouteRepr, VethPeer,
};
use netlink_codec::route::{
    RtMsg, RTA_DST, RTA_GATEWAY, RTA_OIF, RTN_UNICAST, RTPROT_BOOT, RT_SCOPE_LINK,
    RT_SCOPE_UNIVERSE, RT_TABLE_MAIN,
};

use netlink_packet_core::{
    NetlinkHeader, NetlinkMessage, NetlinkPayload, NLM_F_ACK, NLM_F_CREATE, NLM_F_EXCL,
    NLM_F_REPLACE, NLM_F_REQUEST,
};
use netlink_packet_route::address::{
    AddressAttribute, AddressFlags, AddressHeader, AddressMessage, AddressScope,
};
use netlink_packet_route::link::{
    AfSpecInet, AfSpecInet6, AfSpecUnspec, In6AddrGenMode, InetDevConf, InfoData, InfoKind,
    InfoVeth, LinkAttribute, LinkFlags, LinkHeader, LinkInfo, LinkMessage,
};
use netlink_packet_route::neighbour_table::{
    NeighbourTableAttribute, NeighbourTableHeader, NeighbourTableMessage, NeighbourTableParameter,
};
use netlink_packet_route::route::{
    RouteAddress, RouteAttribute, RouteHeader, RouteMessage, RouteProtocol, RouteScope, RouteType,
};
use netlink_packet_route::{AddressFamily, RouteNetlinkMessage};

/// One pod's parameters. Interface indexes and the netns fd are what vethctl would know
/// after the create's ACK and after opening the netns path.
pub(crate) struct Pod {
    pub(crate) host_iface: &'static str,
    pub(crate) ifname: &'static str,
    pub(crate) netns_fd: u32,
    pub(crate) host_index: u32,
    pub(crate) peer_index: u32,
    pub(crate) mtu: u32,
    pub(crate) ip4: Ipv4Addr,
    pub(crate) ip6: Ipv6Addr,
}

/// The pod the benchmark encodes.
pub(crate) const POD: Pod = Pod {
    host_iface: "vh7f3a9c2e41d0",
    ifname: "eth0",
    netns_fd: 5,
    host_index: 1021,
    peer_index: 2,
    mtu: 1500,
    ip4: Ipv4Addr::new(10, 99, 1, 7),
    ip6: Ipv6Addr::new(0xfd00, 0x20, 0, 0, 0, 0, 0, 7),
};

const LL_HOST: Ipv6Addr = Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1);
const GW4: Ipv4Addr = Ipv4Addr::new(169, 254, 1, 1);

/// Number of requests in the plan.
pub(crate) const PLAN_LEN: usize = 14;

const REQ_ACK: u16 = NLM_F_REQUEST | NLM_F_ACK;
const CREATE_EXCL: u16 = REQ_ACK | NLM_F_CREATE | NLM_F_EXCL;
const CREATE_REPLACE: u16 = REQ_ACK | NLM_F_CREATE | NLM_F_REPLACE;

fn flags(bits: u16) -> NlmFlags {
    NlmFlags::from_bits_retain(bits)
}

fn link_hdr(index: u32, up: bool) -> IfInfoMsg {
    let f = if up { Iff::UP.bits() } else { 0 };
    IfInfoMsg {
        ifi_family: AF_UNSPEC,
        ifi_index: (index as i32).into(),
        ifi_flags: f.into(),
        ifi_change: f.into(),
        ..Default::default()
    }
}

fn addr_msg<B: EmitBuf + ?Sized>(
    buf: &mut B,
    seq: u32,
    index: u32,
    ip: IpAddr,
    prefix: u8,
    nodad: bool,
) -> Result<(), EncodeError> {
    let mut m = MessageBuilder::new(buf, RTM_NEWADDR, flags(CREATE_EXCL), seq)?;
    let fl = if nodad { IfaFlags::NODAD.bits() } else { 0 };
    m.family_header(&IfAddrMsg {
        ifa_family: if ip.is_ipv4() { AF_INET } else { AF_INET6 },
        ifa_prefixlen: prefix,
        ifa_flags: fl as u8,
        ifa_scope: RT_SCOPE_UNIVERSE,
        ifa_index: index.into(),
    })?;
    let a = m.attrs();
    a.ip(IFA_LOCAL, ip)?;
    a.ip(IFA_ADDRESS, ip)?;
    if nodad {
        a.u32(IFA_FLAGS, fl)?;
    }
    m.finish().map(drop)
}

fn route_msg<B: EmitBuf + ?Sized>(
    buf: &mut B,
    seq: u32,
    oif: u32,
    dst: Option<(IpAddr, u8)>,
    gw: Option<IpAddr>,
) -> Result<(), EncodeError> {
    let v4 = match (dst, gw) {
        (Some((d, _)), _) => d.is_ipv4(),
        (None, Some(g)) => g.is_ipv4(),
        (None, None) => true,
    };
    let mut m = MessageBuilder::new(buf, RTM_NEWROUTE, flags(CREATE_REPLACE), seq)?;
    m.family_header(&RtMsg {
        rtm_family: if v4 { AF_INET } else { AF_INET6 },
        rtm_dst_len: dst.map_or(0, |d| d.1),
        rtm_table: RT_TABLE_MAIN,
        rtm_protocol: RTPROT_BOOT,
        rtm_scope: if gw.is_some() {
            RT_SCOPE_UNIVERSE
        } else {
            RT_SCOPE_LINK
        },
        rtm_type: RTN_UNICAST,
        ..Default::default()
    })?;
    let a = m.attrs();
    if let Some((d, _)) = dst {
        a.ip(RTA_DST, d)?;
    }
    if let Some(g) = gw {
        a.ip(RTA_GATEWAY, g)?;
    }
    a.u32(RTA_OIF, oif)?;
    m.finish().map(drop)
}

/// Encode the 14 requests of `pod`'s setup at the end of `buf` with the codec.
pub(crate) fn encode_plan<B: EmitBuf + ?Sized>(buf: &mut B, pod: &Pod) -> Result<(), EncodeError> {
    // 1. Create the veth pair; the peer is born in the pod's namespace.
    let mut m = MessageBuilder::new(buf, RTM_NEWLINK, flags(CREATE_EXCL), 1)?;
    m.family_header(&link_hdr(0, false))?;
    let a = m.attrs();
    a.str(IFLA_IFNAME, pod.host_iface)?;
    a.u32(IFLA_MTU, pod.mtu)?;
    let info = a.nest_start(IFLA_LINKINFO)?;
    a.str(IFLA_INFO_KIND, "veth")?;
    let data = a.nest_start(IFLA_INFO_DATA)?;
    let peer = a.nest_start(VETH_INFO_PEER)?;
    a.buf()
        .put(zerocopy::IntoBytes::as_bytes(&link_hdr(0, false)))?;
    a.str(IFLA_IFNAME, pod.ifname)?;
    a.u32(IFLA_MTU, pod.mtu)?;
    a.u32(IFLA_NET_NS_FD, pod.netns_fd)?;
    a.nest_end(peer)?;
    a.nest_end(data)?;
    a.nest_end(info)?;
    m.finish()?;

    // 2. Host link: IPv4 forwarding + proxy_arp, IPv6 addr_gen_mode none.
    let mut m = MessageBuilder::new(buf, RTM_NEWLINK, flags(REQ_ACK), 2)?;
    m.family_header(&link_hdr(pod.host_index, false))?;
    let a = m.attrs();
    let spec = a.nest_start(IFLA_AF_SPEC)?;
    let inet = a.nest_start(IFLA_AF_SPEC_INET)?;
    let conf = a.nest_start(IFLA_INET_CONF | NLA_F_NESTED)?;
    a.u32(IPV4_DEVCONF_FORWARDING, 1)?;
    a.u32(IPV4_DEVCONF_PROXY_ARP, 1)?;
    a.nest_end(conf)?;
    a.nest_end(inet)?;
    let inet6 = a.nest_start(IFLA_AF_SPEC_INET6)?;
    a.u8(IFLA_INET6_ADDR_GEN_MODE, IN6_ADDR_GEN_MODE_NONE)?;
    a.nest_end(inet6)?;
    a.nest_end(spec)?;
    m.finish()?;

    // 3. Proxy ARP answers at once.
    let mut m = MessageBuilder::new(buf, RTM_SETNEIGHTBL, flags(REQ_ACK), 3)?;
    m.family_header(&NdtMsg {
        ndtm_family: AF_INET,
        ..Default::default()
    })?;
    let a = m.attrs();
    a.str(NDTA_NAME, "arp_cache")?;
    let parms = a.nest_start(NDTA_PARMS)?;
    a.u32(NDTPA_IFINDEX, pod.host_index)?;
    a.u64(NDTPA_PROXY_DELAY, 0)?;
    a.nest_end(parms)?;
    m.finish()?;

    // 4-7. Host address, up, host routes.
    addr_msg(buf, 4, pod.host_index, LL_HOST.into(), 64, true)?;
    let mut m = MessageBuilder::new(buf, RTM_NEWLINK, flags(REQ_ACK), 5)?;
    m.family_header(&link_hdr(pod.host_index, true))?;
    m.finish()?;
    route_msg(buf, 6, pod.host_index, Some((pod.ip6.into(), 128)), None)?;
    route_msg(buf, 7, pod.host_index, Some((pod.ip4.into(), 32)), None)?;

    // 8-14. Pod side.
    let mut m = MessageBuilder::new(buf, RTM_NEWLINK, flags(REQ_ACK), 8)?;
    m.family_header(&link_hdr(pod.peer_index, false))?;
    let a = m.attrs();
    let spec = a.nest_start(IFLA_AF_SPEC)?;
    let inet6 = a.nest_start(IFLA_AF_SPEC_INET6)?;
    a.u8(IFLA_INET6_ADDR_GEN_MODE, IN6_ADDR_GEN_MODE_NONE)?;
    a.nest_end(inet6)?;
    a.nest_end(spec)?;
    m.finish()?;
    let mut m = MessageBuilder::new(buf, RTM_NEWLINK, flags(REQ_ACK), 9)?;
    m.family_header(&link_hdr(pod.peer_index, true))?;
    m.finish()?;
    addr_msg(buf, 10, pod.peer_index, pod.ip6.into(), 128, true)?;
    addr_msg(buf, 11, pod.peer_index, pod.ip4.into(), 32, false)?;
    route_msg(buf, 12, pod.peer_index, Some((GW4.into(), 32)), None)?;
    route_msg(buf, 13, pod.peer_index, None, Some(GW4.into()))?;
    route_msg(buf, 14, pod.peer_index, None, Some(LL_HOST.into()))?;
    Ok(())
}

// ---- The same 14 requests as typed representations (`netlink_codec::repr`). ----

/// One request of the plan as a typed representation.
pub(crate) enum ReprBody<'a> {
    Link(LinkRepr<'a>),
    Addr(AddrRepr<'a>),
    Route(RouteRepr<'a>),
    NeighTbl(NeighTblRepr<'a>),
}

/// A request: its `nlmsghdr` fields and its body.
pub(crate) struct ReprRequest<'a> {
    msg_type: u16,
    flags: u16,
    seq: u32,
    body: ReprBody<'a>,
}

/// `IFLA_INET_CONF` of request 2: forwarding and proxy_arp on.
static INET_CONF: [(u16, u32); 2] = [(IPV4_DEVCONF_FORWARDING, 1), (IPV4_DEVCONF_PROXY_ARP, 1)];

fn repr_link(index: u32, up: bool, attrs: LinkAttrs<'_>) -> LinkRepr<'_> {
    let f = if up { Iff::UP } else { Iff::empty() };
    LinkRepr {
        family: AF_UNSPEC,
        index: index as i32,
        flags: f,
        change: f,
        attrs,
        ..Default::default()
    }
}

fn repr_addr(seq: u32, index: u32, ip: IpAddr, prefix: u8, nodad: bool) -> ReprRequest<'static> {
    let fl = if nodad {
        IfaFlags::NODAD
    } else {
        IfaFlags::empty()
    };
    let a = AddrRepr {
        family: if ip.is_ipv4() { AF_INET } else { AF_INET6 },
        prefix_len: prefix,
        flags: fl.bits() as u8,
        scope: RT_SCOPE_UNIVERSE,
        index,
        attrs: AddrAttrs {
            local: Some(ip),
            address: Some(ip),
            flags: nodad.then_some(fl),
            ..Default::default()
        },
    };
    request(RTM_NEWADDR, CREATE_EXCL, seq, ReprBody::Addr(a))
}

fn repr_route(
    seq: u32,
    oif: u32,
    dst: Option<(IpAddr, u8)>,
    gw: Option<IpAddr>,
) -> ReprRequest<'static> {
    let v4 = match (dst, gw) {
        (Some((d, _)), _) => d.is_ipv4(),
        (None, Some(g)) => g.is_ipv4(),
        (None, None) => true,
    };
    let r = RouteRepr {
        family: if v4 { AF_INET } else { AF_INET6 },
        dst_len: dst.map_or(0, |d| d.1),
        table: RT_TABLE_MAIN,
        protocol: RTPROT_BOOT,
        scope: if gw.is_some() {
            RT_SCOPE_UNIVERSE
        } else {
            RT_SCOPE_LINK
        },
        kind: RTN_UNICAST,
        attrs: RouteAttrs {
            dst: dst.map(|d| d.0),
            gateway: gw,
            oif: Some(oif),
            ..Default::default()
        },
        ..Default::default()
    };
    request(RTM_NEWROUTE, CREATE_REPLACE, seq, ReprBody::Route(r))
}

fn request(msg_type: u16, flags: u16, seq: u32, body: ReprBody<'_>) -> ReprRequest<'_> {
    ReprRequest {
        msg_type,
        flags,
        seq,
        body,
    }
}

fn link_request<'a>(flags: u16, seq: u32, link: LinkRepr<'a>) -> ReprRequest<'a> {
    request(RTM_NEWLINK, flags, seq, ReprBody::Link(link))
}

fn addr_gen_none() -> AfSpec<'static> {
    AfSpec {
        inet6: Some(Inet6Spec {
            addr_gen_mode: Some(IN6_ADDR_GEN_MODE_NONE),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The veth peer of request 1 (a `VETH_INFO_PEER` borrows its peer).
pub(crate) fn repr_peer(pod: &Pod) -> LinkRepr<'static> {
    repr_link(
        0,
        false,
        LinkAttrs {
            ifname: Some(pod.ifname),
            mtu: Some(pod.mtu),
            net_ns_fd: Some(pod.netns_fd),
            ..Default::default()
        },
    )
}

/// The 14 requests of `pod`'s setup as typed representations.
pub(crate) fn repr_requests<'a>(pod: &Pod, peer: &'a LinkRepr<'a>) -> Vec<ReprRequest<'a>> {
    // 1. Create the veth pair; the peer is born in the pod's namespace.
    let create = LinkAttrs {
        ifname: Some(pod.host_iface),
        mtu: Some(pod.mtu),
        linkinfo: Some(ReprLinkInfo::veth(VethPeer::Repr(peer))),
        ..Default::default()
    };
    // 2. Host link: IPv4 forwarding + proxy_arp, IPv6 addr_gen_mode none.
    let spec = AfSpec {
        inet: Some(InetSpec {
            conf: Some(InetConf::Set(&INET_CONF)),
            ..Default::default()
        }),
        ..addr_gen_none()
    };
    let host_spec = LinkAttrs {
        af_spec: Some(spec),
        ..Default::default()
    };
    // 3. Proxy ARP answers at once.
    let ndt = NeighTblRepr {
        family: AF_INET,
        attrs: NeighTblAttrs {
            name: Some("arp_cache"),
            parms: Some(NeighTblParms {
                ifindex: Some(pod.host_index),
                proxy_delay: Some(0),
                ..Default::default()
            }),
            ..Default::default()
        },
    };
    let peer_spec = LinkAttrs {
        af_spec: Some(addr_gen_none()),
        ..Default::default()
    };
    let (host, pod_idx) = (pod.host_index, pod.peer_index);
    vec![
        link_request(CREATE_EXCL, 1, repr_link(0, false, create)),
        link_request(REQ_ACK, 2, repr_link(host, false, host_spec)),
        request(RTM_SETNEIGHTBL, REQ_ACK, 3, ReprBody::NeighTbl(ndt)),
        // 4-7. Host address, up, host routes.
        repr_addr(4, host, LL_HOST.into(), 64, true),
        link_request(REQ_ACK, 5, repr_link(host, true, LinkAttrs::default())),
        repr_route(6, host, Some((pod.ip6.into(), 128)), None),
        repr_route(7, host, Some((pod.ip4.into(), 32)), None),
        // 8-14. Pod side.
        link_request(REQ_ACK, 8, repr_link(pod_idx, false, peer_spec)),
        link_request(REQ_ACK, 9, repr_link(pod_idx, true, LinkAttrs::default())),
        repr_addr(10, pod_idx, pod.ip6.into(), 128, true),
        repr_addr(11, pod_idx, pod.ip4.into(), 32, false),
        repr_route(12, pod_idx, Some((GW4.into(), 32)), None),
        repr_route(13, pod_idx, None, Some(GW4.into())),
        repr_route(14, pod_idx, None, Some(LL_HOST.into())),
    ]
}

/// Emit `reqs` at the end of `buf`: what the `Repr emit` benchmark times (the values are
/// built once outside the loop, as netlink-packet-route's messages are).
pub(crate) fn repr_emit<B: EmitBuf + ?Sized>(
    buf: &mut B,
    reqs: &[ReprRequest<'_>],
) -> Result<(), EncodeError> {
    for r in reqs {
        let mut m = MessageBuilder::new(buf, r.msg_type, flags(r.flags), r.seq)?;
        match &r.body {
            ReprBody::Link(x) => x.emit(&mut m)?,
            ReprBody::Addr(x) => x.emit(&mut m)?,
            ReprBody::Route(x) => x.emit(&mut m)?,
            ReprBody::NeighTbl(x) => x.emit(&mut m)?,
        }
        m.finish()?;
    }
    Ok(())
}

/// Build the 14 requests of `pod`'s setup as reprs and emit them at the end of `buf`.
pub(crate) fn repr_plan<B: EmitBuf + ?Sized>(buf: &mut B, pod: &Pod) -> Result<(), EncodeError> {
    let peer = repr_peer(pod);
    repr_emit(buf, &repr_requests(pod, &peer))
}

// ---- The same 14 requests as netlink-packet-route structs. ----

fn npr(flags: u16, seq: u32, msg: RouteNetlinkMessage) -> NetlinkMessage<RouteNetlinkMessage> {
    let mut header = NetlinkHeader::default();
    header.flags = flags;
    header.sequence_number = seq;
    let mut m = NetlinkMessage::new(header, NetlinkPayload::InnerMessage(msg));
    m.finalize();
    m
}

fn npr_link(index: u32, up: bool, attributes: Vec<LinkAttribute>) -> LinkMessage {
    let mut header = LinkHeader::default();
    header.index = index;
    if up {
        header.flags = LinkFlags::Up;
        header.change_mask = LinkFlags::Up;
    }
    let mut m = LinkMessage::default();
    m.header = header;
    m.attributes = attributes;
    m
}

fn npr_addr(index: u32, ip: IpAddr, prefix: u8, nodad: bool) -> RouteNetlinkMessage {
    let mut header = AddressHeader::default();
    header.family = if ip.is_ipv4() {
        AddressFamily::Inet
    } else {
        AddressFamily::Inet6
    };
    header.prefix_len = prefix;
    header.scope = AddressScope::Universe;
    header.index = index;
    if nodad {
        header.flags = netlink_packet_route::address::AddressHeaderFlags::Nodad;
    }
    let mut m = AddressMessage::default();
    m.header = header;
    m.attributes = vec![AddressAttribute::Local(ip), AddressAttribute::Address(ip)];
    if nodad {
        m.attributes
            .push(AddressAttribute::Flags(AddressFlags::Nodad));
    }
    RouteNetlinkMessage::NewAddress(m)
}

fn route_addr(ip: IpAddr) -> RouteAddress {
    match ip {
        IpAddr::V4(a) => RouteAddress::Inet(a),
        IpAddr::V6(a) => RouteAddress::Inet6(a),
    }
}

fn npr_route(oif: u32, dst: Option<(IpAddr, u8)>, gw: Option<IpAddr>) -> RouteNetlinkMessage {
    let v4 = match (dst, gw) {
        (Some((d, _)), _) => d.is_ipv4(),
        (None, Some(g)) => g.is_ipv4(),
        (None, None) => true,
    };
    let mut header = RouteHeader::default();
    header.address_family = if v4 {
        AddressFamily::Inet
    } else {
        AddressFamily::Inet6
    };
    header.destination_prefix_length = dst.map_or(0, |d| d.1);
    header.table = RouteHeader::RT_TABLE_MAIN;
    header.protocol = RouteProtocol::Boot;
    header.scope = if gw.is_some() {
        RouteScope::Universe
    } else {
        RouteScope::Link
    };
    header.kind = RouteType::Unicast;
    let mut m = RouteMessage::default();
    m.header = header;
    if let Some((d, _)) = dst {
        m.attributes
            .push(RouteAttribute::Destination(route_addr(d)));
    }
    if let Some(g) = gw {
        m.attributes.push(RouteAttribute::Gateway(route_addr(g)));
    }
    m.attributes.push(RouteAttribute::Oif(oif));
    RouteNetlinkMessage::NewRoute(m)
}

/// The same 14 requests as netlink-packet-route messages, built from its own types.
pub(crate) fn npr_plan(pod: &Pod) -> Vec<NetlinkMessage<RouteNetlinkMessage>> {
    let peer = npr_link(
        0,
        false,
        vec![
            LinkAttribute::IfName(pod.ifname.into()),
            LinkAttribute::Mtu(pod.mtu),
            LinkAttribute::NetNsFd(pod.netns_fd as i32),
        ],
    );
    let create = npr_link(
        0,
        false,
        vec![
            LinkAttribute::IfName(pod.host_iface.into()),
            LinkAttribute::Mtu(pod.mtu),
            LinkAttribute::LinkInfo(vec![
                LinkInfo::Kind(InfoKind::Veth),
                LinkInfo::Data(InfoData::Veth(InfoVeth::Peer(peer))),
            ]),
        ],
    );
    let mut conf = InetDevConf::default();
    conf.forwarding = 1;
    conf.proxy_arp = 1;
    let host_spec = npr_link(
        pod.host_index,
        false,
        vec![LinkAttribute::AfSpecUnspec(vec![
            AfSpecUnspec::Inet(vec![AfSpecInet::DevConfRequest(conf)]),
            AfSpecUnspec::Inet6(vec![AfSpecInet6::AddrGenMode(In6AddrGenMode::None)]),
        ])],
    );
    let mut ndt_header = NeighbourTableHeader::default();
    ndt_header.family = AddressFamily::Inet;
    let mut ndt = NeighbourTableMessage::default();
    ndt.header = ndt_header;
    ndt.attributes = vec![
        NeighbourTableAttribute::Name("arp_cache".into()),
        NeighbourTableAttribute::Parms(vec![
            NeighbourTableParameter::Ifindex(pod.host_index),
            NeighbourTableParameter::ProxyDelay(0),
        ]),
    ];
    let peer_spec = npr_link(
        pod.peer_index,
        false,
        vec![LinkAttribute::AfSpecUnspec(vec![AfSpecUnspec::Inet6(
            vec![AfSpecInet6::AddrGenMode(In6AddrGenMode::None)],
        )])],
    );
    use RouteNetlinkMessage as R;
    vec![
        npr(CREATE_EXCL, 1, R::NewLink(create)),
        npr(REQ_ACK, 2, R::NewLink(host_spec)),
        npr(REQ_ACK, 3, R::SetNeighbourTable(ndt)),
        npr(
            CREATE_EXCL,
            4,
            npr_addr(pod.host_index, LL_HOST.into(), 64, true),
        ),
        npr(
            REQ_ACK,
            5,
            R::NewLink(npr_link(pod.host_index, true, vec![])),
        ),
        npr(
            CREATE_REPLACE,
            6,
            npr_route(pod.host_index, Some((pod.ip6.into(), 128)), None),
        ),
        npr(
            CREATE_REPLACE,
            7,
            npr_route(pod.host_index, Some((pod.ip4.into(), 32)), None),
        ),
        npr(REQ_ACK, 8, R::NewLink(peer_spec)),
        npr(
            REQ_ACK,
            9,
            R::NewLink(npr_link(pod.peer_index, true, vec![])),
        ),
        npr(
            CREATE_EXCL,
            10,
            npr_addr(pod.peer_index, pod.ip6.into(), 128, true),
        ),
        npr(
            CREATE_EXCL,
            11,
            npr_addr(pod.peer_index, pod.ip4.into(), 32, false),
        ),
        npr(
            CREATE_REPLACE,
            12,
            npr_route(pod.peer_index, Some((GW4.into(), 32)), None),
        ),
        npr(
            CREATE_REPLACE,
            13,
            npr_route(pod.peer_index, None, Some(GW4.into())),
        ),
        npr(
            CREATE_REPLACE,
            14,
            npr_route(pod.peer_index, None, Some(LL_HOST.into())),
        ),
    ]
}

/// Serialize `msgs` back to back into `out` (which must be large enough); returns the
/// bytes written. This is netlink-packet-route's emit path: `buffer_len` then `serialize`.
pub(crate) fn npr_emit(msgs: &[NetlinkMessage<RouteNetlinkMessage>], out: &mut [u8]) -> usize {
    let mut at = 0;
    for m in msgs {
        let len = m.buffer_len();
        m.serialize(&mut out[at..at + len]);
        at += len;
    }
    at
}
