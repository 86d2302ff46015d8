//! The remaining attribute spaces of `linux/rtnetlink.h`, for messages the codec keeps as
//! raw bytes but still names: prefixes (`RTM_NEWPREFIX`), traffic control (`RTM_*QDISC`,
//! `RTM_*TCLASS`, `RTM_*TFILTER`, `RTM_*CHAIN`), TC actions (`RTM_*ACTION`) and ND user
//! options (`RTM_NEWNDUSEROPT`).

use crate::attr_space;
use crate::schema::{Elem, Labels};

/// Element names of `struct prefix_cacheinfo` (`PREFIX_CACHEINFO`).
pub static PREFIX_CACHEINFO_NAMES: &[&str] = &["preferred_time", "valid_time"];
/// Element names of `struct nla_bitfield32`.
pub static BITFIELD32_NAMES: &[&str] = &["value", "selector"];

attr_space! {
    /// `RTM_NEWPREFIX` attributes (after `struct prefixmsg`), `PREFIX_*`.
    pub static PREFIX = "PREFIX" {
        PREFIX_UNSPEC = 0 => Raw,
        PREFIX_ADDRESS = 1 => Ip,
        PREFIX_CACHEINFO = 2 => Array(Elem::U32, Labels::List(PREFIX_CACHEINFO_NAMES)),
    }
}

attr_space! {
    /// Traffic-control attributes (after `struct tcmsg`), `TCA_*`; the payloads are
    /// qdisc-specific and mostly stay raw.
    pub static TC = "TCA" {
        TCA_UNSPEC = 0 => Raw,
        TCA_KIND = 1 => Str,
        TCA_OPTIONS = 2 => Raw,
        TCA_STATS = 3 => Raw,
        TCA_XSTATS = 4 => Raw,
        TCA_RATE = 5 => Raw,
        TCA_FCNT = 6 => U32,
        TCA_STATS2 = 7 => Raw,
        TCA_STAB = 8 => Raw,
        TCA_PAD = 9 => Raw,
        TCA_DUMP_INVISIBLE = 10 => Flag,
        TCA_CHAIN = 11 => U32,
        TCA_HW_OFFLOAD = 12 => U8,
        TCA_INGRESS_BLOCK = 13 => U32,
        TCA_EGRESS_BLOCK = 14 => U32,
        TCA_DUMP_FLAGS = 15 => Array(Elem::U32, Labels::List(BITFIELD32_NAMES)),
        TCA_EXT_WARN_MSG = 16 => Str,
    }
}

attr_space! {
    /// TC action dump attributes (after `struct tcamsg`), `TCA_ROOT_*`.
    pub static TC_ROOT = "TCA_ROOT" {
        TCA_ROOT_UNSPEC = 0 => Raw,
        TCA_ROOT_TAB = 1 => Raw,
        TCA_ROOT_FLAGS = 2 => Array(Elem::U32, Labels::List(BITFIELD32_NAMES)),
        TCA_ROOT_COUNT = 3 => U32,
        TCA_ROOT_TIME_DELTA = 4 => U32,
        TCA_ROOT_EXT_WARN_MSG = 5 => Str,
    }
}

attr_space! {
    /// `RTM_NEWNDUSEROPT` attributes (after `struct nduseroptmsg` and the options), `NDUSEROPT_*`.
    pub static NDUSEROPT = "NDUSEROPT" {
        NDUSEROPT_UNSPEC = 0 => Raw,
        NDUSEROPT_SRCADDR = 1 => Ip,
    }
}
