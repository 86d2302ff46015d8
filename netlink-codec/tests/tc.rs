//! Traffic control as iproute2 6.1's `tc` exchanges it (corpus `0600`-`0639`): the
//! kind-specific options the codec types (`htb`, `tbf`, `u32`, `mirred`) by their fields,
//! an action dump by its `TCA_ROOT_*` and `TCA_ACT_*` names. Expected values are read from
//! the captured bytes at the uapi's offsets, not from the codec.
#![cfg(feature = "render")]

mod common;

use netlink_codec::render::{json_lines, text};
use serde_json::Value as Json;

fn corpus(file: &str) -> Vec<u8> {
    std::fs::read(common::corpus_dir().join(file)).unwrap()
}

/// The `n`th message of a corpus file, as JSON.
fn message(file: &str, n: usize) -> Json {
    let lines = json_lines(&corpus(file)).unwrap();
    serde_json::from_str(lines.lines().nth(n).unwrap()).unwrap()
}

/// The first attribute of type name `ty`, depth first (slots of an indexed nest too).
fn find<'j>(j: &'j Json, ty: &str) -> Option<&'j Json> {
    let attrs = j.get("attrs")?.as_array()?;
    attrs
        .iter()
        .find(|a| a["type"] == ty)
        .or_else(|| attrs.iter().find_map(|a| find(a, ty)))
}

fn u32_at(b: &[u8], at: usize) -> u64 {
    u64::from(u32::from_ne_bytes(b[at..at + 4].try_into().unwrap()))
}

#[test]
fn an_htb_class_dump_shows_tc_htb_opt_by_field() {
    // `tc -s class show dev t0`: tcmsg (16..36), TCA_KIND "htb" (36..44), TCA_OPTIONS
    // (44) holding TCA_HTB_PARMS (48), whose struct tc_htb_opt starts at 52: rate
    // (tc_ratespec, rate at +8), ceil (+12, rate at +20), buffer (+24), cbuffer (+28),
    // quantum (+32).
    let b = corpus("0610-rep.bin");
    assert_eq!(u16::from_ne_bytes([b[50], b[51]]), 1, "TCA_HTB_PARMS at 48");
    let m = message("0610-rep.bin", 0);
    let parms = &find(&m, "TCA_HTB_PARMS").expect("TCA_OPTIONS typed")["value"][0];
    assert_eq!(parms["rate.rate"], u32_at(&b, 60), "{m}");
    assert_eq!(parms["ceil.rate"], u32_at(&b, 72), "{m}");
    assert_eq!(parms["buffer"], u32_at(&b, 76), "{m}");
    assert_eq!(parms["cbuffer"], u32_at(&b, 80), "{m}");
    assert_eq!(parms["quantum"], u32_at(&b, 84), "{m}");
    assert_eq!(parms["rate.linklayer"], u64::from(b[53]), "{m}");
    let tree = text(&b).unwrap();
    assert!(
        tree.contains("rate.linklayer=TC_LINKLAYER_ETHERNET"),
        "{tree}"
    );
}

#[test]
fn a_tbf_request_shows_tc_tbf_qopt_and_its_burst() {
    // `tc qdisc add dev t1 root handle 2: stab ... tbf rate 1mbit burst 32k latency 400ms`:
    // TCA_TBF_PARMS at 48 (tc_tbf_qopt at 52: rate.rate at +8, limit at +24, buffer at
    // +28), then TCA_TBF_BURST at 88.
    let b = corpus("0612-req.bin");
    let m = message("0612-req.bin", 0);
    let parms = &find(&m, "TCA_TBF_PARMS").expect("TCA_OPTIONS typed")["value"][0];
    assert_eq!(parms["rate.rate"], u32_at(&b, 60), "{m}");
    assert_eq!(parms["limit"], u32_at(&b, 76), "{m}");
    assert_eq!(parms["buffer"], u32_at(&b, 80), "{m}");
    assert_eq!(u16::from_ne_bytes([b[90], b[91]]), 6, "TCA_TBF_BURST at 88");
    assert_eq!(find(&m, "TCA_TBF_BURST").unwrap()["value"], u32_at(&b, 92));
    assert_eq!(u32_at(&b, 92), 32 * 1024, "burst 32k");
}

#[test]
fn a_u32_filter_dump_shows_its_mirred_action() {
    // The third message of `tc -s filter show dev t0 ingress` (at 116): the u32 filter
    // with its TCA_U32_ACT, whose mirred action's struct tc_mirred (TCA_MIRRED_PARMS) is
    // at 328: index, capab, action, refcnt, bindcnt, eaction, ifindex.
    let b = corpus("0622-rep.bin");
    let m = message("0622-rep.bin", 2);
    assert_eq!(
        find(&m, "TCA_ACT_KIND").expect("TCA_U32_ACT typed")["value"],
        "mirred"
    );
    let parms = &find(&m, "TCA_MIRRED_PARMS").expect("TCA_ACT_OPTIONS typed")["value"][0];
    assert_eq!(parms["index"], u32_at(&b, 328), "{m}");
    assert_eq!(parms["action"], u32_at(&b, 336), "{m}");
    assert_eq!(parms["eaction"], u32_at(&b, 348), "{m}");
    assert_eq!(parms["ifindex"], u32_at(&b, 352), "{m}");
    // `egress redirect dev t1`: t1 is the first veth (index 2), the verdict is stolen.
    assert_eq!(u32_at(&b, 352), 2);
    let tree = text(&b).unwrap();
    assert!(
        tree.contains("action=TC_ACT_STOLEN") && tree.contains("eaction=TCA_EGRESS_REDIR"),
        "{tree}"
    );
}

#[test]
fn an_action_dump_is_tca_root_count_and_a_tab_of_actions() {
    // `tc -s actions ls action mirred`: tcamsg (16..20), TCA_ROOT_COUNT (20, value at 24),
    // TCA_ROOT_TAB (28) with the action of order 0 (32): TCA_ACT_KIND "mirred" (36).
    let b = corpus("0636-rep.bin");
    let m = message("0636-rep.bin", 0);
    assert_eq!(m["type"], "RTM_GETACTION");
    assert_eq!(m["attrs"][0]["type"], "TCA_ROOT_COUNT", "{m}");
    assert_eq!(m["attrs"][0]["value"], u32_at(&b, 24), "{m}");
    assert_eq!(m["attrs"][1]["type"], "TCA_ROOT_TAB", "{m}");
    let slot = &m["attrs"][1]["attrs"][0];
    assert_eq!(slot["type"], u64::from(u16::from_ne_bytes([b[34], b[35]])));
    assert_eq!(find(&m, "TCA_ACT_KIND").unwrap()["value"], "mirred");
    let parms = &find(&m, "TCA_MIRRED_PARMS").unwrap()["value"][0];
    assert_eq!(parms["index"], 7, "index 7, as added");
}
