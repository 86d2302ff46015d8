//! The golden corpus, shared by the integration tests that walk it: the codec's, and
//! vethctl's audit tests (which include this file by path).
#![allow(dead_code)]

use std::path::PathBuf;

/// `netlink-codec/tests/corpus`: the captured buffers (`*.bin`) and their strace
/// `manifest.json`. Named from the workspace so that it resolves from either crate.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../netlink-codec/tests/corpus")
}

/// Every `*.bin` buffer of the corpus with its file name, sorted by name.
pub fn corpus() -> Vec<(String, Vec<u8>)> {
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
    assert_eq!(v.len(), 154, "corpus incomplete");
    v
}
