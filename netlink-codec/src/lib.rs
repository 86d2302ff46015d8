//! A lossless, zero-copy rtnetlink codec.
//!
//! Two layers over the same tables:
//!
//! - **Views** ([`header::Messages`], [`attr::Attrs`], [`schema::Value`]): checked,
//!   borrowing, allocation-free walks over a datagram. Every length is checked three ways;
//!   iterators yield `Result` and stop after the first error, which names the byte offset.
//! - **The owned model** ([`model::Message`]): typed values that can be built, compared,
//!   generated and emitted. Parsing it is lossless: what parses re-encodes to the same
//!   bytes.
//!
//! Each family module (`link`, `addr`, `route`, `neigh`, `nsid`, `ack`) owns its kernel
//! structs (zerocopy, native-endian, unaligned), constants and attribute tables; the
//! tables give every attribute its uapi name and payload shape.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod ack;
pub mod addr;
pub mod af;
pub mod attr;
pub mod build;
pub mod errno;
pub mod error;
pub mod family;
pub mod header;
pub mod link;
pub mod model;
pub mod neigh;
pub mod nsid;
pub mod route;
pub mod rtnl;
pub mod schema;

pub use errno::Errno;
pub use error::{DecodeError, DecodeErrorKind, EncodeError};
