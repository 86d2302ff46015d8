//! Steps: what is sent, with the purpose it serves. The executor hands each answer back
//! beside its step's [`Purpose`], so whoever needs an answer finds it by what it is for.

use std::path::PathBuf;

use netlink_codec::Errno;

use super::item::ItemKey;
use super::observe::{Observed, Read};
use crate::error::Result;
use crate::request::{Answer, Request, Status};

/// One step of a plan: a netlink request, or a write under `/proc/sys` (the only knobs
/// without a netlink equivalent: per-device IPv6 `forwarding` and `force_forwarding`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A netlink request.
    Netlink(Request),
    /// Write `value` to `path`.
    Sysctl {
        /// What it is for.
        what: String,
        /// The file.
        path: PathBuf,
        /// The value.
        value: String,
        /// The file may not exist (a setting this kernel may not have): a missing file is
        /// not an error, it is recorded (`Exec::absent`).
        if_present: bool,
    },
}

impl Step {
    /// What the step is for.
    pub fn what(&self) -> &str {
        match self {
            Step::Netlink(r) => &r.what,
            Step::Sysctl { what, .. } => what,
        }
    }
}

/// What a step is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Reads the live state; the read decodes its answer.
    Read(Read),
    /// Makes the piece `ItemKey` right. Its answer tells the report: `EEXIST` (policy
    /// `EXIST_OK`) means the piece was in place after all.
    Fix(ItemKey),
    /// Creates the piece under `EXIST_VERIFY`; the [`Read`] in the same batch, its own
    /// step, is what verifies an `EEXIST`.
    FixVerified(ItemKey, Read),
    /// Removes the piece (teardown): a plain ACK means removed, an accepted `ENOENT` or
    /// `ENODEV` means already gone.
    Remove(ItemKey),
    /// A change the pieces' own state accounts for (link settings, deletes, the create
    /// of the veth, read-backs that settle the carrier state).
    Change,
}

/// A step and its purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// What is sent.
    pub step: Step,
    /// What for.
    pub purpose: Purpose,
}

impl Planned {
    /// A netlink request for `purpose`.
    pub fn netlink(request: Request, purpose: Purpose) -> Planned {
        Planned {
            step: Step::Netlink(request),
            purpose,
        }
    }

    /// The read `read` (named after `host_iface` where it names the host link).
    pub fn read(read: Read, host_iface: &str) -> Result<Planned> {
        Ok(Planned::netlink(
            read.request(host_iface)?,
            Purpose::Read(read),
        ))
    }
}

/// A step done: its purpose and its answer (`None`: a sysctl write).
#[derive(Debug, Clone)]
pub struct Done {
    /// What the step was for.
    pub purpose: Purpose,
    /// The kernel's answer.
    pub answer: Option<Answer>,
}

impl Done {
    /// The status of the answer, if netlink.
    pub fn status(&self) -> Option<Status> {
        self.answer.as_ref().map(|a| a.status)
    }

    /// An `EEXIST` the policy accepted.
    pub fn existed(&self) -> bool {
        self.status() == Some(Status::Tolerated(Errno::EEXIST))
    }
}

/// What `read` observed among `done`, if it was done.
pub fn observed(done: &[Done], read: &Read) -> Result<Option<Observed>> {
    let answer = done
        .iter()
        .find(|d| d.purpose == Purpose::Read(*read))
        .and_then(|d| d.answer.as_ref());
    answer.map(|a| read.decode(a)).transpose()
}

/// Every read among `done`, decoded, in order.
pub fn reads(done: &[Done]) -> impl Iterator<Item = Result<(Read, Observed)>> + '_ {
    done.iter().filter_map(|d| match (&d.purpose, &d.answer) {
        (Purpose::Read(r), Some(a)) => Some(r.decode(a).map(|o| (*r, o))),
        _ => None,
    })
}
