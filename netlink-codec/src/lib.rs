//! A lossless, zero-copy rtnetlink codec.
//!
//! Two layers over the same tables:
//!
//! - **Views** ([`header::Messages`], [`attr::Attrs`], [`value::Value`]): checked,
//!   borrowing, allocation-free walks over a datagram. Every length is checked three ways;
//!   iterators yield `Result` and stop after the first error, which names the byte offset.
//! - **The owned model** ([`model::Message`]): typed values that can be built, compared,
//!   generated and emitted. Parsing it is lossless: what parses re-encodes to the same
//!   bytes.
//!
//! Beside the views, [`repr`] has typed representations ([`repr::LinkRepr`],
//! [`repr::AddrRepr`], [`repr::RouteRepr`], ...), as smoltcp has `Ipv4Repr` beside
//! `Ipv4Packet`: typed fields that borrow from the buffer, `parse`, `buffer_len`, `emit`
//! and `Display`; unmodelled attributes are kept, so parse → emit is lossless too.
//!
//! Walking a kernel reply (here a captured `RTM_NEWLINK`) with kernel names and typed values,
//! without allocating:
//!
//! ```
//! use netlink_codec::{family::Family, header::Messages, value::Value};
//! # let datagram = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/0007-rep.bin")).unwrap();
//! let mut names = Vec::new();
//! for msg in Messages::new(&datagram) {
//!     let msg = msg?; // errors name the byte offset
//!     let Some(family) = Family::of(msg.msg_type()) else { continue };
//!     let attrs = msg.attrs_after(family.header().len); // or msg.split::<IfInfoMsg>()
//!     for attr in attrs.clone() {
//!         let attr = attr?;
//!         // In context: the siblings and the header family choose a nest's space.
//!         let family_byte = msg.payload().first().copied();
//!         let shape = family.space().shape(attr.kind()).resolve(&attrs, family_byte);
//!         if let Value::Str(s) = Value::read(&attr, shape, None)? {
//!             names.push((family.space().name_of(attr.kind()), s));
//!         }
//!     }
//! }
//! assert!(names.contains(&(Some("IFLA_IFNAME"), "vh-pod1")));
//! # Ok::<(), netlink_codec::DecodeError>(())
//! ```
//!
//! Each family module (`link`, `addr`, `route`, `neigh`, `rule`, `netconf`, `addrlabel`,
//! `nexthop`, `nsid`, `mdb`, `tc`, `ack`) owns its kernel
//! structs (zerocopy, native-endian, unaligned), constants and attribute tables; the
//! tables give every attribute its uapi name and payload shape.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod ack;
pub mod addr;
pub mod addrlabel;
pub mod af;
pub mod align;
pub mod attr;
pub mod build;
pub mod datagram;
pub mod errno;
pub mod error;
pub mod family;
pub mod group;
pub mod header;
pub mod link;
pub mod lwtunnel;
pub mod mdb;
pub mod model;
pub mod neigh;
pub mod netconf;
pub mod nexthop;
pub mod nsid;
pub mod pad;
#[cfg(feature = "render")]
pub mod render;
pub mod repr;
pub mod route;
pub mod rtnl;
pub mod rule;
pub mod schema;
pub mod srh;
pub mod tc;
mod tlv;
mod uapi;
pub mod value;
pub mod vlan;

pub use errno::Errno;

/// The README's examples run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
pub use error::{DecodeError, DecodeErrorKind, EncodeError};
