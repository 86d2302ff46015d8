//! Bad input: every invalid flag value exits 2 with a message naming the flag, and
//! changes nothing (full link, address and route dumps of the host and the pod
//! namespace are compared before and after). The pod is already set up, so a change
//! would show, and a teardown with one bad flag must not remove it.

use vethctl_tests::{host_or_skip, vethctl_expect, Netns, Pod};

/// One invalid invocation: `--FLAG VALUE` (or the flag left out when None) on top of
/// an otherwise valid command line.
struct Case {
    flag: &'static str,
    value: Option<String>,
    /// The subcommands that take the flag.
    subcommands: &'static [&'static str],
}

const ALL: &[&str] = &["setup", "check", "plan", "teardown"];
const POD_SIDE: &[&str] = &["setup", "check", "plan"];

fn case(flag: &'static str, value: &str, subcommands: &'static [&'static str]) -> Case {
    Case {
        flag,
        value: Some(value.to_owned()),
        subcommands,
    }
}

/// `args` with `--flag` set to `value`, or removed when `value` is None.
fn with_flag(args: &[String], flag: &str, value: Option<&str>) -> Vec<String> {
    let long = format!("--{flag}");
    let mut out = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if *a == long {
            it.next();
        } else {
            out.push(a.clone());
        }
    }
    if let Some(v) = value {
        out.push(long);
        out.push(v.to_owned());
    }
    out
}

fn bad_names() -> Vec<&'static str> {
    vec![
        "",
        "sixteen-bytes-xx",
        "ééééééé-x", // 9 characters, 16 bytes
        "a/b",
        "a b",
        " ",
        "a\tb",
        "a\nb",
        ".",
        "..",
        "a:b", // the kernel's dev_valid_name() refuses ':' too
        // The sysctl directories net.ipv{4,6}.conf.{all,default}: the kernel refuses
        // to register a link by these names (EINVAL, exit 1 before).
        "all",
        "default",
    ]
}

fn reject_all(test: &str, cases: Vec<Case>) {
    let host = host_or_skip!(test);
    let pod_ns = Netns::with_lo();
    let pod = Pod::dual(&format!("bad-{test}"), &pod_ns, 1, 1);
    vethctl_expect(&host, &pod, "setup", 0);
    // What the kernel finishes on its own after setup is not a change by vethctl.
    host.settle();
    pod_ns.settle();
    let (host_before, pod_before) = (host.snapshot(), pod_ns.snapshot());

    let mut failures = Vec::new();
    let mut runs = 0;
    for c in &cases {
        for sub in c.subcommands {
            let args = with_flag(&pod.args(sub), c.flag, c.value.as_deref());
            let run = host.vethctl(&args);
            runs += 1;
            let message = format!("{}{}", run.stderr, run.stdout).to_lowercase();
            if run.code != Some(2) {
                failures.push(format!("expected exit status 2: {run}"));
            } else if !message.contains(c.flag) {
                failures.push(format!("the message does not name --{}: {run}", c.flag));
            }
            let (h, p) = (
                host_before.diff(&host.snapshot()),
                pod_before.diff(&pod_ns.snapshot()),
            );
            if !h.is_empty() || !p.is_empty() {
                failures.push(format!(
                    "changed the namespaces:\n{}\n{}\n{run}",
                    h.join("\n"),
                    p.join("\n")
                ));
                // Start the next case from the wired state again.
                vethctl_expect(&host, &pod, "setup", 0);
                host.settle();
                pod_ns.settle();
            }
        }
    }
    assert!(runs > 0);
    assert!(
        failures.is_empty(),
        "{test}: {} of {runs} invalid invocations misbehaved:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    // The pod survived all of it.
    vethctl_expect(&host, &pod, "check", 0);
}

#[test]
fn bad_interface_names() {
    let mut cases = Vec::new();
    for name in bad_names() {
        cases.push(case("ifname", name, POD_SIDE));
        cases.push(case("host-iface", name, ALL));
    }
    reject_all("bad_interface_names", cases);
}

#[test]
fn bad_addresses() {
    let mut cases = Vec::new();
    for ip6 in [
        "10.1.2.3",
        "ff02::1",
        "ff05::2",
        "::",
        "fd00::1/64",
        "not-an-address",
        "",
    ] {
        cases.push(case("ip6", ip6, ALL));
    }
    for ip4 in [
        "fd00::1",
        "224.0.0.1",
        "239.1.2.3",
        "0.0.0.0",
        "255.255.255.255",
        "10.1.2.3/24",
        "10.1.2",
        "",
    ] {
        cases.push(case("ip4", ip4, ALL));
    }
    reject_all("bad_addresses", cases);
}

/// The "neither address" cases need both flags gone: run them on their own.
#[test]
fn no_address_at_all() {
    let host = host_or_skip!("no_address_at_all");
    let pod_ns = Netns::with_lo();
    let pod = Pod::new("no-address", &pod_ns);
    let (host_before, pod_before) = (host.snapshot(), pod_ns.snapshot());
    for sub in POD_SIDE {
        let run = host.vethctl(&pod.args(sub));
        run.expect(2);
        let message = format!("{}{}", run.stderr, run.stdout).to_lowercase();
        assert!(
            message.contains("ip6") || message.contains("ip4"),
            "names no flag: {run}"
        );
    }
    host_before.assert_same(&host.snapshot(), "no address (host namespace)");
    pod_before.assert_same(&pod_ns.snapshot(), "no address (pod namespace)");
}

#[test]
fn bad_netns_paths() {
    let file =
        std::env::temp_dir().join(format!("vethctl-tests-not-a-netns-{}", std::process::id()));
    std::fs::write(&file, b"not a namespace\n").unwrap();
    let file_path = file.to_str().unwrap().to_owned();
    let mut cases = Vec::new();
    for path in [
        "/nonexistent/ns/net",
        "/proc/self/ns/uts",
        "/proc/self/ns/mnt",
        "/",
        file_path.as_str(),
        "",
    ] {
        cases.push(case("netns", path, POD_SIDE));
    }
    // Missing altogether.
    cases.push(Case {
        flag: "netns",
        value: None,
        subcommands: POD_SIDE,
    });
    reject_all("bad_netns_paths", cases);
    std::fs::remove_file(file).unwrap();
}

#[test]
fn bad_mtus() {
    let mut cases = Vec::new();
    for mtu in ["0", "67", "65536", "4294967296", "-1", "abc", ""] {
        cases.push(case("mtu", mtu, POD_SIDE));
    }
    reject_all("bad_mtus", cases);
}

#[test]
fn bad_container_ids() {
    let cases = vec![
        case("container-id", "", ALL),
        Case {
            flag: "container-id",
            value: None,
            subcommands: ALL,
        },
    ];
    reject_all("bad_container_ids", cases);

    let host = host_or_skip!("bad_container_ids (host-iface)");
    for args in [&["host-iface", "--container-id", ""][..], &["host-iface"]] {
        let run = host.vethctl(args);
        run.expect(2);
        assert!(
            format!("{}{}", run.stderr, run.stdout).contains("container-id"),
            "the message does not name --container-id: {run}"
        );
    }
}
