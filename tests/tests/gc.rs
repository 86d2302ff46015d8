//! `vethctl gc`: 40 pods, some kept; the rest go in one kernel deletion (one link
//! group), with their host routes; the kept pods and links vethctl cannot prove are its
//! own stay as they were.

use serde_json::Value;
use vethctl_tests::{assert_wired, host_or_skip, vethctl_expect, Family, Netns, Pod};

const PODS: usize = 40;

fn kept(i: usize) -> bool {
    i % 8 == 3
}

#[test]
fn gc_of_forty_pods_keeps_the_kept() {
    let host = host_or_skip!("gc_of_forty_pods_keeps_the_kept");
    host.ip("link set lo up");
    let namespaces: Vec<Netns> = (0..PODS).map(|_| Netns::with_lo()).collect();
    let pods: Vec<Pod> = namespaces
        .iter()
        .enumerate()
        .map(|(i, ns)| {
            Pod::dual(
                &format!("gc-pod-{i:02}"),
                ns,
                7,
                u8::try_from(i + 1).unwrap(),
            )
        })
        .collect();
    for p in &pods {
        vethctl_expect(&host, p, "setup", 0);
    }
    // Not vethctl's: an untagged veth with its peer in a pod, one tagged by someone else,
    // and a veth pair inside the host namespace tagged like vethctl's.
    let other = Netns::with_lo();
    host.ip(&format!(
        "link add stranger0 type veth peer name eth9 netns {}",
        other.path()
    ));
    host.ip(&format!(
        "link add stranger1 type veth peer name eth8 netns {}",
        other.path()
    ));
    host.ip("link set stranger1 alias someone-else:x");
    host.ip("link add stranger2 type veth peer name stranger3");
    host.ip("link set stranger2 alias vethctl:forged");
    let names: Vec<String> = pods.iter().map(|p| p.host_name(&host)).collect();
    let mut args = vec!["gc".to_owned(), "--json".to_owned()];
    for (i, p) in pods.iter().enumerate() {
        if kept(i) {
            args.push("--keep".into());
            args.push(p.container_id.clone());
        }
    }
    let run = host.vethctl(&args);
    run.expect(0);
    let report: Value = serde_json::from_str(&run.stdout).expect("gc --json prints JSON");
    let removed = report["removed"].as_array().expect("removed").len();
    let n_kept = (0..PODS).filter(|i| kept(*i)).count();
    assert_eq!(removed, PODS - n_kept, "{run}");
    assert_eq!(report["kept"].as_array().unwrap().len(), n_kept, "{run}");
    // One dump, then one sendmsg with the moves and the one deletion.
    assert_eq!(report["round_trips"], 2, "{run}");
    assert_ne!(report["group"], 0, "{run}");
    let routes4 = host.routes(Family::V4);
    let routes6 = host.routes(Family::V6);
    for (i, (p, name)) in pods.iter().zip(&names).enumerate() {
        if kept(i) {
            assert_wired(&host, &namespaces[i], p, name, "kept by gc");
        } else {
            assert!(host.link(name).is_none(), "{name} of pod {i} survived gc");
            assert!(
                namespaces[i].link("eth0").is_none(),
                "pod {i}'s eth0 survived"
            );
            for r in routes4.iter().chain(&routes6) {
                assert_ne!(r["dev"].as_str(), Some(name.as_str()), "route left: {r}");
            }
        }
    }
    for s in ["stranger0", "stranger1", "stranger2", "stranger3"] {
        let l = host
            .link(s)
            .unwrap_or_else(|| panic!("gc removed {s}, which is not vethctl's"));
        assert_ne!(
            l["group"], report["group"],
            "{s} was moved into the doomed group"
        );
    }
    // Again: nothing more to remove.
    let again = host.vethctl(&args);
    again.expect(0);
    let report: Value = serde_json::from_str(&again.stdout).unwrap();
    assert_eq!(report["removed"].as_array().unwrap().len(), 0, "{again}");
    assert_eq!(report["kept"].as_array().unwrap().len(), n_kept);
}
