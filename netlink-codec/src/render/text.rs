//! Messages as a tree with kernel names, each line starting with its byte offset.

use std::fmt::Write as _;

use zerocopy::IntoBytes;

use super::{
    addr_in, af_name, attr_name, body_space, family_header, flag_names, full_request, headed_def,
    header_family, hex, ip_of, lladdr, node_payload, node_size, req_len, request_header,
    struct_def, walk_all, Part, MAX_ECHO,
};
use crate::ack::{EXT_ACK, NLMSGERR_ATTR_MISS_TYPE, NLMSGERR_ATTR_OFFS};
use crate::attr::{NLA_F_NESTED, NLA_F_NET_BYTEORDER};
use crate::datagram::DatagramEnd;
use crate::family::Family;
use crate::header::{msg_type_name, FlagName, NlMsgHdr};
use crate::link::IfInfoMsg;
use crate::model::{AttrValue, Body, Message, Node};
use crate::route::RtNexthop;
use crate::schema::{c_str, Field, HeaderDef, Labels, Names, Shape, Space};
use crate::Errno;

/// The tree for a run of messages (one datagram, or several back to back), each message
/// as [`message_text`] shows it at its offset in `bytes`, then the datagram's ending if it
/// is not aligned ([`end_text`]).
///
/// Malformed input: the error names the byte offset and the cause, and nothing is
/// returned (use [`message_text`] per message to keep what came before).
pub fn text(bytes: &[u8]) -> Result<String, crate::DecodeError> {
    let mut out = String::new();
    walk_all(bytes, |part| match part {
        Part::Message(m, off) => out.push_str(&message_text(m, off)),
        Part::End(end, off) => out.push_str(&end_text(end, off)),
    })?;
    Ok(out)
}

/// The line for how a datagram ends after its last message, at byte `offset` (where the
/// ending starts); empty for [`DatagramEnd::Aligned`], which needs no line.
pub fn end_text(end: DatagramEnd, offset: usize) -> String {
    let what = match end {
        DatagramEnd::ZeroTail(n) => {
            format!("{n} zero bytes after the last message (the kernel ignores them)")
        }
        DatagramEnd::ShortPad(pad) => {
            format!("the last message stops inside its alignment padding ({pad} padding bytes)")
        }
        DatagramEnd::Aligned => return String::new(),
    };
    format!("{offset:>6} end: {what}\n")
}

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
        let space = body_space(m.msg_type, m.flags, &m.body);
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
            Body::Stats(h, n) => self.top_nodes(n, space, top(h.0.as_bytes().len())),
            Body::Tunnel(h, n) => self.top_nodes(n, space, top(h.0.as_bytes().len())),
            Body::Vlan(h, n) => self.top_nodes(n, space, top(h.0.as_bytes().len())),
            Body::Mdb(h, n) => self.top_nodes(n, space, top(h.0.as_bytes().len())),
            Body::Tc(h, n) => self.top_nodes(n, space, top(h.0.as_bytes().len())),
            Body::Action(h, n) => self.top_nodes(n, space, top(h.0.as_bytes().len())),
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
                    let name = u16::try_from(*t).ok().and_then(|t| {
                        Family::of_message(rh.msg_type, rh.flags).and_then(|f| f.space().name_of(t))
                    });
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
        let shape = space.shape(n.kind()).resolve(siblings, family);
        let names = space.get(n.kind()).map_or(Names::None, |d| d.names);
        self.value(n, &flagged(name, n), (shape, names), (off, depth));
    }

    /// The slots of a [`Shape::Indexed`] nest, named by position: `[0]`, `[2]`.
    fn slots(&mut self, slots: &[Node], elem: Shape, mut off: usize, depth: usize) {
        for n in slots {
            let name = format!("[{}]", n.kind());
            self.index.push((off, name.clone()));
            self.value(n, &flagged(name, n), (elem, Names::None), (off, depth));
            off += node_size(n);
        }
    }

    /// The lines of node `n`, shown as `label`, whose payload has the (resolved) `shape`
    /// and whose number is named by `names`.
    fn value(&mut self, n: &Node, label: &str, def: (Shape, Names), at: (usize, usize)) {
        let (shape, names) = def;
        let (off, depth) = at;
        let payload = off + 4;
        let d = depth + 1;
        match &n.value {
            AttrValue::Raw(b) => self.line(off, depth, &format!("{label}: hex {}", hex(b))),
            AttrValue::Nested(children) => {
                self.line(off, depth, &format!("{label}:"));
                match shape {
                    Shape::Indexed(elem) => self.slots(children, *elem, payload, d),
                    _ => self.nodes(children, shape.child_space(), payload, d),
                }
            }
            AttrValue::Peer(h, children) => {
                self.line(off, depth, &format!("{label}:"));
                self.line(payload, d, &fields_text(&IfInfoMsg::DEF, h.0.as_bytes()));
                let cs = shape.child_space();
                self.nodes(children, cs, payload + IfInfoMsg::LEN, d);
            }
            AttrValue::Headed(h, children) => match headed_def(shape, h) {
                Some((def, cs)) => {
                    self.line(off, depth, &format!("{label}:"));
                    self.line(payload, d, &fields_text(def, h));
                    self.nodes(children, cs, payload + def.len, d);
                }
                None => {
                    let b = node_payload(n);
                    self.line(off, depth, &format!("{label}: hex {}", hex(&b)));
                }
            },
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
            AttrValue::U16s(a) => self.array(label, off, depth, shape.array_labels(), a, 2),
            AttrValue::U32s(a) => self.array(label, off, depth, shape.array_labels(), a, 4),
            AttrValue::I32s(a) => self.array(label, off, depth, shape.array_labels(), a, 4),
            AttrValue::U64s(a) => self.array(label, off, depth, shape.array_labels(), a, 8),
            AttrValue::Srh(b) => match super::srh::view(shape, b) {
                Some(v) => {
                    let n = match v.segment_count() {
                        1 => "1 segment".to_owned(),
                        n => format!("{n} segments"),
                    };
                    self.line(off, depth, &format!("{label}: {n}"));
                    for (at, line) in super::srh::text_lines(&v, payload) {
                        self.line(at, d, &line);
                    }
                }
                None => self.line(off, depth, &format!("{label}: hex {}", hex(b))),
            },
            v => {
                let named = number_of(v).and_then(|x| names_text(names, x));
                let text = named.unwrap_or_else(|| scalar_text(v));
                self.line(off, depth, &format!("{label}: {text}"));
            }
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

/// An attribute's name with its `NLA_F_*` bits, as the tree shows them.
fn flagged(mut name: String, n: &Node) -> String {
    if n.raw_type & NLA_F_NESTED != 0 {
        name.push_str(" [NLA_F_NESTED]");
    }
    if n.raw_type & NLA_F_NET_BYTEORDER != 0 {
        name.push_str(" [NLA_F_NET_BYTEORDER]");
    }
    if !n.pad.is_zero() {
        // Stale bytes the sender left in the padding: kept, and shown.
        name.push_str(&format!(" [pad={}]", hex(n.pad.as_bytes())));
    }
    name
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
    crate::header::align(n).unwrap_or(n)
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

pub(super) fn fields_text(def: &HeaderDef, bytes: &[u8]) -> String {
    let mut s = format!("{}:", def.name);
    for f in def.fields {
        if f.holds_bytes() {
            match def.bytes(f, bytes) {
                Some(b) => _ = write!(s, " {}={}", f.name, field_bytes_text(f, b)),
                None => _ = write!(s, " {}=(truncated)", f.name),
            }
            continue;
        }
        match def.read(f, bytes) {
            Some(v) => _ = write!(s, " {}={}", f.name, field_text(f, v)),
            None => _ = write!(s, " {}=(truncated)", f.name),
        }
    }
    s
}

/// A byte-array field ([`Field::holds_bytes`]): a `char[N]` as a quoted string, an
/// address as `aa:bb:...`, other bytes as hex.
fn field_bytes_text(f: &Field, b: &[u8]) -> String {
    match (f.names, c_str(b)) {
        (Names::CStr, Some(s)) => format!("{s:?}"),
        (Names::LlAddr, _) => lladdr(addr_in(b)),
        _ => format!("hex {}", hex(b)),
    }
}

/// A number field's value as its C type holds it: an unsigned field unsigned (a `__u64`
/// above `i64::MAX` reads as the `i64` of its bits).
fn number_text(f: &Field, v: i64) -> String {
    if f.signed {
        v.to_string()
    } else {
        (v as u64).to_string()
    }
}

fn field_text(f: &Field, v: i64) -> String {
    match f.names {
        Names::None | Names::CStr => number_text(f, v),
        Names::LlAddr => lladdr(&v.to_be_bytes()[8 - f.size..]),
        Names::Enum(_) => u64::try_from(v)
            .ok()
            .and_then(|u| names_text(f.names, u))
            .unwrap_or_else(|| number_text(f, v)),
        Names::Flags(_) => names_text(f.names, v as u64).unwrap_or_default(),
    }
}

/// Value `v` by its `names`: an enum's name (`None` for a value it does not name), or set
/// flags as `A|B` with the bits that have no name in hex (`0` when none is set).
fn names_text(names: Names, v: u64) -> Option<String> {
    match names {
        Names::Enum(_) => names.enum_name(v).map(str::to_owned),
        Names::Flags(_) => {
            let (set, rest) = names.flag_names(v);
            let mut parts: Vec<String> = set.map(str::to_owned).collect();
            if rest != 0 {
                parts.push(format!("{rest:#x}"));
            }
            Some(if parts.is_empty() {
                "0".to_owned()
            } else {
                parts.join("|")
            })
        }
        Names::None | Names::LlAddr | Names::CStr => None,
    }
}

/// The number an unsigned scalar payload holds, for its [`Names`].
fn number_of(v: &AttrValue) -> Option<u64> {
    match *v {
        AttrValue::U8(x) => Some(x.into()),
        AttrValue::U16(x) | AttrValue::Be16(x) => Some(x.into()),
        AttrValue::U32(x) | AttrValue::Be32(x) => Some(x.into()),
        AttrValue::U64(x) | AttrValue::Be64(x) => Some(x),
        _ => None,
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
        AttrValue::Be64(x) => format!("{x} (network order)"),
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
        AttrValue::Raw(b) | AttrValue::Structs(b) | AttrValue::Srh(b) => {
            format!("hex {}", hex(b))
        }
        AttrValue::Nested(_)
        | AttrValue::Peer(..)
        | AttrValue::Headed(..)
        | AttrValue::Multipath(_)
        | AttrValue::U16s(_)
        | AttrValue::U32s(_)
        | AttrValue::I32s(_)
        | AttrValue::U64s(_) => String::new(),
    }
}
