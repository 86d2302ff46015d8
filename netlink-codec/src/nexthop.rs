//! Next-hop objects: `struct nhmsg` and `NHA_*` (`linux/nexthop.h`), used by
//! `RTM_NEWNEXTHOP`, `RTM_DELNEXTHOP`, `RTM_GETNEXTHOP` (`ip nexthop`); routes refer to
//! them with `RTA_NH_ID`.
//!
//! ```text
//! +---------------+---------------+---------------+---------------+
//! |nh_family u8   |nh_scope u8    |nh_protocol u8 |resvd u8       |
//! +---------------+---------------+---------------+---------------+
//! |                nh_flags u32 (RTNH_F_*)                        |
//! +---------------------------------------------------------------+
//! ```
//!
//! `NHA_GROUP` is an array of `struct nexthop_grp` ([`NexthopGrp`]), shown field by field.

use zerocopy::byteorder::native_endian::{U16, U32};
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr_space;
use crate::field;
use crate::schema::{HeaderDef, Names};
use crate::uapi::uapi_consts;

/// `struct nhmsg` (8 bytes).
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
pub struct NhMsg {
    /// `nh_family`: `AF_INET`, `AF_INET6`, or `AF_UNSPEC` (groups, blackholes).
    pub nh_family: u8,
    /// `nh_scope`: set by the kernel in replies.
    pub nh_scope: u8,
    /// `nh_protocol`: who installed it (`RTPROT_*`).
    pub nh_protocol: u8,
    /// `resvd`: zero.
    pub resvd: u8,
    /// `nh_flags`: `RTNH_F_*`.
    pub nh_flags: U32,
}
const _: () = assert!(core::mem::size_of::<NhMsg>() == 8);

impl NhMsg {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The header's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "nhmsg",
        len: Self::LEN,
        fields: &[
            field!(Self, nh_family, Names::Enum(crate::af::AF_NAMES)),
            field!(Self, nh_scope, Names::Enum(crate::route::RT_SCOPE_NAMES)),
            field!(Self, nh_protocol, Names::Enum(crate::route::RTPROT_NAMES)),
            field!(Self, resvd),
            field!(Self, nh_flags, Names::Flags(crate::route::RTNH_F_NAMES)),
        ],
    };
}

/// `struct nexthop_grp` (8 bytes), one member of an `NHA_GROUP`. The kernel's weight is
/// `weight + 1` (iproute2's `7,2` sends `weight` 1), its high bits in `weight_high`.
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
pub struct NexthopGrp {
    /// `id`: the member next hop.
    pub id: U32,
    /// `weight`: low 8 bits of the weight minus one.
    pub weight: u8,
    /// `weight_high`: high 8 bits of the weight minus one.
    pub weight_high: u8,
    /// `resvd2`: zero.
    pub resvd2: U16,
}
const _: () = assert!(core::mem::size_of::<NexthopGrp>() == 8);

impl NexthopGrp {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "nexthop_grp",
        len: Self::LEN,
        fields: &[
            field!(Self, id),
            field!(Self, weight),
            field!(Self, weight_high),
            field!(Self, resvd2),
        ],
    };
}

uapi_consts! {
    /// `NEXTHOP_GRP_TYPE_*`: `NHA_GROUP_TYPE` values.
    NEXTHOP_GRP_TYPE_NAMES: u16 {
        NEXTHOP_GRP_TYPE_MPATH = 0,
        /// A resilient group (`NHA_RES_GROUP` holds its parameters).
        NEXTHOP_GRP_TYPE_RES = 1,
    }
}

uapi_consts! {
    /// `NHA_OP_FLAG_*`: `NHA_OP_FLAGS` bits.
    NHA_OP_FLAG_NAMES: u32 {
        /// Dump the group's statistics (`NHA_GROUP_STATS`).
        NHA_OP_FLAG_DUMP_STATS = 1,
        /// With the hardware statistics.
        NHA_OP_FLAG_DUMP_HW_STATS = 2,
        /// In replies: the reserved fields of `NHA_GROUP` entries are zero.
        NHA_OP_FLAG_RESP_GRP_RESVD_0 = 1 << 31,
    }
}

attr_space! {
    /// Next-hop attributes, `NHA_*`.
    pub static NEXTHOP = "NHA" {
        NHA_UNSPEC = 0 => Raw,
        NHA_ID = 1 => U32,
        NHA_GROUP = 2 => Structs(&NexthopGrp::DEF),
        NHA_GROUP_TYPE = 3 => U16; Enum(NEXTHOP_GRP_TYPE_NAMES),
        NHA_BLACKHOLE = 4 => Flag,
        NHA_OIF = 5 => U32,
        NHA_GATEWAY = 6 => Ip,
        NHA_ENCAP_TYPE = 7 => U16; Enum(crate::lwtunnel::LWTUNNEL_ENCAP_NAMES),
        NHA_ENCAP = 8 => ByType(NHA_ENCAP_TYPE, crate::lwtunnel::ENCAP_KINDS),
        NHA_GROUPS = 9 => Flag,
        NHA_MASTER = 10 => U32,
        NHA_FDB = 11 => Flag,
        NHA_RES_GROUP = 12 => Nested(&RES_GROUP),
        NHA_RES_BUCKET = 13 => Nested(&RES_BUCKET),
        NHA_OP_FLAGS = 14 => U32; Flags(NHA_OP_FLAG_NAMES),
        NHA_GROUP_STATS = 15 => Nested(&GROUP_STATS),
        NHA_HW_STATS_ENABLE = 16 => U32,
        NHA_HW_STATS_USED = 17 => U32,
    }
}

attr_space! {
    /// `NHA_RES_GROUP` contents, `NHA_RES_GROUP_*` (timers in clock ticks).
    pub static RES_GROUP = "NHA_RES_GROUP" {
        NHA_RES_GROUP_PAD = 0 => Raw,
        NHA_RES_GROUP_BUCKETS = 1 => U16,
        NHA_RES_GROUP_IDLE_TIMER = 2 => U32,
        NHA_RES_GROUP_UNBALANCED_TIMER = 3 => U32,
        NHA_RES_GROUP_UNBALANCED_TIME = 4 => U64,
    }
}

attr_space! {
    /// `NHA_RES_BUCKET` contents, `NHA_RES_BUCKET_*`.
    pub static RES_BUCKET = "NHA_RES_BUCKET" {
        NHA_RES_BUCKET_PAD = 0 => Raw,
        NHA_RES_BUCKET_INDEX = 1 => U16,
        NHA_RES_BUCKET_IDLE_TIME = 2 => U64,
        NHA_RES_BUCKET_NH_ID = 3 => U32,
    }
}

attr_space! {
    /// `NHA_GROUP_STATS` contents, `NHA_GROUP_STATS_*`.
    pub static GROUP_STATS = "NHA_GROUP_STATS" {
        NHA_GROUP_STATS_UNSPEC = 0 => Raw,
        NHA_GROUP_STATS_ENTRY = 1 => Nested(&GROUP_STATS_ENTRY),
    }
}

attr_space! {
    /// One `NHA_GROUP_STATS_ENTRY`, `NHA_GROUP_STATS_ENTRY_*`. The counters are
    /// `NLA_UINT` (4 or 8 bytes): an 8-byte one is typed, a 4-byte one kept as bytes.
    pub static GROUP_STATS_ENTRY = "NHA_GROUP_STATS_ENTRY" {
        NHA_GROUP_STATS_ENTRY_UNSPEC = 0 => Raw,
        NHA_GROUP_STATS_ENTRY_ID = 1 => U32,
        NHA_GROUP_STATS_ENTRY_PACKETS = 2 => U64,
        NHA_GROUP_STATS_ENTRY_PACKETS_HW = 3 => U64,
    }
}
