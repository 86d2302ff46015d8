//! A pod's own strings: a pod with `CAP_NET_ADMIN` can give its `eth0` an alias or a name
//! that is not UTF-8. That is foreign data (drift to repair, or nothing of ours), never a
//! reply vethctl cannot read: check and setup keep working.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use vethctl_tests::{assert_wired, host_or_skip, vethctl_expect, Netns, Pod};

/// Bytes that are not UTF-8.
const NOT_UTF8: &[u8] = b"\xff\xfe";

/// `ip link set dev DEV KEY <bytes>` inside `ns` (raw bytes, not a Rust string).
fn set_raw(ns: &Netns, dev: &str, key: &str, value: &[u8]) {
    let out = ns
        .command("ip")
        .args(["link", "set", "dev", dev, key])
        .arg(OsStr::from_bytes(value))
        .output()
        .expect("run ip");
    assert!(
        out.status.success(),
        "ip link set dev {dev} {key} {value:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn pod_alias_that_is_not_utf8() {
    let host = host_or_skip!("pod_alias_that_is_not_utf8");
    let pod_ns = Netns::with_lo();
    let pod = Pod::dual("alias-bytes", &pod_ns, 1, 1);
    let name = pod.host_name(&host);
    vethctl_expect(&host, &pod, "setup", 0);
    set_raw(&pod_ns, "eth0", "alias", NOT_UTF8);
    // The pod's alias is not part of the wiring: nothing to report or repair.
    let run = vethctl_expect(&host, &pod, "check", 0);
    assert!(run.lines().is_empty(), "{run}");
    let run = vethctl_expect(&host, &pod, "setup", 0);
    assert!(!run.stdout.contains("changed"), "{run}");
    // (`ip -j` cannot print the alias: clear it to compare the rest.)
    set_raw(&pod_ns, "eth0", "alias", b"");
    assert_wired(&host, &pod_ns, &pod, &name, "setup after the pod's alias");
    vethctl_expect(&host, &pod, "teardown", 0);
    assert!(host.link(&name).is_none(), "teardown left {name}");
}

#[test]
fn pod_renames_its_eth0_to_bytes_that_are_not_utf8() {
    let host = host_or_skip!("pod_renames_its_eth0_to_bytes_that_are_not_utf8");
    let pod_ns = Netns::with_lo();
    let pod = Pod::dual("name-bytes", &pod_ns, 1, 2);
    let name = pod.host_name(&host);
    vethctl_expect(&host, &pod, "setup", 0);
    pod_ns.ip("link set dev eth0 down");
    set_raw(&pod_ns, "eth0", "name", NOT_UTF8);
    // Drift, named with the bytes escaped.
    let run = vethctl_expect(&host, &pod, "check", 1);
    assert!(
        run.lines()
            .iter()
            .any(|l| l.contains("the peer is named \\xff\\xfe (not UTF-8) (want eth0)")),
        "{run}"
    );
    // Setup renames it back and brings it up; then all is in place.
    vethctl_expect(&host, &pod, "setup", 0);
    assert_wired(&host, &pod_ns, &pod, &name, "setup after the rename");
    let run = vethctl_expect(&host, &pod, "check", 0);
    assert!(run.lines().is_empty(), "{run}");
    vethctl_expect(&host, &pod, "teardown", 0);
}
