//! Link statistics: the `RTM_*STATS` spaces (`IFLA_STATS_*`, `linux/if_link.h`) and the
//! element names of the IPv6 counter arrays in `IFLA_INET6_STATS` / `IFLA_INET6_ICMP6STATS`
//! (`IPSTATS_MIB_*`, `ICMP6_MIB_*` from `linux/snmp.h`).

use crate::attr_space;
use crate::schema::{Elem, Labels};

attr_space! {
    /// `RTM_NEWSTATS` attributes (after `struct if_stats_msg`), `IFLA_STATS_*`.
    pub static STATS = "IFLA_STATS" {
        IFLA_STATS_UNSPEC = 0 => Raw,
        IFLA_STATS_LINK_64 = 1 => Array(Elem::U64, Labels::List(super::LINK_STATS_NAMES)),
        IFLA_STATS_LINK_XSTATS = 2 => Nested(&LINK_XSTATS),
        IFLA_STATS_LINK_XSTATS_SLAVE = 3 => Nested(&LINK_XSTATS),
        IFLA_STATS_LINK_OFFLOAD_XSTATS = 4 => Nested(&OFFLOAD_XSTATS),
        IFLA_STATS_AF_SPEC = 5 => Raw,
    }
}

attr_space! {
    /// `RTM_GETSTATS` / `RTM_SETSTATS` request attributes, `IFLA_STATS_GETSET_*`.
    pub static STATS_GETSET = "IFLA_STATS_GETSET" {
        IFLA_STATS_GETSET_UNSPEC = 0 => Raw,
        IFLA_STATS_GET_FILTERS = 1 => Raw,
        IFLA_STATS_SET_OFFLOAD_XSTATS_L3_STATS = 2 => U8,
    }
}

attr_space! {
    /// `IFLA_STATS_LINK_XSTATS` contents, `LINK_XSTATS_TYPE_*` (per link type, raw).
    pub static LINK_XSTATS = "LINK_XSTATS_TYPE" {
        LINK_XSTATS_TYPE_UNSPEC = 0 => Raw,
        LINK_XSTATS_TYPE_BRIDGE = 1 => Raw,
        LINK_XSTATS_TYPE_BOND = 2 => Raw,
    }
}

attr_space! {
    /// `IFLA_STATS_LINK_OFFLOAD_XSTATS` contents, `IFLA_OFFLOAD_XSTATS_*`.
    pub static OFFLOAD_XSTATS = "IFLA_OFFLOAD_XSTATS" {
        IFLA_OFFLOAD_XSTATS_UNSPEC = 0 => Raw,
        IFLA_OFFLOAD_XSTATS_CPU_HIT = 1 => Array(Elem::U64, Labels::List(super::LINK_STATS_NAMES)),
        IFLA_OFFLOAD_XSTATS_HW_S_INFO = 2 => Indexed(&Nested(&OFFLOAD_XSTATS_HW_S_INFO)),
        IFLA_OFFLOAD_XSTATS_L3_STATS = 3 => Array(Elem::U64, Labels::List(super::LINK_STATS_NAMES)),
    }
}

attr_space! {
    /// One slot of `IFLA_OFFLOAD_XSTATS_HW_S_INFO` (of type `NETDEV_OFFLOAD_XSTATS_TYPE_*`),
    /// `IFLA_OFFLOAD_XSTATS_HW_S_INFO_*`.
    pub static OFFLOAD_XSTATS_HW_S_INFO = "IFLA_OFFLOAD_XSTATS_HW_S_INFO" {
        IFLA_OFFLOAD_XSTATS_HW_S_INFO_UNSPEC = 0 => Raw,
        IFLA_OFFLOAD_XSTATS_HW_S_INFO_REQUEST = 1 => U8,
        IFLA_OFFLOAD_XSTATS_HW_S_INFO_USED = 2 => U8,
    }
}
attr_space! {
    /// `IPSTATS_MIB_*` (`linux/snmp.h`, kernel 6.15 and later order): the indexes of the
    /// `__u64` array `IFLA_INET6_STATS`. Element 0 (`IPSTATS_MIB_NUM`) holds the count.
    pub static IPSTATS_MIB = "IPSTATS_MIB" {
        IPSTATS_MIB_NUM = 0 => U64,
        IPSTATS_MIB_INPKTS = 1 => U64,
        IPSTATS_MIB_INOCTETS = 2 => U64,
        IPSTATS_MIB_INDELIVERS = 3 => U64,
        IPSTATS_MIB_NOECTPKTS = 4 => U64,
        IPSTATS_MIB_ECT1PKTS = 5 => U64,
        IPSTATS_MIB_ECT0PKTS = 6 => U64,
        IPSTATS_MIB_CEPKTS = 7 => U64,
        IPSTATS_MIB_OUTREQUESTS = 8 => U64,
        IPSTATS_MIB_OUTPKTS = 9 => U64,
        IPSTATS_MIB_OUTOCTETS = 10 => U64,
        IPSTATS_MIB_OUTFORWDATAGRAMS = 11 => U64,
        IPSTATS_MIB_INHDRERRORS = 12 => U64,
        IPSTATS_MIB_INTOOBIGERRORS = 13 => U64,
        IPSTATS_MIB_INNOROUTES = 14 => U64,
        IPSTATS_MIB_INADDRERRORS = 15 => U64,
        IPSTATS_MIB_INUNKNOWNPROTOS = 16 => U64,
        IPSTATS_MIB_INTRUNCATEDPKTS = 17 => U64,
        IPSTATS_MIB_INDISCARDS = 18 => U64,
        IPSTATS_MIB_OUTDISCARDS = 19 => U64,
        IPSTATS_MIB_OUTNOROUTES = 20 => U64,
        IPSTATS_MIB_REASMTIMEOUT = 21 => U64,
        IPSTATS_MIB_REASMREQDS = 22 => U64,
        IPSTATS_MIB_REASMOKS = 23 => U64,
        IPSTATS_MIB_REASMFAILS = 24 => U64,
        IPSTATS_MIB_FRAGOKS = 25 => U64,
        IPSTATS_MIB_FRAGFAILS = 26 => U64,
        IPSTATS_MIB_FRAGCREATES = 27 => U64,
        IPSTATS_MIB_INMCASTPKTS = 28 => U64,
        IPSTATS_MIB_OUTMCASTPKTS = 29 => U64,
        IPSTATS_MIB_INBCASTPKTS = 30 => U64,
        IPSTATS_MIB_OUTBCASTPKTS = 31 => U64,
        IPSTATS_MIB_INMCASTOCTETS = 32 => U64,
        IPSTATS_MIB_OUTMCASTOCTETS = 33 => U64,
        IPSTATS_MIB_INBCASTOCTETS = 34 => U64,
        IPSTATS_MIB_OUTBCASTOCTETS = 35 => U64,
        IPSTATS_MIB_CSUMERRORS = 36 => U64,
        IPSTATS_MIB_REASM_OVERLAPS = 37 => U64,
    }
}

attr_space! {
    /// `ICMP6_MIB_*` (`linux/snmp.h`): the indexes of the `__u64` array
    /// `IFLA_INET6_ICMP6STATS`. Element 0 (`ICMP6_MIB_NUM`) holds the count.
    pub static ICMP6_MIB = "ICMP6_MIB" {
        ICMP6_MIB_NUM = 0 => U64,
        ICMP6_MIB_INMSGS = 1 => U64,
        ICMP6_MIB_INERRORS = 2 => U64,
        ICMP6_MIB_OUTMSGS = 3 => U64,
        ICMP6_MIB_OUTERRORS = 4 => U64,
        ICMP6_MIB_CSUMERRORS = 5 => U64,
        ICMP6_MIB_RATELIMITHOST = 6 => U64,
    }
}
