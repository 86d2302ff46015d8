//! The bridge multicast database (`linux/if_bridge.h`): `struct br_port_msg`, `MDBA_*`
//! and the spaces below it, used by `RTM_NEWMDB`, `RTM_DELMDB` and `RTM_GETMDB`
//! (`bridge mdb`, `net/bridge/br_mdb.c`).
//!
//! ```text
//! +---------------+-----------------------------------------------+
//! |  family u8    |        (padding: the C struct's, 3 bytes)     |
//! +---------------+-----------------------------------------------+
//! |                  ifindex u32 (the bridge)                     |
//! +---------------------------------------------------------------+
//! ```
//!
//! The kernel's answers (dumps, whose messages are `RTM_GETMDB`, and the `RTM_NEWMDB` /
//! `RTM_DELMDB` events) carry [`MDBA`]: `MDBA_MDB` → `MDBA_MDB_ENTRY` →
//! `MDBA_MDB_ENTRY_INFO`, a `struct br_mdb_entry` followed, without an attribute header
//! of its own, by `MDBA_MDB_EATTR_*`; and `MDBA_ROUTER` → `MDBA_ROUTER_PORT`, a `__u32`
//! ifindex followed by `MDBA_ROUTER_PATTR_*` ([`crate::schema::Shape::Headed`]). The
//! requests number their attributes from 1 too, in other spaces: `RTM_NEWMDB` and
//! `RTM_DELMDB` [`SET_ENTRY`] (`br_mdb_policy`), a `RTM_GETMDB` get
//! [`GET_ENTRY`] (`mdba_get_policy`). [`crate::family::Family::of_message`] tells
//! them apart by `NLM_F_REQUEST`.

use zerocopy::byteorder::native_endian::{U16, U32};
use zerocopy::byteorder::network_endian::U16 as Be16;
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr_space;
use crate::field;
use crate::schema::{HeaderDef, Names};
use crate::uapi::uapi_consts;

/// `struct br_port_msg` (8 bytes: the compiler pads `family` to `ifindex`'s alignment).
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
pub struct BrPortMsg {
    /// `family`: `AF_BRIDGE` in requests, `AF_UNSPEC` in the kernel's answers.
    pub family: u8,
    /// The C struct's padding after `family`, shown as a field (`__pad`) so that whatever
    /// a sender left there survives decode and encode.
    pub pad: [u8; 3],
    /// `ifindex`: the bridge (0 in a dump request: every bridge).
    pub ifindex: U32,
}
const _: () = assert!(core::mem::size_of::<BrPortMsg>() == 8);

impl BrPortMsg {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The header's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "br_port_msg",
        len: Self::LEN,
        fields: &[
            field!(Self, family, Names::Enum(crate::af::AF_NAMES)),
            field!(Self, pad as "__pad"),
            field!(Self, ifindex),
        ],
    };
}

/// `struct br_mdb_entry` (28 bytes): one group membership of a port, in
/// `MDBA_MDB_ENTRY_INFO` (dumps, events) and `MDBA_SET_ENTRY` / `MDBA_GET_ENTRY`
/// (requests).
///
/// `addr.u` is the C union of `__be32 ip4`, `struct in6_addr ip6` and `unsigned char
/// mac_addr[ETH_ALEN]`: the codec shows its 16 bytes as they are, beside `addr.proto`
/// (`ETH_P_IP`: an IPv4 group in the first 4 bytes; `ETH_P_IPV6`: an IPv6 group; 0: a
/// MAC address in the first 6), rather than choosing a member by `proto`, so that every
/// reader rebuilds the union from one field whatever the bytes past the member hold.
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
pub struct BrMdbEntry {
    /// `ifindex`: the port (the bridge itself for a host join).
    pub ifindex: U32,
    /// `state`: `MDB_TEMPORARY` or `MDB_PERMANENT`.
    pub state: u8,
    /// `flags`: `MDB_FLAGS_*`.
    pub flags: u8,
    /// `vid`: the VLAN, or 0.
    pub vid: U16,
    /// `addr.u`: the group address union (see the struct's doc).
    pub addr_u: [u8; 16],
    /// `addr.proto`: `ETH_P_IP`, `ETH_P_IPV6` or 0 (an L2 group), network order.
    pub addr_proto: Be16,
    /// The C struct's tail padding (to the 4-byte alignment of `ifindex`), shown as a
    /// field (`__pad`) so that whatever a sender left there survives decode and encode.
    pub pad: U16,
}
const _: () = assert!(core::mem::size_of::<BrMdbEntry>() == 28);

impl BrMdbEntry {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The struct's fields (the union as `addr.u`, see the struct's doc).
    pub const DEF: HeaderDef = HeaderDef {
        name: "br_mdb_entry",
        len: Self::LEN,
        fields: &[
            field!(Self, ifindex),
            field!(Self, state, Names::Enum(MDB_STATE_NAMES)),
            field!(Self, flags, Names::Flags(MDB_FLAGS_NAMES)),
            field!(Self, vid),
            field!(Self, addr_u as "addr.u"),
            field!(@ Self, addr_proto, "addr.proto", Names::Enum(MDB_PROTO_NAMES)),
            field!(Self, pad as "__pad"),
        ],
    };
}

/// The `__u32` at the start of `MDBA_ROUTER_PORT`: the router port's ifindex, which
/// the kernel writes with `nla_put_nohdr` before the `MDBA_ROUTER_PATTR_*` attributes
/// (an event's `MDBA_ROUTER_PORT` holds the `__u32` alone). Not a C struct: its
/// [`HeaderDef`] is named after the attribute.
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
pub struct MdbRouterPort {
    /// The port's ifindex.
    pub ifindex: U32,
}
const _: () = assert!(core::mem::size_of::<MdbRouterPort>() == 4);

impl MdbRouterPort {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// Its one field.
    pub const DEF: HeaderDef = HeaderDef {
        name: "MDBA_ROUTER_PORT",
        len: Self::LEN,
        fields: &[field!(Self, ifindex)],
    };
}

uapi_consts! {
    /// `br_mdb_entry.state`.
    MDB_STATE_NAMES: u8 {
        MDB_TEMPORARY = 0,
        MDB_PERMANENT = 1,
    }
}

uapi_consts! {
    /// `br_mdb_entry.flags`, `MDB_FLAGS_*` bits.
    MDB_FLAGS_NAMES: u8 {
        MDB_FLAGS_OFFLOAD = 1 << 0,
        MDB_FLAGS_FAST_LEAVE = 1 << 1,
        MDB_FLAGS_STAR_EXCL = 1 << 2,
        MDB_FLAGS_BLOCKED = 1 << 3,
        /// Since 6.16: offloading the entry to switchdev failed.
        MDB_FLAGS_OFFLOAD_FAILED = 1 << 4,
    }
}

uapi_consts! {
    /// `br_mdb_entry.addr.proto` (`linux/if_ether.h`); 0 is an L2 (MAC) group.
    MDB_PROTO_NAMES: u16 {
        ETH_P_IP = 0x0800,
        ETH_P_IPV6 = 0x86dd,
    }
}

uapi_consts! {
    /// `MDBA_ROUTER_PATTR_TYPE`: the multicast router types.
    MDB_RTR_TYPE_NAMES: u8 {
        MDB_RTR_TYPE_DISABLED = 0,
        MDB_RTR_TYPE_TEMP_QUERY = 1,
        MDB_RTR_TYPE_PERM = 2,
        MDB_RTR_TYPE_TEMP = 3,
    }
}

uapi_consts! {
    /// `MDBA_MDB_EATTR_GROUP_MODE` / `MDBE_ATTR_GROUP_MODE`: an IGMPv3/MLDv2 filter mode
    /// (`linux/in.h`).
    MCAST_MODE_NAMES: u8 {
        MCAST_EXCLUDE = 0,
        MCAST_INCLUDE = 1,
    }
}

attr_space! {
    /// Attributes of the kernel's answers (dumps, events), `MDBA_*`.
    pub static MDBA = "MDBA" {
        MDBA_UNSPEC = 0 => Raw,
        MDBA_MDB = 1 => Nested(&MDB),
        MDBA_ROUTER = 2 => Nested(&ROUTER),
    }
}

attr_space! {
    /// `MDBA_MDB`'s entries, `MDBA_MDB_*`.
    pub static MDB = "MDBA_MDB" {
        MDBA_MDB_UNSPEC = 0 => Raw,
        MDBA_MDB_ENTRY = 1 => Nested(&MDB_ENTRY),
    }
}

attr_space! {
    /// `MDBA_MDB_ENTRY`'s contents, `MDBA_MDB_ENTRY_*`.
    pub static MDB_ENTRY = "MDBA_MDB_ENTRY" {
        MDBA_MDB_ENTRY_UNSPEC = 0 => Raw,
        MDBA_MDB_ENTRY_INFO = 1 => Headed(&BrMdbEntry::DEF, &MDBA_MDB_EATTR),
    }
}

attr_space! {
    /// The attributes after `MDBA_MDB_ENTRY_INFO`'s `struct br_mdb_entry`,
    /// `MDBA_MDB_EATTR_*` (`DST` to `SRC_VNI`: a VXLAN device's MDB, `vxlan_mdb.c`).
    pub static MDBA_MDB_EATTR = "MDBA_MDB_EATTR" {
        MDBA_MDB_EATTR_UNSPEC = 0 => Raw,
        MDBA_MDB_EATTR_TIMER = 1 => U32,
        MDBA_MDB_EATTR_SRC_LIST = 2 => Nested(&MDBA_MDB_SRCLIST),
        MDBA_MDB_EATTR_GROUP_MODE = 3 => U8; Enum(MCAST_MODE_NAMES),
        MDBA_MDB_EATTR_SOURCE = 4 => Ip,
        MDBA_MDB_EATTR_RTPROT = 5 => U8; Enum(crate::route::RTPROT_NAMES),
        MDBA_MDB_EATTR_DST = 6 => Ip,
        MDBA_MDB_EATTR_DST_PORT = 7 => U16,
        MDBA_MDB_EATTR_VNI = 8 => U32,
        MDBA_MDB_EATTR_IFINDEX = 9 => U32,
        MDBA_MDB_EATTR_SRC_VNI = 10 => U32,
    }
}

attr_space! {
    /// `MDBA_MDB_EATTR_SRC_LIST`'s entries, `MDBA_MDB_SRCLIST_*`.
    pub static MDBA_MDB_SRCLIST = "MDBA_MDB_SRCLIST" {
        MDBA_MDB_SRCLIST_UNSPEC = 0 => Raw,
        MDBA_MDB_SRCLIST_ENTRY = 1 => Nested(&MDBA_MDB_SRCATTR),
    }
}

attr_space! {
    /// One source of a source list, `MDBA_MDB_SRCATTR_*`.
    pub static MDBA_MDB_SRCATTR = "MDBA_MDB_SRCATTR" {
        MDBA_MDB_SRCATTR_UNSPEC = 0 => Raw,
        MDBA_MDB_SRCATTR_ADDRESS = 1 => Ip,
        MDBA_MDB_SRCATTR_TIMER = 2 => U32,
    }
}

attr_space! {
    /// `MDBA_ROUTER`'s ports, `MDBA_ROUTER_*`.
    pub static ROUTER = "MDBA_ROUTER" {
        MDBA_ROUTER_UNSPEC = 0 => Raw,
        MDBA_ROUTER_PORT = 1 => Headed(&MdbRouterPort::DEF, &MDBA_ROUTER_PATTR),
    }
}

attr_space! {
    /// The attributes after `MDBA_ROUTER_PORT`'s ifindex, `MDBA_ROUTER_PATTR_*`.
    pub static MDBA_ROUTER_PATTR = "MDBA_ROUTER_PATTR" {
        MDBA_ROUTER_PATTR_UNSPEC = 0 => Raw,
        MDBA_ROUTER_PATTR_TIMER = 1 => U32,
        MDBA_ROUTER_PATTR_TYPE = 2 => U8; Enum(MDB_RTR_TYPE_NAMES),
        MDBA_ROUTER_PATTR_INET_TIMER = 3 => U32,
        MDBA_ROUTER_PATTR_INET6_TIMER = 4 => U32,
        MDBA_ROUTER_PATTR_VID = 5 => U16,
    }
}

attr_space! {
    /// Attributes of `RTM_NEWMDB` / `RTM_DELMDB` requests, `MDBA_SET_ENTRY_*`
    /// (`br_mdb_policy`).
    pub static SET_ENTRY = "MDBA_SET_ENTRY" {
        MDBA_SET_ENTRY_UNSPEC = 0 => Raw,
        MDBA_SET_ENTRY = 1 => Structs(&BrMdbEntry::DEF),
        MDBA_SET_ENTRY_ATTRS = 2 => Nested(&MDBE_ATTR),
    }
}

attr_space! {
    /// Attributes of a `RTM_GETMDB` get request, `MDBA_GET_ENTRY_*` (`mdba_get_policy`).
    pub static GET_ENTRY = "MDBA_GET_ENTRY" {
        MDBA_GET_ENTRY_UNSPEC = 0 => Raw,
        MDBA_GET_ENTRY = 1 => Structs(&BrMdbEntry::DEF),
        MDBA_GET_ENTRY_ATTRS = 2 => Nested(&MDBE_ATTR),
    }
}

attr_space! {
    /// `MDBA_SET_ENTRY_ATTRS` / `MDBA_GET_ENTRY_ATTRS`, `MDBE_ATTR_*` (`br_mdbe_attrs_pol`,
    /// `vxlan_mdbe_attrs_pol`).
    pub static MDBE_ATTR = "MDBE_ATTR" {
        MDBE_ATTR_UNSPEC = 0 => Raw,
        MDBE_ATTR_SOURCE = 1 => Ip,
        MDBE_ATTR_SRC_LIST = 2 => Nested(&MDBE_SRC_LIST),
        MDBE_ATTR_GROUP_MODE = 3 => U8; Enum(MCAST_MODE_NAMES),
        MDBE_ATTR_RTPROT = 4 => U8; Enum(crate::route::RTPROT_NAMES),
        MDBE_ATTR_DST = 5 => Ip,
        MDBE_ATTR_DST_PORT = 6 => U16,
        MDBE_ATTR_VNI = 7 => U32,
        MDBE_ATTR_IFINDEX = 8 => I32,
        MDBE_ATTR_SRC_VNI = 9 => U32,
        MDBE_ATTR_STATE_MASK = 10 => U8,
    }
}

attr_space! {
    /// `MDBE_ATTR_SRC_LIST`'s entries, `MDBE_SRC_LIST_*`.
    pub static MDBE_SRC_LIST = "MDBE_SRC_LIST" {
        MDBE_SRC_LIST_UNSPEC = 0 => Raw,
        MDBE_SRC_LIST_ENTRY = 1 => Nested(&MDBE_SRCATTR),
    }
}

attr_space! {
    /// One source of a request's source list, `MDBE_SRCATTR_*`.
    pub static MDBE_SRCATTR = "MDBE_SRCATTR" {
        MDBE_SRCATTR_UNSPEC = 0 => Raw,
        MDBE_SRCATTR_ADDRESS = 1 => Ip,
    }
}
