//! Traffic control (`linux/rtnetlink.h`, `linux/pkt_sched.h`, `linux/gen_stats.h`,
//! `linux/pkt_cls.h`): qdiscs, classes, filters and filter chains (`RTM_*QDISC`,
//! `RTM_*TCLASS`, `RTM_*TFILTER`, `RTM_*CHAIN`: `struct tcmsg` + `TCA_*`), and
//! standalone actions (`RTM_*ACTION`: `struct tcamsg` + `TCA_ROOT_*`).
//!
//! The generic attributes are typed: the statistics (`TCA_STATS`'s `struct tc_stats`,
//! `TCA_STATS2`'s `TCA_STATS_*` nest of the `gnet_stats_*` structs), the rate estimator
//! (`TCA_RATE`), the size table (`TCA_STAB`), and each action of a dump (`TCA_ACT_*`).
//! What only a qdisc, classifier or action kind knows (`TCA_OPTIONS`, `TCA_ACT_OPTIONS`)
//! is typed for a few common kinds (the `htb` and `tbf` qdiscs, the `u32` classifier, the
//! `mirred` action: [`OPTIONS_KINDS`], [`ACT_OPTIONS_KINDS`]) and stays raw for the
//! others; `TCA_XSTATS` and `TCA_STATS_APP` stay raw.

use zerocopy::byteorder::native_endian::{I16, I32, U16, U32, U64};
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr_space;
use crate::field;
use crate::schema::{Elem, HeaderDef, Labels, Names, Shape};

mod kinds;
pub use kinds::*;

/// The kinds whose `TCA_OPTIONS` the codec types, by `TCA_KIND` (qdiscs and their classes,
/// classifiers: one namespace of names), sorted.
pub static OPTIONS_KINDS: &[(&str, Shape)] = &[
    ("htb", Shape::Nested(&HTB)),
    ("tbf", Shape::Nested(&TBF)),
    ("u32", Shape::Nested(&U32)),
];
/// The action kinds whose `TCA_ACT_OPTIONS` the codec types, by `TCA_ACT_KIND`, sorted.
pub static ACT_OPTIONS_KINDS: &[(&str, Shape)] = &[("mirred", Shape::Nested(&MIRRED))];

/// `struct tcmsg` (`linux/rtnetlink.h`, 20 bytes): the header of `RTM_*QDISC`,
/// `RTM_*TCLASS`, `RTM_*TFILTER` and `RTM_*CHAIN`.
///
/// ```text
///  0               1               2               3
/// +---------------+---------------+-------------------------------+
/// | tcm_family u8 | tcm__pad1 u8  |        tcm__pad2 u16          |  0
/// +---------------+---------------+-------------------------------+
/// |                    tcm_ifindex s32                            |  4
/// +---------------------------------------------------------------+
/// |                    tcm_handle u32                             |  8
/// +---------------------------------------------------------------+
/// |                    tcm_parent u32                             | 12
/// +---------------------------------------------------------------+
/// |                    tcm_info u32                               | 16
/// +---------------------------------------------------------------+
/// ```
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
pub struct TcMsg {
    /// `tcm_family`: `AF_UNSPEC` (filters: also the protocol family of a classifier).
    pub tcm_family: u8,
    /// `tcm__pad1`: zero.
    pub tcm_pad1: u8,
    /// `tcm__pad2`: zero.
    pub tcm_pad2: U16,
    /// `tcm_ifindex`: the device (`TCM_IFINDEX_MAGIC_BLOCK`, -1, for a shared block).
    pub tcm_ifindex: I32,
    /// `tcm_handle`: the object's handle, major in the high 16 bits, minor in the low.
    pub tcm_handle: U32,
    /// `tcm_parent`: the parent's handle (`TC_H_ROOT` 0xffffffff, `TC_H_INGRESS`
    /// 0xfffffff1, `TC_H_CLSACT` ...), or the block index when `tcm_ifindex` is
    /// `TCM_IFINDEX_MAGIC_BLOCK`.
    pub tcm_parent: U32,
    /// `tcm_info`: a qdisc's reference count; a filter's priority (high 16 bits) and
    /// protocol (low 16 bits, network order).
    pub tcm_info: U32,
}
const _: () = assert!(core::mem::size_of::<TcMsg>() == 20);

impl TcMsg {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The header's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "tcmsg",
        len: Self::LEN,
        fields: &[
            field!(Self, tcm_family, Names::Enum(crate::af::AF_NAMES)),
            field!(Self, tcm_pad1 as "tcm__pad1"),
            field!(Self, tcm_pad2 as "tcm__pad2"),
            field!(Self, tcm_ifindex),
            field!(Self, tcm_handle),
            field!(Self, tcm_parent),
            field!(Self, tcm_info),
        ],
    };
}

/// `struct tcamsg` (`linux/rtnetlink.h`, 4 bytes): the header of `RTM_NEWACTION`,
/// `RTM_DELACTION`, `RTM_GETACTION`.
///
/// ```text
///  0               1               2               3
/// +---------------+---------------+-------------------------------+
/// | tca_family u8 | tca__pad1 u8  |        tca__pad2 u16          |  0
/// +---------------+---------------+-------------------------------+
/// ```
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
pub struct TcaMsg {
    /// `tca_family`: `AF_UNSPEC`.
    pub tca_family: u8,
    /// `tca__pad1`: zero.
    pub tca_pad1: u8,
    /// `tca__pad2`: zero.
    pub tca_pad2: U16,
}
const _: () = assert!(core::mem::size_of::<TcaMsg>() == 4);

impl TcaMsg {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The header's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "tcamsg",
        len: Self::LEN,
        fields: &[
            field!(Self, tca_family, Names::Enum(crate::af::AF_NAMES)),
            field!(Self, tca_pad1 as "tca__pad1"),
            field!(Self, tca_pad2 as "tca__pad2"),
        ],
    };
}

/// `struct tc_stats` (`linux/pkt_sched.h`, `TCA_STATS`): 40 bytes, the `__u64` first and
/// seven `__u32`, then 4 bytes of tail padding to the struct's 8-byte alignment (the
/// kernel copies `sizeof(struct tc_stats)`, zeroed first).
///
/// ```text
/// +---------------------------------------------------------------+
/// |                        bytes u64                              |  0
/// +-------------------------------+-------------------------------+
/// |          packets u32          |           drops u32           |  8
/// +-------------------------------+-------------------------------+
/// |        overlimits u32         |            bps u32            | 16
/// +-------------------------------+-------------------------------+
/// |            pps u32            |           qlen u32            | 24
/// +-------------------------------+-------------------------------+
/// |          backlog u32          |         (padding) u32         | 32
/// +-------------------------------+-------------------------------+
/// ```
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
pub struct TcStats {
    /// `bytes`: enqueued bytes.
    pub bytes: U64,
    /// `packets`: enqueued packets.
    pub packets: U32,
    /// `drops`: packets dropped for lack of resources.
    pub drops: U32,
    /// `overlimits`: throttle events.
    pub overlimits: U32,
    /// `bps`: current byte rate.
    pub bps: U32,
    /// `pps`: current packet rate.
    pub pps: U32,
    /// `qlen`.
    pub qlen: U32,
    /// `backlog`.
    pub backlog: U32,
    /// The C struct's tail padding, shown as a field so that whatever a sender left there
    /// survives decode and encode.
    pub pad: U32,
}
const _: () = assert!(core::mem::size_of::<TcStats>() == 40);

impl TcStats {
    /// The struct's fields, and its tail padding as `__pad`.
    pub const DEF: HeaderDef = HeaderDef {
        name: "tc_stats",
        len: core::mem::size_of::<Self>(),
        fields: &[
            field!(Self, bytes),
            field!(Self, packets),
            field!(Self, drops),
            field!(Self, overlimits),
            field!(Self, bps),
            field!(Self, pps),
            field!(Self, qlen),
            field!(Self, backlog),
            field!(Self, pad as "__pad"),
        ],
    };
}

/// `struct gnet_stats_basic` (`linux/gen_stats.h`, `TCA_STATS_BASIC`,
/// `TCA_STATS_BASIC_HW`): `bytes` `__u64`, `packets` `__u32`, and 4 bytes of tail
/// padding: the kernel copies `sizeof(struct gnet_stats_basic)`, 16 bytes, zeroed first.
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
pub struct GnetStatsBasic {
    /// `bytes`: bytes seen.
    pub bytes: U64,
    /// `packets`: packets seen.
    pub packets: U32,
    /// The C struct's tail padding, shown as `__pad`.
    pub pad: U32,
}
const _: () = assert!(core::mem::size_of::<GnetStatsBasic>() == 16);

impl GnetStatsBasic {
    /// The struct's fields, and its tail padding as `__pad`.
    pub const DEF: HeaderDef = HeaderDef {
        name: "gnet_stats_basic",
        len: core::mem::size_of::<Self>(),
        fields: &[
            field!(Self, bytes),
            field!(Self, packets),
            field!(Self, pad as "__pad"),
        ],
    };
}

/// `struct tc_estimator` (`linux/pkt_sched.h`, `TCA_RATE`, 2 bytes): the estimator's
/// interval (`signed char`, a power of two of 250 ms from -2) and its EWMA time constant.
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
pub struct TcEstimator {
    /// `interval` (`signed char`).
    pub interval: i8,
    /// `ewma_log`.
    pub ewma_log: u8,
}
const _: () = assert!(core::mem::size_of::<TcEstimator>() == 2);

impl TcEstimator {
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "tc_estimator",
        len: core::mem::size_of::<Self>(),
        fields: &[field!(Self, interval), field!(Self, ewma_log)],
    };
}

/// `struct tc_sizespec` (`linux/pkt_sched.h`, `TCA_STAB_BASE`, 24 bytes): how a size
/// table maps packet lengths (`tc ... stab overhead 20 linklayer ethernet`).
///
/// ```text
///  0               1               2               3
/// +---------------+---------------+-------------------------------+
/// | cell_log u8   | size_log u8   |       cell_align s16          |  0
/// +---------------+---------------+-------------------------------+
/// |                      overhead s32                             |  4
/// +---------------------------------------------------------------+
/// |                      linklayer u32                            |  8
/// +---------------------------------------------------------------+
/// |                      mpu u32                                  | 12
/// +---------------------------------------------------------------+
/// |                      mtu u32                                  | 16
/// +---------------------------------------------------------------+
/// |                      tsize u32                                | 20
/// +---------------------------------------------------------------+
/// ```
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
pub struct TcSizespec {
    /// `cell_log`.
    pub cell_log: u8,
    /// `size_log`.
    pub size_log: u8,
    /// `cell_align` (`short`).
    pub cell_align: I16,
    /// `overhead` (`int`).
    pub overhead: I32,
    /// `linklayer`: `TC_LINKLAYER_*`.
    pub linklayer: U32,
    /// `mpu`: minimum packet unit.
    pub mpu: U32,
    /// `mtu`.
    pub mtu: U32,
    /// `tsize`: the number of `__u16` entries of `TCA_STAB_DATA`.
    pub tsize: U32,
}
const _: () = assert!(core::mem::size_of::<TcSizespec>() == 24);

/// `tc_sizespec.linklayer`: `enum tc_link_layer`.
pub const TC_LINKLAYER_NAMES: &[(u64, &str)] = &[
    (0, "TC_LINKLAYER_UNAWARE"),
    (1, "TC_LINKLAYER_ETHERNET"),
    (2, "TC_LINKLAYER_ATM"),
];

impl TcSizespec {
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "tc_sizespec",
        len: core::mem::size_of::<Self>(),
        fields: &[
            field!(Self, cell_log),
            field!(Self, size_log),
            field!(Self, cell_align),
            field!(Self, overhead),
            field!(Self, linklayer, Names::Enum(TC_LINKLAYER_NAMES)),
            field!(Self, mpu),
            field!(Self, mtu),
            field!(Self, tsize),
        ],
    };
}

/// Element names of `struct nla_bitfield32` (`TCA_DUMP_FLAGS`, `TCA_ROOT_FLAGS`,
/// `TCA_ACT_FLAGS`, ...).
pub static BITFIELD32_NAMES: &[&str] = BITFIELD32_FIELDS;
/// [`BITFIELD32_NAMES`] as a `const`, which a `const` may refer to (Rust 1.80).
const BITFIELD32_FIELDS: &[&str] = &["value", "selector"];
/// Field names of `struct gnet_stats_rate_est` (`TCA_STATS_RATE_EST`).
pub static RATE_EST_NAMES: &[&str] = &["bps", "pps"];
/// Field names of `struct gnet_stats_queue` (`TCA_STATS_QUEUE`).
pub static QUEUE_NAMES: &[&str] = &["qlen", "backlog", "drops", "requeues", "overlimits"];

/// `struct nla_bitfield32`: a `value` and the `selector` of the bits it sets.
const BITFIELD32: Shape = Shape::Array(Elem::U32, Labels::List(BITFIELD32_FIELDS));

attr_space! {
    /// Traffic-control attributes (after `struct tcmsg`), `TCA_*`. `TCA_OPTIONS` and
    /// `TCA_XSTATS` are the qdisc's, class's or classifier's own (`TCA_KIND` says which):
    /// the options of the kinds of [`OPTIONS_KINDS`] are typed, the rest stay raw.
    pub static TC = "TCA" {
        TCA_UNSPEC = 0 => Raw,
        TCA_KIND = 1 => Str,
        TCA_OPTIONS = 2 => ByKind(TCA_KIND, OPTIONS_KINDS),
        TCA_STATS = 3 => Structs(&TcStats::DEF),
        TCA_XSTATS = 4 => Raw,
        TCA_RATE = 5 => Structs(&TcEstimator::DEF),
        TCA_FCNT = 6 => U32,
        TCA_STATS2 = 7 => Nested(&STATS),
        TCA_STAB = 8 => Nested(&STAB),
        TCA_PAD = 9 => Raw,
        TCA_DUMP_INVISIBLE = 10 => Flag,
        TCA_CHAIN = 11 => U32,
        TCA_HW_OFFLOAD = 12 => U8,
        TCA_INGRESS_BLOCK = 13 => U32,
        TCA_EGRESS_BLOCK = 14 => U32,
        TCA_DUMP_FLAGS = 15 => BITFIELD32,
        TCA_EXT_WARN_MSG = 16 => Str,
    }
}

attr_space! {
    /// Generic statistics (`linux/gen_stats.h`), `TCA_STATS_*`: inside `TCA_STATS2` and
    /// `TCA_ACT_STATS`. `TCA_STATS_APP` is the qdisc's or action's own (raw).
    pub static STATS = "TCA_STATS" {
        TCA_STATS_UNSPEC = 0 => Raw,
        TCA_STATS_BASIC = 1 => Structs(&GnetStatsBasic::DEF),
        TCA_STATS_RATE_EST = 2 => Array(Elem::U32, Labels::List(RATE_EST_NAMES)),
        TCA_STATS_QUEUE = 3 => Array(Elem::U32, Labels::List(QUEUE_NAMES)),
        TCA_STATS_APP = 4 => Raw,
        TCA_STATS_RATE_EST64 = 5 => Array(Elem::U64, Labels::List(RATE_EST_NAMES)),
        TCA_STATS_PAD = 6 => Raw,
        TCA_STATS_BASIC_HW = 7 => Structs(&GnetStatsBasic::DEF),
        TCA_STATS_PKT64 = 8 => U64,
    }
}

attr_space! {
    /// A qdisc's size table (`TCA_STAB`), `TCA_STAB_*`.
    pub static STAB = "TCA_STAB" {
        TCA_STAB_UNSPEC = 0 => Raw,
        TCA_STAB_BASE = 1 => Structs(&TcSizespec::DEF),
        TCA_STAB_DATA = 2 => Array(Elem::U16, Labels::List(&[])),
    }
}

attr_space! {
    /// TC action attributes (after `struct tcamsg`), `TCA_ROOT_*`. `TCA_ROOT_TAB` holds
    /// the actions, each a nest of type its order (1, 2, ...).
    pub static TC_ROOT = "TCA_ROOT" {
        TCA_ROOT_UNSPEC = 0 => Raw,
        TCA_ROOT_TAB = 1 => Indexed(&Shape::Nested(&ACT)),
        TCA_ROOT_FLAGS = 2 => BITFIELD32,
        TCA_ROOT_COUNT = 3 => U32,
        TCA_ROOT_TIME_DELTA = 4 => U32,
        TCA_ROOT_EXT_WARN_MSG = 5 => Str,
    }
}

attr_space! {
    /// One action (`linux/pkt_cls.h`), `TCA_ACT_*`: in `TCA_ROOT_TAB` and a classifier's
    /// actions (`TCA_U32_ACT`). `TCA_ACT_OPTIONS` is the action kind's own (`TCA_ACT_KIND`
    /// says which): typed for the kinds of [`ACT_OPTIONS_KINDS`], raw for the others.
    pub static ACT = "TCA_ACT" {
        TCA_ACT_UNSPEC = 0 => Raw,
        TCA_ACT_KIND = 1 => Str,
        TCA_ACT_OPTIONS = 2 => ByKind(TCA_ACT_KIND, ACT_OPTIONS_KINDS),
        TCA_ACT_INDEX = 3 => U32,
        TCA_ACT_STATS = 4 => Nested(&STATS),
        TCA_ACT_PAD = 5 => Raw,
        TCA_ACT_COOKIE = 6 => Raw,
        TCA_ACT_FLAGS = 7 => BITFIELD32,
        TCA_ACT_HW_STATS = 8 => BITFIELD32,
        TCA_ACT_USED_HW_STATS = 9 => BITFIELD32,
        TCA_ACT_IN_HW_COUNT = 10 => U32,
    }
}
