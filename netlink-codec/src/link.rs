//! Links: `struct ifinfomsg` and the `IFLA_*` attribute spaces (`linux/if_link.h`,
//! `linux/veth.h`), used by `RTM_NEWLINK`, `RTM_DELLINK`, `RTM_GETLINK`, `RTM_SETLINK`.
//!
//! ```text
//!  0               1               2               3
//! +---------------+---------------+-------------------------------+
//! | ifi_family u8 | __ifi_pad u8  |        ifi_type u16 (ARPHRD_*)|  0
//! +---------------+---------------+-------------------------------+
//! |                    ifi_index i32                              |  4
//! +---------------------------------------------------------------+
//! |                    ifi_flags u32 (IFF_*)                      |  8
//! +---------------------------------------------------------------+
//! |                    ifi_change u32 (IFF_* mask to change)      | 12
//! +---------------------------------------------------------------+
//! ```

use zerocopy::byteorder::native_endian::{I32, U16, U32, U64};
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr_space;
use crate::field;
use crate::schema::{Elem, HeaderDef, Labels, Names, Shape};
use crate::uapi::uapi_flags;

mod bridge_af;
mod bridge_cfm;
mod bridge_mrp;
mod can;
mod handles;
mod kinds;
mod stats;
mod tunnel;
mod values;
mod vf;
pub use bridge_af::*;
pub use bridge_cfm::*;
pub use bridge_mrp::*;
pub use can::*;
pub use handles::*;
pub use kinds::*;
pub use stats::*;
pub use tunnel::*;
pub use values::*;
pub use vf::*;

/// `IFNAMSIZ` (`linux/if.h`): the size of an interface name with its NUL; names have
/// at most `IFNAMSIZ - 1` bytes.
pub const IFNAMSIZ: usize = 16;
/// `ETH_MIN_MTU` (`linux/if_ether.h`): the smallest MTU an Ethernet-like link (veth)
/// takes, the IPv4 minimum.
pub const ETH_MIN_MTU: u32 = 68;
/// `ETH_MAX_MTU` (`linux/if_ether.h`): the largest MTU a veth takes.
pub const ETH_MAX_MTU: u32 = 0xFFFF;
/// `IPV6_MIN_MTU` (the kernel's `net/ipv6.h`; RFC 8200's minimum link MTU): below it the
/// kernel gives a link no IPv6 at all.
pub const IPV6_MIN_MTU: u32 = 1280;

/// `struct ifinfomsg` (16 bytes).
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
pub struct IfInfoMsg {
    /// `ifi_family`: `AF_UNSPEC` for most requests.
    pub ifi_family: u8,
    /// `__ifi_pad`: reserved, zero.
    pub ifi_pad: u8,
    /// `ifi_type`: `ARPHRD_*`.
    pub ifi_type: U16,
    /// `ifi_index`: interface index (0: by name, or let the kernel choose).
    pub ifi_index: I32,
    /// `ifi_flags`: `IFF_*`.
    pub ifi_flags: U32,
    /// `ifi_change`: which `ifi_flags` bits to change.
    pub ifi_change: U32,
}
const _: () = assert!(core::mem::size_of::<IfInfoMsg>() == 16);

impl IfInfoMsg {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The header's fields, for renderers and text encoders.
    pub const DEF: HeaderDef = HeaderDef {
        name: "ifinfomsg",
        len: Self::LEN,
        fields: &[
            field!(Self, ifi_family, Names::Enum(crate::af::AF_NAMES)),
            field!(Self, ifi_pad as "__ifi_pad"),
            field!(Self, ifi_type, Names::Enum(ARPHRD_NAMES)),
            field!(Self, ifi_index),
            field!(Self, ifi_flags, Names::Flags(IFF_NAMES)),
            field!(Self, ifi_change, Names::Flags(IFF_NAMES)),
        ],
    };
    /// `IFF_*` flags of `ifi_flags`.
    pub fn flags(&self) -> Iff {
        Iff::from_bits_retain(self.ifi_flags.get())
    }
}

uapi_flags! {
    /// `IFF_*` interface flags (`linux/if.h`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct Iff: u32, "IFF_", IFF_NAMES {
        UP = 1 << 0,
        BROADCAST = 1 << 1,
        DEBUG = 1 << 2,
        LOOPBACK = 1 << 3,
        POINTOPOINT = 1 << 4,
        NOTRAILERS = 1 << 5,
        RUNNING = 1 << 6,
        NOARP = 1 << 7,
        PROMISC = 1 << 8,
        ALLMULTI = 1 << 9,
        MASTER = 1 << 10,
        SLAVE = 1 << 11,
        MULTICAST = 1 << 12,
        PORTSEL = 1 << 13,
        AUTOMEDIA = 1 << 14,
        DYNAMIC = 1 << 15,
        LOWER_UP = 1 << 16,
        DORMANT = 1 << 17,
        ECHO = 1 << 18,
    }
}

/// `struct rtnl_link_ifmap` (32 bytes on 64-bit hosts, where `__u64` aligns to 8; a
/// 32-bit host's 28 bytes stay raw), the payload of `IFLA_MAP`.
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
pub struct RtnlLinkIfmap {
    /// `mem_start`.
    pub mem_start: U64,
    /// `mem_end`.
    pub mem_end: U64,
    /// `base_addr`.
    pub base_addr: U64,
    /// `irq`.
    pub irq: U16,
    /// `dma`.
    pub dma: u8,
    /// `port`.
    pub port: u8,
    /// The C struct's tail padding (to the 8-byte alignment of `__u64`), shown as a
    /// field so that whatever a sender left there survives decode and encode.
    pub pad: U32,
}
const _: () = assert!(core::mem::size_of::<RtnlLinkIfmap>() == 32);

impl RtnlLinkIfmap {
    /// The struct's fields, and its tail padding as `__pad`.
    pub const DEF: HeaderDef = HeaderDef {
        name: "rtnl_link_ifmap",
        len: core::mem::size_of::<Self>(),
        fields: &[
            field!(Self, mem_start),
            field!(Self, mem_end),
            field!(Self, base_addr),
            field!(Self, irq),
            field!(Self, dma),
            field!(Self, port),
            field!(Self, pad as "__pad"),
        ],
    };
}

/// Names of common `ARPHRD_*` link types (`linux/if_arp.h`).
pub const ARPHRD_NAMES: &[(u64, &str)] = &[
    (0, "ARPHRD_NETROM"),
    (1, "ARPHRD_ETHER"),
    (24, "ARPHRD_IEEE1394"),
    (512, "ARPHRD_PPP"),
    (768, "ARPHRD_TUNNEL"),
    (769, "ARPHRD_TUNNEL6"),
    (772, "ARPHRD_LOOPBACK"),
    (776, "ARPHRD_SIT"),
    (778, "ARPHRD_IPGRE"),
    (823, "ARPHRD_IP6GRE"),
    (824, "ARPHRD_NETLINK"),
    (825, "ARPHRD_6LOWPAN"),
    (0xfffe, "ARPHRD_NONE"),
    (0xffff, "ARPHRD_VOID"),
];

/// `IFLA_IF_NETNSID` (46): the uapi's first name of [`IFLA_TARGET_NETNSID`].
pub const IFLA_IF_NETNSID: u16 = IFLA_TARGET_NETNSID;

/// Field names of `struct rtnl_link_stats64` (`IFLA_STATS64`) and, for the first 24,
/// `struct rtnl_link_stats` (`IFLA_STATS`).
pub static LINK_STATS_NAMES: &[&str] = &[
    "rx_packets",
    "tx_packets",
    "rx_bytes",
    "tx_bytes",
    "rx_errors",
    "tx_errors",
    "rx_dropped",
    "tx_dropped",
    "multicast",
    "collisions",
    "rx_length_errors",
    "rx_over_errors",
    "rx_crc_errors",
    "rx_frame_errors",
    "rx_fifo_errors",
    "rx_missed_errors",
    "tx_aborted_errors",
    "tx_carrier_errors",
    "tx_fifo_errors",
    "tx_heartbeat_errors",
    "tx_window_errors",
    "rx_compressed",
    "tx_compressed",
    "rx_nohandler",
    "rx_otherhost_dropped",
];

/// Field names of `struct ifla_cacheinfo` (`IFLA_INET6_CACHEINFO`).
pub static IFLA_CACHEINFO_NAMES: &[&str] =
    &["max_reasm_len", "tstamp", "reachable_time", "retrans_time"];

attr_space! {
    /// Link attributes, `IFLA_*` (`enum` in `linux/if_link.h`).
    pub static LINK = "IFLA" {
        IFLA_UNSPEC = 0 => Raw,
        IFLA_ADDRESS = 1 => LlAddr,
        IFLA_BROADCAST = 2 => LlAddr,
        IFLA_IFNAME = 3 => Str,
        IFLA_MTU = 4 => U32,
        IFLA_LINK = 5 => U32,
        IFLA_QDISC = 6 => Str,
        IFLA_STATS = 7 => Array(Elem::U32, Labels::List(LINK_STATS_NAMES)),
        IFLA_COST = 8 => Raw,
        IFLA_PRIORITY = 9 => Raw,
        IFLA_MASTER = 10 => U32,
        IFLA_WIRELESS = 11 => Raw,
        IFLA_PROTINFO = 12 => ByFamily(PROTINFO_FAMILIES, &Raw),
        IFLA_TXQLEN = 13 => U32,
        IFLA_MAP = 14 => Structs(&RtnlLinkIfmap::DEF),
        IFLA_WEIGHT = 15 => U32,
        IFLA_OPERSTATE = 16 => U8; Enum(IF_OPER_NAMES),
        IFLA_LINKMODE = 17 => U8; Enum(IF_LINK_MODE_NAMES),
        IFLA_LINKINFO = 18 => Nested(&LINKINFO),
        IFLA_NET_NS_PID = 19 => U32,
        IFLA_IFALIAS = 20 => Str,
        IFLA_NUM_VF = 21 => U32,
        IFLA_VFINFO_LIST = 22 => Nested(&VFINFO_LIST),
        IFLA_STATS64 = 23 => Array(Elem::U64, Labels::List(LINK_STATS_NAMES)),
        IFLA_VF_PORTS = 24 => Nested(&VF_PORTS),
        IFLA_PORT_SELF = 25 => Nested(&PORT),
        IFLA_AF_SPEC = 26 => ByFamily(AF_SPEC_FAMILIES, &Nested(&AF_SPEC)),
        IFLA_GROUP = 27 => U32,
        IFLA_NET_NS_FD = 28 => U32,
        IFLA_EXT_MASK = 29 => U32; Flags(RTEXT_FILTER_NAMES),
        IFLA_PROMISCUITY = 30 => U32,
        IFLA_NUM_TX_QUEUES = 31 => U32,
        IFLA_NUM_RX_QUEUES = 32 => U32,
        IFLA_CARRIER = 33 => U8,
        IFLA_PHYS_PORT_ID = 34 => Raw,
        IFLA_CARRIER_CHANGES = 35 => U32,
        IFLA_PHYS_SWITCH_ID = 36 => Raw,
        IFLA_LINK_NETNSID = 37 => I32,
        IFLA_PHYS_PORT_NAME = 38 => Str,
        IFLA_PROTO_DOWN = 39 => U8,
        IFLA_GSO_MAX_SEGS = 40 => U32,
        IFLA_GSO_MAX_SIZE = 41 => U32,
        IFLA_PAD = 42 => Raw,
        IFLA_XDP = 43 => Nested(&XDP),
        IFLA_EVENT = 44 => U32; Enum(IFLA_EVENT_NAMES),
        IFLA_NEW_NETNSID = 45 => I32,
        IFLA_TARGET_NETNSID = 46 => I32,
        IFLA_CARRIER_UP_COUNT = 47 => U32,
        IFLA_CARRIER_DOWN_COUNT = 48 => U32,
        IFLA_NEW_IFINDEX = 49 => I32,
        IFLA_MIN_MTU = 50 => U32,
        IFLA_MAX_MTU = 51 => U32,
        IFLA_PROP_LIST = 52 => Nested(&LINK),
        IFLA_ALT_IFNAME = 53 => Str,
        IFLA_PERM_ADDRESS = 54 => LlAddr,
        IFLA_PROTO_DOWN_REASON = 55 => Nested(&PROTO_DOWN_REASON),
        IFLA_PARENT_DEV_NAME = 56 => Str,
        IFLA_PARENT_DEV_BUS_NAME = 57 => Str,
        IFLA_GRO_MAX_SIZE = 58 => U32,
        IFLA_TSO_MAX_SIZE = 59 => U32,
        IFLA_TSO_MAX_SEGS = 60 => U32,
        IFLA_ALLMULTI = 61 => U32,
        IFLA_DEVLINK_PORT = 62 => Nested(&DEVLINK_PORT),
        IFLA_GSO_IPV4_MAX_SIZE = 63 => U32,
        IFLA_GRO_IPV4_MAX_SIZE = 64 => U32,
        IFLA_DPLL_PIN = 65 => Nested(&DPLL_PIN),
        IFLA_MAX_PACING_OFFLOAD_HORIZON = 66 => Uint,
        IFLA_NETNS_IMMUTABLE = 67 => U8,
        IFLA_HEADROOM = 68 => U16,
        IFLA_TAILROOM = 69 => U16,
    }
}

/// The `IFLA_PROTINFO` space by `ifi_family`: `AF_INET6` link dumps (`ip -6 addr`)
/// carry `IFLA_INET6_*`, `AF_BRIDGE` ones (`bridge link`) the port's `IFLA_BRPORT_*`;
/// other families' stay raw.
pub static PROTINFO_FAMILIES: &[(u8, Shape)] = &[
    (crate::af::AF_BRIDGE, Shape::Nested(&BRPORT)),
    (crate::af::AF_INET6, Shape::Nested(&INET6)),
];
/// The `IFLA_AF_SPEC` space by `ifi_family`: `AF_BRIDGE` messages (`bridge vlan`) carry
/// `IFLA_BRIDGE_*`; every other family one nest per address family ([`AF_SPEC`]).
pub static AF_SPEC_FAMILIES: &[(u8, Shape)] = &[(crate::af::AF_BRIDGE, Shape::Nested(&BRIDGE_AF))];

attr_space! {
    /// `IFLA_LINKINFO` contents, `IFLA_INFO_*`.
    pub static LINKINFO = "IFLA_INFO" {
        IFLA_INFO_UNSPEC = 0 => Raw,
        IFLA_INFO_KIND = 1 => Str,
        IFLA_INFO_DATA = 2 => ByKind(1, INFO_DATA_KINDS),
        IFLA_INFO_XSTATS = 3 => ByKind(1, INFO_XSTATS_KINDS),
        IFLA_INFO_SLAVE_KIND = 4 => Str,
        IFLA_INFO_SLAVE_DATA = 5 => ByKind(4, INFO_SLAVE_DATA_KINDS),
    }
}

/// The `IFLA_INFO_DATA` space for each `IFLA_INFO_KIND` the codec knows (the kernel's
/// `rtnl_link_ops.kind` strings).
pub static INFO_DATA_KINDS: &[(&str, Shape)] = &[
    ("amt", Shape::Nested(&AMT)),
    ("bareudp", Shape::Nested(&BAREUDP)),
    ("batadv", Shape::Nested(&BATADV)),
    ("bond", Shape::Nested(&BOND)),
    ("bridge", Shape::Nested(&BRIDGE)),
    ("caif", Shape::Nested(&CAIF)),
    ("can", Shape::Nested(&CAN)),
    ("dsa", Shape::Nested(&DSA)),
    ("erspan", Shape::Nested(&GRE)),
    ("geneve", Shape::Nested(&GENEVE)),
    ("gre", Shape::Nested(&GRE)),
    ("gretap", Shape::Nested(&GRE)),
    ("gtp", Shape::Nested(&GTP)),
    ("hsr", Shape::Nested(&HSR)),
    ("ip6erspan", Shape::Nested(&GRE)),
    ("ip6gre", Shape::Nested(&GRE)),
    ("ip6gretap", Shape::Nested(&GRE)),
    ("ip6tnl", Shape::Nested(&IP6TNL)),
    ("ipip", Shape::Nested(&IPTUN)),
    ("ipoib", Shape::Nested(&IPOIB)),
    ("ipvlan", Shape::Nested(&IPVLAN)),
    ("ipvtap", Shape::Nested(&IPVLAN)),
    ("macsec", Shape::Nested(&MACSEC)),
    ("macvlan", Shape::Nested(&MACVLAN)),
    ("macvtap", Shape::Nested(&MACVLAN)),
    ("netkit", Shape::Nested(&NETKIT)),
    ("ovpn", Shape::Nested(&OVPN)),
    ("ppp", Shape::Nested(&PPP)),
    ("rmnet", Shape::Nested(&RMNET)),
    ("sit", Shape::Nested(&IPTUN)),
    ("tun", Shape::Nested(&TUN)),
    ("veth", Shape::Nested(&VETH)),
    ("vlan", Shape::Nested(&VLAN)),
    ("vrf", Shape::Nested(&VRF)),
    ("vti", Shape::Nested(&VTI)),
    ("vti6", Shape::Nested(&VTI)),
    ("vxcan", Shape::Nested(&VXCAN)),
    ("vxlan", Shape::Nested(&VXLAN)),
    ("wwan", Shape::Nested(&WWAN)),
    ("xfrm", Shape::Nested(&XFRM)),
];
/// The `IFLA_INFO_XSTATS` payload for each `IFLA_INFO_KIND` whose `rtnl_link_ops` has
/// `fill_xstats`: only can's, `struct can_device_stats`.
pub static INFO_XSTATS_KINDS: &[(&str, Shape)] = &[(
    "can",
    Shape::Array(Elem::U32, Labels::List(CAN_DEVICE_STATS_NAMES)),
)];
/// The `IFLA_INFO_SLAVE_DATA` space for each `IFLA_INFO_SLAVE_KIND` the codec knows.
pub static INFO_SLAVE_DATA_KINDS: &[(&str, Shape)] = &[
    ("bond", Shape::Nested(&BOND_SLAVE)),
    ("bridge", Shape::Nested(&BRPORT)),
    ("vrf", Shape::Nested(&VRF_PORT)),
];

attr_space! {
    /// veth's `IFLA_INFO_DATA`, `VETH_INFO_*` (`linux/veth.h`).
    pub static VETH = "VETH_INFO" {
        VETH_INFO_UNSPEC = 0 => Raw,
        VETH_INFO_PEER = 1 => Peer(&LINK),
    }
}

attr_space! {
    /// `IFLA_AF_SPEC` contents: one nest per address family.
    pub static AF_SPEC = "IFLA_AF_SPEC" {
        IFLA_AF_SPEC_INET = 2 as "AF_INET" => Nested(&INET),
        IFLA_AF_SPEC_INET6 = 10 as "AF_INET6" => Nested(&INET6),
        IFLA_AF_SPEC_MCTP = 45 as "AF_MCTP" => Nested(&MCTP),
    }
}

attr_space! {
    /// `AF_INET` inside `IFLA_AF_SPEC`, `IFLA_INET_*`.
    pub static INET = "IFLA_INET" {
        IFLA_INET_UNSPEC = 0 => Raw,
        IFLA_INET_CONF = 1 => InetConf(&IPV4_DEVCONF),
    }
}

attr_space! {
    /// `AF_INET6` inside `IFLA_AF_SPEC` (and `IFLA_PROTINFO` of `AF_INET6` dumps),
    /// `IFLA_INET6_*`.
    pub static INET6 = "IFLA_INET6" {
        IFLA_INET6_UNSPEC = 0 => Raw,
        IFLA_INET6_FLAGS = 1 => U32; Flags(IF_INET6_FLAG_NAMES),
        IFLA_INET6_CONF = 2 => Array(Elem::I32, Labels::Space(&IPV6_DEVCONF, 0)),
        IFLA_INET6_STATS = 3 => Array(Elem::U64, Labels::Space(&IPSTATS_MIB, 0)),
        IFLA_INET6_MCAST = 4 => Raw,
        IFLA_INET6_CACHEINFO = 5 => Array(Elem::U32, Labels::List(IFLA_CACHEINFO_NAMES)),
        IFLA_INET6_ICMP6STATS = 6 => Array(Elem::U64, Labels::Space(&ICMP6_MIB, 0)),
        IFLA_INET6_TOKEN = 7 => Ip,
        IFLA_INET6_ADDR_GEN_MODE = 8 => U8; Enum(IN6_ADDR_GEN_MODE_NAMES),
        IFLA_INET6_RA_MTU = 9 => U32,
    }
}

attr_space! {
    /// `IPV4_DEVCONF_*` (`linux/ip.h`): the types inside a nested `IFLA_INET_CONF`, and
    /// (minus one) the indexes of the dumped array.
    pub static IPV4_DEVCONF = "IPV4_DEVCONF" {
        IPV4_DEVCONF_FORWARDING = 1 => U32,
        IPV4_DEVCONF_MC_FORWARDING = 2 => U32,
        IPV4_DEVCONF_PROXY_ARP = 3 => U32,
        IPV4_DEVCONF_ACCEPT_REDIRECTS = 4 => U32,
        IPV4_DEVCONF_SECURE_REDIRECTS = 5 => U32,
        IPV4_DEVCONF_SEND_REDIRECTS = 6 => U32,
        IPV4_DEVCONF_SHARED_MEDIA = 7 => U32,
        IPV4_DEVCONF_RP_FILTER = 8 => U32,
        IPV4_DEVCONF_ACCEPT_SOURCE_ROUTE = 9 => U32,
        IPV4_DEVCONF_BOOTP_RELAY = 10 => U32,
        IPV4_DEVCONF_LOG_MARTIANS = 11 => U32,
        IPV4_DEVCONF_TAG = 12 => U32,
        IPV4_DEVCONF_ARPFILTER = 13 => U32,
        IPV4_DEVCONF_MEDIUM_ID = 14 => U32,
        IPV4_DEVCONF_NOXFRM = 15 => U32,
        IPV4_DEVCONF_NOPOLICY = 16 => U32,
        IPV4_DEVCONF_FORCE_IGMP_VERSION = 17 => U32,
        IPV4_DEVCONF_ARP_ANNOUNCE = 18 => U32,
        IPV4_DEVCONF_ARP_IGNORE = 19 => U32,
        IPV4_DEVCONF_PROMOTE_SECONDARIES = 20 => U32,
        IPV4_DEVCONF_ARP_ACCEPT = 21 => U32,
        IPV4_DEVCONF_ARP_NOTIFY = 22 => U32,
        IPV4_DEVCONF_ACCEPT_LOCAL = 23 => U32,
        IPV4_DEVCONF_SRC_VMARK = 24 => U32,
        IPV4_DEVCONF_PROXY_ARP_PVLAN = 25 => U32,
        IPV4_DEVCONF_ROUTE_LOCALNET = 26 => U32,
        IPV4_DEVCONF_IGMPV2_UNSOLICITED_REPORT_INTERVAL = 27 => U32,
        IPV4_DEVCONF_IGMPV3_UNSOLICITED_REPORT_INTERVAL = 28 => U32,
        IPV4_DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN = 29 => U32,
        IPV4_DEVCONF_DROP_UNICAST_IN_L2_MULTICAST = 30 => U32,
        IPV4_DEVCONF_DROP_GRATUITOUS_ARP = 31 => U32,
        IPV4_DEVCONF_BC_FORWARDING = 32 => U32,
        IPV4_DEVCONF_ARP_EVICT_NOCARRIER = 33 => U32,
    }
}

attr_space! {
    /// `DEVCONF_*` (`linux/ipv6.h`): the indexes of the `IFLA_INET6_CONF` array.
    pub static IPV6_DEVCONF = "DEVCONF" {
        DEVCONF_FORWARDING = 0 => I32,
        DEVCONF_HOPLIMIT = 1 => I32,
        DEVCONF_MTU6 = 2 => I32,
        DEVCONF_ACCEPT_RA = 3 => I32,
        DEVCONF_ACCEPT_REDIRECTS = 4 => I32,
        DEVCONF_AUTOCONF = 5 => I32,
        DEVCONF_DAD_TRANSMITS = 6 => I32,
        DEVCONF_RTR_SOLICITS = 7 => I32,
        DEVCONF_RTR_SOLICIT_INTERVAL = 8 => I32,
        DEVCONF_RTR_SOLICIT_DELAY = 9 => I32,
        DEVCONF_USE_TEMPADDR = 10 => I32,
        DEVCONF_TEMP_VALID_LFT = 11 => I32,
        DEVCONF_TEMP_PREFERED_LFT = 12 => I32,
        DEVCONF_REGEN_MAX_RETRY = 13 => I32,
        DEVCONF_MAX_DESYNC_FACTOR = 14 => I32,
        DEVCONF_MAX_ADDRESSES = 15 => I32,
        DEVCONF_FORCE_MLD_VERSION = 16 => I32,
        DEVCONF_ACCEPT_RA_DEFRTR = 17 => I32,
        DEVCONF_ACCEPT_RA_PINFO = 18 => I32,
        DEVCONF_ACCEPT_RA_RTR_PREF = 19 => I32,
        DEVCONF_RTR_PROBE_INTERVAL = 20 => I32,
        DEVCONF_ACCEPT_RA_RT_INFO_MAX_PLEN = 21 => I32,
        DEVCONF_PROXY_NDP = 22 => I32,
        DEVCONF_OPTIMISTIC_DAD = 23 => I32,
        DEVCONF_ACCEPT_SOURCE_ROUTE = 24 => I32,
        DEVCONF_MC_FORWARDING = 25 => I32,
        DEVCONF_DISABLE_IPV6 = 26 => I32,
        DEVCONF_ACCEPT_DAD = 27 => I32,
        DEVCONF_FORCE_TLLAO = 28 => I32,
        DEVCONF_NDISC_NOTIFY = 29 => I32,
        DEVCONF_MLDV1_UNSOLICITED_REPORT_INTERVAL = 30 => I32,
        DEVCONF_MLDV2_UNSOLICITED_REPORT_INTERVAL = 31 => I32,
        DEVCONF_SUPPRESS_FRAG_NDISC = 32 => I32,
        DEVCONF_ACCEPT_RA_FROM_LOCAL = 33 => I32,
        DEVCONF_USE_OPTIMISTIC = 34 => I32,
        DEVCONF_ACCEPT_RA_MTU = 35 => I32,
        DEVCONF_STABLE_SECRET = 36 => I32,
        DEVCONF_USE_OIF_ADDRS_ONLY = 37 => I32,
        DEVCONF_ACCEPT_RA_MIN_HOP_LIMIT = 38 => I32,
        DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN = 39 => I32,
        DEVCONF_DROP_UNICAST_IN_L2_MULTICAST = 40 => I32,
        DEVCONF_DROP_UNSOLICITED_NA = 41 => I32,
        DEVCONF_KEEP_ADDR_ON_DOWN = 42 => I32,
        DEVCONF_RTR_SOLICIT_MAX_INTERVAL = 43 => I32,
        DEVCONF_SEG6_ENABLED = 44 => I32,
        DEVCONF_SEG6_REQUIRE_HMAC = 45 => I32,
        DEVCONF_ENHANCED_DAD = 46 => I32,
        DEVCONF_ADDR_GEN_MODE = 47 => I32,
        DEVCONF_DISABLE_POLICY = 48 => I32,
        DEVCONF_ACCEPT_RA_RT_INFO_MIN_PLEN = 49 => I32,
        DEVCONF_NDISC_TCLASS = 50 => I32,
        DEVCONF_RPL_SEG_ENABLED = 51 => I32,
        DEVCONF_RA_DEFRTR_METRIC = 52 => I32,
        DEVCONF_IOAM6_ENABLED = 53 => I32,
        DEVCONF_IOAM6_ID = 54 => I32,
        DEVCONF_IOAM6_ID_WIDE = 55 => I32,
        DEVCONF_NDISC_EVICT_NOCARRIER = 56 => I32,
        DEVCONF_ACCEPT_UNTRACKED_NA = 57 => I32,
        DEVCONF_ACCEPT_RA_MIN_LFT = 58 => I32,
        DEVCONF_FORCE_FORWARDING = 59 => I32,
    }
}

attr_space! {
    /// `IFLA_PROTO_DOWN_REASON` contents, `IFLA_PROTO_DOWN_REASON_*`.
    pub static PROTO_DOWN_REASON = "IFLA_PROTO_DOWN_REASON" {
        IFLA_PROTO_DOWN_REASON_UNSPEC = 0 => Raw,
        IFLA_PROTO_DOWN_REASON_MASK = 1 => U32,
        IFLA_PROTO_DOWN_REASON_VALUE = 2 => U32,
    }
}

attr_space! {
    /// `IFLA_XDP` contents, `IFLA_XDP_*`.
    pub static XDP = "IFLA_XDP" {
        IFLA_XDP_UNSPEC = 0 => Raw,
        IFLA_XDP_FD = 1 => I32,
        IFLA_XDP_ATTACHED = 2 => U8; Enum(XDP_ATTACHED_NAMES),
        IFLA_XDP_FLAGS = 3 => U32; Flags(XDP_FLAGS_NAMES),
        IFLA_XDP_PROG_ID = 4 => U32,
        IFLA_XDP_DRV_PROG_ID = 5 => U32,
        IFLA_XDP_SKB_PROG_ID = 6 => U32,
        IFLA_XDP_HW_PROG_ID = 7 => U32,
        IFLA_XDP_EXPECTED_FD = 8 => I32,
    }
}
