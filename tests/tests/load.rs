//! Load: setups that run while the kernel's route notifications pour in never fail.
//!
//! Setup watches `RTNLGRP_IPV6_ROUTE` for the local routes that tell an IPv6 address is
//! usable. That group carries every IPv6 route change of the namespace: a hundred setups
//! at once, or another agent churning routes on the node, overflow any receive buffer.
//! Those are only notifications; losing them must never fail a setup or leave a pod
//! half-wired (it did, with "the kernel dropped replies: ENOBUFS", when the answers
//! shared the socket with the watch).

use std::io::Write;
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use vethctl_tests::{host_or_skip, Netns, Pod, Run};

/// Runs `sub` for every pod at once (one thread, one vethctl process each); returns the
/// runs that did not exit 0.
fn all_at_once(host: &Netns, pods: &[Pod], sub: &str) -> Vec<String> {
    std::thread::scope(|s| {
        let runs: Vec<_> = pods
            .iter()
            .map(|p| s.spawn(move || host.vethctl(&p.args(sub))))
            .collect();
        runs.into_iter()
            .map(|r| r.join().expect("a vethctl thread panicked"))
            .filter(|r: &Run| r.code != Some(0))
            .map(|r| r.to_string())
            .collect()
    })
}

fn assert_none(what: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{what}: {} runs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `n` dual-stack pods, each in a namespace of its own, ids starting with `tag`.
fn pods(tag: &str, n: usize) -> (Vec<Netns>, Vec<Pod>) {
    let namespaces: Vec<Netns> = (0..n).map(|_| Netns::with_lo()).collect();
    let pods = namespaces
        .iter()
        .enumerate()
        .map(|(i, ns)| {
            let i = u8::try_from(i).expect("at most 250 pods");
            Pod::dual(&format!("{tag}-{i:03}"), ns, 1 + i / 50, 1 + i % 50)
        })
        .collect();
    (namespaces, pods)
}

/// Setup, the rerun and `check` of every pod succeed.
fn setup_twice_then_check(host: &Netns, pods: &[Pod]) {
    assert_none("setup", &all_at_once(host, pods, "setup"));
    assert_none("rerun of setup", &all_at_once(host, pods, "setup"));
    assert_none("check", &all_at_once(host, pods, "check"));
}

#[test]
fn hundred_dual_stack_setups_at_once_twice() {
    let host = host_or_skip!("hundred_dual_stack_setups_at_once_twice");
    host.ip("link set lo up");
    let (_namespaces, pods) = pods("load", 100);
    setup_twice_then_check(&host, &pods);
}

/// Rounds of churn each loop makes at most; it stops sooner once the setups are done.
const CHURN_ROUNDS: usize = 20;
/// IPv6 routes one round adds, then deletes.
const CHURN_ROUTES: u32 = 2000;

/// Adds then deletes [`CHURN_ROUTES`] IPv6 routes on `lo` of `ns`, in one `ip -batch`
/// per round, until `stop` (after one round at least) or [`CHURN_ROUNDS`] rounds.
/// Returns the rounds made.
fn churn_ipv6_routes(ns: &Netns, loop_id: u32, stop: &AtomicBool) -> usize {
    let mut script = String::new();
    for verb in ["add", "del"] {
        for i in 0..CHURN_ROUTES {
            script.push_str(&format!(
                "route {verb} fd00:dead:{loop_id:x}::{i:x}/128 dev lo\n"
            ));
        }
    }
    let mut rounds = 0;
    while rounds == 0 || (rounds < CHURN_ROUNDS && !stop.load(Ordering::Relaxed)) {
        let mut ip = ns
            .command("ip")
            .args(["-6", "-force", "-batch", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("cannot run ip -batch");
        ip.stdin
            .take()
            .expect("stdin is piped")
            .write_all(script.as_bytes())
            .expect("cannot feed ip -batch");
        let status = ip.wait().expect("ip -batch did not run");
        assert!(
            status.success(),
            "ip -batch of route churn failed: {status}"
        );
        rounds += 1;
    }
    rounds
}

/// Another agent on the node adds and deletes thousands of IPv6 routes all the while:
/// every setup (and its rerun) succeeds, and every pod is `check`-clean.
#[test]
fn setups_during_ipv6_route_churn_on_the_node() {
    const LOOPS: u32 = 2;
    let host = host_or_skip!("setups_during_ipv6_route_churn_on_the_node");
    host.ip("link set lo up");
    let (_namespaces, pods) = pods("churn", 40);
    let stop = AtomicBool::new(false);
    let rounds: Vec<usize> = std::thread::scope(|s| {
        let loops: Vec<_> = (0..LOOPS)
            .map(|l| {
                let (host, stop) = (&host, &stop);
                s.spawn(move || churn_ipv6_routes(host, l, stop))
            })
            .collect();
        let setups = std::panic::catch_unwind(|| {
            assert_none("setup", &all_at_once(&host, &pods, "setup"));
            assert_none("rerun of setup", &all_at_once(&host, &pods, "setup"));
        });
        stop.store(true, Ordering::Relaxed);
        let rounds = loops.into_iter().map(|l| l.join().unwrap()).collect();
        if let Err(p) = setups {
            std::panic::resume_unwind(p);
        }
        rounds
    });
    eprintln!("churn rounds of {CHURN_ROUTES} routes per loop: {rounds:?}");
    assert_none("check", &all_at_once(&host, &pods, "check"));
}

/// A pod with `CAP_NET_ADMIN` churns its own IPv6 routes while it is set up (and set up
/// again): its notifications overflow what the pod's side of setup watches, and still
/// every setup succeeds and every pod is `check`-clean.
#[test]
fn setups_while_pods_churn_their_own_ipv6_routes() {
    let host = host_or_skip!("setups_while_pods_churn_their_own_ipv6_routes");
    host.ip("link set lo up");
    let (namespaces, pods) = pods("podchurn", 20);
    let stop = AtomicBool::new(false);
    let rounds: Vec<usize> = std::thread::scope(|s| {
        let loops: Vec<_> = namespaces
            .iter()
            .map(|ns| {
                let stop = &stop;
                s.spawn(move || churn_ipv6_routes(ns, 0, stop))
            })
            .collect();
        let setups = std::panic::catch_unwind(|| {
            assert_none("setup", &all_at_once(&host, &pods, "setup"));
            assert_none("rerun of setup", &all_at_once(&host, &pods, "setup"));
        });
        stop.store(true, Ordering::Relaxed);
        let rounds = loops.into_iter().map(|l| l.join().unwrap()).collect();
        if let Err(p) = setups {
            std::panic::resume_unwind(p);
        }
        rounds
    });
    eprintln!("churn rounds of {CHURN_ROUTES} routes per pod: {rounds:?}");
    assert_none("check", &all_at_once(&host, &pods, "check"));
}
