//! vethctl: wires a pod's network namespace to the host with a veth pair, over the
//! pure-Rust `netlink-codec`, with explicit EEXIST/ENOENT idempotency.
//!
//! What a node agent embeds:
//! - [`Spec`] (what to wire; [`host_iface_name`] derives the host veth's name) and
//!   [`Netns`] (the pod's namespace, opened and verified);
//! - [`setup`], [`check`], [`teardown`] and [`plan`], which answer with a [`Report`] (or a
//!   [`Plan`]) or an [`Error`];
//! - the audit commands in [`audit`] (decode, encode, send raw netlink; [`render`] prints
//!   it) and the CNI plugin in [`cni`];
//! - [`run_command_line`], the `vethctl` command itself.
//!
//! Inside, and not part of the API: the transport (`nl`: socket, batch, watch, request),
//! the requests (`msgs`), the replies read into values (`state`), the wiring
//! (desired state → reads → items and steps → batches → report; docs/design.md), the
//! garbage collector (`gc`) and the command line (`cli`).

#![deny(missing_docs)]

pub mod audit;
mod cli;
pub mod cni;
// The modules below are internal. Their files still say `pub` where `pub(crate)` is meant
// (they are being reshaped elsewhere), hence the `allow`; what the API needs of them is
// re-exported below.
#[allow(unreachable_pub)]
mod config;
pub mod error;
#[allow(unreachable_pub)]
mod gc;
#[allow(unreachable_pub)]
mod msgs;
#[allow(unreachable_pub)]
mod netns;
mod nl;
pub mod render;
#[allow(unreachable_pub)]
mod state;
// `wiring::ours` is called by its tests only (the ownership check is spelled out again in
// `assess`); the split of wiring.rs removes the duplicate.
#[allow(unreachable_pub, dead_code)]
mod wiring;

pub use config::{host_iface_name, Spec};
pub use error::{Error, Result};
pub use netns::Netns;
pub use nl::NlSocket;
pub use wiring::{check, plan, setup, teardown, Plan, Report};
// What a [`Plan`] is made of: steps, and the requests in them with their errno policy.
pub use nl::request::{OnErrno, Policy, Request};
pub use wiring::{Side, Step};

// The transport under the paths the rest of the crate has always used.
pub(crate) use nl::{request, socket};

/// Run the `vethctl` command with this process's arguments and environment: the CNI
/// plugin when run with no arguments and a `CNI_*` variable, else the command line (see
/// `vethctl --help`). Returns the exit status.
pub fn run_command_line() -> std::process::ExitCode {
    if cni::is_plugin_invocation() {
        return cni::main();
    }
    cli::main()
}
