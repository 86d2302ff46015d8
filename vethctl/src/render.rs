//! Writes netlink messages for people and for tools: a tree with kernel names
//! ([`write_text`]) and JSON Lines ([`write_json`]), one message at a time, as the codec's
//! renderer ([`netlink_codec::render`]) shows them. What is vethctl's own here: the output
//! is a stream ([`io::Write`]), and a message over [`MAX_MESSAGE`] is refused.
//!
//! The JSON shape, and the bounds on depth, are in the codec's [`netlink_codec::render`]
//! docs; vethctl turns on serde_json's `preserve_order`, so keys print in the documented
//! order (`len`, `type`, `flags`, ...) rather than sorted.

use std::io;

use netlink_codec::header::{Messages, NlMsgHdr};
use netlink_codec::model::Message;
pub use netlink_codec::render::{hex, message_json, message_text, MAX_ECHO};
use netlink_codec::DecodeError;

/// Write the human tree for a run of messages (one datagram, or several back to back).
///
/// Malformed input: everything before the bad message is written, then the call fails
/// with an [`io::ErrorKind::InvalidData`] error whose inner error is the
/// [`DecodeError`] (byte offset and cause), or [`MessageTooLarge`] for a message over
/// [`MAX_MESSAGE`] ([`input_error`] says which).
pub fn write_text(out: &mut impl io::Write, bytes: &[u8]) -> io::Result<()> {
    render(out, bytes, 0, |out, m, off| {
        out.write_all(message_text(m, off).as_bytes())
    })
}

/// Write one JSON object per message (JSON Lines). Malformed input as for [`write_text`].
pub fn write_json(out: &mut impl io::Write, bytes: &[u8]) -> io::Result<()> {
    render(out, bytes, 0, |out, m, _| {
        serde_json::to_writer(&mut *out, &message_json(m))?;
        out.write_all(b"\n")
    })
}

/// The largest message the renderers decode (128 KiB): larger than any the kernel sends
/// or takes with default socket buffers (a link with 256 VFs is some 80 KB), and small
/// enough that its model and its JSON (up to some 300 bytes of memory per byte of input,
/// for a message of 4-byte attributes) stay in tens of MiB. A larger message is an
/// error naming its offset ([`MessageTooLarge`]).
pub const MAX_MESSAGE: usize = 128 << 10;

/// A message over [`MAX_MESSAGE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("at byte {offset}: a message of {len} bytes, over the {} KiB vethctl decodes", MAX_MESSAGE >> 10)]
pub struct MessageTooLarge {
    /// Where the message starts.
    pub offset: usize,
    /// Its `nlmsg_len`.
    pub len: usize,
}

/// Parse each message of `bytes` losslessly and hand it to `each` with its offset
/// (`base` is added to offsets, for buffers that are part of a larger input).
pub(crate) fn render<W: io::Write>(
    out: &mut W,
    bytes: &[u8],
    base: usize,
    mut each: impl FnMut(&mut W, &Message, usize) -> io::Result<()>,
) -> io::Result<()> {
    for msg in Messages::new(bytes) {
        if let Ok(m) = &msg {
            let len = NlMsgHdr::LEN + m.payload().len();
            if len > MAX_MESSAGE {
                let offset = base + m.offset();
                let e = MessageTooLarge { offset, len };
                return Err(io::Error::new(io::ErrorKind::InvalidData, e));
            }
        }
        let parsed = msg.and_then(|m| Message::parse(&m).map(|p| (p, m.offset())));
        match parsed {
            Ok((m, off)) => each(out, &m, base + off)?,
            Err(e) => {
                let e = DecodeError::new(e.offset + base, e.kind);
                return Err(io::Error::new(io::ErrorKind::InvalidData, e));
            }
        }
    }
    Ok(())
}

/// What was wrong with the input, for an error from [`write_text`] / [`write_json`] that
/// is about the input (malformed, or a message over [`MAX_MESSAGE`]).
pub fn input_error(e: &io::Error) -> Option<String> {
    if let Some(d) = decode_error(e) {
        return Some(format!("malformed netlink: {d}"));
    }
    e.get_ref()
        .and_then(|i| i.downcast_ref::<MessageTooLarge>())
        .map(ToString::to_string)
}

/// The [`DecodeError`] inside an error from [`write_text`] / [`write_json`], if that is
/// what it is.
pub fn decode_error(e: &io::Error) -> Option<DecodeError> {
    e.get_ref()
        .and_then(|i| i.downcast_ref::<DecodeError>())
        .copied()
}
