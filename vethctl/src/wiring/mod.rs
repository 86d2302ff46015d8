//! The pod wiring: setup, check, plan and teardown over two netlink sockets, one in the
//! host's namespace and one in the pod's. The design (desired state, phases, ownership,
//! IPv6 readiness, the test hook) is in docs/design.md; the code follows it as data:
//!
//! - [`desired`]: the desired state, a value built from the [`Spec`];
//! - [`observe`], [`view`]: typed reads and the live state they fill;
//! - [`assess`](mod@assess): comparators returning [`Item`]s keyed by [`ItemKey`], and the
//!   [`Planned`] steps, each with its [`Purpose`];
//! - `exec`: the steps in the fewest batches; [`report`]: the [`Report`];
//! - [`ownership`]: the one ownership rule; [`readiness`]: the IPv6 readiness wait.

pub mod assess;
pub mod desired;
mod exec;
mod inspect;
pub mod item;
pub mod observe;
pub mod ownership;
mod phase;
pub mod plan;
mod procfs;
pub mod readiness;
pub mod report;
mod setup;
pub mod step;
pub mod tag;
mod teardown;
#[cfg(test)]
mod tests;
pub mod view;

use std::os::fd::AsRawFd;
use std::path::Path;

pub use assess::assess;
pub use desired::{V4_GATEWAY, V6_GATEWAY};
pub(crate) use exec::Exec;
pub use item::Side;
pub use plan::{plan, Plan};
pub use report::Report;
pub use step::{Planned, Step};
pub use tag::{owner_alias, ALIAS_PREFIX};

use crate::config::Spec;
use crate::error::{Error, Result};
use crate::netns::Netns;
use crate::request::{Policy, Request};
use crate::socket::NlSocket;
use crate::wiring::desired::Desired;
use step::Done;

/// A request labelled `what`, or the encode error naming it.
pub(crate) fn req(
    what: impl Into<String>,
    msg: Result<Vec<u8>, netlink_codec::EncodeError>,
    policy: Policy,
) -> Result<Request> {
    let what = what.into();
    match msg {
        Ok(m) => Ok(Request::new(what, m, policy)),
        Err(source) => Err(Error::Encode { op: what, source }),
    }
}

/// The descriptor number of the pod's namespace, for `IFLA_NET_NS_FD`.
fn nsfd(netns: &Netns) -> u32 {
    netns.fd().as_raw_fd().unsigned_abs()
}

/// The two sockets and the request counter of one operation.
pub(crate) struct Session {
    host: NlSocket,
    pod: Option<NlSocket>,
    exec: Exec,
}

impl Session {
    /// Setup's: with IPv6, each side watches a route, on a descriptor of its own.
    fn for_setup(d: &Desired, netns: &Netns, abort_after: Option<usize>) -> Result<Session> {
        let (host, pod) = if d.ipv6 {
            (NlSocket::open_watching()?, netns.watching_socket()?)
        } else {
            (NlSocket::open()?, netns.socket()?)
        };
        Ok(Session {
            host,
            pod: Some(pod),
            exec: Exec::new(abort_after),
        })
    }

    /// Check's and plan's: both sides, no watches.
    fn reading(netns: &Netns) -> Result<Session> {
        Ok(Session {
            host: NlSocket::open()?,
            pod: Some(netns.socket()?),
            exec: Exec::new(None),
        })
    }

    /// Teardown's: the host only.
    fn host_only() -> Result<Session> {
        Ok(Session {
            host: NlSocket::open()?,
            pod: None,
            exec: Exec::new(None),
        })
    }

    fn pod_socket(&mut self) -> Result<&mut NlSocket> {
        self.pod
            .as_mut()
            .ok_or_else(|| Error::Unexpected("no pod socket".into()))
    }

    /// Run `steps` on the host.
    fn on_host(&mut self, steps: &[Planned]) -> Result<Vec<Done>> {
        self.exec.run(&mut self.host, steps)
    }

    /// Run `steps` in the pod.
    fn on_pod(&mut self, steps: &[Planned]) -> Result<Vec<Done>> {
        let sock = self
            .pod
            .as_mut()
            .ok_or_else(|| Error::Unexpected("no pod socket".into()))?;
        self.exec.run(sock, steps)
    }

    fn report(&self, operation: &'static str, d: &Desired, pod_side: bool) -> Report {
        let pod = self.pod.as_ref();
        Report {
            operation,
            host_iface: d.host.name.clone(),
            ifname: pod_side.then(|| d.pod.name.clone()),
            round_trips: self.host.round_trips() + pod.map_or(0, NlSocket::round_trips),
            requests: self.exec.sent(),
            dropped: self.host.dropped() + pod.map_or(0, NlSocket::dropped),
            ..Default::default()
        }
    }
}

/// `setup`: create or converge the wiring (docs/design.md, "`setup` in four round
/// trips").
pub fn setup(spec: &Spec, netns: &Netns) -> Result<Report> {
    setup::run(&Desired::of(spec), netns, None)
}

/// [`setup`] with the test-only abort hook armed (docs/design.md, "The crash-safety
/// test hook"): the binary's entry points pass what `VETHCTL_TEST_ABORT_AFTER` says.
pub(crate) fn setup_with_abort_hook(
    spec: &Spec,
    netns: &Netns,
    abort_after: Option<usize>,
) -> Result<Report> {
    setup::run(&Desired::of(spec), netns, abort_after)
}

/// `check`: compare the live state with the desired state. The report's `drift` has one
/// line per difference (empty: all in place).
pub fn check(spec: &Spec, netns: &Netns) -> Result<Report> {
    let d = &Desired::of(spec);
    let mut s = Session::reading(netns)?;
    let (host, pod, conflict) = inspect::read_all(&mut s, d, netns)?;
    let mut report = s.report("check", d, true);
    if let Some(why) = conflict {
        report.drift.push(format!("host: {why}"));
        return Ok(report);
    }
    if host.link.is_none() {
        report.drift.push(format!(
            "host: veth {} with peer {} in the pod: missing",
            d.host.name, d.pod.name
        ));
        return Ok(report);
    }
    let a = assess(d, &host, &pod)?;
    report.notes = a.notes;
    for it in &a.items {
        match it.drift_line() {
            Some(line) => report.drift.push(line),
            None => report.in_place.push(it.label()),
        }
    }
    Ok(report)
}

/// `teardown`: remove the host veth (its peer goes with it) and the host routes to the
/// pod's addresses. What is already gone is success, and needs no pod namespace. A link
/// is removed only when [`ownership`] proves it ours (`--netns` names the pod for an
/// untagged one); anything else is [`Error::Conflict`], and nothing is touched.
pub fn teardown(spec: &Spec, netns: Option<&Path>) -> Result<Report> {
    teardown::run(&Desired::of(spec), netns)
}
