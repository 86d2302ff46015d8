//! Benchmark inputs built from real kernel replies in `tests/corpus`.
//!
//! The corpus holds what the kernel answered iproute2 (see `manifest.json`). Every
//! `RTM_NEWLINK`, `RTM_NEWADDR` and `RTM_NEWROUTE` message found in a reply is taken as it
//! is, and the distinct ones are repeated round-robin into one contiguous buffer of `n`
//! messages back to back, the way a dump arrives from a netlink socket.

use std::path::PathBuf;

use netlink_codec::header::{Messages, RTM_NEWADDR, RTM_NEWLINK, RTM_NEWROUTE};

/// Messages per dump.
pub(crate) const DUMP_LEN: usize = 1000;

/// A replicated dump and what it was made of.
pub(crate) struct Dump {
    /// `"links"`, `"addresses"`, `"routes"`.
    pub(crate) name: &'static str,
    /// `RTM_NEWLINK`, `RTM_NEWADDR`, `RTM_NEWROUTE`.
    pub(crate) msg_type: u16,
    /// The messages back to back.
    pub(crate) bytes: Vec<u8>,
    /// Number of messages in `bytes`.
    pub(crate) count: usize,
    /// Number of distinct corpus messages repeated.
    pub(crate) distinct: usize,
}

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// The reply files named in `manifest.json`, in manifest order.
fn reply_files() -> Vec<Vec<u8>> {
    let dir = corpus_dir();
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join("manifest.json")).expect("read tests/corpus/manifest.json"),
    )
    .expect("parse manifest.json");
    manifest
        .as_array()
        .expect("manifest.json is an array")
        .iter()
        .filter(|e| e["direction"] == "rep")
        .map(|e| {
            let file = e["file"].as_str().expect("manifest entry has a file");
            std::fs::read(dir.join(file)).unwrap_or_else(|err| panic!("read {file}: {err}"))
        })
        .collect()
}

/// The distinct messages of type `msg_type` in the corpus replies (whole messages,
/// including alignment padding).
pub(crate) fn corpus_messages(msg_type: u16) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    for buf in reply_files() {
        for m in Messages::new(&buf) {
            let m = m.expect("corpus reply parses");
            if m.msg_type() != msg_type {
                continue;
            }
            let end = m.payload_offset() + m.payload().len() + m.pad().len();
            let bytes = buf[m.offset()..end].to_vec();
            if !out.contains(&bytes) {
                out.push(bytes);
            }
        }
    }
    assert!(
        !out.is_empty(),
        "no message of type {msg_type} in the corpus"
    );
    out
}

/// `n` messages of type `msg_type`, the corpus's distinct ones repeated round-robin.
pub(crate) fn dump(name: &'static str, msg_type: u16, n: usize) -> Dump {
    let msgs = corpus_messages(msg_type);
    let mut bytes = Vec::new();
    for m in msgs.iter().cycle().take(n) {
        // Every message keeps its 4-byte alignment, so they can follow each other.
        assert_eq!(m.len() % 4, 0);
        bytes.extend_from_slice(m);
    }
    Dump {
        name,
        msg_type,
        bytes,
        count: n,
        distinct: msgs.len(),
    }
}

/// The three dumps: 1000 links, 1000 addresses, 1000 routes.
pub(crate) fn dumps() -> [Dump; 3] {
    [
        dump("links", RTM_NEWLINK, DUMP_LEN),
        dump("addresses", RTM_NEWADDR, DUMP_LEN),
        dump("routes", RTM_NEWROUTE, DUMP_LEN),
    ]
}
