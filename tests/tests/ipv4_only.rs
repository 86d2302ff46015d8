//! IPv4-only pods need nothing of IPv6: they wire on a node (or into a pod) with IPv6
//! disabled (`disable_ipv6=1`), and with an MTU under 1280, where a link has no IPv6 at
//! all (no `net.ipv6.conf.<dev>` settings). An `--ip6` pod on a node with IPv6 disabled
//! is a clear error, and nothing changes.

use vethctl_tests::{host_or_skip, vethctl_expect, wiring_problems, Netns, Pod};

/// Disable IPv6 in `ns` for every link, existing and new.
fn disable_ipv6(ns: &Netns) {
    for dev in ["all", "default"] {
        ns.set_proc_sys(&format!("net/ipv6/conf/{dev}/disable_ipv6"), "1");
    }
}

/// [`wiring_problems`], except that a link without IPv6 (MTU under 1280: no
/// `net.ipv6.conf.<dev>` at all) has no addr_gen_mode to report.
fn problems(host: &Netns, pod_ns: &Netns, pod: &Pod, name: &str) -> Vec<String> {
    let no_ipv6 = |ns: &Netns, dev: &str| {
        ns.proc_sys(&format!("net/ipv6/conf/{dev}/forwarding"))
            .is_none()
    };
    let (host_v6, pod_v6) = (!no_ipv6(host, name), !no_ipv6(pod_ns, pod.pod_ifname()));
    wiring_problems(host, pod_ns, pod, name)
        .into_iter()
        .filter(|p| {
            let gen_mode_absent = p.ends_with("addr_gen_mode null (want none)");
            !(gen_mode_absent
                && ((p.starts_with("host:") && !host_v6) || (p.starts_with("pod:") && !pod_v6)))
        })
        .collect()
}

/// Setup, a clean check, a rerun that changes nothing, teardown that leaves nothing.
fn wires_cleanly(host: &Netns, pod_ns: &Netns, pod: &Pod, context: &str) {
    let name = pod.host_name(host);
    let run = vethctl_expect(host, pod, "setup", 0);
    let p = problems(host, pod_ns, pod, &name);
    assert!(
        p.is_empty(),
        "{context}: after setup:\n  {}\n{run}",
        p.join("\n  ")
    );
    let run = vethctl_expect(host, pod, "check", 0);
    assert!(run.lines().is_empty(), "{context}: check: {run}");
    // What check compared (in place) names no IPv6 piece an IPv4-only pod never wanted.
    let mut json = pod.args("check");
    json.push("--json".to_owned());
    let run = host.vethctl(&json);
    run.expect(0);
    if pod.ip6.is_none() {
        for word in ["net.ipv6", "IPv6", "fe80::1", "force_forwarding"] {
            assert!(
                !run.stdout.contains(word),
                "{context}: check reports {word} for an IPv4-only pod: {run}"
            );
        }
    }
    let run = vethctl_expect(host, pod, "setup", 0);
    assert!(
        !run.stdout.contains("created") && !run.stdout.contains("changed"),
        "{context}: the rerun changed something: {run}"
    );
    let p = problems(host, pod_ns, pod, &name);
    assert!(
        p.is_empty(),
        "{context}: after the rerun:\n  {}",
        p.join("\n  ")
    );
    vethctl_expect(host, pod, "teardown", 0);
    assert!(
        host.link(&name).is_none(),
        "{context}: teardown left {name}"
    );
    assert!(
        pod_ns.link(pod.pod_ifname()).is_none(),
        "{context}: teardown left the peer"
    );
}

#[test]
fn ipv4_pod_on_a_node_with_ipv6_disabled() {
    let host = host_or_skip!("ipv4_pod_on_a_node_with_ipv6_disabled");
    disable_ipv6(&host);
    let pod_ns = Netns::with_lo();
    let pod = Pod::new("v4-no-ipv6-node", &pod_ns).ip4("10.99.1.1");
    wires_cleanly(&host, &pod_ns, &pod, "disable_ipv6=1 on the node");
}

#[test]
fn ipv4_pod_with_ipv6_disabled_in_the_pod() {
    let host = host_or_skip!("ipv4_pod_with_ipv6_disabled_in_the_pod");
    let pod_ns = Netns::with_lo();
    disable_ipv6(&pod_ns);
    let pod = Pod::new("v4-no-ipv6-pod", &pod_ns).ip4("10.99.1.2");
    wires_cleanly(&host, &pod_ns, &pod, "disable_ipv6=1 in the pod");
}

#[test]
fn ipv4_pod_with_an_mtu_under_1280() {
    let host = host_or_skip!("ipv4_pod_with_an_mtu_under_1280");
    for mtu in [68, 1279] {
        let pod_ns = Netns::with_lo();
        let pod = Pod::new(&format!("v4-mtu-{mtu}"), &pod_ns)
            .ip4("10.99.1.3")
            .mtu(mtu);
        wires_cleanly(&host, &pod_ns, &pod, &format!("--mtu {mtu}"));
    }
}

#[test]
fn dual_stack_at_mtu_1280() {
    let host = host_or_skip!("dual_stack_at_mtu_1280");
    let pod_ns = Netns::with_lo();
    let pod = Pod::dual("dual-mtu-1280", &pod_ns, 1, 4).mtu(1280);
    wires_cleanly(&host, &pod_ns, &pod, "--mtu 1280, dual stack");
}

#[test]
fn ipv6_pod_with_ipv6_disabled_in_the_pod_is_refused() {
    let host = host_or_skip!("ipv6_pod_with_ipv6_disabled_in_the_pod_is_refused");
    let pod_ns = Netns::with_lo();
    disable_ipv6(&pod_ns);
    let pod = Pod::dual("v6-no-ipv6-pod", &pod_ns, 1, 6);
    host.settle();
    pod_ns.settle();
    let (host_before, pod_before) = (host.snapshot(), pod_ns.snapshot());
    // Twice: the first run leaves nothing that makes the second any different.
    for attempt in ["first", "second"] {
        let run = vethctl_expect(&host, &pod, "setup", 1);
        assert!(
            run.stderr.contains("EACCES") && run.stderr.contains("IPv6 is disabled"),
            "{attempt} run: the error does not name the kernel's refusal: {run}"
        );
        host_before.assert_same(&host.snapshot(), "refused --ip6 setup (host)");
        pod_before.assert_same(&pod_ns.snapshot(), "refused --ip6 setup (pod)");
    }
}

#[test]
fn ipv6_pod_on_a_node_with_ipv6_disabled_is_refused() {
    let host = host_or_skip!("ipv6_pod_on_a_node_with_ipv6_disabled_is_refused");
    disable_ipv6(&host);
    let pod_ns = Netns::with_lo();
    let pod = Pod::dual("v6-no-ipv6-node", &pod_ns, 1, 5);
    host.settle();
    pod_ns.settle();
    let (host_before, pod_before) = (host.snapshot(), pod_ns.snapshot());
    let run = vethctl_expect(&host, &pod, "setup", 1);
    assert!(
        run.stderr.contains("IPv6 is disabled") && run.stderr.contains("disable_ipv6"),
        "the error does not say IPv6 is disabled: {run}"
    );
    host_before.assert_same(&host.snapshot(), "refused --ip6 setup (host)");
    pod_before.assert_same(&pod_ns.snapshot(), "refused --ip6 setup (pod)");
    // On a veth that exists (made by an IPv4-only setup), check names the reason too.
    let mut v4 = pod.clone();
    v4.ip6 = None;
    vethctl_expect(&host, &v4, "setup", 0);
    let run = vethctl_expect(&host, &pod, "check", 1);
    assert!(run.stdout.contains("disable_ipv6 = 1"), "{run}");
    let run = vethctl_expect(&host, &pod, "setup", 1);
    assert!(run.stderr.contains("disable_ipv6 = 1"), "{run}");
    vethctl_expect(&host, &v4, "teardown", 0);
    // An IPv4-only pod with the same flags otherwise wires.
    wires_cleanly(&host, &pod_ns, &v4, "the same pod without --ip6");
}
