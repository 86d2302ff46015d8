//! Datagram endings that the kernel accepts and `Message::parse_all` refuses: `decode`
//! shows them (text and JSON) instead of failing, and `encode` of that JSON gives the same
//! bytes back.

use netlink_codec::datagram::{Datagram, DatagramEnd};
use netlink_codec::header::{NlmFlags, RTM_GETLINK, RTM_GETNEXTHOP, RTM_NEWLINK};
use netlink_codec::link::{IfInfoMsg, IFLA_IFNAME};
use netlink_codec::model::{AttrValue, Body, Header, Message, Node, Pad};
use netlink_codec::nexthop::NhMsg;
use vethctl::audit::encode_lines;
use vethctl::render::{write_json, write_text};

fn decoded(bytes: &[u8]) -> (String, String) {
    let mut text = Vec::new();
    write_text(&mut text, bytes).unwrap();
    let mut json = Vec::new();
    write_json(&mut json, bytes).unwrap();
    (
        String::from_utf8(text).unwrap(),
        String::from_utf8(json).unwrap(),
    )
}

/// iproute2 6.1's `ip nexthop show`: a 24-byte request sent from a 152-byte zeroed buffer.
#[test]
fn a_zeroed_send_buffer_decodes_and_encodes_back() {
    let m = Message::request(
        RTM_GETNEXTHOP,
        NlmFlags::DUMP,
        7,
        Body::Nexthop(Header(NhMsg::default()), Vec::new()),
    );
    let mut bytes = m.to_bytes().unwrap();
    assert_eq!(bytes.len(), 24);
    bytes.resize(152, 0);
    let (text, json) = decoded(&bytes);
    assert!(text.starts_with("     0 RTM_GETNEXTHOP len=24 "), "{text}");
    assert!(
        text.ends_with(
            "\n    24 end: 128 zero bytes after the last message (the kernel ignores them)\n"
        ),
        "{text}"
    );
    let lines: Vec<&str> = json.lines().collect();
    assert_eq!(lines.len(), 2, "{json}");
    assert_eq!(lines[1], r#"{"end":"zero_tail","zeros":128}"#);
    assert_eq!(encode_lines(&json).unwrap(), bytes);
}

/// A last message whose `nlmsg_len` leaves out its last attribute's padding (39 bytes),
/// with none of that padding sent.
#[test]
fn a_last_message_without_its_padding_decodes_and_encodes_back() {
    let name = Node {
        raw_type: IFLA_IFNAME,
        value: AttrValue::Str("ab".into(), true),
        pad: Pad::ZERO,
    };
    let first = Message::request(
        RTM_GETLINK,
        NlmFlags::empty(),
        1,
        Body::Link(Header(IfInfoMsg::default()), vec![]),
    );
    let last = Message::request(
        RTM_NEWLINK,
        NlmFlags::CREATE,
        2,
        Body::Link(Header(IfInfoMsg::default()), vec![name]),
    );
    let d = Datagram {
        messages: vec![first, last],
        end: DatagramEnd::ShortPad(0),
    };
    let bytes = d.to_bytes().unwrap();
    assert_eq!(bytes.len(), 32 + 39);
    let (text, json) = decoded(&bytes);
    assert!(text.contains("\n    32 RTM_NEWLINK len=40 "), "{text}");
    assert!(text.contains("IFLA_IFNAME: \"ab\""), "{text}");
    assert!(
        text.ends_with(
            "\n    71 end: the last message stops inside its alignment padding (0 padding bytes)\n"
        ),
        "{text}"
    );
    assert_eq!(json.lines().last(), Some(r#"{"end":"short_pad","pad":0}"#));
    assert_eq!(encode_lines(&json).unwrap(), bytes);
}

#[test]
fn endings_in_json_are_checked() {
    let e = encode_lines(r#"{"end":"short_pad","pad":0}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "line 1: a short padding ends a message, and none comes before it"
    );
    let e = encode_lines(r#"{"end":"zero_tail","zeros":100000000}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "line 1: cannot encode: zeros: more than the 64 MiB vethctl reads"
    );
    let e = encode_lines(r#"{"end":"short_pad","pad":3}"#).unwrap_err();
    assert_eq!(e.to_string(), "line 1: pad: a short padding has 0-2 bytes");
    let e = encode_lines(r#"{"end":"tail"}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"line 1: end: expected "zero_tail", "short_pad" or "aligned""#
    );
}
