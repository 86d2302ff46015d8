//! VXLAN VNI filters as iproute2 6.1's `bridge vni` exchanges them (corpus `0522`-`0536`):
//! `struct tunnel_msg` by its fields and `VXLAN_VNIFILTER_*` by name. Expected values are
//! read from the captured bytes at the uapi's offsets, not from the codec.
#![cfg(feature = "render")]

use std::path::PathBuf;

use netlink_codec::render::json_lines;
use serde_json::Value as Json;

fn corpus(file: &str) -> Vec<u8> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    std::fs::read(dir.join(file)).unwrap()
}

fn first_message(file: &str) -> Json {
    let lines = json_lines(&corpus(file)).unwrap();
    serde_json::from_str(lines.lines().next().unwrap()).unwrap()
}

fn u32_at(b: &[u8], at: usize) -> u64 {
    u64::from(u32::from_ne_bytes(b[at..at + 4].try_into().unwrap()))
}

#[test]
fn bridge_vni_add_decodes_to_tunnel_msg_and_a_vni_entry() {
    // `bridge vni add dev vx0 vni 100`: tunnel_msg (family at 16, flags at 17, ifindex at
    // 20), then VXLAN_VNIFILTER_ENTRY (at 24) holding VXLAN_VNIFILTER_ENTRY_START (at 28).
    let b = corpus("0522-req.bin");
    let m = first_message("0522-req.bin");
    assert_eq!(m["type"], "RTM_NEWTUNNEL");
    let h = &m["header"];
    assert_eq!(h["family"], u64::from(b[16]), "{m}");
    assert_eq!(h["flags"], u64::from(b[17]), "{m}");
    assert_eq!(h["ifindex"], u32_at(&b, 20), "{m}");
    let entry = &m["attrs"][0];
    assert_eq!(entry["type"], "VXLAN_VNIFILTER_ENTRY", "{m}");
    let start = &entry["attrs"][0];
    assert_eq!(start["type"], "VXLAN_VNIFILTER_ENTRY_START", "{m}");
    assert_eq!(start["value"], u32_at(&b, 32), "{m}");
}

#[test]
fn a_stats_dump_asks_with_tunnel_msg_flag_stats() {
    // `bridge -s vni show dev vx0`: RTM_GETTUNNEL with TUNNEL_MSG_FLAG_STATS in `flags`.
    let b = corpus("0531-req.bin");
    let m = first_message("0531-req.bin");
    assert_eq!(m["type"], "RTM_GETTUNNEL");
    assert_eq!(m["header"]["flags"], u64::from(b[17]), "{m}");
    assert_ne!(b[17] & 1, 0, "the capture asks for statistics");
}
