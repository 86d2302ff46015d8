//! Link statistics messages as iproute2 6.1's `ip stats` exchanges them (corpus
//! `0500`-`0517`): `struct if_stats_msg` by its fields, the replies' `IFLA_STATS_*`, and the
//! requests' `IFLA_STATS_GETSET_*` (a different space under the same header). Expected
//! values are read from the captured bytes at the uapi's offsets, not from the codec.
#![cfg(feature = "render")]

use std::path::PathBuf;

use netlink_codec::render::json_lines;
use serde_json::Value as Json;

fn corpus(file: &str) -> Vec<u8> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    std::fs::read(dir.join(file)).unwrap()
}

fn messages(file: &str) -> Vec<Json> {
    json_lines(&corpus(file))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `__u32` at `at` of the message that starts at `msg` in `b`, as the host wrote it.
fn u32_at(b: &[u8], at: usize) -> u64 {
    u64::from(u32::from_ne_bytes(b[at..at + 4].try_into().unwrap()))
}

/// The types of a run of JSON attributes.
fn types(attrs: &Json) -> Vec<&str> {
    let each = attrs.as_array().unwrap().iter();
    each.map(|a| a["type"].as_str().unwrap_or("?")).collect()
}

/// The `if_stats_msg` of the message at `msg` (its `nlmsghdr` is 16 bytes): family at 0,
/// `pad1`/`pad2` at 1 and 2, `ifindex` at 4, `filter_mask` at 8.
fn check_header(m: &Json, b: &[u8], msg: usize) {
    let h = &m["header"];
    let hdr = msg + 16;
    assert_eq!(h["family"], u64::from(b[hdr]), "{m}");
    assert_eq!(h["ifindex"], u32_at(b, hdr + 4), "{m}");
    assert_eq!(h["filter_mask"], u32_at(b, hdr + 8), "{m}");
}

#[test]
fn ip_stats_show_dump_decodes_to_if_stats_msg_and_ifla_stats() {
    let req = corpus("0500-req.bin");
    let m = &messages("0500-req.bin")[0];
    assert_eq!(m["type"], "RTM_GETSTATS");
    check_header(m, &req, 0);
    assert_eq!(m["header"]["ifindex"], 0, "a dump of every device");

    let rep = corpus("0501-rep.bin");
    let mut at = 0;
    let replies = messages("0501-rep.bin");
    for m in &replies[..replies.len() - 1] {
        assert_eq!(m["type"], "RTM_NEWSTATS", "{m}");
        check_header(m, &rep, at);
        assert_ne!(m["header"]["ifindex"], 0);
        let t = types(&m["attrs"]);
        assert!(t.contains(&"IFLA_STATS_LINK_64"), "{t:?}");
        assert!(t.contains(&"IFLA_STATS_AF_SPEC"), "{t:?}");
        at += usize::try_from(u32_at(&rep, at)).unwrap();
    }
    assert_eq!(replies.last().unwrap()["type"], "NLMSG_DONE");
}

#[test]
fn a_stats_request_reads_its_attributes_as_ifla_stats_getset() {
    // `ip stats show dev v0 group offload subgroup hw_stats_info`: a filter nest keyed by
    // IFLA_STATS_* whose `__u32` is the mask of IFLA_OFFLOAD_XSTATS_* it wants.
    let req = corpus("0506-req.bin");
    let m = &messages("0506-req.bin")[0];
    check_header(m, &req, 0);
    let filters = &m["attrs"][0];
    assert_eq!(filters["type"], "IFLA_STATS_GET_FILTERS");
    let offload = &filters["attrs"][0];
    assert_eq!(offload["type"], "IFLA_STATS_LINK_OFFLOAD_XSTATS");
    // nlmsghdr 16 + if_stats_msg 12 + the nest's header 4 + the inner header 4.
    assert_eq!(offload["value"], u32_at(&req, 16 + 12 + 4 + 4));

    // `ip stats set dev v0 l3_stats on` (RTM_SETSTATS).
    let set = corpus("0514-req.bin");
    let m = &messages("0514-req.bin")[0];
    assert_eq!(m["type"], "RTM_SETSTATS");
    check_header(m, &set, 0);
    let l3 = &m["attrs"][0];
    assert_eq!(l3["type"], "IFLA_STATS_SET_OFFLOAD_XSTATS_L3_STATS");
    assert_eq!(l3["value"], u64::from(set[16 + 12 + 4]));
}
