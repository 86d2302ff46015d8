//! Property tests: for every message type, a typed message generated from the attribute
//! tables (every value valid for its attribute's `Shape`, nests recursing with bounded
//! depth; some attributes keep stale padding bytes, as iproute2 6.1 sends them) emits into
//! a 0xa5- and a 0x5a-filled fixed buffer and into a `Vec` with the same bytes, leaves
//! every other padding byte zero, and parses back to an equal message. A fixed
//! buffer one byte too small, or any smaller, is `BufferTooSmall`, never a panic.

use std::net::{IpAddr, Ipv6Addr};

use netlink_codec::ack::{ErrorView, EXT_ACK};
use netlink_codec::addr::{IfAddrMsg, ADDR};
use netlink_codec::addrlabel::{IfAddrLblMsg, ADDRLABEL};
use netlink_codec::attr::{Attrs, EmitBuf, Emitter, SliceBuf, NLA_F_NESTED, NLA_F_NET_BYTEORDER};
use netlink_codec::family::Family;
use netlink_codec::header::{self, Messages, NlmFlags, NLMSG_DONE, NLMSG_ERROR};
use netlink_codec::link::{IfInfoMsg, IfStatsMsg, TunnelMsg, LINK, STATS, STATS_GETSET, VNIFILTER};
use netlink_codec::mdb::{BrPortMsg, GET_ENTRY, MDBA, SET_ENTRY};
use netlink_codec::model::{emit_node, AttrValue, Body, Header, Message, NexthopNode, Node, Pad};
use netlink_codec::neigh::{NdMsg, NdtMsg, NEIGH, NEIGHTBL};
use netlink_codec::netconf::{NetconfMsg, NETCONF};
use netlink_codec::nexthop::{NhMsg, NEXTHOP};
use netlink_codec::nsid::{RtGenMsg, NSID};
use netlink_codec::route::{RtMsg, ROUTE};
use netlink_codec::rule::{FibRuleHdr, RULE};
use netlink_codec::schema::{AttrDef, Elem, HeaderDef, Names, Shape, Space};
use netlink_codec::srh::{SrhDef, SrhKind, SR6_TLV_PADDING};
use netlink_codec::tc::{TcMsg, TcaMsg, TC, TC_ROOT};
use netlink_codec::value::Value;
use netlink_codec::vlan::{BrVlanMsg, VLANDB, VLANDB_DUMP};
use netlink_codec::EncodeError;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use zerocopy::FromBytes;

/// How deep nests recurse.
const DEPTH: u32 = 3;
/// At most this many attributes per run.
const RUN: usize = 5;

fn flag_bits() -> impl Strategy<Value = u16> {
    prop_oneof![
        6 => Just(0u16),
        1 => Just(NLA_F_NESTED),
        1 => Just(NLA_F_NET_BYTEORDER),
    ]
}

fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    vec(any::<u8>(), 0..=max)
}

/// A C string as the codec holds it: no NUL inside (the NUL is the flag).
fn c_string() -> impl Strategy<Value = AttrValue> {
    ("[^\\x00]{0,12}", any::<bool>()).prop_map(|(s, nul)| AttrValue::Str(s, nul))
}

fn ip() -> impl Strategy<Value = IpAddr> {
    prop_oneof![
        any::<[u8; 4]>().prop_map(IpAddr::from),
        any::<[u8; 16]>().prop_map(IpAddr::from),
    ]
}

/// `IFLA_INET_CONF` in a request: nested `u32` attributes typed by `IPV4_DEVCONF_*`.
fn inet_conf_nested(space: &'static Space) -> impl Strategy<Value = AttrValue> {
    let kinds: Vec<u16> = space.attrs.iter().map(|d| d.kind).collect();
    vec((select(kinds), any::<u32>()), 1..=RUN).prop_map(|v| {
        AttrValue::Nested(
            v.into_iter()
                .map(|(k, x)| Node::new(k, AttrValue::U32(x)))
                .collect(),
        )
    })
}

/// Would this `u32` array read back as a nest (the kernel's own ambiguity, resolved by
/// the codec's one rule)?
fn looks_nested(v: &[u32], space: &Space) -> bool {
    let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_ne_bytes()).collect();
    netlink_codec::value::inet_conf_is_nested(&bytes, space)
}

/// One element of the struct `def` as its fields can say it (see
/// `HeaderDef::is_canonical`): random fields, zero padding, `char[N]` fields a short
/// string and its NUL padding.
fn struct_elem(def: &'static HeaderDef) -> impl Strategy<Value = Vec<u8>> {
    (vec(any::<u8>(), def.len), "[a-z0-9]{0,15}").prop_map(move |(random, name)| {
        let mut elem = vec![0; def.len];
        for f in def.fields {
            let at = f.offset..f.offset + f.size;
            match f.names {
                Names::CStr => def.write_bytes(f, &mut elem, name.as_bytes()).unwrap(),
                _ => elem[at.clone()].copy_from_slice(&random[at]),
            }
        }
        assert!(def.is_canonical(&elem));
        elem
    })
}

/// A value valid for `shape` (ByKind is handled by `nodes`, which knows the siblings).
fn value(shape: Shape, depth: u32) -> BoxedStrategy<AttrValue> {
    let sub = depth.saturating_sub(1);
    match shape {
        Shape::Raw | Shape::ByKind(..) | Shape::ByType(..) | Shape::ByFamily(..) => {
            bytes(12).prop_map(AttrValue::Raw).boxed()
        }
        Shape::Flag => Just(AttrValue::Flag).boxed(),
        Shape::U8 => any::<u8>().prop_map(AttrValue::U8).boxed(),
        Shape::U16 => any::<u16>().prop_map(AttrValue::U16).boxed(),
        Shape::U32 => any::<u32>().prop_map(AttrValue::U32).boxed(),
        Shape::I32 => any::<i32>().prop_map(AttrValue::I32).boxed(),
        Shape::U64 => any::<u64>().prop_map(AttrValue::U64).boxed(),
        Shape::Uint => prop_oneof![
            any::<u32>().prop_map(AttrValue::U32),
            any::<u64>().prop_map(AttrValue::U64),
        ]
        .boxed(),
        Shape::Be16 => any::<u16>().prop_map(AttrValue::Be16).boxed(),
        Shape::Be32 => any::<u32>().prop_map(AttrValue::Be32).boxed(),
        Shape::Be64 => any::<u64>().prop_map(AttrValue::Be64).boxed(),
        Shape::Str => c_string().boxed(),
        Shape::LlAddr => bytes(8).prop_map(AttrValue::LlAddr).boxed(),
        Shape::Ip => ip().prop_map(AttrValue::Ip).boxed(),
        Shape::Via => (any::<u16>(), bytes(16))
            .prop_map(|(f, a)| AttrValue::Via(f, a))
            .boxed(),
        Shape::Array(Elem::U16, _) => vec(any::<u16>(), 0..8).prop_map(AttrValue::U16s).boxed(),
        Shape::Array(Elem::U32, _) => vec(any::<u32>(), 0..8).prop_map(AttrValue::U32s).boxed(),
        Shape::Array(Elem::I32, _) => vec(any::<i32>(), 0..8).prop_map(AttrValue::I32s).boxed(),
        Shape::Array(Elem::U64, _) => vec(any::<u64>(), 0..8).prop_map(AttrValue::U64s).boxed(),
        Shape::InetConf(s) => prop_oneof![
            vec(any::<u32>(), 0..8)
                .prop_filter("reads as a nest", move |v| !looks_nested(v, s))
                .prop_map(AttrValue::U32s),
            inet_conf_nested(s),
        ]
        .boxed(),
        Shape::Nested(s) if depth == 0 => {
            let _ = s;
            Just(AttrValue::Nested(Vec::new())).boxed()
        }
        Shape::Nested(s) => nodes(s, sub).prop_map(AttrValue::Nested).boxed(),
        Shape::Indexed(elem) => slots(*elem, depth).prop_map(AttrValue::Nested).boxed(),
        Shape::Peer(s) => (any::<[u8; 16]>(), nodes(s, sub))
            .prop_map(|(h, n)| AttrValue::Peer(Header(IfInfoMsg::read_from_bytes(&h).unwrap()), n))
            .boxed(),
        // The struct (canonical, as the model types it), then attributes.
        Shape::Headed(def, s) => (struct_elem(def), nodes(s, sub))
            .prop_map(|(h, n)| AttrValue::Headed(h, n))
            .boxed(),
        Shape::Structs(def) => vec(struct_elem(def), 0..4)
            .prop_map(|elems| AttrValue::Structs(elems.concat()))
            .boxed(),
        Shape::Srh(def) => srh(def).boxed(),
        Shape::Multipath(s) => vec(
            (any::<u8>(), any::<u8>(), any::<i32>(), nodes(s, sub)).prop_map(
                |(flags, hops, ifindex, attrs)| NexthopNode {
                    flags,
                    hops,
                    ifindex,
                    attrs,
                },
            ),
            0..if depth == 0 { 1 } else { 3 },
        )
        .prop_map(AttrValue::Multipath)
        .boxed(),
        // A shape newer than this generator: raw bytes are valid for every shape.
        _ => bytes(12).prop_map(AttrValue::Raw).boxed(),
    }
}

/// The slots of a `Shape::Indexed` nest: positions with gaps (the kernel skips empty
/// slots), each a valid value of the element shape; none at the depth limit.
fn slots(elem: Shape, depth: u32) -> BoxedStrategy<Vec<Node>> {
    let most = if depth == 0 { 0 } else { RUN };
    let slot = (0u16..16, flag_bits(), value(elem, depth.saturating_sub(1)))
        .prop_flat_map(|(i, f, value)| with_pad(i | f, value));
    vec(slot, 0..=most).boxed()
}

/// A segment routing header whose lengths agree: any fixed header (RPL's uncompressed),
/// 1-3 segments, and a tail the lengths can count (TLVs padded to 8-octet units, or
/// RPL's 0 or 8 bytes of padding).
fn srh(def: &'static SrhDef) -> impl Strategy<Value = AttrValue> {
    let header = vec(any::<u8>(), def.header.len);
    let segments = vec(any::<[u8; 16]>().prop_map(Ipv6Addr::from), 1..=3);
    let tlvs = vec((any::<u8>(), bytes(10)), 0..3);
    (header, segments, tlvs, any::<bool>()).prop_map(move |(mut h, segs, tlvs, pad)| {
        let mut tail: Vec<u8> = Vec::new();
        match def.kind {
            SrhKind::Rpl => {
                h[4] = 0;
                tail.resize(if pad { 8 } else { 0 }, 0);
            }
            _ => {
                for (t, data) in tlvs {
                    tail.extend([t, u8::try_from(data.len()).unwrap()]);
                    tail.extend(data);
                }
                // A padding TLV (2 bytes and its data) fills the last 8-octet unit.
                let short = (8 - tail.len() % 8) % 8;
                if short > 0 {
                    let data = if short == 1 { 7 } else { short - 2 };
                    tail.extend([SR6_TLV_PADDING, u8::try_from(data).unwrap()]);
                    tail.resize(tail.len() + data, 0);
                }
            }
        }
        AttrValue::Srh(def.build(&h, &segs, &tail).unwrap())
    })
}

/// The type numbers of the siblings that choose a `ByKind` / `ByType` space
/// (`IFLA_INFO_KIND`, `RTA_ENCAP_TYPE`).
fn hint_kinds(space: &Space) -> Vec<u16> {
    space
        .attrs
        .iter()
        .filter_map(|d| match d.shape {
            Shape::ByKind(k, _) | Shape::ByType(k, _) => Some(k),
            _ => None,
        })
        .collect()
}

/// Whether the space of `shape` comes from a sibling (generated as a consistent pair).
fn chosen_by_sibling(shape: Shape) -> bool {
    matches!(shape, Shape::ByKind(..) | Shape::ByType(..))
}

/// One optional (type, data) pair for a `ByType` attribute `data` whose sibling `k`
/// holds a value of `table` (typed data) or another value (raw data).
fn by_type_pair(
    data: u16,
    k: u16,
    table: &'static [(u16, &'static Space)],
    depth: u32,
) -> BoxedStrategy<Vec<Node>> {
    let known: Vec<usize> = (0..table.len()).collect();
    let unknown =
        any::<u16>().prop_filter("known type", move |v| !table.iter().any(|(t, _)| t == v));
    prop_oneof![
        1 => Just(Vec::new()).boxed(),
        3 => select(known)
            .prop_flat_map(move |i| {
                let (t, s) = table[i];
                (Just(t), nodes(s, depth.saturating_sub(1)))
            })
            .prop_map(move |(t, inner)| {
                vec![
                    Node::new(k, AttrValue::U16(t)),
                    Node::new(data, AttrValue::Nested(inner)),
                ]
            })
            .boxed(),
        1 => (unknown, bytes(12))
            .prop_map(move |(t, b)| {
                vec![Node::new(k, AttrValue::U16(t)), Node::new(data, AttrValue::Raw(b))]
            })
            .boxed(),
    ]
    .boxed()
}

/// An attribute zero-padded, or (one in four) with the padding bytes a sender left in it,
/// as many as its payload needs (none for an aligned payload).
fn with_pad(raw_type: u16, value: AttrValue) -> impl Strategy<Value = Node> {
    let n = Node {
        raw_type,
        value,
        pad: Pad::ZERO,
    };
    let mut wire = Vec::new();
    let needed = match emit_node(&mut Emitter::new(&mut wire), &n) {
        Ok(()) => wire.len() - usize::from(u16::from_ne_bytes([wire[0], wire[1]])),
        Err(_) => 0,
    };
    let stale = vec(any::<u8>(), needed).prop_map(|b| Pad::new(&b).unwrap_or_default());
    prop_oneof![3 => Just(Pad::ZERO), 1 => stale].prop_map(move |pad| Node { pad, ..n.clone() })
}

/// A run of attributes of `space`: known types with valid values, unknown types as raw
/// bytes, and for `ByKind` data a consistent (kind, data) pair.
fn nodes(space: &'static Space, depth: u32) -> BoxedStrategy<Vec<Node>> {
    top_nodes(space, depth, None)
}

/// A run of attributes of `space`; `family` is the header's (top-level runs only), which
/// chooses the space of a `ByFamily` attribute.
fn top_nodes(space: &'static Space, depth: u32, family: Option<u8>) -> BoxedStrategy<Vec<Node>> {
    let hints = hint_kinds(space);
    let plain: Vec<&'static AttrDef> = space
        .attrs
        .iter()
        .filter(|d| !chosen_by_sibling(d.shape) && !hints.contains(&d.kind))
        .collect();
    let known = select(plain).prop_flat_map(move |d| {
        let shape = d.shape.resolve(&(), family);
        (flag_bits(), value(shape, depth)).prop_flat_map(move |(f, v)| with_pad(d.kind | f, v))
    });
    let unknown = (any::<u16>(), flag_bits(), bytes(8))
        .prop_filter("type is known", move |(k, _, _)| {
            space.get(k & netlink_codec::attr::NLA_TYPE_MASK).is_none()
        })
        .prop_flat_map(|(k, f, b)| with_pad(k | f, AttrValue::Raw(b)));
    let run = vec(prop_oneof![8 => known, 1 => unknown], 0..=RUN);
    // One optional (type, data) pair per ByType attribute of the space.
    let by_type = space.attrs.iter().filter_map(move |d| match d.shape {
        Shape::ByType(k, table) => Some(by_type_pair(d.kind, k, table, depth)),
        _ => None,
    });
    // One optional kind per ByKind selector of the space, followed by every attribute it
    // chooses the shape of (IFLA_INFO_KIND chooses IFLA_INFO_DATA's and IFLA_INFO_XSTATS').
    let mut selectors: Vec<u16> = space
        .attrs
        .iter()
        .filter_map(|d| match d.shape {
            Shape::ByKind(k, _) => Some(k),
            _ => None,
        })
        .collect();
    selectors.sort_unstable();
    selectors.dedup();
    let by_kind: Vec<BoxedStrategy<Vec<Node>>> = selectors
        .into_iter()
        .map(move |k| {
            let chosen: Vec<(u16, &'static [(&'static str, Shape)])> = space
                .attrs
                .iter()
                .filter_map(|d| match d.shape {
                    Shape::ByKind(s, table) if s == k => Some((d.kind, table)),
                    _ => None,
                })
                .collect();
            let mut names: Vec<&'static str> = chosen
                .iter()
                .flat_map(|(_, t)| t.iter().map(|(n, _)| *n))
                .collect();
            names.sort_unstable();
            names.dedup();
            let unknown = chosen.clone();
            prop_oneof![
                1 => Just(Vec::new()).boxed(),
                // A kind the codec knows: each attribute it chooses is typed (raw where the
                // kind has no shape for it).
                3 => (select(names), any::<bool>())
                    .prop_flat_map(move |(name, nul)| {
                        let data: Vec<BoxedStrategy<Node>> = chosen
                            .iter()
                            .map(|&(data, table)| {
                                let shape = table
                                    .iter()
                                    .find(|(n, _)| *n == name)
                                    .map_or(Shape::Raw, |(_, s)| *s);
                                value(shape, depth.saturating_sub(1))
                                    .prop_map(move |v| Node::new(data, v))
                                    .boxed()
                            })
                            .collect();
                        (Just((name, nul)), data)
                    })
                    .prop_map(move |((name, nul), data)| {
                        let mut run = vec![Node::new(k, AttrValue::Str(name.to_owned(), nul))];
                        run.extend(data);
                        run
                    })
                    .boxed(),
                // A kind it does not know: what it would choose stays raw.
                1 => ("x-[a-z]{1,8}", bytes(12))
                    .prop_map(move |(name, b)| {
                        let mut run = vec![Node::new(k, AttrValue::Str(name, true))];
                        run.extend(
                            unknown
                                .iter()
                                .map(|&(data, _)| Node::new(data, AttrValue::Raw(b.clone()))),
                        );
                        run
                    })
                    .boxed(),
            ]
            .boxed()
        })
        .chain(by_type)
        .collect();
    (run, by_kind)
        .prop_map(|(mut run, pairs)| {
            for p in pairs {
                run.extend(p);
            }
            run
        })
        .boxed()
}

fn header<T: FromBytes + std::fmt::Debug, const N: usize>() -> impl Strategy<Value = Header<T>> {
    any::<[u8; N]>().prop_map(|b| Header(T::read_from_bytes(&b[..]).unwrap()))
}

/// An `ifinfomsg` whose family is often one that chooses `IFLA_PROTINFO` / `IFLA_AF_SPEC`
/// spaces (`AF_UNSPEC`, `AF_BRIDGE`, `AF_INET6`), else any.
fn link_header() -> impl Strategy<Value = Header<IfInfoMsg>> {
    let family = prop_oneof![Just(0u8), Just(7), Just(10), any::<u8>()];
    (header::<IfInfoMsg, 16>(), family).prop_map(|(mut h, f)| {
        h.0.ifi_family = f;
        h
    })
}

/// An `rtmsg` whose family is often `AF_MPLS` (whose `RTA_DST` is a label), else any.
fn route_header() -> impl Strategy<Value = Header<RtMsg>> {
    let family = prop_oneof![Just(2u8), Just(28), any::<u8>()];
    (header::<RtMsg, 12>(), family).prop_map(|(mut h, f)| {
        h.0.rtm_family = f;
        h
    })
}

fn family_message(family: Family) -> BoxedStrategy<Message> {
    use netlink_codec::header::*;
    let (types, body): (Vec<u16>, BoxedStrategy<Body>) = match family {
        Family::Link => (
            vec![RTM_NEWLINK, RTM_DELLINK, RTM_GETLINK, RTM_SETLINK],
            link_header()
                .prop_flat_map(|h| {
                    let family = Some(h.0.ifi_family);
                    (Just(h), top_nodes(&LINK, DEPTH, family))
                })
                .prop_map(|(h, n)| Body::Link(h, n))
                .boxed(),
        ),
        Family::Addr => (
            vec![
                RTM_NEWADDR,
                RTM_DELADDR,
                RTM_GETADDR,
                RTM_NEWMULTICAST,
                RTM_DELMULTICAST,
                RTM_GETMULTICAST,
                RTM_NEWANYCAST,
                RTM_DELANYCAST,
                RTM_GETANYCAST,
            ],
            (header::<IfAddrMsg, 8>(), nodes(&ADDR, DEPTH))
                .prop_map(|(h, n)| Body::Addr(h, n))
                .boxed(),
        ),
        Family::Route => (
            vec![RTM_NEWROUTE, RTM_DELROUTE, RTM_GETROUTE],
            route_header()
                .prop_flat_map(|h| {
                    let family = Some(h.0.rtm_family);
                    (Just(h), top_nodes(&ROUTE, DEPTH, family))
                })
                .prop_map(|(h, n)| Body::Route(h, n))
                .boxed(),
        ),
        Family::NeighTbl => (
            vec![RTM_NEWNEIGHTBL, RTM_GETNEIGHTBL, RTM_SETNEIGHTBL],
            (header::<NdtMsg, 4>(), nodes(&NEIGHTBL, DEPTH))
                .prop_map(|(h, n)| Body::NeighTbl(h, n))
                .boxed(),
        ),
        Family::Nsid => (
            vec![RTM_NEWNSID, RTM_DELNSID, RTM_GETNSID],
            (header::<RtGenMsg, 1>(), nodes(&NSID, DEPTH))
                .prop_map(|(h, n)| Body::Nsid(h, n))
                .boxed(),
        ),
        Family::Nexthop => (
            vec![RTM_NEWNEXTHOP, RTM_DELNEXTHOP, RTM_GETNEXTHOP],
            (header::<NhMsg, 8>(), nodes(&NEXTHOP, DEPTH))
                .prop_map(|(h, n)| Body::Nexthop(h, n))
                .boxed(),
        ),
        Family::Neigh => (
            vec![RTM_NEWNEIGH, RTM_DELNEIGH, RTM_GETNEIGH],
            (header::<NdMsg, 12>(), nodes(&NEIGH, DEPTH))
                .prop_map(|(h, n)| Body::Neigh(h, n))
                .boxed(),
        ),
        Family::Rule => (
            vec![RTM_NEWRULE, RTM_DELRULE, RTM_GETRULE],
            (header::<FibRuleHdr, 12>(), nodes(&RULE, DEPTH))
                .prop_map(|(h, n)| Body::Rule(h, n))
                .boxed(),
        ),
        Family::Netconf => (
            vec![RTM_NEWNETCONF, RTM_DELNETCONF, RTM_GETNETCONF],
            (header::<NetconfMsg, 1>(), nodes(&NETCONF, DEPTH))
                .prop_map(|(h, n)| Body::Netconf(h, n))
                .boxed(),
        ),
        Family::AddrLabel => (
            vec![RTM_NEWADDRLABEL, RTM_DELADDRLABEL, RTM_GETADDRLABEL],
            (header::<IfAddrLblMsg, 12>(), nodes(&ADDRLABEL, DEPTH))
                .prop_map(|(h, n)| Body::AddrLabel(h, n))
                .boxed(),
        ),
        Family::Stats => (
            vec![RTM_NEWSTATS],
            (header::<IfStatsMsg, 12>(), nodes(&STATS, DEPTH))
                .prop_map(|(h, n)| Body::Stats(h, n))
                .boxed(),
        ),
        Family::StatsRequest => (
            vec![RTM_GETSTATS, RTM_SETSTATS],
            (header::<IfStatsMsg, 12>(), nodes(&STATS_GETSET, DEPTH))
                .prop_map(|(h, n)| Body::Stats(h, n))
                .boxed(),
        ),
        Family::Tunnel => (
            vec![RTM_NEWTUNNEL, RTM_DELTUNNEL, RTM_GETTUNNEL],
            (header::<TunnelMsg, 8>(), nodes(&VNIFILTER, DEPTH))
                .prop_map(|(h, n)| Body::Tunnel(h, n))
                .boxed(),
        ),
        Family::Vlan => (
            vec![RTM_NEWVLAN, RTM_DELVLAN],
            (header::<BrVlanMsg, 8>(), nodes(&VLANDB, DEPTH))
                .prop_map(|(h, n)| Body::Vlan(h, n))
                .boxed(),
        ),
        Family::VlanDump => (
            vec![RTM_GETVLAN],
            (header::<BrVlanMsg, 8>(), nodes(&VLANDB_DUMP, DEPTH))
                .prop_map(|(h, n)| Body::Vlan(h, n))
                .boxed(),
        ),
        Family::Mdb => (
            vec![RTM_NEWMDB, RTM_DELMDB, RTM_GETMDB],
            (header::<BrPortMsg, 8>(), nodes(&MDBA, DEPTH))
                .prop_map(|(h, n)| Body::Mdb(h, n))
                .boxed(),
        ),
        Family::MdbSet => (
            vec![RTM_NEWMDB, RTM_DELMDB],
            (header::<BrPortMsg, 8>(), nodes(&SET_ENTRY, DEPTH))
                .prop_map(|(h, n)| Body::Mdb(h, n))
                .boxed(),
        ),
        Family::MdbGet => (
            vec![RTM_GETMDB],
            (header::<BrPortMsg, 8>(), nodes(&GET_ENTRY, DEPTH))
                .prop_map(|(h, n)| Body::Mdb(h, n))
                .boxed(),
        ),
        Family::Tc => (
            vec![
                RTM_NEWQDISC,
                RTM_DELQDISC,
                RTM_GETQDISC,
                RTM_NEWTCLASS,
                RTM_DELTCLASS,
                RTM_GETTCLASS,
                RTM_NEWTFILTER,
                RTM_DELTFILTER,
                RTM_GETTFILTER,
                RTM_NEWCHAIN,
                RTM_DELCHAIN,
                RTM_GETCHAIN,
            ],
            (header::<TcMsg, 20>(), nodes(&TC, DEPTH))
                .prop_map(|(h, n)| Body::Tc(h, n))
                .boxed(),
        ),
        Family::Action => (
            vec![RTM_NEWACTION, RTM_DELACTION, RTM_GETACTION],
            (header::<TcaMsg, 4>(), nodes(&TC_ROOT, DEPTH))
                .prop_map(|(h, n)| Body::Action(h, n))
                .boxed(),
        ),
        other => panic!("no generator for {other:?}: add one here"),
    };
    // Where `NLM_F_REQUEST` chooses the space (`Family::of_message`), the flags agree.
    let request = match family {
        Family::Mdb => Some(false),
        Family::MdbSet | Family::MdbGet => Some(true),
        _ => None,
    };
    (
        select(types),
        any::<u16>(),
        any::<u32>(),
        any::<u32>(),
        body,
    )
        .prop_map(move |(msg_type, flags, seq, pid, body)| Message {
            msg_type,
            flags: match request {
                Some(true) => flags | NlmFlags::REQUEST.bits(),
                Some(false) => flags & !NlmFlags::REQUEST.bits(),
                None => flags,
            },
            seq,
            pid,
            body,
        })
        .boxed()
}

/// An `NLMSG_ERROR`: the echoed request is a whole message (its `nlmsg_len` tells its
/// length) unless `NLM_F_CAPPED`, extended-ACK attributes only with `NLM_F_ACK_TLVS`.
fn error_message() -> BoxedStrategy<Message> {
    let echo = (any::<[u8; 16]>(), bytes(40), any::<bool>()).prop_map(|(h, body, capped)| {
        let mut req = h.to_vec();
        if !capped {
            req.extend_from_slice(&body);
            let len = u32::try_from(req.len()).unwrap();
            req[..4].copy_from_slice(&len.to_ne_bytes());
        }
        (req, capped)
    });
    (
        any::<u16>(),
        any::<u32>(),
        any::<u32>(),
        any::<i32>(),
        echo,
        any::<bool>(),
        nodes(&EXT_ACK, DEPTH),
    )
        .prop_map(|(flags, seq, pid, error, (request, capped), tlvs, ext)| {
            let mut f = NlmFlags::from_bits_retain(flags);
            f.set(NlmFlags::CAPPED, capped);
            f.set(NlmFlags::ACK_TLVS, tlvs);
            Message {
                msg_type: NLMSG_ERROR,
                flags: f.bits(),
                seq,
                pid,
                body: Body::Error {
                    error,
                    request,
                    ext_ack: if tlvs { ext } else { Vec::new() },
                },
            }
        })
        .boxed()
}

fn done_message() -> BoxedStrategy<Message> {
    (
        any::<u16>(),
        any::<u32>(),
        any::<u32>(),
        any::<i32>(),
        nodes(&EXT_ACK, DEPTH),
    )
        .prop_map(|(flags, seq, pid, error, ext_ack)| Message {
            msg_type: NLMSG_DONE,
            flags,
            seq,
            pid,
            body: Body::Done { error, ext_ack },
        })
        .boxed()
}

/// Any message type the codec does not type (an empty `NLMSG_DONE` is one of them).
fn raw_message() -> BoxedStrategy<Message> {
    let ty = any::<u16>().prop_filter("typed", |t| {
        Family::of(*t).is_none() && *t != NLMSG_ERROR && *t != NLMSG_DONE
    });
    prop_oneof![(ty, bytes(64)), (Just(NLMSG_DONE), Just(Vec::new())),]
        .prop_flat_map(|(t, p)| {
            (any::<u16>(), any::<u32>(), any::<u32>()).prop_map(move |(flags, seq, pid)| Message {
                msg_type: t,
                flags,
                seq,
                pid,
                body: Body::Raw(p.clone()),
            })
        })
        .boxed()
}

/// Every alignment gap in `buf` is zero: after the message, after the family header,
/// after every next hop, after the echoed request. (An attribute's padding is what its
/// node keeps, zeros or stale bytes: the parse back to an equal message checks it.)
fn check_padding(buf: &[u8]) {
    fn attrs(run: Attrs<'_>, space: &'static Space, family: Option<u8>) {
        for a in run.clone() {
            let a = a.unwrap();
            let shape = space.shape(a.kind()).resolve(&run, family);
            match Value::read(&a, shape, None) {
                Ok(Value::Nested(inner, s)) => attrs(inner, s, None),
                Ok(Value::Peer(_, inner, s)) => attrs(inner, s, None),
                Ok(Value::Headed(_, _, inner, s)) => attrs(inner, s, None),
                Ok(Value::Multipath(hops, s)) => {
                    for h in hops {
                        let h = h.unwrap();
                        assert!(h.pad.iter().all(|&b| b == 0), "nexthop pad at {}", h.offset);
                        attrs(h.attrs, s, None);
                    }
                }
                _ => {}
            }
        }
    }
    for m in Messages::new(buf) {
        let m = m.unwrap();
        assert!(m.pad().iter().all(|&b| b == 0), "message pad");
        let p = m.payload();
        match (
            m.msg_type(),
            Family::of_message(m.msg_type(), m.flags().bits()),
        ) {
            (_, Some(f)) => {
                let n = f.header().len;
                let start = header::align(n).unwrap().min(p.len());
                assert!(p[n..start].iter().all(|&b| b == 0), "family header pad");
                attrs(Attrs::new(&p[start..], 0), f.space(), p.first().copied());
            }
            (NLMSG_ERROR, None) => {
                let ev = ErrorView::parse(&m).unwrap();
                assert!(ev.pad().iter().all(|&b| b == 0), "echo pad");
                attrs(ev.ext_ack(), &EXT_ACK, None);
            }
            _ => {}
        }
    }
}

/// Emit three ways, compare, check padding, parse back.
fn round_trip(m: &Message) -> Result<(), TestCaseError> {
    let mut v = Vec::new();
    let n = m.emit(&mut v).unwrap();
    prop_assert_eq!(n, v.len());
    for fill in [0xa5u8, 0x5a] {
        let mut mem = vec![fill; v.len() + 16];
        let mut sb = SliceBuf::new(&mut mem);
        prop_assert_eq!(m.emit(&mut sb), Ok(v.len()));
        prop_assert_eq!(sb.written(), &v[..]);
        prop_assert!(
            mem[v.len()..].iter().all(|&b| b == fill),
            "wrote past the end"
        );
    }
    check_padding(&v);
    let back = Message::parse_all(&v).map_err(|e| TestCaseError::fail(format!("{e}")))?;
    prop_assert_eq!(back.len(), 1);
    prop_assert_eq!(&back[0], m);
    Ok(())
}

/// Every fixed buffer shorter than the message is `BufferTooSmall`.
fn every_cut_is_too_small(m: &Message) -> Result<(), TestCaseError> {
    let len = m.to_bytes().unwrap().len();
    for cut in 0..len {
        let mut mem = vec![0xa5u8; cut];
        let mut sb = SliceBuf::new(&mut mem);
        let r = m.emit(&mut sb);
        prop_assert!(
            matches!(r, Err(EncodeError::BufferTooSmall { capacity, .. }) if capacity == cut),
            "cut {}: {:?}",
            cut,
            r
        );
        prop_assert!(sb.len() <= cut);
    }
    Ok(())
}

/// `PROPTEST_CASES` overrides the default number of cases (for long local runs).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    #[test]
    fn link_round_trips(m in family_message(Family::Link)) { round_trip(&m)?; }
    #[test]
    fn addr_round_trips(m in family_message(Family::Addr)) { round_trip(&m)?; }
    #[test]
    fn route_round_trips(m in family_message(Family::Route)) { round_trip(&m)?; }
    #[test]
    fn neightbl_round_trips(m in family_message(Family::NeighTbl)) { round_trip(&m)?; }
    #[test]
    fn nsid_round_trips(m in family_message(Family::Nsid)) { round_trip(&m)?; }
    #[test]
    fn nexthop_round_trips(m in family_message(Family::Nexthop)) { round_trip(&m)?; }
    #[test]
    fn neigh_round_trips(m in family_message(Family::Neigh)) { round_trip(&m)?; }
    #[test]
    fn rule_round_trips(m in family_message(Family::Rule)) { round_trip(&m)?; }
    #[test]
    fn netconf_round_trips(m in family_message(Family::Netconf)) { round_trip(&m)?; }
    #[test]
    fn addrlabel_round_trips(m in family_message(Family::AddrLabel)) { round_trip(&m)?; }
    #[test]
    fn stats_round_trips(m in family_message(Family::Stats)) { round_trip(&m)?; }
    #[test]
    fn stats_request_round_trips(m in family_message(Family::StatsRequest)) { round_trip(&m)?; }
    #[test]
    fn tunnel_round_trips(m in family_message(Family::Tunnel)) { round_trip(&m)?; }
    #[test]
    fn vlan_round_trips(m in family_message(Family::Vlan)) { round_trip(&m)?; }
    #[test]
    fn vlan_dump_round_trips(m in family_message(Family::VlanDump)) { round_trip(&m)?; }
    #[test]
    fn mdb_round_trips(m in family_message(Family::Mdb)) { round_trip(&m)?; }
    #[test]
    fn mdb_set_round_trips(m in family_message(Family::MdbSet)) { round_trip(&m)?; }
    #[test]
    fn mdb_get_round_trips(m in family_message(Family::MdbGet)) { round_trip(&m)?; }
    fn tc_round_trips(m in family_message(Family::Tc)) { round_trip(&m)?; }
    #[test]
    fn action_round_trips(m in family_message(Family::Action)) { round_trip(&m)?; }
    #[test]
    fn error_round_trips(m in error_message()) { round_trip(&m)?; }
    #[test]
    fn done_round_trips(m in done_message()) { round_trip(&m)?; }
    #[test]
    fn raw_round_trips(m in raw_message()) { round_trip(&m)?; }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(48)))]

    #[test]
    fn short_buffers_are_errors(m in prop_oneof![
        family_message(Family::Link),
        family_message(Family::Route),
        error_message(),
        done_message(),
        raw_message(),
    ]) {
        every_cut_is_too_small(&m)?;
    }
}

/// Every cut of every corpus message is `BufferTooSmall` too.
#[test]
fn corpus_messages_short_buffers_are_errors() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "bin") {
            for m in Message::parse_all(&std::fs::read(&p).unwrap()).unwrap() {
                every_cut_is_too_small(&m).unwrap();
                n += 1;
            }
        }
    }
    assert!(n > 100, "{n}");
}

/// The generators keep stale padding: some attribute of a generated run has a non-zero
/// `pad`.
#[test]
fn generator_reaches_kept_padding() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let s = nodes(&ROUTE, DEPTH);
    let found = (0..200).any(|_| {
        let run = s.new_tree(&mut runner).unwrap().current();
        run.iter().any(|n| !n.pad.is_zero())
    });
    assert!(found, "no stale padding generated in 200 runs");
}

/// The generators reach deep: a typed `VETH_INFO_PEER` (LINK → LINKINFO → veth DATA →
/// PEER) is among what `nodes(&LINK)` produces.
#[test]
fn generator_reaches_typed_peers() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    fn has_peer(nodes: &[Node]) -> bool {
        nodes.iter().any(|n| match &n.value {
            AttrValue::Peer(..) => true,
            AttrValue::Nested(c) => has_peer(c),
            _ => false,
        })
    }
    let mut runner = TestRunner::deterministic();
    let s = nodes(&LINK, DEPTH);
    let found = (0..20000).any(|_| has_peer(&s.new_tree(&mut runner).unwrap().current()));
    assert!(found, "no VETH_INFO_PEER generated in 20000 runs");
}

/// The generators reach the struct-headed attributes: typed `MDBA_MDB_ENTRY_INFO` (MDBA →
/// MDB → ENTRY → ENTRY_INFO, with attributes after the struct) and `MDBA_ROUTER_PORT` are
/// among what `nodes(&MDBA)` produces.
#[test]
fn generator_reaches_typed_headed_attributes() {
    use netlink_codec::mdb::{MDBA_MDB_ENTRY_INFO, MDBA_ROUTER_PORT};
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    fn headed(nodes: &[Node], kind: u16) -> bool {
        nodes.iter().any(|n| match &n.value {
            AttrValue::Headed(_, c) => n.kind() == kind && !c.is_empty() || headed(c, kind),
            AttrValue::Nested(c) => headed(c, kind),
            _ => false,
        })
    }
    let mut runner = TestRunner::deterministic();
    let s = nodes(&MDBA, DEPTH);
    for kind in [MDBA_MDB_ENTRY_INFO, MDBA_ROUTER_PORT] {
        let found = (0..20000).any(|_| headed(&s.new_tree(&mut runner).unwrap().current(), kind));
        assert!(
            found,
            "no typed {kind} with attributes generated in 20000 runs"
        );
    }
}
