//! `IOAM6_IPTUNNEL_TRACE`: `struct ioam6_trace_hdr` (`linux/ioam6.h`, 8 bytes in network
//! order) shown by its fields, the bit ranges of its big-endian words, and read back from
//! JSON to the same bytes. The message is built here byte by byte; each expected value is
//! taken from the bytes as RFC 9197 lays them out.
#![cfg(feature = "render")]

use netlink_codec::header::RTM_NEWROUTE;
use netlink_codec::lwtunnel::{IOAM6_IPTUNNEL_TRACE, LWTUNNEL_ENCAP_IOAM6};
use netlink_codec::render::{json_lines, message_from_json};
use netlink_codec::route::{RTA_ENCAP, RTA_ENCAP_TYPE};

fn attr(kind: u16, payload: &[u8]) -> Vec<u8> {
    let len = u16::try_from(4 + payload.len()).unwrap();
    let mut a = [len.to_ne_bytes(), kind.to_ne_bytes()].concat();
    a.extend_from_slice(payload);
    a.resize(a.len().next_multiple_of(4), 0);
    a
}

/// An `RTM_NEWROUTE` whose `RTA_ENCAP` (type `LWTUNNEL_ENCAP_IOAM6`) holds `trace`.
fn route_with_trace(trace: &[u8; 8]) -> Vec<u8> {
    let mut body = vec![10, 64, 0, 0, 254, 3, 0, 1, 0, 0, 0, 0]; // rtmsg, AF_INET6
    body.extend(attr(RTA_ENCAP_TYPE, &LWTUNNEL_ENCAP_IOAM6.to_ne_bytes()));
    body.extend(attr(RTA_ENCAP, &attr(IOAM6_IPTUNNEL_TRACE, trace)));
    let len = u32::try_from(16 + body.len()).unwrap();
    let mut m = len.to_ne_bytes().to_vec();
    m.extend_from_slice(&RTM_NEWROUTE.to_ne_bytes());
    m.extend_from_slice(&[0; 10]);
    m.extend(body);
    m
}

#[test]
fn ioam6_trace_header_shows_its_fields_and_reads_back() {
    // namespace 0x1234; nodelen 5, overflow 1, an unused bit (bit 0 of byte 2); remlen 3
    // with byte 3's unused top bit set; trace type bits 0 and 11 (0x801000 in iproute2's
    // `type`), reserved byte 0x5a. Unused and reserved bits are set so that losing them
    // would show.
    let byte2 = 5 << 3 | 1 << 2 | 1;
    let byte3 = 0x80 | 3;
    let trace = [0x12, 0x34, byte2, byte3, 0x80, 0x10, 0x00, 0x5a];
    let bytes = route_with_trace(&trace);
    let json = json_lines(&bytes).unwrap();
    let v: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    let t = &v["attrs"][1]["attrs"][0];
    assert_eq!(t["type"], "IOAM6_IPTUNNEL_TRACE", "{v}");
    let f = &t["value"][0];
    assert_eq!(f["namespace_id"], 0x1234, "{t}");
    assert_eq!(f["nodelen"], u64::from(byte2 >> 3), "{t}");
    assert_eq!(f["overflow"], u64::from(byte2 >> 2 & 1), "{t}");
    assert_eq!(f["remlen"], u64::from(byte3 & 0x7f), "{t}");
    assert_eq!(
        f["type"],
        u64::from(u32::from_be_bytes([0, 0x80, 0x10, 0x00])),
        "{t}"
    );
    // Back from JSON: every bit, the unused and reserved ones too.
    let m = message_from_json(&v).unwrap();
    assert_eq!(m.to_bytes().unwrap(), bytes);
}
