//! The same decode work done with the peers.
//!
//! - netlink-packet-route 0.34: `NetlinkMessage::<RouteNetlinkMessage>::deserialize` per
//!   message (it types every attribute, recursively, into owned Rust values), then a walk
//!   of those typed attributes that reads the numbers and string lengths.
//! - neli 0.7.5: `Nlmsghdr::<Rtm, Ifinfomsg | Ifaddrmsg | Rtmsg>::from_bytes` per message.
//!   neli types the fixed headers only; attributes are raw TLVs (`Rtattr<_, Buffer>`), and
//!   it cannot tell a nested attribute from a byte string, so the walk reads each top-level
//!   attribute's type and payload length. That is less work than the other two do.

use std::hint::black_box;
use std::io::Cursor;

use neli::consts::rtnl::Rtm;
use neli::nl::{NlPayload, Nlmsghdr};
use neli::rtnl::{Ifaddrmsg, Ifinfomsg, Rtmsg};
use neli::FromBytes;
use netlink_packet_core::{NetlinkMessage, NetlinkPayload};
use netlink_packet_route::address::AddressAttribute;
use netlink_packet_route::link::{LinkAttribute, LinkInfo};
use netlink_packet_route::route::RouteAttribute;
use netlink_packet_route::RouteNetlinkMessage;

fn ip_len(ip: &core::net::IpAddr) -> u64 {
    match ip {
        core::net::IpAddr::V4(_) => 4,
        core::net::IpAddr::V6(_) => 16,
    }
}

fn link_attr(a: &LinkAttribute) -> u64 {
    use LinkAttribute as L;
    match a {
        L::IfName(s) | L::Qdisc(s) | L::IfAlias(s) | L::PhysPortName(s) => s.len() as u64,
        L::Address(b) | L::Broadcast(b) | L::PermAddress(b) => b.len() as u64,
        L::Mtu(v) | L::Link(v) | L::Controller(v) | L::TxQueueLen(v) | L::Group(v) => u64::from(*v),
        L::Promiscuity(v) | L::NumTxQueues(v) | L::NumRxQueues(v) | L::CarrierChanges(v) => {
            u64::from(*v)
        }
        L::GsoMaxSegs(v) | L::GsoMaxSize(v) | L::MinMtu(v) | L::MaxMtu(v) => u64::from(*v),
        L::GroMaxSize(v) | L::TsoMaxSize(v) | L::TsoMaxSegs(v) | L::AllMulticast(v) => {
            u64::from(*v)
        }
        L::GsoIpv4MaxSize(v) | L::GroIpv4MaxSize(v) => u64::from(*v),
        L::CarrierUpCount(v) | L::CarrierDownCount(v) => u64::from(*v),
        L::Carrier(v) | L::ProtoDown(v) => u64::from(*v),
        L::LinkNetNsId(v) => *v as u64,
        L::Stats64(s) => s.rx_packets.wrapping_add(s.tx_bytes),
        L::Stats(s) => u64::from(s.rx_packets.wrapping_add(s.tx_bytes)),
        L::LinkInfo(infos) => infos
            .iter()
            .map(|i| match i {
                LinkInfo::Kind(k) => k.to_string().len() as u64,
                other => {
                    black_box(other);
                    1
                }
            })
            .sum(),
        L::AfSpecUnspec(v) => v.iter().map(|x| black_box(x) as *const _ as u64 & 1).sum(),
        other => {
            black_box(other);
            1
        }
    }
}

fn addr_attr(a: &AddressAttribute) -> u64 {
    use AddressAttribute as A;
    match a {
        A::Address(ip) | A::Local(ip) => ip_len(ip),
        A::Label(s) => s.len() as u64,
        A::Flags(f) => u64::from(f.bits()),
        A::CacheInfo(c) => u64::from(c.ifa_valid),
        other => {
            black_box(other);
            1
        }
    }
}

fn route_attr(a: &RouteAttribute) -> u64 {
    use RouteAttribute as R;
    match a {
        R::Oif(v) | R::Iif(v) | R::Priority(v) | R::Table(v) | R::Mark(v) => u64::from(*v),
        R::Destination(d) | R::Gateway(d) | R::PrefSource(d) | R::Source(d) => {
            black_box(d);
            4
        }
        R::CacheInfo(c) => u64::from(c.expires),
        R::Preference(p) => u64::from(u8::from(*p)),
        other => {
            black_box(other);
            1
        }
    }
}

/// netlink-packet-route: parse every message of the dump and walk its typed attributes.
pub(crate) fn npr_walk(buf: &[u8]) -> u64 {
    let mut at = 0;
    let mut acc = 0u64;
    while at < buf.len() {
        let msg = NetlinkMessage::<RouteNetlinkMessage>::deserialize(&buf[at..])
            .expect("netlink-packet-route parses the corpus");
        at += (msg.header.length as usize + 3) & !3;
        acc = acc.wrapping_add(match &msg.payload {
            NetlinkPayload::InnerMessage(RouteNetlinkMessage::NewLink(m)) => {
                u64::from(m.header.index) + m.attributes.iter().map(link_attr).sum::<u64>()
            }
            NetlinkPayload::InnerMessage(RouteNetlinkMessage::NewAddress(m)) => {
                u64::from(m.header.index) + m.attributes.iter().map(addr_attr).sum::<u64>()
            }
            NetlinkPayload::InnerMessage(RouteNetlinkMessage::NewRoute(m)) => {
                u64::from(m.header.destination_prefix_length)
                    + m.attributes.iter().map(route_attr).sum::<u64>()
            }
            other => panic!("unexpected message {other:?}"),
        });
    }
    acc
}

macro_rules! neli_walk {
    ($name:ident, $payload:ty) => {
        /// neli: parse every message (fixed headers typed, attributes as raw TLVs) and
        /// walk the top-level attributes.
        pub(crate) fn $name(buf: &[u8]) -> u64 {
            let mut cur = Cursor::new(buf);
            let mut acc = 0u64;
            while (cur.position() as usize) < buf.len() {
                let msg = Nlmsghdr::<Rtm, $payload>::from_bytes(&mut cur)
                    .expect("neli parses the corpus");
                if let NlPayload::Payload(p) = msg.nl_payload() {
                    for a in p.rtattrs().iter() {
                        let ty: u16 = (*a.rta_type()).into();
                        acc = acc
                            .wrapping_add(u64::from(ty))
                            .wrapping_add(a.rta_payload().as_ref().len() as u64);
                    }
                }
            }
            acc
        }
    };
}

neli_walk!(neli_walk_links, Ifinfomsg);
neli_walk!(neli_walk_addrs, Ifaddrmsg);
neli_walk!(neli_walk_routes, Rtmsg);

/// The neli walker for a dump's message type.
pub(crate) fn neli_walk(msg_type: u16) -> fn(&[u8]) -> u64 {
    match msg_type {
        netlink_codec::header::RTM_NEWLINK => neli_walk_links,
        netlink_codec::header::RTM_NEWADDR => neli_walk_addrs,
        _ => neli_walk_routes,
    }
}
