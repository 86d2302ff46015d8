//! Idempotency: setup and teardown repeat safely, and every kind of drift is named by
//! `check`, repaired by the next `setup`, and gone from `check` afterwards.

use vethctl_tests::{assert_wired, host_or_skip, vethctl_expect, Netns, Pod};

#[test]
fn setup_twice_then_teardown_twice() {
    let host = host_or_skip!("setup_twice_then_teardown_twice");
    let pod_ns = Netns::with_lo();
    let pod = Pod::dual("twice", &pod_ns, 1, 1);
    let (host_before, pod_before) = (host.snapshot(), pod_ns.snapshot());

    vethctl_expect(&host, &pod, "setup", 0);
    // What the kernel finishes on its own after setup is not a change by vethctl.
    host.settle();
    pod_ns.settle();
    let after_first = (host.snapshot(), pod_ns.snapshot());
    vethctl_expect(&host, &pod, "setup", 0);
    let name = pod.host_name(&host);
    assert_wired(&host, &pod_ns, &pod, &name, "after the second setup");
    after_first
        .0
        .assert_same(&host.snapshot(), "second setup (host namespace)");
    after_first
        .1
        .assert_same(&pod_ns.snapshot(), "second setup (pod namespace)");
    vethctl_expect(&host, &pod, "check", 0);

    vethctl_expect(&host, &pod, "teardown", 0);
    vethctl_expect(&host, &pod, "teardown", 0);
    host_before.assert_same(&host.snapshot(), "after teardown (host namespace)");
    pod_before.assert_same(&pod_ns.snapshot(), "after teardown (pod namespace)");
    vethctl_expect(&host, &pod, "check", 1);
}

#[test]
fn teardown_after_the_pod_namespace_is_gone() {
    let host = host_or_skip!("teardown_after_the_pod_namespace_is_gone");
    let host_before = host.snapshot();
    let pod_ns = Netns::with_lo();
    let pod = Pod::dual("gone", &pod_ns, 2, 2);
    vethctl_expect(&host, &pod, "setup", 0);
    drop(pod_ns);
    vethctl_expect(&host, &pod, "teardown", 0);
    host_before.assert_same(&host.snapshot(), "teardown after the pod namespace died");
}

/// What a drift does to the live state, given (host, pod namespace, pod, host name).
type Cause = fn(&Netns, &Netns, &Pod, &str);

/// Causes `cause`, then: check exits 1 and, for each group in `evidence`, one of its
/// lines mentions one of the group's words ("{host}" and "{pod}" stand for the host and
/// pod interface names; "word:" matches a whole word); setup exits 0 and the state is
/// fully wired again; check exits 0 without any of the lines it printed before.
fn drift(test: &str, cause: Cause, evidence: &[&[&str]]) {
    let host = host_or_skip!(test);
    let pod_ns = Netns::with_lo();
    let pod = Pod::dual(&format!("drift-{test}"), &pod_ns, 1, 1);
    vethctl_expect(&host, &pod, "setup", 0);
    let name = pod.host_name(&host);
    vethctl_expect(&host, &pod, "check", 0);

    cause(&host, &pod_ns, &pod, &name);

    let drifted = vethctl_expect(&host, &pod, "check", 1);
    let lines: Vec<String> = drifted.lines().into_iter().map(str::to_owned).collect();
    for group in evidence {
        let named = lines
            .iter()
            .any(|line| group.iter().any(|e| mentions(line, e, &name, &pod)));
        assert!(
            named,
            "{test}: check did not name the drift (no stdout line mentions any of {group:?}): {drifted}"
        );
    }

    vethctl_expect(&host, &pod, "setup", 0);
    assert_wired(
        &host,
        &pod_ns,
        &pod,
        &name,
        &format!("{test}: after the repairing setup"),
    );
    let clean = vethctl_expect(&host, &pod, "check", 0);
    let stale: Vec<&String> = lines
        .iter()
        .filter(|l| clean.stdout.contains(l.as_str()))
        .collect();
    assert!(
        stale.is_empty(),
        "{test}: check still reports {stale:?} after the repair: {clean}"
    );
}

fn mentions(line: &str, token: &str, host_name: &str, pod: &Pod) -> bool {
    let line = line.to_lowercase();
    let token = token
        .replace("{host}", host_name)
        .replace("{pod}", pod.pod_ifname())
        .to_lowercase();
    match token.strip_prefix("word:") {
        Some(word) => line
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .any(|w| w == word),
        None => line.contains(&token),
    }
}

#[test]
fn drift_host_route4_deleted() {
    drift(
        "host_route4_deleted",
        |host, _, pod, name| {
            host.ip(&format!(
                "route del {}/32 dev {name}",
                pod.ip4.as_ref().unwrap()
            ));
        },
        &[&["10.99.1.1"]],
    );
}

#[test]
fn drift_host_route6_deleted() {
    drift(
        "host_route6_deleted",
        |host, _, pod, name| {
            host.ip(&format!(
                "-6 route del {}/128 dev {name}",
                pod.ip6.as_ref().unwrap()
            ));
        },
        &[&["fd00:99:1::1"]],
    );
}

#[test]
fn drift_pod_default4_wrong() {
    drift(
        "pod_default4_wrong",
        |_, pod_ns, pod, _| {
            let dev = pod.pod_ifname();
            pod_ns.ip(&format!(
                "route replace default via 169.254.1.2 dev {dev} onlink"
            ));
        },
        &[&["default", "169.254.1.2", "0.0.0.0/0"]],
    );
}

#[test]
fn drift_pod_default6_wrong() {
    drift(
        "pod_default6_wrong",
        |_, pod_ns, pod, _| {
            let dev = pod.pod_ifname();
            pod_ns.ip(&format!("-6 route replace default via fe80::2 dev {dev}"));
        },
        &[&["default", "fe80::2", "::/0"]],
    );
}

#[test]
fn drift_pod_default4_deleted() {
    drift(
        "pod_default4_deleted",
        |_, pod_ns, _, _| {
            pod_ns.ip("route del default");
        },
        &[&["default", "0.0.0.0/0"]],
    );
}

#[test]
fn drift_pod_onlink_route_deleted() {
    drift(
        "pod_onlink_route_deleted",
        |_, pod_ns, pod, _| {
            // The default route hangs on it: the kernel refuses to delete the on-link
            // route while the gateway needs it, so remove the default first.
            pod_ns.ip("route del default");
            pod_ns.ip(&format!("route del 169.254.1.1 dev {}", pod.pod_ifname()));
        },
        &[&["169.254.1.1"]],
    );
}

#[test]
fn drift_pod_addr4_removed() {
    drift(
        "pod_addr4_removed",
        |_, pod_ns, pod, _| {
            let dev = pod.pod_ifname();
            pod_ns.ip(&format!(
                "addr del {}/32 dev {dev}",
                pod.ip4.as_ref().unwrap()
            ));
        },
        &[&["10.99.1.1"]],
    );
}

#[test]
fn drift_pod_addr6_removed() {
    drift(
        "pod_addr6_removed",
        |_, pod_ns, pod, _| {
            let dev = pod.pod_ifname();
            pod_ns.ip(&format!(
                "addr del {}/128 dev {dev}",
                pod.ip6.as_ref().unwrap()
            ));
        },
        &[&["fd00:99:1::1"]],
    );
}

#[test]
fn drift_host_gateway_addr_removed() {
    drift(
        "host_gateway_addr_removed",
        |host, _, _, name| {
            host.ip(&format!("addr del fe80::1/64 dev {name}"));
        },
        &[&["fe80::1"]],
    );
}

#[test]
fn drift_pod_link_down() {
    drift(
        "pod_link_down",
        |_, pod_ns, pod, _| {
            pod_ns.ip(&format!("link set {} down", pod.pod_ifname()));
        },
        &[&["word:down", "word:up", "iff_up"]],
    );
}

#[test]
fn drift_host_link_down() {
    drift(
        "host_link_down",
        |host, _, _, name| {
            host.ip(&format!("link set {name} down"));
        },
        &[&["word:down", "word:up", "iff_up"]],
    );
}

#[test]
fn drift_host_veth_deleted() {
    drift(
        "host_veth_deleted",
        |host, _, _, name| {
            host.ip(&format!("link del {name}"));
        },
        &[&["{host}"]],
    );
}

#[test]
fn drift_host_proxy_arp_off() {
    drift(
        "host_proxy_arp_off",
        |host, _, _, name| host.set_proc_sys(&format!("net/ipv4/conf/{name}/proxy_arp"), "0"),
        &[&["proxy_arp"]],
    );
}

#[test]
fn drift_host_forwarding4_off() {
    drift(
        "host_forwarding4_off",
        |host, _, _, name| host.set_proc_sys(&format!("net/ipv4/conf/{name}/forwarding"), "0"),
        &[&["forwarding"]],
    );
}

#[test]
fn drift_host_forwarding6_off() {
    drift(
        "host_forwarding6_off",
        |host, _, _, name| host.set_proc_sys(&format!("net/ipv6/conf/{name}/forwarding"), "0"),
        &[&["forwarding"]],
    );
}

#[test]
fn drift_host_proxy_delay_default() {
    drift(
        "host_proxy_delay_default",
        |host, _, _, name| {
            let default = host.proc_sys("net/ipv4/neigh/lo/proxy_delay").unwrap();
            assert_ne!(
                default, "0",
                "the kernel's default proxy_delay is 0 here: no drift"
            );
            host.set_proc_sys(&format!("net/ipv4/neigh/{name}/proxy_delay"), &default);
        },
        &[&["proxy_delay", "proxy delay"]],
    );
}

#[test]
fn drift_host_sysctls_all_reset() {
    drift(
        "host_sysctls_all_reset",
        |host, _, _, name| {
            host.set_proc_sys(&format!("net/ipv4/conf/{name}/proxy_arp"), "0");
            host.set_proc_sys(&format!("net/ipv4/conf/{name}/forwarding"), "0");
            host.set_proc_sys(&format!("net/ipv6/conf/{name}/forwarding"), "0");
            let default = host.proc_sys("net/ipv4/neigh/lo/proxy_delay").unwrap();
            host.set_proc_sys(&format!("net/ipv4/neigh/{name}/proxy_delay"), &default);
        },
        &[
            &["proxy_arp"],
            &["forwarding"],
            &["proxy_delay", "proxy delay"],
        ],
    );
}

#[test]
fn drift_host_mtu_changed() {
    drift(
        "host_mtu_changed",
        |host, _, _, name| {
            host.ip(&format!("link set {name} mtu 1400"));
        },
        &[&["mtu"]],
    );
}

#[test]
fn drift_pod_mtu_changed() {
    drift(
        "pod_mtu_changed",
        |_, pod_ns, pod, _| {
            pod_ns.ip(&format!("link set {} mtu 1400", pod.pod_ifname()));
        },
        &[&["mtu"]],
    );
}
