//! ADD, DEL, CHECK, STATUS, GC and VERSION over vethctl's wiring ([`crate::wiring`]) and
//! bulk removal ([`crate::gc`]).

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::Path;

use serde_json::{json, Value};

use super::attach::{self, identity, parse_identity};
use super::error::{CniError, INTERNAL, INVALID_CONFIG, NOT_AVAILABLE};
use super::ipam;
use super::links;
use super::request::{Command, Invocation, NetConf, SUPPORTED_VERSIONS};
use super::result::{self, CniResult};
use crate::config::{self, Spec, DEFAULT_MTU};
use crate::netns::Netns;
use crate::socket::NlSocket;
use crate::wiring::{self, V4_GATEWAY, V6_GATEWAY};

/// Do `inv`; the JSON to print on success (`None`: nothing).
pub fn run(inv: &Invocation, stdin: &[u8]) -> Result<Option<Value>, CniError> {
    let conf = inv.conf.as_ref();
    match (inv.command, conf) {
        (Command::Version, _) => Ok(Some(json!({
            "cniVersion": inv.version,
            "supportedVersions": SUPPORTED_VERSIONS,
        }))),
        (Command::Add, Some(c)) => add(inv, c, stdin).map(Some),
        (Command::Del, Some(c)) => del(inv, c, stdin).map(|()| None),
        (Command::Check, Some(c)) => check(inv, c, stdin).map(|()| None),
        (Command::Status, Some(c)) => status(inv, c, stdin).map(|()| None),
        (Command::Gc, Some(c)) => gc(inv, c, stdin).map(|()| None),
        (_, None) => Err(CniError::new(INTERNAL, "no network config")),
    }
}

/// The attachment's identity, checked to be readable back from its tag (GC needs it).
fn attachment(inv: &Invocation, conf: &NetConf) -> Result<(String, String), CniError> {
    let id = identity(&conf.name, &inv.container_id, &inv.ifname);
    if !attach::tag_is_readable(&id) {
        return Err(CniError::new(
            INVALID_CONFIG,
            format!(
                "network name {:?} and container id {:?} are too long together for an owner \
                 tag GC can read back",
                conf.name, inv.container_id
            ),
        ));
    }
    let host = attach::host_iface(&id);
    Ok((id, host))
}

/// `CNI_NETNS`, opened and proven a network namespace other than ours.
fn open_netns(inv: &Invocation) -> Result<Netns, CniError> {
    let path = inv
        .netns
        .as_deref()
        .ok_or_else(|| CniError::env("CNI_NETNS", "is not set"))?;
    Netns::open(path).map_err(|e| match e {
        crate::Error::Invalid { reason, .. } => CniError::env("CNI_NETNS", reason),
        other => CniError::from(other),
    })
}

fn ipam_exe(
    conf: &NetConf,
    inv: &Invocation,
) -> Result<Option<(String, std::path::PathBuf)>, CniError> {
    let Some(t) = conf.ipam_type.as_deref() else {
        return Ok(None);
    };
    let exe = ipam::find(t, &inv.path).ok_or_else(|| ipam::not_found(t, &inv.path))?;
    Ok(Some((t.to_owned(), exe)))
}

fn log(msg: impl std::fmt::Display) {
    eprintln!("vethctl (CNI): {msg}");
}

/// The pod's addresses from the IPAM result: at most one per family, as single addresses
/// whatever prefix IPAM gave.
fn pod_addresses(r: &CniResult) -> Result<(Option<Ipv6Addr>, Option<Ipv4Addr>), CniError> {
    let (mut ip6, mut ip4) = (None, None);
    for (ip, _len) in r.addresses("the IPAM result")? {
        let bad = |flag: &str, why: String| {
            CniError::new(
                INVALID_CONFIG,
                format!("the IPAM result's {flag} address: {why}"),
            )
        };
        match ip {
            IpAddr::V6(a) => {
                config::parse_ip6(&a.to_string()).map_err(|w| bad("IPv6", w))?;
                if ip6.replace(a).is_some() {
                    return Err(bad(
                        "IPv6",
                        "more than one; vethctl wires one per family".into(),
                    ));
                }
            }
            IpAddr::V4(a) => {
                config::parse_ip4(&a.to_string()).map_err(|w| bad("IPv4", w))?;
                if ip4.replace(a).is_some() {
                    return Err(bad(
                        "IPv4",
                        "more than one; vethctl wires one per family".into(),
                    ));
                }
            }
        }
    }
    if ip6.is_none() && ip4.is_none() {
        return Err(CniError::new(
            INVALID_CONFIG,
            "the IPAM result has no address",
        ));
    }
    Ok((ip6, ip4))
}

fn add(inv: &Invocation, conf: &NetConf, stdin: &[u8]) -> Result<Value, CniError> {
    let (id, host) = attachment(inv, conf)?;
    // Everything that can be checked before IPAM hands out a lease.
    Spec::new(&id, Some(&host), &inv.ifname, None, None, conf.mtu, false)?;
    let netns = open_netns(inv)?;
    let mut pod_sock = netns.socket()?;
    if links::find(&mut pod_sock, &inv.ifname)?.exists {
        return Err(CniError::new(
            INTERNAL,
            format!(
                "an interface {} already exists in {}; leaving it alone",
                inv.ifname,
                netns.path().display()
            ),
        ));
    }
    // A pod's first attachment carries its default routes; a later one (another
    // CNI_IFNAME or network) leaves them alone.
    let default_routes = !links::has_default_route(&mut pod_sock)?;
    let mut host_sock = NlSocket::open()?;
    let host_existed = links::find(&mut host_sock, &host)?.exists;
    let prev = match &conf.prev_result {
        Some(p) => Some(CniResult::from_object(p, "prevResult")?),
        None => None,
    };
    let (ipam_type, exe) =
        ipam_exe(conf, inv)?.ok_or_else(|| CniError::config("ipam", "is missing"))?;
    let out = ipam::run(&ipam_type, &exe, "ADD", stdin)?;
    let mut spec = None;
    let wired = wire(
        inv,
        conf,
        (&id, &host, default_routes),
        &netns,
        &out,
        &mut spec,
        &mut host_sock,
        &mut pod_sock,
    );
    match wired {
        Ok(ours) => Ok(match prev {
            Some(mut p) => {
                p.append(ours);
                p.to_json(&inv.version)
            }
            None => ours.to_json(&inv.version),
        }),
        Err(e) => {
            // Nothing leaks: remove what this ADD created and release the lease.
            // A host veth that existed before this ADD is not proven ours: left alone.
            let spec = spec
                .map(Ok)
                .unwrap_or_else(|| removal_spec(&id, &host, inv));
            if let (false, Ok(spec)) = (host_existed, spec) {
                if let Err(t) = wiring::teardown(&spec, inv.netns.as_deref()) {
                    log(format!("rolling back {host}: {}", crate::cli::chain(&t)));
                }
            }
            if let Err(d) = ipam::run(&ipam_type, &exe, "DEL", stdin) {
                log(format!("releasing the lease: {d}"));
            }
            Err(e)
        }
    }
}

/// Wire what IPAM handed out (`out`) and build our result. `spec` is set as soon as it is
/// known, for the rollback.
#[allow(clippy::too_many_arguments)]
fn wire(
    inv: &Invocation,
    conf: &NetConf,
    (id, host, default_routes): (&str, &str, bool),
    netns: &Netns,
    out: &[u8],
    spec: &mut Option<Spec>,
    host_sock: &mut NlSocket,
    pod_sock: &mut NlSocket,
) -> Result<CniResult, CniError> {
    let ipam_result = CniResult::from_bytes(out, "the IPAM result")?;
    let (ip6, ip4) = pod_addresses(&ipam_result)?;
    if ip6.is_some() && conf.mtu < config::IPV6_MIN_MTU {
        return Err(CniError::config(
            "mtu",
            format!(
                "{} is below {}, the IPv6 minimum, and IPAM gave an IPv6 address",
                conf.mtu,
                config::IPV6_MIN_MTU
            ),
        ));
    }
    let mut s = Spec::new(id, Some(host), &inv.ifname, ip6, ip4, conf.mtu, true)?;
    s.default_routes = default_routes;
    *spec = Some(s.clone());
    // The test-only abort hook stops setup mid-way, to prove the rollback.
    wiring::setup_with_abort_hook(&s, netns, wiring::Exec::abort_after_from_env())?;
    let host_mac = links::find(host_sock, host)?.mac;
    let pod_mac = links::find(pod_sock, &inv.ifname)?.mac;
    let sandbox = netns.path().display().to_string();
    let mut r = CniResult::default();
    r.interfaces
        .push(result::interface(host, host_mac.as_deref(), None));
    r.interfaces.push(result::interface(
        &inv.ifname,
        pod_mac.as_deref(),
        Some(&sandbox),
    ));
    if let Some(a) = ip4 {
        r.ips.push(result::ip_entry(a.into(), V4_GATEWAY.into(), 1));
        if default_routes {
            r.routes.push(result::default_route(V4_GATEWAY.into()));
        }
    }
    if let Some(a) = ip6 {
        r.ips.push(result::ip_entry(a.into(), V6_GATEWAY.into(), 1));
        if default_routes {
            r.routes.push(result::default_route(V6_GATEWAY.into()));
        }
    }
    r.dns = ipam_result.dns;
    Ok(r)
}

/// What teardown needs of an attachment: its identity, host veth and pod interface. No
/// addresses: the kernel removes the host routes through the veth with it.
fn removal_spec(id: &str, host: &str, inv: &Invocation) -> crate::error::Result<Spec> {
    Spec::new(id, Some(host), &inv.ifname, None, None, DEFAULT_MTU, false)
}

fn del(inv: &Invocation, conf: &NetConf, stdin: &[u8]) -> Result<(), CniError> {
    let (id, host) = attachment(inv, conf)?;
    let spec = removal_spec(&id, &host, inv)?;
    // The pod's namespace proves an untagged veth ours (what a crashed ADD leaves); a
    // namespace that is already gone cannot, and is not needed for a tagged one.
    let netns = inv.netns.as_deref().filter(|p| p.exists());
    let report = wiring::teardown(&spec, netns)?;
    for r in &report.removed {
        log(format!("DEL {id}: removed {r}"));
    }
    if let Some((t, exe)) = ipam_exe(conf, inv)? {
        ipam::run(&t, &exe, "DEL", stdin)?;
    }
    Ok(())
}

/// The pod's addresses in `prevResult`: the `ips` of our pod interface.
fn prev_addresses(
    prev: &CniResult,
    host: &str,
    ifname: &str,
    sandbox: &Path,
) -> Result<(Option<Ipv6Addr>, Option<Ipv4Addr>), CniError> {
    let name_is = |i: &serde_json::Map<String, Value>, n: &str| {
        i.get("name").and_then(Value::as_str) == Some(n)
    };
    let sandbox_of = |i: &serde_json::Map<String, Value>| {
        i.get("sandbox")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let missing = |what: String| CniError::new(INTERNAL, format!("CHECK: prevResult {what}"));
    if !prev
        .interfaces
        .iter()
        .any(|i| name_is(i, host) && sandbox_of(i).is_empty())
    {
        return Err(missing(format!("lists no host interface {host}")));
    }
    let want = sandbox.display().to_string();
    let pod = prev
        .interfaces
        .iter()
        .position(|i| name_is(i, ifname) && sandbox_of(i) == want)
        .ok_or_else(|| missing(format!("lists no interface {ifname} in sandbox {want}")))?;
    let only = CniResult {
        ips: prev
            .ips
            .iter()
            .filter(|ip| ip.get("interface").and_then(Value::as_u64) == Some(pod as u64))
            .cloned()
            .collect(),
        ..Default::default()
    };
    pod_addresses(&only).map_err(|e| missing(format!("addresses: {}", e.msg)))
}

fn check(inv: &Invocation, conf: &NetConf, stdin: &[u8]) -> Result<(), CniError> {
    let (id, host) = attachment(inv, conf)?;
    let prev = conf
        .prev_result
        .as_ref()
        .ok_or_else(|| CniError::config("prevResult", "is missing; CHECK needs it"))?;
    let prev = CniResult::from_object(prev, "prevResult")?;
    let netns = open_netns(inv)?;
    let (ip6, ip4) = prev_addresses(&prev, &host, &inv.ifname, netns.path())?;
    let mut spec = Spec::new(&id, Some(&host), &inv.ifname, ip6, ip4, conf.mtu, true)?;
    // ADD listed the default routes exactly when the attachment carries them.
    spec.default_routes = prev.routes.iter().any(|r| {
        let gw = r.get("gw").and_then(Value::as_str);
        gw == Some("169.254.1.1") || gw == Some("fe80::1")
    });
    let report = wiring::check(&spec, &netns)?;
    if !report.drift.is_empty() {
        return Err(CniError::new(
            INTERNAL,
            format!(
                "CHECK: {} difference(s) from the desired state: {}",
                report.drift.len(),
                report.drift.join("; ")
            ),
        )
        .with_details(report.drift.join("\n")));
    }
    if let Some((t, exe)) = ipam_exe(conf, inv)? {
        ipam::run(&t, &exe, "CHECK", stdin)?;
    }
    Ok(())
}

fn status(inv: &Invocation, conf: &NetConf, stdin: &[u8]) -> Result<(), CniError> {
    NlSocket::open().map_err(|e| {
        CniError::new(
            NOT_AVAILABLE,
            format!("no netlink socket: {}", crate::cli::chain(&e)),
        )
    })?;
    if let Some(t) = conf.ipam_type.as_deref() {
        let exe = ipam::find(t, &inv.path).ok_or_else(|| {
            let mut e = ipam::not_found(t, &inv.path);
            e.code = NOT_AVAILABLE;
            e
        })?;
        ipam::run(t, &exe, "STATUS", stdin)?;
    }
    Ok(())
}

fn gc(inv: &Invocation, conf: &NetConf, stdin: &[u8]) -> Result<(), CniError> {
    let valid: HashSet<String> = conf
        .valid_attachments
        .iter()
        .map(|a| identity(&conf.name, &a.container_id, &a.ifname))
        .collect();
    let report = crate::gc::remove_tagged(|tag| {
        attach::identity_of_tag(tag)
            .filter(|id| parse_identity(id).is_some_and(|p| p.network == conf.name))
            .is_some_and(|id| !valid.contains(id))
    })?;
    log(format!(
        "GC of network {}: removed {} attachment(s) in one deletion",
        conf.name,
        report.removed.len()
    ));
    if let Some((t, exe)) = ipam_exe(conf, inv)? {
        ipam::run(&t, &exe, "GC", stdin)?;
    }
    Ok(())
}
