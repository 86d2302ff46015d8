//! Attribute spaces as data: one table per space says, for each attribute type, its kernel
//! name and the shape of its payload. The typed view ([`crate::value::Value`]), the owned model
//! ([`crate::model`]), the renderers and the proptest/fuzz generators all read these tables,
//! so adding an attribute is one line in one family module.

use crate::attr::Attrs;
use crate::error::EncodeError;

/// The layout of an attribute's payload.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Shape {
    /// Opaque bytes: the codec keeps them as they are.
    Raw,
    /// No payload (the attribute's presence is the value).
    Flag,
    /// `__u8`.
    U8,
    /// Host-order `__u16`.
    U16,
    /// Host-order `__u32`.
    U32,
    /// Host-order `__s32`.
    I32,
    /// Host-order `__u64`.
    U64,
    /// A variable-width unsigned number (`NLA_UINT`, written by `nla_put_uint`): a
    /// host-order `__u32`, or a `__u64` when the value does not fit. Read by its length as
    /// [`Value::U32`](crate::value::Value::U32) or [`Value::U64`](crate::value::Value::U64), so that each form re-emits at its own width.
    Uint,
    /// Network-order `__be16` (ports).
    Be16,
    /// Network-order `__be32`.
    Be32,
    /// Network-order `__be64` (tunnel ids: the kernel reads them with `nla_get_be64`).
    Be64,
    /// A C string; the NUL is optional on input (iproute2 omits it for `IFLA_INFO_KIND`).
    Str,
    /// A link-layer address, shown as `aa:bb:cc:...`.
    LlAddr,
    /// An IPv4 (4 bytes) or IPv6 (16 bytes) address.
    Ip,
    /// `RTA_VIA`: `struct rtvia` (`__kernel_sa_family_t rtvia_family` then the address).
    Via,
    /// Nested attributes of another space.
    Nested(&'static Space),
    /// A YNL `indexed-array`: a nest whose children are the slots of an array, each of
    /// type its position (0, 1, 2 ...; the kernel skips empty slots, as `bond_fill_info`
    /// skips unset targets) and each a payload of the one shape `.0`.
    Indexed(&'static Shape),
    /// An array of numbers (a C struct of equal-width fields such as `ifa_cacheinfo`,
    /// or a devconf array), with the names of its elements.
    Array(Elem, Labels),
    /// `IFLA_INET_CONF`: the kernel dumps a `__u32` array indexed by `IPV4_DEVCONF_* - 1`,
    /// but takes nested `__u32` attributes whose type is the `IPV4_DEVCONF_*` index. The
    /// space is `IPV4_DEVCONF_*`.
    InetConf(&'static Space),
    /// `VETH_INFO_PEER`: an `ifinfomsg` followed by link attributes.
    Peer(&'static Space),
    /// `RTA_MULTIPATH`: a list of `rtnexthop`, each followed by route attributes.
    Multipath(&'static Space),
    /// A fixed C struct `.0` followed, without an attribute header of its own, by
    /// attributes of `.1` (`MDBA_MDB_ENTRY_INFO`: `struct br_mdb_entry` then
    /// `MDBA_MDB_EATTR_*`; `MDBA_ROUTER_PORT`: a `__u32` ifindex then
    /// `MDBA_ROUTER_PATTR_*`). A payload shorter than the struct stays raw.
    Headed(&'static HeaderDef, &'static Space),
    /// An array of a fixed C struct whose fields differ in width (`NHA_GROUP`: `struct
    /// nexthop_grp`), each element shown by the struct's fields.
    Structs(&'static HeaderDef),
    /// A segment routing header (`SEG6_IPTUNNEL_SRH`, `SEG6_LOCAL_SRH`,
    /// `RPL_IPTUNNEL_SRH`): a fixed header, the `in6_addr` segments it counts, then TLVs
    /// or padding ([`crate::srh`]). One whose lengths disagree stays raw.
    Srh(&'static crate::srh::SrhDef),
    /// `IFLA_INFO_DATA`, `IFLA_INFO_XSTATS`, `IFLA_INFO_SLAVE_DATA`, `TCA_OPTIONS`: the
    /// shape depends on the string value of the sibling attribute of type `.0`
    /// (`IFLA_INFO_KIND`, `TCA_KIND` ...), looked up in the table `.1` of (kind, shape):
    /// mostly a nest of the kind's space, a struct for can's `IFLA_INFO_XSTATS`. Unknown
    /// kinds stay raw.
    ByKind(u16, &'static [(&'static str, Shape)]),
    /// `RTA_ENCAP` / `NHA_ENCAP`: the space depends on the `__u16` value of the sibling
    /// attribute of type `.0` (`RTA_ENCAP_TYPE`), looked up in the table `.1` of (value,
    /// space). Unknown values stay raw.
    ByType(u16, &'static [(u16, &'static Space)]),
    /// `IFLA_PROTINFO`, `IFLA_AF_SPEC`, `RTA_DST`: the shape depends on the family byte of
    /// the message's header (`ifi_family`, `rtm_family`), looked up in the table `.0` of
    /// (family, shape); other families, and attributes below the top level, use `.1`.
    ByFamily(&'static [(u8, Shape)], &'static Shape),
}

/// The attributes around an attribute, as a reader holds them (wire [`Attrs`], the
/// model's nodes, a renderer's JSON): what a context-dependent shape ([`Shape::ByKind`],
/// [`Shape::ByType`]) reads to choose its space. Each lookup is of the first sibling of
/// that type, read the way the wire reader reads it.
pub trait Siblings {
    /// The string value of the first sibling of type `kind` (up to its first NUL).
    fn str_value(&self, kind: u16) -> Option<&str>;
    /// The `__u16` value of the first sibling of type `kind`.
    fn u16_value(&self, kind: u16) -> Option<u16>;
}

impl Siblings for Attrs<'_> {
    fn str_value(&self, kind: u16) -> Option<&str> {
        self.clone()
            .find(kind)
            .ok()
            .flatten()
            .and_then(|a| a.str().ok())
    }
    fn u16_value(&self, kind: u16) -> Option<u16> {
        self.clone()
            .find(kind)
            .ok()
            .flatten()
            .and_then(|a| a.u16().ok())
    }
}

/// No siblings (a lone attribute): every context-dependent shape stays raw.
impl Siblings for () {
    fn str_value(&self, _: u16) -> Option<&str> {
        None
    }
    fn u16_value(&self, _: u16) -> Option<u16> {
        None
    }
}

impl Shape {
    /// This shape where it stands: a context-dependent shape ([`Shape::ByKind`],
    /// [`Shape::ByType`]) becomes `Nested` of the space its `siblings` choose, or `Raw`
    /// when they choose none; [`Shape::ByFamily`] becomes the shape the header's `family`
    /// chooses (top-level attributes only; `None` below). Other shapes are returned as
    /// they are. This is the one place that choice is made, for every reader and writer.
    pub fn resolve<S: Siblings + ?Sized>(self, siblings: &S, family: Option<u8>) -> Shape {
        if let Shape::ByFamily(table, other) = self {
            let chosen = family.and_then(|f| table.iter().find(|(n, _)| *n == f));
            return chosen.map_or(*other, |(_, s)| *s);
        }
        let chosen = match self {
            Shape::ByKind(k, table) => {
                let chosen = siblings
                    .str_value(k)
                    .and_then(|v| table.iter().find(|(n, _)| *n == v));
                return chosen.map_or(Shape::Raw, |(_, s)| *s);
            }
            Shape::ByType(k, table) => siblings
                .u16_value(k)
                .and_then(|v| table.iter().find(|(n, _)| *n == v))
                .map(|(_, s)| *s),
            shape => return shape,
        };
        chosen.map_or(Shape::Raw, Shape::Nested)
    }

    /// The space the children of an attribute of this (resolved) shape live in; [`EMPTY`]
    /// for shapes without children.
    pub fn child_space(self) -> &'static Space {
        match self {
            Shape::Nested(s)
            | Shape::InetConf(s)
            | Shape::Peer(s)
            | Shape::Multipath(s)
            | Shape::Headed(_, s) => s,
            _ => &EMPTY,
        }
    }

    /// The element names of an array-valued attribute of this shape.
    pub fn array_labels(self) -> Labels {
        match self {
            Shape::Array(_, l) => l,
            Shape::InetConf(s) => Labels::Space(s, 1),
            _ => Labels::List(&[]),
        }
    }
}

/// Names of the elements of a [`Shape::Array`].
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Labels {
    /// Element `i` is named `list[i]` (struct fields).
    List(&'static [&'static str]),
    /// Element `i` is named like type `i + base` of a space (`IPV4_DEVCONF_*` from 1).
    Space(&'static Space, u16),
}

impl Labels {
    /// The name of element `i`, if known.
    pub fn get(self, i: usize) -> Option<&'static str> {
        match self {
            Labels::List(l) => l.get(i).copied(),
            Labels::Space(s, base) => u16::try_from(i)
                .ok()
                .and_then(|i| i.checked_add(base))
                .and_then(|k| s.name_of(k)),
        }
    }
    /// The index of the element named `name`.
    pub fn index_of(self, name: &str) -> Option<usize> {
        match self {
            Labels::List(l) => l.iter().position(|n| *n == name),
            Labels::Space(s, base) => s
                .by_name(name)
                .and_then(|d| usize::from(d.kind).checked_sub(usize::from(base))),
        }
    }
}

/// Element type of a [`Shape::Array`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Elem {
    /// `__u32`.
    U32,
    /// `__s32`.
    I32,
    /// `__u64`.
    U64,
    /// `__u16`.
    U16,
}

impl Elem {
    /// Bytes per element.
    pub const fn size(self) -> usize {
        match self {
            Elem::U16 => 2,
            Elem::U32 | Elem::I32 => 4,
            Elem::U64 => 8,
        }
    }
}

/// One attribute type in a space.
#[derive(Debug, Clone, Copy)]
pub struct AttrDef {
    /// The type number.
    pub kind: u16,
    /// The kernel macro name (`"IFLA_IFNAME"`).
    pub name: &'static str,
    /// The payload layout.
    pub shape: Shape,
    /// How a number payload's value is named (`LWTUNNEL_ENCAP_SEG6`, `IFA_F_PERMANENT`):
    /// for presentation only, the payload stays the number.
    pub names: Names,
}

/// An attribute space: the table for one `*_MAX`-bounded enum of the uapi.
#[derive(Debug)]
pub struct Space {
    /// A short name for the space (`"IFLA"`, `"IFLA_INFO"`, `"IFLA_AF_SPEC"`).
    pub name: &'static str,
    /// The attributes, sorted by `kind`.
    pub attrs: &'static [AttrDef],
}

impl Space {
    /// The definition of type `kind`, if the space has one.
    #[inline]
    pub fn get(&self, kind: u16) -> Option<&'static AttrDef> {
        // Most spaces are dense (`attrs[k].kind == k`): try the direct index first.
        let attrs: &'static [AttrDef] = self.attrs;
        if let Some(d) = attrs.get(usize::from(kind)) {
            if d.kind == kind {
                return Some(d);
            }
        }
        self.attrs
            .binary_search_by_key(&kind, |d| d.kind)
            .ok()
            .map(|i| &self.attrs[i])
    }
    /// The kernel name of `kind`.
    pub fn name_of(&self, kind: u16) -> Option<&'static str> {
        self.get(kind).map(|d| d.name)
    }
    /// The definition with kernel name `name`.
    pub fn by_name(&self, name: &str) -> Option<&'static AttrDef> {
        self.attrs.iter().find(|d| d.name == name)
    }
    /// The shape of `kind` (`Raw` for unknown types).
    #[inline]
    pub fn shape(&self, kind: u16) -> Shape {
        self.get(kind).map_or(Shape::Raw, |d| d.shape)
    }
}

/// A space with no known attributes (used for unknown nests).
pub static EMPTY: Space = Space {
    name: "",
    attrs: &[],
};

/// Declare an attribute space: constants, their doc lines, and the table. A number
/// attribute whose value is a uapi enum or set of flags names them after its shape
/// (`; Enum(TABLE)` or `; Flags(TABLE)`, a [`Names`]).
///
/// ```ignore
/// attr_space! {
///     /// Link attributes.
///     pub static LINK = "IFLA" {
///         IFLA_ADDRESS = 1 => LlAddr,
///         IFLA_OPERSTATE = 16 => U8; Enum(IF_OPER_NAMES),
///     }
/// }
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! attr_space {
    (
        $(#[$sdoc:meta])*
        pub static $space:ident = $sname:literal {
            $( $name:ident = $val:literal $(as $disp:literal)? => $shape:expr $(; $names:expr)?, )*
        }
    ) => {
        $(
            #[doc = concat!("`", stringify!($name), "` (", stringify!($val), ").")]
            pub const $name: u16 = $val;
        )*
        $(#[$sdoc])*
        pub static $space: $crate::schema::Space = $crate::schema::Space {
            name: $sname,
            attrs: &[ $( $crate::schema::AttrDef {
                kind: $val,
                name: $crate::__attr_name!($($disp)? ; $name),
                shape: { #[allow(unused_imports)] use $crate::schema::Shape::*; $shape },
                names: $crate::__attr_names!($($names)?),
            }, )* ],
        };
    };
}

/// The display name of a table entry: the `as "..."` override, else the constant's name.
#[macro_export]
#[doc(hidden)]
macro_rules! __attr_name {
    ($d:literal ; $n:ident) => {
        $d
    };
    (; $n:ident) => {
        stringify!($n)
    };
}

/// The value names of a table entry: the `; Enum(..)`/`; Flags(..)` given, else none.
#[macro_export]
#[doc(hidden)]
macro_rules! __attr_names {
    ($n:expr) => {{
        #[allow(unused_imports)]
        use $crate::schema::Names::{Enum, Flags};
        $n
    }};
    () => {
        $crate::schema::Names::None
    };
}

/// A numeric field of a fixed family header, for renderers and text encoders.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The uapi field name (`"ifi_index"`).
    pub name: &'static str,
    /// Byte offset in the header.
    pub offset: usize,
    /// Width in bytes (1, 2, 4 or 8).
    pub size: usize,
    /// Signed (`int`) rather than unsigned.
    pub signed: bool,
    /// Network byte order (`__be16` ports), rather than the host's.
    pub big_endian: bool,
    /// How to name the value.
    pub names: Names,
    /// A bit range of the field's number, as (shift, width), when several fields share its
    /// bytes (`struct mpls_label`'s `label`, `tc`, `bos` and `ttl`); `None` for the whole.
    pub bits: Option<(u32, u32)>,
}

impl Field {
    /// Whether the field is a byte array wider than any number (`char name[16]`, `__u8
    /// mac[32]`): [`HeaderDef::bytes`] reads it, [`HeaderDef::read`] does not, and its
    /// [`Names`] say how to show it ([`Names::CStr`], [`Names::LlAddr`], else hex).
    pub const fn holds_bytes(&self) -> bool {
        self.size > 8
    }

    /// The field `name` that is bits `shift..shift + width` of this field's number (which
    /// then holds more than one), unsigned.
    pub const fn bits(self, name: &'static str, shift: u32, width: u32) -> Field {
        Field {
            name,
            signed: false,
            bits: Some((shift, width)),
            ..self
        }
    }
}

/// How a numeric field's value is named.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Names {
    /// Plain number.
    None,
    /// One of a set of values (`AF_INET6`, `RTN_UNICAST`).
    Enum(&'static [(u64, &'static str)]),
    /// A set of bit flags (`IFF_UP|IFF_LOWER_UP`).
    Flags(&'static [(u64, &'static str)]),
    /// A link-layer address held in the field's bytes, in order (`struct
    /// ifla_bridge_id`'s `addr`, `struct ifla_vf_mac`'s `mac[32]`), shown as
    /// `aa:bb:cc:dd:ee:ff`.
    LlAddr,
    /// A `char name[N]` field ([`Field::holds_bytes`]): a C string, NUL-padded to the
    /// field's width.
    CStr,
}

impl Names {
    /// The name of a single value, for [`Names::Enum`].
    pub fn enum_name(self, v: u64) -> Option<&'static str> {
        match self {
            Names::Enum(t) => t.iter().find(|(x, _)| *x == v).map(|(_, n)| *n),
            _ => None,
        }
    }
    /// The value of a name (an enum name or a single flag name).
    pub fn value_of(self, name: &str) -> Option<u64> {
        match self {
            Names::Enum(t) | Names::Flags(t) => t.iter().find(|(_, n)| *n == name).map(|(v, _)| *v),
            Names::None | Names::LlAddr | Names::CStr => None,
        }
    }
    /// The names of the set bits of `v`, and the bits that have no name. A name of several
    /// bits (`GRE_REC`, `0x0700`) is one of `v`'s only when all its bits are set; the bits
    /// of a part of it are left over.
    pub fn flag_names(self, v: u64) -> (impl Iterator<Item = &'static str>, u64) {
        let t: &'static [(u64, &'static str)] = match self {
            Names::Flags(t) => t,
            _ => &[],
        };
        let set = move |b: u64| b != 0 && v & b == b;
        let named = t
            .iter()
            .filter(|(b, _)| set(*b))
            .fold(0u64, |a, (b, _)| a | b);
        (
            t.iter().filter(move |(b, _)| set(*b)).map(|(_, n)| *n),
            v & !named,
        )
    }
}

/// A fixed family header (`ifinfomsg`, `rtmsg`, ...) described as fields.
#[derive(Debug)]
pub struct HeaderDef {
    /// The C struct name.
    pub name: &'static str,
    /// Its size on the wire (before alignment).
    pub len: usize,
    /// Its fields, in order.
    pub fields: &'static [Field],
}

impl HeaderDef {
    /// Read field `f` from `bytes` (the header, as on the wire), sign-extended for signed
    /// fields; `None` if `bytes` ends before the field does. A `__u64` above `i64::MAX`
    /// reads as the `i64` of the same bits (which [`HeaderDef::write`] takes back).
    pub fn read(&self, f: &Field, bytes: &[u8]) -> Option<i64> {
        if let Some((shift, width)) = f.bits {
            let whole = self.read(&Field { bits: None, ..*f }, bytes)?;
            return Some((whole as u64 >> shift & mask(width)) as i64);
        }
        let b = bytes.get(f.offset..f.offset.checked_add(f.size)?)?;
        let mut wide = [0u8; 8];
        let raw = match (b.len(), f.big_endian) {
            (1, _) => u64::from(b[0]),
            (2, false) => u64::from(u16::from_ne_bytes([b[0], b[1]])),
            (2, true) => u64::from(u16::from_be_bytes([b[0], b[1]])),
            (4, false) => u64::from(u32::from_ne_bytes([b[0], b[1], b[2], b[3]])),
            (4, true) => u64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])),
            // A byte array (`__u8 vsi_type_id[3]`, `__u8 addr[6]`): its bytes in order,
            // as a number.
            (n @ (3 | 6), true) => {
                wide[8 - n..].copy_from_slice(b);
                u64::from_be_bytes(wide)
            }
            (8, be) => {
                wide.copy_from_slice(b);
                if be {
                    u64::from_be_bytes(wide)
                } else {
                    u64::from_ne_bytes(wide)
                }
            }
            _ => return None, // no header field has another width
        };
        // Sign-extend (two's complement) from the field's width.
        Some(match (f.signed, f.size) {
            (true, 1) => i64::from(raw as u8 as i8),
            (true, 2) => i64::from(raw as u16 as i16),
            (true, 4) => i64::from(raw as u32 as i32),
            _ => raw as i64,
        })
    }

    /// Write `v` into field `f` of `bytes`; fails if `v` does not fit the field, or
    /// `bytes` ends before the field does.
    pub fn write(&self, f: &Field, bytes: &mut [u8], v: i64) -> Result<(), EncodeError> {
        if let Some((shift, width)) = f.bits {
            return self.write_bits(f, bytes, v, shift, width);
        }
        let past_end = EncodeError::FieldPastEnd { field: f.name };
        let end = f.offset.checked_add(f.size).ok_or(past_end)?;
        let b = bytes.get_mut(f.offset..end).ok_or(past_end)?;
        let (fits, ty) = match (f.size, f.signed) {
            (1, false) => (u8::try_from(v).is_ok(), "u8"),
            (1, true) => (i8::try_from(v).is_ok(), "i8"),
            (2, false) => (u16::try_from(v).is_ok(), "u16"),
            (2, true) => (i16::try_from(v).is_ok(), "i16"),
            (4, false) => (u32::try_from(v).is_ok(), "u32"),
            (4, true) => (i32::try_from(v).is_ok(), "i32"),
            (3, false) => ((0..1 << 24).contains(&v), "a 3-byte field"),
            (6, false) => ((0..1 << 48).contains(&v), "a 6-byte field"),
            // Every i64 is the bits of some __u64 / __s64 (see `read`).
            (8, _) => (true, "u64"),
            (size, _) => {
                return Err(EncodeError::FieldWidth {
                    field: f.name,
                    size,
                })
            }
        };
        if !fits {
            return Err(EncodeError::FieldOutOfRange {
                field: f.name,
                value: v,
                ty,
            });
        }
        // The low `size` bytes of `v`, in the field's byte order.
        let (le, be) = (v.to_le_bytes(), v.to_be_bytes());
        if f.big_endian {
            b.copy_from_slice(&be[8 - f.size..]);
        } else if cfg!(target_endian = "little") {
            b.copy_from_slice(&le[..f.size]);
        } else {
            b.copy_from_slice(&be[8 - f.size..]);
        }
        Ok(())
    }
}

impl HeaderDef {
    /// The bytes of field `f` in `bytes` (for a [`Field::holds_bytes`] field, its value);
    /// `None` if `bytes` ends before the field does.
    pub fn bytes<'b>(&self, f: &Field, bytes: &'b [u8]) -> Option<&'b [u8]> {
        bytes.get(f.offset..f.offset.checked_add(f.size)?)
    }

    /// Write `v` into the byte-array field `f` of `bytes`, followed by zeros to the
    /// field's width (a `char name[16]` holds its string NUL-padded); fails if `v` is
    /// longer than the field, or `bytes` ends before the field does.
    pub fn write_bytes(&self, f: &Field, bytes: &mut [u8], v: &[u8]) -> Result<(), EncodeError> {
        let past_end = EncodeError::FieldPastEnd { field: f.name };
        let end = f.offset.checked_add(f.size).ok_or(past_end)?;
        let b = bytes.get_mut(f.offset..end).ok_or(past_end)?;
        if v.len() > b.len() {
            return Err(EncodeError::FieldTooLong {
                field: f.name,
                len: v.len(),
                size: f.size,
            });
        }
        let (head, tail) = b.split_at_mut(v.len());
        head.copy_from_slice(v);
        tail.fill(0);
        Ok(())
    }

    /// Whether one element `elem` of this struct is what its fields say: the bytes
    /// between and after the fields (the C compiler's padding) are zero, and each
    /// [`Names::CStr`] field is UTF-8 up to its first NUL and zero after it. Only then can
    /// a reader that rebuilds the struct from its shown fields give back its bytes; the
    /// model keeps other elements raw.
    pub fn is_canonical(&self, elem: &[u8]) -> bool {
        let covered = |i: usize| {
            self.fields
                .iter()
                .any(|f| (f.offset..f.offset + f.size).contains(&i))
        };
        let gaps_zero = elem.iter().enumerate().all(|(i, &b)| b == 0 || covered(i));
        gaps_zero
            && self
                .fields
                .iter()
                .filter(|f| matches!(f.names, Names::CStr))
                .all(|f| self.bytes(f, elem).is_some_and(|b| c_str(b).is_some()))
    }
}

/// A NUL-padded `char[N]` as its string: UTF-8 up to the first NUL (or the whole
/// array), zeros after it; `None` otherwise.
pub fn c_str(b: &[u8]) -> Option<&str> {
    let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
    let (s, pad) = b.split_at(end);
    pad.iter()
        .all(|&c| c == 0)
        .then(|| core::str::from_utf8(s).ok())
        .flatten()
}

impl HeaderDef {
    /// [`HeaderDef::write`] of a bit range: the other bits of the number stay as they are.
    fn write_bits(
        &self,
        f: &Field,
        bytes: &mut [u8],
        v: i64,
        shift: u32,
        width: u32,
    ) -> Result<(), EncodeError> {
        let whole = Field { bits: None, ..*f };
        let Some(old) = self.read(&whole, bytes) else {
            return Err(EncodeError::FieldPastEnd { field: f.name });
        };
        let bits = u64::try_from(v).ok().filter(|&b| b <= mask(width));
        let Some(bits) = bits else {
            let ty = "a bit range";
            return Err(EncodeError::FieldOutOfRange {
                field: f.name,
                value: v,
                ty,
            });
        };
        let new = old as u64 & !(mask(width) << shift) | bits << shift;
        self.write(&whole, bytes, new as i64)
    }
}

/// The low `width` bits set.
const fn mask(width: u32) -> u64 {
    if width >= 64 {
        u64::MAX
    } else {
        (1 << width) - 1
    }
}

/// The integer types of header struct fields: their width and signedness, so that a
/// [`Field`] takes both from the struct instead of restating them.
#[doc(hidden)]
pub trait HeaderInt {
    /// Width in bytes.
    const SIZE: usize;
    /// Signed (`int`) rather than unsigned.
    const SIGNED: bool;
    /// Network byte order.
    const BIG_ENDIAN: bool;
}

macro_rules! header_ints {
    ($( $t:ty => $size:expr, $signed:expr, $be:expr; )*) => {
        $( impl HeaderInt for $t {
            const SIZE: usize = $size;
            const SIGNED: bool = $signed;
            const BIG_ENDIAN: bool = $be;
        } )*
    };
}

header_ints! {
    u8 => 1, false, false;
    i8 => 1, true, false;
    zerocopy::byteorder::native_endian::U16 => 2, false, false;
    zerocopy::byteorder::native_endian::I16 => 2, true, false;
    zerocopy::byteorder::native_endian::U32 => 4, false, false;
    zerocopy::byteorder::native_endian::I32 => 4, true, false;
    zerocopy::byteorder::native_endian::U64 => 8, false, false;
}

// Byte arrays (`__u8 prio[2]`, `__u8 vsi_type_id[3]`, `__u8 addr[6]`): their bytes in
// order, as a number.
header_ints! {
    [u8; 2] => 2, false, true;
    [u8; 3] => 3, false, true;
    [u8; 6] => 6, false, true;
}

// Byte arrays wider than any number (`char name[16]`, `__u8 mac[32]`): read as bytes
// ([`Field::holds_bytes`]).
header_ints! {
    [u8; 16] => 16, false, false;
    [u8; 32] => 32, false, false;
}

// On a big-endian host the network-order types are the native ones (above), which read
// the same bytes the same way.
#[cfg(target_endian = "little")]
header_ints! {
    zerocopy::byteorder::network_endian::U16 => 2, false, true;
    zerocopy::byteorder::network_endian::U32 => 4, false, true;
    zerocopy::byteorder::network_endian::U64 => 8, false, true;
}

/// The width, signedness and byte order of the field that `get` borrows
/// (`|h: &IfInfoMsg| &h.ifi_index`).
#[doc(hidden)]
pub const fn header_int<T, F: HeaderInt>(_get: fn(&T) -> &F) -> (usize, bool, bool) {
    (F::SIZE, F::SIGNED, F::BIG_ENDIAN)
}

/// The [`Field`] for field `$field` of the zerocopy header struct `$T`: its offset
/// (`offset_of!`), width and signedness (its type) come from the struct, so they cannot
/// disagree with it. The uapi name is the field's, unless given (`ifi_pad as "__ifi_pad"`).
#[macro_export]
#[doc(hidden)]
macro_rules! field {
    (@ $T:ty, $field:ident, $name:expr, $names:expr) => {{
        let (size, signed, big_endian) = $crate::schema::header_int(|h: &$T| &h.$field);
        $crate::schema::Field {
            name: $name,
            offset: ::core::mem::offset_of!($T, $field),
            size,
            signed,
            big_endian,
            names: $names,
            bits: None,
        }
    }};
    ($T:ty, $field:ident) => {
        $crate::field!(@ $T, $field, stringify!($field), $crate::schema::Names::None)
    };
    ($T:ty, $field:ident, $names:expr) => {
        $crate::field!(@ $T, $field, stringify!($field), $names)
    };
    ($T:ty, $field:ident as $name:literal) => {
        $crate::field!(@ $T, $field, $name, $crate::schema::Names::None)
    };
}
