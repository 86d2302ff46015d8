//! The decode work of the typed representations: every message of a dump parsed into its
//! repr (`LinkRepr`, `AddrRepr`, `RouteRepr`), which types every modelled attribute,
//! nests included, then a few typed fields read into a checksum so the optimiser keeps
//! the parse.

use netlink_codec::error::DecodeError;
use netlink_codec::header::{Messages, RTM_NEWADDR, RTM_NEWLINK, RTM_NEWROUTE};
use netlink_codec::repr::{AddrRepr, LinkRepr, RouteRepr};

fn ip_len(ip: Option<core::net::IpAddr>) -> u64 {
    ip.map_or(0, |ip| if ip.is_ipv4() { 4 } else { 16 })
}

fn link_sum(l: &LinkRepr<'_>) -> u64 {
    let a = &l.attrs;
    let info = a
        .linkinfo
        .as_ref()
        .map_or(0, |i| i.kind.map_or(0, str::len));
    let spec = a.af_spec.as_ref().map_or(0, |s| {
        let v4 = s
            .inet
            .as_ref()
            .and_then(|i| i.conf)
            .and_then(|c| c.forwarding());
        let v6 = s.inet6.as_ref().and_then(|i| i.addr_gen_mode);
        u64::from(v4.unwrap_or(0)) + u64::from(v6.unwrap_or(0))
    });
    l.index as u64
        + u64::from(a.mtu.unwrap_or(0))
        + a.ifname.map_or(0, str::len) as u64
        + a.address.map_or(0, <[u8]>::len) as u64
        + info as u64
        + spec
}

fn addr_sum(r: &AddrRepr<'_>) -> u64 {
    let a = &r.attrs;
    u64::from(r.prefix_len)
        + ip_len(a.local)
        + ip_len(a.address)
        + a.label.map_or(0, str::len) as u64
        + a.cacheinfo.map_or(0, |c| u64::from(c.ifa_valid.get()))
        + a.flags.map_or(0, |f| u64::from(f.bits()))
}

fn route_sum(r: &RouteRepr<'_>) -> u64 {
    let a = &r.attrs;
    u64::from(r.table)
        + ip_len(a.dst)
        + ip_len(a.gateway)
        + u64::from(a.oif.unwrap_or(0))
        + u64::from(a.priority.unwrap_or(0))
        + u64::from(a.table.unwrap_or(0))
        + a.metrics
            .as_ref()
            .map_or(0, |m| u64::from(m.mtu.unwrap_or(0)))
        + u64::from(a.pref.unwrap_or(0))
}

/// Parse every message of a dump into its repr; returns a checksum and the number of
/// messages parsed.
pub(crate) fn repr_parse_dump(buf: &[u8]) -> Result<(u64, usize), DecodeError> {
    let (mut sum, mut n) = (0u64, 0usize);
    for m in Messages::new(buf) {
        let m = m?;
        sum = sum.wrapping_add(match m.msg_type() {
            RTM_NEWLINK => link_sum(&LinkRepr::parse(&m)?),
            RTM_NEWADDR => addr_sum(&AddrRepr::parse(&m)?),
            RTM_NEWROUTE => route_sum(&RouteRepr::parse(&m)?),
            _ => continue,
        });
        n += 1;
    }
    Ok((sum, n))
}
