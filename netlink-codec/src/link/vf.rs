//! SR-IOV virtual functions and port profiles: `IFLA_VFINFO_LIST`, `IFLA_VF_PORTS` and
//! `IFLA_PORT_SELF` contents (`linux/if_link.h`).

use crate::attr_space;
use crate::schema::{Elem, Labels};

/// Element names of `struct ifla_vf_vlan`.
pub static VF_VLAN_NAMES: &[&str] = &["vf", "vlan", "qos"];
/// Element names of `struct ifla_vf_tx_rate`.
pub static VF_TX_RATE_NAMES: &[&str] = &["vf", "rate"];
/// Element names of `struct ifla_vf_rate`.
pub static VF_RATE_NAMES: &[&str] = &["vf", "min_tx_rate", "max_tx_rate"];
/// Element names of `struct ifla_vf_link_state`.
pub static VF_LINK_STATE_NAMES: &[&str] = &["vf", "link_state"];
/// Element names of `struct ifla_vf_spoofchk`, `ifla_vf_trust` and `ifla_vf_rss_query_en`.
pub static VF_SETTING_NAMES: &[&str] = &["vf", "setting"];

attr_space! {
    /// `IFLA_VFINFO_LIST` contents, `IFLA_VF_INFO_*`: one nest per virtual function.
    pub static VFINFO_LIST = "IFLA_VF_INFO" {
        IFLA_VF_INFO_UNSPEC = 0 => Raw,
        IFLA_VF_INFO = 1 => Nested(&VF),
    }
}

attr_space! {
    /// One virtual function (`IFLA_VF_INFO`), `IFLA_VF_*`. The `struct ifla_vf_*` payloads start
    /// with the VF number.
    pub static VF = "IFLA_VF" {
        IFLA_VF_UNSPEC = 0 => Raw,
        IFLA_VF_MAC = 1 => Raw,
        IFLA_VF_VLAN = 2 => Array(Elem::U32, Labels::List(VF_VLAN_NAMES)),
        IFLA_VF_TX_RATE = 3 => Array(Elem::U32, Labels::List(VF_TX_RATE_NAMES)),
        IFLA_VF_SPOOFCHK = 4 => Array(Elem::U32, Labels::List(VF_SETTING_NAMES)),
        IFLA_VF_LINK_STATE = 5 => Array(Elem::U32, Labels::List(VF_LINK_STATE_NAMES)),
        IFLA_VF_RATE = 6 => Array(Elem::U32, Labels::List(VF_RATE_NAMES)),
        IFLA_VF_RSS_QUERY_EN = 7 => Array(Elem::U32, Labels::List(VF_SETTING_NAMES)),
        IFLA_VF_STATS = 8 => Nested(&VF_STATS),
        IFLA_VF_TRUST = 9 => Array(Elem::U32, Labels::List(VF_SETTING_NAMES)),
        IFLA_VF_IB_NODE_GUID = 10 => Raw,
        IFLA_VF_IB_PORT_GUID = 11 => Raw,
        IFLA_VF_VLAN_LIST = 12 => Nested(&VF_VLAN_LIST),
        IFLA_VF_BROADCAST = 13 => Raw,
    }
}

attr_space! {
    /// `IFLA_VF_VLAN_LIST` contents, `IFLA_VF_VLAN_INFO_*` (`struct ifla_vf_vlan_info`).
    pub static VF_VLAN_LIST = "IFLA_VF_VLAN_INFO" {
        IFLA_VF_VLAN_INFO_UNSPEC = 0 => Raw,
        IFLA_VF_VLAN_INFO = 1 => Raw,
    }
}

attr_space! {
    /// `IFLA_VF_STATS` contents, `IFLA_VF_STATS_*`.
    pub static VF_STATS = "IFLA_VF_STATS" {
        IFLA_VF_STATS_RX_PACKETS = 0 => U64,
        IFLA_VF_STATS_TX_PACKETS = 1 => U64,
        IFLA_VF_STATS_RX_BYTES = 2 => U64,
        IFLA_VF_STATS_TX_BYTES = 3 => U64,
        IFLA_VF_STATS_BROADCAST = 4 => U64,
        IFLA_VF_STATS_MULTICAST = 5 => U64,
        IFLA_VF_STATS_PAD = 6 => Raw,
        IFLA_VF_STATS_RX_DROPPED = 7 => U64,
        IFLA_VF_STATS_TX_DROPPED = 8 => U64,
    }
}

attr_space! {
    /// `IFLA_VF_PORTS` contents, `IFLA_VF_PORT_*`.
    pub static VF_PORTS = "IFLA_VF_PORT" {
        IFLA_VF_PORT_UNSPEC = 0 => Raw,
        IFLA_VF_PORT = 1 => Nested(&PORT),
    }
}

attr_space! {
    /// `IFLA_VF_PORT` and `IFLA_PORT_SELF` contents, `IFLA_PORT_*`.
    pub static PORT = "IFLA_PORT" {
        IFLA_PORT_UNSPEC = 0 => Raw,
        IFLA_PORT_VF = 1 => U32,
        IFLA_PORT_PROFILE = 2 => Str,
        IFLA_PORT_VSI_TYPE = 3 => Raw,
        IFLA_PORT_INSTANCE_UUID = 4 => Raw,
        IFLA_PORT_HOST_UUID = 5 => Raw,
        IFLA_PORT_REQUEST = 6 => U8,
        IFLA_PORT_RESPONSE = 7 => U16,
    }
}
