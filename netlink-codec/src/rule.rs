//! Policy routing rules: `struct fib_rule_hdr` and `FRA_*` (`linux/fib_rules.h`), used by
//! `RTM_NEWRULE`, `RTM_DELRULE`, `RTM_GETRULE` (`ip rule`).
//!
//! ```text
//! +---------------+---------------+---------------+---------------+
//! | family u8     | dst_len u8    | src_len u8    | tos u8        |
//! +---------------+---------------+---------------+---------------+
//! | table u8      | res1 u8       | res2 u8       | action u8     |
//! +---------------+---------------+---------------+---------------+
//! |                  flags u32 (FIB_RULE_*)                       |
//! +---------------------------------------------------------------+
//! ```
//!
//! `FRA_UID_RANGE` is a `struct fib_rule_uid_range` (two `__u32`), shown by its fields;
//! `FRA_SPORT_RANGE` and `FRA_DPORT_RANGE` are a [`FibRulePortRange`].

use zerocopy::byteorder::native_endian::{U16, U32};
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr_space;
use crate::field;
use crate::schema::{Elem, HeaderDef, Labels, Names};
use crate::uapi::{uapi_consts, uapi_flags};

/// `struct fib_rule_hdr` (12 bytes).
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
pub struct FibRuleHdr {
    /// `family`: `AF_INET` or `AF_INET6`.
    pub family: u8,
    /// `dst_len`: prefix length of `FRA_DST`.
    pub dst_len: u8,
    /// `src_len`: prefix length of `FRA_SRC`.
    pub src_len: u8,
    /// `tos`: the TOS (DSCP) to match.
    pub tos: u8,
    /// `table`: the table, if below 256 (`FRA_TABLE` holds any).
    pub table: u8,
    /// `res1`: reserved, zero.
    pub res1: u8,
    /// `res2`: reserved, zero.
    pub res2: u8,
    /// `action`: `FR_ACT_*`.
    pub action: u8,
    /// `flags`: `FIB_RULE_*`.
    pub flags: U32,
}
const _: () = assert!(core::mem::size_of::<FibRuleHdr>() == 12);

impl FibRuleHdr {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The header's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "fib_rule_hdr",
        len: Self::LEN,
        fields: &[
            field!(Self, family, Names::Enum(crate::af::AF_NAMES)),
            field!(Self, dst_len),
            field!(Self, src_len),
            field!(Self, tos),
            field!(Self, table, Names::Enum(crate::route::RT_TABLE_NAMES)),
            field!(Self, res1),
            field!(Self, res2),
            field!(Self, action, Names::Enum(FR_ACT_NAMES)),
            field!(Self, flags, Names::Flags(FIB_RULE_NAMES)),
        ],
    };
}

/// `struct fib_rule_port_range` (4 bytes): `FRA_SPORT_RANGE`, `FRA_DPORT_RANGE`, in host
/// byte order.
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
pub struct FibRulePortRange {
    /// `start`: the first port.
    pub start: U16,
    /// `end`: the last port (equal to `start` for one port).
    pub end: U16,
}
const _: () = assert!(core::mem::size_of::<FibRulePortRange>() == 4);

impl FibRulePortRange {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "fib_rule_port_range",
        len: Self::LEN,
        fields: &[field!(Self, start), field!(Self, end)],
    };
}

/// The fields of `struct fib_rule_uid_range` (`FRA_UID_RANGE`), in order.
pub const FIB_RULE_UID_RANGE_FIELDS: &[&str] = &["start", "end"];

uapi_consts! {
    /// Names of `action` values.
    FR_ACT_NAMES: u8 {
        FR_ACT_UNSPEC = 0,
        /// Look the packet up in the rule's table.
        FR_ACT_TO_TBL = 1,
        /// Continue at the rule `FRA_GOTO` names.
        FR_ACT_GOTO = 2,
        /// No operation.
        FR_ACT_NOP = 3,
        FR_ACT_RES3 = 4,
        FR_ACT_RES4 = 5,
        /// Drop silently.
        FR_ACT_BLACKHOLE = 6,
        /// Drop with `ENETUNREACH`.
        FR_ACT_UNREACHABLE = 7,
        /// Drop with `EACCES`.
        FR_ACT_PROHIBIT = 8,
    }
}

uapi_flags! {
    /// `FIB_RULE_*` rule flags (`fib_rule_hdr.flags`). `FIB_RULE_DEV_DETACHED` is the old
    /// name of `IIF_DETACHED`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct FibRuleFlags: u32, "FIB_RULE_", FIB_RULE_NAMES {
        /// Cannot be deleted.
        PERMANENT = 0x0000_0001,
        /// Match the packets the selector does not match (`ip rule add not ...`).
        INVERT = 0x0000_0002,
        /// A goto whose target does not exist (yet).
        UNRESOLVED = 0x0000_0004,
        /// The `FRA_IIFNAME` device does not exist.
        IIF_DETACHED = 0x0000_0008,
        /// The `FRA_OIFNAME` device does not exist.
        OIF_DETACHED = 0x0000_0010,
        /// Try to find the source address in routing lookups.
        FIND_SADDR = 0x0001_0000,
    }
}

attr_space! {
    /// Rule attributes, `FRA_*` (kernel 6.18). `FRA_TUN_ID` is a `__be64`;
    /// `FRA_FLOWLABEL` and its mask are `__be32`.
    pub static RULE = "FRA" {
        FRA_UNSPEC = 0 => Raw,
        FRA_DST = 1 => Ip,
        FRA_SRC = 2 => Ip,
        FRA_IIFNAME = 3 => Str,
        FRA_GOTO = 4 => U32,
        FRA_UNUSED2 = 5 => Raw,
        FRA_PRIORITY = 6 => U32,
        FRA_UNUSED3 = 7 => Raw,
        FRA_UNUSED4 = 8 => Raw,
        FRA_UNUSED5 = 9 => Raw,
        FRA_FWMARK = 10 => U32,
        FRA_FLOW = 11 => U32,
        FRA_TUN_ID = 12 => Be64,
        FRA_SUPPRESS_IFGROUP = 13 => U32,
        FRA_SUPPRESS_PREFIXLEN = 14 => U32,
        FRA_TABLE = 15 => U32; Enum(crate::route::RT_TABLE_NAMES),
        FRA_FWMASK = 16 => U32,
        FRA_OIFNAME = 17 => Str,
        FRA_PAD = 18 => Raw,
        FRA_L3MDEV = 19 => U8,
        FRA_UID_RANGE = 20 => Array(Elem::U32, Labels::List(FIB_RULE_UID_RANGE_FIELDS)),
        FRA_PROTOCOL = 21 => U8; Enum(crate::route::RTPROT_NAMES),
        FRA_IP_PROTO = 22 => U8; Enum(crate::af::IPPROTO_NAMES),
        FRA_SPORT_RANGE = 23 => Structs(&FibRulePortRange::DEF),
        FRA_DPORT_RANGE = 24 => Structs(&FibRulePortRange::DEF),
        FRA_DSCP = 25 => U8,
        FRA_FLOWLABEL = 26 => Be32,
        FRA_FLOWLABEL_MASK = 27 => Be32,
        FRA_SPORT_MASK = 28 => U16,
        FRA_DPORT_MASK = 29 => U16,
        FRA_DSCP_MASK = 30 => U8,
    }
}
