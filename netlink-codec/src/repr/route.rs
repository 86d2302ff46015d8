//! [`RouteRepr`]: `RTM_*ROUTE` (`rtmsg`, `RTA_*`, `RTAX_*`, `rtnexthop`).

use core::fmt;
use core::net::IpAddr;

use super::wire::Leaf;
use super::{copy_attr, family_overrides, padded, repr_attrs, show_hex, split_body, Sink, Wire};
use crate::attr::{Attr, EmitBuf};
use crate::build::MessageBuilder;
use crate::error::{DecodeError, DecodeErrorKind, EncodeError};
use crate::header::NlMsg;
use crate::route::*;
use crate::schema::Shape;

/// A route (`RTM_NEWROUTE`, `RTM_DELROUTE`, `RTM_GETROUTE`).
///
/// ```
/// use core::net::{IpAddr, Ipv4Addr};
/// use netlink_codec::{af::AF_INET, build::MessageBuilder, header::*, repr::*, route::*};
/// let gw = IpAddr::V4(Ipv4Addr::new(169, 254, 1, 1));
/// let r = RouteRepr {
///     family: AF_INET, table: RT_TABLE_MAIN, protocol: RTPROT_BOOT, kind: RTN_UNICAST,
///     attrs: RouteAttrs { gateway: Some(gw), oif: Some(2), ..Default::default() },
///     ..Default::default()
/// };
/// let mut buf = Vec::new();
/// let mut m = MessageBuilder::new(&mut buf, RTM_NEWROUTE, NlmFlags::REQUEST, 1)?;
/// r.emit(&mut m)?;
/// assert_eq!(m.finish()?, 16 + r.buffer_len());
/// let back = RouteRepr::parse(&Messages::new(&buf).next().unwrap()?)?;
/// assert_eq!(back, r); // the same values (`original` differs: one was parsed)
/// assert_eq!(r.to_string(), "route default table 254 gateway 169.254.1.1 oif 2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RouteRepr<'a> {
    /// `rtm_family`.
    pub family: u8,
    /// `rtm_dst_len`.
    pub dst_len: u8,
    /// `rtm_src_len`.
    pub src_len: u8,
    /// `rtm_tos`.
    pub tos: u8,
    /// `rtm_table` (`RT_TABLE_*`; `RTA_TABLE` carries ids above 255).
    pub table: u8,
    /// `rtm_protocol` (`RTPROT_*`).
    pub protocol: u8,
    /// `rtm_scope` (`RT_SCOPE_*`).
    pub scope: u8,
    /// `rtm_type` (`RTN_*`).
    pub kind: u8,
    /// `rtm_flags`: `RTNH_F_*` in the low byte, `RTM_F_*` above.
    pub flags: u32,
    /// The `RTA_*` attributes.
    pub attrs: RouteAttrs<'a>,
}

impl<'a> RouteRepr<'a> {
    /// Parse a route message. See the [type's example](RouteRepr).
    #[inline]
    pub fn parse(msg: &NlMsg<'a>) -> Result<Self, DecodeError> {
        let (h, attrs, at) = split_body::<RtMsg>(msg.payload(), msg.payload_offset())?;
        let mut me = RouteRepr {
            family: h.rtm_family,
            dst_len: h.rtm_dst_len,
            src_len: h.rtm_src_len,
            tos: h.rtm_tos,
            table: h.rtm_table,
            protocol: h.rtm_protocol,
            scope: h.rtm_scope,
            kind: h.rtm_type,
            flags: h.rtm_flags.get(),
            attrs: RouteAttrs::default(),
        };
        let family = h.rtm_family;
        me.attrs
            .fill_with(attrs, at, |k| family_overrides(&ROUTE, k, family), false)?;
        Ok(me)
    }

    /// The `rtmsg` these fields make.
    pub fn header(&self) -> RtMsg {
        RtMsg {
            rtm_family: self.family,
            rtm_dst_len: self.dst_len,
            rtm_src_len: self.src_len,
            rtm_tos: self.tos,
            rtm_table: self.table,
            rtm_protocol: self.protocol,
            rtm_scope: self.scope,
            rtm_type: self.kind,
            rtm_flags: self.flags.into(),
        }
    }

    /// The table id: `RTA_TABLE` when present (ids above 255 need it), else `rtm_table`.
    ///
    /// ```
    /// use netlink_codec::{repr::{RouteAttrs, RouteRepr}, route::RT_TABLE_MAIN};
    /// let main = RouteRepr { table: RT_TABLE_MAIN, ..Default::default() };
    /// assert_eq!(main.table_id(), 254);
    /// let big = RouteRepr { attrs: RouteAttrs { table: Some(1000), ..Default::default() }, ..main };
    /// assert_eq!(big.table_id(), 1000);
    /// ```
    pub fn table_id(&self) -> u32 {
        self.attrs.table.unwrap_or(u32::from(self.table))
    }

    /// Bytes [`RouteRepr::emit`] writes (the message without its `nlmsghdr`).
    pub fn buffer_len(&self) -> usize {
        padded(RtMsg::LEN) + self.attrs.attrs_len()
    }

    /// Write the `rtmsg` and the attributes into a message being built.
    pub fn emit<B: EmitBuf + ?Sized>(
        &self,
        m: &mut MessageBuilder<'_, B>,
    ) -> Result<(), EncodeError> {
        m.family_header(&self.header())?;
        self.attrs.emit_attrs(m.attrs())
    }
}

/// `route DST/LEN table T` and the set attributes.
impl fmt::Display for RouteRepr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("route ")?;
        match self.attrs.dst {
            Some(d) => write!(f, "{d}/{}", self.dst_len)?,
            None => f.write_str("default")?,
        }
        write!(f, " table {}", self.table_id())?;
        let rest = RouteAttrs {
            dst: None,
            table: None,
            ..self.attrs.clone()
        };
        write!(f, "{rest}")
    }
}

repr_attrs! {
    /// The typed `RTA_*` attributes of a [`RouteRepr`].
    ///
    /// ```
    /// use netlink_codec::repr::RouteAttrs;
    /// assert_eq!(RouteAttrs { oif: Some(2), priority: Some(100), ..Default::default() }.attrs_len(), 16);
    /// ```
    pub struct RouteAttrs<'a> in ROUTE {
        /// `RTA_DST`.
        dst: IpAddr = RTA_DST,
        /// `RTA_SRC`.
        src: IpAddr = RTA_SRC,
        /// `RTA_GATEWAY`.
        gateway: IpAddr = RTA_GATEWAY,
        /// `RTA_OIF`: the output interface.
        oif: u32 = RTA_OIF,
        /// `RTA_IIF`: the input interface.
        iif: u32 = RTA_IIF,
        /// `RTA_PRIORITY`: the metric.
        priority: u32 = RTA_PRIORITY,
        /// `RTA_PREFSRC`.
        prefsrc: IpAddr = RTA_PREFSRC,
        /// `RTA_TABLE`: the table id as a `u32`.
        table: u32 = RTA_TABLE,
        /// `RTA_METRICS`: `RTAX_*`.
        metrics: Metrics<'a> = RTA_METRICS,
        /// `RTA_MULTIPATH`: the next hops.
        multipath: Multipath<'a> = RTA_MULTIPATH,
        /// `RTA_PREF`: the IPv6 router preference.
        pref: u8 = RTA_PREF,
        /// `RTA_VIA`: a gateway of another family.
        via: RtVia<'a> = RTA_VIA,
        /// `RTA_NH_ID`: a nexthop object.
        nh_id: u32 = RTA_NH_ID,
        /// `RTA_CACHEINFO`.
        cacheinfo: RtaCacheinfo = RTA_CACHEINFO,
        /// `RTA_MARK`.
        mark: u32 = RTA_MARK,
        /// `RTA_EXPIRES`.
        expires: u32 = RTA_EXPIRES,
    }
}

repr_attrs! {
    /// `RTA_METRICS`: `RTAX_*`.
    ///
    /// ```
    /// use netlink_codec::repr::Metrics;
    /// assert_eq!(Metrics { mtu: Some(1400), ..Default::default() }.to_string(), " mtu 1400");
    /// ```
    pub struct Metrics<'a> in METRICS {
        /// `RTAX_LOCK`: the locked metrics (bits `1 << RTAX_*`).
        lock: u32 = RTAX_LOCK,
        /// `RTAX_MTU`.
        mtu: u32 = RTAX_MTU,
        /// `RTAX_WINDOW`.
        window: u32 = RTAX_WINDOW,
        /// `RTAX_RTT`.
        rtt: u32 = RTAX_RTT,
        /// `RTAX_RTTVAR`.
        rttvar: u32 = RTAX_RTTVAR,
        /// `RTAX_SSTHRESH`.
        ssthresh: u32 = RTAX_SSTHRESH,
        /// `RTAX_CWND`.
        cwnd: u32 = RTAX_CWND,
        /// `RTAX_ADVMSS`.
        advmss: u32 = RTAX_ADVMSS,
        /// `RTAX_REORDERING`.
        reordering: u32 = RTAX_REORDERING,
        /// `RTAX_HOPLIMIT`.
        hoplimit: u32 = RTAX_HOPLIMIT,
        /// `RTAX_INITCWND`.
        initcwnd: u32 = RTAX_INITCWND,
        /// `RTAX_FEATURES`.
        features: u32 = RTAX_FEATURES,
        /// `RTAX_RTO_MIN`.
        rto_min: u32 = RTAX_RTO_MIN,
        /// `RTAX_INITRWND`.
        initrwnd: u32 = RTAX_INITRWND,
        /// `RTAX_QUICKACK`.
        quickack: u32 = RTAX_QUICKACK,
        /// `RTAX_CC_ALGO`: the congestion control algorithm.
        cc_algo: &'a str = RTAX_CC_ALGO,
        /// `RTAX_FASTOPEN_NO_COOKIE`.
        fastopen_no_cookie: u32 = RTAX_FASTOPEN_NO_COOKIE,
    }
}

/// `RTA_VIA`: `struct rtvia`, an address family and the address bytes.
///
/// ```
/// use netlink_codec::{af::AF_INET6, repr::RtVia};
/// let v = RtVia { family: AF_INET6.into(), addr: &[0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1] };
/// assert_eq!(v.ip(), Some("fe80::1".parse().unwrap()));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RtVia<'a> {
    /// `rtvia_family` (`AF_*`).
    pub family: u16,
    /// `rtvia_addr`.
    pub addr: &'a [u8],
}

impl RtVia<'_> {
    /// The address as an IP address, when it is 4 or 16 bytes.
    pub fn ip(&self) -> Option<IpAddr> {
        match self.addr.len() {
            4 => <[u8; 4]>::try_from(self.addr).ok().map(IpAddr::from),
            16 => <[u8; 16]>::try_from(self.addr).ok().map(IpAddr::from),
            _ => None,
        }
    }
}

impl<'a> Leaf<'a> for RtVia<'a> {
    fn read(a: &Attr<'a>) -> Result<Self, DecodeError> {
        let p = a.payload();
        let bad = DecodeError::new(a.offset(), DecodeErrorKind::BadAttrSize);
        let fam: [u8; 2] = p.get(..2).and_then(|b| b.try_into().ok()).ok_or(bad)?;
        Ok(RtVia {
            family: u16::from_ne_bytes(fam),
            addr: &p[2..],
        })
    }
    fn parts<R>(&self, f: impl FnOnce(&[&[u8]]) -> R) -> R {
        f(&[&self.family.to_ne_bytes(), self.addr])
    }
    fn shape_ok(shape: &Shape) -> bool {
        matches!(shape, Shape::Via)
    }
    fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ip() {
            Some(ip) => write!(f, "{ip}"),
            None => show_hex(f, self.addr),
        }
    }
}

/// `RTA_MULTIPATH`: the next hops of a route. A parsed one keeps its bytes (every next hop
/// was checked) and types them as [`Multipath::iter`] goes; one to send lists
/// [`NexthopRepr`]s.
///
/// ```
/// use netlink_codec::repr::{Multipath, NexthopRepr};
/// let hops = [NexthopRepr { ifindex: 2, ..Default::default() }, NexthopRepr { ifindex: 3, ..Default::default() }];
/// let mp = Multipath::Set(&hops);
/// let idx: Vec<i32> = mp.iter().map(|h| h.unwrap().ifindex).collect();
/// assert_eq!(idx, [2, 3]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Multipath<'a> {
    /// As parsed: the `rtnexthop` list and its offset in the outermost buffer.
    Wire(&'a [u8], usize),
    /// Next hops to send.
    Set(&'a [NexthopRepr<'a>]),
}

impl<'a> Multipath<'a> {
    /// The next hops, typed.
    pub fn iter(&self) -> impl Iterator<Item = Result<NexthopRepr<'a>, DecodeError>> + 'a {
        let (wire, at, set) = match *self {
            Multipath::Wire(b, at) => (b, at, &[][..]),
            Multipath::Set(s) => (&[][..], 0, s),
        };
        let parsed = Nexthops::new(wire, at)
            .map(move |nh| nh.and_then(|nh| NexthopRepr::from_view(&nh, wire, at)));
        parsed.chain(set.iter().cloned().map(Ok))
    }
}

impl<'a> Wire<'a> for Multipath<'a> {
    fn read(a: &Attr<'a>) -> Result<Self, DecodeError> {
        let mp = Multipath::Wire(a.payload(), a.payload_offset());
        for nh in mp.iter() {
            nh?;
        }
        Ok(mp)
    }
    fn write<S: Sink>(
        &self,
        raw_type: u16,
        orig: Option<&Attr<'a>>,
        s: &mut S,
    ) -> Result<(), EncodeError> {
        match (*self, orig) {
            (Multipath::Wire(b, _), Some(o)) if o.payload() == b => copy_attr(s, o),
            (Multipath::Wire(b, _), _) => s.attr(raw_type, &[b]),
            (Multipath::Set(hops), _) => {
                let n = s.nest_start(raw_type)?;
                for h in hops {
                    h.write(s)?;
                }
                s.nest_end(n)
            }
        }
    }
    fn shape_ok(shape: &Shape) -> bool {
        matches!(shape, Shape::Multipath(_))
    }
    fn show(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for h in self.iter() {
            match h {
                Ok(h) => write!(f, " {{ dev {}{} }}", h.ifindex, h.attrs)?,
                Err(e) => write!(f, " {e}")?,
            }
        }
        f.write_str(" ]")
    }
}

/// One next hop of `RTA_MULTIPATH`: the `rtnexthop` fields and its attributes.
///
/// ```
/// use netlink_codec::repr::NexthopRepr;
/// let h = NexthopRepr { ifindex: 2, hops: 0, ..Default::default() };
/// assert_eq!(h.weight(), 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NexthopRepr<'a> {
    /// `rtnh_flags`.
    pub flags: RtnhFlags,
    /// `rtnh_hops`: the weight minus one.
    pub hops: u8,
    /// `rtnh_ifindex`.
    pub ifindex: i32,
    /// The next hop's attributes.
    pub attrs: NexthopAttrs<'a>,
}

impl<'a> NexthopRepr<'a> {
    /// The weight (`rtnh_hops + 1`).
    pub fn weight(&self) -> u16 {
        u16::from(self.hops) + 1
    }

    /// Type one checked next hop of the run `mp` (which starts at `base`).
    fn from_view(nh: &Nexthop<'a>, mp: &'a [u8], base: usize) -> Result<Self, DecodeError> {
        // `Nexthops` checked `rtnh_len` against the run, so the range is inside it.
        let start = nh.offset - base + RtNexthop::LEN;
        let end = nh.offset - base + usize::from(nh.header.rtnh_len.get());
        let bad = DecodeError::new(nh.offset, DecodeErrorKind::BadNexthop);
        let attrs = mp.get(start..end).ok_or(bad)?;
        Ok(NexthopRepr {
            flags: RtnhFlags::from_bits_retain(nh.header.rtnh_flags),
            hops: nh.header.rtnh_hops,
            ifindex: nh.header.rtnh_ifindex.get(),
            attrs: NexthopAttrs::parse_attrs(attrs, base + start)?,
        })
    }

    fn write<S: Sink>(&self, s: &mut S) -> Result<(), EncodeError> {
        // `struct rtnexthop` starts like an attribute header: a u16 length patched at the
        // end, then two bytes (flags, hops) where an attribute has its type.
        let n = s.nest_start(u16::from_ne_bytes([self.flags.bits(), self.hops]))?;
        s.raw(&self.ifindex.to_ne_bytes())?;
        self.attrs.write_attrs(s)?;
        s.nest_end(n)
    }
}

repr_attrs! {
    /// The typed attributes of one next hop (route attributes).
    ///
    /// ```
    /// use netlink_codec::repr::NexthopAttrs;
    /// let a = NexthopAttrs { gateway: Some("10.0.0.1".parse().unwrap()), ..Default::default() };
    /// assert_eq!(a.attrs_len(), 8);
    /// ```
    pub struct NexthopAttrs<'a> in ROUTE {
        /// `RTA_GATEWAY`.
        gateway: IpAddr = RTA_GATEWAY,
        /// `RTA_VIA`.
        via: RtVia<'a> = RTA_VIA,
        /// `RTA_FLOW`.
        flow: u32 = RTA_FLOW,
    }
}
