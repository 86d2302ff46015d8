//! The comparisons: each spec header, attribute, sub-message format and mapping entry
//! against the codec, collected as findings (differences), notes (the codec is more
//! precise) and extras (codec attributes the spec lacks).

use std::collections::BTreeSet;
use std::fmt;

use netlink_codec::family::Family;
use netlink_codec::header::msg_type_name;
use netlink_codec::schema::{Names, Space};

use super::map::{self, c_name, SETS, SUB_MESSAGES};
use super::shape::{self, Verdict};
use super::spec::{Enum, Set, Spec};

/// One difference: in spec set (or struct, sub-message) `set`, item `item` (a uapi name,
/// a member, a kind), what the spec says and what the codec says.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Finding {
    pub(crate) set: String,
    pub(crate) item: String,
    pub(crate) spec: String,
    pub(crate) codec: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (set, item, spec, codec) = (&self.set, &self.item, &self.spec, &self.codec);
        write!(f, "{set} / {item}: spec `{spec}`, codec `{codec}`")
    }
}

/// Everything the comparison found.
#[derive(Debug, Default)]
pub(crate) struct Report {
    pub(crate) findings: Vec<Finding>,
    pub(crate) notes: Vec<String>,
}

impl Report {
    fn differ(&mut self, set: &str, item: &str, spec: String, codec: String) {
        let (set, item) = (set.to_owned(), item.to_owned());
        self.findings.push(Finding {
            set,
            item,
            spec,
            codec,
        });
    }
}

/// Compare every loaded spec with the codec.
pub(crate) fn run(specs: &[Spec]) -> Report {
    let mut r = Report::default();
    for spec in specs {
        headers(&mut r, spec);
        for set in &spec.sets {
            attribute_set(&mut r, spec, set);
        }
        sub_messages(&mut r, spec);
        operations(&mut r, spec);
    }
    mapping(&mut r, specs);
    r.findings.sort();
    r
}

fn headers(r: &mut Report, spec: &Spec) {
    for (name, def) in map::HEADERS {
        let (Ok(def), Some(s)) = (def, spec.strukt(name)) else {
            continue;
        };
        for [member, spec_says, codec_says] in shape::struct_vs_def(s, def) {
            r.differ(name, &member, spec_says, codec_says);
        }
        let mut offset = 0;
        for m in &s.members {
            let field = def.fields.iter().find(|f| f.offset == offset);
            if let (Some(e), Some(f)) = (m.enum_.as_deref(), field) {
                match spec.enumeration(e) {
                    Some(e) => value_names(r, &format!("{name}.{}", e.name), e, e.flags, f.names),
                    None => r.differ(name, &m.name, format!("enum {e}"), "undefined".into()),
                }
            }
            offset += m.size;
        }
    }
}

/// A header field's or an attribute's value names against the spec's enum or flags (the
/// spec's values are bits when `spec_flags`), findings under `set`: every value the spec
/// names has a codec name that ends with the spec's (`up` is `IFF_UP`), ignoring `-`/`_`.
fn value_names(r: &mut Report, set: &str, e: &Enum, spec_flags: bool, names: Names) {
    let (flags, table) = match names {
        Names::Enum(t) => (false, t),
        Names::Flags(t) => (true, t),
        _ => (spec_flags, &[][..]),
    };
    if flags != spec_flags {
        r.differ(set, "(kind)", kind(spec_flags).into(), kind(flags).into());
    }
    let squash = |n: &str| -> String {
        n.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect()
    };
    for (ename, v) in &e.entries {
        let spec_says = format!("{ename} = {v:#x}");
        match table.iter().find(|(x, _)| x == v) {
            None => r.differ(set, ename, spec_says, "no name".into()),
            Some((_, n)) if !squash(n).ends_with(&squash(ename)) => {
                r.differ(set, ename, spec_says, (*n).into())
            }
            Some(_) => {}
        }
    }
}

fn kind(flags: bool) -> &'static str {
    if flags {
        "flags"
    } else {
        "enum"
    }
}

fn attribute_set(r: &mut Report, spec: &Spec, set: &Set) {
    let Some((m, space)) = map::mapped(&set.name) else {
        return; // unmapped on purpose, or `mapping` reports it
    };
    for a in &set.attrs {
        let cname = c_name(m.prefix, &a.name);
        if set.subset_of.is_some() {
            // A subset repeats the parent's names; numbers and types are the parent's.
            if space.by_name(&cname).is_none() {
                r.differ(
                    &set.name,
                    &cname,
                    "in the parent set".into(),
                    "absent".into(),
                );
            }
            continue;
        }
        let Some(d) = space.get(a.value) else {
            let spec_says = format!("{cname} = {}, {}", a.value, shape::spec_type(a));
            r.differ(&set.name, &cname, spec_says, format!("no type {}", a.value));
            continue;
        };
        if d.name != cname {
            r.differ(
                &set.name,
                &cname,
                format!("type {}", a.value),
                d.name.into(),
            );
        }
        let selector = a
            .selector
            .as_deref()
            .and_then(|s| set.attrs.iter().find(|x| x.name == s))
            .map(|x| x.value);
        match shape::compare(a, d.shape, &spec.structs, selector) {
            Verdict::Same => {}
            Verdict::Finer(note) => r.notes.push(format!("{} / {cname}: {note}", set.name)),
            Verdict::Differs(codec) => r.differ(&set.name, &cname, shape::spec_type(a), codec),
        }
        if let Some(e) = a.enum_.as_deref() {
            let key = format!("{}.{cname}", set.name);
            match spec.enumeration(e) {
                Some(e) => value_names(r, &key, e, e.flags || a.enum_as_flags, d.names),
                None => r.differ(&key, "(enum)", format!("enum {e}"), "undefined".into()),
            }
        }
    }
}

fn sub_messages(r: &mut Report, spec: &Spec) {
    for sm in &spec.sub_messages {
        let Some(table) = map::sub_message_table(&sm.name) else {
            let codec = "not in map::SUB_MESSAGES".into();
            r.differ(&sm.name, "(mapping)", "a sub-message".into(), codec);
            continue;
        };
        for (kind, set) in &sm.formats {
            // The spec's formats are attribute sets: the codec's nests.
            let codec = table
                .iter()
                .find(|(k, _)| k == kind)
                .map(|(_, s)| s.child_space());
            let expected = map::space_of(set);
            let spec_says = format!("{kind} -> {set}");
            match (codec, expected) {
                (Some(c), Some(e)) if core::ptr::eq(c, e) => {}
                (Some(c), None) if map::unmapped_why(set).is_some() => {
                    let codec = format!("{}; map {set} in map::SETS", c.name);
                    r.differ(&sm.name, kind, spec_says, codec)
                }
                (Some(c), _) => r.differ(&sm.name, kind, spec_says, c.name.into()),
                (None, _) => r.differ(&sm.name, kind, spec_says, "no such kind".into()),
            }
        }
        let extra: Vec<&str> = table
            .iter()
            .map(|(k, _)| *k)
            .filter(|k| !sm.formats.iter().any(|(f, _)| f == k))
            .collect();
        if !extra.is_empty() {
            let kinds = extra.join(", ");
            r.notes
                .push(format!("{}: codec kinds the spec lacks: {kinds}", sm.name));
        }
    }
}

/// Each operation's message types: the request is `RTM_<NAME>`, and the codec's family for
/// every type carries the operation's fixed header and attribute set.
fn operations(r: &mut Report, spec: &Spec) {
    for op in &spec.ops {
        let expected_request = format!("RTM_{}", op.name.to_uppercase());
        let mut types: Vec<u16> = op.requests.iter().chain(&op.replies).copied().collect();
        types.sort_unstable();
        types.dedup();
        for t in types {
            let name = msg_type_name(t);
            let item = name.unwrap_or("(unnamed)");
            if op.requests.contains(&t) && name != Some(expected_request.as_str()) {
                let codec = item.to_owned();
                r.differ(&op.name, item, format!("{expected_request} = {t}"), codec);
            }
            let header = op.fixed_header.as_deref().unwrap_or("(none)");
            let set = op.attribute_set.as_deref().unwrap_or("(none)");
            let spec_says = format!("type {t}: {header} + {set}");
            match Family::of(t) {
                None => r.differ(&op.name, item, spec_says, "not a typed family".into()),
                Some(f) => {
                    let header_ok =
                        map::header_of(header).is_some_and(|d| d.name == f.header().name);
                    let space_ok = map::space_of(set).is_some_and(|s| core::ptr::eq(s, f.space()));
                    if !header_ok || !space_ok {
                        let codec = format!("{} + {}", f.header().name, f.space().name);
                        r.differ(&op.name, item, spec_says, codec);
                    }
                }
            }
        }
    }
}

/// Every spec set has exactly one entry in `SETS`, and every entry of it (and of `HEADERS`,
/// `SUB_MESSAGES`) names something a spec defines.
fn mapping(r: &mut Report, specs: &[Spec]) {
    let sets: BTreeSet<&str> = specs
        .iter()
        .flat_map(|s| &s.sets)
        .map(|s| s.name.as_str())
        .collect();
    for set in &sets {
        let n = SETS.iter().filter(|m| m.set == *set).count();
        if n != 1 {
            let codec = format!("{n} entries in map::SETS (want 1)");
            r.differ(set, "(mapping)", "an attribute set".into(), codec);
        }
    }
    let structs: BTreeSet<&str> = specs
        .iter()
        .flat_map(|s| &s.structs)
        .map(|s| s.name.as_str())
        .collect();
    let sub_messages: BTreeSet<&str> = specs
        .iter()
        .flat_map(|s| &s.sub_messages)
        .map(|s| s.name.as_str())
        .collect();
    let entries = SETS.iter().map(|m| (m.set, &sets, "map::SETS"));
    let entries = entries
        .chain(
            map::HEADERS
                .iter()
                .map(|(h, _)| (*h, &structs, "map::HEADERS")),
        )
        .chain(
            SUB_MESSAGES
                .iter()
                .map(|(n, _)| (*n, &sub_messages, "map::SUB_MESSAGES")),
        );
    for (name, defined, list) in entries {
        if !defined.contains(name) {
            r.differ(
                name,
                "(mapping)",
                "not defined".into(),
                format!("in {list}"),
            );
        }
    }
}

/// The codec's attributes, as (space, name), in spaces a spec set maps to, whose numbers
/// no spec set of that space defines. `*_UNSPEC` (0) is left out: YNL leaves type 0 unnamed.
pub(crate) fn extras(specs: &[Spec]) -> BTreeSet<(&'static str, &'static str)> {
    let mut defined: Vec<(&'static Space, BTreeSet<u16>)> = Vec::new();
    for set in specs.iter().flat_map(|s| &s.sets) {
        let Some((_, space)) = map::mapped(&set.name) else {
            continue;
        };
        if set.subset_of.is_some() {
            continue;
        }
        let values = set.attrs.iter().map(|a| a.value);
        match defined.iter_mut().find(|(s, _)| core::ptr::eq(*s, space)) {
            Some((_, v)) => v.extend(values),
            None => defined.push((space, values.collect())),
        }
    }
    let mut out = BTreeSet::new();
    for (space, values) in defined {
        for d in space.attrs {
            let unspec = d.kind == 0 && d.name.ends_with("_UNSPEC");
            if !values.contains(&d.kind) && !unspec {
                out.insert((space.name, d.name));
            }
        }
    }
    out
}

/// The names of codec spaces (`family::SPACES`) no mapped spec set describes.
pub(crate) fn uncovered_spaces() -> Vec<&'static str> {
    netlink_codec::family::SPACES
        .iter()
        .filter(|s| {
            !SETS
                .iter()
                .any(|m| m.space.is_ok_and(|m| core::ptr::eq(m, **s)))
        })
        .map(|s| s.name)
        .collect()
}
