//! Network namespaces: open one by path without side effects, prove it is a namespace file
//! (on nsfs) of a network namespace (`NS_GET_NSTYPE`), and make a netlink socket inside it.
//!
//! The socket for the pod is created on a short-lived thread that `setns`-es into the pod's
//! namespace, opens the socket and exits. A netlink socket stays bound to the namespace it
//! was created in, so it can then be used from the main thread; nothing else ever runs in
//! the pod's namespace.

use std::fs::{File, OpenOptions};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use nix::sched::{setns, CloneFlags};
use nix::sys::stat::fstat;
use nix::sys::statfs::{fstatfs, NSFS_MAGIC};

use crate::error::{Error, Result};
use crate::socket::NlSocket;

nix::ioctl_none!(
    /// `NS_GET_NSTYPE` (`linux/nsfs.h`): `_IO(0xb7, 0x3)`, returns the `CLONE_NEW*` type of
    /// a namespace file.
    ns_get_nstype, 0xb7, 0x3
);

/// The calling thread's network namespace, to tell a pod's from our own.
const OWN_NETNS: &str = "/proc/thread-self/ns/net";

/// Open a namespace file (any type) for reading, proven to be one first: `O_PATH` opens
/// nothing (no FIFO blocks, no device acts), `fstatfs` proves the file is on nsfs, then
/// the real open (`O_NONBLOCK|O_NOCTTY`, so even a file swapped in meanwhile cannot block
/// or become the controlling terminal) must give the same inode. The error is a reason
/// to show after the flag.
fn open_nsfs(path: &Path, shown: &str) -> std::result::Result<File, String> {
    let opened = |flags: libc::c_int| {
        OpenOptions::new()
            .read(true)
            .custom_flags(flags)
            .open(path)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => format!("{shown} does not exist"),
                _ => format!("cannot open {shown}: {e}"),
            })
    };
    let probe = opened(libc::O_PATH)?;
    let fs = fstatfs(&probe).map_err(|e| format!("fstatfs {shown}: {e}"))?;
    if fs.filesystem_type() != NSFS_MAGIC {
        return Err(format!("{shown} is not a namespace file (not on nsfs)"));
    }
    let file = opened(libc::O_NONBLOCK | libc::O_NOCTTY)?;
    let (a, b) = match (fstat(&probe), fstat(&file)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return Err(format!("fstat {shown}: {e}")),
    };
    if (a.st_dev, a.st_ino) != (b.st_dev, b.st_ino) {
        return Err(format!("{shown} changed while it was being opened"));
    }
    Ok(file)
}

/// An open network namespace.
#[derive(Debug)]
pub struct Netns {
    file: File,
    path: PathBuf,
}

impl Netns {
    /// Open `path` and prove it is a network namespace other than the caller's own.
    /// Every refusal is [`Error::Invalid`] naming `--netns`.
    ///
    /// Nothing is opened for reading before it is proven to be a namespace file (a FIFO
    /// would block, a device could act on being opened), and without `/proc` the
    /// own-namespace check cannot be made, so it fails closed.
    pub fn open(path: &Path) -> Result<Netns> {
        const FLAG: &str = "--netns";
        if path.as_os_str().is_empty() {
            return Err(Error::invalid(FLAG, "is empty"));
        }
        let shown = path.display().to_string();
        let file = open_nsfs(path, &shown).map_err(|r| Error::invalid(FLAG, r))?;
        // SAFETY: NS_GET_NSTYPE takes no argument and only reports the type of the
        // namespace behind the descriptor; `file` keeps the descriptor open for the call.
        let nstype = unsafe { ns_get_nstype(file.as_raw_fd()) }.map_err(|e| {
            Error::invalid(
                FLAG,
                format!("{shown} is not a namespace file (NS_GET_NSTYPE: {e})"),
            )
        })?;
        if nstype != libc::CLONE_NEWNET {
            let kind = match nstype {
                libc::CLONE_NEWNS => "mount",
                libc::CLONE_NEWUTS => "uts",
                libc::CLONE_NEWIPC => "ipc",
                libc::CLONE_NEWUSER => "user",
                libc::CLONE_NEWPID => "pid",
                libc::CLONE_NEWCGROUP => "cgroup",
                libc::CLONE_NEWTIME => "time",
                _ => "non-network",
            };
            return Err(Error::invalid(
                FLAG,
                format!("{shown} is a {kind} namespace, not a network namespace"),
            ));
        }
        let theirs = fstat(&file).map_err(|e| Error::invalid(FLAG, format!("fstat: {e}")))?;
        let ours = open_nsfs(Path::new(OWN_NETNS), OWN_NETNS)
            .and_then(|f| fstat(&f).map_err(|e| format!("fstat {OWN_NETNS}: {e}")))
            .map_err(|r| {
                Error::invalid(
                    FLAG,
                    format!(
                        "cannot prove {shown} is not vethctl's own network namespace: \
                         {r} (is /proc mounted?)"
                    ),
                )
            })?;
        if (ours.st_dev, ours.st_ino) == (theirs.st_dev, theirs.st_ino) {
            return Err(Error::invalid(
                FLAG,
                format!("{shown} is vethctl's own network namespace, not a pod's"),
            ));
        }
        Ok(Netns {
            file,
            path: path.to_owned(),
        })
    }

    /// The path it was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The namespace file descriptor (for `IFLA_NET_NS_FD`).
    pub fn fd(&self) -> BorrowedFd<'_> {
        self.file.as_fd()
    }

    /// A netlink socket inside this namespace, made on a thread that enters the namespace
    /// and exits right after.
    pub fn socket(&self) -> Result<NlSocket> {
        self.open_inside(NlSocket::open)
    }

    /// Like [`Netns::socket`], with the descriptor for route notifications
    /// ([`NlSocket::open_watching`]) made inside too.
    pub fn watching_socket(&self) -> Result<NlSocket> {
        self.open_inside(NlSocket::open_watching)
    }

    fn open_inside(&self, open: fn() -> Result<NlSocket>) -> Result<NlSocket> {
        let fd = self.fd();
        let made = std::thread::scope(|s| {
            s.spawn(move || -> Result<_> {
                setns(fd, CloneFlags::CLONE_NEWNET)
                    .map_err(|e| Error::sys("setns(CLONE_NEWNET) into the pod", e))?;
                open()
            })
            .join()
        });
        made.unwrap_or_else(|_| {
            Err(Error::Unexpected(
                "the thread opening the pod's socket panicked".into(),
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_is_not_a_netns() {
        let e = Netns::open(Path::new("/nonexistent/ns/net")).unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
        assert_eq!(e.exit_code(), 2);
        let e = Netns::open(Path::new("/")).unwrap_err();
        assert!(e.to_string().contains("not a namespace file"), "{e}");
        let e = Netns::open(Path::new("/dev/null")).unwrap_err();
        assert!(e.to_string().contains("not a namespace file"), "{e}");
        let e = Netns::open(Path::new("/proc/self/ns/uts")).unwrap_err();
        assert!(e.to_string().contains("uts namespace"), "{e}");
        let e = Netns::open(Path::new("")).unwrap_err();
        assert!(e.to_string().starts_with("--netns"), "{e}");
        // Our own namespace is not a pod.
        let e = Netns::open(Path::new("/proc/self/ns/net")).unwrap_err();
        assert!(e.to_string().contains("own network namespace"), "{e}");
    }
}
