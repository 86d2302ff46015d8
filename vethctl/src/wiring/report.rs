//! What an operation did: the [`Report`], its items sorted by what their steps' answers
//! said, found by each step's purpose key.

use serde::Serialize;

use super::item::{Have, Item, ItemKey};
use super::step::{Done, Purpose};
use crate::request::Status;

/// What an operation did, for `--json` and the human summary.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// `setup`, `check`, `teardown`.
    pub operation: &'static str,
    /// The host interface.
    pub host_iface: String,
    /// The pod interface (not known to teardown).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ifname: Option<String>,
    /// What was created.
    pub created: Vec<String>,
    /// What was changed.
    pub changed: Vec<String>,
    /// What was already in place.
    pub in_place: Vec<String>,
    /// What was removed (teardown).
    pub removed: Vec<String>,
    /// What teardown found already gone.
    pub already_gone: Vec<String>,
    /// Differences from the desired state (check).
    pub drift: Vec<String>,
    /// What the caller should know but vethctl does not change (node-wide settings).
    pub notes: Vec<String>,
    /// Netlink round trips (`sendmsg` calls).
    pub round_trips: u32,
    /// Requests sent.
    pub requests: usize,
    /// Messages dropped by the sockets (not from the kernel, unknown sequence number).
    pub dropped: u64,
}

/// What the answer to a step for an item said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The kernel made it (the answer was a plain ACK).
    Made,
    /// It was in place after all (`EEXIST`, accepted).
    WasInPlace,
    /// It existed, and was not as wanted: fixed.
    Fixed,
}

/// The outcomes of the items' steps, in the order they were learnt (the first wins).
#[derive(Debug, Clone, Default)]
pub(crate) struct Outcomes(Vec<(ItemKey, Outcome)>);

impl Outcomes {
    /// Learn `outcome` of `key`.
    pub(crate) fn note(&mut self, key: ItemKey, outcome: Outcome) {
        self.0.push((key, outcome));
    }

    /// Learn from the answers of steps with a [`Purpose::Fix`].
    pub(crate) fn learn(&mut self, done: &[Done]) {
        for d in done {
            let Purpose::Fix(key) = d.purpose else {
                continue;
            };
            match d.status() {
                Some(Status::Ok) => self.note(key, Outcome::Made),
                _ if d.existed() => self.note(key, Outcome::WasInPlace),
                _ => {}
            }
        }
    }

    /// Did the kernel make `key` (so far)?
    pub(crate) fn made(&self, key: ItemKey) -> bool {
        self.of(key) == Some(Outcome::Made)
    }

    fn of(&self, key: ItemKey) -> Option<Outcome> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, o)| *o)
    }
}

impl Report {
    /// Sort setup's `items` into created, changed and in place: by what their steps'
    /// answers said, else (`created_link`: setup created the veth, and with it every link
    /// setting) by how they looked before.
    pub(crate) fn sort_items(&mut self, items: &[Item], outcomes: &Outcomes, created_link: bool) {
        for it in items {
            let label = it.label();
            let list = match (outcomes.of(it.key), &it.have) {
                (Some(Outcome::WasInPlace), _) => &mut self.in_place,
                (Some(Outcome::Fixed), _) | (Some(Outcome::Made), Have::Wrong(_)) => {
                    &mut self.changed
                }
                (Some(Outcome::Made), _) => &mut self.created,
                (None, _) if created_link && it.key.is_link_setting() => &mut self.created,
                (None, Have::Ok) => &mut self.in_place,
                (None, Have::Missing) => &mut self.created,
                (None, Have::Wrong(_)) => &mut self.changed,
            };
            list.push(label);
        }
    }
}
