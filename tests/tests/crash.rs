//! Crash safety: setup killed right after its k-th request was acknowledged (the
//! test-only hook `VETHCTL_TEST_ABORT_AFTER=k` exits with status 3 there), for every k.
//! After each abort, setup converges and teardown leaves nothing behind.

use vethctl_tests::{assert_wired, host_or_skip, vethctl_expect, Netns, Pod};

/// Status of a run the hook aborted.
const ABORTED: i32 = 3;
/// More requests than any setup should send: a guard against a hook that never fires.
const MAX_REQUESTS: usize = 64;

fn abort_at_every_request(test: &str, make_pod: fn(&Netns) -> Pod) {
    let host = host_or_skip!(test);
    let pod_ns = Netns::with_lo();
    let pod = make_pod(&pod_ns);
    let name = pod.host_name(&host);
    let (host_before, pod_before) = (host.snapshot(), pod_ns.snapshot());

    let mut requests = None;
    for k in 1..=MAX_REQUESTS {
        let k_text = k.to_string();
        let run = host.vethctl_env(&pod.args("setup"), &[("VETHCTL_TEST_ABORT_AFTER", &k_text)]);
        match run.code {
            Some(ABORTED) => {}
            Some(0) => {
                assert!(
                    k > 1,
                    "{test}: the abort hook never fired (k=1 exited 0): {run}"
                );
                requests = Some(k - 1);
                // Setup ran to the end under the hook: the wiring is complete.
                assert_wired(
                    &host,
                    &pod_ns,
                    &pod,
                    &name,
                    &format!("{test}: k={k}, no abort"),
                );
            }
            _ => panic!("{test}: k={k}: expected exit status {ABORTED} (aborted) or 0: {run}"),
        }
        let ctx = format!("{test}: after aborting after request {k}");
        vethctl_expect(&host, &pod, "setup", 0);
        assert_wired(&host, &pod_ns, &pod, &name, &ctx);
        vethctl_expect(&host, &pod, "check", 0);
        vethctl_expect(&host, &pod, "teardown", 0);
        host_before.assert_same(&host.snapshot(), &format!("{ctx}, then teardown (host)"));
        pod_before.assert_same(&pod_ns.snapshot(), &format!("{ctx}, then teardown (pod)"));
        if requests.is_some() {
            break;
        }
    }
    let n = requests
        .unwrap_or_else(|| panic!("{test}: setup was still aborted after {MAX_REQUESTS} requests"));
    eprintln!("{test}: setup sends {n} requests; aborted after each of them, all converged");
}

#[test]
fn crash_at_every_request_dual_stack() {
    abort_at_every_request("crash_at_every_request_dual_stack", |ns| {
        Pod::dual("crash-dual", ns, 1, 1)
    });
}

#[test]
fn crash_at_every_request_ipv4_only_given_names() {
    abort_at_every_request("crash_at_every_request_ipv4_only_given_names", |ns| {
        Pod::new("crash-v4", ns)
            .ip4("10.99.2.2")
            .ifname("net1")
            .host_iface("crashv4host")
            .mtu(1400)
    });
}
