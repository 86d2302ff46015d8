//! CNI results: reading an IPAM plugin's (or a `prevResult`), and writing ours in the
//! requested version's format. Entries are kept as JSON objects so that what another
//! plugin wrote passes through unchanged; only `ips[].version` differs between versions
//! (0.3.x and 0.4.0 have it, 1.0.0 and later do not).

use std::net::IpAddr;

use serde_json::{json, Map, Value};

use super::error::{CniError, DECODE_FAILURE};

/// A result, in any supported version.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CniResult {
    /// `interfaces`.
    pub interfaces: Vec<Map<String, Value>>,
    /// `ips`.
    pub ips: Vec<Map<String, Value>>,
    /// `routes`.
    pub routes: Vec<Map<String, Value>>,
    /// `dns` (an object; `None` when absent).
    pub dns: Option<Value>,
}

fn list(
    obj: &Map<String, Value>,
    key: &str,
    whose: &str,
) -> Result<Vec<Map<String, Value>>, CniError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| {
                i.as_object().cloned().ok_or_else(|| {
                    CniError::new(
                        DECODE_FAILURE,
                        format!("{whose}: an entry of {key:?} is not an object"),
                    )
                })
            })
            .collect(),
        Some(_) => Err(CniError::new(
            DECODE_FAILURE,
            format!("{whose}: {key:?} is not a list"),
        )),
    }
}

impl CniResult {
    /// Read a result object; `whose` names it in errors ("the IPAM result").
    pub fn from_object(obj: &Map<String, Value>, whose: &str) -> Result<CniResult, CniError> {
        Ok(CniResult {
            interfaces: list(obj, "interfaces", whose)?,
            ips: list(obj, "ips", whose)?,
            routes: list(obj, "routes", whose)?,
            dns: obj.get("dns").filter(|d| !d.is_null()).cloned(),
        })
    }

    /// Read a result from bytes (an IPAM plugin's stdout).
    pub fn from_bytes(bytes: &[u8], whose: &str) -> Result<CniResult, CniError> {
        let v: Value = serde_json::from_slice(bytes)
            .map_err(|e| CniError::new(DECODE_FAILURE, format!("{whose} is not JSON: {e}")))?;
        let obj = v.as_object().ok_or_else(|| {
            CniError::new(DECODE_FAILURE, format!("{whose} is not a JSON object"))
        })?;
        CniResult::from_object(obj, whose)
    }

    /// The addresses of `ips`, with their prefix lengths.
    pub fn addresses(&self, whose: &str) -> Result<Vec<(IpAddr, u8)>, CniError> {
        self.ips
            .iter()
            .map(|ip| {
                let a = ip.get("address").and_then(Value::as_str).ok_or_else(|| {
                    CniError::new(
                        DECODE_FAILURE,
                        format!("{whose}: an entry of \"ips\" has no address"),
                    )
                })?;
                parse_cidr(a)
                    .map_err(|why| CniError::new(DECODE_FAILURE, format!("{whose}: {why}")))
            })
            .collect()
    }

    /// Append `other`, its `ips[].interface` indexes moved past our interfaces.
    pub fn append(&mut self, mut other: CniResult) {
        let shift = self.interfaces.len() as u64;
        for ip in &mut other.ips {
            if let Some(i) = ip.get("interface").and_then(Value::as_u64) {
                ip.insert("interface".into(), json!(i + shift));
            }
        }
        self.interfaces.append(&mut other.interfaces);
        self.ips.append(&mut other.ips);
        self.routes.append(&mut other.routes);
        if other.dns.is_some() {
            self.dns = other.dns;
        }
    }

    /// The result JSON in CNI version `version`.
    pub fn to_json(&self, version: &str) -> Value {
        let with_version = version.starts_with("0.");
        let ips: Vec<Value> = self
            .ips
            .iter()
            .map(|ip| {
                let mut ip = ip.clone();
                if with_version {
                    let family = ip
                        .get("address")
                        .and_then(Value::as_str)
                        .and_then(|a| parse_cidr(a).ok())
                        .map(|(a, _)| if a.is_ipv4() { "4" } else { "6" });
                    if let Some(f) = family {
                        ip.insert("version".into(), json!(f));
                    }
                } else {
                    ip.remove("version");
                }
                Value::Object(ip)
            })
            .collect();
        let mut out = Map::new();
        out.insert("cniVersion".into(), json!(version));
        out.insert("interfaces".into(), json!(self.interfaces));
        out.insert("ips".into(), Value::Array(ips));
        out.insert("routes".into(), json!(self.routes));
        out.insert("dns".into(), self.dns.clone().unwrap_or_else(|| json!({})));
        Value::Object(out)
    }
}

/// `ADDR/LEN`.
pub fn parse_cidr(s: &str) -> Result<(IpAddr, u8), String> {
    let (a, l) = s
        .split_once('/')
        .ok_or_else(|| format!("{s:?} is not ADDRESS/PREFIX"))?;
    let ip: IpAddr = a
        .parse()
        .map_err(|_| format!("{s:?}: {a:?} is not an IP address"))?;
    let len: u8 = l
        .parse()
        .map_err(|_| format!("{s:?}: {l:?} is not a prefix length"))?;
    let max = if ip.is_ipv4() { 32 } else { 128 };
    if len > max {
        return Err(format!("{s:?}: prefix /{len} is longer than /{max}"));
    }
    Ok((ip, len))
}

/// An `interfaces` entry.
pub fn interface(name: &str, mac: Option<&str>, sandbox: Option<&str>) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("name".into(), json!(name));
    if let Some(mac) = mac {
        m.insert("mac".into(), json!(mac));
    }
    if let Some(s) = sandbox {
        m.insert("sandbox".into(), json!(s));
    }
    m
}

/// An `ips` entry: `ip` as a single address (`/32`, `/128`) on interface `index`.
pub fn ip_entry(ip: IpAddr, gateway: IpAddr, index: usize) -> Map<String, Value> {
    let full = if ip.is_ipv4() { 32 } else { 128 };
    let mut m = Map::new();
    m.insert("address".into(), json!(format!("{ip}/{full}")));
    m.insert("gateway".into(), json!(gateway.to_string()));
    m.insert("interface".into(), json!(index));
    m
}

/// A default route via `gw`.
pub fn default_route(gw: IpAddr) -> Map<String, Value> {
    let dst = if gw.is_ipv4() { "0.0.0.0/0" } else { "::/0" };
    let mut m = Map::new();
    m.insert("dst".into(), json!(dst));
    m.insert("gw".into(), json!(gw.to_string()));
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_differ_in_ips_version() {
        let mut r = CniResult::default();
        r.interfaces.push(interface("veth1", None, None));
        r.interfaces.push(interface(
            "eth0",
            Some("aa:bb:cc:dd:ee:ff"),
            Some("/run/netns/x"),
        ));
        r.ips.push(ip_entry(
            "10.1.0.5".parse().unwrap(),
            "169.254.1.1".parse().unwrap(),
            1,
        ));
        r.ips.push(ip_entry(
            "fd00::5".parse().unwrap(),
            "fe80::1".parse().unwrap(),
            1,
        ));
        let old = r.to_json("0.3.1");
        assert_eq!(old["ips"][0]["version"], "4");
        assert_eq!(old["ips"][1]["version"], "6");
        assert_eq!(old["ips"][1]["address"], "fd00::5/128");
        let new = r.to_json("1.1.0");
        assert!(new["ips"][0].get("version").is_none());
        assert_eq!(new["ips"][0]["interface"], 1);
        assert_eq!(new["cniVersion"], "1.1.0");
        assert!(new["interfaces"][0].get("sandbox").is_none());
        // Read back.
        let back = CniResult::from_object(old.as_object().unwrap(), "x").unwrap();
        assert_eq!(back.addresses("x").unwrap()[0].1, 32);
    }

    #[test]
    fn append_moves_interface_indexes() {
        let mut prev = CniResult::default();
        prev.interfaces.push(interface("a", None, None));
        let mut ours = CniResult::default();
        ours.interfaces.push(interface("b", None, None));
        ours.interfaces.push(interface("c", None, Some("/x")));
        ours.ips.push(ip_entry(
            "10.0.0.1".parse().unwrap(),
            "169.254.1.1".parse().unwrap(),
            1,
        ));
        prev.append(ours);
        assert_eq!(prev.ips[0]["interface"], 2);
        assert_eq!(prev.interfaces.len(), 3);
    }

    #[test]
    fn cidrs() {
        assert_eq!(parse_cidr("10.1.2.3/24").unwrap().1, 24);
        for bad in ["10.1.2.3", "10.1.2.3/33", "x/1", "fd00::1/129", "::/x"] {
            assert!(parse_cidr(bad).is_err(), "{bad}");
        }
    }
}
