//! The audit commands' one error type. Each message reads as it always has: what was being
//! done, then (as [`std::error::Error::source`]) the failure underneath, which the command
//! line prints after it (`--pcap: writing x.pcap: No space left on device`).

use std::io;

/// Everything `decode`, `encode`, `send` and `monitor` can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AuditError {
    /// Input refused, or an answer that makes no sense: the message says which and why.
    #[error("{0}")]
    Msg(String),
    /// Reading input or writing output, where nothing more needs saying.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// What was being done, and the failure underneath.
    #[error("{what}")]
    Context {
        /// What was being done (`reading capture.pcap`).
        what: String,
        /// Why it failed.
        #[source]
        source: Cause,
    },
    /// From vethctl itself (the socket, `--netns`, the kernel's answers).
    #[error(transparent)]
    Vethctl(#[from] crate::Error),
}

/// The failure underneath an [`AuditError::Context`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Cause {
    /// A read or a write.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// A system call.
    #[error(transparent)]
    Sys(#[from] nix::errno::Errno),
    /// The capture's framing.
    #[error(transparent)]
    Pcap(#[from] pcap_file::PcapError),
    /// Text that is not UTF-8.
    #[error(transparent)]
    Utf8(#[from] std::str::Utf8Error),
    /// A length out of range.
    #[error(transparent)]
    Int(#[from] std::num::TryFromIntError),
}

impl AuditError {
    /// The I/O error, if that is what this is (a closed pipe ends a command quietly).
    pub(crate) fn into_io(self) -> Result<io::Error, AuditError> {
        match self {
            AuditError::Io(e) => Ok(e),
            e => Err(e),
        }
    }
}

/// The result of an audit entry point.
pub type Result<T, E = AuditError> = std::result::Result<T, E>;

/// Name what was being done when a call failed: [`AuditError::Context`].
pub(crate) trait Context<T> {
    /// With a fixed description.
    fn context(self, what: &str) -> Result<T>;
    /// With a description made only on failure.
    fn with_context(self, what: impl FnOnce() -> String) -> Result<T>;
}

impl<T, E: Into<Cause>> Context<T> for std::result::Result<T, E> {
    fn context(self, what: &str) -> Result<T> {
        self.with_context(|| what.to_owned())
    }

    fn with_context(self, what: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| AuditError::Context {
            what: what(),
            source: e.into(),
        })
    }
}

/// Return an [`AuditError::Msg`] made by `format!`.
macro_rules! bail {
    ($($arg:tt)*) => {
        return Err($crate::audit::error::AuditError::Msg(format!($($arg)*)))
    };
}
pub(crate) use bail;
