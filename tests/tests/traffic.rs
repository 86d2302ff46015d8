//! Traffic: two pods on a node-like host namespace ping the node and each other over
//! IPv6 and IPv4 right after setup returns (no waiting for DAD or proxy ARP).

use vethctl_tests::{
    assert_wired, host_or_skip, vethctl_expect, Netns, Node, Pod, NODE_LO4, NODE_LO6,
};

fn ping(from: &Netns, from_name: &str, to: &str) -> Result<(), String> {
    let out = from.run(&["ping", "-c1", "-W2", to]);
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "ping {from_name} -> {to} failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout).trim(),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

#[test]
fn pods_reach_the_node_and_each_other_at_once() {
    let node = Node::new(host_or_skip!("pods_reach_the_node_and_each_other_at_once"));
    let host = &node.host;
    // A node that routes pods forwards IPv6 (kubeadm checks this; the CNI ptp plugin
    // sets it). The per-device `net.ipv6.conf.<dev>.forwarding` vethctl sets does not
    // make the kernel forward; setup.rs checks that knob separately. IPv4 forwarding is
    // left off globally: the per-device setting on the host veths must suffice.
    host.set_proc_sys("net/ipv6/conf/all/forwarding", "1");

    let ns1 = Netns::with_lo();
    let ns2 = Netns::with_lo();
    let pod1 = Pod::dual("traffic-pod-1", &ns1, 1, 1);
    let pod2 = Pod::dual("traffic-pod-2", &ns2, 2, 2);

    vethctl_expect(host, &pod1, "setup", 0);
    vethctl_expect(host, &pod2, "setup", 0);
    // Right after setup returned: the first packets must get through.
    let (ip4_1, ip6_1) = (pod1.ip4.clone().unwrap(), pod1.ip6.clone().unwrap());
    let (ip4_2, ip6_2) = (pod2.ip4.clone().unwrap(), pod2.ip6.clone().unwrap());
    let results = [
        ping(&ns2, "pod2", NODE_LO6),
        ping(&ns2, "pod2", NODE_LO4),
        ping(&ns1, "pod1", NODE_LO6),
        ping(&ns1, "pod1", NODE_LO4),
        ping(&ns1, "pod1", &ip6_2),
        ping(&ns1, "pod1", &ip4_2),
        ping(&ns2, "pod2", &ip6_1),
        ping(&ns2, "pod2", &ip4_1),
    ];
    let failures: Vec<String> = results.into_iter().filter_map(Result::err).collect();
    if !failures.is_empty() {
        let wiring: Vec<String> = [(&ns1, &pod1), (&ns2, &pod2)]
            .iter()
            .flat_map(|(ns, pod)| {
                vethctl_tests::wiring_problems(host, ns, pod, &pod.host_name(host))
            })
            .collect();
        panic!(
            "pings failed right after setup:\n  {}\nwiring problems seen by ip -j: {wiring:?}",
            failures.join("\n  ")
        );
    }
    assert_wired(host, &ns1, &pod1, &pod1.host_name(host), "pod1 after pings");
    assert_wired(host, &ns2, &pod2, &pod2.host_name(host), "pod2 after pings");

    // Teardown cuts the pod off again.
    vethctl_expect(host, &pod1, "teardown", 0);
    assert!(
        ping(&ns2, "pod2", &ip4_1).is_err(),
        "pod1 still answers after teardown"
    );
    assert!(
        ping(&ns2, "pod2", NODE_LO4).is_ok(),
        "teardown of pod1 broke pod2"
    );
}
