//! The live state, read from the kernel's replies with the codec's typed representations
//! (`LinkRepr`, `AddrRepr`, `RouteRepr`, `NsidRepr`): links, addresses, routes and
//! namespace ids, reduced to owned values holding what the wiring compares.

use std::net::IpAddr;

use netlink_codec::addr::IfaFlags;
use netlink_codec::af::AF_INET6;
use netlink_codec::attr::Attr;
use netlink_codec::header::{NlMsg, RTM_NEWADDR, RTM_NEWLINK, RTM_NEWNSID, RTM_NEWROUTE};
use netlink_codec::link::{
    Iff, DEVCONF_DISABLE_IPV6, DEVCONF_FORCE_FORWARDING, DEVCONF_FORWARDING, IFLA_IFALIAS,
    IFLA_IFNAME,
};
use netlink_codec::repr::{AddrRepr, LinkRepr, NsidRepr, RouteRepr};
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

impl Link {
    /// Read an `RTM_NEWLINK` message (its name and alias may be foreign bytes).
    pub fn parse(msg: &NlMsg<'_>) -> Result<Link, DecodeError> {
        Link::of(&LinkRepr::parse_lenient(msg)?)
    }

    /// What the wiring compares of a link read with [`LinkRepr::parse_lenient`].
    pub fn of(r: &LinkRepr<'_>) -> Result<Link, DecodeError> {
        let a = &r.attrs;
        // A string the repr left unset although the link has it is not UTF-8.
        let text = |typed: Option<&str>, kind: u16| -> Result<Option<Text>, DecodeError> {
            Ok(match typed {
                Some(s) => Some(Text::from(s)),
                None => a.original.attrs().find(kind)?.map(|raw| Text::of(&raw)),
            })
        };
        let inet = a.af_spec.as_ref().and_then(|s| s.inet.as_ref());
        let inet_conf = inet.and_then(|i| i.conf);
        let inet6 = a.af_spec.as_ref().and_then(|s| s.inet6.as_ref());
        let devconf6 = |id: u16| inet6.and_then(|i| i.conf)?.get(usize::from(id));
        Ok(Link {
            index: r.index,
            name: text(a.ifname, IFLA_IFNAME)?.unwrap_or_default(),
            flags: r.flags,
            kind: a.linkinfo.as_ref().and_then(|i| i.kind).map(str::to_owned),
            mtu: a.mtu,
            link: a.link,
            link_netnsid: a.link_netnsid,
            addr_gen_mode: inet6.and_then(|i| i.addr_gen_mode),
            ipv4_forwarding: inet_conf.and_then(|c| c.forwarding()),
            ipv4_proxy_arp: inet_conf.and_then(|c| c.proxy_arp()),
            ipv6_forwarding: devconf6(DEVCONF_FORWARDING),
            ipv6_force_forwarding: devconf6(DEVCONF_FORCE_FORWARDING),
            inet6: inet6.is_some(),
            ipv6_disabled: devconf6(DEVCONF_DISABLE_IPV6).map(|v| v != 0),
            alias: text(a.ifalias, IFLA_IFALIAS)?,
        })
    }

    /// Administratively up.
    pub fn is_up(&self) -> bool {
        self.flags.contains(Iff::UP)
    }
}

impl Addr {
    /// Read an `RTM_NEWADDR` message (`None`: it has neither `IFA_LOCAL` nor
    /// `IFA_ADDRESS`). Its label, a link name, may be foreign bytes.
    pub fn parse(msg: &NlMsg<'_>) -> Result<Option<Addr>, DecodeError> {
        let r = AddrRepr::parse_lenient(msg)?;
        let flags = r
            .attrs
            .flags
            .unwrap_or(IfaFlags::from_bits_retain(u32::from(r.flags)));
        Ok(r.attrs.local.or(r.attrs.address).map(|ip| Addr {
            index: r.index,
            prefix_len: r.prefix_len,
            flags,
            ip,
        }))
    }
}

impl Route {
    /// Read an `RTM_NEWROUTE` message.
    pub fn parse(msg: &NlMsg<'_>) -> Result<Route, DecodeError> {
        let r = RouteRepr::parse(msg)?;
        Ok(Route {
            v6: r.family == AF_INET6,
            dst_len: r.dst_len,
            table: r.table_id(),
            scope: r.scope,
            rtype: r.kind,
            dst: r.attrs.dst,
            gateway: r.attrs.gateway,
            oif: r.attrs.oif,
            priority: r.attrs.priority.unwrap_or(0),
            prefsrc: r.attrs.prefsrc,
            protocol: r.protocol,
        })
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
        NsidRepr::parse(m).map(|r| r.attrs.nsid)
    })?;
    Ok(ids.into_iter().next())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Status;
    use netlink_codec::header::{Messages, NlMsgHdr};
    use netlink_codec::link::{IfInfoMsg, IFLA_MTU};
    use zerocopy::FromBytes;

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
        use netlink_codec::repr::{AfSpec, I32Array, Inet6Spec, LinkAttrs};
        use zerocopy::IntoBytes;
        let conf: Vec<i32> = (0..len as i32).collect();
        let link = LinkRepr {
            attrs: LinkAttrs {
                af_spec: Some(AfSpec {
                    inet6: Some(Inet6Spec {
                        conf: I32Array::new(conf.as_bytes()),
                        ..Default::default()
                    }),
                    ..Default::default()
                }),
                ..Default::default()
            },
            ..Default::default()
        };
        let mut buf = Vec::new();
        let mut m = MessageBuilder::new(&mut buf, RTM_NEWLINK, NlmFlags::empty(), 1).unwrap();
        link.emit(&mut m).unwrap();
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
    fn an_ipv4_address_labelled_with_a_name_that_is_not_utf8_is_read() {
        // The kernel labels an IPv4 address with its link's name: a pod's renamed eth0.
        use netlink_codec::addr::{IfAddrMsg, IFA_LABEL, IFA_LOCAL};
        use netlink_codec::af::AF_INET;
        use netlink_codec::build::MessageBuilder;
        use netlink_codec::header::NlmFlags;
        let mut buf = Vec::new();
        let mut m = MessageBuilder::new(&mut buf, RTM_NEWADDR, NlmFlags::MULTI, 1).unwrap();
        m.family_header(&IfAddrMsg {
            ifa_family: AF_INET,
            ifa_prefixlen: 32,
            ifa_index: 2.into(),
            ..Default::default()
        })
        .unwrap();
        let ip: IpAddr = "10.99.1.2".parse().unwrap();
        m.attrs().ip(IFA_LOCAL, ip).unwrap();
        m.attrs().attr(IFA_LABEL, b"\xff\xfe\0").unwrap();
        m.finish().unwrap();
        let answer = Answer::from_messages(Status::Ok, buf);
        let addrs = addrs_of(&answer, "x").unwrap();
        assert_eq!(addrs.len(), 1);
        assert_eq!(
            (addrs[0].ip, addrs[0].index, addrs[0].prefix_len),
            (ip, 2, 32)
        );
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
            let (h, _) = NlMsgHdr::mut_from_prefix(&mut b).unwrap();
            h.nlmsg_len.set(cut as u32);
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
