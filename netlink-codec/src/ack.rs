//! `NLMSG_ERROR` (errors and ACKs, with extended ACK) and `NLMSG_DONE`.
//!
//! ```text
//! NLMSG_ERROR payload:
//! +---------------------------------------------------------------+
//! |   error i32: 0 for an ACK, else a negative errno              |  0
//! +---------------------------------------------------------------+
//! |   the request's nlmsghdr (16 bytes), then, unless             |  4
//! |   NLM_F_CAPPED, the rest of the request (nlmsg_len - 16)      |
//! +---------------------------------------------------------------+
//! |   if NLM_F_ACK_TLVS: extended-ACK attributes NLMSGERR_ATTR_*  |
//! +---------------------------------------------------------------+
//! NLMSG_DONE payload: error i32, then NLMSGERR_ATTR_* if NLM_F_ACK_TLVS.
//! ```

use zerocopy::byteorder::native_endian::I32;
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr::{Attr, Attrs};
use crate::attr_space;
use crate::errno::Errno;
use crate::error::{DecodeError, DecodeErrorKind};
use crate::header::{align, NlMsg, NlMsgHdr, NlmFlags};

/// `struct nlmsgerr` (20 bytes): the error and the echoed request's header.
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
pub struct NlMsgErr {
    /// `error`: 0 or a negative errno.
    pub error: I32,
    /// `msg`: the header of the request this answers.
    pub msg: NlMsgHdr,
}
const _: () = assert!(core::mem::size_of::<NlMsgErr>() == 20);

attr_space! {
    /// Extended-ACK attributes, `NLMSGERR_ATTR_*`.
    pub static EXT_ACK = "NLMSGERR_ATTR" {
        NLMSGERR_ATTR_UNUSED = 0 => Raw,
        NLMSGERR_ATTR_MSG = 1 => Str,
        NLMSGERR_ATTR_OFFS = 2 => U32,
        NLMSGERR_ATTR_COOKIE = 3 => Raw,
        NLMSGERR_ATTR_POLICY = 4 => Nested(&POLICY),
        NLMSGERR_ATTR_MISS_TYPE = 5 => U32,
        NLMSGERR_ATTR_MISS_NEST = 6 => U32,
    }
}

attr_space! {
    /// `NLMSGERR_ATTR_POLICY` contents, `NL_POLICY_TYPE_ATTR_*`.
    pub static POLICY = "NL_POLICY_TYPE_ATTR" {
        NL_POLICY_TYPE_ATTR_UNSPEC = 0 => Raw,
        NL_POLICY_TYPE_ATTR_TYPE = 1 => U32,
        NL_POLICY_TYPE_ATTR_MIN_VALUE_S = 2 => U64,
        NL_POLICY_TYPE_ATTR_MAX_VALUE_S = 3 => U64,
        NL_POLICY_TYPE_ATTR_MIN_VALUE_U = 4 => U64,
        NL_POLICY_TYPE_ATTR_MAX_VALUE_U = 5 => U64,
        NL_POLICY_TYPE_ATTR_MIN_LENGTH = 6 => U32,
        NL_POLICY_TYPE_ATTR_MAX_LENGTH = 7 => U32,
        NL_POLICY_TYPE_ATTR_POLICY_IDX = 8 => U32,
        NL_POLICY_TYPE_ATTR_POLICY_MAXTYPE = 9 => U32,
        NL_POLICY_TYPE_ATTR_BITFIELD32_MASK = 10 => U32,
        NL_POLICY_TYPE_ATTR_PAD = 11 => Raw,
        NL_POLICY_TYPE_ATTR_MASK = 12 => U64,
    }
}

/// A checked view of an `NLMSG_ERROR` payload.
#[derive(Debug, Clone)]
pub struct ErrorView<'a> {
    error: i32,
    request: &'a [u8],
    request_offset: usize,
    ext_ack: Attrs<'a>,
    pad: &'a [u8],
}

impl<'a> ErrorView<'a> {
    /// Parse the payload of `msg` (which must be an `NLMSG_ERROR`).
    pub fn parse(msg: &NlMsg<'a>) -> Result<Self, DecodeError> {
        let p = msg.payload();
        let base = msg.payload_offset();
        let trunc = DecodeError::new(base, DecodeErrorKind::TruncatedError);
        let (err, _) = NlMsgErr::ref_from_prefix(p).map_err(|_| trunc)?;
        let echoed = if msg.flags().contains(NlmFlags::CAPPED) {
            NlMsgHdr::LEN
        } else {
            usize::try_from(err.msg.nlmsg_len.get())
                .map_err(|_| trunc)?
                .max(NlMsgHdr::LEN)
        };
        let end = 4usize
            .checked_add(echoed)
            .filter(|&e| e <= p.len())
            .ok_or(trunc)?;
        let aligned = align(end).map_or(p.len(), |a| a.min(p.len()));
        let tlvs = if msg.flags().contains(NlmFlags::ACK_TLVS) {
            &p[aligned..]
        } else {
            &[][..]
        };
        if !msg.flags().contains(NlmFlags::ACK_TLVS) && aligned < p.len() {
            // Bytes after the echo without NLM_F_ACK_TLVS: not a well-formed nlmsgerr.
            return Err(DecodeError::new(
                base + aligned,
                DecodeErrorKind::TruncatedError,
            ));
        }
        Ok(ErrorView {
            error: err.error.get(),
            request: &p[4..end],
            request_offset: base + 4,
            ext_ack: Attrs::new(tlvs, base + aligned),
            pad: &p[end..aligned],
        })
    }

    /// The raw `error` field: 0 for an ACK, else a negative errno.
    pub fn raw_error(&self) -> i32 {
        self.error
    }
    /// The errno, or `None` for an ACK.
    pub fn errno(&self) -> Option<Errno> {
        Errno::from_nlmsgerr(self.error)
    }
    /// The echoed request bytes (its header only when `NLM_F_CAPPED`).
    pub fn request(&self) -> &'a [u8] {
        self.request
    }
    /// Offset of the echoed request in the outermost buffer.
    pub fn request_offset(&self) -> usize {
        self.request_offset
    }
    /// The echoed request's header.
    pub fn request_header(&self) -> Option<&'a NlMsgHdr> {
        NlMsgHdr::ref_from_prefix(self.request).ok().map(|(h, _)| h)
    }
    /// Padding between the echo and the extended-ACK attributes.
    pub fn pad(&self) -> &'a [u8] {
        self.pad
    }
    /// The extended-ACK attributes (`NLMSGERR_ATTR_*`).
    pub fn ext_ack(&self) -> Attrs<'a> {
        self.ext_ack.clone()
    }
    /// The extended-ACK summary: message, offset into the request, missing attribute.
    pub fn ext_ack_info(&self) -> Result<ExtAck<'a>, DecodeError> {
        ExtAck::from_attrs(self.ext_ack())
    }
}

/// The commonly used extended-ACK fields.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExtAck<'a> {
    /// `NLMSGERR_ATTR_MSG`: the kernel's explanation.
    pub msg: Option<&'a str>,
    /// `NLMSGERR_ATTR_OFFS`: byte offset of the offending attribute in the request.
    pub offset: Option<u32>,
    /// `NLMSGERR_ATTR_MISS_TYPE`: type of a missing attribute.
    pub miss_type: Option<u32>,
    /// `NLMSGERR_ATTR_MISS_NEST`: offset of the nest that misses it.
    pub miss_nest: Option<u32>,
}

impl<'a> ExtAck<'a> {
    /// Collect the fields from a run of `NLMSGERR_ATTR_*`.
    pub fn from_attrs(attrs: Attrs<'a>) -> Result<Self, DecodeError> {
        let mut e = ExtAck::default();
        for a in attrs {
            let a: Attr<'a> = a?;
            match a.kind() {
                NLMSGERR_ATTR_MSG => e.msg = Some(a.str()?),
                NLMSGERR_ATTR_OFFS => e.offset = Some(a.u32()?),
                NLMSGERR_ATTR_MISS_TYPE => e.miss_type = Some(a.u32()?),
                NLMSGERR_ATTR_MISS_NEST => e.miss_nest = Some(a.u32()?),
                _ => {}
            }
        }
        Ok(e)
    }
}

/// A checked view of an `NLMSG_DONE` payload.
#[derive(Debug, Clone)]
pub struct DoneView<'a> {
    /// The `int` after the header: 0, or a negative errno if the dump failed.
    pub error: i32,
    /// Extended-ACK attributes (`NLM_F_ACK_TLVS`).
    pub ext_ack: Attrs<'a>,
}

impl<'a> DoneView<'a> {
    /// Parse the payload of `msg` (an `NLMSG_DONE`). An empty payload reads as error 0.
    pub fn parse(msg: &NlMsg<'a>) -> Result<Self, DecodeError> {
        let p = msg.payload();
        if p.is_empty() {
            return Ok(DoneView {
                error: 0,
                ext_ack: Attrs::new(&[], msg.payload_offset()),
            });
        }
        let (e, rest) = I32::ref_from_prefix(p)
            .map_err(|_| DecodeError::new(msg.payload_offset(), DecodeErrorKind::TruncatedError))?;
        Ok(DoneView {
            error: e.get(),
            ext_ack: Attrs::new(rest, msg.payload_offset() + 4),
        })
    }
}
