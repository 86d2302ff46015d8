//! Addresses: `struct ifaddrmsg` and `IFA_*` (`linux/if_addr.h`), used by `RTM_NEWADDR`,
//! `RTM_DELADDR`, `RTM_GETADDR`.
//!
//! ```text
//!  0               1               2               3
//! +---------------+---------------+---------------+---------------+
//! | ifa_family u8 |ifa_prefixlen u8| ifa_flags u8 | ifa_scope u8  |  0
//! +---------------+---------------+---------------+---------------+
//! |                    ifa_index u32                              |  4
//! +---------------------------------------------------------------+
//! ```

use zerocopy::byteorder::native_endian::U32;
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr_space;
use crate::field;
use crate::schema::{Elem, HeaderDef, Labels, Names};
use crate::uapi::{uapi_consts, uapi_flags};

/// `struct ifaddrmsg` (8 bytes).
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
pub struct IfAddrMsg {
    /// `ifa_family`: `AF_INET` or `AF_INET6`.
    pub ifa_family: u8,
    /// `ifa_prefixlen`.
    pub ifa_prefixlen: u8,
    /// `ifa_flags`: the low 8 bits of `IFA_F_*` (all of them are in `IFA_FLAGS`).
    pub ifa_flags: u8,
    /// `ifa_scope`: `RT_SCOPE_*`.
    pub ifa_scope: u8,
    /// `ifa_index`: interface index.
    pub ifa_index: U32,
}
const _: () = assert!(core::mem::size_of::<IfAddrMsg>() == 8);

impl IfAddrMsg {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The header's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "ifaddrmsg",
        len: Self::LEN,
        fields: &[
            field!(Self, ifa_family, Names::Enum(crate::af::AF_NAMES)),
            field!(Self, ifa_prefixlen),
            field!(Self, ifa_flags, Names::Flags(IFA_F_NAMES)),
            field!(Self, ifa_scope, Names::Enum(crate::route::RT_SCOPE_NAMES)),
            field!(Self, ifa_index),
        ],
    };
}

uapi_flags! {
    /// `IFA_F_*` address flags.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct IfaFlags: u32, "IFA_F_", IFA_F_NAMES {
        /// Alias `IFA_F_TEMPORARY`.
        SECONDARY = 0x01,
        /// Skip duplicate address detection.
        NODAD = 0x02,
        OPTIMISTIC = 0x04,
        DADFAILED = 0x08,
        HOMEADDRESS = 0x10,
        DEPRECATED = 0x20,
        /// Duplicate address detection is still running.
        TENTATIVE = 0x40,
        PERMANENT = 0x80,
        MANAGETEMPADDR = 0x100,
        NOPREFIXROUTE = 0x200,
        MCAUTOJOIN = 0x400,
        STABLE_PRIVACY = 0x800,
    }
}

uapi_consts! {
    /// `IFAPROT_*`: `IFA_PROTO` values, who set the address.
    IFAPROT_NAMES: u8 {
        /// Origin unknown.
        IFAPROT_UNSPEC = 0,
        /// A loopback address set by the kernel.
        IFAPROT_KERNEL_LO = 1,
        /// Set by the kernel from a router advertisement.
        IFAPROT_KERNEL_RA = 2,
        /// A link-local address set by the kernel.
        IFAPROT_KERNEL_LL = 3,
    }
}

/// `struct ifa_cacheinfo` (16 bytes), the payload of `IFA_CACHEINFO`.
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
pub struct IfaCacheinfo {
    /// `ifa_prefered`: preferred lifetime, seconds.
    pub ifa_prefered: U32,
    /// `ifa_valid`: valid lifetime, seconds.
    pub ifa_valid: U32,
    /// `cstamp`: created, hundredths of a second since boot.
    pub cstamp: U32,
    /// `tstamp`: updated, hundredths of a second since boot.
    pub tstamp: U32,
}
const _: () = assert!(core::mem::size_of::<IfaCacheinfo>() == 16);

/// Field names of `struct ifa_cacheinfo`.
pub static IFA_CACHEINFO_NAMES: &[&str] = &["ifa_prefered", "ifa_valid", "cstamp", "tstamp"];

attr_space! {
    /// Address attributes, `IFA_*`.
    pub static ADDR = "IFA" {
        IFA_UNSPEC = 0 => Raw,
        IFA_ADDRESS = 1 => Ip,
        IFA_LOCAL = 2 => Ip,
        IFA_LABEL = 3 => Str,
        IFA_BROADCAST = 4 => Ip,
        IFA_ANYCAST = 5 => Ip,
        IFA_CACHEINFO = 6 => Array(Elem::U32, Labels::List(IFA_CACHEINFO_NAMES)),
        IFA_MULTICAST = 7 => Ip,
        IFA_FLAGS = 8 => U32; Flags(IFA_F_NAMES),
        IFA_RT_PRIORITY = 9 => U32,
        IFA_TARGET_NETNSID = 10 => I32,
        IFA_PROTO = 11 => U8; Enum(IFAPROT_NAMES),
        IFA_MC_USERS = 12 => U32,
    }
}
