//! A whole datagram in the owned model: its messages, and how it ends.
//!
//! The kernel reads a datagram more leniently than [`Message::parse_all`]
//! (`netlink_rcv_skb`): it clamps the last message's length to the datagram, so a last
//! message need not carry its alignment padding; and it stops silently at a header whose
//! `nlmsg_len` is below 16, or when fewer than 16 bytes remain. Senders use both:
//! iproute2 6.1 sends `ip nexthop show` as a 24-byte message from a 152-byte zeroed
//! buffer, so 128 zero bytes follow it. [`Datagram`] keeps these endings, so decode then
//! encode gives back the same bytes; anything else after the last message (bytes that are
//! not all zero) is still an error naming its offset.

use crate::align::align;
use crate::attr::EmitBuf;
use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::header::{NlMsg, NlMsgHdr};
use crate::model::Message;

/// The messages of one datagram and how it ends.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Datagram {
    /// The messages, in order.
    pub messages: Vec<Message>,
    /// What follows the last message.
    pub end: DatagramEnd,
}

/// How a datagram ends, after its last message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum DatagramEnd {
    /// The last message carries its alignment padding (or needs none), and the datagram
    /// ends there: what every kernel reply and [`Message::emit`] look like.
    #[default]
    Aligned,
    /// The datagram ends inside the last message's alignment padding: its `nlmsg_len` is
    /// not a multiple of 4 (it leaves out the padding of its last attribute, raw payload or
    /// family header), and only this many (0-2) of the padding bytes follow.
    ShortPad(u8),
    /// This many zero bytes follow the last message; the kernel ignores them (their
    /// `nlmsg_len` is 0), as it ignores the rest of a zeroed send buffer.
    ZeroTail(usize),
}

impl Datagram {
    /// Decode a datagram losslessly: [`Message::parse`] for each message, plus the endings
    /// the kernel accepts (see the module docs). Errors name the offset of the message at
    /// fault, or of the bytes after the last message that are not all zero.
    pub fn parse(buf: &[u8]) -> Result<Datagram, DecodeError> {
        let mut messages = Vec::new();
        let mut at = 0;
        while at < buf.len() {
            let rest = &buf[at..];
            let (msg, after) = match NlMsg::parse(rest, at) {
                Ok(parsed) => parsed,
                Err(_) if rest.iter().all(|&b| b == 0) => {
                    let end = DatagramEnd::ZeroTail(rest.len());
                    return Ok(Datagram { messages, end });
                }
                Err(e) => return Err(e),
            };
            let len = NlMsgHdr::LEN + msg.payload().len();
            let full_pad = align(len).map_or(0, |a| a - len);
            if after.is_empty() && msg.pad().len() < full_pad {
                return Self::parse_short_end(messages, &msg, rest);
            }
            messages.push(Message::parse(&msg)?);
            at = buf.len() - after.len();
        }
        Ok(Datagram {
            messages,
            end: DatagramEnd::Aligned,
        })
    }

    /// The last message `msg` (whose bytes, with its partial padding, are `bytes`) ends
    /// short of its padding: decode it, and prove that it encodes back to `bytes`.
    fn parse_short_end(
        mut messages: Vec<Message>,
        msg: &NlMsg<'_>,
        bytes: &[u8],
    ) -> Result<Datagram, DecodeError> {
        let not_canonical = DecodeError::new(msg.offset(), DecodeErrorKind::NotCanonical);
        let last = Message::decode(msg)?;
        // A pad of 0-2 bytes: the full padding is at most 3.
        let pad = u8::try_from(msg.pad().len()).map_err(|_| not_canonical)?;
        let mut again = Vec::new();
        emit_short(&last, pad, &mut again).map_err(|_| not_canonical)?;
        if again != bytes {
            return Err(not_canonical);
        }
        messages.push(last);
        Ok(Datagram {
            messages,
            end: DatagramEnd::ShortPad(pad),
        })
    }

    /// Append the datagram to `buf`; returns the number of bytes appended. A
    /// [`DatagramEnd::ShortPad`] with no messages writes nothing for the end.
    pub fn emit<B: EmitBuf + ?Sized>(&self, buf: &mut B) -> Result<usize, EncodeError> {
        let start = buf.len();
        let (whole, short) = match (self.end, self.messages.split_last()) {
            (DatagramEnd::ShortPad(pad), Some((last, init))) => (init, Some((last, pad))),
            _ => (&self.messages[..], None),
        };
        for m in whole {
            m.emit(buf)?;
        }
        if let Some((last, pad)) = short {
            let mut v = Vec::new();
            emit_short(last, pad, &mut v)?;
            buf.put(&v)?;
        }
        if let DatagramEnd::ZeroTail(n) = self.end {
            buf.put_zeros(n)?;
        }
        Ok(buf.len() - start)
    }

    /// Encode to a new vector.
    pub fn to_bytes(&self) -> Result<Vec<u8>, EncodeError> {
        let mut v = Vec::new();
        self.emit(&mut v)?;
        Ok(v)
    }
}

/// `m` with `nlmsg_len` leaving out the padding of its last item, followed by only `pad`
/// bytes of that padding.
fn emit_short(m: &Message, pad: u8, out: &mut Vec<u8>) -> Result<(), EncodeError> {
    let start = out.len();
    let emitted = m.emit(out)?;
    let len = m.unpadded_len(emitted)?;
    let len32 = u32::try_from(len).map_err(|_| EncodeError::MessageTooLong)?;
    out[start..start + 4].copy_from_slice(&len32.to_ne_bytes());
    out.truncate(start + emitted.min(len + usize::from(pad)));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::header::{NlmFlags, RTM_GETNEXTHOP, RTM_NEWLINK};
    use crate::link::{IfInfoMsg, IFLA_IFNAME, IFLA_MTU};
    use crate::model::{AttrValue, Body, Header, Node};
    use crate::nexthop::NhMsg;

    /// `ip nexthop show` as iproute2 6.1 sends it: `struct { nlmsghdr; nhmsg; char
    /// buf[128]; }` zeroed, `nlmsg_len` 24, all 152 bytes sent.
    fn nexthop_dump_request() -> Vec<u8> {
        let m = Message::request(
            RTM_GETNEXTHOP,
            NlmFlags::DUMP,
            1_700_000_000,
            Body::Nexthop(Header(NhMsg::default()), Vec::new()),
        );
        let mut buf = m.to_bytes().unwrap();
        assert_eq!(buf.len(), 24);
        buf.resize(152, 0);
        buf
    }

    #[test]
    fn a_zeroed_send_buffer_after_the_last_message_is_kept_and_given_back() {
        let buf = nexthop_dump_request();
        // Message-by-message parsing rejects the tail (its nlmsg_len is 0).
        assert_eq!(
            Message::parse_all(&buf),
            Err(DecodeError::new(24, DecodeErrorKind::MessageLenTooSmall))
        );
        let d = Datagram::parse(&buf).unwrap();
        assert_eq!(d.messages.len(), 1);
        assert_eq!(d.messages[0].msg_type, RTM_GETNEXTHOP);
        assert_eq!(d.end, DatagramEnd::ZeroTail(128));
        assert_eq!(d.to_bytes().unwrap(), buf);
        // Fewer than 16 zero bytes: the kernel stops there too.
        let d = Datagram::parse(&buf[..28]).unwrap();
        assert_eq!(d.end, DatagramEnd::ZeroTail(4));
        assert_eq!(d.to_bytes().unwrap(), buf[..28]);
    }

    #[test]
    fn bytes_after_the_last_message_that_are_not_zero_are_an_error_at_their_offset() {
        let mut buf = nexthop_dump_request();
        buf[24] = 8; // a header claiming 8 bytes
        assert_eq!(
            Datagram::parse(&buf),
            Err(DecodeError::new(24, DecodeErrorKind::MessageLenTooSmall))
        );
        let mut buf = nexthop_dump_request();
        buf[151] = 1; // zeros, then one stray byte
        assert_eq!(
            Datagram::parse(&buf),
            Err(DecodeError::new(24, DecodeErrorKind::MessageLenTooSmall))
        );
        let mut buf = nexthop_dump_request();
        buf.truncate(24 + 5);
        buf[28] = 1; // five bytes, not all zero: a truncated header
        assert_eq!(
            Datagram::parse(&buf),
            Err(DecodeError::new(
                24,
                DecodeErrorKind::TruncatedMessageHeader
            ))
        );
    }

    /// An `RTM_NEWLINK` whose last attribute, `IFLA_IFNAME` "veth0" without its NUL, is
    /// not padded: `nlmsg_len` 49.
    fn unpadded_newlink() -> (Message, Vec<u8>) {
        let m = Message::request(
            RTM_NEWLINK,
            NlmFlags::ACK,
            9,
            Body::Link(
                Header(IfInfoMsg::default()),
                vec![
                    Node::new(IFLA_MTU, AttrValue::U32(1500)),
                    Node::new(IFLA_IFNAME, AttrValue::Str("veth0".into(), false)),
                ],
            ),
        );
        let mut buf = m.to_bytes().unwrap();
        assert_eq!(buf.len(), 52);
        buf.truncate(49);
        buf[..4].copy_from_slice(&49u32.to_ne_bytes());
        (m, buf)
    }

    #[test]
    fn a_last_message_without_its_padding_is_kept_and_given_back() {
        let (m, buf) = unpadded_newlink();
        assert_eq!(
            Message::parse_all(&buf),
            Err(DecodeError::new(0, DecodeErrorKind::NotCanonical))
        );
        let d = Datagram::parse(&buf).unwrap();
        assert_eq!(d.messages, core::slice::from_ref(&m));
        assert_eq!(d.end, DatagramEnd::ShortPad(0));
        assert_eq!(d.to_bytes().unwrap(), buf);

        // After a whole message, and with one of its three padding bytes.
        let mut two = m.to_bytes().unwrap();
        two.extend_from_slice(&buf);
        two.push(0);
        let d = Datagram::parse(&two).unwrap();
        assert_eq!(d.messages, [m.clone(), m]);
        assert_eq!(d.end, DatagramEnd::ShortPad(1));
        assert_eq!(d.to_bytes().unwrap(), two);

        // A raw payload of 63 bytes, nlmsg_len 79, and the datagram ends there.
        let raw = Message {
            msg_type: 7,
            flags: 0,
            seq: 1,
            pid: 2,
            body: Body::Raw((1..=63).collect()),
        };
        let bytes = raw.to_bytes().unwrap();
        let d = Datagram::parse(&bytes[..79]).unwrap();
        assert_eq!((d.messages, d.end), (vec![raw], DatagramEnd::ShortPad(0)));
    }

    #[test]
    fn a_short_end_refuses_kept_padding_it_would_not_send() {
        let (mut m, _) = unpadded_newlink();
        let Body::Link(_, nodes) = &mut m.body else {
            unreachable!()
        };
        nodes[1].pad = crate::model::Pad::new(&[7, 0, 0]).unwrap();
        assert_eq!(
            m.to_bytes().map(|b| b.len()),
            Ok(52),
            "a whole message sends it"
        );
        let d = Datagram {
            messages: vec![m],
            end: DatagramEnd::ShortPad(1),
        };
        let kind = IFLA_IFNAME;
        assert_eq!(
            d.to_bytes(),
            Err(EncodeError::PadLength {
                kind,
                pad: 3,
                needed: 0
            })
        );
    }

    #[test]
    fn a_short_padding_that_is_not_zero_is_an_error() {
        let (_, mut buf) = unpadded_newlink();
        buf.push(7);
        assert_eq!(
            Datagram::parse(&buf),
            Err(DecodeError::new(49, DecodeErrorKind::NonZeroPadding))
        );
    }
}
