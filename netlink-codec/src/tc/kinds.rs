//! The kind-specific attributes of a few common qdiscs, classifiers and actions:
//! `TCA_OPTIONS` of the `htb` and `tbf` qdiscs (and `htb` classes) and of the `u32`
//! classifier, `TCA_ACT_OPTIONS` of the `mirred` action, chosen by the sibling
//! `TCA_KIND` / `TCA_ACT_KIND` ([`super::OPTIONS_KINDS`], [`super::ACT_OPTIONS_KINDS`]).
//! Other kinds keep their options raw.

use zerocopy::byteorder::native_endian::{I16, I32, U16, U32};
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr_space;
use crate::field;
use crate::schema::{Elem, Field, HeaderDef, Labels, Names, Shape};

/// `struct tc_ratespec` (`linux/pkt_sched.h`, 12 bytes): a rate and how packet sizes map
/// to it; a member of `struct tc_htb_opt` and `struct tc_tbf_qopt`.
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
pub struct TcRatespec {
    /// `cell_log`.
    pub cell_log: u8,
    /// `linklayer` (the low 4 bits): `TC_LINKLAYER_*`.
    pub linklayer: u8,
    /// `overhead`.
    pub overhead: U16,
    /// `cell_align` (`short`).
    pub cell_align: I16,
    /// `mpu`.
    pub mpu: U16,
    /// `rate`: bytes per second (`TCA_*_RATE64` holds rates above 2^32 - 1).
    pub rate: U32,
}
const _: () = assert!(core::mem::size_of::<TcRatespec>() == 12);

/// The [`Field`] of `$f` of the `struct tc_ratespec` member `$member` of `$T`, named
/// `$name` (`"rate.cell_log"`).
macro_rules! spec_field {
    ($T:ty, $member:ident, $f:ident, $name:expr) => {
        spec_field!($T, $member, $f, $name, Names::None)
    };
    ($T:ty, $member:ident, $f:ident, $name:expr, $names:expr) => {{
        let (size, signed, big_endian) = crate::schema::header_int(|h: &TcRatespec| &h.$f);
        Field {
            name: $name,
            offset: ::core::mem::offset_of!($T, $member) + ::core::mem::offset_of!(TcRatespec, $f),
            size,
            signed,
            big_endian,
            names: $names,
            bits: None,
        }
    }};
}

/// The six fields of the `struct tc_ratespec` member `$member` of `$T`, each named
/// `member.field`.
macro_rules! spec_fields {
    ($T:ty, $member:ident) => {
        [
            spec_field!(
                $T,
                $member,
                cell_log,
                concat!(stringify!($member), ".cell_log")
            ),
            spec_field!(
                $T,
                $member,
                linklayer,
                concat!(stringify!($member), ".linklayer"),
                Names::Enum(super::TC_LINKLAYER_NAMES)
            ),
            spec_field!(
                $T,
                $member,
                overhead,
                concat!(stringify!($member), ".overhead")
            ),
            spec_field!(
                $T,
                $member,
                cell_align,
                concat!(stringify!($member), ".cell_align")
            ),
            spec_field!($T, $member, mpu, concat!(stringify!($member), ".mpu")),
            spec_field!($T, $member, rate, concat!(stringify!($member), ".rate")),
        ]
    };
}

/// `struct tc_htb_opt` (`linux/pkt_sched.h`, `TCA_HTB_PARMS`, 44 bytes): an htb class's
/// rate and ceiling, bursts (in ticks), quantum, level and priority.
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
pub struct TcHtbOpt {
    /// `rate`: the guaranteed rate.
    pub rate: TcRatespec,
    /// `ceil`: the most it may borrow up to.
    pub ceil: TcRatespec,
    /// `buffer`.
    pub buffer: U32,
    /// `cbuffer`.
    pub cbuffer: U32,
    /// `quantum`.
    pub quantum: U32,
    /// `level` (out only).
    pub level: U32,
    /// `prio`.
    pub prio: U32,
}
const _: () = assert!(core::mem::size_of::<TcHtbOpt>() == 44);

impl TcHtbOpt {
    /// The struct's fields, those of its `struct tc_ratespec` members as `rate.cell_log`,
    /// `ceil.rate`, ...
    pub const DEF: HeaderDef = HeaderDef {
        name: "tc_htb_opt",
        len: core::mem::size_of::<Self>(),
        fields: &{
            let [a0, a1, a2, a3, a4, a5] = spec_fields!(Self, rate);
            let [b0, b1, b2, b3, b4, b5] = spec_fields!(Self, ceil);
            [
                a0,
                a1,
                a2,
                a3,
                a4,
                a5,
                b0,
                b1,
                b2,
                b3,
                b4,
                b5,
                field!(Self, buffer),
                field!(Self, cbuffer),
                field!(Self, quantum),
                field!(Self, level),
                field!(Self, prio),
            ]
        },
    };
}

/// `struct tc_tbf_qopt` (`linux/pkt_sched.h`, `TCA_TBF_PARMS`, 36 bytes): a token bucket's
/// rate and peak rate, limit, buffer (in ticks) and MTU.
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
pub struct TcTbfQopt {
    /// `rate`.
    pub rate: TcRatespec,
    /// `peakrate`.
    pub peakrate: TcRatespec,
    /// `limit`.
    pub limit: U32,
    /// `buffer`.
    pub buffer: U32,
    /// `mtu`.
    pub mtu: U32,
}
const _: () = assert!(core::mem::size_of::<TcTbfQopt>() == 36);

impl TcTbfQopt {
    /// The struct's fields, those of its `struct tc_ratespec` members as `rate.cell_log`,
    /// `peakrate.rate`, ...
    pub const DEF: HeaderDef = HeaderDef {
        name: "tc_tbf_qopt",
        len: core::mem::size_of::<Self>(),
        fields: &{
            let [a0, a1, a2, a3, a4, a5] = spec_fields!(Self, rate);
            let [b0, b1, b2, b3, b4, b5] = spec_fields!(Self, peakrate);
            [
                a0,
                a1,
                a2,
                a3,
                a4,
                a5,
                b0,
                b1,
                b2,
                b3,
                b4,
                b5,
                field!(Self, limit),
                field!(Self, buffer),
                field!(Self, mtu),
            ]
        },
    };
}

/// Field names of `struct tc_htb_glob` (`TCA_HTB_INIT`), five `__u32`.
pub static HTB_GLOB_NAMES: &[&str] = &["version", "rate2quantum", "defcls", "debug", "direct_pkts"];
/// Field names of `struct tc_u32_mark` (`TCA_U32_MARK`), three `__u32`.
pub static U32_MARK_NAMES: &[&str] = &["val", "mask", "success"];
/// Field names of `struct tcf_t` (`TCA_MIRRED_TM` and the other actions' `*_TM`), four
/// `__u64` (jiffies).
pub static TCF_T_NAMES: &[&str] = &["install", "lastuse", "expires", "firstuse"];

/// A rate table (`TCA_HTB_RTAB`, `TCA_HTB_CTAB`, `TCA_TBF_RTAB`, `TCA_TBF_PTAB`): 256
/// `__u32` transmission times, by packet size cell.
const RTAB: Shape = Shape::Array(Elem::U32, Labels::List(&[]));

attr_space! {
    /// `htb` qdisc and class options (`TCA_OPTIONS` of kind "htb"), `TCA_HTB_*`.
    pub static HTB = "TCA_HTB" {
        TCA_HTB_UNSPEC = 0 => Raw,
        TCA_HTB_PARMS = 1 => Structs(&TcHtbOpt::DEF),
        TCA_HTB_INIT = 2 => Array(Elem::U32, Labels::List(HTB_GLOB_NAMES)),
        TCA_HTB_CTAB = 3 => RTAB,
        TCA_HTB_RTAB = 4 => RTAB,
        TCA_HTB_DIRECT_QLEN = 5 => U32,
        TCA_HTB_RATE64 = 6 => U64,
        TCA_HTB_CEIL64 = 7 => U64,
        TCA_HTB_PAD = 8 => Raw,
        TCA_HTB_OFFLOAD = 9 => Flag,
    }
}

attr_space! {
    /// `tbf` qdisc options (`TCA_OPTIONS` of kind "tbf"), `TCA_TBF_*`.
    pub static TBF = "TCA_TBF" {
        TCA_TBF_UNSPEC = 0 => Raw,
        TCA_TBF_PARMS = 1 => Structs(&TcTbfQopt::DEF),
        TCA_TBF_RTAB = 2 => RTAB,
        TCA_TBF_PTAB = 3 => RTAB,
        TCA_TBF_RATE64 = 4 => U64,
        TCA_TBF_PRATE64 = 5 => U64,
        TCA_TBF_BURST = 6 => U32,
        TCA_TBF_PBURST = 7 => U32,
        TCA_TBF_PAD = 8 => Raw,
    }
}

attr_space! {
    /// `u32` classifier options (`TCA_OPTIONS` of kind "u32"), `TCA_U32_*` (`linux/pkt_cls.h`).
    /// `TCA_U32_SEL` (`struct tc_u32_sel` and its keys) and `TCA_U32_PCNT` (its counters)
    /// are variable-length and stay raw, as does `TCA_U32_POLICE`; `TCA_U32_ACT` holds the
    /// filter's actions as `TCA_ROOT_TAB` does.
    pub static U32 = "TCA_U32" {
        TCA_U32_UNSPEC = 0 => Raw,
        TCA_U32_CLASSID = 1 => U32,
        TCA_U32_HASH = 2 => U32,
        TCA_U32_LINK = 3 => U32,
        TCA_U32_DIVISOR = 4 => U32,
        TCA_U32_SEL = 5 => Raw,
        TCA_U32_POLICE = 6 => Raw,
        TCA_U32_ACT = 7 => Indexed(&Shape::Nested(&super::ACT)),
        TCA_U32_INDEV = 8 => Str,
        TCA_U32_PCNT = 9 => Raw,
        TCA_U32_MARK = 10 => Array(Elem::U32, Labels::List(U32_MARK_NAMES)),
        TCA_U32_FLAGS = 11 => U32,
        TCA_U32_PAD = 12 => Raw,
    }
}

/// `struct tc_mirred` (`linux/tc_act/tc_mirred.h`, `TCA_MIRRED_PARMS`, 28 bytes): the
/// generic action fields (`tc_gen`), then the direction and the target device.
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
pub struct TcMirred {
    /// `index`: the action's index.
    pub index: U32,
    /// `capab`.
    pub capab: U32,
    /// `action` (`int`): the verdict, `TC_ACT_*`.
    pub action: I32,
    /// `refcnt` (`int`).
    pub refcnt: I32,
    /// `bindcnt` (`int`).
    pub bindcnt: I32,
    /// `eaction` (`int`): `TCA_EGRESS_REDIR`, `TCA_EGRESS_MIRROR`, `TCA_INGRESS_REDIR`,
    /// `TCA_INGRESS_MIRROR`.
    pub eaction: I32,
    /// `ifindex`: the device packets go to.
    pub ifindex: U32,
}
const _: () = assert!(core::mem::size_of::<TcMirred>() == 28);

/// `tc_gen.action`: the verdicts `TC_ACT_*` (`linux/pkt_cls.h`).
pub const TC_ACT_NAMES: &[(u64, &str)] = &[
    (0, "TC_ACT_OK"),
    (1, "TC_ACT_RECLASSIFY"),
    (2, "TC_ACT_SHOT"),
    (3, "TC_ACT_PIPE"),
    (4, "TC_ACT_STOLEN"),
    (5, "TC_ACT_QUEUED"),
    (6, "TC_ACT_REPEAT"),
    (7, "TC_ACT_REDIRECT"),
    (8, "TC_ACT_TRAP"),
];

/// `tc_mirred.eaction` (`linux/tc_act/tc_mirred.h`).
pub const MIRRED_EACTION_NAMES: &[(u64, &str)] = &[
    (1, "TCA_EGRESS_REDIR"),
    (2, "TCA_EGRESS_MIRROR"),
    (3, "TCA_INGRESS_REDIR"),
    (4, "TCA_INGRESS_MIRROR"),
];

impl TcMirred {
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "tc_mirred",
        len: core::mem::size_of::<Self>(),
        fields: &[
            field!(Self, index),
            field!(Self, capab),
            field!(Self, action, Names::Enum(TC_ACT_NAMES)),
            field!(Self, refcnt),
            field!(Self, bindcnt),
            field!(Self, eaction, Names::Enum(MIRRED_EACTION_NAMES)),
            field!(Self, ifindex),
        ],
    };
}

attr_space! {
    /// `mirred` action options (`TCA_ACT_OPTIONS` of kind "mirred"), `TCA_MIRRED_*`.
    pub static MIRRED = "TCA_MIRRED" {
        TCA_MIRRED_UNSPEC = 0 => Raw,
        TCA_MIRRED_TM = 1 => Array(Elem::U64, Labels::List(TCF_T_NAMES)),
        TCA_MIRRED_PARMS = 2 => Structs(&TcMirred::DEF),
        TCA_MIRRED_PAD = 3 => Raw,
        TCA_MIRRED_BLOCKID = 4 => U32,
    }
}
