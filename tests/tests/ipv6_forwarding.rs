//! IPv6 forwarding between pods on a node that leaves `net.ipv6.conf.all.forwarding` at 0.
//!
//! The kernel forwards IPv6 only when `all.forwarding` is on, whatever the device's own
//! `forwarding` says (unlike IPv4). Linux 6.17+ has the per-device
//! `net.ipv6.conf.<dev>.force_forwarding`: vethctl sets it on the host veth, checks it,
//! and never changes the node-wide `all.*` settings.

use serde_json::Value;
use vethctl_tests::{host_or_skip, vethctl_expect, Netns, Node, Pod};

fn ping6(from: &Netns, from_name: &str, to: &str) -> Result<(), String> {
    let out = from.run(&["ping", "-6", "-c1", "-W2", to]);
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "ping -6 {from_name} -> {to} failed ({}): {}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout).trim(),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Does this kernel have `net.ipv6.conf.<dev>.force_forwarding` (Linux 6.17+)? Asked of
/// the test's host namespace's `lo`.
fn has_force_forwarding(host: &Netns) -> bool {
    host.proc_sys("net/ipv6/conf/lo/force_forwarding").is_some()
}

#[test]
fn pods_reach_each_other_over_ipv6_with_all_forwarding_off() {
    let node = Node::new(host_or_skip!(
        "pods_reach_each_other_over_ipv6_with_all_forwarding_off"
    ));
    let host = &node.host;
    // The node forwards no IPv6 on its own: only what vethctl sets per device may help.
    host.set_proc_sys("net/ipv6/conf/all/forwarding", "0");
    assert_eq!(
        host.proc_sys("net/ipv6/conf/all/forwarding").as_deref(),
        Some("0")
    );

    let ns1 = Netns::with_lo();
    let ns2 = Netns::with_lo();
    let pod1 = Pod::dual("fwd6-pod-1", &ns1, 1, 1);
    let pod2 = Pod::dual("fwd6-pod-2", &ns2, 2, 2);
    let mut runs = Vec::new();
    for pod in [&pod1, &pod2] {
        let mut args = pod.args("setup");
        args.push("--json".to_owned());
        let run = host.vethctl(&args);
        run.expect(0);
        runs.push(run);
    }
    let (ip6_1, ip6_2) = (pod1.ip6.clone().unwrap(), pod2.ip6.clone().unwrap());
    // Right after setup returned, in both directions.
    let failures: Vec<String> = [ping6(&ns1, "pod1", &ip6_2), ping6(&ns2, "pod2", &ip6_1)]
        .into_iter()
        .filter_map(Result::err)
        .collect();

    if !has_force_forwarding(host) {
        // An older kernel: vethctl cannot make this work per device, and must say so.
        for run in &runs {
            let json: Value = serde_json::from_str(&run.stdout)
                .unwrap_or_else(|e| panic!("setup --json printed no JSON ({e}): {run}"));
            let notes = json["notes"].to_string();
            assert!(
                notes.contains("net.ipv6.conf.all.forwarding=1"),
                "setup on a kernel without force_forwarding does not say that pod-to-pod \
                 IPv6 needs all.forwarding=1: {run}"
            );
        }
        return;
    }
    assert!(
        failures.is_empty(),
        "pod-to-pod IPv6 failed right after setup with all.forwarding=0:\n  {}",
        failures.join("\n  ")
    );
    for (pod, run) in [(&pod1, &runs[0]), (&pod2, &runs[1])] {
        let name = pod.host_name(host);
        assert_eq!(
            host.proc_sys(&format!("net/ipv6/conf/{name}/force_forwarding"))
                .as_deref(),
            Some("1"),
            "force_forwarding on {name}"
        );
        let json: Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("setup --json printed no JSON ({e}): {run}"));
        assert_eq!(
            json["notes"],
            Value::Array(Vec::new()),
            "a kernel with force_forwarding needs no note: {run}"
        );
        let created = json["created"].to_string();
        assert!(
            created.contains(&format!("net.ipv6.conf.{name}.force_forwarding = 1")),
            "setup --json does not list force_forwarding as created: {run}"
        );
    }
    // Node-wide settings are left alone.
    for key in [
        "all/forwarding",
        "default/forwarding",
        "all/force_forwarding",
    ] {
        assert_eq!(
            host.proc_sys(&format!("net/ipv6/conf/{key}")).as_deref(),
            Some("0"),
            "vethctl changed net.ipv6.conf.{key}"
        );
    }
}

#[test]
fn force_forwarding_drift_is_named_and_repaired() {
    let host = host_or_skip!("force_forwarding_drift_is_named_and_repaired");
    if !has_force_forwarding(&host) {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"force_forwarding_drift_is_named_and_repaired: this kernel has no \
              force_forwarding (Linux 6.17+); nothing to drift\n",
        );
        return;
    }
    let pod_ns = Netns::with_lo();
    let pod = Pod::dual("fwd6-drift", &pod_ns, 3, 3);
    let name = pod.host_name(&host);
    let key = format!("net/ipv6/conf/{name}/force_forwarding");

    // plan shows the write before anything exists.
    let mut args = pod.args("plan");
    args.push("--json".to_owned());
    let plan = host.vethctl(&args);
    plan.expect(0);
    let doc: Value = serde_json::from_str(&plan.stdout)
        .unwrap_or_else(|e| panic!("plan --json printed no JSON ({e}): {plan}"));
    let steps = doc["steps"].as_array().cloned().unwrap_or_default();
    assert!(
        steps.iter().any(|s| s["path"]
            .as_str()
            .is_some_and(|p| p == format!("/proc/sys/{key}"))
            && s["value"] == "1"),
        "plan --json does not write force_forwarding: {plan}"
    );

    vethctl_expect(&host, &pod, "setup", 0);
    assert_eq!(host.proc_sys(&key).as_deref(), Some("1"));
    vethctl_expect(&host, &pod, "check", 0);

    host.set_proc_sys(&key, "0");
    let drifted = vethctl_expect(&host, &pod, "check", 1);
    assert!(
        drifted
            .lines()
            .iter()
            .any(|l| l.contains("force_forwarding") && l.contains(&name)),
        "check does not name force_forwarding on {name}: {drifted}"
    );
    let repaired = vethctl_expect(&host, &pod, "setup", 0);
    assert!(
        repaired
            .lines()
            .iter()
            .any(|l| l.contains("changed") && l.contains("force_forwarding")),
        "setup does not report force_forwarding as changed: {repaired}"
    );
    assert_eq!(host.proc_sys(&key).as_deref(), Some("1"));
    vethctl_expect(&host, &pod, "check", 0);
}
