//! Segment routing headers as route encapsulations carry them: `SEG6_IPTUNNEL_SRH` (`struct
//! seg6_iptunnel_encap`: a mode, then `struct ipv6_sr_hdr`, `linux/seg6_iptunnel.h`),
//! `SEG6_LOCAL_SRH` (a bare `struct ipv6_sr_hdr`, `linux/seg6.h`) and `RPL_IPTUNNEL_SRH`
//! (`struct ipv6_rpl_sr_hdr`, `linux/rpl.h`).
//!
//! Each is a fixed header, a list of `struct in6_addr` segments whose length the header's
//! own fields give, then a tail: the SRv6 TLVs (`struct sr6_tlv`, `struct sr6_tlv_hmac`),
//! or the RPL padding. [`SrhDef::parse`] reads one only when every length agrees (the
//! header's `hdrlen` with the payload, the segment count with `first_segment` or
//! `hdrlen`/`pad`, the TLVs with what is left); anything else stays raw bytes.
//! [`SrhDef::build`] writes one, setting those length fields from the parts.

use core::fmt;
use core::net::Ipv6Addr;

use zerocopy::byteorder::{native_endian, network_endian};
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::field;
use crate::schema::{HeaderDef, Names};
use crate::uapi::uapi_consts;

/// Bytes of one segment (`struct in6_addr`).
const SEGMENT: usize = 16;

uapi_consts! {
    /// `SEG6_IPTUN_MODE_*` values of `seg6_iptunnel_encap.mode`.
    SEG6_IPTUN_MODE_NAMES: i32 {
        SEG6_IPTUN_MODE_INLINE = 0,
        SEG6_IPTUN_MODE_ENCAP = 1,
        SEG6_IPTUN_MODE_L2ENCAP = 2,
        SEG6_IPTUN_MODE_ENCAP_RED = 3,
        SEG6_IPTUN_MODE_L2ENCAP_RED = 4,
    }
}

uapi_consts! {
    /// `IPV6_SRCRT_TYPE_*` (`linux/ipv6.h`): the routing header types.
    IPV6_SRCRT_NAMES: u8 {
        IPV6_SRCRT_TYPE_0 = 0,
        IPV6_SRCRT_TYPE_2 = 2,
        /// RPL.
        IPV6_SRCRT_TYPE_3 = 3,
        /// SRv6.
        IPV6_SRCRT_TYPE_4 = 4,
    }
}

uapi_consts! {
    /// `SR6_FLAG1_*` bits of `ipv6_sr_hdr.flags`.
    SR6_FLAG1_NAMES: u8 {
        SR6_FLAG1_PROTECTED = 1 << 6,
        SR6_FLAG1_OAM = 1 << 5,
        SR6_FLAG1_ALERT = 1 << 4,
        SR6_FLAG1_HMAC = 1 << 3,
    }
}

uapi_consts! {
    /// `SR6_TLV_*` values of `sr6_tlv.type`.
    SR6_TLV_NAMES: u8 {
        SR6_TLV_INGRESS = 1,
        SR6_TLV_EGRESS = 2,
        SR6_TLV_OPAQUE = 3,
        SR6_TLV_PADDING = 4,
        SR6_TLV_HMAC = 5,
    }
}

/// `struct ipv6_sr_hdr` without its segments (8 bytes).
#[derive(Debug, Clone, Copy, Default, FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned)]
#[repr(C)]
pub struct Ipv6SrHdr {
    /// `nexthdr`.
    pub nexthdr: u8,
    /// `hdrlen`: the header's length in 8-octet units, not counting the first 8 octets.
    pub hdrlen: u8,
    /// `type` (`IPV6_SRCRT_TYPE_4`).
    pub srh_type: u8,
    /// `segments_left`.
    pub segments_left: u8,
    /// `first_segment`: the index of the last segment (the count less one).
    pub first_segment: u8,
    /// `flags` (`SR6_FLAG1_*`).
    pub flags: u8,
    /// `tag`, network order.
    pub tag: network_endian::U16,
}

/// `struct seg6_iptunnel_encap` without its segments: the mode, then `struct ipv6_sr_hdr`
/// (12 bytes). Written flat so that each field has its own offset.
#[derive(Debug, Clone, Copy, Default, FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned)]
#[repr(C)]
pub struct Seg6IptunnelEncap {
    /// `mode` (`SEG6_IPTUN_MODE_*`).
    pub mode: native_endian::I32,
    /// `srh.nexthdr`.
    pub nexthdr: u8,
    /// `srh.hdrlen`.
    pub hdrlen: u8,
    /// `srh.type`.
    pub srh_type: u8,
    /// `srh.segments_left`.
    pub segments_left: u8,
    /// `srh.first_segment`.
    pub first_segment: u8,
    /// `srh.flags`.
    pub flags: u8,
    /// `srh.tag`, network order.
    pub tag: network_endian::U16,
}

/// `struct ipv6_rpl_sr_hdr` without its segments (8 bytes).
#[derive(Debug, Clone, Copy, Default, FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned)]
#[repr(C)]
pub struct Ipv6RplSrHdr {
    /// `nexthdr`.
    pub nexthdr: u8,
    /// `hdrlen`: the length after the first 8 octets, in 8-octet units.
    pub hdrlen: u8,
    /// `type` (`IPV6_SRCRT_TYPE_3`).
    pub rpl_type: u8,
    /// `segments_left`.
    pub segments_left: u8,
    /// The `__u32` of bit fields, as on the wire: `cmpri` (4 bits), `cmpre` (4), `pad`
    /// (4), reserved (20), most significant first. The kernel's `__LITTLE_ENDIAN_BITFIELD`
    /// declaration lists them low bits of each byte first; the bytes are the same.
    pub cmpr: network_endian::U32,
}

/// The fields of `struct ipv6_sr_hdr`, as the struct `$T` holds them.
macro_rules! sr_hdr_fields {
    ($T:ty) => {
        [
            field!($T, nexthdr),
            field!($T, hdrlen),
            field!(@ $T, srh_type, "type", Names::Enum(IPV6_SRCRT_NAMES)),
            field!($T, segments_left),
            field!($T, first_segment),
            field!($T, flags, Names::Flags(SR6_FLAG1_NAMES)),
            field!($T, tag),
        ]
    };
}

const SR_HDR_FIELDS: [crate::schema::Field; 7] = sr_hdr_fields!(Ipv6SrHdr);
const ENCAP_SR_FIELDS: [crate::schema::Field; 7] = sr_hdr_fields!(Seg6IptunnelEncap);

/// The mode, then the header's fields.
const ENCAP_FIELDS: [crate::schema::Field; 8] = {
    let mut all = [field!(Seg6IptunnelEncap, mode, Names::Enum(SEG6_IPTUN_MODE_NAMES)); 8];
    let mut i = 0;
    while i < 7 {
        all[i + 1] = ENCAP_SR_FIELDS[i];
        i += 1;
    }
    all
};

impl Ipv6SrHdr {
    /// Its size: every header here is at least this long.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "ipv6_sr_hdr",
        len: core::mem::size_of::<Self>(),
        fields: &SR_HDR_FIELDS,
    };
}

impl Seg6IptunnelEncap {
    /// The struct's fields (the mode, then those of `srh`).
    pub const DEF: HeaderDef = HeaderDef {
        name: "seg6_iptunnel_encap",
        len: core::mem::size_of::<Self>(),
        fields: &ENCAP_FIELDS,
    };
}

impl Ipv6RplSrHdr {
    /// The struct's fields; `cmpri`, `cmpre`, `pad` and `reserved` are the bit fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "ipv6_rpl_sr_hdr",
        len: core::mem::size_of::<Self>(),
        fields: &[
            field!(Self, nexthdr),
            field!(Self, hdrlen),
            field!(@ Self, rpl_type, "type", Names::Enum(IPV6_SRCRT_NAMES)),
            field!(Self, segments_left),
            field!(Self, cmpr).bits("cmpri", 28, 4),
            field!(Self, cmpr).bits("cmpre", 24, 4),
            field!(Self, cmpr).bits("pad", 20, 4),
            field!(Self, cmpr).bits("reserved", 0, 20),
        ],
    };
}

/// `struct sr6_tlv` without its data (2 bytes).
#[derive(Debug, Clone, Copy, Default, FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned)]
#[repr(C)]
pub struct Sr6Tlv {
    /// `type` (`SR6_TLV_*`).
    pub tlv_type: u8,
    /// `len`: the bytes of data after these two.
    pub len: u8,
}

impl Sr6Tlv {
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "sr6_tlv",
        len: core::mem::size_of::<Self>(),
        fields: &[
            field!(@ Self, tlv_type, "type", Names::Enum(SR6_TLV_NAMES)),
            field!(Self, len),
        ],
    };
}

/// `struct sr6_tlv_hmac` (`linux/seg6_hmac.h`, 40 bytes).
#[derive(Debug, Clone, Copy, Default, FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned)]
#[repr(C)]
pub struct Sr6TlvHmac {
    /// `tlvhdr.type` (`SR6_TLV_HMAC`).
    pub tlv_type: u8,
    /// `tlvhdr.len` (38).
    pub len: u8,
    /// `reserved`.
    pub reserved: native_endian::U16,
    /// `hmackeyid`, network order.
    pub hmackeyid: network_endian::U32,
    /// `hmac` (`SEG6_HMAC_FIELD_LEN` bytes).
    pub hmac: [u8; 32],
}

impl Sr6TlvHmac {
    /// The struct's numeric fields (`hmac`, bytes, is [`Sr6TlvHmac::HMAC_AT`] on).
    pub const DEF: HeaderDef = HeaderDef {
        name: "sr6_tlv_hmac",
        len: core::mem::size_of::<Self>(),
        fields: &[
            field!(@ Self, tlv_type, "type", Names::Enum(SR6_TLV_NAMES)),
            field!(Self, len),
            field!(Self, reserved),
            field!(Self, hmackeyid),
        ],
    };
    /// Where `hmac` starts.
    pub const HMAC_AT: usize = core::mem::offset_of!(Self, hmac);
}

/// Which segment routing header a [`SrhDef`] describes: what follows the segments, and
/// which fields count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SrhKind {
    /// `struct ipv6_sr_hdr` as the last 8 bytes of the fixed header: `first_segment + 1`
    /// segments, then TLVs up to `(hdrlen + 1) * 8` bytes.
    Seg6,
    /// `struct ipv6_rpl_sr_hdr` with uncompressed segments (`cmpri` and `cmpre` 0, as the
    /// kernel takes them): `hdrlen * 8` bytes after the header, the last `pad` of them
    /// padding.
    Rpl,
}

/// A segment routing header attribute: its fixed header and its kind.
#[derive(Debug)]
pub struct SrhDef {
    /// The fixed header before the segments.
    pub header: &'static HeaderDef,
    /// How the segments and the tail are counted.
    pub kind: SrhKind,
}

/// `SEG6_IPTUNNEL_SRH`.
pub static SEG6_IPTUNNEL_ENCAP: SrhDef = SrhDef {
    header: &Seg6IptunnelEncap::DEF,
    kind: SrhKind::Seg6,
};

/// `SEG6_LOCAL_SRH`.
pub static IPV6_SR_HDR: SrhDef = SrhDef {
    header: &Ipv6SrHdr::DEF,
    kind: SrhKind::Seg6,
};

/// `RPL_IPTUNNEL_SRH`.
pub static IPV6_RPL_SR_HDR: SrhDef = SrhDef {
    header: &Ipv6RplSrHdr::DEF,
    kind: SrhKind::Rpl,
};

/// A segment routing header whose lengths agree, borrowed from the payload. It holds the
/// payload and where its parts end, not a slice per part: a [`crate::value::Value`] carries
/// it by value on the decode path, and every byte of it is copied there.
#[derive(Debug, Clone, Copy)]
pub struct SrhView<'a> {
    /// What it is.
    pub def: &'static SrhDef,
    /// The whole payload: the fixed header, the segments, then the tail.
    bytes: &'a [u8],
    /// Where the tail starts (the header's and the segments' length).
    tail_at: usize,
}

impl<'a> SrhView<'a> {
    /// The whole payload.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }
    /// The fixed header's bytes.
    pub fn header(&self) -> &'a [u8] {
        &self.bytes[..self.def.header.len]
    }
    /// The segments' bytes (whole `in6_addr`s).
    fn segment_bytes(&self) -> &'a [u8] {
        &self.bytes[self.def.header.len..self.tail_at]
    }
    /// What follows the segments: a whole run of TLVs ([`SrhKind::Seg6`]) or the padding
    /// ([`SrhKind::Rpl`]).
    pub fn tail(&self) -> &'a [u8] {
        &self.bytes[self.tail_at..]
    }
    /// The segments, in the order they are on the wire (the last hop first).
    pub fn segments(&self) -> impl ExactSizeIterator<Item = Ipv6Addr> + 'a {
        let segs: &'a [u8] = self.segment_bytes();
        segs.chunks_exact(SEGMENT).map(|c| {
            let mut a = [0u8; SEGMENT];
            a.copy_from_slice(c);
            Ipv6Addr::from(a)
        })
    }
    /// The number of segments.
    pub fn segment_count(&self) -> usize {
        self.segment_bytes().len() / SEGMENT
    }
    /// Where the tail starts, from the start of the payload.
    pub fn tail_offset(&self) -> usize {
        self.tail_at
    }
    /// The TLVs of an SRv6 header, each with its offset in the tail; none for RPL.
    pub fn tlvs(&self) -> Tlvs<'a> {
        let rest = match self.def.kind {
            SrhKind::Seg6 => self.tail(),
            SrhKind::Rpl => &[],
        };
        Tlvs { rest, at: 0 }
    }
}

/// One SRv6 TLV: the whole `struct sr6_tlv` with its data (at least its two bytes of
/// type and len: only [`Tlvs`] makes one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tlv<'a> {
    bytes: &'a [u8],
}

impl<'a> Tlv<'a> {
    /// The TLV's bytes: type, len, then `len` bytes of data.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }
    /// `type`.
    pub fn tlv_type(&self) -> u8 {
        self.bytes[0]
    }
    /// The data after `type` and `len`.
    pub fn data(&self) -> &'a [u8] {
        &self.bytes[2..]
    }
    /// The struct that names this TLV's fields: [`Sr6TlvHmac`] for an HMAC TLV of its
    /// size, else [`Sr6Tlv`] (whose data then is bytes).
    pub fn def(&self) -> &'static HeaderDef {
        let hmac = &Sr6TlvHmac::DEF;
        if self.tlv_type() == SR6_TLV_HMAC && self.bytes.len() == hmac.len {
            hmac
        } else {
            &Sr6Tlv::DEF
        }
    }
    /// The bytes after the fields of [`Tlv::def`]: the HMAC, or the data.
    pub fn rest(&self) -> &'a [u8] {
        if self.def().len == Sr6TlvHmac::DEF.len {
            &self.bytes[Sr6TlvHmac::HMAC_AT..]
        } else {
            self.data()
        }
    }
}

impl Sr6Tlv {
    /// Its size.
    pub const LEN: usize = core::mem::size_of::<Self>();
}

/// The TLVs of a tail that [`SrhDef::parse`] accepted: each with its offset in the tail.
#[derive(Debug, Clone)]
pub struct Tlvs<'a> {
    rest: &'a [u8],
    at: usize,
}

impl<'a> Iterator for Tlvs<'a> {
    type Item = (usize, Tlv<'a>);
    fn next(&mut self) -> Option<Self::Item> {
        let len = tlv_len(self.rest)?;
        let (bytes, rest) = self.rest.split_at(len);
        let at = self.at;
        self.rest = rest;
        self.at += len;
        Some((at, Tlv { bytes }))
    }
}

/// The length of the TLV at the start of `b`, if it is all there.
fn tlv_len(b: &[u8]) -> Option<usize> {
    let len = Sr6Tlv::LEN + usize::from(*b.get(1)?);
    (len <= b.len()).then_some(len)
}

/// Whether `b` is a whole run of TLVs, as the kernel's `seg6_validate_srh` walks them.
fn whole_tlvs(mut b: &[u8]) -> bool {
    while !b.is_empty() {
        match tlv_len(b) {
            Some(len) => b = &b[len..],
            None => return false,
        }
    }
    true
}

/// Why [`SrhDef::build`] cannot write a header from its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SrhError {
    /// The fixed header is not the struct's size.
    HeaderSize {
        /// The bytes given.
        len: usize,
    },
    /// An SRv6 header holds 1 to 256 segments (`first_segment` is a `__u8`).
    SegmentCount(usize),
    /// The header would not be a whole number of 8-octet units.
    NotWholeUnits {
        /// Its length in bytes.
        len: usize,
    },
    /// The header would be longer than `hdrlen` can say.
    TooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// The tail of an SRv6 header is not a whole run of TLVs.
    BadTlvs,
    /// The RPL padding is longer than the 4-bit `pad` can say.
    PadTooLong(usize),
    /// `cmpri` or `cmpre` is not 0: the segments would be compressed, not `in6_addr`s.
    Compressed,
}

impl fmt::Display for SrhError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::HeaderSize { len } => write!(f, "the fixed header is {len} bytes"),
            Self::SegmentCount(n) => write!(f, "{n} segments: an SRH holds 1 to 256"),
            Self::NotWholeUnits { len } => write!(
                f,
                "the header would be {len} bytes, not a multiple of 8 (add SR6_TLV_PADDING)"
            ),
            Self::TooLong { len } => write!(f, "the header would be {len} bytes, too long"),
            Self::BadTlvs => f.write_str("the TLVs are not a whole run of type, len, data"),
            Self::PadTooLong(n) => write!(f, "{n} bytes of padding: pad holds 0 to 15"),
            Self::Compressed => {
                f.write_str("cmpri and cmpre must be 0: compressed segments are not addresses")
            }
        }
    }
}

impl std::error::Error for SrhError {}

impl SrhDef {
    /// The payload `p` as this header, if every length in it agrees; `None` otherwise
    /// (the codec then keeps the bytes raw).
    pub fn parse<'a>(&'static self, p: &'a [u8]) -> Option<SrhView<'a>> {
        let n = self.header.len;
        // Every header here is at least 8 bytes (so its length fields are in it).
        let header = p.get(..n).filter(|_| n >= Ipv6SrHdr::LEN)?;
        let rest = &p[n..];
        let seg_len = match self.kind {
            SrhKind::Seg6 => {
                let srh = &header[n - Ipv6SrHdr::LEN..];
                let total = (usize::from(srh[1]) + 1) * 8;
                let seg_len = (usize::from(srh[4]) + 1) * SEGMENT;
                if n - 8 + total != p.len() || seg_len > rest.len() {
                    return None;
                }
                whole_tlvs(&rest[seg_len..]).then_some(seg_len)?
            }
            SrhKind::Rpl => {
                let pad = usize::from(header[5] >> 4);
                let uncompressed = header[4] == 0;
                let seg_len = rest.len().checked_sub(pad)?;
                let agree = rest.len() == usize::from(header[1]) * 8 && seg_len % SEGMENT == 0;
                (uncompressed && agree).then_some(seg_len)?
            }
        };
        Some(SrhView {
            def: self,
            bytes: p,
            tail_at: n + seg_len,
        })
    }

    /// The fields of the fixed header that [`SrhDef::build`] sets from the parts.
    pub fn length_fields(&self) -> &'static [&'static str] {
        match self.kind {
            SrhKind::Seg6 => &["hdrlen", "first_segment"],
            SrhKind::Rpl => &["hdrlen", "pad"],
        }
    }

    /// The header's bytes: `header` (the fixed part; its [`SrhDef::length_fields`] are
    /// overwritten), the `segments`, then `tail` (TLVs for SRv6, padding for RPL). What
    /// it returns, [`SrhDef::parse`] reads back.
    pub fn build(
        &'static self,
        header: &[u8],
        segments: &[Ipv6Addr],
        tail: &[u8],
    ) -> Result<Vec<u8>, SrhError> {
        let n = self.header.len;
        if header.len() != n || n < Ipv6SrHdr::LEN {
            return Err(SrhError::HeaderSize { len: header.len() });
        }
        let mut out = header.to_vec();
        let after = segments.len() * SEGMENT + tail.len();
        match self.kind {
            SrhKind::Seg6 => {
                let first = u8::try_from(segments.len().wrapping_sub(1))
                    .map_err(|_| SrhError::SegmentCount(segments.len()))?;
                if !whole_tlvs(tail) {
                    return Err(SrhError::BadTlvs);
                }
                let len = Ipv6SrHdr::LEN + after;
                let srh = &mut out[n - Ipv6SrHdr::LEN..];
                srh[1] = hdrlen(len, len / 8 - 1)?;
                srh[4] = first;
            }
            SrhKind::Rpl => {
                if out[4] != 0 {
                    return Err(SrhError::Compressed);
                }
                let pad = u8::try_from(tail.len())
                    .ok()
                    .filter(|&p| p < 16)
                    .ok_or(SrhError::PadTooLong(tail.len()))?;
                out[1] = hdrlen(8 + after, after / 8)?;
                out[5] = out[5] & 0x0f | pad << 4;
            }
        }
        out.extend(segments.iter().flat_map(|s| s.octets()));
        out.extend_from_slice(tail);
        Ok(out)
    }
}

/// `units` as a `hdrlen`, for a header of `len` bytes.
fn hdrlen(len: usize, units: usize) -> Result<u8, SrhError> {
    if len % 8 != 0 {
        return Err(SrhError::NotWholeUnits { len });
    }
    u8::try_from(units).map_err(|_| SrhError::TooLong { len })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(last: u16) -> Ipv6Addr {
        Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, last)
    }

    #[test]
    fn build_then_parse_gives_the_parts_back() {
        let hmac = [5, 38, 0, 0, 0, 0, 0, 7].iter().copied().chain([0; 32]);
        let tail: Vec<u8> = hmac.collect();
        let segs = [addr(3), addr(2)];
        for def in [&SEG6_IPTUNNEL_ENCAP, &IPV6_SR_HDR] {
            let b = def.build(&vec![0; def.header.len], &segs, &tail).unwrap();
            let v = def.parse(&b).unwrap();
            assert_eq!(v.segments().collect::<Vec<_>>(), segs);
            let tlvs: Vec<_> = v.tlvs().collect();
            assert_eq!(tlvs.len(), 1);
            assert_eq!(tlvs[0].1.def().name, "sr6_tlv_hmac");
        }
        let b = IPV6_RPL_SR_HDR.build(&[0; 8], &segs, &[0; 8]).unwrap();
        assert_eq!(&b[..8], [0, 5, 0, 0, 0, 0x80, 0, 0]);
        let v = IPV6_RPL_SR_HDR.parse(&b).unwrap();
        assert_eq!((v.segment_count(), v.tail().len()), (2, 8));
    }

    #[test]
    fn lengths_that_disagree_do_not_parse() {
        let b = IPV6_SR_HDR.build(&[0; 8], &[addr(1)], &[]).unwrap();
        assert!(IPV6_SR_HDR.parse(&b).is_some());
        for (at, v) in [(1, 3), (4, 1)] {
            let mut bad = b.clone();
            bad[at] = v;
            assert!(IPV6_SR_HDR.parse(&bad).is_none(), "byte {at} = {v}");
        }
        assert!(IPV6_SR_HDR.parse(&b[..b.len() - 1]).is_none());
        assert_eq!(
            IPV6_SR_HDR.build(&[0; 8], &[addr(1)], &[4, 1, 0]),
            Err(SrhError::NotWholeUnits { len: 27 })
        );
        assert_eq!(
            IPV6_SR_HDR.build(&[0; 8], &[], &[]),
            Err(SrhError::SegmentCount(0))
        );
    }
}
