//! Annotated bytes for the attributes whose payload depends on where they stand: the
//! header's family (`IFLA_AF_SPEC`, `IFLA_PROTINFO`), a sibling's type number
//! (`NHA_ENCAP` by `NHA_ENCAP_TYPE`) or a sibling's kind string (`IFLA_INFO_DATA` of a
//! gre or can link). Each raw message parses to the expected owned message, emits exactly
//! those bytes, and the same bytes in another context stay raw.
//!
//! The bytes are native-endian as netlink is; they are written for a little-endian host.
#![cfg(target_endian = "little")]

mod common;

use std::net::{IpAddr, Ipv4Addr};

use netlink_codec::header::{NlmFlags, RTM_NEWLINK, RTM_NEWNEXTHOP, RTM_SETLINK};
use netlink_codec::link::{
    IfInfoMsg, IFLA_AF_SPEC, IFLA_BRIDGE_VLAN_INFO, IFLA_BRPORT_COST, IFLA_BRPORT_STATE,
    IFLA_CAN_BERR_COUNTER, IFLA_CAN_RESTART_MS, IFLA_GRE_IKEY, IFLA_GRE_LOCAL, IFLA_INFO_DATA,
    IFLA_INFO_KIND, IFLA_LINKINFO, IFLA_PROTINFO,
};
use netlink_codec::lwtunnel::MPLS_IPTUNNEL_DST;
use netlink_codec::model::{AttrValue, Body, Header, Message, Node, Pad};
use netlink_codec::nexthop::{NhMsg, NHA_ENCAP, NHA_ENCAP_TYPE, NHA_GATEWAY, NHA_ID, NHA_OIF};
use zerocopy::FromBytes;

use common::parse_one as parse;

/// `raw` with byte `at` set to `v` (another family, another encapsulation type).
fn with_byte(raw: &[u8], at: usize, v: u8) -> Vec<u8> {
    let mut b = raw.to_vec();
    b[at] = v;
    b
}

/// The top-level attributes of a link message.
fn link_attrs(m: &Message) -> &[Node] {
    match &m.body {
        Body::Link(_, n) => n,
        other => panic!("not a link message: {other:?}"),
    }
}

fn ifinfomsg(family: u8, index: i32) -> Header<IfInfoMsg> {
    let mut h = IfInfoMsg::read_from_bytes(&[0; 16]).unwrap();
    h.ifi_family = family;
    h.ifi_index = index.into();
    Header(h)
}

// ---- bridge vlan add dev v0 vid 10 pvid untagged (corpus 0338) ------------------------

#[rustfmt::skip]
const BRIDGE_VLAN_ADD: &[u8] = &[
    0x2c, 0x00, 0x00, 0x00, // nlmsg_len 44
    0x13, 0x00,             // nlmsg_type RTM_SETLINK (19)
    0x05, 0x00,             // NLM_F_REQUEST|NLM_F_ACK
    0xdb, 0x52, 0x0f, 0x6b, // nlmsg_seq
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid
    // ifinfomsg
    0x07, 0x00,             // ifi_family AF_BRIDGE (7): IFLA_AF_SPEC holds IFLA_BRIDGE_*
    0x00, 0x00,             // ifi_type
    0x04, 0x00, 0x00, 0x00, // ifi_index 4 (v0)
    0x00, 0x00, 0x00, 0x00, // ifi_flags
    0x00, 0x00, 0x00, 0x00, // ifi_change
    0x0c, 0x00, 0x1a, 0x00, // IFLA_AF_SPEC (26), 12 bytes
      0x08, 0x00, 0x02, 0x00, // IFLA_BRIDGE_VLAN_INFO (2), 8 bytes: struct bridge_vlan_info
        0x06, 0x00,             // flags BRIDGE_VLAN_INFO_PVID|BRIDGE_VLAN_INFO_UNTAGGED
        0x0a, 0x00,             // vid 10
];

fn bridge_vlan_add() -> Message {
    let spec = vec![Node::new(
        IFLA_BRIDGE_VLAN_INFO,
        AttrValue::Structs(vec![0x06, 0x00, 0x0a, 0x00]),
    )];
    Message {
        msg_type: RTM_SETLINK,
        flags: (NlmFlags::REQUEST | NlmFlags::ACK).bits(),
        seq: 0x6b0f_52db,
        pid: 0,
        body: Body::Link(
            ifinfomsg(7, 4),
            vec![Node::new(IFLA_AF_SPEC, AttrValue::Nested(spec))],
        ),
    }
}

#[test]
fn bridge_af_spec_parses_to_a_vlan_info_struct() {
    assert_eq!(parse(BRIDGE_VLAN_ADD), bridge_vlan_add());
    assert_eq!(bridge_vlan_add().to_bytes().unwrap(), BRIDGE_VLAN_ADD);
}

#[test]
fn af_spec_of_another_family_is_one_nest_per_family() {
    // ifi_family AF_UNSPEC: type 2 is the AF_INET nest, whose 4-byte payload is no
    // attribute run, so it stays raw (and emits the same bytes).
    let raw = with_byte(BRIDGE_VLAN_ADD, 16, 0);
    let m = parse(&raw);
    let AttrValue::Nested(spec) = &link_attrs(&m)[0].value else {
        panic!("IFLA_AF_SPEC is a nest: {m:?}");
    };
    assert_eq!(spec[0].value, AttrValue::Raw(vec![0x06, 0x00, 0x0a, 0x00]));
    assert_eq!(m.to_bytes().unwrap(), raw);
}

// ---- IFLA_PROTINFO of an AF_BRIDGE link (bridge link show) ----------------------------

#[rustfmt::skip]
const BRIDGE_PORT_INFO: &[u8] = &[
    0x34, 0x00, 0x00, 0x00, // nlmsg_len 52
    0x10, 0x00,             // nlmsg_type RTM_NEWLINK (16)
    0x02, 0x00,             // NLM_F_MULTI
    0x01, 0x00, 0x00, 0x00, // nlmsg_seq 1
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid
    // ifinfomsg
    0x07, 0x00,             // ifi_family AF_BRIDGE (7): IFLA_PROTINFO holds IFLA_BRPORT_*
    0x00, 0x00,             // ifi_type
    0x04, 0x00, 0x00, 0x00, // ifi_index 4
    0x00, 0x00, 0x00, 0x00, // ifi_flags
    0x00, 0x00, 0x00, 0x00, // ifi_change
    0x14, 0x00, 0x0c, 0x80, // IFLA_PROTINFO (12) | NLA_F_NESTED, 20 bytes
      0x05, 0x00, 0x01, 0x00, // IFLA_BRPORT_STATE (1), 5 bytes
      0x03, 0x00, 0x00, 0x00, // 3 (BR_STATE_FORWARDING) + 3 bytes padding
      0x08, 0x00, 0x03, 0x00, // IFLA_BRPORT_COST (3), 8 bytes
      0x02, 0x00, 0x00, 0x00, // 2
];

fn bridge_port_info() -> Message {
    let port = vec![
        Node::new(IFLA_BRPORT_STATE, AttrValue::U8(3)),
        Node::new(IFLA_BRPORT_COST, AttrValue::U32(2)),
    ];
    let protinfo = Node {
        raw_type: IFLA_PROTINFO | netlink_codec::attr::NLA_F_NESTED,
        value: AttrValue::Nested(port),
        pad: Pad::ZERO,
    };
    Message {
        msg_type: RTM_NEWLINK,
        flags: NlmFlags::MULTI.bits(),
        seq: 1,
        pid: 0,
        body: Body::Link(ifinfomsg(7, 4), vec![protinfo]),
    }
}

#[test]
fn bridge_protinfo_parses_to_bridge_port_attributes() {
    assert_eq!(parse(BRIDGE_PORT_INFO), bridge_port_info());
    assert_eq!(bridge_port_info().to_bytes().unwrap(), BRIDGE_PORT_INFO);
}

#[test]
fn protinfo_is_read_in_the_space_its_family_names() {
    // AF_INET6: the same types are IFLA_INET6_FLAGS (a u32, here 1 byte: raw) and
    // IFLA_INET6_MCAST (raw).
    let inet6 = parse(&with_byte(BRIDGE_PORT_INFO, 16, 10));
    let AttrValue::Nested(c) = &link_attrs(&inet6)[0].value else {
        panic!("AF_INET6 IFLA_PROTINFO is a nest: {inet6:?}");
    };
    assert_eq!(c[0].value, AttrValue::Raw(vec![3]));
    // AF_UNSPEC: no space; the whole payload stays raw.
    let unspec = parse(&with_byte(BRIDGE_PORT_INFO, 16, 0));
    assert!(matches!(link_attrs(&unspec)[0].value, AttrValue::Raw(ref b) if b.len() == 16));
}

// ---- ip nexthop add id 10 encap mpls 300 via 192.0.2.2 dev v0 (corpus 0356) ----------

#[rustfmt::skip]
const NEXTHOP_ENCAP_MPLS: &[u8] = &[
    0x44, 0x00, 0x00, 0x00, // nlmsg_len 68
    0x68, 0x00,             // nlmsg_type RTM_NEWNEXTHOP (104)
    0x05, 0x06,             // NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE
    0xda, 0x52, 0x0f, 0x6b, // nlmsg_seq
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid
    // nhmsg
    0x02, 0x00, 0x00, 0x00, // nh_family AF_INET, nh_scope, nh_protocol, resvd
    0x00, 0x00, 0x00, 0x00, // nh_flags
    0x08, 0x00, 0x01, 0x00, // NHA_ID (1), 8 bytes
    0x0a, 0x00, 0x00, 0x00, // 10
    0x0c, 0x00, 0x08, 0x80, // NHA_ENCAP (8) | NLA_F_NESTED, 12 bytes: MPLS_IPTUNNEL_*
      0x08, 0x00, 0x01, 0x00, // MPLS_IPTUNNEL_DST (1), 8 bytes
      0x00, 0x12, 0xc1, 0x00, // struct mpls_label: label 300, bottom of stack (network order)
    0x06, 0x00, 0x07, 0x00, // NHA_ENCAP_TYPE (7), 6 bytes
    0x01, 0x00, 0x00, 0x00, // LWTUNNEL_ENCAP_MPLS (1) + 2 bytes padding
    0x08, 0x00, 0x06, 0x00, // NHA_GATEWAY (6), 8 bytes
    0xc0, 0x00, 0x02, 0x02, // 192.0.2.2
    0x08, 0x00, 0x05, 0x00, // NHA_OIF (5), 8 bytes
    0x04, 0x00, 0x00, 0x00, // 4
];

fn nexthop_encap_mpls() -> Message {
    let encap = Node {
        raw_type: NHA_ENCAP | netlink_codec::attr::NLA_F_NESTED,
        value: AttrValue::Nested(vec![Node::new(
            MPLS_IPTUNNEL_DST,
            AttrValue::Structs(vec![0x00, 0x12, 0xc1, 0x00]),
        )]),
        pad: Pad::ZERO,
    };
    let h = NhMsg::read_from_bytes(&[2, 0, 0, 0, 0, 0, 0, 0]).unwrap();
    Message {
        msg_type: RTM_NEWNEXTHOP,
        flags: (NlmFlags::REQUEST | NlmFlags::ACK | NlmFlags::EXCL | NlmFlags::CREATE).bits(),
        seq: 0x6b0f_52da,
        pid: 0,
        body: Body::Nexthop(
            Header(h),
            vec![
                Node::new(NHA_ID, AttrValue::U32(10)),
                encap,
                Node::new(NHA_ENCAP_TYPE, AttrValue::U16(1)),
                Node::new(
                    NHA_GATEWAY,
                    AttrValue::Ip(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 2))),
                ),
                Node::new(NHA_OIF, AttrValue::U32(4)),
            ],
        ),
    }
}

#[test]
fn nexthop_encap_is_read_in_the_space_its_type_names() {
    assert_eq!(parse(NEXTHOP_ENCAP_MPLS), nexthop_encap_mpls());
    assert_eq!(nexthop_encap_mpls().to_bytes().unwrap(), NEXTHOP_ENCAP_MPLS);
    // LWTUNNEL_ENCAP_NONE (0) names no space: the encapsulation stays raw.
    let none = parse(&with_byte(NEXTHOP_ENCAP_MPLS, 48, 0));
    let Body::Nexthop(_, n) = &none.body else {
        panic!("a next hop: {none:?}")
    };
    assert!(matches!(n[1].value, AttrValue::Raw(_)));
}

// ---- ip link add gre1 type gre local 192.0.2.1 key 5, and a can link ----------------

#[rustfmt::skip]
const GRE_AND_CAN: &[u8] = &[
    0x60, 0x00, 0x00, 0x00, // nlmsg_len 96
    0x10, 0x00,             // nlmsg_type RTM_NEWLINK (16)
    0x05, 0x06,             // NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE
    0x01, 0x00, 0x00, 0x00, // nlmsg_seq 1
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // ifinfomsg: all zero
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x20, 0x00, 0x12, 0x00, // IFLA_LINKINFO (18), 32 bytes
      0x07, 0x00, 0x01, 0x00, // IFLA_INFO_KIND (1), 7 bytes
      b'g', b'r', b'e', 0x00, // "gre" (iproute2 6.1 sends no NUL) + 1 byte padding
      0x14, 0x00, 0x02, 0x00, // IFLA_INFO_DATA (2), 20 bytes: IFLA_GRE_*
        0x08, 0x00, 0x04, 0x00, // IFLA_GRE_IKEY (4), 8 bytes
        0x00, 0x00, 0x00, 0x05, // 5, network order
        0x08, 0x00, 0x06, 0x00, // IFLA_GRE_LOCAL (6), 8 bytes
        0xc0, 0x00, 0x02, 0x01, // 192.0.2.1
    0x20, 0x00, 0x12, 0x00, // IFLA_LINKINFO (18), 32 bytes (a second one, for can)
      0x07, 0x00, 0x01, 0x00, // IFLA_INFO_KIND (1), 7 bytes
      b'c', b'a', b'n', 0x00, // "can" + 1 byte padding
      0x14, 0x00, 0x02, 0x00, // IFLA_INFO_DATA (2), 20 bytes: IFLA_CAN_*
        0x08, 0x00, 0x06, 0x00, // IFLA_CAN_RESTART_MS (6), 8 bytes
        0x64, 0x00, 0x00, 0x00, // 100
        0x08, 0x00, 0x08, 0x00, // IFLA_CAN_BERR_COUNTER (8): struct can_berr_counter
        0x02, 0x00, 0x07, 0x00, // txerr 2, rxerr 7
];

fn gre_and_can() -> Message {
    let kind = |k: &str| Node::new(IFLA_INFO_KIND, AttrValue::Str(k.to_owned(), false));
    let gre = vec![
        Node::new(IFLA_GRE_IKEY, AttrValue::Be32(5)),
        Node::new(
            IFLA_GRE_LOCAL,
            AttrValue::Ip(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1))),
        ),
    ];
    let can = vec![
        Node::new(IFLA_CAN_RESTART_MS, AttrValue::U32(100)),
        Node::new(IFLA_CAN_BERR_COUNTER, AttrValue::Structs(vec![2, 0, 7, 0])),
    ];
    let info = |k: &str, data: Vec<Node>| {
        Node::new(
            IFLA_LINKINFO,
            AttrValue::Nested(vec![
                kind(k),
                Node::new(IFLA_INFO_DATA, AttrValue::Nested(data)),
            ]),
        )
    };
    Message {
        msg_type: RTM_NEWLINK,
        flags: (NlmFlags::REQUEST | NlmFlags::ACK | NlmFlags::EXCL | NlmFlags::CREATE).bits(),
        seq: 1,
        pid: 0,
        body: Body::Link(ifinfomsg(0, 0), vec![info("gre", gre), info("can", can)]),
    }
}

#[test]
fn tunnel_and_can_data_parse_in_their_kinds_spaces() {
    assert_eq!(parse(GRE_AND_CAN), gre_and_can());
    assert_eq!(gre_and_can().to_bytes().unwrap(), GRE_AND_CAN);
}

// ---- struct fields in network order and 64-bit ones ------------------------------------

#[rustfmt::skip]
const VXLAN_PORT_RANGE: &[u8] = &[
    0x03, 0xe8, // low 1000, network order
    0x07, 0xd0, // high 2000, network order
];

#[test]
fn port_range_fields_read_and_write_in_network_order() {
    let def = &netlink_codec::link::PortRange::VXLAN_DEF;
    let vals: Vec<_> = def
        .fields
        .iter()
        .map(|f| def.read(f, VXLAN_PORT_RANGE))
        .collect();
    assert_eq!(vals, [Some(1000), Some(2000)]);
    let mut b = [0u8; 4];
    for (f, v) in def.fields.iter().zip([1000, 2000]) {
        def.write(f, &mut b, v).unwrap();
    }
    assert_eq!(b, VXLAN_PORT_RANGE);
    assert!(def.write(&def.fields[0], &mut b, 65536).is_err());
}

#[rustfmt::skip]
const IFMAP: &[u8] = &[
    0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // mem_start 0x1000
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // mem_end u64::MAX (reads as -1)
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // base_addr 0
    0x0b, 0x00,                                     // irq 11
    0x03,                                           // dma 3
    0x01,                                           // port 1
    0x00, 0x00, 0x00, 0x00,                         // tail padding
];

#[test]
fn ifmap_fields_include_the_64_bit_ones() {
    let def = &netlink_codec::link::RtnlLinkIfmap::DEF;
    let vals: Vec<_> = def.fields.iter().map(|f| def.read(f, IFMAP)).collect();
    assert_eq!(
        vals,
        [
            Some(0x1000),
            Some(-1),
            Some(0),
            Some(11),
            Some(3),
            Some(1),
            Some(0)
        ]
    );
    let mut b = [0u8; 32];
    for (f, v) in def.fields.iter().zip(vals) {
        def.write(f, &mut b, v.unwrap()).unwrap();
    }
    assert_eq!(b, IFMAP);
}

#[rustfmt::skip]
const BRIDGE_ID: &[u8] = &[
    0x80, 0x00,                         // prio 0x8000 (32768), high byte first
    0xce, 0xfb, 0x32, 0xe7, 0xc8, 0x4e, // addr ce:fb:32:e7:c8:4e
];

#[test]
fn bridge_id_fields_are_the_priority_and_the_address_bytes() {
    let def = &netlink_codec::link::IflaBridgeId::DEF;
    let vals: Vec<_> = def.fields.iter().map(|f| def.read(f, BRIDGE_ID)).collect();
    assert_eq!(vals, [Some(0x8000), Some(0xcefb_32e7_c84e)]);
    let mut b = [0u8; 8];
    for (f, v) in def.fields.iter().zip(vals) {
        def.write(f, &mut b, v.unwrap()).unwrap();
    }
    assert_eq!(b, BRIDGE_ID);
    assert!(def.write(&def.fields[1], &mut b, 1 << 48).is_err());
}

#[test]
fn an_mpls_label_stack_entry_holds_its_label() {
    // MPLS_IPTUNNEL_DST of NEXTHOP_ENCAP_MPLS: label 300, bottom of stack.
    let l = netlink_codec::route::MplsLabel::read_from_bytes(&NEXTHOP_ENCAP_MPLS[40..44]).unwrap();
    assert_eq!(l.label(), 300);
    assert_eq!(l.entry.get() & 0x100, 0x100, "bottom of stack");
}

#[rustfmt::skip]
const MPLS_STACK: &[u8] = &[
    0x00, 0x0c, 0x80, 0x40, // label 200 (0x000c8 << 12), tc 0, bottom of stack 0, ttl 64
    0x00, 0x12, 0xd7, 0x05, // label 301 (0x0012d << 12), tc 3 (3 << 9), bottom of stack 1
                            // (1 << 8), ttl 5: 0x0012d000 | 0x600 | 0x100 | 0x05
];

#[test]
fn mpls_label_stack_entries_read_as_label_tc_bos_and_ttl() {
    let def = &netlink_codec::route::MplsLabel::DEF;
    let names: Vec<_> = def.fields.iter().map(|f| f.name).collect();
    assert_eq!(names, ["label", "tc", "bos", "ttl"]);
    let entries: Vec<Vec<_>> = MPLS_STACK
        .chunks(def.len)
        .map(|e| def.fields.iter().map(|f| def.read(f, e)).collect())
        .collect();
    let read = |v: [i64; 4]| v.map(Some).to_vec();
    assert_eq!(entries, [read([200, 0, 0, 64]), read([301, 3, 1, 5])]);
    // Written field by field into zeroed bytes, they give the entries back.
    let mut b = vec![0u8; MPLS_STACK.len()];
    for (e, vals) in b.chunks_mut(def.len).zip(&entries) {
        for (f, v) in def.fields.iter().zip(vals) {
            def.write(f, e, v.unwrap()).unwrap();
        }
    }
    assert_eq!(b, MPLS_STACK);
    // A part wider than its bits is refused, naming the field; the others are untouched.
    let err = def.write(&def.fields[1], &mut b[..4], 8).unwrap_err();
    assert!(err.to_string().contains("tc"), "{err}");
    assert_eq!(b, MPLS_STACK);
}
