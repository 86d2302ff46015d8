//! [`ErrorRepr`]: `NLMSG_ERROR`, an error or an ACK, with extended ACK.

use core::fmt;

use zerocopy::IntoBytes;

use super::{padded, repr_attrs};
use crate::ack::*;
use crate::attr::EmitBuf;
use crate::build::MessageBuilder;
use crate::errno::Errno;
use crate::error::{DecodeError, EncodeError};
use crate::header::{align, NlMsg, NlMsgHdr, NlmFlags};

/// An `NLMSG_ERROR`: the errno (0 for an ACK), the echoed request and the extended-ACK
/// attributes.
///
/// ```
/// use netlink_codec::{build::MessageBuilder, header::*, repr::*};
/// let e = ErrorRepr {
///     error: -17,
///     request: NlMsgHdr { nlmsg_len: 40.into(), nlmsg_type: RTM_NEWLINK.into(), nlmsg_seq: 3.into(), ..Default::default() },
///     ext_ack: ExtAckAttrs { msg: Some("File exists"), offs: Some(20), ..Default::default() },
///     ..Default::default()
/// };
/// assert_eq!(e.nlm_flags(), NlmFlags::CAPPED | NlmFlags::ACK_TLVS);
/// let mut buf = Vec::new();
/// let mut m = MessageBuilder::new(&mut buf, NLMSG_ERROR, e.nlm_flags(), 3)?;
/// e.emit(&mut m)?;
/// assert_eq!(m.finish()?, 16 + e.buffer_len());
/// let back = ErrorRepr::parse(&Messages::new(&buf).next().unwrap()?)?;
/// assert_eq!(back.errno(), Some(netlink_codec::Errno::EEXIST));
/// assert_eq!(back.ext_ack.msg, Some("File exists"));
/// assert_eq!(e.to_string(), r#"error EEXIST for seq 3 msg "File exists" offs 20"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ErrorRepr<'a> {
    /// `error`: 0 for an ACK, else a negative errno.
    pub error: i32,
    /// The echoed request's `nlmsghdr`.
    pub request: NlMsgHdr,
    /// The rest of the echoed request (empty when the kernel capped it, `NLM_F_CAPPED`).
    pub request_payload: &'a [u8],
    /// The extended-ACK attributes (`NLM_F_ACK_TLVS`).
    pub ext_ack: ExtAckAttrs<'a>,
}

impl<'a> ErrorRepr<'a> {
    /// Parse an `NLMSG_ERROR` (checked by [`ErrorView::parse`]). See the
    /// [type's example](ErrorRepr).
    pub fn parse(msg: &NlMsg<'a>) -> Result<Self, DecodeError> {
        let v = ErrorView::parse(msg)?;
        let echoed = v.request();
        let end = 4 + echoed.len();
        let p = msg.payload();
        let tlvs_at = align(end).map_or(p.len(), |a| a.min(p.len()));
        let tlvs = if msg.flags().contains(NlmFlags::ACK_TLVS) {
            &p[tlvs_at..]
        } else {
            &[][..]
        };
        Ok(ErrorRepr {
            error: v.raw_error(),
            request: v.request_header().copied().unwrap_or_default(),
            request_payload: echoed.get(NlMsgHdr::LEN..).unwrap_or_default(),
            ext_ack: ExtAckAttrs::parse_attrs(tlvs, msg.payload_offset() + tlvs_at)?,
        })
    }

    /// The errno, or `None` for an ACK.
    pub fn errno(&self) -> Option<Errno> {
        Errno::from_nlmsgerr(self.error)
    }

    /// The `nlmsg_flags` this message needs: `NLM_F_CAPPED` when the echo is shorter than
    /// the request's `nlmsg_len`, `NLM_F_ACK_TLVS` when there are extended-ACK attributes.
    pub fn nlm_flags(&self) -> NlmFlags {
        let mut f = NlmFlags::empty();
        let echoed = NlMsgHdr::LEN + self.request_payload.len();
        if usize::try_from(self.request.nlmsg_len.get()).map_or(true, |l| l > echoed) {
            f |= NlmFlags::CAPPED;
        }
        if self.ext_ack.attrs_len() > 0 {
            f |= NlmFlags::ACK_TLVS;
        }
        f
    }

    /// Bytes [`ErrorRepr::emit`] writes (the message without its `nlmsghdr`).
    pub fn buffer_len(&self) -> usize {
        4 + NlMsgHdr::LEN + padded(self.request_payload.len()) + self.ext_ack.attrs_len()
    }

    /// Write `struct nlmsgerr`, the rest of the echo and the extended ACK. The message's
    /// flags should be [`ErrorRepr::nlm_flags`].
    pub fn emit<B: EmitBuf + ?Sized>(
        &self,
        m: &mut MessageBuilder<'_, B>,
    ) -> Result<(), EncodeError> {
        m.raw(self.error.as_bytes())?;
        m.raw(self.request.as_bytes())?;
        m.raw(self.request_payload)?;
        self.ext_ack.emit_attrs(m.attrs())
    }
}

/// `ack` or `error ERRNO`, the request's sequence number, and the extended ACK.
impl fmt::Display for ErrorRepr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.errno() {
            None => f.write_str("ack")?,
            Some(e) => write!(f, "error {}", e.name().unwrap_or("?"))?,
        }
        write!(
            f,
            " for seq {}{}",
            self.request.nlmsg_seq.get(),
            self.ext_ack
        )
    }
}

repr_attrs! {
    /// The typed extended-ACK attributes, `NLMSGERR_ATTR_*`.
    ///
    /// ```
    /// use netlink_codec::repr::ExtAckAttrs;
    /// assert_eq!(ExtAckAttrs { miss_type: Some(3), ..Default::default() }.attrs_len(), 8);
    /// ```
    pub struct ExtAckAttrs<'a> in EXT_ACK {
        /// `NLMSGERR_ATTR_MSG`: the kernel's explanation.
        msg: &'a str = NLMSGERR_ATTR_MSG,
        /// `NLMSGERR_ATTR_OFFS`: offset of the offending attribute in the request.
        offs: u32 = NLMSGERR_ATTR_OFFS,
        /// `NLMSGERR_ATTR_COOKIE`.
        cookie: &'a [u8] = NLMSGERR_ATTR_COOKIE,
        /// `NLMSGERR_ATTR_POLICY`: the policy the attribute broke (nested, kept as bytes).
        policy: &'a [u8] = NLMSGERR_ATTR_POLICY,
        /// `NLMSGERR_ATTR_MISS_TYPE`: a missing attribute's type.
        miss_type: u32 = NLMSGERR_ATTR_MISS_TYPE,
        /// `NLMSGERR_ATTR_MISS_NEST`: offset of the nest that misses it.
        miss_nest: u32 = NLMSGERR_ATTR_MISS_NEST,
    }
}
