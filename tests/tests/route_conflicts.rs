//! Host routes that are not the pod's to take: a host route to the pod's address through
//! another pod's veth, or an address the node itself holds, makes setup fail (exit 1,
//! naming the owner) with nothing changed. A route through an unrelated device is still
//! replaced. Teardown never removes a host route through someone else's veth.

use vethctl_tests::{
    assert_wired, host_or_skip, vethctl_expect, Netns, Node, Pod, Run, NODE_LO4, NODE_LO6,
};

/// Setup of `pod` must exit 1 with a message containing `names`, and change nothing in
/// `host`, `pod_ns` and `others`.
fn refused(host: &Netns, pod_ns: &Netns, pod: &Pod, others: &[&Netns], names: &str) -> Run {
    let all: Vec<&Netns> = [host, pod_ns]
        .into_iter()
        .chain(others.iter().copied())
        .collect();
    all.iter().for_each(|ns| ns.settle());
    let before: Vec<_> = all.iter().map(|ns| ns.snapshot()).collect();
    let run = vethctl_expect(host, pod, "setup", 1);
    assert!(
        run.stderr.contains(names),
        "the error does not name {names}: {run}"
    );
    for (ns, before) in all.iter().zip(&before) {
        before.assert_same(&ns.snapshot(), &format!("refused setup ({names})"));
    }
    run
}

#[test]
fn another_pods_addresses() {
    let host = host_or_skip!("another_pods_addresses");
    let a_ns = Netns::with_lo();
    let a = Pod::dual("route-owner-a", &a_ns, 3, 1);
    let a_name = a.host_name(&host);
    vethctl_expect(&host, &a, "setup", 0);

    // B asks for A's addresses: A's routes are A's.
    let b_ns = Netns::with_lo();
    let b = Pod::dual("route-owner-b", &b_ns, 3, 1);
    let run = refused(&host, &b_ns, &b, &[&a_ns], &a_name);
    assert!(
        run.stderr.contains("vethctl:route-owner-a"),
        "the error does not name the other pod's tag: {run}"
    );
    // Check and plan say what setup would stop at.
    for sub in ["check", "plan"] {
        let run = vethctl_expect(&host, &b, sub, 1);
        assert!(
            format!("{}{}", run.stdout, run.stderr).contains("vethctl:route-owner-a"),
            "{sub} does not name the other pod: {run}"
        );
    }
    assert_wired(&host, &a_ns, &a, &a_name, "A after B's refused setup");
    vethctl_expect(&host, &a, "check", 0);

    // B's teardown with A's addresses (B's veth absent, then present) leaves A's routes.
    vethctl_expect(&host, &b, "teardown", 0);
    assert_wired(&host, &a_ns, &a, &a_name, "A after B's teardown (no veth)");
    let own = Pod::dual("route-owner-b", &b_ns, 3, 2);
    vethctl_expect(&host, &own, "setup", 0);
    vethctl_expect(&host, &b, "teardown", 0);
    assert_wired(
        &host,
        &a_ns,
        &a,
        &a_name,
        "A after B's teardown with A's addresses",
    );
    vethctl_expect(&host, &a, "check", 0);
    vethctl_expect(&host, &a, "teardown", 0);
}

#[test]
fn an_address_of_the_node() {
    let node = Node::new(host_or_skip!("an_address_of_the_node"));
    for (id, ip4, ip6) in [
        ("node-addr-4", NODE_LO4, "fd00:99:3::3"),
        ("node-addr-6", "10.99.3.3", NODE_LO6),
    ] {
        let pod_ns = Netns::with_lo();
        let pod = Pod::new(id, &pod_ns).ip4(ip4).ip6(ip6);
        let node_ip = if ip4 == NODE_LO4 { ip4 } else { ip6 };
        let run = refused(&node.host, &pod_ns, &pod, &[], node_ip);
        assert!(
            run.stderr.contains("address of the node"),
            "{id}: the error does not say the node holds {node_ip}: {run}"
        );
    }
}

#[test]
fn a_route_through_an_unrelated_device_is_replaced() {
    let host = host_or_skip!("a_route_through_an_unrelated_device_is_replaced");
    // (An untagged veth: this kernel may have no dummy driver.)
    host.ip("link add other0 type veth peer name other1");
    host.ip("link set other0 up");
    host.ip("route add 10.99.3.4/32 dev other0");
    let pod_ns = Netns::with_lo();
    let pod = Pod::new("unrelated-route", &pod_ns).ip4("10.99.3.4");
    let name = pod.host_name(&host);
    vethctl_expect(&host, &pod, "setup", 0);
    assert_wired(&host, &pod_ns, &pod, &name, "over a route through other0");
    vethctl_expect(&host, &pod, "teardown", 0);
}
