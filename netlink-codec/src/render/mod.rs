//! Renders messages for people and for tools, and reads the JSON back (feature `render`).
//!
//! - [`message_text`] / [`text`]: a tree with kernel names, each line starting with the
//!   byte offset of what it shows.
//! - [`message_json`] / [`json_lines`]: one JSON object per message, keeping everything
//!   [`message_from_json`] needs to give back the same bytes.
//! - [`message_from_json`]: that JSON (possibly edited by hand) back to a [`Message`];
//!   errors name the field by its path.
//!
//! All of them walk the owned model ([`Message`]), which is lossless, and take every name
//! and payload shape from the codec's tables ([`Family`], [`Space`], [`HeaderDef`],
//! [`msg_type_name`](crate::header::msg_type_name), [`NlmFlags::names`](crate::header::NlmFlags::names),
//! [`Errno`](crate::Errno)). They do no I/O: they return strings and values.
//!
//! Rendering a captured kernel reply (`RTM_NEWLINK`); each line starts with the byte offset
//! of what it shows:
//!
//! ```
//! # let datagram = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/0007-rep.bin")).unwrap();
//! let tree = netlink_codec::render::text(&datagram)?;
//! let lines: Vec<&str> = tree.lines().collect();
//! assert!(lines[0].starts_with("     0 RTM_NEWLINK len=1136 flags=0 seq="));
//! assert_eq!(lines[2], "    32   IFLA_IFNAME: \"vh-pod1\"");
//! assert_eq!(lines[3], "    44   IFLA_TXQLEN: 1000");
//! // An attribute whose value is a uapi enum shows its name (the JSON keeps the number).
//! assert_eq!(lines[4], "    52   IFLA_OPERSTATE: IF_OPER_DOWN");
//! # Ok::<(), netlink_codec::DecodeError>(())
//! ```
//!
//! JSON to bytes (a request for the link named `lo`):
//!
//! ```
//! use netlink_codec::render::message_from_json;
//! let json = serde_json::json!({
//!     "type": "RTM_GETLINK", "flags": ["NLM_F_REQUEST"], "seq": 1,
//!     "attrs": [{ "type": "IFLA_IFNAME", "value": "lo" }]
//! });
//! let bytes = message_from_json(&json)?.to_bytes()?;
//! assert_eq!(bytes.len(), 16 + 16 + 8); // nlmsghdr, ifinfomsg, "lo\0" padded
//! assert_eq!(&bytes[4..6], &18u16.to_ne_bytes()); // RTM_GETLINK
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The JSON shape:
//!
//! ```text
//! {"len":N,"type":"RTM_NEWLINK","flags":["NLM_F_REQUEST",...],"seq":N,"pid":N,
//!  "header":{"ifi_family":0,...},
//!  "attrs":[{"type":"IFLA_IFNAME","value":"vh-pod1"},
//!           {"type":"IFLA_LINKINFO","attrs":[...]},
//!           {"type":63,"hex":"00000100"}]}
//! ```
//!
//! Attribute keys: `type` (kernel name, or the number when the space has none, as for
//! the slots of an indexed array such as `IFLA_BOND_ARP_IP_TARGET`: their positions),
//! then one of `value` (typed payload), `attrs` (nested attributes; `VETH_INFO_PEER` also
//! has `header`), `nexthops` (`RTA_MULTIPATH`) or `hex` (bytes the codec keeps raw). Optional:
//! `"nested":true` / `"byteorder":true` for the `NLA_F_NESTED` / `NLA_F_NET_BYTEORDER`
//! bits, `"nul":false` for a string sent without its NUL, `"pad":"0100"` for padding
//! bytes after the payload that the sender left non-zero ([`Node::pad`]; the text form
//! shows them as `[pad=0100]`). `NLMSG_ERROR` and `NLMSG_DONE`
//! carry `error` (negative errno), `errno` (its name) and their extended-ACK attributes in
//! `attrs`; `NLMSG_ERROR` adds `request`, the echoed request decoded as far as present.
//! Objects are `serde_json` maps: their keys print in the order above when `serde_json`'s
//! `preserve_order` feature is on, sorted otherwise (the reader takes either).
//!
//! Depth is bounded: the codec keeps attributes nested deeper than
//! [`MAX_NESTING`](crate::model::MAX_NESTING) levels as `hex`, and an echoed request inside
//! echoed requests more than [`MAX_ECHO`] deep shows as its header and `hex`. So no input
//! makes the renderers recurse without limit, and the JSON they print stays far inside
//! the nesting that `serde_json` reads back (128 levels).

use std::fmt::Write as _;
use std::net::IpAddr;

use crate::ack::EXT_ACK;
use crate::af::AF_NAMES;
use crate::attr::Emitter;
use crate::family::Family;
use crate::header::{FlagContext, FlagName, NlMsg, NlMsgHdr, NlmFlags};
use crate::model::{emit_node, Body, Message, Node};
use crate::schema::{HeaderDef, Names, Shape, Space, EMPTY};
use zerocopy::IntoBytes;

mod from_json;
mod json;
mod json_read;
mod srh;
mod text;
mod walk;

pub use from_json::{end_from_json, message_from_json};
pub use json::{end_json, json_lines, message_json, MAX_ECHO};
pub use json_read::{parse_hex, JsonError};
pub use text::{end_text, message_text, text};
pub use walk::{walk, Part, WalkError};

/// [`walk`] over the whole of `bytes`, for [`text`] and [`json_lines`]: only a decode
/// error can stop it.
fn walk_all(bytes: &[u8], mut each: impl FnMut(Part<'_>)) -> Result<(), crate::DecodeError> {
    let r = walk::<std::convert::Infallible>(bytes, bytes.len(), |part| {
        each(part);
        Ok(())
    });
    match r {
        Ok(()) => Ok(()),
        Err(WalkError::Decode(e)) => Err(e),
        // No message is longer than the buffer that holds it.
        Err(WalkError::TooLarge { offset, .. }) => Err(crate::DecodeError::new(
            offset,
            crate::DecodeErrorKind::MessageLenPastEnd,
        )),
        Err(WalkError::Stopped(never)) => match never {},
    }
}

/// The name of attribute type `kind` in `space`, or `None`.
fn attr_name(space: &Space, kind: u16) -> Option<&'static str> {
    space.name_of(kind)
}

/// The family byte of a message's family header (`ifi_family`, ...), which chooses the
/// space of a top-level [`Shape::ByFamily`] attribute.
fn header_family(body: &Body) -> Option<u8> {
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
        Body::Stats(h, _) => (Family::Stats.header(), h.0.as_bytes()),
        Body::Tunnel(h, _) => (Family::Tunnel.header(), h.0.as_bytes()),
        Body::Vlan(h, _) => (Family::Vlan.header(), h.0.as_bytes()),
        Body::Mdb(h, _) => (Family::Mdb.header(), h.0.as_bytes()),
        Body::Tc(h, _) => (Family::Tc.header(), h.0.as_bytes()),
        Body::Action(h, _) => (Family::Action.header(), h.0.as_bytes()),
        _ => return None,
    })
}

/// The attribute space of a message's top-level attributes.
fn body_space(msg_type: u16, flags: u16, body: &Body) -> &'static Space {
    match body {
        Body::Error { .. } | Body::Done { .. } => &EXT_ACK,
        _ => Family::of_message(msg_type, flags).map_or(&EMPTY, Family::space),
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

/// The address in a byte-array field (`struct ifla_vf_mac`'s `__u8 mac[32]`, of which a
/// device uses its `addr_len` bytes): without the zero bytes after it, down to
/// `ETH_ALEN`. A reader pads it back with zeros to the field's width.
fn addr_in(b: &[u8]) -> &[u8] {
    let used = b.iter().rposition(|&x| x != 0).map_or(0, |i| i + 1);
    &b[..used.max(ETH_ALEN).min(b.len())]
}

/// `ETH_ALEN`: the bytes of an Ethernet address.
const ETH_ALEN: usize = 6;

/// Lower-case hex, no separators.
pub fn hex(b: &[u8]) -> String {
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

/// The payload bytes of a node as the model encodes them (without its header and
/// padding); empty if it does not encode.
fn node_payload(n: &Node) -> Vec<u8> {
    let mut v = Vec::new();
    if emit_node(&mut Emitter::new(&mut v), n).is_err() || v.len() < 4 {
        return Vec::new();
    }
    let len = usize::from(u16::from_ne_bytes([v[0], v[1]]));
    v.get(4..len).map_or_else(Vec::new, <[u8]>::to_vec)
}

/// The echoed request as a typed message, if it is all there and re-encodes to exactly
/// its bytes (raw bodies stay bytes: see [`json`]'s `request_json`).
fn full_request(req: &[u8]) -> Option<Message> {
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

/// The struct of a [`Shape::Structs`] attribute whose bytes are whole elements of it,
/// each one its fields can say ([`HeaderDef::is_canonical`], as the model types them):
/// only then do the renderers show fields, which the JSON reader rebuilds the bytes from.
fn struct_def(shape: Shape, b: &[u8]) -> Option<&'static HeaderDef> {
    match shape {
        Shape::Structs(def)
            if def.len > 0
                && b.len() % def.len == 0
                && b.chunks_exact(def.len).all(|e| def.is_canonical(e)) =>
        {
            Some(def)
        }
        _ => None,
    }
}

/// The struct and the space of a [`Shape::Headed`] attribute whose struct bytes `h` are
/// one whole, canonical struct (as the model types them); `None` for a value that does
/// not fit its shape (a model built by hand), which the renderers show as bytes.
fn headed_def(shape: Shape, h: &[u8]) -> Option<(&'static HeaderDef, &'static Space)> {
    match shape {
        Shape::Headed(def, s) if def.len > 0 && h.len() == def.len && def.is_canonical(h) => {
            Some((def, s))
        }
        _ => None,
    }
}
