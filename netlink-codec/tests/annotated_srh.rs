//! Segment routing headers in route encapsulations, annotated byte by byte in the style
//! of `annotated.rs`: `SEG6_IPTUNNEL_SRH` (`struct seg6_iptunnel_encap`), `SEG6_LOCAL_SRH`
//! (`struct ipv6_sr_hdr`) and `RPL_IPTUNNEL_SRH` (`struct ipv6_rpl_sr_hdr`). Each raw
//! request (as iproute2 sends it; the corpus holds the captures) parses to a header built
//! from its parts, emits exactly those bytes, renders as fields, segments and TLVs, and
//! reads back from its JSON to the same bytes. A header whose lengths disagree stays raw.
//!
//! The bytes are native-endian as netlink is; they are written for a little-endian host.
#![cfg(target_endian = "little")]

mod common;

use std::net::{IpAddr, Ipv6Addr};

use netlink_codec::attr::NLA_F_NESTED;
use netlink_codec::header::{NlmFlags, RTM_NEWROUTE};
use netlink_codec::lwtunnel::{
    LWTUNNEL_ENCAP_RPL, LWTUNNEL_ENCAP_SEG6, LWTUNNEL_ENCAP_SEG6_LOCAL, RPL_IPTUNNEL_SRH,
    SEG6_IPTUNNEL_SRH, SEG6_LOCAL_ACTION, SEG6_LOCAL_SRH,
};
use netlink_codec::model::{AttrValue, Body, Header, Message, Node, Pad};
use netlink_codec::route::{RtMsg, RTA_DST, RTA_ENCAP, RTA_ENCAP_TYPE, RTA_OIF};
use netlink_codec::srh::{
    Ipv6RplSrHdr, Ipv6SrHdr, Seg6IptunnelEncap, SrhDef, IPV6_RPL_SR_HDR, IPV6_SRCRT_TYPE_3,
    IPV6_SRCRT_TYPE_4, IPV6_SR_HDR, SEG6_IPTUNNEL_ENCAP, SEG6_IPTUN_MODE_ENCAP, SR6_FLAG1_HMAC,
};
use zerocopy::{FromBytes, IntoBytes};

use common::parse_one as parse;

/// `NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL | NLM_F_CREATE`.
const CREATE: NlmFlags = NlmFlags::REQUEST
    .union(NlmFlags::ACK)
    .union(NlmFlags::EXCL)
    .union(NlmFlags::CREATE);

/// `2001:db8::last`.
fn seg(last: u16) -> Ipv6Addr {
    Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, last)
}

/// `2001:db8:n::`, the routes' destinations.
fn dst(n: u16) -> IpAddr {
    IpAddr::V6(Ipv6Addr::new(0x2001, 0xdb8, n, 0, 0, 0, 0, 0))
}

/// An `ip -6 route add <dst>/64 encap ... dev <index 3>` request: the `rtmsg` iproute2
/// sends and its attributes, the encapsulation holding `encap`.
fn route_add(seq: u32, to: u16, encap_type: u16, encap: Vec<Node>) -> Message {
    let h = RtMsg::read_from_bytes(&[10, 64, 0, 0, 254, 3, 0, 1, 0, 0, 0, 0]).unwrap();
    let attrs = vec![
        Node::new(RTA_DST, AttrValue::Ip(dst(to))),
        Node {
            raw_type: RTA_ENCAP | NLA_F_NESTED,
            value: AttrValue::Nested(encap),
            pad: Pad::ZERO,
        },
        Node::new(RTA_ENCAP_TYPE, AttrValue::U16(encap_type)),
        Node::new(RTA_OIF, AttrValue::U32(3)),
    ];
    Message::request(RTM_NEWROUTE, CREATE, seq, Body::Route(Header(h), attrs))
}

/// The one encapsulation attribute of a `route_add` message.
fn encap_attr(m: &Message) -> &Node {
    let Some([_, encap, ..]) = m.attrs() else {
        panic!("a route: {m:?}")
    };
    let AttrValue::Nested(inner) = &encap.value else {
        panic!("RTA_ENCAP is nested: {encap:?}")
    };
    inner.last().unwrap()
}

// ---- ip -6 route add 2001:db8:1::/64 encap seg6 mode encap segs 2001:db8::2,2001:db8::3
//      dev v0 (corpus 0450) --------------------------------------------------------------

#[rustfmt::skip]
const SEG6_ENCAP: &[u8] = &[
    0x74, 0x00, 0x00, 0x00, // nlmsg_len 116
    0x18, 0x00,             // nlmsg_type RTM_NEWROUTE (24)
    0x05, 0x06,             // NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE
    0xe0, 0x9f, 0x0f, 0x6b, // nlmsg_seq
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid
    // rtmsg
    0x0a, 0x40, 0x00, 0x00, // AF_INET6, rtm_dst_len 64, rtm_src_len 0, rtm_tos 0
    0xfe, 0x03, 0x00, 0x01, // RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST
    0x00, 0x00, 0x00, 0x00, // rtm_flags
    0x14, 0x00, 0x01, 0x00, // RTA_DST (1), 20 bytes
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01, 0x00, 0x00, // 2001:db8:1::
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x34, 0x00, 0x16, 0x80, // RTA_ENCAP (22) | NLA_F_NESTED, 52 bytes: SEG6_IPTUNNEL_*
      0x30, 0x00, 0x01, 0x00, // SEG6_IPTUNNEL_SRH (1), 48 bytes: struct seg6_iptunnel_encap
      0x01, 0x00, 0x00, 0x00, // mode SEG6_IPTUN_MODE_ENCAP (1), host order
      0x00,                   // srh.nexthdr 0 (the kernel sets it)
      0x04,                   // srh.hdrlen 4: (4 + 1) * 8 = 40 bytes of SRH
      0x04,                   // srh.type IPV6_SRCRT_TYPE_4 (SRv6)
      0x01,                   // srh.segments_left 1
      0x01,                   // srh.first_segment 1: two segments
      0x00,                   // srh.flags
      0x00, 0x00,             // srh.tag
      0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, // segments[0] 2001:db8::3 (the last hop:
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, //   the list is stored reversed)
      0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, // segments[1] 2001:db8::2 (the first)
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
    0x06, 0x00, 0x15, 0x00, // RTA_ENCAP_TYPE (21), 6 bytes
    0x05, 0x00, 0x00, 0x00, // LWTUNNEL_ENCAP_SEG6 (5) + 2 bytes padding
    0x08, 0x00, 0x04, 0x00, // RTA_OIF (4), 8 bytes
    0x03, 0x00, 0x00, 0x00, // 3
];

/// `struct seg6_iptunnel_encap` of mode encap with `segments` (its lengths zero: the
/// build sets them).
fn seg6_encap(mode: i32, flags: u8, segments: &[Ipv6Addr], tlvs: &[u8]) -> AttrValue {
    let hdr = Seg6IptunnelEncap {
        mode: mode.into(),
        srh_type: IPV6_SRCRT_TYPE_4,
        segments_left: u8::try_from(segments.len() - 1).unwrap(),
        flags,
        ..Seg6IptunnelEncap::default()
    };
    let b = SEG6_IPTUNNEL_ENCAP.build(hdr.as_bytes(), segments, tlvs);
    AttrValue::Srh(b.unwrap())
}

fn seg6_encap_route() -> Message {
    let srh = seg6_encap(SEG6_IPTUN_MODE_ENCAP, 0, &[seg(3), seg(2)], &[]);
    let encap = vec![Node::new(SEG6_IPTUNNEL_SRH, srh)];
    route_add(0x6b0f_9fe0, 1, LWTUNNEL_ENCAP_SEG6, encap)
}

#[test]
fn a_seg6_encap_parses_to_its_mode_and_segments() {
    let corpus = std::fs::read(common::corpus_dir().join("0450-req.bin")).unwrap();
    assert_eq!(corpus, SEG6_ENCAP);
    assert_eq!(parse(SEG6_ENCAP), seg6_encap_route());
    assert_eq!(seg6_encap_route().to_bytes().unwrap(), SEG6_ENCAP);
    let m = parse(SEG6_ENCAP);
    let AttrValue::Srh(b) = &encap_attr(&m).value else {
        panic!("typed")
    };
    let v = SEG6_IPTUNNEL_ENCAP.parse(b).unwrap();
    let h = Seg6IptunnelEncap::read_from_bytes(v.header()).unwrap();
    assert_eq!((h.mode.get(), h.hdrlen, h.first_segment), (1, 4, 1));
    assert_eq!(v.segments().collect::<Vec<_>>(), [seg(3), seg(2)]);
    assert_eq!(v.tlvs().count(), 0);
}

/// `raw` with byte `at` set to `v`.
fn with_byte(raw: &[u8], at: usize, v: u8) -> Vec<u8> {
    let mut b = raw.to_vec();
    b[at] = v;
    b
}

#[test]
fn an_srh_whose_lengths_disagree_stays_raw() {
    // hdrlen (byte 61) 3 says 32 bytes; first_segment (byte 64) 2 says three segments;
    // 0 says one segment, which leaves 16 bytes that are no TLV (type 0x20, len 0x01 is
    // 3 bytes, then 13 more).
    for (at, v) in [(61, 3), (64, 2), (64, 0)] {
        let m = parse(&with_byte(SEG6_ENCAP, at, v));
        let n = encap_attr(&m);
        assert!(
            matches!(n.value, AttrValue::Raw(_)),
            "byte {at} = {v}: {n:?}"
        );
        assert_eq!(m.to_bytes().unwrap(), with_byte(SEG6_ENCAP, at, v));
    }
}

#[cfg(feature = "render")]
#[test]
fn a_seg6_encap_renders_as_fields_and_segments() {
    use netlink_codec::render::{message_from_json, message_json, message_text};
    let m = parse(SEG6_ENCAP);
    let tree = message_text(&m, 0);
    let lines: Vec<&str> = tree.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("SEG6_IPTUNNEL_SRH"))
        .unwrap();
    assert_eq!(
        lines[at..at + 4],
        [
            "    52     SEG6_IPTUNNEL_SRH: 2 segments",
            "    56       seg6_iptunnel_encap: mode=SEG6_IPTUN_MODE_ENCAP nexthdr=0 hdrlen=4 \
             type=IPV6_SRCRT_TYPE_4 segments_left=1 first_segment=1 flags=0 tag=0",
            "    68       segments[0] = 2001:db8::3",
            "    84       segments[1] = 2001:db8::2",
        ]
    );
    let j = message_json(&m);
    let srh = &j["attrs"][1]["attrs"][0];
    assert_eq!(srh["value"]["segments"][1], "2001:db8::2");
    assert_eq!(srh["value"]["header"]["mode"], 1);
    assert_eq!(
        message_from_json(&j).unwrap().to_bytes().unwrap(),
        SEG6_ENCAP
    );
}

#[cfg(feature = "render")]
#[test]
fn the_json_reader_sets_the_lengths_and_checks_given_ones() {
    use netlink_codec::render::{message_from_json, message_json};
    let mut j = message_json(&parse(SEG6_ENCAP));
    let hdr = &mut j["attrs"][1]["attrs"][0]["value"]["header"];
    // Without them, hdrlen and first_segment come from the segments.
    hdr.as_object_mut().unwrap().remove("hdrlen");
    hdr.as_object_mut().unwrap().remove("first_segment");
    // The reader takes names as well as numbers.
    hdr["mode"] = "SEG6_IPTUN_MODE_ENCAP".into();
    assert_eq!(
        message_from_json(&j).unwrap().to_bytes().unwrap(),
        SEG6_ENCAP
    );
    j["attrs"][1]["attrs"][0]["value"]["header"]["hdrlen"] = 3.into();
    let e = message_from_json(&j).unwrap_err().to_string();
    assert!(e.contains("hdrlen") && e.contains("make it 4"), "{e}");
}

// ---- ip -6 route add 2001:db8:4::/64 encap seg6 mode encap segs 2001:db8::8 hmac 7
//      dev v0 (corpus 0456): the SRH ends with an HMAC TLV -------------------------------

#[rustfmt::skip]
const SEG6_HMAC_SRH: &[u8] = &[
    0x01, 0x00, 0x00, 0x00, // mode SEG6_IPTUN_MODE_ENCAP (1)
    0x00,                   // srh.nexthdr
    0x07,                   // srh.hdrlen 7: 64 bytes of SRH
    0x04,                   // srh.type IPV6_SRCRT_TYPE_4
    0x00,                   // srh.segments_left 0
    0x00,                   // srh.first_segment 0: one segment
    0x08,                   // srh.flags SR6_FLAG1_HMAC
    0x00, 0x00,             // srh.tag
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, // segments[0] 2001:db8::8
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08,
    // struct sr6_tlv_hmac
    0x05,                   // tlvhdr.type SR6_TLV_HMAC
    0x26,                   // tlvhdr.len 38
    0x00, 0x00,             // reserved
    0x00, 0x00, 0x00, 0x07, // hmackeyid 7 (network order)
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // hmac[32]: the kernel computes it
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //   per packet
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
];

#[test]
fn an_hmac_tlv_is_read_as_its_struct() {
    let corpus = std::fs::read(common::corpus_dir().join("0456-req.bin")).unwrap();
    let m = parse(&corpus);
    let AttrValue::Srh(b) = &encap_attr(&m).value else {
        panic!("typed: {m:?}")
    };
    assert_eq!(b, SEG6_HMAC_SRH);
    let mut tlv = vec![5, 38, 0, 0, 0, 0, 0, 7];
    tlv.extend([0; 32]);
    assert_eq!(
        seg6_encap(SEG6_IPTUN_MODE_ENCAP, SR6_FLAG1_HMAC, &[seg(8)], &tlv),
        AttrValue::Srh(SEG6_HMAC_SRH.to_vec())
    );
    let v = SEG6_IPTUNNEL_ENCAP.parse(b).unwrap();
    let tlvs: Vec<_> = v.tlvs().collect();
    assert_eq!(tlvs.len(), 1);
    let (at, t) = tlvs[0];
    assert_eq!(
        (at, t.def().name, t.rest()),
        (0, "sr6_tlv_hmac", &[0; 32][..])
    );
}

#[cfg(feature = "render")]
#[test]
fn an_hmac_tlv_renders_by_field() {
    use netlink_codec::render::{message_from_json, message_json, message_text};
    let corpus = std::fs::read(common::corpus_dir().join("0456-req.bin")).unwrap();
    let m = parse(&corpus);
    let tree = message_text(&m, 0);
    let line = tree.lines().find(|l| l.contains("sr6_tlv_hmac")).unwrap();
    let zeros = "00".repeat(32);
    assert_eq!(
        line,
        format!(
            "    84       sr6_tlv_hmac: type=SR6_TLV_HMAC len=38 reserved=0 hmackeyid=7 \
             hmac={zeros}"
        )
    );
    assert!(tree.contains("flags=SR6_FLAG1_HMAC tag=0"), "{tree}");
    assert!(tree.contains("SEG6_IPTUNNEL_SRH: 1 segment\n"), "{tree}");
    let j = message_json(&m);
    let tlv = &j["attrs"][1]["attrs"][0]["value"]["tlvs"][0];
    assert_eq!((&tlv["type"], &tlv["hmackeyid"]), (&5.into(), &7.into()));
    assert_eq!(message_from_json(&j).unwrap().to_bytes().unwrap(), corpus);
}

// ---- ip -6 route add 2001:db8:6::/64 encap seg6local action End.B6 srh segs
//      2001:db8::b,2001:db8::c dev v0 (corpus 0460): a bare struct ipv6_sr_hdr --------

#[rustfmt::skip]
const SEG6_LOCAL_B6: &[u8] = &[
    0x88, 0x00, 0x00, 0x00, // nlmsg_len 136
    0x18, 0x00,             // nlmsg_type RTM_NEWROUTE (24)
    0x05, 0x06,             // NLM_F_REQUEST|NLM_F_ACK|NLM_F_EXCL|NLM_F_CREATE
    0xe0, 0x9f, 0x0f, 0x6b, // nlmsg_seq
    0x00, 0x00, 0x00, 0x00, // nlmsg_pid
    // rtmsg
    0x0a, 0x40, 0x00, 0x00, // AF_INET6, rtm_dst_len 64, rtm_src_len 0, rtm_tos 0
    0xfe, 0x03, 0x00, 0x01, // RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST
    0x00, 0x00, 0x00, 0x00, // rtm_flags
    0x14, 0x00, 0x01, 0x00, // RTA_DST (1), 20 bytes
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x06, 0x00, 0x00, // 2001:db8:6::
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x48, 0x00, 0x16, 0x80, // RTA_ENCAP (22) | NLA_F_NESTED, 72 bytes: SEG6_LOCAL_*
      0x08, 0x00, 0x01, 0x00, // SEG6_LOCAL_ACTION (1), 8 bytes
      0x09, 0x00, 0x00, 0x00, // SEG6_LOCAL_ACTION_END_B6 (9)
      0x3c, 0x00, 0x02, 0x00, // SEG6_LOCAL_SRH (2), 60 bytes: struct ipv6_sr_hdr
      0x00,                   // nexthdr
      0x06,                   // hdrlen 6: 56 bytes
      0x04,                   // type IPV6_SRCRT_TYPE_4
      0x02,                   // segments_left 2
      0x02,                   // first_segment 2: three segments
      0x00,                   // flags
      0x00, 0x00,             // tag
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // segments[0] :: (End.B6: the
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, //   kernel's slot for the SID)
      0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, // segments[1] 2001:db8::c
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0c,
      0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, // segments[2] 2001:db8::b
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0b,
    0x06, 0x00, 0x15, 0x00, // RTA_ENCAP_TYPE (21), 6 bytes
    0x07, 0x00, 0x00, 0x00, // LWTUNNEL_ENCAP_SEG6_LOCAL (7) + 2 bytes padding
    0x08, 0x00, 0x04, 0x00, // RTA_OIF (4), 8 bytes
    0x03, 0x00, 0x00, 0x00, // 3
];

fn bare_srh(def: &'static SrhDef, segments_left: u8, segments: &[Ipv6Addr]) -> AttrValue {
    let hdr = Ipv6SrHdr {
        srh_type: IPV6_SRCRT_TYPE_4,
        segments_left,
        ..Ipv6SrHdr::default()
    };
    AttrValue::Srh(def.build(hdr.as_bytes(), segments, &[]).unwrap())
}

#[test]
fn a_seg6local_srh_is_a_bare_ipv6_sr_hdr() {
    let segs = [Ipv6Addr::UNSPECIFIED, seg(0xc), seg(0xb)];
    let encap = vec![
        Node::new(SEG6_LOCAL_ACTION, AttrValue::U32(9)),
        Node::new(SEG6_LOCAL_SRH, bare_srh(&IPV6_SR_HDR, 2, &segs)),
    ];
    let want = route_add(0x6b0f_9fe0, 6, LWTUNNEL_ENCAP_SEG6_LOCAL, encap);
    assert_eq!(parse(SEG6_LOCAL_B6), want);
    assert_eq!(want.to_bytes().unwrap(), SEG6_LOCAL_B6);
}

// ---- ip -6 route add 2001:db8:8::/64 encap rpl segs 2001:db8::e,2001:db8::f dev v0
//      (corpus 0464; this kernel has no RPL and answers EOPNOTSUPP) ---------------------

#[rustfmt::skip]
const RPL_SRH: &[u8] = &[
    0x2c, 0x00, 0x01, 0x00, // RPL_IPTUNNEL_SRH (1), 44 bytes: struct ipv6_rpl_sr_hdr
    0x00,                   // nexthdr
    0x04,                   // hdrlen 4: 32 bytes after these 8
    0x03,                   // type IPV6_SRCRT_TYPE_3 (RPL)
    0x02,                   // segments_left 2
    0x00,                   // cmpri 0 (high nibble), cmpre 0 (low): whole addresses
    0x00,                   // pad 0 (high nibble), reserved
    0x00, 0x00,             // reserved
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, // segments[0] 2001:db8::f
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0f,
    0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, // segments[1] 2001:db8::e
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0e,
];

fn rpl_srh(pad: &[u8]) -> AttrValue {
    let hdr = Ipv6RplSrHdr {
        rpl_type: IPV6_SRCRT_TYPE_3,
        segments_left: 2,
        ..Ipv6RplSrHdr::default()
    };
    let b = IPV6_RPL_SR_HDR.build(hdr.as_bytes(), &[seg(0xf), seg(0xe)], pad);
    AttrValue::Srh(b.unwrap())
}

#[test]
fn an_rpl_srh_parses_to_its_segments() {
    let corpus = std::fs::read(common::corpus_dir().join("0464-req.bin")).unwrap();
    let m = parse(&corpus);
    let srh = encap_attr(&m);
    assert_eq!(srh.kind(), RPL_IPTUNNEL_SRH);
    assert_eq!(srh.value, rpl_srh(&[]));
    let encap = vec![Node::new(RPL_IPTUNNEL_SRH, rpl_srh(&[]))];
    let want = route_add(0x6b0f_9fe0, 8, LWTUNNEL_ENCAP_RPL, encap);
    assert_eq!(want.to_bytes().unwrap(), corpus);
    let mut node = Vec::new();
    netlink_codec::model::emit_node(&mut netlink_codec::attr::Emitter::new(&mut node), srh)
        .unwrap();
    assert_eq!(node, RPL_SRH);
}

#[test]
fn rpl_padding_is_counted_and_compressed_segments_stay_raw() {
    // Hand-built: 8 bytes of padding after the two segments (pad 8, hdrlen 5).
    let padded = rpl_srh(&[0; 8]);
    let AttrValue::Srh(b) = &padded else {
        panic!("{padded:?}")
    };
    assert_eq!(&b[..8], [0, 5, 3, 2, 0x00, 0x80, 0, 0]);
    let v = IPV6_RPL_SR_HDR.parse(b).unwrap();
    assert_eq!((v.segment_count(), v.tail()), (2, &[0u8; 8][..]));
    // cmpri 8: the segments would be 8-byte suffixes, not in6_addrs.
    let compressed = with_byte(&RPL_SRH[4..], 4, 0x80);
    assert!(IPV6_RPL_SR_HDR.parse(&compressed).is_none());
    // hdrlen 3 disagrees with the 32 bytes of segments.
    assert!(IPV6_RPL_SR_HDR
        .parse(&with_byte(&RPL_SRH[4..], 1, 3))
        .is_none());
}

#[cfg(feature = "render")]
#[test]
fn an_rpl_srh_renders_its_bit_fields() {
    use netlink_codec::render::{message_from_json, message_json, message_text};
    let corpus = std::fs::read(common::corpus_dir().join("0464-req.bin")).unwrap();
    let m = parse(&corpus);
    let tree = message_text(&m, 0);
    let line = tree
        .lines()
        .find(|l| l.contains("ipv6_rpl_sr_hdr"))
        .unwrap();
    assert_eq!(
        line,
        "    56       ipv6_rpl_sr_hdr: nexthdr=0 hdrlen=4 type=IPV6_SRCRT_TYPE_3 \
         segments_left=2 cmpri=0 cmpre=0 pad=0 reserved=0"
    );
    assert!(
        tree.contains("    64       segments[0] = 2001:db8::f"),
        "{tree}"
    );
    let j = message_json(&m);
    assert_eq!(message_from_json(&j).unwrap().to_bytes().unwrap(), corpus);
}

#[cfg(feature = "render")]
#[test]
fn rpl_padding_renders_and_reads_back() {
    use netlink_codec::render::{message_from_json, message_json, message_text};
    let encap = vec![Node::new(RPL_IPTUNNEL_SRH, rpl_srh(&[0; 8]))];
    let m = route_add(1, 8, LWTUNNEL_ENCAP_RPL, encap);
    let bytes = m.to_bytes().unwrap();
    assert_eq!(parse(&bytes), m);
    let tree = message_text(&m, 0);
    // The header at 56, two segments of 16 bytes, then the 8 bytes of padding.
    assert!(tree.contains("pad=8 reserved=0"), "{tree}");
    assert!(
        tree.contains("    96       padding: hex 0000000000000000"),
        "{tree}"
    );
    let j = message_json(&m);
    assert_eq!(
        j["attrs"][1]["attrs"][0]["value"]["padding"],
        "0000000000000000"
    );
    assert_eq!(message_from_json(&j).unwrap().to_bytes().unwrap(), bytes);
}

#[cfg(feature = "render")]
#[test]
fn the_json_reader_refuses_what_no_header_can_hold() {
    use netlink_codec::render::{message_from_json, message_json};
    let base = message_json(&parse(SEG6_ENCAP));
    let refused = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut j = base.clone();
        edit(&mut j["attrs"][1]["attrs"][0]["value"]);
        message_from_json(&j).unwrap_err().to_string()
    };
    let e = refused(&|v| v["segments"][0] = "192.0.2.1".into());
    assert!(e.contains("segments[0]") && e.contains("IPv6"), "{e}");
    // A 3-byte TLV leaves the header 43 bytes long: not whole 8-octet units.
    let e = refused(&|v| v["tlvs"] = serde_json::json!([{"type": 4, "data": "00"}]));
    assert!(
        e.contains("43 bytes") && e.contains("SR6_TLV_PADDING"),
        "{e}"
    );
    let e = refused(&|v| v["tlvs"] = serde_json::json!([{"type": 5, "hmac": "00"}]));
    assert!(e.contains("tlvs[0].hmac") && e.contains("32 bytes"), "{e}");
    let e = refused(&|v| v["tlvs"] = serde_json::json!([{"type": 4, "len": 2, "data": "00"}]));
    assert!(e.contains("tlvs[0].len") && e.contains("make it 1"), "{e}");
}
