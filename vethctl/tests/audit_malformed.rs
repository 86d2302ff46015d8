//! Malformed input: `decode` prints every message before the bad one, then fails with
//! the byte offset and the cause; nothing panics, whatever the bytes. Inputs are every
//! truncation of the corpus buffers and many seeded random mutations of them.

mod audit_support;

use audit_support::{corpus, Rng};
use netlink_codec::header::Messages;
use netlink_codec::model::Message;
use vethctl::audit::encode_lines;
use vethctl::render::{decode_error, message_text, write_json, write_text};

/// Render `bytes` both ways. When decoding succeeds, the JSON must encode back to the
/// same bytes; when it fails, the error must be a located decode error and the output
/// must be exactly the messages before it.
fn check(bytes: &[u8]) {
    let mut text = Vec::new();
    let rt = write_text(&mut text, bytes);
    let mut json = Vec::new();
    let rj = write_json(&mut json, bytes);
    let json = String::from_utf8(json).unwrap();
    match (rt, rj) {
        (Ok(()), Ok(())) => {
            let again = encode_lines(&json).unwrap();
            assert_eq!(again, bytes, "round trip of a decodable input");
        }
        (Err(et), Err(ej)) => {
            let dt = decode_error(&et).expect("a decode error");
            let dj = decode_error(&ej).expect("a decode error");
            assert_eq!(dt, dj);
            assert!(dt.offset <= bytes.len(), "{dt} past the end");
            // Everything before the bad message was printed, and nothing else.
            let mut before = String::new();
            let mut n = 0;
            for m in Messages::new(bytes) {
                let Ok(m) = m else { break };
                let Ok(parsed) = Message::parse(&m) else {
                    break;
                };
                before.push_str(&message_text(&parsed, m.offset()));
                n += 1;
            }
            assert_eq!(String::from_utf8(text).unwrap(), before);
            assert_eq!(json.lines().count(), n);
            assert!(dt
                .to_string()
                .starts_with(&format!("at byte {}: ", dt.offset)));
        }
        (a, b) => panic!("text and JSON disagree: {a:?} / {b:?}"),
    }
}

#[test]
fn every_truncation_fails_at_an_offset_after_what_printed() {
    let mut failures = 0;
    for (name, bytes) in corpus() {
        let boundaries: Vec<usize> = Messages::new(&bytes)
            .map(|m| {
                let m = m.unwrap();
                m.offset() + 16 + m.payload().len() + m.pad().len()
            })
            .collect();
        for cut in 0..bytes.len() {
            let part = &bytes[..cut];
            let r = std::panic::catch_unwind(|| check(part));
            assert!(r.is_ok(), "{name} cut at {cut} panicked");
            let mut sink = Vec::new();
            let ok = write_text(&mut sink, part).is_ok();
            // A cut between messages is a shorter, valid run, and so is one whose bytes
            // after the last whole message are all zero (a zeroed ending, which the kernel
            // ignores: a first `nlmsg_len` of 256 starts with a zero byte); any other cut is
            // an error.
            let last = boundaries.iter().copied().filter(|&b| b <= cut).max();
            let zero_tail = part[last.unwrap_or(0)..].iter().all(|&b| b == 0);
            assert_eq!(
                ok,
                cut == 0 || boundaries.contains(&cut) || zero_tail,
                "{name} cut at {cut}"
            );
            failures += usize::from(!ok);
        }
    }
    assert!(failures > 30_000, "{failures}");
}

#[test]
fn a_bad_second_message_prints_the_first_then_names_the_offset() {
    let (_, bytes) = corpus()
        .into_iter()
        .find(|(n, _)| n == "0112-rep.bin")
        .unwrap();
    let first = Messages::new(&bytes).next().unwrap().unwrap();
    let second_at = 16 + first.payload().len() + first.pad().len();
    let mut bad = bytes.clone();
    // nlmsg_len of the second message points far past the end.
    bad[second_at..second_at + 4].copy_from_slice(&0xffffu32.to_ne_bytes());
    let mut out = Vec::new();
    let e = write_text(&mut out, &bad).unwrap_err();
    let d = decode_error(&e).unwrap();
    assert_eq!(d.offset, second_at);
    assert_eq!(
        d.to_string(),
        format!("at byte {second_at}: nlmsg_len runs past the end of the buffer")
    );
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with("     0 RTM_NEWROUTE len=116"), "{out}");
    assert!(
        !out.contains(&format!("{second_at:>6} RTM_NEWROUTE")),
        "{out}"
    );
}

#[test]
fn random_mutations_never_panic_and_round_trip_when_they_decode() {
    let corpus = corpus();
    let mut rng = Rng(0x5eed_cafe_f00d_0001);
    let (mut decoded, mut failed) = (0, 0);
    for round in 0..20_000 {
        let (name, base) = &corpus[rng.below(corpus.len())];
        let mut b = base.clone();
        for _ in 0..1 + rng.below(4) {
            match rng.below(4) {
                // Flip a byte.
                0 if !b.is_empty() => {
                    let i = rng.below(b.len());
                    b[i] = rng.next() as u8;
                }
                // Change a 16-bit length-ish field to a small value.
                1 if b.len() > 2 => {
                    let i = rng.below(b.len() - 1) & !1;
                    let v = (rng.below(64) as u16).to_ne_bytes();
                    b[i..i + 2].copy_from_slice(&v);
                }
                // Drop a byte.
                2 if !b.is_empty() => {
                    let i = rng.below(b.len());
                    b.remove(i);
                }
                // Insert random bytes.
                _ => {
                    let i = rng.below(b.len() + 1);
                    b.insert(i, rng.next() as u8);
                }
            }
        }
        let r = std::panic::catch_unwind(|| check(&b));
        assert!(
            r.is_ok(),
            "round {round}: mutation of {name} panicked: {b:02x?}"
        );
        let mut sink = Vec::new();
        if write_text(&mut sink, &b).is_ok() {
            decoded += 1;
        } else {
            failed += 1;
        }
    }
    // Both paths were exercised.
    assert!(
        decoded > 1000 && failed > 1000,
        "{decoded} decoded, {failed} failed"
    );
}

#[test]
fn random_json_edits_never_panic() {
    let corpus = corpus();
    let mut rng = Rng(0x0bad_5eed_0000_0002);
    let lines: Vec<String> = corpus
        .iter()
        .flat_map(|(_, b)| {
            audit_support::json_of(b)
                .lines()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    let tokens = [
        "0",
        "-1",
        "65536",
        "4294967296",
        "\"\"",
        "null",
        "true",
        "[]",
        "{}",
        "\"IFLA_FOO\"",
        "\"zz\"",
        "1e3",
        "\"::1\"",
        "\"NLM_F_CREATE\"",
    ];
    let (mut ok, mut err) = (0, 0);
    for _ in 0..20_000 {
        let line = &lines[rng.below(lines.len())];
        // Replace a JSON scalar after a ':' with another token.
        let colons: Vec<usize> = line.match_indices(':').map(|(i, _)| i).collect();
        let at = colons[rng.below(colons.len())] + 1;
        let end = line[at..]
            .find([',', '}', ']'])
            .map_or(line.len(), |e| at + e);
        let edited = format!(
            "{}{}{}",
            &line[..at],
            tokens[rng.below(tokens.len())],
            &line[end..]
        );
        match std::panic::catch_unwind(|| encode_lines(&edited).map(|_| ())) {
            Ok(Ok(())) => ok += 1,
            Ok(Err(e)) => {
                assert!(format!("{e:#}").starts_with("line 1: "), "{e:#}");
                err += 1;
            }
            Err(_) => panic!("encode panicked on {edited}"),
        }
    }
    assert!(ok > 100 && err > 1000, "{ok} encoded, {err} rejected");
}
