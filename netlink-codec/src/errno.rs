//! Linux errno values as a typed, named value (`EEXIST`), never a bare `-17`.

use core::fmt;

/// A Linux errno. Kernel replies carry it negated in `nlmsgerr.error`; this type holds the
/// positive value and knows its name.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Errno(pub i32);

/// One line per errno: the constant, its name (`name`, `from_name`) and its description
/// (`description`) all come from this table.
macro_rules! errnos {
    (
        aliases { $( $alias:ident = $target:ident; )* }
        $( $name:ident = $value:literal, $desc:literal; )*
    ) => {
        impl Errno {
            $(
                #[doc = concat!("`", stringify!($name), "` (", stringify!($value), "): ", $desc, ".")]
                pub const $name: Errno = Errno($value);
            )*
            $(
                #[doc = concat!("`", stringify!($alias), "` is `", stringify!($target), "` on Linux.")]
                pub const $alias: Errno = Errno::$target;
            )*

            /// The kernel's macro name (`"EEXIST"`), if this errno is known.
            pub const fn name(self) -> Option<&'static str> {
                match self.0 {
                    $( $value => Some(stringify!($name)), )*
                    _ => None,
                }
            }

            /// The C library's description ("File exists"), if known.
            pub const fn description(self) -> Option<&'static str> {
                match self.0 {
                    $( $value => Some($desc), )*
                    _ => None,
                }
            }

            /// Look an errno up by its name (`"EEXIST"`) or an alias (`"EWOULDBLOCK"`).
            pub fn from_name(name: &str) -> Option<Errno> {
                match name {
                    $( stringify!($name) => Some(Errno::$name), )*
                    $( stringify!($alias) => Some(Errno::$alias), )*
                    _ => None,
                }
            }
        }

        /// Every errno of the table, in table order.
        #[cfg(test)]
        const KNOWN: &[Errno] = &[ $( Errno::$name, )* ];
    };
}

errnos! {
    aliases {
        EWOULDBLOCK = EAGAIN;
        EDEADLOCK = EDEADLK;
    }
    EPERM = 1, "Operation not permitted";
    ENOENT = 2, "No such file or directory";
    ESRCH = 3, "No such process";
    EINTR = 4, "Interrupted system call";
    EIO = 5, "Input/output error";
    ENXIO = 6, "No such device or address";
    E2BIG = 7, "Argument list too long";
    ENOEXEC = 8, "Exec format error";
    EBADF = 9, "Bad file descriptor";
    ECHILD = 10, "No child processes";
    EAGAIN = 11, "Resource temporarily unavailable";
    ENOMEM = 12, "Cannot allocate memory";
    EACCES = 13, "Permission denied";
    EFAULT = 14, "Bad address";
    ENOTBLK = 15, "Block device required";
    EBUSY = 16, "Device or resource busy";
    EEXIST = 17, "File exists";
    EXDEV = 18, "Invalid cross-device link";
    ENODEV = 19, "No such device";
    ENOTDIR = 20, "Not a directory";
    EISDIR = 21, "Is a directory";
    EINVAL = 22, "Invalid argument";
    ENFILE = 23, "Too many open files in system";
    EMFILE = 24, "Too many open files";
    ENOTTY = 25, "Inappropriate ioctl for device";
    ETXTBSY = 26, "Text file busy";
    EFBIG = 27, "File too large";
    ENOSPC = 28, "No space left on device";
    ESPIPE = 29, "Illegal seek";
    EROFS = 30, "Read-only file system";
    EMLINK = 31, "Too many links";
    EPIPE = 32, "Broken pipe";
    EDOM = 33, "Numerical argument out of domain";
    ERANGE = 34, "Numerical result out of range";
    EDEADLK = 35, "Resource deadlock avoided";
    ENAMETOOLONG = 36, "File name too long";
    ENOLCK = 37, "No locks available";
    ENOSYS = 38, "Function not implemented";
    ENOTEMPTY = 39, "Directory not empty";
    ELOOP = 40, "Too many levels of symbolic links";
    ENOMSG = 42, "No message of desired type";
    EIDRM = 43, "Identifier removed";
    ENOSTR = 60, "Device not a stream";
    ENODATA = 61, "No data available";
    ETIME = 62, "Timer expired";
    ENOSR = 63, "Out of streams resources";
    ENOLINK = 67, "Link has been severed";
    EPROTO = 71, "Protocol error";
    EBADMSG = 74, "Bad message";
    EOVERFLOW = 75, "Value too large for defined data type";
    EILSEQ = 84, "Invalid or incomplete multibyte or wide character";
    EUSERS = 87, "Too many users";
    ENOTSOCK = 88, "Socket operation on non-socket";
    EDESTADDRREQ = 89, "Destination address required";
    EMSGSIZE = 90, "Message too long";
    EPROTOTYPE = 91, "Protocol wrong type for socket";
    ENOPROTOOPT = 92, "Protocol not available";
    EPROTONOSUPPORT = 93, "Protocol not supported";
    ESOCKTNOSUPPORT = 94, "Socket type not supported";
    EOPNOTSUPP = 95, "Operation not supported";
    EPFNOSUPPORT = 96, "Protocol family not supported";
    EAFNOSUPPORT = 97, "Address family not supported by protocol";
    EADDRINUSE = 98, "Address already in use";
    EADDRNOTAVAIL = 99, "Cannot assign requested address";
    ENETDOWN = 100, "Network is down";
    ENETUNREACH = 101, "Network is unreachable";
    ENETRESET = 102, "Network dropped connection on reset";
    ECONNABORTED = 103, "Software caused connection abort";
    ECONNRESET = 104, "Connection reset by peer";
    ENOBUFS = 105, "No buffer space available";
    EISCONN = 106, "Transport endpoint is already connected";
    ENOTCONN = 107, "Transport endpoint is not connected";
    ESHUTDOWN = 108, "Cannot send after transport endpoint shutdown";
    ETOOMANYREFS = 109, "Too many references: cannot splice";
    ETIMEDOUT = 110, "Connection timed out";
    ECONNREFUSED = 111, "Connection refused";
    EHOSTDOWN = 112, "Host is down";
    EHOSTUNREACH = 113, "No route to host";
    EALREADY = 114, "Operation already in progress";
    EINPROGRESS = 115, "Operation now in progress";
    ESTALE = 116, "Stale file handle";
    EDQUOT = 122, "Disk quota exceeded";
    ECANCELED = 125, "Operation canceled";
    ENOKEY = 126, "Required key not available";
    EKEYEXPIRED = 127, "Key has expired";
    EKEYREVOKED = 128, "Key has been revoked";
    EKEYREJECTED = 129, "Key was rejected by service";
    EOWNERDEAD = 130, "Owner died";
    ENOTRECOVERABLE = 131, "State not recoverable";
    ERFKILL = 132, "Operation not possible due to RF-kill";
    EHWPOISON = 133, "Memory page has hardware error";
    ENOTSUPP = 524, "Operation is not supported";
}

impl Errno {
    /// From the `error` field of `nlmsgerr` (negative errno, or 0 for an ACK).
    /// Returns `None` for 0.
    pub const fn from_nlmsgerr(error: i32) -> Option<Errno> {
        if error == 0 {
            None
        } else {
            Some(Errno(error.unsigned_abs() as i32))
        }
    }

    /// The raw positive value.
    pub const fn raw(self) -> i32 {
        self.0
    }
}

impl fmt::Debug for Errno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => f.write_str(n),
            None => write!(f, "Errno({})", self.0),
        }
    }
}

/// Prints `EEXIST (File exists)`, or `errno 4242` for an unknown value.
impl fmt::Display for Errno {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.name(), self.description()) {
            (Some(n), Some(d)) => write!(f, "{n} ({d})"),
            _ => write!(f, "errno {}", self.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        assert_eq!(Errno::from_nlmsgerr(-17), Some(Errno::EEXIST));
        assert_eq!(Errno::EEXIST.name(), Some("EEXIST"));
        assert_eq!(Errno::from_name("ENODEV"), Some(Errno(19)));
        assert_eq!(Errno::from_nlmsgerr(0), None);
        assert_eq!(
            Errno::from_nlmsgerr(i32::MIN).map(Errno::raw),
            Some(i32::MIN)
        );
        assert_eq!(format!("{}", Errno::EEXIST), "EEXIST (File exists)");
        assert_eq!(format!("{}", Errno(4242)), "errno 4242");
        for v in 1..600 {
            if let Some(n) = Errno(v).name() {
                assert_eq!(Errno::from_name(n), Some(Errno(v)), "{n}");
            }
        }
    }

    #[test]
    fn every_errno_of_the_table_round_trips_by_name() {
        assert_eq!(KNOWN.len(), 92);
        let mut values: Vec<i32> = KNOWN.iter().map(|e| e.raw()).collect();
        values.sort_unstable();
        values.dedup();
        assert_eq!(values.len(), KNOWN.len(), "two names for one value");
        for &e in KNOWN {
            let name = e
                .name()
                .unwrap_or_else(|| panic!("{} has no name", e.raw()));
            assert_eq!(Errno::from_name(name), Some(e), "{name}");
            assert!(e.description().is_some_and(|d| !d.is_empty()), "{name}");
            assert_eq!(format!("{e:?}"), name);
        }
        assert_eq!(Errno::from_name("EWOULDBLOCK"), Some(Errno::EAGAIN));
        assert_eq!(Errno::from_name("EDEADLOCK"), Some(Errno::EDEADLK));
        assert_eq!(Errno::from_name("eexist"), None);
    }
}
