//! One netlink request, with the explicit policy that says what an errno answer means for
//! it, and how it ended ([`Status`]). The answer itself is [`super::batch::Answer`].
//!
//! The policy is data, visible in `vethctl plan`, not ad-hoc matching after the fact: for
//! each of EEXIST, ENOENT, ESRCH, ENODEV, EADDRNOTAVAIL and ENETUNREACH a request says
//! whether that answer is an error, a success ("already there" / "already gone"), or a
//! success only once a read in the same plan confirms the state ("verify").

use std::fmt;

use netlink_codec::header::{FlagContext, NlMsgHdr, NlmFlags};
use netlink_codec::Errno;
use serde::Serialize;
use zerocopy::FromBytes;

/// What one errno answer means for a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OnErrno {
    /// The request failed.
    Error,
    /// The state is already what the request wanted (EEXIST on a create, ENODEV on a
    /// delete, ENODEV on a read that asks "is it there?").
    Success,
    /// Success only if the state read back in the same plan is right; the caller checks.
    Verify,
}

impl OnErrno {
    fn as_str(self) -> &'static str {
        match self {
            OnErrno::Error => "error",
            OnErrno::Success => "success",
            OnErrno::Verify => "verify",
        }
    }
}

/// The errno policy of one request. Errnos not named here are always errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Policy {
    /// `EEXIST`: the object already exists.
    pub eexist: OnErrno,
    /// `ENOENT`: no such object (addresses, neighbour tables).
    pub enoent: OnErrno,
    /// `ESRCH`: no such route.
    pub esrch: OnErrno,
    /// `ENODEV`: no such link.
    pub enodev: OnErrno,
    /// `EADDRNOTAVAIL`: no such address.
    pub eaddrnotavail: OnErrno,
    /// `ENETUNREACH`: a route lookup found no route.
    pub enetunreach: OnErrno,
}

impl Policy {
    /// Every errno is an error.
    pub const STRICT: Policy = Policy {
        eexist: OnErrno::Error,
        enoent: OnErrno::Error,
        esrch: OnErrno::Error,
        enodev: OnErrno::Error,
        eaddrnotavail: OnErrno::Error,
        enetunreach: OnErrno::Error,
    };
    /// A create: EEXIST means "already there".
    pub const EXIST_OK: Policy = Policy {
        eexist: OnErrno::Success,
        ..Policy::STRICT
    };
    /// A create whose EEXIST is accepted only after the plan's reads confirm the object.
    pub const EXIST_VERIFY: Policy = Policy {
        eexist: OnErrno::Verify,
        ..Policy::STRICT
    };
    /// A delete: whatever is already gone is success.
    pub const GONE_OK: Policy = Policy {
        enoent: OnErrno::Success,
        esrch: OnErrno::Success,
        enodev: OnErrno::Success,
        eaddrnotavail: OnErrno::Success,
        ..Policy::STRICT
    };
    /// A read of one link by name or index: ENODEV means "absent".
    pub const LINK_LOOKUP: Policy = Policy {
        enodev: OnErrno::Success,
        ..Policy::STRICT
    };
    /// A read of one address: EADDRNOTAVAIL means "absent".
    pub const ADDR_LOOKUP: Policy = Policy {
        eaddrnotavail: OnErrno::Success,
        ..Policy::STRICT
    };
    /// A route lookup (`RTM_F_FIB_MATCH`): no route at all means "absent".
    pub const ROUTE_LOOKUP: Policy = Policy {
        enetunreach: OnErrno::Success,
        esrch: OnErrno::Success,
        ..Policy::STRICT
    };

    /// What `errno` means under this policy.
    pub fn on(&self, errno: Errno) -> OnErrno {
        match errno {
            Errno::EEXIST => self.eexist,
            Errno::ENOENT => self.enoent,
            Errno::ESRCH => self.esrch,
            Errno::ENODEV => self.enodev,
            Errno::EADDRNOTAVAIL => self.eaddrnotavail,
            Errno::ENETUNREACH => self.enetunreach,
            _ => OnErrno::Error,
        }
    }

    fn entries(&self) -> [(&'static str, OnErrno); 6] {
        [
            ("EEXIST", self.eexist),
            ("ENOENT", self.enoent),
            ("ESRCH", self.esrch),
            ("ENODEV", self.enodev),
            ("EADDRNOTAVAIL", self.eaddrnotavail),
            ("ENETUNREACH", self.enetunreach),
        ]
    }
}

/// `EEXIST=verify ENODEV=success`, or `strict` when every errno is an error.
impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (name, on) in self.entries() {
            if on != OnErrno::Error {
                if !first {
                    f.write_str(" ")?;
                }
                write!(f, "{name}={}", on.as_str())?;
                first = false;
            }
        }
        if first {
            f.write_str("strict (every errno is an error)")?;
        }
        Ok(())
    }
}

/// One request: a complete netlink message (its `nlmsg_seq` is filled in when sent), what
/// it is for, and its errno policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// What the request does, for plans, reports and errors.
    pub what: String,
    /// The message bytes.
    pub msg: Vec<u8>,
    /// What an errno answer means.
    pub policy: Policy,
}

impl Request {
    /// A request from a built message.
    pub fn new(what: impl Into<String>, msg: Vec<u8>, policy: Policy) -> Request {
        Request {
            what: what.into(),
            msg,
            policy,
        }
    }

    fn header(&self) -> Option<&NlMsgHdr> {
        NlMsgHdr::ref_from_prefix(&self.msg).ok().map(|(h, _)| h)
    }

    /// `nlmsg_type`.
    pub fn msg_type(&self) -> u16 {
        self.header().map_or(0, |h| h.nlmsg_type.get())
    }

    /// A dump (`RTM_GET*` with `NLM_F_DUMP`): answered by messages then `NLMSG_DONE`.
    pub fn is_dump(&self) -> bool {
        self.header().is_some_and(is_dump)
    }

    /// A request that changes nothing (`RTM_GET*`).
    pub fn is_read(&self) -> bool {
        self.header().is_some_and(is_get)
    }
}

/// An `RTM_GET*` request, by the codec's reading of the type and flags.
fn is_get(h: &NlMsgHdr) -> bool {
    FlagContext::of(h.nlmsg_type.get(), h.flags()) == FlagContext::Get
}

/// A dump request: `RTM_GET*` with either bit of `NLM_F_DUMP` (the two bits mean ROOT and
/// MATCH only in a GET; in a NEW they are EXCL and CREATE).
pub(crate) fn is_dump(h: &NlMsgHdr) -> bool {
    is_get(h) && h.flags().intersects(NlmFlags::DUMP)
}

/// How a request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// Acknowledged (`NLMSG_ERROR` with error 0), or a dump ended with `NLMSG_DONE`.
    Ok,
    /// Answered with an errno that the policy calls success.
    Tolerated(Errno),
    /// Answered with an errno that the policy accepts once the caller verified the state.
    Verify(Errno),
}

pub(crate) use super::batch::Answer;

#[cfg(test)]
mod tests {
    use super::*;
    use netlink_codec::build::MessageBuilder;
    use netlink_codec::header::{RTM_GETLINK, RTM_NEWLINK};
    use netlink_codec::link::IfInfoMsg;

    #[test]
    fn dump_detection() {
        let mut buf = Vec::new();
        let mut m =
            MessageBuilder::new(&mut buf, RTM_GETLINK, NlmFlags::REQUEST | NlmFlags::DUMP, 0)
                .unwrap();
        m.family_header(&IfInfoMsg::default()).unwrap();
        m.finish().unwrap();
        let r = Request::new("dump", buf, Policy::STRICT);
        assert!(r.is_dump());
        assert!(r.is_read());
        let mut buf = Vec::new();
        let m = MessageBuilder::new(
            &mut buf,
            RTM_NEWLINK,
            NlmFlags::REQUEST | NlmFlags::CREATE | NlmFlags::EXCL,
            0,
        )
        .unwrap();
        m.finish().unwrap();
        let r = Request::new("create", buf, Policy::STRICT);
        assert!(!r.is_dump(), "NLM_F_EXCL|CREATE shares bits with DUMP");
        assert!(!r.is_read());
    }

    #[test]
    fn policy_table() {
        assert_eq!(Policy::STRICT.on(Errno::EEXIST), OnErrno::Error);
        assert_eq!(Policy::EXIST_OK.on(Errno::EEXIST), OnErrno::Success);
        assert_eq!(Policy::EXIST_OK.on(Errno::ENODEV), OnErrno::Error);
        assert_eq!(Policy::EXIST_VERIFY.on(Errno::EEXIST), OnErrno::Verify);
        for e in [
            Errno::ENOENT,
            Errno::ESRCH,
            Errno::ENODEV,
            Errno::EADDRNOTAVAIL,
        ] {
            assert_eq!(Policy::GONE_OK.on(e), OnErrno::Success, "{e}");
        }
        assert_eq!(Policy::GONE_OK.on(Errno::EEXIST), OnErrno::Error);
        assert_eq!(Policy::GONE_OK.on(Errno::EPERM), OnErrno::Error);
        assert_eq!(Policy::LINK_LOOKUP.on(Errno::ENODEV), OnErrno::Success);
        assert_eq!(
            Policy::ROUTE_LOOKUP.on(Errno::ENETUNREACH),
            OnErrno::Success
        );
        // Errnos outside the table are always errors, whatever the policy.
        for p in [Policy::GONE_OK, Policy::EXIST_OK, Policy::ROUTE_LOOKUP] {
            assert_eq!(p.on(Errno::EINVAL), OnErrno::Error);
            assert_eq!(p.on(Errno::EPERM), OnErrno::Error);
        }
    }

    #[test]
    fn policy_display() {
        assert_eq!(
            Policy::STRICT.to_string(),
            "strict (every errno is an error)"
        );
        assert_eq!(Policy::EXIST_VERIFY.to_string(), "EEXIST=verify");
        assert_eq!(
            Policy::GONE_OK.to_string(),
            "ENOENT=success ESRCH=success ENODEV=success EADDRNOTAVAIL=success"
        );
    }
}
