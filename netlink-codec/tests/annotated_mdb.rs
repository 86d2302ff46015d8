//! The bridge multicast database, annotated byte by byte in the style of `annotated.rs`:
//! an `RTM_NEWMDB` request as iproute2 6.1 sends it (corpus 0656) and a dump answer with
//! one group entry and one router port (the shape of corpus 0665, cut down), each parsed
//! to the expected owned message, emitted back to its bytes, shown by the text tree and
//! read back from JSON. A struct-headed payload shorter than its struct stays raw.
//!
//! The bytes are native-endian as netlink is; they are written for a little-endian host.
#![cfg(target_endian = "little")]

mod common;

use std::net::{IpAddr, Ipv4Addr};

use netlink_codec::af::{AF_BRIDGE, AF_UNSPEC};
use netlink_codec::attr::NLA_F_NESTED;
use netlink_codec::header::{NlmFlags, RTM_GETMDB, RTM_NEWMDB};
use netlink_codec::mdb::{
    BrMdbEntry, BrPortMsg, MdbRouterPort, MDBA_MDB, MDBA_MDB_EATTR_RTPROT, MDBA_MDB_EATTR_TIMER,
    MDBA_MDB_ENTRY, MDBA_MDB_ENTRY_INFO, MDBA_ROUTER, MDBA_ROUTER_PATTR_TIMER,
    MDBA_ROUTER_PATTR_TYPE, MDBA_ROUTER_PORT, MDBA_SET_ENTRY, MDBA_SET_ENTRY_ATTRS,
    MDBE_ATTR_SOURCE, MDB_PERMANENT, MDB_RTR_TYPE_PERM,
};
use netlink_codec::model::{AttrValue, Body, Header, Message, Node};
use netlink_codec::render::{json_lines, message_from_json, text};
use zerocopy::IntoBytes;

use common::parse_one as parse;

/// `NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE`.
const CREATE: NlmFlags = NlmFlags::REQUEST
    .union(NlmFlags::ACK)
    .union(NlmFlags::EXCL)
    .union(NlmFlags::CREATE);

/// `bridge mdb add dev br0 port p0 grp 239.1.1.2 src 192.0.2.5 permanent` (corpus 0656:
/// br0 is index 2, p0 index 4).
#[rustfmt::skip]
const MDB_ADD: &[u8] = &[
    // nlmsghdr
    0x44, 0x00, 0x00, 0x00, // nlmsg_len 68
    0x54, 0x00,             // nlmsg_type RTM_NEWMDB (84)
    0x05, 0x06,             // nlmsg_flags NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE
    0x58, 0xec, 0x0f, 0x6b, // nlmsg_seq
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid 0
    // br_port_msg
    0x07,                   // family AF_BRIDGE
    0x00, 0x00, 0x00,       // the C struct's padding (__pad)
    0x02, 0x00, 0x00, 0x00, // ifindex 2: the bridge
    // MDBA_SET_ENTRY (1), 32 bytes: a request, so not MDBA_MDB (also 1)
    0x20, 0x00, 0x01, 0x00,
    0x04, 0x00, 0x00, 0x00, //   br_mdb_entry.ifindex 4: the port
    0x01,                   //   state MDB_PERMANENT
    0x00,                   //   flags
    0x00, 0x00,             //   vid 0
    0xef, 0x01, 0x01, 0x02, //   addr.u: 239.1.1.2 (ip4) ...
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, //   ... the rest of the union
    0x08, 0x00,             //   addr.proto ETH_P_IP, network order
    0x00, 0x00,             //   the C struct's tail padding (__pad)
    // MDBA_SET_ENTRY_ATTRS (2) | NLA_F_NESTED, 12 bytes
    0x0c, 0x00, 0x02, 0x80,
    0x08, 0x00, 0x01, 0x00, //   MDBE_ATTR_SOURCE (1), 8 bytes
    0xc0, 0x00, 0x02, 0x05, //   192.0.2.5
];

fn entry(ifindex: u32, state: u8, group: [u8; 4]) -> BrMdbEntry {
    let mut u = [0; 16];
    u[..4].copy_from_slice(&group);
    BrMdbEntry {
        ifindex: ifindex.into(),
        state,
        addr_u: u,
        addr_proto: 0x0800.into(),
        ..BrMdbEntry::default()
    }
}

fn mdb_add() -> Message {
    let e = entry(4, MDB_PERMANENT, [239, 1, 1, 2]);
    let source = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 5));
    let attrs = vec![
        Node::new(MDBA_SET_ENTRY, AttrValue::Structs(e.as_bytes().to_vec())),
        Node::new(
            MDBA_SET_ENTRY_ATTRS | NLA_F_NESTED,
            AttrValue::Nested(vec![Node::new(MDBE_ATTR_SOURCE, AttrValue::Ip(source))]),
        ),
    ];
    let h = BrPortMsg {
        family: AF_BRIDGE,
        ifindex: 2.into(),
        ..BrPortMsg::default()
    };
    Message::request(RTM_NEWMDB, CREATE, 0x6b0f_ec58, Body::Mdb(Header(h), attrs))
}

/// A dump answer (`RTM_GETMDB`, `NLM_F_MULTI`, no `NLM_F_REQUEST`): one permanent entry of
/// port 4 for 239.1.1.1, then port 6 a permanent router port.
#[rustfmt::skip]
const MDB_DUMP: &[u8] = &[
    // nlmsghdr
    0x68, 0x00, 0x00, 0x00, // nlmsg_len 104
    0x56, 0x00,             // nlmsg_type RTM_GETMDB (86): the kernel's dump answers
    0x02, 0x00,             // nlmsg_flags NLM_F_MULTI
    0x01, 0x00, 0x00, 0x00, // nlmsg_seq 1
    0x39, 0x30, 0x00, 0x00, // nlmsg_pid 12345
    // br_port_msg
    0x00,                   // family AF_UNSPEC
    0x00, 0x00, 0x00,       // __pad
    0x02, 0x00, 0x00, 0x00, // ifindex 2
    // MDBA_MDB (1), 56 bytes
    0x38, 0x00, 0x01, 0x00,
    0x34, 0x00, 0x01, 0x00, //   MDBA_MDB_ENTRY (1), 52 bytes
    0x30, 0x00, 0x01, 0x00, //     MDBA_MDB_ENTRY_INFO (1), 48 bytes (with the last padding,
                            //     as nla_nest_end counts it): the struct, then attributes
    0x04, 0x00, 0x00, 0x00, //       br_mdb_entry.ifindex 4
    0x01, 0x00, 0x00, 0x00, //       state MDB_PERMANENT, flags 0, vid 0
    0xef, 0x01, 0x01, 0x01, //       addr.u: 239.1.1.1 ...
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x08, 0x00, 0x00, 0x00, //       addr.proto ETH_P_IP, __pad
    0x08, 0x00, 0x01, 0x00, //       MDBA_MDB_EATTR_TIMER (1), 8 bytes: no header of its own
    0x00, 0x00, 0x00, 0x00, //       0 (permanent)
    0x05, 0x00, 0x05, 0x00, //       MDBA_MDB_EATTR_RTPROT (5), 5 bytes
    0x04, 0x00, 0x00, 0x00, //       RTPROT_STATIC, 3 bytes padding
    // MDBA_ROUTER (2), 24 bytes
    0x18, 0x00, 0x02, 0x00,
    0x14, 0x00, 0x01, 0x00, //   MDBA_ROUTER_PORT (1), 20 bytes
    0x06, 0x00, 0x00, 0x00, //     the port's ifindex 6 (a __u32 without a header)
    0x05, 0x00, 0x02, 0x00, //     MDBA_ROUTER_PATTR_TYPE (2), 5 bytes
    0x02, 0x00, 0x00, 0x00, //     MDB_RTR_TYPE_PERM, 3 bytes padding
    0x04, 0x00, 0x01, 0x00, //     MDBA_ROUTER_PATTR_TIMER (1), empty: does not fit a __u32
];

fn mdb_dump() -> Message {
    let e = entry(4, MDB_PERMANENT, [239, 1, 1, 1]);
    let info = AttrValue::Headed(
        e.as_bytes().to_vec(),
        vec![
            Node::new(MDBA_MDB_EATTR_TIMER, AttrValue::U32(0)),
            Node::new(MDBA_MDB_EATTR_RTPROT, AttrValue::U8(4)),
        ],
    );
    let port = MdbRouterPort { ifindex: 6.into() };
    let router_port = AttrValue::Headed(
        port.as_bytes().to_vec(),
        vec![
            Node::new(MDBA_ROUTER_PATTR_TYPE, AttrValue::U8(MDB_RTR_TYPE_PERM)),
            // An empty payload does not fit the attribute's __u32: kept as bytes.
            Node::new(MDBA_ROUTER_PATTR_TIMER, AttrValue::Raw(Vec::new())),
        ],
    );
    let attrs = vec![
        Node::new(
            MDBA_MDB,
            AttrValue::Nested(vec![Node::new(
                MDBA_MDB_ENTRY,
                AttrValue::Nested(vec![Node::new(MDBA_MDB_ENTRY_INFO, info)]),
            )]),
        ),
        Node::new(
            MDBA_ROUTER,
            AttrValue::Nested(vec![Node::new(MDBA_ROUTER_PORT, router_port)]),
        ),
    ];
    let h = BrPortMsg {
        family: AF_UNSPEC,
        ifindex: 2.into(),
        ..BrPortMsg::default()
    };
    Message {
        msg_type: RTM_GETMDB,
        flags: NlmFlags::MULTI.bits(),
        seq: 1,
        pid: 12345,
        body: Body::Mdb(Header(h), attrs),
    }
}

/// The message's JSON line read back, as bytes.
fn through_json(bytes: &[u8]) -> Vec<u8> {
    let line = json_lines(bytes).unwrap();
    let v: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    message_from_json(&v).unwrap().to_bytes().unwrap()
}

#[test]
fn mdb_add_is_the_corpus_capture() {
    let capture = std::fs::read(common::corpus_dir().join("0656-req.bin")).unwrap();
    assert_eq!(capture, MDB_ADD);
}

#[test]
fn mdb_add_parses_to_the_expected_message_and_back() {
    assert_eq!(parse(MDB_ADD), mdb_add());
    assert_eq!(mdb_add().to_bytes().unwrap(), MDB_ADD);
    assert_eq!(through_json(MDB_ADD), MDB_ADD);
}

#[test]
fn mdb_add_shows_the_request_names() {
    let tree = text(MDB_ADD).unwrap();
    for line in [
        "br_port_msg: family=AF_BRIDGE __pad=0 ifindex=2",
        "MDBA_SET_ENTRY: 1 elements",
        "br_mdb_entry: ifindex=4 state=MDB_PERMANENT flags=0 vid=0 \
         addr.u=hex ef010102000000000000000000000000 addr.proto=ETH_P_IP __pad=0",
        "MDBA_SET_ENTRY_ATTRS [NLA_F_NESTED]:",
        "MDBE_ATTR_SOURCE: 192.0.2.5",
    ] {
        assert!(tree.contains(line), "{line:?} not in\n{tree}");
    }
    assert!(
        !tree.contains("MDBA_MDB"),
        "a request read as an answer:\n{tree}"
    );
}

#[test]
fn the_same_attributes_without_nlm_f_request_are_an_answers() {
    // NLM_F_REQUEST alone chooses the space: without it, type 1 is MDBA_MDB, and the
    // br_mdb_entry does not read as attributes, so it stays bytes (losslessly).
    let mut answer = MDB_ADD.to_vec();
    answer[6] &= !0x01;
    let m = parse(&answer);
    let Body::Mdb(_, nodes) = &m.body else {
        panic!("{m:?}")
    };
    assert!(
        matches!(nodes[0].value, AttrValue::Raw(_)),
        "{:?}",
        nodes[0]
    );
    assert_eq!(m.to_bytes().unwrap(), answer);
    assert!(text(&answer).unwrap().contains("MDBA_MDB: hex"));
}

#[test]
fn mdb_dump_parses_to_the_expected_message_and_back() {
    assert_eq!(parse(MDB_DUMP), mdb_dump());
    assert_eq!(mdb_dump().to_bytes().unwrap(), MDB_DUMP);
    assert_eq!(through_json(MDB_DUMP), MDB_DUMP);
}

#[test]
fn mdb_dump_shows_the_struct_then_its_attributes() {
    let tree = text(MDB_DUMP).unwrap();
    for line in [
        "    24   MDBA_MDB:",
        "    32       MDBA_MDB_ENTRY_INFO:",
        "    36         br_mdb_entry: ifindex=4 state=MDB_PERMANENT flags=0 vid=0 \
         addr.u=hex ef010101000000000000000000000000 addr.proto=ETH_P_IP __pad=0",
        "    64         MDBA_MDB_EATTR_TIMER: 0",
        "    72         MDBA_MDB_EATTR_RTPROT: RTPROT_STATIC",
        "    84     MDBA_ROUTER_PORT:",
        "    88       MDBA_ROUTER_PORT: ifindex=6",
        "    92       MDBA_ROUTER_PATTR_TYPE: MDB_RTR_TYPE_PERM",
        "   100       MDBA_ROUTER_PATTR_TIMER: hex ",
    ] {
        assert!(tree.contains(line), "{line:?} not in\n{tree}");
    }
    let line = json_lines(MDB_DUMP).unwrap();
    let v: serde_json::Value = serde_json::from_str(line.trim()).unwrap();
    let info = &v["attrs"][0]["attrs"][0]["attrs"][0];
    assert_eq!(info["type"], "MDBA_MDB_ENTRY_INFO", "{v}");
    assert_eq!(info["header"]["ifindex"], 4, "{v}");
    assert_eq!(info["header"]["addr.u"], "ef010101000000000000000000000000");
    assert_eq!(info["attrs"][1]["type"], "MDBA_MDB_EATTR_RTPROT", "{v}");
    let port = &v["attrs"][1]["attrs"][0];
    assert_eq!(port["type"], "MDBA_ROUTER_PORT", "{v}");
    assert_eq!(port["header"], serde_json::json!({"ifindex": 6}), "{v}");
    assert_eq!(port["attrs"][0]["type"], "MDBA_ROUTER_PATTR_TYPE", "{v}");
}

/// An attribute: header, payload, padding.
fn attr(kind: u16, payload: &[u8]) -> Vec<u8> {
    let len = u16::try_from(4 + payload.len()).unwrap();
    let mut v = [&len.to_ne_bytes()[..], &kind.to_ne_bytes(), payload].concat();
    v.resize(v.len().next_multiple_of(4), 0);
    v
}

/// A dump answer whose attributes are `attrs`.
fn dump_with(attrs: &[u8]) -> Vec<u8> {
    let mut m = MDB_DUMP[..24].to_vec();
    m.extend_from_slice(attrs);
    let len = u32::try_from(m.len()).unwrap();
    m[..4].copy_from_slice(&len.to_ne_bytes());
    m
}

#[test]
fn a_struct_headed_payload_shorter_than_its_struct_stays_raw() {
    // MDBA_MDB_ENTRY_INFO with 20 of br_mdb_entry's 28 bytes; MDBA_ROUTER_PORT with 3 of
    // its ifindex's 4. Neither is the shape: both stay bytes, and encode back.
    let info = attr(MDBA_MDB_ENTRY_INFO, &[0x11; 20]);
    let mdb = attr(MDBA_MDB, &attr(MDBA_MDB_ENTRY, &info));
    let router = attr(MDBA_ROUTER, &attr(MDBA_ROUTER_PORT, &[6, 0, 0]));
    let bytes = dump_with(&[mdb, router].concat());
    let m = parse(&bytes);
    let nodes = m.attrs().unwrap();
    let inner = |n: &Node| match &n.value {
        AttrValue::Nested(c) => c[0].clone(),
        v => panic!("{v:?}"),
    };
    let entry_info = inner(&inner(&nodes[0]));
    assert_eq!(entry_info.value, AttrValue::Raw(vec![0x11; 20]));
    assert_eq!(inner(&nodes[1]).value, AttrValue::Raw(vec![6, 0, 0]));
    assert_eq!(m.to_bytes().unwrap(), bytes);
    assert_eq!(through_json(&bytes), bytes);
    let tree = text(&bytes).unwrap();
    assert!(tree.contains("MDBA_MDB_ENTRY_INFO: hex 1111"), "{tree}");
    assert!(tree.contains("MDBA_ROUTER_PORT: hex 060000"), "{tree}");
    // Exactly the struct, with no attributes after it (an event's router port): typed.
    let router = attr(MDBA_ROUTER, &attr(MDBA_ROUTER_PORT, &[6, 0, 0, 0]));
    let m = parse(&dump_with(&router));
    let port = inner(&m.attrs().unwrap()[0]);
    assert_eq!(port.value, AttrValue::Headed(vec![6, 0, 0, 0], Vec::new()));
}
