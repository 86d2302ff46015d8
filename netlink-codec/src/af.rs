//! Address families (`AF_*`) as rtnetlink headers carry them, and the IP protocol numbers
//! (`IPPROTO_*`) of attributes that select traffic or tunnel it.

use crate::uapi::uapi_consts;

uapi_consts! {
    /// Names of the address families, for header fields such as `ifi_family`.
    AF_NAMES: u8 {
        AF_UNSPEC = 0,
        AF_UNIX = 1,
        AF_INET = 2,
        AF_BRIDGE = 7,
        AF_INET6 = 10,
        AF_NETLINK = 16,
        AF_PACKET = 17,
        AF_MPLS = 28,
        RTNL_FAMILY_IPMR = 128,
        RTNL_FAMILY_IP6MR = 129,
    }
}

uapi_consts! {
    /// `IPPROTO_*` (`linux/in.h`, `IPPROTO_ICMPV6` from `linux/in6.h`) that fit a `__u8`:
    /// `RTA_IP_PROTO`, `FRA_IP_PROTO`, `IFLA_IPTUN_PROTO`.
    IPPROTO_NAMES: u8 {
        IPPROTO_IP = 0,
        IPPROTO_ICMP = 1,
        IPPROTO_IGMP = 2,
        IPPROTO_IPIP = 4,
        IPPROTO_TCP = 6,
        IPPROTO_EGP = 8,
        IPPROTO_PUP = 12,
        IPPROTO_UDP = 17,
        IPPROTO_IDP = 22,
        IPPROTO_TP = 29,
        IPPROTO_DCCP = 33,
        IPPROTO_IPV6 = 41,
        IPPROTO_RSVP = 46,
        IPPROTO_GRE = 47,
        IPPROTO_ESP = 50,
        IPPROTO_AH = 51,
        IPPROTO_ICMPV6 = 58,
        IPPROTO_MTP = 92,
        IPPROTO_BEETPH = 94,
        IPPROTO_ENCAP = 98,
        IPPROTO_PIM = 103,
        IPPROTO_COMP = 108,
        IPPROTO_L2TP = 115,
        IPPROTO_SCTP = 132,
        IPPROTO_UDPLITE = 136,
        IPPROTO_MPLS = 137,
        IPPROTO_ETHERNET = 143,
        IPPROTO_RAW = 255,
    }
}
