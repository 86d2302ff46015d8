//! The executor: steps go out in the fewest batches (each run of netlink requests
//! between two sysctl writes is one `sendmsg`), and it counts requests for the test-only
//! abort hook (docs/design.md, "The crash-safety test hook").

use std::path::PathBuf;

use super::procfs::write_proc;
use super::step::{Done, Planned, Step};
use crate::error::{Error, Result};
use crate::request::{Answer, Request};
use crate::socket::NlSocket;

/// The environment variable of the test-only abort hook.
pub(crate) const ABORT_ENV: &str = "VETHCTL_TEST_ABORT_AFTER";

/// Runs requests, counting them for the test-only abort hook.
#[derive(Debug, Default)]
pub(crate) struct Exec {
    abort_after: Option<usize>,
    sent: usize,
    absent: Vec<PathBuf>,
}

impl Exec {
    /// An executor; `abort_after` is the test-only hook's k.
    pub(crate) fn new(abort_after: Option<usize>) -> Exec {
        Exec {
            abort_after,
            sent: 0,
            absent: Vec::new(),
        }
    }

    /// The hook's k from the environment ([`ABORT_ENV`]); test-only.
    pub(crate) fn abort_after_from_env() -> Option<usize> {
        std::env::var(ABORT_ENV).ok()?.trim().parse().ok()
    }

    /// Requests sent so far.
    pub(crate) fn sent(&self) -> usize {
        self.sent
    }

    /// The `if_present` sysctl files that did not exist.
    pub(crate) fn absent(&self) -> &[PathBuf] {
        &self.absent
    }

    /// Send one batch (cut short by the abort hook).
    pub(crate) fn batch(&mut self, sock: &mut NlSocket, reqs: &[Request]) -> Result<Vec<Answer>> {
        if reqs.is_empty() {
            return Ok(Vec::new());
        }
        if let Some(k) = self.abort_after {
            let left = k.saturating_sub(self.sent);
            if left < reqs.len() {
                if left > 0 {
                    sock.batch(&reqs[..left])?;
                }
                self.sent += left;
                return Err(Error::TestAbort(k));
            }
        }
        let answers = sock.batch(reqs)?;
        self.sent += reqs.len();
        self.count_hook()?;
        Ok(answers)
    }

    fn count_hook(&self) -> Result<()> {
        if self.abort_after == Some(self.sent) {
            return Err(Error::TestAbort(self.sent));
        }
        Ok(())
    }

    /// Run steps in order: runs of netlink requests as one batch each, sysctl writes in
    /// between. Each answer comes back beside its step's purpose.
    pub(crate) fn run(&mut self, sock: &mut NlSocket, steps: &[Planned]) -> Result<Vec<Done>> {
        let mut out: Vec<Done> = Vec::with_capacity(steps.len());
        let mut run: Vec<&Planned> = Vec::new();
        for p in steps {
            let Step::Sysctl {
                path,
                value,
                if_present,
                ..
            } = &p.step
            else {
                run.push(p);
                continue;
            };
            self.run_netlink(sock, &run, &mut out)?;
            run.clear();
            if !write_proc(path, value, *if_present)? {
                self.absent.push(path.clone());
            }
            out.push(Done {
                purpose: p.purpose,
                answer: None,
            });
            self.sent += 1;
            self.count_hook()?;
        }
        self.run_netlink(sock, &run, &mut out)?;
        Ok(out)
    }

    fn run_netlink(
        &mut self,
        sock: &mut NlSocket,
        run: &[&Planned],
        out: &mut Vec<Done>,
    ) -> Result<()> {
        let reqs: Vec<Request> = run
            .iter()
            .filter_map(|p| match &p.step {
                Step::Netlink(r) => Some(r.clone()),
                Step::Sysctl { .. } => None,
            })
            .collect();
        let answers = self.batch(sock, &reqs)?;
        out.extend(run.iter().zip(answers).map(|(p, a)| Done {
            purpose: p.purpose,
            answer: Some(a),
        }));
        Ok(())
    }
}
