//! YNL `indexed-array` attributes, annotated byte by byte in the style of `annotated.rs`: a
//! nest whose children are the slots of an array, each of type its position and each a
//! payload of one shape. The bond kind's target lists (`bond_fill_info` in
//! drivers/net/bonding/bond_netlink.c) and the offload statistics' `HW_S_INFO`
//! (`rtnl_offload_xstats_fill_hw_s_info` in net/core/rtnetlink.c). Each raw message parses
//! to the expected owned message, the message emits exactly those bytes, and its JSON
//! reads back to them.
//!
//! The bytes are native-endian as netlink is; they are written for a little-endian host.
#![cfg(target_endian = "little")]

mod common;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use netlink_codec::attr::{Attrs, NLA_F_NESTED};
use netlink_codec::header::RTM_NEWLINK;
use netlink_codec::link::{
    IfInfoMsg, IFLA_BOND_ARP_IP_TARGET, IFLA_BOND_NS_IP6_TARGET, IFLA_INFO_DATA, IFLA_INFO_KIND,
    IFLA_LINKINFO, IFLA_OFFLOAD_XSTATS_HW_S_INFO, IFLA_OFFLOAD_XSTATS_HW_S_INFO_REQUEST,
    IFLA_OFFLOAD_XSTATS_HW_S_INFO_USED, OFFLOAD_XSTATS,
};
use netlink_codec::model::{decode_nodes, AttrValue, Body, Header, Message, Node, Pad};
use zerocopy::FromBytes;

use common::parse_one as parse;

/// `raw` parses to `expected`, and `expected` emits `raw`.
fn both_ways(raw: &[u8], expected: &Message) {
    assert_eq!(&parse(raw), expected);
    assert_eq!(expected.to_bytes().unwrap(), raw);
}

fn link(attrs: Vec<Node>) -> Message {
    let h = IfInfoMsg::read_from_bytes(&[0; 16]).unwrap();
    Message {
        msg_type: RTM_NEWLINK,
        flags: 0,
        seq: 1,
        pid: 0,
        body: Body::Link(Header(h), attrs),
    }
}

// ---- a bond's ARP and NS targets: __be32 and in6_addr slots ---------------------------

/// A bond with ARP targets 192.0.2.1 and 192.0.2.3 in slots 0 and 2 (slot 1 was cleared:
/// `bond_fill_info` skips an empty slot, so the types are positions, not a count), and NS
/// targets 2001:db8::1 and 2001:db8::2 in slots 0 and 1.
#[rustfmt::skip]
const BOND_TARGETS: &[u8] = &[
    0x74, 0x00, 0x00, 0x00, // nlmsg_len 116
    0x10, 0x00,             // nlmsg_type RTM_NEWLINK (16)
    0x00, 0x00,             // flags
    0x01, 0x00, 0x00, 0x00, // nlmsg_seq 1
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // ifinfomsg: all zero
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x54, 0x00, 0x12, 0x00, // IFLA_LINKINFO (18), 84 bytes
      0x09, 0x00, 0x01, 0x00, // IFLA_INFO_KIND (1), 9 bytes
      b'b', b'o', b'n', b'd', 0x00, // "bond"
      0x00, 0x00, 0x00,       // padding
      0x44, 0x00, 0x02, 0x00, // IFLA_INFO_DATA (2), 68 bytes: IFLA_BOND_*
        0x14, 0x00, 0x08, 0x00, // IFLA_BOND_ARP_IP_TARGET (8), 20 bytes (nla_nest_start_noflag)
          0x08, 0x00, 0x00, 0x00, // slot 0 (type 0), 8 bytes: nla_put_be32
          0xc0, 0x00, 0x02, 0x01, // 192.0.2.1
          0x08, 0x00, 0x02, 0x00, // slot 2 (type 2), 8 bytes
          0xc0, 0x00, 0x02, 0x03, // 192.0.2.3
        0x2c, 0x00, 0x1f, 0x80, // IFLA_BOND_NS_IP6_TARGET (31) | NLA_F_NESTED, 44 bytes
          0x14, 0x00, 0x00, 0x00, // slot 0 (type 0), 20 bytes: nla_put_in6_addr
          0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, // 2001:db8::1
          0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
          0x14, 0x00, 0x01, 0x00, // slot 1 (type 1), 20 bytes
          0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, // 2001:db8::2
          0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
];

fn v4(d: u8) -> AttrValue {
    AttrValue::Ip(IpAddr::V4(Ipv4Addr::new(192, 0, 2, d)))
}

fn v6(last: u16) -> AttrValue {
    AttrValue::Ip(IpAddr::V6(Ipv6Addr::new(
        0x2001, 0xdb8, 0, 0, 0, 0, 0, last,
    )))
}

fn bond_targets(arp: Vec<Node>) -> Message {
    let ns = vec![Node::new(0, v6(1)), Node::new(1, v6(2))];
    let data = vec![
        Node::new(IFLA_BOND_ARP_IP_TARGET, AttrValue::Nested(arp)),
        Node {
            raw_type: IFLA_BOND_NS_IP6_TARGET | NLA_F_NESTED,
            value: AttrValue::Nested(ns),
            pad: Pad::ZERO,
        },
    ];
    let info = vec![
        Node::new(IFLA_INFO_KIND, AttrValue::Str("bond".into(), true)),
        Node::new(IFLA_INFO_DATA, AttrValue::Nested(data)),
    ];
    link(vec![Node::new(IFLA_LINKINFO, AttrValue::Nested(info))])
}

#[test]
fn bond_targets_are_addresses_by_slot() {
    let arp = vec![Node::new(0, v4(1)), Node::new(2, v4(3))];
    both_ways(BOND_TARGETS, &bond_targets(arp));
}

#[test]
fn a_slot_that_does_not_fit_the_element_stays_raw() {
    // ARP slot 2 cut to 3 bytes (and its padding): that slot is kept as bytes, the rest of
    // the array stays typed, and the message still re-emits exactly.
    let mut raw = BOND_TARGETS.to_vec();
    raw[64] = 0x07; // slot 2's length 8 -> 7
    raw[71] = 0x00; // its fourth byte is padding now
    let arp = vec![
        Node::new(0, v4(1)),
        Node::new(2, AttrValue::Raw(vec![0xc0, 0x00, 0x02])),
    ];
    both_ways(&raw, &bond_targets(arp));
}

// ---- IFLA_OFFLOAD_XSTATS_HW_S_INFO: nests of IFLA_OFFLOAD_XSTATS_HW_S_INFO_* -------------

/// `IFLA_STATS_LINK_OFFLOAD_XSTATS` contents with the one slot the kernel fills:
/// `NETDEV_OFFLOAD_XSTATS_TYPE_L3` (1), requested and not yet used.
#[rustfmt::skip]
const HW_S_INFO: &[u8] = &[
    0x18, 0x00, 0x02, 0x80, // IFLA_OFFLOAD_XSTATS_HW_S_INFO (2) | NLA_F_NESTED, 24 bytes
      0x14, 0x00, 0x01, 0x80, // slot 1, NETDEV_OFFLOAD_XSTATS_TYPE_L3 | NLA_F_NESTED, 20 bytes
        0x05, 0x00, 0x01, 0x00, // IFLA_OFFLOAD_XSTATS_HW_S_INFO_REQUEST (1), 5 bytes: u8
        0x01, 0x00, 0x00, 0x00, // 1, padding
        0x05, 0x00, 0x02, 0x00, // IFLA_OFFLOAD_XSTATS_HW_S_INFO_USED (2), 5 bytes: u8
        0x00, 0x00, 0x00, 0x00, // 0, padding
];

#[test]
fn offload_hw_stats_info_is_a_nest_per_slot() {
    let one = vec![
        Node::new(IFLA_OFFLOAD_XSTATS_HW_S_INFO_REQUEST, AttrValue::U8(1)),
        Node::new(IFLA_OFFLOAD_XSTATS_HW_S_INFO_USED, AttrValue::U8(0)),
    ];
    let slot = Node {
        raw_type: 1 | NLA_F_NESTED,
        value: AttrValue::Nested(one),
        pad: Pad::ZERO,
    };
    let expected = vec![Node {
        raw_type: IFLA_OFFLOAD_XSTATS_HW_S_INFO | NLA_F_NESTED,
        value: AttrValue::Nested(vec![slot]),
        pad: Pad::ZERO,
    }];
    let nodes = decode_nodes(Attrs::new(HW_S_INFO, 0), &OFFLOAD_XSTATS).unwrap();
    assert_eq!(nodes, expected);
    let mut out = Vec::new();
    netlink_codec::model::emit_nodes(&mut netlink_codec::attr::Emitter::new(&mut out), &nodes)
        .unwrap();
    assert_eq!(out, HW_S_INFO);
}

// ---- rendered -----------------------------------------------------------------------

#[cfg(feature = "render")]
#[test]
fn slots_render_by_position_and_json_reads_back() {
    use netlink_codec::render::{message_from_json, message_json, text};

    let tree = text(BOND_TARGETS).unwrap();
    for line in [
        "    52       IFLA_BOND_ARP_IP_TARGET:",
        "    56         [0]: 192.0.2.1",
        "    64         [2]: 192.0.2.3",
        "    72       IFLA_BOND_NS_IP6_TARGET [NLA_F_NESTED]:",
        "    76         [0]: 2001:db8::1",
        "    96         [1]: 2001:db8::2",
    ] {
        assert!(tree.lines().any(|l| l == line), "no {line:?} in\n{tree}");
    }
    let json = message_json(&parse(BOND_TARGETS));
    let data = &json["attrs"][0]["attrs"][1]["attrs"];
    assert_eq!(
        data[0]["attrs"],
        serde_json::json!([
            { "type": 0, "value": "192.0.2.1" },
            { "type": 2, "value": "192.0.2.3" },
        ])
    );
    let back = message_from_json(&json).unwrap();
    assert_eq!(back.to_bytes().unwrap(), BOND_TARGETS);
}
