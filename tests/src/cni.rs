//! Driving `vethctl` as a CNI plugin, as a runtime does: no arguments, the `CNI_*`
//! variables, the network config on stdin, inside the test's host namespace. A
//! [`CniDir`] is a private `CNI_PATH` (vethctl, Debian's host-local, IPAM stand-ins) and
//! a data directory for host-local's leases.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

use crate::{ci, vethctl_bin, Netns};

/// Debian's CNI plugins (`containernetworking-plugins`).
pub const DEBIAN_CNI_DIR: &str = "/usr/lib/cni";

/// A temporary directory, removed on drop.
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl TempDir {
    /// A fresh directory under the system's temporary directory.
    pub fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let p = std::env::temp_dir().join(format!(
            "vethctl-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&p).unwrap_or_else(|e| panic!("mkdir {}: {e}", p.display()));
        TempDir(p)
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Whether a tool the test needs is here. Missing: with `CI=true` the test fails, else
/// it is skipped with a loud message (false).
pub fn tool_or_skip(test: &str, path: &str, package: &str) -> bool {
    if Path::new(path).exists() {
        return true;
    }
    assert!(
        !ci(),
        "{test}: {path} is missing (CI=true, so this is a failure): apt-get install {package}"
    );
    let _ = writeln!(
        std::io::stderr(),
        "\n**********\n** SKIPPED {test}: {path} is missing (apt-get install {package})\n**********\n"
    );
    false
}

/// A private `CNI_PATH` and IPAM data directory.
#[derive(Debug)]
pub struct CniDir {
    dir: TempDir,
}

impl Default for CniDir {
    fn default() -> Self {
        Self::new()
    }
}

impl CniDir {
    /// `bin/` with `vethctl` and host-local linked in, `data/` for leases.
    pub fn new() -> CniDir {
        let dir = TempDir::new("cni");
        let bin = dir.path().join("bin");
        std::fs::create_dir_all(&bin).expect("mkdir bin");
        std::fs::create_dir_all(dir.path().join("data")).expect("mkdir data");
        std::os::unix::fs::symlink(vethctl_bin(), bin.join("vethctl")).expect("link vethctl");
        let hl = Path::new(DEBIAN_CNI_DIR).join("host-local");
        if hl.exists() {
            std::os::unix::fs::symlink(&hl, bin.join("host-local")).expect("link host-local");
        }
        CniDir { dir }
    }

    /// The `CNI_PATH` directory.
    pub fn bin(&self) -> PathBuf {
        self.dir.path().join("bin")
    }

    /// host-local's data directory.
    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// A scratch path inside the directory.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Adds an executable shell script `name` to `bin/`.
    pub fn script(&self, name: &str, body: &str) {
        use std::os::unix::fs::PermissionsExt;
        let p = self.bin().join(name);
        std::fs::write(&p, body).expect("write script");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }

    /// `ipam-1.1`, a CNI 1.1.0 IPAM stand-in (Debian's host-local speaks up to 1.0.0):
    /// leases 10.31.0.N/24 in order, logs every command with its stdin to `ipam.log`,
    /// answers STATUS with code 50 while a file `down` exists next to it.
    pub fn ipam_stand_in(&self) {
        let d = self.dir.path().display().to_string();
        self.script(
            "ipam-1.1",
            &format!(
                r#"#!/bin/sh
d={d}
in=$(cat)
echo "$CNI_COMMAND $in" >> $d/ipam.log
case "$CNI_COMMAND" in
ADD)
  n=$(( $(cat $d/n 2>/dev/null || echo 1) + 1 )); echo $n > $d/n
  echo "{{\"cniVersion\":\"1.1.0\",\"ips\":[{{\"address\":\"10.31.0.$n/24\"}}]}}" ;;
STATUS)
  if [ -e $d/down ]; then
    echo '{{"cniVersion":"1.1.0","code":50,"msg":"address pool exhausted"}}'; exit 1
  fi ;;
esac
exit 0
"#
            ),
        );
    }

    /// The leases host-local holds for `network` (its files but `lock` and
    /// `last_reserved_ip.*`).
    pub fn leases(&self, network: &str) -> Vec<String> {
        let Ok(rd) = std::fs::read_dir(self.data().join(network)) else {
            return Vec::new();
        };
        let mut v: Vec<String> = rd
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != "lock" && !n.starts_with("last_reserved_ip"))
            .collect();
        v.sort();
        v
    }

    /// A dual-stack host-local `ipam` section with leases in [`CniDir::data`].
    pub fn host_local(&self, v4: &str, v6: &str) -> Value {
        serde_json::json!({
            "type": "host-local",
            "dataDir": self.data(),
            "ranges": [[{"subnet": v4}], [{"subnet": v6}]],
        })
    }
}

/// The libcni driver (`tests/cni/libcni-driver`), built once per test process with
/// Debian's Go and libcni source, offline. `None`: Go or libcni is missing (a failure
/// with `CI=true`, see [`tool_or_skip`]).
pub fn libcni_driver(test: &str) -> Option<PathBuf> {
    const GOPATH: &str = "/usr/share/gocode";
    if !tool_or_skip(test, "/usr/bin/go", "golang-go")
        || !tool_or_skip(
            test,
            "/usr/share/gocode/src/github.com/containernetworking/cni/libcni",
            "golang-github-appc-cni-dev",
        )
    {
        return None;
    }
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    Some(
        BUILT
            .get_or_init(|| {
                // Next to the vethctl binary, in the target directory.
                let target = vethctl_bin()
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                let out = target.join("libcni-driver");
                let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("cni/libcni-driver");
                let status = std::process::Command::new("go")
                    .args(["build", "-o"])
                    .arg(&out)
                    .arg(".")
                    .current_dir(&src)
                    .env("GO111MODULE", "off")
                    .env("GOPATH", GOPATH)
                    .env("GOCACHE", target.join("gocache"))
                    .status()
                    .expect("run go build");
                assert!(
                    status.success(),
                    "go build of the libcni driver failed: {status}"
                );
                out
            })
            .clone(),
    )
}

/// One plugin run.
#[derive(Debug, Clone)]
pub struct CniRun {
    /// `CNI_COMMAND`.
    pub command: String,
    /// The exit status (`None`: killed).
    pub code: Option<i32>,
    /// stdout, parsed (`Null` when empty).
    pub json: Value,
    /// stdout as printed.
    pub stdout: String,
    /// stderr.
    pub stderr: String,
}

impl CniRun {
    /// Panics unless it succeeded; its JSON.
    pub fn ok(&self) -> &Value {
        assert_eq!(self.code, Some(0), "CNI {} failed: {self:#?}", self.command);
        &self.json
    }

    /// Panics unless it failed with error JSON of `code`; the error's `msg`.
    pub fn err(&self, code: u64) -> String {
        assert!(
            self.code.is_some_and(|c| c != 0),
            "CNI {} should have failed: {self:#?}",
            self.command
        );
        assert_eq!(
            self.json["code"].as_u64(),
            Some(code),
            "error code: {self:#?}"
        );
        for k in ["cniVersion", "msg", "details"] {
            assert!(
                self.json.get(k).is_some(),
                "error JSON without {k:?}: {self:#?}"
            );
        }
        self.json["msg"].as_str().unwrap_or_default().to_owned()
    }
}

/// The `CNI_*` environment of one attachment.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// `CNI_CONTAINERID`.
    pub container_id: String,
    /// `CNI_NETNS` (empty: unset).
    pub netns: String,
    /// `CNI_IFNAME`.
    pub ifname: String,
}

impl Attachment {
    /// `eth0` of `container_id` in `ns`.
    pub fn new(container_id: &str, ns: &Netns) -> Attachment {
        Attachment {
            container_id: container_id.into(),
            netns: ns.path().into(),
            ifname: "eth0".into(),
        }
    }

    /// With another `CNI_IFNAME`.
    pub fn ifname(mut self, name: &str) -> Attachment {
        self.ifname = name.into();
        self
    }

    /// The environment.
    pub fn env(&self) -> Vec<(String, String)> {
        let mut v = vec![
            ("CNI_CONTAINERID".to_owned(), self.container_id.clone()),
            ("CNI_IFNAME".to_owned(), self.ifname.clone()),
        ];
        if !self.netns.is_empty() {
            v.push(("CNI_NETNS".to_owned(), self.netns.clone()));
        }
        v
    }
}

/// Runs the plugin in `host` with `CNI_COMMAND=command`, `CNI_PATH` = `dir`'s bin, the
/// extra `env` and `stdin`. The environment is cleared first (only `PATH` kept), as a
/// runtime's exec would pass only what it sets.
pub fn run(
    host: &Netns,
    dir: &CniDir,
    command: &str,
    env: &[(String, String)],
    stdin: &str,
) -> CniRun {
    let mut cmd = host.command("timeout");
    cmd.args(["--kill-after=5", "60"]).arg(vethctl_bin());
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("CNI_PATH", dir.bin());
    if !command.is_empty() {
        cmd.env("CNI_COMMAND", command);
    }
    cmd.envs(env.iter().map(|(k, v)| (k, v)));
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn nsenter");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let json = if stdout.trim().is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("CNI {command}: stdout is not JSON ({e}): {stdout:?}"))
    };
    CniRun {
        command: command.to_owned(),
        code: out.status.code(),
        json,
        stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A network config of type vethctl.
pub fn conf(version: &str, name: &str, ipam: &Value) -> Value {
    serde_json::json!({"cniVersion": version, "name": name, "type": "vethctl", "ipam": ipam})
}

/// `conf` with `prevResult` set to `result` (as libcni sends CHECK and DEL).
pub fn with_prev(conf: &Value, result: &Value) -> Value {
    let mut c = conf.clone();
    c["prevResult"] = result.clone();
    c
}
