//! The typed representations (`netlink_codec::repr`): parse → emit gives every corpus
//! message of their families back byte for byte, requests built from scratch equal the
//! builders' bytes, and every typed field agrees with its attribute table.

mod common;

use netlink_codec::attr::EmitBuf;
use netlink_codec::build::MessageBuilder;
use netlink_codec::header::*;
use netlink_codec::link::*;
use netlink_codec::repr::*;
use netlink_codec::schema::{Shape, Space};
use netlink_codec::EncodeError;
use zerocopy::IntoBytes;

/// Which repr a message type has, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Link,
    Addr,
    Route,
    Nsid,
    NeighTbl,
    Error,
}

fn kind_of(t: u16) -> Option<Kind> {
    Some(match t {
        RTM_NEWLINK..=RTM_SETLINK => Kind::Link,
        RTM_NEWADDR..=RTM_GETADDR => Kind::Addr,
        RTM_NEWROUTE..=RTM_GETROUTE => Kind::Route,
        RTM_NEWNSID..=RTM_GETNSID => Kind::Nsid,
        RTM_NEWNEIGHTBL..=RTM_SETNEIGHTBL => Kind::NeighTbl,
        NLMSG_ERROR => Kind::Error,
        _ => return None,
    })
}

/// Parse `msg` with its repr and emit it again into a message with the same header
/// fields; returns the bytes (`nlmsg_pid` copied, since the builder writes 0) and what
/// `buffer_len` promised.
fn reemit(kind: Kind, msg: &NlMsg<'_>) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut m = MessageBuilder::new(&mut out, msg.msg_type(), msg.flags(), msg.seq()).unwrap();
    let promised = emit_as(kind, msg, &mut m).unwrap_or_else(|e| {
        panic!("{kind:?} at {}: {e}", msg.offset());
    });
    m.finish().unwrap();
    out[12..16].copy_from_slice(&msg.pid().to_ne_bytes());
    (out, promised)
}

fn emit_as(
    kind: Kind,
    msg: &NlMsg<'_>,
    m: &mut MessageBuilder<'_, Vec<u8>>,
) -> Result<usize, Box<dyn std::error::Error>> {
    Ok(match kind {
        Kind::Link => {
            let r = LinkRepr::parse(msg)?;
            r.emit(m)?;
            r.buffer_len()
        }
        Kind::Addr => {
            let r = AddrRepr::parse(msg)?;
            r.emit(m)?;
            r.buffer_len()
        }
        Kind::Route => {
            let r = RouteRepr::parse(msg)?;
            r.emit(m)?;
            r.buffer_len()
        }
        Kind::Nsid => {
            let r = NsidRepr::parse(msg)?;
            r.emit(m)?;
            r.buffer_len()
        }
        Kind::NeighTbl => {
            let r = NeighTblRepr::parse(msg)?;
            r.emit(m)?;
            r.buffer_len()
        }
        Kind::Error => {
            let r = ErrorRepr::parse(msg)?;
            r.emit(m)?;
            r.buffer_len()
        }
    })
}

#[test]
fn parse_then_emit_gives_every_corpus_message_back() {
    let mut seen = std::collections::BTreeMap::new();
    for (name, buf) in common::corpus() {
        for msg in Messages::new(&buf) {
            let msg = msg.unwrap();
            let Some(kind) = kind_of(msg.msg_type()) else {
                continue;
            };
            let end = msg.payload_offset() + msg.payload().len() + msg.pad().len();
            let original = &buf[msg.offset()..end];
            let (out, promised) = reemit(kind, &msg);
            assert_eq!(
                out.len(),
                NlMsgHdr::LEN + promised,
                "{name} @{}: buffer_len",
                msg.offset()
            );
            assert_eq!(out, original, "{name} @{}: {kind:?}", msg.offset());
            if kind == Kind::Error {
                // The flags the repr asks for are the ones the kernel set.
                let e = ErrorRepr::parse(&msg).unwrap();
                let want = msg.flags() & (NlmFlags::CAPPED | NlmFlags::ACK_TLVS);
                assert_eq!(e.nlm_flags(), want, "{name} @{}", msg.offset());
            }
            *seen.entry(kind).or_insert(0) += 1;
        }
    }
    // The corpus has links, addresses, routes, nsids and errors (no neighbour tables).
    for k in [Kind::Link, Kind::Addr, Kind::Route, Kind::Nsid, Kind::Error] {
        assert!(
            seen.get(&k).copied().unwrap_or(0) > 0,
            "no {k:?} in the corpus"
        );
    }
    assert!(seen.values().sum::<usize>() >= 100, "{seen:?}");
}

#[test]
fn reprs_type_what_the_kernel_sent() {
    let mut links = 0;
    let mut routes_with_table = 0;
    for (_, buf) in common::corpus() {
        for msg in Messages::new(&buf) {
            let msg = msg.unwrap();
            match msg.msg_type() {
                RTM_NEWLINK if !msg.flags().contains(NlmFlags::REQUEST) => {
                    let l = LinkRepr::parse(&msg).unwrap();
                    // Kernel link replies always name the link and give its MTU.
                    assert!(l.attrs.ifname.is_some() && l.attrs.mtu.is_some(), "{l}");
                    let (ifi, attrs) = msg.split::<IfInfoMsg>().unwrap();
                    assert_eq!(l.index, ifi.ifi_index.get());
                    let mtu = attrs.find(IFLA_MTU).unwrap().unwrap().u32().unwrap();
                    assert_eq!(l.attrs.mtu, Some(mtu));
                    links += 1;
                }
                RTM_NEWROUTE if !msg.flags().contains(NlmFlags::REQUEST) => {
                    let r = RouteRepr::parse(&msg).unwrap();
                    if let Some(t) = r.attrs.table {
                        assert_eq!(t & 0xff, u32::from(r.table) & 0xff, "{r}");
                        routes_with_table += 1;
                    }
                }
                _ => {}
            }
        }
    }
    assert!(links > 0 && routes_with_table > 0);
}

/// What `examples/create_veth.rs` writes with the builders.
fn veth_with_builders(host: &str, peer: &str, fd: u32) -> Result<Vec<u8>, EncodeError> {
    let flags = NlmFlags::REQUEST | NlmFlags::ACK | NlmFlags::CREATE | NlmFlags::EXCL;
    let mut buf = Vec::new();
    let mut m = MessageBuilder::new(&mut buf, RTM_NEWLINK, flags, 1)?;
    m.family_header(&IfInfoMsg::default())?;
    let a = m.attrs();
    a.str(IFLA_IFNAME, host)?;
    let info = a.nest_start(IFLA_LINKINFO)?;
    a.str(IFLA_INFO_KIND, "veth")?;
    let data = a.nest_start(IFLA_INFO_DATA)?;
    let p = a.nest_start(VETH_INFO_PEER)?;
    a.buf().put(IfInfoMsg::default().as_bytes())?;
    a.str(IFLA_IFNAME, peer)?;
    a.u32(IFLA_NET_NS_FD, fd)?;
    a.nest_end(p)?;
    a.nest_end(data)?;
    a.nest_end(info)?;
    m.finish()?;
    Ok(buf)
}

#[test]
fn a_veth_built_from_scratch_equals_the_builders_request() {
    let peer = LinkRepr {
        attrs: LinkAttrs {
            ifname: Some("veth-pod"),
            net_ns_fd: Some(5),
            ..Default::default()
        },
        ..Default::default()
    };
    let host = LinkRepr {
        attrs: LinkAttrs {
            ifname: Some("veth-host"),
            linkinfo: Some(LinkInfo::veth(VethPeer::Repr(&peer))),
            ..Default::default()
        },
        ..Default::default()
    };
    let flags = NlmFlags::REQUEST | NlmFlags::ACK | NlmFlags::CREATE | NlmFlags::EXCL;
    let mut buf = Vec::new();
    let mut m = MessageBuilder::new(&mut buf, RTM_NEWLINK, flags, 1).unwrap();
    host.emit(&mut m).unwrap();
    assert_eq!(m.finish().unwrap(), NlMsgHdr::LEN + host.buffer_len());
    assert_eq!(buf, veth_with_builders("veth-host", "veth-pod", 5).unwrap());

    // And it parses back to the same values, the peer included.
    let msg = Messages::new(&buf).next().unwrap().unwrap();
    let back = LinkRepr::parse(&msg).unwrap();
    let info = back.attrs.linkinfo.clone().unwrap();
    let Some(InfoData::Veth(veth)) = info.data else {
        panic!("veth data not typed: {info:?}");
    };
    let p = veth.peer.unwrap().parse().unwrap();
    assert_eq!(p.attrs.ifname, Some("veth-pod"));
    assert_eq!(p.attrs.net_ns_fd, Some(5));
}

#[path = "../benches/codec/plan.rs"]
#[allow(dead_code)]
mod plan;

#[test]
fn the_setup_plan_built_with_reprs_equals_the_builders_plan() {
    let mut ours = Vec::new();
    plan::encode_plan(&mut ours, &plan::POD).unwrap();
    let mut reprs = Vec::new();
    plan::repr_plan(&mut reprs, &plan::POD).unwrap();
    assert_eq!(reprs.len(), ours.len());
    for (a, b) in Messages::new(&reprs).zip(Messages::new(&ours)) {
        let (a, b) = (a.unwrap(), b.unwrap());
        let ra = &reprs[a.offset()..a.payload_offset() + a.payload().len()];
        let rb = &ours[b.offset()..b.payload_offset() + b.payload().len()];
        assert_eq!(ra, rb, "request seq {}", a.seq());
    }
    assert_eq!(reprs, ours);
}

#[test]
fn a_changed_field_is_written_in_place_and_the_rest_kept() {
    let buf = std::fs::read(common::corpus_dir().join("0007-rep.bin")).unwrap();
    let msg = Messages::new(&buf).next().unwrap().unwrap();
    let mut link = LinkRepr::parse(&msg).unwrap();
    let before: Vec<u16> = link
        .attrs
        .original
        .attrs()
        .map(|a| a.unwrap().kind())
        .collect();
    link.attrs.mtu = Some(9000);
    link.attrs.ifalias = None;
    link.attrs.group = None;
    link.attrs.net_ns_pid = Some(1);
    let mut out = Vec::new();
    let mut m = MessageBuilder::new(&mut out, RTM_NEWLINK, NlmFlags::REQUEST, 1).unwrap();
    link.emit(&mut m).unwrap();
    assert_eq!(m.finish().unwrap(), NlMsgHdr::LEN + link.buffer_len());

    let back = LinkRepr::parse(&Messages::new(&out).next().unwrap().unwrap()).unwrap();
    assert_eq!(back.attrs.mtu, Some(9000));
    assert_eq!(back.attrs.group, None);
    assert_eq!(back.attrs.net_ns_pid, Some(1));
    assert_eq!(back.attrs.ifname, link.attrs.ifname);
    // Same order, minus the removed attributes, plus the new one at the end.
    let after: Vec<u16> = back
        .attrs
        .original
        .attrs()
        .map(|a| a.unwrap().kind())
        .collect();
    let mut expected: Vec<u16> = before
        .into_iter()
        .filter(|k| *k != IFLA_GROUP && *k != IFLA_IFALIAS)
        .collect();
    expected.push(IFLA_NET_NS_PID);
    assert_eq!(after, expected);
    // Unmodelled attributes (stats, queues, ...) came through unchanged.
    let un = |r: &LinkRepr<'_>| -> Vec<(u16, Vec<u8>)> {
        r.attrs
            .unmodelled()
            .map(|a| (a.kind(), a.payload().to_vec()))
            .collect()
    };
    assert!(!un(&link).is_empty());
    assert_eq!(un(&back), un(&link));
}

#[test]
fn every_typed_field_matches_its_attribute_table() {
    let lists: &[(&str, &[ReprField], &Space)] = &[
        ("LinkAttrs", LinkAttrs::FIELDS, LinkAttrs::space()),
        ("LinkInfo", LinkInfo::FIELDS, LinkInfo::space()),
        ("VethInfo", VethInfo::FIELDS, VethInfo::space()),
        ("BridgeInfo", BridgeInfo::FIELDS, BridgeInfo::space()),
        ("VxlanInfo", VxlanInfo::FIELDS, VxlanInfo::space()),
        ("AfSpec", AfSpec::FIELDS, AfSpec::space()),
        ("InetSpec", InetSpec::FIELDS, InetSpec::space()),
        ("Inet6Spec", Inet6Spec::FIELDS, Inet6Spec::space()),
        ("AddrAttrs", AddrAttrs::FIELDS, AddrAttrs::space()),
        ("RouteAttrs", RouteAttrs::FIELDS, RouteAttrs::space()),
        ("Metrics", Metrics::FIELDS, Metrics::space()),
        ("NexthopAttrs", NexthopAttrs::FIELDS, NexthopAttrs::space()),
        ("NsidAttrs", NsidAttrs::FIELDS, NsidAttrs::space()),
        (
            "NeighTblAttrs",
            NeighTblAttrs::FIELDS,
            NeighTblAttrs::space(),
        ),
        (
            "NeighTblParms",
            NeighTblParms::FIELDS,
            NeighTblParms::space(),
        ),
        ("ExtAckAttrs", ExtAckAttrs::FIELDS, ExtAckAttrs::space()),
    ];
    let mut n = 0;
    for (repr, fields, space) in lists {
        assert!(!fields.is_empty(), "{repr}");
        for f in *fields {
            let def = space.get(f.kind).unwrap_or_else(|| {
                panic!("{repr}.{}: type {} not in {}", f.name, f.kind, space.name)
            });
            // A field models the usual shape; where a header family chooses another
            // (`Shape::ByFamily`), the attribute stays unmodelled under that family.
            let usual = match def.shape {
                Shape::ByFamily(_, usual) => *usual,
                shape => shape,
            };
            assert!(
                (f.shape_ok)(&usual),
                "{repr}.{}: {} is {:?} in the table",
                f.name,
                def.name,
                def.shape
            );
            // The Rust name is the uapi name without the space's prefix (VETH_INFO_PEER
            // is `peer`), so a field cannot silently point at a neighbour.
            let stem = def
                .name
                .rsplit_once(space.name)
                .map_or(def.name, |(_, s)| s);
            let stem = stem.trim_start_matches('_').to_ascii_lowercase();
            assert!(
                stem == f.name
                    || stem.replace('_', "") == f.name.replace('_', "")
                    || def.name.starts_with("AF_"),
                "{repr}.{} reads {}",
                f.name,
                def.name
            );
            n += 1;
        }
    }
    assert!(n > 80, "{n}");
}

#[test]
fn bad_input_is_an_error_naming_the_offset() {
    let mut buf = veth_with_builders("a", "b", 1).unwrap();
    // IFLA_IFNAME's rta_len (at 32) made too large for the message.
    buf[32] = 0xff;
    let msg = Messages::new(&buf).next().unwrap().unwrap();
    let e = LinkRepr::parse(&msg).unwrap_err();
    assert_eq!(e.offset, 32);
    // A one-byte IFLA_MTU is a size error at that attribute.
    let mut b = Vec::new();
    let mut m = MessageBuilder::new(&mut b, RTM_NEWLINK, NlmFlags::REQUEST, 1).unwrap();
    m.family_header(&IfInfoMsg::default()).unwrap();
    m.attrs().u8(IFLA_MTU, 1).unwrap();
    m.finish().unwrap();
    let msg = Messages::new(&b).next().unwrap().unwrap();
    let e = LinkRepr::parse(&msg).unwrap_err();
    assert_eq!(
        (e.offset, e.kind),
        (32, netlink_codec::DecodeErrorKind::BadAttrSize)
    );
    // A truncated family header.
    let e = RouteRepr::parse(&msg_with_payload(&[0; 4])).unwrap_err();
    assert_eq!(
        e.kind,
        netlink_codec::DecodeErrorKind::TruncatedFamilyHeader
    );
}

fn msg_with_payload(p: &[u8]) -> NlMsg<'static> {
    let mut b = Vec::new();
    let mut m = MessageBuilder::new(&mut b, RTM_NEWROUTE, NlmFlags::REQUEST, 1).unwrap();
    m.raw(p).unwrap();
    m.finish().unwrap();
    let b: &'static [u8] = Box::leak(b.into_boxed_slice());
    Messages::new(b).next().unwrap().unwrap()
}

/// A small deterministic generator (xorshift), so the mutation test needs no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn mutated_corpus_messages_are_errors_or_emit_what_buffer_len_says() {
    // Every corpus message of a repr family with a few bytes changed (lengths and types
    // included): parse must return an error or a value; a value must emit exactly
    // `buffer_len()` bytes and parse again. Nothing may panic.
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut parsed, mut rejected) = (0, 0);
    for (_, buf) in common::corpus() {
        for msg in Messages::new(&buf) {
            let msg = msg.unwrap();
            let Some(kind) = kind_of(msg.msg_type()) else {
                continue;
            };
            let start = msg.offset();
            let end = msg.payload_offset() + msg.payload().len();
            for _ in 0..40 {
                let mut m = buf[start..end].to_vec();
                for _ in 0..1 + rng.below(3) {
                    let at = NlMsgHdr::LEN + rng.below(m.len() - NlMsgHdr::LEN);
                    m[at] = rng.next() as u8;
                }
                let Some(Ok(msg)) = Messages::new(&m).next() else {
                    continue;
                };
                let mut out = Vec::new();
                let mut b =
                    MessageBuilder::new(&mut out, msg.msg_type(), msg.flags(), msg.seq()).unwrap();
                match emit_as(kind, &msg, &mut b) {
                    Ok(promised) => {
                        assert_eq!(b.finish().unwrap(), NlMsgHdr::LEN + promised);
                        let again = Messages::new(&out).next().unwrap().unwrap();
                        let mut sink = Vec::new();
                        let mut b2 =
                            MessageBuilder::new(&mut sink, 1, NlmFlags::empty(), 0).unwrap();
                        emit_as(kind, &again, &mut b2).unwrap();
                        parsed += 1;
                    }
                    Err(_) => rejected += 1,
                }
            }
        }
    }
    assert!(
        parsed > 100 && rejected > 100,
        "parsed {parsed}, rejected {rejected}"
    );
}

#[test]
fn a_multipath_route_built_from_reprs_reads_back_with_the_views() {
    use core::net::{IpAddr, Ipv4Addr};
    use netlink_codec::route::{Nexthops, RtnhFlags, RTA_MULTIPATH};
    let gw = |d| IpAddr::V4(Ipv4Addr::new(10, 0, 0, d));
    let hops = [
        NexthopRepr {
            ifindex: 2,
            attrs: NexthopAttrs {
                gateway: Some(gw(1)),
                ..Default::default()
            },
            ..Default::default()
        },
        NexthopRepr {
            ifindex: 3,
            hops: 4,
            flags: RtnhFlags::ONLINK,
            attrs: NexthopAttrs {
                gateway: Some(gw(2)),
                ..Default::default()
            },
        },
    ];
    let route = RouteRepr {
        attrs: RouteAttrs {
            multipath: Some(Multipath::Set(&hops)),
            metrics: Some(Metrics {
                mtu: Some(1400),
                ..Default::default()
            }),
            ..Default::default()
        },
        ..Default::default()
    };
    let mut buf = Vec::new();
    let mut m = MessageBuilder::new(&mut buf, RTM_NEWROUTE, NlmFlags::REQUEST, 1).unwrap();
    route.emit(&mut m).unwrap();
    assert_eq!(m.finish().unwrap(), NlMsgHdr::LEN + route.buffer_len());

    // The views, independently of the reprs: two rtnexthop entries with their gateways.
    let msg = Messages::new(&buf).next().unwrap().unwrap();
    let (_, attrs) = msg.split::<netlink_codec::route::RtMsg>().unwrap();
    let mp = attrs.find(RTA_MULTIPATH).unwrap().unwrap();
    let seen: Vec<(i32, u8, u8, IpAddr)> = Nexthops::new(mp.payload(), mp.payload_offset())
        .map(|nh| {
            let nh = nh.unwrap();
            let gw = nh.attrs.clone().next().unwrap().unwrap().ip().unwrap();
            (
                nh.header.rtnh_ifindex.get(),
                nh.header.rtnh_flags,
                nh.header.rtnh_hops,
                gw,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [(2, 0, 0, gw(1)), (3, RtnhFlags::ONLINK.bits(), 4, gw(2))]
    );

    // And the repr reads it back typed, equal to what was built.
    let back = RouteRepr::parse(&msg).unwrap();
    let typed: Vec<NexthopRepr<'_>> = back
        .attrs
        .multipath
        .unwrap()
        .iter()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(typed, hops);
    assert_eq!(back.attrs.metrics.as_ref().and_then(|m| m.mtu), Some(1400));
    assert!(back.to_string().contains("dev 3"), "{back}");
}
