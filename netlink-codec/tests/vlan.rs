//! Bridge VLAN messages (`RTM_*VLAN`): the requests iproute2 6.1's `bridge vlan` sends
//! (corpus `0570`-`0579`) and, since this kernel answers them `EOPNOTSUPP`, a dump entry
//! built here as `br_vlan_fill_vids` and `br_vlan_global_opts_fill` write them: by
//! `struct br_vlan_msg`'s fields and the `BRIDGE_VLANDB_*` names, through text and JSON.
#![cfg(all(feature = "render", target_endian = "little"))]

mod common;

use netlink_codec::header::{NlmFlags, RTM_NEWVLAN};
use netlink_codec::link::BRIDGE_QUERIER_IP_ADDRESS;
use netlink_codec::model::{AttrValue, Body, Header, Message, Node};
use netlink_codec::render::{json_lines, message_from_json, text};
use netlink_codec::vlan::*;
use zerocopy::FromBytes;

fn corpus_text(file: &str) -> String {
    text(&std::fs::read(common::corpus_dir().join(file)).unwrap()).unwrap()
}

#[test]
fn a_dump_request_names_its_flags() {
    let tree = corpus_text("0570-req.bin");
    assert!(
        tree.contains("br_vlan_msg: family=AF_BRIDGE reserved1=0 reserved2=0 ifindex=0"),
        "{tree}"
    );
    assert!(
        tree.contains("BRIDGE_VLANDB_DUMP_FLAGS: BRIDGE_VLANDB_DUMPF_GLOBAL"),
        "{tree}"
    );
}

#[test]
fn change_requests_show_entries_and_global_options() {
    let tree = corpus_text("0576-req.bin");
    for line in [
        "BRIDGE_VLANDB_ENTRY [NLA_F_NESTED]:",
        "bridge_vlan_info: flags=BRIDGE_VLAN_INFO_ONLY_OPTS vid=10",
        "BRIDGE_VLANDB_ENTRY_RANGE: 20",
        "BRIDGE_VLANDB_ENTRY_MCAST_ROUTER: MDB_RTR_TYPE_PERM",
    ] {
        assert!(tree.contains(line), "text lacks {line:?}:\n{tree}");
    }
    let tree = corpus_text("0578-req.bin");
    for line in [
        "BRIDGE_VLANDB_GLOBAL_OPTIONS [NLA_F_NESTED]:",
        "BRIDGE_VLANDB_GOPTS_ID: 1",
        "BRIDGE_VLANDB_GOPTS_MCAST_IGMP_VERSION: 3",
        "BRIDGE_VLANDB_GOPTS_MCAST_QUERY_INTVL: 12000",
    ] {
        assert!(tree.contains(line), "text lacks {line:?}:\n{tree}");
    }
}

/// A node whose payload is `bytes`, left for the parser to type.
fn raw(kind: u16, bytes: &[u8]) -> Node {
    Node::new(kind, AttrValue::Raw(bytes.to_vec()))
}

fn nest(kind: u16, children: Vec<Node>) -> Node {
    Node::new(kind, AttrValue::Nested(children))
}

/// A port's VLAN 10 (PVID, untagged, forwarding, tunnel id 1000, 3 packets received)
/// and the bridge's global options of VLAN 10 with its querier, in one `RTM_NEWVLAN`.
fn dump_entry() -> Vec<u8> {
    let info = [0x06, 0x00, 0x0a, 0x00]; // BRIDGE_VLAN_INFO_PVID|UNTAGGED, vid 10
    let entry = nest(
        BRIDGE_VLANDB_ENTRY,
        vec![
            raw(BRIDGE_VLANDB_ENTRY_INFO, &info),
            raw(BRIDGE_VLANDB_ENTRY_STATE, &[3]),
            nest(
                BRIDGE_VLANDB_ENTRY_TUNNEL_INFO,
                vec![raw(BRIDGE_VLANDB_TINFO_ID, &1000u32.to_ne_bytes())],
            ),
            nest(
                BRIDGE_VLANDB_ENTRY_STATS,
                vec![raw(BRIDGE_VLANDB_STATS_RX_PACKETS, &3u64.to_ne_bytes())],
            ),
            raw(BRIDGE_VLANDB_ENTRY_MCAST_N_GROUPS, &2u32.to_ne_bytes()),
            raw(BRIDGE_VLANDB_ENTRY_NEIGH_SUPPRESS, &[1]),
        ],
    );
    let querier = nest(
        BRIDGE_VLANDB_GOPTS_MCAST_QUERIER_STATE,
        vec![raw(BRIDGE_QUERIER_IP_ADDRESS, &[192, 0, 2, 1])],
    );
    let global = nest(
        BRIDGE_VLANDB_GLOBAL_OPTIONS,
        vec![
            raw(BRIDGE_VLANDB_GOPTS_ID, &10u16.to_ne_bytes()),
            raw(BRIDGE_VLANDB_GOPTS_MCAST_SNOOPING, &[1]),
            querier,
            raw(BRIDGE_VLANDB_GOPTS_MSTI, &2u16.to_ne_bytes()),
        ],
    );
    let h = Header(BrVlanMsg::read_from_bytes(&[7, 0, 0, 0, 4, 0, 0, 0]).unwrap());
    let m = Message::request(
        RTM_NEWVLAN,
        NlmFlags::empty(),
        1,
        Body::Vlan(h, vec![entry, global]),
    );
    m.to_bytes().unwrap()
}

#[test]
fn a_dump_entry_and_global_options_are_typed() {
    let bytes = dump_entry();
    let m = common::parse_one(&bytes);
    let Body::Vlan(_, nodes) = &m.body else {
        panic!("not a VLAN body: {:?}", m.body)
    };
    let AttrValue::Nested(entry) = &nodes[0].value else {
        panic!("entry not nested: {:?}", nodes[0].value)
    };
    assert_eq!(entry[1].value, AttrValue::U8(3), "state is a u8");
    let tree = text(&bytes).unwrap();
    for line in [
        "br_vlan_msg: family=AF_BRIDGE reserved1=0 reserved2=0 ifindex=4",
        "bridge_vlan_info: flags=BRIDGE_VLAN_INFO_PVID|BRIDGE_VLAN_INFO_UNTAGGED vid=10",
        "BRIDGE_VLANDB_ENTRY_STATE: BR_STATE_FORWARDING",
        "BRIDGE_VLANDB_TINFO_ID: 1000",
        "BRIDGE_VLANDB_STATS_RX_PACKETS: 3",
        "BRIDGE_VLANDB_ENTRY_MCAST_N_GROUPS: 2",
        "BRIDGE_VLANDB_ENTRY_NEIGH_SUPPRESS: 1",
        "BRIDGE_VLANDB_GOPTS_ID: 10",
        "BRIDGE_QUERIER_IP_ADDRESS: 192.0.2.1",
        "BRIDGE_VLANDB_GOPTS_MSTI: 2",
    ] {
        assert!(tree.contains(line), "text lacks {line:?}:\n{tree}");
    }
    let line = json_lines(&bytes).unwrap();
    let v: serde_json::Value = serde_json::from_str(line.trim_end()).unwrap();
    assert_eq!(
        message_from_json(&v).unwrap().to_bytes().unwrap(),
        bytes,
        "decode --json -> encode"
    );
}

#[test]
fn a_tunnel_command_is_named_by_its_message_type() {
    // br_vlan_rtm_process_one: BRIDGE_VLANDB_TINFO_CMD is RTM_SETLINK or RTM_DELLINK.
    let tinfo = nest(
        BRIDGE_VLANDB_ENTRY_TUNNEL_INFO,
        vec![
            raw(BRIDGE_VLANDB_TINFO_ID, &1000u32.to_ne_bytes()),
            raw(BRIDGE_VLANDB_TINFO_CMD, &19u32.to_ne_bytes()),
        ],
    );
    let entry = nest(
        BRIDGE_VLANDB_ENTRY,
        vec![raw(BRIDGE_VLANDB_ENTRY_INFO, &[0, 0, 10, 0]), tinfo],
    );
    let h = Header(BrVlanMsg::read_from_bytes(&[7, 0, 0, 0, 4, 0, 0, 0]).unwrap());
    let bytes = Message::request(RTM_NEWVLAN, NlmFlags::ACK, 1, Body::Vlan(h, vec![entry]))
        .to_bytes()
        .unwrap();
    let tree = text(&bytes).unwrap();
    assert!(
        tree.contains("BRIDGE_VLANDB_TINFO_CMD: RTM_SETLINK"),
        "{tree}"
    );
}
