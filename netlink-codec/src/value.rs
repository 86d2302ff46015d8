//! The typed view of one attribute: [`Value::read`] reads a payload by its [`Shape`],
//! borrowing the buffer. It sits above the family modules (a `VETH_INFO_PEER` value holds
//! an `ifinfomsg`, an `RTA_MULTIPATH` one the `rtnexthop` walk), so that the tables in
//! [`crate::schema`] name no family.

use core::net::IpAddr;

use crate::attr::{Attr, Attrs};
use crate::error::{DecodeError, DecodeErrorKind};
use crate::schema::{Elem, HeaderDef, Labels, Shape, Space};

/// A typed value read from an attribute with its [`Shape`]; borrows the buffer, allocates
/// nothing.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Value<'a> {
    /// Opaque bytes.
    Raw(&'a [u8]),
    /// A flag attribute.
    Flag,
    /// `__u8`.
    U8(u8),
    /// `__u16`.
    U16(u16),
    /// `__u32`.
    U32(u32),
    /// `__s32`.
    I32(i32),
    /// `__u64`.
    U64(u64),
    /// `__be16`, converted to host order.
    Be16(u16),
    /// `__be32`, converted to host order.
    Be32(u32),
    /// `__be64`, converted to host order.
    Be64(u64),
    /// A string, without its NUL.
    Str(&'a str),
    /// A link-layer address.
    LlAddr(&'a [u8]),
    /// An IP address.
    Ip(IpAddr),
    /// `struct rtvia`: family and address bytes.
    Via(u16, &'a [u8]),
    /// Nested attributes and their space.
    Nested(Attrs<'a>, &'static Space),
    /// A [`Shape::Indexed`] nest: its slots, each of the element shape.
    Indexed(Attrs<'a>, &'static Shape),
    /// An array of numbers (raw bytes, element type, element names).
    Array(&'a [u8], Elem, Labels),
    /// `VETH_INFO_PEER`: the peer's `ifinfomsg` and its attributes.
    Peer(&'a crate::link::IfInfoMsg, Attrs<'a>, &'static Space),
    /// [`Shape::Headed`]: the struct's bytes (`def.len` of them), its definition, and the
    /// attributes after it.
    Headed(&'a [u8], &'static HeaderDef, Attrs<'a>, &'static Space),
    /// `RTA_MULTIPATH`: iterate the next hops.
    Multipath(crate::route::Nexthops<'a>, &'static Space),
    /// Whole elements of a [`Shape::Structs`] (`bytes.len()` a multiple of the struct's).
    Structs(&'a [u8], &'static HeaderDef),
    /// A segment routing header whose lengths agree ([`Shape::Srh`]; one whose lengths
    /// disagree reads as [`Value::Raw`]).
    Srh(crate::srh::SrhView<'a>),
}

impl<'a> Value<'a> {
    /// Read `attr` with `shape`, resolved first ([`Shape::resolve`]) where the shape
    /// depends on the context; `kind_hint` is the sibling `IFLA_INFO_KIND` for an
    /// unresolved [`Shape::ByKind`] (see [`kind_hint`]), and an unresolved
    /// [`Shape::ByType`] or [`Shape::ByFamily`] reads as raw. A payload that does not fit the shape is an
    /// error naming its offset.
    #[inline]
    pub fn read(
        attr: &Attr<'a>,
        shape: Shape,
        kind_hint: Option<&str>,
    ) -> Result<Value<'a>, DecodeError> {
        let p = attr.payload();
        // An IFLA_INFO_KIND-chosen shape, chosen first: the shapes a kind chooses are fixed.
        let shape = match shape {
            Shape::ByKind(_, table) => kind_hint
                .and_then(|k| table.iter().find(|(n, _)| *n == k))
                .map_or(Shape::Raw, |(_, s)| *s),
            shape => shape,
        };
        Ok(match shape {
            Shape::Raw => Value::Raw(p),
            Shape::Flag if p.is_empty() => Value::Flag,
            Shape::Flag => {
                return Err(DecodeError::new(
                    attr.offset(),
                    DecodeErrorKind::BadAttrSize,
                ))
            }
            Shape::U8 => Value::U8(attr.u8()?),
            Shape::U16 => Value::U16(attr.u16()?),
            Shape::U32 => Value::U32(attr.u32()?),
            Shape::I32 => Value::I32(attr.i32()?),
            Shape::U64 => Value::U64(attr.u64()?),
            Shape::Uint if p.len() == 4 => Value::U32(attr.u32()?),
            Shape::Uint => Value::U64(attr.u64()?),
            Shape::Be16 => Value::Be16(attr.be16()?),
            Shape::Be32 => Value::Be32(attr.be32()?),
            Shape::Be64 => Value::Be64(attr.be64()?),
            Shape::Str => Value::Str(attr.str()?),
            Shape::LlAddr => Value::LlAddr(p),
            Shape::Ip => Value::Ip(attr.ip()?),
            Shape::Via => {
                if p.len() < 2 {
                    return Err(DecodeError::new(
                        attr.offset(),
                        DecodeErrorKind::BadAttrSize,
                    ));
                }
                Value::Via(u16::from_ne_bytes([p[0], p[1]]), &p[2..])
            }
            Shape::Nested(s) => Value::Nested(attr.nested(), s),
            Shape::Indexed(elem) => Value::Indexed(attr.nested(), elem),
            Shape::Array(e, labels) => {
                if p.len() % e.size() != 0 {
                    return Err(DecodeError::new(
                        attr.offset(),
                        DecodeErrorKind::BadAttrSize,
                    ));
                }
                Value::Array(p, e, labels)
            }
            Shape::InetConf(s) => {
                if inet_conf_is_nested(p, s) {
                    Value::Nested(attr.nested(), s)
                } else if p.len() % 4 == 0 {
                    Value::Array(p, Elem::U32, Labels::Space(s, 1))
                } else {
                    return Err(DecodeError::new(
                        attr.offset(),
                        DecodeErrorKind::BadAttrSize,
                    ));
                }
            }
            Shape::Peer(s) => {
                let (hdr, _) = <crate::link::IfInfoMsg as zerocopy::FromBytes>::ref_from_prefix(p)
                    .map_err(|_| {
                        DecodeError::new(
                            attr.payload_offset(),
                            DecodeErrorKind::TruncatedFamilyHeader,
                        )
                    })?;
                let n = crate::link::IfInfoMsg::LEN;
                Value::Peer(hdr, Attrs::new(&p[n..], attr.payload_offset() + n), s)
            }
            // Shorter than the struct (or a zero-length struct): not this shape, kept raw.
            Shape::Headed(def, _) if def.len == 0 || p.len() < def.len => Value::Raw(p),
            Shape::Headed(def, s) => {
                let (hdr, rest) = p.split_at(def.len);
                Value::Headed(
                    hdr,
                    def,
                    Attrs::new(rest, attr.payload_offset() + def.len),
                    s,
                )
            }
            Shape::Multipath(s) => {
                Value::Multipath(crate::route::Nexthops::new(p, attr.payload_offset()), s)
            }
            Shape::Structs(def) => {
                if def.len == 0 || p.len() % def.len != 0 {
                    return Err(DecodeError::new(
                        attr.offset(),
                        DecodeErrorKind::BadAttrSize,
                    ));
                }
                Value::Structs(p, def)
            }
            Shape::Srh(def) => def.parse(p).map_or(Value::Raw(p), Value::Srh),
            Shape::ByKind(..) | Shape::ByType(..) | Shape::ByFamily(..) => Value::Raw(p),
        })
    }
}

/// For an attribute of shape [`Shape::ByKind`] in the run `siblings`, the string value of
/// the sibling that names its kind (`IFLA_INFO_KIND`). [`Shape::resolve`] covers every
/// context-dependent shape.
#[inline]
pub fn kind_hint<'a>(shape: Shape, siblings: Attrs<'a>) -> Option<&'a str> {
    match shape {
        Shape::ByKind(k, _) => siblings.find(k).ok().flatten().and_then(|a| a.str().ok()),
        _ => None,
    }
}

/// Whether an `IFLA_INET_CONF` payload `p` reads as nested attributes of `space`: in a
/// request it is nested (`rta_len` 8, type 1..=IPV4_DEVCONF_MAX); in a dump it is a flat
/// `__u32` array. The kernel's own ambiguity, resolved here once for every reader.
pub fn inet_conf_is_nested(p: &[u8], space: &Space) -> bool {
    !p.is_empty()
        && p.len() % 8 == 0
        && p.chunks_exact(8).all(|c| {
            let len = u16::from_ne_bytes([c[0], c[1]]);
            let ty = u16::from_ne_bytes([c[2], c[3]]) & crate::attr::NLA_TYPE_MASK;
            len == 8 && space.get(ty).is_some()
        })
}
