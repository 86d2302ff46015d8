//! `vethctl send` against the kernel: requests replayed into a network namespace this
//! test creates (`unshare -n sleep`), never the machine's own, and every answer printed.
//! Without the rights to make a namespace the tests skip, except under `CI=true`.

use std::path::Path;
use std::process::Command;

mod audit_support;
use audit_support::{namespace_or_skip, Ns};

use vethctl::audit::encode_lines;
use vethctl::audit::send::{exchange, print, socket};

/// Send JSON Lines (through `encode`) into `ns`: the printed tree and the refusals.
fn send_json(ns: &Ns, lines: &str, json: bool) -> (String, usize) {
    let bytes = encode_lines(lines).unwrap();
    let mut sock = socket(Some(Path::new(&ns.path()))).unwrap();
    let ex = exchange(&mut sock, &bytes).unwrap();
    let mut out = Vec::new();
    print(&mut out, &ex, json).unwrap();
    (String::from_utf8(out).unwrap(), ex.errors)
}

/// The lines of the message (with its nested lines) answering `seq`.
fn answer(tree: &str, seq: u32) -> String {
    let mut out = String::new();
    let mut inside = false;
    for l in tree.lines() {
        if l.starts_with('#') {
            continue;
        }
        if l.len() > 7 && !l[7..].starts_with(' ') {
            inside = l.contains(&format!(" seq={seq} "));
        }
        if inside {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}

#[test]
fn send_replays_into_a_namespace_and_prints_every_answer() {
    let Some(ns) = namespace_or_skip() else {
        return;
    };
    let requests = r#"
{"type":"RTM_NEWLINK","flags":["NLM_F_REQUEST","NLM_F_ACK","NLM_F_EXCL","NLM_F_CREATE"],"seq":1,"attrs":[{"type":"IFLA_IFNAME","value":"vh-t"},{"type":"IFLA_LINKINFO","attrs":[{"type":"IFLA_INFO_KIND","value":"veth"},{"type":"IFLA_INFO_DATA","attrs":[{"type":"VETH_INFO_PEER","header":{},"attrs":[{"type":"IFLA_IFNAME","value":"vp-t"}]}]}]}]}
{"type":"RTM_NEWLINK","flags":["NLM_F_REQUEST","NLM_F_ACK","NLM_F_EXCL","NLM_F_CREATE"],"seq":2,"attrs":[{"type":"IFLA_IFNAME","value":"vh-t"},{"type":"IFLA_LINKINFO","attrs":[{"type":"IFLA_INFO_KIND","value":"veth"}]}]}
{"type":"RTM_NEWLINK","flags":["NLM_F_REQUEST","NLM_F_ACK"],"seq":3,"attrs":[{"type":"IFLA_IFNAME","value":"vh-t"},{"type":"IFLA_MTU","value":70000}]}
{"type":"RTM_NEWLINK","flags":["NLM_F_REQUEST"],"seq":4,"attrs":[{"type":"IFLA_IFNAME","value":"vh-t"},{"type":"IFLA_MTU","value":1400}]}
{"type":"RTM_GETLINK","flags":["NLM_F_REQUEST"],"seq":5,"attrs":[{"type":"IFLA_IFNAME","value":"vh-t"}]}
{"type":"RTM_GETLINK","flags":["NLM_F_REQUEST","NLM_F_DUMP"],"seq":6}
{"type":"RTM_NEWLINK","flags":["NLM_F_REQUEST","NLM_F_ACK"],"seq":7,"attrs":[{"type":"IFLA_MTU","value":1500},{"type":"IFLA_IFNAME","value":"a-name-far-too-long-for-a-link"}]}
"#;
    let (t, errors) = send_json(&ns, requests, false);
    assert_eq!(errors, 3, "EEXIST, EINVAL, ERANGE\n{t}");
    assert!(t.lines().any(|l| l.starts_with("# answer 1: ")), "{t}");
    assert!(answer(&t, 1).contains("error: 0 (ACK)"), "{t}");
    assert!(
        answer(&t, 2).contains("error: -17 EEXIST (File exists)"),
        "{t}"
    );
    let a3 = answer(&t, 3);
    assert!(a3.contains("error: -22 EINVAL (Invalid argument)"), "{t}");
    assert!(
        a3.contains("NLMSGERR_ATTR_MSG: \"mtu greater than device maximum\""),
        "{a3}"
    );
    // Request 4 has no NLM_F_ACK and succeeds silently; it was handled before 5.
    assert_eq!(answer(&t, 4), "", "{t}");
    let a5 = answer(&t, 5);
    assert!(
        a5.contains("RTM_NEWLINK") && a5.contains("IFLA_IFNAME: \"vh-t\""),
        "{t}"
    );
    assert!(a5.contains("IFLA_MTU: 1400"), "{a5}");
    let a6 = answer(&t, 6);
    assert!(a6.contains("IFLA_IFNAME: \"lo\""), "{a6}");
    assert!(a6.contains("IFLA_IFNAME: \"vp-t\""), "{a6}");
    assert!(a6.contains("NLMSG_DONE"), "{a6}");
    assert!(a6.contains("error: 0\n"), "{a6}");
    // Policy validation points at the attribute by offset; the tree names it.
    let a7 = answer(&t, 7);
    assert!(a7.contains("error: -34 ERANGE"), "{t}");
    assert!(
        a7.contains("\"Attribute failed policy validation\""),
        "{a7}"
    );
    // 16 (nlmsghdr) + 16 (ifinfomsg) + 8 (IFLA_MTU): IFLA_IFNAME is at 40.
    assert!(
        a7.contains("offset 40 in the request is byte 60 here: IFLA_IFNAME"),
        "{a7}"
    );
    assert!(a7.contains("NL_POLICY_TYPE_ATTR_MAX_LENGTH: 15"), "{a7}");
    // The barrier's ACK is not shown.
    assert!(!t.contains("NLMSG_NOOP"), "{t}");

    // JSON answers, one object per message.
    let (j, errors) = send_json(
        &ns,
        r#"{"type":"RTM_GETLINK","flags":["NLM_F_REQUEST"],"seq":9,"attrs":[{"type":"IFLA_IFNAME","value":"vp-t"}]}"#,
        true,
    );
    assert_eq!(errors, 0);
    let v: serde_json::Value = serde_json::from_str(j.trim()).unwrap();
    assert_eq!(v["type"], "RTM_NEWLINK");
    assert_eq!(v["seq"], 9);
}

#[test]
fn send_refuses_bad_input_before_sending() {
    let Some(ns) = namespace_or_skip() else {
        return;
    };
    let mut sock = socket(Some(Path::new(&ns.path()))).unwrap();
    let e = exchange(&mut sock, b"\x28\x00\x00\x00\x10\x00").unwrap_err();
    assert!(format!("{e:#}").starts_with("not sent: "), "{e:#}");
    let e = exchange(&mut sock, b"").unwrap_err();
    assert!(format!("{e:#}").contains("no message"), "{e:#}");
    let e = socket(Some(Path::new("/proc/self/ns/uts"))).unwrap_err();
    assert!(format!("{e:#}").contains("--netns"), "{e:#}");
}

/// Run the `vethctl send --netns NS` binary with `input` on stdin: exit status, stdout,
/// stderr.
fn send_binary(ns: &Ns, input: &[u8]) -> (Option<i32>, String, String) {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_vethctl"))
        .args(["send", "--netns", &ns.path()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The kernel skips a message without `NLM_F_REQUEST`, a dump too: nothing of it comes
/// before the barrier's ACK, so `send` returns then (it used to wait for the dump's
/// `NLMSG_DONE` until its 10 s timeout, and fail).
#[test]
fn send_returns_at_the_barrier_for_a_dump_the_kernel_skipped() {
    let Some(ns) = namespace_or_skip() else {
        return;
    };
    let bytes = encode_lines(
        r#"{"type":"RTM_GETLINK","flags":["NLM_F_DUMP"],"seq":1}
{"type":"RTM_GETLINK","flags":["NLM_F_REQUEST"],"seq":2,"attrs":[{"type":"IFLA_IFNAME","value":"lo"}]}"#,
    )
    .unwrap();
    let (code, out, err) = send_binary(&ns, &bytes);
    assert_eq!(code, Some(0), "stdout:\n{out}\nstderr:\n{err}");
    assert!(answer(&out, 2).contains("IFLA_IFNAME: \"lo\""), "{out}");
    assert_eq!(answer(&out, 1), "", "the skipped dump was answered?\n{out}");
}

/// A reply larger than the receive buffer: the error names its real length, not the
/// buffer's. The kernel echoes a refused request in its error, so an 80 KB request with
/// attributes it does not know makes an 80 KB reply.
#[test]
fn send_names_the_real_length_of_a_truncated_reply() {
    let Some(ns) = namespace_or_skip() else {
        return;
    };
    const ATTR: usize = 40_000;
    let len = 16 + 16 + 2 * (4 + ATTR);
    let mut msg = Vec::with_capacity(len);
    msg.extend_from_slice(&u32::try_from(len).unwrap().to_ne_bytes());
    msg.extend_from_slice(&18u16.to_ne_bytes()); // RTM_GETLINK
    msg.extend_from_slice(&1u16.to_ne_bytes()); // NLM_F_REQUEST
    msg.extend_from_slice(&7u32.to_ne_bytes()); // seq
    msg.extend_from_slice(&0u32.to_ne_bytes()); // pid
    msg.extend_from_slice(&[0; 16]); // ifinfomsg
    for _ in 0..2 {
        msg.extend_from_slice(&u16::try_from(4 + ATTR).unwrap().to_ne_bytes());
        msg.extend_from_slice(&0x3ff0u16.to_ne_bytes()); // no such IFLA_*
        msg.resize(msg.len() + ATTR, 0xab);
    }
    let (code, out, err) = send_binary(&ns, &msg);
    assert_eq!(code, Some(1), "stdout:\n{out}\nstderr:\n{err}");
    let reported: usize = err
        .split("a reply of ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no length in the error: {err}"));
    // The NLMSG_ERROR header and errno, then the whole request, then the extended ACK.
    assert!(reported >= 16 + 4 + len, "reported {reported} bytes: {err}");
    assert!(
        reported < 16 + 4 + len + 1024,
        "reported {reported} bytes: {err}"
    );
}

/// More answers than the receive buffer holds: the kernel drops the rest (`ENOBUFS`).
/// What did arrive is printed, then the overrun is reported (exit status 1).
#[test]
fn send_shows_what_arrived_before_reporting_an_overrun() {
    let Some(ns) = namespace_or_skip() else {
        return;
    };
    // 3000 reads of `lo`, about 1 KB of answer each: far more than the 208 KiB default
    // receive buffer, and all answered inside the one `sendmsg`.
    let requests: String = (1..=3000)
        .map(|seq| {
            format!(
                r#"{{"type":"RTM_GETLINK","flags":["NLM_F_REQUEST"],"seq":{seq},"attrs":[{{"type":"IFLA_IFNAME","value":"lo"}}]}}"#
            ) + "\n"
        })
        .collect();
    let bytes = encode_lines(&requests).unwrap();
    let (code, out, err) = send_binary(&ns, &bytes);
    assert_eq!(code, Some(1), "stderr:\n{err}");
    assert!(err.contains("ENOBUFS"), "{err}");
    let shown = out.lines().filter(|l| l.starts_with("# answer ")).count();
    assert!(
        shown > 0,
        "nothing of what arrived was shown; stderr:\n{err}"
    );
    assert!(shown < 3000, "all 3000 answers came: no overrun?");
    assert!(answer(&out, 1).contains("IFLA_IFNAME: \"lo\""), "{out}");
    assert!(
        err.contains(&format!("the {shown} datagram(s) that arrived")),
        "{err}"
    );
}
