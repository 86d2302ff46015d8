//! Setup: after `vethctl setup`, every piece of docs/design.md's desired state is verified
//! independently (`ip -j`, `/proc/sys`), and `check` and `host-iface` agree with it.

use vethctl_tests::{assert_wired, host_or_skip, vethctl_expect, Netns, Pod};

/// A container id as runtimes make them: 64 hex digits.
const LONG_ID: &str = "3f9c2a7e5b1d4c8f9a0e6b2d7c4f1a3e5b9d8c7f6e5a4b3c2d1e0f9a8b7c6d5e";

#[test]
fn setup_with_derived_host_name_dual_stack() {
    let host = host_or_skip!("setup_with_derived_host_name_dual_stack");
    let pod_ns = Netns::with_lo();
    let pod = Pod::dual(LONG_ID, &pod_ns, 1, 7);
    let links_before = host.link_names();

    vethctl_expect(&host, &pod, "setup", 0);

    // The host veth has the derived name, which is a valid interface name.
    let name = host.derived_host_iface(LONG_ID);
    assert!(
        name.len() <= 15 && !name.contains(['/', ' ', ':']) && name != "." && name != "..",
        "host-iface printed an invalid interface name {name:?} ({} bytes)",
        name.len()
    );
    assert_eq!(
        name,
        host.derived_host_iface(LONG_ID),
        "host-iface is not deterministic"
    );
    let new_links: Vec<String> = host
        .link_names()
        .into_iter()
        .filter(|l| !links_before.contains(l))
        .collect();
    assert_eq!(
        new_links,
        vec![name.clone()],
        "setup should add exactly the host veth named by `host-iface` to the host namespace"
    );
    // The peer was born in the pod namespace: no `eth0` ever appears on the host.
    assert!(
        host.link("eth0").is_none(),
        "a link named eth0 appeared in the host namespace"
    );

    assert_wired(&host, &pod_ns, &pod, &name, "after setup");
    let check = vethctl_expect(&host, &pod, "check", 0);
    assert!(
        check.stdout.lines().count() <= 1,
        "check printed differences: {check}"
    );

    // fe80::1/64 is nodad and noprefixroute: no fe80::/64 route on the host veth.
    assert_gateway_without_prefix_route(&host, &name, "after setup");

    // A gateway as an older vethctl added it (nodad, with its fe80::/64 route): check
    // names the missing noprefixroute, setup converges it and the route goes.
    host.ip(&format!("addr change fe80::1/64 dev {name} nodad"));
    assert!(
        !fe80_prefix_routes(&host, &name).is_empty(),
        "`ip addr change` without noprefixroute should bring the fe80::/64 route back"
    );
    let drifted = vethctl_expect(&host, &pod, "check", 1);
    assert!(
        drifted.stdout.contains("noprefixroute"),
        "check did not name the missing noprefixroute: {drifted}"
    );
    vethctl_expect(&host, &pod, "setup", 0);
    assert_gateway_without_prefix_route(&host, &name, "after the converging setup");
    assert_wired(&host, &pod_ns, &pod, &name, "after the converging setup");
    vethctl_expect(&host, &pod, "check", 0);
}

/// The `fe80::/64` routes on `dev` in the main table.
fn fe80_prefix_routes(host: &Netns, dev: &str) -> Vec<serde_json::Value> {
    host.ip_json(&format!("-6 route show dev {dev}"))
        .into_iter()
        .filter(|r| r["dst"] == "fe80::/64")
        .collect()
}

/// `fe80::1/64` on `dev` is nodad and noprefixroute, and no `fe80::/64` route exists.
fn assert_gateway_without_prefix_route(host: &Netns, dev: &str, context: &str) {
    let addrs = host.addrs(dev);
    let gw = addrs
        .iter()
        .find(|a| a["local"] == "fe80::1" && a["prefixlen"] == 64)
        .unwrap_or_else(|| panic!("{context}: no fe80::1/64 on {dev}: {addrs:?}"));
    assert_eq!(gw["nodad"], true, "{context}: fe80::1 lacks nodad: {gw}");
    assert_eq!(
        gw["noprefixroute"], true,
        "{context}: fe80::1 lacks noprefixroute: {gw}"
    );
    let routes = fe80_prefix_routes(host, dev);
    assert!(
        routes.is_empty(),
        "{context}: {dev} has a fe80::/64 route: {routes:?}"
    );
}

#[test]
fn derived_host_names_differ_per_container() {
    let host = host_or_skip!("derived_host_names_differ_per_container");
    let a = host.derived_host_iface(LONG_ID);
    let b = host.derived_host_iface(&LONG_ID.replace('3', "4"));
    let c = host.derived_host_iface("x");
    assert!(
        a != b && b != c && a != c,
        "derived names collide: {a} {b} {c}"
    );
    let long = "x".repeat(300);
    let accents = "é".repeat(40);
    let odd = [
        "a/b c",
        "..",
        ".",
        &accents,
        "tab\there",
        "new\nline",
        &long,
    ];
    let mut names = vec![a, b, c];
    names.extend(odd.iter().map(|id| host.derived_host_iface(id)));
    for n in &names {
        assert!(
            !n.is_empty()
                && n.len() <= 15
                && n != "."
                && n != ".."
                && !n.contains(|c: char| c == '/' || c == ':' || c.is_whitespace()),
            "derived name {n:?} is not a valid interface name"
        );
    }
    let distinct: std::collections::BTreeSet<&String> = names.iter().collect();
    assert_eq!(
        distinct.len(),
        names.len(),
        "derived names collide: {names:?}"
    );

    // A pod with such an id can be wired, checked and torn down.
    let pod_ns = Netns::with_lo();
    let pod = Pod::dual("a/b c", &pod_ns, 8, 8);
    vethctl_expect(&host, &pod, "setup", 0);
    assert_wired(
        &host,
        &pod_ns,
        &pod,
        &pod.host_name(&host),
        "id with '/' and ' '",
    );
    vethctl_expect(&host, &pod, "check", 0);
    // Its own addresses: a second pod with the first one's would take over its host
    // routes, which setup refuses.
    let long_pod = Pod::dual(&long, &pod_ns, 8, 9).ifname("net1");
    vethctl_expect(&host, &long_pod, "setup", 0);
    assert_wired(
        &host,
        &pod_ns,
        &long_pod,
        &long_pod.host_name(&host),
        "300-byte id",
    );
    vethctl_expect(&host, &long_pod, "check", 0);
    vethctl_expect(&host, &pod, "teardown", 0);
    vethctl_expect(&host, &long_pod, "teardown", 0);
    assert_eq!(
        pod_ns.link_names(),
        vec!["lo".to_owned()],
        "teardown left pod links"
    );
}

#[test]
fn setup_with_given_names_and_mtu() {
    let host = host_or_skip!("setup_with_given_names_and_mtu");
    let pod_ns = Netns::with_lo();
    // 15 bytes each: the longest valid interface names.
    let pod = Pod::dual("given-names", &pod_ns, 2, 9)
        .ifname("pod-iface-15byt")
        .host_iface("host-iface-15by")
        .mtu(9000);

    vethctl_expect(&host, &pod, "setup", 0);

    assert!(
        host.link("pod-iface-15byt").is_none(),
        "the pod name appeared on the host"
    );
    let derived = host.derived_host_iface("given-names");
    assert!(
        host.link(&derived).is_none(),
        "setup created the derived name {derived} although --host-iface was given"
    );
    assert_wired(&host, &pod_ns, &pod, "host-iface-15by", "after setup");
    vethctl_expect(&host, &pod, "check", 0);
}

/// Sets up a single-family pod: wired as wanted, and `check` finds nothing.
fn single_family(test: &str, make: fn(&Netns) -> Pod, context: &str) {
    let host = host_or_skip!(test);
    let pod_ns = Netns::with_lo();
    let pod = make(&pod_ns);
    vethctl_expect(&host, &pod, "setup", 0);
    assert_wired(&host, &pod_ns, &pod, &pod.host_name(&host), context);
    vethctl_expect(&host, &pod, "check", 0);
}

#[test]
fn setup_ipv4_only() {
    single_family(
        "setup_ipv4_only",
        |ns| Pod::new("v4-only", ns).ip4("10.99.3.3"),
        "after IPv4-only setup",
    );
}

#[test]
fn setup_ipv6_only() {
    single_family(
        "setup_ipv6_only",
        |ns| Pod::new("v6-only", ns).ip6("fd00:99:4::4"),
        "after IPv6-only setup",
    );
}

#[test]
fn check_before_setup_reports_drift() {
    let host = host_or_skip!("check_before_setup_reports_drift");
    let pod_ns = Netns::with_lo();
    let pod = Pod::dual("nothing-yet", &pod_ns, 5, 5);
    let run = vethctl_expect(&host, &pod, "check", 1);
    assert!(
        !run.lines().is_empty(),
        "check found drift but printed no line: {run}"
    );
}

#[test]
fn plan_and_json() {
    let host = host_or_skip!("plan_and_json");
    let pod_ns = Netns::with_lo();
    let pod = Pod::dual("plan-json", &pod_ns, 6, 6);
    let (host_before, pod_before) = (host.snapshot(), pod_ns.snapshot());

    let plan = vethctl_expect(&host, &pod, "plan", 0);
    for name in ["RTM_NEWLINK", "RTM_NEWADDR", "RTM_NEWROUTE"] {
        assert!(
            plan.stdout.contains(name),
            "plan does not show {name}: {plan}"
        );
    }
    host_before.assert_same(&host.snapshot(), "plan (host namespace)");
    pod_before.assert_same(&pod_ns.snapshot(), "plan (pod namespace)");
    // On a veth it creates, setup adds the pod's IPv6 address in the pod's first batch,
    // before the reads; the plan shows it there.
    let ip6 = pod.ip6.as_deref().expect("a dual-stack pod");
    let pod_a = plan
        .stdout
        .split("## ")
        .find(|section| section.starts_with("pod phase A"))
        .unwrap_or_else(|| panic!("plan has no pod phase A: {plan}"));
    assert!(
        pod_a.contains(&format!("add {ip6}/128 nodad")),
        "plan's pod phase A does not add {ip6} first: {pod_a}"
    );

    // The plan lists as many requests (and sysctl writes) as setup then sends: fresh,
    // then on the wired pod.
    let steps = |plan: &vethctl_tests::Run| {
        plan.stdout
            .lines()
            .filter(|l| {
                l.strip_prefix("# ")
                    .and_then(|r| r.split_once(". "))
                    .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
            })
            .count() as u64
    };
    let mut planned = steps(&plan);
    for sub in ["setup", "setup", "teardown"] {
        let mut args = pod.args(sub);
        args.push("--json".to_owned());
        let run = host.vethctl(&args);
        run.expect(0);
        let json = serde_json::from_str::<serde_json::Value>(&run.stdout)
            .unwrap_or_else(|e| panic!("{sub} --json printed no JSON document ({e}): {run}"));
        if sub == "setup" {
            assert_eq!(
                json["requests"].as_u64(),
                Some(planned),
                "plan listed {planned} steps, setup sent another number: {run}"
            );
            planned = steps(&vethctl_expect(&host, &pod, "plan", 0));
        }
    }
}
