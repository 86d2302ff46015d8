//! A bridge port's `AF_BRIDGE` attributes (`linux/if_bridge.h`): `IFLA_AF_SPEC` of an
//! `AF_BRIDGE` `ifinfomsg` holds `IFLA_BRIDGE_*` (what `bridge vlan` sends and dumps), and
//! `IFLA_PROTINFO` of one holds `IFLA_BRPORT_*` (`bridge link`).

use zerocopy::byteorder::native_endian::U16;
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr_space;
use crate::field;
use crate::schema::{HeaderDef, Names};
use crate::uapi::uapi_flags;

/// `struct bridge_vlan_info` (4 bytes), `IFLA_BRIDGE_VLAN_INFO`.
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
pub struct BridgeVlanInfo {
    /// `flags`: `BRIDGE_VLAN_INFO_*`.
    pub flags: U16,
    /// `vid`: the VLAN id.
    pub vid: U16,
}

impl BridgeVlanInfo {
    /// The struct's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "bridge_vlan_info",
        len: core::mem::size_of::<Self>(),
        fields: &[
            field!(Self, flags, Names::Flags(BRIDGE_VLAN_INFO_NAMES)),
            field!(Self, vid),
        ],
    };
}

uapi_flags! {
    /// `BRIDGE_VLAN_INFO_*` flags of [`BridgeVlanInfo::flags`].
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct BridgeVlanFlags: u16, "BRIDGE_VLAN_INFO_", BRIDGE_VLAN_INFO_NAMES {
        MASTER = 1 << 0,
        PVID = 1 << 1,
        UNTAGGED = 1 << 2,
        RANGE_BEGIN = 1 << 3,
        RANGE_END = 1 << 4,
        BRENTRY = 1 << 5,
        ONLY_OPTS = 1 << 6,
    }
}

attr_space! {
    /// `IFLA_AF_SPEC` of an `AF_BRIDGE` message, `IFLA_BRIDGE_*`. MRP and CFM are in
    /// `bridge_mrp.rs` and `bridge_cfm.rs`.
    pub static BRIDGE_AF = "IFLA_BRIDGE" {
        IFLA_BRIDGE_FLAGS = 0 => U16; Flags(super::BRIDGE_FLAGS_NAMES),
        IFLA_BRIDGE_MODE = 1 => U16; Enum(super::BRIDGE_MODE_NAMES),
        IFLA_BRIDGE_VLAN_INFO = 2 => Structs(&BridgeVlanInfo::DEF),
        IFLA_BRIDGE_VLAN_TUNNEL_INFO = 3 => Nested(&BRIDGE_VLAN_TUNNEL),
        IFLA_BRIDGE_MRP = 4 => Nested(&super::BRIDGE_MRP),
        IFLA_BRIDGE_CFM = 5 => Nested(&super::BRIDGE_CFM),
        IFLA_BRIDGE_MST = 6 => Nested(&BRIDGE_MST),
    }
}

attr_space! {
    /// `IFLA_BRIDGE_VLAN_TUNNEL_INFO` contents, `IFLA_BRIDGE_VLAN_TUNNEL_*`.
    pub static BRIDGE_VLAN_TUNNEL = "IFLA_BRIDGE_VLAN_TUNNEL" {
        IFLA_BRIDGE_VLAN_TUNNEL_UNSPEC = 0 => Raw,
        IFLA_BRIDGE_VLAN_TUNNEL_ID = 1 => U32,
        IFLA_BRIDGE_VLAN_TUNNEL_VID = 2 => U16,
        IFLA_BRIDGE_VLAN_TUNNEL_FLAGS = 3 => U16,
    }
}

attr_space! {
    /// `IFLA_BRIDGE_MST` contents, `IFLA_BRIDGE_MST_*`.
    pub static BRIDGE_MST = "IFLA_BRIDGE_MST" {
        IFLA_BRIDGE_MST_UNSPEC = 0 => Raw,
        IFLA_BRIDGE_MST_ENTRY = 1 => Nested(&BRIDGE_MST_ENTRY),
    }
}

attr_space! {
    /// `IFLA_BRIDGE_MST_ENTRY` contents, `IFLA_BRIDGE_MST_ENTRY_*`.
    pub static BRIDGE_MST_ENTRY = "IFLA_BRIDGE_MST_ENTRY" {
        IFLA_BRIDGE_MST_ENTRY_UNSPEC = 0 => Raw,
        IFLA_BRIDGE_MST_ENTRY_MSTI = 1 => U16,
        IFLA_BRIDGE_MST_ENTRY_STATE = 2 => U8,
    }
}
