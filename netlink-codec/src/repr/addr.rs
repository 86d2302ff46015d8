//! [`AddrRepr`]: `RTM_*ADDR` (`ifaddrmsg` and `IFA_*`).

use core::fmt;
use core::net::IpAddr;

use super::{padded, repr_attrs, split_body};
use crate::addr::*;
use crate::attr::EmitBuf;
use crate::build::MessageBuilder;
use crate::error::{DecodeError, EncodeError};
use crate::header::NlMsg;

/// An address (`RTM_NEWADDR`, `RTM_DELADDR`, `RTM_GETADDR`).
///
/// ```
/// use core::net::{IpAddr, Ipv6Addr};
/// use netlink_codec::{addr::IfaFlags, af::AF_INET6, build::MessageBuilder, header::*, repr::*};
/// let ip = IpAddr::V6(Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1));
/// let a = AddrRepr {
///     family: AF_INET6, prefix_len: 64, index: 7, flags: IfaFlags::NODAD.bits() as u8,
///     attrs: AddrAttrs { local: Some(ip), address: Some(ip), flags: Some(IfaFlags::NODAD), ..Default::default() },
///     ..Default::default()
/// };
/// let mut buf = Vec::new();
/// let mut m = MessageBuilder::new(&mut buf, RTM_NEWADDR, NlmFlags::REQUEST, 1)?;
/// a.emit(&mut m)?;
/// assert_eq!(m.finish()?, 16 + a.buffer_len());
/// let back = AddrRepr::parse(&Messages::new(&buf).next().unwrap()?)?;
/// assert_eq!(back.attrs.flags, Some(IfaFlags::NODAD));
/// assert_eq!(back.to_string(), "addr fe80::1/64 dev 7 local fe80::1 address fe80::1 flags 0x2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AddrRepr<'a> {
    /// `ifa_family`.
    pub family: u8,
    /// `ifa_prefixlen`.
    pub prefix_len: u8,
    /// `ifa_flags`: the low 8 bits of `IFA_F_*` (all of them are in `IFA_FLAGS`).
    pub flags: u8,
    /// `ifa_scope` (`RT_SCOPE_*`).
    pub scope: u8,
    /// `ifa_index`.
    pub index: u32,
    /// The `IFA_*` attributes.
    pub attrs: AddrAttrs<'a>,
}

impl<'a> AddrRepr<'a> {
    /// Parse an address message. See the [type's example](AddrRepr).
    #[inline]
    pub fn parse(msg: &NlMsg<'a>) -> Result<Self, DecodeError> {
        Self::parse_with(msg, false)
    }

    /// [`AddrRepr::parse`] for an address whose `IFA_LABEL` may be foreign: an IPv4
    /// address is labelled with its link's name, which may be any bytes (see
    /// [`LinkRepr::parse_lenient`](super::LinkRepr::parse_lenient)). A string that is not
    /// UTF-8 leaves its field `None`; its bytes stay in `attrs.original`.
    ///
    /// ```
    /// use netlink_codec::{addr::*, af::AF_INET, build::MessageBuilder, header::*, repr::AddrRepr};
    /// let mut buf = Vec::new();
    /// let mut m = MessageBuilder::new(&mut buf, RTM_NEWADDR, NlmFlags::empty(), 1)?;
    /// m.family_header(&IfAddrMsg { ifa_family: AF_INET, ifa_prefixlen: 32, ..Default::default() })?;
    /// m.attrs().ip(IFA_LOCAL, "10.0.0.1".parse()?)?;
    /// m.attrs().attr(IFA_LABEL, b"\xff\xfe\0")?;
    /// m.finish()?;
    /// let msg = Messages::new(&buf).next().unwrap()?;
    /// assert!(AddrRepr::parse(&msg).is_err());
    /// let a = AddrRepr::parse_lenient(&msg)?;
    /// assert_eq!((a.attrs.local, a.attrs.label), (Some("10.0.0.1".parse()?), None));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_lenient(msg: &NlMsg<'a>) -> Result<Self, DecodeError> {
        Self::parse_with(msg, true)
    }

    #[inline]
    fn parse_with(msg: &NlMsg<'a>, keep_bad_strings: bool) -> Result<Self, DecodeError> {
        let (h, attrs, at) = split_body::<IfAddrMsg>(msg.payload(), msg.payload_offset())?;
        let mut me = AddrRepr {
            family: h.ifa_family,
            prefix_len: h.ifa_prefixlen,
            flags: h.ifa_flags,
            scope: h.ifa_scope,
            index: h.ifa_index.get(),
            attrs: AddrAttrs::default(),
        };
        me.attrs.fill_with(attrs, at, |_| false, keep_bad_strings)?;
        Ok(me)
    }

    /// The `ifaddrmsg` these fields make.
    pub fn header(&self) -> IfAddrMsg {
        IfAddrMsg {
            ifa_family: self.family,
            ifa_prefixlen: self.prefix_len,
            ifa_flags: self.flags,
            ifa_scope: self.scope,
            ifa_index: self.index.into(),
        }
    }

    /// Bytes [`AddrRepr::emit`] writes (the message without its `nlmsghdr`).
    pub fn buffer_len(&self) -> usize {
        padded(IfAddrMsg::LEN) + self.attrs.attrs_len()
    }

    /// Write the `ifaddrmsg` and the attributes into a message being built.
    pub fn emit<B: EmitBuf + ?Sized>(
        &self,
        m: &mut MessageBuilder<'_, B>,
    ) -> Result<(), EncodeError> {
        m.family_header(&self.header())?;
        self.attrs.emit_attrs(m.attrs())
    }
}

/// `addr LOCAL-OR-ADDRESS/PREFIX dev INDEX` and the set attributes.
impl fmt::Display for AddrRepr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("addr ")?;
        match self.attrs.local.or(self.attrs.address) {
            Some(ip) => write!(f, "{ip}")?,
            None => f.write_str("?")?,
        }
        write!(f, "/{} dev {}{}", self.prefix_len, self.index, self.attrs)
    }
}

repr_attrs! {
    /// The typed `IFA_*` attributes of an [`AddrRepr`].
    ///
    /// ```
    /// use netlink_codec::repr::AddrAttrs;
    /// let a = AddrAttrs { label: Some("eth0"), ..Default::default() };
    /// assert_eq!(a.attrs_len(), 12);
    /// ```
    pub struct AddrAttrs<'a> in ADDR {
        /// `IFA_LOCAL`: the interface's own address.
        local: IpAddr = IFA_LOCAL,
        /// `IFA_ADDRESS`: the prefix address (the peer on point-to-point links).
        address: IpAddr = IFA_ADDRESS,
        /// `IFA_LABEL`.
        label: &'a str = IFA_LABEL,
        /// `IFA_BROADCAST`.
        broadcast: IpAddr = IFA_BROADCAST,
        /// `IFA_CACHEINFO`: lifetimes and timestamps.
        cacheinfo: IfaCacheinfo = IFA_CACHEINFO,
        /// `IFA_FLAGS`: all the `IFA_F_*` flags.
        flags: IfaFlags = IFA_FLAGS,
        /// `IFA_RT_PRIORITY`: the metric of the prefix route.
        rt_priority: u32 = IFA_RT_PRIORITY,
        /// `IFA_PROTO` (`IFAPROT_*`).
        proto: u8 = IFA_PROTO,
    }
}
