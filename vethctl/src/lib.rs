//! vethctl: wires a pod's network namespace to the host with a veth pair, over the
//! pure-Rust `netlink-codec`, with explicit EEXIST/ENOENT idempotency.
//!
//! - [`socket`]: a `NETLINK_ROUTE` socket that batches requests into one `sendmsg`.
//! - [`netns`]: open and verify a network namespace; a socket inside it.
//! - [`request`]: a request and its errno [`request::Policy`].
//! - [`msgs`]: the requests, built with the codec.
//! - [`state`]: the live state, read from the kernel's replies.
//! - [`wiring`]: setup, check, teardown and plan, as desired state → reads → items and
//!   steps → batches → report (docs/design.md).
//! - [`config`]: input validation and the derived host interface name.
//! - [`cli`]: the command line.
//! - [`cni`]: the CNI plugin (the binary with no arguments and `CNI_*` variables).
//! - [`gc`]: bulk removal of host veths in one kernel deletion.
//! - [`audit`], [`render`]: decode, encode and send raw netlink.

#![deny(missing_docs)]

pub mod audit;
pub mod cli;
pub mod cni;
pub mod config;
pub mod error;
pub mod gc;
pub mod msgs;
pub mod netns;
pub mod render;
pub mod request;
pub mod socket;
pub mod state;
pub mod wiring;

pub use config::{host_iface_name, Spec};
pub use error::{Error, Result};
pub use netns::Netns;
pub use request::{OnErrno, Policy, Request};
pub use socket::NlSocket;
pub use wiring::{check, plan, setup, teardown, Report};
