//! Per-device IP configuration notifications: `struct netconfmsg` and `NETCONFA_*`
//! (`linux/netconf.h`), used by `RTM_NEWNETCONF`, `RTM_DELNETCONF`, `RTM_GETNETCONF`
//! (`ip netconf`, `ip monitor netconf`).
//!
//! ```text
//! +---------------+-----------------------------------------------+
//! |ncm_family u8  |  3 bytes of alignment padding (zero)          |
//! +---------------+-----------------------------------------------+
//! ```
//!
//! Without attributes (a dump request) `nlmsg_len` counts the padding, as iproute2 sends
//! it (`NLMSG_LENGTH(NLMSG_ALIGN(sizeof(struct netconfmsg)))`, 20 bytes).

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr_space;
use crate::field;
use crate::schema::{HeaderDef, Names};

/// `struct netconfmsg` (1 byte; attributes start at the next 4-byte boundary).
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
pub struct NetconfMsg {
    /// `ncm_family`: `AF_INET`, `AF_INET6`, `AF_MPLS`, or `AF_UNSPEC` to dump all.
    pub ncm_family: u8,
}
const _: () = assert!(core::mem::size_of::<NetconfMsg>() == 1);

impl NetconfMsg {
    /// Size on the wire, before alignment.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The header's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "netconfmsg",
        len: Self::LEN,
        fields: &[field!(Self, ncm_family, Names::Enum(crate::af::AF_NAMES))],
    };
}

/// `NETCONFA_IFINDEX_ALL`: the `all` configuration (`net.ipv4.conf.all`).
pub const NETCONFA_IFINDEX_ALL: i32 = -1;
/// `NETCONFA_IFINDEX_DEFAULT`: the `default` configuration, inherited by new devices.
pub const NETCONFA_IFINDEX_DEFAULT: i32 = -2;

attr_space! {
    /// Netconf attributes, `NETCONFA_*` (all `__s32`; kernel 6.18).
    pub static NETCONF = "NETCONFA" {
        NETCONFA_UNSPEC = 0 => Raw,
        NETCONFA_IFINDEX = 1 => I32,
        NETCONFA_FORWARDING = 2 => I32,
        NETCONFA_RP_FILTER = 3 => I32,
        NETCONFA_MC_FORWARDING = 4 => I32,
        NETCONFA_PROXY_NEIGH = 5 => I32,
        NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN = 6 => I32,
        NETCONFA_INPUT = 7 => I32,
        NETCONFA_BC_FORWARDING = 8 => I32,
        NETCONFA_FORCE_FORWARDING = 9 => I32,
    }
}
