//! Concurrency: 4 processes at a time set up 100 pods in one host namespace (100 pod
//! namespaces, distinct ids and addresses). All succeed, every pod is wired, and after
//! all teardowns nothing is left in the host namespace.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use vethctl_tests::{host_or_skip, wiring_problems, Netns, Pod};

const PODS: usize = 100;
const WORKERS: usize = 4;

/// Runs `job(i)` for every pod index on `WORKERS` threads; returns the failures.
fn on_workers(job: impl Fn(usize) -> Result<(), String> + Sync) -> Vec<String> {
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..WORKERS {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= PODS {
                    break;
                }
                if let Err(e) = job(i) {
                    failures.lock().unwrap().push(format!("pod {i}: {e}"));
                }
            });
        }
    });
    failures.into_inner().unwrap()
}

fn assert_none(what: &str, failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{what}: {} of {PODS} pods failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn hundred_pods_four_at_a_time() {
    let host = host_or_skip!("hundred_pods_four_at_a_time");
    let host_before = host.snapshot();
    let namespaces: Vec<Netns> = (0..PODS).map(|_| Netns::with_lo()).collect();
    let pods: Vec<Pod> = namespaces
        .iter()
        .enumerate()
        .map(|(i, ns)| {
            let i = u8::try_from(i).unwrap();
            Pod::dual(
                &format!("concurrent-pod-{i:03}"),
                ns,
                1 + i / 50,
                1 + i % 50,
            )
        })
        .collect();
    let names: Vec<String> = pods.iter().map(|p| p.host_name(&host)).collect();
    let distinct: std::collections::BTreeSet<&String> = names.iter().collect();
    assert_eq!(
        distinct.len(),
        PODS,
        "derived host names collide: {names:?}"
    );

    let (host_ref, pods_ref) = (&host, &pods);
    let run = |sub: &'static str, code: i32| {
        move |i: usize| {
            let (host, pods) = (host_ref, pods_ref);
            let r = host.vethctl(&pods[i].args(sub));
            (r.code == Some(code))
                .then_some(())
                .ok_or_else(|| r.to_string())
        }
    };
    assert_none("setup", on_workers(run("setup", 0)));
    assert_none("check", on_workers(run("check", 0)));
    assert_none(
        "independent verification",
        on_workers(|i| {
            let p = wiring_problems(&host, &namespaces[i], &pods[i], &names[i]);
            p.is_empty().then_some(()).ok_or_else(|| p.join("; "))
        }),
    );
    let veths = host
        .ip_json("-d link show type veth")
        .iter()
        .filter(|l| names.iter().any(|n| l["ifname"] == n.as_str()))
        .count();
    assert_eq!(veths, PODS, "host veths after setup");

    assert_none("teardown", on_workers(run("teardown", 0)));
    host_before.assert_same(&host.snapshot(), "after 100 teardowns (host namespace)");
    for (i, ns) in namespaces.iter().enumerate() {
        assert!(
            ns.link(pods[i].pod_ifname()).is_none(),
            "pod {i}: its interface outlived teardown"
        );
    }
}

/// A runtime retrying a pod (or two agents racing on it): three setups of the same pod
/// at once all succeed and leave it wired; three teardowns at once all succeed and
/// leave nothing.
#[test]
fn racing_setups_and_teardowns_of_one_pod() {
    const ROUNDS: u8 = 10;
    const RACERS: usize = 3;
    let host = host_or_skip!("racing_setups_and_teardowns_of_one_pod");
    let host_before = host.snapshot();
    for round in 0..ROUNDS {
        let pod_ns = Netns::with_lo();
        let pod = Pod::dual(&format!("race-{round}"), &pod_ns, 1, 1 + round);
        for sub in ["setup", "teardown"] {
            let runs: Vec<vethctl_tests::Run> = std::thread::scope(|s| {
                let handles: Vec<_> = (0..RACERS)
                    .map(|_| s.spawn(|| host.vethctl(&pod.args(sub))))
                    .collect();
                handles.into_iter().map(|h| h.join().unwrap()).collect()
            });
            for run in &runs {
                assert_eq!(run.code, Some(0), "round {round}: racing {sub}s: {run}");
            }
            if sub == "setup" {
                let name = pod.host_name(&host);
                let p = wiring_problems(&host, &pod_ns, &pod, &name);
                assert!(p.is_empty(), "round {round}: after racing setups: {p:?}");
                vethctl_tests::vethctl_expect(&host, &pod, "check", 0);
            }
        }
        host_before.assert_same(
            &host.snapshot(),
            &format!("round {round}: racing teardowns"),
        );
    }
}
