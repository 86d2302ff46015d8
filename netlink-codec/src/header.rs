//! `struct nlmsghdr`, message types, `NLM_F_*` flags, and iteration over the messages of a
//! datagram.
//!
//! ```text
//!  0               1               2               3
//!  0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
//! +---------------------------------------------------------------+
//! |                     nlmsg_len (u32, host order)               |  0
//! +-------------------------------+-------------------------------+
//! |     nlmsg_type (u16)          |     nlmsg_flags (u16)         |  4
//! +-------------------------------+-------------------------------+
//! |                     nlmsg_seq (u32)                           |  8
//! +---------------------------------------------------------------+
//! |                     nlmsg_pid (u32)                           | 12
//! +---------------------------------------------------------------+
//! |   payload: family header, attributes ... (nlmsg_len - 16)     | 16
//! ```
//!
//! Messages follow each other at 4-byte aligned offsets (`NLMSG_ALIGN`).

use bitflags::bitflags;
use zerocopy::byteorder::native_endian::{U16, U32};
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::align::aligned_within;
pub use crate::align::{align, NLMSG_ALIGNTO};
use crate::attr::Attrs;
use crate::error::{DecodeError, DecodeErrorKind};
use crate::tlv::{self, Framing, Walk};

/// `struct nlmsghdr` (16 bytes).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    FromBytes,
    IntoBytes,
    KnownLayout,
    Immutable,
    Unaligned,
)]
#[repr(C)]
pub struct NlMsgHdr {
    /// `nlmsg_len`: length of the message including this header.
    pub nlmsg_len: U32,
    /// `nlmsg_type`: `RTM_*` or `NLMSG_*`.
    pub nlmsg_type: U16,
    /// `nlmsg_flags`: `NLM_F_*`.
    pub nlmsg_flags: U16,
    /// `nlmsg_seq`: sequence number, echoed by the kernel.
    pub nlmsg_seq: U32,
    /// `nlmsg_pid`: sending port id (0 for the kernel).
    pub nlmsg_pid: U32,
}
const _: () = assert!(core::mem::size_of::<NlMsgHdr>() == 16);

impl NlMsgHdr {
    /// Size of the header on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();

    /// Header field names, as the uapi spells them, with their values.
    pub fn fields(&self) -> [(&'static str, u64); 5] {
        [
            ("nlmsg_len", self.nlmsg_len.get().into()),
            ("nlmsg_type", self.nlmsg_type.get().into()),
            ("nlmsg_flags", self.nlmsg_flags.get().into()),
            ("nlmsg_seq", self.nlmsg_seq.get().into()),
            ("nlmsg_pid", self.nlmsg_pid.get().into()),
        ]
    }

    /// The flags as [`NlmFlags`] (unknown bits kept).
    pub fn flags(&self) -> NlmFlags {
        NlmFlags::from_bits_retain(self.nlmsg_flags.get())
    }
}

bitflags! {
    /// `NLM_F_*` message flags. Bits 0x100-0x800 mean different things for GET
    /// (dump) requests, NEW requests, DELETE requests and ACKs; all names are defined,
    /// and [`NlmFlags::names`] picks the right set for a message type.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct NlmFlags: u16 {
        /// `NLM_F_REQUEST`: a request message.
        const REQUEST = 0x01;
        /// `NLM_F_MULTI`: part of a multipart reply, terminated by `NLMSG_DONE`.
        const MULTI = 0x02;
        /// `NLM_F_ACK`: reply with an ACK (an `NLMSG_ERROR` with error 0).
        const ACK = 0x04;
        /// `NLM_F_ECHO`: echo this request back.
        const ECHO = 0x08;
        /// `NLM_F_DUMP_INTR`: the dump was inconsistent because the data changed.
        const DUMP_INTR = 0x10;
        /// `NLM_F_DUMP_FILTERED`: the dump was filtered as requested.
        const DUMP_FILTERED = 0x20;
        /// `NLM_F_ROOT` (GET): return the whole table.
        const ROOT = 0x100;
        /// `NLM_F_MATCH` (GET): return all matching entries.
        const MATCH = 0x200;
        /// `NLM_F_ATOMIC` (GET): atomic snapshot.
        const ATOMIC = 0x400;
        /// `NLM_F_DUMP` (GET): `NLM_F_ROOT | NLM_F_MATCH`.
        const DUMP = 0x300;
        /// `NLM_F_REPLACE` (NEW): replace an existing object.
        const REPLACE = 0x100;
        /// `NLM_F_EXCL` (NEW): fail with EEXIST if it exists.
        const EXCL = 0x200;
        /// `NLM_F_CREATE` (NEW): create if it does not exist.
        const CREATE = 0x400;
        /// `NLM_F_APPEND` (NEW): add to the end of the list.
        const APPEND = 0x800;
        /// `NLM_F_NONREC` (DELETE): do not delete recursively.
        const NONREC = 0x100;
        /// `NLM_F_BULK` (DELETE): bulk delete.
        const BULK = 0x200;
        /// `NLM_F_CAPPED` (ACK): the echoed request was capped to its header.
        const CAPPED = 0x100;
        /// `NLM_F_ACK_TLVS` (ACK): extended-ACK TLVs follow.
        const ACK_TLVS = 0x200;
    }
}

/// Which meaning the bits 0x100-0x800 of `nlmsg_flags` carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagContext {
    /// `RTM_GET*` requests: ROOT, MATCH, ATOMIC.
    Get,
    /// `RTM_NEW*` and `RTM_SET*` requests: REPLACE, EXCL, CREATE, APPEND.
    New,
    /// `RTM_DEL*` requests: NONREC, BULK.
    Del,
    /// `NLMSG_ERROR` and `NLMSG_DONE`: CAPPED, ACK_TLVS.
    Ack,
    /// Anything else (replies): only the common low bits are named.
    Other,
}

impl FlagContext {
    /// The context for a message type, from the rtnetlink convention
    /// (`RTM_NEW* % 4 == 0`, `DEL == 1`, `GET == 2`, `SET == 3`).
    pub fn of(nlmsg_type: u16, flags: NlmFlags) -> FlagContext {
        match nlmsg_type {
            NLMSG_ERROR | NLMSG_DONE => FlagContext::Ack,
            t if t >= RTM_BASE && flags.contains(NlmFlags::REQUEST) => match (t - RTM_BASE) % 4 {
                0 | 3 => FlagContext::New,
                1 => FlagContext::Del,
                _ => FlagContext::Get,
            },
            _ => FlagContext::Other,
        }
    }
}

const COMMON_FLAGS: [(u16, &str); 6] = [
    (0x01, "NLM_F_REQUEST"),
    (0x02, "NLM_F_MULTI"),
    (0x04, "NLM_F_ACK"),
    (0x08, "NLM_F_ECHO"),
    (0x10, "NLM_F_DUMP_INTR"),
    (0x20, "NLM_F_DUMP_FILTERED"),
];
const GET_FLAGS: [(u16, &str); 3] = [
    (0x100, "NLM_F_ROOT"),
    (0x200, "NLM_F_MATCH"),
    (0x400, "NLM_F_ATOMIC"),
];
const NEW_FLAGS: [(u16, &str); 4] = [
    (0x100, "NLM_F_REPLACE"),
    (0x200, "NLM_F_EXCL"),
    (0x400, "NLM_F_CREATE"),
    (0x800, "NLM_F_APPEND"),
];
const DEL_FLAGS: [(u16, &str); 2] = [(0x100, "NLM_F_NONREC"), (0x200, "NLM_F_BULK")];
const ACK_FLAGS: [(u16, &str); 2] = [(0x100, "NLM_F_CAPPED"), (0x200, "NLM_F_ACK_TLVS")];

impl NlmFlags {
    /// The kernel names of the set bits, in the meaning `ctx` gives them, plus any bits
    /// without a name in that context as a remainder (`0x1000`).
    pub fn names(self, ctx: FlagContext) -> impl Iterator<Item = FlagName> {
        let ctx_table: &'static [(u16, &'static str)] = match ctx {
            FlagContext::Get => &GET_FLAGS,
            FlagContext::New => &NEW_FLAGS,
            FlagContext::Del => &DEL_FLAGS,
            FlagContext::Ack => &ACK_FLAGS,
            FlagContext::Other => &[],
        };
        let bits = self.bits();
        let mut known = 0u16;
        let named = COMMON_FLAGS
            .iter()
            .chain(ctx_table.iter())
            .filter_map(move |&(b, n)| (bits & b != 0).then_some(FlagName::Named(n)));
        for &(b, _) in COMMON_FLAGS.iter().chain(ctx_table.iter()) {
            known |= b;
        }
        let rest = bits & !known;
        named.chain((rest != 0).then_some(FlagName::Unknown(rest)))
    }

    /// Parse one flag name in any context (`"NLM_F_CREATE"`).
    pub fn bit_from_name(name: &str) -> Option<u16> {
        COMMON_FLAGS
            .iter()
            .chain(&GET_FLAGS)
            .chain(&NEW_FLAGS)
            .chain(&DEL_FLAGS)
            .chain(&ACK_FLAGS)
            .find(|(_, n)| *n == name)
            .map(|(b, _)| *b)
            .or(match name {
                "NLM_F_DUMP" => Some(0x300),
                _ => None,
            })
    }
}

/// One named flag, or the bits left without a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagName {
    /// A kernel flag name.
    Named(&'static str),
    /// Bits that have no name in this context.
    Unknown(u16),
}

macro_rules! msg_types {
    ($( $(#[$doc:meta])* $name:ident = $val:expr; )*) => {
        $( $(#[$doc])* pub const $name: u16 = $val; )*
        /// The kernel name of a message type (`"RTM_NEWLINK"`), if known.
        pub const fn msg_type_name(t: u16) -> Option<&'static str> {
            match t { $( $val => Some(stringify!($name)), )* _ => None }
        }
        /// A message type by its kernel name.
        pub fn msg_type_from_name(name: &str) -> Option<u16> {
            match name { $( stringify!($name) => Some($val), )* _ => None }
        }
    };
}

/// `RTM_BASE`: the first rtnetlink message type.
pub const RTM_BASE: u16 = 16;

msg_types! {
    /// `NLMSG_NOOP`: nothing.
    NLMSG_NOOP = 1;
    /// `NLMSG_ERROR`: an error or an ACK (error 0).
    NLMSG_ERROR = 2;
    /// `NLMSG_DONE`: end of a multipart reply.
    NLMSG_DONE = 3;
    /// `NLMSG_OVERRUN`: data lost.
    NLMSG_OVERRUN = 4;
    /// `RTM_NEWLINK`.
    RTM_NEWLINK = 16;
    /// `RTM_DELLINK`.
    RTM_DELLINK = 17;
    /// `RTM_GETLINK`.
    RTM_GETLINK = 18;
    /// `RTM_SETLINK`.
    RTM_SETLINK = 19;
    /// `RTM_NEWADDR`.
    RTM_NEWADDR = 20;
    /// `RTM_DELADDR`.
    RTM_DELADDR = 21;
    /// `RTM_GETADDR`.
    RTM_GETADDR = 22;
    /// `RTM_NEWROUTE`.
    RTM_NEWROUTE = 24;
    /// `RTM_DELROUTE`.
    RTM_DELROUTE = 25;
    /// `RTM_GETROUTE`.
    RTM_GETROUTE = 26;
    /// `RTM_NEWNEIGH`.
    RTM_NEWNEIGH = 28;
    /// `RTM_DELNEIGH`.
    RTM_DELNEIGH = 29;
    /// `RTM_GETNEIGH`.
    RTM_GETNEIGH = 30;
    /// `RTM_NEWRULE`.
    RTM_NEWRULE = 32;
    /// `RTM_DELRULE`.
    RTM_DELRULE = 33;
    /// `RTM_GETRULE`.
    RTM_GETRULE = 34;
    /// `RTM_NEWQDISC`.
    RTM_NEWQDISC = 36;
    /// `RTM_DELQDISC`.
    RTM_DELQDISC = 37;
    /// `RTM_GETQDISC`.
    RTM_GETQDISC = 38;
    /// `RTM_NEWTCLASS`.
    RTM_NEWTCLASS = 40;
    /// `RTM_DELTCLASS`.
    RTM_DELTCLASS = 41;
    /// `RTM_GETTCLASS`.
    RTM_GETTCLASS = 42;
    /// `RTM_NEWTFILTER`.
    RTM_NEWTFILTER = 44;
    /// `RTM_DELTFILTER`.
    RTM_DELTFILTER = 45;
    /// `RTM_GETTFILTER`.
    RTM_GETTFILTER = 46;
    /// `RTM_NEWACTION`.
    RTM_NEWACTION = 48;
    /// `RTM_DELACTION`.
    RTM_DELACTION = 49;
    /// `RTM_GETACTION`.
    RTM_GETACTION = 50;
    /// `RTM_NEWPREFIX`.
    RTM_NEWPREFIX = 52;
    /// `RTM_NEWMULTICAST`.
    RTM_NEWMULTICAST = 56;
    /// `RTM_DELMULTICAST`.
    RTM_DELMULTICAST = 57;
    /// `RTM_GETMULTICAST`.
    RTM_GETMULTICAST = 58;
    /// `RTM_NEWANYCAST`.
    RTM_NEWANYCAST = 60;
    /// `RTM_DELANYCAST`.
    RTM_DELANYCAST = 61;
    /// `RTM_GETANYCAST`.
    RTM_GETANYCAST = 62;
    /// `RTM_NEWNEIGHTBL`.
    RTM_NEWNEIGHTBL = 64;
    /// `RTM_GETNEIGHTBL`.
    RTM_GETNEIGHTBL = 66;
    /// `RTM_SETNEIGHTBL`.
    RTM_SETNEIGHTBL = 67;
    /// `RTM_NEWNDUSEROPT`.
    RTM_NEWNDUSEROPT = 68;
    /// `RTM_NEWADDRLABEL`.
    RTM_NEWADDRLABEL = 72;
    /// `RTM_DELADDRLABEL`.
    RTM_DELADDRLABEL = 73;
    /// `RTM_GETADDRLABEL`.
    RTM_GETADDRLABEL = 74;
    /// `RTM_GETDCB`.
    RTM_GETDCB = 78;
    /// `RTM_SETDCB`.
    RTM_SETDCB = 79;
    /// `RTM_NEWNETCONF`.
    RTM_NEWNETCONF = 80;
    /// `RTM_DELNETCONF`.
    RTM_DELNETCONF = 81;
    /// `RTM_GETNETCONF`.
    RTM_GETNETCONF = 82;
    /// `RTM_NEWMDB`.
    RTM_NEWMDB = 84;
    /// `RTM_DELMDB`.
    RTM_DELMDB = 85;
    /// `RTM_GETMDB`.
    RTM_GETMDB = 86;
    /// `RTM_NEWNSID`.
    RTM_NEWNSID = 88;
    /// `RTM_DELNSID`.
    RTM_DELNSID = 89;
    /// `RTM_GETNSID`.
    RTM_GETNSID = 90;
    /// `RTM_NEWSTATS`.
    RTM_NEWSTATS = 92;
    /// `RTM_GETSTATS`.
    RTM_GETSTATS = 94;
    /// `RTM_SETSTATS`.
    RTM_SETSTATS = 95;
    /// `RTM_NEWCACHEREPORT`.
    RTM_NEWCACHEREPORT = 96;
    /// `RTM_NEWCHAIN`.
    RTM_NEWCHAIN = 100;
    /// `RTM_DELCHAIN`.
    RTM_DELCHAIN = 101;
    /// `RTM_GETCHAIN`.
    RTM_GETCHAIN = 102;
    /// `RTM_NEWNEXTHOP`.
    RTM_NEWNEXTHOP = 104;
    /// `RTM_DELNEXTHOP`.
    RTM_DELNEXTHOP = 105;
    /// `RTM_GETNEXTHOP`.
    RTM_GETNEXTHOP = 106;
    /// `RTM_NEWLINKPROP`.
    RTM_NEWLINKPROP = 108;
    /// `RTM_DELLINKPROP`.
    RTM_DELLINKPROP = 109;
    /// `RTM_GETLINKPROP`.
    RTM_GETLINKPROP = 110;
    /// `RTM_NEWVLAN`.
    RTM_NEWVLAN = 112;
    /// `RTM_DELVLAN`.
    RTM_DELVLAN = 113;
    /// `RTM_GETVLAN`.
    RTM_GETVLAN = 114;
    /// `RTM_NEWNEXTHOPBUCKET`.
    RTM_NEWNEXTHOPBUCKET = 116;
    /// `RTM_DELNEXTHOPBUCKET`.
    RTM_DELNEXTHOPBUCKET = 117;
    /// `RTM_GETNEXTHOPBUCKET`.
    RTM_GETNEXTHOPBUCKET = 118;
    /// `RTM_NEWTUNNEL`.
    RTM_NEWTUNNEL = 120;
    /// `RTM_DELTUNNEL`.
    RTM_DELTUNNEL = 121;
    /// `RTM_GETTUNNEL`.
    RTM_GETTUNNEL = 122;
}

/// A checked view of one message inside a datagram. Construction verified that the header
/// is complete and `nlmsg_len` fits, so no accessor can panic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NlMsg<'a> {
    offset: usize,
    header: &'a NlMsgHdr,
    payload: &'a [u8],
    pad: &'a [u8],
}

impl<'a> NlMsg<'a> {
    /// Check and view the message at the start of `buf` (`base` is the offset of `buf`
    /// in the outermost buffer, for error reports). Returns the message and the bytes after
    /// it (alignment padding is part of the message, see [`NlMsg::pad`]).
    #[inline]
    pub fn parse(buf: &'a [u8], base: usize) -> Result<(NlMsg<'a>, &'a [u8]), DecodeError> {
        let (frame, rest) = tlv::split::<MsgFraming>(buf, base)?;
        Ok((NlMsg::from_frame(frame), rest))
    }

    #[inline]
    fn from_frame(f: tlv::Frame<'a, NlMsgHdr>) -> Self {
        NlMsg {
            offset: f.offset,
            header: f.header,
            payload: f.body,
            pad: f.pad,
        }
    }

    /// Offset of this message in the outermost buffer.
    pub fn offset(&self) -> usize {
        self.offset
    }
    /// The `nlmsghdr`.
    pub fn header(&self) -> &'a NlMsgHdr {
        self.header
    }
    /// `nlmsg_type`.
    pub fn msg_type(&self) -> u16 {
        self.header.nlmsg_type.get()
    }
    /// `nlmsg_flags`.
    pub fn flags(&self) -> NlmFlags {
        self.header.flags()
    }
    /// `nlmsg_seq`.
    pub fn seq(&self) -> u32 {
        self.header.nlmsg_seq.get()
    }
    /// `nlmsg_pid`.
    pub fn pid(&self) -> u32 {
        self.header.nlmsg_pid.get()
    }
    /// Everything after the `nlmsghdr`, up to `nlmsg_len`.
    pub fn payload(&self) -> &'a [u8] {
        self.payload
    }
    /// Offset of the payload in the outermost buffer.
    pub fn payload_offset(&self) -> usize {
        self.offset + NlMsgHdr::LEN
    }
    /// Alignment padding after `nlmsg_len` (0-3 bytes; empty for the last message of a
    /// buffer that ends unaligned).
    pub fn pad(&self) -> &'a [u8] {
        self.pad
    }

    /// The family header `T` (`IfInfoMsg`, `RtMsg`, ...) at the start of the payload, and
    /// the attributes after it, which start at the next 4-byte boundary.
    ///
    /// ```
    /// use netlink_codec::{header::Messages, link::{IfInfoMsg, IFLA_IFNAME}};
    /// # let buf = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/0002-req.bin")).unwrap();
    /// let msg = Messages::new(&buf).next().unwrap()?;
    /// let (ifi, attrs) = msg.split::<IfInfoMsg>()?;
    /// assert_eq!(ifi.ifi_index.get(), 0);
    /// assert_eq!(attrs.find(IFLA_IFNAME)?.map(|a| a.str()), Some(Ok("vh-pod1")));
    /// # Ok::<(), netlink_codec::DecodeError>(())
    /// ```
    #[inline]
    pub fn split<T: FromBytes + KnownLayout + Immutable + Unaligned>(
        &self,
    ) -> Result<(&'a T, Attrs<'a>), DecodeError> {
        let (h, _) = T::ref_from_prefix(self.payload).map_err(|_| {
            DecodeError::new(
                self.payload_offset(),
                DecodeErrorKind::TruncatedFamilyHeader,
            )
        })?;
        Ok((h, self.attrs_after(core::mem::size_of::<T>())))
    }

    /// The attributes after a family header of `len` bytes (from the next 4-byte boundary;
    /// empty when the payload ends before it). See [`crate::family::Family::header`].
    #[inline]
    pub fn attrs_after(&self, len: usize) -> Attrs<'a> {
        let p = self.payload;
        let start = aligned_within(len, p.len());
        Attrs::new(&p[start..], self.payload_offset() + start)
    }
}

/// `nlmsghdr` framing for the shared walk: `nlmsg_len` counts the header.
struct MsgFraming;

impl Framing for MsgFraming {
    type Header = NlMsgHdr;
    const TRUNCATED: DecodeErrorKind = DecodeErrorKind::TruncatedMessageHeader;
    const TOO_SMALL: DecodeErrorKind = DecodeErrorKind::MessageLenTooSmall;
    const PAST_END: DecodeErrorKind = DecodeErrorKind::MessageLenPastEnd;
    #[inline]
    fn len(h: &NlMsgHdr) -> Option<usize> {
        usize::try_from(h.nlmsg_len.get()).ok()
    }
}

/// Iterator over the messages of a datagram. Yields `Err` once and then stops if a message
/// is malformed; never panics, never allocates.
#[derive(Debug, Clone)]
pub struct Messages<'a> {
    walk: Walk<'a>,
}

impl<'a> Messages<'a> {
    /// Iterate the messages in `buf`.
    pub fn new(buf: &'a [u8]) -> Self {
        Messages {
            walk: Walk::new(buf, 0),
        }
    }
}

impl<'a> Iterator for Messages<'a> {
    type Item = Result<NlMsg<'a>, DecodeError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        Some(self.walk.next::<MsgFraming>()?.map(NlMsg::from_frame))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hdr(len: u32, ty: u16) -> Vec<u8> {
        let mut v = Vec::new();
        v.extend_from_slice(&len.to_ne_bytes());
        v.extend_from_slice(&ty.to_ne_bytes());
        v.extend_from_slice(&[0; 10]);
        v
    }

    #[test]
    fn iterates_and_rejects() {
        let mut buf = hdr(20, RTM_NEWLINK);
        buf.extend_from_slice(&[1, 2, 3, 4]);
        buf.extend(hdr(16, NLMSG_DONE));
        let msgs: Vec<_> = Messages::new(&buf).collect::<Result<_, _>>().unwrap();
        assert_eq!(msgs.len(), 2);
        assert_eq!(msgs[0].payload(), &[1, 2, 3, 4]);
        assert_eq!(msgs[1].offset(), 20);

        let bad = hdr(8, RTM_NEWLINK);
        let e = Messages::new(&bad).next().unwrap().unwrap_err();
        assert_eq!(e.kind, DecodeErrorKind::MessageLenTooSmall);
        let bad = hdr(64, RTM_NEWLINK);
        assert_eq!(
            Messages::new(&bad).next().unwrap().unwrap_err().kind,
            DecodeErrorKind::MessageLenPastEnd
        );
        assert_eq!(
            Messages::new(&bad[..5]).next().unwrap().unwrap_err().kind,
            DecodeErrorKind::TruncatedMessageHeader
        );
        let mut two = buf.clone();
        two.extend_from_slice(&[0; 3]);
        let r: Vec<_> = Messages::new(&two).collect();
        assert_eq!(r.len(), 3);
        assert_eq!(r[2].unwrap_err().offset, 36);
    }

    #[test]
    fn flag_names_depend_on_context() {
        let f = NlmFlags::from_bits_retain(0x605);
        let names: Vec<_> = f.names(FlagContext::of(RTM_NEWLINK, f)).collect();
        assert_eq!(
            names,
            [
                FlagName::Named("NLM_F_REQUEST"),
                FlagName::Named("NLM_F_ACK"),
                FlagName::Named("NLM_F_EXCL"),
                FlagName::Named("NLM_F_CREATE")
            ]
        );
        let g = NlmFlags::from_bits_retain(0x301);
        let names: Vec<_> = g.names(FlagContext::of(RTM_GETLINK, g)).collect();
        assert_eq!(
            names,
            [
                FlagName::Named("NLM_F_REQUEST"),
                FlagName::Named("NLM_F_ROOT"),
                FlagName::Named("NLM_F_MATCH")
            ]
        );
        assert_eq!(msg_type_name(RTM_NEWROUTE), Some("RTM_NEWROUTE"));
        assert_eq!(msg_type_from_name("NLMSG_ERROR"), Some(2));
    }
}
