//! Typed errors: every failure names what was being done, and a kernel refusal carries the
//! errno by name (`EEXIST (File exists)`) and the kernel's extended-ACK text and offset.

use std::fmt;
use std::path::PathBuf;

use netlink_codec::Errno;

/// Exit status for invalid input.
pub const EXIT_INVALID: u8 = 2;
/// Exit status of a setup stopped by `VETHCTL_TEST_ABORT_AFTER` (test-only hook of the
/// binary, docs/design.md; not library API).
#[doc(hidden)]
pub const EXIT_TEST_ABORT: u8 = 3;

/// Everything vethctl can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Invalid input, found before any change (exit status 2).
    #[error("{flag}: {reason}")]
    Invalid {
        /// The flag, as typed on the command line (`--ifname`).
        flag: &'static str,
        /// Why the value is refused.
        reason: String,
    },
    /// The kernel refused a request.
    #[error("{op}: {errno}{}", KernelDetail { msg: msg.as_deref(), offset: *offset })]
    Kernel {
        /// What the request was for.
        op: String,
        /// The errno of the `NLMSG_ERROR` (or `NLMSG_DONE`) answer.
        errno: Errno,
        /// `NLMSGERR_ATTR_MSG`: the kernel's explanation.
        msg: Option<String>,
        /// `NLMSGERR_ATTR_OFFS`: byte offset of the offending attribute in the request.
        offset: Option<u32>,
    },
    /// A system call failed.
    #[error("{op}: {errno}")]
    Sys {
        /// What was being done.
        op: String,
        /// The errno.
        errno: Errno,
    },
    /// A file under `/proc/sys` could not be read or written.
    #[error("{op} {}", path.display())]
    Proc {
        /// "reading" or "writing".
        op: &'static str,
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A datagram did not fit the receive buffer (`MSG_TRUNC`).
    #[error("{op}: a reply of {len} bytes was truncated (MSG_TRUNC)")]
    Truncated {
        /// The batch being received.
        op: String,
        /// The datagram's real length.
        len: usize,
    },
    /// No answer came in time.
    #[error("{op}: no answer from the kernel within {secs} s")]
    Timeout {
        /// The batch being received.
        op: String,
        /// The timeout.
        secs: u64,
    },
    /// A reply from the kernel did not decode.
    #[error("{op}: malformed reply")]
    Decode {
        /// The request whose reply it was.
        op: String,
        /// Where and why.
        #[source]
        source: netlink_codec::DecodeError,
    },
    /// A request could not be encoded (an attribute too long).
    #[error("encoding {op}")]
    Encode {
        /// The request.
        op: String,
        /// Why.
        #[source]
        source: netlink_codec::EncodeError,
    },
    /// A dump kept coming back with `NLM_F_DUMP_INTR`.
    #[error("{op}: the dump was interrupted (NLM_F_DUMP_INTR) {tries} times in a row")]
    DumpInterrupted {
        /// The dump.
        op: String,
        /// How many times it was tried.
        tries: u32,
    },
    /// The live state is in the way and vethctl will not touch it (exit status 1).
    #[error("{0}")]
    Conflict(String),
    /// The kernel answered in a way vethctl cannot make sense of.
    #[error("{0}")]
    Unexpected(String),
    /// Everything was set up, but the kernel did not finish bringing up an address in
    /// time (its `local` route is missing): the pod cannot use it yet.
    #[error(
        "{what}: everything is set up, but {secs} s later the kernel still has not added \
         its local route (the address is not usable yet); run setup again to wait again"
    )]
    NotReady {
        /// The address and where (`IPv6 address fd00::5 on eth0 in the pod`).
        what: String,
        /// How long vethctl waited.
        secs: u64,
    },
    /// `VETHCTL_TEST_ABORT_AFTER` fired (test-only hook of the binary, exit status 3;
    /// not library API: only the binary's entry points arm the hook).
    #[doc(hidden)]
    #[error("stopped after request {0} as VETHCTL_TEST_ABORT_AFTER asked (test-only hook)")]
    TestAbort(usize),
}

impl Error {
    /// The process exit status for this error: 2 for invalid input, 3 for the test-only
    /// abort hook, 1 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid { .. } => EXIT_INVALID,
            Error::TestAbort(_) => EXIT_TEST_ABORT,
            _ => 1,
        }
    }

    /// The errno of a kernel or system-call error.
    pub fn errno(&self) -> Option<Errno> {
        match self {
            Error::Kernel { errno, .. } | Error::Sys { errno, .. } => Some(*errno),
            _ => None,
        }
    }

    pub(crate) fn invalid(flag: &'static str, reason: impl Into<String>) -> Error {
        Error::Invalid {
            flag,
            reason: reason.into(),
        }
    }

    pub(crate) fn sys(op: impl Into<String>, e: nix::errno::Errno) -> Error {
        Error::Sys {
            op: op.into(),
            errno: errno_of(e),
        }
    }
}

/// The codec's named errno for a nix errno.
pub fn errno_of(e: nix::errno::Errno) -> Errno {
    Errno(e as i32)
}

/// `: kernel says "..." (attribute at byte N of the request)`.
struct KernelDetail<'a> {
    msg: Option<&'a str>,
    offset: Option<u32>,
}

impl fmt::Display for KernelDetail<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(m) = self.msg {
            write!(f, ": kernel says \"{m}\"")?;
        }
        if let Some(o) = self.offset {
            write!(f, " (offending attribute at byte {o} of the request)")?;
        }
        Ok(())
    }
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernel_errors_name_errno_and_ext_ack() {
        let e = Error::Kernel {
            op: "create veth vh1".into(),
            errno: Errno::EEXIST,
            msg: Some("Device already exists".into()),
            offset: Some(36),
        };
        assert_eq!(
            e.to_string(),
            "create veth vh1: EEXIST (File exists): kernel says \"Device already exists\" \
             (offending attribute at byte 36 of the request)"
        );
        assert_eq!(e.exit_code(), 1);
        assert_eq!(e.errno(), Some(Errno::EEXIST));
        let e = Error::Kernel {
            op: "x".into(),
            errno: Errno::ENODEV,
            msg: None,
            offset: None,
        };
        assert_eq!(e.to_string(), "x: ENODEV (No such device)");
    }

    #[test]
    fn exit_codes() {
        assert_eq!(Error::invalid("--mtu", "too small").exit_code(), 2);
        assert_eq!(Error::TestAbort(3).exit_code(), 3);
        assert_eq!(Error::Conflict("x".into()).exit_code(), 1);
        assert_eq!(
            Error::invalid("--mtu", "67 is below 68").to_string(),
            "--mtu: 67 is below 68"
        );
        assert_eq!(
            Error::sys("socket", nix::errno::Errno::ENOBUFS).to_string(),
            "socket: ENOBUFS (No buffer space available)"
        );
    }
}
