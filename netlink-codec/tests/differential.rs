//! Differential test against two other implementations, on every corpus buffer: where
//! neli 0.7.5 or netlink-packet-route 0.34 model a field, it agrees with ours.
//!
//! - neli types the `nlmsghdr`, the family headers (`ifinfomsg`, `ifaddrmsg`, `rtmsg`,
//!   `tcmsg`), `nlmsgerr` (error, echoed header, extended-ACK TLVs) and keeps attributes as raw
//!   TLVs: compared are all header fields and the attribute (type, length, payload) lists.
//! - netlink-packet-route types everything: compared are the header fields, the family
//!   header fields, the attribute count, a set of attribute values (names, MTU, addresses,
//!   output interface, table, priority; tc's kind, chain, `struct tc_stats` and the
//!   `TCA_STATS2` basic and queue counters), errors, echoes and `NLMSG_DONE`. It is only used
//!   to parse (it panics re-emitting the iproute2 veth create: it adds the NUL to `IFLA_INFO_KIND`).

mod common;

use common::corpus;
use std::io::Cursor;
use std::net::IpAddr;

use netlink_codec::ack::{DoneView, ErrorView};
use netlink_codec::addr::IfAddrMsg;
use netlink_codec::attr::{Attr, Attrs};
use netlink_codec::family::Family;
use netlink_codec::header::{align, Messages, NlMsg, NlMsgHdr, NLMSG_DONE, NLMSG_ERROR};
use netlink_codec::link::{IfInfoMsg, IfStatsMsg};
use netlink_codec::model::{AttrValue, Message, Node};
use netlink_codec::neigh::NdMsg;
use netlink_codec::route::RtMsg;
use netlink_codec::rule::FibRuleHdr;
use netlink_codec::tc::{GnetStatsBasic, TcMsg, TcStats, TcaMsg};
use netlink_codec::{addr, link, route, tc};
use zerocopy::FromBytes;

/// Compare the echoed request header of a neli ACK or error (two unrelated neli types with
/// the same accessors) with ours, field by field, named as `NlMsgHdr::fields` names them.
macro_rules! compare_echo {
    ($t:expr, $what:expr, $e:expr, $req:expr) => {{
        let theirs: [u64; 5] = [
            u64::from(*$e.nl_len()),
            u64::from(*$e.nl_type()),
            u64::from($e.nl_flags().bits()),
            u64::from(*$e.nl_seq()),
            u64::from(*$e.nl_pid()),
        ];
        for ((name, ours), theirs) in $req.fields().into_iter().zip(theirs) {
            $t.eq(&format!("{} echo {name}", $what), theirs, ours);
        }
    }};
}

/// Values compared, and what disagreed.
#[derive(Default)]
struct Tally {
    checked: usize,
    problems: Vec<String>,
}

impl Tally {
    fn eq<T: PartialEq + std::fmt::Debug>(&mut self, what: &str, theirs: T, ours: T) {
        if theirs == ours {
            self.checked += 1;
        } else {
            self.problems
                .push(format!("{what}: peer {theirs:?}, codec {ours:?}"));
        }
    }
}

/// The codec's view of a message's top-level attributes, and their family.
fn our_attrs<'a>(msg: &NlMsg<'a>) -> Option<(Family, Attrs<'a>)> {
    let f = Family::of_message(msg.msg_type(), msg.flags().bits())?;
    let p = msg.payload();
    let start = align(f.header().len).unwrap().min(p.len());
    Some((f, Attrs::new(&p[start..], msg.payload_offset() + start)))
}

fn tlv_list<'a>(attrs: Attrs<'a>) -> Vec<(u16, u16, &'a [u8])> {
    attrs
        .map(|a| {
            let a: Attr<'a> = a.unwrap();
            let len = u16::try_from(4 + a.payload().len()).unwrap();
            (len, a.raw_type(), a.payload())
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// neli

mod neli_side {
    use super::*;
    use neli::consts::rtnl::{Ifa, Ifla, Rta, Tca};
    use neli::nl::{NlPayload, Nlmsghdr};
    use neli::rtnl::{Ifaddrmsg, Ifinfomsg, Rtmsg, Tcmsg};
    use neli::types::{Buffer, RtBuffer};
    use neli::{FromBytes, FromBytesWithInput};
    use zerocopy::FromBytes as _;

    fn rt_list<T: neli::consts::rtnl::RtaType + Copy>(
        b: &RtBuffer<T, Buffer>,
    ) -> Vec<(u16, u16, Vec<u8>)>
    where
        u16: From<T>,
    {
        b.iter()
            .map(|a| {
                (
                    *a.rta_len(),
                    u16::from(*a.rta_type()),
                    a.rta_payload().as_ref().to_vec(),
                )
            })
            .collect()
    }

    fn compare_attrs(what: &str, theirs: Vec<(u16, u16, Vec<u8>)>, msg: &NlMsg<'_>, t: &mut Tally) {
        let (_, attrs) = our_attrs(msg).unwrap();
        let ours: Vec<(u16, u16, Vec<u8>)> = tlv_list(attrs)
            .into_iter()
            .map(|(l, ty, p)| (l, ty, p.to_vec()))
            .collect();
        t.eq(
            &format!("{what} attribute (len, type, payload) list"),
            theirs,
            ours,
        );
    }

    pub(crate) fn check(name: &str, bytes: &[u8], t: &mut Tally) {
        let ours: Vec<NlMsg<'_>> = Messages::new(bytes).collect::<Result<_, _>>().unwrap();
        let mut cur = Cursor::new(bytes);
        let mut theirs = Vec::new();
        while (cur.position() as usize) < bytes.len() {
            let m = Nlmsghdr::<u16, Buffer>::from_bytes(&mut cur)
                .unwrap_or_else(|e| panic!("{name}: neli cannot parse: {e}"));
            theirs.push(m);
        }
        t.eq(&format!("{name} message count"), theirs.len(), ours.len());
        for (i, (n, m)) in theirs.iter().zip(&ours).enumerate() {
            let what = format!("{name}#{i} neli");
            let h = m.header();
            t.eq(&format!("{what} nlmsg_len"), *n.nl_len(), h.nlmsg_len.get());
            t.eq(
                &format!("{what} nlmsg_type"),
                *n.nl_type(),
                h.nlmsg_type.get(),
            );
            t.eq(
                &format!("{what} nlmsg_flags"),
                n.nl_flags().bits(),
                h.nlmsg_flags.get(),
            );
            t.eq(&format!("{what} nlmsg_seq"), *n.nl_seq(), h.nlmsg_seq.get());
            t.eq(&format!("{what} nlmsg_pid"), *n.nl_pid(), h.nlmsg_pid.get());
            match (n.nl_payload(), m.msg_type()) {
                (NlPayload::Payload(p), ty) => {
                    let p = p.as_ref();
                    t.eq(&format!("{what} payload"), p, m.payload());
                    let mut c = Cursor::new(p);
                    match Family::of(ty) {
                        Some(Family::Link) => {
                            let ifi = Ifinfomsg::from_bytes_with_input(&mut c, p.len()).unwrap();
                            let (ours, _) = IfInfoMsg::read_from_prefix(m.payload()).unwrap();
                            t.eq(
                                &format!("{what} ifi_family"),
                                u8::from(*ifi.ifi_family()),
                                ours.ifi_family,
                            );
                            t.eq(
                                &format!("{what} ifi_type"),
                                u16::from(*ifi.ifi_type()),
                                ours.ifi_type.get(),
                            );
                            t.eq(
                                &format!("{what} ifi_index"),
                                *ifi.ifi_index(),
                                ours.ifi_index.get(),
                            );
                            t.eq(
                                &format!("{what} ifi_flags"),
                                ifi.ifi_flags().bits(),
                                ours.ifi_flags.get(),
                            );
                            t.eq(
                                &format!("{what} ifi_change"),
                                ifi.ifi_change().bits(),
                                ours.ifi_change.get(),
                            );
                            compare_attrs(&what, rt_list::<Ifla>(ifi.rtattrs()), m, t);
                        }
                        Some(Family::Addr) => {
                            let ifa = Ifaddrmsg::from_bytes_with_input(&mut c, p.len()).unwrap();
                            let (ours, _) = IfAddrMsg::read_from_prefix(m.payload()).unwrap();
                            t.eq(
                                &format!("{what} ifa_family"),
                                u8::from(*ifa.ifa_family()),
                                ours.ifa_family,
                            );
                            t.eq(
                                &format!("{what} ifa_prefixlen"),
                                *ifa.ifa_prefixlen(),
                                ours.ifa_prefixlen,
                            );
                            t.eq(
                                &format!("{what} ifa_flags"),
                                ifa.ifa_flags().bits(),
                                ours.ifa_flags,
                            );
                            t.eq(
                                &format!("{what} ifa_scope"),
                                u8::from(*ifa.ifa_scope()),
                                ours.ifa_scope,
                            );
                            t.eq(
                                &format!("{what} ifa_index"),
                                *ifa.ifa_index(),
                                ours.ifa_index.get(),
                            );
                            compare_attrs(&what, rt_list::<Ifa>(ifa.rtattrs()), m, t);
                        }
                        Some(Family::Route) => {
                            let rtm = Rtmsg::from_bytes_with_input(&mut c, p.len()).unwrap();
                            let (ours, _) = RtMsg::read_from_prefix(m.payload()).unwrap();
                            t.eq(
                                &format!("{what} rtm_family"),
                                u8::from(*rtm.rtm_family()),
                                ours.rtm_family,
                            );
                            t.eq(
                                &format!("{what} rtm_dst_len"),
                                *rtm.rtm_dst_len(),
                                ours.rtm_dst_len,
                            );
                            t.eq(
                                &format!("{what} rtm_src_len"),
                                *rtm.rtm_src_len(),
                                ours.rtm_src_len,
                            );
                            t.eq(&format!("{what} rtm_tos"), *rtm.rtm_tos(), ours.rtm_tos);
                            t.eq(
                                &format!("{what} rtm_table"),
                                u8::from(*rtm.rtm_table()),
                                ours.rtm_table,
                            );
                            t.eq(
                                &format!("{what} rtm_protocol"),
                                u8::from(*rtm.rtm_protocol()),
                                ours.rtm_protocol,
                            );
                            t.eq(
                                &format!("{what} rtm_scope"),
                                u8::from(*rtm.rtm_scope()),
                                ours.rtm_scope,
                            );
                            t.eq(
                                &format!("{what} rtm_type"),
                                u8::from(*rtm.rtm_type()),
                                ours.rtm_type,
                            );
                            t.eq(
                                &format!("{what} rtm_flags"),
                                rtm.rtm_flags().bits(),
                                ours.rtm_flags.get(),
                            );
                            compare_attrs(&what, rt_list::<Rta>(rtm.rtattrs()), m, t);
                        }
                        Some(Family::Tc) => {
                            let tcm = Tcmsg::from_bytes_with_input(&mut c, p.len()).unwrap();
                            let (ours, _) = TcMsg::read_from_prefix(m.payload()).unwrap();
                            t.eq(
                                &format!("{what} tcm_family"),
                                *tcm.tcm_family(),
                                ours.tcm_family,
                            );
                            t.eq(
                                &format!("{what} tcm_ifindex"),
                                *tcm.tcm_ifindex(),
                                ours.tcm_ifindex.get(),
                            );
                            t.eq(
                                &format!("{what} tcm_handle"),
                                *tcm.tcm_handle(),
                                ours.tcm_handle.get(),
                            );
                            t.eq(
                                &format!("{what} tcm_parent"),
                                *tcm.tcm_parent(),
                                ours.tcm_parent.get(),
                            );
                            t.eq(
                                &format!("{what} tcm_info"),
                                *tcm.tcm_info(),
                                ours.tcm_info.get(),
                            );
                            compare_attrs(&what, rt_list::<Tca>(tcm.rtattrs()), m, t);
                        }
                        // neli has no ndtmsg or tcamsg; rtgenmsg carries IFA_* in neli.
                        _ => {}
                    }
                }
                (NlPayload::Ack(a), NLMSG_ERROR) => {
                    let ev = ErrorView::parse(m).unwrap();
                    t.eq(&format!("{what} ack error"), *a.error(), ev.raw_error());
                    let req = ev.request_header().unwrap();
                    let e = a.nlmsg();
                    compare_echo!(t, what, e, req);
                }
                (NlPayload::Err(err), NLMSG_ERROR) => {
                    let ev = ErrorView::parse(m).unwrap();
                    t.eq(&format!("{what} error"), *err.error(), ev.raw_error());
                    let e = err.nlmsg();
                    let req = ev.request_header().unwrap();
                    compare_echo!(t, what, e, req);
                    t.eq(
                        &format!("{what} echo payload"),
                        e.nl_payload().as_ref(),
                        &ev.request()[NlMsgHdr::LEN..],
                    );
                    let theirs: Vec<(u16, u16, Vec<u8>)> = err
                        .ext_ack()
                        .iter()
                        .map(|a| {
                            (
                                *a.nla_len(),
                                u16::from(a.nla_type().clone()),
                                a.nla_payload().as_ref().to_vec(),
                            )
                        })
                        .collect();
                    let ours: Vec<(u16, u16, Vec<u8>)> = tlv_list(ev.ext_ack())
                        .into_iter()
                        .map(|(l, ty, p)| (l, ty, p.to_vec()))
                        .collect();
                    t.eq(&format!("{what} ext_ack TLVs"), theirs, ours);
                }
                (NlPayload::DumpExtAck(d), NLMSG_DONE) => {
                    let dv = DoneView::parse(m).unwrap();
                    t.eq(&format!("{what} done error"), *d.error(), dv.error);
                }
                (NlPayload::Empty, _) => {
                    t.eq(&format!("{what} empty payload"), 0, m.payload().len())
                }
                (other, ty) => t
                    .problems
                    .push(format!("{what}: type {ty} came back as {other:?}")),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// netlink-packet-route

mod npr_side {
    use super::*;
    use netlink_packet_core::{NetlinkMessage, NetlinkPayload};
    use netlink_packet_route::address::AddressAttribute;
    use netlink_packet_route::link::LinkAttribute;
    use netlink_packet_route::route::{RouteAddress, RouteAttribute};
    use netlink_packet_route::tc::{TcActionMessageAttribute, TcAttribute, TcStats2};
    use netlink_packet_route::RouteNetlinkMessage as R;

    fn find(nodes: &[Node], kind: u16) -> Option<&AttrValue> {
        nodes.iter().find(|n| n.kind() == kind).map(|n| &n.value)
    }

    fn route_ip(a: &RouteAddress) -> Option<IpAddr> {
        match a {
            RouteAddress::Inet(v) => Some(IpAddr::V4(*v)),
            RouteAddress::Inet6(v) => Some(IpAddr::V6(*v)),
            _ => None,
        }
    }

    /// `RTA_DST` as the codec holds it: an address, or an `AF_MPLS` route's label stack
    /// entry as its four network-order bytes (label, traffic class, bottom of stack, TTL).
    fn route_dst(a: &RouteAddress) -> Option<AttrValue> {
        match a {
            RouteAddress::Mpls(l) => {
                let entry = (l.label << 12)
                    | (u32::from(l.traffic_class) << 9)
                    | (u32::from(l.bottom_of_stack) << 8)
                    | u32::from(l.ttl);
                Some(AttrValue::Structs(entry.to_be_bytes().to_vec()))
            }
            a => route_ip(a).map(AttrValue::Ip),
        }
    }

    pub(crate) fn check(name: &str, bytes: &[u8], t: &mut Tally) {
        for (i, m) in Messages::new(bytes).enumerate() {
            let m = m.unwrap();
            let what = format!("{name}#{i} npr");
            // netlink-packet-route 0.34 has no nexthop, netconf or address label messages,
            // nor RTM_SETSTATS, RTM_*LINKPROP, RTM_*TUNNEL, RTM_*MDB or RTM_*VLAN
            // (strace.rs compares every field of them).
            use netlink_codec::header::{RTM_GETLINKPROP, RTM_NEWLINKPROP, RTM_SETSTATS};
            if matches!(
                Family::of(m.msg_type()),
                Some(
                    Family::Nexthop
                        | Family::Netconf
                        | Family::AddrLabel
                        | Family::Tunnel
                        | Family::Mdb
                        | Family::Vlan
                        | Family::VlanDump
                )
            ) || matches!(
                m.msg_type(),
                RTM_SETSTATS | RTM_NEWLINKPROP..=RTM_GETLINKPROP
            ) {
                continue;
            }
            let whole = &bytes[m.offset()..m.offset() + NlMsgHdr::LEN + m.payload().len()];
            let n = NetlinkMessage::<R>::deserialize(whole)
                .unwrap_or_else(|e| panic!("{what}: netlink-packet-route cannot parse: {e}"));
            let h = m.header();
            t.eq(
                &format!("{what} nlmsg_len"),
                n.header.length,
                h.nlmsg_len.get(),
            );
            t.eq(
                &format!("{what} nlmsg_type"),
                n.header.message_type,
                h.nlmsg_type.get(),
            );
            t.eq(
                &format!("{what} nlmsg_flags"),
                n.header.flags,
                h.nlmsg_flags.get(),
            );
            t.eq(
                &format!("{what} nlmsg_seq"),
                n.header.sequence_number,
                h.nlmsg_seq.get(),
            );
            t.eq(
                &format!("{what} nlmsg_pid"),
                n.header.port_number,
                h.nlmsg_pid.get(),
            );
            let model = Message::parse(&m).unwrap();
            let count = |c: usize, t: &mut Tally| {
                t.eq(
                    &format!("{what} attribute count"),
                    c,
                    model.attrs().unwrap().len(),
                )
            };
            match &n.payload {
                NetlinkPayload::InnerMessage(
                    R::NewLink(l) | R::DelLink(l) | R::GetLink(l) | R::SetLink(l),
                ) => {
                    let (ours, _) = IfInfoMsg::read_from_prefix(m.payload()).unwrap();
                    t.eq(
                        &format!("{what} ifi_family"),
                        u8::from(l.header.interface_family),
                        ours.ifi_family,
                    );
                    t.eq(
                        &format!("{what} ifi_type"),
                        u16::from(l.header.link_layer_type),
                        ours.ifi_type.get(),
                    );
                    t.eq(
                        &format!("{what} ifi_index"),
                        l.header.index,
                        ours.ifi_index.get() as u32,
                    );
                    t.eq(
                        &format!("{what} ifi_flags"),
                        l.header.flags.bits(),
                        ours.ifi_flags.get(),
                    );
                    t.eq(
                        &format!("{what} ifi_change"),
                        l.header.change_mask.bits(),
                        ours.ifi_change.get(),
                    );
                    count(l.attributes.len(), t);
                    let nodes = model.attrs().unwrap();
                    for a in &l.attributes {
                        match a {
                            LinkAttribute::IfName(s) => t.eq(
                                &format!("{what} IFLA_IFNAME"),
                                Some(s.as_str()),
                                match find(nodes, link::IFLA_IFNAME) {
                                    Some(AttrValue::Str(s, _)) => Some(s.as_str()),
                                    _ => None,
                                },
                            ),
                            LinkAttribute::Mtu(v) => t.eq(
                                &format!("{what} IFLA_MTU"),
                                Some(&AttrValue::U32(*v)),
                                find(nodes, link::IFLA_MTU),
                            ),
                            LinkAttribute::TxQueueLen(v) => t.eq(
                                &format!("{what} IFLA_TXQLEN"),
                                Some(&AttrValue::U32(*v)),
                                find(nodes, link::IFLA_TXQLEN),
                            ),
                            LinkAttribute::Address(b) => t.eq(
                                &format!("{what} IFLA_ADDRESS"),
                                Some(&AttrValue::LlAddr(b.clone())),
                                find(nodes, link::IFLA_ADDRESS),
                            ),
                            _ => {}
                        }
                    }
                }
                NetlinkPayload::InnerMessage(
                    R::NewAddress(a) | R::DelAddress(a) | R::GetAddress(a),
                ) => {
                    let (ours, _) = IfAddrMsg::read_from_prefix(m.payload()).unwrap();
                    t.eq(
                        &format!("{what} ifa_family"),
                        u8::from(a.header.family),
                        ours.ifa_family,
                    );
                    t.eq(
                        &format!("{what} ifa_prefixlen"),
                        a.header.prefix_len,
                        ours.ifa_prefixlen,
                    );
                    t.eq(
                        &format!("{what} ifa_flags"),
                        a.header.flags.bits(),
                        ours.ifa_flags,
                    );
                    t.eq(
                        &format!("{what} ifa_scope"),
                        u8::from(a.header.scope),
                        ours.ifa_scope,
                    );
                    t.eq(
                        &format!("{what} ifa_index"),
                        a.header.index,
                        ours.ifa_index.get(),
                    );
                    count(a.attributes.len(), t);
                    let nodes = model.attrs().unwrap();
                    for x in &a.attributes {
                        let (kind, ip) = match x {
                            AddressAttribute::Address(ip) => (addr::IFA_ADDRESS, ip),
                            AddressAttribute::Local(ip) => (addr::IFA_LOCAL, ip),
                            _ => continue,
                        };
                        t.eq(
                            &format!("{what} IFA {kind}"),
                            Some(&AttrValue::Ip(*ip)),
                            find(nodes, kind),
                        );
                    }
                }
                NetlinkPayload::InnerMessage(R::NewRoute(r) | R::DelRoute(r) | R::GetRoute(r)) => {
                    let (ours, _) = RtMsg::read_from_prefix(m.payload()).unwrap();
                    let hd = &r.header;
                    t.eq(
                        &format!("{what} rtm_family"),
                        u8::from(hd.address_family),
                        ours.rtm_family,
                    );
                    t.eq(
                        &format!("{what} rtm_dst_len"),
                        hd.destination_prefix_length,
                        ours.rtm_dst_len,
                    );
                    t.eq(
                        &format!("{what} rtm_src_len"),
                        hd.source_prefix_length,
                        ours.rtm_src_len,
                    );
                    t.eq(&format!("{what} rtm_tos"), hd.tos, ours.rtm_tos);
                    t.eq(&format!("{what} rtm_table"), hd.table, ours.rtm_table);
                    t.eq(
                        &format!("{what} rtm_protocol"),
                        u8::from(hd.protocol),
                        ours.rtm_protocol,
                    );
                    t.eq(
                        &format!("{what} rtm_scope"),
                        u8::from(hd.scope),
                        ours.rtm_scope,
                    );
                    t.eq(
                        &format!("{what} rtm_type"),
                        u8::from(hd.kind),
                        ours.rtm_type,
                    );
                    t.eq(
                        &format!("{what} rtm_flags"),
                        hd.flags.bits(),
                        ours.rtm_flags.get(),
                    );
                    count(r.attributes.len(), t);
                    let nodes = model.attrs().unwrap();
                    for x in &r.attributes {
                        match x {
                            RouteAttribute::Oif(v) => t.eq(
                                &format!("{what} RTA_OIF"),
                                Some(&AttrValue::U32(*v)),
                                find(nodes, route::RTA_OIF),
                            ),
                            RouteAttribute::Table(v) => t.eq(
                                &format!("{what} RTA_TABLE"),
                                Some(&AttrValue::U32(*v)),
                                find(nodes, route::RTA_TABLE),
                            ),
                            RouteAttribute::Priority(v) => t.eq(
                                &format!("{what} RTA_PRIORITY"),
                                Some(&AttrValue::U32(*v)),
                                find(nodes, route::RTA_PRIORITY),
                            ),
                            RouteAttribute::Destination(d) => t.eq(
                                &format!("{what} RTA_DST"),
                                route_dst(d).as_ref(),
                                find(nodes, route::RTA_DST),
                            ),
                            RouteAttribute::Gateway(g) => t.eq(
                                &format!("{what} RTA_GATEWAY"),
                                route_ip(g).map(AttrValue::Ip).as_ref(),
                                find(nodes, route::RTA_GATEWAY),
                            ),
                            _ => {}
                        }
                    }
                }
                NetlinkPayload::InnerMessage(
                    R::NewNeighbour(n) | R::DelNeighbour(n) | R::GetNeighbour(n),
                ) => {
                    let (ours, _) = NdMsg::read_from_prefix(m.payload()).unwrap();
                    let hd = &n.header;
                    let fam = u8::from(hd.family);
                    t.eq(&format!("{what} ndm_family"), fam, ours.ndm_family);
                    let ifindex = ours.ndm_ifindex.get() as u32;
                    t.eq(&format!("{what} ndm_ifindex"), hd.ifindex, ifindex);
                    let state = u16::from(hd.state);
                    t.eq(&format!("{what} ndm_state"), state, ours.ndm_state.get());
                    t.eq(
                        &format!("{what} ndm_flags"),
                        hd.flags.bits(),
                        ours.ndm_flags,
                    );
                    t.eq(
                        &format!("{what} ndm_type"),
                        u8::from(hd.kind),
                        ours.ndm_type,
                    );
                    count(n.attributes.len(), t);
                }
                NetlinkPayload::InnerMessage(R::NewRule(r) | R::DelRule(r) | R::GetRule(r)) => {
                    let (ours, _) = FibRuleHdr::read_from_prefix(m.payload()).unwrap();
                    let hd = &r.header;
                    t.eq(&format!("{what} family"), u8::from(hd.family), ours.family);
                    t.eq(&format!("{what} dst_len"), hd.dst_len, ours.dst_len);
                    t.eq(&format!("{what} src_len"), hd.src_len, ours.src_len);
                    t.eq(&format!("{what} tos"), hd.tos, ours.tos);
                    t.eq(&format!("{what} table"), hd.table, ours.table);
                    t.eq(&format!("{what} action"), u8::from(hd.action), ours.action);
                    t.eq(&format!("{what} flags"), hd.flags.bits(), ours.flags.get());
                    count(r.attributes.len(), t);
                }
                NetlinkPayload::InnerMessage(R::NewStats(s) | R::GetStats(s)) => {
                    let (ours, _) = IfStatsMsg::read_from_prefix(m.payload()).unwrap();
                    let hd = &s.header;
                    t.eq(&format!("{what} family"), u8::from(hd.family), ours.family);
                    t.eq(&format!("{what} ifindex"), hd.ifindex, ours.ifindex.get());
                    t.eq(
                        &format!("{what} filter_mask"),
                        hd.filter_mask.bits(),
                        ours.filter_mask.get(),
                    );
                    count(s.attributes.len(), t);
                }
                NetlinkPayload::InnerMessage(
                    R::NewQueueDiscipline(q)
                    | R::DelQueueDiscipline(q)
                    | R::GetQueueDiscipline(q)
                    | R::NewTrafficClass(q)
                    | R::DelTrafficClass(q)
                    | R::GetTrafficClass(q)
                    | R::NewTrafficFilter(q)
                    | R::DelTrafficFilter(q)
                    | R::GetTrafficFilter(q)
                    | R::NewTrafficChain(q)
                    | R::DelTrafficChain(q)
                    | R::GetTrafficChain(q),
                ) => {
                    let (ours, _) = TcMsg::read_from_prefix(m.payload()).unwrap();
                    let hd = &q.header;
                    t.eq(
                        &format!("{what} tcm_family"),
                        u8::from(hd.family),
                        ours.tcm_family,
                    );
                    t.eq(
                        &format!("{what} tcm_ifindex"),
                        hd.index,
                        ours.tcm_ifindex.get(),
                    );
                    t.eq(
                        &format!("{what} tcm_handle"),
                        u32::from(hd.handle),
                        ours.tcm_handle.get(),
                    );
                    t.eq(
                        &format!("{what} tcm_parent"),
                        u32::from(hd.parent),
                        ours.tcm_parent.get(),
                    );
                    t.eq(&format!("{what} tcm_info"), hd.info, ours.tcm_info.get());
                    count(q.attributes.len(), t);
                    let nodes = model.attrs().unwrap();
                    for a in &q.attributes {
                        match a {
                            TcAttribute::Kind(k) => t.eq(
                                &format!("{what} TCA_KIND"),
                                Some(&AttrValue::Str(k.clone(), true)),
                                find(nodes, tc::TCA_KIND),
                            ),
                            TcAttribute::Chain(c) => t.eq(
                                &format!("{what} TCA_CHAIN"),
                                Some(&AttrValue::U32(*c)),
                                find(nodes, tc::TCA_CHAIN),
                            ),
                            TcAttribute::HwOffload(v) => t.eq(
                                &format!("{what} TCA_HW_OFFLOAD"),
                                Some(&AttrValue::U8(*v)),
                                find(nodes, tc::TCA_HW_OFFLOAD),
                            ),
                            TcAttribute::Stats(s) => {
                                let Some(AttrValue::Structs(b)) = find(nodes, tc::TCA_STATS) else {
                                    t.problems.push(format!("{what}: TCA_STATS not typed"));
                                    continue;
                                };
                                let ours = TcStats::read_from_bytes(b).unwrap();
                                let theirs = [
                                    s.bytes,
                                    u64::from(s.packets),
                                    u64::from(s.drops),
                                    u64::from(s.overlimits),
                                    u64::from(s.bps),
                                    u64::from(s.pps),
                                    u64::from(s.qlen),
                                    u64::from(s.backlog),
                                ];
                                let mine = [
                                    ours.bytes.get(),
                                    u64::from(ours.packets.get()),
                                    u64::from(ours.drops.get()),
                                    u64::from(ours.overlimits.get()),
                                    u64::from(ours.bps.get()),
                                    u64::from(ours.pps.get()),
                                    u64::from(ours.qlen.get()),
                                    u64::from(ours.backlog.get()),
                                ];
                                t.eq(&format!("{what} tc_stats"), theirs, mine);
                            }
                            TcAttribute::Stats2(s2) => {
                                let Some(AttrValue::Nested(c)) = find(nodes, tc::TCA_STATS2) else {
                                    t.problems.push(format!("{what}: TCA_STATS2 not a nest"));
                                    continue;
                                };
                                for s in s2 {
                                    let (kind, v) = match s {
                                        TcStats2::Basic(b) => (tc::TCA_STATS_BASIC, b),
                                        TcStats2::BasicHw(b) => (tc::TCA_STATS_BASIC_HW, b),
                                        TcStats2::Queue(q) => {
                                            t.eq(
                                                &format!("{what} TCA_STATS_QUEUE"),
                                                Some(&AttrValue::U32s(vec![
                                                    q.qlen,
                                                    q.backlog,
                                                    q.drops,
                                                    q.requeues,
                                                    q.overlimits,
                                                ])),
                                                find(c, tc::TCA_STATS_QUEUE),
                                            );
                                            continue;
                                        }
                                        _ => continue,
                                    };
                                    let Some(AttrValue::Structs(b)) = find(c, kind) else {
                                        t.problems.push(format!("{what}: {kind} not typed"));
                                        continue;
                                    };
                                    let ours = GnetStatsBasic::read_from_bytes(b).unwrap();
                                    t.eq(
                                        &format!("{what} TCA_STATS {kind}"),
                                        (v.bytes, v.packets),
                                        (ours.bytes.get(), ours.packets.get()),
                                    );
                                }
                            }
                            _ => {}
                        }
                    }
                }
                NetlinkPayload::InnerMessage(
                    R::NewTrafficAction(a) | R::DelTrafficAction(a) | R::GetTrafficAction(a),
                ) => {
                    let (ours, _) = TcaMsg::read_from_prefix(m.payload()).unwrap();
                    t.eq(
                        &format!("{what} tca_family"),
                        u8::from(a.header.family),
                        ours.tca_family,
                    );
                    count(a.attributes.len(), t);
                    let nodes = model.attrs().unwrap();
                    for x in &a.attributes {
                        match x {
                            TcActionMessageAttribute::RootCount(c) => t.eq(
                                &format!("{what} TCA_ROOT_COUNT"),
                                Some(&AttrValue::U32(*c)),
                                find(nodes, tc::TCA_ROOT_COUNT),
                            ),
                            TcActionMessageAttribute::Actions(acts) => {
                                let Some(AttrValue::Nested(tab)) = find(nodes, tc::TCA_ROOT_TAB)
                                else {
                                    t.problems.push(format!("{what}: TCA_ROOT_TAB not a nest"));
                                    continue;
                                };
                                t.eq(&format!("{what} actions"), acts.len(), tab.len());
                            }
                            _ => {}
                        }
                    }
                }
                NetlinkPayload::Error(e) => {
                    let ev = ErrorView::parse(&m).unwrap();
                    t.eq(&format!("{what} error"), e.raw_code(), ev.raw_error());
                    t.eq(
                        &format!("{what} echo"),
                        e.header.get(..ev.request().len()),
                        Some(ev.request()),
                    );
                }
                NetlinkPayload::Done(d) => {
                    let dv = DoneView::parse(&m).unwrap();
                    t.eq(&format!("{what} done code"), d.code, dv.error);
                }
                NetlinkPayload::InnerMessage(other) => {
                    // Typed by npr but not compared here: at least the family agrees.
                    t.eq(
                        &format!("{what} {other:?} family"),
                        true,
                        Family::of(m.msg_type()).is_some(),
                    );
                }
                other => t.problems.push(format!("{what}: unexpected {other:?}")),
            }
        }
    }
}

#[test]
fn neli_agrees_on_every_corpus_buffer() {
    let mut t = Tally::default();
    for (name, bytes) in corpus() {
        neli_side::check(&name, &bytes, &mut t);
    }
    assert!(t.problems.is_empty(), "{}", t.problems.join("\n"));
    assert!(t.checked > 1000, "only {} values compared", t.checked);
    eprintln!("neli: {} values agree", t.checked);
}

#[test]
fn netlink_packet_route_agrees_on_every_corpus_buffer() {
    let mut t = Tally::default();
    for (name, bytes) in corpus() {
        npr_side::check(&name, &bytes, &mut t);
    }
    assert!(t.problems.is_empty(), "{}", t.problems.join("\n"));
    assert!(t.checked > 1000, "only {} values compared", t.checked);
    eprintln!("netlink-packet-route: {} values agree", t.checked);
}
