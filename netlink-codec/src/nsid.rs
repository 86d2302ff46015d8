//! Namespace ids: `struct rtgenmsg` and `NETNSA_*` (`linux/net_namespace.h`), used by
//! `RTM_NEWNSID`, `RTM_DELNSID`, `RTM_GETNSID`.
//!
//! ```text
//! +---------------+-----------------------------------------------+
//! |rtgen_family u8|  3 bytes of alignment padding (zero)          |
//! +---------------+-----------------------------------------------+
//! ```

use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr_space;
use crate::field;
use crate::schema::{HeaderDef, Names};

/// `struct rtgenmsg` (1 byte; attributes start at the next 4-byte boundary).
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
pub struct RtGenMsg {
    /// `rtgen_family`.
    pub rtgen_family: u8,
}
const _: () = assert!(core::mem::size_of::<RtGenMsg>() == 1);

impl RtGenMsg {
    /// Size on the wire, before alignment.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The header's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "rtgenmsg",
        len: Self::LEN,
        fields: &[field!(Self, rtgen_family, Names::Enum(crate::af::AF_NAMES))],
    };
}

attr_space! {
    /// Namespace id attributes, `NETNSA_*`.
    pub static NSID = "NETNSA" {
        NETNSA_NONE = 0 => Raw,
        NETNSA_NSID = 1 => I32,
        NETNSA_PID = 2 => U32,
        NETNSA_FD = 3 => U32,
        NETNSA_TARGET_NSID = 4 => I32,
        NETNSA_CURRENT_NSID = 5 => I32,
    }
}
