//! `--netns` paths that hung or fooled the own-namespace check: a FIFO (opened blocking
//! before it was checked, so vethctl waited forever), and a run without `/proc` (the
//! check was skipped, and setup wired the host into itself). Both must exit 2 and change
//! nothing. Every run has a guard (`timeout 20`): a hang shows as exit 124, not as a
//! stuck test.

use std::path::PathBuf;
use std::process::Output;

use vethctl_tests::{host_or_skip, vethctl_bin, Netns};

const POD_SIDE: &[&str] = &["setup", "check", "plan"];

/// Runs `vethctl ARGS` in `host`'s network namespace after `prelude` (shell, run in a
/// private mount namespace of its own), under the guard.
fn vethctl_after(host: &Netns, prelude: &str, args: &[String], env: &[(&str, &str)]) -> Output {
    let script = format!(r#"{prelude} exec timeout --kill-after=2 20 "$VETHCTL" "$@""#);
    host.command("unshare")
        .args(["--mount", "--propagation", "private", "--", "sh", "-ec"])
        .arg(script)
        .arg("sh")
        .args(args)
        .env("VETHCTL", vethctl_bin())
        .envs(env.iter().copied())
        .output()
        .expect("run unshare")
}

fn args(subcommand: &str, netns: &str) -> Vec<String> {
    [
        subcommand,
        "--container-id",
        "netns-paths",
        "--netns",
        netns,
        "--ip6",
        "fd00:99:7::1",
        "--ip4",
        "10.99.7.1",
    ]
    .map(str::to_owned)
    .to_vec()
}

/// A fresh directory for this test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vethctl-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn expect_refused(o: &Output, what: &str, because: &str) {
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        o.status.code(),
        Some(2),
        "{what}: want exit 2 (124: it hung)\nstdout: {}\nstderr: {stderr}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(
        stderr.starts_with("vethctl: --netns") && stderr.contains(because),
        "{what}: {stderr}"
    );
}

#[test]
fn a_fifo_is_refused_without_blocking() {
    let host = host_or_skip!("a_fifo_is_refused_without_blocking");
    let dir = scratch("fifo");
    let fifo = dir.join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", fifo.display());
    let fifo = fifo.to_str().unwrap();
    let before = host.snapshot();
    for sub in POD_SIDE {
        let o = vethctl_after(&host, "", &args(sub, fifo), &[]);
        expect_refused(&o, &format!("{sub} --netns FIFO"), "not a namespace file");
    }
    before.assert_same(&host.snapshot(), "--netns FIFO");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn without_proc_the_own_namespace_check_fails_closed() {
    let host = host_or_skip!("without_proc_the_own_namespace_check_fails_closed");
    let pod = Netns::with_lo();
    let dir = scratch("noproc");
    let file = dir.join("ns");
    std::fs::write(&file, b"").unwrap();
    let ns = file.to_str().unwrap();
    // The host's own namespace and a real pod's, bind-mounted where /proc is not needed.
    let own = r#"mount --bind /proc/self/ns/net "$NS";"#;
    let pods = r#"mount --bind "$POD" "$NS";"#;
    let hide_proc = "mount -t tmpfs tmpfs /proc;";
    let env = [("NS", ns), ("POD", pod.path())];
    let before = (host.snapshot(), pod.snapshot());
    for sub in POD_SIDE {
        // With /proc the bind mount of our own namespace is recognised...
        let o = vethctl_after(&host, own, &args(sub, ns), &env);
        expect_refused(&o, &format!("{sub}, own netns"), "own network namespace");
        // ...without it, nothing can be compared: refuse, for our own and for a pod's.
        for (what, prelude) in [("own", own), ("pod", pods)] {
            let o = vethctl_after(
                &host,
                &format!("{prelude} {hide_proc}"),
                &args(sub, ns),
                &env,
            );
            expect_refused(&o, &format!("{sub}, {what} netns, no /proc"), "/proc");
        }
    }
    before
        .0
        .assert_same(&host.snapshot(), "no /proc (host namespace)");
    before
        .1
        .assert_same(&pod.snapshot(), "no /proc (pod namespace)");
    std::fs::remove_dir_all(dir).unwrap();
}
