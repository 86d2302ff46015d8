//! A bridge's ring protocols inside the `AF_BRIDGE` `IFLA_AF_SPEC`, annotated byte by byte
//! in the style of `annotated.rs`: MRP (`IFLA_BRIDGE_MRP`, net/bridge/br_mrp_netlink.c) and
//! CFM (`IFLA_BRIDGE_CFM`, net/bridge/br_cfm_netlink.c), a request as `br_mrp_parse` /
//! `br_cfm_parse` read it and a dump as `br_mrp_fill_info` / `br_cfm_config_fill_info` /
//! `br_cfm_status_fill_info` write it. Each parses to the expected owned message and emits
//! exactly those bytes.
//!
//! The bytes are native-endian as netlink is; they are written for a little-endian host.
#![cfg(target_endian = "little")]

mod common;

use netlink_codec::af::AF_BRIDGE;
use netlink_codec::attr::NLA_F_NESTED;
use netlink_codec::header::{RTM_NEWLINK, RTM_SETLINK};
use netlink_codec::link::*;
use netlink_codec::model::{AttrValue, Body, Header, Message, Node, Pad};

use common::parse_one as parse;

/// `raw` parses to `expected`, and `expected` emits `raw`.
fn both_ways(raw: &[u8], expected: &Message) {
    assert_eq!(&parse(raw), expected);
    assert_eq!(expected.to_bytes().unwrap(), raw);
}

/// An `AF_BRIDGE` link message for the bridge of index 5 whose `IFLA_AF_SPEC` holds `spec`.
fn bridge(msg_type: u16, spec: Vec<Node>) -> Message {
    let h = IfInfoMsg {
        ifi_family: AF_BRIDGE,
        ifi_index: 5.into(),
        ..IfInfoMsg::default()
    };
    Message {
        msg_type,
        flags: 0,
        seq: 1,
        pid: 0,
        body: Body::Link(
            Header(h),
            vec![Node::new(IFLA_AF_SPEC, AttrValue::Nested(spec))],
        ),
    }
}

fn u32s(v: &[(u16, u32)]) -> Vec<Node> {
    v.iter()
        .map(|&(k, x)| Node::new(k, AttrValue::U32(x)))
        .collect()
}

fn nested_flag(kind: u16, children: Vec<Node>) -> Node {
    Node {
        raw_type: kind | NLA_F_NESTED,
        value: AttrValue::Nested(children),
        pad: Pad::ZERO,
    }
}

// ---- MRP: a ring instance added (request), then dumped ----------------------------------

/// Ring 1 on ports 6 and 7 with priority 0x8000, as an MRP daemon adds it.
#[rustfmt::skip]
const MRP_ADD: &[u8] = &[
    0x4c, 0x00, 0x00, 0x00, // nlmsg_len 76
    0x13, 0x00,             // nlmsg_type RTM_SETLINK (19)
    0x00, 0x00,             // flags
    0x01, 0x00, 0x00, 0x00, // nlmsg_seq 1
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid
    0x07, 0x00,             // ifi_family AF_BRIDGE (7): IFLA_AF_SPEC holds IFLA_BRIDGE_*
    0x00, 0x00,             // ifi_type
    0x05, 0x00, 0x00, 0x00, // ifi_index 5 (the bridge)
    0x00, 0x00, 0x00, 0x00, // ifi_flags
    0x00, 0x00, 0x00, 0x00, // ifi_change
    0x2c, 0x00, 0x1a, 0x00, // IFLA_AF_SPEC (26), 44 bytes
      0x28, 0x00, 0x04, 0x00, // IFLA_BRIDGE_MRP (4), 40 bytes
        0x24, 0x00, 0x01, 0x00, // IFLA_BRIDGE_MRP_INSTANCE (1), 36 bytes
          0x08, 0x00, 0x01, 0x00, // IFLA_BRIDGE_MRP_INSTANCE_RING_ID (1): u32
          0x01, 0x00, 0x00, 0x00, // 1
          0x08, 0x00, 0x02, 0x00, // IFLA_BRIDGE_MRP_INSTANCE_P_IFINDEX (2): u32
          0x06, 0x00, 0x00, 0x00, // 6
          0x08, 0x00, 0x03, 0x00, // IFLA_BRIDGE_MRP_INSTANCE_S_IFINDEX (3): u32
          0x07, 0x00, 0x00, 0x00, // 7
          0x06, 0x00, 0x04, 0x00, // IFLA_BRIDGE_MRP_INSTANCE_PRIO (4): u16 (NLA_U16)
          0x00, 0x80, 0x00, 0x00, // 0x8000 (MRP_DEFAULT_PRIO), padding
];

#[test]
fn mrp_instance_request_is_typed() {
    let mut inst = u32s(&[
        (IFLA_BRIDGE_MRP_INSTANCE_RING_ID, 1),
        (IFLA_BRIDGE_MRP_INSTANCE_P_IFINDEX, 6),
        (IFLA_BRIDGE_MRP_INSTANCE_S_IFINDEX, 7),
    ]);
    inst.push(Node::new(
        IFLA_BRIDGE_MRP_INSTANCE_PRIO,
        AttrValue::U16(0x8000),
    ));
    let mrp = vec![Node::new(IFLA_BRIDGE_MRP_INSTANCE, AttrValue::Nested(inst))];
    let spec = vec![Node::new(IFLA_BRIDGE_MRP, AttrValue::Nested(mrp))];
    both_ways(MRP_ADD, &bridge(RTM_SETLINK, spec));
}

/// The same ring dumped (`br_mrp_fill_info`, both nests without NLA_F_NESTED): ring 1 on
/// ports 6 and 7, closed, its manager role, tests every 10 ms, three misses allowed, not
/// monitoring, no interconnect.
#[rustfmt::skip]
const MRP_DUMP: &[u8] = &[
    0x94, 0x00, 0x00, 0x00, // nlmsg_len 148
    0x10, 0x00,             // nlmsg_type RTM_NEWLINK (16)
    0x00, 0x00,             // flags
    0x01, 0x00, 0x00, 0x00, // nlmsg_seq 1
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid
    0x07, 0x00,             // ifi_family AF_BRIDGE (7)
    0x00, 0x00,             // ifi_type
    0x05, 0x00, 0x00, 0x00, // ifi_index 5
    0x00, 0x00, 0x00, 0x00, // ifi_flags
    0x00, 0x00, 0x00, 0x00, // ifi_change
    0x74, 0x00, 0x1a, 0x00, // IFLA_AF_SPEC (26), 116 bytes
      0x70, 0x00, 0x04, 0x00, // IFLA_BRIDGE_MRP (4), 112 bytes
        0x6c, 0x00, 0x07, 0x00, // IFLA_BRIDGE_MRP_INFO (7), 108 bytes
          0x08, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, // _INFO_RING_ID (1): 1
          0x08, 0x00, 0x02, 0x00, 0x06, 0x00, 0x00, 0x00, // _INFO_P_IFINDEX (2): 6
          0x08, 0x00, 0x03, 0x00, 0x07, 0x00, 0x00, 0x00, // _INFO_S_IFINDEX (3): 7
          0x06, 0x00, 0x04, 0x00, 0x00, 0x80, 0x00, 0x00, // _INFO_PRIO (4): u16 0x8000
          0x08, 0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00, // _INFO_RING_STATE (5): CLOSED
          0x08, 0x00, 0x06, 0x00, 0x02, 0x00, 0x00, 0x00, // _INFO_RING_ROLE (6): MRM
          0x08, 0x00, 0x07, 0x00, 0x10, 0x27, 0x00, 0x00, // _INFO_TEST_INTERVAL (7): 10000 us
          0x08, 0x00, 0x08, 0x00, 0x03, 0x00, 0x00, 0x00, // _INFO_TEST_MAX_MISS (8): 3
          0x08, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00, // _INFO_TEST_MONITOR (9): 0
          0x08, 0x00, 0x0b, 0x00, 0x00, 0x00, 0x00, 0x00, // _INFO_IN_STATE (11): 0
          0x08, 0x00, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x00, // _INFO_IN_ROLE (12): DISABLED
          0x08, 0x00, 0x0d, 0x00, 0x00, 0x00, 0x00, 0x00, // _INFO_IN_TEST_INTERVAL (13): 0
          0x08, 0x00, 0x0e, 0x00, 0x00, 0x00, 0x00, 0x00, // _INFO_IN_TEST_MAX_MISS (14): 0
];

#[test]
fn mrp_info_dump_is_typed() {
    let mut info = u32s(&[
        (IFLA_BRIDGE_MRP_INFO_RING_ID, 1),
        (IFLA_BRIDGE_MRP_INFO_P_IFINDEX, 6),
        (IFLA_BRIDGE_MRP_INFO_S_IFINDEX, 7),
    ]);
    info.push(Node::new(IFLA_BRIDGE_MRP_INFO_PRIO, AttrValue::U16(0x8000)));
    info.extend(u32s(&[
        (IFLA_BRIDGE_MRP_INFO_RING_STATE, 1),
        (IFLA_BRIDGE_MRP_INFO_RING_ROLE, 2),
        (IFLA_BRIDGE_MRP_INFO_TEST_INTERVAL, 10_000),
        (IFLA_BRIDGE_MRP_INFO_TEST_MAX_MISS, 3),
        (IFLA_BRIDGE_MRP_INFO_TEST_MONITOR, 0),
        (IFLA_BRIDGE_MRP_INFO_IN_STATE, 0),
        (IFLA_BRIDGE_MRP_INFO_IN_ROLE, 0),
        (IFLA_BRIDGE_MRP_INFO_IN_TEST_INTERVAL, 0),
        (IFLA_BRIDGE_MRP_INFO_IN_TEST_MAX_MISS, 0),
    ]));
    let mrp = vec![Node::new(IFLA_BRIDGE_MRP_INFO, AttrValue::Nested(info))];
    let spec = vec![Node::new(IFLA_BRIDGE_MRP, AttrValue::Nested(mrp))];
    both_ways(MRP_DUMP, &bridge(RTM_NEWLINK, spec));
}

/// An interconnect role: `IFLA_BRIDGE_MRP_IN_ROLE_IN_ID` is the one `u16` (NLA_U16) among
/// `u32`s.
#[rustfmt::skip]
const MRP_IN_ROLE: &[u8] = &[
    0x4c, 0x00, 0x00, 0x00, // nlmsg_len 76
    0x13, 0x00,             // nlmsg_type RTM_SETLINK (19)
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // flags, seq 1, pid
    0x07, 0x00, 0x00, 0x00, // ifi_family AF_BRIDGE, ifi_type
    0x05, 0x00, 0x00, 0x00, // ifi_index 5
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // ifi_flags, ifi_change
    0x2c, 0x00, 0x1a, 0x00, // IFLA_AF_SPEC (26), 44 bytes
      0x28, 0x00, 0x04, 0x00, // IFLA_BRIDGE_MRP (4), 40 bytes
        0x24, 0x00, 0x08, 0x00, // IFLA_BRIDGE_MRP_IN_ROLE (8), 36 bytes
          0x08, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, // _IN_ROLE_RING_ID (1): 1
          0x06, 0x00, 0x02, 0x00, 0x0a, 0x00, 0x00, 0x00, // _IN_ROLE_IN_ID (2): u16 10
          0x08, 0x00, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, // _IN_ROLE_ROLE (3): MIM
          0x08, 0x00, 0x04, 0x00, 0x08, 0x00, 0x00, 0x00, // _IN_ROLE_I_IFINDEX (4): 8
];

#[test]
fn mrp_interconnect_role_is_typed() {
    let role = vec![
        Node::new(IFLA_BRIDGE_MRP_IN_ROLE_RING_ID, AttrValue::U32(1)),
        Node::new(IFLA_BRIDGE_MRP_IN_ROLE_IN_ID, AttrValue::U16(10)),
        Node::new(IFLA_BRIDGE_MRP_IN_ROLE_ROLE, AttrValue::U32(1)),
        Node::new(IFLA_BRIDGE_MRP_IN_ROLE_I_IFINDEX, AttrValue::U32(8)),
    ];
    let mrp = vec![Node::new(IFLA_BRIDGE_MRP_IN_ROLE, AttrValue::Nested(role))];
    let spec = vec![Node::new(IFLA_BRIDGE_MRP, AttrValue::Nested(mrp))];
    both_ways(MRP_IN_ROLE, &bridge(RTM_SETLINK, spec));
}

// ---- CFM: a MEP's configuration and a peer's status, dumped ------------------------------

/// `br_cfm_config_fill_info` and `br_cfm_status_fill_info` for MEP instance 1: its
/// unicast MAC and MEP id, its expected MAID (48 bytes, kept as bytes: an opaque
/// identifier), its CCM transmission to a multicast MAC, and one peer's status.
#[rustfmt::skip]
const CFM_DUMP: &[u8] = &[
    0x2c, 0x01, 0x00, 0x00, // nlmsg_len 300
    0x10, 0x00,             // nlmsg_type RTM_NEWLINK (16)
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // flags, seq 1, pid
    0x07, 0x00, 0x00, 0x00, // ifi_family AF_BRIDGE, ifi_type
    0x05, 0x00, 0x00, 0x00, // ifi_index 5
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // ifi_flags, ifi_change
    0x0c, 0x01, 0x1a, 0x00, // IFLA_AF_SPEC (26), 268 bytes
      0x08, 0x01, 0x05, 0x80, // IFLA_BRIDGE_CFM (5) | NLA_F_NESTED, 264 bytes
        0x28, 0x00, 0x0a, 0x80, // IFLA_BRIDGE_CFM_MEP_CONFIG_INFO (10) | NESTED, 40 bytes
          0x08, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, // _MEP_CONFIG_INSTANCE (1): 1
          0x0a, 0x00, 0x02, 0x00, // _MEP_CONFIG_UNICAST_MAC (2), 10 bytes: a MAC
          0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, // 02:00:00:00:00:01, padding
          0x08, 0x00, 0x03, 0x00, 0x07, 0x00, 0x00, 0x00, // _MEP_CONFIG_MDLEVEL (3): 7
          0x08, 0x00, 0x04, 0x00, 0x2a, 0x00, 0x00, 0x00, // _MEP_CONFIG_MEPID (4): 42
        0x50, 0x00, 0x0b, 0x80, // IFLA_BRIDGE_CFM_CC_CONFIG_INFO (11) | NESTED, 80 bytes
          0x08, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, // _CC_CONFIG_INSTANCE (1): 1
          0x08, 0x00, 0x02, 0x00, 0x01, 0x00, 0x00, 0x00, // _CC_CONFIG_ENABLE (2): 1
          0x08, 0x00, 0x03, 0x00, 0x04, 0x00, 0x00, 0x00, // _CC_CONFIG_EXP_INTERVAL (3): 4
          0x34, 0x00, 0x04, 0x00, // _CC_CONFIG_EXP_MAID (4), 52 bytes: CFM_MAID_LENGTH 48
          0x01, 0x04, b'm', b'a', b'i', b'd', 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
          0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
          0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
          0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x40, 0x00, 0x0d, 0x80, // IFLA_BRIDGE_CFM_CC_CCM_TX_INFO (13) | NESTED, 64 bytes
          0x08, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, // _CC_CCM_TX_INSTANCE (1): 1
          0x0a, 0x00, 0x02, 0x00, // _CC_CCM_TX_DMAC (2), 10 bytes: a MAC
          0x01, 0x80, 0xc2, 0x00, 0x00, 0x37, 0x00, 0x00, // 01:80:c2:00:00:37, padding
          0x08, 0x00, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, // _SEQ_NO_UPDATE (3): 1
          0x08, 0x00, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00, // _PERIOD (4): 10
          0x08, 0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00, // _IF_TLV (5): 1
          0x05, 0x00, 0x06, 0x00, 0x01, 0x00, 0x00, 0x00, // _IF_TLV_VALUE (6): u8 1
          0x08, 0x00, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, // _PORT_TLV (7): 0
        0x4c, 0x00, 0x10, 0x80, // IFLA_BRIDGE_CFM_CC_PEER_STATUS_INFO (16) | NESTED, 76 bytes
          0x08, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, // _PEER_STATUS_INSTANCE (1): 1
          0x08, 0x00, 0x02, 0x00, 0x2b, 0x00, 0x00, 0x00, // _PEER_STATUS_PEER_MEPID (2): 43
          0x08, 0x00, 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, // _CCM_DEFECT (3): 0
          0x08, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, // _RDI (4): 0
          0x05, 0x00, 0x05, 0x00, 0x02, 0x00, 0x00, 0x00, // _PORT_TLV_VALUE (5): u8 2
          0x05, 0x00, 0x06, 0x00, 0x01, 0x00, 0x00, 0x00, // _IF_TLV_VALUE (6): u8 1
          0x08, 0x00, 0x07, 0x00, 0x01, 0x00, 0x00, 0x00, // _SEEN (7): 1
          0x08, 0x00, 0x08, 0x00, 0x01, 0x00, 0x00, 0x00, // _TLV_SEEN (8): 1
          0x08, 0x00, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00, // _SEQ_UNEXP_SEEN (9): 0
];

#[test]
fn cfm_config_and_status_dump_is_typed() {
    let mac = |b: [u8; 6]| AttrValue::LlAddr(b.to_vec());
    let config = vec![
        Node::new(IFLA_BRIDGE_CFM_MEP_CONFIG_INSTANCE, AttrValue::U32(1)),
        Node::new(
            IFLA_BRIDGE_CFM_MEP_CONFIG_UNICAST_MAC,
            mac([2, 0, 0, 0, 0, 1]),
        ),
        Node::new(IFLA_BRIDGE_CFM_MEP_CONFIG_MDLEVEL, AttrValue::U32(7)),
        Node::new(IFLA_BRIDGE_CFM_MEP_CONFIG_MEPID, AttrValue::U32(42)),
    ];
    let mut maid = vec![0u8; 48];
    maid[..6].copy_from_slice(&[0x01, 0x04, b'm', b'a', b'i', b'd']);
    let mut cc = u32s(&[
        (IFLA_BRIDGE_CFM_CC_CONFIG_INSTANCE, 1),
        (IFLA_BRIDGE_CFM_CC_CONFIG_ENABLE, 1),
        (IFLA_BRIDGE_CFM_CC_CONFIG_EXP_INTERVAL, 4),
    ]);
    cc.push(Node::new(
        IFLA_BRIDGE_CFM_CC_CONFIG_EXP_MAID,
        AttrValue::Raw(maid),
    ));
    let tx = vec![
        Node::new(IFLA_BRIDGE_CFM_CC_CCM_TX_INSTANCE, AttrValue::U32(1)),
        Node::new(
            IFLA_BRIDGE_CFM_CC_CCM_TX_DMAC,
            mac([1, 0x80, 0xc2, 0, 0, 0x37]),
        ),
        Node::new(IFLA_BRIDGE_CFM_CC_CCM_TX_SEQ_NO_UPDATE, AttrValue::U32(1)),
        Node::new(IFLA_BRIDGE_CFM_CC_CCM_TX_PERIOD, AttrValue::U32(10)),
        Node::new(IFLA_BRIDGE_CFM_CC_CCM_TX_IF_TLV, AttrValue::U32(1)),
        Node::new(IFLA_BRIDGE_CFM_CC_CCM_TX_IF_TLV_VALUE, AttrValue::U8(1)),
        Node::new(IFLA_BRIDGE_CFM_CC_CCM_TX_PORT_TLV, AttrValue::U32(0)),
    ];
    let mut peer = u32s(&[
        (IFLA_BRIDGE_CFM_CC_PEER_STATUS_INSTANCE, 1),
        (IFLA_BRIDGE_CFM_CC_PEER_STATUS_PEER_MEPID, 43),
        (IFLA_BRIDGE_CFM_CC_PEER_STATUS_CCM_DEFECT, 0),
        (IFLA_BRIDGE_CFM_CC_PEER_STATUS_RDI, 0),
    ]);
    peer.push(Node::new(
        IFLA_BRIDGE_CFM_CC_PEER_STATUS_PORT_TLV_VALUE,
        AttrValue::U8(2),
    ));
    peer.push(Node::new(
        IFLA_BRIDGE_CFM_CC_PEER_STATUS_IF_TLV_VALUE,
        AttrValue::U8(1),
    ));
    peer.extend(u32s(&[
        (IFLA_BRIDGE_CFM_CC_PEER_STATUS_SEEN, 1),
        (IFLA_BRIDGE_CFM_CC_PEER_STATUS_TLV_SEEN, 1),
        (IFLA_BRIDGE_CFM_CC_PEER_STATUS_SEQ_UNEXP_SEEN, 0),
    ]));
    let cfm = vec![
        nested_flag(IFLA_BRIDGE_CFM_MEP_CONFIG_INFO, config),
        nested_flag(IFLA_BRIDGE_CFM_CC_CONFIG_INFO, cc),
        nested_flag(IFLA_BRIDGE_CFM_CC_CCM_TX_INFO, tx),
        nested_flag(IFLA_BRIDGE_CFM_CC_PEER_STATUS_INFO, peer),
    ];
    let spec = vec![nested_flag(IFLA_BRIDGE_CFM, cfm)];
    both_ways(CFM_DUMP, &bridge(RTM_NEWLINK, spec));
}

/// A peer MEP added (request): `IFLA_BRIDGE_CFM_CC_PEER_MEP_ADD` and `_REMOVE` share one
/// space, whose id is `IFLA_BRIDGE_CFM_CC_PEER_MEPID` (the uapi drops the `_MEP`).
#[rustfmt::skip]
const CFM_PEER_ADD: &[u8] = &[
    0x3c, 0x00, 0x00, 0x00, // nlmsg_len 60
    0x13, 0x00,             // nlmsg_type RTM_SETLINK (19)
    0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // flags, seq 1, pid
    0x07, 0x00, 0x00, 0x00, // ifi_family AF_BRIDGE, ifi_type
    0x05, 0x00, 0x00, 0x00, // ifi_index 5
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // ifi_flags, ifi_change
    0x1c, 0x00, 0x1a, 0x00, // IFLA_AF_SPEC (26), 28 bytes
      0x18, 0x00, 0x05, 0x00, // IFLA_BRIDGE_CFM (5), 24 bytes
        0x14, 0x00, 0x05, 0x00, // IFLA_BRIDGE_CFM_CC_PEER_MEP_ADD (5), 20 bytes
          0x08, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, // _CC_PEER_MEP_INSTANCE (1): 1
          0x08, 0x00, 0x02, 0x00, 0x2b, 0x00, 0x00, 0x00, // _CC_PEER_MEPID (2): 43
];

#[test]
fn cfm_peer_request_is_typed() {
    let peer = u32s(&[
        (IFLA_BRIDGE_CFM_CC_PEER_MEP_INSTANCE, 1),
        (IFLA_BRIDGE_CFM_CC_PEER_MEPID, 43),
    ]);
    let cfm = vec![Node::new(
        IFLA_BRIDGE_CFM_CC_PEER_MEP_ADD,
        AttrValue::Nested(peer),
    )];
    let spec = vec![Node::new(IFLA_BRIDGE_CFM, AttrValue::Nested(cfm))];
    both_ways(CFM_PEER_ADD, &bridge(RTM_SETLINK, spec));
}
