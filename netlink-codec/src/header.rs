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

use zerocopy::byteorder::native_endian::{U16, U32};
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::align::aligned_within;
pub use crate::align::{align, NLMSG_ALIGNTO};
use crate::attr::Attrs;
use crate::error::{DecodeError, DecodeErrorKind};
use crate::tlv::{self, Framing, Walk};
use crate::uapi::{uapi_consts, uapi_flag_sets};

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

uapi_flag_sets! {
    /// `NLM_F_*` message flags. Bits 0x100-0x800 mean different things for GET
    /// (dump) requests, NEW requests and notifications, DELETE requests and ACKs; all
    /// names are defined, and [`NlmFlags::names`] picks the right set for a message type.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct NlmFlags: u16, "NLM_F_" {
        /// The bits every message type gives the same meaning.
        NLM_F_COMMON_NAMES {
            /// A request message.
            REQUEST = 0x01,
            /// Part of a multipart reply, terminated by `NLMSG_DONE`.
            MULTI = 0x02,
            /// Reply with an ACK (an `NLMSG_ERROR` with error 0).
            ACK = 0x04,
            /// Echo this request back.
            ECHO = 0x08,
            /// The dump was inconsistent because the data changed.
            DUMP_INTR = 0x10,
            /// The dump was filtered as requested.
            DUMP_FILTERED = 0x20,
        }
        /// Bits 0x100-0x400 of GET requests.
        NLM_F_GET_NAMES {
            /// (GET) Return the whole table.
            ROOT = 0x100,
            /// (GET) Return all matching entries.
            MATCH = 0x200,
            /// (GET) Atomic snapshot.
            ATOMIC = 0x400,
        }
        /// Names for several bits at once, accepted on input only.
        NLM_F_ALIAS_NAMES {
            /// (GET) `NLM_F_ROOT | NLM_F_MATCH`.
            DUMP = 0x300,
        }
        /// Bits 0x100-0x800 of NEW requests and of the notifications they cause.
        NLM_F_NEW_NAMES {
            /// (NEW) Replace an existing object.
            REPLACE = 0x100,
            /// (NEW) Fail with EEXIST if it exists.
            EXCL = 0x200,
            /// (NEW) Create if it does not exist.
            CREATE = 0x400,
            /// (NEW) Add to the end of the list.
            APPEND = 0x800,
        }
        /// Bits 0x100-0x200 of DELETE requests.
        NLM_F_DEL_NAMES {
            /// (DELETE) Do not delete recursively.
            NONREC = 0x100,
            /// (DELETE) Bulk delete.
            BULK = 0x200,
        }
        /// Bits 0x100-0x200 of ACKs.
        NLM_F_ACK_NAMES {
            /// (ACK) The echoed request was capped to its header.
            CAPPED = 0x100,
            /// (ACK) Extended-ACK TLVs follow.
            ACK_TLVS = 0x200,
        }
    }
}

/// Which meaning the bits 0x100-0x800 of `nlmsg_flags` carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FlagContext {
    /// `RTM_GET*` requests: ROOT, MATCH, ATOMIC.
    Get,
    /// `RTM_NEW*` and `RTM_SET*` requests, and `RTM_NEW*` from the kernel (notifications
    /// carry the flags of the request that caused them): REPLACE, EXCL, CREATE, APPEND.
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
    /// (`RTM_NEW* % 4 == 0`, `DEL == 1`, `GET == 2`, `SET == 3`). Like strace, an
    /// `RTM_NEW*` that is not a request names its high bits as NEW flags: the kernel
    /// copies the request's `NLM_F_EXCL|NLM_F_CREATE` into the notification.
    pub fn of(nlmsg_type: u16, flags: NlmFlags) -> FlagContext {
        match nlmsg_type {
            NLMSG_ERROR | NLMSG_DONE => FlagContext::Ack,
            t if t >= RTM_BASE && flags.contains(NlmFlags::REQUEST) => match (t - RTM_BASE) % 4 {
                0 | 3 => FlagContext::New,
                1 => FlagContext::Del,
                _ => FlagContext::Get,
            },
            t if t >= RTM_BASE && (t - RTM_BASE) % 4 == 0 => FlagContext::New,
            _ => FlagContext::Other,
        }
    }

    /// The names of the bits 0x100-0x800 in this context.
    const fn table(self) -> &'static [(u64, &'static str)] {
        match self {
            FlagContext::Get => NLM_F_GET_NAMES,
            FlagContext::New => NLM_F_NEW_NAMES,
            FlagContext::Del => NLM_F_DEL_NAMES,
            FlagContext::Ack => NLM_F_ACK_NAMES,
            FlagContext::Other => &[],
        }
    }
}

impl NlmFlags {
    /// The kernel names of the set bits, in the meaning `ctx` gives them, plus any bits
    /// without a name in that context as a remainder (`0x1000`).
    pub fn names(self, ctx: FlagContext) -> impl Iterator<Item = FlagName> {
        let table = NLM_F_COMMON_NAMES.iter().chain(ctx.table());
        let bits = u64::from(self.bits());
        let known = table.clone().fold(0u64, |acc, &(b, _)| acc | b);
        let rest = bits & !known;
        let named = table.filter_map(move |&(b, n)| (bits & b != 0).then_some(FlagName::Named(n)));
        // `rest` is a subset of the u16 `bits`.
        named.chain((rest != 0).then_some(FlagName::Unknown(rest as u16)))
    }

    /// Parse one flag name in any context (`"NLM_F_CREATE"`, `"NLM_F_DUMP"`).
    pub fn bit_from_name(name: &str) -> Option<u16> {
        [
            NLM_F_COMMON_NAMES,
            NLM_F_GET_NAMES,
            NLM_F_ALIAS_NAMES,
            NLM_F_NEW_NAMES,
            NLM_F_DEL_NAMES,
            NLM_F_ACK_NAMES,
        ]
        .iter()
        .flat_map(|t| t.iter())
        .find(|(_, n)| *n == name)
        .and_then(|&(b, _)| u16::try_from(b).ok())
    }
}

/// One named flag, or the bits left without a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FlagName {
    /// A kernel flag name.
    Named(&'static str),
    /// Bits that have no name in this context.
    Unknown(u16),
}

/// `RTM_BASE`: the first rtnetlink message type.
pub const RTM_BASE: u16 = 16;

uapi_consts! {
    /// Every message type the codec names, with its kernel name, in numeric order.
    MSG_TYPE_NAMES: u16 {
        /// Nothing.
        NLMSG_NOOP = 1,
        /// An error or an ACK (error 0).
        NLMSG_ERROR = 2,
        /// End of a multipart reply.
        NLMSG_DONE = 3,
        /// Data lost.
        NLMSG_OVERRUN = 4,
        RTM_NEWLINK = 16,
        RTM_DELLINK = 17,
        RTM_GETLINK = 18,
        RTM_SETLINK = 19,
        RTM_NEWADDR = 20,
        RTM_DELADDR = 21,
        RTM_GETADDR = 22,
        RTM_NEWROUTE = 24,
        RTM_DELROUTE = 25,
        RTM_GETROUTE = 26,
        RTM_NEWNEIGH = 28,
        RTM_DELNEIGH = 29,
        RTM_GETNEIGH = 30,
        RTM_NEWRULE = 32,
        RTM_DELRULE = 33,
        RTM_GETRULE = 34,
        RTM_NEWQDISC = 36,
        RTM_DELQDISC = 37,
        RTM_GETQDISC = 38,
        RTM_NEWTCLASS = 40,
        RTM_DELTCLASS = 41,
        RTM_GETTCLASS = 42,
        RTM_NEWTFILTER = 44,
        RTM_DELTFILTER = 45,
        RTM_GETTFILTER = 46,
        RTM_NEWACTION = 48,
        RTM_DELACTION = 49,
        RTM_GETACTION = 50,
        RTM_NEWPREFIX = 52,
        RTM_NEWMULTICAST = 56,
        RTM_DELMULTICAST = 57,
        RTM_GETMULTICAST = 58,
        RTM_NEWANYCAST = 60,
        RTM_DELANYCAST = 61,
        RTM_GETANYCAST = 62,
        RTM_NEWNEIGHTBL = 64,
        RTM_GETNEIGHTBL = 66,
        RTM_SETNEIGHTBL = 67,
        RTM_NEWNDUSEROPT = 68,
        RTM_NEWADDRLABEL = 72,
        RTM_DELADDRLABEL = 73,
        RTM_GETADDRLABEL = 74,
        RTM_GETDCB = 78,
        RTM_SETDCB = 79,
        RTM_NEWNETCONF = 80,
        RTM_DELNETCONF = 81,
        RTM_GETNETCONF = 82,
        RTM_NEWMDB = 84,
        RTM_DELMDB = 85,
        RTM_GETMDB = 86,
        RTM_NEWNSID = 88,
        RTM_DELNSID = 89,
        RTM_GETNSID = 90,
        RTM_NEWSTATS = 92,
        RTM_GETSTATS = 94,
        RTM_SETSTATS = 95,
        RTM_NEWCACHEREPORT = 96,
        RTM_NEWCHAIN = 100,
        RTM_DELCHAIN = 101,
        RTM_GETCHAIN = 102,
        RTM_NEWNEXTHOP = 104,
        RTM_DELNEXTHOP = 105,
        RTM_GETNEXTHOP = 106,
        RTM_NEWLINKPROP = 108,
        RTM_DELLINKPROP = 109,
        RTM_GETLINKPROP = 110,
        RTM_NEWVLAN = 112,
        RTM_DELVLAN = 113,
        RTM_GETVLAN = 114,
        RTM_NEWNEXTHOPBUCKET = 116,
        RTM_DELNEXTHOPBUCKET = 117,
        RTM_GETNEXTHOPBUCKET = 118,
        RTM_NEWTUNNEL = 120,
        RTM_DELTUNNEL = 121,
        RTM_GETTUNNEL = 122,
    }
}

/// The kernel name of a message type (`"RTM_NEWLINK"`), if known.
pub const fn msg_type_name(t: u16) -> Option<&'static str> {
    let mut i = 0;
    while i < MSG_TYPE_NAMES.len() {
        if MSG_TYPE_NAMES[i].0 == t as u64 {
            return Some(MSG_TYPE_NAMES[i].1);
        }
        i += 1;
    }
    None
}

/// A message type by its kernel name.
pub fn msg_type_from_name(name: &str) -> Option<u16> {
    MSG_TYPE_NAMES
        .iter()
        .find(|(_, n)| *n == name)
        .and_then(|&(v, _)| u16::try_from(v).ok())
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
        assert_eq!(msg_type_name(RTM_BASE - 1), None);
        assert_eq!(msg_type_from_name("NLMSG_ERROR"), Some(2));
    }

    #[test]
    fn new_notifications_name_the_create_flags_of_their_request() {
        // `ip route add` (NLM_F_EXCL|NLM_F_CREATE) makes the kernel multicast an
        // RTM_NEWROUTE with the same flags and no NLM_F_REQUEST; strace prints
        // `NLM_F_EXCL|NLM_F_CREATE`, so must we.
        let f = NlmFlags::EXCL | NlmFlags::CREATE;
        let names: Vec<_> = f.names(FlagContext::of(RTM_NEWROUTE, f)).collect();
        assert_eq!(
            names,
            [
                FlagName::Named("NLM_F_EXCL"),
                FlagName::Named("NLM_F_CREATE")
            ]
        );
        let r = NlmFlags::REPLACE | NlmFlags::APPEND;
        let names: Vec<_> = r.names(FlagContext::of(RTM_NEWADDR, r)).collect();
        assert_eq!(
            names,
            [
                FlagName::Named("NLM_F_REPLACE"),
                FlagName::Named("NLM_F_APPEND")
            ]
        );
        // A DEL notification has no such bits to name: they stay a number.
        let names: Vec<_> = f.names(FlagContext::of(RTM_DELROUTE, f)).collect();
        assert_eq!(names, [FlagName::Unknown(0x600)]);
    }

    #[test]
    fn every_flag_name_parses_back_to_its_bit() {
        for &(bit, name) in NLM_F_COMMON_NAMES
            .iter()
            .chain(NLM_F_GET_NAMES)
            .chain(NLM_F_NEW_NAMES)
            .chain(NLM_F_DEL_NAMES)
            .chain(NLM_F_ACK_NAMES)
        {
            assert_eq!(NlmFlags::bit_from_name(name).map(u64::from), Some(bit));
        }
        assert_eq!(NlmFlags::bit_from_name("NLM_F_DUMP"), Some(0x300));
        assert_eq!(NlmFlags::bit_from_name("NLM_F_NOPE"), None);
    }
}
