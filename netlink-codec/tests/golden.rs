//! Golden tests over real captures (`tests/corpus`, a copy of `shared/corpus`): every
//! buffer parses and re-encodes byte for byte, and every truncation is an error.

mod common;

use common::corpus;

use netlink_codec::header::Messages;
use netlink_codec::model::Message;

#[test]
fn every_buffer_round_trips_byte_for_byte() {
    for (name, bytes) in corpus() {
        let msgs = Message::parse_all(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut out = Vec::new();
        for m in &msgs {
            m.emit(&mut out).unwrap();
        }
        assert_eq!(out, bytes, "{name}");
    }
}

#[test]
fn every_truncation_is_an_error() {
    let mut checked = 0;
    for (name, bytes) in corpus() {
        for m in Messages::new(&bytes) {
            let m = m.unwrap();
            let whole = &bytes[m.offset()..m.offset() + 16 + m.payload().len()];
            for cut in 1..whole.len() {
                let r: Result<Vec<_>, _> = Messages::new(&whole[..cut]).collect();
                assert!(r.is_err(), "{name}@{} cut at {cut} parsed", m.offset());
                assert!(
                    Message::parse_all(&whole[..cut]).is_err(),
                    "{name}@{} cut at {cut} parsed (owned)",
                    m.offset()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 10_000, "{checked}");
}
