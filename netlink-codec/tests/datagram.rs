//! `Datagram` agrees with `Message::parse_all` on every corpus buffer (same messages,
//! ending `Aligned`, the same bytes back), and keeps the endings the kernel accepts on each
//! of them: a zeroed tail, and a last message cut before its padding.

mod common;

use common::corpus;

use netlink_codec::datagram::{Datagram, DatagramEnd};
use netlink_codec::header::Messages;
use netlink_codec::model::Message;

#[test]
fn every_corpus_buffer_is_the_same_datagram_and_gives_back_its_bytes() {
    for (name, buf) in corpus() {
        let d = Datagram::parse(&buf).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(d.messages, Message::parse_all(&buf).unwrap(), "{name}");
        assert_eq!(d.end, DatagramEnd::Aligned, "{name}");
        assert_eq!(d.to_bytes().unwrap(), buf, "{name}");

        let mut zeroed = buf.clone();
        zeroed.resize(buf.len() + 128, 0);
        let z = Datagram::parse(&zeroed).unwrap_or_else(|e| panic!("{name} zeroed: {e}"));
        assert_eq!(z.end, DatagramEnd::ZeroTail(128), "{name}");
        assert_eq!(z.to_bytes().unwrap(), zeroed, "{name}");
    }
}

#[test]
fn every_corpus_message_can_end_a_datagram_without_its_last_padding() {
    let mut checked = 0;
    for (name, buf) in corpus() {
        let Some(Ok(last)) = Messages::new(&buf).last() else {
            continue;
        };
        let m = Message::parse(&last).unwrap();
        let whole = m.to_bytes().unwrap();
        let d = Datagram {
            messages: vec![m],
            end: DatagramEnd::ShortPad(0),
        };
        let short = d.to_bytes().unwrap();
        // At most the 0-3 bytes of the last item's padding are left out.
        assert!(whole.len() - short.len() < 4, "{name}");
        assert_eq!(short[4..], whole[4..short.len()], "{name}");
        if short.len() % 4 == 0 {
            continue; // nothing to cut: the last item ends aligned
        }
        let mut prefix = buf[..last.offset()].to_vec();
        prefix.extend_from_slice(&short);
        let back = Datagram::parse(&prefix).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back.end, DatagramEnd::ShortPad(0), "{name}");
        assert_eq!(back.to_bytes().unwrap(), prefix, "{name}");
        checked += 1;
    }
    assert!(checked > 0, "no corpus message ends unaligned");
}
