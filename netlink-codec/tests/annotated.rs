//! Small per-family cases with the bytes annotated line by line: each raw request parses to
//! the expected owned message, the message emits exactly those bytes, and the builder calls
//! a user would write produce them too. The corpus tests prove the same on real captures;
//! these show, field by field, what the wire holds.
//!
//! The bytes are native-endian as netlink is; they are written for a little-endian host.
#![cfg(target_endian = "little")]

mod common;

use std::net::{IpAddr, Ipv6Addr};

use netlink_codec::addr::{IfAddrMsg, IfaFlags, IFA_ADDRESS, IFA_FLAGS};
use netlink_codec::af::AF_INET6;
use netlink_codec::attr::EmitBuf;
use netlink_codec::build::MessageBuilder;
use netlink_codec::header::{NlmFlags, RTM_NEWADDR, RTM_NEWLINK};
use netlink_codec::link::{
    IfInfoMsg, IFLA_IFNAME, IFLA_INFO_DATA, IFLA_INFO_KIND, IFLA_LINKINFO, IFLA_MTU,
    IFLA_NET_NS_FD, VETH_INFO_PEER,
};
use netlink_codec::model::{AttrValue, Body, Header, Message, Node};
use zerocopy::IntoBytes;

/// `NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE`.
const CREATE: NlmFlags = NlmFlags::REQUEST
    .union(NlmFlags::ACK)
    .union(NlmFlags::EXCL)
    .union(NlmFlags::CREATE);

use common::parse_one as parse;

fn str_node(kind: u16, s: &str) -> Node {
    Node::new(kind, AttrValue::Str(s.to_owned(), true))
}

// ---- a veth pair, the peer born in another namespace --------------------------------------

/// `ip link add vh-pod1 mtu 1500 type veth peer name eth0 mtu 1500 netns <fd 5>`.
#[rustfmt::skip]
const VETH_CREATE: &[u8] = &[
    // nlmsghdr
    0x78, 0x00, 0x00, 0x00, // nlmsg_len 120
    0x10, 0x00,             // nlmsg_type RTM_NEWLINK (16)
    0x05, 0x06,             // nlmsg_flags NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE
    0x01, 0x00, 0x00, 0x00, // nlmsg_seq 1
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid 0 (the kernel)
    // ifinfomsg: all zero (AF_UNSPEC, no index: a new link)
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x0c, 0x00, 0x03, 0x00, // IFLA_IFNAME (3), 12 bytes
    b'v', b'h', b'-', b'p', b'o', b'd', b'1', 0x00, // "vh-pod1\0"
    0x08, 0x00, 0x04, 0x00, // IFLA_MTU (4), 8 bytes
    0xdc, 0x05, 0x00, 0x00, // 1500
    0x44, 0x00, 0x12, 0x00, // IFLA_LINKINFO (18), 68 bytes
      0x09, 0x00, 0x01, 0x00, // IFLA_INFO_KIND (1), 9 bytes
      b'v', b'e', b't', b'h', 0x00, 0x00, 0x00, 0x00, // "veth\0" + 3 bytes padding
      0x34, 0x00, 0x02, 0x00, // IFLA_INFO_DATA (2), 52 bytes: the veth space
        0x30, 0x00, 0x01, 0x00, // VETH_INFO_PEER (1), 48 bytes: ifinfomsg + IFLA_*
          0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // the peer's ifinfomsg
          0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
          0x09, 0x00, 0x03, 0x00, // IFLA_IFNAME (3), 9 bytes
          b'e', b't', b'h', b'0', 0x00, 0x00, 0x00, 0x00, // "eth0\0" + 3 bytes padding
          0x08, 0x00, 0x04, 0x00, // IFLA_MTU (4), 8 bytes
          0xdc, 0x05, 0x00, 0x00, // 1500
          0x08, 0x00, 0x1c, 0x00, // IFLA_NET_NS_FD (28), 8 bytes
          0x05, 0x00, 0x00, 0x00, // fd 5: the pod's namespace
];

fn veth_create() -> Message {
    let peer = vec![
        str_node(IFLA_IFNAME, "eth0"),
        Node::new(IFLA_MTU, AttrValue::U32(1500)),
        Node::new(IFLA_NET_NS_FD, AttrValue::U32(5)),
    ];
    let info_data = vec![Node::new(
        VETH_INFO_PEER,
        AttrValue::Peer(Header(IfInfoMsg::default()), peer),
    )];
    let linkinfo = vec![
        str_node(IFLA_INFO_KIND, "veth"),
        Node::new(IFLA_INFO_DATA, AttrValue::Nested(info_data)),
    ];
    Message::request(
        RTM_NEWLINK,
        CREATE,
        1,
        Body::Link(
            Header(IfInfoMsg::default()),
            vec![
                str_node(IFLA_IFNAME, "vh-pod1"),
                Node::new(IFLA_MTU, AttrValue::U32(1500)),
                Node::new(IFLA_LINKINFO, AttrValue::Nested(linkinfo)),
            ],
        ),
    )
}

#[test]
fn veth_create_parses_to_the_expected_message() {
    assert_eq!(parse(VETH_CREATE), veth_create());
}

#[test]
fn veth_create_emits_the_annotated_bytes() {
    assert_eq!(veth_create().to_bytes().unwrap(), VETH_CREATE);
}

#[test]
fn veth_create_is_what_the_builder_writes() {
    let mut buf = Vec::new();
    let mut m = MessageBuilder::new(&mut buf, RTM_NEWLINK, CREATE, 1).unwrap();
    m.family_header(&IfInfoMsg::default()).unwrap();
    let a = m.attrs();
    a.str(IFLA_IFNAME, "vh-pod1").unwrap();
    a.u32(IFLA_MTU, 1500).unwrap();
    let info = a.nest_start(IFLA_LINKINFO).unwrap();
    a.str(IFLA_INFO_KIND, "veth").unwrap();
    let data = a.nest_start(IFLA_INFO_DATA).unwrap();
    let peer = a.nest_start(VETH_INFO_PEER).unwrap();
    a.buf().put(IfInfoMsg::default().as_bytes()).unwrap();
    a.str(IFLA_IFNAME, "eth0").unwrap();
    a.u32(IFLA_MTU, 1500).unwrap();
    a.u32(IFLA_NET_NS_FD, 5).unwrap();
    a.nest_end(peer).unwrap();
    a.nest_end(data).unwrap();
    a.nest_end(info).unwrap();
    assert_eq!(m.finish().unwrap(), VETH_CREATE.len());
    assert_eq!(buf, VETH_CREATE);
}

// ---- an address ---------------------------------------------------------------------------

/// `ip address add fd00::1/128 dev <index 7> nodad noprefixroute`.
#[rustfmt::skip]
const ADDR_ADD: &[u8] = &[
    // nlmsghdr
    0x34, 0x00, 0x00, 0x00, // nlmsg_len 52
    0x14, 0x00,             // nlmsg_type RTM_NEWADDR (20)
    0x05, 0x06,             // nlmsg_flags NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE
    0x02, 0x00, 0x00, 0x00, // nlmsg_seq 2
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid 0
    // ifaddrmsg
    0x0a,                   // ifa_family AF_INET6 (10)
    0x80,                   // ifa_prefixlen 128
    0x00,                   // ifa_flags (the low 8 bits; all of them go in IFA_FLAGS)
    0x00,                   // ifa_scope RT_SCOPE_UNIVERSE
    0x07, 0x00, 0x00, 0x00, // ifa_index 7
    0x14, 0x00, 0x01, 0x00, // IFA_ADDRESS (1), 20 bytes
    0xfd, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // fd00::1, network order
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
    0x08, 0x00, 0x08, 0x00, // IFA_FLAGS (8), 8 bytes
    0x02, 0x02, 0x00, 0x00, // IFA_F_NODAD (0x2) | IFA_F_NOPREFIXROUTE (0x200)
];

const FD00_1: Ipv6Addr = Ipv6Addr::new(0xfd00, 0, 0, 0, 0, 0, 0, 1);
const ADDR_FLAGS: IfaFlags = IfaFlags::NODAD.union(IfaFlags::NOPREFIXROUTE);

fn addr_header() -> IfAddrMsg {
    IfAddrMsg {
        ifa_family: AF_INET6,
        ifa_prefixlen: 128,
        ifa_flags: 0,
        ifa_scope: 0,
        ifa_index: 7.into(),
    }
}

fn addr_add() -> Message {
    Message::request(
        RTM_NEWADDR,
        CREATE,
        2,
        Body::Addr(
            Header(addr_header()),
            vec![
                Node::new(IFA_ADDRESS, AttrValue::Ip(IpAddr::V6(FD00_1))),
                Node::new(IFA_FLAGS, AttrValue::U32(ADDR_FLAGS.bits())),
            ],
        ),
    )
}

#[test]
fn addr_add_parses_to_the_expected_message() {
    assert_eq!(parse(ADDR_ADD), addr_add());
}

#[test]
fn addr_add_emits_the_annotated_bytes() {
    assert_eq!(addr_add().to_bytes().unwrap(), ADDR_ADD);
}

#[test]
fn addr_add_is_what_the_builder_writes() {
    let mut buf = Vec::new();
    let mut m = MessageBuilder::new(&mut buf, RTM_NEWADDR, CREATE, 2).unwrap();
    m.family_header(&addr_header()).unwrap();
    m.attrs().ip(IFA_ADDRESS, IpAddr::V6(FD00_1)).unwrap();
    m.attrs().u32(IFA_FLAGS, ADDR_FLAGS.bits()).unwrap();
    assert_eq!(m.finish().unwrap(), ADDR_ADD.len());
    assert_eq!(buf, ADDR_ADD);
}
