//! Lightweight tunnel encapsulations (`linux/lwtunnel.h` and the per-type headers
//! `mpls_iptunnel.h`, `seg6_iptunnel.h`, `seg6_local.h`, `ila.h`, `rpl_iptunnel.h`,
//! `ioam6_iptunnel.h`): the contents of `RTA_ENCAP` and `NHA_ENCAP`, whose space the
//! sibling `RTA_ENCAP_TYPE` / `NHA_ENCAP_TYPE` (`LWTUNNEL_ENCAP_*`) chooses
//! ([`ENCAP_KINDS`], read by [`crate::schema::Shape::ByType`]).
//!
//! MPLS label stacks are arrays of `struct mpls_label` ([`MplsLabel`], also
//! `route::MplsLabel`: `RTA_NEWDST` and an `AF_MPLS` `RTA_DST` hold them too).
//! `IOAM6_IPTUNNEL_TRACE` is one [`Ioam6TraceHdr`]. Kept raw: the 64-bit network-order
//! tunnel ids (`LWTUNNEL_IP_ID`). The segment routing headers are [`crate::srh`]'s.

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::link::TUNNEL_FLAG_NAMES;
use crate::schema::{Field, HeaderDef, Names, Space};
use crate::uapi::uapi_consts;
use crate::{attr_space, field};

/// `struct mpls_label` (`linux/mpls.h`, 4 bytes): one label stack entry in network order,
/// `label << 12 | tc << 9 | bottom-of-stack << 8 | ttl` (`MPLS_LS_*`). `RTA_NEWDST`,
/// an `AF_MPLS` `RTA_DST` and `MPLS_IPTUNNEL_DST` hold a stack of them.
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
pub struct MplsLabel {
    /// `entry`: the label stack entry.
    pub entry: zerocopy::byteorder::network_endian::U32,
}

impl MplsLabel {
    /// The struct's fields: the four parts of `entry` (`MPLS_LS_*_SHIFT`, `_MASK`), as
    /// iproute2 and the kernel's `mpls_entry_decode` name them; together they are every
    /// bit of it.
    pub const DEF: HeaderDef = HeaderDef {
        name: "mpls_label",
        len: core::mem::size_of::<Self>(),
        fields: &[
            field!(Self, entry).bits("label", 12, 20),
            field!(Self, entry).bits("tc", 9, 3),
            field!(Self, entry).bits("bos", 8, 1),
            field!(Self, entry).bits("ttl", 0, 8),
        ],
    };
    /// The 20-bit label (`MPLS_LS_LABEL_*`).
    pub fn label(&self) -> u32 {
        self.entry.get() >> 12
    }
}

/// `struct ioam6_trace_hdr` (`linux/ioam6.h`, 8 bytes in network order; RFC 9197's
/// pre-allocated trace option header), as `IOAM6_IPTUNNEL_TRACE` carries it: the kernel
/// takes exactly this much (`NLA_POLICY_EXACT_LEN`) and dumps it back.
///
/// ```text
///  0                   1                   2                   3
/// +-------------------------------+---------+-+-----+-------------+
/// |        namespace_id           | nodelen |o| (3) |   remlen    |  0
/// +-------------------------------+---------+-+-----+-------------+
/// |        type: bit0 (MSB) ... bit23                | reserved   |  4
/// +-----------------------------------------------------------------+
/// ```
///
/// The uapi declares the bits of bytes 2-3 as bitfields in an order that depends on the
/// host's bitfield endianness; on the wire they are always as above (`o`: overflow; the
/// three bits between are unused).
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
pub struct Ioam6TraceHdr {
    /// `namespace_id`: the IOAM namespace.
    pub namespace_id: zerocopy::byteorder::network_endian::U16,
    /// `nodelen`, `overflow` and `remlen` (with three unused bits), read as one
    /// network-order word.
    pub lengths: zerocopy::byteorder::network_endian::U16,
    /// `type_be32`: the trace type bits (`bit0` is the most significant), then a reserved
    /// byte.
    pub type_be32: zerocopy::byteorder::network_endian::U32,
}
const _: () = assert!(core::mem::size_of::<Ioam6TraceHdr>() == 8);

impl Ioam6TraceHdr {
    /// The struct's fields: `namespace_id`, the bit ranges of the two network-order words
    /// as the uapi names them (`type` is iproute2's 24-bit `type`, `type_be32 >> 8`), the
    /// unused and reserved bits too, so that together they are every bit of it.
    pub const DEF: HeaderDef = HeaderDef {
        name: "ioam6_trace_hdr",
        len: core::mem::size_of::<Self>(),
        fields: &[
            field!(Self, namespace_id),
            field!(Self, lengths).bits("nodelen", 11, 5),
            field!(Self, lengths).bits("overflow", 10, 1),
            field!(Self, lengths).bits("__unused", 7, 3),
            field!(Self, lengths).bits("remlen", 0, 7),
            Field {
                names: Names::Flags(IOAM6_TRACE_TYPE_NAMES),
                ..field!(Self, type_be32).bits("type", 8, 24)
            },
            field!(Self, type_be32).bits("__reserved", 0, 8),
        ],
    };
}

/// The bits of [`Ioam6TraceHdr`]'s 24-bit `type`, named as the uapi's `type` struct names
/// them (`bit0` is the most significant: `type 0x800000`).
pub const IOAM6_TRACE_TYPE_NAMES: &[(u64, &str)] = &[
    (1 << 23, "bit0"),
    (1 << 22, "bit1"),
    (1 << 21, "bit2"),
    (1 << 20, "bit3"),
    (1 << 19, "bit4"),
    (1 << 18, "bit5"),
    (1 << 17, "bit6"),
    (1 << 16, "bit7"),
    (1 << 15, "bit8"),
    (1 << 14, "bit9"),
    (1 << 13, "bit10"),
    (1 << 12, "bit11"),
    (1 << 11, "bit12"),
    (1 << 10, "bit13"),
    (1 << 9, "bit14"),
    (1 << 8, "bit15"),
    (1 << 7, "bit16"),
    (1 << 6, "bit17"),
    (1 << 5, "bit18"),
    (1 << 4, "bit19"),
    (1 << 3, "bit20"),
    (1 << 2, "bit21"),
    (1 << 1, "bit22"),
    (1 << 0, "bit23"),
];

uapi_consts! {
    /// `LWTUNNEL_ENCAP_*` values of `RTA_ENCAP_TYPE` / `NHA_ENCAP_TYPE`.
    LWTUNNEL_ENCAP_NAMES: u16 {
        LWTUNNEL_ENCAP_NONE = 0,
        LWTUNNEL_ENCAP_MPLS = 1,
        LWTUNNEL_ENCAP_IP = 2,
        LWTUNNEL_ENCAP_ILA = 3,
        LWTUNNEL_ENCAP_IP6 = 4,
        LWTUNNEL_ENCAP_SEG6 = 5,
        LWTUNNEL_ENCAP_BPF = 6,
        LWTUNNEL_ENCAP_SEG6_LOCAL = 7,
        LWTUNNEL_ENCAP_RPL = 8,
        LWTUNNEL_ENCAP_IOAM6 = 9,
        LWTUNNEL_ENCAP_XFRM = 10,
    }
}

uapi_consts! {
    /// `SEG6_LOCAL_ACTION_*` (`linux/seg6_local.h`): `SEG6_LOCAL_ACTION`, the SRv6
    /// behaviour of a `seg6local` route.
    SEG6_LOCAL_ACTION_NAMES: u32 {
        SEG6_LOCAL_ACTION_UNSPEC = 0,
        SEG6_LOCAL_ACTION_END = 1,
        SEG6_LOCAL_ACTION_END_X = 2,
        SEG6_LOCAL_ACTION_END_T = 3,
        SEG6_LOCAL_ACTION_END_DX2 = 4,
        SEG6_LOCAL_ACTION_END_DX6 = 5,
        SEG6_LOCAL_ACTION_END_DX4 = 6,
        SEG6_LOCAL_ACTION_END_DT6 = 7,
        SEG6_LOCAL_ACTION_END_DT4 = 8,
        SEG6_LOCAL_ACTION_END_B6 = 9,
        SEG6_LOCAL_ACTION_END_B6_ENCAP = 10,
        SEG6_LOCAL_ACTION_END_BM = 11,
        SEG6_LOCAL_ACTION_END_S = 12,
        SEG6_LOCAL_ACTION_END_AS = 13,
        SEG6_LOCAL_ACTION_END_AM = 14,
        SEG6_LOCAL_ACTION_END_BPF = 15,
        SEG6_LOCAL_ACTION_END_DT46 = 16,
    }
}

uapi_consts! {
    /// `ILA_CSUM_*` (`linux/ila.h`): `ILA_ATTR_CSUM_MODE`.
    ILA_CSUM_NAMES: u8 {
        ILA_CSUM_ADJUST_TRANSPORT = 0,
        ILA_CSUM_NEUTRAL_MAP = 1,
        ILA_CSUM_NO_ACTION = 2,
        ILA_CSUM_NEUTRAL_MAP_AUTO = 3,
    }
}

uapi_consts! {
    /// `ILA_ATYPE_*` (`linux/ila.h`): `ILA_ATTR_IDENT_TYPE`.
    ILA_ATYPE_NAMES: u8 {
        ILA_ATYPE_IID = 0,
        ILA_ATYPE_LUID = 1,
        ILA_ATYPE_VIRT_V4 = 2,
        ILA_ATYPE_VIRT_UNI_V6 = 3,
        ILA_ATYPE_VIRT_MULTI_V6 = 4,
        ILA_ATYPE_NONLOCAL_ADDR = 5,
        ILA_ATYPE_USE_FORMAT = 32,
    }
}

uapi_consts! {
    /// `ILA_HOOK_*` (`linux/ila.h`): `ILA_ATTR_HOOK_TYPE`.
    ILA_HOOK_NAMES: u8 {
        ILA_HOOK_ROUTE_OUTPUT = 0,
        ILA_HOOK_ROUTE_INPUT = 1,
    }
}

uapi_consts! {
    /// `IOAM6_IPTUNNEL_MODE_*` (`linux/ioam6_iptunnel.h`): `IOAM6_IPTUNNEL_MODE`.
    IOAM6_IPTUNNEL_MODE_NAMES: u8 {
        IOAM6_IPTUNNEL_MODE_INLINE = 1,
        IOAM6_IPTUNNEL_MODE_ENCAP = 2,
        IOAM6_IPTUNNEL_MODE_AUTO = 3,
    }
}

/// The space of `RTA_ENCAP` / `NHA_ENCAP` for each `LWTUNNEL_ENCAP_*` type.
pub static ENCAP_KINDS: &[(u16, &Space)] = &[
    (LWTUNNEL_ENCAP_MPLS, &MPLS_IPTUNNEL),
    (LWTUNNEL_ENCAP_IP, &LWTUNNEL_IP),
    (LWTUNNEL_ENCAP_ILA, &ILA),
    (LWTUNNEL_ENCAP_IP6, &LWTUNNEL_IP6),
    (LWTUNNEL_ENCAP_SEG6, &SEG6_IPTUNNEL),
    (LWTUNNEL_ENCAP_BPF, &LWT_BPF),
    (LWTUNNEL_ENCAP_SEG6_LOCAL, &SEG6_LOCAL),
    (LWTUNNEL_ENCAP_RPL, &RPL_IPTUNNEL),
    (LWTUNNEL_ENCAP_IOAM6, &IOAM6_IPTUNNEL),
    (LWTUNNEL_ENCAP_XFRM, &LWT_XFRM),
];

attr_space! {
    /// `LWTUNNEL_ENCAP_MPLS`, `MPLS_IPTUNNEL_*`.
    pub static MPLS_IPTUNNEL = "MPLS_IPTUNNEL" {
        MPLS_IPTUNNEL_UNSPEC = 0 => Raw,
        MPLS_IPTUNNEL_DST = 1 => Structs(&MplsLabel::DEF),
        MPLS_IPTUNNEL_TTL = 2 => U8,
    }
}

attr_space! {
    /// `LWTUNNEL_ENCAP_IP`, `LWTUNNEL_IP_*`. `LWTUNNEL_IP_FLAGS` (and `LWTUNNEL_IP6_FLAGS`)
    /// are `TUNNEL_*` bits in network order: the policy says `NLA_U16`, but the kernel
    /// reads and writes them with `nla_get_be16` / `nla_put_be16`.
    pub static LWTUNNEL_IP = "LWTUNNEL_IP" {
        LWTUNNEL_IP_UNSPEC = 0 => Raw,
        LWTUNNEL_IP_ID = 1 => Be64,
        LWTUNNEL_IP_DST = 2 => Ip,
        LWTUNNEL_IP_SRC = 3 => Ip,
        LWTUNNEL_IP_TTL = 4 => U8,
        LWTUNNEL_IP_TOS = 5 => U8,
        LWTUNNEL_IP_FLAGS = 6 => Be16; Flags(TUNNEL_FLAG_NAMES),
        LWTUNNEL_IP_PAD = 7 => Raw,
        LWTUNNEL_IP_OPTS = 8 => Nested(&IP_OPTS),
    }
}

attr_space! {
    /// `LWTUNNEL_ENCAP_IP6`, `LWTUNNEL_IP6_*`.
    pub static LWTUNNEL_IP6 = "LWTUNNEL_IP6" {
        LWTUNNEL_IP6_UNSPEC = 0 => Raw,
        LWTUNNEL_IP6_ID = 1 => Be64,
        LWTUNNEL_IP6_DST = 2 => Ip,
        LWTUNNEL_IP6_SRC = 3 => Ip,
        LWTUNNEL_IP6_HOPLIMIT = 4 => U8,
        LWTUNNEL_IP6_TC = 5 => U8,
        LWTUNNEL_IP6_FLAGS = 6 => Be16; Flags(TUNNEL_FLAG_NAMES),
        LWTUNNEL_IP6_PAD = 7 => Raw,
        LWTUNNEL_IP6_OPTS = 8 => Nested(&IP_OPTS),
    }
}

attr_space! {
    /// `LWTUNNEL_IP_OPTS` / `LWTUNNEL_IP6_OPTS` contents, `LWTUNNEL_IP_OPTS_*`.
    pub static IP_OPTS = "LWTUNNEL_IP_OPTS" {
        LWTUNNEL_IP_OPTS_UNSPEC = 0 => Raw,
        LWTUNNEL_IP_OPTS_GENEVE = 1 => Nested(&LWTUNNEL_IP_OPT_GENEVE),
        LWTUNNEL_IP_OPTS_VXLAN = 2 => Nested(&LWTUNNEL_IP_OPT_VXLAN),
        LWTUNNEL_IP_OPTS_ERSPAN = 3 => Nested(&LWTUNNEL_IP_OPT_ERSPAN),
    }
}

attr_space! {
    /// `LWTUNNEL_IP_OPTS_GENEVE` contents, `LWTUNNEL_IP_OPT_GENEVE_*`.
    pub static LWTUNNEL_IP_OPT_GENEVE = "LWTUNNEL_IP_OPT_GENEVE" {
        LWTUNNEL_IP_OPT_GENEVE_UNSPEC = 0 => Raw,
        LWTUNNEL_IP_OPT_GENEVE_CLASS = 1 => Be16,
        LWTUNNEL_IP_OPT_GENEVE_TYPE = 2 => U8,
        LWTUNNEL_IP_OPT_GENEVE_DATA = 3 => Raw,
    }
}

attr_space! {
    /// `LWTUNNEL_IP_OPTS_VXLAN` contents, `LWTUNNEL_IP_OPT_VXLAN_*`.
    pub static LWTUNNEL_IP_OPT_VXLAN = "LWTUNNEL_IP_OPT_VXLAN" {
        LWTUNNEL_IP_OPT_VXLAN_UNSPEC = 0 => Raw,
        LWTUNNEL_IP_OPT_VXLAN_GBP = 1 => U32,
    }
}

attr_space! {
    /// `LWTUNNEL_IP_OPTS_ERSPAN` contents, `LWTUNNEL_IP_OPT_ERSPAN_*`.
    pub static LWTUNNEL_IP_OPT_ERSPAN = "LWTUNNEL_IP_OPT_ERSPAN" {
        LWTUNNEL_IP_OPT_ERSPAN_UNSPEC = 0 => Raw,
        LWTUNNEL_IP_OPT_ERSPAN_VER = 1 => U8,
        LWTUNNEL_IP_OPT_ERSPAN_INDEX = 2 => Be32,
        LWTUNNEL_IP_OPT_ERSPAN_DIR = 3 => U8,
        LWTUNNEL_IP_OPT_ERSPAN_HWID = 4 => U8,
    }
}

attr_space! {
    /// `LWTUNNEL_ENCAP_ILA`, `ILA_ATTR_*` (`linux/ila.h`).
    pub static ILA = "ILA_ATTR" {
        ILA_ATTR_UNSPEC = 0 => Raw,
        ILA_ATTR_LOCATOR = 1 => U64,
        ILA_ATTR_IDENTIFIER = 2 => U64,
        ILA_ATTR_LOCATOR_MATCH = 3 => U64,
        ILA_ATTR_IFINDEX = 4 => I32,
        ILA_ATTR_DIR = 5 => U32,
        ILA_ATTR_PAD = 6 => Raw,
        ILA_ATTR_CSUM_MODE = 7 => U8; Enum(ILA_CSUM_NAMES),
        ILA_ATTR_IDENT_TYPE = 8 => U8; Enum(ILA_ATYPE_NAMES),
        ILA_ATTR_HOOK_TYPE = 9 => U8; Enum(ILA_HOOK_NAMES),
    }
}

attr_space! {
    /// `LWTUNNEL_ENCAP_SEG6`, `SEG6_IPTUNNEL_*`: `SRH` is `struct seg6_iptunnel_encap`
    /// (mode, then the segment routing header).
    pub static SEG6_IPTUNNEL = "SEG6_IPTUNNEL" {
        SEG6_IPTUNNEL_UNSPEC = 0 => Raw,
        SEG6_IPTUNNEL_SRH = 1 => Srh(&crate::srh::SEG6_IPTUNNEL_ENCAP),
    }
}

attr_space! {
    /// `LWTUNNEL_ENCAP_SEG6_LOCAL`, `SEG6_LOCAL_*`: `SRH` is `struct ipv6_sr_hdr`.
    pub static SEG6_LOCAL = "SEG6_LOCAL" {
        SEG6_LOCAL_UNSPEC = 0 => Raw,
        SEG6_LOCAL_ACTION = 1 => U32; Enum(SEG6_LOCAL_ACTION_NAMES),
        SEG6_LOCAL_SRH = 2 => Srh(&crate::srh::IPV6_SR_HDR),
        SEG6_LOCAL_TABLE = 3 => U32,
        SEG6_LOCAL_NH4 = 4 => Ip,
        SEG6_LOCAL_NH6 = 5 => Ip,
        SEG6_LOCAL_IIF = 6 => U32,
        SEG6_LOCAL_OIF = 7 => U32,
        SEG6_LOCAL_BPF = 8 => Nested(&SEG6_LOCAL_BPF_PROGRAM),
        SEG6_LOCAL_VRFTABLE = 9 => U32,
        SEG6_LOCAL_COUNTERS = 10 => Nested(&SEG6_LOCAL_CNT),
        SEG6_LOCAL_FLAVORS = 11 => Nested(&SEG6_LOCAL_FLV),
    }
}

attr_space! {
    /// `SEG6_LOCAL_BPF` contents, `SEG6_LOCAL_BPF_PROG_*`.
    pub static SEG6_LOCAL_BPF_PROGRAM = "SEG6_LOCAL_BPF_PROG" {
        SEG6_LOCAL_BPF_PROG_UNSPEC = 0 => Raw,
        SEG6_LOCAL_BPF_PROG = 1 => U32,
        SEG6_LOCAL_BPF_PROG_NAME = 2 => Str,
    }
}

attr_space! {
    /// `SEG6_LOCAL_COUNTERS` contents, `SEG6_LOCAL_CNT_*`.
    pub static SEG6_LOCAL_CNT = "SEG6_LOCAL_CNT" {
        SEG6_LOCAL_CNT_UNSPEC = 0 => Raw,
        SEG6_LOCAL_CNT_PAD = 1 => Raw,
        SEG6_LOCAL_CNT_PACKETS = 2 => U64,
        SEG6_LOCAL_CNT_BYTES = 3 => U64,
        SEG6_LOCAL_CNT_ERRORS = 4 => U64,
    }
}

attr_space! {
    /// `SEG6_LOCAL_FLAVORS` contents, `SEG6_LOCAL_FLV_*`.
    pub static SEG6_LOCAL_FLV = "SEG6_LOCAL_FLV" {
        SEG6_LOCAL_FLV_UNSPEC = 0 => Raw,
        SEG6_LOCAL_FLV_OPERATION = 1 => U32,
        SEG6_LOCAL_FLV_LCBLOCK_BITS = 2 => U8,
        SEG6_LOCAL_FLV_LCNODE_FN_BITS = 3 => U8,
    }
}

attr_space! {
    /// `LWTUNNEL_ENCAP_BPF`, `LWT_BPF_*`.
    pub static LWT_BPF = "LWT_BPF" {
        LWT_BPF_UNSPEC = 0 => Raw,
        LWT_BPF_IN = 1 => Nested(&LWT_BPF_PROG),
        LWT_BPF_OUT = 2 => Nested(&LWT_BPF_PROG),
        LWT_BPF_XMIT = 3 => Nested(&LWT_BPF_PROG),
        LWT_BPF_XMIT_HEADROOM = 4 => U32,
    }
}

attr_space! {
    /// `LWT_BPF_IN` / `OUT` / `XMIT` contents, `LWT_BPF_PROG_*`.
    pub static LWT_BPF_PROG = "LWT_BPF_PROG" {
        LWT_BPF_PROG_UNSPEC = 0 => Raw,
        LWT_BPF_PROG_FD = 1 => U32,
        LWT_BPF_PROG_NAME = 2 => Str,
    }
}

attr_space! {
    /// `LWTUNNEL_ENCAP_RPL`, `RPL_IPTUNNEL_*`: `SRH` is `struct ipv6_rpl_sr_hdr`.
    pub static RPL_IPTUNNEL = "RPL_IPTUNNEL" {
        RPL_IPTUNNEL_UNSPEC = 0 => Raw,
        RPL_IPTUNNEL_SRH = 1 => Srh(&crate::srh::IPV6_RPL_SR_HDR),
    }
}

attr_space! {
    /// `LWTUNNEL_ENCAP_IOAM6`, `IOAM6_IPTUNNEL_*`: `TRACE` is `struct ioam6_trace_hdr`.
    pub static IOAM6_IPTUNNEL = "IOAM6_IPTUNNEL" {
        IOAM6_IPTUNNEL_UNSPEC = 0 => Raw,
        IOAM6_IPTUNNEL_MODE = 1 => U8; Enum(IOAM6_IPTUNNEL_MODE_NAMES),
        IOAM6_IPTUNNEL_DST = 2 => Ip,
        IOAM6_IPTUNNEL_TRACE = 3 => Structs(&Ioam6TraceHdr::DEF),
        IOAM6_IPTUNNEL_FREQ_K = 4 => U32,
        IOAM6_IPTUNNEL_FREQ_N = 5 => U32,
    }
}

attr_space! {
    /// `LWTUNNEL_ENCAP_XFRM`, `LWT_XFRM_*`.
    pub static LWT_XFRM = "LWT_XFRM" {
        LWT_XFRM_UNSPEC = 0 => Raw,
        LWT_XFRM_IF_ID = 1 => U32,
        LWT_XFRM_LINK = 2 => U32,
    }
}
