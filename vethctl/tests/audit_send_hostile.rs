//! `vethctl send` with a hostile datagram, into a network namespace this test creates
//! (`unshare -n sleep`), never the machine's own: 14,000 nested `IFLA_PROP_LIST`s
//! (56 KB), which overflowed the stack when send checked the input and when it printed
//! the kernel's answer echoing it. Without the rights to make a namespace the test skips,
//! except under `CI=true`.

use std::io::Write;
use std::process::{Command, Stdio};

mod audit_support;
use audit_support::namespace_or_skip;

/// `RTM_NEWLINK` (`NLM_F_REQUEST|NLM_F_ACK`, no name: the kernel refuses it) holding
/// `levels` nested `IFLA_PROP_LIST`s, 4 bytes a level.
fn prop_lists(levels: usize) -> Vec<u8> {
    let mut attrs = Vec::new();
    for _ in 0..levels {
        let len = u16::try_from(4 + attrs.len()).unwrap();
        let mut outer = [len.to_ne_bytes(), 52u16.to_ne_bytes()].concat();
        outer.extend_from_slice(&attrs);
        attrs = outer;
    }
    let len = u32::try_from(32 + attrs.len()).unwrap();
    let mut m = len.to_ne_bytes().to_vec();
    m.extend_from_slice(&16u16.to_ne_bytes()); // RTM_NEWLINK
    m.extend_from_slice(&5u16.to_ne_bytes()); // NLM_F_REQUEST | NLM_F_ACK
    m.extend_from_slice(&[1, 0, 0, 0, 0, 0, 0, 0]); // seq 1, pid 0
    m.extend_from_slice(&[0; 16]); // ifinfomsg
    m.extend_from_slice(&attrs);
    m
}

#[test]
fn send_survives_nesting_thousands_deep() {
    let Some(ns) = namespace_or_skip() else {
        return;
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_vethctl"))
        .args(["send", "--netns", &ns.path()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(&prop_lists(14_000)).unwrap();
    drop(input);
    let o = child.wait_with_output().unwrap();
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    // The kernel refuses the request (exit 1); the answer echoes it, kept as bytes past
    // the nesting bound.
    assert_eq!(o.status.code(), Some(1), "{err}\n{out}");
    assert!(out.contains("NLMSG_ERROR"), "{out}");
    assert!(out.contains("IFLA_PROP_LIST: hex "), "{out}");
    assert!(err.contains("the kernel refused 1 request"), "{err}");
}
