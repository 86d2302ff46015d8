//! Annotated payloads for the attributes whose payload is a kernel structure (`struct
//! ndt_config`, `struct ifla_vf_*`, `struct can_bittiming_const`, ...) or a `__be64`: each
//! payload, laid out field by field as the uapi declares it, parses to its typed value (not
//! raw bytes), the text tree and the JSON show its fields, and the JSON reads back to the
//! same bytes.
//!
//! The bytes are native-endian as netlink is; they are written for a little-endian host.
#![cfg(all(feature = "render", target_endian = "little"))]

mod common;

use netlink_codec::header::{NlmFlags, RTM_NEWLINK, RTM_NEWNEIGHTBL, RTM_NEWROUTE, RTM_NEWRULE};
use netlink_codec::link::{
    IfInfoMsg, IFLA_CAN_BITTIMING_CONST, IFLA_CAN_DATA_BITTIMING_CONST, IFLA_CAN_TERMINATION_CONST,
    IFLA_INFO_DATA, IFLA_INFO_KIND, IFLA_LINKINFO, IFLA_VFINFO_LIST, IFLA_VF_BROADCAST,
    IFLA_VF_IB_NODE_GUID, IFLA_VF_IB_PORT_GUID, IFLA_VF_INFO, IFLA_VF_MAC, IFLA_VF_VLAN_INFO,
    IFLA_VF_VLAN_LIST,
};
use netlink_codec::lwtunnel::{
    LWTUNNEL_ENCAP_IP, LWTUNNEL_ENCAP_IP6, LWTUNNEL_IP6_ID, LWTUNNEL_IP_ID,
};
use netlink_codec::model::{AttrValue, Body, Header, Message, Node};
use netlink_codec::neigh::{NdtMsg, NDTA_CONFIG};
use netlink_codec::render::{json_lines, message_from_json, text};
use netlink_codec::route::{RtMsg, RTA_ENCAP, RTA_ENCAP_TYPE};
use netlink_codec::rule::{FibRuleHdr, FRA_TUN_ID};
use zerocopy::FromBytes;

use common::parse_one as parse;

/// The message's bytes, after a trip through its JSON (`decode --json`, then `encode`).
fn via_json(bytes: &[u8]) -> Vec<u8> {
    let line = json_lines(bytes).unwrap();
    let v: serde_json::Value = serde_json::from_str(line.trim_end()).unwrap();
    message_from_json(&v).unwrap().to_bytes().unwrap()
}

/// The innermost first attribute of a message: down the first node of every nest.
fn leaf(m: &Message) -> &AttrValue {
    let mut n = &m.attrs().unwrap()[0];
    while let AttrValue::Nested(c) = &n.value {
        n = c.last().unwrap();
    }
    &n.value
}

/// `bytes` parses to `want` at its leaf, renders the text `lines` and the JSON
/// `fragment`, and comes back byte-exact through JSON.
fn check(bytes: &[u8], want: &AttrValue, lines: &[&str], fragment: &str) {
    let m = parse(bytes);
    assert_eq!(leaf(&m), want, "typed value");
    assert_eq!(m.to_bytes().unwrap(), bytes, "lossless");
    let tree = text(bytes).unwrap();
    for l in lines {
        assert!(tree.contains(l), "text lacks {l:?}:\n{tree}");
    }
    let json = json_lines(bytes).unwrap();
    assert!(json.contains(fragment), "JSON lacks {fragment}:\n{json}");
    assert_eq!(via_json(bytes), bytes, "decode --json -> encode");
}

/// An `RTM_NEWLINK` whose only attribute is `leaf` inside the nests `path` (outermost
/// first), kept raw in the model that builds it.
fn link_with(path: &[u16], leaf: u16, payload: &[u8]) -> Vec<u8> {
    let mut v = AttrValue::Raw(payload.to_vec());
    let mut kind = leaf;
    for &k in path.iter().rev() {
        v = AttrValue::Nested(vec![Node::new(kind, v)]);
        kind = k;
    }
    let h = Header(IfInfoMsg::read_from_bytes(&[0; 16]).unwrap());
    let m = Message::request(
        RTM_NEWLINK,
        NlmFlags::ACK,
        1,
        Body::Link(h, vec![Node::new(kind, v)]),
    );
    m.to_bytes().unwrap()
}

/// A virtual function's attribute (`IFLA_VFINFO_LIST` > `IFLA_VF_INFO` > `kind`).
fn vf_attr(kind: u16, payload: &[u8]) -> Vec<u8> {
    link_with(&[IFLA_VFINFO_LIST, IFLA_VF_INFO], kind, payload)
}

/// A can link's `IFLA_INFO_DATA` attribute (after `IFLA_INFO_KIND` "can").
fn can_attr(kind: u16, payload: &[u8]) -> Vec<u8> {
    let data = Node::new(
        IFLA_INFO_DATA,
        AttrValue::Nested(vec![Node::new(kind, AttrValue::Raw(payload.to_vec()))]),
    );
    let info = vec![
        Node::new(IFLA_INFO_KIND, AttrValue::Str("can".into(), true)),
        data,
    ];
    let h = Header(IfInfoMsg::read_from_bytes(&[0; 16]).unwrap());
    let body = Body::Link(h, vec![Node::new(IFLA_LINKINFO, AttrValue::Nested(info))]);
    Message::request(RTM_NEWLINK, NlmFlags::ACK, 1, body)
        .to_bytes()
        .unwrap()
}

#[rustfmt::skip]
const NDT_CONFIG: &[u8] = &[
    0x04, 0x00,             // ndtc_key_len 4
    0x28, 0x01,             // ndtc_entry_size 296
    0x03, 0x00, 0x00, 0x00, // ndtc_entries 3
    0x10, 0x27, 0x00, 0x00, // ndtc_last_flush 10000
    0x20, 0x4e, 0x00, 0x00, // ndtc_last_rand 20000
    0xef, 0xbe, 0xad, 0xde, // ndtc_hash_rnd 0xdeadbeef
    0x07, 0x00, 0x00, 0x00, // ndtc_hash_mask 7
    0x00, 0x00, 0x00, 0x00, // ndtc_hash_chain_gc 0
    0x00, 0x00, 0x00, 0x00, // ndtc_proxy_qlen 0
];

#[test]
fn ndt_config_shows_its_fields() {
    let h = Header(NdtMsg::read_from_bytes(&[2, 0, 0, 0]).unwrap());
    let node = Node::new(NDTA_CONFIG, AttrValue::Raw(NDT_CONFIG.to_vec()));
    let m = Message::request(
        RTM_NEWNEIGHTBL,
        NlmFlags::empty(),
        1,
        Body::NeighTbl(h, vec![node]),
    );
    let bytes = m.to_bytes().unwrap();
    check(
        &bytes,
        &AttrValue::Structs(NDT_CONFIG.to_vec()),
        &[
            "ndt_config: ndtc_key_len=4 ndtc_entry_size=296 ndtc_entries=3 ndtc_last_flush=10000 \
           ndtc_last_rand=20000 ndtc_hash_rnd=3735928559 ndtc_hash_mask=7",
        ],
        r#""ndtc_hash_rnd":3735928559"#,
    );
}

#[rustfmt::skip]
const VF_VLAN_INFO: &[u8] = &[
    0x01, 0x00, 0x00, 0x00, // vf 1
    0x64, 0x00, 0x00, 0x00, // vlan 100
    0x03, 0x00, 0x00, 0x00, // qos 3
    0x88, 0xa8,             // vlan_proto ETH_P_8021AD, network order
    0x00, 0x00,             // (the C compiler's tail padding: sizeof is 16)
];

#[test]
fn vf_vlan_info_shows_its_fields_with_the_protocol_in_network_order() {
    let bytes = link_with(
        &[IFLA_VFINFO_LIST, IFLA_VF_INFO, IFLA_VF_VLAN_LIST],
        IFLA_VF_VLAN_INFO,
        VF_VLAN_INFO,
    );
    check(
        &bytes,
        &AttrValue::Structs(VF_VLAN_INFO.to_vec()),
        &["ifla_vf_vlan_info: vf=1 vlan=100 qos=3 vlan_proto=34984"],
        r#""vlan_proto":34984"#,
    );
    // Non-zero padding is not what the fields say: the attribute stays raw.
    let mut odd = VF_VLAN_INFO.to_vec();
    odd[15] = 1;
    let m = parse(&link_with(
        &[IFLA_VFINFO_LIST, IFLA_VF_INFO, IFLA_VF_VLAN_LIST],
        IFLA_VF_VLAN_INFO,
        &odd,
    ));
    assert_eq!(leaf(&m), &AttrValue::Raw(odd));
}

/// `struct ifla_vf_guid` as the C compiler lays it out on this host: `__u64 guid` at its
/// natural alignment (offset 8, 16 bytes, on 64-bit hosts).
fn vf_guid(vf: u32, guid: u64) -> Vec<u8> {
    #[repr(C)]
    struct IflaVfGuid {
        vf: u32,
        guid: u64,
    }
    let mut b = vec![0; core::mem::size_of::<IflaVfGuid>()];
    b[..4].copy_from_slice(&vf.to_ne_bytes());
    let at = core::mem::offset_of!(IflaVfGuid, guid);
    b[at..at + 8].copy_from_slice(&guid.to_ne_bytes());
    let _ = IflaVfGuid { vf, guid };
    b
}

#[test]
fn vf_guids_show_their_fields_at_the_c_layout() {
    for kind in [IFLA_VF_IB_NODE_GUID, IFLA_VF_IB_PORT_GUID] {
        let payload = vf_guid(2, 0x0011_2233_4455_6677);
        if cfg!(target_pointer_width = "64") {
            assert_eq!(payload.len(), 16);
        }
        check(
            &vf_attr(kind, &payload),
            &AttrValue::Structs(payload.clone()),
            &["ifla_vf_guid: vf=2 guid=4822678189205111"],
            r#""guid":4822678189205111"#,
        );
    }
}

#[test]
fn a_u64_field_above_i64_max_is_shown_unsigned_and_read_back() {
    let guid = 0xffff_ffff_ffff_fff0_u64;
    let payload = vf_guid(0, guid);
    let bytes = vf_attr(IFLA_VF_IB_NODE_GUID, &payload);
    check(
        &bytes,
        &AttrValue::Structs(payload),
        &[&format!("guid={guid}")],
        &format!(r#""guid":{guid}"#),
    );
}

#[rustfmt::skip]
const VF_MAC: &[u8] = &[
    0x00, 0x00, 0x00, 0x00,             // vf 0
    0x02, 0x00, 0x5e, 0x10, 0x00, 0x01, // mac: the device's 6 bytes ...
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // ... then zeros to 32
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
];

#[test]
fn vf_mac_and_broadcast_show_their_addresses() {
    check(
        &vf_attr(IFLA_VF_MAC, VF_MAC),
        &AttrValue::Structs(VF_MAC.to_vec()),
        &["ifla_vf_mac: vf=0 mac=02:00:5e:10:00:01"],
        r#""mac":"02:00:5e:10:00:01""#,
    );
    let mut broadcast = [0u8; 32];
    broadcast[..6].fill(0xff);
    check(
        &vf_attr(IFLA_VF_BROADCAST, &broadcast),
        &AttrValue::Structs(broadcast.to_vec()),
        &["ifla_vf_broadcast: broadcast=ff:ff:ff:ff:ff:ff"],
        r#""broadcast":"ff:ff:ff:ff:ff:ff""#,
    );
    // An address that uses more of the array (IPoIB: 20 bytes) shows all it uses.
    let mut long = VF_MAC.to_vec();
    long[4 + 19] = 0xab;
    let tree = text(&vf_attr(IFLA_VF_MAC, &long)).unwrap();
    assert!(
        tree.contains("mac=02:00:5e:10:00:01:00:00:00:00:00:00:00:00:00:00:00:00:00:ab\n"),
        "{tree}"
    );
}

#[rustfmt::skip]
const CAN_BITTIMING_CONST: &[u8] = &[
    b'm', b'c', b'p', b'2', b'5', b'1', b'x', b'f', b'd', 0, 0, 0, 0, 0, 0, 0, // name "mcp251xfd"
    0x02, 0x00, 0x00, 0x00, // tseg1_min 2
    0x00, 0x01, 0x00, 0x00, // tseg1_max 256
    0x01, 0x00, 0x00, 0x00, // tseg2_min 1
    0x80, 0x00, 0x00, 0x00, // tseg2_max 128
    0x80, 0x00, 0x00, 0x00, // sjw_max 128
    0x01, 0x00, 0x00, 0x00, // brp_min 1
    0x00, 0x01, 0x00, 0x00, // brp_max 256
    0x01, 0x00, 0x00, 0x00, // brp_inc 1
];

#[test]
fn can_bittiming_const_shows_its_name_and_limits() {
    for kind in [IFLA_CAN_BITTIMING_CONST, IFLA_CAN_DATA_BITTIMING_CONST] {
        check(
            &can_attr(kind, CAN_BITTIMING_CONST),
            &AttrValue::Structs(CAN_BITTIMING_CONST.to_vec()),
            &[
                "can_bittiming_const: name=\"mcp251xfd\" tseg1_min=2 tseg1_max=256 tseg2_min=1 \
               tseg2_max=128 sjw_max=128 brp_min=1 brp_max=256 brp_inc=1",
            ],
            r#""name":"mcp251xfd""#,
        );
    }
    // Bytes after the name's NUL are not what a string says: the attribute stays raw.
    let mut odd = CAN_BITTIMING_CONST.to_vec();
    odd[12] = b'x';
    let bytes = can_attr(IFLA_CAN_BITTIMING_CONST, &odd);
    assert_eq!(leaf(&parse(&bytes)), &AttrValue::Raw(odd));
}

#[test]
fn a_name_longer_than_its_field_is_an_error_naming_it() {
    let bytes = can_attr(IFLA_CAN_BITTIMING_CONST, CAN_BITTIMING_CONST);
    let json = json_lines(&bytes)
        .unwrap()
        .replace("mcp251xfd", "a-name-of-seventeen");
    let v: serde_json::Value = serde_json::from_str(json.trim_end()).unwrap();
    let e = message_from_json(&v).unwrap_err();
    assert!(e.path.ends_with(".value[0].name"), "{e}");
    assert!(e.msg.contains("16-byte field name"), "{e}");
}

#[rustfmt::skip]
const CAN_TERMINATION_CONST: &[u8] = &[
    0x00, 0x00, // CAN_TERMINATION_DISABLED
    0x78, 0x00, // 120 ohm
];

#[test]
fn can_termination_const_is_an_array_of_u16() {
    check(
        &can_attr(IFLA_CAN_TERMINATION_CONST, CAN_TERMINATION_CONST),
        &AttrValue::U16s(vec![0, 120]),
        &["IFLA_CAN_TERMINATION_CONST: 2 elements", "[1] = 120"],
        r#""1":120"#,
    );
}

/// An `RTM_NEWROUTE` with `RTA_ENCAP` of `encap_type` holding `id` (type 1), raw in the
/// model that builds it, then `RTA_ENCAP_TYPE`.
fn route_with_tunnel_id(encap_type: u16, id: u16, payload: &[u8]) -> Vec<u8> {
    let h = Header(RtMsg::read_from_bytes(&[2, 24, 0, 0, 254, 3, 0, 1, 0, 0, 0, 0]).unwrap());
    let encap = AttrValue::Nested(vec![Node::new(id, AttrValue::Raw(payload.to_vec()))]);
    let nodes = vec![
        Node::new(RTA_ENCAP, encap),
        Node::new(RTA_ENCAP_TYPE, AttrValue::U16(encap_type)),
    ];
    let m = Message::request(RTM_NEWROUTE, NlmFlags::ACK, 1, Body::Route(h, nodes));
    m.to_bytes().unwrap()
}

#[rustfmt::skip]
const TUNNEL_ID_5: &[u8] = &[
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x05, // __be64 5 (`ip route ... encap ip id 5`)
];

#[test]
fn tunnel_ids_are_big_endian_u64() {
    let m = parse(&route_with_tunnel_id(
        LWTUNNEL_ENCAP_IP,
        LWTUNNEL_IP_ID,
        TUNNEL_ID_5,
    ));
    let AttrValue::Nested(encap) = &m.attrs().unwrap()[0].value else {
        panic!("RTA_ENCAP is not a nest: {m:?}");
    };
    assert_eq!(encap[0].value, AttrValue::Be64(5));
    for (ty, id, name) in [
        (LWTUNNEL_ENCAP_IP, LWTUNNEL_IP_ID, "LWTUNNEL_IP_ID"),
        (LWTUNNEL_ENCAP_IP6, LWTUNNEL_IP6_ID, "LWTUNNEL_IP6_ID"),
    ] {
        let bytes = route_with_tunnel_id(ty, id, TUNNEL_ID_5);
        let tree = text(&bytes).unwrap();
        assert!(
            tree.contains(&format!("{name}: 5 (network order)")),
            "{tree}"
        );
        assert!(json_lines(&bytes)
            .unwrap()
            .contains(&format!(r#"{{"type":"{name}","value":5}}"#)));
        assert_eq!(via_json(&bytes), bytes);
    }
    let big = 0xffff_ffff_ffff_fff0_u64.to_be_bytes();
    let bytes = route_with_tunnel_id(LWTUNNEL_ENCAP_IP, LWTUNNEL_IP_ID, &big);
    assert!(text(&bytes)
        .unwrap()
        .contains("LWTUNNEL_IP_ID: 18446744073709551600 (network order)"));
    assert_eq!(via_json(&bytes), bytes);
}

#[test]
fn the_rule_tunnel_id_is_a_big_endian_u64() {
    let h = Header(FibRuleHdr::read_from_bytes(&[2, 0, 0, 0, 254, 0, 0, 1, 0, 0, 0, 0]).unwrap());
    let node = Node::new(FRA_TUN_ID, AttrValue::Raw(TUNNEL_ID_5.to_vec()));
    let m = Message::request(RTM_NEWRULE, NlmFlags::ACK, 1, Body::Rule(h, vec![node]));
    let bytes = m.to_bytes().unwrap();
    check(
        &bytes,
        &AttrValue::Be64(5),
        &["FRA_TUN_ID: 5 (network order)"],
        r#""value":5"#,
    );
}

#[test]
fn an_existing_u64_field_above_i64_max_is_shown_unsigned() {
    // `struct rtnl_link_ifmap` (`IFLA_MAP`, 32 bytes on 64-bit hosts) opens with three
    // `__u64`; mem_start is 0xffff_ffff_ffff_fff0.
    let mut map = [0u8; 32];
    map[..8].copy_from_slice(&0xffff_ffff_ffff_fff0_u64.to_ne_bytes());
    let bytes = link_with(&[], netlink_codec::link::IFLA_MAP, &map);
    let tree = text(&bytes).unwrap();
    assert!(tree.contains("mem_start=18446744073709551600 "), "{tree}");
    let json = json_lines(&bytes).unwrap();
    assert!(
        json.contains(r#""mem_start":18446744073709551600"#),
        "{json}"
    );
    assert_eq!(via_json(&bytes), bytes);
}

#[test]
fn the_captured_tunnel_id_reads_as_iproute2_sent_it() {
    // A route to 198.51.101.0/24 with `encap ip id 5 dst 192.0.2.9 ttl 8`, dumped by
    // `ip route show dev v0`.
    let bytes = std::fs::read(common::corpus_dir().join("0345-rep.bin")).unwrap();
    let tree = text(&bytes).unwrap();
    assert!(
        tree.contains("\n   116     LWTUNNEL_IP_ID: 5 (network order)\n"),
        "{tree}"
    );
}

#[rustfmt::skip]
const PORT_VSI: &[u8] = &[
    0x07,             // vsi_mgr_id 7
    0x01, 0x02, 0x03, // vsi_type_id[3] 0x010203, high byte first (802.1Qbg VSI Type ID)
    0x04,             // vsi_type_version 4
    0x00, 0x00, 0x00, // pad[3]
];

#[test]
fn port_vsi_shows_its_24_bit_type_id() {
    let bytes = link_with(
        &[netlink_codec::link::IFLA_PORT_SELF],
        netlink_codec::link::IFLA_PORT_VSI_TYPE,
        PORT_VSI,
    );
    check(
        &bytes,
        &AttrValue::Structs(PORT_VSI.to_vec()),
        &["ifla_port_vsi: vsi_mgr_id=7 vsi_type_id=66051 vsi_type_version=4"],
        r#""vsi_type_id":66051"#,
    );
}
