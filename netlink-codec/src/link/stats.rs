//! Link statistics: `struct if_stats_msg` and the `RTM_*STATS` spaces (`IFLA_STATS_*`,
//! `linux/if_link.h`), used by `RTM_NEWSTATS`, `RTM_GETSTATS`, `RTM_SETSTATS` (`ip stats`),
//! and the element names of the IPv6 counter arrays in `IFLA_INET6_STATS` /
//! `IFLA_INET6_ICMP6STATS` (`IPSTATS_MIB_*`, `ICMP6_MIB_*` from `linux/snmp.h`).
//!
//! ```text
//!  0               1               2               3
//! +---------------+---------------+-------------------------------+
//! | family u8     | pad1 u8       |        pad2 u16               |  0
//! +---------------+---------------+-------------------------------+
//! |                    ifindex u32 (0: every device)              |  4
//! +---------------------------------------------------------------+
//! |                    filter_mask u32 (IFLA_STATS_FILTER_BIT)    |  8
//! +---------------------------------------------------------------+
//! ```
//!
//! The kernel answers with `IFLA_STATS_*` ([`STATS`]), but reads the attributes of a
//! request (`RTM_GETSTATS`, `RTM_SETSTATS`) as `IFLA_STATS_GETSET_*` ([`STATS_GETSET`],
//! `rtnl_stats_get_parse` / `rtnl_stats_set`), so the space depends on the message type
//! ([`crate::family::Family::of`]).

use zerocopy::byteorder::native_endian::{U16, U32, U64};
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr_space;
use crate::field;
use crate::schema::{Elem, HeaderDef, Labels, Names};

/// `struct if_stats_msg` (12 bytes).
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
pub struct IfStatsMsg {
    /// `family`: `AF_UNSPEC` (the kernel ignores it).
    pub family: u8,
    /// `pad1`: reserved, zero.
    pub pad1: u8,
    /// `pad2`: reserved, zero.
    pub pad2: U16,
    /// `ifindex`: the device (0 in a dump request: every device).
    pub ifindex: U32,
    /// `filter_mask`: which `IFLA_STATS_*` to report, bit `IFLA_STATS_FILTER_BIT(type)`
    /// (`1 << (type - 1)`) each.
    pub filter_mask: U32,
}
const _: () = assert!(core::mem::size_of::<IfStatsMsg>() == 12);

impl IfStatsMsg {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The header's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "if_stats_msg",
        len: Self::LEN,
        fields: &[
            field!(Self, family, Names::Enum(crate::af::AF_NAMES)),
            field!(Self, pad1),
            field!(Self, pad2),
            field!(Self, ifindex),
            field!(Self, filter_mask, Names::Flags(STATS_FILTER_NAMES)),
        ],
    };
}

/// The bits of `if_stats_msg.filter_mask`, named as the uapi writes them:
/// `IFLA_STATS_FILTER_BIT(ATTR)` is `1 << (ATTR - 1)`.
pub const STATS_FILTER_NAMES: &[(u64, &str)] = &[
    (1 << 0, "IFLA_STATS_FILTER_BIT(IFLA_STATS_LINK_64)"),
    (1 << 1, "IFLA_STATS_FILTER_BIT(IFLA_STATS_LINK_XSTATS)"),
    (
        1 << 2,
        "IFLA_STATS_FILTER_BIT(IFLA_STATS_LINK_XSTATS_SLAVE)",
    ),
    (
        1 << 3,
        "IFLA_STATS_FILTER_BIT(IFLA_STATS_LINK_OFFLOAD_XSTATS)",
    ),
    (1 << 4, "IFLA_STATS_FILTER_BIT(IFLA_STATS_AF_SPEC)"),
];

attr_space! {
    /// `RTM_NEWSTATS` attributes (after `struct if_stats_msg`), `IFLA_STATS_*`.
    pub static STATS = "IFLA_STATS" {
        IFLA_STATS_UNSPEC = 0 => Raw,
        IFLA_STATS_LINK_64 = 1 => Array(Elem::U64, Labels::List(super::LINK_STATS_NAMES)),
        IFLA_STATS_LINK_XSTATS = 2 => Nested(&LINK_XSTATS),
        IFLA_STATS_LINK_XSTATS_SLAVE = 3 => Nested(&LINK_XSTATS),
        IFLA_STATS_LINK_OFFLOAD_XSTATS = 4 => Nested(&OFFLOAD_XSTATS),
        IFLA_STATS_AF_SPEC = 5 => Nested(&STATS_AF_SPEC),
    }
}

attr_space! {
    /// `IFLA_STATS_AF_SPEC` contents: one nest per address family whose `fill_stats_af`
    /// reports (MPLS only, in 6.18).
    pub static STATS_AF_SPEC = "IFLA_STATS_AF_SPEC" {
        IFLA_STATS_AF_SPEC_MPLS = 28 as "AF_MPLS" => Nested(&MPLS_STATS),
    }
}

attr_space! {
    /// `AF_MPLS` inside `IFLA_STATS_AF_SPEC`, `MPLS_STATS_*` (`linux/mpls.h`).
    pub static MPLS_STATS = "MPLS_STATS" {
        MPLS_STATS_UNSPEC = 0 => Raw,
        MPLS_STATS_LINK = 1 => Array(Elem::U64, Labels::List(MPLS_LINK_STATS_NAMES)),
    }
}

/// The `__u64` fields of `struct mpls_link_stats` (`linux/mpls.h`), in order.
pub static MPLS_LINK_STATS_NAMES: &[&str] = &[
    "rx_packets",
    "tx_packets",
    "rx_bytes",
    "tx_bytes",
    "rx_errors",
    "tx_errors",
    "rx_dropped",
    "tx_dropped",
    "rx_noroute",
];

attr_space! {
    /// `RTM_GETSTATS` / `RTM_SETSTATS` request attributes, `IFLA_STATS_GETSET_*`.
    pub static STATS_GETSET = "IFLA_STATS_GETSET" {
        IFLA_STATS_GETSET_UNSPEC = 0 => Raw,
        IFLA_STATS_GET_FILTERS = 1 => Nested(&STATS_GET_FILTERS),
        IFLA_STATS_SET_OFFLOAD_XSTATS_L3_STATS = 2 => U8,
    }
}

attr_space! {
    /// `IFLA_STATS_GET_FILTERS` contents: keyed by `IFLA_STATS_*`, each a `__u32` mask of
    /// what to report inside that attribute (`rtnl_stats_get_parse_filters`; the kernel
    /// takes one for `IFLA_STATS_LINK_OFFLOAD_XSTATS`, bits
    /// `IFLA_STATS_FILTER_BIT(IFLA_OFFLOAD_XSTATS_*)`).
    pub static STATS_GET_FILTERS = "IFLA_STATS_GET_FILTERS" {
        IFLA_STATS_FILTER_LINK_64 = 1 as "IFLA_STATS_LINK_64" => U32,
        IFLA_STATS_FILTER_LINK_XSTATS = 2 as "IFLA_STATS_LINK_XSTATS" => U32,
        IFLA_STATS_FILTER_LINK_XSTATS_SLAVE = 3 as "IFLA_STATS_LINK_XSTATS_SLAVE" => U32,
        IFLA_STATS_FILTER_LINK_OFFLOAD_XSTATS = 4 as "IFLA_STATS_LINK_OFFLOAD_XSTATS" => U32,
        IFLA_STATS_FILTER_AF_SPEC = 5 as "IFLA_STATS_AF_SPEC" => U32,
    }
}

attr_space! {
    /// `IFLA_STATS_LINK_XSTATS` / `IFLA_STATS_LINK_XSTATS_SLAVE` contents,
    /// `LINK_XSTATS_TYPE_*`: one nest by the link type (of the device, or of its master).
    pub static LINK_XSTATS = "LINK_XSTATS_TYPE" {
        LINK_XSTATS_TYPE_UNSPEC = 0 => Raw,
        LINK_XSTATS_TYPE_BRIDGE = 1 => Nested(&BRIDGE_XSTATS),
        LINK_XSTATS_TYPE_BOND = 2 => Nested(&BOND_XSTATS),
    }
}

attr_space! {
    /// `LINK_XSTATS_TYPE_BRIDGE` contents, `BRIDGE_XSTATS_*` (`linux/if_bridge.h`): a
    /// bridge's per-VLAN and multicast counters, a port's multicast and STP counters.
    pub static BRIDGE_XSTATS = "BRIDGE_XSTATS" {
        BRIDGE_XSTATS_UNSPEC = 0 => Raw,
        BRIDGE_XSTATS_VLAN = 1 => Structs(&BridgeVlanXstats::DEF),
        BRIDGE_XSTATS_MCAST = 2 => Array(Elem::U64, Labels::List(BR_MCAST_STATS_NAMES)),
        BRIDGE_XSTATS_PAD = 3 => Raw,
        BRIDGE_XSTATS_STP = 4 => Array(Elem::U64, Labels::List(BRIDGE_STP_XSTATS_NAMES)),
    }
}

/// `struct bridge_vlan_xstats` (`linux/if_bridge.h`, 40 bytes): one VLAN's counters.
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
pub struct BridgeVlanXstats {
    /// `rx_bytes`.
    pub rx_bytes: U64,
    /// `rx_packets`.
    pub rx_packets: U64,
    /// `tx_bytes`.
    pub tx_bytes: U64,
    /// `tx_packets`.
    pub tx_packets: U64,
    /// `vid`: the VLAN.
    pub vid: U16,
    /// `flags`: `BRIDGE_VLAN_INFO_*`.
    pub flags: U16,
    /// `pad2`: reserved.
    pub pad2: U32,
}
const _: () = assert!(core::mem::size_of::<BridgeVlanXstats>() == 40);

impl BridgeVlanXstats {
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "bridge_vlan_xstats",
        len: core::mem::size_of::<Self>(),
        fields: &[
            field!(Self, rx_bytes),
            field!(Self, rx_packets),
            field!(Self, tx_bytes),
            field!(Self, tx_packets),
            field!(Self, vid),
            field!(Self, flags),
            field!(Self, pad2),
        ],
    };
}

/// The `__u64`s of `struct br_mcast_stats` (`linux/if_bridge.h`), in order: most fields
/// are `[BR_MCAST_DIR_SIZE]` arrays, one element a direction.
pub static BR_MCAST_STATS_NAMES: &[&str] = &[
    "igmp_v1queries[BR_MCAST_DIR_RX]",
    "igmp_v1queries[BR_MCAST_DIR_TX]",
    "igmp_v2queries[BR_MCAST_DIR_RX]",
    "igmp_v2queries[BR_MCAST_DIR_TX]",
    "igmp_v3queries[BR_MCAST_DIR_RX]",
    "igmp_v3queries[BR_MCAST_DIR_TX]",
    "igmp_leaves[BR_MCAST_DIR_RX]",
    "igmp_leaves[BR_MCAST_DIR_TX]",
    "igmp_v1reports[BR_MCAST_DIR_RX]",
    "igmp_v1reports[BR_MCAST_DIR_TX]",
    "igmp_v2reports[BR_MCAST_DIR_RX]",
    "igmp_v2reports[BR_MCAST_DIR_TX]",
    "igmp_v3reports[BR_MCAST_DIR_RX]",
    "igmp_v3reports[BR_MCAST_DIR_TX]",
    "igmp_parse_errors",
    "mld_v1queries[BR_MCAST_DIR_RX]",
    "mld_v1queries[BR_MCAST_DIR_TX]",
    "mld_v2queries[BR_MCAST_DIR_RX]",
    "mld_v2queries[BR_MCAST_DIR_TX]",
    "mld_leaves[BR_MCAST_DIR_RX]",
    "mld_leaves[BR_MCAST_DIR_TX]",
    "mld_v1reports[BR_MCAST_DIR_RX]",
    "mld_v1reports[BR_MCAST_DIR_TX]",
    "mld_v2reports[BR_MCAST_DIR_RX]",
    "mld_v2reports[BR_MCAST_DIR_TX]",
    "mld_parse_errors",
    "mcast_bytes[BR_MCAST_DIR_RX]",
    "mcast_bytes[BR_MCAST_DIR_TX]",
    "mcast_packets[BR_MCAST_DIR_RX]",
    "mcast_packets[BR_MCAST_DIR_TX]",
];

/// The `__u64`s of `struct bridge_stp_xstats` (`linux/if_bridge.h`), in order.
pub static BRIDGE_STP_XSTATS_NAMES: &[&str] = &[
    "transition_blk",
    "transition_fwd",
    "rx_bpdu",
    "tx_bpdu",
    "rx_tcn",
    "tx_tcn",
];

attr_space! {
    /// `LINK_XSTATS_TYPE_BOND` contents, `BOND_XSTATS_*` (`linux/if_bonding.h`).
    pub static BOND_XSTATS = "BOND_XSTATS" {
        BOND_XSTATS_UNSPEC = 0 => Raw,
        BOND_XSTATS_3AD = 1 => Nested(&BOND_3AD_STAT),
    }
}

attr_space! {
    /// `BOND_XSTATS_3AD` contents, `BOND_3AD_STAT_*` (`linux/if_bonding.h`): `__u64`
    /// counters of LACPDUs and markers; `BOND_3AD_STAT_PAD` aligns them.
    pub static BOND_3AD_STAT = "BOND_3AD_STAT" {
        BOND_3AD_STAT_LACPDU_RX = 0 => U64,
        BOND_3AD_STAT_LACPDU_TX = 1 => U64,
        BOND_3AD_STAT_LACPDU_UNKNOWN_RX = 2 => U64,
        BOND_3AD_STAT_LACPDU_ILLEGAL_RX = 3 => U64,
        BOND_3AD_STAT_MARKER_RX = 4 => U64,
        BOND_3AD_STAT_MARKER_TX = 5 => U64,
        BOND_3AD_STAT_MARKER_RESP_RX = 6 => U64,
        BOND_3AD_STAT_MARKER_RESP_TX = 7 => U64,
        BOND_3AD_STAT_MARKER_UNKNOWN_RX = 8 => U64,
        BOND_3AD_STAT_PAD = 9 => Raw,
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
