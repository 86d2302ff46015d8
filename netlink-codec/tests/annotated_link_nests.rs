//! Link attributes whose payload the kernel writes as a nest or a header, not as bytes:
//! the bridge's multicast querier state (`BRIDGE_QUERIER_*`), the devlink port and DPLL pin
//! handles (`DEVLINK_ATTR_*`, `DPLL_A_PIN_ID`), vxlan's reserved header bits (`struct
//! vxlanhdr`) and a CAN device's `IFLA_INFO_XSTATS` (`struct can_device_stats`). Each is
//! shown by its kernel names, as captured from the kernel where this kernel has the
//! object, and reads back from JSON to the same bytes.
#![cfg(all(feature = "render", target_endian = "little"))]

mod common;

use netlink_codec::header::{NlmFlags, RTM_NEWLINK};
use netlink_codec::link::{
    IfInfoMsg, BRIDGE_QUERIER_IPV6_PORT, BRIDGE_QUERIER_IP_PORT, DEVLINK_ATTR_BUS_NAME,
    DEVLINK_ATTR_DEV_NAME, DEVLINK_ATTR_PORT_INDEX, DPLL_A_PIN_ID, IFLA_BR_MCAST_QUERIER_STATE,
    IFLA_DEVLINK_PORT, IFLA_DPLL_PIN, IFLA_INFO_DATA, IFLA_INFO_KIND, IFLA_INFO_XSTATS,
    IFLA_LINKINFO, IFLA_VXLAN_RESERVED_BITS,
};
use netlink_codec::model::{AttrValue, Body, Header, Message, Node};
use netlink_codec::render::{json_lines, message_from_json, text};
use zerocopy::FromBytes;

/// The bytes of `bytes`' message after a trip through its JSON (`decode --json | encode`).
fn via_json(bytes: &[u8]) -> Vec<u8> {
    let line = json_lines(bytes).unwrap();
    let v: serde_json::Value = serde_json::from_str(line.trim_end()).unwrap();
    message_from_json(&v).unwrap().to_bytes().unwrap()
}

fn corpus_text(file: &str) -> String {
    text(&std::fs::read(common::corpus_dir().join(file)).unwrap()).unwrap()
}

/// An `RTM_NEWLINK` with the link attributes `attrs`.
fn link(attrs: Vec<Node>) -> Vec<u8> {
    let h = Header(IfInfoMsg::read_from_bytes(&[0; 16]).unwrap());
    Message::request(RTM_NEWLINK, NlmFlags::ACK, 1, Body::Link(h, attrs))
        .to_bytes()
        .unwrap()
}

/// The node at `path` (attribute types, outermost first) among `nodes`.
fn at<'a>(nodes: &'a [Node], path: &[u16]) -> Option<&'a Node> {
    let (first, rest) = path.split_first()?;
    let n = nodes.iter().find(|n| n.kind() == *first)?;
    match (&n.value, rest) {
        (_, []) => Some(n),
        (AttrValue::Nested(c), _) => at(c, rest),
        _ => None,
    }
}

#[test]
fn the_querier_state_of_a_bridge_that_lost_the_election_names_its_querier() {
    // br0 (192.0.2.2, fe80::2) heard br1 (192.0.2.1, fe80::1) query on port q0.
    let tree = corpus_text("0551-rep.bin");
    for line in [
        "IFLA_BR_MCAST_QUERIER_STATE [NLA_F_NESTED]:",
        "BRIDGE_QUERIER_IP_ADDRESS: 192.0.2.1",
        "BRIDGE_QUERIER_IP_OTHER_TIMER: ",
        "BRIDGE_QUERIER_IPV6_ADDRESS: fe80::1",
        "BRIDGE_QUERIER_IPV6_OTHER_TIMER: ",
    ] {
        assert!(tree.contains(line), "text lacks {line:?}:\n{tree}");
    }
    // Both ports are q0's ifindex, as the message of the port itself says.
    let bytes = std::fs::read(common::corpus_dir().join("0551-rep.bin")).unwrap();
    let m = common::parse_one(&bytes);
    let attrs = m.attrs().unwrap();
    let path = |k| {
        [
            IFLA_LINKINFO,
            IFLA_INFO_DATA,
            IFLA_BR_MCAST_QUERIER_STATE,
            k,
        ]
    };
    let port = |k| match at(attrs, &path(k)).map(|n| &n.value) {
        Some(AttrValue::U32(p)) => *p,
        other => panic!("querier port {k}: {other:?}"),
    };
    assert_eq!(port(BRIDGE_QUERIER_IP_PORT), port(BRIDGE_QUERIER_IPV6_PORT));
    assert!(port(BRIDGE_QUERIER_IP_PORT) > 1, "a port, not lo");
}

#[test]
fn the_querier_state_of_the_elected_bridge_has_only_its_own_addresses() {
    let tree = corpus_text("0553-rep.bin");
    assert!(
        tree.contains("BRIDGE_QUERIER_IP_ADDRESS: 192.0.2.1"),
        "{tree}"
    );
    assert!(
        tree.contains("BRIDGE_QUERIER_IPV6_ADDRESS: fe80::1"),
        "{tree}"
    );
    assert!(!tree.contains("BRIDGE_QUERIER_IP_PORT"), "{tree}");
    assert!(!tree.contains("BRIDGE_QUERIER_IP_OTHER_TIMER"), "{tree}");
}

#[test]
fn a_devlink_port_and_a_dpll_pin_show_their_handles() {
    let devlink = Node::new(
        IFLA_DEVLINK_PORT,
        AttrValue::Nested(vec![
            Node::new(DEVLINK_ATTR_BUS_NAME, AttrValue::Str("pci".into(), true)),
            Node::new(
                DEVLINK_ATTR_DEV_NAME,
                AttrValue::Str("0000:03:00.0".into(), true),
            ),
            Node::new(DEVLINK_ATTR_PORT_INDEX, AttrValue::U32(65535)),
        ]),
    );
    let dpll = Node::new(
        IFLA_DPLL_PIN,
        AttrValue::Nested(vec![Node::new(DPLL_A_PIN_ID, AttrValue::U32(7))]),
    );
    let bytes = link(vec![devlink, dpll]);
    let tree = text(&bytes).unwrap();
    for line in [
        "DEVLINK_ATTR_BUS_NAME: \"pci\"",
        "DEVLINK_ATTR_DEV_NAME: \"0000:03:00.0\"",
        "DEVLINK_ATTR_PORT_INDEX: 65535",
        "DPLL_A_PIN_ID: 7",
    ] {
        assert!(tree.contains(line), "text lacks {line:?}:\n{tree}");
    }
    assert_eq!(via_json(&bytes), bytes, "decode --json -> encode");
}

#[test]
fn a_device_with_no_devlink_port_has_an_empty_nest_not_bytes() {
    // Every veth of the corpus's first dump: the kernel opens IFLA_DEVLINK_PORT and
    // IFLA_DPLL_PIN and puts nothing in them.
    let tree = corpus_text("0007-rep.bin");
    assert!(
        tree.contains("IFLA_DEVLINK_PORT [NLA_F_NESTED]:\n"),
        "{tree}"
    );
    assert!(tree.contains("IFLA_DPLL_PIN [NLA_F_NESTED]:\n"), "{tree}");
    assert!(!tree.contains(": hex \n"), "{tree}");
}

#[test]
fn the_captured_vxlan_reserved_bits_are_a_vxlan_header() {
    // The kernel's default: every bit but VXLAN_HF_VNI and the VNI is reserved.
    let tree = corpus_text("0331-rep.bin");
    let want = "vxlanhdr: vx_flags=VXLAN_HF_RCO|VXLAN_HF_GPE|VXLAN_HF_GBP|0x73dfffff vx_vni=255";
    assert!(tree.contains(want), "text lacks {want:?}:\n{tree}");
}

#[test]
fn vxlan_reserved_bits_read_back_from_json() {
    // A vxlan with `gbp`: its flag bit is in use, so not reserved; VXLAN_HF_VNI never is.
    let flags: u32 = 0xf7ff_ffff & !(1 << 31);
    let mut hdr = flags.to_be_bytes().to_vec();
    hdr.extend_from_slice(&0xffu32.to_be_bytes());
    let data = Node::new(
        IFLA_INFO_DATA,
        AttrValue::Nested(vec![Node::new(
            IFLA_VXLAN_RESERVED_BITS,
            AttrValue::Raw(hdr.clone()),
        )]),
    );
    let info = vec![
        Node::new(IFLA_INFO_KIND, AttrValue::Str("vxlan".into(), true)),
        data,
    ];
    let bytes = link(vec![Node::new(IFLA_LINKINFO, AttrValue::Nested(info))]);
    let m = common::parse_one(&bytes);
    assert_eq!(
        at(
            m.attrs().unwrap(),
            &[IFLA_LINKINFO, IFLA_INFO_DATA, IFLA_VXLAN_RESERVED_BITS]
        )
        .map(|n| &n.value),
        Some(&AttrValue::Structs(hdr)),
        "typed as the struct"
    );
    let tree = text(&bytes).unwrap();
    assert!(
        tree.contains("vx_flags=VXLAN_HF_RCO|VXLAN_HF_GPE|0x73dfffff vx_vni=255"),
        "{tree}"
    );
    assert_eq!(via_json(&bytes), bytes, "decode --json -> encode");
}

#[test]
fn a_can_devices_xstats_are_its_device_stats() {
    // can_fill_xstats: struct can_device_stats, six __u32, beside IFLA_INFO_KIND "can".
    let counters = [7u32, 1, 2, 3, 4, 5];
    let stats: Vec<u8> = counters.iter().flat_map(|v| v.to_ne_bytes()).collect();
    let info = vec![
        Node::new(IFLA_INFO_KIND, AttrValue::Str("can".into(), true)),
        Node::new(IFLA_INFO_XSTATS, AttrValue::Raw(stats.clone())),
    ];
    let bytes = link(vec![Node::new(IFLA_LINKINFO, AttrValue::Nested(info))]);
    let m = common::parse_one(&bytes);
    assert_eq!(
        at(m.attrs().unwrap(), &[IFLA_LINKINFO, IFLA_INFO_XSTATS]).map(|n| &n.value),
        Some(&AttrValue::U32s(counters.to_vec())),
        "typed as the struct's array"
    );
    let tree = text(&bytes).unwrap();
    for line in ["bus_error = 7", "error_warning = 1", "restarts = 5"] {
        assert!(tree.contains(line), "text lacks {line:?}:\n{tree}");
    }
    assert_eq!(via_json(&bytes), bytes, "decode --json -> encode");
    // Another kind's xstats stay bytes: no other kind has fill_xstats.
    let info = vec![
        Node::new(IFLA_INFO_KIND, AttrValue::Str("veth".into(), true)),
        Node::new(IFLA_INFO_XSTATS, AttrValue::Raw(vec![1, 2, 3, 4])),
    ];
    let bytes = link(vec![Node::new(IFLA_LINKINFO, AttrValue::Nested(info))]);
    let m = common::parse_one(&bytes);
    assert_eq!(
        at(m.attrs().unwrap(), &[IFLA_LINKINFO, IFLA_INFO_XSTATS]).map(|n| &n.value),
        Some(&AttrValue::Raw(vec![1, 2, 3, 4]))
    );
}
