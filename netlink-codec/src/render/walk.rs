//! The walk that the renderers share: a datagram's messages one at a time, then how it
//! ends, with the endings [`Datagram`] keeps.

use crate::align::align;
use crate::datagram::{Datagram, DatagramEnd};
use crate::header::{NlMsg, NlMsgHdr};
use crate::model::Message;
use crate::DecodeError;

/// What [`walk`] meets, in order.
#[derive(Debug)]
#[non_exhaustive]
pub enum Part<'m> {
    /// A message and the byte offset where it starts.
    Message(&'m Message, usize),
    /// How the datagram ends after its last message, when not [`DatagramEnd::Aligned`],
    /// and the byte offset where that ending starts (the end of the last message's bytes).
    End(DatagramEnd, usize),
}

/// Why [`walk`] stopped early.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WalkError<E> {
    /// The input is malformed (byte offset and cause).
    Decode(DecodeError),
    /// A message is longer than the limit given to [`walk`].
    TooLarge {
        /// Where the message starts.
        offset: usize,
        /// Its `nlmsg_len`.
        len: usize,
    },
    /// The callback failed.
    Stopped(E),
}

/// Decode `bytes` (one datagram, or several back to back) message by message and hand
/// each to `each`, then the ending if it is one that [`Datagram`] keeps (zero bytes after
/// the last message; a last message short of its padding). Each message is parsed only
/// when it is reached, so memory stays that of one message; one longer than `max_len`
/// bytes is refused before it is parsed. After a failure, the parts before it have been
/// handed over.
pub fn walk<E>(
    bytes: &[u8],
    max_len: usize,
    mut each: impl FnMut(Part<'_>) -> Result<(), E>,
) -> Result<(), WalkError<E>> {
    let mut at = 0;
    while at < bytes.len() {
        let rest = &bytes[at..];
        let (msg, after) = match NlMsg::parse(rest, at) {
            Ok(parsed) => parsed,
            Err(_) if rest.iter().all(|&b| b == 0) => {
                let end = DatagramEnd::ZeroTail(rest.len());
                return each(Part::End(end, at)).map_err(WalkError::Stopped);
            }
            Err(e) => return Err(WalkError::Decode(e)),
        };
        let len = NlMsgHdr::LEN + msg.payload().len();
        if len > max_len {
            return Err(WalkError::TooLarge { offset: at, len });
        }
        let full_pad = align(len).map_or(0, |a| a - len);
        if after.is_empty() && msg.pad().len() < full_pad {
            return short_end(&msg, rest, at, each);
        }
        let m = Message::parse(&msg).map_err(WalkError::Decode)?;
        each(Part::Message(&m, at)).map_err(WalkError::Stopped)?;
        at = bytes.len() - after.len();
    }
    Ok(())
}

/// The last message `msg` (its bytes, with part of its padding, are `rest`, at `at`) ends
/// short of its padding: as [`Datagram::parse`] reads it, or the error that
/// [`Message::parse`] gives for it.
fn short_end<E>(
    msg: &NlMsg<'_>,
    rest: &[u8],
    at: usize,
    mut each: impl FnMut(Part<'_>) -> Result<(), E>,
) -> Result<(), WalkError<E>> {
    let d = match Datagram::parse(rest) {
        Ok(d) if d.messages.len() == 1 => d,
        _ => {
            let e = Message::parse(msg).err();
            let e = e.unwrap_or_else(|| DecodeError::new(at, crate::DecodeErrorKind::NotCanonical));
            return Err(WalkError::Decode(e));
        }
    };
    each(Part::Message(&d.messages[0], at)).map_err(WalkError::Stopped)?;
    each(Part::End(d.end, rest.len() + at)).map_err(WalkError::Stopped)
}
