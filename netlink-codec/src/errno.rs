//! Linux errno values as a typed, named value (`EEXIST`), never a bare `-17`.

use core::fmt;

/// A Linux errno. Kernel replies carry it negated in `nlmsgerr.error`; this type holds the
/// positive value and knows its name.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Errno(pub i32);

impl Errno {
    /// `EPERM` (1): Operation not permitted.
    pub const EPERM: Errno = Errno(1);
    /// `ENOENT` (2): No such file or directory.
    pub const ENOENT: Errno = Errno(2);
    /// `ESRCH` (3): No such process.
    pub const ESRCH: Errno = Errno(3);
    /// `EINTR` (4): Interrupted system call.
    pub const EINTR: Errno = Errno(4);
    /// `EIO` (5): Input/output error.
    pub const EIO: Errno = Errno(5);
    /// `ENXIO` (6): No such device or address.
    pub const ENXIO: Errno = Errno(6);
    /// `E2BIG` (7): Argument list too long.
    pub const E2BIG: Errno = Errno(7);
    /// `ENOEXEC` (8): Exec format error.
    pub const ENOEXEC: Errno = Errno(8);
    /// `EBADF` (9): Bad file descriptor.
    pub const EBADF: Errno = Errno(9);
    /// `ECHILD` (10): No child processes.
    pub const ECHILD: Errno = Errno(10);
    /// `EAGAIN` (11): Resource temporarily unavailable.
    pub const EAGAIN: Errno = Errno(11);
    /// `ENOMEM` (12): Cannot allocate memory.
    pub const ENOMEM: Errno = Errno(12);
    /// `EACCES` (13): Permission denied.
    pub const EACCES: Errno = Errno(13);
    /// `EFAULT` (14): Bad address.
    pub const EFAULT: Errno = Errno(14);
    /// `ENOTBLK` (15): Block device required.
    pub const ENOTBLK: Errno = Errno(15);
    /// `EBUSY` (16): Device or resource busy.
    pub const EBUSY: Errno = Errno(16);
    /// `EEXIST` (17): File exists.
    pub const EEXIST: Errno = Errno(17);
    /// `EXDEV` (18): Invalid cross-device link.
    pub const EXDEV: Errno = Errno(18);
    /// `ENODEV` (19): No such device.
    pub const ENODEV: Errno = Errno(19);
    /// `ENOTDIR` (20): Not a directory.
    pub const ENOTDIR: Errno = Errno(20);
    /// `EISDIR` (21): Is a directory.
    pub const EISDIR: Errno = Errno(21);
    /// `EINVAL` (22): Invalid argument.
    pub const EINVAL: Errno = Errno(22);
    /// `ENFILE` (23): Too many open files in system.
    pub const ENFILE: Errno = Errno(23);
    /// `EMFILE` (24): Too many open files.
    pub const EMFILE: Errno = Errno(24);
    /// `ENOTTY` (25): Inappropriate ioctl for device.
    pub const ENOTTY: Errno = Errno(25);
    /// `ETXTBSY` (26): Text file busy.
    pub const ETXTBSY: Errno = Errno(26);
    /// `EFBIG` (27): File too large.
    pub const EFBIG: Errno = Errno(27);
    /// `ENOSPC` (28): No space left on device.
    pub const ENOSPC: Errno = Errno(28);
    /// `ESPIPE` (29): Illegal seek.
    pub const ESPIPE: Errno = Errno(29);
    /// `EROFS` (30): Read-only file system.
    pub const EROFS: Errno = Errno(30);
    /// `EMLINK` (31): Too many links.
    pub const EMLINK: Errno = Errno(31);
    /// `EPIPE` (32): Broken pipe.
    pub const EPIPE: Errno = Errno(32);
    /// `EDOM` (33): Numerical argument out of domain.
    pub const EDOM: Errno = Errno(33);
    /// `ERANGE` (34): Numerical result out of range.
    pub const ERANGE: Errno = Errno(34);
    /// `EDEADLK` (35): Resource deadlock avoided.
    pub const EDEADLK: Errno = Errno(35);
    /// `ENAMETOOLONG` (36): File name too long.
    pub const ENAMETOOLONG: Errno = Errno(36);
    /// `ENOLCK` (37): No locks available.
    pub const ENOLCK: Errno = Errno(37);
    /// `ENOSYS` (38): Function not implemented.
    pub const ENOSYS: Errno = Errno(38);
    /// `ENOTEMPTY` (39): Directory not empty.
    pub const ENOTEMPTY: Errno = Errno(39);
    /// `ELOOP` (40): Too many levels of symbolic links.
    pub const ELOOP: Errno = Errno(40);
    /// `ENOMSG` (42): No message of desired type.
    pub const ENOMSG: Errno = Errno(42);
    /// `EIDRM` (43): Identifier removed.
    pub const EIDRM: Errno = Errno(43);
    /// `ENOSTR` (60): Device not a stream.
    pub const ENOSTR: Errno = Errno(60);
    /// `ENODATA` (61): No data available.
    pub const ENODATA: Errno = Errno(61);
    /// `ETIME` (62): Timer expired.
    pub const ETIME: Errno = Errno(62);
    /// `ENOSR` (63): Out of streams resources.
    pub const ENOSR: Errno = Errno(63);
    /// `ENOLINK` (67): Link has been severed.
    pub const ENOLINK: Errno = Errno(67);
    /// `EPROTO` (71): Protocol error.
    pub const EPROTO: Errno = Errno(71);
    /// `EBADMSG` (74): Bad message.
    pub const EBADMSG: Errno = Errno(74);
    /// `EOVERFLOW` (75): Value too large for defined data type.
    pub const EOVERFLOW: Errno = Errno(75);
    /// `EILSEQ` (84): Invalid or incomplete multibyte or wide character.
    pub const EILSEQ: Errno = Errno(84);
    /// `EUSERS` (87): Too many users.
    pub const EUSERS: Errno = Errno(87);
    /// `ENOTSOCK` (88): Socket operation on non-socket.
    pub const ENOTSOCK: Errno = Errno(88);
    /// `EDESTADDRREQ` (89): Destination address required.
    pub const EDESTADDRREQ: Errno = Errno(89);
    /// `EMSGSIZE` (90): Message too long.
    pub const EMSGSIZE: Errno = Errno(90);
    /// `EPROTOTYPE` (91): Protocol wrong type for socket.
    pub const EPROTOTYPE: Errno = Errno(91);
    /// `ENOPROTOOPT` (92): Protocol not available.
    pub const ENOPROTOOPT: Errno = Errno(92);
    /// `EPROTONOSUPPORT` (93): Protocol not supported.
    pub const EPROTONOSUPPORT: Errno = Errno(93);
    /// `ESOCKTNOSUPPORT` (94): Socket type not supported.
    pub const ESOCKTNOSUPPORT: Errno = Errno(94);
    /// `EOPNOTSUPP` (95): Operation not supported.
    pub const EOPNOTSUPP: Errno = Errno(95);
    /// `EPFNOSUPPORT` (96): Protocol family not supported.
    pub const EPFNOSUPPORT: Errno = Errno(96);
    /// `EAFNOSUPPORT` (97): Address family not supported by protocol.
    pub const EAFNOSUPPORT: Errno = Errno(97);
    /// `EADDRINUSE` (98): Address already in use.
    pub const EADDRINUSE: Errno = Errno(98);
    /// `EADDRNOTAVAIL` (99): Cannot assign requested address.
    pub const EADDRNOTAVAIL: Errno = Errno(99);
    /// `ENETDOWN` (100): Network is down.
    pub const ENETDOWN: Errno = Errno(100);
    /// `ENETUNREACH` (101): Network is unreachable.
    pub const ENETUNREACH: Errno = Errno(101);
    /// `ENETRESET` (102): Network dropped connection on reset.
    pub const ENETRESET: Errno = Errno(102);
    /// `ECONNABORTED` (103): Software caused connection abort.
    pub const ECONNABORTED: Errno = Errno(103);
    /// `ECONNRESET` (104): Connection reset by peer.
    pub const ECONNRESET: Errno = Errno(104);
    /// `ENOBUFS` (105): No buffer space available.
    pub const ENOBUFS: Errno = Errno(105);
    /// `EISCONN` (106): Transport endpoint is already connected.
    pub const EISCONN: Errno = Errno(106);
    /// `ENOTCONN` (107): Transport endpoint is not connected.
    pub const ENOTCONN: Errno = Errno(107);
    /// `ESHUTDOWN` (108): Cannot send after transport endpoint shutdown.
    pub const ESHUTDOWN: Errno = Errno(108);
    /// `ETOOMANYREFS` (109): Too many references: cannot splice.
    pub const ETOOMANYREFS: Errno = Errno(109);
    /// `ETIMEDOUT` (110): Connection timed out.
    pub const ETIMEDOUT: Errno = Errno(110);
    /// `ECONNREFUSED` (111): Connection refused.
    pub const ECONNREFUSED: Errno = Errno(111);
    /// `EHOSTDOWN` (112): Host is down.
    pub const EHOSTDOWN: Errno = Errno(112);
    /// `EHOSTUNREACH` (113): No route to host.
    pub const EHOSTUNREACH: Errno = Errno(113);
    /// `EALREADY` (114): Operation already in progress.
    pub const EALREADY: Errno = Errno(114);
    /// `EINPROGRESS` (115): Operation now in progress.
    pub const EINPROGRESS: Errno = Errno(115);
    /// `ESTALE` (116): Stale file handle.
    pub const ESTALE: Errno = Errno(116);
    /// `EDQUOT` (122): Disk quota exceeded.
    pub const EDQUOT: Errno = Errno(122);
    /// `ECANCELED` (125): Operation canceled.
    pub const ECANCELED: Errno = Errno(125);
    /// `ENOKEY` (126): Required key not available.
    pub const ENOKEY: Errno = Errno(126);
    /// `EKEYEXPIRED` (127): Key has expired.
    pub const EKEYEXPIRED: Errno = Errno(127);
    /// `EKEYREVOKED` (128): Key has been revoked.
    pub const EKEYREVOKED: Errno = Errno(128);
    /// `EKEYREJECTED` (129): Key was rejected by service.
    pub const EKEYREJECTED: Errno = Errno(129);
    /// `EOWNERDEAD` (130): Owner died.
    pub const EOWNERDEAD: Errno = Errno(130);
    /// `ENOTRECOVERABLE` (131): State not recoverable.
    pub const ENOTRECOVERABLE: Errno = Errno(131);
    /// `ERFKILL` (132): Operation not possible due to RF-kill.
    pub const ERFKILL: Errno = Errno(132);
    /// `EHWPOISON` (133): Memory page has hardware error.
    pub const EHWPOISON: Errno = Errno(133);
    /// `ENOTSUPP` (524): Operation is not supported.
    pub const ENOTSUPP: Errno = Errno(524);

    /// `EWOULDBLOCK` is `EAGAIN` on Linux.
    pub const EWOULDBLOCK: Errno = Errno::EAGAIN;
    /// `EDEADLOCK` is `EDEADLK` on Linux.
    pub const EDEADLOCK: Errno = Errno::EDEADLK;

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

    /// The kernel's macro name (`"EEXIST"`), if this errno is known.
    pub const fn name(self) -> Option<&'static str> {
        match self.0 {
            1 => Some("EPERM"),
            2 => Some("ENOENT"),
            3 => Some("ESRCH"),
            4 => Some("EINTR"),
            5 => Some("EIO"),
            6 => Some("ENXIO"),
            7 => Some("E2BIG"),
            8 => Some("ENOEXEC"),
            9 => Some("EBADF"),
            10 => Some("ECHILD"),
            11 => Some("EAGAIN"),
            12 => Some("ENOMEM"),
            13 => Some("EACCES"),
            14 => Some("EFAULT"),
            15 => Some("ENOTBLK"),
            16 => Some("EBUSY"),
            17 => Some("EEXIST"),
            18 => Some("EXDEV"),
            19 => Some("ENODEV"),
            20 => Some("ENOTDIR"),
            21 => Some("EISDIR"),
            22 => Some("EINVAL"),
            23 => Some("ENFILE"),
            24 => Some("EMFILE"),
            25 => Some("ENOTTY"),
            26 => Some("ETXTBSY"),
            27 => Some("EFBIG"),
            28 => Some("ENOSPC"),
            29 => Some("ESPIPE"),
            30 => Some("EROFS"),
            31 => Some("EMLINK"),
            32 => Some("EPIPE"),
            33 => Some("EDOM"),
            34 => Some("ERANGE"),
            35 => Some("EDEADLK"),
            36 => Some("ENAMETOOLONG"),
            37 => Some("ENOLCK"),
            38 => Some("ENOSYS"),
            39 => Some("ENOTEMPTY"),
            40 => Some("ELOOP"),
            42 => Some("ENOMSG"),
            43 => Some("EIDRM"),
            60 => Some("ENOSTR"),
            61 => Some("ENODATA"),
            62 => Some("ETIME"),
            63 => Some("ENOSR"),
            67 => Some("ENOLINK"),
            71 => Some("EPROTO"),
            74 => Some("EBADMSG"),
            75 => Some("EOVERFLOW"),
            84 => Some("EILSEQ"),
            87 => Some("EUSERS"),
            88 => Some("ENOTSOCK"),
            89 => Some("EDESTADDRREQ"),
            90 => Some("EMSGSIZE"),
            91 => Some("EPROTOTYPE"),
            92 => Some("ENOPROTOOPT"),
            93 => Some("EPROTONOSUPPORT"),
            94 => Some("ESOCKTNOSUPPORT"),
            95 => Some("EOPNOTSUPP"),
            96 => Some("EPFNOSUPPORT"),
            97 => Some("EAFNOSUPPORT"),
            98 => Some("EADDRINUSE"),
            99 => Some("EADDRNOTAVAIL"),
            100 => Some("ENETDOWN"),
            101 => Some("ENETUNREACH"),
            102 => Some("ENETRESET"),
            103 => Some("ECONNABORTED"),
            104 => Some("ECONNRESET"),
            105 => Some("ENOBUFS"),
            106 => Some("EISCONN"),
            107 => Some("ENOTCONN"),
            108 => Some("ESHUTDOWN"),
            109 => Some("ETOOMANYREFS"),
            110 => Some("ETIMEDOUT"),
            111 => Some("ECONNREFUSED"),
            112 => Some("EHOSTDOWN"),
            113 => Some("EHOSTUNREACH"),
            114 => Some("EALREADY"),
            115 => Some("EINPROGRESS"),
            116 => Some("ESTALE"),
            122 => Some("EDQUOT"),
            125 => Some("ECANCELED"),
            126 => Some("ENOKEY"),
            127 => Some("EKEYEXPIRED"),
            128 => Some("EKEYREVOKED"),
            129 => Some("EKEYREJECTED"),
            130 => Some("EOWNERDEAD"),
            131 => Some("ENOTRECOVERABLE"),
            132 => Some("ERFKILL"),
            133 => Some("EHWPOISON"),
            524 => Some("ENOTSUPP"),
            _ => None,
        }
    }

    /// The C library's description ("File exists"), if known.
    pub const fn description(self) -> Option<&'static str> {
        match self.0 {
            1 => Some("Operation not permitted"),
            2 => Some("No such file or directory"),
            3 => Some("No such process"),
            4 => Some("Interrupted system call"),
            5 => Some("Input/output error"),
            6 => Some("No such device or address"),
            7 => Some("Argument list too long"),
            8 => Some("Exec format error"),
            9 => Some("Bad file descriptor"),
            10 => Some("No child processes"),
            11 => Some("Resource temporarily unavailable"),
            12 => Some("Cannot allocate memory"),
            13 => Some("Permission denied"),
            14 => Some("Bad address"),
            15 => Some("Block device required"),
            16 => Some("Device or resource busy"),
            17 => Some("File exists"),
            18 => Some("Invalid cross-device link"),
            19 => Some("No such device"),
            20 => Some("Not a directory"),
            21 => Some("Is a directory"),
            22 => Some("Invalid argument"),
            23 => Some("Too many open files in system"),
            24 => Some("Too many open files"),
            25 => Some("Inappropriate ioctl for device"),
            26 => Some("Text file busy"),
            27 => Some("File too large"),
            28 => Some("No space left on device"),
            29 => Some("Illegal seek"),
            30 => Some("Read-only file system"),
            31 => Some("Too many links"),
            32 => Some("Broken pipe"),
            33 => Some("Numerical argument out of domain"),
            34 => Some("Numerical result out of range"),
            35 => Some("Resource deadlock avoided"),
            36 => Some("File name too long"),
            37 => Some("No locks available"),
            38 => Some("Function not implemented"),
            39 => Some("Directory not empty"),
            40 => Some("Too many levels of symbolic links"),
            42 => Some("No message of desired type"),
            43 => Some("Identifier removed"),
            60 => Some("Device not a stream"),
            61 => Some("No data available"),
            62 => Some("Timer expired"),
            63 => Some("Out of streams resources"),
            67 => Some("Link has been severed"),
            71 => Some("Protocol error"),
            74 => Some("Bad message"),
            75 => Some("Value too large for defined data type"),
            84 => Some("Invalid or incomplete multibyte or wide character"),
            87 => Some("Too many users"),
            88 => Some("Socket operation on non-socket"),
            89 => Some("Destination address required"),
            90 => Some("Message too long"),
            91 => Some("Protocol wrong type for socket"),
            92 => Some("Protocol not available"),
            93 => Some("Protocol not supported"),
            94 => Some("Socket type not supported"),
            95 => Some("Operation not supported"),
            96 => Some("Protocol family not supported"),
            97 => Some("Address family not supported by protocol"),
            98 => Some("Address already in use"),
            99 => Some("Cannot assign requested address"),
            100 => Some("Network is down"),
            101 => Some("Network is unreachable"),
            102 => Some("Network dropped connection on reset"),
            103 => Some("Software caused connection abort"),
            104 => Some("Connection reset by peer"),
            105 => Some("No buffer space available"),
            106 => Some("Transport endpoint is already connected"),
            107 => Some("Transport endpoint is not connected"),
            108 => Some("Cannot send after transport endpoint shutdown"),
            109 => Some("Too many references: cannot splice"),
            110 => Some("Connection timed out"),
            111 => Some("Connection refused"),
            112 => Some("Host is down"),
            113 => Some("No route to host"),
            114 => Some("Operation already in progress"),
            115 => Some("Operation now in progress"),
            116 => Some("Stale file handle"),
            122 => Some("Disk quota exceeded"),
            125 => Some("Operation canceled"),
            126 => Some("Required key not available"),
            127 => Some("Key has expired"),
            128 => Some("Key has been revoked"),
            129 => Some("Key was rejected by service"),
            130 => Some("Owner died"),
            131 => Some("State not recoverable"),
            132 => Some("Operation not possible due to RF-kill"),
            133 => Some("Memory page has hardware error"),
            524 => Some("Operation is not supported"),
            _ => None,
        }
    }

    /// Look an errno up by its name (`"EEXIST"`).
    pub fn from_name(name: &str) -> Option<Errno> {
        match name {
            "EPERM" => Some(Errno::EPERM),
            "ENOENT" => Some(Errno::ENOENT),
            "ESRCH" => Some(Errno::ESRCH),
            "EINTR" => Some(Errno::EINTR),
            "EIO" => Some(Errno::EIO),
            "ENXIO" => Some(Errno::ENXIO),
            "E2BIG" => Some(Errno::E2BIG),
            "ENOEXEC" => Some(Errno::ENOEXEC),
            "EBADF" => Some(Errno::EBADF),
            "ECHILD" => Some(Errno::ECHILD),
            "EAGAIN" => Some(Errno::EAGAIN),
            "ENOMEM" => Some(Errno::ENOMEM),
            "EACCES" => Some(Errno::EACCES),
            "EFAULT" => Some(Errno::EFAULT),
            "ENOTBLK" => Some(Errno::ENOTBLK),
            "EBUSY" => Some(Errno::EBUSY),
            "EEXIST" => Some(Errno::EEXIST),
            "EXDEV" => Some(Errno::EXDEV),
            "ENODEV" => Some(Errno::ENODEV),
            "ENOTDIR" => Some(Errno::ENOTDIR),
            "EISDIR" => Some(Errno::EISDIR),
            "EINVAL" => Some(Errno::EINVAL),
            "ENFILE" => Some(Errno::ENFILE),
            "EMFILE" => Some(Errno::EMFILE),
            "ENOTTY" => Some(Errno::ENOTTY),
            "ETXTBSY" => Some(Errno::ETXTBSY),
            "EFBIG" => Some(Errno::EFBIG),
            "ENOSPC" => Some(Errno::ENOSPC),
            "ESPIPE" => Some(Errno::ESPIPE),
            "EROFS" => Some(Errno::EROFS),
            "EMLINK" => Some(Errno::EMLINK),
            "EPIPE" => Some(Errno::EPIPE),
            "EDOM" => Some(Errno::EDOM),
            "ERANGE" => Some(Errno::ERANGE),
            "EDEADLK" => Some(Errno::EDEADLK),
            "ENAMETOOLONG" => Some(Errno::ENAMETOOLONG),
            "ENOLCK" => Some(Errno::ENOLCK),
            "ENOSYS" => Some(Errno::ENOSYS),
            "ENOTEMPTY" => Some(Errno::ENOTEMPTY),
            "ELOOP" => Some(Errno::ELOOP),
            "ENOMSG" => Some(Errno::ENOMSG),
            "EIDRM" => Some(Errno::EIDRM),
            "ENOSTR" => Some(Errno::ENOSTR),
            "ENODATA" => Some(Errno::ENODATA),
            "ETIME" => Some(Errno::ETIME),
            "ENOSR" => Some(Errno::ENOSR),
            "ENOLINK" => Some(Errno::ENOLINK),
            "EPROTO" => Some(Errno::EPROTO),
            "EBADMSG" => Some(Errno::EBADMSG),
            "EOVERFLOW" => Some(Errno::EOVERFLOW),
            "EILSEQ" => Some(Errno::EILSEQ),
            "EUSERS" => Some(Errno::EUSERS),
            "ENOTSOCK" => Some(Errno::ENOTSOCK),
            "EDESTADDRREQ" => Some(Errno::EDESTADDRREQ),
            "EMSGSIZE" => Some(Errno::EMSGSIZE),
            "EPROTOTYPE" => Some(Errno::EPROTOTYPE),
            "ENOPROTOOPT" => Some(Errno::ENOPROTOOPT),
            "EPROTONOSUPPORT" => Some(Errno::EPROTONOSUPPORT),
            "ESOCKTNOSUPPORT" => Some(Errno::ESOCKTNOSUPPORT),
            "EOPNOTSUPP" => Some(Errno::EOPNOTSUPP),
            "EPFNOSUPPORT" => Some(Errno::EPFNOSUPPORT),
            "EAFNOSUPPORT" => Some(Errno::EAFNOSUPPORT),
            "EADDRINUSE" => Some(Errno::EADDRINUSE),
            "EADDRNOTAVAIL" => Some(Errno::EADDRNOTAVAIL),
            "ENETDOWN" => Some(Errno::ENETDOWN),
            "ENETUNREACH" => Some(Errno::ENETUNREACH),
            "ENETRESET" => Some(Errno::ENETRESET),
            "ECONNABORTED" => Some(Errno::ECONNABORTED),
            "ECONNRESET" => Some(Errno::ECONNRESET),
            "ENOBUFS" => Some(Errno::ENOBUFS),
            "EISCONN" => Some(Errno::EISCONN),
            "ENOTCONN" => Some(Errno::ENOTCONN),
            "ESHUTDOWN" => Some(Errno::ESHUTDOWN),
            "ETOOMANYREFS" => Some(Errno::ETOOMANYREFS),
            "ETIMEDOUT" => Some(Errno::ETIMEDOUT),
            "ECONNREFUSED" => Some(Errno::ECONNREFUSED),
            "EHOSTDOWN" => Some(Errno::EHOSTDOWN),
            "EHOSTUNREACH" => Some(Errno::EHOSTUNREACH),
            "EALREADY" => Some(Errno::EALREADY),
            "EINPROGRESS" => Some(Errno::EINPROGRESS),
            "ESTALE" => Some(Errno::ESTALE),
            "EDQUOT" => Some(Errno::EDQUOT),
            "ECANCELED" => Some(Errno::ECANCELED),
            "ENOKEY" => Some(Errno::ENOKEY),
            "EKEYEXPIRED" => Some(Errno::EKEYEXPIRED),
            "EKEYREVOKED" => Some(Errno::EKEYREVOKED),
            "EKEYREJECTED" => Some(Errno::EKEYREJECTED),
            "EOWNERDEAD" => Some(Errno::EOWNERDEAD),
            "ENOTRECOVERABLE" => Some(Errno::ENOTRECOVERABLE),
            "ERFKILL" => Some(Errno::ERFKILL),
            "EHWPOISON" => Some(Errno::EHWPOISON),
            "ENOTSUPP" => Some(Errno::ENOTSUPP),
            "EWOULDBLOCK" => Some(Errno::EAGAIN),
            "EDEADLOCK" => Some(Errno::EDEADLK),
            _ => None,
        }
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
}
