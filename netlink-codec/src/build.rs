//! Building one request: `nlmsghdr`, family header, attributes, then `nlmsg_len` patched.

use zerocopy::{Immutable, IntoBytes};

use crate::align::align;
use crate::attr::{EmitBuf, Emitter};
use crate::error::EncodeError;
use crate::header::{NlMsgHdr, NlmFlags};

/// Writes one message at the end of an [`EmitBuf`]. Several builders can run one after the
/// other on the same buffer to batch requests into one `sendmsg`.
///
/// ```
/// use netlink_codec::{build::MessageBuilder, header::*, link::*};
/// let mut buf = Vec::new();
/// let mut m = MessageBuilder::new(&mut buf, RTM_NEWLINK, NlmFlags::REQUEST | NlmFlags::ACK, 7)?;
/// m.family_header(&IfInfoMsg { ifi_index: 3.into(), ..Default::default() })?;
/// m.attrs().u32(IFLA_MTU, 1500)?;
/// let len = m.finish()?;
/// assert_eq!(len, 16 + 16 + 8);
/// # Ok::<(), netlink_codec::EncodeError>(())
/// ```
pub struct MessageBuilder<'b, B: EmitBuf + ?Sized> {
    emitter: Emitter<'b, B>,
    start: usize,
}

/// Where the message starts, and its emitter.
impl<B: EmitBuf + ?Sized> core::fmt::Debug for MessageBuilder<'_, B> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("MessageBuilder")
            .field("start", &self.start)
            .field("emitter", &self.emitter)
            .finish()
    }
}

impl<'b, B: EmitBuf + ?Sized> MessageBuilder<'b, B> {
    /// Start a message: writes the `nlmsghdr` with `nlmsg_len` to be patched and `nlmsg_pid`
    /// 0 (the kernel fills in the sender).
    pub fn new(
        buf: &'b mut B,
        msg_type: u16,
        flags: NlmFlags,
        seq: u32,
    ) -> Result<Self, EncodeError> {
        let start = buf.len();
        let hdr = NlMsgHdr {
            nlmsg_len: 0.into(),
            nlmsg_type: msg_type.into(),
            nlmsg_flags: flags.bits().into(),
            nlmsg_seq: seq.into(),
            nlmsg_pid: 0.into(),
        };
        buf.put(hdr.as_bytes())?;
        Ok(MessageBuilder {
            emitter: Emitter::new(buf),
            start,
        })
    }

    /// Write the family header (`ifinfomsg`, `rtmsg`, ...), zero-padded to 4 bytes.
    pub fn family_header<T: IntoBytes + Immutable>(&mut self, h: &T) -> Result<(), EncodeError> {
        self.raw(h.as_bytes())
    }

    /// Append bytes as they are, zero-padded to 4 bytes.
    pub fn raw(&mut self, bytes: &[u8]) -> Result<(), EncodeError> {
        let pad = align(bytes.len()).ok_or(EncodeError::MessageTooLong)? - bytes.len();
        let b = self.emitter.buf();
        b.put(bytes)?;
        b.put_zeros(pad)
    }

    /// The attribute emitter for this message.
    pub fn attrs(&mut self) -> &mut Emitter<'b, B> {
        &mut self.emitter
    }

    /// Patch `nlmsg_len` and return it. Fails if a nest is still open.
    pub fn finish(self) -> Result<usize, EncodeError> {
        let MessageBuilder { mut emitter, start } = self;
        let len = emitter.buf().len() - start;
        let len32 = u32::try_from(len).map_err(|_| EncodeError::MessageTooLong)?;
        emitter.buf().written_mut()[start..start + 4].copy_from_slice(&len32.to_ne_bytes());
        emitter.finish()?;
        Ok(len)
    }
}
