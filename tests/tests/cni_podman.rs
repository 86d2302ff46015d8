//! End to end with podman's CNI backend (Debian's podman 4.3): a container on a network
//! of type vethctl gets its addresses from host-local, reaches the node in both families,
//! and on removal leaves nothing behind. Everything runs in the test's host namespace
//! and a private mount namespace (podman's state in temporary directories; a cgroup2
//! mount of its own, since crun refuses this machine's hybrid cgroup layout).

use vethctl_tests::cni::{tool_or_skip, CniDir};
use vethctl_tests::{host_or_skip, Node, NODE_LO4, NODE_LO6};

const SCRIPT: &str = r#"
set -eu
W=$1
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /sys/fs/cgroup
mount -t cgroup2 none /sys/fs/cgroup
mkdir -p $W/rootfs/bin
cp /bin/busybox $W/rootfs/bin/
for t in sh ip ping sleep; do ln -s busybox $W/rootfs/bin/$t; done
export CONTAINERS_CONF=$W/containers.conf
P="podman --root $W/root --runroot $W/runroot --storage-driver vfs --tmpdir $W/tmp"
R="--cgroups=disabled --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 --network vnet"
tar -C $W/rootfs -c . | $P import - localhost/bb >/dev/null
$P run -d --name c1 $R localhost/bb sleep 600 >/dev/null
echo "== inspect"
$P inspect c1 --format '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{.GlobalIPv6Address}}{{end}}'
echo "== host links"
ip -o link show
echo "== pings"
$P exec c1 ping -c1 -W2 $2 >/dev/null && echo "v4 ok"
$P exec c1 ping -c1 -W2 $3 >/dev/null && echo "v6 ok"
$P rm -f -t 0 c1 >/dev/null
echo "== after rm"
ip -o link show
"#;

#[test]
fn podman_runs_a_container_on_a_vethctl_network() {
    const T: &str = "podman_runs_a_container_on_a_vethctl_network";
    let host = host_or_skip!(T);
    for (path, pkg) in [
        ("/usr/bin/podman", "podman"),
        ("/bin/busybox", "busybox-static"),
        ("/usr/lib/cni/host-local", "containernetworking-plugins"),
    ] {
        if !tool_or_skip(T, path, pkg) {
            return;
        }
    }
    let node = Node::new(host);
    let dir = CniDir::new();
    let w = dir.file("podman");
    std::fs::create_dir_all(w.join("net")).unwrap();
    let list = serde_json::json!({
        "cniVersion": "1.0.0",
        "name": "vnet",
        "plugins": [{"type": "vethctl", "ipam": dir.host_local("10.51.0.0/24", "fd00:51::/64")}],
    });
    std::fs::write(w.join("net/vnet.conflist"), list.to_string()).unwrap();
    std::fs::write(
        w.join("containers.conf"),
        format!(
            "[network]\nnetwork_backend = \"cni\"\ncni_plugin_dirs = [\"{}\"]\n\
             network_config_dir = \"{}\"\n[engine]\ncgroup_manager = \"cgroupfs\"\n\
             events_logger = \"file\"\n",
            dir.bin().display(),
            w.join("net").display()
        ),
    )
    .unwrap();
    let out = node
        .host
        .command("unshare")
        .args([
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            SCRIPT,
            "sh",
        ])
        .arg(&w)
        .args([NODE_LO4, NODE_LO6])
        .output()
        .expect("run podman");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "podman failed: {stderr}\n{stdout}");
    let section = |name: &str| -> String {
        stdout
            .split(&format!("== {name}\n"))
            .nth(1)
            .map(|s| s.split("\n== ").next().unwrap_or("").to_owned())
            .unwrap_or_else(|| panic!("no section {name}: {stdout}"))
    };
    let ips = section("inspect");
    assert!(
        ips.contains("10.51.0.") && ips.contains("fd00:51::"),
        "podman inspect: {ips}"
    );
    let during = section("host links");
    assert_eq!(
        during.matches(": veth").count(),
        1,
        "one host veth: {during}"
    );
    let pings = section("pings");
    assert!(
        pings.contains("v4 ok") && pings.contains("v6 ok"),
        "{pings}\n{stderr}"
    );
    let after = section("after rm");
    assert!(
        !after.contains(": veth"),
        "host veth left after podman rm: {after}"
    );
    assert_eq!(dir.leases("vnet"), Vec::<String>::new(), "leases left");
}
