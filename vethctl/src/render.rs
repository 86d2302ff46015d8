//! Renders netlink messages for people and for tools: a tree with kernel names
//! ([`write_text`]) and JSON Lines ([`write_json`], [`message_json`]).
//!
//! Both renderers walk the codec's owned model ([`Message`]), which is lossless, and take
//! every name and payload shape from the codec's tables ([`Family`], [`Space`],
//! [`HeaderDef`], [`msg_type_name`], [`NlmFlags::names`], [`Errno`]). The JSON form keeps
//! everything `vethctl encode` needs to give back the same bytes:
//!
//! ```text
//! {"len":N,"type":"RTM_NEWLINK","flags":["NLM_F_REQUEST",...],"seq":N,"pid":N,
//!  "header":{"ifi_family":0,...},
//!  "attrs":[{"type":"IFLA_IFNAME","value":"vh-pod1"},
//!           {"type":"IFLA_LINKINFO","attrs":[...]},
//!           {"type":63,"hex":"00000100"}]}
//! ```
//!
//! Attribute keys: `type` (kernel name, or the number when the space has none), then one
//! of `value` (typed payload), `attrs` (nested attributes; `VETH_INFO_PEER` also has
//! `header`), `nexthops` (`RTA_MULTIPATH`) or `hex` (bytes the codec keeps raw). Optional:
//! `"nested":true` / `"byteorder":true` for the `NLA_F_NESTED` / `NLA_F_NET_BYTEORDER`
//! bits, `"nul":false` for a string sent without its NUL. `NLMSG_ERROR` and `NLMSG_DONE`
//! carry `error` (negative errno), `errno` (its name) and their extended-ACK attributes in
//! `attrs`; `NLMSG_ERROR` adds `request`, the echoed request decoded as far as present.
//!
//! Depth is bounded: the codec keeps attributes nested deeper than
//! [`netlink_codec::model::MAX_NESTING`] levels as `hex`, and an echoed request inside
//! echoed requests more than [`MAX_ECHO`] deep shows as its header and `hex`. So no input
//! makes the renderers recurse without limit, and the JSON they print stays far inside
//! the nesting that `vethctl encode` reads back (serde_json's 128 levels).

use std::fmt::Write as _;
use std::io;
use std::net::IpAddr;

use netlink_codec::ack::{EXT_ACK, NLMSGERR_ATTR_MISS_TYPE, NLMSGERR_ATTR_OFFS};
use netlink_codec::af::AF_NAMES;
use netlink_codec::attr::{Emitter, NLA_F_NESTED, NLA_F_NET_BYTEORDER};
use netlink_codec::family::Family;
use netlink_codec::header::{
    msg_type_name, FlagContext, FlagName, Messages, NlMsg, NlMsgHdr, NlmFlags,
};
use netlink_codec::link::IfInfoMsg;
use netlink_codec::model::{emit_node, AttrValue, Body, Message, NexthopNode, Node, MAX_NESTING};
use netlink_codec::route::RtNexthop;
use netlink_codec::schema::{Field, HeaderDef, Labels, Names, Shape, Space, EMPTY};
use netlink_codec::{DecodeError, Errno};
use serde_json::{json, Map, Value as Json};
use zerocopy::IntoBytes;

/// Write the human tree for a run of messages (one datagram, or several back to back).
///
/// Malformed input: everything before the bad message is written, then the call fails
/// with an [`io::ErrorKind::InvalidData`] error whose inner error is the
/// [`DecodeError`] (byte offset and cause), or [`MessageTooLarge`] for a message over
/// [`MAX_MESSAGE`] ([`input_error`] says which).
pub fn write_text(out: &mut impl io::Write, bytes: &[u8]) -> io::Result<()> {
    render(out, bytes, 0, |out, m, off| {
        out.write_all(message_text(m, off).as_bytes())
    })
}

/// Write one JSON object per message (JSON Lines). Malformed input as for [`write_text`].
pub fn write_json(out: &mut impl io::Write, bytes: &[u8]) -> io::Result<()> {
    render(out, bytes, 0, |out, m, _| {
        serde_json::to_writer(&mut *out, &message_json(m))?;
        out.write_all(b"\n")
    })
}

/// The largest message the renderers decode (128 KiB): larger than any the kernel sends
/// or takes with default socket buffers (a link with 256 VFs is some 80 KB), and small
/// enough that its model and its JSON (up to some 300 bytes of memory per byte of input,
/// for a message of 4-byte attributes) stay in tens of MiB. A larger message is an
/// error naming its offset ([`MessageTooLarge`]).
pub const MAX_MESSAGE: usize = 128 << 10;

/// A message over [`MAX_MESSAGE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("at byte {offset}: a message of {len} bytes, over the {} KiB vethctl decodes", MAX_MESSAGE >> 10)]
pub struct MessageTooLarge {
    /// Where the message starts.
    pub offset: usize,
    /// Its `nlmsg_len`.
    pub len: usize,
}

/// Parse each message of `bytes` losslessly and hand it to `each` with its offset
/// (`base` is added to offsets, for buffers that are part of a larger input).
pub(crate) fn render<W: io::Write>(
    out: &mut W,
    bytes: &[u8],
    base: usize,
    mut each: impl FnMut(&mut W, &Message, usize) -> io::Result<()>,
) -> io::Result<()> {
    for msg in Messages::new(bytes) {
        if let Ok(m) = &msg {
            let len = NlMsgHdr::LEN + m.payload().len();
            if len > MAX_MESSAGE {
                let offset = base + m.offset();
                let e = MessageTooLarge { offset, len };
                return Err(io::Error::new(io::ErrorKind::InvalidData, e));
            }
        }
        let parsed = msg.and_then(|m| Message::parse(&m).map(|p| (p, m.offset())));
        match parsed {
            Ok((m, off)) => each(out, &m, base + off)?,
            Err(e) => {
                let e = DecodeError::new(e.offset + base, e.kind);
                return Err(io::Error::new(io::ErrorKind::InvalidData, e));
            }
        }
    }
    Ok(())
}

/// What was wrong with the input, for an error from [`write_text`] / [`write_json`] that
/// is about the input (malformed, or a message over [`MAX_MESSAGE`]).
pub fn input_error(e: &io::Error) -> Option<String> {
    if let Some(d) = decode_error(e) {
        return Some(format!("malformed netlink: {d}"));
    }
    e.get_ref()
        .and_then(|i| i.downcast_ref::<MessageTooLarge>())
        .map(ToString::to_string)
}

/// The [`DecodeError`] inside an error from [`write_text`] / [`write_json`], if that is
/// what it is.
pub fn decode_error(e: &io::Error) -> Option<DecodeError> {
    e.get_ref()
        .and_then(|i| i.downcast_ref::<DecodeError>())
        .copied()
}

// ---------------------------------------------------------------------------------------
// Shared naming helpers (also used by the JSON reader in `audit`).

/// The name of attribute type `kind` in `space`, or `None`.
pub(crate) fn attr_name(space: &Space, kind: u16) -> Option<&'static str> {
    space.name_of(kind)
}

/// The family byte of a message's family header (`ifi_family`, ...), which chooses the
/// space of a top-level [`Shape::ByFamily`] attribute.
pub(crate) fn header_family(body: &Body) -> Option<u8> {
    family_header(body).and_then(|(_, b)| b.first().copied())
}

/// The message's family header bytes and definition, if it has one.
fn family_header(body: &Body) -> Option<(&'static HeaderDef, &[u8])> {
    Some(match body {
        Body::Link(h, _) => (Family::Link.header(), h.0.as_bytes()),
        Body::Addr(h, _) => (Family::Addr.header(), h.0.as_bytes()),
        Body::Route(h, _) => (Family::Route.header(), h.0.as_bytes()),
        Body::NeighTbl(h, _) => (Family::NeighTbl.header(), h.0.as_bytes()),
        Body::Nsid(h, _) => (Family::Nsid.header(), h.0.as_bytes()),
        Body::Nexthop(h, _) => (Family::Nexthop.header(), h.0.as_bytes()),
        Body::Neigh(h, _) => (Family::Neigh.header(), h.0.as_bytes()),
        Body::Rule(h, _) => (Family::Rule.header(), h.0.as_bytes()),
        Body::Netconf(h, _) => (Family::Netconf.header(), h.0.as_bytes()),
        Body::AddrLabel(h, _) => (Family::AddrLabel.header(), h.0.as_bytes()),
        _ => return None,
    })
}

/// The attribute space of a message's top-level attributes.
fn body_space(msg_type: u16, body: &Body) -> &'static Space {
    match body {
        Body::Error { .. } | Body::Done { .. } => &EXT_ACK,
        _ => Family::of(msg_type).map_or(&EMPTY, Family::space),
    }
}

fn flag_names(msg_type: u16, flags: u16) -> impl Iterator<Item = FlagName> {
    let f = NlmFlags::from_bits_retain(flags);
    f.names(FlagContext::of(msg_type, f))
}

/// `AF_*` name of an address family number.
fn af_name(family: u16) -> Option<&'static str> {
    Names::Enum(AF_NAMES).enum_name(u64::from(family))
}

/// `aa:bb:cc:dd:ee:ff`.
pub(crate) fn lladdr(b: &[u8]) -> String {
    let mut s = String::with_capacity(b.len() * 3);
    for (i, x) in b.iter().enumerate() {
        if i > 0 {
            s.push(':');
        }
        let _ = write!(s, "{x:02x}");
    }
    s
}

/// Lower-case hex, no separators.
pub(crate) fn hex(b: &[u8]) -> String {
    let mut s = String::with_capacity(b.len() * 2);
    for x in b {
        let _ = write!(s, "{x:02x}");
    }
    s
}

/// The address in a `struct rtvia` / IP attribute of `len` 4 or 16, if it is one.
fn ip_of(b: &[u8]) -> Option<IpAddr> {
    match b.len() {
        4 => <[u8; 4]>::try_from(b).ok().map(IpAddr::from),
        16 => <[u8; 16]>::try_from(b).ok().map(IpAddr::from),
        _ => None,
    }
}

/// Encoded size of a node including its padding (the model re-encodes exactly).
fn node_size(n: &Node) -> usize {
    let mut v = Vec::new();
    match emit_node(&mut Emitter::new(&mut v), n) {
        Ok(()) => v.len(),
        Err(_) => 0,
    }
}

// ---------------------------------------------------------------------------------------
// JSON

/// How many echoed requests inside echoed requests are decoded as messages (the kernel
/// echoes one; an ACK for a hand-made `NLMSG_ERROR` echoes two). Deeper ones show as their
/// header and `hex`, which `vethctl encode` reads back.
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
    let space = body_space(m.msg_type, &m.body);
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
        | Body::AddrLabel(_, n) => {
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
                _ => Json::Null,
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

/// The echoed request as a typed message, if it is all there and re-encodes to exactly
/// its bytes (raw bodies stay bytes: see [`request_json`]).
pub(crate) fn full_request(req: &[u8]) -> Option<Message> {
    let (nl, rest) = NlMsg::parse(req, 0).ok()?;
    if !rest.is_empty() {
        return None;
    }
    let m = Message::parse(&nl).ok()?;
    let same = m.to_bytes().ok().is_some_and(|b| b == req);
    (same && !matches!(m.body, Body::Raw(_))).then_some(m)
}

/// The echoed request's header fields as a body-less message.
fn request_header(req: &[u8]) -> Option<Message> {
    let h = req.get(..NlMsgHdr::LEN)?;
    let u16_at = |i: usize| u16::from_ne_bytes([h[i], h[i + 1]]);
    let u32_at = |i: usize| u32::from_ne_bytes([h[i], h[i + 1], h[i + 2], h[i + 3]]);
    Some(Message {
        msg_type: u16_at(4),
        flags: u16_at(6),
        seq: u32_at(8),
        pid: u32_at(12),
        body: Body::Raw(Vec::new()),
    })
}

fn req_len(req: &[u8]) -> u32 {
    req.get(..4)
        .map_or(0, |b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]]))
}

/// A fixed header as `{field: number}`, as the kernel holds it (the text tree names the
/// values; `encode` takes names or numbers).
fn fields_json(def: &HeaderDef, bytes: &[u8]) -> Map<String, Json> {
    def.fields
        .iter()
        .map(|f| (f.name.to_owned(), json!(def.read(f, bytes))))
        .collect()
}

/// The JSON of a run of attributes; `family` is the header's, for the top-level run only.
fn nodes_json(nodes: &[Node], space: &Space, family: Option<u8>) -> Json {
    let each = nodes.iter().map(|n| node_json(n, nodes, space, family));
    Json::Array(each.collect())
}

fn node_json(n: &Node, siblings: &[Node], space: &Space, family: Option<u8>) -> Json {
    let mut o = Map::new();
    o.insert(
        "type".into(),
        attr_name(space, n.kind()).map_or_else(|| json!(n.kind()), |s| json!(s)),
    );
    if n.raw_type & NLA_F_NESTED != 0 {
        o.insert("nested".into(), json!(true));
    }
    if n.raw_type & NLA_F_NET_BYTEORDER != 0 {
        o.insert("byteorder".into(), json!(true));
    }
    let shape = space.shape(n.kind()).resolve(siblings, family);
    match &n.value {
        AttrValue::Raw(b) => {
            o.insert("hex".into(), json!(hex(b)));
        }
        AttrValue::Nested(children) => {
            o.insert(
                "attrs".into(),
                nodes_json(children, shape.child_space(), None),
            );
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
        AttrValue::Str(s, nul) => {
            o.insert("value".into(), json!(s));
            if !nul {
                o.insert("nul".into(), json!(false));
            }
        }
        v => {
            o.insert("value".into(), scalar_json(v, shape));
        }
    }
    Json::Object(o)
}

/// The struct of a [`Shape::Structs`] attribute whose bytes are whole elements of it.
fn struct_def(shape: Shape, b: &[u8]) -> Option<&'static HeaderDef> {
    match shape {
        Shape::Structs(def) if def.len > 0 && b.len() % def.len == 0 => Some(def),
        _ => None,
    }
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
        AttrValue::U32s(a) => array_json(a, shape.array_labels()),
        AttrValue::I32s(a) => array_json(a, shape.array_labels()),
        AttrValue::U64s(a) => array_json(a, shape.array_labels()),
        // Handled by node_json; kept total for safety.
        AttrValue::Raw(b) | AttrValue::Structs(b) => json!(hex(b)),
        AttrValue::Str(s, _) => json!(s),
        AttrValue::Nested(_) | AttrValue::Peer(..) | AttrValue::Multipath(_) => Json::Null,
        _ => Json::Null,
    }
}

// ---------------------------------------------------------------------------------------
// Text

/// The human tree for one message that starts at byte `offset` of the input. Each line
/// starts with the byte offset of what it shows.
pub fn message_text(m: &Message, offset: usize) -> String {
    let mut t = Text::default();
    t.message(m, offset, 0, "");
    t.out
}

#[derive(Default)]
struct Text {
    out: String,
    /// (absolute offset, name) of every attribute of the echoed request being rendered,
    /// to name the attribute an extended ACK's `NLMSGERR_ATTR_OFFS` points at.
    index: Vec<(usize, String)>,
    /// How many echoed requests deep the message being rendered is.
    echo: usize,
}

impl Text {
    fn line(&mut self, offset: usize, depth: usize, s: &str) {
        let _ = writeln!(self.out, "{offset:>6} {:w$}{s}", "", w = depth * 2);
    }

    fn message(&mut self, m: &Message, off: usize, depth: usize, label: &str) {
        let len = m.to_bytes().map_or(0, |b| b.len());
        let head = header_text(m.msg_type, m.flags, m.seq, m.pid, len);
        self.line(off, depth, &format!("{label}{head}"));
        let d = depth + 1;
        let body = off + NlMsgHdr::LEN;
        let space = body_space(m.msg_type, &m.body);
        if let Some((def, bytes)) = family_header(&m.body) {
            self.line(body, d, &fields_text(def, bytes));
        }
        let top = |len: usize| (body + aligned(len), d, header_family(&m.body));
        match &m.body {
            Body::Link(h, n) => self.top_nodes(n, space, top(h.0.as_bytes().len())),
            Body::Addr(h, n) => self.top_nodes(n, space, top(h.0.as_bytes().len())),
            Body::Route(h, n) => self.top_nodes(n, space, top(h.0.as_bytes().len())),
            Body::NeighTbl(h, n) => self.top_nodes(n, space, top(h.0.as_bytes().len())),
            Body::Nsid(h, n) => self.top_nodes(n, space, top(h.0.as_bytes().len())),
            Body::Nexthop(h, n) => self.top_nodes(n, space, top(h.0.as_bytes().len())),
            Body::Neigh(h, n) => self.top_nodes(n, space, top(h.0.as_bytes().len())),
            Body::Rule(h, n) => self.top_nodes(n, space, top(h.0.as_bytes().len())),
            Body::Netconf(h, n) => self.top_nodes(n, space, top(h.0.as_bytes().len())),
            Body::AddrLabel(h, n) => self.top_nodes(n, space, top(h.0.as_bytes().len())),
            Body::Error {
                error,
                request,
                ext_ack,
            } => {
                self.line(body, d, &format!("error: {}", error_text(*error)));
                let req_off = body + 4;
                let mut sub = Text {
                    echo: self.echo + 1,
                    ..Text::default()
                };
                sub.request(request, req_off, d);
                self.out.push_str(&sub.out);
                let ext_off = req_off + aligned(request.len());
                self.ext_ack(ext_ack, ext_off, d, req_off, &sub.index, request);
            }
            Body::Done { error, ext_ack } => {
                let e = match error {
                    0 => "0".to_owned(),
                    e => error_text(*e),
                };
                self.line(body, d, &format!("error: {e}"));
                self.ext_ack(ext_ack, body + 4, d, 0, &[], &[]);
            }
            Body::Raw(p) if !p.is_empty() => self.line(body, d, &format!("hex {}", hex(p))),
            Body::Raw(_) => {}
            _ => {}
        }
    }

    fn request(&mut self, req: &[u8], off: usize, depth: usize) {
        if let Some(m) = (self.echo <= MAX_ECHO).then(|| full_request(req)).flatten() {
            self.message(&m, off, depth, "request: ");
            return;
        }
        match request_header(req) {
            Some(m) => {
                let head = header_text(m.msg_type, m.flags, m.seq, m.pid, req_len(req) as usize);
                let what = if req.len() == NlMsgHdr::LEN {
                    " (header only)"
                } else {
                    ""
                };
                self.line(off, depth, &format!("request: {head}{what}"));
                if req.len() > NlMsgHdr::LEN {
                    let rest = &req[NlMsgHdr::LEN..];
                    self.line(
                        off + NlMsgHdr::LEN,
                        depth + 1,
                        &format!("hex {}", hex(rest)),
                    );
                }
            }
            None => self.line(off, depth, &format!("request: hex {}", hex(req))),
        }
    }

    fn ext_ack(
        &mut self,
        nodes: &[Node],
        off: usize,
        depth: usize,
        req_off: usize,
        req_index: &[(usize, String)],
        request: &[u8],
    ) {
        let mut at = off;
        for n in nodes {
            self.node(n, nodes, &EXT_ACK, (at, depth, None));
            if n.kind() == NLMSGERR_ATTR_OFFS {
                if let AttrValue::U32(o) = n.value {
                    let abs = req_off + o as usize;
                    let target = req_index
                        .iter()
                        .find(|(x, _)| *x == abs)
                        .map_or_else(String::new, |(_, name)| format!(": {name}"));
                    let note = format!("offset {o} in the request is byte {abs} here{target}");
                    self.line(at, depth + 1, &note);
                }
            }
            if n.kind() == NLMSGERR_ATTR_MISS_TYPE {
                if let (AttrValue::U32(t), Some(rh)) = (&n.value, request_header(request)) {
                    let name = u16::try_from(*t)
                        .ok()
                        .and_then(|t| Family::of(rh.msg_type).and_then(|f| f.space().name_of(t)));
                    if let Some(name) = name {
                        self.line(
                            at,
                            depth + 1,
                            &format!("missing attribute: {name} (if top-level)"),
                        );
                    }
                }
            }
            at += node_size(n);
        }
    }

    fn nodes(&mut self, nodes: &[Node], space: &Space, off: usize, depth: usize) {
        self.top_nodes(nodes, space, (off, depth, None));
    }

    /// A run at (offset, depth, header family): the family for the top-level run only.
    fn top_nodes(&mut self, nodes: &[Node], space: &Space, at: (usize, usize, Option<u8>)) {
        let (mut off, depth, family) = at;
        for n in nodes {
            self.node(n, nodes, space, (off, depth, family));
            off += node_size(n);
        }
    }

    fn node(&mut self, n: &Node, siblings: &[Node], space: &Space, at: (usize, usize, Option<u8>)) {
        let (off, depth, family) = at;
        let name = attr_name(space, n.kind()).map_or_else(
            || format!("{} ({})", space_unknown(space), n.kind()),
            str::to_owned,
        );
        self.index.push((off, name.clone()));
        let mut label = name;
        if n.raw_type & NLA_F_NESTED != 0 {
            label.push_str(" [NLA_F_NESTED]");
        }
        if n.raw_type & NLA_F_NET_BYTEORDER != 0 {
            label.push_str(" [NLA_F_NET_BYTEORDER]");
        }
        let shape = space.shape(n.kind()).resolve(siblings, family);
        let payload = off + 4;
        let d = depth + 1;
        match &n.value {
            AttrValue::Raw(b) => self.line(off, depth, &format!("{label}: hex {}", hex(b))),
            AttrValue::Nested(children) => {
                self.line(off, depth, &format!("{label}:"));
                self.nodes(children, shape.child_space(), payload, d);
            }
            AttrValue::Peer(h, children) => {
                self.line(off, depth, &format!("{label}:"));
                self.line(payload, d, &fields_text(&IfInfoMsg::DEF, h.0.as_bytes()));
                let cs = shape.child_space();
                self.nodes(children, cs, payload + IfInfoMsg::LEN, d);
            }
            AttrValue::Multipath(hops) => {
                self.line(off, depth, &format!("{label}:"));
                let cs = shape.child_space();
                let mut at = payload;
                for h in hops {
                    let hdr = RtNexthop {
                        rtnh_len: 0.into(),
                        rtnh_flags: h.flags,
                        rtnh_hops: h.hops,
                        rtnh_ifindex: h.ifindex.into(),
                    };
                    self.line(at, d, &fields_text(&RtNexthop::DEF, hdr.as_bytes()));
                    self.nodes(&h.attrs, cs, at + RtNexthop::LEN, d + 1);
                    at += RtNexthop::LEN + h.attrs.iter().map(node_size).sum::<usize>();
                }
            }
            AttrValue::Structs(b) => match struct_def(shape, b) {
                Some(def) => {
                    let n = b.len() / def.len;
                    self.line(off, depth, &format!("{label}: {n} elements"));
                    for (i, c) in b.chunks_exact(def.len).enumerate() {
                        self.line(payload + i * def.len, d, &fields_text(def, c));
                    }
                }
                None => self.line(off, depth, &format!("{label}: hex {}", hex(b))),
            },
            AttrValue::U32s(a) => self.array(&label, off, depth, shape.array_labels(), a, 4),
            AttrValue::I32s(a) => self.array(&label, off, depth, shape.array_labels(), a, 4),
            AttrValue::U64s(a) => self.array(&label, off, depth, shape.array_labels(), a, 8),
            v => self.line(off, depth, &format!("{label}: {}", scalar_text(v))),
        }
    }

    fn array<T: std::fmt::Display>(
        &mut self,
        label: &str,
        off: usize,
        depth: usize,
        labels: Labels,
        items: &[T],
        size: usize,
    ) {
        self.line(off, depth, &format!("{label}: {} elements", items.len()));
        for (i, v) in items.iter().enumerate() {
            let name = labels
                .get(i)
                .map_or_else(|| format!("[{i}]"), str::to_owned);
            self.line(off + 4 + i * size, depth + 1, &format!("{name} = {v}"));
        }
    }
}

/// How an unnamed attribute of `space` is shown: `IFLA_?`.
fn space_unknown(space: &Space) -> String {
    if space.name.is_empty() {
        "type".to_owned()
    } else {
        format!("{}_?", space.name)
    }
}

fn aligned(n: usize) -> usize {
    netlink_codec::header::align(n).unwrap_or(n)
}

fn header_text(msg_type: u16, flags: u16, seq: u32, pid: u32, len: usize) -> String {
    let ty = msg_type_name(msg_type).map_or_else(|| format!("type {msg_type}"), str::to_owned);
    format!(
        "{ty} len={len} flags={} seq={seq} pid={pid}",
        nlm_flags_text(msg_type, flags)
    )
}

fn nlm_flags_text(msg_type: u16, flags: u16) -> String {
    let parts: Vec<String> = flag_names(msg_type, flags)
        .map(|f| match f {
            FlagName::Named(n) => n.to_owned(),
            FlagName::Unknown(b) => format!("{b:#x}"),
            _ => String::from("?"),
        })
        .collect();
    if parts.is_empty() {
        "0".to_owned()
    } else {
        parts.join("|")
    }
}

fn error_text(error: i32) -> String {
    match Errno::from_nlmsgerr(error) {
        None => "0 (ACK)".to_owned(),
        Some(e) if error < 0 => format!("{error} {e}"),
        Some(_) => format!("{error} (positive: not an errno)"),
    }
}

fn fields_text(def: &HeaderDef, bytes: &[u8]) -> String {
    let mut s = format!("{}:", def.name);
    for f in def.fields {
        match def.read(f, bytes) {
            Some(v) => _ = write!(s, " {}={}", f.name, field_text(f, v)),
            None => _ = write!(s, " {}=(truncated)", f.name),
        }
    }
    s
}

fn field_text(f: &Field, v: i64) -> String {
    match f.names {
        Names::None => v.to_string(),
        Names::LlAddr => lladdr(&v.to_be_bytes()[8 - f.size..]),
        Names::Enum(_) => u64::try_from(v)
            .ok()
            .and_then(|u| f.names.enum_name(u))
            .map_or_else(|| v.to_string(), str::to_owned),
        Names::Flags(_) => {
            let (names, rest) = f.names.flag_names(v as u64);
            let mut parts: Vec<String> = names.map(str::to_owned).collect();
            if rest != 0 {
                parts.push(format!("{rest:#x}"));
            }
            if parts.is_empty() {
                "0".to_owned()
            } else {
                parts.join("|")
            }
        }
        _ => v.to_string(),
    }
}

fn scalar_text(v: &AttrValue) -> String {
    match v {
        AttrValue::Flag => "(flag)".to_owned(),
        AttrValue::U8(x) => x.to_string(),
        AttrValue::U16(x) => x.to_string(),
        AttrValue::Be16(x) => format!("{x} (network order)"),
        AttrValue::U32(x) => x.to_string(),
        AttrValue::Be32(x) => format!("{x} (network order)"),
        AttrValue::I32(x) => x.to_string(),
        AttrValue::U64(x) => x.to_string(),
        AttrValue::Str(s, true) => format!("{s:?}"),
        AttrValue::Str(s, false) => format!("{s:?} (no NUL)"),
        AttrValue::LlAddr(b) => lladdr(b),
        AttrValue::Ip(ip) => ip.to_string(),
        AttrValue::Via(f, b) => {
            let fam = af_name(*f).map_or_else(|| f.to_string(), str::to_owned);
            match ip_of(b) {
                Some(ip) => format!("{fam} {ip}"),
                None => format!("{fam} hex {}", hex(b)),
            }
        }
        AttrValue::Raw(b) | AttrValue::Structs(b) => format!("hex {}", hex(b)),
        AttrValue::Nested(_)
        | AttrValue::Peer(..)
        | AttrValue::Multipath(_)
        | AttrValue::U32s(_)
        | AttrValue::I32s(_)
        | AttrValue::U64s(_) => String::new(),
        _ => String::new(),
    }
}
