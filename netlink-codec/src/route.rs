//! Routes: `struct rtmsg`, `RTA_*`, `RTAX_*` metrics and `struct rtnexthop`
//! (`linux/rtnetlink.h`), used by `RTM_NEWROUTE`, `RTM_DELROUTE`, `RTM_GETROUTE`.
//!
//! ```text
//!  0               1               2               3
//! +---------------+---------------+---------------+---------------+
//! | rtm_family u8 | rtm_dst_len u8| rtm_src_len u8|  rtm_tos u8   |  0
//! +---------------+---------------+---------------+---------------+
//! | rtm_table u8  |rtm_protocol u8| rtm_scope u8  |  rtm_type u8  |  4
//! +---------------+---------------+---------------+---------------+
//! |                    rtm_flags u32 (RTM_F_*)                    |  8
//! +---------------------------------------------------------------+
//! ```

use zerocopy::byteorder::native_endian::{I32, U16, U32};
use zerocopy::{FromBytes, Immutable, IntoBytes, KnownLayout, Unaligned};

use crate::attr::Attrs;
use crate::attr_space;
use crate::error::{DecodeError, DecodeErrorKind};
use crate::field;
use crate::schema::{Elem, HeaderDef, Labels, Names, Shape};
use crate::tlv::{Framing, Walk};
use crate::uapi::{concat_names, uapi_consts, uapi_flags};

/// `struct rtmsg` (12 bytes).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    FromBytes,
    IntoBytes,
    KnownLayout,
    Immutable,
    Unaligned,
)]
#[repr(C)]
pub struct RtMsg {
    /// `rtm_family`.
    pub rtm_family: u8,
    /// `rtm_dst_len`: destination prefix length.
    pub rtm_dst_len: u8,
    /// `rtm_src_len`: source prefix length.
    pub rtm_src_len: u8,
    /// `rtm_tos`.
    pub rtm_tos: u8,
    /// `rtm_table`: `RT_TABLE_*` (`RTA_TABLE` carries ids above 255).
    pub rtm_table: u8,
    /// `rtm_protocol`: `RTPROT_*`.
    pub rtm_protocol: u8,
    /// `rtm_scope`: `RT_SCOPE_*`.
    pub rtm_scope: u8,
    /// `rtm_type`: `RTN_*`.
    pub rtm_type: u8,
    /// `rtm_flags`: `RTM_F_*` / `RTNH_F_*`.
    pub rtm_flags: U32,
}
const _: () = assert!(core::mem::size_of::<RtMsg>() == 12);

impl RtMsg {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The header's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "rtmsg",
        len: Self::LEN,
        fields: &[
            field!(Self, rtm_family, Names::Enum(crate::af::AF_NAMES)),
            field!(Self, rtm_dst_len),
            field!(Self, rtm_src_len),
            field!(Self, rtm_tos),
            field!(Self, rtm_table, Names::Enum(RT_TABLE_NAMES)),
            field!(Self, rtm_protocol, Names::Enum(RTPROT_NAMES)),
            field!(Self, rtm_scope, Names::Enum(RT_SCOPE_NAMES)),
            field!(Self, rtm_type, Names::Enum(RTN_NAMES)),
            field!(Self, rtm_flags, Names::Flags(RTM_F_NAMES)),
        ],
    };
}

uapi_consts! {
    /// Names of `rtm_type` values.
    RTN_NAMES: u8 {
        RTN_UNSPEC = 0,
        /// A gateway or direct route.
        RTN_UNICAST = 1,
        /// A local address (the `local` table).
        RTN_LOCAL = 2,
        RTN_BROADCAST = 3,
        RTN_ANYCAST = 4,
        RTN_MULTICAST = 5,
        RTN_BLACKHOLE = 6,
        RTN_UNREACHABLE = 7,
        RTN_PROHIBIT = 8,
        RTN_THROW = 9,
        RTN_NAT = 10,
        RTN_XRESOLVE = 11,
    }
}

uapi_consts! {
    /// Names of `rtm_scope` / `ifa_scope` values.
    RT_SCOPE_NAMES: u8 {
        RT_SCOPE_UNIVERSE = 0,
        RT_SCOPE_SITE = 200,
        RT_SCOPE_LINK = 253,
        RT_SCOPE_HOST = 254,
        RT_SCOPE_NOWHERE = 255,
    }
}

uapi_consts! {
    /// Names of `rtm_table` values (`RTA_TABLE` carries ids above 255 as a `u32`).
    RT_TABLE_NAMES: u8 {
        RT_TABLE_UNSPEC = 0,
        RT_TABLE_COMPAT = 252,
        RT_TABLE_DEFAULT = 253,
        RT_TABLE_MAIN = 254,
        RT_TABLE_LOCAL = 255,
    }
}

uapi_consts! {
    /// Names of `rtm_protocol` values.
    RTPROT_NAMES: u8 {
        RTPROT_UNSPEC = 0,
        RTPROT_REDIRECT = 1,
        /// Installed by the kernel (local and connected routes).
        RTPROT_KERNEL = 2,
        /// What `ip route add` uses.
        RTPROT_BOOT = 3,
        RTPROT_STATIC = 4,
        RTPROT_GATED = 8,
        RTPROT_RA = 9,
        RTPROT_MRT = 10,
        RTPROT_ZEBRA = 11,
        RTPROT_BIRD = 12,
        RTPROT_DNROUTED = 13,
        RTPROT_XORP = 14,
        RTPROT_NTK = 15,
        RTPROT_DHCP = 16,
        RTPROT_MROUTED = 17,
        RTPROT_KEEPALIVED = 18,
        RTPROT_BABEL = 42,
        RTPROT_OPENR = 99,
        RTPROT_BGP = 186,
        RTPROT_ISIS = 187,
        RTPROT_OSPF = 188,
        RTPROT_RIP = 189,
        RTPROT_EIGRP = 192,
    }
}

uapi_flags! {
    /// `RTM_F_*` flags of `rtm_flags` (the low byte holds `RTNH_F_*`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct RtmFlags: u32, "RTM_F_", RTM_F_ONLY_NAMES {
        NOTIFY = 0x100,
        CLONED = 0x200,
        EQUALIZE = 0x400,
        PREFIX = 0x800,
        LOOKUP_TABLE = 0x1000,
        FIB_MATCH = 0x2000,
        OFFLOAD = 0x4000,
        TRAP = 0x8000,
        OFFLOAD_FAILED = 0x2000_0000,
    }
}

uapi_flags! {
    /// `RTNH_F_*` next-hop flags (`rtnh_flags`, and the low byte of `rtm_flags`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct RtnhFlags: u8, "RTNH_F_", RTNH_F_NAMES {
        DEAD = 1,
        PERVASIVE = 2,
        ONLINK = 4,
        OFFLOAD = 8,
        LINKDOWN = 16,
        UNRESOLVED = 32,
        TRAP = 64,
    }
}

/// Names of the bits of `rtm_flags`: `RTNH_F_*` in the low byte, then `RTM_F_*`.
pub const RTM_F_NAMES: &[(u64, &str)] = &concat_names::<
    { RTNH_F_NAMES.len() + RTM_F_ONLY_NAMES.len() },
>(RTNH_F_NAMES, RTM_F_ONLY_NAMES);

/// The `RTA_DST` shape by `rtm_family`: an `AF_MPLS` route's destination is its label
/// (one `struct mpls_label`, as `RTA_NEWDST` holds a stack of them); other families' an
/// address.
pub static DST_FAMILIES: &[(u8, Shape)] = &[(crate::af::AF_MPLS, Shape::Structs(&MplsLabel::DEF))];

/// `IP6_RT_PRIO_USER` (the kernel's `net/ip6_route.h`): the metric of an IPv6 route
/// added without `RTA_PRIORITY`.
pub const IP6_RT_PRIO_USER: u32 = 1024;

pub use crate::lwtunnel::MplsLabel;

uapi_consts! {
    /// `ICMPV6_ROUTER_PREF_*` (`linux/icmpv6.h`, RFC 4191's two bits): `RTA_PREF`.
    ICMPV6_ROUTER_PREF_NAMES: u8 {
        ICMPV6_ROUTER_PREF_LOW = 0x3,
        ICMPV6_ROUTER_PREF_MEDIUM = 0x0,
        ICMPV6_ROUTER_PREF_HIGH = 0x1,
        ICMPV6_ROUTER_PREF_INVALID = 0x2,
    }
}

uapi_consts! {
    /// `RT_DEL_REASON_*` (`linux/rtnetlink.h`): `RTA_DEL_REASON`, why a route went away.
    RT_DEL_REASON_NAMES: u32 {
        RT_DEL_REASON_UNSPEC = 0,
        RT_DEL_REASON_EXPIRED = 1,
        RT_DEL_REASON_RA_WITHDRAWN = 2,
    }
}

/// `struct rta_cacheinfo` (32 bytes), the payload of `RTA_CACHEINFO`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    FromBytes,
    IntoBytes,
    KnownLayout,
    Immutable,
    Unaligned,
)]
#[repr(C)]
pub struct RtaCacheinfo {
    /// `rta_clntref`.
    pub rta_clntref: U32,
    /// `rta_lastuse`.
    pub rta_lastuse: U32,
    /// `rta_expires`.
    pub rta_expires: I32,
    /// `rta_error`.
    pub rta_error: U32,
    /// `rta_used`.
    pub rta_used: U32,
    /// `rta_id`.
    pub rta_id: U32,
    /// `rta_ts`.
    pub rta_ts: U32,
    /// `rta_tsage`.
    pub rta_tsage: U32,
}
const _: () = assert!(core::mem::size_of::<RtaCacheinfo>() == 32);

/// Field names of `struct rta_cacheinfo`.
pub static RTA_CACHEINFO_NAMES: &[&str] = &[
    "rta_clntref",
    "rta_lastuse",
    "rta_expires",
    "rta_error",
    "rta_used",
    "rta_id",
    "rta_ts",
    "rta_tsage",
];

/// Field names of `struct rta_mfc_stats` (`RTA_MFC_STATS`).
pub static RTA_MFC_STATS_NAMES: &[&str] = &["mfcs_packets", "mfcs_bytes", "mfcs_wrong_if"];

/// `struct rtnexthop` (8 bytes), one entry of `RTA_MULTIPATH`, followed by route
/// attributes (`RTA_GATEWAY`, ...) up to `rtnh_len`.
///
/// ```text
/// +-------------------------------+---------------+---------------+
/// |       rtnh_len u16            | rtnh_flags u8 | rtnh_hops u8  |
/// +-------------------------------+---------------+---------------+
/// |                    rtnh_ifindex i32                           |
/// +---------------------------------------------------------------+
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    FromBytes,
    IntoBytes,
    KnownLayout,
    Immutable,
    Unaligned,
)]
#[repr(C)]
pub struct RtNexthop {
    /// `rtnh_len`: this header plus its attributes.
    pub rtnh_len: U16,
    /// `rtnh_flags`: `RTNH_F_*`.
    pub rtnh_flags: u8,
    /// `rtnh_hops`: weight minus one.
    pub rtnh_hops: u8,
    /// `rtnh_ifindex`.
    pub rtnh_ifindex: I32,
}
const _: () = assert!(core::mem::size_of::<RtNexthop>() == 8);

impl RtNexthop {
    /// Size on the wire.
    pub const LEN: usize = core::mem::size_of::<Self>();
    /// The header's fields.
    pub const DEF: HeaderDef = HeaderDef {
        name: "rtnexthop",
        len: Self::LEN,
        fields: &[
            field!(Self, rtnh_len),
            field!(Self, rtnh_flags, Names::Flags(RTNH_F_NAMES)),
            field!(Self, rtnh_hops),
            field!(Self, rtnh_ifindex),
        ],
    };
}

/// One next hop of `RTA_MULTIPATH`: its header and its attributes.
#[derive(Debug, Clone)]
pub struct Nexthop<'a> {
    /// The `rtnexthop` header.
    pub header: &'a RtNexthop,
    /// Its attributes (route space).
    pub attrs: Attrs<'a>,
    /// Offset of the header in the outermost buffer.
    pub offset: usize,
    /// Alignment padding after `rtnh_len`.
    pub pad: &'a [u8],
}

/// `rtnexthop` framing for the shared walk: `rtnh_len` counts the header, and every
/// framing fault is [`DecodeErrorKind::BadNexthop`].
struct NexthopFraming;

impl Framing for NexthopFraming {
    type Header = RtNexthop;
    const TRUNCATED: DecodeErrorKind = DecodeErrorKind::BadNexthop;
    const TOO_SMALL: DecodeErrorKind = DecodeErrorKind::BadNexthop;
    const PAST_END: DecodeErrorKind = DecodeErrorKind::BadNexthop;
    #[inline]
    fn len(h: &RtNexthop) -> Option<usize> {
        Some(usize::from(h.rtnh_len.get()))
    }
}

/// Iterator over the `rtnexthop` entries of `RTA_MULTIPATH`; checked like [`Attrs`].
#[derive(Debug, Clone)]
pub struct Nexthops<'a> {
    walk: Walk<'a>,
}

impl<'a> Nexthops<'a> {
    /// Iterate the next hops in `buf` (at `offset` of the outermost buffer).
    pub fn new(buf: &'a [u8], offset: usize) -> Self {
        Nexthops {
            walk: Walk::new(buf, offset),
        }
    }
}

impl<'a> Iterator for Nexthops<'a> {
    type Item = Result<Nexthop<'a>, DecodeError>;

    fn next(&mut self) -> Option<Self::Item> {
        Some(self.walk.next::<NexthopFraming>()?.map(|f| Nexthop {
            header: f.header,
            attrs: Attrs::new(f.body, f.offset + RtNexthop::LEN),
            offset: f.offset,
            pad: f.pad,
        }))
    }
}

attr_space! {
    /// Route attributes, `RTA_*`.
    pub static ROUTE = "RTA" {
        RTA_UNSPEC = 0 => Raw,
        RTA_DST = 1 => ByFamily(DST_FAMILIES, &Ip),
        RTA_SRC = 2 => Ip,
        RTA_IIF = 3 => U32,
        RTA_OIF = 4 => U32,
        RTA_GATEWAY = 5 => Ip,
        RTA_PRIORITY = 6 => U32,
        RTA_PREFSRC = 7 => Ip,
        RTA_METRICS = 8 => Nested(&METRICS),
        RTA_MULTIPATH = 9 => Multipath(&ROUTE),
        RTA_PROTOINFO = 10 => Raw,
        RTA_FLOW = 11 => U32,
        RTA_CACHEINFO = 12 => Array(Elem::U32, Labels::List(RTA_CACHEINFO_NAMES)),
        RTA_SESSION = 13 => Raw,
        RTA_MP_ALGO = 14 => Raw,
        RTA_TABLE = 15 => U32; Enum(RT_TABLE_NAMES),
        RTA_MARK = 16 => U32,
        RTA_MFC_STATS = 17 => Array(Elem::U64, Labels::List(RTA_MFC_STATS_NAMES)),
        RTA_VIA = 18 => Via,
        RTA_NEWDST = 19 => Structs(&MplsLabel::DEF),
        RTA_PREF = 20 => U8; Enum(ICMPV6_ROUTER_PREF_NAMES),
        RTA_ENCAP_TYPE = 21 => U16; Enum(crate::lwtunnel::LWTUNNEL_ENCAP_NAMES),
        RTA_ENCAP = 22 => ByType(RTA_ENCAP_TYPE, crate::lwtunnel::ENCAP_KINDS),
        RTA_EXPIRES = 23 => U32,
        RTA_PAD = 24 => Raw,
        RTA_UID = 25 => U32,
        RTA_TTL_PROPAGATE = 26 => U8,
        RTA_IP_PROTO = 27 => U8; Enum(crate::af::IPPROTO_NAMES),
        RTA_SPORT = 28 => Be16,
        RTA_DPORT = 29 => Be16,
        RTA_NH_ID = 30 => U32,
        RTA_FLOWLABEL = 31 => Be32,
        RTA_DEL_REASON = 32 => U32; Enum(RT_DEL_REASON_NAMES),
    }
}

attr_space! {
    /// `RTA_METRICS` contents, `RTAX_*`.
    pub static METRICS = "RTAX" {
        RTAX_UNSPEC = 0 => Raw,
        RTAX_LOCK = 1 => U32,
        RTAX_MTU = 2 => U32,
        RTAX_WINDOW = 3 => U32,
        RTAX_RTT = 4 => U32,
        RTAX_RTTVAR = 5 => U32,
        RTAX_SSTHRESH = 6 => U32,
        RTAX_CWND = 7 => U32,
        RTAX_ADVMSS = 8 => U32,
        RTAX_REORDERING = 9 => U32,
        RTAX_HOPLIMIT = 10 => U32,
        RTAX_INITCWND = 11 => U32,
        RTAX_FEATURES = 12 => U32,
        RTAX_RTO_MIN = 13 => U32,
        RTAX_INITRWND = 14 => U32,
        RTAX_QUICKACK = 15 => U32,
        RTAX_CC_ALGO = 16 => Str,
        RTAX_FASTOPEN_NO_COOKIE = 17 => U32,
    }
}
