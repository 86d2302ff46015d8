//! Kernel tests for vethctl: the namespace plumbing every test shares.
//!
//! The tests are black-box: they run the `vethctl` binary and check what it did with
//! iproute2's JSON output (`ip -j ...`) and `/proc/sys`, never with vethctl's own code.
//!
//! Nothing here runs in the machine's own network namespace except `unshare` and
//! `nsenter` themselves: every test creates a "host" namespace (where vethctl runs, via
//! `nsenter`) and pod namespaces (passed to vethctl as `--netns /proc/<pid>/ns/net`).
//! `scripts/test-kernel.sh` additionally runs the whole test binary in a namespace of
//! its own, so even a buggy test cannot reach the real network.

use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::fmt;
use std::io::{BufRead, BufReader, Write};
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;

pub mod cni;

/// The gateway every pod's IPv4 default route points at (answered by proxy ARP).
pub const V4_GATEWAY: &str = "169.254.1.1";
/// The gateway every pod's IPv6 default route points at (on every host veth).
pub const V6_GATEWAY: &str = "fe80::1";
/// How long one vethctl run may take before the test calls it hung.
const VETHCTL_TIMEOUT_SECS: &str = "60";

/// A throwaway network namespace, held open by a `sleep` process that lives in it.
///
/// Its path (`/proc/<pid>/ns/net`) is a valid netns path for `nsenter` and for
/// `vethctl --netns` as long as the handle lives. Drop kills and reaps the process,
/// and the kernel then destroys the namespace with everything in it.
#[derive(Debug)]
pub struct Netns {
    child: Child,
    path: String,
}

impl Netns {
    /// Creates a namespace, or says why it could not.
    pub fn try_new() -> Result<Self, String> {
        let mut child = Command::new("unshare")
            .args([
                "--net",
                "--",
                "sh",
                "-c",
                "echo ready && exec sleep infinity",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run `unshare`: {e}"))?;
        // "ready" is printed after unshare(CLONE_NEWNET) succeeded, so the path below
        // names the new namespace, not ours.
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout is piped");
        let read = BufReader::new(stdout).read_line(&mut line);
        if read.is_err() || line.trim() != "ready" {
            let _ = child.kill();
            let out = child.wait_with_output().map_err(|e| e.to_string())?;
            return Err(format!(
                "`unshare --net` failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        drop(child.stderr.take());
        let path = format!("/proc/{}/ns/net", child.id());
        Ok(Netns { child, path })
    }

    /// Creates a namespace; panics if that is impossible (use [`host_or_skip`] first).
    pub fn create() -> Self {
        Self::try_new().unwrap_or_else(|e| panic!("cannot create a network namespace: {e}"))
    }

    /// Creates a namespace with `lo` up.
    pub fn with_lo() -> Self {
        let ns = Self::create();
        ns.ip("link set lo up");
        ns
    }

    /// The namespace's path, `/proc/<pid>/ns/net`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// A command that runs `program` inside this namespace (through `nsenter`).
    pub fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new("nsenter");
        cmd.arg(format!("--net={}", self.path))
            .arg("--")
            .arg(program);
        cmd.stdin(Stdio::null());
        cmd
    }

    /// Runs `argv` inside the namespace and returns its output, whatever its status.
    pub fn run<S: AsRef<str>>(&self, argv: &[S]) -> Output {
        let (program, args) = argv.split_first().expect("a program to run");
        self.command(program.as_ref())
            .args(args.iter().map(AsRef::as_ref))
            .output()
            .unwrap_or_else(|e| panic!("cannot run nsenter: {e}"))
    }

    /// Runs `argv` inside the namespace, panics unless it succeeds, returns stdout.
    pub fn must<S: AsRef<str>>(&self, argv: &[S]) -> String {
        let out = self.run(argv);
        let argv: Vec<&str> = argv.iter().map(AsRef::as_ref).collect();
        assert!(
            out.status.success(),
            "`{}` failed in {} ({}): {}",
            argv.join(" "),
            self.path,
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    /// Runs `ip ARGS` (split on whitespace) inside the namespace; panics on failure.
    pub fn ip(&self, args: &str) -> String {
        let mut argv = vec!["ip"];
        argv.extend(args.split_whitespace());
        self.must(&argv)
    }

    /// Runs `ip -j ARGS` inside the namespace and parses the JSON array it prints.
    pub fn ip_json(&self, args: &str) -> Vec<Value> {
        let text = self.ip(&format!("-j {args}"));
        parse_json_array(&text, args)
    }

    /// `ip -j -d link show dev NAME`, or None if there is no such link.
    pub fn link(&self, name: &str) -> Option<Value> {
        let out = self.run(&["ip", "-j", "-d", "link", "show", "dev", name]);
        if !out.status.success() {
            return None;
        }
        let text = String::from_utf8(out.stdout).expect("UTF-8 output");
        parse_json_array(&text, "link show").into_iter().next()
    }

    /// The link names in this namespace.
    pub fn link_names(&self) -> Vec<String> {
        self.ip_json("link show")
            .iter()
            .filter_map(|l| l["ifname"].as_str().map(str::to_owned))
            .collect()
    }

    /// The `addr_info` entries of link NAME (empty if the link does not exist).
    pub fn addrs(&self, name: &str) -> Vec<Value> {
        let out = self.run(&["ip", "-j", "addr", "show", "dev", name]);
        if !out.status.success() {
            return Vec::new();
        }
        let text = String::from_utf8(out.stdout).expect("UTF-8 output");
        parse_json_array(&text, "addr show")
            .into_iter()
            .flat_map(|l| l["addr_info"].as_array().cloned().unwrap_or_default())
            .collect()
    }

    /// Routes of the main table: `ip -j -4 route show` or `ip -j -6 route show`.
    pub fn routes(&self, family: Family) -> Vec<Value> {
        self.ip_json(&format!("{} route show", family.flag()))
    }

    /// Reads `/proc/sys/REL` as seen from inside this namespace (None if absent).
    pub fn proc_sys(&self, rel: &str) -> Option<String> {
        let out = self.run(&["cat", &format!("/proc/sys/{rel}")]);
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
    }

    /// Writes VALUE to `/proc/sys/REL` inside this namespace; panics on failure.
    pub fn set_proc_sys(&self, rel: &str, value: &str) {
        self.must(&[
            "sh",
            "-c",
            "printf '%s\\n' \"$1\" > \"$2\"",
            "sh",
            value,
            &format!("/proc/sys/{rel}"),
        ]);
    }

    /// Runs `vethctl ARGS` inside this namespace (it is the "host" namespace).
    pub fn vethctl<S: AsRef<str>>(&self, args: &[S]) -> Run {
        self.vethctl_env(args, &[])
    }

    /// Runs `vethctl ARGS` inside this namespace with extra environment variables.
    pub fn vethctl_env<S: AsRef<str>>(&self, args: &[S], env: &[(&str, &str)]) -> Run {
        let argv: Vec<String> = args.iter().map(|a| a.as_ref().to_owned()).collect();
        let out = self
            .command("timeout")
            .args(["--kill-after=5", VETHCTL_TIMEOUT_SECS])
            .arg(vethctl_bin())
            .args(&argv)
            .envs(env.iter().copied())
            .output()
            .unwrap_or_else(|e| panic!("cannot run nsenter: {e}"));
        Run {
            argv,
            env: env.iter().map(|(k, v)| format!("{k}={v}")).collect(),
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// `vethctl host-iface --container-id ID`: the derived host interface name.
    pub fn derived_host_iface(&self, container_id: &str) -> String {
        let run = self.vethctl(&["host-iface", "--container-id", container_id]);
        run.expect(0);
        let name = run.stdout.trim().to_owned();
        assert!(!name.is_empty(), "host-iface printed nothing: {run}");
        name
    }

    /// Runs several `ip -j -d` commands in one `ip -batch` and returns one JSON array
    /// per command.
    pub fn ip_batch_json(&self, commands: &[&str]) -> Vec<Vec<Value>> {
        let mut child = self
            .command("ip")
            .args(["-j", "-d", "-batch", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run nsenter: {e}"));
        let script: String = commands.iter().map(|c| format!("{c}\n")).collect();
        child
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(script.as_bytes())
            .expect("write to ip -batch");
        let out = child.wait_with_output().expect("ip -batch");
        let text = String::from_utf8(out.stdout).expect("UTF-8 output");
        assert!(
            out.status.success(),
            "`ip -batch` of {commands:?} failed in {}: {}",
            self.path,
            String::from_utf8_lossy(&out.stderr).trim()
        );
        let arrays: Vec<Vec<Value>> = serde_json::Deserializer::from_str(&text)
            .into_iter::<Vec<Value>>()
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("`ip -j -batch` printed no JSON arrays ({e}): {text}"));
        assert_eq!(arrays.len(), commands.len(), "ip -batch output: {text}");
        arrays
    }

    /// Waits (up to 5 s) until the kernel has finished bringing up every IPv6 address
    /// in the namespace: none tentative, and each one on a link with carrier has its
    /// `local` route. The kernel does that from a work queue after the request that
    /// added the address (or made the link ready) was answered, so a snapshot taken a
    /// moment after a setup may still see it change on its own.
    pub fn settle(&self) {
        let mut pending = Vec::new();
        for _ in 0..500 {
            // (`route show table local` would show IPv4 only; `table all` shows both.)
            let dumps = self.ip_batch_json(&["addr show", "route show table all"]);
            let locals: Vec<(&str, &str)> = dumps[1]
                .iter()
                .filter(|r| r["type"] == "local" && r["table"] == "local")
                .filter_map(|r| Some((r["dst"].as_str()?, r["dev"].as_str()?)))
                .collect();
            pending.clear();
            for link in &dumps[0] {
                let dev = link["ifname"].as_str().unwrap_or("?");
                let carrier = flags(link).contains(&"LOWER_UP");
                for a in link["addr_info"].as_array().into_iter().flatten() {
                    let Some(local) = a["local"].as_str() else {
                        continue;
                    };
                    if a["family"] != "inet6" {
                        continue;
                    }
                    let routed = locals
                        .iter()
                        .any(|(dst, d)| *d == dev && same_ip(Some(dst), local));
                    if has(a, "tentative") || (carrier && !routed) {
                        pending.push(format!("{local} on {dev}"));
                    }
                }
            }
            if pending.is_empty() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let _ = writeln!(
            std::io::stderr(),
            "warning: IPv6 addresses in {} still not ready after 5 s: {pending:?}",
            self.path
        );
    }

    /// Wait (up to 5 s) until link `dev` reports `LOWER_UP`.
    pub fn wait_for_carrier(&self, dev: &str) {
        for _ in 0..500 {
            let links = self.ip_json(&format!("link show dev {dev}"));
            if links.iter().any(|l| flags(l).contains(&"LOWER_UP")) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("{dev} in {} has no carrier after 5 s", self.path);
    }

    /// Full link, address and route dumps (both families, all tables), normalised so
    /// that only configuration is compared: counters, timers, lifetimes and the
    /// asynchronously updated operstate/qdisc are left out.
    pub fn snapshot(&self) -> Snapshot {
        let dumps = self.ip_batch_json(&["link show", "addr show", "route show table all"]);
        let mut entries = BTreeSet::new();
        for link in &dumps[0] {
            let mut link = link.clone();
            // `ip -d addr show` repeats the link; the addresses are compared one by one.
            if let Some(obj) = link.as_object_mut() {
                obj.remove("addr_info");
            }
            entries.insert(format!("link {}", normalise(link)));
        }
        for link in &dumps[1] {
            let dev = link["ifname"].as_str().unwrap_or("?").to_owned();
            for addr in link["addr_info"].as_array().cloned().unwrap_or_default() {
                entries.insert(format!("addr dev {dev} {}", normalise(addr)));
            }
        }
        for route in &dumps[2] {
            entries.insert(format!("route {}", normalise(route.clone())));
        }
        Snapshot { entries }
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An address family, as `ip` selects it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// IPv4 (`ip -4`).
    V4,
    /// IPv6 (`ip -6`).
    V6,
}

impl Family {
    fn flag(self) -> &'static str {
        match self {
            Family::V4 => "-4",
            Family::V6 => "-6",
        }
    }
}

fn parse_json_array(text: &str, what: &str) -> Vec<Value> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    match serde_json::from_str(text) {
        Ok(Value::Array(items)) => items,
        other => panic!("`ip -j {what}` printed no JSON array ({other:?}): {text}"),
    }
}

/// Drops the fields that change on their own, so two dumps of an untouched namespace
/// compare equal.
fn normalise(mut value: Value) -> Value {
    fn strip(value: &mut Value) {
        match value {
            Value::Object(map) => {
                let drop: Vec<String> = map
                    .keys()
                    .filter(|k| {
                        k.ends_with("_timer")
                            || matches!(
                                k.as_str(),
                                "operstate"
                                    | "qdisc"
                                    | "stats"
                                    | "stats64"
                                    | "valid_life_time"
                                    | "preferred_life_time"
                                    | "expires"
                            )
                    })
                    .cloned()
                    .collect();
                for k in drop {
                    map.remove(&k);
                }
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut value);
    value
}

/// A normalised dump of a namespace's links, addresses and routes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    entries: BTreeSet<String>,
}

impl Snapshot {
    /// The entries only in `self` ("- ...") and only in `after` ("+ ...").
    pub fn diff(&self, after: &Snapshot) -> Vec<String> {
        let gone = self
            .entries
            .difference(&after.entries)
            .map(|e| format!("- {e}"));
        let new = after
            .entries
            .difference(&self.entries)
            .map(|e| format!("+ {e}"));
        gone.chain(new).collect()
    }

    /// Panics, listing every difference, unless `after` equals `self`.
    pub fn assert_same(&self, after: &Snapshot, context: &str) {
        let diff = self.diff(after);
        assert!(
            diff.is_empty(),
            "{context}: the namespace changed:\n{}",
            diff.join("\n")
        );
    }
}

/// One finished vethctl run.
#[derive(Clone, Debug)]
pub struct Run {
    /// The arguments after `vethctl`.
    pub argv: Vec<String>,
    /// Extra environment (`K=V`).
    pub env: Vec<String>,
    /// The exit status, None if killed by a signal.
    pub code: Option<i32>,
    /// Everything printed on stdout.
    pub stdout: String,
    /// Everything printed on stderr.
    pub stderr: String,
}

impl Run {
    /// Panics with the whole run unless it exited with `code`.
    pub fn expect(&self, code: i32) -> &Self {
        assert!(
            self.code == Some(code),
            "expected exit status {code}, got {}",
            self
        );
        self
    }

    /// The non-empty stdout lines (check prints one per difference).
    pub fn lines(&self) -> Vec<&str> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect()
    }
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = match self.code {
            Some(124) => "124 (killed by `timeout`: vethctl hung)".to_owned(),
            Some(c) => c.to_string(),
            None => "none (killed by a signal)".to_owned(),
        };
        write!(
            f,
            "{}vethctl {}\n  exit status: {status}\n  stdout: {}\n  stderr: {}",
            self.env.iter().map(|e| format!("{e} ")).collect::<String>(),
            self.argv
                .iter()
                .map(|a| format!("{a:?}"))
                .collect::<Vec<_>>()
                .join(" "),
            self.stdout.trim_end().replace('\n', "\n          "),
            self.stderr.trim_end().replace('\n', "\n          "),
        )
    }
}

/// The vethctl binary under test: `$VETHCTL_BIN`, else `vethctl` in the target
/// directory this test executable was built into.
pub fn vethctl_bin() -> PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let bin = match std::env::var_os("VETHCTL_BIN") {
            Some(path) => PathBuf::from(path),
            None => {
                // target/<profile>/deps/<test> -> target/<profile>/vethctl
                let exe = std::env::current_exe().expect("current_exe");
                exe.parent()
                    .and_then(|deps| deps.parent())
                    .map(|profile| profile.join("vethctl"))
                    .expect("test executable lives in target/<profile>/deps")
            }
        };
        assert!(
            bin.is_file(),
            "vethctl binary not found at {}: run `cargo build -p vethctl` first \
             (scripts/test-kernel.sh does), or set VETHCTL_BIN",
            bin.display()
        );
        bin
    })
    .clone()
}

fn ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// Creates the test's host namespace. If namespaces cannot be created: with `CI=true`
/// the test fails; otherwise it is skipped with a loud message (None).
pub fn host_or_skip(test: &str) -> Option<Netns> {
    match Netns::try_new() {
        Ok(ns) => {
            for (tool, version) in [("ip", "-V"), ("timeout", "--version"), ("ping", "-V")] {
                let ok = ns
                    .command(tool)
                    .arg(version)
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .is_ok_and(|s| s.success());
                assert!(
                    ok,
                    "`{tool}` is missing: install iproute2, coreutils and iputils-ping"
                );
            }
            vethctl_bin();
            Some(ns)
        }
        Err(e) if ci() => panic!(
            "{test}: cannot create a network namespace ({e}). CI=true, so this is a \
             failure: run the kernel tests as root, e.g. `scripts/test-kernel.sh`"
        ),
        Err(e) => {
            // Written to the stderr handle, not with eprintln!, so the test harness does
            // not swallow it for a passing test.
            let _ = writeln!(
                std::io::stderr(),
                "\n**********\n** SKIPPED {test}: cannot create a network namespace ({e}).\n\
                 ** Run the kernel tests as root: scripts/test-kernel.sh (with CI=true this \
                 is a failure).\n**********\n"
            );
            None
        }
    }
}

/// `let host = host_or_skip!("name");` returns from the test when it must be skipped.
#[macro_export]
macro_rules! host_or_skip {
    ($test:expr) => {
        match $crate::host_or_skip($test) {
            Some(ns) => ns,
            None => return,
        }
    };
}

/// One pod's vethctl flags.
#[derive(Clone, Debug)]
pub struct Pod {
    /// `--container-id`.
    pub container_id: String,
    /// `--netns`.
    pub netns: String,
    /// `--ifname` (None: the default, `eth0`).
    pub ifname: Option<String>,
    /// `--host-iface` (None: derived from the container id).
    pub host_iface: Option<String>,
    /// `--ip6`.
    pub ip6: Option<String>,
    /// `--ip4`.
    pub ip4: Option<String>,
    /// `--mtu` (None: the default, 1500).
    pub mtu: Option<u32>,
}

impl Pod {
    /// A pod in namespace `ns` with no addresses yet.
    pub fn new(container_id: &str, ns: &Netns) -> Self {
        Pod {
            container_id: container_id.to_owned(),
            netns: ns.path().to_owned(),
            ifname: None,
            host_iface: None,
            ip6: None,
            ip4: None,
            mtu: None,
        }
    }

    /// A dual-stack pod: `10.99.<net>.<host>` and `fd00:99:<net>::<host>`.
    pub fn dual(container_id: &str, ns: &Netns, net: u8, host: u8) -> Self {
        Self::new(container_id, ns)
            .ip4(&format!("10.99.{net}.{host}"))
            .ip6(&format!("fd00:99:{net:x}::{host:x}"))
    }

    /// Sets `--ip6`.
    pub fn ip6(mut self, addr: &str) -> Self {
        self.ip6 = Some(addr.to_owned());
        self
    }

    /// Sets `--ip4`.
    pub fn ip4(mut self, addr: &str) -> Self {
        self.ip4 = Some(addr.to_owned());
        self
    }

    /// Sets `--ifname`.
    pub fn ifname(mut self, name: &str) -> Self {
        self.ifname = Some(name.to_owned());
        self
    }

    /// Sets `--host-iface`.
    pub fn host_iface(mut self, name: &str) -> Self {
        self.host_iface = Some(name.to_owned());
        self
    }

    /// Sets `--mtu`.
    pub fn mtu(mut self, mtu: u32) -> Self {
        self.mtu = Some(mtu);
        self
    }

    /// The pod interface name vethctl should use.
    pub fn pod_ifname(&self) -> &str {
        self.ifname.as_deref().unwrap_or("eth0")
    }

    /// The arguments for `vethctl SUBCOMMAND` (teardown takes only its own flags).
    pub fn args(&self, subcommand: &str) -> Vec<String> {
        let mut a = vec![
            subcommand.to_owned(),
            "--container-id".to_owned(),
            self.container_id.clone(),
        ];
        let mut flag = |name: &str, value: Option<String>| {
            if let Some(v) = value {
                a.push(format!("--{name}"));
                a.push(v);
            }
        };
        if subcommand != "teardown" {
            flag("netns", Some(self.netns.clone()));
            flag("ifname", self.ifname.clone());
            flag("mtu", self.mtu.map(|m| m.to_string()));
        }
        flag("host-iface", self.host_iface.clone());
        flag("ip6", self.ip6.clone());
        flag("ip4", self.ip4.clone());
        a
    }

    /// The host interface name: `--host-iface`, else what `vethctl host-iface` derives.
    pub fn host_name(&self, host: &Netns) -> String {
        match &self.host_iface {
            Some(name) => name.clone(),
            None => host.derived_host_iface(&self.container_id),
        }
    }
}

/// Runs `vethctl SUBCOMMAND` for `pod` in `host` and panics unless it exits `code`.
pub fn vethctl_expect(host: &Netns, pod: &Pod, subcommand: &str, code: i32) -> Run {
    let run = host.vethctl(&pod.args(subcommand));
    run.expect(code);
    run
}

fn same_ip(text: Option<&str>, want: &str) -> bool {
    match (
        text.and_then(|t| t.parse::<IpAddr>().ok()),
        want.parse::<IpAddr>(),
    ) {
        (Some(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn flags(link: &Value) -> Vec<&str> {
    link["flags"]
        .as_array()
        .map(|f| f.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn is_default(route: &Value) -> bool {
    route["dst"].as_str() == Some("default")
}

fn has(obj: &Value, key: &str) -> bool {
    obj.as_object()
        .is_some_and(|m: &Map<String, Value>| m.contains_key(key))
}

/// Every way the live state of `pod` differs from docs/design.md's desired state, checked
/// with `ip -j` and `/proc/sys` only. Empty means fully wired.
pub fn wiring_problems(host: &Netns, pod_ns: &Netns, pod: &Pod, host_iface: &str) -> Vec<String> {
    let mut p = Vec::new();
    let mtu = u64::from(pod.mtu.unwrap_or(1500));
    let ifname = pod.pod_ifname();

    // ---- host side ----
    let Some(hlink) = host.link(host_iface) else {
        return vec![format!("host: no link named {host_iface}")];
    };
    if hlink["linkinfo"]["info_kind"].as_str() != Some("veth") {
        p.push(format!(
            "host: {host_iface} is not a veth: {}",
            hlink["linkinfo"]
        ));
    }
    if hlink["mtu"].as_u64() != Some(mtu) {
        p.push(format!(
            "host: {host_iface} mtu {} (want {mtu})",
            hlink["mtu"]
        ));
    }
    if !flags(&hlink).contains(&"UP") {
        p.push(format!("host: {host_iface} is not up: {:?}", flags(&hlink)));
    }
    if hlink["inet6_addr_gen_mode"].as_str() != Some("none") {
        p.push(format!(
            "host: {host_iface} addr_gen_mode {} (want none)",
            hlink["inet6_addr_gen_mode"]
        ));
    }
    if !has(&hlink, "link_netnsid") {
        p.push(format!(
            "host: {host_iface}'s peer is not in another namespace"
        ));
    }
    let v6: Vec<Value> = host
        .addrs(host_iface)
        .into_iter()
        .filter(|a| a["family"] == "inet6")
        .collect();
    if pod.ip6.is_some() {
        let gw = v6.iter().find(|a| {
            same_ip(a["local"].as_str(), V6_GATEWAY) && a["prefixlen"].as_u64() == Some(64)
        });
        match gw {
            None => p.push(format!("host: {host_iface} has no fe80::1/64")),
            Some(a) => {
                if a["nodad"] != true {
                    p.push(format!("host: fe80::1 on {host_iface} lacks nodad: {a}"));
                }
                if has(a, "tentative") || has(a, "dadfailed") {
                    p.push(format!("host: fe80::1 on {host_iface} is tentative: {a}"));
                }
            }
        }
    }
    for a in &v6 {
        if !same_ip(a["local"].as_str(), V6_GATEWAY) {
            p.push(format!(
                "host: unexpected IPv6 address on {host_iface} (kernel link-local?): {a}"
            ));
        }
    }
    let sysctls: &[(&str, &str, bool)] = &[
        ("ipv4/conf", "proxy_arp", pod.ip4.is_some()),
        ("ipv4/conf", "forwarding", pod.ip4.is_some()),
        ("ipv6/conf", "forwarding", pod.ip6.is_some()),
    ];
    for &(dir, key, wanted) in sysctls {
        let value = host.proc_sys(&format!("net/{dir}/{host_iface}/{key}"));
        if wanted && value.as_deref() != Some("1") {
            p.push(format!(
                "host: net/{dir}/{host_iface}/{key} = {value:?} (want 1)"
            ));
        }
    }
    if pod.ip4.is_some() {
        let delay = host.proc_sys(&format!("net/ipv4/neigh/{host_iface}/proxy_delay"));
        if delay.as_deref() != Some("0") {
            p.push(format!(
                "host: net/ipv4/neigh/{host_iface}/proxy_delay = {delay:?} (want 0)"
            ));
        }
    }
    let hroutes4 = host.routes(Family::V4);
    let hroutes6 = host.routes(Family::V6);
    if let Some(ip4) = &pod.ip4 {
        let ok = hroutes4.iter().any(|r| {
            same_ip(r["dst"].as_str(), ip4)
                && r["dev"] == host_iface
                && r["scope"] == "link"
                && !has(r, "gateway")
                && !has(r, "type")
        });
        if !ok {
            p.push(format!(
                "host: no route {ip4}/32 dev {host_iface} scope link: {hroutes4:?}"
            ));
        }
    } else if hroutes4.iter().any(|r| r["dev"] == host_iface) {
        p.push(format!(
            "host: IPv4 route on {host_iface} without --ip4: {hroutes4:?}"
        ));
    }
    if let Some(ip6) = &pod.ip6 {
        let ok = hroutes6.iter().any(|r| {
            same_ip(r["dst"].as_str(), ip6)
                && r["dev"] == host_iface
                && !has(r, "gateway")
                && !has(r, "type")
        });
        if !ok {
            p.push(format!(
                "host: no route {ip6}/128 dev {host_iface}: {hroutes6:?}"
            ));
        }
    }

    // ---- pod side ----
    let Some(plink) = pod_ns.link(ifname) else {
        p.push(format!("pod: no link named {ifname}"));
        return p;
    };
    if plink["linkinfo"]["info_kind"].as_str() != Some("veth") {
        p.push(format!(
            "pod: {ifname} is not a veth: {}",
            plink["linkinfo"]
        ));
    }
    if plink["mtu"].as_u64() != Some(mtu) {
        p.push(format!(
            "pod: {ifname} mtu {} (want {mtu}, as the host side)",
            plink["mtu"]
        ));
    }
    if !flags(&plink).contains(&"UP") {
        p.push(format!("pod: {ifname} is not up: {:?}", flags(&plink)));
    }
    if plink["inet6_addr_gen_mode"].as_str() != Some("none") {
        p.push(format!(
            "pod: {ifname} addr_gen_mode {} (want none)",
            plink["inet6_addr_gen_mode"]
        ));
    }
    if plink["link_index"] != hlink["ifindex"] || hlink["link_index"] != plink["ifindex"] {
        p.push(format!(
            "pod: {ifname} (ifindex {}, peer {}) is not the peer of host {host_iface} \
             (ifindex {}, peer {})",
            plink["ifindex"], plink["link_index"], hlink["ifindex"], hlink["link_index"]
        ));
    }
    let paddrs = pod_ns.addrs(ifname);
    for (family, want, len) in [("inet6", &pod.ip6, 128), ("inet", &pod.ip4, 32)] {
        let have: Vec<&Value> = paddrs.iter().filter(|a| a["family"] == family).collect();
        match want {
            Some(ip) => {
                let found = have.iter().find(|a| {
                    same_ip(a["local"].as_str(), ip) && a["prefixlen"].as_u64() == Some(len)
                });
                match found {
                    None => p.push(format!("pod: {ifname} lacks {ip}/{len}: {have:?}")),
                    Some(a) if has(a, "tentative") || has(a, "dadfailed") => {
                        p.push(format!("pod: {ip} on {ifname} is tentative (DAD): {a}"))
                    }
                    Some(_) => {}
                }
                for a in have.iter().filter(|a| !same_ip(a["local"].as_str(), ip)) {
                    p.push(format!("pod: unexpected {family} address on {ifname}: {a}"));
                }
            }
            None => {
                for a in &have {
                    p.push(format!(
                        "pod: {family} address on {ifname} but no such flag: {a}"
                    ));
                }
            }
        }
    }
    let proutes4 = pod_ns.routes(Family::V4);
    let proutes6 = pod_ns.routes(Family::V6);
    let defaults4: Vec<&Value> = proutes4.iter().filter(|r| is_default(r)).collect();
    let defaults6: Vec<&Value> = proutes6.iter().filter(|r| is_default(r)).collect();
    if pod.ip4.is_some() {
        let onlink = proutes4.iter().any(|r| {
            same_ip(r["dst"].as_str(), V4_GATEWAY)
                && r["dev"] == ifname
                && r["scope"] == "link"
                && !has(r, "gateway")
        });
        if !onlink {
            p.push(format!(
                "pod: no route 169.254.1.1 dev {ifname} scope link: {proutes4:?}"
            ));
        }
        let ok = defaults4.len() == 1
            && same_ip(defaults4[0]["gateway"].as_str(), V4_GATEWAY)
            && defaults4[0]["dev"] == ifname;
        if !ok {
            p.push(format!(
                "pod: IPv4 default is not exactly `via 169.254.1.1 dev {ifname}`: {defaults4:?}"
            ));
        }
    } else if !defaults4.is_empty() {
        p.push(format!(
            "pod: IPv4 default route without --ip4: {defaults4:?}"
        ));
    }
    if pod.ip6.is_some() {
        let ok = defaults6.len() == 1
            && same_ip(defaults6[0]["gateway"].as_str(), V6_GATEWAY)
            && defaults6[0]["dev"] == ifname;
        if !ok {
            p.push(format!(
                "pod: IPv6 default is not exactly `via fe80::1 dev {ifname}`: {defaults6:?}"
            ));
        }
    } else if !defaults6.is_empty() {
        p.push(format!(
            "pod: IPv6 default route without --ip6: {defaults6:?}"
        ));
    }
    p
}

/// Panics, listing every difference, unless `pod` is fully wired.
pub fn assert_wired(host: &Netns, pod_ns: &Netns, pod: &Pod, host_iface: &str, context: &str) {
    let problems = wiring_problems(host, pod_ns, pod, host_iface);
    assert!(
        problems.is_empty(),
        "{context}: the live state differs from the desired state:\n  {}",
        problems.join("\n  ")
    );
}

/// A host namespace that looks like a node: `lo` up with 10.255.255.1/32 and
/// fd00:ffff::1/128 on it, and a stand-in uplink (a veth to a throwaway "upstream"
/// namespace) carrying both default routes, which proxy ARP needs to answer.
#[derive(Debug)]
pub struct Node {
    /// The host namespace, where vethctl runs.
    pub host: Netns,
    _upstream: Netns,
}

/// The IPv4 address on the node's `lo`.
pub const NODE_LO4: &str = "10.255.255.1";
/// The IPv6 address on the node's `lo`.
pub const NODE_LO6: &str = "fd00:ffff::1";

impl Node {
    /// Builds the node around an (empty) host namespace.
    pub fn new(host: Netns) -> Self {
        let upstream = Netns::with_lo();
        host.ip("link set lo up");
        host.ip(&format!("addr add {NODE_LO4}/32 dev lo"));
        host.ip(&format!("addr add {NODE_LO6}/128 dev lo"));
        host.ip(&format!(
            "link add uplink0 type veth peer name uplink0 netns {}",
            upstream.path()
        ));
        host.ip("link set uplink0 addrgenmode none");
        host.ip("addr add 10.254.0.1/30 dev uplink0");
        host.ip("addr add fd00:fffe::1/64 dev uplink0 nodad");
        host.ip("link set uplink0 up");
        host.ip("route add default via 10.254.0.2 dev uplink0");
        host.ip("-6 route add default via fd00:fffe::2 dev uplink0");
        upstream.ip("link set uplink0 addrgenmode none");
        upstream.ip("addr add 10.254.0.2/30 dev uplink0");
        upstream.ip("addr add fd00:fffe::2/64 dev uplink0 nodad");
        upstream.ip("link set uplink0 up");
        // Each end's carrier arrives asynchronously (the kernel's linkwatch): without
        // waiting, a test's snapshots could differ by LOWER_UP alone.
        host.wait_for_carrier("uplink0");
        upstream.wait_for_carrier("uplink0");
        Node {
            host,
            _upstream: upstream,
        }
    }
}
