//! [`NsidRepr`]: `RTM_*NSID` (`rtgenmsg` and `NETNSA_*`).

use core::fmt;

use super::{padded, repr_attrs, split_body};
use crate::attr::EmitBuf;
use crate::build::MessageBuilder;
use crate::error::{DecodeError, EncodeError};
use crate::header::NlMsg;
use crate::nsid::*;

/// A namespace id (`RTM_NEWNSID`, `RTM_DELNSID`, `RTM_GETNSID`).
///
/// ```
/// use netlink_codec::{af::AF_UNSPEC, build::MessageBuilder, header::*, repr::*};
/// let ask = NsidRepr { family: AF_UNSPEC, attrs: NsidAttrs { fd: Some(5), ..Default::default() } };
/// let mut buf = Vec::new();
/// let mut m = MessageBuilder::new(&mut buf, RTM_GETNSID, NlmFlags::REQUEST, 1)?;
/// ask.emit(&mut m)?;
/// assert_eq!(m.finish()?, 16 + ask.buffer_len());
/// assert_eq!(NsidRepr::parse(&Messages::new(&buf).next().unwrap()?)?, ask.clone());
/// assert_eq!(ask.to_string(), "nsid fd 5");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NsidRepr<'a> {
    /// `rtgen_family`.
    pub family: u8,
    /// The `NETNSA_*` attributes.
    pub attrs: NsidAttrs<'a>,
}

impl<'a> NsidRepr<'a> {
    /// Parse a namespace id message. See the [type's example](NsidRepr).
    #[inline]
    pub fn parse(msg: &NlMsg<'a>) -> Result<Self, DecodeError> {
        let (h, attrs, at) = split_body::<RtGenMsg>(msg.payload(), msg.payload_offset())?;
        Ok(NsidRepr {
            family: h.rtgen_family,
            attrs: NsidAttrs::parse_attrs(attrs, at)?,
        })
    }

    /// Bytes [`NsidRepr::emit`] writes (the message without its `nlmsghdr`).
    pub fn buffer_len(&self) -> usize {
        padded(RtGenMsg::LEN) + self.attrs.attrs_len()
    }

    /// Write the `rtgenmsg` (padded to 4 bytes) and the attributes.
    pub fn emit<B: EmitBuf + ?Sized>(
        &self,
        m: &mut MessageBuilder<'_, B>,
    ) -> Result<(), EncodeError> {
        m.family_header(&RtGenMsg {
            rtgen_family: self.family,
        })?;
        self.attrs.emit_attrs(m.attrs())
    }
}

/// `nsid` and the set attributes.
impl fmt::Display for NsidRepr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "nsid{}", self.attrs)
    }
}

repr_attrs! {
    /// The typed `NETNSA_*` attributes of an [`NsidRepr`].
    ///
    /// ```
    /// use netlink_codec::repr::NsidAttrs;
    /// assert_eq!(NsidAttrs { nsid: Some(0), pid: Some(1), ..Default::default() }.attrs_len(), 16);
    /// ```
    pub struct NsidAttrs<'a> in NSID {
        /// `NETNSA_NSID`: the id (-1: none assigned).
        nsid: i32 = NETNSA_NSID,
        /// `NETNSA_PID`: the namespace of this process.
        pid: u32 = NETNSA_PID,
        /// `NETNSA_FD`: the namespace of this file descriptor.
        fd: u32 = NETNSA_FD,
        /// `NETNSA_TARGET_NSID`: answer for this namespace.
        target_nsid: i32 = NETNSA_TARGET_NSID,
        /// `NETNSA_CURRENT_NSID`: the id of the namespace asked about, seen from the target.
        current_nsid: i32 = NETNSA_CURRENT_NSID,
    }
}
