//! The codec's tables against the kernel's machine-readable rtnetlink specs (YNL,
//! `Documentation/netlink/specs/rt-{link,addr,route,neigh,rule}.yaml`): every fixed header
//! (member names, widths, offsets), attribute set, attribute name, number, type (width,
//! signedness, byte order, string, flag, nest target, struct layout, value names of an
//! `enum:`), sub-message kind and operation (message type, its fixed header and attribute
//! set) the specs define must be in the codec's tables (`attr_space!` spaces and their
//! value names, `HeaderDef`s and theirs, `INFO_DATA_KINDS`, `Family`) with the same
//! meaning. `ynl/map.rs` says which codec table each YNL set, struct and sub-message stands
//! for (or why none does yet); `ynl/known.rs` itemises the known differences and the
//! codec's extra attributes, and is itself checked so that it cannot go stale.
//!
//! The specs are not in this repository: `scripts/ynl-specs.sh` takes them out of the
//! crates.io package `netlink-bindings` 0.3.5, which ships the kernel's files verbatim (the
//! script checks their SPDX line), into `target/ynl-specs` (or the directory `YNL_SPECS`
//! names). They are a 6.19 tree's, one release newer than the 6.18 kernel the tests run
//! on; the codec's tables have the attributes 6.19 adds (`IFLA_BR_STP_MODE`,
//! `IFA_MC_USERS`, ...) with the numbers of its uapi. Debian's `linux-source-6.12`, the
//! source before, is not used any more: it has no `rt-neigh` or `rt-rule` spec, and one
//! source keeps one list of differences.
//!
//! Without the specs the tests print a skip message and pass, unless `CI=true`: then they
//! fail.

mod ynl {
    pub(crate) mod check;
    pub(crate) mod known;
    pub(crate) mod map;
    pub(crate) mod shape;
    pub(crate) mod spec;
}

use std::path::PathBuf;

use ynl::check::{self, Finding};
use ynl::known::{DIFFERS, EXTRAS, PENDING};
use ynl::spec::Spec;

/// The specs every run needs.
const SPECS: &[&str] = &["rt-link", "rt-addr", "rt-route", "rt-neigh", "rt-rule"];

fn spec_dir() -> PathBuf {
    std::env::var_os("YNL_SPECS").map_or_else(
        || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/ynl-specs")),
        PathBuf::from,
    )
}

/// The parsed specs, or `None` (after saying why) when they are not installed.
fn specs() -> Option<Vec<Spec>> {
    let dir = spec_dir();
    let mut specs = Vec::new();
    for name in SPECS {
        let path = dir.join(format!("{name}.yaml"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            let msg = format!(
                "YNL spec {} not found (set YNL_SPECS to an absolute path, or run \
                 scripts/ynl-specs.sh)",
                path.display()
            );
            assert!(std::env::var("CI").as_deref() != Ok("true"), "{msg}");
            eprintln!("skipped: {msg}");
            return None;
        };
        specs.push(parse(name, &text));
    }
    Some(specs)
}

fn parse(name: &str, text: &str) -> Spec {
    let spec = Spec::parse(text).unwrap_or_else(|e| panic!("{name}.yaml: {e}"));
    assert_eq!(spec.family, *name, "{name}.yaml names another family");
    spec
}

/// Whether a known-list entry (set, item) covers a finding.
fn covers(set: &str, item: &str, f: &Finding) -> bool {
    set == f.set && (item == "*" || item == f.item)
}

fn listed(f: &Finding) -> bool {
    PENDING
        .iter()
        .chain(DIFFERS)
        .any(|(set, item, _)| covers(set, item, f))
}

#[test]
fn spec_and_codec_tables_agree() {
    let Some(specs) = specs() else { return };
    let report = check::run(&specs);
    let (known, unknown): (Vec<&Finding>, Vec<&Finding>) =
        report.findings.iter().partition(|f| listed(f));
    eprintln!(
        "{} differences listed in ynl/known.rs; the codec is more precise in {}:",
        known.len(),
        report.notes.len()
    );
    for n in &report.notes {
        eprintln!("  {n}");
    }
    eprintln!(
        "codec spaces no spec set describes: {}",
        check::uncovered_spaces().join(", ")
    );
    let list: Vec<String> = unknown.iter().map(|f| format!("  {f}")).collect();
    assert!(
        unknown.is_empty(),
        "{} differences between the YNL specs and the codec (fix the codec's table, or list \
         them in tests/ynl/known.rs with a reason):\n{}",
        unknown.len(),
        list.join("\n")
    );
}

#[test]
fn known_differences_still_differ() {
    let Some(specs) = specs() else { return };
    let findings = check::run(&specs).findings;
    let stale: Vec<String> = PENDING
        .iter()
        .chain(DIFFERS)
        .filter(|(set, item, _)| !findings.iter().any(|f| covers(set, item, f)))
        .map(|(set, item, why)| format!("  {set} / {item} ({why})"))
        .collect();
    assert!(
        stale.is_empty(),
        "entries of tests/ynl/known.rs that no longer differ (remove them):\n{}",
        stale.join("\n")
    );
}

#[test]
fn codec_extras_are_itemised() {
    let Some(specs) = specs() else { return };
    let found = check::extras(&specs);
    let listed: std::collections::BTreeSet<(&str, &str)> = EXTRAS
        .iter()
        .flat_map(|(space, names, _)| names.iter().map(move |n| (*space, *n)))
        .collect();
    let unlisted: Vec<String> = found
        .difference(&listed)
        .map(|(s, n)| format!("  {s}: {n}"))
        .collect();
    let stale: Vec<String> = listed
        .difference(&found)
        .map(|(s, n)| format!("  {s}: {n}"))
        .collect();
    assert!(
        unlisted.is_empty() && stale.is_empty(),
        "codec attributes the specs lack, not in tests/ynl/known.rs EXTRAS:\n{}\n\
         EXTRAS entries the specs now define, or the codec no longer has:\n{}",
        unlisted.join("\n"),
        stale.join("\n")
    );
}

/// The parser numbers attributes the way YNL does (from 1, then one more than the previous,
/// `value:` resets the count), sizes struct members, and gives flags their bit values:
/// checked on a made-up spec, so that it holds even where the kernel's specs are absent.
#[test]
fn parser_follows_ynl_numbering() {
    let text = "
name: made-up
definitions:
  - {name: hdr, type: struct, members: [{name: a, type: u8}, {name: pad, type: pad, len: 3},
                                        {name: b, type: s32}]}
  - {name: fl, type: flags, entries: [x, y, {name: z, value: 4}]}
attribute-sets:
  - name: s
    attributes:
      - {name: one, type: u32, enum: fl, enum-as-flags: true}
      - {name: two, type: nest, nested-attributes: s}
      - {name: ten, type: u16, value: 10, byte-order: big-endian}
      - {name: eleven, type: binary, struct: hdr}
  - {name: sub, subset-of: s, attributes: [{name: two}]}
";
    let spec = Spec::parse(text).expect("the made-up spec parses");
    let s = &spec.sets[0];
    let numbered: Vec<(&str, u16)> = s.attrs.iter().map(|a| (a.name.as_str(), a.value)).collect();
    assert_eq!(
        numbered,
        [("one", 1), ("two", 2), ("ten", 10), ("eleven", 11)]
    );
    assert_eq!(s.attrs[2].byte_order.as_deref(), Some("big-endian"));
    assert_eq!(s.attrs[0].enum_.as_deref(), Some("fl"));
    assert!(s.attrs[0].enum_as_flags && !s.attrs[1].enum_as_flags);
    assert_eq!(spec.sets[1].subset_of.as_deref(), Some("s"));
    let sizes: Vec<usize> = spec.structs[0].members.iter().map(|m| m.size).collect();
    assert_eq!(sizes, [1, 3, 4]);
    let flags: Vec<u64> = spec.enums[0].entries.iter().map(|e| e.1).collect();
    assert_eq!(flags, [1, 2, 16]);
}
