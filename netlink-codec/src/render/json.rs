//! Messages as JSON objects (the shape is in the [module docs](super)).

use serde_json::{json, Map, Value as Json};
use zerocopy::IntoBytes;

use super::{
    addr_in, af_name, attr_name, body_space, family_header, flag_names, full_request, headed_def,
    header_family, hex, ip_of, lladdr, node_payload, req_len, request_header, struct_def, walk_all,
    Part,
};
use crate::attr::{NLA_F_NESTED, NLA_F_NET_BYTEORDER};
use crate::datagram::DatagramEnd;
use crate::header::{msg_type_name, FlagName, NlMsgHdr};
use crate::link::IfInfoMsg;
use crate::model::{AttrValue, Body, Message, NexthopNode, Node, MAX_NESTING};
use crate::schema::{c_str, Field, HeaderDef, Labels, Names, Shape, Space};
use crate::Errno;

/// JSON Lines for a run of messages (one datagram, or several back to back): one object
/// per message ([`message_json`]), each followed by a newline.
///
/// Malformed input: the error names the byte offset and the cause, and nothing is
/// returned (use [`message_json`] per message to keep what came before).
pub fn json_lines(bytes: &[u8]) -> Result<String, crate::DecodeError> {
    let mut out = String::new();
    walk_all(bytes, |part| {
        let line = match part {
            Part::Message(m, _) => message_json(m),
            Part::End(end, _) => end_json(end),
        };
        out.push_str(&line.to_string());
        out.push('\n');
    })?;
    Ok(out)
}

/// The JSON object for how a datagram ends after its last message, a line of its own
/// after that message: `{"end":"zero_tail","zeros":N}` (N zero bytes follow) or
/// `{"end":"short_pad","pad":N}` (the last message stops inside its alignment padding,
/// with N of its padding bytes); `{"end":"aligned"}` for the ordinary end, which
/// [`json_lines`] does not print. [`end_from_json`](super::end_from_json) reads it back.
pub fn end_json(end: DatagramEnd) -> Json {
    match end {
        DatagramEnd::ZeroTail(n) => json!({ "end": "zero_tail", "zeros": n }),
        DatagramEnd::ShortPad(pad) => json!({ "end": "short_pad", "pad": pad }),
        DatagramEnd::Aligned => json!({ "end": "aligned" }),
    }
}

/// How many echoed requests inside echoed requests are decoded as messages (the kernel
/// echoes one; an ACK for a hand-made `NLMSG_ERROR` echoes two). Deeper ones show as their
/// header and `hex`, which [`message_from_json`](super::message_from_json) reads back.
pub const MAX_ECHO: usize = MAX_NESTING;

/// The JSON object for one message (see the module docs for the shape).
pub fn message_json(m: &Message) -> Json {
    echoed_message_json(m, 0)
}

/// The JSON object for a message that is echoed `echo` levels deep.
fn echoed_message_json(m: &Message, echo: usize) -> Json {
    let mut o = header_json(m);
    if let Some((def, bytes)) = family_header(&m.body) {
        o.insert("header".into(), Json::Object(fields_json(def, bytes)));
    }
    let space = body_space(m.msg_type, m.flags, &m.body);
    let family = header_family(&m.body);
    match &m.body {
        Body::Link(_, n)
        | Body::Addr(_, n)
        | Body::Route(_, n)
        | Body::NeighTbl(_, n)
        | Body::Nsid(_, n)
        | Body::Nexthop(_, n)
        | Body::Neigh(_, n)
        | Body::Rule(_, n)
        | Body::Netconf(_, n)
        | Body::AddrLabel(_, n)
        | Body::Stats(_, n)
        | Body::Tunnel(_, n)
        | Body::Vlan(_, n)
        | Body::Mdb(_, n)
        | Body::Tc(_, n)
        | Body::Action(_, n) => {
            o.insert("attrs".into(), nodes_json(n, space, family));
        }
        Body::Error {
            error,
            request,
            ext_ack,
        } => {
            error_json(&mut o, *error);
            o.insert("request".into(), request_json(request, echo + 1));
            o.insert("attrs".into(), nodes_json(ext_ack, space, None));
        }
        Body::Done { error, ext_ack } => {
            error_json(&mut o, *error);
            o.insert("attrs".into(), nodes_json(ext_ack, space, None));
        }
        Body::Raw(p) if !p.is_empty() => {
            o.insert("hex".into(), Json::String(hex(p)));
        }
        _ => {}
    }
    Json::Object(o)
}

fn header_json(m: &Message) -> Map<String, Json> {
    let mut o = Map::new();
    let len = m.to_bytes().map_or(0, |b| b.len());
    o.insert("len".into(), json!(len));
    o.insert("type".into(), type_json(m.msg_type));
    o.insert("flags".into(), nlm_flags_json(m.msg_type, m.flags));
    o.insert("seq".into(), json!(m.seq));
    o.insert("pid".into(), json!(m.pid));
    o
}

fn type_json(t: u16) -> Json {
    msg_type_name(t).map_or_else(|| json!(t), |n| json!(n))
}

fn nlm_flags_json(msg_type: u16, flags: u16) -> Json {
    Json::Array(
        flag_names(msg_type, flags)
            .map(|f| match f {
                FlagName::Named(n) => json!(n),
                FlagName::Unknown(b) => json!(b),
            })
            .collect(),
    )
}

fn error_json(o: &mut Map<String, Json>, error: i32) {
    o.insert("error".into(), json!(error));
    // Only a negative error is an errno (a positive one is not the kernel's convention and
    // is shown as the bare number, so that encode gives it back).
    let errno = (error < 0).then(|| Errno::from_nlmsgerr(error)).flatten();
    if let Some(name) = errno.and_then(Errno::name) {
        o.insert("errno".into(), json!(name));
    }
}

/// The echoed request: the whole message when it is present and re-encodes exactly;
/// otherwise (or past [`MAX_ECHO`]) its header fields, and the bytes after the header (if
/// any) as `hex`.
fn request_json(req: &[u8], echo: usize) -> Json {
    if let Some(m) = (echo <= MAX_ECHO).then(|| full_request(req)).flatten() {
        return echoed_message_json(&m, echo);
    }
    let Some(m) = request_header(req) else {
        return json!({ "hex": hex(req) });
    };
    let mut o = header_json(&m);
    o.insert("len".into(), json!(req_len(req)));
    if req.len() > NlMsgHdr::LEN {
        o.insert("hex".into(), json!(hex(&req[NlMsgHdr::LEN..])));
    }
    Json::Object(o)
}

/// A fixed header as `{field: number}`, as the kernel holds it (the text tree names the
/// values; the reader takes names or numbers).
pub(super) fn fields_json(def: &HeaderDef, bytes: &[u8]) -> Map<String, Json> {
    def.fields
        .iter()
        .map(|f| (f.name.to_owned(), field_json(def, f, bytes)))
        .collect()
}

/// One field: a number as its C type holds it (an unsigned `__u64` above `i64::MAX`
/// unsigned); a byte array ([`Field::holds_bytes`]) as a string: a `char[N]` its text,
/// an address `aa:bb:...`, other bytes hex.
fn field_json(def: &HeaderDef, f: &Field, bytes: &[u8]) -> Json {
    if f.holds_bytes() {
        let Some(b) = def.bytes(f, bytes) else {
            return Json::Null;
        };
        return match (f.names, c_str(b)) {
            (Names::CStr, Some(s)) => json!(s),
            (Names::LlAddr, _) => json!(lladdr(addr_in(b))),
            _ => json!(hex(b)),
        };
    }
    match def.read(f, bytes) {
        Some(v) if !f.signed => json!(v as u64),
        v => json!(v),
    }
}

/// The JSON of a run of attributes; `family` is the header's, for the top-level run only.
fn nodes_json(nodes: &[Node], space: &Space, family: Option<u8>) -> Json {
    let each = nodes.iter().map(|n| node_json(n, nodes, space, family));
    Json::Array(each.collect())
}

fn node_json(n: &Node, siblings: &[Node], space: &Space, family: Option<u8>) -> Json {
    let ty = attr_name(space, n.kind()).map_or_else(|| json!(n.kind()), |s| json!(s));
    let shape = space.shape(n.kind()).resolve(siblings, family);
    typed_node_json(n, ty, shape)
}

/// The JSON of node `n`, whose `type` is `ty` and whose payload has the (resolved) `shape`.
fn typed_node_json(n: &Node, ty: Json, shape: Shape) -> Json {
    let mut o = Map::new();
    o.insert("type".into(), ty);
    if n.raw_type & NLA_F_NESTED != 0 {
        o.insert("nested".into(), json!(true));
    }
    if n.raw_type & NLA_F_NET_BYTEORDER != 0 {
        o.insert("byteorder".into(), json!(true));
    }
    match &n.value {
        AttrValue::Raw(b) => {
            o.insert("hex".into(), json!(hex(b)));
        }
        AttrValue::Nested(children) => {
            let attrs = match shape {
                Shape::Indexed(elem) => slots_json(children, *elem),
                _ => nodes_json(children, shape.child_space(), None),
            };
            o.insert("attrs".into(), attrs);
        }
        AttrValue::Peer(h, children) => {
            o.insert(
                "header".into(),
                Json::Object(fields_json(&IfInfoMsg::DEF, h.0.as_bytes())),
            );
            o.insert(
                "attrs".into(),
                nodes_json(children, shape.child_space(), None),
            );
        }
        AttrValue::Headed(h, children) => match headed_def(shape, h) {
            Some((def, cs)) => {
                o.insert("header".into(), Json::Object(fields_json(def, h)));
                o.insert("attrs".into(), nodes_json(children, cs, None));
            }
            // A value that does not fit its shape (a model built by hand): its bytes,
            // which the JSON reader takes back as they are.
            None => {
                o.insert("hex".into(), json!(hex(&node_payload(n))));
            }
        },
        AttrValue::Multipath(hops) => {
            let cs = shape.child_space();
            let a = hops.iter().map(|h| nexthop_json(h, cs)).collect();
            o.insert("nexthops".into(), Json::Array(a));
        }
        AttrValue::Structs(b) => match struct_def(shape, b) {
            Some(def) => {
                let a = b
                    .chunks_exact(def.len)
                    .map(|c| Json::Object(fields_json(def, c)));
                o.insert("value".into(), Json::Array(a.collect()));
            }
            None => {
                o.insert("hex".into(), json!(hex(b)));
            }
        },
        AttrValue::Srh(b) => match super::srh::view(shape, b) {
            Some(v) => {
                o.insert("value".into(), super::srh::to_json(&v));
            }
            None => {
                o.insert("hex".into(), json!(hex(b)));
            }
        },
        AttrValue::Str(s, nul) => {
            o.insert("value".into(), json!(s));
            if !nul {
                o.insert("nul".into(), json!(false));
            }
        }
        // A variable-width uint the kernel would send in 4 bytes, here in 8: only the hex
        // form keeps its width.
        AttrValue::U64(x) if matches!(shape, Shape::Uint) && u32::try_from(*x).is_ok() => {
            o.insert("hex".into(), json!(hex(&x.to_ne_bytes())));
        }
        v => {
            o.insert("value".into(), scalar_json(v, shape));
        }
    }
    if !n.pad.is_zero() {
        o.insert("pad".into(), json!(hex(n.pad.as_bytes())));
    }
    Json::Object(o)
}

/// The slots of a [`Shape::Indexed`] nest: each `type` its position, each payload of the
/// element shape.
fn slots_json(slots: &[Node], elem: Shape) -> Json {
    let each = slots
        .iter()
        .map(|s| typed_node_json(s, json!(s.kind()), elem));
    Json::Array(each.collect())
}

fn nexthop_json(h: &NexthopNode, space: &Space) -> Json {
    let mut o = Map::new();
    o.insert("rtnh_flags".into(), json!(h.flags));
    o.insert("rtnh_hops".into(), json!(h.hops));
    o.insert("rtnh_ifindex".into(), json!(h.ifindex));
    o.insert("attrs".into(), nodes_json(&h.attrs, space, None));
    Json::Object(o)
}

fn array_json<T: Into<Json> + Copy>(items: &[T], labels: Labels) -> Json {
    Json::Object(
        items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let k = labels.get(i).map_or_else(|| i.to_string(), str::to_owned);
                (k, (*v).into())
            })
            .collect(),
    )
}

fn scalar_json(v: &AttrValue, shape: Shape) -> Json {
    match v {
        AttrValue::Flag => json!(true),
        AttrValue::U8(x) => json!(x),
        AttrValue::U16(x) | AttrValue::Be16(x) => json!(x),
        AttrValue::U32(x) | AttrValue::Be32(x) => json!(x),
        AttrValue::Be64(x) => json!(x),
        AttrValue::I32(x) => json!(x),
        AttrValue::U64(x) => json!(x),
        AttrValue::LlAddr(b) => json!(lladdr(b)),
        AttrValue::Ip(ip) => json!(ip.to_string()),
        AttrValue::Via(f, b) => {
            let fam = af_name(*f).map_or_else(|| json!(f), |n| json!(n));
            match ip_of(b) {
                Some(ip) => json!({ "family": fam, "addr": ip.to_string() }),
                None => json!({ "family": fam, "hex": hex(b) }),
            }
        }
        AttrValue::U16s(a) => array_json(a, shape.array_labels()),
        AttrValue::U32s(a) => array_json(a, shape.array_labels()),
        AttrValue::I32s(a) => array_json(a, shape.array_labels()),
        AttrValue::U64s(a) => array_json(a, shape.array_labels()),
        // Handled by node_json; kept total for safety.
        AttrValue::Raw(b) | AttrValue::Structs(b) | AttrValue::Srh(b) => json!(hex(b)),
        AttrValue::Str(s, _) => json!(s),
        AttrValue::Nested(_)
        | AttrValue::Peer(..)
        | AttrValue::Headed(..)
        | AttrValue::Multipath(_) => Json::Null,
    }
}
