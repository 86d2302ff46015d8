//! How each field type of a repr reads itself from an attribute and writes itself back.

use core::fmt;
use core::net::IpAddr;

use zerocopy::byteorder::big_endian;
use zerocopy::IntoBytes;

use super::{copy_attr, show_hex, Sink};
use crate::addr::{IfaCacheinfo, IfaFlags};
use crate::attr::Attr;
use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::route::RtaCacheinfo;
use crate::schema::{Elem, Shape};

/// A field type of a repr.
pub(crate) trait Wire<'a>: Sized {
    /// `NLA_F_*` bits a value built from scratch is written with.
    const FLAGS: u16 = 0;
    /// Read the attribute's payload.
    fn read(a: &Attr<'a>) -> Result<Self, DecodeError>;
    /// Write as an attribute of `raw_type`; `orig` is the attribute this field was parsed
    /// from, if any.
    fn write<S: Sink>(
        &self,
        raw_type: u16,
        orig: Option<&Attr<'a>>,
        s: &mut S,
    ) -> Result<(), EncodeError>;
    /// Whether a table shape is one this type reads.
    fn shape_ok(shape: &Shape) -> bool;
    /// For `Display`.
    fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

/// A field that is one attribute's payload (not a nest).
pub(crate) trait Leaf<'a>: Sized + PartialEq {
    fn read(a: &Attr<'a>) -> Result<Self, DecodeError>;
    /// The payload in pieces.
    fn parts<R>(&self, f: impl FnOnce(&[&[u8]]) -> R) -> R;
    fn shape_ok(shape: &Shape) -> bool;
    fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

impl<'a, T: Leaf<'a>> Wire<'a> for T {
    #[inline]
    fn read(a: &Attr<'a>) -> Result<Self, DecodeError> {
        Leaf::read(a)
    }
    fn write<S: Sink>(
        &self,
        raw_type: u16,
        orig: Option<&Attr<'a>>,
        s: &mut S,
    ) -> Result<(), EncodeError> {
        // Unchanged since parsing: the original bytes, quirks included.
        if let Some(o) = orig {
            if <T as Leaf>::read(o).ok().as_ref() == Some(self) {
                return copy_attr(s, o);
            }
        }
        self.parts(|p| s.attr(raw_type, p))
    }
    fn shape_ok(shape: &Shape) -> bool {
        <T as Leaf>::shape_ok(shape)
    }
    fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Leaf::show(self, f)
    }
}

/// The payload as exactly `N` bytes, else the error `Attr`'s own readers give. Local and
/// `#[inline]` so that the per-attribute reads of a repr's parse inline into it.
#[inline]
pub(crate) fn fixed<const N: usize>(a: &Attr<'_>) -> Result<[u8; N], DecodeError> {
    <[u8; N]>::try_from(a.payload())
        .map_err(|_| DecodeError::new(a.offset(), DecodeErrorKind::BadAttrSize))
}

macro_rules! int_leaf {
    ($($ty:ty, $shape:ident;)*) => {$(
        impl<'a> Leaf<'a> for $ty {
            #[inline]
            fn read(a: &Attr<'a>) -> Result<Self, DecodeError> {
                fixed(a).map(<$ty>::from_ne_bytes)
            }
            fn parts<R>(&self, f: impl FnOnce(&[&[u8]]) -> R) -> R {
                f(&[&self.to_ne_bytes()])
            }
            fn shape_ok(shape: &Shape) -> bool {
                matches!(shape, Shape::$shape)
            }
            fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{self}")
            }
        }
    )*};
}
int_leaf! {
    u8, U8;
    u16, U16;
    u32, U32;
    i32, I32;
    u64, U64;
}

impl<'a> Leaf<'a> for &'a str {
    #[inline]
    fn read(a: &Attr<'a>) -> Result<Self, DecodeError> {
        // As `Attr::str`: up to the first NUL, or all of it when unterminated.
        let b = a.payload();
        let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
        core::str::from_utf8(&b[..end])
            .map_err(|_| DecodeError::new(a.offset(), DecodeErrorKind::BadString))
    }
    fn parts<R>(&self, f: impl FnOnce(&[&[u8]]) -> R) -> R {
        f(&[self.as_bytes(), &[0]])
    }
    fn shape_ok(shape: &Shape) -> bool {
        matches!(shape, Shape::Str)
    }
    fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

/// Link-layer addresses and opaque payloads.
impl<'a> Leaf<'a> for &'a [u8] {
    #[inline]
    fn read(a: &Attr<'a>) -> Result<Self, DecodeError> {
        Ok(a.payload())
    }
    fn parts<R>(&self, f: impl FnOnce(&[&[u8]]) -> R) -> R {
        f(&[self])
    }
    fn shape_ok(shape: &Shape) -> bool {
        matches!(
            shape,
            Shape::LlAddr | Shape::Raw | Shape::Nested(_) | Shape::ByKind(..)
        )
    }
    fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        show_hex(f, self)
    }
}

impl<'a> Leaf<'a> for IpAddr {
    #[inline]
    fn read(a: &Attr<'a>) -> Result<Self, DecodeError> {
        match a.payload().len() {
            4 => fixed::<4>(a).map(IpAddr::from),
            _ => fixed::<16>(a).map(IpAddr::from),
        }
    }
    fn parts<R>(&self, f: impl FnOnce(&[&[u8]]) -> R) -> R {
        match self {
            IpAddr::V4(v) => f(&[&v.octets()]),
            IpAddr::V6(v) => f(&[&v.octets()]),
        }
    }
    fn shape_ok(shape: &Shape) -> bool {
        matches!(shape, Shape::Ip)
    }
    fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self}")
    }
}

/// Network-order `__be16` (ports, protocols).
impl<'a> Leaf<'a> for big_endian::U16 {
    #[inline]
    fn read(a: &Attr<'a>) -> Result<Self, DecodeError> {
        fixed(a).map(Self::from_bytes)
    }
    fn parts<R>(&self, f: impl FnOnce(&[&[u8]]) -> R) -> R {
        f(&[self.as_bytes()])
    }
    fn shape_ok(shape: &Shape) -> bool {
        matches!(shape, Shape::Be16)
    }
    fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.get())
    }
}

impl<'a> Leaf<'a> for IfaFlags {
    #[inline]
    fn read(a: &Attr<'a>) -> Result<Self, DecodeError> {
        fixed(a).map(|b| IfaFlags::from_bits_retain(u32::from_ne_bytes(b)))
    }
    fn parts<R>(&self, f: impl FnOnce(&[&[u8]]) -> R) -> R {
        f(&[&self.bits().to_ne_bytes()])
    }
    fn shape_ok(shape: &Shape) -> bool {
        matches!(shape, Shape::U32)
    }
    fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#x}", self.bits())
    }
}

macro_rules! struct_leaf {
    ($($ty:ty;)*) => {$(
        impl<'a> Leaf<'a> for $ty {
            #[inline]
            fn read(a: &Attr<'a>) -> Result<Self, DecodeError> {
                <$ty as zerocopy::FromBytes>::read_from_bytes(a.payload())
                    .map_err(|_| DecodeError::new(a.offset(), DecodeErrorKind::BadAttrSize))
            }
            fn parts<R>(&self, f: impl FnOnce(&[&[u8]]) -> R) -> R {
                f(&[self.as_bytes()])
            }
            fn shape_ok(shape: &Shape) -> bool {
                matches!(shape, Shape::Array(Elem::U32, _))
            }
            fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{self:?}")
            }
        }
    )*};
}
struct_leaf! {
    IfaCacheinfo;
    RtaCacheinfo;
}

macro_rules! array_type {
    ($(#[$doc:meta])* $name:ident, $elem:ty, $shape:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub struct $name<'a> {
            bytes: &'a [u8],
        }

        impl<'a> $name<'a> {
            /// View `bytes` as host-order elements; `None` unless its length is a multiple
            /// of the element size.
            pub fn new(bytes: &'a [u8]) -> Option<Self> {
                (bytes.len() % core::mem::size_of::<$elem>() == 0).then_some($name { bytes })
            }
            /// The payload bytes.
            pub fn bytes(&self) -> &'a [u8] {
                self.bytes
            }
            /// Number of elements.
            pub fn len(&self) -> usize {
                self.bytes.len() / core::mem::size_of::<$elem>()
            }
            /// True when there are no elements.
            pub fn is_empty(&self) -> bool {
                self.bytes.is_empty()
            }
            /// Element `i`, if the array has it.
            pub fn get(&self, i: usize) -> Option<$elem> {
                const N: usize = core::mem::size_of::<$elem>();
                let at = i.checked_mul(N)?;
                let b = self.bytes.get(at..at.checked_add(N)?)?;
                b.try_into().ok().map(<$elem>::from_ne_bytes)
            }
            /// The elements in order.
            pub fn iter(&self) -> impl Iterator<Item = $elem> + 'a {
                const N: usize = core::mem::size_of::<$elem>();
                self.bytes
                    .chunks_exact(N)
                    .filter_map(|c| c.try_into().ok().map(<$elem>::from_ne_bytes))
            }
        }

        impl<'a> Leaf<'a> for $name<'a> {
            fn read(a: &Attr<'a>) -> Result<Self, DecodeError> {
                $name::new(a.payload())
                    .ok_or(DecodeError::new(a.offset(), DecodeErrorKind::BadAttrSize))
            }
            fn parts<R>(&self, f: impl FnOnce(&[&[u8]]) -> R) -> R {
                f(&[self.bytes])
            }
            fn shape_ok(shape: &Shape) -> bool {
                matches!(shape, Shape::Array(Elem::$shape, _))
            }
            fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "[{} values]", self.len())
            }
        }
    };
}

array_type!(
    /// An array of host-order `__u32` in one attribute (`IFLA_INET_CONF` as dumped).
    ///
    /// ```
    /// use netlink_codec::repr::U32Array;
    /// let bytes = [1u32, 0, 7].map(u32::to_ne_bytes).concat();
    /// let a = U32Array::new(&bytes).unwrap();
    /// assert_eq!((a.len(), a.get(2), a.get(3)), (3, Some(7), None));
    /// assert_eq!(a.iter().sum::<u32>(), 8);
    /// assert!(U32Array::new(&bytes[..5]).is_none());
    /// ```
    U32Array, u32, U32
);
array_type!(
    /// An array of host-order `__s32` in one attribute (`IFLA_INET6_CONF`, indexed by
    /// `DEVCONF_*`).
    ///
    /// ```
    /// use netlink_codec::{link::DEVCONF_FORWARDING, repr::I32Array};
    /// let bytes = [1i32, -1].map(i32::to_ne_bytes).concat();
    /// let a = I32Array::new(&bytes).unwrap();
    /// assert_eq!(a.get(usize::from(DEVCONF_FORWARDING)), Some(1));
    /// assert_eq!(a.iter().collect::<Vec<_>>(), [1, -1]);
    /// ```
    I32Array, i32, I32
);
