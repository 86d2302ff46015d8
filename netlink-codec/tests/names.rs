//! The attribute tables: well formed (sorted, unique), complete (every space a table
//! refers to is listed in `family::SPACES`), and right for real traffic (every attribute of
//! the corpus has a name, and decodes to the typed value its shape promises).

mod common;

use common::corpus;
use std::collections::HashSet;

use netlink_codec::family::{Family, SPACES};
use netlink_codec::header::msg_type_name;
use netlink_codec::model::{AttrValue, Body, Message, Node};
use netlink_codec::schema::{Elem, Labels, Shape, Space};

fn listed(s: &Space) -> bool {
    SPACES.iter().any(|l| core::ptr::eq(*l, s))
}

/// The spaces a shape refers to.
fn referenced(shape: Shape) -> Vec<&'static Space> {
    match shape {
        Shape::Nested(s)
        | Shape::InetConf(s)
        | Shape::Peer(s)
        | Shape::Multipath(s)
        | Shape::Headed(_, s) => vec![s],
        Shape::ByKind(_, table) => table.iter().flat_map(|(_, s)| referenced(*s)).collect(),
        Shape::ByType(_, table) => table.iter().map(|(_, s)| *s).collect(),
        Shape::ByFamily(table, other) => table
            .iter()
            .map(|(_, s)| *s)
            .chain([*other])
            .flat_map(referenced)
            .collect(),
        Shape::Array(_, Labels::Space(s, _)) => vec![s],
        Shape::Indexed(elem) => referenced(*elem),
        _ => vec![],
    }
}

#[test]
fn every_table_is_sorted_with_unique_kinds_and_names() {
    let mut space_names = HashSet::new();
    for s in SPACES {
        assert!(!s.attrs.is_empty(), "{} is empty", s.name);
        assert!(space_names.insert(s.name), "space name {} twice", s.name);
        for w in s.attrs.windows(2) {
            assert!(
                w[0].kind < w[1].kind,
                "{}: {} ({}) before {} ({})",
                s.name,
                w[0].name,
                w[0].kind,
                w[1].name,
                w[1].kind
            );
        }
        let mut names = HashSet::new();
        for d in s.attrs {
            assert!(names.insert(d.name), "{}: name {} twice", s.name, d.name);
            // Binary search finds every entry, and names map back to their entry.
            assert_eq!(s.get(d.kind).map(|x| x.name), Some(d.name));
            assert_eq!(s.by_name(d.name).map(|x| x.kind), Some(d.kind));
        }
    }
    // The listing has no duplicates either.
    for (i, a) in SPACES.iter().enumerate() {
        for b in &SPACES[i + 1..] {
            assert!(!core::ptr::eq(*a, *b), "{} listed twice", a.name);
        }
    }
}

#[test]
fn every_referenced_space_is_listed() {
    for f in [
        Family::Link,
        Family::Addr,
        Family::Route,
        Family::NeighTbl,
        Family::Nsid,
        Family::Nexthop,
        Family::Neigh,
        Family::Rule,
        Family::Netconf,
        Family::AddrLabel,
        Family::Stats,
        Family::StatsRequest,
        Family::Tunnel,
        Family::Vlan,
        Family::VlanDump,
        Family::Mdb,
        Family::MdbSet,
        Family::MdbGet,
        Family::Tc,
        Family::Action,
    ] {
        assert!(listed(f.space()), "{:?}", f);
    }
    for s in SPACES {
        for d in s.attrs {
            for r in referenced(d.shape) {
                assert!(
                    listed(r),
                    "{}.{} refers to unlisted {}",
                    s.name,
                    d.name,
                    r.name
                );
            }
        }
    }
    // The kind tables are sorted and unique too (lookups are linear, but duplicates would
    // make one entry dead).
    for table in [
        netlink_codec::link::INFO_DATA_KINDS,
        netlink_codec::link::INFO_SLAVE_DATA_KINDS,
        netlink_codec::tc::OPTIONS_KINDS,
        netlink_codec::tc::ACT_OPTIONS_KINDS,
    ] {
        for w in table.windows(2) {
            assert!(w[0].0 < w[1].0, "{} before {}", w[0].0, w[1].0);
        }
    }
}

/// What went wrong with one corpus attribute, if anything.
fn check_nodes(nodes: &[Node], space: &'static Space, path: &str, problems: &mut Vec<String>) {
    check_run(nodes, (space, None), path, problems);
}

/// A run of attributes; the family is the header's, for the top-level run only.
fn check_run(
    nodes: &[Node],
    (space, family): (&'static Space, Option<u8>),
    path: &str,
    problems: &mut Vec<String>,
) {
    for n in nodes {
        let Some(def) = space.get(n.kind()) else {
            problems.push(format!(
                "{path}: type {} has no name in {}",
                n.kind(),
                space.name
            ));
            continue;
        };
        let here = format!("{path}/{}", def.name);
        // Context-dependent shapes resolve as the codec resolves them: an unknown kind or
        // encapsulation type is raw.
        let shape = def.shape.resolve(nodes, family);
        let typed = match (shape, &n.value) {
            (Shape::Raw, AttrValue::Raw(_)) => true,
            (Shape::Flag, AttrValue::Flag)
            | (Shape::U8, AttrValue::U8(_))
            | (Shape::U16, AttrValue::U16(_))
            | (Shape::U32, AttrValue::U32(_))
            | (Shape::I32, AttrValue::I32(_))
            | (Shape::U64, AttrValue::U64(_))
            | (Shape::Uint, AttrValue::U32(_) | AttrValue::U64(_))
            | (Shape::Be16, AttrValue::Be16(_))
            | (Shape::Be32, AttrValue::Be32(_))
            | (Shape::Be64, AttrValue::Be64(_))
            | (Shape::Str, AttrValue::Str(..))
            | (Shape::LlAddr, AttrValue::LlAddr(_))
            | (Shape::Ip, AttrValue::Ip(_))
            | (Shape::Via, AttrValue::Via(..))
            | (Shape::Structs(_), AttrValue::Structs(_))
            | (Shape::Array(Elem::U16, _), AttrValue::U16s(_))
            | (Shape::Srh(_), AttrValue::Srh(_))
            | (Shape::Array(Elem::U32, _), AttrValue::U32s(_))
            | (Shape::Array(Elem::I32, _), AttrValue::I32s(_))
            | (Shape::Array(Elem::U64, _), AttrValue::U64s(_))
            | (Shape::InetConf(_), AttrValue::U32s(_))
            // Slots are typed by position, not named: nothing to look up in a space.
            | (Shape::Indexed(_), AttrValue::Nested(_)) => true,
            (Shape::Nested(s) | Shape::InetConf(s), AttrValue::Nested(children)) => {
                check_nodes(children, s, &here, problems);
                true
            }
            (Shape::Peer(s), AttrValue::Peer(_, children)) => {
                check_nodes(children, s, &here, problems);
                true
            }
            (Shape::Headed(def, s), AttrValue::Headed(h, children)) => {
                if h.len() != def.len {
                    problems.push(format!("{here}: {} bytes of {}", h.len(), def.name));
                }
                check_nodes(children, s, &here, problems);
                true
            }
            (Shape::Multipath(s), AttrValue::Multipath(hops)) => {
                for (i, h) in hops.iter().enumerate() {
                    check_nodes(&h.attrs, s, &format!("{here}[{i}]"), problems);
                }
                true
            }
            _ => false,
        };
        if !typed {
            problems.push(format!("{here}: {shape:?} decoded as {:?}", n.value));
        }
    }
}

/// The family byte of a message's family header (every rtnetlink header starts with it).
fn header_family(m: &Message) -> Option<u8> {
    let bytes = m.to_bytes().ok()?;
    bytes.get(netlink_codec::header::NlMsgHdr::LEN).copied()
}

#[test]
fn every_corpus_attribute_is_named_and_typed() {
    let mut problems = Vec::new();
    let mut attrs_seen = 0usize;
    for (name, bytes) in corpus() {
        for (i, m) in Message::parse_all(&bytes).unwrap().iter().enumerate() {
            let ty = msg_type_name(m.msg_type).unwrap_or("?");
            let path = format!("{name}#{i} {ty}");
            let (nodes, space): (&[Node], &'static Space) = match &m.body {
                Body::Error { ext_ack, .. } | Body::Done { ext_ack, .. } => {
                    (ext_ack, &netlink_codec::ack::EXT_ACK)
                }
                Body::Raw(_) => continue,
                _ => (
                    m.attrs().unwrap(),
                    Family::of_message(m.msg_type, m.flags).unwrap().space(),
                ),
            };
            attrs_seen += nodes.len();
            let family = header_family(m);
            check_run(nodes, (space, family), &path, &mut problems);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(attrs_seen > 500, "only {attrs_seen} attributes checked");
}
