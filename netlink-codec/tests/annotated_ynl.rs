//! Attributes and message types whose layout the kernel's YNL specs (`tests/ynl.rs`) made
//! the codec correct or complete, annotated byte by byte in the style of `annotated.rs`:
//! each raw message parses to the expected owned message and emits exactly those bytes.
//!
//! The bytes are native-endian as netlink is; they are written for a little-endian host.
#![cfg(target_endian = "little")]

mod common;

use std::net::{IpAddr, Ipv6Addr};

use netlink_codec::addr::{IfAddrMsg, IFA_MULTICAST};
use netlink_codec::af::AF_INET6;
use netlink_codec::attr::Attrs;
use netlink_codec::header::{NlmFlags, RTM_NEWLINK, RTM_NEWMULTICAST};
use netlink_codec::link::{
    IfInfoMsg, IFLA_INFO_DATA, IFLA_INFO_KIND, IFLA_IPTUN_FLAGS, IFLA_LINKINFO,
};
use netlink_codec::model::{AttrValue, Body, Header, Message, Node};
use netlink_codec::schema::Shape;
use netlink_codec::value::Value;
use zerocopy::FromBytes;

use common::parse_one as parse;

/// `raw` parses to `expected`, and `expected` emits `raw`.
fn both_ways(raw: &[u8], expected: &Message) {
    assert_eq!(&parse(raw), expected);
    assert_eq!(expected.to_bytes().unwrap(), raw);
}

fn link(flags: NlmFlags, attrs: Vec<Node>) -> Message {
    let h = IfInfoMsg::read_from_bytes(&[0; 16]).unwrap();
    Message {
        msg_type: RTM_NEWLINK,
        flags: flags.bits(),
        seq: 1,
        pid: 0,
        body: Body::Link(Header(h), attrs),
    }
}

// ---- a sit link's IFLA_IPTUN_FLAGS: a __be16 ------------------------------------------

#[rustfmt::skip]
const SIT_FLAGS: &[u8] = &[
    0x38, 0x00, 0x00, 0x00, // nlmsg_len 56
    0x10, 0x00,             // nlmsg_type RTM_NEWLINK (16)
    0x00, 0x00,             // flags
    0x01, 0x00, 0x00, 0x00, // nlmsg_seq 1
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // ifinfomsg: all zero
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x18, 0x00, 0x12, 0x00, // IFLA_LINKINFO (18), 24 bytes
      0x08, 0x00, 0x01, 0x00, // IFLA_INFO_KIND (1), 8 bytes
      b's', b'i', b't', 0x00, // "sit"
      0x0c, 0x00, 0x02, 0x00, // IFLA_INFO_DATA (2), 12 bytes: IFLA_IPTUN_*
        0x06, 0x00, 0x08, 0x00, // IFLA_IPTUN_FLAGS (8), 6 bytes: sit's ipip6_fill_info
        0x00, 0x01,             // writes it with nla_put_be16: 1, network order
        0x00, 0x00,             // padding
];

#[test]
fn sit_tunnel_flags_are_network_order() {
    let data = vec![Node::new(IFLA_IPTUN_FLAGS, AttrValue::Be16(1))];
    let info = vec![
        Node::new(IFLA_INFO_KIND, AttrValue::Str("sit".into(), true)),
        Node::new(IFLA_INFO_DATA, AttrValue::Nested(data)),
    ];
    let attrs = vec![Node::new(IFLA_LINKINFO, AttrValue::Nested(info))];
    both_ways(SIT_FLAGS, &link(NlmFlags::empty(), attrs));
}

// ---- Shape::Uint (IFLA_MAX_PACING_OFFLOAD_HORIZON: nla_put_uint, 4 or 8 bytes) ---------

#[rustfmt::skip]
const PACING_HORIZONS: &[u8] = &[
    0x34, 0x00, 0x00, 0x00, // nlmsg_len 52
    0x10, 0x00,             // nlmsg_type RTM_NEWLINK (16)
    0x02, 0x00,             // NLM_F_MULTI
    0x01, 0x00, 0x00, 0x00, // nlmsg_seq 1
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // ifinfomsg: all zero
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x08, 0x00, 0x42, 0x00, // IFLA_MAX_PACING_OFFLOAD_HORIZON (66), 8 bytes
    0x00, 0xca, 0x9a, 0x3b, // 1_000_000_000 ns fits a __u32: nla_put_uint writes 4 bytes
    0x0c, 0x00, 0x42, 0x00, // IFLA_MAX_PACING_OFFLOAD_HORIZON again, 12 bytes
    0x00, 0x00, 0x00, 0x00, // 1 << 40 does not fit: 8 bytes
    0x00, 0x01, 0x00, 0x00,
];

/// `Shape::Uint` read on each attribute of a run.
fn read_as_uint(run: &[u8]) -> Vec<String> {
    Attrs::new(run, 0)
        .map(|a| match Value::read(&a.unwrap(), Shape::Uint, None) {
            Ok(Value::U32(v)) => format!("u32 {v}"),
            Ok(Value::U64(v)) => format!("u64 {v}"),
            Ok(other) => format!("{other:?}"),
            Err(e) => format!("error: {e}"),
        })
        .collect()
}

#[test]
fn a_variable_width_uint_reads_by_its_length() {
    // Each form re-emits at its own width, as a U32 or a U64 does.
    let run = &PACING_HORIZONS[32..];
    assert_eq!(read_as_uint(run), ["u32 1000000000", "u64 1099511627776"]);
}

#[rustfmt::skip]
const PACING_SHORT: &[u8] = &[
    0x06, 0x00, 0x42, 0x00, // IFLA_MAX_PACING_OFFLOAD_HORIZON (66), 6 bytes
    0x00, 0xca,             // 2 bytes: neither width
    0x00, 0x00,             // padding
];

#[test]
fn a_uint_of_another_width_is_an_error() {
    let read = read_as_uint(PACING_SHORT);
    assert_eq!(read.len(), 1);
    assert!(read[0].contains("wrong size"), "{read:?}");
}

// ---- RTM_NEWMULTICAST: an IPv6 multicast address, ifaddrmsg + IFA_* --------------------

#[rustfmt::skip]
const NEW_MULTICAST: &[u8] = &[
    0x2c, 0x00, 0x00, 0x00, // nlmsg_len 44
    0x38, 0x00,             // nlmsg_type RTM_NEWMULTICAST (56)
    0x00, 0x00,             // flags
    0x00, 0x00, 0x00, 0x00, // nlmsg_seq 0 (an event)
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid
    // ifaddrmsg
    0x0a,                   // ifa_family AF_INET6
    0x80,                   // ifa_prefixlen 128
    0x00,                   // ifa_flags
    0x00,                   // ifa_scope RT_SCOPE_UNIVERSE
    0x03, 0x00, 0x00, 0x00, // ifa_index 3
    0x14, 0x00, 0x07, 0x00, // IFA_MULTICAST (7), 20 bytes
    0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // ff02::1
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
];

#[test]
fn multicast_address_events_are_address_messages() {
    let h = IfAddrMsg {
        ifa_family: AF_INET6,
        ifa_prefixlen: 128,
        ifa_flags: 0,
        ifa_scope: 0,
        ifa_index: 3.into(),
    };
    let group = Ipv6Addr::new(0xff02, 0, 0, 0, 0, 0, 0, 1);
    let attrs = vec![Node::new(IFA_MULTICAST, AttrValue::Ip(IpAddr::V6(group)))];
    let expected = Message {
        msg_type: RTM_NEWMULTICAST,
        flags: 0,
        seq: 0,
        pid: 0,
        body: Body::Addr(Header(h), attrs),
    };
    both_ways(NEW_MULTICAST, &expected);
}
