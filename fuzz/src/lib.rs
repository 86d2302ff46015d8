//! The invariants the fuzz targets assert, as plain functions (so a crash input can be
//! replayed in a unit test, and both targets share them).
//!
//! - [`check_decode`]: any bytes. The views never panic (every message, family header,
//!   attribute at every depth read with its table shape and with every other shape, every
//!   name lookup); whatever `Message::parse_all` accepts re-encodes to the same bytes, into
//!   a `Vec` and into an exact-size `SliceBuf`, and parses again to the same messages.
//! - [`check_roundtrip`]: any `Message` (built by `arbitrary`). Emit either fails cleanly
//!   (an attribute over 65535 bytes, a model nested past `MAX_NESTING`, kept padding of a
//!   length the payload does not need) or produces a
//!   well-framed message whose length is what `emit` returned; a `SliceBuf` one byte short
//!   is `BufferTooSmall`. If the bytes parse, the parsed message
//!   emits the same bytes (`emit(parse(emit(m))) == emit(m)`). If `m` is canonical (see
//!   [`canonical`]), the bytes parse and give back exactly `m`.

mod cni;
pub use cni::check_cni;

use netlink_codec::ack::{DoneView, ErrorView, EXT_ACK};
use netlink_codec::attr::{Attr, Attrs, SliceBuf};
use netlink_codec::errno::Errno;
use netlink_codec::family::Family;
use netlink_codec::header::{
    align, msg_type_name, FlagContext, Messages, NlMsg, NlMsgHdr, NlmFlags, NLMSG_DONE, NLMSG_ERROR,
};
use netlink_codec::model::{AttrValue, Body, Message, Node};
use netlink_codec::schema::{Elem, Labels, Shape, Space};
use netlink_codec::value::{inet_conf_is_nested, kind_hint, Value};
use netlink_codec::{link, mdb, nexthop, route, srh, EncodeError};

/// Nesting the decode walk follows (the kernel allows far less; this bounds the work).
const MAX_DEPTH: u32 = 16;

/// One of each shape, to read every attribute every way.
const ALL_SHAPES: &[Shape] = &[
    Shape::Raw,
    Shape::Flag,
    Shape::U8,
    Shape::U16,
    Shape::U32,
    Shape::I32,
    Shape::U64,
    Shape::Uint,
    Shape::Be16,
    Shape::Be32,
    Shape::Be64,
    Shape::Str,
    Shape::LlAddr,
    Shape::Ip,
    Shape::Via,
    Shape::Nested(&link::LINK),
    Shape::Indexed(&Shape::Ip),
    Shape::Array(Elem::U64, Labels::Space(&link::IPSTATS_MIB, 0)),
    Shape::InetConf(&link::IPV4_DEVCONF),
    Shape::Peer(&link::LINK),
    Shape::Multipath(&route::ROUTE),
    Shape::Headed(&mdb::BrMdbEntry::DEF, &mdb::MDBA_MDB_EATTR),
    Shape::Headed(&mdb::MdbRouterPort::DEF, &mdb::MDBA_ROUTER_PATTR),
    Shape::Structs(&nexthop::NexthopGrp::DEF),
    Shape::Srh(&srh::SEG6_IPTUNNEL_ENCAP),
    Shape::Srh(&srh::IPV6_SR_HDR),
    Shape::Srh(&srh::IPV6_RPL_SR_HDR),
    Shape::ByKind(link::IFLA_INFO_KIND, link::INFO_DATA_KINDS),
    Shape::Array(Elem::I32, Labels::List(link::LINK_STATS_NAMES)),
    Shape::Array(Elem::U16, Labels::List(&[])),
    Shape::ByType(route::RTA_ENCAP_TYPE, netlink_codec::lwtunnel::ENCAP_KINDS),
    Shape::ByFamily(link::PROTINFO_FAMILIES, &Shape::Raw),
];

/// Touch a typed value the way a renderer would (names, labels, nested runs).
fn touch(v: &Value<'_>, depth: u32) -> usize {
    match v {
        Value::Raw(p) | Value::LlAddr(p) => p.len(),
        Value::Str(s) => s.len(),
        Value::Via(f, p) => usize::from(*f) + p.len(),
        Value::Array(p, e, labels) => (0..p.len() / e.size())
            .filter_map(|i| labels.get(i))
            .map(str::len)
            .sum(),
        Value::Nested(inner, s) => walk_attrs(inner.clone(), s, None, depth + 1),
        Value::Indexed(slots, elem) => slots
            .clone()
            .map_while(Result::ok)
            .filter_map(|a| Value::read(&a, **elem, None).ok())
            .map(|v| touch(&v, depth + 1))
            .sum(),
        Value::Peer(h, inner, s) => {
            let _ = h.flags();
            walk_attrs(inner.clone(), s, None, depth + 1)
        }
        Value::Headed(h, def, inner, s) => {
            let fields = def.fields.iter().filter_map(|f| def.read(f, h)).count();
            fields + walk_attrs(inner.clone(), s, None, depth + 1)
        }
        Value::Srh(v) => {
            let tlvs: usize = v.tlvs().map(|(at, t)| at + t.rest().len()).sum();
            v.segments().count() + tlvs + v.tail().len()
        }
        Value::Multipath(hops, s) => hops
            .clone()
            .map_while(Result::ok)
            .map(|h| h.pad.len() + walk_attrs(h.attrs, s, None, depth + 1))
            .sum(),
        _ => 1,
    }
}

/// Walk a run of attributes: every attribute read with every shape (one level), and
/// with its table shape (resolved in context; `family` is the header's, top level only)
/// recursively.
fn walk_attrs(run: Attrs<'_>, space: &'static Space, family: Option<u8>, depth: u32) -> usize {
    if depth > MAX_DEPTH {
        return 0;
    }
    let mut n = 0;
    for a in run.clone() {
        let Ok(a): Result<Attr<'_>, _> = a else {
            break;
        };
        n += a.pad().len() + usize::from(a.type_flags() != 0);
        let _ = space.name_of(a.kind());
        for &shape in ALL_SHAPES {
            if let Ok(v) = Value::read(&a, shape, kind_hint(shape, run.clone())) {
                // Only look inside for the table's shape: one level for the others.
                if let Value::Array(..) | Value::Str(_) | Value::Raw(_) = v {
                    n += touch(&v, depth);
                }
            }
        }
        let shape = space.shape(a.kind()).resolve(&run, family);
        if let Ok(v) = Value::read(&a, shape, None) {
            n += touch(&v, depth);
        }
    }
    n
}

/// Walk one message with the views and the name tables.
fn walk_message(m: &NlMsg<'_>, depth: u32) -> usize {
    let mut n = m.pad().len() + m.offset();
    let ty = m.msg_type();
    let _ = msg_type_name(ty);
    let flags = m.flags();
    n += flags.names(FlagContext::of(ty, flags)).count();
    let _ = m.header().fields();
    let p = m.payload();
    match (ty, Family::of_message(ty, flags.bits())) {
        (_, Some(f)) => {
            let def = f.header();
            if p.len() >= def.len {
                for field in def.fields {
                    let v = def
                        .read(field, p)
                        .expect("every field lies inside the header");
                    let _ = field.names.enum_name(v as u64);
                    n += field.names.flag_names(v as u64).0.count();
                }
            }
            let start = align(def.len).map_or(p.len(), |a| a.min(p.len()));
            n += walk_attrs(
                Attrs::new(&p[start..], m.payload_offset() + start),
                f.space(),
                p.first().copied(),
                0,
            );
        }
        (NLMSG_ERROR, None) => {
            if let Ok(ev) = ErrorView::parse(m) {
                let _ = ev.errno().and_then(Errno::name);
                let _ = ev.ext_ack_info();
                let _ = ev.request_header();
                n += ev.pad().len() + walk_attrs(ev.ext_ack(), &EXT_ACK, None, 0);
                // The echoed request is itself a message.
                if depth < 2 {
                    for r in Messages::new(ev.request()).map_while(Result::ok) {
                        n += walk_message(&r, depth + 1);
                    }
                }
            }
        }
        (NLMSG_DONE, None) => {
            if let Ok(dv) = DoneView::parse(m) {
                n += walk_attrs(dv.ext_ack, &EXT_ACK, None, 0);
            }
        }
        _ => {}
    }
    n
}

/// The `decode` invariants for arbitrary bytes.
pub fn check_decode(data: &[u8]) {
    let mut touched = 0usize;
    for m in Messages::new(data) {
        match m {
            Ok(m) => touched += walk_message(&m, 0),
            Err(e) => {
                assert!(
                    e.offset <= data.len(),
                    "error offset {} past the end",
                    e.offset
                );
                let _ = e.to_string();
            }
        }
    }
    std::hint::black_box(touched);

    let Ok(msgs) = Message::parse_all(data) else {
        return;
    };
    let mut out = Vec::with_capacity(data.len());
    for m in &msgs {
        let before = out.len();
        let n = m.emit(&mut out).expect("a parsed message emits");
        assert_eq!(n, out.len() - before, "emit returned a wrong length");
    }
    assert_eq!(
        out, data,
        "parse_all accepted bytes that re-encode differently"
    );
    let mut fixed = vec![0xa5u8; data.len()];
    let mut sb = SliceBuf::new(&mut fixed);
    for m in &msgs {
        m.emit(&mut sb).expect("exact-size fixed buffer");
    }
    assert_eq!(sb.written(), data);
    assert_eq!(Message::parse_all(&out).as_ref(), Ok(&msgs));
}

/// The `roundtrip` invariants for an arbitrary message.
pub fn check_roundtrip(m: &Message) {
    let bytes = match m.to_bytes() {
        Ok(b) => b,
        // `arbitrary` nests as deep as its bytes allow; past `MAX_NESTING` emit refuses. It
        // also keeps padding of any length, which emit refuses unless the payload needs it.
        Err(
            EncodeError::AttrTooLong { .. }
            | EncodeError::MessageTooLong
            | EncodeError::TooDeep
            | EncodeError::PadLength { .. },
        ) => return,
        Err(e) => panic!("emit failed unexpectedly: {e}"),
    };
    // Framing: a whole number of 4-byte units, nlmsg_len short of that by the alignment.
    assert_eq!(bytes.len() % 4, 0);
    let hdr = Messages::new(&bytes)
        .next()
        .unwrap()
        .expect("emit framed a message");
    let len = usize::try_from(hdr.header().nlmsg_len.get()).unwrap();
    assert!(len <= bytes.len() && bytes.len() - len < 4 && len >= NlMsgHdr::LEN);
    // Fixed buffers: exact fits, one byte short does not.
    let mut mem = vec![0xa5u8; bytes.len()];
    let mut sb = SliceBuf::new(&mut mem);
    assert_eq!(m.emit(&mut sb), Ok(bytes.len()));
    assert_eq!(sb.written(), &bytes[..]);
    let mut short = vec![0x5au8; bytes.len() - 1];
    assert!(matches!(
        m.emit(&mut SliceBuf::new(&mut short)),
        Err(EncodeError::BufferTooSmall { .. })
    ));

    match Message::parse_all(&bytes) {
        Ok(back) => {
            assert_eq!(back.len(), 1);
            assert_eq!(
                back[0].to_bytes().unwrap(),
                bytes,
                "emit(parse(emit(m))) != emit(m)"
            );
            if canonical(m) {
                assert_eq!(&back[0], m, "a canonical message did not come back");
            }
        }
        Err(e) => assert!(!canonical(m), "a canonical message failed to parse: {e}"),
    }
}

/// Is `m` in the form `Message::parse` produces when the bytes fit the tables: every body
/// matches its `nlmsg_type`, every attribute value is the typed value its shape calls for
/// (raw only where the shape is raw or the kind unknown), strings hold no NUL, `ByKind`
/// data agrees with its kind sibling, and an error's echo and TLVs agree with its flags.
/// For such messages `parse(emit(m)) == m`.
pub fn canonical(m: &Message) -> bool {
    let t = m.msg_type;
    let fam = Family::of_message(t, m.flags);
    match &m.body {
        Body::Link(h, n) => fam == Some(Family::Link) && top_ok(n, &link::LINK, h.0.ifi_family),
        Body::Addr(h, n) => {
            fam == Some(Family::Addr) && top_ok(n, fam.unwrap().space(), h.0.ifa_family)
        }
        Body::Route(h, n) => fam == Some(Family::Route) && top_ok(n, &route::ROUTE, h.0.rtm_family),
        Body::NeighTbl(h, n) => {
            fam == Some(Family::NeighTbl) && top_ok(n, fam.unwrap().space(), h.0.ndtm_family)
        }
        Body::Nsid(h, n) => {
            fam == Some(Family::Nsid) && top_ok(n, fam.unwrap().space(), h.0.rtgen_family)
        }
        Body::Nexthop(h, n) => {
            fam == Some(Family::Nexthop) && top_ok(n, fam.unwrap().space(), h.0.nh_family)
        }
        Body::Neigh(h, n) => {
            fam == Some(Family::Neigh) && top_ok(n, fam.unwrap().space(), h.0.ndm_family)
        }
        Body::Rule(h, n) => {
            fam == Some(Family::Rule) && top_ok(n, fam.unwrap().space(), h.0.family)
        }
        Body::Netconf(h, n) => {
            fam == Some(Family::Netconf) && top_ok(n, fam.unwrap().space(), h.0.ncm_family)
        }
        Body::AddrLabel(h, n) => {
            fam == Some(Family::AddrLabel) && top_ok(n, fam.unwrap().space(), h.0.ifal_family)
        }
        Body::Tunnel(h, n) => {
            fam == Some(Family::Tunnel) && top_ok(n, fam.unwrap().space(), h.0.family)
        }
        Body::Vlan(h, n) => {
            matches!(fam, Some(Family::Vlan | Family::VlanDump))
                && top_ok(n, fam.unwrap().space(), h.0.family)
        }
        Body::Mdb(h, n) => {
            matches!(fam, Some(Family::Mdb | Family::MdbSet | Family::MdbGet))
                && top_ok(n, fam.unwrap().space(), h.0.family)
        }
        Body::Tc(h, n) => {
            fam == Some(Family::Tc) && top_ok(n, fam.unwrap().space(), h.0.tcm_family)
        }
        Body::Action(h, n) => {
            fam == Some(Family::Action) && top_ok(n, fam.unwrap().space(), h.0.tca_family)
        }
        Body::Stats(h, n) => {
            matches!(fam, Some(Family::Stats | Family::StatsRequest))
                && top_ok(n, fam.unwrap().space(), h.0.family)
        }
        Body::Error {
            request, ext_ack, ..
        } => {
            let f = NlmFlags::from_bits_retain(m.flags);
            let echo_ok = if f.contains(NlmFlags::CAPPED) {
                request.len() == NlMsgHdr::LEN
            } else {
                request.len() >= NlMsgHdr::LEN
                    && u32::from_ne_bytes([request[0], request[1], request[2], request[3]]) as usize
                        == request.len()
            };
            let tlvs_ok = if f.contains(NlmFlags::ACK_TLVS) {
                nodes_ok(ext_ack, &EXT_ACK)
            } else {
                ext_ack.is_empty()
            };
            t == NLMSG_ERROR && echo_ok && tlvs_ok
        }
        Body::Done { ext_ack, .. } => t == NLMSG_DONE && nodes_ok(ext_ack, &EXT_ACK),
        Body::Raw(p) => fam.is_none() && t != NLMSG_ERROR && (t != NLMSG_DONE || p.is_empty()),
        // A body newer than this invariant: not known to be well typed.
        _ => false,
    }
}

fn nodes_ok(nodes: &[Node], space: &'static Space) -> bool {
    run_ok(nodes, space, None)
}

/// A message's top-level run, whose header family chooses `Shape::ByFamily` spaces.
fn top_ok(nodes: &[Node], space: &'static Space, family: u8) -> bool {
    run_ok(nodes, space, Some(family))
}

fn run_ok(nodes: &[Node], space: &'static Space, family: Option<u8>) -> bool {
    // The context-dependent shapes resolve as the codec resolves them.
    shapes_ok(nodes, &|n| space.shape(n.kind()).resolve(nodes, family))
}

/// Whether every node holds a value of the shape `shape_of` gives it.
fn shapes_ok(nodes: &[Node], shape_of: &dyn Fn(&Node) -> Shape) -> bool {
    nodes.iter().all(|n| {
        let shape = shape_of(n);
        match (&n.value, shape) {
            (AttrValue::Raw(_), Shape::Raw) => true,
            (AttrValue::Flag, Shape::Flag)
            | (AttrValue::U8(_), Shape::U8)
            | (AttrValue::U16(_), Shape::U16)
            | (AttrValue::U32(_), Shape::U32)
            | (AttrValue::I32(_), Shape::I32)
            | (AttrValue::U64(_), Shape::U64)
            | (AttrValue::U32(_) | AttrValue::U64(_), Shape::Uint)
            | (AttrValue::Be16(_), Shape::Be16)
            | (AttrValue::Be32(_), Shape::Be32)
            | (AttrValue::Be64(_), Shape::Be64)
            | (AttrValue::LlAddr(_), Shape::LlAddr)
            | (AttrValue::Ip(_), Shape::Ip)
            | (AttrValue::Via(..), Shape::Via)
            | (AttrValue::U16s(_), Shape::Array(Elem::U16, _))
            | (AttrValue::U32s(_), Shape::Array(Elem::U32, _))
            | (AttrValue::I32s(_), Shape::Array(Elem::I32, _))
            | (AttrValue::U64s(_), Shape::Array(Elem::U64, _)) => true,
            (AttrValue::Str(s, _), Shape::Str) => !s.contains('\0'),
            (AttrValue::Nested(c), Shape::Nested(s)) => nodes_ok(c, s),
            (AttrValue::Nested(c), Shape::Indexed(elem)) => shapes_ok(c, &|_| *elem),
            (AttrValue::U32s(v), Shape::InetConf(s)) => {
                let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_ne_bytes()).collect();
                !inet_conf_is_nested(&bytes, s)
            }
            (AttrValue::Nested(c), Shape::InetConf(s)) => {
                !c.is_empty()
                    && c.iter()
                        .all(|n| matches!(n.value, AttrValue::U32(_)) && s.get(n.kind()).is_some())
            }
            (AttrValue::Peer(_, c), Shape::Peer(s)) => nodes_ok(c, s),
            (AttrValue::Headed(h, c), Shape::Headed(def, s)) => {
                def.len > 0 && h.len() == def.len && def.is_canonical(h) && nodes_ok(c, s)
            }
            (AttrValue::Multipath(hops), Shape::Multipath(s)) => {
                hops.iter().all(|h| nodes_ok(&h.attrs, s))
            }
            (AttrValue::Structs(b), Shape::Structs(def)) => {
                def.len > 0
                    && b.len() % def.len == 0
                    && b.chunks_exact(def.len).all(|e| def.is_canonical(e))
            }
            (AttrValue::Srh(b), Shape::Srh(def)) => def.parse(b).is_some(),
            _ => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The golden captures satisfy the decode invariants, and their parsed messages are
    /// canonical round-trip inputs (so `canonical` is not vacuous).
    #[test]
    fn seeds_pass_both_checks() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/decode");
        let mut n = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            let bytes = std::fs::read(e.unwrap().path()).unwrap();
            check_decode(&bytes);
            for m in Message::parse_all(&bytes).unwrap() {
                check_roundtrip(&m);
                n += usize::from(canonical(&m));
            }
        }
        assert!(n > 100, "only {n} canonical seed messages");
    }
}
