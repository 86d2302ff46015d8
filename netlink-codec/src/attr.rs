//! `struct rtattr` (a.k.a. `nlattr`): the type-length-value items after a family header.
//!
//! ```text
//!  0               1               2               3
//! +-------------------------------+-------------------------------+
//! |   rta_len (u16): 4 + payload  | rta_type (u16): bit 15 NESTED,|
//! |   (padding not included)      |   bit 14 NET_BYTEORDER        |
//! +-------------------------------+-------------------------------+
//! |   payload (rta_len - 4 bytes), then 0-3 zero bytes to align   |
//! +---------------------------------------------------------------+
//! ```
//!
//! [`Attrs`] iterates a run of attributes without allocating; [`Attr`] is one checked view.
//! [`Emitter`] writes attributes (and nests) into an [`EmitBuf`].

use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use zerocopy::byteorder::native_endian::U16;
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::align::align;
use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::tlv::{Framing, Walk};

/// `NLA_F_NESTED`: the payload is itself a run of attributes.
pub const NLA_F_NESTED: u16 = 1 << 15;
/// `NLA_F_NET_BYTEORDER`: the payload is in network byte order.
pub const NLA_F_NET_BYTEORDER: u16 = 1 << 14;
/// `NLA_TYPE_MASK`: the type bits of `rta_type`.
pub const NLA_TYPE_MASK: u16 = !(NLA_F_NESTED | NLA_F_NET_BYTEORDER);

/// `struct rtattr` (4 bytes).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    FromBytes,
    IntoBytes,
    KnownLayout,
    Immutable,
    Unaligned,
)]
#[repr(C)]
pub struct RtAttr {
    /// `rta_len`: header plus payload, without trailing padding.
    pub rta_len: U16,
    /// `rta_type`: attribute type, with the `NLA_F_*` bits.
    pub rta_type: U16,
}
const _: () = assert!(core::mem::size_of::<RtAttr>() == 4);

impl RtAttr {
    /// Size of the header on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
}

/// A checked view of one attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attr<'a> {
    offset: usize,
    raw_type: u16,
    payload: &'a [u8],
    pad: &'a [u8],
}

impl<'a> Attr<'a> {
    /// The attribute type without the `NLA_F_*` bits.
    pub fn kind(&self) -> u16 {
        self.raw_type & NLA_TYPE_MASK
    }
    /// `rta_type` as sent, including `NLA_F_NESTED` / `NLA_F_NET_BYTEORDER`.
    pub fn raw_type(&self) -> u16 {
        self.raw_type
    }
    /// The `NLA_F_*` bits of `rta_type`.
    pub fn type_flags(&self) -> u16 {
        self.raw_type & !NLA_TYPE_MASK
    }
    /// The payload (`rta_len - 4` bytes).
    pub fn payload(&self) -> &'a [u8] {
        self.payload
    }
    /// The alignment padding after the payload as it appears in the buffer.
    pub fn pad(&self) -> &'a [u8] {
        self.pad
    }
    /// Offset of the attribute header in the outermost buffer.
    pub fn offset(&self) -> usize {
        self.offset
    }
    /// Offset of the payload in the outermost buffer.
    pub fn payload_offset(&self) -> usize {
        self.offset + RtAttr::LEN
    }

    fn size_err(&self) -> DecodeError {
        DecodeError::new(self.offset, DecodeErrorKind::BadAttrSize)
    }

    fn array<const N: usize>(&self) -> Result<[u8; N], DecodeError> {
        <[u8; N]>::try_from(self.payload).map_err(|_| self.size_err())
    }

    /// The payload as a `u8`.
    pub fn u8(&self) -> Result<u8, DecodeError> {
        self.array::<1>().map(|b| b[0])
    }
    /// The payload as a host-order `u16`.
    pub fn u16(&self) -> Result<u16, DecodeError> {
        self.array().map(u16::from_ne_bytes)
    }
    /// The payload as a host-order `u32`.
    pub fn u32(&self) -> Result<u32, DecodeError> {
        self.array().map(u32::from_ne_bytes)
    }
    /// The payload as a host-order `i32`.
    pub fn i32(&self) -> Result<i32, DecodeError> {
        self.array().map(i32::from_ne_bytes)
    }
    /// The payload as a host-order `u64`.
    pub fn u64(&self) -> Result<u64, DecodeError> {
        self.array().map(u64::from_ne_bytes)
    }
    /// The payload as a network-order `u16`.
    pub fn be16(&self) -> Result<u16, DecodeError> {
        self.array().map(u16::from_be_bytes)
    }
    /// The payload as a network-order `u32`.
    pub fn be32(&self) -> Result<u32, DecodeError> {
        self.array().map(u32::from_be_bytes)
    }
    /// The payload as a network-order `u64`.
    pub fn be64(&self) -> Result<u64, DecodeError> {
        self.array().map(u64::from_be_bytes)
    }
    /// A C string: the payload up to the first NUL (or all of it, when unterminated, as
    /// iproute2 6.1 sends `IFLA_INFO_KIND`), as UTF-8.
    pub fn str(&self) -> Result<&'a str, DecodeError> {
        let b = self.payload;
        let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
        core::str::from_utf8(&b[..end])
            .map_err(|_| DecodeError::new(self.offset, DecodeErrorKind::BadString))
    }
    /// An IPv4 or IPv6 address (4 or 16 bytes).
    pub fn ip(&self) -> Result<IpAddr, DecodeError> {
        match self.payload.len() {
            4 => self.array::<4>().map(|a| IpAddr::V4(Ipv4Addr::from(a))),
            16 => self.array::<16>().map(|a| IpAddr::V6(Ipv6Addr::from(a))),
            _ => Err(self.size_err()),
        }
    }
    /// The payload as a zerocopy struct of exactly its size.
    pub fn as_struct<T: FromBytes + KnownLayout + Immutable + Unaligned>(
        &self,
    ) -> Result<&'a T, DecodeError> {
        T::ref_from_bytes(self.payload).map_err(|_| self.size_err())
    }
    /// Iterate the payload as nested attributes.
    pub fn nested(&self) -> Attrs<'a> {
        Attrs::new(self.payload, self.payload_offset())
    }
}

/// `rtattr` framing for the shared walk: `rta_len` counts the header.
struct AttrFraming;

impl Framing for AttrFraming {
    type Header = RtAttr;
    const TRUNCATED: DecodeErrorKind = DecodeErrorKind::TruncatedAttrHeader;
    const TOO_SMALL: DecodeErrorKind = DecodeErrorKind::AttrLenTooSmall;
    const PAST_END: DecodeErrorKind = DecodeErrorKind::AttrLenPastEnd;
    #[inline]
    fn len(h: &RtAttr) -> Option<usize> {
        Some(usize::from(h.rta_len.get()))
    }
}

/// Iterator over a run of attributes. Each item was checked three ways (buffer ≥ header,
/// `rta_len` ≥ header, `rta_len` ≤ buffer). Yields `Err` once and then stops.
#[derive(Debug, Clone)]
pub struct Attrs<'a> {
    walk: Walk<'a>,
}

impl<'a> Attrs<'a> {
    /// Iterate the attributes in `buf`, which starts at `offset` of the outermost buffer.
    pub fn new(buf: &'a [u8], offset: usize) -> Self {
        Attrs {
            walk: Walk::new(buf, offset),
        }
    }

    /// Offset, in the outermost buffer, of the next attribute (of the end when done).
    pub fn offset(&self) -> usize {
        self.walk.offset()
    }

    /// The first attribute of type `kind` (flags ignored); stops at the first error.
    pub fn find(self, kind: u16) -> Result<Option<Attr<'a>>, DecodeError> {
        for a in self {
            let a = a?;
            if a.kind() == kind {
                return Ok(Some(a));
            }
        }
        Ok(None)
    }
}

impl<'a> Iterator for Attrs<'a> {
    type Item = Result<Attr<'a>, DecodeError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        Some(self.walk.next::<AttrFraming>()?.map(|f| Attr {
            offset: f.offset,
            raw_type: f.header.rta_type.get(),
            payload: f.body,
            pad: f.pad,
        }))
    }
}

/// `len` as a `u16` length field, or [`EncodeError::AttrTooLong`] naming `kind`.
fn u16_len(kind: u16, len: usize) -> Result<u16, EncodeError> {
    u16::try_from(len).map_err(|_| EncodeError::AttrTooLong { kind, len })
}

/// Somewhere to encode into: a growing `Vec<u8>` or a caller's fixed slice ([`SliceBuf`]).
pub trait EmitBuf {
    /// Bytes written so far.
    fn len(&self) -> usize;
    /// True when nothing was written.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Append bytes, or fail without writing anything if they do not fit.
    fn put(&mut self, bytes: &[u8]) -> Result<(), EncodeError>;
    /// Append `n` zero bytes.
    fn put_zeros(&mut self, n: usize) -> Result<(), EncodeError>;
    /// The bytes written so far, for patching lengths.
    fn written_mut(&mut self) -> &mut [u8];
}

impl EmitBuf for Vec<u8> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn put(&mut self, bytes: &[u8]) -> Result<(), EncodeError> {
        self.extend_from_slice(bytes);
        Ok(())
    }
    fn put_zeros(&mut self, n: usize) -> Result<(), EncodeError> {
        self.resize(Vec::len(self) + n, 0);
        Ok(())
    }
    fn written_mut(&mut self) -> &mut [u8] {
        self
    }
}

/// A caller-supplied fixed buffer. Writing past its end is an error, never a panic.
#[derive(Debug)]
pub struct SliceBuf<'a> {
    buf: &'a mut [u8],
    len: usize,
}

impl<'a> SliceBuf<'a> {
    /// Encode into `buf`, starting at its first byte.
    pub fn new(buf: &'a mut [u8]) -> Self {
        SliceBuf { buf, len: 0 }
    }
    /// The bytes written so far.
    pub fn written(&self) -> &[u8] {
        &self.buf[..self.len]
    }
    fn reserve(&mut self, n: usize) -> Result<core::ops::Range<usize>, EncodeError> {
        let end = self
            .len
            .checked_add(n)
            .filter(|&e| e <= self.buf.len())
            .ok_or(EncodeError::BufferTooSmall {
                needed: self.len.saturating_add(n),
                capacity: self.buf.len(),
            })?;
        let r = self.len..end;
        self.len = end;
        Ok(r)
    }
}

impl EmitBuf for SliceBuf<'_> {
    fn len(&self) -> usize {
        self.len
    }
    fn put(&mut self, bytes: &[u8]) -> Result<(), EncodeError> {
        let r = self.reserve(bytes.len())?;
        self.buf[r].copy_from_slice(bytes);
        Ok(())
    }
    fn put_zeros(&mut self, n: usize) -> Result<(), EncodeError> {
        let r = self.reserve(n)?;
        self.buf[r].fill(0);
        Ok(())
    }
    fn written_mut(&mut self) -> &mut [u8] {
        &mut self.buf[..self.len]
    }
}

/// An open nest, returned by [`Emitter::nest_start`]; pass it to [`Emitter::nest_end`].
#[derive(Debug)]
#[must_use = "a nest must be closed with nest_end"]
pub struct Nest {
    start: usize,
    kind: u16,
}

/// Writes attributes into an [`EmitBuf`]: header, payload, zeroed padding. Lengths are
/// checked, never truncated.
pub struct Emitter<'b, B: EmitBuf + ?Sized> {
    buf: &'b mut B,
    open: usize,
}

/// The bytes written so far and the nests still open (the buffer itself need not be `Debug`).
impl<B: EmitBuf + ?Sized> core::fmt::Debug for Emitter<'_, B> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Emitter")
            .field("len", &self.buf.len())
            .field("open", &self.open)
            .finish()
    }
}

impl<'b, B: EmitBuf + ?Sized> Emitter<'b, B> {
    /// Emit attributes at the end of `buf`.
    pub fn new(buf: &'b mut B) -> Self {
        Emitter { buf, open: 0 }
    }

    /// The underlying buffer.
    pub fn buf(&mut self) -> &mut B {
        self.buf
    }

    /// One attribute with a payload made of several pieces, padded to 4 bytes with zeros.
    pub fn attr_parts(&mut self, raw_type: u16, parts: &[&[u8]]) -> Result<(), EncodeError> {
        let kind = raw_type & NLA_TYPE_MASK;
        let too_long = EncodeError::AttrTooLong {
            kind,
            len: usize::MAX,
        };
        let plen = parts.iter().try_fold(0usize, |a, p| a.checked_add(p.len()));
        let len = plen
            .and_then(|p| p.checked_add(RtAttr::LEN))
            .ok_or(too_long)?;
        let rta_len = u16_len(kind, len)?;
        let padded = align(len).ok_or(too_long)?;
        // Reserve room first so a fixed buffer fails before writing a partial attribute.
        let start = self.buf.len();
        self.buf.put_zeros(padded)?;
        let out = &mut self.buf.written_mut()[start..];
        out[2..4].copy_from_slice(&raw_type.to_ne_bytes());
        let mut at = RtAttr::LEN;
        for p in parts {
            out[at..at + p.len()].copy_from_slice(p);
            at += p.len();
        }
        self.patch_len(start, rta_len);
        Ok(())
    }

    /// One attribute with `payload`.
    pub fn attr(&mut self, raw_type: u16, payload: &[u8]) -> Result<(), EncodeError> {
        self.attr_parts(raw_type, &[payload])
    }
    /// A `u8` attribute.
    pub fn u8(&mut self, kind: u16, v: u8) -> Result<(), EncodeError> {
        self.attr(kind, &[v])
    }
    /// A host-order `u16` attribute.
    pub fn u16(&mut self, kind: u16, v: u16) -> Result<(), EncodeError> {
        self.attr(kind, &v.to_ne_bytes())
    }
    /// A host-order `u32` attribute.
    pub fn u32(&mut self, kind: u16, v: u32) -> Result<(), EncodeError> {
        self.attr(kind, &v.to_ne_bytes())
    }
    /// A host-order `i32` attribute.
    pub fn i32(&mut self, kind: u16, v: i32) -> Result<(), EncodeError> {
        self.attr(kind, &v.to_ne_bytes())
    }
    /// A host-order `u64` attribute.
    pub fn u64(&mut self, kind: u16, v: u64) -> Result<(), EncodeError> {
        self.attr(kind, &v.to_ne_bytes())
    }
    /// A NUL-terminated string attribute (what the kernel sends and expects).
    pub fn str(&mut self, kind: u16, s: &str) -> Result<(), EncodeError> {
        self.attr_parts(kind, &[s.as_bytes(), &[0]])
    }
    /// An IP address attribute (4 or 16 bytes).
    pub fn ip(&mut self, kind: u16, ip: IpAddr) -> Result<(), EncodeError> {
        match ip {
            IpAddr::V4(a) => self.attr(kind, &a.octets()),
            IpAddr::V6(a) => self.attr(kind, &a.octets()),
        }
    }
    /// A zerocopy struct as the payload.
    pub fn struct_<T: IntoBytes + Immutable>(
        &mut self,
        kind: u16,
        v: &T,
    ) -> Result<(), EncodeError> {
        self.attr(kind, v.as_bytes())
    }

    /// Open a nest: writes a header whose length is patched by [`Emitter::nest_end`].
    /// `raw_type` is written as given (add [`NLA_F_NESTED`] if the receiver wants it).
    pub fn nest_start(&mut self, raw_type: u16) -> Result<Nest, EncodeError> {
        let start = self.buf.len();
        let [t0, t1] = raw_type.to_ne_bytes();
        self.buf.put(&[0, 0, t0, t1])?;
        self.open += 1;
        Ok(Nest {
            start,
            kind: raw_type & NLA_TYPE_MASK,
        })
    }

    /// Close a nest: patch its `rta_len`. The content is already 4-byte aligned.
    pub fn nest_end(&mut self, nest: Nest) -> Result<(), EncodeError> {
        self.close_nest(nest).map(drop)
    }

    /// [`Emitter::nest_end`], returning the nest's `rta_len`.
    #[inline]
    pub(crate) fn close_nest(&mut self, nest: Nest) -> Result<usize, EncodeError> {
        if nest.start > self.buf.len() {
            return Err(EncodeError::UnbalancedNest);
        }
        self.open = self
            .open
            .checked_sub(1)
            .ok_or(EncodeError::UnbalancedNest)?;
        self.close_len(nest.start, nest.kind)
    }

    /// Patch the `u16` length at `start` (an `rtattr` or `rtnexthop` header) to cover
    /// everything written since; returns that length. `kind` names the item in the error
    /// when it is over 65535 bytes. Every length the emitters write goes through here or
    /// [`u16_len`].
    #[inline]
    pub(crate) fn close_len(&mut self, start: usize, kind: u16) -> Result<usize, EncodeError> {
        let len = self.buf.len().saturating_sub(start);
        let v = u16_len(kind, len)?;
        self.patch_len(start, v);
        Ok(len)
    }

    fn patch_len(&mut self, start: usize, v: u16) {
        self.buf.written_mut()[start..start + 2].copy_from_slice(&v.to_ne_bytes());
    }

    /// Fails if a nest is still open.
    pub fn finish(self) -> Result<(), EncodeError> {
        if self.open == 0 {
            Ok(())
        } else {
            Err(EncodeError::UnbalancedNest)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emit_then_iterate() {
        let mut buf = Vec::new();
        let mut e = Emitter::new(&mut buf);
        e.str(3, "vh-pod1").unwrap();
        let n = e.nest_start(18).unwrap();
        e.attr(1, b"veth").unwrap();
        e.u32(4, 1500).unwrap();
        e.nest_end(n).unwrap();
        e.finish().unwrap();
        assert_eq!(buf.len(), 12 + 4 + 8 + 8);
        let attrs: Vec<_> = Attrs::new(&buf, 0).collect::<Result<_, _>>().unwrap();
        assert_eq!(attrs[0].str().unwrap(), "vh-pod1");
        assert_eq!(attrs[1].kind(), 18);
        let inner: Vec<_> = attrs[1].nested().collect::<Result<_, _>>().unwrap();
        assert_eq!(inner[0].str().unwrap(), "veth");
        assert_eq!(inner[1].u32().unwrap(), 1500);
        assert_eq!(inner[1].offset(), 12 + 4 + 8);
    }

    #[test]
    fn fixed_buffer_too_small_is_an_error() {
        let mut mem = [0xa5u8; 10];
        let mut sb = SliceBuf::new(&mut mem);
        let mut e = Emitter::new(&mut sb);
        assert_eq!(e.u32(1, 7), Ok(()));
        assert!(matches!(
            e.u32(1, 7),
            Err(EncodeError::BufferTooSmall {
                needed: 16,
                capacity: 10
            })
        ));
        assert_eq!(sb.written().len(), 8);
    }

    #[test]
    fn oversized_attr_is_an_error() {
        let big = vec![0u8; 65532];
        let mut buf = Vec::new();
        let mut e = Emitter::new(&mut buf);
        assert!(matches!(
            e.attr(9, &big),
            Err(EncodeError::AttrTooLong { kind: 9, .. })
        ));
        assert!(buf.is_empty());
        let mut e = Emitter::new(&mut buf);
        let n = e.nest_start(1).unwrap();
        e.attr(2, &big[..40000]).unwrap();
        e.attr(2, &big[..40000]).unwrap();
        assert!(matches!(
            e.nest_end(n),
            Err(EncodeError::AttrTooLong { kind: 1, .. })
        ));
    }

    #[test]
    fn iterator_errors_name_offsets() {
        let buf = [8u8, 0, 1, 0, 0, 0, 0, 0, 2, 0, 1, 0];
        let r: Vec<_> = Attrs::new(&buf, 100).collect();
        assert_eq!(r.len(), 2);
        assert_eq!(
            r[1],
            Err(DecodeError::new(108, DecodeErrorKind::AttrLenTooSmall))
        );
    }
}
