//! The values of link attributes that are a uapi enum or set of flags, as the tables
//! name them (`IFLA_OPERSTATE: IF_OPER_UP`). Each list is the kernel's, in its order.

use crate::uapi::uapi_consts;

uapi_consts! {
    /// `IF_OPER_*` (`linux/if.h`, RFC 2863 operational states): `IFLA_OPERSTATE`.
    IF_OPER_NAMES: u8 {
        IF_OPER_UNKNOWN = 0,
        IF_OPER_NOTPRESENT = 1,
        IF_OPER_DOWN = 2,
        IF_OPER_LOWERLAYERDOWN = 3,
        IF_OPER_TESTING = 4,
        IF_OPER_DORMANT = 5,
        IF_OPER_UP = 6,
    }
}

uapi_consts! {
    /// `IF_LINK_MODE_*` (`linux/if.h`): `IFLA_LINKMODE`.
    IF_LINK_MODE_NAMES: u8 {
        IF_LINK_MODE_DEFAULT = 0,
        IF_LINK_MODE_DORMANT = 1,
        IF_LINK_MODE_TESTING = 2,
    }
}

uapi_consts! {
    /// `IFLA_EVENT_*` (`linux/if_link.h`): `IFLA_EVENT`, why a link notification was sent.
    IFLA_EVENT_NAMES: u32 {
        IFLA_EVENT_NONE = 0,
        IFLA_EVENT_REBOOT = 1,
        IFLA_EVENT_FEATURES = 2,
        IFLA_EVENT_BONDING_FAILOVER = 3,
        IFLA_EVENT_NOTIFY_PEERS = 4,
        IFLA_EVENT_IGMP_RESEND = 5,
        IFLA_EVENT_BONDING_OPTIONS = 6,
    }
}

uapi_consts! {
    /// `IN6_ADDR_GEN_MODE_*` (`linux/if_link.h`): `IFLA_INET6_ADDR_GEN_MODE`.
    IN6_ADDR_GEN_MODE_NAMES: u8 {
        IN6_ADDR_GEN_MODE_EUI64 = 0,
        /// No kernel link-local address.
        IN6_ADDR_GEN_MODE_NONE = 1,
        IN6_ADDR_GEN_MODE_STABLE_PRIVACY = 2,
        IN6_ADDR_GEN_MODE_RANDOM = 3,
    }
}

uapi_consts! {
    /// The `IFLA_INET6_FLAGS` bits (`idev->if_flags`). The kernel defines them outside
    /// the uapi (`net/if_inet6.h`); strace names them the same.
    IF_INET6_FLAG_NAMES: u32 {
        /// A router solicitation was sent.
        IF_RS_SENT = 0x10,
        /// A router advertisement was received.
        IF_RA_RCVD = 0x20,
        /// The last advertisement had the managed-address flag.
        IF_RA_MANAGED = 0x40,
        /// The last advertisement had the other-configuration flag.
        IF_RA_OTHERCONF = 0x80,
        /// The device is ready for IPv6.
        IF_READY = 0x8000_0000,
    }
}

uapi_consts! {
    /// `RTEXT_FILTER_*` (`linux/rtnetlink.h`): `IFLA_EXT_MASK`, what a link dump adds.
    RTEXT_FILTER_NAMES: u32 {
        RTEXT_FILTER_VF = 1 << 0,
        RTEXT_FILTER_BRVLAN = 1 << 1,
        RTEXT_FILTER_BRVLAN_COMPRESSED = 1 << 2,
        RTEXT_FILTER_SKIP_STATS = 1 << 3,
        RTEXT_FILTER_MRP = 1 << 4,
        RTEXT_FILTER_CFM_CONFIG = 1 << 5,
        RTEXT_FILTER_CFM_STATUS = 1 << 6,
        RTEXT_FILTER_MST = 1 << 7,
    }
}

uapi_consts! {
    /// `XDP_ATTACHED_*` (`linux/if_link.h`): `IFLA_XDP_ATTACHED`.
    XDP_ATTACHED_NAMES: u8 {
        /// No program.
        XDP_ATTACHED_NONE = 0,
        /// A program in native (driver) mode.
        XDP_ATTACHED_DRV = 1,
        /// A program in generic (skb) mode.
        XDP_ATTACHED_SKB = 2,
        /// A program offloaded to hardware.
        XDP_ATTACHED_HW = 3,
        /// Programs in several modes.
        XDP_ATTACHED_MULTI = 4,
    }
}

uapi_consts! {
    /// `BR_STATE_*` (`linux/if_bridge.h`): `IFLA_BRPORT_STATE`, a port's STP state.
    BR_STATE_NAMES: u8 {
        BR_STATE_DISABLED = 0,
        BR_STATE_LISTENING = 1,
        BR_STATE_LEARNING = 2,
        BR_STATE_FORWARDING = 3,
        BR_STATE_BLOCKING = 4,
    }
}

uapi_consts! {
    /// `MDB_RTR_TYPE_*` (`linux/if_bridge.h`): `IFLA_BR_MCAST_ROUTER`,
    /// `IFLA_BRPORT_MULTICAST_ROUTER`.
    MDB_RTR_TYPE_NAMES: u8 {
        MDB_RTR_TYPE_DISABLED = 0,
        MDB_RTR_TYPE_TEMP_QUERY = 1,
        MDB_RTR_TYPE_PERM = 2,
        MDB_RTR_TYPE_TEMP = 3,
    }
}

uapi_consts! {
    /// `BR_STP_MODE_*` (`linux/if_bridge.h`): `IFLA_BR_STP_MODE`.
    BR_STP_MODE_NAMES: u32 {
        BR_STP_MODE_AUTO = 0,
        BR_STP_MODE_USER = 1,
        BR_STP_MODE_KERNEL = 2,
    }
}

uapi_consts! {
    /// The VLAN protocols (`linux/if_ether.h`): `IFLA_VLAN_PROTOCOL`,
    /// `IFLA_BR_VLAN_PROTOCOL`.
    VLAN_PROTOCOL_NAMES: u16 {
        ETH_P_8021Q = 0x8100,
        ETH_P_8021AD = 0x88a8,
    }
}

uapi_consts! {
    /// `MACVLAN_MODE_*` (`linux/if_link.h`): `IFLA_MACVLAN_MODE`, one mode (the values
    /// are bits so that `MACVLAN_MACADDR_*` can take a set).
    MACVLAN_MODE_NAMES: u32 {
        MACVLAN_MODE_PRIVATE = 1,
        MACVLAN_MODE_VEPA = 2,
        MACVLAN_MODE_BRIDGE = 4,
        MACVLAN_MODE_PASSTHRU = 8,
        MACVLAN_MODE_SOURCE = 16,
    }
}

uapi_consts! {
    /// `MACVLAN_FLAG_*` (`linux/if_link.h`): `IFLA_MACVLAN_FLAGS`.
    MACVLAN_FLAG_NAMES: u16 {
        MACVLAN_FLAG_NOPROMISC = 1,
        MACVLAN_FLAG_NODST = 2,
    }
}

uapi_consts! {
    /// `IPVLAN_MODE_*` (`linux/if_link.h`): `IFLA_IPVLAN_MODE`.
    IPVLAN_MODE_NAMES: u16 {
        IPVLAN_MODE_L2 = 0,
        IPVLAN_MODE_L3 = 1,
        IPVLAN_MODE_L3S = 2,
    }
}

uapi_consts! {
    /// `IPVLAN_F_*` (`linux/if_link.h`): `IFLA_IPVLAN_FLAGS`.
    IPVLAN_F_NAMES: u16 {
        IPVLAN_F_PRIVATE = 0x01,
        IPVLAN_F_VEPA = 0x02,
    }
}

uapi_consts! {
    /// `VXLAN_DF_*` (`linux/if_link.h`): `IFLA_VXLAN_DF`.
    VXLAN_DF_NAMES: u8 {
        VXLAN_DF_UNSET = 0,
        VXLAN_DF_SET = 1,
        VXLAN_DF_INHERIT = 2,
    }
}

uapi_consts! {
    /// `GENEVE_DF_*` (`linux/if_link.h`): `IFLA_GENEVE_DF`.
    GENEVE_DF_NAMES: u8 {
        GENEVE_DF_UNSET = 0,
        GENEVE_DF_SET = 1,
        GENEVE_DF_INHERIT = 2,
    }
}

uapi_consts! {
    /// The `enum netkit_action` values a policy takes (`linux/if_link.h`; the kernel's
    /// `netkit_check_policy` refuses the others): `IFLA_NETKIT_POLICY`,
    /// `IFLA_NETKIT_PEER_POLICY`.
    NETKIT_POLICY_NAMES: u32 {
        NETKIT_PASS = 0,
        NETKIT_DROP = 2,
    }
}

uapi_consts! {
    /// `enum netkit_mode` (`linux/if_link.h`): `IFLA_NETKIT_MODE`.
    NETKIT_MODE_NAMES: u32 {
        NETKIT_L2 = 0,
        NETKIT_L3 = 1,
    }
}

uapi_consts! {
    /// `enum netkit_scrub` (`linux/if_link.h`): `IFLA_NETKIT_SCRUB`, `IFLA_NETKIT_PEER_SCRUB`.
    NETKIT_SCRUB_NAMES: u32 {
        NETKIT_SCRUB_NONE = 0,
        NETKIT_SCRUB_DEFAULT = 1,
    }
}

uapi_consts! {
    /// `enum netkit_pairing` (`linux/if_link.h`): `IFLA_NETKIT_PAIRING`.
    NETKIT_PAIRING_NAMES: u32 {
        NETKIT_DEVICE_PAIR = 0,
        NETKIT_DEVICE_SINGLE = 1,
    }
}

uapi_consts! {
    /// `enum ovpn_mode` (`linux/if_link.h`): `IFLA_OVPN_MODE`.
    OVPN_MODE_NAMES: u8 {
        OVPN_MODE_P2P = 0,
        OVPN_MODE_MP = 1,
    }
}

uapi_consts! {
    /// `TUNNEL_ENCAP_*` (`linux/if_tunnel.h`): `IFLA_GRE_ENCAP_TYPE`,
    /// `IFLA_IPTUN_ENCAP_TYPE`.
    TUNNEL_ENCAP_NAMES: u16 {
        TUNNEL_ENCAP_NONE = 0,
        TUNNEL_ENCAP_FOU = 1,
        TUNNEL_ENCAP_GUE = 2,
        TUNNEL_ENCAP_MPLS = 3,
    }
}

uapi_consts! {
    /// `TUNNEL_ENCAP_FLAG_*` (`linux/if_tunnel.h`): `IFLA_GRE_ENCAP_FLAGS`,
    /// `IFLA_IPTUN_ENCAP_FLAGS`.
    TUNNEL_ENCAP_FLAG_NAMES: u16 {
        TUNNEL_ENCAP_FLAG_CSUM = 1 << 0,
        TUNNEL_ENCAP_FLAG_CSUM6 = 1 << 1,
        TUNNEL_ENCAP_FLAG_REMCSUM = 1 << 2,
    }
}

uapi_consts! {
    /// `XDP_FLAGS_*` (`linux/if_link.h`): `IFLA_XDP_FLAGS`.
    XDP_FLAGS_NAMES: u32 {
        XDP_FLAGS_UPDATE_IF_NOEXIST = 1 << 0,
        XDP_FLAGS_SKB_MODE = 1 << 1,
        XDP_FLAGS_DRV_MODE = 1 << 2,
        XDP_FLAGS_HW_MODE = 1 << 3,
        XDP_FLAGS_REPLACE = 1 << 4,
    }
}

uapi_consts! {
    /// `BRIDGE_FLAGS_*` (`linux/if_bridge.h`): `IFLA_BRIDGE_FLAGS`, whom a request is for.
    BRIDGE_FLAGS_NAMES: u16 {
        BRIDGE_FLAGS_MASTER = 1,
        BRIDGE_FLAGS_SELF = 2,
    }
}

uapi_consts! {
    /// `BRIDGE_MODE_*` (`linux/if_bridge.h`): `IFLA_BRIDGE_MODE`.
    BRIDGE_MODE_NAMES: u16 {
        BRIDGE_MODE_VEB = 0,
        BRIDGE_MODE_VEPA = 1,
        BRIDGE_MODE_UNDEF = 0xffff,
    }
}

uapi_consts! {
    /// `MACVLAN_MACADDR_*` (`linux/if_link.h`): `IFLA_MACVLAN_MACADDR_MODE`.
    MACVLAN_MACADDR_NAMES: u32 {
        MACVLAN_MACADDR_ADD = 0,
        MACVLAN_MACADDR_DEL = 1,
        MACVLAN_MACADDR_FLUSH = 2,
        MACVLAN_MACADDR_SET = 3,
    }
}

uapi_consts! {
    /// `enum macsec_validation_type` (`linux/if_macsec.h`): `IFLA_MACSEC_VALIDATION`.
    MACSEC_VALIDATE_NAMES: u8 {
        MACSEC_VALIDATE_DISABLED = 0,
        MACSEC_VALIDATE_CHECK = 1,
        MACSEC_VALIDATE_STRICT = 2,
    }
}

uapi_consts! {
    /// `enum macsec_offload` (`linux/if_macsec.h`): `IFLA_MACSEC_OFFLOAD`.
    MACSEC_OFFLOAD_NAMES: u8 {
        MACSEC_OFFLOAD_OFF = 0,
        MACSEC_OFFLOAD_PHY = 1,
        MACSEC_OFFLOAD_MAC = 2,
    }
}

uapi_consts! {
    /// `enum ifla_vxlan_label_policy` (`linux/if_link.h`): `IFLA_VXLAN_LABEL_POLICY`.
    VXLAN_LABEL_NAMES: u32 {
        VXLAN_LABEL_FIXED = 0,
        VXLAN_LABEL_INHERIT = 1,
    }
}

uapi_consts! {
    /// `enum ifla_gtp_role` (`linux/if_link.h`): `IFLA_GTP_ROLE`.
    GTP_ROLE_NAMES: u32 {
        GTP_ROLE_GGSN = 0,
        GTP_ROLE_SGSN = 1,
    }
}

uapi_consts! {
    /// `BOND_MODE_*` (`linux/if_bonding.h`): `IFLA_BOND_MODE`.
    BOND_MODE_NAMES: u8 {
        BOND_MODE_ROUNDROBIN = 0,
        BOND_MODE_ACTIVEBACKUP = 1,
        BOND_MODE_XOR = 2,
        BOND_MODE_BROADCAST = 3,
        BOND_MODE_8023AD = 4,
        BOND_MODE_TLB = 5,
        BOND_MODE_ALB = 6,
    }
}

uapi_consts! {
    /// `enum ifla_hsr_protocol` (`linux/if_link.h`): `IFLA_HSR_PROTOCOL`.
    HSR_PROTOCOL_NAMES: u8 {
        HSR_PROTOCOL_HSR = 0,
        HSR_PROTOCOL_PRP = 1,
    }
}

uapi_consts! {
    /// `enum can_state` (`linux/can/netlink.h`): `IFLA_CAN_STATE`.
    CAN_STATE_NAMES: u32 {
        CAN_STATE_ERROR_ACTIVE = 0,
        CAN_STATE_ERROR_WARNING = 1,
        CAN_STATE_ERROR_PASSIVE = 2,
        CAN_STATE_BUS_OFF = 3,
        CAN_STATE_STOPPED = 4,
        CAN_STATE_SLEEPING = 5,
    }
}

uapi_consts! {
    /// `BOND_XMIT_POLICY_*` (`linux/if_bonding.h`): `IFLA_BOND_XMIT_HASH_POLICY`.
    BOND_XMIT_POLICY_NAMES: u8 {
        /// Layer 2 (MAC only), the default.
        BOND_XMIT_POLICY_LAYER2 = 0,
        /// Layer 3+4 (IP and TCP or UDP ports).
        BOND_XMIT_POLICY_LAYER34 = 1,
        /// Layer 2+3 (IP and MAC).
        BOND_XMIT_POLICY_LAYER23 = 2,
        /// Encapsulated layer 2+3.
        BOND_XMIT_POLICY_ENCAP23 = 3,
        /// Encapsulated layer 3+4.
        BOND_XMIT_POLICY_ENCAP34 = 4,
        /// VLAN and source MAC.
        BOND_XMIT_POLICY_VLAN_SRCMAC = 5,
    }
}

uapi_consts! {
    /// `BOND_STATE_*` (`linux/if_bonding.h`): `IFLA_BOND_SLAVE_STATE`.
    BOND_STATE_NAMES: u8 {
        BOND_STATE_ACTIVE = 0,
        BOND_STATE_BACKUP = 1,
    }
}

uapi_consts! {
    /// `BOND_LINK_*` (`linux/if_bonding.h`): `IFLA_BOND_SLAVE_MII_STATUS`, a port's link
    /// state as the bond's monitor sees it.
    BOND_LINK_NAMES: u8 {
        /// Up and running.
        BOND_LINK_UP = 0,
        /// Has just gone down.
        BOND_LINK_FAIL = 1,
        /// Down for too long.
        BOND_LINK_DOWN = 2,
        /// Coming back.
        BOND_LINK_BACK = 3,
    }
}

uapi_consts! {
    /// `LACP_STATE_*` (`linux/if_bonding.h`, 802.3ad 43.4.2.2):
    /// `IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE`, `IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE`.
    LACP_STATE_NAMES: u16 {
        LACP_STATE_LACP_ACTIVITY = 0x1,
        LACP_STATE_LACP_TIMEOUT = 0x2,
        LACP_STATE_AGGREGATION = 0x4,
        LACP_STATE_SYNCHRONIZATION = 0x8,
        LACP_STATE_COLLECTING = 0x10,
        LACP_STATE_DISTRIBUTING = 0x20,
        LACP_STATE_DEFAULTED = 0x40,
        LACP_STATE_EXPIRED = 0x80,
    }
}

// The bond options below have no uapi names: the kernel's own (`include/net/bonding.h`,
// `include/net/bond_3ad.h`) name them, and iproute2 prints the option words of
// `bond_options.c` (`ip -d link`: `arp_validate filter_active`). The tree shows the C
// names, as for the other tables.

uapi_consts! {
    /// `BOND_ARP_VALIDATE_*` / `BOND_ARP_FILTER*` (`include/net/bonding.h`, not uapi):
    /// `IFLA_BOND_ARP_VALIDATE`. Bits (`1 << BOND_STATE_*`, and 4 for filter), but the
    /// kernel takes and dumps one of these seven values (iproute2's `none` ...
    /// `filter_backup`), so an enum.
    BOND_ARP_VALIDATE_NAMES: u32 {
        BOND_ARP_VALIDATE_NONE = 0,
        BOND_ARP_VALIDATE_ACTIVE = 1,
        BOND_ARP_VALIDATE_BACKUP = 2,
        BOND_ARP_VALIDATE_ALL = 3,
        BOND_ARP_FILTER = 4,
        BOND_ARP_FILTER_ACTIVE = 5,
        BOND_ARP_FILTER_BACKUP = 6,
    }
}

uapi_consts! {
    /// `BOND_ARP_TARGETS_*` (`include/net/bonding.h`, not uapi): `IFLA_BOND_ARP_ALL_TARGETS`
    /// (iproute2's `any` / `all`).
    BOND_ARP_TARGETS_NAMES: u32 {
        BOND_ARP_TARGETS_ANY = 0,
        BOND_ARP_TARGETS_ALL = 1,
    }
}

uapi_consts! {
    /// `BOND_PRI_RESELECT_*` (`include/net/bonding.h`, not uapi): `IFLA_BOND_PRIMARY_RESELECT`
    /// (iproute2's `always` / `better` / `failure`).
    BOND_PRI_RESELECT_NAMES: u8 {
        BOND_PRI_RESELECT_ALWAYS = 0,
        BOND_PRI_RESELECT_BETTER = 1,
        BOND_PRI_RESELECT_FAILURE = 2,
    }
}

uapi_consts! {
    /// `BOND_FOM_*` (`include/net/bonding.h`, not uapi): `IFLA_BOND_FAIL_OVER_MAC`
    /// (iproute2's `none` / `active` / `follow`).
    BOND_FOM_NAMES: u8 {
        BOND_FOM_NONE = 0,
        BOND_FOM_ACTIVE = 1,
        BOND_FOM_FOLLOW = 2,
    }
}

uapi_consts! {
    /// `AD_LACP_*` (`include/net/bond_3ad.h`, not uapi): `IFLA_BOND_AD_LACP_RATE`
    /// (iproute2's `slow` / `fast`).
    AD_LACP_NAMES: u8 {
        AD_LACP_SLOW = 0,
        AD_LACP_FAST = 1,
    }
}

uapi_consts! {
    /// `BOND_AD_*` (`include/net/bond_3ad.h`, not uapi): `IFLA_BOND_AD_SELECT` (iproute2's
    /// `stable` / `bandwidth` / `count` / `actor_port_prio`).
    BOND_AD_SELECT_NAMES: u8 {
        BOND_AD_STABLE = 0,
        BOND_AD_BANDWIDTH = 1,
        BOND_AD_COUNT = 2,
        /// By the ports' `IFLA_BOND_SLAVE_ACTOR_PORT_PRIO` (6.18).
        BOND_AD_PRIO = 3,
    }
}

uapi_consts! {
    /// `enum br_mrp_ring_role_type` (`linux/mrp_bridge.h`): `IFLA_BRIDGE_MRP_RING_ROLE_ROLE`,
    /// `IFLA_BRIDGE_MRP_INFO_RING_ROLE`.
    BR_MRP_RING_ROLE_NAMES: u32 {
        BR_MRP_RING_ROLE_DISABLED = 0,
        /// Media redundancy client.
        BR_MRP_RING_ROLE_MRC = 1,
        /// Media redundancy manager.
        BR_MRP_RING_ROLE_MRM = 2,
        /// Media redundancy automanager.
        BR_MRP_RING_ROLE_MRA = 3,
    }
}

uapi_consts! {
    /// `enum br_mrp_ring_state_type` (`linux/mrp_bridge.h`):
    /// `IFLA_BRIDGE_MRP_RING_STATE_STATE`, `IFLA_BRIDGE_MRP_INFO_RING_STATE`.
    BR_MRP_RING_STATE_NAMES: u32 {
        BR_MRP_RING_STATE_OPEN = 0,
        BR_MRP_RING_STATE_CLOSED = 1,
    }
}

uapi_consts! {
    /// `enum br_mrp_in_role_type` (`linux/mrp_bridge.h`): `IFLA_BRIDGE_MRP_IN_ROLE_ROLE`,
    /// `IFLA_BRIDGE_MRP_INFO_IN_ROLE`.
    BR_MRP_IN_ROLE_NAMES: u32 {
        BR_MRP_IN_ROLE_DISABLED = 0,
        /// Media redundancy interconnection client.
        BR_MRP_IN_ROLE_MIC = 1,
        /// Media redundancy interconnection manager.
        BR_MRP_IN_ROLE_MIM = 2,
    }
}

uapi_consts! {
    /// `enum br_mrp_in_state_type` (`linux/mrp_bridge.h`): `IFLA_BRIDGE_MRP_IN_STATE_STATE`,
    /// `IFLA_BRIDGE_MRP_INFO_IN_STATE`.
    BR_MRP_IN_STATE_NAMES: u32 {
        BR_MRP_IN_STATE_OPEN = 0,
        BR_MRP_IN_STATE_CLOSED = 1,
    }
}

uapi_consts! {
    /// `enum br_mrp_port_state_type` (`linux/mrp_bridge.h`):
    /// `IFLA_BRIDGE_MRP_PORT_STATE_STATE`.
    BR_MRP_PORT_STATE_NAMES: u32 {
        BR_MRP_PORT_STATE_DISABLED = 0,
        BR_MRP_PORT_STATE_BLOCKED = 1,
        BR_MRP_PORT_STATE_FORWARDING = 2,
        BR_MRP_PORT_STATE_NOT_CONNECTED = 3,
    }
}

uapi_consts! {
    /// `enum br_mrp_port_role_type` (`linux/mrp_bridge.h`): `IFLA_BRIDGE_MRP_PORT_ROLE_ROLE`.
    BR_MRP_PORT_ROLE_NAMES: u32 {
        BR_MRP_PORT_ROLE_PRIMARY = 0,
        BR_MRP_PORT_ROLE_SECONDARY = 1,
        /// The interconnection port.
        BR_MRP_PORT_ROLE_INTER = 2,
    }
}

uapi_consts! {
    /// `enum br_cfm_domain` (`linux/cfm_bridge.h`): `IFLA_BRIDGE_CFM_MEP_CREATE_DOMAIN`.
    BR_CFM_DOMAIN_NAMES: u32 {
        BR_CFM_PORT = 0,
        BR_CFM_VLAN = 1,
    }
}

uapi_consts! {
    /// `enum br_cfm_mep_direction` (`linux/cfm_bridge.h`):
    /// `IFLA_BRIDGE_CFM_MEP_CREATE_DIRECTION`.
    BR_CFM_MEP_DIRECTION_NAMES: u32 {
        BR_CFM_MEP_DIRECTION_DOWN = 0,
        BR_CFM_MEP_DIRECTION_UP = 1,
    }
}

uapi_consts! {
    /// `enum br_cfm_ccm_interval` (`linux/cfm_bridge.h`):
    /// `IFLA_BRIDGE_CFM_CC_CONFIG_EXP_INTERVAL`.
    BR_CFM_CCM_INTERVAL_NAMES: u32 {
        BR_CFM_CCM_INTERVAL_NONE = 0,
        BR_CFM_CCM_INTERVAL_3_3_MS = 1,
        BR_CFM_CCM_INTERVAL_10_MS = 2,
        BR_CFM_CCM_INTERVAL_100_MS = 3,
        BR_CFM_CCM_INTERVAL_1_SEC = 4,
        BR_CFM_CCM_INTERVAL_10_SEC = 5,
        BR_CFM_CCM_INTERVAL_1_MIN = 6,
        BR_CFM_CCM_INTERVAL_10_MIN = 7,
    }
}

uapi_consts! {
    /// The `GRE_*` header flags (`linux/if_tunnel.h`, `__be16`): `IFLA_GRE_IFLAGS`,
    /// `IFLA_GRE_OFLAGS`, which the kernel writes with `nla_put_be16` and the codec holds
    /// in host order (the uapi's `__cpu_to_be16(0x2000)` is `GRE_KEY = 0x2000` here).
    /// `GRE_REC` (the recursion control) and `GRE_VERSION` are several bits, named only
    /// when all are set, as the kernel sets them; `GRE_FLAGS` (`0x0078`, the reserved bits)
    /// is a mask, not a flag, and is left out: such bits show as a number.
    GRE_FLAG_NAMES: u16 {
        GRE_CSUM = 0x8000,
        GRE_ROUTING = 0x4000,
        GRE_KEY = 0x2000,
        GRE_SEQ = 0x1000,
        GRE_STRICT = 0x0800,
        GRE_REC = 0x0700,
        GRE_ACK = 0x0080,
        GRE_VERSION = 0x0007,
    }
}

uapi_consts! {
    /// `TUNNEL_*` (`linux/if_tunnel.h`, `__be16`; older kernels kept them in
    /// `net/ip_tunnels.h`): `LWTUNNEL_IP_FLAGS`, `LWTUNNEL_IP6_FLAGS`, which the
    /// kernel reads and writes with `nla_get_be16` / `nla_put_be16`; in host order here
    /// (the uapi's `__cpu_to_be16(0x04)` is `TUNNEL_KEY = 0x04`).
    TUNNEL_FLAG_NAMES: u16 {
        TUNNEL_CSUM = 0x01,
        TUNNEL_ROUTING = 0x02,
        TUNNEL_KEY = 0x04,
        TUNNEL_SEQ = 0x08,
        TUNNEL_STRICT = 0x10,
        TUNNEL_REC = 0x20,
        TUNNEL_VERSION = 0x40,
        TUNNEL_NO_KEY = 0x80,
        TUNNEL_DONT_FRAGMENT = 0x0100,
        TUNNEL_OAM = 0x0200,
        TUNNEL_CRIT_OPT = 0x0400,
        TUNNEL_GENEVE_OPT = 0x0800,
        TUNNEL_VXLAN_OPT = 0x1000,
        TUNNEL_NOCACHE = 0x2000,
        TUNNEL_ERSPAN_OPT = 0x4000,
        TUNNEL_GTP_OPT = 0x8000,
    }
}

uapi_consts! {
    /// `IP6_TNL_F_*` (`linux/ip6_tunnel.h`): ip6tnl's `IFLA_IPTUN_FLAGS` and ip6gre's
    /// `IFLA_GRE_FLAGS` (a host-order `__u32`).
    IP6_TNL_F_NAMES: u32 {
        /// No encapsulation limit option unless the inner packet has one.
        IP6_TNL_F_IGN_ENCAP_LIMIT = 0x1,
        /// The traffic class from the inner packet.
        IP6_TNL_F_USE_ORIG_TCLASS = 0x2,
        /// The flow label from the inner packet.
        IP6_TNL_F_USE_ORIG_FLOWLABEL = 0x4,
        /// Used for Mobile IPv6.
        IP6_TNL_F_MIP6_DEV = 0x8,
        /// DSCP copied from the outer packet.
        IP6_TNL_F_RCV_DSCP_COPY = 0x10,
        /// The fwmark from the inner packet.
        IP6_TNL_F_USE_ORIG_FWMARK = 0x20,
        /// A remote endpoint on the local node is allowed.
        IP6_TNL_F_ALLOW_LOCAL_REMOTE = 0x40,
    }
}

uapi_consts! {
    /// The MACsec cipher suites (`linux/if_macsec.h`, IEEE 802.1AE-2018 table 14-1):
    /// `IFLA_MACSEC_CIPHER_SUITE`. `MACSEC_DEFAULT_CIPHER_ID` is the deprecated id the
    /// kernel still takes for GCM-AES-128; `MACSEC_DEFAULT_CIPHER_ALT`, another name of
    /// `MACSEC_CIPHER_ID_GCM_AES_128`, is not listed (one name for a value).
    MACSEC_CIPHER_ID_NAMES: u64 {
        MACSEC_CIPHER_ID_GCM_AES_128 = 0x0080_C200_0100_0001,
        MACSEC_CIPHER_ID_GCM_AES_256 = 0x0080_C200_0100_0002,
        MACSEC_CIPHER_ID_GCM_AES_XPN_128 = 0x0080_C200_0100_0003,
        MACSEC_CIPHER_ID_GCM_AES_XPN_256 = 0x0080_C200_0100_0004,
        MACSEC_DEFAULT_CIPHER_ID = 0x0080_0200_0100_0001,
    }
}

uapi_consts! {
    /// The tun device types (`linux/if_tun.h`): `IFLA_TUN_TYPE`.
    TUN_TYPE_NAMES: u8 {
        IFF_TUN = 0x0001,
        IFF_TAP = 0x0002,
    }
}

uapi_consts! {
    /// `IPOIB_MODE_*` (`linux/if_link.h`): `IFLA_IPOIB_MODE`.
    IPOIB_MODE_NAMES: u16 {
        IPOIB_MODE_DATAGRAM = 0,
        IPOIB_MODE_CONNECTED = 1,
    }
}
