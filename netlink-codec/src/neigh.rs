//! Neighbour tables: `struct ndtmsg`, `NDTA_*` and `NDTPA_*` (`linux/neighbour.h`), used by
//! `RTM_SETNEIGHTBL` to set per-device parameters such as `proxy_delay`.
//!
//! ```text
//! +---------------+---------------+-------------------------------+
//! |ndtm_family u8 | ndtm_pad1 u8  |        ndtm_pad2 u16          |
//! +---------------+---------------+-------------------------------+
//! ```

use zerocopy::byteorder::native_endian::U16;
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr_space;
use crate::field;
use crate::schema::{Elem, HeaderDef, Labels, Names};

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
        NDTA_CONFIG = 5 => Raw,
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
