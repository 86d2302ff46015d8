//! Shared helpers for the audit tests: the golden corpus and its strace manifest.
#![allow(dead_code)]

// The corpus loader of the codec's tests: one copy for both crates.
#[path = "../../../netlink-codec/tests/common/mod.rs"]
mod codec_common;
pub use codec_common::{corpus, corpus_dir};

/// (file, strace text) for each manifest entry.
pub fn manifest() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(corpus_dir().join("manifest.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["file"].as_str().unwrap().to_owned(),
                e["strace"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The JSON Lines `decode --json` prints for `bytes`.
pub fn json_of(bytes: &[u8]) -> String {
    let mut out = Vec::new();
    vethctl::render::write_json(&mut out, bytes).unwrap();
    String::from_utf8(out).unwrap()
}

/// The tree `decode` prints for `bytes`.
pub fn text_of(bytes: &[u8]) -> String {
    let mut out = Vec::new();
    vethctl::render::write_text(&mut out, bytes).unwrap();
    String::from_utf8(out).unwrap()
}

/// A small deterministic generator (xorshift64*), so failures reproduce.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
