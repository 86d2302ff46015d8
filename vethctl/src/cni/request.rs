//! The CNI request, parsed and validated as a pure function of the environment and the
//! bytes on stdin ([`parse`]): every check happens here, before any change.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::{Map, Value};

use super::error::{CniError, DECODE_FAILURE, INCOMPATIBLE_VERSION};
use crate::config::{self, DEFAULT_MTU};

/// The versions this plugin answers, oldest first.
pub const SUPPORTED_VERSIONS: [&str; 5] = ["0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"];
/// The newest: the version of answers to requests that name none we support.
pub const LATEST: &str = "1.1.0";

/// `CNI_COMMAND`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Attach a container.
    Add,
    /// Detach it.
    Del,
    /// Check an attachment.
    Check,
    /// Report the versions supported.
    Version,
    /// Is the plugin ready for ADD (1.1.0)?
    Status,
    /// Remove the attachments not listed as valid (1.1.0).
    Gc,
}

impl Command {
    fn parse(s: &str) -> Option<Command> {
        Some(match s {
            "ADD" => Command::Add,
            "DEL" => Command::Del,
            "CHECK" => Command::Check,
            "VERSION" => Command::Version,
            "STATUS" => Command::Status,
            "GC" => Command::Gc,
            _ => return None,
        })
    }

    /// The name in `CNI_COMMAND`.
    pub fn as_str(self) -> &'static str {
        match self {
            Command::Add => "ADD",
            Command::Del => "DEL",
            Command::Check => "CHECK",
            Command::Version => "VERSION",
            Command::Status => "STATUS",
            Command::Gc => "GC",
        }
    }
}

/// An attachment the runtime still wants (`cni.dev/valid-attachments`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// `containerID`.
    pub container_id: String,
    /// `ifname`.
    pub ifname: String,
}

/// The network config's fields vethctl uses.
#[derive(Debug, Clone, PartialEq)]
pub struct NetConf {
    /// `name`: the network.
    pub name: String,
    /// `ipam.type`: the IPAM plugin (`None`: no `ipam` section).
    pub ipam_type: Option<String>,
    /// `mtu` (default 1500).
    pub mtu: u32,
    /// `prevResult`, when chained (and for CHECK and DEL).
    pub prev_result: Option<Map<String, Value>>,
    /// GC: `cni.dev/valid-attachments`.
    pub valid_attachments: Vec<Attachment>,
}

/// A parsed, validated request.
#[derive(Debug, Clone, PartialEq)]
pub struct Invocation {
    /// `CNI_COMMAND`.
    pub command: Command,
    /// The version the request is in (one of [`SUPPORTED_VERSIONS`]), or the newest for
    /// a VERSION request that names none.
    pub version: String,
    /// `CNI_CONTAINERID` (ADD, DEL, CHECK).
    pub container_id: String,
    /// `CNI_NETNS` (ADD and CHECK; may be empty for DEL).
    pub netns: Option<PathBuf>,
    /// `CNI_IFNAME` (ADD, DEL, CHECK).
    pub ifname: String,
    /// `CNI_PATH`, split.
    pub path: Vec<PathBuf>,
    /// The network config (`None` for VERSION).
    pub conf: Option<NetConf>,
}

/// What a failed parse answers: the error and the version to answer it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The version of the error JSON.
    pub version: String,
    /// The error.
    pub error: CniError,
}

impl Refusal {
    /// The error JSON.
    pub fn to_json(&self) -> Value {
        self.error.to_json(&self.version)
    }
}

/// Does this environment ask for the CNI plugin: any `CNI_*` variable?
pub fn is_cni_env(names: impl IntoIterator<Item = impl AsRef<str>>) -> bool {
    names.into_iter().any(|n| n.as_ref().starts_with("CNI_"))
}

/// The spec's pattern for container ids and network names:
/// `^[a-zA-Z0-9][a-zA-Z0-9_.\-]*$`.
pub fn check_name(s: &str) -> Result<(), String> {
    let mut chars = s.chars();
    match chars.next() {
        None => return Err("is empty".into()),
        Some(c) if !c.is_ascii_alphanumeric() => {
            return Err(format!("{s:?} must start with a letter or digit"))
        }
        _ => {}
    }
    if let Some(c) = chars.find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))) {
        return Err(format!(
            "{s:?} contains {c:?}; only letters, digits, '_', '.' and '-' are allowed"
        ));
    }
    Ok(())
}

fn var<'a>(env: &'a BTreeMap<String, String>, name: &str) -> Result<&'a str, CniError> {
    match env.get(name) {
        Some(v) if !v.is_empty() => Ok(v),
        Some(_) => Err(CniError::env(name, "is empty")),
        None => Err(CniError::env(name, "is not set")),
    }
}

/// Parse `(env, stdin)` into a request, or the error JSON to answer. Pure: no I/O.
pub fn parse(env: &BTreeMap<String, String>, stdin: &[u8]) -> Result<Invocation, Refusal> {
    // The version first, so that every later error is answered in it.
    let doc = read_stdin(stdin)?;
    let requested = doc
        .as_ref()
        .and_then(|d| d.get("cniVersion"))
        .and_then(Value::as_str);
    let answer_in = requested
        .filter(|v| SUPPORTED_VERSIONS.contains(v))
        .unwrap_or(LATEST)
        .to_owned();
    let fail = |error: CniError| Refusal {
        version: answer_in.clone(),
        error,
    };
    let command = var(env, "CNI_COMMAND").map_err(fail)?;
    let command = Command::parse(command).ok_or_else(|| {
        fail(CniError::env(
            "CNI_COMMAND",
            format!("{command:?} is not a CNI command (ADD, DEL, CHECK, VERSION, STATUS, GC)"),
        ))
    })?;
    if command == Command::Version {
        return Ok(Invocation::bare(command, answer_in));
    }
    let Some(doc) = doc else {
        return Err(fail(CniError::new(
            DECODE_FAILURE,
            "stdin is empty; a network config was expected",
        )));
    };
    let obj = doc.as_object().ok_or_else(|| {
        fail(CniError::new(
            DECODE_FAILURE,
            "the network config on stdin is not a JSON object",
        ))
    })?;
    let version = version_of(obj).map_err(fail)?;
    version_allows(command, &version).map_err(fail)?;
    let wants_attachment = matches!(command, Command::Add | Command::Del | Command::Check);
    let mut inv = Invocation::bare(command, version);
    if wants_attachment {
        read_attachment(env, &mut inv).map_err(fail)?;
    }
    let path = var(env, "CNI_PATH").map_err(fail)?;
    inv.path = std::env::split_paths(path).collect();
    if let Some(args) = env.get("CNI_ARGS") {
        check_args(args).map_err(fail)?;
    }
    inv.conf = Some(net_conf(obj, command).map_err(fail)?);
    Ok(inv)
}

/// stdin as JSON (`None` when blank); what is not JSON is answered in the newest version,
/// since no version can be read from it.
fn read_stdin(stdin: &[u8]) -> Result<Option<Value>, Refusal> {
    if stdin.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    serde_json::from_slice(stdin)
        .map(Some)
        .map_err(|e| Refusal {
            version: LATEST.to_owned(),
            error: CniError::new(
                DECODE_FAILURE,
                format!("the network config on stdin is not JSON: {e}"),
            ),
        })
}

/// ADD, DEL and CHECK name an attachment: the container, its interface and (but for a
/// DEL, which may come after the namespace is gone) its namespace.
fn read_attachment(env: &BTreeMap<String, String>, inv: &mut Invocation) -> Result<(), CniError> {
    let id = var(env, "CNI_CONTAINERID")?;
    check_name(id).map_err(|r| CniError::env("CNI_CONTAINERID", r))?;
    inv.container_id = id.to_owned();
    let ifname = var(env, "CNI_IFNAME")?;
    config::check_ifname(ifname).map_err(|r| CniError::env("CNI_IFNAME", r))?;
    inv.ifname = ifname.to_owned();
    inv.netns = match (inv.command, env.get("CNI_NETNS").map(String::as_str)) {
        (Command::Del, None | Some("")) => None,
        _ => Some(PathBuf::from(var(env, "CNI_NETNS")?)),
    };
    Ok(())
}

impl Invocation {
    /// A request with only its command and version filled in.
    fn bare(command: Command, version: String) -> Invocation {
        Invocation {
            command,
            version,
            container_id: String::new(),
            netns: None,
            ifname: String::new(),
            path: Vec::new(),
            conf: None,
        }
    }
}

fn version_of(obj: &Map<String, Value>) -> Result<String, CniError> {
    let v = match obj.get("cniVersion") {
        None => {
            return Err(CniError::new(
                INCOMPATIBLE_VERSION,
                format!(
                    "the network config has no cniVersion (0.1.0 implied); supported: {}",
                    SUPPORTED_VERSIONS.join(", ")
                ),
            ))
        }
        Some(Value::String(s)) => s,
        Some(other) => {
            return Err(CniError::config(
                "cniVersion",
                format!("{other} is not a string"),
            ))
        }
    };
    if !SUPPORTED_VERSIONS.contains(&v.as_str()) {
        return Err(CniError::new(
            INCOMPATIBLE_VERSION,
            format!(
                "CNI version {v:?} is not supported; supported: {}",
                SUPPORTED_VERSIONS.join(", ")
            ),
        ));
    }
    Ok(v.clone())
}

/// CHECK exists from 0.4.0, STATUS and GC from 1.1.0.
fn version_allows(command: Command, version: &str) -> Result<(), CniError> {
    let since = match command {
        Command::Check => "0.4.0",
        Command::Status | Command::Gc => "1.1.0",
        _ => return Ok(()),
    };
    let rank = |v: &str| SUPPORTED_VERSIONS.iter().position(|s| *s == v);
    if rank(version) < rank(since) {
        return Err(CniError::new(
            INCOMPATIBLE_VERSION,
            format!(
                "{} needs CNI version {since} or later; the config is {version}",
                command.as_str()
            ),
        ));
    }
    Ok(())
}

/// `CNI_ARGS`: `KEY=VALUE` pairs separated by `;`.
fn check_args(args: &str) -> Result<(), CniError> {
    for pair in args.split(';').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some((k, _)) if !k.is_empty() => {}
            _ => {
                return Err(CniError::env(
                    "CNI_ARGS",
                    format!("{pair:?} is not KEY=VALUE"),
                ))
            }
        }
    }
    Ok(())
}

fn net_conf(obj: &Map<String, Value>, command: Command) -> Result<NetConf, CniError> {
    let name = match obj.get("name") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => return Err(CniError::config("name", format!("{other} is not a string"))),
        None => return Err(CniError::config("name", "is missing")),
    };
    check_name(&name).map_err(|r| CniError::config("name", r))?;
    let ipam_type = match obj.get("ipam") {
        None | Some(Value::Null) => None,
        Some(Value::Object(ipam)) => match ipam.get("type") {
            Some(Value::String(t)) => {
                check_plugin_name(t).map_err(|r| CniError::config("ipam.type", r))?;
                Some(t.clone())
            }
            Some(other) => {
                return Err(CniError::config(
                    "ipam.type",
                    format!("{other} is not a string"),
                ))
            }
            None => return Err(CniError::config("ipam.type", "is missing")),
        },
        Some(other) => {
            return Err(CniError::config(
                "ipam",
                format!("{other} is not an object"),
            ))
        }
    };
    if ipam_type.is_none() && matches!(command, Command::Add | Command::Check) {
        return Err(CniError::config(
            "ipam",
            "is missing; vethctl takes the pod's addresses from an IPAM plugin",
        ));
    }
    let mtu = match obj.get("mtu") {
        None | Some(Value::Null) => DEFAULT_MTU,
        Some(Value::Number(n)) => {
            config::parse_mtu(&n.to_string()).map_err(|r| CniError::config("mtu", r))?
        }
        Some(other) => return Err(CniError::config("mtu", format!("{other} is not a number"))),
    };
    let prev_result = match obj.get("prevResult") {
        None | Some(Value::Null) => None,
        Some(Value::Object(m)) => Some(m.clone()),
        Some(other) => {
            return Err(CniError::config(
                "prevResult",
                format!("{other} is not an object"),
            ))
        }
    };
    // libcni sends the list under both names: the spec first called it
    // `cni.dev/attachments`.
    let mut valid_attachments = Vec::new();
    let mut listed = false;
    for field in ["cni.dev/valid-attachments", "cni.dev/attachments"] {
        if let Some(v) = obj.get(field).filter(|v| !v.is_null()) {
            valid_attachments.extend(attachments(field, v)?);
            listed = true;
        }
    }
    if command == Command::Gc && !listed {
        return Err(CniError::config(
            "cni.dev/valid-attachments",
            "is missing; GC needs the list of attachments to keep",
        ));
    }
    Ok(NetConf {
        name,
        ipam_type,
        mtu,
        prev_result,
        valid_attachments,
    })
}

/// A plugin `type`: a file name in `CNI_PATH`.
fn check_plugin_name(t: &str) -> Result<(), String> {
    if t.is_empty() {
        return Err("is empty".into());
    }
    if t.contains('/') || t == "." || t == ".." || t.contains('\0') {
        return Err(format!(
            "{t:?} is not a plugin name (a file name in CNI_PATH)"
        ));
    }
    Ok(())
}

fn attachments(field: &str, v: &Value) -> Result<Vec<Attachment>, CniError> {
    let list = v
        .as_array()
        .ok_or_else(|| CniError::config(field, "is not a list"))?;
    let mut out = Vec::with_capacity(list.len());
    for (i, a) in list.iter().enumerate() {
        let get = |k: &str| {
            a.get(k)
                .and_then(Value::as_str)
                .ok_or_else(|| CniError::config(field, format!("entry {i} has no string {k:?}")))
        };
        out.push(Attachment {
            container_id: get("containerID")?.to_owned(),
            ifname: get("ifname")?.to_owned(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cni::error::{INVALID_CONFIG, INVALID_ENV};

    fn env(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    const CONF: &str = r#"{"cniVersion":"1.0.0","name":"net1","type":"vethctl","mtu":1400,
        "ipam":{"type":"host-local"}}"#;

    fn add_env() -> BTreeMap<String, String> {
        env(&[
            ("CNI_COMMAND", "ADD"),
            ("CNI_CONTAINERID", "abc123"),
            ("CNI_NETNS", "/run/netns/x"),
            ("CNI_IFNAME", "eth0"),
            ("CNI_PATH", "/opt/cni/bin:/usr/lib/cni"),
        ])
    }

    #[test]
    fn a_valid_add() {
        let inv = parse(&add_env(), CONF.as_bytes()).unwrap();
        assert_eq!(inv.command, Command::Add);
        assert_eq!(inv.version, "1.0.0");
        assert_eq!(inv.path.len(), 2);
        let c = inv.conf.unwrap();
        assert_eq!((c.name.as_str(), c.mtu), ("net1", 1400));
        assert_eq!(c.ipam_type.as_deref(), Some("host-local"));
    }

    #[test]
    fn each_refusal_has_its_code_and_names_what() {
        let code = |e: &BTreeMap<String, String>, stdin: &str| {
            let r = parse(e, stdin.as_bytes()).unwrap_err();
            (r.error.code, r.error.msg, r.version)
        };
        let mut e = add_env();
        e.remove("CNI_COMMAND");
        let (c, m, _) = code(&e, CONF);
        assert_eq!(c, INVALID_ENV);
        assert!(m.contains("CNI_COMMAND"), "{m}");
        e.insert("CNI_COMMAND".into(), "FROB".into());
        let (c, m, v) = code(&e, CONF);
        assert_eq!((c, v.as_str()), (INVALID_ENV, "1.0.0"));
        assert!(m.contains("FROB"), "{m}");
        for var in ["CNI_CONTAINERID", "CNI_IFNAME", "CNI_NETNS", "CNI_PATH"] {
            let mut e = add_env();
            e.remove(var);
            let (c, m, _) = code(&e, CONF);
            assert_eq!(c, INVALID_ENV, "{var}");
            assert!(m.starts_with(var), "{m}");
        }
        let mut e = add_env();
        e.insert("CNI_IFNAME".into(), "a/b".into());
        assert_eq!(code(&e, CONF).0, INVALID_ENV);
        e = add_env();
        e.insert("CNI_CONTAINERID".into(), "-x".into());
        assert_eq!(code(&e, CONF).0, INVALID_ENV);
        assert_eq!(code(&add_env(), "{").0, DECODE_FAILURE);
        assert_eq!(code(&add_env(), "").0, DECODE_FAILURE);
        assert_eq!(code(&add_env(), "[]").0, DECODE_FAILURE);
        assert_eq!(
            code(&add_env(), r#"{"cniVersion":"0.2.0","name":"n"}"#).0,
            INCOMPATIBLE_VERSION
        );
        assert_eq!(code(&add_env(), r#"{"name":"n"}"#).0, INCOMPATIBLE_VERSION);
        let (c, m, _) = code(
            &add_env(),
            r#"{"cniVersion":"1.0.0","name":"n","ipam":{"type":"x"},"mtu":10}"#,
        );
        assert_eq!(c, INVALID_CONFIG);
        assert!(m.contains("mtu"), "{m}");
        let (c, m, _) = code(&add_env(), r#"{"cniVersion":"1.0.0","name":"n"}"#);
        assert_eq!(c, INVALID_CONFIG);
        assert!(m.contains("ipam"), "{m}");
        let (c, _, _) = code(
            &add_env(),
            r#"{"cniVersion":"1.0.0","name":"n","ipam":{"type":"../x"}}"#,
        );
        assert_eq!(c, INVALID_CONFIG);
        let (c, _, _) = code(
            &add_env(),
            r#"{"cniVersion":"1.0.0","name":"a b","ipam":{"type":"x"}}"#,
        );
        assert_eq!(c, INVALID_CONFIG);
        let mut e = add_env();
        e.insert("CNI_COMMAND".into(), "GC".into());
        assert_eq!(code(&e, CONF).0, INCOMPATIBLE_VERSION, "GC needs 1.1.0");
    }

    #[test]
    fn version_needs_no_config_and_del_no_netns() {
        let inv = parse(&env(&[("CNI_COMMAND", "VERSION")]), b"").unwrap();
        assert_eq!(inv.version, LATEST);
        let inv = parse(
            &env(&[("CNI_COMMAND", "VERSION")]),
            br#"{"cniVersion":"0.4.0"}"#,
        )
        .unwrap();
        assert_eq!(inv.version, "0.4.0");
        let mut e = add_env();
        e.insert("CNI_COMMAND".into(), "DEL".into());
        e.insert("CNI_NETNS".into(), String::new());
        let inv = parse(&e, CONF.as_bytes()).unwrap();
        assert_eq!(inv.netns, None);
        let e = env(&[("CNI_COMMAND", "GC"), ("CNI_PATH", "/x")]);
        let inv = parse(
            &e,
            br#"{"cniVersion":"1.1.0","name":"n","cni.dev/valid-attachments":[{"containerID":"c","ifname":"eth0"}]}"#,
        )
        .unwrap();
        assert_eq!(inv.conf.unwrap().valid_attachments.len(), 1);
    }

    #[test]
    fn plugin_mode_is_any_cni_variable() {
        assert!(is_cni_env(["PATH", "CNI_COMMAND"]));
        assert!(!is_cni_env(["PATH", "HOME"]));
    }
}
