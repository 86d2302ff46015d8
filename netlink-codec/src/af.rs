//! Address families (`AF_*`) as rtnetlink headers carry them.

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
