//! The neighbour, rule, netconf and address label families, annotated byte by byte in the
//! style of `annotated.rs`: each raw request (as iproute2 sends it; the corpus holds the
//! captures) parses to the expected owned message, the message emits exactly those bytes,
//! and the builder calls a user would write produce them too.
//!
//! The bytes are native-endian as netlink is; they are written for a little-endian host.
#![cfg(target_endian = "little")]

mod common;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use netlink_codec::addrlabel::{IfAddrLblMsg, IFAL_ADDRESS, IFAL_LABEL};
use netlink_codec::af::{AF_BRIDGE, AF_INET, AF_INET6, AF_UNSPEC};
use netlink_codec::build::MessageBuilder;
use netlink_codec::header::{
    NlmFlags, RTM_GETNETCONF, RTM_NEWADDRLABEL, RTM_NEWNEIGH, RTM_NEWRULE,
};
use netlink_codec::model::{AttrValue, Body, Header, Message, Node};
use netlink_codec::neigh::{
    NdMsg, Ntf, NDA_DST, NDA_LLADDR, NDA_PORT, NDA_VNI, NUD_NOARP, NUD_PERMANENT,
};
use netlink_codec::netconf::{NetconfMsg, NETCONFA_IFINDEX};
use netlink_codec::rule::{
    FibRuleHdr, FibRulePortRange, FRA_DPORT_RANGE, FRA_IP_PROTO, FRA_PRIORITY, FRA_SPORT_RANGE,
    FR_ACT_TO_TBL,
};
use zerocopy::IntoBytes;

/// `NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE`.
const CREATE: NlmFlags = NlmFlags::REQUEST
    .union(NlmFlags::ACK)
    .union(NlmFlags::EXCL)
    .union(NlmFlags::CREATE);

use common::parse_one as parse;

// ---- a VXLAN forwarding entry (a neighbour of family AF_BRIDGE) ---------------------------

/// `bridge fdb add 00:00:00:00:00:00 dev <index 7> dst 192.0.2.50 port 4789 vni 100 self
/// permanent` (corpus 0228).
#[rustfmt::skip]
const FDB_ADD: &[u8] = &[
    // nlmsghdr
    0x40, 0x00, 0x00, 0x00, // nlmsg_len 64
    0x1c, 0x00,             // nlmsg_type RTM_NEWNEIGH (28)
    0x05, 0x06,             // nlmsg_flags NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE
    0x03, 0x00, 0x00, 0x00, // nlmsg_seq 3
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid 0
    // ndmsg
    0x07,                   // ndm_family AF_BRIDGE (7): the forwarding database
    0x00,                   // ndm_pad1
    0x00, 0x00,             // ndm_pad2
    0x07, 0x00, 0x00, 0x00, // ndm_ifindex 7 (the vxlan device)
    0xc0, 0x00,             // ndm_state NUD_NOARP (0x40) | NUD_PERMANENT (0x80)
    0x02,                   // ndm_flags NTF_SELF: the device's own table
    0x00,                   // ndm_type RTN_UNSPEC
    0x0a, 0x00, 0x02, 0x00, // NDA_LLADDR (2), 10 bytes
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // 00:00:00:00:00:00 (all unknown destinations)
    0x00, 0x00,             // 2 bytes padding
    0x08, 0x00, 0x01, 0x00, // NDA_DST (1), 8 bytes
    0xc0, 0x00, 0x02, 0x32, // 192.0.2.50: the remote VTEP
    0x06, 0x00, 0x06, 0x00, // NDA_PORT (6), 6 bytes
    0x12, 0xb5,             // 4789, big-endian (network order)
    0x00, 0x00,             // 2 bytes padding
    0x08, 0x00, 0x07, 0x00, // NDA_VNI (7), 8 bytes
    0x64, 0x00, 0x00, 0x00, // 100, host order
];

const VTEP: Ipv4Addr = Ipv4Addr::new(192, 0, 2, 50);

fn fdb_header() -> NdMsg {
    NdMsg {
        ndm_family: AF_BRIDGE,
        ndm_ifindex: 7.into(),
        ndm_state: (NUD_NOARP | NUD_PERMANENT).into(),
        ndm_flags: Ntf::SELF.bits(),
        ..NdMsg::default()
    }
}

fn fdb_add() -> Message {
    let attrs = vec![
        Node::new(NDA_LLADDR, AttrValue::LlAddr(vec![0; 6])),
        Node::new(NDA_DST, AttrValue::Ip(IpAddr::V4(VTEP))),
        Node::new(NDA_PORT, AttrValue::Be16(4789)),
        Node::new(NDA_VNI, AttrValue::U32(100)),
    ];
    Message::request(
        RTM_NEWNEIGH,
        CREATE,
        3,
        Body::Neigh(Header(fdb_header()), attrs),
    )
}

#[test]
fn fdb_add_parses_to_the_expected_message() {
    assert_eq!(parse(FDB_ADD), fdb_add());
}

#[test]
fn fdb_add_emits_the_annotated_bytes() {
    assert_eq!(fdb_add().to_bytes().unwrap(), FDB_ADD);
}

#[test]
fn fdb_add_is_what_the_builder_writes() {
    let mut buf = Vec::new();
    let mut m = MessageBuilder::new(&mut buf, RTM_NEWNEIGH, CREATE, 3).unwrap();
    m.family_header(&fdb_header()).unwrap();
    let a = m.attrs();
    a.attr(NDA_LLADDR, &[0; 6]).unwrap();
    a.ip(NDA_DST, IpAddr::V4(VTEP)).unwrap();
    a.attr(NDA_PORT, &4789u16.to_be_bytes()).unwrap();
    a.u32(NDA_VNI, 100).unwrap();
    assert_eq!(m.finish().unwrap(), FDB_ADD.len());
    assert_eq!(buf, FDB_ADD);
}

// ---- a policy routing rule ----------------------------------------------------------------

/// `ip rule add ipproto tcp sport 1000-2000 dport 80 table 103 pref 1003` (corpus 0246).
#[rustfmt::skip]
const RULE_ADD: &[u8] = &[
    // nlmsghdr
    0x3c, 0x00, 0x00, 0x00, // nlmsg_len 60
    0x20, 0x00,             // nlmsg_type RTM_NEWRULE (32)
    0x05, 0x06,             // nlmsg_flags NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE
    0x04, 0x00, 0x00, 0x00, // nlmsg_seq 4
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid 0
    // fib_rule_hdr
    0x02,                   // family AF_INET (2)
    0x00,                   // dst_len
    0x00,                   // src_len
    0x00,                   // tos
    0x67,                   // table 103 (below 256, so no FRA_TABLE)
    0x00,                   // res1
    0x00,                   // res2
    0x01,                   // action FR_ACT_TO_TBL (1)
    0x00, 0x00, 0x00, 0x00, // flags
    0x05, 0x00, 0x16, 0x00, // FRA_IP_PROTO (22), 5 bytes
    0x06,                   // IPPROTO_TCP (6)
    0x00, 0x00, 0x00,       // 3 bytes padding
    0x08, 0x00, 0x17, 0x00, // FRA_SPORT_RANGE (23), 8 bytes: fib_rule_port_range
    0xe8, 0x03,             // start 1000, host order
    0xd0, 0x07,             // end 2000
    0x08, 0x00, 0x18, 0x00, // FRA_DPORT_RANGE (24), 8 bytes
    0x50, 0x00,             // start 80
    0x50, 0x00,             // end 80: one port
    0x08, 0x00, 0x06, 0x00, // FRA_PRIORITY (6), 8 bytes
    0xeb, 0x03, 0x00, 0x00, // 1003
];

fn rule_header() -> FibRuleHdr {
    FibRuleHdr {
        family: AF_INET,
        table: 103,
        action: FR_ACT_TO_TBL,
        ..FibRuleHdr::default()
    }
}

fn port_range(start: u16, end: u16) -> FibRulePortRange {
    FibRulePortRange {
        start: start.into(),
        end: end.into(),
    }
}

fn rule_add() -> Message {
    let range = |r: FibRulePortRange| AttrValue::Structs(r.as_bytes().to_vec());
    let attrs = vec![
        Node::new(FRA_IP_PROTO, AttrValue::U8(6)),
        Node::new(FRA_SPORT_RANGE, range(port_range(1000, 2000))),
        Node::new(FRA_DPORT_RANGE, range(port_range(80, 80))),
        Node::new(FRA_PRIORITY, AttrValue::U32(1003)),
    ];
    Message::request(
        RTM_NEWRULE,
        CREATE,
        4,
        Body::Rule(Header(rule_header()), attrs),
    )
}

#[test]
fn rule_add_parses_to_the_expected_message() {
    assert_eq!(parse(RULE_ADD), rule_add());
}

#[test]
fn rule_add_emits_the_annotated_bytes() {
    assert_eq!(rule_add().to_bytes().unwrap(), RULE_ADD);
}

#[test]
fn rule_add_is_what_the_builder_writes() {
    let mut buf = Vec::new();
    let mut m = MessageBuilder::new(&mut buf, RTM_NEWRULE, CREATE, 4).unwrap();
    m.family_header(&rule_header()).unwrap();
    let a = m.attrs();
    a.u8(FRA_IP_PROTO, 6).unwrap();
    a.struct_(FRA_SPORT_RANGE, &port_range(1000, 2000)).unwrap();
    a.struct_(FRA_DPORT_RANGE, &port_range(80, 80)).unwrap();
    a.u32(FRA_PRIORITY, 1003).unwrap();
    assert_eq!(m.finish().unwrap(), RULE_ADD.len());
    assert_eq!(buf, RULE_ADD);
}

// ---- netconf: one device's, and the dump of all ------------------------------------------

/// `ip -4 netconf show dev <index 3>` (corpus 0265).
#[rustfmt::skip]
const NETCONF_GET: &[u8] = &[
    // nlmsghdr
    0x1c, 0x00, 0x00, 0x00, // nlmsg_len 28
    0x52, 0x00,             // nlmsg_type RTM_GETNETCONF (82)
    0x05, 0x00,             // nlmsg_flags NLM_F_REQUEST|NLM_F_ACK
    0x05, 0x00, 0x00, 0x00, // nlmsg_seq 5
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid 0
    // netconfmsg
    0x02,                   // ncm_family AF_INET (2)
    0x00, 0x00, 0x00,       // 3 bytes of alignment padding
    0x08, 0x00, 0x01, 0x00, // NETCONFA_IFINDEX (1), 8 bytes
    0x03, 0x00, 0x00, 0x00, // 3 (an __s32: -1 would be NETCONFA_IFINDEX_ALL)
];

/// `ip netconf show` (corpus 0262): a bare netconfmsg whose `nlmsg_len` counts the
/// alignment, as iproute2 sends it.
#[rustfmt::skip]
const NETCONF_DUMP: &[u8] = &[
    // nlmsghdr
    0x14, 0x00, 0x00, 0x00, // nlmsg_len 20, not 17
    0x52, 0x00,             // nlmsg_type RTM_GETNETCONF (82)
    0x01, 0x03,             // nlmsg_flags NLM_F_REQUEST|NLM_F_DUMP
    0x06, 0x00, 0x00, 0x00, // nlmsg_seq 6
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid 0
    // netconfmsg
    0x00,                   // ncm_family AF_UNSPEC: every family
    0x00, 0x00, 0x00,       // 3 bytes of alignment padding
];

fn netconf(family: u8, seq: u32, flags: NlmFlags, attrs: Vec<Node>) -> Message {
    let h = Header(NetconfMsg { ncm_family: family });
    Message::request(RTM_GETNETCONF, flags, seq, Body::Netconf(h, attrs))
}

fn netconf_get() -> Message {
    let attrs = vec![Node::new(NETCONFA_IFINDEX, AttrValue::I32(3))];
    netconf(AF_INET, 5, NlmFlags::ACK, attrs)
}

fn netconf_dump() -> Message {
    netconf(AF_UNSPEC, 6, NlmFlags::DUMP, Vec::new())
}

#[test]
fn netconf_requests_parse_to_the_expected_messages() {
    assert_eq!(parse(NETCONF_GET), netconf_get());
    assert_eq!(parse(NETCONF_DUMP), netconf_dump());
}

#[test]
fn netconf_requests_emit_the_annotated_bytes() {
    assert_eq!(netconf_get().to_bytes().unwrap(), NETCONF_GET);
    assert_eq!(netconf_dump().to_bytes().unwrap(), NETCONF_DUMP);
}

#[test]
fn netconf_get_is_what_the_builder_writes() {
    let mut buf = Vec::new();
    let flags = NlmFlags::REQUEST | NlmFlags::ACK;
    let mut m = MessageBuilder::new(&mut buf, RTM_GETNETCONF, flags, 5).unwrap();
    m.family_header(&NetconfMsg {
        ncm_family: AF_INET,
    })
    .unwrap();
    m.attrs().i32(NETCONFA_IFINDEX, 3).unwrap();
    assert_eq!(m.finish().unwrap(), NETCONF_GET.len());
    assert_eq!(buf, NETCONF_GET);
}

// ---- an IPv6 address label ----------------------------------------------------------------

/// `ip addrlabel add prefix 2001:db8:1::/48 label 100` (corpus 0273).
#[rustfmt::skip]
const ADDRLABEL_ADD: &[u8] = &[
    // nlmsghdr
    0x38, 0x00, 0x00, 0x00, // nlmsg_len 56
    0x48, 0x00,             // nlmsg_type RTM_NEWADDRLABEL (72)
    0x05, 0x06,             // nlmsg_flags NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE
    0x07, 0x00, 0x00, 0x00, // nlmsg_seq 7
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid 0
    // ifaddrlblmsg
    0x0a,                   // ifal_family AF_INET6 (10)
    0x00,                   // __ifal_reserved
    0x30,                   // ifal_prefixlen 48
    0x00,                   // ifal_flags
    0x00, 0x00, 0x00, 0x00, // ifal_index 0: any device
    0x00, 0x00, 0x00, 0x00, // ifal_seq 0 (the kernel fills it in replies)
    0x08, 0x00, 0x02, 0x00, // IFAL_LABEL (2), 8 bytes
    0x64, 0x00, 0x00, 0x00, // 100
    0x14, 0x00, 0x01, 0x00, // IFAL_ADDRESS (1), 20 bytes
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00, // 2001:db8:1::, network order
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
];

const PREFIX: Ipv6Addr = Ipv6Addr::new(0x2001, 0xdb8, 1, 0, 0, 0, 0, 0);

fn addrlabel_header() -> IfAddrLblMsg {
    IfAddrLblMsg {
        ifal_family: AF_INET6,
        ifal_prefixlen: 48,
        ..IfAddrLblMsg::default()
    }
}

fn addrlabel_add() -> Message {
    let attrs = vec![
        Node::new(IFAL_LABEL, AttrValue::U32(100)),
        Node::new(IFAL_ADDRESS, AttrValue::Ip(IpAddr::V6(PREFIX))),
    ];
    let body = Body::AddrLabel(Header(addrlabel_header()), attrs);
    Message::request(RTM_NEWADDRLABEL, CREATE, 7, body)
}

#[test]
fn addrlabel_add_parses_to_the_expected_message() {
    assert_eq!(parse(ADDRLABEL_ADD), addrlabel_add());
}

#[test]
fn addrlabel_add_emits_the_annotated_bytes() {
    assert_eq!(addrlabel_add().to_bytes().unwrap(), ADDRLABEL_ADD);
}

#[test]
fn addrlabel_add_is_what_the_builder_writes() {
    let mut buf = Vec::new();
    let mut m = MessageBuilder::new(&mut buf, RTM_NEWADDRLABEL, CREATE, 7).unwrap();
    m.family_header(&addrlabel_header()).unwrap();
    m.attrs().u32(IFAL_LABEL, 100).unwrap();
    m.attrs().ip(IFAL_ADDRESS, IpAddr::V6(PREFIX)).unwrap();
    assert_eq!(m.finish().unwrap(), ADDRLABEL_ADD.len());
    assert_eq!(buf, ADDRLABEL_ADD);
}
