//! Collisions: a host `eth0` does not get in the way (the peer is born in the pod), and
//! a host name held by anything but our veth makes setup fail and leaves that link alone.

use vethctl_tests::{assert_wired, host_or_skip, vethctl_expect, Netns, Pod};

/// A link's configuration and addresses, plus its /proc/sys settings, for comparison.
fn link_state(ns: &Netns, name: &str) -> String {
    let mut link = ns.link(name).unwrap_or_else(|| panic!("{name} vanished"));
    let obj = link.as_object_mut().unwrap();
    obj.remove("operstate");
    obj.remove("qdisc");
    if let Some(info) = obj.get_mut("linkinfo").and_then(|i| i.get_mut("info_data")) {
        if let Some(data) = info.as_object_mut() {
            data.retain(|k, _| !k.ends_with("_timer"));
        }
    }
    let sysctls: Vec<Option<String>> = [
        format!("net/ipv4/conf/{name}/proxy_arp"),
        format!("net/ipv4/conf/{name}/forwarding"),
        format!("net/ipv6/conf/{name}/forwarding"),
        format!("net/ipv6/conf/{name}/addr_gen_mode"),
        format!("net/ipv4/neigh/{name}/proxy_delay"),
    ]
    .iter()
    .map(|k| ns.proc_sys(k))
    .collect();
    format!("{link}\naddrs: {:?}\nsysctls: {sysctls:?}", ns.addrs(name))
}

#[test]
fn host_has_its_own_eth0() {
    let host = host_or_skip!("host_has_its_own_eth0");
    let other = Netns::with_lo();
    host.ip(&format!(
        "link add eth0 type veth peer name uplink netns {}",
        other.path()
    ));
    host.ip("addr add 10.77.0.1/24 dev eth0");
    host.ip("link set eth0 up");
    let eth0_before = link_state(&host, "eth0");

    let pod_ns = Netns::with_lo();
    let pod = Pod::dual("host-eth0", &pod_ns, 1, 1);
    vethctl_expect(&host, &pod, "setup", 0);
    assert_wired(
        &host,
        &pod_ns,
        &pod,
        &pod.host_name(&host),
        "setup next to a host eth0",
    );
    assert_eq!(
        eth0_before,
        link_state(&host, "eth0"),
        "setup changed the host's eth0"
    );
    vethctl_expect(&host, &pod, "check", 0);
    vethctl_expect(&host, &pod, "teardown", 0);
    assert_eq!(
        eth0_before,
        link_state(&host, "eth0"),
        "teardown changed the host's eth0"
    );
}

/// Setup must exit 1 and leave the host, the squatting link and the pod untouched.
fn refuses(host: &Netns, pod_ns: &Netns, pod: &Pod, squatter: &str, others: &[&Netns]) {
    host.settle();
    pod_ns.settle();
    others.iter().for_each(|ns| ns.settle());
    let squatter_before = link_state(host, squatter);
    let (host_before, pod_before) = (host.snapshot(), pod_ns.snapshot());
    let others_before: Vec<_> = others.iter().map(|ns| ns.snapshot()).collect();

    let run = vethctl_expect(host, pod, "setup", 1);
    assert!(
        !run.stderr.trim().is_empty(),
        "setup failed without a message: {run}"
    );

    assert_eq!(
        squatter_before,
        link_state(host, squatter),
        "setup changed {squatter}: {run}"
    );
    host_before.assert_same(&host.snapshot(), "refused setup (host namespace)");
    pod_before.assert_same(&pod_ns.snapshot(), "refused setup (pod namespace)");
    for (ns, before) in others.iter().zip(&others_before) {
        before.assert_same(
            &ns.snapshot(),
            "refused setup (the squatter's peer namespace)",
        );
    }
    vethctl_expect(host, pod, "check", 1);
    assert_eq!(
        squatter_before,
        link_state(host, squatter),
        "check changed {squatter}"
    );
}

#[test]
fn host_name_held_by_a_bridge() {
    let host = host_or_skip!("host_name_held_by_a_bridge");
    let pod_ns = Netns::with_lo();
    let pod = Pod::dual("bridge-squat", &pod_ns, 1, 1);
    let name = pod.host_name(&host);
    host.ip(&format!("link add {name} type bridge"));
    // No kernel link-local: nothing on the bridge changes on its own (DAD) meanwhile.
    host.ip(&format!("link set {name} addrgenmode none"));
    host.ip(&format!("addr add 10.78.0.1/24 dev {name}"));
    host.ip(&format!("link set {name} up"));
    refuses(&host, &pod_ns, &pod, &name, &[]);
}

#[test]
fn host_name_is_a_veth_into_another_namespace() {
    let host = host_or_skip!("host_name_is_a_veth_into_another_namespace");
    let pod_ns = Netns::with_lo();
    let elsewhere = Netns::with_lo();
    let pod = Pod::dual("foreign-veth", &pod_ns, 1, 1).host_iface("vforeign0");
    host.ip(&format!(
        "link add vforeign0 type veth peer name eth0 netns {}",
        elsewhere.path()
    ));
    host.ip("link set vforeign0 up");
    elsewhere.ip("addr add 10.99.1.1/32 dev eth0");
    refuses(&host, &pod_ns, &pod, "vforeign0", &[&elsewhere]);
}

/// The pod holds, at the index the host veth names as its peer, a veth whose own peer has
/// the host veth's index, but in a third namespace: only the namespace ids tell the two
/// pairs apart.
#[test]
fn host_name_is_a_veth_into_another_namespace_with_lookalike_indexes() {
    let host = host_or_skip!("host_name_is_a_veth_into_another_namespace_with_lookalike_indexes");
    let pod_ns = Netns::with_lo();
    let elsewhere = Netns::with_lo();
    let third = Netns::with_lo();
    let pod = Pod::dual("lookalike-veth", &pod_ns, 1, 1).host_iface("vlook0");
    host.ip(&format!(
        "link add vlook0 index 50 type veth peer name eth0 index 7 netns {}",
        elsewhere.path()
    ));
    pod_ns.ip(&format!(
        "link add vlook1 index 7 type veth peer name vlook2 index 50 netns {}",
        third.path()
    ));
    refuses(&host, &pod_ns, &pod, "vlook0", &[&elsewhere, &third]);
}

#[test]
fn host_name_is_a_veth_with_its_peer_on_the_host() {
    let host = host_or_skip!("host_name_is_a_veth_with_its_peer_on_the_host");
    let pod_ns = Netns::with_lo();
    let pod = Pod::dual("local-veth", &pod_ns, 1, 1).host_iface("vlocal0");
    host.ip("link add vlocal0 type veth peer name vlocal1");
    refuses(&host, &pod_ns, &pod, "vlocal0", &[]);
}

#[test]
fn same_container_id_with_a_new_pod_namespace() {
    let host = host_or_skip!("same_container_id_with_a_new_pod_namespace");
    let first_ns = Netns::with_lo();
    let first = Pod::dual("recreated", &first_ns, 1, 1);
    vethctl_expect(&host, &first, "setup", 0);
    let name = first.host_name(&host);

    // The same container id (hence host name) with another, live pod namespace: the
    // existing veth's peer lives in the first one, so it is not ours to reuse.
    let second_ns = Netns::with_lo();
    let second = Pod::dual("recreated", &second_ns, 1, 1);
    first_ns.settle();
    let first_before = first_ns.snapshot();
    let run = vethctl_expect(&host, &second, "setup", 1);
    assert!(
        !run.stderr.trim().is_empty(),
        "setup failed without a message: {run}"
    );
    first_before.assert_same(&first_ns.snapshot(), "refused setup (the first pod)");
    assert!(
        second_ns.link("eth0").is_none(),
        "the second pod got an eth0: {run}"
    );
    assert_wired(
        &host,
        &first_ns,
        &first,
        &name,
        "the first pod after the refused setup",
    );
}
