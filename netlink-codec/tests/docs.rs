//! The annotated dumps in `netlink-codec/docs/wire-format.md` are the real bytes: every block between
//! `<!-- NAME: begin (... corpus/FILE ...) -->` and `<!-- NAME: end -->` lists offsets that
//! follow each other and bytes that concatenate to exactly the named capture.

use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// (capture file name, bytes listed in the block).
fn blocks(doc: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut lines = doc.lines();
    while let Some(l) = lines.next() {
        let Some(rest) = l.strip_prefix("<!-- ") else {
            continue;
        };
        let Some((name, tail)) = rest.split_once(": begin") else {
            continue;
        };
        let file = tail
            .split_whitespace()
            .find_map(|w| w.strip_prefix("corpus/"))
            .expect("begin marker names corpus/FILE")
            .to_owned();
        let mut bytes = Vec::new();
        for l in lines.by_ref() {
            if l.starts_with(&format!("<!-- {name}: end")) {
                break;
            }
            let Some((left, _note)) = l.split_once('|') else {
                continue;
            };
            let mut it = left.split_whitespace();
            let Some(off) = it.next().and_then(|o| usize::from_str_radix(o, 16).ok()) else {
                continue; // the column heading
            };
            assert_eq!(off, bytes.len(), "{name}: offset {off:04x} out of sequence");
            for b in it {
                bytes.push(u8::from_str_radix(b, 16).expect("hex byte"));
            }
        }
        out.push((file, bytes));
    }
    out
}

#[test]
fn annotated_dumps_are_the_captures() {
    let doc = std::fs::read_to_string(root().join("docs/wire-format.md")).unwrap();
    let blocks = blocks(&doc);
    assert!(blocks.len() >= 2, "annotated blocks missing");
    for (file, listed) in &blocks {
        let real = std::fs::read(root().join("tests/corpus").join(file)).unwrap();
        assert_eq!(
            listed, &real,
            "{file}: the document's bytes differ from the capture"
        );
    }
}
