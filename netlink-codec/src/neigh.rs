//! `linux/neighbour.h`: neighbour entries and neighbour tables.
//!
//! Entries (`RTM_NEWNEIGH`, `RTM_DELNEIGH`, `RTM_GETNEIGH`: `ip neigh`, `bridge fdb`) are a
//! `struct ndmsg` ([`NdMsg`]) and `NDA_*` attributes ([`NEIGH`]): the ARP and NDP caches,
//! proxy entries (`NTF_PROXY`), and with `ndm_family` `AF_BRIDGE` a bridge's or a VXLAN's
//! forwarding database.
//!
//! ```text
//! +---------------+---------------+-------------------------------+
//! |ndm_family u8  | ndm_pad1 u8   |         ndm_pad2 u16          |
//! +---------------+---------------+-------------------------------+
//! |                      ndm_ifindex s32                          |
//! +-------------------------------+---------------+---------------+
//! |   ndm_state u16 (NUD_*)       |ndm_flags (NTF)| ndm_type (RTN)|
//! +-------------------------------+---------------+---------------+
//! ```
//!
//! Tables (`RTM_*NEIGHTBL`, used by `RTM_SETNEIGHTBL` to set per-device parameters such as
//! `proxy_delay`) are a `struct ndtmsg` ([`NdtMsg`]), `NDTA_*` and `NDTPA_*`:
//!
//! ```text
//! +---------------+---------------+-------------------------------+
//! |ndtm_family u8 | ndtm_pad1 u8  |        ndtm_pad2 u16          |
//! +---------------+---------------+-------------------------------+
//! ```

use zerocopy::byteorder::native_endian::{I32, U16, U32};
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr_space;
use crate::field;
use crate::schema::{Elem, HeaderDef, Labels, Names};
use crate::uapi::{uapi_consts, uapi_flags};

/// `struct ndmsg` (12 bytes).
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
pub struct NdMsg {
    /// `ndm_family`: `AF_INET`, `AF_INET6`, or `AF_BRIDGE` (forwarding database).
    pub ndm_family: u8,
    /// `ndm_pad1`: zero.
    pub ndm_pad1: u8,
    /// `ndm_pad2`: zero.
    pub ndm_pad2: U16,
    /// `ndm_ifindex`: the device.
    pub ndm_ifindex: I32,
    /// `ndm_state`: `NUD_*` bits.
    pub ndm_state: U16,
    /// `ndm_flags`: `NTF_*` bits.
    pub ndm_flags: u8,
    /// `ndm_type`: `RTN_*` (the kernel answers `RTN_UNICAST`, `RTN_MULTICAST`, ...).
    pub ndm_type: u8,
}
const _: () = assert!(core::mem::size_of::<NdMsg>() == 12);

impl NdMsg {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The header's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "ndmsg",
        len: Self::LEN,
        fields: &[
            field!(Self, ndm_family, Names::Enum(crate::af::AF_NAMES)),
            field!(Self, ndm_pad1),
            field!(Self, ndm_pad2),
            field!(Self, ndm_ifindex),
            field!(Self, ndm_state, Names::Flags(NUD_NAMES)),
            field!(Self, ndm_flags, Names::Flags(NTF_NAMES)),
            field!(Self, ndm_type, Names::Enum(crate::route::RTN_NAMES)),
        ],
    };
}

uapi_consts! {
    /// Names of the `ndm_state` bits (`NUD_NONE` is no bit: the state of a request that
    /// sets none).
    NUD_NAMES: u16 {
        /// Resolution in progress.
        NUD_INCOMPLETE = 0x01,
        /// Confirmed reachable.
        NUD_REACHABLE = 0x02,
        /// Usable, to be confirmed.
        NUD_STALE = 0x04,
        NUD_DELAY = 0x08,
        NUD_PROBE = 0x10,
        NUD_FAILED = 0x20,
        /// No resolution needed (a pseudostate).
        NUD_NOARP = 0x40,
        /// Set by hand, never expires (a pseudostate).
        NUD_PERMANENT = 0x80,
        NUD_NONE = 0x00,
    }
}

uapi_flags! {
    /// `NTF_*` neighbour entry flags (`ndm_flags`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct Ntf: u8, "NTF_", NTF_NAMES {
        /// Mark the entry used (a request flag).
        USE = 1 << 0,
        /// The device's own table (`bridge fdb ... self`).
        SELF = 1 << 1,
        /// The master's table (`bridge fdb ... master`).
        MASTER = 1 << 2,
        /// A proxy entry (`ip neigh add proxy`; `ATF_PUBL`).
        PROXY = 1 << 3,
        EXT_LEARNED = 1 << 4,
        OFFLOADED = 1 << 5,
        /// A bridge entry that never moves to another port.
        STICKY = 1 << 6,
        /// The neighbour is an IPv6 router.
        ROUTER = 1 << 7,
    }
}

uapi_flags! {
    /// `NTF_EXT_*` extended flags, the `NDA_FLAGS_EXT` value.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct NtfExt: u32, "NTF_EXT_", NTF_EXT_NAMES {
        /// Kept resolved by the kernel (`ip neigh ... managed`).
        MANAGED = 1 << 0,
        /// A bridge entry of a locked port, awaiting authentication.
        LOCKED = 1 << 1,
        /// Validated by a user-space control plane (kernel 6.17).
        EXT_VALIDATED = 1 << 2,
    }
}

/// `FDB_NOTIFY_BIT`: an `NFEA_ACTIVITY_NOTIFY` bit, notify on activity or expiry.
pub const FDB_NOTIFY_BIT: u8 = 1 << 0;
/// `FDB_NOTIFY_INACTIVE_BIT`: an `NFEA_ACTIVITY_NOTIFY` bit, the entry is inactive.
pub const FDB_NOTIFY_INACTIVE_BIT: u8 = 1 << 1;

/// The fields of `struct nda_cacheinfo` (`NDA_CACHEINFO`), in order; times in clock ticks.
pub const NDA_CACHEINFO_FIELDS: &[&str] =
    &["ndm_confirmed", "ndm_used", "ndm_updated", "ndm_refcnt"];

attr_space! {
    /// Neighbour entry attributes, `NDA_*` (kernel 6.18).
    pub static NEIGH = "NDA" {
        NDA_UNSPEC = 0 => Raw,
        NDA_DST = 1 => Ip,
        NDA_LLADDR = 2 => LlAddr,
        NDA_CACHEINFO = 3 => Array(Elem::U32, Labels::List(NDA_CACHEINFO_FIELDS)),
        NDA_PROBES = 4 => U32,
        NDA_VLAN = 5 => U16,
        NDA_PORT = 6 => Be16,
        NDA_VNI = 7 => U32,
        NDA_IFINDEX = 8 => U32,
        NDA_MASTER = 9 => U32,
        NDA_LINK_NETNSID = 10 => I32,
        NDA_SRC_VNI = 11 => U32,
        NDA_PROTOCOL = 12 => U8; Enum(crate::route::RTPROT_NAMES),
        NDA_NH_ID = 13 => U32,
        NDA_FDB_EXT_ATTRS = 14 => Nested(&FDB_EXT),
        NDA_FLAGS_EXT = 15 => U32; Flags(NTF_EXT_NAMES),
        NDA_NDM_STATE_MASK = 16 => U16; Flags(NUD_NAMES),
        NDA_NDM_FLAGS_MASK = 17 => U8; Flags(NTF_NAMES),
    }
}

attr_space! {
    /// `NDA_FDB_EXT_ATTRS` contents, `NFEA_*`.
    pub static FDB_EXT = "NFEA" {
        NFEA_UNSPEC = 0 => Raw,
        NFEA_ACTIVITY_NOTIFY = 1 => U8,
        NFEA_DONT_REFRESH = 2 => Flag,
    }
}

/// `struct ndtmsg` (4 bytes).
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
pub struct NdtMsg {
    /// `ndtm_family`: `AF_INET` for the ARP table.
    pub ndtm_family: u8,
    /// `ndtm_pad1`: reserved, zero.
    pub ndtm_pad1: u8,
    /// `ndtm_pad2`: reserved, zero.
    pub ndtm_pad2: U16,
}
const _: () = assert!(core::mem::size_of::<NdtMsg>() == 4);

impl NdtMsg {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The header's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "ndtmsg",
        len: Self::LEN,
        fields: &[
            field!(Self, ndtm_family, Names::Enum(crate::af::AF_NAMES)),
            field!(Self, ndtm_pad1),
            field!(Self, ndtm_pad2),
        ],
    };
}

/// `struct ndt_config` (32 bytes), `NDTA_CONFIG`: the table's fixed parameters.
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
pub struct NdtConfig {
    /// `ndtc_key_len`: bytes of a key (an address).
    pub ndtc_key_len: U16,
    /// `ndtc_entry_size`: bytes of an entry.
    pub ndtc_entry_size: U16,
    /// `ndtc_entries`: entries in the table.
    pub ndtc_entries: U32,
    /// `ndtc_last_flush`: ms since the last flush.
    pub ndtc_last_flush: U32,
    /// `ndtc_last_rand`: ms since the last `reachable_time` randomisation.
    pub ndtc_last_rand: U32,
    /// `ndtc_hash_rnd`: the hash seed.
    pub ndtc_hash_rnd: U32,
    /// `ndtc_hash_mask`: the hash mask.
    pub ndtc_hash_mask: U32,
    /// `ndtc_hash_chain_gc`: the hash chain being collected.
    pub ndtc_hash_chain_gc: U32,
    /// `ndtc_proxy_qlen`: the proxy queue's length.
    pub ndtc_proxy_qlen: U32,
}
const _: () = assert!(core::mem::size_of::<NdtConfig>() == 32);

impl NdtConfig {
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "ndt_config",
        len: core::mem::size_of::<Self>(),
        fields: &[
            field!(Self, ndtc_key_len),
            field!(Self, ndtc_entry_size),
            field!(Self, ndtc_entries),
            field!(Self, ndtc_last_flush),
            field!(Self, ndtc_last_rand),
            field!(Self, ndtc_hash_rnd),
            field!(Self, ndtc_hash_mask),
            field!(Self, ndtc_hash_chain_gc),
            field!(Self, ndtc_proxy_qlen),
        ],
    };
}

/// Field names of `struct ndt_stats` (`NDTA_STATS`), eleven `__u64`.
pub static NDT_STATS_NAMES: &[&str] = &[
    "ndts_allocs",
    "ndts_destroys",
    "ndts_hash_grows",
    "ndts_res_failed",
    "ndts_lookups",
    "ndts_hits",
    "ndts_rcv_probes_mcast",
    "ndts_rcv_probes_ucast",
    "ndts_periodic_gc_runs",
    "ndts_forced_gc_runs",
    "ndts_table_fulls",
];

attr_space! {
    /// Neighbour table attributes, `NDTA_*`.
    pub static NEIGHTBL = "NDTA" {
        NDTA_UNSPEC = 0 => Raw,
        NDTA_NAME = 1 => Str,
        NDTA_THRESH1 = 2 => U32,
        NDTA_THRESH2 = 3 => U32,
        NDTA_THRESH3 = 4 => U32,
        NDTA_CONFIG = 5 => Structs(&NdtConfig::DEF),
        NDTA_PARMS = 6 => Nested(&NEIGHTBL_PARMS),
        NDTA_STATS = 7 => Array(Elem::U64, Labels::List(NDT_STATS_NAMES)),
        NDTA_GC_INTERVAL = 8 => U64,
        NDTA_PAD = 9 => Raw,
    }
}

attr_space! {
    /// `NDTA_PARMS` contents, `NDTPA_*`. Times are in milliseconds.
    pub static NEIGHTBL_PARMS = "NDTPA" {
        NDTPA_UNSPEC = 0 => Raw,
        NDTPA_IFINDEX = 1 => U32,
        NDTPA_REFCNT = 2 => U32,
        NDTPA_REACHABLE_TIME = 3 => U64,
        NDTPA_BASE_REACHABLE_TIME = 4 => U64,
        NDTPA_RETRANS_TIME = 5 => U64,
        NDTPA_GC_STALETIME = 6 => U64,
        NDTPA_DELAY_PROBE_TIME = 7 => U64,
        NDTPA_QUEUE_LEN = 8 => U32,
        NDTPA_APP_PROBES = 9 => U32,
        NDTPA_UCAST_PROBES = 10 => U32,
        NDTPA_MCAST_PROBES = 11 => U32,
        NDTPA_ANYCAST_DELAY = 12 => U64,
        NDTPA_PROXY_DELAY = 13 => U64,
        NDTPA_PROXY_QLEN = 14 => U32,
        NDTPA_LOCKTIME = 15 => U64,
        NDTPA_QUEUE_LENBYTES = 16 => U32,
        NDTPA_MCAST_REPROBES = 17 => U32,
        NDTPA_PAD = 18 => Raw,
        NDTPA_INTERVAL_PROBE_TIME_MS = 19 => U64,
    }
}
