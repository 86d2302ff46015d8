//! A batch: requests sent in one `sendmsg`, received until every request has its answer.
//!
//! - Each request gets its own sequence number (written through the codec's
//!   [`NlMsgHdr`]). Only datagrams from the kernel (port 0) are read, and in them only
//!   messages carrying a sequence number of the batch; anything else is dropped and
//!   counted ([`NlSocket::dropped`]).
//! - A dump answered with `NLM_F_DUMP_INTR` (or `EBUSY`, another dump still running) is
//!   sent again, up to [`DUMP_TRIES`] times. The socket that carries the answers joins no
//!   multicast group, so its `ENOBUFS` always means an answer was lost.
//! - Errnos are judged by each request's [`Policy`](super::request::Policy).
//! - The reply messages stay where they were checked: in the received datagram, which
//!   the [`Answer`] shares, with the ranges of its messages. Nothing is copied back into
//!   a buffer of its own, or encoded again.
//!
//! The kernel handles a batch inside `sendmsg`, one message after the other, so the
//! answers of a whole batch are usually waiting when the first `recvmmsg` runs.
//!
//! Raw mode ([`NlSocket::raw_batch`], for `vethctl send`) sends a datagram exactly as
//! given, sequence numbers included, through the same send and receive.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::Arc;

use netlink_codec::ack::{DoneView, ErrorView, ExtAck};
use netlink_codec::build::MessageBuilder;
use netlink_codec::header::{
    Messages, NlMsg, NlMsgHdr, NlmFlags, NLMSG_DONE, NLMSG_ERROR, NLMSG_NOOP, NLMSG_OVERRUN,
};
use netlink_codec::{DecodeError, Errno};
use zerocopy::FromBytes;

use super::request::{OnErrno, Request, Status};
use super::socket::{NlSocket, Queue, Sender};
use crate::error::{Error, Result};

/// How many times a dump is sent when it keeps coming back interrupted.
pub(crate) const DUMP_TRIES: u32 = 5;

/// The kernel's answer to one request: how it ended and the data messages it carried
/// (a `RTM_NEW*` reply to a `RTM_GET*`, or the parts of a dump).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Answer {
    /// How it ended.
    pub(crate) status: Status,
    /// Where the reply messages are: runs of back-to-back messages, each in the datagram
    /// it came in.
    replies: Vec<Run>,
}

/// Messages of one request, back to back in a received datagram.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Run {
    datagram: Arc<[u8]>,
    range: Range<usize>,
}

impl Answer {
    /// An answer holding `bytes`, whole netlink messages back to back (a capture, a test).
    pub(crate) fn from_messages(status: Status, bytes: Vec<u8>) -> Answer {
        let range = 0..bytes.len();
        let replies = if bytes.is_empty() {
            Vec::new()
        } else {
            vec![Run {
                datagram: bytes.into(),
                range,
            }]
        };
        Answer { status, replies }
    }

    /// The reply messages, in the order they came. Offsets are those in the datagram.
    pub(crate) fn messages(&self) -> impl Iterator<Item = Result<NlMsg<'_>, DecodeError>> + '_ {
        self.replies.iter().flat_map(Run::messages)
    }

    /// Keep the message `msg` of `datagram` (adjacent to the last one kept: one run).
    fn keep(&mut self, datagram: &Arc<[u8]>, range: Range<usize>) {
        if let Some(last) = self.replies.last_mut() {
            if Arc::ptr_eq(&last.datagram, datagram) && last.range.end == range.start {
                last.range.end = range.end;
                return;
            }
        }
        self.replies.push(Run {
            datagram: Arc::clone(datagram),
            range,
        });
    }
}

impl Run {
    /// The run's messages, viewed where they are (offsets within the datagram).
    fn messages(&self) -> impl Iterator<Item = Result<NlMsg<'_>, DecodeError>> + '_ {
        let mut rest = &self.datagram[self.range.clone()];
        let mut at = self.range.start;
        let mut failed = false;
        std::iter::from_fn(move || {
            if rest.is_empty() || failed {
                return None;
            }
            match NlMsg::parse(rest, at) {
                Ok((m, after)) => {
                    at += rest.len() - after.len();
                    rest = after;
                    Some(Ok(m))
                }
                Err(e) => {
                    failed = true;
                    Some(Err(e))
                }
            }
        })
    }
}

/// An errno answer: the errno, the kernel's extended-ACK message and offset.
type ErrnoAnswer = (Errno, Option<String>, Option<u32>);

/// Per-request progress while a batch is answered.
#[derive(Debug)]
struct Progress {
    done: bool,
    answer: Answer,
    errno: Option<ErrnoAnswer>,
    interrupted: bool,
}

impl Default for Progress {
    fn default() -> Progress {
        Progress {
            done: false,
            answer: Answer::from_messages(Status::Ok, Vec::new()),
            errno: None,
            interrupted: false,
        }
    }
}

/// What one message did to a request's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Took {
    /// A data message: kept in the answer.
    Data,
    /// `NLMSG_ERROR` or `NLMSG_DONE`: the request ended.
    End,
    /// Nothing (`NLMSG_NOOP`).
    Nothing,
}

impl NlSocket {
    /// Send `reqs` in one `sendmsg` and wait for every answer. Interrupted dumps are sent
    /// again. Errnos are judged by each request's [`crate::request::Policy`]: the first
    /// request whose errno is an error makes the whole call an error (after every answer
    /// was received, so the socket stays clean).
    pub(crate) fn batch(&mut self, reqs: &[Request]) -> Result<Vec<Answer>> {
        let mut progress: Vec<Progress> = reqs.iter().map(|_| Progress::default()).collect();
        let mut pending: Vec<usize> = (0..reqs.len()).collect();
        let mut tries = 0u32;
        while !pending.is_empty() {
            tries += 1;
            self.round_trip(reqs, &pending, &mut progress)?;
            let retry: Vec<usize> = pending
                .iter()
                .copied()
                .filter(|&i| reqs[i].is_dump() && progress[i].interrupted_or_busy())
                .collect();
            if !retry.is_empty() && tries >= DUMP_TRIES {
                return Err(Error::DumpInterrupted {
                    op: reqs[retry[0]].what.clone(),
                    tries,
                });
            }
            for &i in &retry {
                progress[i] = Progress::default();
            }
            pending = retry;
        }
        judge(reqs, progress)
    }

    /// One `sendmsg` of the requests `which`, then receive until each has ended.
    fn round_trip(
        &mut self,
        reqs: &[Request],
        which: &[usize],
        progress: &mut [Progress],
    ) -> Result<()> {
        let mut out = Vec::with_capacity(which.iter().map(|&i| reqs[i].msg.len()).sum());
        let mut by_seq = HashMap::with_capacity(which.len());
        for &i in which {
            let seq = self.next_seq;
            self.next_seq = self.next_seq.wrapping_add(1).max(1);
            let start = out.len();
            out.extend_from_slice(&reqs[i].msg);
            let (header, _) = NlMsgHdr::mut_from_prefix(&mut out[start..]).map_err(|_| {
                Error::Unexpected(format!(
                    "{}: request shorter than a netlink header",
                    reqs[i].what
                ))
            })?;
            header.nlmsg_seq.set(seq);
            by_seq.insert(seq, i);
        }
        let op = describe(reqs, which);
        self.send_datagram(&out, &op)?;
        let mut open = which.len();
        while open > 0 {
            self.receive(Queue::Answers, true, &op)?;
            for (datagram, sender) in self.slots.datagrams() {
                if sender != Sender::Kernel {
                    // (This descriptor joins no group: not from the kernel.)
                    self.dropped += 1;
                    continue;
                }
                let mut shared: Option<Arc<[u8]>> = None;
                for msg in Messages::new(datagram) {
                    let msg = msg.map_err(|source| Error::Decode {
                        op: op.clone(),
                        source,
                    })?;
                    let Some(p) = by_seq.get(&msg.seq()).map(|&i| &mut progress[i]) else {
                        self.dropped += 1;
                        continue;
                    };
                    if p.done {
                        self.dropped += 1;
                        continue;
                    }
                    let what = &reqs[by_seq[&msg.seq()]].what;
                    match absorb(&msg, p, what)? {
                        Took::End => open -= 1,
                        Took::Data => {
                            let d = shared.get_or_insert_with(|| Arc::from(datagram));
                            p.answer.keep(d, message_range(&msg));
                        }
                        Took::Nothing => {}
                    }
                }
            }
        }
        Ok(())
    }
}

impl Progress {
    fn interrupted_or_busy(&self) -> bool {
        self.interrupted || matches!(self.errno, Some((Errno::EBUSY, _, _)))
    }
}

/// The answers, each with its status by its request's policy; the first errno the policy
/// calls an error is the error of the whole batch.
fn judge(reqs: &[Request], progress: Vec<Progress>) -> Result<Vec<Answer>> {
    let mut answers = Vec::with_capacity(reqs.len());
    let mut first_error = None;
    for (req, p) in reqs.iter().zip(progress) {
        let status = match p.errno {
            None => Status::Ok,
            Some((errno, msg, offset)) => match req.policy.on(errno) {
                OnErrno::Success => Status::Tolerated(errno),
                OnErrno::Verify => Status::Verify(errno),
                OnErrno::Error => {
                    first_error.get_or_insert(Error::Kernel {
                        op: req.what.clone(),
                        errno,
                        msg,
                        offset,
                    });
                    Status::Tolerated(errno)
                }
            },
        };
        answers.push(Answer { status, ..p.answer });
    }
    match first_error {
        Some(e) => Err(e),
        None => Ok(answers),
    }
}

/// The bytes of `msg` in its datagram: header, payload and alignment padding.
fn message_range(msg: &NlMsg<'_>) -> Range<usize> {
    let start = msg.offset();
    start..start + NlMsgHdr::LEN + msg.payload().len() + msg.pad().len()
}

/// Take one message into a request's progress.
fn absorb(msg: &NlMsg<'_>, p: &mut Progress, what: &str) -> Result<Took> {
    let decode = |source| Error::Decode {
        op: what.to_owned(),
        source,
    };
    if msg.flags().contains(NlmFlags::DUMP_INTR) {
        p.interrupted = true;
    }
    match msg.msg_type() {
        NLMSG_NOOP => Ok(Took::Nothing),
        NLMSG_ERROR => {
            let e = ErrorView::parse(msg).map_err(decode)?;
            if let Some(errno) = e.errno() {
                let ext = e.ext_ack_info().unwrap_or_default();
                p.errno = Some(ext_errno(errno, ext));
            }
            p.done = true;
            Ok(Took::End)
        }
        NLMSG_DONE => {
            let d = DoneView::parse(msg).map_err(decode)?;
            if let Some(errno) = Errno::from_nlmsgerr(d.error) {
                let ext = ExtAck::from_attrs(d.ext_ack).unwrap_or_default();
                p.errno = Some(ext_errno(errno, ext));
            }
            p.done = true;
            Ok(Took::End)
        }
        NLMSG_OVERRUN => Err(Error::Unexpected(format!(
            "{what}: the kernel reported NLMSG_OVERRUN (data lost)"
        ))),
        _ => Ok(Took::Data),
    }
}

fn ext_errno(errno: Errno, ext: ExtAck<'_>) -> ErrnoAnswer {
    (errno, ext.msg.map(str::to_owned), ext.offset)
}

fn describe(reqs: &[Request], which: &[usize]) -> String {
    match which {
        [one] => reqs[*one].what.clone(),
        _ => format!("batch of {} requests", which.len()),
    }
}

/// The kernel's answers to one raw datagram ([`NlSocket::raw_batch`]).
#[derive(Debug, Default)]
pub(crate) struct RawAnswers {
    /// Each datagram the kernel sent back, in order (the barrier's ACK left out).
    pub(crate) datagrams: Vec<Vec<u8>>,
    /// Requests answered with an errno (`NLMSG_ERROR` or `NLMSG_DONE` with an error).
    pub(crate) errors: usize,
    /// The kernel dropped answers (`ENOBUFS`): `datagrams` holds what arrived, not all.
    pub(crate) overrun: bool,
}

/// What a raw batch still waits for.
#[derive(Debug)]
struct RawWait {
    barrier_seq: u32,
    barrier_seen: bool,
    /// Dumps not ended yet.
    dumps: BTreeSet<u32>,
    /// Sequence numbers something was answered for.
    answered: BTreeSet<u32>,
}

impl NlSocket {
    /// Raw mode: send `bytes` (whole netlink messages) exactly as given, sequence numbers
    /// included, then a barrier: an ordinary `NLMSG_NOOP` request with `NLM_F_ACK`, in a
    /// second `sendmsg`. rtnetlink handles a datagram inside `sendmsg`, message after
    /// message, and acknowledges control messages that ask for it, so once the barrier's
    /// ACK arrives every answer to `bytes` is queued before it, also for requests that have
    /// no `NLM_F_ACK` and succeed silently. Dumps continue after the barrier until their
    /// `NLMSG_DONE`; a dump that sent nothing before the barrier's ACK was never started
    /// (the kernel skips a message without `NLM_F_REQUEST`), so it is not waited for.
    ///
    /// When the kernel dropped answers (`ENOBUFS`), what is still queued is read without
    /// waiting, and the overrun is reported ([`RawAnswers::overrun`]).
    pub(crate) fn raw_batch(&mut self, bytes: &[u8], op: &str) -> Result<RawAnswers> {
        let decode = |source| Error::Decode {
            op: op.to_owned(),
            source,
        };
        let mut seqs = BTreeSet::new();
        let mut dumps = BTreeSet::new();
        for m in Messages::new(bytes) {
            let m = m.map_err(decode)?;
            seqs.insert(m.seq());
            if super::request::is_dump(m.header()) {
                dumps.insert(m.seq());
            }
        }
        // The barrier's sequence number: one no request uses.
        let barrier_seq = (0..=u32::MAX)
            .rev()
            .find(|s| !seqs.contains(s))
            .ok_or_else(|| Error::Unexpected(format!("{op}: every sequence number is taken")))?;
        self.send_datagram(bytes, op)?;
        self.send_datagram(&barrier(barrier_seq)?, &format!("{op} (barrier)"))?;
        let mut wait = RawWait {
            barrier_seq,
            barrier_seen: false,
            dumps,
            answered: BTreeSet::new(),
        };
        let mut got = RawAnswers::default();
        // Until the barrier's ACK and every started dump's end; after an overrun, until
        // nothing more is waiting (the barrier's ACK may be among what was dropped).
        while got.overrun || !wait.barrier_seen || !wait.dumps.is_empty() {
            let n = match self.receive(Queue::Answers, !got.overrun, op) {
                Ok(n) => n,
                Err(Error::Sys {
                    errno: Errno::ENOBUFS,
                    ..
                }) => {
                    got.overrun = true;
                    continue;
                }
                Err(e) => return Err(e),
            };
            if n == 0 && got.overrun {
                break;
            }
            for (datagram, sender) in self.slots.datagrams() {
                if sender != Sender::Kernel {
                    self.dropped += 1;
                    continue;
                }
                if !wait.take(datagram, &mut got.errors) {
                    got.datagrams.push(datagram.to_vec());
                }
            }
            if got.overrun && wait.barrier_seen && wait.dumps.is_empty() {
                break;
            }
        }
        Ok(got)
    }
}

impl RawWait {
    /// Take the messages of one datagram from the kernel; true when it held nothing but
    /// the barrier's ACK.
    fn take(&mut self, datagram: &[u8], errors: &mut usize) -> bool {
        let mut only_barrier = true;
        for m in Messages::new(datagram) {
            let Ok(m) = m else {
                return false;
            };
            if m.msg_type() == NLMSG_ERROR && m.seq() == self.barrier_seq {
                self.barrier_seen = true;
                // A dump that sent nothing yet was never started.
                let answered = &self.answered;
                self.dumps.retain(|s| answered.contains(s));
                continue;
            }
            only_barrier = false;
            self.answered.insert(m.seq());
            if let Some(errno) = end_errno(&m) {
                self.dumps.remove(&m.seq());
                *errors += usize::from(errno != 0);
            }
        }
        only_barrier
    }
}

/// The error number of an `NLMSG_ERROR` or `NLMSG_DONE` (0: success); `None` for any
/// other message. An end that does not decode counts as success, as the kernel never
/// sends one.
fn end_errno(m: &NlMsg<'_>) -> Option<i32> {
    match m.msg_type() {
        NLMSG_ERROR => Some(ErrorView::parse(m).map_or(0, |e| e.raw_error())),
        NLMSG_DONE => Some(DoneView::parse(m).map_or(0, |d| d.error)),
        _ => None,
    }
}

/// The barrier of a raw batch: `NLMSG_NOOP` with `NLM_F_REQUEST|NLM_F_ACK`.
fn barrier(seq: u32) -> Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(NlMsgHdr::LEN);
    let encode = |source| Error::Encode {
        op: "the barrier".into(),
        source,
    };
    MessageBuilder::new(&mut buf, NLMSG_NOOP, NlmFlags::REQUEST | NlmFlags::ACK, seq)
        .map_err(encode)?
        .finish()
        .map_err(encode)?;
    Ok(buf)
}

#[cfg(test)]
mod tests;
