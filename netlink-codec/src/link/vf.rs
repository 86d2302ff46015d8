//! SR-IOV virtual functions and port profiles: `IFLA_VFINFO_LIST`, `IFLA_VF_PORTS` and
//! `IFLA_PORT_SELF` contents (`linux/if_link.h`).

use zerocopy::byteorder::native_endian::{U32, U64};
use zerocopy::byteorder::network_endian::U16 as Be16;
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr_space;
use crate::field;
use crate::schema::{Elem, HeaderDef, Labels, Names};

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

/// `struct ifla_vf_mac` (36 bytes), `IFLA_VF_MAC`: the VF's address in a 32-byte array.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned,
)]
#[repr(C)]
pub struct IflaVfMac {
    /// `vf`: the VF number.
    pub vf: U32,
    /// `mac`: the address, then zeros.
    pub mac: [u8; 32],
}

impl IflaVfMac {
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "ifla_vf_mac",
        len: core::mem::size_of::<Self>(),
        fields: &[field!(Self, vf), field!(Self, mac, Names::LlAddr)],
    };
}

/// `struct ifla_vf_broadcast` (32 bytes), `IFLA_VF_BROADCAST`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned,
)]
#[repr(C)]
pub struct IflaVfBroadcast {
    /// `broadcast`: the broadcast address, then zeros.
    pub broadcast: [u8; 32],
}

impl IflaVfBroadcast {
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "ifla_vf_broadcast",
        len: core::mem::size_of::<Self>(),
        fields: &[field!(Self, broadcast, Names::LlAddr)],
    };
}

/// The C layout of `struct ifla_vf_vlan_info` (`__u32 vf, vlan, qos; __be16 vlan_proto`):
/// the compiler pads it to 16 bytes.
#[repr(C)]
#[allow(dead_code)] // only its layout is used
struct VfVlanInfoAbi {
    vf: u32,
    vlan: u32,
    qos: u32,
    vlan_proto: u16,
}

/// `struct ifla_vf_vlan_info`, `IFLA_VF_VLAN_INFO`: a VLAN of the VF, with its protocol
/// in network order. The C struct's tail padding is not a field ([`Self::DEF`]'s `len`
/// counts it, and the model types only elements whose padding is zero).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned,
)]
#[repr(C)]
pub struct IflaVfVlanInfo {
    /// `vf`: the VF number.
    pub vf: U32,
    /// `vlan`: the VLAN id (0 disables).
    pub vlan: U32,
    /// `qos`: the priority.
    pub qos: U32,
    /// `vlan_proto`: `ETH_P_8021Q` or `ETH_P_8021AD`, network order.
    pub vlan_proto: Be16,
}

impl IflaVfVlanInfo {
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "ifla_vf_vlan_info",
        len: core::mem::size_of::<VfVlanInfoAbi>(),
        fields: &[
            field!(Self, vf),
            field!(Self, vlan),
            field!(Self, qos),
            field!(Self, vlan_proto),
        ],
    };
}

/// The C layout of `struct ifla_vf_guid` (`__u32 vf; __u64 guid`): `guid` at the
/// alignment of `__u64` on this ABI (offset 8 and 16 bytes on 64-bit hosts; 4 and 12 on
/// i386).
#[repr(C)]
#[allow(dead_code)] // only its layout is used
struct VfGuidAbi {
    vf: u32,
    guid: u64,
}

/// Bytes between `vf` and `guid` in `struct ifla_vf_guid`.
const VF_GUID_GAP: usize = core::mem::offset_of!(VfGuidAbi, guid) - 4;

/// `struct ifla_vf_guid`, `IFLA_VF_IB_NODE_GUID` / `IFLA_VF_IB_PORT_GUID`: an InfiniBand
/// GUID of the VF.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned,
)]
#[repr(C)]
pub struct IflaVfGuid {
    /// `vf`: the VF number.
    pub vf: U32,
    /// The C compiler's padding before `guid` (not a field).
    pub _gap: [u8; VF_GUID_GAP],
    /// `guid`: the GUID.
    pub guid: U64,
}
const _: () = assert!(core::mem::size_of::<IflaVfGuid>() == core::mem::size_of::<VfGuidAbi>());

impl IflaVfGuid {
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "ifla_vf_guid",
        len: core::mem::size_of::<Self>(),
        fields: &[field!(Self, vf), field!(Self, guid)],
    };
}

/// `struct ifla_port_vsi` (8 bytes), `IFLA_PORT_VSI_TYPE`: an 802.1Qbg VSI type. The
/// `pad[3]` at its end is not a field (the model types only elements whose padding is
/// zero).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, FromBytes, IntoBytes, KnownLayout, Immutable, Unaligned,
)]
#[repr(C)]
pub struct IflaPortVsi {
    /// `vsi_mgr_id`: the VSI manager.
    pub vsi_mgr_id: u8,
    /// `vsi_type_id`: the 24-bit VSI type id, high byte first.
    pub vsi_type_id: [u8; 3],
    /// `vsi_type_version`: its version.
    pub vsi_type_version: u8,
    /// `pad`: zero.
    pub pad: [u8; 3],
}

impl IflaPortVsi {
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "ifla_port_vsi",
        len: core::mem::size_of::<Self>(),
        fields: &[
            field!(Self, vsi_mgr_id),
            field!(Self, vsi_type_id),
            field!(Self, vsi_type_version),
        ],
    };
}

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
        IFLA_VF_MAC = 1 => Structs(&IflaVfMac::DEF),
        IFLA_VF_VLAN = 2 => Array(Elem::U32, Labels::List(VF_VLAN_NAMES)),
        IFLA_VF_TX_RATE = 3 => Array(Elem::U32, Labels::List(VF_TX_RATE_NAMES)),
        IFLA_VF_SPOOFCHK = 4 => Array(Elem::U32, Labels::List(VF_SETTING_NAMES)),
        IFLA_VF_LINK_STATE = 5 => Array(Elem::U32, Labels::List(VF_LINK_STATE_NAMES)),
        IFLA_VF_RATE = 6 => Array(Elem::U32, Labels::List(VF_RATE_NAMES)),
        IFLA_VF_RSS_QUERY_EN = 7 => Array(Elem::U32, Labels::List(VF_SETTING_NAMES)),
        IFLA_VF_STATS = 8 => Nested(&VF_STATS),
        IFLA_VF_TRUST = 9 => Array(Elem::U32, Labels::List(VF_SETTING_NAMES)),
        IFLA_VF_IB_NODE_GUID = 10 => Structs(&IflaVfGuid::DEF),
        IFLA_VF_IB_PORT_GUID = 11 => Structs(&IflaVfGuid::DEF),
        IFLA_VF_VLAN_LIST = 12 => Nested(&VF_VLAN_LIST),
        IFLA_VF_BROADCAST = 13 => Structs(&IflaVfBroadcast::DEF),
    }
}

attr_space! {
    /// `IFLA_VF_VLAN_LIST` contents, `IFLA_VF_VLAN_INFO_*` (`struct ifla_vf_vlan_info`).
    pub static VF_VLAN_LIST = "IFLA_VF_VLAN_INFO" {
        IFLA_VF_VLAN_INFO_UNSPEC = 0 => Raw,
        IFLA_VF_VLAN_INFO = 1 => Structs(&IflaVfVlanInfo::DEF),
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
        IFLA_PORT_VSI_TYPE = 3 => Structs(&IflaPortVsi::DEF),
        IFLA_PORT_INSTANCE_UUID = 4 => Raw,
        IFLA_PORT_HOST_UUID = 5 => Raw,
        IFLA_PORT_REQUEST = 6 => U8,
        IFLA_PORT_RESPONSE = 7 => U16,
    }
}
