//! Shared helpers for the audit tests: the golden corpus and its strace manifest.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Child, Command};

/// The codec's golden corpus (`netlink-codec/tests/corpus`): its captured buffers and
/// their strace `manifest.json`. vethctl is never packaged, so it may name its sibling's
/// directory; the codec's own tests load it from inside that crate, so that they also run
/// from the packaged crate.
pub(crate) fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../netlink-codec/tests/corpus")
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
    // The manifest lists every capture once: the count comes from there, not from here.
    assert_eq!(v.len(), manifest().len(), "corpus incomplete");
    v
}

/// (file, strace text) for each manifest entry.
pub(crate) fn manifest() -> Vec<(String, String)> {
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
pub(crate) fn json_of(bytes: &[u8]) -> String {
    let mut out = Vec::new();
    vethctl::render::write_json(&mut out, bytes).unwrap();
    String::from_utf8(out).unwrap()
}

/// The tree `decode` prints for `bytes`.
pub(crate) fn text_of(bytes: &[u8]) -> String {
    let mut out = Vec::new();
    vethctl::render::write_text(&mut out, bytes).unwrap();
    String::from_utf8(out).unwrap()
}

/// A small deterministic generator (xorshift64*), so failures reproduce.
pub(crate) struct Rng(pub u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A network namespace that lives as long as a `sleep` started with `unshare -n`.
pub(crate) struct Ns(Child);

impl Ns {
    pub(crate) fn new() -> Option<Ns> {
        let child = Command::new("unshare")
            .args(["-n", "sleep", "120"])
            .spawn()
            .ok()?;
        let ns = Ns(child);
        let ours = std::fs::read_link("/proc/self/ns/net").ok()?;
        for _ in 0..200 {
            match std::fs::read_link(ns.path()) {
                Ok(l) if l != ours => return Some(ns),
                _ => std::thread::sleep(std::time::Duration::from_millis(10)),
            }
        }
        None
    }
    pub(crate) fn path(&self) -> String {
        format!("/proc/{}/ns/net", self.0.id())
    }
}

impl Drop for Ns {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A namespace, or `None` (skip) when none can be made; under `CI=true` that fails.
pub(crate) fn namespace_or_skip() -> Option<Ns> {
    match Ns::new() {
        Some(ns) => Some(ns),
        None if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("cannot create a network namespace (unshare -n), and CI=true")
        }
        None => {
            eprintln!("skipped: cannot create a network namespace (unshare -n)");
            None
        }
    }
}
