//! Writes netlink messages for people and for tools: a tree with kernel names
//! ([`write_text`]) and JSON Lines ([`write_json`]), one message at a time, as the codec's
//! renderer ([`netlink_codec::render`]) shows them. What is vethctl's own here: the output
//! is a stream ([`io::Write`]), and a message over [`MAX_MESSAGE`] is refused.
//!
//! The JSON shape, and the bounds on depth, are in the codec's [`netlink_codec::render`]
//! docs; vethctl turns on serde_json's `preserve_order`, so keys print in the documented
//! order (`len`, `type`, `flags`, ...) rather than sorted.

use std::io;

use netlink_codec::render::{end_json, end_text, walk, Part, WalkError};
pub use netlink_codec::render::{hex, message_json, message_text, MAX_ECHO};
use netlink_codec::DecodeError;

/// Write the human tree for a run of messages (one datagram, or several back to back),
/// and how the datagram ends when it keeps zero bytes after its last message or a last
/// message without its padding ([`netlink_codec::render::end_text`]).
///
/// Malformed input: everything before the bad message is written, then the call fails
/// with an [`io::ErrorKind::InvalidData`] error whose inner error is the
/// [`DecodeError`] (byte offset and cause), or [`MessageTooLarge`] for a message over
/// [`MAX_MESSAGE`] ([`input_error`] says which).
pub fn write_text(out: &mut impl io::Write, bytes: &[u8]) -> io::Result<()> {
    render(bytes, |part| match part {
        Part::Message(m, off) => out.write_all(message_text(m, off).as_bytes()),
        Part::End(end, off) => out.write_all(end_text(end, off).as_bytes()),
        _ => Ok(()),
    })
}

/// Write one JSON object per message (JSON Lines), and one for the datagram's ending as
/// [`write_text`] shows it ([`netlink_codec::render::end_json`]). Malformed input as for
/// [`write_text`].
pub fn write_json(out: &mut impl io::Write, bytes: &[u8]) -> io::Result<()> {
    render(bytes, |part| {
        let line = match part {
            Part::Message(m, _) => message_json(m),
            Part::End(end, _) => end_json(end),
            _ => return Ok(()),
        };
        serde_json::to_writer(&mut *out, &line)?;
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

/// Walk `bytes` with the codec ([`walk`]), each message parsed only when reached and
/// refused before that when over [`MAX_MESSAGE`]; errors about the input become
/// [`io::ErrorKind::InvalidData`].
fn render(bytes: &[u8], each: impl FnMut(Part<'_>) -> io::Result<()>) -> io::Result<()> {
    let invalid =
        |e: Box<dyn std::error::Error + Send + Sync>| io::Error::new(io::ErrorKind::InvalidData, e);
    match walk(bytes, MAX_MESSAGE, each) {
        Ok(()) => Ok(()),
        Err(WalkError::Decode(e)) => Err(invalid(Box::new(e))),
        Err(WalkError::TooLarge { offset, len }) => {
            Err(invalid(Box::new(MessageTooLarge { offset, len })))
        }
        Err(WalkError::Stopped(e)) => Err(e),
        Err(_) => Err(io::Error::other(
            "the codec stopped for a reason vethctl does not know",
        )),
    }
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
