//! The parts of a YNL spec (`Documentation/netlink/specs/*.yaml`) the test compares: struct
//! definitions, attribute sets with their resolved type numbers, and sub-messages.

use yaml_rust2::{Yaml, YamlLoader};

/// One member of a `type: struct` definition.
#[derive(Debug)]
pub(crate) struct Member {
    pub(crate) name: String,
    /// `u8` ... `s64`, `pad` or `binary`.
    pub(crate) ty: String,
    /// Width in bytes.
    pub(crate) size: usize,
    /// `enum:`: the enum or flags definition naming its values.
    pub(crate) enum_: Option<String>,
}

/// A `type: enum` or `type: flags` definition: its entries' names and values.
#[derive(Debug)]
pub(crate) struct Enum {
    pub(crate) name: String,
    pub(crate) flags: bool,
    pub(crate) entries: Vec<(String, u64)>,
}

/// A `type: struct` definition.
#[derive(Debug)]
pub(crate) struct Struct {
    pub(crate) name: String,
    pub(crate) members: Vec<Member>,
}

/// One attribute of a set, with its number resolved the way YNL does (the previous one
/// plus one, from 1, unless `value:` says otherwise).
#[derive(Debug, Clone)]
pub(crate) struct SpecAttr {
    pub(crate) name: String,
    pub(crate) value: u16,
    pub(crate) ty: String,
    /// `sub-type`: the type of each element of an `indexed-array`.
    pub(crate) sub_type: Option<String>,
    pub(crate) byte_order: Option<String>,
    pub(crate) nested: Option<String>,
    pub(crate) strukt: Option<String>,
    pub(crate) hint: Option<String>,
    pub(crate) sub_message: Option<String>,
    pub(crate) selector: Option<String>,
    /// `enum:`: the enum or flags definition naming the attribute's values.
    pub(crate) enum_: Option<String>,
    /// `enum-as-flags:`: the values of that enum are bits of a set.
    pub(crate) enum_as_flags: bool,
}

/// An `attribute-sets` entry.
#[derive(Debug)]
pub(crate) struct Set {
    pub(crate) name: String,
    /// `subset-of`: the attributes are the parent's (no types or numbers of their own).
    pub(crate) subset_of: Option<String>,
    pub(crate) attrs: Vec<SpecAttr>,
}

/// A `sub-messages` entry: (selector value, attribute set) per format.
#[derive(Debug)]
pub(crate) struct SubMessage {
    pub(crate) name: String,
    pub(crate) formats: Vec<(String, String)>,
}

/// An `operations` entry: its message types (requests, then replies) and what they carry.
#[derive(Debug)]
pub(crate) struct Op {
    pub(crate) name: String,
    /// The struct after `nlmsghdr` (the entry's, else the operations' default).
    pub(crate) fixed_header: Option<String>,
    pub(crate) attribute_set: Option<String>,
    pub(crate) requests: Vec<u16>,
    pub(crate) replies: Vec<u16>,
}

/// One spec file.
#[derive(Debug)]
pub(crate) struct Spec {
    /// The `name:` of the family (`rt-link`).
    pub(crate) family: String,
    pub(crate) structs: Vec<Struct>,
    pub(crate) enums: Vec<Enum>,
    pub(crate) sets: Vec<Set>,
    pub(crate) sub_messages: Vec<SubMessage>,
    pub(crate) ops: Vec<Op>,
}

impl Spec {
    /// Parse a spec; an error names what is missing.
    pub(crate) fn parse(text: &str) -> Result<Spec, String> {
        let docs = YamlLoader::load_from_str(text).map_err(|e| e.to_string())?;
        let doc = docs.first().ok_or("empty document")?;
        let family = string(&doc["name"]).ok_or("no `name:`")?;
        let structs = list(&doc["definitions"])
            .iter()
            .filter(|d| d["type"].as_str() == Some("struct"))
            .map(parse_struct)
            .collect::<Result<_, _>>()?;
        let enums = list(&doc["definitions"])
            .iter()
            .filter(|d| matches!(d["type"].as_str(), Some("enum" | "flags")))
            .map(parse_enum)
            .collect::<Result<_, _>>()?;
        let sets = list(&doc["attribute-sets"])
            .iter()
            .map(parse_set)
            .collect::<Result<_, _>>()?;
        let sub_messages = list(&doc["sub-messages"])
            .iter()
            .map(parse_sub_message)
            .collect::<Result<_, _>>()?;
        let ops = parse_ops(&doc["operations"])?;
        Ok(Spec {
            ops,
            family,
            structs,
            enums,
            sets,
            sub_messages,
        })
    }

    /// The struct definition called `name`.
    pub(crate) fn strukt(&self, name: &str) -> Option<&Struct> {
        self.structs.iter().find(|s| s.name == name)
    }

    /// The enum or flags definition called `name`.
    pub(crate) fn enumeration(&self, name: &str) -> Option<&Enum> {
        self.enums.iter().find(|e| e.name == name)
    }
}

fn string(y: &Yaml) -> Option<String> {
    y.as_str().map(str::to_owned)
}

/// A YAML list, or nothing (a missing key, `[]`).
fn list(y: &Yaml) -> &[Yaml] {
    y.as_vec().map_or(&[], Vec::as_slice)
}

/// The width of a scalar member type.
fn scalar_size(ty: &str) -> Option<usize> {
    Some(match ty {
        "u8" | "s8" => 1,
        "u16" | "s16" => 2,
        "u32" | "s32" => 4,
        "u64" | "s64" => 8,
        _ => return None,
    })
}

fn parse_struct(y: &Yaml) -> Result<Struct, String> {
    let name = string(&y["name"]).ok_or("struct without a name")?;
    let members = list(&y["members"])
        .iter()
        .map(|m| {
            let mname = string(&m["name"]).ok_or(format!("{name}: member without a name"))?;
            let ty = string(&m["type"]).ok_or(format!("{name}.{mname}: no type"))?;
            let size = match m["len"].as_i64() {
                Some(len) => usize::try_from(len).map_err(|e| e.to_string())?,
                None => scalar_size(&ty).ok_or(format!("{name}.{mname}: no width"))?,
            };
            Ok(Member {
                name: mname,
                ty,
                size,
                enum_: string(&m["enum"]),
            })
        })
        .collect::<Result<_, String>>()?;
    Ok(Struct { name, members })
}

/// Entries are names or `{name, value}`; an enum counts from `value-start` (0), flags are
/// bits from bit 0, each unless it gives its `value`.
fn parse_enum(y: &Yaml) -> Result<Enum, String> {
    let name = string(&y["name"]).ok_or("enum without a name")?;
    let flags = y["type"].as_str() == Some("flags");
    let mut next = y["value-start"].as_i64().unwrap_or(0);
    let mut entries = Vec::new();
    for e in list(&y["entries"]) {
        let ename = string(e)
            .or_else(|| string(&e["name"]))
            .ok_or(format!("{name}: entry without a name"))?;
        let n = e["value"].as_i64().unwrap_or(next);
        next = n + 1;
        let n = u32::try_from(n).map_err(|_| format!("{name}.{ename}: value {n}"))?;
        let value = if flags { 1u64 << n } else { u64::from(n) };
        entries.push((ename, value));
    }
    Ok(Enum {
        name,
        flags,
        entries,
    })
}

fn parse_set(y: &Yaml) -> Result<Set, String> {
    let name = string(&y["name"]).ok_or("attribute set without a name")?;
    let mut next = 1i64;
    let mut attrs = Vec::new();
    for a in list(&y["attributes"]) {
        let aname = string(&a["name"]).ok_or(format!("{name}: attribute without a name"))?;
        let value = a["value"].as_i64().unwrap_or(next);
        next = value + 1;
        attrs.push(SpecAttr {
            value: u16::try_from(value).map_err(|_| format!("{name}.{aname}: value {value}"))?,
            ty: string(&a["type"]).unwrap_or_default(),
            sub_type: string(&a["sub-type"]),
            byte_order: string(&a["byte-order"]),
            nested: string(&a["nested-attributes"]),
            strukt: string(&a["struct"]),
            hint: string(&a["display-hint"]),
            sub_message: string(&a["sub-message"]),
            selector: string(&a["selector"]),
            enum_: string(&a["enum"]),
            enum_as_flags: a["enum-as-flags"].as_bool().unwrap_or(false),
            name: aname,
        });
    }
    Ok(Set {
        name,
        subset_of: string(&y["subset-of"]),
        attrs,
    })
}

fn parse_sub_message(y: &Yaml) -> Result<SubMessage, String> {
    let name = string(&y["name"]).ok_or("sub-message without a name")?;
    let formats = list(&y["formats"])
        .iter()
        .map(|f| {
            let value = string(&f["value"]).ok_or(format!("{name}: format without a value"))?;
            // A format with only a fixed header has no attribute set: "" stands for none.
            let set = string(&f["attribute-set"]).unwrap_or_default();
            Ok((value, set))
        })
        .collect::<Result<_, String>>()?;
    Ok(SubMessage { name, formats })
}

/// `do`/`dump` have `request`/`reply` with a `value`; `notify`/`event` give it directly.
fn parse_ops(y: &Yaml) -> Result<Vec<Op>, String> {
    let default_header = string(&y["fixed-header"]);
    let value = |v: &Yaml| -> Result<Option<u16>, String> {
        v.as_i64()
            .map(|n| u16::try_from(n).map_err(|_| format!("message type {n}")))
            .transpose()
    };
    let mut ops = Vec::new();
    for o in list(&y["list"]) {
        let name = string(&o["name"]).ok_or("operation without a name")?;
        let (mut requests, mut replies) = (Vec::new(), Vec::new());
        for mode in ["do", "dump"] {
            requests.extend(value(&o[mode]["request"]["value"])?);
            replies.extend(value(&o[mode]["reply"]["value"])?);
        }
        for mode in ["notify", "event"] {
            replies.extend(value(&o[mode]["value"])?);
        }
        ops.push(Op {
            fixed_header: string(&o["fixed-header"]).or_else(|| default_header.clone()),
            attribute_set: string(&o["attribute-set"]),
            name,
            requests,
            replies,
        });
    }
    Ok(ops)
}
