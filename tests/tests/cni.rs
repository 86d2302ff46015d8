//! vethctl as a CNI plugin, driven as a runtime drives it (no arguments, `CNI_*`
//! variables, the config on stdin) inside namespaces the tests create, with Debian's
//! host-local IPAM and, for 1.1.0's STATUS and GC, an IPAM stand-in script.

use serde_json::{json, Value};
use vethctl_tests::cni::{conf, run, tool_or_skip, with_prev, Attachment, CniDir};
use vethctl_tests::{assert_wired, host_or_skip, Netns, Node, Pod, NODE_LO4, NODE_LO6};

const HOST_LOCAL: &str = "/usr/lib/cni/host-local";
const PKG: &str = "containernetworking-plugins";

fn env(a: &Attachment) -> Vec<(String, String)> {
    a.env()
}

/// The pod's addresses in a result, without prefix: `(ip4, ip6)`.
fn addresses(result: &Value) -> (Option<String>, Option<String>) {
    let mut out = (None, None);
    for ip in result["ips"].as_array().expect("ips") {
        let a = ip["address"].as_str().expect("address");
        let (addr, len) = a.split_once('/').expect("CIDR");
        if addr.contains(':') {
            assert_eq!(len, "128", "{a}: the pod gets a single IPv6 address");
            out.1 = Some(addr.to_owned());
        } else {
            assert_eq!(len, "32", "{a}: the pod gets a single IPv4 address");
            out.0 = Some(addr.to_owned());
        }
    }
    out
}

/// The Pod (for the independent wiring check) a result describes.
fn pod_of(result: &Value, id: &str, ns: &Netns, ifname: &str) -> Pod {
    let (v4, v6) = addresses(result);
    let mut p = Pod::new(id, ns).ifname(ifname);
    if let Some(a) = v4 {
        p = p.ip4(&a);
    }
    if let Some(a) = v6 {
        p = p.ip6(&a);
    }
    p
}

fn host_iface(result: &Value) -> String {
    let i = &result["interfaces"][0];
    assert!(
        i.get("sandbox").is_none_or(|s| s == ""),
        "interfaces[0] is the host veth, with no sandbox: {result}"
    );
    i["name"].as_str().expect("name").to_owned()
}

#[test]
fn add_check_del_with_host_local() {
    let host = host_or_skip!("add_check_del_with_host_local");
    if !tool_or_skip("add_check_del_with_host_local", HOST_LOCAL, PKG) {
        return;
    }
    let node = Node::new(host);
    let host = &node.host;
    let dir = CniDir::new();
    let ns = Netns::with_lo();
    let net = conf(
        "1.0.0",
        "net1",
        &dir.host_local("10.22.0.0/24", "fd00:22::/64"),
    );
    let a = Attachment::new("c1", &ns);
    let r = run(host, &dir, "ADD", &env(&a), &net.to_string());
    let result = r.ok().clone();
    // The result: host veth, pod interface in its sandbox, /32 + /128 on it, defaults.
    assert_eq!(result["cniVersion"], "1.0.0");
    let h = host_iface(&result);
    assert_eq!(result["interfaces"][1]["name"], "eth0");
    assert_eq!(result["interfaces"][1]["sandbox"], ns.path());
    for ip in result["ips"].as_array().unwrap() {
        assert_eq!(ip["interface"], 1, "{result}");
        assert!(ip.get("version").is_none(), "1.0.0 has no ips[].version");
    }
    let routes: Vec<(&str, &str)> = result["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["dst"].as_str().unwrap(), r["gw"].as_str().unwrap()))
        .collect();
    assert!(routes.contains(&("0.0.0.0/0", "169.254.1.1")), "{routes:?}");
    assert!(routes.contains(&("::/0", "fe80::1")), "{routes:?}");
    let mac = result["interfaces"][1]["mac"].as_str().expect("pod mac");
    let live = ns.link("eth0").expect("eth0 in the pod");
    assert_eq!(live["address"], mac);
    let pod = pod_of(&result, "c1", &ns, "eth0");
    assert_wired(host, &ns, &pod, &h, "after CNI ADD");
    assert_eq!(dir.leases("net1").len(), 2, "one lease per family");
    // Ready on return: the pod reaches the node in both families at once.
    for dst in [NODE_LO4, NODE_LO6] {
        ns.must(&["ping", "-c1", "-W2", dst]);
    }
    // CHECK as libcni sends it: the config with prevResult.
    let checked = with_prev(&net, &result);
    run(host, &dir, "CHECK", &env(&a), &checked.to_string()).ok();
    // Drift is an error naming it.
    ns.ip("route del default via 169.254.1.1 dev eth0");
    let msg = run(host, &dir, "CHECK", &env(&a), &checked.to_string()).err(999);
    assert!(msg.contains("default"), "{msg}");
    // DEL: gone, lease released; again, and with no netns: still success.
    run(host, &dir, "DEL", &env(&a), &checked.to_string()).ok();
    assert!(host.link(&h).is_none(), "host veth {h} left behind");
    assert!(ns.link("eth0").is_none());
    assert_eq!(dir.leases("net1"), Vec::<String>::new(), "leases left");
    run(host, &dir, "DEL", &env(&a), &net.to_string()).ok();
    let mut gone = a.clone();
    gone.netns = String::new();
    run(host, &dir, "DEL", &env(&gone), &net.to_string()).ok();
    gone.netns = "/proc/999999999/ns/net".into();
    run(host, &dir, "DEL", &env(&gone), &net.to_string()).ok();
}

#[test]
fn every_version_answers_in_its_format() {
    let host = host_or_skip!("every_version_answers_in_its_format");
    if !tool_or_skip("every_version_answers_in_its_format", HOST_LOCAL, PKG) {
        return;
    }
    let dir = CniDir::new();
    let v = run(&host, &dir, "VERSION", &[], "");
    let supported = v.ok()["supportedVersions"].clone();
    assert_eq!(
        supported,
        json!(["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"])
    );
    for version in ["0.3.0", "0.3.1", "0.4.0", "1.0.0"] {
        let v = run(
            &host,
            &dir,
            "VERSION",
            &[],
            &json!({"cniVersion": version}).to_string(),
        );
        assert_eq!(v.ok()["cniVersion"], version);
        let ns = Netns::with_lo();
        let net = conf(
            version,
            "netv",
            &dir.host_local("10.23.0.0/24", "fd00:23::/64"),
        );
        let a = Attachment::new(&format!("c-{}", version.replace('.', "")), &ns);
        let r = run(&host, &dir, "ADD", &env(&a), &net.to_string());
        let result = r.ok().clone();
        assert_eq!(result["cniVersion"], version);
        let old = version.starts_with("0.");
        for ip in result["ips"].as_array().unwrap() {
            let fam = if ip["address"].as_str().unwrap().contains(':') {
                "6"
            } else {
                "4"
            };
            if old {
                assert_eq!(ip["version"], fam, "{version}: {result}");
            } else {
                assert!(ip.get("version").is_none(), "{version}: {result}");
            }
        }
        let h = host_iface(&result);
        assert_wired(
            &host,
            &ns,
            &pod_of(&result, &a.container_id, &ns, "eth0"),
            &h,
            version,
        );
        if version != "0.3.0" && version != "0.3.1" {
            run(
                &host,
                &dir,
                "CHECK",
                &env(&a),
                &with_prev(&net, &result).to_string(),
            )
            .ok();
        } else {
            // CHECK came with 0.4.0.
            run(
                &host,
                &dir,
                "CHECK",
                &env(&a),
                &with_prev(&net, &result).to_string(),
            )
            .err(1);
        }
        run(&host, &dir, "DEL", &env(&a), &net.to_string()).ok();
        assert!(host.link(&h).is_none());
    }
    // A version nobody supports: code 1.
    let ns = Netns::with_lo();
    let net = conf(
        "0.2.0",
        "netv",
        &dir.host_local("10.23.0.0/24", "fd00:23::/64"),
    );
    run(
        &host,
        &dir,
        "ADD",
        &env(&Attachment::new("c", &ns)),
        &net.to_string(),
    )
    .err(1);
}

#[test]
fn bad_input_is_refused_before_any_change() {
    let host = host_or_skip!("bad_input_is_refused_before_any_change");
    if !tool_or_skip("bad_input_is_refused_before_any_change", HOST_LOCAL, PKG) {
        return;
    }
    let dir = CniDir::new();
    let ns = Netns::with_lo();
    let before = host.snapshot();
    let pod_before = ns.snapshot();
    let good = conf(
        "1.0.0",
        "netb",
        &dir.host_local("10.24.0.0/24", "fd00:24::/64"),
    );
    let a = Attachment::new("c1", &ns);
    let s = good.to_string();
    // CNI_COMMAND unset (other CNI_* set) or unknown: 4, naming it.
    let msg = run(&host, &dir, "", &env(&a), &s).err(4);
    assert!(msg.contains("CNI_COMMAND"), "{msg}");
    let msg = run(&host, &dir, "FROB", &env(&a), &s).err(4);
    assert!(msg.contains("CNI_COMMAND") && msg.contains("FROB"), "{msg}");
    for var in ["CNI_CONTAINERID", "CNI_IFNAME", "CNI_NETNS"] {
        let e: Vec<_> = env(&a).into_iter().filter(|(k, _)| k != var).collect();
        let msg = run(&host, &dir, "ADD", &e, &s).err(4);
        assert!(msg.starts_with(var), "{var}: {msg}");
    }
    let mut bad = a.clone();
    bad.ifname = "a/b".into();
    assert!(run(&host, &dir, "ADD", &env(&bad), &s)
        .err(4)
        .contains("CNI_IFNAME"));
    bad = a.clone();
    bad.container_id = "has space".into();
    assert!(run(&host, &dir, "ADD", &env(&bad), &s)
        .err(4)
        .contains("CNI_CONTAINERID"));
    bad = a.clone();
    bad.netns = "/nonexistent".into();
    assert!(run(&host, &dir, "ADD", &env(&bad), &s)
        .err(4)
        .contains("CNI_NETNS"));
    // The plugin's own namespace is not a pod's (ptp wires the host into itself there).
    for own in ["/proc/self/ns/net".to_owned(), host.path().to_owned()] {
        bad.netns = own;
        let msg = run(&host, &dir, "ADD", &env(&bad), &s).err(4);
        assert!(msg.contains("own network namespace"), "{msg}");
    }
    // Bad JSON: 6; invalid config: 7.
    run(&host, &dir, "ADD", &env(&a), "{not json").err(6);
    run(&host, &dir, "ADD", &env(&a), "").err(6);
    let mut c = good.clone();
    c["mtu"] = json!(50);
    assert!(run(&host, &dir, "ADD", &env(&a), &c.to_string())
        .err(7)
        .contains("mtu"));
    c = good.clone();
    c.as_object_mut().unwrap().remove("ipam");
    assert!(run(&host, &dir, "ADD", &env(&a), &c.to_string())
        .err(7)
        .contains("ipam"));
    c = good.clone();
    c["name"] = json!("bad name");
    run(&host, &dir, "ADD", &env(&a), &c.to_string()).err(7);
    // Nothing changed, no lease taken.
    before.assert_same(&host.snapshot(), "host after refused requests");
    pod_before.assert_same(&ns.snapshot(), "pod after refused requests");
    assert_eq!(dir.leases("netb"), Vec::<String>::new());
}

#[test]
fn attachments_of_one_container_are_independent() {
    let host = host_or_skip!("attachments_of_one_container_are_independent");
    if !tool_or_skip(
        "attachments_of_one_container_are_independent",
        HOST_LOCAL,
        PKG,
    ) {
        return;
    }
    let dir = CniDir::new();
    let (ns1, ns2) = (Netns::with_lo(), Netns::with_lo());
    let neta = conf(
        "1.0.0",
        "neta",
        &dir.host_local("10.25.0.0/24", "fd00:25::/64"),
    );
    let netb = conf(
        "1.0.0",
        "netb",
        &dir.host_local("10.26.0.0/24", "fd00:26::/64"),
    );
    // c1: eth0 and eth1 on neta, eth2 on netb; c2: eth0 on neta.
    let atts = [
        (Attachment::new("c1", &ns1), &neta, &ns1),
        (Attachment::new("c1", &ns1).ifname("eth1"), &neta, &ns1),
        (Attachment::new("c1", &ns1).ifname("eth2"), &netb, &ns1),
        (Attachment::new("c2", &ns2), &neta, &ns2),
    ];
    let results: Vec<Value> = atts
        .iter()
        .map(|(a, net, _)| {
            run(&host, &dir, "ADD", &env(a), &net.to_string())
                .ok()
                .clone()
        })
        .collect();
    let names: std::collections::BTreeSet<String> = results.iter().map(host_iface).collect();
    assert_eq!(names.len(), 4, "one host veth per attachment: {names:?}");
    // Each attachment: its host veth, the pod interface with its addresses, the host
    // routes to them, and CHECK passes. A pod's first attachment (c1 eth0, c2 eth0)
    // carries its default routes, and later attachments leave them alone: the first is
    // fully wired whatever was added after it.
    let first = [0, 3];
    let wired = |skip: &[usize], ctx: &str| {
        for (i, ((a, _, ns), r)) in atts.iter().zip(&results).enumerate() {
            if skip.contains(&i) {
                continue;
            }
            let ctx = format!("{ctx}: attachment {i} ({} {})", a.container_id, a.ifname);
            let h = host_iface(r);
            assert!(host.link(&h).is_some(), "{ctx}: host veth {h} missing");
            let (v4, v6) = addresses(r);
            let have: Vec<String> = ns
                .addrs(&a.ifname)
                .iter()
                .filter_map(|x| x["local"].as_str().map(str::to_owned))
                .collect();
            for want in [v4.clone(), v6.clone()].into_iter().flatten() {
                assert!(
                    have.contains(&want),
                    "{ctx}: {want} not on {}: {have:?}",
                    a.ifname
                );
                let fam = if want.contains(':') { "-6" } else { "-4" };
                let route = host.ip(&format!("{fam} route show {want} dev {h}"));
                assert!(
                    !route.trim().is_empty(),
                    "{ctx}: no host route {want} dev {h}"
                );
            }
            if first.contains(&i) {
                let pod = pod_of(r, &a.container_id, ns, &a.ifname);
                assert_wired(&host, ns, &pod, &h, &ctx);
            } else {
                assert_eq!(r["routes"], json!([]), "{ctx}: no default routes listed");
            }
            let net = atts[i].1;
            run(
                &host,
                &dir,
                "CHECK",
                &env(a),
                &with_prev(net, r).to_string(),
            )
            .ok();
        }
    };
    wired(&[], "all added");
    // The same ifname again, from another network: an error; the existing one intact.
    let msg = run(&host, &dir, "ADD", &env(&atts[0].0), &netb.to_string()).err(999);
    assert!(msg.contains("already exists"), "{msg}");
    wired(&[], "after the refused ADD");
    assert_eq!(dir.leases("netb").len(), 2, "the refused ADD took no lease");
    // DEL of c1's eth1 on neta touches nothing else.
    run(&host, &dir, "DEL", &env(&atts[1].0), &neta.to_string()).ok();
    assert!(host.link(&host_iface(&results[1])).is_none());
    wired(&[1], "after DEL of one attachment");
}

#[test]
fn a_failed_add_releases_its_lease_and_leaves_nothing() {
    let host = host_or_skip!("a_failed_add_releases_its_lease_and_leaves_nothing");
    if !tool_or_skip(
        "a_failed_add_releases_its_lease_and_leaves_nothing",
        HOST_LOCAL,
        PKG,
    ) {
        return;
    }
    let dir = CniDir::new();
    let ns = Netns::with_lo();
    let before = host.snapshot();
    // An MTU that IPv4 takes but IPv6 does not: known bad only once IPAM gave an IPv6
    // address.
    let mut net = conf(
        "1.0.0",
        "netf",
        &dir.host_local("10.27.0.0/24", "fd00:27::/64"),
    );
    net["mtu"] = json!(1000);
    let msg = run(
        &host,
        &dir,
        "ADD",
        &env(&Attachment::new("c1", &ns)),
        &net.to_string(),
    )
    .err(7);
    assert!(msg.contains("1280"), "{msg}");
    assert_eq!(
        dir.leases("netf"),
        Vec::<String>::new(),
        "the lease was not released"
    );
    before.assert_same(&host.snapshot(), "host after a failed ADD");
    // An IPAM that hands out a link-local address: refused after IPAM ADD, lease
    // released (the stand-in logs its commands).
    let log = dir.file("ipam.log");
    dir.script(
        "bad-ipam",
        &format!(
            "#!/bin/sh\necho \"$CNI_COMMAND\" >> {}\ncat >/dev/null\n\
             [ \"$CNI_COMMAND\" = ADD ] && echo '{{\"cniVersion\":\"1.0.0\",\"ips\":[{{\"address\":\"169.254.9.9/16\"}}]}}'\nexit 0\n",
            log.display()
        ),
    );
    let net = conf("1.0.0", "netf", &json!({"type": "bad-ipam"}));
    let msg = run(
        &host,
        &dir,
        "ADD",
        &env(&Attachment::new("c2", &ns)),
        &net.to_string(),
    )
    .err(7);
    assert!(msg.contains("link-local"), "{msg}");
    let calls = std::fs::read_to_string(&log).unwrap();
    assert_eq!(calls, "ADD\nDEL\n", "the lease is released after IPAM ADD");
    before.assert_same(&host.snapshot(), "host after a refused IPAM result");
}

#[test]
fn status_and_gc_of_1_1_0() {
    let host = host_or_skip!("status_and_gc_of_1_1_0");
    let dir = CniDir::new();
    dir.ipam_stand_in();
    let net = conf("1.1.0", "netg", &json!({"type": "ipam-1.1"}));
    let other = conf("1.1.0", "neth", &json!({"type": "ipam-1.1"}));
    run(&host, &dir, "STATUS", &[], &net.to_string()).ok();
    std::fs::write(dir.file("down"), "").unwrap();
    let msg = run(&host, &dir, "STATUS", &[], &net.to_string()).err(50);
    assert!(msg.contains("exhausted"), "{msg}");
    std::fs::remove_file(dir.file("down")).unwrap();
    let missing = conf("1.1.0", "netg", &json!({"type": "no-such-ipam"}));
    assert!(run(&host, &dir, "STATUS", &[], &missing.to_string())
        .err(50)
        .contains("no-such-ipam"));
    // STATUS and GC came with 1.1.0.
    run(
        &host,
        &dir,
        "STATUS",
        &[],
        &conf("1.0.0", "netg", &json!({"type": "ipam-1.1"})).to_string(),
    )
    .err(1);

    let namespaces: Vec<Netns> = (0..3).map(|_| Netns::with_lo()).collect();
    let mut added = Vec::new();
    for (i, ns) in namespaces.iter().enumerate() {
        let a = Attachment::new(&format!("g{i}"), ns);
        let r = run(&host, &dir, "ADD", &env(&a), &net.to_string())
            .ok()
            .clone();
        assert_eq!(r["cniVersion"], "1.1.0");
        added.push((a, r));
    }
    // g0 also has an attachment on another network, which GC of netg must not touch.
    let g0b = Attachment::new("g0", &namespaces[0]).ifname("eth1");
    let r = run(&host, &dir, "ADD", &env(&g0b), &other.to_string())
        .ok()
        .clone();
    // GC of netg keeping g1 only.
    let mut gc = net.clone();
    gc["cni.dev/valid-attachments"] = json!([{"containerID": "g1", "ifname": "eth0"}]);
    run(&host, &dir, "GC", &[], &gc.to_string()).ok();
    assert!(
        host.link(&host_iface(&added[0].1)).is_none(),
        "g0 on netg should be gone"
    );
    assert!(
        host.link(&host_iface(&added[2].1)).is_none(),
        "g2 on netg should be gone"
    );
    let pod = pod_of(&added[1].1, "g1", &namespaces[1], "eth0");
    assert_wired(
        &host,
        &namespaces[1],
        &pod,
        &host_iface(&added[1].1),
        "kept by GC",
    );
    // g0's attachment on the other network (its second: no default routes) is intact.
    assert!(
        host.link(&host_iface(&r)).is_some(),
        "GC of netg removed neth's veth"
    );
    run(
        &host,
        &dir,
        "CHECK",
        &env(&g0b),
        &with_prev(&other, &r).to_string(),
    )
    .ok();
    let log = std::fs::read_to_string(dir.file("ipam.log")).unwrap();
    assert!(
        log.lines()
            .any(|l| l.starts_with("GC ") && l.contains("valid-attachments")),
        "GC is delegated to IPAM with the whole config: {log}"
    );
    // Without the list, GC refuses rather than removing everything.
    run(&host, &dir, "GC", &[], &net.to_string()).err(7);
    assert!(host.link(&host_iface(&added[1].1)).is_some());
}

#[test]
fn concurrent_adds_and_dels_of_different_containers() {
    let host = host_or_skip!("concurrent_adds_and_dels_of_different_containers");
    if !tool_or_skip(
        "concurrent_adds_and_dels_of_different_containers",
        HOST_LOCAL,
        PKG,
    ) {
        return;
    }
    const PODS: usize = 12;
    let dir = CniDir::new();
    let net = conf(
        "1.0.0",
        "netc",
        &dir.host_local("10.28.0.0/24", "fd00:28::/64"),
    )
    .to_string();
    let namespaces: Vec<Netns> = (0..PODS).map(|_| Netns::with_lo()).collect();
    let atts: Vec<Attachment> = namespaces
        .iter()
        .enumerate()
        .map(|(i, ns)| Attachment::new(&format!("cc{i}"), ns))
        .collect();
    // A runtime sets pods up in parallel: all at once here.
    let results: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = atts
            .iter()
            .map(|a| s.spawn(|| run(&host, &dir, "ADD", &env(a), &net)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut seen = std::collections::BTreeSet::new();
    for ((a, ns), r) in atts.iter().zip(&namespaces).zip(&results) {
        let result = r.ok();
        let (v4, v6) = addresses(result);
        assert!(
            seen.insert(v4.clone()) && seen.insert(v6.clone()),
            "address given twice"
        );
        let pod = pod_of(result, &a.container_id, ns, "eth0");
        assert_wired(&host, ns, &pod, &host_iface(result), &a.container_id);
    }
    let dels: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = atts
            .iter()
            .map(|a| s.spawn(|| run(&host, &dir, "DEL", &env(a), &net)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (d, r) in dels.iter().zip(&results) {
        d.ok();
        assert!(host.link(&host_iface(r.ok())).is_none());
    }
    assert_eq!(dir.leases("netc"), Vec::<String>::new());
}

#[test]
fn an_add_stopped_at_any_request_is_rolled_back() {
    const T: &str = "an_add_stopped_at_any_request_is_rolled_back";
    let host = host_or_skip!(T);
    if !tool_or_skip(T, HOST_LOCAL, PKG) {
        return;
    }
    let dir = CniDir::new();
    let ns = Netns::with_lo();
    let net = conf(
        "1.0.0",
        "netr",
        &dir.host_local("10.29.0.0/24", "fd00:29::/64"),
    )
    .to_string();
    let a = Attachment::new("c1", &ns);
    let (host_before, pod_before) = (host.snapshot(), ns.snapshot());
    // Setup stopped after its k-th request (the test-only hook), for every k until setup
    // has fewer requests than k: each failed ADD leaves nothing and no lease.
    let mut stopped = 0;
    for k in 1..100 {
        let mut e = env(&a);
        e.push(("VETHCTL_TEST_ABORT_AFTER".into(), k.to_string()));
        let r = run(&host, &dir, "ADD", &e, &net);
        if r.code == Some(0) {
            run(&host, &dir, "DEL", &env(&a), &net).ok();
            break;
        }
        let msg = r.err(999);
        assert!(msg.contains("VETHCTL_TEST_ABORT_AFTER"), "k={k}: {msg}");
        stopped += 1;
        host_before.assert_same(&host.snapshot(), &format!("host after ADD stopped at {k}"));
        pod_before.assert_same(&ns.snapshot(), &format!("pod after ADD stopped at {k}"));
        assert_eq!(
            dir.leases("netr"),
            Vec::<String>::new(),
            "k={k}: lease kept"
        );
    }
    assert!(stopped >= 10, "setup stopped only {stopped} times");
}
