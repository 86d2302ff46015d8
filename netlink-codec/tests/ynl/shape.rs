//! How a YNL attribute type and a codec [`Shape`] compare: the same meaning, the codec more
//! precise (it parses what the spec calls `binary`), or a difference.

use netlink_codec::schema::{Elem, HeaderDef, Labels, Shape, Space};

use super::map;
use super::spec::{SpecAttr, Struct};

/// The outcome of comparing one attribute's types.
#[derive(Debug)]
pub(crate) enum Verdict {
    Same,
    /// The codec is more precise; the text says how.
    Finer(String),
    /// They differ; the text describes the codec's side.
    Differs(String),
}

/// A short description of a codec shape, for messages (`Debug` would print nested tables).
pub(crate) fn describe(shape: Shape) -> String {
    match shape {
        Shape::Raw => "raw".into(),
        Shape::Flag => "flag".into(),
        Shape::U8 => "u8".into(),
        Shape::U16 => "u16".into(),
        Shape::U32 => "u32".into(),
        Shape::I32 => "s32".into(),
        Shape::U64 => "u64".into(),
        Shape::Uint => "uint (u32 or u64)".into(),
        Shape::Be16 => "u16 big-endian".into(),
        Shape::Be32 => "u32 big-endian".into(),
        Shape::Be64 => "u64 big-endian".into(),
        Shape::Str => "string".into(),
        Shape::LlAddr => "binary (mac)".into(),
        Shape::Ip => "binary (ip address)".into(),
        Shape::Via => "binary (struct rtvia)".into(),
        Shape::Nested(s) => format!("nest {}", s.name),
        Shape::Indexed(e) => format!("indexed array of {}", describe(*e)),
        Shape::Array(e, _) => format!("array of {}", elem_name(e)),
        Shape::InetConf(s) => format!("devconf array/nest {}", s.name),
        Shape::Peer(s) => format!("ifinfomsg + nest {}", s.name),
        Shape::Headed(d, s) => format!("struct {} + nest {}", d.name, s.name),
        Shape::Multipath(s) => format!("rtnexthop list + {}", s.name),
        Shape::Structs(d) => format!("array of struct {}", d.name),
        Shape::Srh(d) => format!("struct {} + in6_addr segments + tail", d.header.name),
        Shape::ByKind(k, _) => format!("sub-message selected by type {k}"),
        Shape::ByType(k, _) => format!("nest selected by the value of type {k}"),
        Shape::ByFamily(..) => "chosen by the header's family".into(),
        other => format!("{other:?}"),
    }
}

fn elem_name(e: Elem) -> &'static str {
    match e {
        Elem::U16 => "u16",
        Elem::U32 => "u32",
        Elem::I32 => "s32",
        Elem::U64 => "u64",
        _ => "(new element type)",
    }
}

/// The spec's type of `a`, for messages.
pub(crate) fn spec_type(a: &SpecAttr) -> String {
    let mut s = a.ty.clone();
    for (label, v) in [
        ("of ", &a.sub_type),
        ("", &a.byte_order),
        ("struct ", &a.strukt),
        ("-> ", &a.nested),
        ("hint ", &a.hint),
        ("", &a.sub_message),
    ] {
        if let Some(v) = v {
            s = format!("{s} {label}{v}");
        }
    }
    s
}

/// Compare the spec's type of `a` with the codec's `shape`. `structs` resolves `struct:`
/// names; `selector` is the number of the attribute a sub-message's `selector:` names.
pub(crate) fn compare(
    a: &SpecAttr,
    shape: Shape,
    structs: &[Struct],
    selector: Option<u16>,
) -> Verdict {
    match shape {
        Shape::ByFamily(table, other) => return by_family(a, table, *other, structs, selector),
        Shape::ByType(k, table) => return by_type(a, k, table),
        _ => {}
    }
    let be = a.byte_order.as_deref() == Some("big-endian");
    let same = match (a.ty.as_str(), shape) {
        ("u8", Shape::U8) | ("s32", Shape::I32) => true,
        ("uint", Shape::Uint) => true,
        ("u16", Shape::U16) | ("u32", Shape::U32) | ("u64", Shape::U64) => !be,
        ("u16", Shape::Be16) | ("u32", Shape::Be32) | ("u64", Shape::Be64) => be,
        // An IPv4 address as a big-endian u32: the codec's address shape reads it.
        ("u32", Shape::Ip) => be && a.hint.as_deref() == Some("ipv4"),
        ("string", Shape::Str) | ("flag", Shape::Flag) => true,
        ("pad" | "unused", Shape::Raw) => true,
        ("binary", _) => return binary(a, shape, structs),
        ("nest", _) => return nest(a, shape),
        ("indexed-array", Shape::Indexed(elem)) => return indexed(a, *elem, structs),
        ("sub-message", Shape::ByKind(k, table)) => {
            let expected = a.sub_message.as_deref().and_then(map::sub_message_table);
            let table_ok = expected.is_some_and(|t| same_kinds(t, table));
            selector == Some(k) && table_ok
        }
        _ => false,
    };
    if same {
        Verdict::Same
    } else {
        Verdict::Differs(describe(shape))
    }
}

/// A shape chosen by the header's family: the spec's type must match the shape of the
/// families the codec does not single out; the families it does are the codec knowing
/// more, itemised (`IFLA_PROTINFO` is `IFLA_BRPORT_*` under `AF_BRIDGE`).
fn by_family(
    a: &SpecAttr,
    table: &[(u8, Shape)],
    other: Shape,
    structs: &[Struct],
    selector: Option<u16>,
) -> Verdict {
    let families: Vec<String> = table
        .iter()
        .map(|(f, s)| format!("{} {}", family_name(*f), describe(*s)))
        .collect();
    let more = format!("by family: {}", families.join(", "));
    match compare(a, other, structs, selector) {
        Verdict::Same => Verdict::Finer(format!("spec {}, codec {more}", spec_type(a))),
        Verdict::Finer(note) => Verdict::Finer(format!("{note}; {more}")),
        Verdict::Differs(codec) => Verdict::Differs(format!("{codec} ({more})")),
    }
}

fn family_name(f: u8) -> String {
    let names = netlink_codec::af::AF_NAMES;
    let name = names.iter().find(|(v, _)| *v == u64::from(f));
    name.map_or_else(|| format!("family {f}"), |(_, n)| (*n).to_owned())
}

/// A nest whose space the value of a sibling chooses (`RTA_ENCAP` by `RTA_ENCAP_TYPE`):
/// finer than a spec `binary` without struct or hint, which is what YNL can say of it.
fn by_type(a: &SpecAttr, kind: u16, table: &[(u16, &Space)]) -> Verdict {
    let spaces: Vec<String> = table
        .iter()
        .map(|(v, s)| format!("{v} {}", s.name))
        .collect();
    let codec = format!("nest by the value of type {kind}: {}", spaces.join(", "));
    if a.ty == "binary" && a.strukt.is_none() && a.hint.is_none() {
        Verdict::Finer(format!("spec binary, codec {codec}"))
    } else {
        Verdict::Differs(codec)
    }
}

/// A spec `binary`: raw is the same unless the spec names a struct or a display hint;
/// the codec's typed shapes must agree with the struct or hint.
fn binary(a: &SpecAttr, shape: Shape, structs: &[Struct]) -> Verdict {
    let hint = a.hint.as_deref();
    let strukt = a
        .strukt
        .as_deref()
        .map(|n| structs.iter().find(|s| s.name == n));
    let finer = || Verdict::Finer(format!("spec binary, codec {}", describe(shape)));
    match (shape, strukt) {
        (_, Some(None)) => Verdict::Differs(format!("spec struct {:?} not defined", a.strukt)),
        (Shape::Raw, None) if hint.is_none() => Verdict::Same,
        (Shape::Raw, _) => Verdict::Differs("raw".into()),
        (Shape::LlAddr, None) if hint == Some("mac") => Verdict::Same,
        (Shape::Ip, None) if matches!(hint, Some("ipv4" | "ipv6" | "ipv4-or-v6")) => Verdict::Same,
        (Shape::LlAddr | Shape::Ip, None) if hint.is_none() => finer(),
        (Shape::Array(e, labels), Some(Some(s))) => verdict(array_vs_struct(s, e, labels)),
        (Shape::InetConf(sp), Some(Some(s))) => {
            verdict(array_vs_struct(s, Elem::U32, Labels::Space(sp, 1)))
        }
        (Shape::Structs(def), Some(Some(s))) => {
            let diffs = struct_vs_def(s, def);
            verdict(diffs.first().map_or(Ok(None), |d| Err(d.join(": "))))
        }
        (Shape::Array(..) | Shape::InetConf(_) | Shape::Structs(_), None) => finer(),
        (
            Shape::Via
            | Shape::Multipath(_)
            | Shape::Peer(_)
            | Shape::Headed(..)
            | Shape::Nested(_),
            _,
        ) => finer(),
        (Shape::Srh(_), None) => finer(),
        _ => Verdict::Differs(describe(shape)),
    }
}

/// Two (kind, space) tables with the same kinds leading to the same spaces.
fn same_kinds(a: &[(&str, Shape)], b: &[(&str, Shape)]) -> bool {
    let nest = |s: &Shape| match s {
        Shape::Nested(s) => Some(*s as *const Space),
        _ => None,
    };
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|((ka, sa), (kb, sb))| ka == kb && nest(sa).is_some() && nest(sa) == nest(sb))
}

fn verdict(r: Result<Option<String>, String>) -> Verdict {
    match r {
        Ok(None) => Verdict::Same,
        Ok(Some(note)) => Verdict::Finer(note),
        Err(e) => Verdict::Differs(e),
    }
}

/// A spec `indexed-array`: its `sub-type` (with the attribute's byte order, hint and
/// nested set) against the codec's element shape.
fn indexed(a: &SpecAttr, elem: Shape, structs: &[Struct]) -> Verdict {
    let Some(sub) = &a.sub_type else {
        return Verdict::Differs("an indexed array; the spec gives no sub-type".into());
    };
    let each = SpecAttr {
        ty: sub.clone(),
        ..a.clone()
    };
    match compare(&each, elem, structs, None) {
        Verdict::Same => Verdict::Same,
        Verdict::Finer(note) => Verdict::Finer(format!("indexed array: {note}")),
        Verdict::Differs(codec) => Verdict::Differs(format!("indexed array of {codec}")),
    }
}

/// A spec `nest`: the codec's nest must lead to the space the spec's set maps to.
fn nest(a: &SpecAttr, shape: Shape) -> Verdict {
    let target = a.nested.as_deref().map(map::space_of);
    match (shape, target) {
        (Shape::Nested(s) | Shape::InetConf(s), Some(Some(t))) if core::ptr::eq(s, t) => {
            Verdict::Same
        }
        (Shape::Nested(_), None) => Verdict::Same,
        _ => Verdict::Differs(describe(shape)),
    }
}

/// A `struct:` of equal-width members against a codec array: the element width and
/// signedness, and each member's name. More names in the codec (a newer kernel's fields)
/// are a note.
fn array_vs_struct(s: &Struct, e: Elem, labels: Labels) -> Result<Option<String>, String> {
    for (i, m) in s.members.iter().enumerate() {
        let signed = m.ty.starts_with('s');
        if m.size != e.size() || signed != (e == Elem::I32) {
            return Err(format!(
                "{}: member {} `{}` is {}, codec elements are {}",
                s.name,
                i,
                m.name,
                m.ty,
                elem_name(e)
            ));
        }
        let label = labels.get(i).unwrap_or("(none)");
        if !label_matches(label, &m.name, labels) {
            return Err(format!(
                "{}: member {} `{}`, codec element {} is `{label}`",
                s.name, i, m.name, i
            ));
        }
    }
    let more = (s.members.len()..)
        .take_while(|&i| labels.get(i).is_some())
        .count();
    Ok((more > 0).then(|| format!("{}: the codec names {more} more elements", s.name)))
}

/// `rx-packets` is `rx_packets` (a list; YNL may drop the uapi's prefix, `allocs` is
/// `ndts_allocs`) or `..._RX_PACKETS` (a space's names).
fn label_matches(label: &str, member: &str, labels: Labels) -> bool {
    let member = member.replace('-', "_");
    match labels {
        Labels::List(_) => label == member || label.ends_with(&format!("_{member}")),
        Labels::Space(..) => label.ends_with(&format!("_{}", map::c_name("", &member))),
        _ => false,
    }
}

/// Differences between a spec struct and a codec header table, as (member, spec, codec).
/// Padding members may be named fields in the codec (`__ifi_pad`) or gaps. YNL lists no
/// tail padding: the C struct's size is the members' rounded up to the alignment of the
/// widest (`rtnl_link_ifmap`, 28 bytes of members, is 32), and the codec may name that
/// tail as a `__`-prefixed field.
pub(crate) fn struct_vs_def(s: &Struct, def: &HeaderDef) -> Vec<[String; 3]> {
    let mut diffs = Vec::new();
    let mut offset = 0;
    let mut pads = Vec::new();
    for m in &s.members {
        let field = def.fields.iter().find(|f| f.offset == offset);
        if m.ty == "pad" {
            pads.push(offset..offset + m.size);
        } else {
            let spec = format!("{} {} at {offset}", m.name, m.ty);
            match field {
                None => diffs.push([m.name.clone(), spec, format!("no field at {offset}")]),
                Some(f) => {
                    let signed = m.ty.starts_with('s');
                    let sign = if f.signed { "s" } else { "u" };
                    let codec = format!("{} {sign}{} at {}", f.name, f.size * 8, f.offset);
                    if f.name != m.name.replace('-', "_") || f.size != m.size || f.signed != signed
                    {
                        diffs.push([m.name.clone(), spec, codec]);
                    }
                }
            }
        }
        offset += m.size;
    }
    let align = s
        .members
        .iter()
        .filter(|m| matches!(m.ty.as_str(), "u16" | "s16" | "u32" | "s32" | "u64" | "s64"))
        .map(|m| m.size)
        .max()
        .unwrap_or(1);
    let padded = offset.div_ceil(align) * align;
    let tail = offset..padded;
    for f in def.fields {
        let in_tail = tail.contains(&f.offset) && f.name.starts_with("__");
        let in_pad = in_tail || pads.iter().any(|p| p.contains(&f.offset));
        let listed = spec_offsets(s).contains(&f.offset);
        if !in_pad && !listed {
            diffs.push([
                f.name.into(),
                "no member".into(),
                format!("at {}", f.offset),
            ]);
        }
    }
    if padded != def.len {
        let (spec, codec) = (format!("{padded} bytes"), format!("{} bytes", def.len));
        diffs.push(["(size)".into(), spec, codec]);
    }
    diffs
}

fn spec_offsets(s: &Struct) -> Vec<usize> {
    let mut offset = 0;
    let mut v = Vec::new();
    for m in &s.members {
        if m.ty != "pad" {
            v.push(offset);
        }
        offset += m.size;
    }
    v
}
