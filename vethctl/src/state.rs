//! The live state, read from the kernel's replies with the codec's checked views: links,
//! addresses, routes and namespace ids, reduced to what the wiring compares.

use std::net::IpAddr;

use netlink_codec::addr::{IfAddrMsg, IfaFlags, IFA_ADDRESS, IFA_FLAGS, IFA_LOCAL};
use netlink_codec::attr::{Attr, Attrs};
use netlink_codec::header::{NlMsg, RTM_NEWADDR, RTM_NEWLINK, RTM_NEWNSID, RTM_NEWROUTE};
use netlink_codec::link::{
    IfInfoMsg, Iff, DEVCONF_DISABLE_IPV6, DEVCONF_FORCE_FORWARDING, IFLA_AF_SPEC, IFLA_IFALIAS,
    IFLA_IFNAME, IFLA_INET6_ADDR_GEN_MODE, IFLA_INET6_CONF, IFLA_INET_CONF, IFLA_INFO_KIND,
    IFLA_LINK, IFLA_LINKINFO, IFLA_LINK_NETNSID, IFLA_MTU, IPV4_DEVCONF_FORWARDING,
    IPV4_DEVCONF_PROXY_ARP,
};
use netlink_codec::nsid::NETNSA_NSID;
use netlink_codec::route::{
    RtMsg, RTA_DST, RTA_GATEWAY, RTA_OIF, RTA_PREFSRC, RTA_PRIORITY, RTA_TABLE,
};
use netlink_codec::DecodeError;

use crate::error::{Error, Result};
use crate::request::Answer;

/// A name or alias as the kernel reported it. Anyone with `CAP_NET_ADMIN` in a
/// namespace (a pod, too) can give its links names and aliases that are not UTF-8: such
/// bytes are foreign data, never a decode failure of the whole reply, shown escaped and
/// equal to no text vethctl wants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// Valid UTF-8.
    Utf8(String),
    /// Bytes that are not UTF-8.
    NotUtf8(Vec<u8>),
}

impl Default for Text {
    fn default() -> Self {
        Text::Utf8(String::new())
    }
}

impl Text {
    /// Read a string attribute (up to its NUL).
    fn of(a: &Attr<'_>) -> Text {
        let b = a.payload();
        let b = &b[..b.iter().position(|&c| c == 0).unwrap_or(b.len())];
        match std::str::from_utf8(b) {
            Ok(s) => Text::Utf8(s.to_owned()),
            Err(_) => Text::NotUtf8(b.to_vec()),
        }
    }

    /// The text, when it is UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Text::Utf8(s) => Some(s),
            Text::NotUtf8(_) => None,
        }
    }

    /// Is it exactly `s`?
    pub fn is(&self, s: &str) -> bool {
        self.as_str() == Some(s)
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, s: &&str) -> bool {
        self.is(s)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::Utf8(s.to_owned())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::Utf8(s)
    }
}

impl std::fmt::Display for Text {
    /// The text, or the bytes with every byte that is not printable ASCII as `\xNN`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Text::Utf8(s) => f.write_str(s),
            Text::NotUtf8(b) => write!(f, "{} (not UTF-8)", b.escape_ascii()),
        }
    }
}

/// A link, as far as the wiring cares.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Link {
    /// `ifi_index`.
    pub index: i32,
    /// `IFLA_IFNAME`.
    pub name: Text,
    /// `ifi_flags`.
    pub flags: Iff,
    /// `IFLA_INFO_KIND` (`"veth"`); `None` for a link without one.
    pub kind: Option<String>,
    /// `IFLA_MTU`.
    pub mtu: Option<u32>,
    /// `IFLA_LINK`: for a veth, the peer's index (in the peer's namespace).
    pub link: Option<u32>,
    /// `IFLA_LINK_NETNSID`: the peer's namespace, when it is not this one.
    pub link_netnsid: Option<i32>,
    /// `IFLA_INET6_ADDR_GEN_MODE`.
    pub addr_gen_mode: Option<u8>,
    /// IPv4 `forwarding` (`IFLA_INET_CONF`).
    pub ipv4_forwarding: Option<u32>,
    /// IPv4 `proxy_arp` (`IFLA_INET_CONF`).
    pub ipv4_proxy_arp: Option<u32>,
    /// IPv6 `forwarding` (`IFLA_INET6_CONF`, `DEVCONF_FORWARDING`).
    pub ipv6_forwarding: Option<i32>,
    /// IPv6 `force_forwarding` (`IFLA_INET6_CONF`, `DEVCONF_FORCE_FORWARDING`, Linux 6.17+).
    /// `None` with [`Link::ipv6_forwarding`] reported: the kernel has no such setting.
    pub ipv6_force_forwarding: Option<i32>,
    /// The link has IPv6 (`IFLA_AF_SPEC` reports `AF_INET6`): not so on a link with an
    /// MTU under 1280, which has no `net.ipv6.conf.<dev>` either.
    pub inet6: bool,
    /// IPv6 `disable_ipv6` (`IFLA_INET6_CONF`, `DEVCONF_DISABLE_IPV6`): such a link takes
    /// no IPv6 address.
    pub ipv6_disabled: Option<bool>,
    /// `IFLA_IFALIAS`.
    pub alias: Option<Text>,
}

/// An address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Addr {
    /// `ifa_index`.
    pub index: u32,
    /// `ifa_prefixlen`.
    pub prefix_len: u8,
    /// `IFA_FLAGS` (or `ifa_flags`).
    pub flags: IfaFlags,
    /// `IFA_LOCAL`, else `IFA_ADDRESS`.
    pub ip: IpAddr,
}

/// A route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// IPv6 (else IPv4).
    pub v6: bool,
    /// `rtm_dst_len`.
    pub dst_len: u8,
    /// `RTA_TABLE`, else `rtm_table`.
    pub table: u32,
    /// `rtm_scope`.
    pub scope: u8,
    /// `rtm_type`.
    pub rtype: u8,
    /// `RTA_DST`.
    pub dst: Option<IpAddr>,
    /// `RTA_GATEWAY`.
    pub gateway: Option<IpAddr>,
    /// `RTA_OIF`.
    pub oif: Option<u32>,
    /// `RTA_PRIORITY` (0 when absent).
    pub priority: u32,
    /// `RTA_PREFSRC`.
    pub prefsrc: Option<IpAddr>,
    /// `rtm_protocol`.
    pub protocol: u8,
}

fn each<'a>(
    attrs: Attrs<'a>,
    mut f: impl FnMut(&Attr<'a>) -> Result<(), DecodeError>,
) -> Result<(), DecodeError> {
    for a in attrs {
        f(&a?)?;
    }
    Ok(())
}

fn array_u32(a: &Attr<'_>, i: usize) -> Option<u32> {
    let b = a.payload().get(i * 4..i * 4 + 4)?;
    Some(u32::from_ne_bytes([b[0], b[1], b[2], b[3]]))
}

impl Link {
    /// Read an `RTM_NEWLINK` message.
    pub fn parse(msg: &NlMsg<'_>) -> Result<Link, DecodeError> {
        let (h, attrs) = msg.split::<IfInfoMsg>()?;
        let mut l = Link {
            index: h.ifi_index.get(),
            flags: h.flags(),
            ..Default::default()
        };
        each(attrs, |a| {
            match a.kind() {
                IFLA_IFNAME => l.name = Text::of(a),
                IFLA_MTU => l.mtu = Some(a.u32()?),
                IFLA_IFALIAS => l.alias = Some(Text::of(a)),
                IFLA_LINK => l.link = Some(a.u32()?),
                IFLA_LINK_NETNSID => l.link_netnsid = Some(a.i32()?),
                IFLA_LINKINFO => {
                    if let Some(k) = a.nested().find(IFLA_INFO_KIND)? {
                        l.kind = Some(k.str()?.to_owned());
                    }
                }
                IFLA_AF_SPEC => each(a.nested(), |af| {
                    match af.kind() {
                        2 => {
                            if let Some(conf) = af.nested().find(IFLA_INET_CONF)? {
                                // A dump carries the array indexed by IPV4_DEVCONF_* - 1.
                                l.ipv4_forwarding =
                                    array_u32(&conf, usize::from(IPV4_DEVCONF_FORWARDING) - 1);
                                l.ipv4_proxy_arp =
                                    array_u32(&conf, usize::from(IPV4_DEVCONF_PROXY_ARP) - 1);
                            }
                        }
                        10 => {
                            l.inet6 = true;
                            each(af.nested(), |x| {
                                match x.kind() {
                                    IFLA_INET6_ADDR_GEN_MODE => l.addr_gen_mode = Some(x.u8()?),
                                    // DEVCONF_FORWARDING is element 0 of the s32 array.
                                    IFLA_INET6_CONF => {
                                        l.ipv6_forwarding = array_u32(x, 0).map(|v| v as i32);
                                        l.ipv6_force_forwarding =
                                            array_u32(x, usize::from(DEVCONF_FORCE_FORWARDING))
                                                .map(|v| v as i32);
                                        l.ipv6_disabled =
                                            array_u32(x, usize::from(DEVCONF_DISABLE_IPV6))
                                                .map(|v| v != 0);
                                    }
                                    _ => {}
                                }
                                Ok(())
                            })?
                        }
                        _ => {}
                    }
                    Ok(())
                })?,
                _ => {}
            }
            Ok(())
        })?;
        Ok(l)
    }

    /// Administratively up.
    pub fn is_up(&self) -> bool {
        self.flags.contains(Iff::UP)
    }
}

impl Addr {
    /// Read an `RTM_NEWADDR` message.
    pub fn parse(msg: &NlMsg<'_>) -> Result<Option<Addr>, DecodeError> {
        let (h, attrs) = msg.split::<IfAddrMsg>()?;
        let mut flags = IfaFlags::from_bits_retain(u32::from(h.ifa_flags));
        let (mut local, mut address) = (None, None);
        each(attrs, |a| {
            match a.kind() {
                IFA_LOCAL => local = Some(a.ip()?),
                IFA_ADDRESS => address = Some(a.ip()?),
                IFA_FLAGS => flags = IfaFlags::from_bits_retain(a.u32()?),
                _ => {}
            }
            Ok(())
        })?;
        Ok(local.or(address).map(|ip| Addr {
            index: h.ifa_index.get(),
            prefix_len: h.ifa_prefixlen,
            flags,
            ip,
        }))
    }
}

impl Route {
    /// Read an `RTM_NEWROUTE` message.
    pub fn parse(msg: &NlMsg<'_>) -> Result<Route, DecodeError> {
        let (h, attrs) = msg.split::<RtMsg>()?;
        let mut r = Route {
            v6: h.rtm_family == netlink_codec::af::AF_INET6,
            dst_len: h.rtm_dst_len,
            table: u32::from(h.rtm_table),
            scope: h.rtm_scope,
            rtype: h.rtm_type,
            dst: None,
            gateway: None,
            oif: None,
            priority: 0,
            prefsrc: None,
            protocol: h.rtm_protocol,
        };
        each(attrs, |a| {
            match a.kind() {
                RTA_DST => r.dst = Some(a.ip()?),
                RTA_GATEWAY => r.gateway = Some(a.ip()?),
                RTA_OIF => r.oif = Some(a.u32()?),
                RTA_PRIORITY => r.priority = a.u32()?,
                RTA_PREFSRC => r.prefsrc = Some(a.ip()?),
                RTA_TABLE => r.table = a.u32()?,
                _ => {}
            }
            Ok(())
        })?;
        Ok(r)
    }
}

fn decode(what: &str) -> impl Fn(DecodeError) -> Error + '_ {
    move |source| Error::Decode {
        op: what.to_owned(),
        source,
    }
}

/// The messages of `answer` of type `msg_type`, each read with `f`.
fn collect<T>(
    answer: &Answer,
    what: &str,
    msg_type: u16,
    mut f: impl FnMut(&NlMsg<'_>) -> Result<Option<T>, DecodeError>,
) -> Result<Vec<T>> {
    let mut out = Vec::new();
    for m in answer.messages() {
        let m = m.map_err(decode(what))?;
        if m.msg_type() == msg_type {
            if let Some(v) = f(&m).map_err(decode(what))? {
                out.push(v);
            }
        }
    }
    Ok(out)
}

/// The link in the answer to a `RTM_GETLINK` of one link (`None` when it was absent).
pub fn link_of(answer: &Answer, what: &str) -> Result<Option<Link>> {
    Ok(
        collect(answer, what, RTM_NEWLINK, |m| Link::parse(m).map(Some))?
            .into_iter()
            .next(),
    )
}

/// The addresses in the answer to a `RTM_GETADDR` dump.
pub fn addrs_of(answer: &Answer, what: &str) -> Result<Vec<Addr>> {
    collect(answer, what, RTM_NEWADDR, Addr::parse)
}

/// The routes in the answer to a `RTM_GETROUTE` (dump or lookup).
pub fn routes_of(answer: &Answer, what: &str) -> Result<Vec<Route>> {
    collect(answer, what, RTM_NEWROUTE, |m| Route::parse(m).map(Some))
}

/// The `NETNSA_NSID` in the answer to a `RTM_GETNSID` (-1: none assigned).
pub fn nsid_of(answer: &Answer, what: &str) -> Result<Option<i32>> {
    let ids = collect(answer, what, RTM_NEWNSID, |m| {
        let (_, attrs) = m.split::<netlink_codec::nsid::RtGenMsg>()?;
        match attrs.find(NETNSA_NSID)? {
            Some(a) => a.i32().map(Some),
            None => Ok(None),
        }
    })?;
    Ok(ids.into_iter().next())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Status;
    use netlink_codec::header::Messages;

    fn corpus(name: &str) -> Vec<u8> {
        let p = format!(
            "{}/../netlink-codec/tests/corpus/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
    }

    #[test]
    fn reads_a_captured_veth_link() {
        // 0013-rep.bin: the kernel's RTM_NEWLINK for vh-pod1 (a veth, peer in nsid 0,
        // addr_gen_mode none, down), captured from iproute2.
        let bytes = corpus("0013-rep.bin");
        let m = Messages::new(&bytes).next().unwrap().unwrap();
        let l = Link::parse(&m).unwrap();
        assert_eq!(l.name, "vh-pod1");
        assert_eq!(l.kind.as_deref(), Some("veth"));
        assert_eq!(l.mtu, Some(1500));
        assert_eq!(l.link, Some(2));
        assert_eq!(l.link_netnsid, Some(0));
        assert_eq!(l.addr_gen_mode, Some(1));
        assert_eq!(l.ipv4_forwarding, Some(0));
        assert_eq!(l.ipv4_proxy_arp, Some(0));
        assert_eq!(l.ipv6_forwarding, Some(0));
        // Captured on Linux 6.18: the array has DEVCONF_FORCE_FORWARDING.
        assert_eq!(l.ipv6_force_forwarding, Some(0));
        assert!(l.inet6);
        assert_eq!(l.ipv6_disabled, Some(false));
        assert!(!l.is_up());

        // 0057-rep.bin: the same link later, up, with forwarding and proxy_arp on.
        let bytes = corpus("0057-rep.bin");
        let answer = Answer::from_messages(Status::Ok, bytes);
        let l = link_of(&answer, "x").unwrap().unwrap();
        assert!(l.is_up());
        assert_eq!((l.ipv4_forwarding, l.ipv4_proxy_arp), (Some(1), Some(1)));
        assert_eq!(l.ipv6_forwarding, Some(1));
    }

    /// An `RTM_NEWLINK` whose `IFLA_INET6_CONF` array has `len` entries, entry `i` = `i`
    /// (what a kernel with `DEVCONF_MAX` = `len` sends).
    fn link_with_inet6_conf(len: usize) -> Vec<u8> {
        use netlink_codec::build::MessageBuilder;
        use netlink_codec::header::NlmFlags;
        let mut buf = Vec::new();
        let mut m = MessageBuilder::new(&mut buf, RTM_NEWLINK, NlmFlags::empty(), 1).unwrap();
        m.family_header(&IfInfoMsg::default()).unwrap();
        let a = m.attrs();
        let spec = a.nest_start(IFLA_AF_SPEC).unwrap();
        let inet6 = a.nest_start(10).unwrap();
        let conf: Vec<u8> = (0..len as i32).flat_map(i32::to_ne_bytes).collect();
        a.attr(IFLA_INET6_CONF, &conf).unwrap();
        a.nest_end(inet6).unwrap();
        a.nest_end(spec).unwrap();
        m.finish().unwrap();
        buf
    }

    #[test]
    fn force_forwarding_only_where_the_kernel_has_it() {
        // Linux 6.17+: DEVCONF_MAX is 60, force_forwarding is entry 59.
        let bytes = link_with_inet6_conf(usize::from(DEVCONF_FORCE_FORWARDING) + 1);
        let m = Messages::new(&bytes).next().unwrap().unwrap();
        let l = Link::parse(&m).unwrap();
        assert_eq!(l.ipv6_forwarding, Some(0));
        assert_eq!(l.ipv6_force_forwarding, Some(59));
        // An older kernel's shorter array: forwarding, but no force_forwarding.
        let bytes = link_with_inet6_conf(usize::from(DEVCONF_FORCE_FORWARDING));
        let m = Messages::new(&bytes).next().unwrap().unwrap();
        let l = Link::parse(&m).unwrap();
        assert_eq!(l.ipv6_forwarding, Some(0));
        assert_eq!(l.ipv6_force_forwarding, None);
    }

    #[test]
    fn names_and_aliases_that_are_not_utf8_are_foreign_data() {
        // What a pod can do to its own eth0: `ip link set dev eth0 alias $'\xff\xfe'`.
        use netlink_codec::build::MessageBuilder;
        use netlink_codec::header::NlmFlags;
        let mut buf = Vec::new();
        let mut m = MessageBuilder::new(&mut buf, RTM_NEWLINK, NlmFlags::empty(), 1).unwrap();
        m.family_header(&IfInfoMsg::default()).unwrap();
        let a = m.attrs();
        a.attr(IFLA_IFNAME, b"eth\xff\0").unwrap();
        a.attr(IFLA_IFALIAS, b"\xff\xfe\0").unwrap();
        a.u32(IFLA_MTU, 1500).unwrap();
        m.finish().unwrap();
        let answer = Answer::from_messages(Status::Ok, buf);
        let l = link_of(&answer, "x").unwrap().unwrap();
        assert_eq!(l.name, Text::NotUtf8(b"eth\xff".to_vec()));
        assert!(!l.name.is("eth") && !l.name.is("eth\u{fffd}"));
        assert_eq!(l.alias, Some(Text::NotUtf8(vec![0xff, 0xfe])));
        assert_eq!(l.mtu, Some(1500), "the rest of the link is read");
        assert_eq!(l.name.to_string(), "eth\\xff (not UTF-8)");
    }

    #[test]
    fn truncated_replies_are_errors() {
        let bytes = corpus("0013-rep.bin");
        let m = Messages::new(&bytes).next().unwrap().unwrap();
        let full = m.header().nlmsg_len.get() as usize;
        // Cut the message short but keep nlmsg_len consistent: no cut panics, and a cut
        // inside the ifinfomsg is an error.
        for cut in 16..full {
            let mut b = bytes[..cut].to_vec();
            b[..4].copy_from_slice(&(cut as u32).to_ne_bytes());
            let m = Messages::new(&b).next().unwrap().unwrap();
            let parsed = Link::parse(&m);
            if cut < 16 + IfInfoMsg::LEN {
                assert_eq!(
                    parsed.unwrap_err().kind,
                    netlink_codec::DecodeErrorKind::TruncatedFamilyHeader
                );
            }
        }
    }
}
