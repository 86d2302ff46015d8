//! IPv6 address selection labels (RFC 6724): `struct ifaddrlblmsg` and `IFAL_*`
//! (`linux/if_addrlabel.h`), used by `RTM_NEWADDRLABEL`, `RTM_DELADDRLABEL`,
//! `RTM_GETADDRLABEL` (`ip addrlabel`).
//!
//! ```text
//! +---------------+---------------+---------------+---------------+
//! |ifal_family u8 |__ifal_reserved|ifal_prefixlen |ifal_flags u8  |
//! +---------------+---------------+---------------+---------------+
//! |                      ifal_index u32                           |
//! +---------------------------------------------------------------+
//! |                      ifal_seq u32                             |
//! +---------------------------------------------------------------+
//! ```

use zerocopy::byteorder::native_endian::U32;
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr_space;
use crate::field;
use crate::schema::{HeaderDef, Names};

/// `struct ifaddrlblmsg` (12 bytes).
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
pub struct IfAddrLblMsg {
    /// `ifal_family`: `AF_INET6`.
    pub ifal_family: u8,
    /// `__ifal_reserved`: zero.
    pub ifal_reserved: u8,
    /// `ifal_prefixlen`: prefix length of `IFAL_ADDRESS`.
    pub ifal_prefixlen: u8,
    /// `ifal_flags`: zero (no flags are defined).
    pub ifal_flags: u8,
    /// `ifal_index`: the device the label is limited to, or 0.
    pub ifal_index: U32,
    /// `ifal_seq`: the label table's generation, in replies.
    pub ifal_seq: U32,
}
const _: () = assert!(core::mem::size_of::<IfAddrLblMsg>() == 12);

impl IfAddrLblMsg {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The header's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "ifaddrlblmsg",
        len: Self::LEN,
        fields: &[
            field!(Self, ifal_family, Names::Enum(crate::af::AF_NAMES)),
            field!(Self, ifal_reserved as "__ifal_reserved"),
            field!(Self, ifal_prefixlen),
            field!(Self, ifal_flags),
            field!(Self, ifal_index),
            field!(Self, ifal_seq),
        ],
    };
}

attr_space! {
    /// Address label attributes, `IFAL_*` (the uapi enum starts at 1).
    pub static ADDRLABEL = "IFAL" {
        IFAL_ADDRESS = 1 => Ip,
        IFAL_LABEL = 2 => U32,
    }
}
