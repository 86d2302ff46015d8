//! [`LinkRepr`]: `RTM_*LINK` (`ifinfomsg` and `IFLA_*`).

use core::fmt;

use zerocopy::byteorder::big_endian;
use zerocopy::IntoBytes;

use super::{
    copy_attr, family_overrides, padded, repr_attrs, split_body, I32Array, Sink, U32Array, Wire,
};
use crate::attr::{Attr, Attrs, EmitBuf, NLA_F_NESTED};
use crate::build::MessageBuilder;
use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::header::NlMsg;
use crate::link::*;
use crate::schema::Shape;

/// A link (`RTM_NEWLINK`, `RTM_DELLINK`, `RTM_GETLINK`, `RTM_SETLINK`): the `ifinfomsg`
/// fields and the typed attributes.
///
/// Building the request that creates a veth pair whose peer is born in another network
/// namespace:
///
/// ```
/// use netlink_codec::{build::MessageBuilder, header::*, repr::*};
/// let peer = LinkRepr {
///     attrs: LinkAttrs { ifname: Some("veth-pod"), net_ns_fd: Some(5), ..Default::default() },
///     ..Default::default()
/// };
/// let host = LinkRepr {
///     attrs: LinkAttrs {
///         ifname: Some("veth-host"),
///         linkinfo: Some(LinkInfo::veth(VethPeer::Repr(&peer))),
///         ..Default::default()
///     },
///     ..Default::default()
/// };
/// let mut buf = Vec::new();
/// let flags = NlmFlags::REQUEST | NlmFlags::ACK | NlmFlags::CREATE | NlmFlags::EXCL;
/// let mut m = MessageBuilder::new(&mut buf, RTM_NEWLINK, flags, 1)?;
/// host.emit(&mut m)?;
/// assert_eq!(m.finish()?, 16 + host.buffer_len());
/// let back = LinkRepr::parse(&Messages::new(&buf).next().unwrap()?)?;
/// assert_eq!(back.attrs.ifname, Some("veth-host"));
/// assert_eq!(back.attrs.linkinfo.unwrap().kind, Some("veth"));
/// assert_eq!(host.to_string(), r#"link 0 ifname "veth-host" linkinfo { kind "veth" data { peer { link 0 ifname "veth-pod" net_ns_fd 5 } } }"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkRepr<'a> {
    /// `ifi_family`.
    pub family: u8,
    /// `ifi_type` (`ARPHRD_*`).
    pub ifi_type: u16,
    /// `ifi_index`.
    pub index: i32,
    /// `ifi_flags`.
    pub flags: Iff,
    /// `ifi_change`.
    pub change: Iff,
    /// The `IFLA_*` attributes.
    pub attrs: LinkAttrs<'a>,
}

impl<'a> LinkRepr<'a> {
    /// Parse a link message; strings and unmodelled attributes borrow from its buffer.
    /// See the [type's example](LinkRepr).
    #[inline]
    pub fn parse(msg: &NlMsg<'a>) -> Result<Self, DecodeError> {
        Self::parse_body(msg.payload(), msg.payload_offset())
    }

    /// Parse an `ifinfomsg` and its attributes (a message payload, or `VETH_INFO_PEER`).
    #[inline]
    pub fn parse_body(payload: &'a [u8], base: usize) -> Result<Self, DecodeError> {
        let (h, attrs, at) = split_body::<IfInfoMsg>(payload, base)?;
        let mut me = Self::from_header(h);
        let family = h.ifi_family;
        me.attrs
            .fill_with(attrs, at, |k| family_overrides(&LINK, k, family), false)?;
        Ok(me)
    }

    /// [`LinkRepr::parse`] for a link whose strings may be foreign: the kernel takes any
    /// bytes as a name or alias, so anyone with `CAP_NET_ADMIN` in a namespace can give
    /// a link one that is not UTF-8. Such an attribute (of the link itself: `IFLA_IFNAME`,
    /// `IFLA_IFALIAS`, ...) leaves its field `None` instead of failing the message, and
    /// its bytes stay in `attrs.original` (flagged in `attrs.left_raw`), so `emit`
    /// writes them back as they were.
    ///
    /// ```
    /// use netlink_codec::{build::MessageBuilder, header::*, link::*, repr::LinkRepr};
    /// let mut buf = Vec::new();
    /// let mut m = MessageBuilder::new(&mut buf, RTM_NEWLINK, NlmFlags::empty(), 1)?;
    /// m.family_header(&IfInfoMsg::default())?;
    /// m.attrs().attr(IFLA_IFNAME, b"eth\xff\0")?;
    /// m.attrs().u32(IFLA_MTU, 1500)?;
    /// m.finish()?;
    /// let msg = Messages::new(&buf).next().unwrap()?;
    /// assert_eq!(LinkRepr::parse(&msg).unwrap_err().kind, netlink_codec::DecodeErrorKind::BadString);
    /// let link = LinkRepr::parse_lenient(&msg)?;
    /// assert_eq!((link.attrs.ifname, link.attrs.mtu), (None, Some(1500)));
    /// let raw = link.attrs.original.attrs().find(IFLA_IFNAME)?.unwrap();
    /// assert_eq!(raw.payload(), b"eth\xff\0");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_lenient(msg: &NlMsg<'a>) -> Result<Self, DecodeError> {
        let (h, attrs, at) = split_body::<IfInfoMsg>(msg.payload(), msg.payload_offset())?;
        let mut me = Self::from_header(h);
        let family = h.ifi_family;
        me.attrs
            .fill_with(attrs, at, |k| family_overrides(&LINK, k, family), true)?;
        Ok(me)
    }

    #[inline]
    fn from_header(h: &IfInfoMsg) -> Self {
        LinkRepr {
            family: h.ifi_family,
            ifi_type: h.ifi_type.get(),
            index: h.ifi_index.get(),
            flags: h.flags(),
            change: Iff::from_bits_retain(h.ifi_change.get()),
            attrs: LinkAttrs::default(),
        }
    }

    /// The `ifinfomsg` these fields make.
    pub fn header(&self) -> IfInfoMsg {
        IfInfoMsg {
            ifi_family: self.family,
            ifi_type: self.ifi_type.into(),
            ifi_index: self.index.into(),
            ifi_flags: self.flags.bits().into(),
            ifi_change: self.change.bits().into(),
            ..Default::default()
        }
    }

    /// Bytes [`LinkRepr::emit`] writes (the message without its `nlmsghdr`).
    pub fn buffer_len(&self) -> usize {
        padded(IfInfoMsg::LEN) + self.attrs.attrs_len()
    }

    /// Write the `ifinfomsg` and the attributes into a message being built.
    pub fn emit<B: EmitBuf + ?Sized>(
        &self,
        m: &mut MessageBuilder<'_, B>,
    ) -> Result<(), EncodeError> {
        m.family_header(&self.header())?;
        self.attrs.emit_attrs(m.attrs())
    }

    fn write_body<S: Sink>(&self, s: &mut S) -> Result<(), EncodeError> {
        s.raw(self.header().as_bytes())?;
        self.attrs.write_attrs(s)
    }
}

/// `link INDEX` and the set attributes.
impl fmt::Display for LinkRepr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "link {}", self.index)?;
        if !self.flags.is_empty() {
            write!(f, " flags {:#x}", self.flags.bits())?;
        }
        write!(f, "{}", self.attrs)
    }
}

repr_attrs! {
    /// The typed `IFLA_*` attributes of a [`LinkRepr`].
    ///
    /// ```
    /// use netlink_codec::repr::LinkAttrs;
    /// let a = LinkAttrs { ifname: Some("eth0"), mtu: Some(1500), ..Default::default() };
    /// assert_eq!(a.attrs_len(), 12 + 8);
    /// assert_eq!(a.to_string(), r#" ifname "eth0" mtu 1500"#);
    /// ```
    pub struct LinkAttrs<'a> in LINK {
        /// `IFLA_EXT_MASK` (requests, `RTEXT_FILTER_*`): what a `RTM_GETLINK` answer leaves
        /// out. First, so a request built from scratch carries it before the name.
        ext_mask: u32 = IFLA_EXT_MASK,
        /// `IFLA_IFNAME`.
        ifname: &'a str = IFLA_IFNAME,
        /// `IFLA_MTU`.
        mtu: u32 = IFLA_MTU,
        /// `IFLA_ADDRESS`: the link-layer address.
        address: &'a [u8] = IFLA_ADDRESS,
        /// `IFLA_BROADCAST`.
        broadcast: &'a [u8] = IFLA_BROADCAST,
        /// `IFLA_OPERSTATE` (`IF_OPER_*`).
        operstate: u8 = IFLA_OPERSTATE,
        /// `IFLA_TXQLEN`.
        txqlen: u32 = IFLA_TXQLEN,
        /// `IFLA_MASTER`: the controller's index.
        master: u32 = IFLA_MASTER,
        /// `IFLA_LINK`: the lower link's index (in `link_netnsid`'s namespace if set).
        link: u32 = IFLA_LINK,
        /// `IFLA_GROUP`.
        group: u32 = IFLA_GROUP,
        /// `IFLA_IFALIAS`.
        ifalias: &'a str = IFLA_IFALIAS,
        /// `IFLA_LINK_NETNSID`: the namespace id of the peer / lower link.
        link_netnsid: i32 = IFLA_LINK_NETNSID,
        /// `IFLA_LINKINFO`: kind and kind-specific data.
        linkinfo: LinkInfo<'a> = IFLA_LINKINFO,
        /// `IFLA_NET_NS_FD` (requests): move or create the link in this namespace.
        net_ns_fd: u32 = IFLA_NET_NS_FD,
        /// `IFLA_NET_NS_PID` (requests): the namespace of this process.
        net_ns_pid: u32 = IFLA_NET_NS_PID,
        /// `IFLA_AF_SPEC`: per-family settings.
        af_spec: AfSpec<'a> = IFLA_AF_SPEC,
        /// `IFLA_TARGET_NETNSID` (requests): act in the namespace this one calls so.
        target_netnsid: i32 = IFLA_TARGET_NETNSID,
    }
}

repr_attrs! {
    /// `IFLA_LINKINFO`: the kind and its `IFLA_INFO_DATA`, typed for veth, bridge and
    /// vxlan.
    ///
    /// ```
    /// use netlink_codec::repr::{InfoData, LinkInfo, VethInfo};
    /// let info = LinkInfo { kind: Some("veth"), data: Some(InfoData::Veth(VethInfo::default())), ..Default::default() };
    /// assert_eq!(info.attrs_len(), 12 + 4);
    /// ```
    pub struct LinkInfo<'a> in LINKINFO, after type_info_data {
        /// `IFLA_INFO_KIND`: `"veth"`, `"bridge"`, ...
        kind: &'a str = IFLA_INFO_KIND,
        /// `IFLA_INFO_DATA`, typed by `kind`.
        data: InfoData<'a> = IFLA_INFO_DATA,
        /// `IFLA_INFO_SLAVE_KIND`: the controller's kind, on a port.
        slave_kind: &'a str = IFLA_INFO_SLAVE_KIND,
        /// `IFLA_INFO_SLAVE_DATA`, kept as bytes.
        slave_data: &'a [u8] = IFLA_INFO_SLAVE_DATA,
    }
}

impl<'a> LinkInfo<'a> {
    /// `kind "veth"` with `VETH_INFO_PEER`.
    ///
    /// ```
    /// use netlink_codec::repr::{LinkInfo, LinkRepr, VethPeer};
    /// let peer = LinkRepr::default();
    /// assert_eq!(LinkInfo::veth(VethPeer::Repr(&peer)).kind, Some("veth"));
    /// ```
    pub fn veth(peer: VethPeer<'a>) -> Self {
        LinkInfo {
            kind: Some("veth"),
            data: Some(InfoData::Veth(VethInfo {
                peer: Some(peer),
                ..Default::default()
            })),
            ..Default::default()
        }
    }
}

/// After the attributes are read: `IFLA_INFO_DATA` typed by `IFLA_INFO_KIND`, wherever
/// the two are in the run.
fn type_info_data<'a>(
    me: &mut LinkInfo<'a>,
    buf: &'a [u8],
    offset: usize,
) -> Result<(), DecodeError> {
    let (Some(kind), Some(InfoData::Other(_))) = (me.kind, &me.data) else {
        return Ok(());
    };
    let Some(a) = Attrs::new(buf, offset).find(IFLA_INFO_DATA)? else {
        return Ok(());
    };
    let (p, at) = (a.payload(), a.payload_offset());
    me.data = Some(match kind {
        "veth" => InfoData::Veth(VethInfo::parse_attrs(p, at)?),
        "bridge" => InfoData::Bridge(BridgeInfo::parse_attrs(p, at)?),
        "vxlan" => InfoData::Vxlan(VxlanInfo::parse_attrs(p, at)?),
        _ => return Ok(()),
    });
    Ok(())
}

/// `IFLA_INFO_DATA`, by link kind.
///
/// ```
/// use netlink_codec::repr::{BridgeInfo, InfoData};
/// let d = InfoData::Bridge(BridgeInfo { stp_state: Some(0), ..Default::default() });
/// assert!(matches!(d, InfoData::Bridge(b) if b.stp_state == Some(0)));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum InfoData<'a> {
    /// veth: `VETH_INFO_*`.
    Veth(VethInfo<'a>),
    /// bridge: `IFLA_BR_*`.
    Bridge(BridgeInfo<'a>),
    /// vxlan: `IFLA_VXLAN_*`.
    Vxlan(VxlanInfo<'a>),
    /// Any other kind: the payload as it is.
    Other(&'a [u8]),
}

impl<'a> Wire<'a> for InfoData<'a> {
    fn read(a: &Attr<'a>) -> Result<Self, DecodeError> {
        // Typed once the kind is known, by `type_info_data`.
        Ok(InfoData::Other(a.payload()))
    }
    fn write<S: Sink>(
        &self,
        raw_type: u16,
        orig: Option<&Attr<'a>>,
        s: &mut S,
    ) -> Result<(), EncodeError> {
        match self {
            InfoData::Veth(v) => v.write(raw_type, orig, s),
            InfoData::Bridge(v) => v.write(raw_type, orig, s),
            InfoData::Vxlan(v) => v.write(raw_type, orig, s),
            InfoData::Other(b) => match orig {
                Some(o) if o.payload() == *b => copy_attr(s, o),
                _ => s.attr(raw_type, &[b]),
            },
        }
    }
    fn shape_ok(shape: &Shape) -> bool {
        matches!(shape, Shape::ByKind(..))
    }
    fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InfoData::Veth(v) => v.show(f),
            InfoData::Bridge(v) => v.show(f),
            InfoData::Vxlan(v) => v.show(f),
            InfoData::Other(b) => write!(f, "[{} bytes]", b.len()),
        }
    }
}

repr_attrs! {
    /// veth's `IFLA_INFO_DATA`.
    ///
    /// ```
    /// use netlink_codec::repr::VethInfo;
    /// assert_eq!(VethInfo::default().attrs_len(), 0);
    /// ```
    pub struct VethInfo<'a> in VETH {
        /// `VETH_INFO_PEER`: the peer, an `ifinfomsg` and its own attributes.
        peer: VethPeer<'a> = VETH_INFO_PEER,
    }
}

/// `VETH_INFO_PEER`: the peer link. A parsed one stays as bytes (its `ifinfomsg` was
/// checked) until [`VethPeer::parse`] types it, which keeps parsing flat and
/// allocation-free; one to send is a [`LinkRepr`].
///
/// ```
/// use netlink_codec::repr::{LinkAttrs, LinkRepr, VethPeer};
/// let peer = LinkRepr { attrs: LinkAttrs { ifname: Some("eth0"), ..Default::default() }, ..Default::default() };
/// assert_eq!(VethPeer::Repr(&peer).parse()?.attrs.ifname, Some("eth0"));
/// # Ok::<(), netlink_codec::DecodeError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum VethPeer<'a> {
    /// As parsed: the `ifinfomsg` and attributes, and their offset in the outermost buffer.
    Wire(&'a [u8], usize),
    /// A peer to emit.
    Repr(&'a LinkRepr<'a>),
}

impl<'a> VethPeer<'a> {
    /// The peer as a [`LinkRepr`].
    pub fn parse(&self) -> Result<LinkRepr<'a>, DecodeError> {
        match *self {
            VethPeer::Wire(b, at) => LinkRepr::parse_body(b, at),
            VethPeer::Repr(r) => Ok(r.clone()),
        }
    }
}

impl<'a> Wire<'a> for VethPeer<'a> {
    fn read(a: &Attr<'a>) -> Result<Self, DecodeError> {
        split_body::<IfInfoMsg>(a.payload(), a.payload_offset())?;
        Ok(VethPeer::Wire(a.payload(), a.payload_offset()))
    }
    fn write<S: Sink>(
        &self,
        raw_type: u16,
        orig: Option<&Attr<'a>>,
        s: &mut S,
    ) -> Result<(), EncodeError> {
        match (*self, orig) {
            (VethPeer::Wire(b, _), Some(o)) if o.payload() == b => copy_attr(s, o),
            (VethPeer::Wire(b, _), _) => s.attr(raw_type, &[b]),
            (VethPeer::Repr(r), _) => {
                let n = s.nest_start(raw_type)?;
                r.write_body(s)?;
                s.nest_end(n)
            }
        }
    }
    fn shape_ok(shape: &Shape) -> bool {
        matches!(shape, Shape::Peer(_))
    }
    fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VethPeer::Wire(b, _) => write!(f, "[{} bytes]", b.len()),
            VethPeer::Repr(r) => write!(f, "{{ {r} }}"),
        }
    }
}

repr_attrs! {
    /// bridge's `IFLA_INFO_DATA`: common settings typed, the rest kept.
    ///
    /// ```
    /// use netlink_codec::repr::BridgeInfo;
    /// let b = BridgeInfo { vlan_filtering: Some(1), ..Default::default() };
    /// assert_eq!(b.attrs_len(), 8);
    /// ```
    pub struct BridgeInfo<'a> in BRIDGE {
        /// `IFLA_BR_FORWARD_DELAY` (clock ticks).
        forward_delay: u32 = IFLA_BR_FORWARD_DELAY,
        /// `IFLA_BR_HELLO_TIME`.
        hello_time: u32 = IFLA_BR_HELLO_TIME,
        /// `IFLA_BR_MAX_AGE`.
        max_age: u32 = IFLA_BR_MAX_AGE,
        /// `IFLA_BR_AGEING_TIME`.
        ageing_time: u32 = IFLA_BR_AGEING_TIME,
        /// `IFLA_BR_STP_STATE`.
        stp_state: u32 = IFLA_BR_STP_STATE,
        /// `IFLA_BR_PRIORITY`.
        priority: u16 = IFLA_BR_PRIORITY,
        /// `IFLA_BR_VLAN_FILTERING`.
        vlan_filtering: u8 = IFLA_BR_VLAN_FILTERING,
        /// `IFLA_BR_VLAN_PROTOCOL` (network order on the wire).
        vlan_protocol: big_endian::U16 = IFLA_BR_VLAN_PROTOCOL,
        /// `IFLA_BR_VLAN_DEFAULT_PVID`.
        vlan_default_pvid: u16 = IFLA_BR_VLAN_DEFAULT_PVID,
        /// `IFLA_BR_MCAST_SNOOPING`.
        mcast_snooping: u8 = IFLA_BR_MCAST_SNOOPING,
    }
}

repr_attrs! {
    /// vxlan's `IFLA_INFO_DATA`: common settings typed, the rest kept.
    ///
    /// ```
    /// use netlink_codec::repr::VxlanInfo;
    /// let v = VxlanInfo { id: Some(42), port: Some(4789.into()), ..Default::default() };
    /// assert_eq!(v.attrs_len(), 16);
    /// ```
    pub struct VxlanInfo<'a> in VXLAN {
        /// `IFLA_VXLAN_ID`: the VNI.
        id: u32 = IFLA_VXLAN_ID,
        /// `IFLA_VXLAN_GROUP`: IPv4 remote or group.
        group: core::net::IpAddr = IFLA_VXLAN_GROUP,
        /// `IFLA_VXLAN_LINK`: the underlay link.
        link: u32 = IFLA_VXLAN_LINK,
        /// `IFLA_VXLAN_LOCAL`: IPv4 source.
        local: core::net::IpAddr = IFLA_VXLAN_LOCAL,
        /// `IFLA_VXLAN_TTL`.
        ttl: u8 = IFLA_VXLAN_TTL,
        /// `IFLA_VXLAN_TOS`.
        tos: u8 = IFLA_VXLAN_TOS,
        /// `IFLA_VXLAN_LEARNING`.
        learning: u8 = IFLA_VXLAN_LEARNING,
        /// `IFLA_VXLAN_AGEING`.
        ageing: u32 = IFLA_VXLAN_AGEING,
        /// `IFLA_VXLAN_PORT`: the UDP port (network order on the wire).
        port: big_endian::U16 = IFLA_VXLAN_PORT,
        /// `IFLA_VXLAN_GROUP6`.
        group6: core::net::IpAddr = IFLA_VXLAN_GROUP6,
        /// `IFLA_VXLAN_LOCAL6`.
        local6: core::net::IpAddr = IFLA_VXLAN_LOCAL6,
    }
}

repr_attrs! {
    /// `IFLA_AF_SPEC`: per address family settings.
    ///
    /// ```
    /// use netlink_codec::{link::IN6_ADDR_GEN_MODE_NONE, repr::{AfSpec, Inet6Spec}};
    /// let s = AfSpec {
    ///     inet6: Some(Inet6Spec { addr_gen_mode: Some(IN6_ADDR_GEN_MODE_NONE), ..Default::default() }),
    ///     ..Default::default()
    /// };
    /// assert_eq!(s.attrs_len(), 4 + 8);
    /// ```
    pub struct AfSpec<'a> in AF_SPEC {
        /// `AF_INET`.
        inet: InetSpec<'a> = IFLA_AF_SPEC_INET,
        /// `AF_INET6`.
        inet6: Inet6Spec<'a> = IFLA_AF_SPEC_INET6,
    }
}

repr_attrs! {
    /// `AF_INET` in `IFLA_AF_SPEC`.
    ///
    /// ```
    /// use netlink_codec::{link::IPV4_DEVCONF_FORWARDING, repr::{InetConf, InetSpec}};
    /// let set = [(IPV4_DEVCONF_FORWARDING, 1)];
    /// let s = InetSpec { conf: Some(InetConf::Set(&set)), ..Default::default() };
    /// assert_eq!(s.conf.unwrap().forwarding(), Some(1));
    /// ```
    pub struct InetSpec<'a> in INET {
        /// `IFLA_INET_CONF`.
        conf: InetConf<'a> = IFLA_INET_CONF,
    }
}

repr_attrs! {
    /// `AF_INET6` in `IFLA_AF_SPEC`.
    ///
    /// ```
    /// use netlink_codec::{link::IN6_ADDR_GEN_MODE_NONE, repr::Inet6Spec};
    /// let s = Inet6Spec { addr_gen_mode: Some(IN6_ADDR_GEN_MODE_NONE), ..Default::default() };
    /// assert_eq!(s.attrs_len(), 8);
    /// ```
    pub struct Inet6Spec<'a> in INET6 {
        /// `IFLA_INET6_FLAGS`.
        flags: u32 = IFLA_INET6_FLAGS,
        /// `IFLA_INET6_CONF`: the `DEVCONF_*` array.
        conf: I32Array<'a> = IFLA_INET6_CONF,
        /// `IFLA_INET6_TOKEN`.
        token: core::net::IpAddr = IFLA_INET6_TOKEN,
        /// `IFLA_INET6_ADDR_GEN_MODE` (`IN6_ADDR_GEN_MODE_*`).
        addr_gen_mode: u8 = IFLA_INET6_ADDR_GEN_MODE,
    }
}

/// `IFLA_INET_CONF`: the kernel dumps a `__u32` array indexed by `IPV4_DEVCONF_* - 1`;
/// requests carry nested `__u32` attributes typed by `IPV4_DEVCONF_*` (told apart by
/// `NLA_F_NESTED`, which requests set).
///
/// ```
/// use netlink_codec::{link::*, repr::InetConf};
/// let set = [(IPV4_DEVCONF_FORWARDING, 1), (IPV4_DEVCONF_PROXY_ARP, 1)];
/// let c = InetConf::Set(&set);
/// assert_eq!((c.forwarding(), c.proxy_arp(), c.get(IPV4_DEVCONF_RP_FILTER)), (Some(1), Some(1), None));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum InetConf<'a> {
    /// As dumped: element `i` is `IPV4_DEVCONF_*` number `i + 1`.
    Dumped(U32Array<'a>),
    /// As parsed from a request: the nested attributes' bytes (checked to be `__u32`s).
    Nested(&'a [u8]),
    /// To send: `(IPV4_DEVCONF_*, value)` pairs, written as nested attributes.
    Set(&'a [(u16, u32)]),
    /// [`InetConf::Set`] written as iproute2 writes it: the nest without `NLA_F_NESTED`
    /// (the kernel walks `IFLA_INET_CONF` as a nest either way). Such a request reads
    /// back as [`InetConf::Dumped`], so this is for sending only.
    ///
    /// ```
    /// use netlink_codec::{attr::{Emitter, NLA_F_NESTED}, link::*, repr::{InetConf, InetSpec}};
    /// let set = [(IPV4_DEVCONF_FORWARDING, 1)];
    /// let s = InetSpec { conf: Some(InetConf::SetUnflagged(&set)), ..Default::default() };
    /// let mut buf = Vec::new();
    /// s.emit_attrs(&mut Emitter::new(&mut buf))?;
    /// assert_eq!(buf.len(), s.attrs_len());
    /// let conf = netlink_codec::attr::Attrs::new(&buf, 0).find(IFLA_INET_CONF)?.unwrap();
    /// assert_eq!(conf.type_flags() & NLA_F_NESTED, 0);
    /// assert_eq!(conf.nested().find(IPV4_DEVCONF_FORWARDING)?.unwrap().u32(), Ok(1));
    /// assert_eq!(InetConf::SetUnflagged(&set).forwarding(), Some(1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    SetUnflagged(&'a [(u16, u32)]),
}

impl InetConf<'_> {
    /// The value of `IPV4_DEVCONF_*` number `id`, if present.
    pub fn get(&self, id: u16) -> Option<u32> {
        match self {
            InetConf::Dumped(a) => a.get(usize::from(id).checked_sub(1)?),
            InetConf::Nested(b) => Attrs::new(b, 0)
                .flatten()
                .find(|a| a.kind() == id)
                .and_then(|a| a.u32().ok()),
            InetConf::Set(s) | InetConf::SetUnflagged(s) => {
                s.iter().find(|(k, _)| *k == id).map(|(_, v)| *v)
            }
        }
    }
    /// `IPV4_DEVCONF_FORWARDING`.
    pub fn forwarding(&self) -> Option<u32> {
        self.get(IPV4_DEVCONF_FORWARDING)
    }
    /// `IPV4_DEVCONF_PROXY_ARP`.
    pub fn proxy_arp(&self) -> Option<u32> {
        self.get(IPV4_DEVCONF_PROXY_ARP)
    }
}

impl<'a> Wire<'a> for InetConf<'a> {
    const FLAGS: u16 = NLA_F_NESTED;
    fn read(a: &Attr<'a>) -> Result<Self, DecodeError> {
        if a.type_flags() & NLA_F_NESTED == 0 {
            let bad = DecodeError::new(a.offset(), DecodeErrorKind::BadAttrSize);
            return U32Array::new(a.payload()).map(InetConf::Dumped).ok_or(bad);
        }
        for c in a.nested() {
            c?.u32()?;
        }
        Ok(InetConf::Nested(a.payload()))
    }
    fn write<S: Sink>(
        &self,
        raw_type: u16,
        orig: Option<&Attr<'a>>,
        s: &mut S,
    ) -> Result<(), EncodeError> {
        match (*self, orig) {
            (InetConf::Dumped(d), Some(o)) if o.payload() == d.bytes() => copy_attr(s, o),
            (InetConf::Nested(b), Some(o)) if o.payload() == b => copy_attr(s, o),
            (InetConf::Dumped(d), _) => s.attr(raw_type & !NLA_F_NESTED, &[d.bytes()]),
            (InetConf::Nested(b), _) => s.attr(raw_type, &[b]),
            (InetConf::Set(set), _) => write_conf(s, raw_type, set),
            (InetConf::SetUnflagged(set), _) => write_conf(s, raw_type & !NLA_F_NESTED, set),
        }
    }
    fn shape_ok(shape: &Shape) -> bool {
        matches!(shape, Shape::InetConf(_))
    }
    fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.forwarding(), self.proxy_arp()) {
            (Some(fw), Some(pa)) => write!(f, "{{ forwarding {fw} proxy_arp {pa} }}"),
            (Some(fw), None) => write!(f, "{{ forwarding {fw} }}"),
            (None, Some(pa)) => write!(f, "{{ proxy_arp {pa} }}"),
            (None, None) => f.write_str("{ }"),
        }
    }
}

/// `IFLA_INET_CONF` as a nest of `(IPV4_DEVCONF_*, value)` attributes.
fn write_conf<S: Sink>(s: &mut S, raw_type: u16, set: &[(u16, u32)]) -> Result<(), EncodeError> {
    let n = s.nest_start(raw_type)?;
    for (id, v) in set {
        s.attr(*id, &[&v.to_ne_bytes()])?;
    }
    s.nest_end(n)
}
