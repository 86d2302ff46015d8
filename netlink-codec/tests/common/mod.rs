//! The golden corpus, shared by the integration tests that walk it.
#![allow(dead_code)]

use std::path::PathBuf;

/// `netlink-codec/tests/corpus`: the captured buffers (`*.bin`) and their strace
/// `manifest.json`. Inside the crate, so that the tests also run from the packaged crate.
pub(crate) fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// Every `*.bin` buffer of the corpus with its file name, sorted by name.
pub(crate) fn corpus() -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "bin"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    v.sort();
    assert_eq!(v.len(), 467, "corpus incomplete");
    v
}

/// The one message of `raw`, parsed into the owned model (the annotated-bytes tests).
pub(crate) fn parse_one(raw: &[u8]) -> netlink_codec::model::Message {
    let mut messages = netlink_codec::header::Messages::new(raw);
    let msg = messages.next().expect("one message").expect("well formed");
    assert!(messages.next().is_none(), "more than one message");
    netlink_codec::model::Message::parse(&msg).expect("parses losslessly")
}
