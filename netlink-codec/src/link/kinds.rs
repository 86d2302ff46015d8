//! `IFLA_INFO_DATA` / `IFLA_INFO_SLAVE_DATA` spaces of the link kinds `linux/if_link.h`
//! defines (bridge, vlan, macvlan, vxlan, geneve, bond, ...), wired into
//! [`super::INFO_DATA_KINDS`] and [`super::INFO_SLAVE_DATA_KINDS`] by kind name.

use zerocopy::byteorder::native_endian::{U16, U32};
use zerocopy::byteorder::network_endian::{U16 as Be16, U32 as Be32};
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr_space;
use crate::field;
use crate::schema::{Elem, HeaderDef, Labels, Names};

use super::values::*;

/// `struct ifla_vxlan_port_range` / `struct ifla_geneve_port_range` (4 bytes): the UDP
/// source port range, in network order.
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
pub struct PortRange {
    /// `low`: the first port.
    pub low: Be16,
    /// `high`: the last port.
    pub high: Be16,
}

/// `struct vxlanhdr` (8 bytes, `net/vxlan.h`), as `IFLA_VXLAN_RESERVED_BITS` carries it:
/// the header bits the device holds reserved: it drops a received packet with any of them
/// set (`vxlan_rcv`). By default every bit but `VXLAN_HF_VNI` and the VNI, `f7ffffff
/// 000000ff`; the `GBP`, `GPE` and `RCO` extensions clear theirs.
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
pub struct VxlanHdr {
    /// `vx_flags`: the flags word, network order (`VXLAN_HF_*`).
    pub vx_flags: Be32,
    /// `vx_vni`: the VNI (high 24 bits) and a reserved byte, network order.
    pub vx_vni: Be32,
}

impl VxlanHdr {
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "vxlanhdr",
        len: core::mem::size_of::<Self>(),
        fields: &[
            field!(Self, vx_flags, Names::Flags(VXLAN_HF_NAMES)),
            field!(Self, vx_vni),
        ],
    };
}

/// The bits of `vxlanhdr.vx_flags` the kernel names (`net/vxlan.h`: `VXLAN_HF_* =
/// cpu_to_be32(BIT(n))`), read in network order.
pub const VXLAN_HF_NAMES: &[(u64, &str)] = &[
    (1 << 21, "VXLAN_HF_RCO"),
    (1 << 26, "VXLAN_HF_GPE"),
    (1 << 27, "VXLAN_HF_VNI"),
    (1 << 31, "VXLAN_HF_GBP"),
];

/// `struct ifla_bridge_id` (8 bytes): a bridge id, the STP priority (network order)
/// and the bridge's address (`IFLA_BR_ROOT_ID`, `IFLA_BR_BRIDGE_ID`,
/// `IFLA_BRPORT_ROOT_ID`, `IFLA_BRPORT_BRIDGE_ID`).
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
pub struct IflaBridgeId {
    /// `prio`: the bridge priority, high byte first.
    pub prio: [u8; 2],
    /// `addr`: the bridge's MAC address.
    pub addr: [u8; 6],
}

impl IflaBridgeId {
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "ifla_bridge_id",
        len: core::mem::size_of::<Self>(),
        fields: &[
            field!(Self, prio),
            field!(Self, addr, crate::schema::Names::LlAddr),
        ],
    };
}

impl PortRange {
    /// `struct ifla_vxlan_port_range` (`IFLA_VXLAN_PORT_RANGE`).
    pub const VXLAN_DEF: HeaderDef = HeaderDef {
        name: "ifla_vxlan_port_range",
        len: core::mem::size_of::<Self>(),
        fields: &[field!(Self, low), field!(Self, high)],
    };
    /// `struct ifla_geneve_port_range` (`IFLA_GENEVE_PORT_RANGE`).
    pub const GENEVE_DEF: HeaderDef = HeaderDef {
        name: "ifla_geneve_port_range",
        ..Self::VXLAN_DEF
    };
}

/// Element names of `struct br_boolopt_multi` (`IFLA_BR_MULTI_BOOLOPT`).
pub static BR_BOOLOPT_MULTI_NAMES: &[&str] = &["optval", "optmask"];
/// Element names of `struct ifla_vlan_flags` / `struct ifla_rmnet_flags`.
pub static FLAGS_MASK_NAMES: &[&str] = &["flags", "mask"];
/// Element names of `struct ifla_vlan_qos_mapping`.
pub static VLAN_QOS_MAPPING_NAMES: &[&str] = &["from", "to"];

attr_space! {
    /// bridge's `IFLA_INFO_DATA`, `IFLA_BR_*`. Timers are in clock ticks (`USER_HZ`).
    pub static BRIDGE = "IFLA_BR" {
        IFLA_BR_UNSPEC = 0 => Raw,
        IFLA_BR_FORWARD_DELAY = 1 => U32,
        IFLA_BR_HELLO_TIME = 2 => U32,
        IFLA_BR_MAX_AGE = 3 => U32,
        IFLA_BR_AGEING_TIME = 4 => U32,
        IFLA_BR_STP_STATE = 5 => U32,
        IFLA_BR_PRIORITY = 6 => U16,
        IFLA_BR_VLAN_FILTERING = 7 => U8,
        IFLA_BR_VLAN_PROTOCOL = 8 => Be16; Enum(VLAN_PROTOCOL_NAMES),
        IFLA_BR_GROUP_FWD_MASK = 9 => U16,
        IFLA_BR_ROOT_ID = 10 => Structs(&IflaBridgeId::DEF),
        IFLA_BR_BRIDGE_ID = 11 => Structs(&IflaBridgeId::DEF),
        IFLA_BR_ROOT_PORT = 12 => U16,
        IFLA_BR_ROOT_PATH_COST = 13 => U32,
        IFLA_BR_TOPOLOGY_CHANGE = 14 => U8,
        IFLA_BR_TOPOLOGY_CHANGE_DETECTED = 15 => U8,
        IFLA_BR_HELLO_TIMER = 16 => U64,
        IFLA_BR_TCN_TIMER = 17 => U64,
        IFLA_BR_TOPOLOGY_CHANGE_TIMER = 18 => U64,
        IFLA_BR_GC_TIMER = 19 => U64,
        IFLA_BR_GROUP_ADDR = 20 => LlAddr,
        IFLA_BR_FDB_FLUSH = 21 => Flag,
        IFLA_BR_MCAST_ROUTER = 22 => U8; Enum(MDB_RTR_TYPE_NAMES),
        IFLA_BR_MCAST_SNOOPING = 23 => U8,
        IFLA_BR_MCAST_QUERY_USE_IFADDR = 24 => U8,
        IFLA_BR_MCAST_QUERIER = 25 => U8,
        IFLA_BR_MCAST_HASH_ELASTICITY = 26 => U32,
        IFLA_BR_MCAST_HASH_MAX = 27 => U32,
        IFLA_BR_MCAST_LAST_MEMBER_CNT = 28 => U32,
        IFLA_BR_MCAST_STARTUP_QUERY_CNT = 29 => U32,
        IFLA_BR_MCAST_LAST_MEMBER_INTVL = 30 => U64,
        IFLA_BR_MCAST_MEMBERSHIP_INTVL = 31 => U64,
        IFLA_BR_MCAST_QUERIER_INTVL = 32 => U64,
        IFLA_BR_MCAST_QUERY_INTVL = 33 => U64,
        IFLA_BR_MCAST_QUERY_RESPONSE_INTVL = 34 => U64,
        IFLA_BR_MCAST_STARTUP_QUERY_INTVL = 35 => U64,
        IFLA_BR_NF_CALL_IPTABLES = 36 => U8,
        IFLA_BR_NF_CALL_IP6TABLES = 37 => U8,
        IFLA_BR_NF_CALL_ARPTABLES = 38 => U8,
        IFLA_BR_VLAN_DEFAULT_PVID = 39 => U16,
        IFLA_BR_PAD = 40 => Raw,
        IFLA_BR_VLAN_STATS_ENABLED = 41 => U8,
        IFLA_BR_MCAST_STATS_ENABLED = 42 => U8,
        IFLA_BR_MCAST_IGMP_VERSION = 43 => U8,
        IFLA_BR_MCAST_MLD_VERSION = 44 => U8,
        IFLA_BR_VLAN_STATS_PER_PORT = 45 => U8,
        IFLA_BR_MULTI_BOOLOPT = 46 => Array(Elem::U32, Labels::List(BR_BOOLOPT_MULTI_NAMES)),
        IFLA_BR_MCAST_QUERIER_STATE = 47 => Nested(&BRIDGE_QUERIER),
        IFLA_BR_FDB_N_LEARNED = 48 => U32,
        IFLA_BR_FDB_MAX_LEARNED = 49 => U32,
        IFLA_BR_STP_MODE = 50 => U32; Enum(BR_STP_MODE_NAMES),
    }
}

attr_space! {
    /// `IFLA_BR_MCAST_QUERIER_STATE` contents, `BRIDGE_QUERIER_*` (`linux/if_bridge.h`):
    /// the multicast querier the bridge has elected, as `br_multicast_dump_querier_state`
    /// writes it. The address is the querier's (the bridge's own when it is the querier);
    /// the port and the other-querier timer (in clock ticks) appear only while another
    /// querier, heard on that port, holds the role. An empty nest is left out.
    pub static BRIDGE_QUERIER = "BRIDGE_QUERIER" {
        BRIDGE_QUERIER_UNSPEC = 0 => Raw,
        BRIDGE_QUERIER_IP_ADDRESS = 1 => Ip,
        BRIDGE_QUERIER_IP_PORT = 2 => U32,
        BRIDGE_QUERIER_IP_OTHER_TIMER = 3 => U64,
        BRIDGE_QUERIER_PAD = 4 => Raw,
        BRIDGE_QUERIER_IPV6_ADDRESS = 5 => Ip,
        BRIDGE_QUERIER_IPV6_PORT = 6 => U32,
        BRIDGE_QUERIER_IPV6_OTHER_TIMER = 7 => U64,
    }
}

attr_space! {
    /// A bridge port's `IFLA_INFO_SLAVE_DATA` (and `IFLA_PROTINFO` of `AF_BRIDGE`), `IFLA_BRPORT_*`.
    pub static BRPORT = "IFLA_BRPORT" {
        IFLA_BRPORT_UNSPEC = 0 => Raw,
        IFLA_BRPORT_STATE = 1 => U8; Enum(BR_STATE_NAMES),
        IFLA_BRPORT_PRIORITY = 2 => U16,
        IFLA_BRPORT_COST = 3 => U32,
        IFLA_BRPORT_MODE = 4 => U8,
        IFLA_BRPORT_GUARD = 5 => U8,
        IFLA_BRPORT_PROTECT = 6 => U8,
        IFLA_BRPORT_FAST_LEAVE = 7 => U8,
        IFLA_BRPORT_LEARNING = 8 => U8,
        IFLA_BRPORT_UNICAST_FLOOD = 9 => U8,
        IFLA_BRPORT_PROXYARP = 10 => U8,
        IFLA_BRPORT_LEARNING_SYNC = 11 => U8,
        IFLA_BRPORT_PROXYARP_WIFI = 12 => U8,
        IFLA_BRPORT_ROOT_ID = 13 => Structs(&IflaBridgeId::DEF),
        IFLA_BRPORT_BRIDGE_ID = 14 => Structs(&IflaBridgeId::DEF),
        IFLA_BRPORT_DESIGNATED_PORT = 15 => U16,
        IFLA_BRPORT_DESIGNATED_COST = 16 => U16,
        IFLA_BRPORT_ID = 17 => U16,
        IFLA_BRPORT_NO = 18 => U16,
        IFLA_BRPORT_TOPOLOGY_CHANGE_ACK = 19 => U8,
        IFLA_BRPORT_CONFIG_PENDING = 20 => U8,
        IFLA_BRPORT_MESSAGE_AGE_TIMER = 21 => U64,
        IFLA_BRPORT_FORWARD_DELAY_TIMER = 22 => U64,
        IFLA_BRPORT_HOLD_TIMER = 23 => U64,
        IFLA_BRPORT_FLUSH = 24 => Flag,
        IFLA_BRPORT_MULTICAST_ROUTER = 25 => U8; Enum(MDB_RTR_TYPE_NAMES),
        IFLA_BRPORT_PAD = 26 => Raw,
        IFLA_BRPORT_MCAST_FLOOD = 27 => U8,
        IFLA_BRPORT_MCAST_TO_UCAST = 28 => U8,
        IFLA_BRPORT_VLAN_TUNNEL = 29 => U8,
        IFLA_BRPORT_BCAST_FLOOD = 30 => U8,
        IFLA_BRPORT_GROUP_FWD_MASK = 31 => U16,
        IFLA_BRPORT_NEIGH_SUPPRESS = 32 => U8,
        IFLA_BRPORT_ISOLATED = 33 => U8,
        IFLA_BRPORT_BACKUP_PORT = 34 => U32,
        IFLA_BRPORT_MRP_RING_OPEN = 35 => U8,
        IFLA_BRPORT_MRP_IN_OPEN = 36 => U8,
        IFLA_BRPORT_MCAST_EHT_HOSTS_LIMIT = 37 => U32,
        IFLA_BRPORT_MCAST_EHT_HOSTS_CNT = 38 => U32,
        IFLA_BRPORT_LOCKED = 39 => U8,
        IFLA_BRPORT_MAB = 40 => U8,
        IFLA_BRPORT_MCAST_N_GROUPS = 41 => U32,
        IFLA_BRPORT_MCAST_MAX_GROUPS = 42 => U32,
        IFLA_BRPORT_NEIGH_VLAN_SUPPRESS = 43 => U8,
        IFLA_BRPORT_BACKUP_NHID = 44 => U32,
        IFLA_BRPORT_NEIGH_FORWARD_GRAT = 45 => U8,
    }
}

attr_space! {
    /// vlan's `IFLA_INFO_DATA`, `IFLA_VLAN_*`.
    pub static VLAN = "IFLA_VLAN" {
        IFLA_VLAN_UNSPEC = 0 => Raw,
        IFLA_VLAN_ID = 1 => U16,
        IFLA_VLAN_FLAGS = 2 => Array(Elem::U32, Labels::List(FLAGS_MASK_NAMES)),
        IFLA_VLAN_EGRESS_QOS = 3 => Nested(&VLAN_QOS),
        IFLA_VLAN_INGRESS_QOS = 4 => Nested(&VLAN_QOS),
        IFLA_VLAN_PROTOCOL = 5 => Be16; Enum(VLAN_PROTOCOL_NAMES),
    }
}

attr_space! {
    /// `IFLA_VLAN_EGRESS_QOS` / `INGRESS_QOS` contents, `IFLA_VLAN_QOS_*`.
    pub static VLAN_QOS = "IFLA_VLAN_QOS" {
        IFLA_VLAN_QOS_UNSPEC = 0 => Raw,
        IFLA_VLAN_QOS_MAPPING = 1 => Array(Elem::U32, Labels::List(VLAN_QOS_MAPPING_NAMES)),
    }
}

attr_space! {
    /// macvlan's and macvtap's `IFLA_INFO_DATA`, `IFLA_MACVLAN_*`.
    pub static MACVLAN = "IFLA_MACVLAN" {
        IFLA_MACVLAN_UNSPEC = 0 => Raw,
        IFLA_MACVLAN_MODE = 1 => U32; Enum(MACVLAN_MODE_NAMES),
        IFLA_MACVLAN_FLAGS = 2 => U16; Flags(MACVLAN_FLAG_NAMES),
        IFLA_MACVLAN_MACADDR_MODE = 3 => U32; Enum(MACVLAN_MACADDR_NAMES),
        IFLA_MACVLAN_MACADDR = 4 => LlAddr,
        IFLA_MACVLAN_MACADDR_DATA = 5 => Nested(&MACVLAN),
        IFLA_MACVLAN_MACADDR_COUNT = 6 => U32,
        IFLA_MACVLAN_BC_QUEUE_LEN = 7 => U32,
        IFLA_MACVLAN_BC_QUEUE_LEN_USED = 8 => U32,
        IFLA_MACVLAN_BC_CUTOFF = 9 => I32,
    }
}

attr_space! {
    /// vrf's `IFLA_INFO_DATA`, `IFLA_VRF_*`.
    pub static VRF = "IFLA_VRF" {
        IFLA_VRF_UNSPEC = 0 => Raw,
        IFLA_VRF_TABLE = 1 => U32,
    }
}

attr_space! {
    /// A vrf port's `IFLA_INFO_SLAVE_DATA`, `IFLA_VRF_PORT_*`.
    pub static VRF_PORT = "IFLA_VRF_PORT" {
        IFLA_VRF_PORT_UNSPEC = 0 => Raw,
        IFLA_VRF_PORT_TABLE = 1 => U32,
    }
}

attr_space! {
    /// macsec's `IFLA_INFO_DATA`, `IFLA_MACSEC_*`.
    pub static MACSEC = "IFLA_MACSEC" {
        IFLA_MACSEC_UNSPEC = 0 => Raw,
        IFLA_MACSEC_SCI = 1 => U64,
        IFLA_MACSEC_PORT = 2 => Be16,
        IFLA_MACSEC_ICV_LEN = 3 => U8,
        IFLA_MACSEC_CIPHER_SUITE = 4 => U64; Enum(MACSEC_CIPHER_ID_NAMES),
        IFLA_MACSEC_WINDOW = 5 => U32,
        IFLA_MACSEC_ENCODING_SA = 6 => U8,
        IFLA_MACSEC_ENCRYPT = 7 => U8,
        IFLA_MACSEC_PROTECT = 8 => U8,
        IFLA_MACSEC_INC_SCI = 9 => U8,
        IFLA_MACSEC_ES = 10 => U8,
        IFLA_MACSEC_SCB = 11 => U8,
        IFLA_MACSEC_REPLAY_PROTECT = 12 => U8,
        IFLA_MACSEC_VALIDATION = 13 => U8; Enum(MACSEC_VALIDATE_NAMES),
        IFLA_MACSEC_PAD = 14 => Raw,
        IFLA_MACSEC_OFFLOAD = 15 => U8; Enum(MACSEC_OFFLOAD_NAMES),
    }
}

attr_space! {
    /// xfrm's `IFLA_INFO_DATA`, `IFLA_XFRM_*`.
    pub static XFRM = "IFLA_XFRM" {
        IFLA_XFRM_UNSPEC = 0 => Raw,
        IFLA_XFRM_LINK = 1 => U32,
        IFLA_XFRM_IF_ID = 2 => U32,
        IFLA_XFRM_COLLECT_METADATA = 3 => Flag,
    }
}

attr_space! {
    /// ipvlan's and ipvtap's `IFLA_INFO_DATA`, `IFLA_IPVLAN_*`.
    pub static IPVLAN = "IFLA_IPVLAN" {
        IFLA_IPVLAN_UNSPEC = 0 => Raw,
        IFLA_IPVLAN_MODE = 1 => U16; Enum(IPVLAN_MODE_NAMES),
        IFLA_IPVLAN_FLAGS = 2 => U16; Flags(IPVLAN_F_NAMES),
    }
}

attr_space! {
    /// netkit's `IFLA_INFO_DATA`, `IFLA_NETKIT_*`.
    pub static NETKIT = "IFLA_NETKIT" {
        IFLA_NETKIT_UNSPEC = 0 => Raw,
        IFLA_NETKIT_PEER_INFO = 1 => Peer(&super::LINK),
        IFLA_NETKIT_PRIMARY = 2 => U8,
        IFLA_NETKIT_POLICY = 3 => U32; Enum(NETKIT_POLICY_NAMES),
        IFLA_NETKIT_PEER_POLICY = 4 => U32; Enum(NETKIT_POLICY_NAMES),
        IFLA_NETKIT_MODE = 5 => U32; Enum(NETKIT_MODE_NAMES),
        IFLA_NETKIT_SCRUB = 6 => U32; Enum(NETKIT_SCRUB_NAMES),
        IFLA_NETKIT_PEER_SCRUB = 7 => U32; Enum(NETKIT_SCRUB_NAMES),
        IFLA_NETKIT_HEADROOM = 8 => U16,
        IFLA_NETKIT_TAILROOM = 9 => U16,
        IFLA_NETKIT_PAIRING = 10 => U32; Enum(NETKIT_PAIRING_NAMES),
    }
}

attr_space! {
    /// `VXLAN_VNIFILTER_ENTRY_STATS` contents, `VNIFILTER_ENTRY_STATS_*`.
    pub static VNIFILTER_ENTRY_STATS = "VNIFILTER_ENTRY_STATS" {
        VNIFILTER_ENTRY_STATS_UNSPEC = 0 => Raw,
        VNIFILTER_ENTRY_STATS_RX_BYTES = 1 => U64,
        VNIFILTER_ENTRY_STATS_RX_PKTS = 2 => U64,
        VNIFILTER_ENTRY_STATS_RX_DROPS = 3 => U64,
        VNIFILTER_ENTRY_STATS_RX_ERRORS = 4 => U64,
        VNIFILTER_ENTRY_STATS_TX_BYTES = 5 => U64,
        VNIFILTER_ENTRY_STATS_TX_PKTS = 6 => U64,
        VNIFILTER_ENTRY_STATS_TX_DROPS = 7 => U64,
        VNIFILTER_ENTRY_STATS_TX_ERRORS = 8 => U64,
        VNIFILTER_ENTRY_STATS_PAD = 9 => Raw,
    }
}

attr_space! {
    /// `VXLAN_VNIFILTER_ENTRY` contents (`RTM_*TUNNEL`), `VXLAN_VNIFILTER_ENTRY_*`.
    pub static VNIFILTER_ENTRY = "VXLAN_VNIFILTER_ENTRY" {
        VXLAN_VNIFILTER_ENTRY_UNSPEC = 0 => Raw,
        VXLAN_VNIFILTER_ENTRY_START = 1 => U32,
        VXLAN_VNIFILTER_ENTRY_END = 2 => U32,
        VXLAN_VNIFILTER_ENTRY_GROUP = 3 => Ip,
        VXLAN_VNIFILTER_ENTRY_GROUP6 = 4 => Ip,
        VXLAN_VNIFILTER_ENTRY_STATS = 5 => Nested(&VNIFILTER_ENTRY_STATS),
    }
}

/// `struct tunnel_msg` (`linux/if_link.h`, 8 bytes): the header of `RTM_NEWTUNNEL`,
/// `RTM_DELTUNNEL`, `RTM_GETTUNNEL` (`bridge vni`: a VXLAN device's VNI filter).
///
/// ```text
///  0               1               2               3
/// +---------------+---------------+-------------------------------+
/// | family u8     | flags u8      |        reserved2 u16          |  0
/// +---------------+---------------+-------------------------------+
/// |                    ifindex u32                                |  4
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
pub struct TunnelMsg {
    /// `family`: `AF_BRIDGE`.
    pub family: u8,
    /// `flags`: `TUNNEL_MSG_FLAG_*`.
    pub flags: u8,
    /// `reserved2`: zero.
    pub reserved2: U16,
    /// `ifindex`: the VXLAN device (0 in a dump of every device).
    pub ifindex: U32,
}
const _: () = assert!(core::mem::size_of::<TunnelMsg>() == 8);

impl TunnelMsg {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The header's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "tunnel_msg",
        len: Self::LEN,
        fields: &[
            field!(Self, family, Names::Enum(crate::af::AF_NAMES)),
            field!(Self, flags, Names::Flags(TUNNEL_MSG_FLAG_NAMES)),
            field!(Self, reserved2),
            field!(Self, ifindex),
        ],
    };
}

/// `tunnel_msg.flags`: `TUNNEL_MSG_FLAG_STATS` asks a dump for each VNI's counters
/// (`VXLAN_VNIFILTER_ENTRY_STATS`).
pub const TUNNEL_MSG_FLAG_NAMES: &[(u64, &str)] = &[(0x01, "TUNNEL_MSG_FLAG_STATS")];

attr_space! {
    /// `RTM_*TUNNEL` attributes (after `struct tunnel_msg`), `VXLAN_VNIFILTER_*`.
    pub static VNIFILTER = "VXLAN_VNIFILTER" {
        VXLAN_VNIFILTER_UNSPEC = 0 => Raw,
        VXLAN_VNIFILTER_ENTRY = 1 => Nested(&VNIFILTER_ENTRY),
    }
}

attr_space! {
    /// vxlan's `IFLA_INFO_DATA`, `IFLA_VXLAN_*`.
    pub static VXLAN = "IFLA_VXLAN" {
        IFLA_VXLAN_UNSPEC = 0 => Raw,
        IFLA_VXLAN_ID = 1 => U32,
        IFLA_VXLAN_GROUP = 2 => Ip,
        IFLA_VXLAN_LINK = 3 => U32,
        IFLA_VXLAN_LOCAL = 4 => Ip,
        IFLA_VXLAN_TTL = 5 => U8,
        IFLA_VXLAN_TOS = 6 => U8,
        IFLA_VXLAN_LEARNING = 7 => U8,
        IFLA_VXLAN_AGEING = 8 => U32,
        IFLA_VXLAN_LIMIT = 9 => U32,
        IFLA_VXLAN_PORT_RANGE = 10 => Structs(&PortRange::VXLAN_DEF),
        IFLA_VXLAN_PROXY = 11 => U8,
        IFLA_VXLAN_RSC = 12 => U8,
        IFLA_VXLAN_L2MISS = 13 => U8,
        IFLA_VXLAN_L3MISS = 14 => U8,
        IFLA_VXLAN_PORT = 15 => Be16,
        IFLA_VXLAN_GROUP6 = 16 => Ip,
        IFLA_VXLAN_LOCAL6 = 17 => Ip,
        IFLA_VXLAN_UDP_CSUM = 18 => U8,
        IFLA_VXLAN_UDP_ZERO_CSUM6_TX = 19 => U8,
        IFLA_VXLAN_UDP_ZERO_CSUM6_RX = 20 => U8,
        IFLA_VXLAN_REMCSUM_TX = 21 => U8,
        IFLA_VXLAN_REMCSUM_RX = 22 => U8,
        IFLA_VXLAN_GBP = 23 => Flag,
        IFLA_VXLAN_REMCSUM_NOPARTIAL = 24 => Flag,
        IFLA_VXLAN_COLLECT_METADATA = 25 => U8,
        IFLA_VXLAN_LABEL = 26 => Be32,
        IFLA_VXLAN_GPE = 27 => Flag,
        // The kernel's policy takes a flag, but it dumps a `__u8` (0 or 1): typed as
        // dumped; a request's empty flag stays raw.
        IFLA_VXLAN_TTL_INHERIT = 28 => U8,
        IFLA_VXLAN_DF = 29 => U8; Enum(VXLAN_DF_NAMES),
        IFLA_VXLAN_VNIFILTER = 30 => U8,
        IFLA_VXLAN_LOCALBYPASS = 31 => U8,
        IFLA_VXLAN_LABEL_POLICY = 32 => U32; Enum(VXLAN_LABEL_NAMES),
        IFLA_VXLAN_RESERVED_BITS = 33 => Structs(&VxlanHdr::DEF),
        IFLA_VXLAN_MC_ROUTE = 34 => U8,
    }
}

attr_space! {
    /// geneve's `IFLA_INFO_DATA`, `IFLA_GENEVE_*`.
    pub static GENEVE = "IFLA_GENEVE" {
        IFLA_GENEVE_UNSPEC = 0 => Raw,
        IFLA_GENEVE_ID = 1 => U32,
        IFLA_GENEVE_REMOTE = 2 => Ip,
        IFLA_GENEVE_TTL = 3 => U8,
        IFLA_GENEVE_TOS = 4 => U8,
        IFLA_GENEVE_PORT = 5 => Be16,
        IFLA_GENEVE_COLLECT_METADATA = 6 => Flag,
        IFLA_GENEVE_REMOTE6 = 7 => Ip,
        IFLA_GENEVE_UDP_CSUM = 8 => U8,
        IFLA_GENEVE_UDP_ZERO_CSUM6_TX = 9 => U8,
        IFLA_GENEVE_UDP_ZERO_CSUM6_RX = 10 => U8,
        IFLA_GENEVE_LABEL = 11 => Be32,
        IFLA_GENEVE_TTL_INHERIT = 12 => U8,
        IFLA_GENEVE_DF = 13 => U8; Enum(GENEVE_DF_NAMES),
        IFLA_GENEVE_INNER_PROTO_INHERIT = 14 => Flag,
        IFLA_GENEVE_PORT_RANGE = 15 => Structs(&PortRange::GENEVE_DEF),
        IFLA_GENEVE_GRO_HINT = 16 => Flag,
        IFLA_GENEVE_LOCAL = 17 => Ip,
        IFLA_GENEVE_LOCAL6 = 18 => Ip,
    }
}

attr_space! {
    /// bareudp's `IFLA_INFO_DATA`, `IFLA_BAREUDP_*`.
    pub static BAREUDP = "IFLA_BAREUDP" {
        IFLA_BAREUDP_UNSPEC = 0 => Raw,
        IFLA_BAREUDP_PORT = 1 => Be16,
        IFLA_BAREUDP_ETHERTYPE = 2 => Be16,
        IFLA_BAREUDP_SRCPORT_MIN = 3 => U16,
        IFLA_BAREUDP_MULTIPROTO_MODE = 4 => Flag,
    }
}

attr_space! {
    /// ppp's `IFLA_INFO_DATA`, `IFLA_PPP_*`.
    pub static PPP = "IFLA_PPP" {
        IFLA_PPP_UNSPEC = 0 => Raw,
        IFLA_PPP_DEV_FD = 1 => I32,
    }
}

attr_space! {
    /// gtp's `IFLA_INFO_DATA`, `IFLA_GTP_*`.
    pub static GTP = "IFLA_GTP" {
        IFLA_GTP_UNSPEC = 0 => Raw,
        IFLA_GTP_FD0 = 1 => U32,
        IFLA_GTP_FD1 = 2 => U32,
        IFLA_GTP_PDP_HASHSIZE = 3 => U32,
        IFLA_GTP_ROLE = 4 => U32; Enum(GTP_ROLE_NAMES),
        IFLA_GTP_CREATE_SOCKETS = 5 => U8,
        IFLA_GTP_RESTART_COUNT = 6 => U8,
        IFLA_GTP_LOCAL = 7 => Ip,
        IFLA_GTP_LOCAL6 = 8 => Ip,
    }
}

attr_space! {
    /// caif's `IFLA_INFO_DATA`, `IFLA_CAIF_*` (`linux/caif/if_caif.h`, whose 0 is
    /// `__IFLA_CAIF_UNSPEC`).
    pub static CAIF = "IFLA_CAIF" {
        IFLA_CAIF_UNSPEC = 0 as "__IFLA_CAIF_UNSPEC" => Raw,
        IFLA_CAIF_IPV4_CONNID = 1 => U32,
        IFLA_CAIF_IPV6_CONNID = 2 => U32,
        IFLA_CAIF_LOOPBACK = 3 => U8,
    }
}

attr_space! {
    /// bond's `IFLA_INFO_DATA`, `IFLA_BOND_*`. The target lists (`ARP_IP_TARGET`: `__be32`,
    /// `NS_IP6_TARGET`: `in6_addr`) are nests of addresses typed by their slot, 0..15.
    pub static BOND = "IFLA_BOND" {
        IFLA_BOND_UNSPEC = 0 => Raw,
        IFLA_BOND_MODE = 1 => U8; Enum(BOND_MODE_NAMES),
        IFLA_BOND_ACTIVE_SLAVE = 2 => U32,
        IFLA_BOND_MIIMON = 3 => U32,
        IFLA_BOND_UPDELAY = 4 => U32,
        IFLA_BOND_DOWNDELAY = 5 => U32,
        IFLA_BOND_USE_CARRIER = 6 => U8,
        IFLA_BOND_ARP_INTERVAL = 7 => U32,
        IFLA_BOND_ARP_IP_TARGET = 8 => Indexed(&Ip),
        IFLA_BOND_ARP_VALIDATE = 9 => U32; Enum(BOND_ARP_VALIDATE_NAMES),
        IFLA_BOND_ARP_ALL_TARGETS = 10 => U32; Enum(BOND_ARP_TARGETS_NAMES),
        IFLA_BOND_PRIMARY = 11 => U32,
        IFLA_BOND_PRIMARY_RESELECT = 12 => U8; Enum(BOND_PRI_RESELECT_NAMES),
        IFLA_BOND_FAIL_OVER_MAC = 13 => U8; Enum(BOND_FOM_NAMES),
        IFLA_BOND_XMIT_HASH_POLICY = 14 => U8; Enum(BOND_XMIT_POLICY_NAMES),
        IFLA_BOND_RESEND_IGMP = 15 => U32,
        IFLA_BOND_NUM_PEER_NOTIF = 16 => U8,
        IFLA_BOND_ALL_SLAVES_ACTIVE = 17 => U8,
        IFLA_BOND_MIN_LINKS = 18 => U32,
        IFLA_BOND_LP_INTERVAL = 19 => U32,
        IFLA_BOND_PACKETS_PER_SLAVE = 20 => U32,
        IFLA_BOND_AD_LACP_RATE = 21 => U8; Enum(AD_LACP_NAMES),
        IFLA_BOND_AD_SELECT = 22 => U8; Enum(BOND_AD_SELECT_NAMES),
        IFLA_BOND_AD_INFO = 23 => Nested(&BOND_AD_INFO),
        IFLA_BOND_AD_ACTOR_SYS_PRIO = 24 => U16,
        IFLA_BOND_AD_USER_PORT_KEY = 25 => U16,
        IFLA_BOND_AD_ACTOR_SYSTEM = 26 => LlAddr,
        IFLA_BOND_TLB_DYNAMIC_LB = 27 => U8,
        IFLA_BOND_PEER_NOTIF_DELAY = 28 => U32,
        IFLA_BOND_AD_LACP_ACTIVE = 29 => U8,
        IFLA_BOND_MISSED_MAX = 30 => U8,
        IFLA_BOND_NS_IP6_TARGET = 31 => Indexed(&Ip),
        IFLA_BOND_COUPLED_CONTROL = 32 => U8,
        IFLA_BOND_BROADCAST_NEIGH = 33 => U8,
        IFLA_BOND_LACP_STRICT = 34 => U8,
    }
}

attr_space! {
    /// `IFLA_BOND_AD_INFO` contents, `IFLA_BOND_AD_INFO_*`.
    pub static BOND_AD_INFO = "IFLA_BOND_AD_INFO" {
        IFLA_BOND_AD_INFO_UNSPEC = 0 => Raw,
        IFLA_BOND_AD_INFO_AGGREGATOR = 1 => U16,
        IFLA_BOND_AD_INFO_NUM_PORTS = 2 => U16,
        IFLA_BOND_AD_INFO_ACTOR_KEY = 3 => U16,
        IFLA_BOND_AD_INFO_PARTNER_KEY = 4 => U16,
        IFLA_BOND_AD_INFO_PARTNER_MAC = 5 => LlAddr,
    }
}

attr_space! {
    /// A bond port's `IFLA_INFO_SLAVE_DATA`, `IFLA_BOND_SLAVE_*`.
    pub static BOND_SLAVE = "IFLA_BOND_SLAVE" {
        IFLA_BOND_SLAVE_UNSPEC = 0 => Raw,
        IFLA_BOND_SLAVE_STATE = 1 => U8; Enum(BOND_STATE_NAMES),
        IFLA_BOND_SLAVE_MII_STATUS = 2 => U8; Enum(BOND_LINK_NAMES),
        IFLA_BOND_SLAVE_LINK_FAILURE_COUNT = 3 => U32,
        IFLA_BOND_SLAVE_PERM_HWADDR = 4 => LlAddr,
        IFLA_BOND_SLAVE_QUEUE_ID = 5 => U16,
        IFLA_BOND_SLAVE_AD_AGGREGATOR_ID = 6 => U16,
        IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE = 7 => U8; Flags(LACP_STATE_NAMES),
        IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE = 8 => U16; Flags(LACP_STATE_NAMES),
        IFLA_BOND_SLAVE_PRIO = 9 => I32,
        IFLA_BOND_SLAVE_ACTOR_PORT_PRIO = 10 => U16,
    }
}

attr_space! {
    /// ipoib's `IFLA_INFO_DATA`, `IFLA_IPOIB_*`.
    pub static IPOIB = "IFLA_IPOIB" {
        IFLA_IPOIB_UNSPEC = 0 => Raw,
        IFLA_IPOIB_PKEY = 1 => U16,
        IFLA_IPOIB_MODE = 2 => U16; Enum(IPOIB_MODE_NAMES),
        IFLA_IPOIB_UMCAST = 3 => U16,
    }
}

attr_space! {
    /// hsr's `IFLA_INFO_DATA`, `IFLA_HSR_*`.
    pub static HSR = "IFLA_HSR" {
        IFLA_HSR_UNSPEC = 0 => Raw,
        IFLA_HSR_SLAVE1 = 1 => U32,
        IFLA_HSR_SLAVE2 = 2 => U32,
        IFLA_HSR_MULTICAST_SPEC = 3 => U8,
        IFLA_HSR_SUPERVISION_ADDR = 4 => LlAddr,
        IFLA_HSR_SEQ_NR = 5 => U16,
        IFLA_HSR_VERSION = 6 => U8,
        IFLA_HSR_PROTOCOL = 7 => U8; Enum(HSR_PROTOCOL_NAMES),
        IFLA_HSR_INTERLINK = 8 => U32,
    }
}

attr_space! {
    /// tun's `IFLA_INFO_DATA`, `IFLA_TUN_*`.
    pub static TUN = "IFLA_TUN" {
        IFLA_TUN_UNSPEC = 0 => Raw,
        IFLA_TUN_OWNER = 1 => U32,
        IFLA_TUN_GROUP = 2 => U32,
        IFLA_TUN_TYPE = 3 => U8; Enum(TUN_TYPE_NAMES),
        IFLA_TUN_PI = 4 => U8,
        IFLA_TUN_VNET_HDR = 5 => U8,
        IFLA_TUN_PERSIST = 6 => U8,
        IFLA_TUN_MULTI_QUEUE = 7 => U8,
        IFLA_TUN_NUM_QUEUES = 8 => U32,
        IFLA_TUN_NUM_DISABLED_QUEUES = 9 => U32,
    }
}

attr_space! {
    /// rmnet's `IFLA_INFO_DATA`, `IFLA_RMNET_*`.
    pub static RMNET = "IFLA_RMNET" {
        IFLA_RMNET_UNSPEC = 0 => Raw,
        IFLA_RMNET_MUX_ID = 1 => U16,
        IFLA_RMNET_FLAGS = 2 => Array(Elem::U32, Labels::List(FLAGS_MASK_NAMES)),
    }
}

attr_space! {
    /// `AF_MCTP` inside `IFLA_AF_SPEC`, `IFLA_MCTP_*`.
    pub static MCTP = "IFLA_MCTP" {
        IFLA_MCTP_UNSPEC = 0 => Raw,
        IFLA_MCTP_NET = 1 => U32,
        IFLA_MCTP_PHYS_BINDING = 2 => U8,
    }
}

attr_space! {
    /// dsa's `IFLA_INFO_DATA`, `IFLA_DSA_*` (`IFLA_DSA_MASTER` is the old name of `CONDUIT`).
    pub static DSA = "IFLA_DSA" {
        IFLA_DSA_UNSPEC = 0 => Raw,
        IFLA_DSA_CONDUIT = 1 => U32,
    }
}

attr_space! {
    /// ovpn's `IFLA_INFO_DATA`, `IFLA_OVPN_*`.
    pub static OVPN = "IFLA_OVPN" {
        IFLA_OVPN_UNSPEC = 0 => Raw,
        IFLA_OVPN_MODE = 1 => U8; Enum(OVPN_MODE_NAMES),
    }
}

/// `IFLA_DSA_MASTER`: the old name of [`IFLA_DSA_CONDUIT`].
pub const IFLA_DSA_MASTER: u16 = IFLA_DSA_CONDUIT;
