//! Teardown removes only what is provably ours, by setup's rule: a veth with its peer in
//! another namespace, tagged for this container, or untagged (what a setup that crashed
//! before tagging leaves) with its peer in the pod `--netns` names. Anything else: exit 1,
//! named, untouched. What is already gone is success, also when the pod is gone.

use vethctl_tests::{host_or_skip, vethctl_expect, Netns, Pod, Run};

/// `vethctl teardown` for `pod`, with `--netns` when given.
fn teardown(host: &Netns, pod: &Pod, netns: Option<&str>) -> Run {
    let mut args = pod.args("teardown");
    if let Some(path) = netns {
        args.extend(["--netns".to_owned(), path.to_owned()]);
    }
    host.vethctl(&args)
}

/// Teardown must exit 1 naming `host_iface`, and leave every namespace as it was.
fn refused(host: &Netns, others: &[&Netns], pod: &Pod, netns: Option<&str>, context: &str) {
    host.settle();
    others.iter().for_each(|ns| ns.settle());
    let before: Vec<_> = std::iter::once(host)
        .chain(others.iter().copied())
        .map(Netns::snapshot)
        .collect();
    let run = teardown(host, pod, netns);
    run.expect(1);
    let name = pod.host_name(host);
    assert!(
        run.stderr.contains(&name) && run.stderr.contains("leaving it alone"),
        "{context}: the refusal does not name {name}: {run}"
    );
    let after = std::iter::once(host).chain(others.iter().copied());
    for (ns, before) in after.zip(&before) {
        before.assert_same(&ns.snapshot(), context);
    }
}

#[test]
fn both_ends_on_the_host() {
    let host = host_or_skip!("both_ends_on_the_host");
    let pod_ns = Netns::with_lo();
    let pod = Pod::new("local-pair", &pod_ns).ip4("10.99.2.1");
    let name = pod.host_name(&host);
    host.ip(&format!("link add {name} type veth peer name localpeer0"));
    refused(&host, &[], &pod, None, "a veth with both ends on the host");
    refused(
        &host,
        &[&pod_ns],
        &pod,
        Some(pod_ns.path()),
        "the same, with --netns",
    );
}

#[test]
fn untagged_veth_into_another_pod() {
    let host = host_or_skip!("untagged_veth_into_another_pod");
    let pod_ns = Netns::with_lo();
    let other = Netns::with_lo();
    let pod = Pod::new("untagged-elsewhere", &pod_ns).ip4("10.99.2.2");
    let name = pod.host_name(&host);
    host.ip(&format!(
        "link add {name} type veth peer name eth0 netns {}",
        other.path()
    ));
    refused(
        &host,
        &[&other],
        &pod,
        None,
        "another tool's veth, untagged",
    );
    refused(
        &host,
        &[&other, &pod_ns],
        &pod,
        Some(pod_ns.path()),
        "another tool's veth, with --netns of our pod",
    );
}

#[test]
fn tagged_for_another_container() {
    let host = host_or_skip!("tagged_for_another_container");
    let pod_ns = Netns::with_lo();
    let pod_a = Pod::new("owner-a", &pod_ns)
        .ip4("10.99.2.3")
        .host_iface("vcollide0");
    vethctl_expect(&host, &pod_a, "setup", 0);
    // Container B forces the same host name (or its hash collides).
    let other_ns = Netns::with_lo();
    let pod_b = Pod::new("owner-b", &other_ns)
        .ip4("10.99.2.3")
        .host_iface("vcollide0");
    refused(
        &host,
        &[&pod_ns],
        &pod_b,
        None,
        "tagged for A, B's teardown",
    );
    refused(
        &host,
        &[&pod_ns, &other_ns],
        &pod_b,
        Some(other_ns.path()),
        "tagged for A, B's teardown with B's --netns",
    );
    vethctl_expect(&host, &pod_a, "check", 0);
    vethctl_expect(&host, &pod_a, "teardown", 0);
}

/// What a setup that crashed right after creating the veth leaves: untagged, its peer in
/// the pod (the test-only hook stops setup after its first request).
fn crashed_setup(host: &Netns, pod: &Pod) {
    let run = host.vethctl_env(&pod.args("setup"), &[("VETHCTL_TEST_ABORT_AFTER", "1")]);
    run.expect(3);
    let link = host
        .link(&pod.host_name(host))
        .expect("the crashed setup made no veth");
    assert!(
        link.get("ifalias").is_none(),
        "the veth is tagged already: {link}"
    );
}

#[test]
fn untagged_after_a_crash_needs_netns() {
    let host = host_or_skip!("untagged_after_a_crash_needs_netns");
    let pod_ns = Netns::with_lo();
    let pod = Pod::new("crashed", &pod_ns)
        .ip4("10.99.2.4")
        .host_iface("vcrash0");
    crashed_setup(&host, &pod);
    // A forced collision in the crash window: B's teardown must not take A's veth.
    let b_ns = Netns::with_lo();
    let pod_b = Pod::new("crashed-b", &b_ns)
        .ip4("10.99.2.5")
        .host_iface("vcrash0");
    refused(
        &host,
        &[&pod_ns],
        &pod_b,
        None,
        "A's untagged veth, B's teardown",
    );
    refused(
        &host,
        &[&pod_ns, &b_ns],
        &pod_b,
        Some(b_ns.path()),
        "A's untagged veth, B's teardown with B's --netns",
    );
    // A itself: without --netns nothing proves it; with it, it goes.
    refused(&host, &[&pod_ns], &pod, None, "untagged, no --netns");
    let run = teardown(&host, &pod, Some(pod_ns.path()));
    run.expect(0);
    assert!(host.link("vcrash0").is_none(), "teardown left it: {run}");
    assert!(
        pod_ns.link("eth0").is_none(),
        "the peer is still there: {run}"
    );
}

#[test]
fn already_gone_is_success() {
    let host = host_or_skip!("already_gone_is_success");
    let pod_ns = Netns::with_lo();
    let pod = Pod::dual("gone", &pod_ns, 2, 6);
    teardown(&host, &pod, None).expect(0);
    teardown(&host, &pod, Some(pod_ns.path())).expect(0);
    // Wired, then the pod goes away (and the veth with it): --netns names a namespace
    // that no longer exists, which teardown does not need.
    vethctl_expect(&host, &pod, "setup", 0);
    let path = pod_ns.path().to_owned();
    drop(pod_ns);
    let name = pod.host_name(&host);
    // (The kernel may still be destroying the namespace: the veth is gone or tagged.)
    let run = teardown(&host, &pod, Some(&path));
    run.expect(0);
    assert!(host.link(&name).is_none(), "{run}");
    let run = teardown(&host, &pod, Some(&path));
    run.expect(0);
    assert!(run.stdout.contains("already gone"), "{run}");
    teardown(&host, &pod, None).expect(0);
}
