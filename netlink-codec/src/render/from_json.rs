//! The inverse of [`message_json`](super::message_json): JSON (as it prints it, possibly
//! edited by hand) back to the codec's owned [`Message`].
//!
//! Every name is looked up in the codec's tables; errors name the field by its path
//! (`attrs[2].type: unknown attribute name "IFLA_FOO" in space IFLA`). `len` is
//! informational and recomputed, except for an echoed request that is only a header.

use std::borrow::Cow;
use std::net::IpAddr;

use crate::ack::EXT_ACK;
use crate::addr::IfAddrMsg;
use crate::addrlabel::IfAddrLblMsg;
use crate::af::AF_NAMES;
use crate::attr::{NLA_F_NESTED, NLA_F_NET_BYTEORDER, NLA_TYPE_MASK};
use crate::datagram::DatagramEnd;
use crate::family::Family;
use crate::header::{msg_type_from_name, NlMsgHdr, NlmFlags, NLMSG_DONE, NLMSG_ERROR};
use crate::link::{IfInfoMsg, IfStatsMsg, TunnelMsg};
use crate::mdb::BrPortMsg;
use crate::model::{AttrValue, Body, Header, Message, NexthopNode, Node, Pad};
use crate::neigh::{NdMsg, NdtMsg};
use crate::netconf::NetconfMsg;
use crate::nexthop::NhMsg;
use crate::nsid::RtGenMsg;
use crate::route::{RtMsg, RtNexthop};
use crate::rule::FibRuleHdr;
use crate::schema::{Elem, Field, HeaderDef, Labels, Names, Shape, Siblings, Space, EMPTY};
use crate::tc::{TcMsg, TcaMsg};
use crate::vlan::BrVlanMsg;
use crate::Errno;
use serde_json::{Map, Value as Json};

use super::json_read::{
    check_keys, get, hex_bytes, ip, lladdr, num, object, opt_bool, opt_num, parse_hex, JsonError,
    Path, R,
};
use zerocopy::FromBytes;

/// Build a message from its JSON object (the shape [`message_json`](super::message_json)
/// prints). Every name is looked up in the codec's tables; `len` is informational and
/// recomputed, except for an echoed request that is only a header.
pub fn message_from_json(v: &Json) -> Result<Message, JsonError> {
    message(v, &Path::ROOT)
}

/// The ending of a datagram from its JSON object ([`end_json`](super::end_json)), or
/// `None` when `v` is not one (it has no `end` key: a message).
pub fn end_from_json(v: &Json) -> Result<Option<DatagramEnd>, JsonError> {
    let p = &Path::ROOT;
    let Some(end) = v.as_object().and_then(|o| o.get("end")) else {
        return Ok(None);
    };
    let o = object(v, p)?;
    let end = match end.as_str() {
        Some("zero_tail") => {
            check_keys(o, p, &["end", "zeros"])?;
            DatagramEnd::ZeroTail(num(get(o, p, "zeros")?, &p.key("zeros"))?)
        }
        Some("short_pad") => {
            check_keys(o, p, &["end", "pad"])?;
            let pad: u8 = num(get(o, p, "pad")?, &p.key("pad"))?;
            if pad > 2 {
                return p.key("pad").err("a short padding has 0-2 bytes");
            }
            DatagramEnd::ShortPad(pad)
        }
        Some("aligned") => {
            check_keys(o, p, &["end"])?;
            DatagramEnd::Aligned
        }
        _ => {
            return p
                .key("end")
                .err("expected \"zero_tail\", \"short_pad\" or \"aligned\"")
        }
    };
    Ok(Some(end))
}

/// Encode the echoed request of an `NLMSG_ERROR` from its JSON object.
fn request_bytes(v: &Json, p: &Path) -> R<Vec<u8>> {
    let o = object(v, p)?;
    let structured = ["header", "attrs", "error", "request"]
        .iter()
        .any(|k| o.contains_key(*k));
    if structured {
        let m = message(v, p)?;
        return m.to_bytes().or_else(|e| p.err(e.to_string()));
    }
    if o.len() == 1 && o.contains_key("hex") {
        return hex_bytes(&o["hex"], &p.key("hex"));
    }
    // Header fields (with `len` as given), then the bytes after the header verbatim.
    check_keys(o, p, &["len", "type", "flags", "seq", "pid", "hex"])?;
    let t = msg_type(get(o, p, "type")?, &p.key("type"))?;
    let hdr = NlMsgHdr {
        nlmsg_len: num::<u32>(get(o, p, "len")?, &p.key("len"))?.into(),
        nlmsg_type: t.into(),
        nlmsg_flags: nlm_flags(get(o, p, "flags")?, &p.key("flags"))?.into(),
        nlmsg_seq: num::<u32>(get(o, p, "seq")?, &p.key("seq"))?.into(),
        nlmsg_pid: num::<u32>(get(o, p, "pid")?, &p.key("pid"))?.into(),
    };
    let mut out = zerocopy::IntoBytes::as_bytes(&hdr).to_vec();
    if let Some(h) = o.get("hex") {
        out.extend(hex_bytes(h, &p.key("hex"))?);
    }
    Ok(out)
}

fn message(v: &Json, p: &Path) -> R<Message> {
    let o = object(v, p)?;
    let msg_type = msg_type(get(o, p, "type")?, &p.key("type"))?;
    let flags = match o.get("flags") {
        Some(f) => nlm_flags(f, &p.key("flags"))?,
        None => 0,
    };
    let seq = opt_num::<u32>(o, p, "seq")?.unwrap_or(0);
    let pid = opt_num::<u32>(o, p, "pid")?.unwrap_or(0);
    if let Some(l) = o.get("len") {
        num::<u32>(l, &p.key("len"))?;
    }
    let common = ["len", "type", "flags", "seq", "pid"];
    let body = if o.contains_key("hex") {
        check_keys(o, p, &[&common[..], &["hex"]].concat())?;
        Body::Raw(hex_bytes(&o["hex"], &p.key("hex"))?)
    } else if let Some(fam) = Family::of_message(msg_type, flags) {
        check_keys(o, p, &[&common[..], &["header", "attrs"]].concat())?;
        let def = fam.header();
        let hdr = header_bytes(def, o.get("header"), &p.key("header"))?;
        // Every family header starts with its `__u8` family (for `Shape::ByFamily`).
        let family = hdr.first().copied();
        let nodes = top_attrs(o.get("attrs"), fam.space(), family, &p.key("attrs"))?;
        family_body(fam, &hdr, nodes, p)?
    } else if msg_type == NLMSG_ERROR {
        check_keys(
            o,
            p,
            &[&common[..], &["error", "errno", "request", "attrs"]].concat(),
        )?;
        Body::Error {
            error: error_field(o, p)?.unwrap_or(0),
            request: request_bytes(get(o, p, "request")?, &p.key("request"))?,
            ext_ack: attrs(o.get("attrs"), &EXT_ACK, &p.key("attrs"))?,
        }
    } else if msg_type == NLMSG_DONE && (o.contains_key("error") || o.contains_key("errno")) {
        check_keys(o, p, &[&common[..], &["error", "errno", "attrs"]].concat())?;
        Body::Done {
            error: error_field(o, p)?.unwrap_or(0),
            ext_ack: attrs(o.get("attrs"), &EXT_ACK, &p.key("attrs"))?,
        }
    } else {
        check_keys(o, p, &common)?;
        Body::Raw(Vec::new())
    };
    Ok(Message {
        msg_type,
        flags,
        seq,
        pid,
        body,
    })
}

fn family_body(fam: Family, hdr: &[u8], nodes: Vec<Node>, p: &Path) -> R<Body> {
    fn h<T: FromBytes>(b: &[u8], p: &Path) -> R<Header<T>> {
        match T::read_from_bytes(b) {
            Ok(v) => Ok(Header(v)),
            Err(_) => p.err("family header has the wrong size"),
        }
    }
    Ok(match fam {
        Family::Link => Body::Link(h::<IfInfoMsg>(hdr, p)?, nodes),
        Family::Addr => Body::Addr(h::<IfAddrMsg>(hdr, p)?, nodes),
        Family::Route => Body::Route(h::<RtMsg>(hdr, p)?, nodes),
        Family::NeighTbl => Body::NeighTbl(h::<NdtMsg>(hdr, p)?, nodes),
        Family::Nsid => Body::Nsid(h::<RtGenMsg>(hdr, p)?, nodes),
        Family::Nexthop => Body::Nexthop(h::<NhMsg>(hdr, p)?, nodes),
        Family::Neigh => Body::Neigh(h::<NdMsg>(hdr, p)?, nodes),
        Family::Rule => Body::Rule(h::<FibRuleHdr>(hdr, p)?, nodes),
        Family::Netconf => Body::Netconf(h::<NetconfMsg>(hdr, p)?, nodes),
        Family::AddrLabel => Body::AddrLabel(h::<IfAddrLblMsg>(hdr, p)?, nodes),
        Family::Stats | Family::StatsRequest => Body::Stats(h::<IfStatsMsg>(hdr, p)?, nodes),
        Family::Tunnel => Body::Tunnel(h::<TunnelMsg>(hdr, p)?, nodes),
        Family::Vlan | Family::VlanDump => Body::Vlan(h::<BrVlanMsg>(hdr, p)?, nodes),
        Family::Mdb | Family::MdbSet | Family::MdbGet => Body::Mdb(h::<BrPortMsg>(hdr, p)?, nodes),
        Family::Tc => Body::Tc(h::<TcMsg>(hdr, p)?, nodes),
        Family::Action => Body::Action(h::<TcaMsg>(hdr, p)?, nodes),
    })
}

/// `error` (negative errno number) and/or `errno` (name); they must agree.
fn error_field(o: &Map<String, Json>, p: &Path) -> R<Option<i32>> {
    let num_err = opt_num::<i32>(o, p, "error")?;
    let name_err = match o.get("errno") {
        None | Some(Json::Null) => None,
        Some(Json::String(s)) => match Errno::from_name(s) {
            Some(e) => Some(-e.raw()),
            None => return p.key("errno").err(format!("unknown errno name {s:?}")),
        },
        Some(_) => {
            return p
                .key("errno")
                .err("expected an errno name such as \"EEXIST\"")
        }
    };
    match (num_err, name_err) {
        (Some(a), Some(b)) if a != b => p
            .key("errno")
            .err(format!("does not match error {a} (it is {b})")),
        (a, b) => Ok(a.or(b)),
    }
}

/// Fill a fixed header from `{field: value}`; missing fields are zero.
pub(super) fn header_bytes(def: &HeaderDef, v: Option<&Json>, p: &Path) -> R<Vec<u8>> {
    let mut b = vec![0u8; def.len];
    let Some(v) = v else { return Ok(b) };
    let o = object(v, p)?;
    for (k, val) in o {
        let fp = p.key(k);
        let Some(f) = def.fields.iter().find(|f| f.name == k) else {
            let names: Vec<_> = def.fields.iter().map(|f| f.name).collect();
            return fp.err(format!(
                "unknown field of {} (fields: {})",
                def.name,
                names.join(", ")
            ));
        };
        let written = if f.holds_bytes() {
            def.write_bytes(f, &mut b, &field_bytes(f.names, val, &fp)?)
        } else {
            def.write(f, &mut b, field_number(f, val, &fp)?)
        };
        if let Err(e) = written {
            return fp.err(e.to_string());
        }
    }
    Ok(b)
}

/// A number field's value; an unsigned `__u64` takes every `u64` (above `i64::MAX` as the
/// `i64` of the same bits, which [`HeaderDef::write`] takes).
fn field_number(f: &Field, v: &Json, p: &Path) -> R<i64> {
    match v.as_u64() {
        Some(u) if f.size == 8 && !f.signed => Ok(u as i64),
        _ => field_value(f.names, v, p),
    }
}

/// A byte-array field's bytes ([`Field::holds_bytes`]), from the string the renderers
/// print: a `char[N]`'s text, an address `aa:bb:...`, other bytes as hex.
fn field_bytes(names: Names, v: &Json, p: &Path) -> R<Vec<u8>> {
    match (names, v) {
        (Names::CStr, Json::String(s)) if s.contains('\0') => p.err("a string cannot contain NUL"),
        (Names::CStr, Json::String(s)) => Ok(s.as_bytes().to_vec()),
        (Names::CStr, _) => p.err("expected a string"),
        (Names::LlAddr, _) => lladdr(v, p),
        _ => hex_bytes(v, p),
    }
}

/// A header field value: a number, an enum name, or a list of flag names and numbers.
pub(super) fn field_value(names: Names, v: &Json, p: &Path) -> R<i64> {
    match v {
        Json::Number(_) => num::<i64>(v, p),
        // `aa:bb:cc:dd:ee:ff` for an address field, as the tree shows it.
        Json::String(_) if matches!(names, Names::LlAddr) => {
            let b = lladdr(v, p)?;
            if b.len() != 6 {
                return p.err("expected a 6-byte address");
            }
            Ok(b.iter().fold(0i64, |acc, x| (acc << 8) | i64::from(*x)))
        }
        Json::String(s) => match names.value_of(s) {
            Some(x) => i64::try_from(x).or_else(|_| p.err("value out of range")),
            None => p.err(format!("unknown name {s:?}")),
        },
        Json::Array(items) => {
            let mut acc = 0u64;
            for (i, it) in items.iter().enumerate() {
                let ip = p.index(i);
                acc |= match it {
                    Json::String(s) => match names {
                        Names::Flags(_) => match names.value_of(s) {
                            Some(x) => x,
                            None => return ip.err(format!("unknown flag name {s:?}")),
                        },
                        _ => return ip.err("this field takes no flag names"),
                    },
                    _ => num::<u64>(it, &ip)?,
                };
            }
            i64::try_from(acc).or_else(|_| p.err("value out of range"))
        }
        _ => p.err("expected a number, a name or a list of flag names"),
    }
}

fn msg_type(v: &Json, p: &Path) -> R<u16> {
    match v {
        Json::String(s) => match msg_type_from_name(s) {
            Some(t) => Ok(t),
            None => p.err(format!("unknown message type name {s:?}")),
        },
        _ => num::<u16>(v, p),
    }
}

fn nlm_flags(v: &Json, p: &Path) -> R<u16> {
    match v {
        Json::Array(items) => {
            let mut acc = 0u16;
            for (i, it) in items.iter().enumerate() {
                let ip = p.index(i);
                acc |= match it {
                    Json::String(s) => match NlmFlags::bit_from_name(s) {
                        Some(b) => b,
                        None => return ip.err(format!("unknown flag name {s:?}")),
                    },
                    _ => num::<u16>(it, &ip)?,
                };
            }
            Ok(acc)
        }
        _ => num::<u16>(v, p),
    }
}

fn attrs(v: Option<&Json>, space: &'static Space, p: &Path) -> R<Vec<Node>> {
    top_attrs(v, space, None, p)
}

/// A run of attributes; `family` is the header's, for the top-level run only.
fn top_attrs(
    v: Option<&Json>,
    space: &'static Space,
    family: Option<u8>,
    p: &Path,
) -> R<Vec<Node>> {
    let Some(v) = v else { return Ok(Vec::new()) };
    let Json::Array(items) = v else {
        return p.err("expected a list of attributes");
    };
    let run = JsonRun::new(items, space);
    items
        .iter()
        .enumerate()
        .map(|(i, it)| attr(it, &run, family, &p.index(i)))
        .collect()
}

/// A JSON run of attributes, read as [`Siblings`] so that the codec's
/// [`Shape::resolve`] chooses a nest's space here as it does on the wire.
struct JsonRun<'a> {
    items: &'a [Json],
    space: &'a Space,
    /// The bytes of the items written as `hex` (a kind kept raw, as "veth\0\0" is), by
    /// position: such a sibling still chooses a space, as it does in the model.
    raw: Vec<(usize, Vec<u8>)>,
}

impl<'a> JsonRun<'a> {
    fn new(items: &'a [Json], space: &'a Space) -> Self {
        let raw = items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| {
                let hex = it.as_object()?.get("hex")?.as_str()?;
                Some((i, parse_hex(hex).ok()?))
            })
            .collect();
        JsonRun { items, space, raw }
    }

    /// The position and object of the first item of type `kind`.
    fn first(&self, kind: u16) -> Option<(usize, &'a Map<String, Json>)> {
        self.items.iter().enumerate().find_map(|(i, s)| {
            let o = s.as_object()?;
            let t = match o.get("type")? {
                Json::String(n) => self.space.by_name(n)?.kind,
                n => u16::try_from(n.as_u64()?).ok()?,
            };
            (t == kind).then_some((i, o))
        })
    }

    /// The bytes of item `i`, if it was written as `hex`.
    fn raw_of(&self, i: usize) -> Option<&[u8]> {
        self.raw
            .iter()
            .find(|(at, _)| *at == i)
            .map(|(_, b)| &b[..])
    }
}

/// Read as the model reads its nodes (`Siblings for [Node]`): a string up to its first
/// NUL, raw bytes up to their first NUL, a `__u16` of exactly two raw bytes.
impl Siblings for JsonRun<'_> {
    fn str_value(&self, kind: u16) -> Option<&str> {
        let (i, o) = self.first(kind)?;
        match o.get("value") {
            Some(v) => v.as_str()?.split('\0').next(),
            None => {
                let b = self.raw_of(i)?;
                let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
                core::str::from_utf8(&b[..end]).ok()
            }
        }
    }
    fn u16_value(&self, kind: u16) -> Option<u16> {
        let (i, o) = self.first(kind)?;
        match o.get("value") {
            // A name (`"LWTUNNEL_ENCAP_SEG6"`) chooses as its number does.
            Some(Json::String(s)) => u16::try_from(self.space.get(kind)?.names.value_of(s)?).ok(),
            Some(v) => u16::try_from(v.as_u64()?).ok(),
            None => Some(u16::from_ne_bytes(self.raw_of(i)?.try_into().ok()?)),
        }
    }
}

/// The attribute type named (or numbered) by `v` in `space`.
fn attr_type(v: &Json, space: &Space, p: &Path) -> R<u16> {
    match v {
        Json::String(s) => match space.by_name(s) {
            Some(d) => Ok(d.kind),
            None if space.name.is_empty() => p.err(format!(
                "unknown attribute name {s:?} (this nest has no names; use the number)"
            )),
            None => p.err(format!(
                "unknown attribute name {s:?} in space {}",
                space.name
            )),
        },
        _ => {
            let t = num::<u16>(v, p)?;
            if t & !NLA_TYPE_MASK != 0 {
                return p.err(format!(
                    "type {t} uses the NLA_F_* bits; use \"nested\"/\"byteorder\" instead"
                ));
            }
            Ok(t)
        }
    }
}

/// The keys of an attribute's JSON object.
const ATTR_KEYS: &[&str] = &[
    "type",
    "nested",
    "byteorder",
    "value",
    "nul",
    "attrs",
    "header",
    "nexthops",
    "hex",
    "pad",
];

fn attr(v: &Json, run: &JsonRun<'_>, family: Option<u8>, p: &Path) -> R<Node> {
    let space = run.space;
    let o = object(v, p)?;
    check_keys(o, p, ATTR_KEYS)?;
    let kind = attr_type(get(o, p, "type")?, space, &p.key("type"))?;
    let shape = space.shape(kind).resolve(run, family);
    let names = space.get(kind).map_or(Names::None, |d| d.names);
    typed_attr(o, kind, (shape, names), p)
}

/// The slots of a [`Shape::Indexed`] nest: each `type` a number (its position), each
/// payload of the element shape `elem`.
fn slots(v: Option<&Json>, elem: Shape, p: &Path) -> R<Vec<Node>> {
    let Some(v) = v else { return Ok(Vec::new()) };
    let Json::Array(items) = v else {
        return p.err("expected a list of attributes");
    };
    let slot = |(i, it): (usize, &Json)| {
        let ip = p.index(i);
        let o = object(it, &ip)?;
        check_keys(o, &ip, ATTR_KEYS)?;
        let kind = attr_type(get(o, &ip, "type")?, &EMPTY, &ip.key("type"))?;
        typed_attr(o, kind, (elem, Names::None), &ip)
    };
    items.iter().enumerate().map(slot).collect()
}

/// The attribute of type `kind` whose payload has the (resolved) `shape` and whose number
/// may be written by its `names`, from its JSON object `o` (its keys checked).
fn typed_attr(o: &Map<String, Json>, kind: u16, def: (Shape, Names), p: &Path) -> R<Node> {
    let (shape, names) = def;
    let mut raw_type = kind;
    if opt_bool(o, p, "nested")? {
        raw_type |= NLA_F_NESTED;
    }
    if opt_bool(o, p, "byteorder")? {
        raw_type |= NLA_F_NET_BYTEORDER;
    }
    let body_keys: Vec<&str> = ["value", "attrs", "nexthops", "hex"]
        .into_iter()
        .filter(|k| o.contains_key(*k))
        .collect();
    let value = match body_keys.as_slice() {
        ["hex"] => AttrValue::Raw(hex_bytes(&o["hex"], &p.key("hex"))?),
        ["attrs"] => match shape {
            Shape::Peer(s) => {
                let hdr = header_bytes(&IfInfoMsg::DEF, o.get("header"), &p.key("header"))?;
                let Ok(h) = IfInfoMsg::read_from_bytes(&hdr) else {
                    return p.key("header").err("ifinfomsg has the wrong size");
                };
                AttrValue::Peer(Header(h), attrs(o.get("attrs"), s, &p.key("attrs"))?)
            }
            Shape::Headed(def, s) => {
                let hdr = header_bytes(def, o.get("header"), &p.key("header"))?;
                AttrValue::Headed(hdr, attrs(o.get("attrs"), s, &p.key("attrs"))?)
            }
            Shape::Indexed(elem) => {
                AttrValue::Nested(slots(o.get("attrs"), *elem, &p.key("attrs"))?)
            }
            _ => {
                let cs = shape.child_space();
                AttrValue::Nested(attrs(o.get("attrs"), cs, &p.key("attrs"))?)
            }
        },
        ["nexthops"] => match shape {
            Shape::Multipath(s) => nexthops(&o["nexthops"], s, &p.key("nexthops"))?,
            _ => return p.key("nexthops").err("only RTA_MULTIPATH has nexthops"),
        },
        ["value"] => {
            let v = named_number(&o["value"], names, &p.key("value"))?;
            value(&v, o, shape, p)?
        }
        [] => return p.err("needs one of \"value\", \"attrs\", \"nexthops\" or \"hex\""),
        _ => return p.err(format!("has more than one of {}", body_keys.join(", "))),
    };
    if o.contains_key("header") && !matches!(value, AttrValue::Peer(..) | AttrValue::Headed(..)) {
        return p
            .key("header")
            .err("only VETH_INFO_PEER and struct-headed attributes have a header");
    }
    if o.contains_key("nul") && !matches!(value, AttrValue::Str(..)) {
        return p.key("nul").err("only string attributes have \"nul\"");
    }
    let pad = pad(o, p)?;
    Ok(Node {
        raw_type,
        value,
        pad,
    })
}

/// An attribute's `"pad"`: the hex of padding bytes that are not all zero (absent: zeros).
fn pad(o: &Map<String, Json>, p: &Path) -> R<Pad> {
    let Some(v) = o.get("pad") else {
        return Ok(Pad::ZERO);
    };
    let p = p.key("pad");
    match Pad::new(&hex_bytes(v, &p)?) {
        Some(pad) => Ok(pad),
        None => p.err("padding is at most 3 bytes"),
    }
}

fn nexthops(v: &Json, space: &'static Space, p: &Path) -> R<AttrValue> {
    let Json::Array(items) = v else {
        return p.err("expected a list of next hops");
    };
    let def = &RtNexthop::DEF;
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let ip = p.index(i);
        let o = object(it, &ip)?;
        check_keys(
            o,
            &ip,
            &["rtnh_flags", "rtnh_hops", "rtnh_ifindex", "attrs"],
        )?;
        let flags = match o.get("rtnh_flags") {
            Some(f) => field_value(def.fields[1].names, f, &ip.key("rtnh_flags"))?,
            None => 0,
        };
        let Ok(flags) = u8::try_from(flags) else {
            return ip.key("rtnh_flags").err("out of range for u8");
        };
        out.push(NexthopNode {
            flags,
            hops: opt_num::<u8>(o, &ip, "rtnh_hops")?.unwrap_or(0),
            ifindex: opt_num::<i32>(o, &ip, "rtnh_ifindex")?.unwrap_or(0),
            attrs: attrs(o.get("attrs"), space, &ip.key("attrs"))?,
        });
    }
    Ok(AttrValue::Multipath(out))
}

/// An attribute's `value` with a name or a list of flags (for an attribute whose number
/// has [`Names`]) made the number it names, as a header field's; other values as they are.
fn named_number<'a>(v: &'a Json, names: Names, p: &Path) -> R<Cow<'a, Json>> {
    match (names, v) {
        (Names::Enum(_) | Names::Flags(_), Json::String(_) | Json::Array(_)) => {
            Ok(Cow::Owned(Json::from(field_value(names, v, p)?)))
        }
        _ => Ok(Cow::Borrowed(v)),
    }
}

/// A typed `value` for an attribute of shape `shape`.
fn value(v: &Json, o: &Map<String, Json>, shape: Shape, p: &Path) -> R<AttrValue> {
    let vp = p.key("value");
    Ok(match shape {
        Shape::Flag => match v {
            Json::Bool(true) => AttrValue::Flag,
            _ => return vp.err("a flag attribute's value is true"),
        },
        Shape::U8 => AttrValue::U8(num(v, &vp)?),
        Shape::U16 => AttrValue::U16(num(v, &vp)?),
        Shape::U32 => AttrValue::U32(num(v, &vp)?),
        Shape::I32 => AttrValue::I32(num(v, &vp)?),
        Shape::U64 => AttrValue::U64(num(v, &vp)?),
        // As the kernel's `nla_put_uint`: 4 bytes when the value fits them.
        Shape::Uint => {
            let x: u64 = num(v, &vp)?;
            u32::try_from(x).map_or(AttrValue::U64(x), AttrValue::U32)
        }
        Shape::Be16 => AttrValue::Be16(num(v, &vp)?),
        Shape::Be32 => AttrValue::Be32(num(v, &vp)?),
        Shape::Be64 => AttrValue::Be64(num(v, &vp)?),
        Shape::Str => {
            let Json::String(s) = v else {
                return vp.err("expected a string");
            };
            if s.contains('\0') {
                return vp.err("a string attribute cannot contain NUL");
            }
            let nul = match o.get("nul") {
                None => true,
                Some(Json::Bool(b)) => *b,
                Some(_) => return p.key("nul").err("expected true or false"),
            };
            AttrValue::Str(s.clone(), nul)
        }
        Shape::LlAddr => AttrValue::LlAddr(lladdr(v, &vp)?),
        Shape::Ip => AttrValue::Ip(ip(v, &vp)?),
        Shape::Via => {
            let vo = object(v, &vp)?;
            check_keys(vo, &vp, &["family", "addr", "hex"])?;
            let fam = match vo.get("family") {
                Some(f) => field_value(Names::Enum(AF_NAMES), f, &vp.key("family"))?,
                None => return vp.err("needs \"family\""),
            };
            let Ok(fam) = u16::try_from(fam) else {
                return vp.key("family").err("out of range for u16");
            };
            let bytes = match (vo.get("addr"), vo.get("hex")) {
                (Some(a), None) => match ip(a, &vp.key("addr"))? {
                    IpAddr::V4(a) => a.octets().to_vec(),
                    IpAddr::V6(a) => a.octets().to_vec(),
                },
                (None, Some(h)) => hex_bytes(h, &vp.key("hex"))?,
                _ => return vp.err("needs one of \"addr\" or \"hex\""),
            };
            AttrValue::Via(fam, bytes)
        }
        Shape::Array(e, labels) => array(v, e, labels, &vp)?,
        Shape::InetConf(_) => array(v, Elem::U32, shape.array_labels(), &vp)?,
        Shape::Raw => return p.err("this attribute has no typed value; use \"hex\""),
        Shape::Nested(_)
        | Shape::Indexed(_)
        | Shape::Peer(_)
        | Shape::Headed(..)
        | Shape::ByKind(..)
        | Shape::ByType(..)
        | Shape::ByFamily(..) => {
            return p.err("this attribute holds attributes; use \"attrs\" (or \"hex\")")
        }
        Shape::Multipath(_) => return p.err("use \"nexthops\" (or \"hex\")"),
        Shape::Structs(def) => structs(v, def, &vp)?,
        Shape::Srh(def) => super::srh::from_json(v, def, &vp)?,
    })
}

/// `[{field: value, ...}, ...]` back to the elements of a [`Shape::Structs`].
fn structs(v: &Json, def: &HeaderDef, p: &Path) -> R<AttrValue> {
    let Json::Array(items) = v else {
        return p.err(format!("expected an array of {} objects", def.name));
    };
    let mut out = Vec::with_capacity(items.len() * def.len);
    for (i, item) in items.iter().enumerate() {
        out.extend(header_bytes(def, Some(item), &p.index(i))?);
    }
    Ok(AttrValue::Structs(out))
}

/// `{"NAME": n, "5": n, ...}` back to an array; every index up to the last must be given.
fn array(v: &Json, e: Elem, labels: Labels, p: &Path) -> R<AttrValue> {
    let o = object(v, p)?;
    let mut slots: Vec<Option<&Json>> = Vec::new();
    for (k, val) in o {
        let i = match labels.index_of(k) {
            Some(i) => i,
            None => match k.parse::<usize>() {
                Ok(i) if i < 65536 => i,
                _ => return p.key(k).err("unknown element name"),
            },
        };
        if slots.len() <= i {
            slots.resize(i + 1, None);
        }
        if slots[i].replace(val).is_some() {
            return p.key(k).err("element given twice");
        }
    }
    if let Some(i) = slots.iter().position(Option::is_none) {
        let name = labels.get(i).map_or_else(|| i.to_string(), str::to_owned);
        return p.err(format!("element {name} is missing"));
    }
    let get = |i: usize| {
        let name = labels.get(i).map_or_else(|| i.to_string(), str::to_owned);
        (slots[i].unwrap_or(&Json::Null), name)
    };
    Ok(match e {
        Elem::U16 => AttrValue::U16s(
            (0..slots.len())
                .map(|i| {
                    let (v, n) = get(i);
                    num(v, &p.key(&n))
                })
                .collect::<R<_>>()?,
        ),
        Elem::U32 => AttrValue::U32s(
            (0..slots.len())
                .map(|i| {
                    let (v, n) = get(i);
                    num(v, &p.key(&n))
                })
                .collect::<R<_>>()?,
        ),
        Elem::I32 => AttrValue::I32s(
            (0..slots.len())
                .map(|i| {
                    let (v, n) = get(i);
                    num(v, &p.key(&n))
                })
                .collect::<R<_>>()?,
        ),
        Elem::U64 => AttrValue::U64s(
            (0..slots.len())
                .map(|i| {
                    let (v, n) = get(i);
                    num(v, &p.key(&n))
                })
                .collect::<R<_>>()?,
        ),
    })
}
