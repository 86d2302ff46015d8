//! The audit commands through the real binary: `decode --json | encode` over the corpus,
//! exit codes and error messages, and `send` replaying requests into a network namespace
//! this test creates (never the machine's own).

mod audit_support;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use audit_support::{corpus, corpus_dir};

fn vethctl(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vethctl"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run vethctl");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn decode_json_pipe_encode_reproduces_every_buffer_through_the_binary() {
    for (name, bytes) in corpus() {
        let path = corpus_dir().join(&name);
        let d = vethctl(&["decode", "--json", path.to_str().unwrap()], b"");
        assert!(d.status.success(), "{name}: {}", stderr(&d));
        let e = vethctl(&["encode"], &d.stdout);
        assert!(e.status.success(), "{name}: {}", stderr(&e));
        assert!(e.stdout == bytes, "{name}: bytes differ");
    }
}

#[test]
fn decode_reads_stdin_hex_and_prints_the_tree() {
    let (_, bytes) = corpus()
        .into_iter()
        .find(|(n, _)| n == "0067-rep.bin")
        .unwrap();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}\n")).collect();
    let o = vethctl(&["decode", "--hex"], hex.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let t = String::from_utf8(o.stdout).unwrap();
    assert!(t.contains("error: -17 EEXIST (File exists)"), "{t}");
    assert!(
        t.contains("NLMSGERR_ATTR_MSG: \"ipv4: Address already assigned\""),
        "{t}"
    );
}

#[test]
fn malformed_input_exits_1_after_printing_what_decoded() {
    let (_, mut bytes) = corpus()
        .into_iter()
        .find(|(n, _)| n == "0112-rep.bin")
        .unwrap();
    let cut = bytes.len() - 3;
    bytes.truncate(cut);
    let o = vethctl(&["decode"], &bytes);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let t = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(t.starts_with("     0 RTM_NEWROUTE"), "{t}");
    let e = stderr(&o);
    assert!(e.contains("malformed netlink: at byte "), "{e}");
    assert!(!e.contains("panicked"), "{e}");

    // Hex text given without --hex: the error comes with a hint.
    let o = vethctl(&["decode"], b"2800 0000 1000 0500\n");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("try --hex"), "{}", stderr(&o));
}

#[test]
fn bad_json_fails_naming_line_and_field() {
    let input = b"{\"type\":\"RTM_GETLINK\"}\n{\"type\":\"RTM_NEWLINK\",\"attrs\":[{\"type\":\"IFLA_FOO\",\"value\":1}]}\n";
    let o = vethctl(&["encode"], input);
    assert!(!o.status.success());
    assert!(o.stdout.is_empty(), "nothing written on error");
    let e = stderr(&o);
    assert!(
        e.contains(r#"line 2: attrs[0].type: unknown attribute name "IFLA_FOO" in space IFLA"#),
        "{e}"
    );
}
