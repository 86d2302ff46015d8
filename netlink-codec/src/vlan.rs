//! Bridge VLANs (`bridge vlan` on a VLAN-filtering bridge, `linux/if_bridge.h`):
//! `struct br_vlan_msg` and `BRIDGE_VLANDB_*`, used by `RTM_NEWVLAN`, `RTM_DELVLAN` and
//! `RTM_GETVLAN`.
//!
//! ```text
//! +---------------+---------------+-------------------------------+
//! | family u8     | reserved1 u8  |        reserved2 u16          |  0
//! +---------------+---------------+-------------------------------+
//! |                    ifindex u32 (0 in a dump: every port)      |  4
//! +---------------------------------------------------------------+
//! ```
//!
//! A dump request (`RTM_GETVLAN`, the type's only use: the kernel registers no `doit`)
//! carries `BRIDGE_VLANDB_DUMP_*` ([`VLANDB_DUMP`], `br_vlan_rtm_dump`); the kernel's
//! answers and events (`RTM_NEWVLAN`) and the change requests (`RTM_NEWVLAN`,
//! `RTM_DELVLAN`, `br_vlan_rtm_process`) carry `BRIDGE_VLANDB_*` ([`VLANDB`]), so the
//! space follows from the message type ([`crate::family::Family::of`]).

use zerocopy::byteorder::native_endian::{U16, U32};
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr_space;
use crate::field;
use crate::schema::{HeaderDef, Names};

/// `struct br_vlan_msg` (8 bytes).
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
pub struct BrVlanMsg {
    /// `family`: `AF_BRIDGE`.
    pub family: u8,
    /// `reserved1`: zero.
    pub reserved1: u8,
    /// `reserved2`: zero.
    pub reserved2: U16,
    /// `ifindex`: the bridge or port (0 in a dump request: every one).
    pub ifindex: U32,
}
const _: () = assert!(core::mem::size_of::<BrVlanMsg>() == 8);

impl BrVlanMsg {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The header's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "br_vlan_msg",
        len: Self::LEN,
        fields: &[
            field!(Self, family, Names::Enum(crate::af::AF_NAMES)),
            field!(Self, reserved1),
            field!(Self, reserved2),
            field!(Self, ifindex),
        ],
    };
}

crate::uapi::uapi_consts! {
    /// `BRIDGE_VLANDB_DUMPF_*`: the bits of `BRIDGE_VLANDB_DUMP_FLAGS`.
    VLANDB_DUMPF_NAMES: u32 {
        BRIDGE_VLANDB_DUMPF_STATS = 1 << 0,
        BRIDGE_VLANDB_DUMPF_GLOBAL = 1 << 1,
    }
}

attr_space! {
    /// `RTM_GETVLAN` (dump request) attributes, `BRIDGE_VLANDB_DUMP_*`.
    pub static VLANDB_DUMP = "BRIDGE_VLANDB_DUMP" {
        BRIDGE_VLANDB_DUMP_UNSPEC = 0 => Raw,
        BRIDGE_VLANDB_DUMP_FLAGS = 1 => U32; Flags(VLANDB_DUMPF_NAMES),
    }
}

attr_space! {
    /// `RTM_NEWVLAN` / `RTM_DELVLAN` attributes, `BRIDGE_VLANDB_*`: per-port VLAN entries
    /// or (with `BRIDGE_VLANDB_DUMPF_GLOBAL`) the bridge's per-VLAN global options.
    pub static VLANDB = "BRIDGE_VLANDB" {
        BRIDGE_VLANDB_UNSPEC = 0 => Raw,
        BRIDGE_VLANDB_ENTRY = 1 => Nested(&VLANDB_ENTRY),
        BRIDGE_VLANDB_GLOBAL_OPTIONS = 2 => Nested(&VLANDB_GOPTS),
    }
}

attr_space! {
    /// `BRIDGE_VLANDB_ENTRY` contents, `BRIDGE_VLANDB_ENTRY_*`: one VLAN (or a range from
    /// `INFO`'s vid to `RANGE`) of a port.
    pub static VLANDB_ENTRY = "BRIDGE_VLANDB_ENTRY" {
        BRIDGE_VLANDB_ENTRY_UNSPEC = 0 => Raw,
        BRIDGE_VLANDB_ENTRY_INFO = 1 => Structs(&crate::link::BridgeVlanInfo::DEF),
        BRIDGE_VLANDB_ENTRY_RANGE = 2 => U16,
        BRIDGE_VLANDB_ENTRY_STATE = 3 => U8; Enum(crate::link::BR_STATE_NAMES),
        BRIDGE_VLANDB_ENTRY_TUNNEL_INFO = 4 => Nested(&VLANDB_TINFO),
        BRIDGE_VLANDB_ENTRY_STATS = 5 => Nested(&VLANDB_STATS),
        BRIDGE_VLANDB_ENTRY_MCAST_ROUTER = 6 => U8; Enum(crate::link::MDB_RTR_TYPE_NAMES),
        BRIDGE_VLANDB_ENTRY_MCAST_N_GROUPS = 7 => U32,
        BRIDGE_VLANDB_ENTRY_MCAST_MAX_GROUPS = 8 => U32,
        BRIDGE_VLANDB_ENTRY_NEIGH_SUPPRESS = 9 => U8,
    }
}

attr_space! {
    /// `BRIDGE_VLANDB_ENTRY_TUNNEL_INFO` contents, `BRIDGE_VLANDB_TINFO_*`: the tunnel id
    /// a VLAN maps to; in a request, `CMD` says whether to set or delete it.
    pub static VLANDB_TINFO = "BRIDGE_VLANDB_TINFO" {
        BRIDGE_VLANDB_TINFO_UNSPEC = 0 => Raw,
        BRIDGE_VLANDB_TINFO_ID = 1 => U32,
        BRIDGE_VLANDB_TINFO_CMD = 2 => U32; Enum(crate::header::MSG_TYPE_NAMES),
    }
}

attr_space! {
    /// `BRIDGE_VLANDB_ENTRY_STATS` contents, `BRIDGE_VLANDB_STATS_*`.
    pub static VLANDB_STATS = "BRIDGE_VLANDB_STATS" {
        BRIDGE_VLANDB_STATS_UNSPEC = 0 => Raw,
        BRIDGE_VLANDB_STATS_RX_BYTES = 1 => U64,
        BRIDGE_VLANDB_STATS_RX_PACKETS = 2 => U64,
        BRIDGE_VLANDB_STATS_TX_BYTES = 3 => U64,
        BRIDGE_VLANDB_STATS_TX_PACKETS = 4 => U64,
        BRIDGE_VLANDB_STATS_PAD = 5 => Raw,
    }
}

attr_space! {
    /// `BRIDGE_VLANDB_GLOBAL_OPTIONS` contents, `BRIDGE_VLANDB_GOPTS_*`: a VLAN's (or a
    /// range's) multicast snooping settings and its MST instance; timers in clock ticks.
    pub static VLANDB_GOPTS = "BRIDGE_VLANDB_GOPTS" {
        BRIDGE_VLANDB_GOPTS_UNSPEC = 0 => Raw,
        BRIDGE_VLANDB_GOPTS_ID = 1 => U16,
        BRIDGE_VLANDB_GOPTS_RANGE = 2 => U16,
        BRIDGE_VLANDB_GOPTS_MCAST_SNOOPING = 3 => U8,
        BRIDGE_VLANDB_GOPTS_MCAST_IGMP_VERSION = 4 => U8,
        BRIDGE_VLANDB_GOPTS_MCAST_MLD_VERSION = 5 => U8,
        BRIDGE_VLANDB_GOPTS_MCAST_LAST_MEMBER_CNT = 6 => U32,
        BRIDGE_VLANDB_GOPTS_MCAST_STARTUP_QUERY_CNT = 7 => U32,
        BRIDGE_VLANDB_GOPTS_MCAST_LAST_MEMBER_INTVL = 8 => U64,
        BRIDGE_VLANDB_GOPTS_PAD = 9 => Raw,
        BRIDGE_VLANDB_GOPTS_MCAST_MEMBERSHIP_INTVL = 10 => U64,
        BRIDGE_VLANDB_GOPTS_MCAST_QUERIER_INTVL = 11 => U64,
        BRIDGE_VLANDB_GOPTS_MCAST_QUERY_INTVL = 12 => U64,
        BRIDGE_VLANDB_GOPTS_MCAST_QUERY_RESPONSE_INTVL = 13 => U64,
        BRIDGE_VLANDB_GOPTS_MCAST_STARTUP_QUERY_INTVL = 14 => U64,
        BRIDGE_VLANDB_GOPTS_MCAST_QUERIER = 15 => U8,
        // The VLAN's multicast router ports: MDBA_ROUTER_PORT entries, as in an MDB dump's
        // MDBA_ROUTER (br_rports_fill_info).
        BRIDGE_VLANDB_GOPTS_MCAST_ROUTER_PORTS = 16 => Nested(&crate::mdb::ROUTER),
        BRIDGE_VLANDB_GOPTS_MCAST_QUERIER_STATE = 17 => Nested(&crate::link::BRIDGE_QUERIER),
        BRIDGE_VLANDB_GOPTS_MSTI = 18 => U16,
    }
}
