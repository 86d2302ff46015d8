//! Typed representations beside the checked views, as smoltcp pairs `Ipv4Repr` with
//! `Ipv4Packet`: [`LinkRepr`], [`AddrRepr`], [`RouteRepr`], [`NsidRepr`],
//! [`NeighTblRepr`] and [`ErrorRepr`].
//!
//! Each has `parse(&NlMsg)`, which types every modelled attribute and borrows strings and
//! byte strings from the buffer (no allocation), `buffer_len()`, `emit(&mut
//! MessageBuilder)`, which writes exactly `buffer_len()` bytes after the `nlmsghdr`, and
//! `Display`. Every attribute number comes from the family's `attr_space!` table (a
//! test checks each field against the table's shape).
//!
//! **Lossless.** A parsed value keeps the attribute run it came from ([`Original`]). `emit`
//! walks that run in its order: an unmodelled attribute (or a repeated modelled one) is
//! copied as it was; a modelled one is written from its field, as the original bytes when
//! the field still holds the value read from them, so quirks such as a missing NUL or
//! `NLA_F_NESTED` survive. Fields set after parsing (or on a value built from scratch)
//! follow, in the field order. So parse → emit of a kernel message gives its bytes back.
//!
//! ```
//! use netlink_codec::{build::MessageBuilder, header::*, repr::LinkRepr};
//! # let buf = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/0007-rep.bin")).unwrap();
//! let msg = Messages::new(&buf).next().unwrap()?;
//! let link = LinkRepr::parse(&msg)?;
//! assert_eq!(link.attrs.ifname, Some("vh-pod1"));
//!
//! let mut out = Vec::new();
//! let mut m = MessageBuilder::new(&mut out, msg.msg_type(), msg.flags(), msg.seq())?;
//! link.emit(&mut m)?;
//! assert_eq!(m.finish()?, 16 + link.buffer_len());
//! assert_eq!(out[16..], buf[16..16 + msg.payload().len()]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::attr::{Attr, Attrs, EmitBuf, Emitter, Nest, RtAttr};
use crate::error::{DecodeError, EncodeError};
use crate::header::align;
use crate::schema::Shape;
use core::fmt;

mod ack;
mod addr;
mod link;
mod neightbl;
mod nsid;
mod route;
mod wire;

pub use ack::*;
pub use addr::*;
pub use link::*;
pub use neightbl::*;
pub use nsid::*;
pub use route::*;
pub use wire::{I32Array, U32Array};

pub(crate) use wire::Wire;

/// The attribute run a value was parsed from (empty for a value built from scratch).
/// `emit` copies its unmodelled attributes back in their original order.
///
/// ```
/// use netlink_codec::repr::{LinkAttrs, Original};
/// let built = LinkAttrs { mtu: Some(1500), ..Default::default() };
/// assert_eq!(built.original, Original::default());
/// assert_eq!(built.original.bytes(), &[] as &[u8]);
/// assert_eq!(built.original.attrs().count(), 0);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Original<'a> {
    bytes: &'a [u8],
}

impl<'a> Original<'a> {
    /// The attribute bytes as parsed.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }
    /// The attributes as parsed (offsets relative to the run). They were checked by
    /// `parse`, so iterating them yields no error.
    pub fn attrs(&self) -> Attrs<'a> {
        Attrs::new(self.bytes, 0)
    }
}

/// One typed field of a repr: the Rust field and the attribute it reads and writes. The
/// `FIELDS` constants list them, and `space()` gives the table that defines them, for
/// checks against the tables.
///
/// ```
/// use netlink_codec::{link::IFLA_MTU, repr::LinkAttrs};
/// let mtu = LinkAttrs::FIELDS.iter().find(|f| f.name == "mtu").unwrap();
/// assert_eq!(mtu.kind, IFLA_MTU);
/// assert!((mtu.shape_ok)(&LinkAttrs::space().shape(mtu.kind)));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ReprField {
    /// The Rust field name.
    pub name: &'static str,
    /// The attribute type it reads and writes.
    pub kind: u16,
    /// Whether the table's shape for `kind` is one this field's Rust type reads.
    pub shape_ok: fn(&Shape) -> bool,
}

/// Where a repr writes: a real [`Emitter`], or a [`Counter`] that only adds up lengths
/// (so `buffer_len` and `emit` run the same code).
pub(crate) trait Sink {
    /// Bytes as they are.
    fn raw(&mut self, bytes: &[u8]) -> Result<(), EncodeError>;
    /// One attribute with a payload in pieces, zero-padded.
    fn attr(&mut self, raw_type: u16, parts: &[&[u8]]) -> Result<(), EncodeError>;
    /// Open a nest whose length `nest_end` patches.
    fn nest_start(&mut self, raw_type: u16) -> Result<Mark, EncodeError>;
    /// Close a nest.
    fn nest_end(&mut self, mark: Mark) -> Result<(), EncodeError>;
}

/// An open nest of a [`Sink`].
pub(crate) enum Mark {
    Emit(Nest),
    Count,
}

impl<B: EmitBuf + ?Sized> Sink for Emitter<'_, B> {
    fn raw(&mut self, bytes: &[u8]) -> Result<(), EncodeError> {
        self.buf().put(bytes)
    }
    fn attr(&mut self, raw_type: u16, parts: &[&[u8]]) -> Result<(), EncodeError> {
        self.attr_parts(raw_type, parts)
    }
    fn nest_start(&mut self, raw_type: u16) -> Result<Mark, EncodeError> {
        Emitter::nest_start(self, raw_type).map(Mark::Emit)
    }
    fn nest_end(&mut self, mark: Mark) -> Result<(), EncodeError> {
        match mark {
            Mark::Emit(n) => Emitter::nest_end(self, n),
            Mark::Count => Err(EncodeError::UnbalancedNest),
        }
    }
}

/// Counts the bytes an emit would write.
#[derive(Default)]
pub(crate) struct Counter(pub(crate) usize);

impl Sink for Counter {
    fn raw(&mut self, bytes: &[u8]) -> Result<(), EncodeError> {
        self.0 += bytes.len();
        Ok(())
    }
    fn attr(&mut self, _: u16, parts: &[&[u8]]) -> Result<(), EncodeError> {
        let len = RtAttr::LEN + parts.iter().map(|p| p.len()).sum::<usize>();
        self.0 += align(len).ok_or(EncodeError::MessageTooLong)?;
        Ok(())
    }
    fn nest_start(&mut self, _: u16) -> Result<Mark, EncodeError> {
        self.0 += RtAttr::LEN;
        Ok(Mark::Count)
    }
    fn nest_end(&mut self, _: Mark) -> Result<(), EncodeError> {
        Ok(())
    }
}

/// Copy a parsed attribute as it was: header, payload and the padding found after it.
pub(crate) fn copy_attr<S: Sink>(s: &mut S, a: &Attr<'_>) -> Result<(), EncodeError> {
    // The attribute was parsed from an `rta_len`, so its length fits a u16.
    let len =
        u16::try_from(RtAttr::LEN + a.payload().len()).map_err(|_| EncodeError::AttrTooLong {
            kind: a.kind(),
            len: a.payload().len(),
        })?;
    s.raw(&len.to_ne_bytes())?;
    s.raw(&a.raw_type().to_ne_bytes())?;
    s.raw(a.payload())?;
    s.raw(a.pad())
}

/// For `Display`: how many attributes of the run no field models.
pub(crate) fn show_unmodelled(f: &mut fmt::Formatter<'_>, n: usize) -> fmt::Result {
    if n > 0 {
        write!(f, " (+{n} unmodelled)")?;
    }
    Ok(())
}

/// Display a link-layer or opaque byte string as `aa:bb:cc`.
pub(crate) fn show_hex(f: &mut fmt::Formatter<'_>, b: &[u8]) -> fmt::Result {
    for (i, x) in b.iter().enumerate() {
        if i > 0 {
            f.write_str(":")?;
        }
        write!(f, "{x:02x}")?;
    }
    Ok(())
}

/// Declares a struct of typed attributes over one space: `parse_attrs`, the lossless
/// `emit_attrs` walk (see the module docs), `FIELDS`, `Display`, and the [`Wire`] impl
/// that lets it sit in a parent as a nest. Every field is `Option<T>`; `T: Wire`.
macro_rules! repr_attrs {
    (
        $(#[$doc:meta])*
        pub struct $name:ident<'a> in $space:path $(, after $hook:path)? {
            $( $(#[$fdoc:meta])* $field:ident: $ty:ty = $kind:path, )*
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default)]
        pub struct $name<'a> {
            $( $(#[$fdoc])* pub $field: Option<$ty>, )*
            /// The attribute run this value was parsed from; its unmodelled attributes are
            /// emitted back in place.
            pub original: $crate::repr::Original<'a>,
            /// Bit `k` set: the attribute of modelled type `k` was left unmodelled, because
            /// the message's header gives it another meaning (`IFLA_AF_SPEC` of `AF_BRIDGE`);
            /// it is emitted back as it was.
            pub left_raw: u128,
        }

        // The seen-set of `emit_attrs` is a u128: modelled types must stay below 128.
        $( const _: () = assert!($kind < 128); )*

        impl<'a> $name<'a> {
            /// Each typed field and its attribute type (see [`crate::repr::ReprField`]).
            pub const FIELDS: &'static [$crate::repr::ReprField] = &[ $(
                $crate::repr::ReprField {
                    name: stringify!($field),
                    kind: $kind,
                    shape_ok: <$ty as $crate::repr::Wire<'a>>::shape_ok,
                },
            )* ];

            /// The attribute table the fields' types come from. (A function: a constant
            /// that refers to a `static` needs Rust 1.83.)
            pub fn space() -> &'static $crate::schema::Space {
                &$space
            }

            /// Parse a run of attributes (`offset`: where `buf` starts in the outermost
            /// buffer, for errors). The first attribute of each modelled type fills its
            /// field; everything else stays in [`Self::original`].
            pub fn parse_attrs(buf: &'a [u8], offset: usize) -> Result<Self, $crate::DecodeError> {
                let mut me = Self::default();
                me.fill(buf, offset)?;
                Ok(me)
            }

            /// [`Self::parse_attrs`] into a default value in place (the reprs are a few
            /// hundred bytes: building them where they live saves copies).
            #[inline]
            pub(crate) fn fill(&mut self, buf: &'a [u8], offset: usize) -> Result<(), $crate::DecodeError> {
                self.fill_with(buf, offset, |_| false, false)
            }

            /// [`Self::fill`], leaving raw (in `original`, flagged in `left_raw`, emitted
            /// back as they were) the modelled attributes of the kinds `leave_raw` names
            /// (whose content depends on the header, such as `IFLA_AF_SPEC`) and, with
            /// `keep_bad_strings`, a modelled string attribute that is not UTF-8, instead
            /// of failing the run.
            #[inline]
            pub(crate) fn fill_with(
                &mut self,
                buf: &'a [u8],
                offset: usize,
                leave_raw: impl Fn(u16) -> bool,
                keep_bad_strings: bool,
            ) -> Result<(), $crate::DecodeError> {
                self.original = $crate::repr::Original::new(buf);
                for a in $crate::attr::Attrs::new(buf, offset) {
                    let a = a?;
                    if a.kind() < 128 && leave_raw(a.kind()) {
                        self.left_raw |= 1u128 << a.kind();
                        continue;
                    }
                    match a.kind() {
                        $( $kind if self.$field.is_none() => {
                            match <$ty as $crate::repr::Wire<'a>>::read(&a) {
                                Ok(v) => self.$field = Some(v),
                                Err(e) if keep_bad_strings
                                    && e.kind == $crate::DecodeErrorKind::BadString => {
                                    self.left_raw |= 1u128 << $kind;
                                }
                                Err(e) => return Err(e),
                            }
                        } )*
                        _ => {}
                    }
                }
                $( $hook(self, buf, offset)?; )?
                Ok(())
            }

            /// Bytes [`Self::emit_attrs`] writes.
            pub fn attrs_len(&self) -> usize {
                let mut c = $crate::repr::Counter::default();
                // The counter never fails but on overflow; then the length is moot.
                let _ = self.write_attrs(&mut c);
                c.0
            }

            /// Write the attributes: the original run in its order with modelled fields
            /// written from their values, then the fields it did not have.
            ///
            #[doc = concat!(
                "```\n",
                "use netlink_codec::{attr::Emitter, repr::", stringify!($name), "};\n",
                "let value = ", stringify!($name), "::default();\n",
                "let mut buf = Vec::new();\n",
                "value.emit_attrs(&mut Emitter::new(&mut buf))?;\n",
                "assert_eq!(buf.len(), value.attrs_len());\n",
                "let back = ", stringify!($name), "::parse_attrs(&buf, 0)?;\n",
                "assert_eq!(back, value);\n",
                "assert_eq!(back.unmodelled().count(), 0);\n",
                "assert!(!", stringify!($name), "::FIELDS.is_empty());\n",
                "assert!(", stringify!($name), "::FIELDS.iter().all(|f| ",
                stringify!($name), "::space().get(f.kind).is_some()));\n",
                "# Ok::<(), Box<dyn std::error::Error>>(())\n",
                "```",
            )]
            pub fn emit_attrs<B: $crate::attr::EmitBuf + ?Sized>(
                &self,
                e: &mut $crate::attr::Emitter<'_, B>,
            ) -> Result<(), $crate::EncodeError> {
                self.write_attrs(e)
            }

            pub(crate) fn write_attrs<S: $crate::repr::Sink>(&self, s: &mut S) -> Result<(), $crate::EncodeError> {
                let mut seen: u128 = 0;
                for a in self.original.attrs() {
                    // `parse` checked the run; `Original` cannot be built otherwise.
                    let Ok(a) = a else { break };
                    match a.kind() {
                        $( $kind if seen & (1u128 << $kind) == 0 => {
                            seen |= 1u128 << $kind;
                            if self.left_raw & (1u128 << $kind) != 0 {
                                $crate::repr::copy_attr(s, &a)?;
                            } else if let Some(v) = &self.$field {
                                $crate::repr::Wire::write(v, a.raw_type(), Some(&a), s)?;
                            }
                        } )*
                        _ => $crate::repr::copy_attr(s, &a)?,
                    }
                }
                $( if seen & (1u128 << $kind) == 0 {
                    if let Some(v) = &self.$field {
                        $crate::repr::Wire::write(v, $kind | <$ty as $crate::repr::Wire<'a>>::FLAGS, None, s)?;
                    }
                } )*
                Ok(())
            }

            /// Attributes of the original run that no field models.
            pub fn unmodelled(&self) -> impl Iterator<Item = $crate::attr::Attr<'a>> + 'a {
                let mut seen: u128 = 0;
                let left_raw = self.left_raw;
                self.original.attrs().filter_map(move |a| {
                    let a = a.ok()?;
                    match a.kind() {
                        $( $kind if seen & (1u128 << $kind) == 0 => {
                            seen |= 1u128 << $kind;
                            (left_raw & (1u128 << $kind) != 0).then_some(a)
                        } )*
                        _ => Some(a),
                    }
                })
            }
        }

        /// Equal typed fields and equal unmodelled attributes, in order (where the
        /// modelled ones sat in the original run does not count).
        impl<'a> PartialEq for $name<'a> {
            fn eq(&self, other: &Self) -> bool {
                let raw = |a: $crate::attr::Attr<'a>| (a.raw_type(), a.payload());
                $( self.$field == other.$field && )*
                    self.unmodelled().map(raw).eq(other.unmodelled().map(raw))
            }
        }

        impl<'a> $crate::repr::Wire<'a> for $name<'a> {
            fn read(a: &$crate::attr::Attr<'a>) -> Result<Self, $crate::DecodeError> {
                Self::parse_attrs(a.payload(), a.payload_offset())
            }
            fn write<S: $crate::repr::Sink>(
                &self,
                raw_type: u16,
                _orig: Option<&$crate::attr::Attr<'a>>,
                s: &mut S,
            ) -> Result<(), $crate::EncodeError> {
                let n = s.nest_start(raw_type)?;
                self.write_attrs(s)?;
                s.nest_end(n)
            }
            fn shape_ok(shape: &$crate::schema::Shape) -> bool {
                matches!(shape, $crate::schema::Shape::Nested(_))
            }
            fn show(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                write!(f, "{{{self} }}")
            }
        }

        /// The set fields as `name value`, then how many attributes are unmodelled.
        impl core::fmt::Display for $name<'_> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                $( if let Some(v) = &self.$field {
                    write!(f, concat!(" ", stringify!($field), " "))?;
                    $crate::repr::Wire::show(v, f)?;
                } )*
                $crate::repr::show_unmodelled(f, self.unmodelled().count())
            }
        }
    };
}
pub(crate) use repr_attrs;

impl<'a> Original<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Original { bytes }
    }
}

/// The family header `T` at the start of `payload` (which starts at `base` of the
/// outermost buffer) and the attribute bytes after it, with their offset.
pub(crate) fn split_body<T>(payload: &[u8], base: usize) -> Result<(&T, &[u8], usize), DecodeError>
where
    T: zerocopy::FromBytes + zerocopy::KnownLayout + zerocopy::Immutable + zerocopy::Unaligned,
{
    let (h, _) = T::ref_from_prefix(payload).map_err(|_| {
        DecodeError::new(base, crate::error::DecodeErrorKind::TruncatedFamilyHeader)
    })?;
    let start = align(core::mem::size_of::<T>()).map_or(payload.len(), |a| a.min(payload.len()));
    Ok((h, &payload[start..], base + start))
}

/// Bytes a family header of `len` bytes takes once padded.
pub(crate) const fn padded(len: usize) -> usize {
    (len + 3) & !3
}

/// Whether the header's `family` gives attribute `kind` of `space` a shape of its own
/// ([`Shape::ByFamily`](crate::schema::Shape::ByFamily)) rather than the usual one the
/// typed field models: `IFLA_AF_SPEC` under `AF_BRIDGE`, `RTA_DST` under `AF_MPLS`. Such
/// attributes stay unmodelled (`left_raw`).
pub(crate) fn family_overrides(space: &crate::schema::Space, kind: u16, family: u8) -> bool {
    matches!(space.shape(kind),
        crate::schema::Shape::ByFamily(chosen, _) if chosen.iter().any(|(f, _)| *f == family))
}
