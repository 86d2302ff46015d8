//! vethctl through the real libcni (what containerd, CRI-O and podman's CNI backend use):
//! a small Go driver over Debian's libcni source runs a conflist's ADD, CHECK, DEL,
//! VALIDATE, and GC and STATUS as libcni 1.2 sends them, in namespaces the test creates.

use serde_json::{json, Value};
use vethctl_tests::cni::{libcni_driver, tool_or_skip, CniDir};
use vethctl_tests::{assert_wired, host_or_skip, Netns, Pod};

fn conflist(dir: &CniDir, version: &str, name: &str, ipam: Value) -> std::path::PathBuf {
    let list = json!({
        "cniVersion": version,
        "name": name,
        "plugins": [{"type": "vethctl", "mtu": 1450, "ipam": ipam}],
    });
    let p = dir.file(&format!("{name}-{version}.conflist"));
    std::fs::write(&p, list.to_string()).unwrap();
    p
}

struct Driver<'a> {
    exe: std::path::PathBuf,
    host: &'a Netns,
    dir: &'a CniDir,
}

impl Driver<'_> {
    fn run(&self, list: &std::path::Path, args: &[&str], stdin: &str) -> (bool, String, String) {
        use std::io::Write;
        let mut cmd = self.host.command(self.exe.to_str().unwrap());
        cmd.arg(self.dir.bin())
            .arg(self.dir.file("cache"))
            .arg(list)
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().expect("run the driver");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn ok(&self, list: &std::path::Path, args: &[&str], stdin: &str) -> String {
        let (ok, out, err) = self.run(list, args, stdin);
        assert!(ok, "libcni {args:?} failed: {err}\n{out}");
        out
    }
}

#[test]
fn libcni_add_check_del_gc_status() {
    const T: &str = "libcni_add_check_del_gc_status";
    let host = host_or_skip!(T);
    if !tool_or_skip(T, "/usr/lib/cni/host-local", "containernetworking-plugins") {
        return;
    }
    let Some(exe) = libcni_driver(T) else { return };
    let dir = CniDir::new();
    let d = Driver {
        exe,
        host: &host,
        dir: &dir,
    };
    let list = conflist(
        &dir,
        "1.0.0",
        "lnet",
        dir.host_local("10.41.0.0/24", "fd00:41::/64"),
    );
    // VERSION through libcni's validation.
    let out = d.ok(&list, &["VALIDATE"], "");
    assert!(
        out.contains("vethctl 0.3.0,0.3.1,0.4.0,1.0.0,1.1.0"),
        "{out}"
    );
    let ns = Netns::with_lo();
    let out = d.ok(&list, &["ADD", "lc1", ns.path(), "eth0"], "");
    let result: Value = serde_json::from_str(&out).expect("libcni prints the result");
    let host_iface = result["interfaces"][0]["name"].as_str().unwrap().to_owned();
    let mut pod = Pod::new("lc1", &ns).mtu(1450);
    for ip in result["ips"].as_array().unwrap() {
        let a = ip["address"].as_str().unwrap().split('/').next().unwrap();
        pod = if a.contains(':') {
            pod.ip6(a)
        } else {
            pod.ip4(a)
        };
    }
    assert!(pod.ip4.is_some() && pod.ip6.is_some(), "{result}");
    assert_wired(&host, &ns, &pod, &host_iface, "after libcni ADD");
    // CHECK with the prevResult libcni cached.
    d.ok(&list, &["CHECK", "lc1", ns.path(), "eth0"], "");
    ns.ip("link set eth0 mtu 1400");
    let (ok, _, err) = d.run(&list, &["CHECK", "lc1", ns.path(), "eth0"], "");
    assert!(
        !ok && err.contains("mtu"),
        "CHECK should name the MTU: {err}"
    );
    d.ok(&list, &["DEL", "lc1", ns.path(), "eth0"], "");
    assert!(host.link(&host_iface).is_none());
    assert_eq!(dir.leases("lnet"), Vec::<String>::new());
    d.ok(&list, &["DEL", "lc1", ns.path(), "eth0"], "");

    // 1.1.0: GC and STATUS, with the IPAM stand-in.
    dir.ipam_stand_in();
    let list = conflist(&dir, "1.1.0", "gnet", json!({"type": "ipam-1.1"}));
    d.ok(&list, &["STATUS"], "");
    std::fs::write(dir.file("down"), "").unwrap();
    let (ok, _, err) = d.run(&list, &["STATUS"], "");
    assert!(!ok && err.contains("exhausted"), "{err}");
    std::fs::remove_file(dir.file("down")).unwrap();
    let namespaces: Vec<Netns> = (0..3).map(|_| Netns::with_lo()).collect();
    let mut names = Vec::new();
    for (i, ns) in namespaces.iter().enumerate() {
        // This libcni reads results up to 1.0.0: ADD with a 1.0.0 list of the network.
        let one = conflist(&dir, "1.0.0", "gnet", json!({"type": "ipam-1.1"}));
        let out = d.ok(&one, &["ADD", &format!("gc{i}"), ns.path(), "eth0"], "");
        let r: Value = serde_json::from_str(&out).unwrap();
        names.push(r["interfaces"][0]["name"].as_str().unwrap().to_owned());
    }
    d.ok(&list, &["GC"], "gc1 eth0\n");
    assert!(host.link(&names[0]).is_none() && host.link(&names[2]).is_none());
    assert!(
        host.link(&names[1]).is_some(),
        "GC removed a valid attachment"
    );
    let log = std::fs::read_to_string(dir.file("ipam.log")).unwrap();
    assert!(
        log.lines().any(|l| l.starts_with("GC ")),
        "GC delegated to IPAM: {log}"
    );
}
