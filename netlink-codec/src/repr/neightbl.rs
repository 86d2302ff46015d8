//! [`NeighTblRepr`]: `RTM_*NEIGHTBL` (`ndtmsg`, `NDTA_*` and `NDTPA_*`).

use core::fmt;

use super::{padded, repr_attrs, split_body};
use crate::attr::EmitBuf;
use crate::build::MessageBuilder;
use crate::error::{DecodeError, EncodeError};
use crate::header::NlMsg;
use crate::neigh::*;

/// A neighbour table (`RTM_NEWNEIGHTBL`, `RTM_GETNEIGHTBL`, `RTM_SETNEIGHTBL`); vethctl
/// sets `proxy_delay` per device with it.
///
/// ```
/// use netlink_codec::{af::AF_INET, build::MessageBuilder, header::*, repr::*};
/// let t = NeighTblRepr {
///     family: AF_INET,
///     attrs: NeighTblAttrs {
///         name: Some("arp_cache"),
///         parms: Some(NeighTblParms { ifindex: Some(7), proxy_delay: Some(0), ..Default::default() }),
///         ..Default::default()
///     },
/// };
/// let mut buf = Vec::new();
/// let mut m = MessageBuilder::new(&mut buf, RTM_SETNEIGHTBL, NlmFlags::REQUEST, 1)?;
/// t.emit(&mut m)?;
/// assert_eq!(m.finish()?, 16 + t.buffer_len());
/// let back = NeighTblRepr::parse(&Messages::new(&buf).next().unwrap()?)?;
/// assert_eq!(back.attrs.parms.unwrap().proxy_delay, Some(0));
/// assert_eq!(t.to_string(), r#"neightbl name "arp_cache" parms { ifindex 7 proxy_delay 0 }"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NeighTblRepr<'a> {
    /// `ndtm_family`.
    pub family: u8,
    /// The `NDTA_*` attributes.
    pub attrs: NeighTblAttrs<'a>,
}

impl<'a> NeighTblRepr<'a> {
    /// Parse a neighbour table message. See the [type's example](NeighTblRepr).
    #[inline]
    pub fn parse(msg: &NlMsg<'a>) -> Result<Self, DecodeError> {
        let (h, attrs, at) = split_body::<NdtMsg>(msg.payload(), msg.payload_offset())?;
        Ok(NeighTblRepr {
            family: h.ndtm_family,
            attrs: NeighTblAttrs::parse_attrs(attrs, at)?,
        })
    }

    /// Bytes [`NeighTblRepr::emit`] writes (the message without its `nlmsghdr`).
    pub fn buffer_len(&self) -> usize {
        padded(NdtMsg::LEN) + self.attrs.attrs_len()
    }

    /// Write the `ndtmsg` and the attributes into a message being built.
    pub fn emit<B: EmitBuf + ?Sized>(
        &self,
        m: &mut MessageBuilder<'_, B>,
    ) -> Result<(), EncodeError> {
        m.family_header(&NdtMsg {
            ndtm_family: self.family,
            ..Default::default()
        })?;
        self.attrs.emit_attrs(m.attrs())
    }
}

/// `neightbl` and the set attributes.
impl fmt::Display for NeighTblRepr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "neightbl{}", self.attrs)
    }
}

repr_attrs! {
    /// The typed `NDTA_*` attributes of a [`NeighTblRepr`].
    ///
    /// ```
    /// use netlink_codec::repr::NeighTblAttrs;
    /// assert_eq!(NeighTblAttrs { name: Some("ndisc_cache"), ..Default::default() }.attrs_len(), 16);
    /// ```
    pub struct NeighTblAttrs<'a> in NEIGHTBL {
        /// `NDTA_NAME`: `"arp_cache"`, `"ndisc_cache"`.
        name: &'a str = NDTA_NAME,
        /// `NDTA_THRESH1`.
        thresh1: u32 = NDTA_THRESH1,
        /// `NDTA_THRESH2`.
        thresh2: u32 = NDTA_THRESH2,
        /// `NDTA_THRESH3`.
        thresh3: u32 = NDTA_THRESH3,
        /// `NDTA_PARMS`: per-device parameters.
        parms: NeighTblParms<'a> = NDTA_PARMS,
        /// `NDTA_GC_INTERVAL` (ms).
        gc_interval: u64 = NDTA_GC_INTERVAL,
    }
}

repr_attrs! {
    /// `NDTA_PARMS`: `NDTPA_*` (times in milliseconds).
    ///
    /// ```
    /// use netlink_codec::repr::NeighTblParms;
    /// assert_eq!(NeighTblParms { ifindex: Some(7), proxy_delay: Some(0), ..Default::default() }.attrs_len(), 8 + 12);
    /// ```
    pub struct NeighTblParms<'a> in NEIGHTBL_PARMS {
        /// `NDTPA_IFINDEX`: the device these parameters are for.
        ifindex: u32 = NDTPA_IFINDEX,
        /// `NDTPA_REACHABLE_TIME`.
        reachable_time: u64 = NDTPA_REACHABLE_TIME,
        /// `NDTPA_BASE_REACHABLE_TIME`.
        base_reachable_time: u64 = NDTPA_BASE_REACHABLE_TIME,
        /// `NDTPA_RETRANS_TIME`.
        retrans_time: u64 = NDTPA_RETRANS_TIME,
        /// `NDTPA_GC_STALETIME`.
        gc_staletime: u64 = NDTPA_GC_STALETIME,
        /// `NDTPA_DELAY_PROBE_TIME`.
        delay_probe_time: u64 = NDTPA_DELAY_PROBE_TIME,
        /// `NDTPA_QUEUE_LEN`.
        queue_len: u32 = NDTPA_QUEUE_LEN,
        /// `NDTPA_UCAST_PROBES`.
        ucast_probes: u32 = NDTPA_UCAST_PROBES,
        /// `NDTPA_MCAST_PROBES`.
        mcast_probes: u32 = NDTPA_MCAST_PROBES,
        /// `NDTPA_ANYCAST_DELAY`.
        anycast_delay: u64 = NDTPA_ANYCAST_DELAY,
        /// `NDTPA_PROXY_DELAY`: how long proxy ARP waits before answering.
        proxy_delay: u64 = NDTPA_PROXY_DELAY,
        /// `NDTPA_PROXY_QLEN`.
        proxy_qlen: u32 = NDTPA_PROXY_QLEN,
        /// `NDTPA_LOCKTIME`.
        locktime: u64 = NDTPA_LOCKTIME,
    }
}
