//! Input: validation of every flag (before any change), and the host interface name
//! derived from the container id.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use netlink_codec::link::{ETH_MAX_MTU, ETH_MIN_MTU, IFNAMSIZ};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// `IFNAMSIZ - 1`: the longest interface name the kernel takes, in bytes.
pub const IFNAME_MAX: usize = IFNAMSIZ - 1;
/// The smallest MTU the kernel accepts for IPv4 (`ETH_MIN_MTU`).
pub const MTU_MIN: u32 = ETH_MIN_MTU;
/// The largest MTU of a veth (`ETH_MAX_MTU`).
pub const MTU_MAX: u32 = ETH_MAX_MTU;
pub use netlink_codec::link::IPV6_MIN_MTU;
/// The default MTU.
pub const DEFAULT_MTU: u32 = 1500;
/// The default pod interface name.
pub const DEFAULT_IFNAME: &str = "eth0";
/// Prefix of derived host interface names.
pub const HOST_IFACE_PREFIX: &str = "veth";
/// Hex digits of the container id's SHA-256 in a derived name: 4 + 11 = 15 bytes.
pub const HOST_IFACE_HEX: usize = 11;

/// The host interface name for a container: `veth` followed by the first 11 hex digits
/// of the SHA-256 of the container id (15 bytes, the most an interface name can have;
/// Calico's `cali` names are built the same way). Deterministic, so setup, check and
/// teardown find the same link without any state file; 44 bits of hash make collisions
/// between the pods of one node very unlikely.
pub fn host_iface_name(container_id: &str) -> String {
    let digest = Sha256::digest(container_id.as_bytes());
    let mut name = String::with_capacity(IFNAME_MAX);
    name.push_str(HOST_IFACE_PREFIX);
    for b in digest.iter() {
        for nibble in [b >> 4, b & 0xf] {
            if name.len() < HOST_IFACE_PREFIX.len() + HOST_IFACE_HEX {
                name.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
            }
        }
    }
    name
}

/// Names the kernel keeps for itself: `net.ipv4.conf.all` / `.default` (and IPv6's) are
/// the sysctl directories of every device, so a link by either name cannot be
/// registered (`EINVAL`).
const RESERVED_IFNAMES: [&str; 2] = ["all", "default"];

/// Check an interface name as the kernel's `dev_valid_name` does: 1 to 15 bytes, not
/// `.` or `..`, no `/`, `:` or whitespace; plus not `all` or `default`, which the kernel
/// refuses when it registers the device's sysctls, and no `%`, which the kernel would
/// expand as a name template (`eth%d`).
pub fn check_ifname(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("is empty".into());
    }
    if name.len() > IFNAME_MAX {
        return Err(format!(
            "{name:?} is {} bytes; interface names have at most {IFNAME_MAX}",
            name.len()
        ));
    }
    if name == "." || name == ".." {
        return Err(format!("{name:?} is not a valid interface name"));
    }
    if RESERVED_IFNAMES.contains(&name) {
        return Err(format!(
            "{name:?} is reserved by the kernel (net.ipv4.conf.{name} and \
             net.ipv6.conf.{name} name every device's settings)"
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| *c == '/' || *c == ':' || *c == '%' || c.is_whitespace() || c.is_control())
    {
        let why = if c.is_whitespace() {
            "whitespace".to_owned()
        } else if c.is_control() {
            "a control character".to_owned()
        } else {
            format!("'{c}'")
        };
        return Err(format!("{name:?} contains {why}"));
    }
    Ok(())
}

/// A container id: anything but empty (or only whitespace).
pub fn check_container_id(id: &str) -> Result<(), String> {
    if id.trim().is_empty() {
        return Err("is empty".into());
    }
    Ok(())
}

/// Strip an explicit full-length prefix (`/128`, `/32`); any other prefix is an error.
fn strip_prefix(s: &str, full: u8) -> Result<&str, String> {
    match s.split_once('/') {
        None => Ok(s),
        Some((a, p)) if p == full.to_string() => Ok(a),
        Some((_, p)) => Err(format!(
            "{s:?} has prefix /{p}; the pod gets a single address (/{full}), give it plainly"
        )),
    }
}

/// The pod's IPv6 address: a unicast address (not multicast, unspecified, loopback or
/// link-local, which `fe80::1` the gateway lives in).
pub fn parse_ip6(s: &str) -> Result<Ipv6Addr, String> {
    if s.is_empty() {
        return Err("is empty".into());
    }
    let a = strip_prefix(s, 128)?;
    let ip: IpAddr = a
        .parse()
        .map_err(|_| format!("{s:?} is not an IPv6 address"))?;
    let ip = match ip {
        IpAddr::V6(v6) => v6,
        IpAddr::V4(_) => return Err(format!("{s} is an IPv4 address; --ip6 takes IPv6")),
    };
    if ip.is_multicast() {
        return Err(format!("{ip} is a multicast address"));
    }
    if ip.is_unspecified() {
        return Err(format!("{ip} is the unspecified address"));
    }
    if ip.is_loopback() {
        return Err(format!("{ip} is the loopback address"));
    }
    if ip.segments()[0] & 0xffc0 == 0xfe80 {
        return Err(format!(
            "{ip} is link-local; the pod's link-local side is the gateway fe80::1"
        ));
    }
    if ip.to_ipv4_mapped().is_some() {
        return Err(format!("{ip} is an IPv4-mapped address; use --ip4"));
    }
    Ok(ip)
}

/// The pod's IPv4 address: unicast (not multicast, unspecified, broadcast, loopback or
/// link-local, which the gateway 169.254.1.1 lives in).
pub fn parse_ip4(s: &str) -> Result<Ipv4Addr, String> {
    if s.is_empty() {
        return Err("is empty".into());
    }
    let a = strip_prefix(s, 32)?;
    let ip: IpAddr = a
        .parse()
        .map_err(|_| format!("{s:?} is not an IPv4 address"))?;
    let ip = match ip {
        IpAddr::V4(v4) => v4,
        IpAddr::V6(_) => return Err(format!("{s} is an IPv6 address; --ip4 takes IPv4")),
    };
    if ip.is_multicast() {
        return Err(format!("{ip} is a multicast address"));
    }
    if ip.is_unspecified() {
        return Err(format!("{ip} is the unspecified address"));
    }
    if ip.is_broadcast() {
        return Err(format!("{ip} is the broadcast address"));
    }
    if ip.is_loopback() {
        return Err(format!("{ip} is a loopback address"));
    }
    if ip.is_link_local() {
        return Err(format!(
            "{ip} is link-local; 169.254.0.0/16 holds the pod's gateway 169.254.1.1"
        ));
    }
    Ok(ip)
}

/// An MTU between 68 and 65535.
pub fn parse_mtu(s: &str) -> Result<u32, String> {
    let n: i128 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number"))?;
    if n < i128::from(MTU_MIN) || n > i128::from(MTU_MAX) {
        return Err(format!(
            "{n} is out of range; a veth takes {MTU_MIN}..={MTU_MAX}"
        ));
    }
    u32::try_from(n).map_err(|_| format!("{n} is out of range"))
}

/// What a pod's wiring is made of, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// The container id.
    pub container_id: String,
    /// The host side's name.
    pub host_iface: String,
    /// The pod side's name.
    pub ifname: String,
    /// The pod's IPv6 address (/128).
    pub ip6: Option<Ipv6Addr>,
    /// The pod's IPv4 address (/32).
    pub ip4: Option<Ipv4Addr>,
    /// The MTU of both sides.
    pub mtu: u32,
    /// Whether the pod's default routes go through this interface (`Spec::new`: yes).
    /// A pod's second CNI attachment leaves the first's defaults alone.
    pub default_routes: bool,
}

impl Spec {
    /// Validate a full set of inputs. `host_iface` `None` derives it from the container
    /// id. `need_ip`: setup, check and plan need at least one address.
    pub fn new(
        container_id: &str,
        host_iface: Option<&str>,
        ifname: &str,
        ip6: Option<Ipv6Addr>,
        ip4: Option<Ipv4Addr>,
        mtu: u32,
        need_ip: bool,
    ) -> Result<Spec> {
        check_container_id(container_id).map_err(|r| Error::invalid("--container-id", r))?;
        let host_iface = match host_iface {
            Some(h) => {
                check_ifname(h).map_err(|r| Error::invalid("--host-iface", r))?;
                h.to_owned()
            }
            None => host_iface_name(container_id),
        };
        check_ifname(ifname).map_err(|r| Error::invalid("--ifname", r))?;
        if let Some(ip) = ip6 {
            parse_ip6(&ip.to_string()).map_err(|r| Error::invalid("--ip6", r))?;
        }
        if let Some(ip) = ip4 {
            parse_ip4(&ip.to_string()).map_err(|r| Error::invalid("--ip4", r))?;
        }
        if !(MTU_MIN..=MTU_MAX).contains(&mtu) {
            return Err(Error::invalid(
                "--mtu",
                format!("{mtu} is out of range; a veth takes {MTU_MIN}..={MTU_MAX}"),
            ));
        }
        if ip6.is_some() && mtu < IPV6_MIN_MTU {
            return Err(Error::invalid(
                "--mtu",
                format!("{mtu} is below {IPV6_MIN_MTU}, the IPv6 minimum, and --ip6 is given"),
            ));
        }
        if need_ip && ip6.is_none() && ip4.is_none() {
            return Err(Error::invalid(
                "--ip6/--ip4",
                "give at least one of --ip6 and --ip4",
            ));
        }
        Ok(Spec {
            container_id: container_id.to_owned(),
            host_iface,
            ifname: ifname.to_owned(),
            ip6,
            ip4,
            mtu,
            default_routes: true,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_names() {
        let a = host_iface_name("3f9c2a7e5b1d");
        assert_eq!(a.len(), 15);
        assert!(a.starts_with("veth"));
        assert!(a[4..]
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_eq!(a, host_iface_name("3f9c2a7e5b1d"));
        assert_ne!(a, host_iface_name("3f9c2a7e5b1e"));
        // SHA-256("abc") = ba7816bf8f01cfea...
        assert_eq!(host_iface_name("abc"), "vethba7816bf8f0");
        check_ifname(&a).unwrap();
    }

    #[test]
    fn interface_names() {
        for ok in [
            "eth0",
            "a",
            "pod-iface-15byt",
            "veth.1",
            "x_y",
            "All",
            "defaults",
        ] {
            check_ifname(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
        }
        for (bad, why) in [
            ("", "empty"),
            ("sixteen-bytes-xx", "16 bytes"),
            ("ééééééé-x", "16 bytes"),
            ("a/b", "'/'"),
            ("a b", "whitespace"),
            (" ", "whitespace"),
            ("a\tb", "whitespace"),
            ("a\nb", "whitespace"),
            (".", "not a valid"),
            ("..", "not a valid"),
            ("all", "reserved"),
            ("default", "reserved"),
            ("a:b", "':'"),
            ("eth%d", "'%'"),
        ] {
            let e = check_ifname(bad).unwrap_err();
            assert!(e.contains(why), "{bad:?}: {e}");
        }
    }

    #[test]
    fn addresses() {
        assert_eq!(
            parse_ip6("fd00::5").unwrap(),
            "fd00::5".parse::<Ipv6Addr>().unwrap()
        );
        assert_eq!(
            parse_ip6("fd00::5/128").unwrap(),
            "fd00::5".parse::<Ipv6Addr>().unwrap()
        );
        assert_eq!(parse_ip4("10.1.2.3").unwrap(), Ipv4Addr::new(10, 1, 2, 3));
        assert_eq!(
            parse_ip4("10.1.2.3/32").unwrap(),
            Ipv4Addr::new(10, 1, 2, 3)
        );
        for (bad, why) in [
            ("10.1.2.3", "IPv4 address"),
            ("ff02::1", "multicast"),
            ("ff05::2", "multicast"),
            ("::", "unspecified"),
            ("::1", "loopback"),
            ("fe80::5", "link-local"),
            ("fd00::1/64", "/64"),
            ("not-an-address", "not an IPv6"),
            ("", "empty"),
            ("::ffff:10.1.2.3", "IPv4-mapped"),
        ] {
            let e = parse_ip6(bad).unwrap_err();
            assert!(e.contains(why), "{bad:?}: {e}");
        }
        for (bad, why) in [
            ("fd00::1", "IPv6 address"),
            ("224.0.0.1", "multicast"),
            ("239.1.2.3", "multicast"),
            ("0.0.0.0", "unspecified"),
            ("255.255.255.255", "broadcast"),
            ("127.0.0.2", "loopback"),
            ("169.254.1.1", "link-local"),
            ("10.1.2.3/24", "/24"),
            ("10.1.2", "not an IPv4"),
            ("", "empty"),
        ] {
            let e = parse_ip4(bad).unwrap_err();
            assert!(e.contains(why), "{bad:?}: {e}");
        }
    }

    #[test]
    fn mtus() {
        assert_eq!(parse_mtu("1500"), Ok(1500));
        assert_eq!(parse_mtu("68"), Ok(68));
        assert_eq!(parse_mtu("65535"), Ok(65535));
        for bad in ["0", "67", "65536", "4294967296", "-1", "abc", ""] {
            assert!(parse_mtu(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn spec_validates_everything() {
        let ip6 = Some("fd00::5".parse().unwrap());
        let s = Spec::new("c1", None, "eth0", ip6, None, 1500, true).unwrap();
        assert_eq!(s.host_iface, host_iface_name("c1"));
        let e = Spec::new("", None, "eth0", ip6, None, 1500, true).unwrap_err();
        assert!(e.to_string().starts_with("--container-id"), "{e}");
        let e = Spec::new("c1", Some("a/b"), "eth0", ip6, None, 1500, true).unwrap_err();
        assert!(e.to_string().starts_with("--host-iface"), "{e}");
        let e = Spec::new("c1", None, "", ip6, None, 1500, true).unwrap_err();
        assert!(e.to_string().starts_with("--ifname"), "{e}");
        let e = Spec::new("c1", None, "eth0", None, None, 1500, true).unwrap_err();
        assert!(e.to_string().contains("--ip6"), "{e}");
        Spec::new("c1", None, "eth0", None, None, 1500, false).unwrap();
        let e = Spec::new("c1", None, "eth0", ip6, None, 1000, true).unwrap_err();
        assert!(e.to_string().contains("1280"), "{e}");
        Spec::new(
            "c1",
            None,
            "eth0",
            None,
            Some(Ipv4Addr::new(10, 0, 0, 1)),
            1000,
            true,
        )
        .unwrap();
        let e = Spec::new("c1", None, "eth0", ip6, None, 67, true).unwrap_err();
        assert_eq!(e.exit_code(), 2);
    }
}
