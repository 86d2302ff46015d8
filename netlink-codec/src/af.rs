//! Address families (`AF_*`) as rtnetlink headers carry them.

/// `AF_UNSPEC`.
pub const AF_UNSPEC: u8 = 0;
/// `AF_UNIX`.
pub const AF_UNIX: u8 = 1;
/// `AF_INET`.
pub const AF_INET: u8 = 2;
/// `AF_BRIDGE`.
pub const AF_BRIDGE: u8 = 7;
/// `AF_INET6`.
pub const AF_INET6: u8 = 10;
/// `AF_NETLINK`.
pub const AF_NETLINK: u8 = 16;
/// `AF_PACKET`.
pub const AF_PACKET: u8 = 17;
/// `AF_MPLS`.
pub const AF_MPLS: u8 = 28;
/// `RTNL_FAMILY_IPMR`.
pub const RTNL_FAMILY_IPMR: u8 = 128;
/// `RTNL_FAMILY_IP6MR`.
pub const RTNL_FAMILY_IP6MR: u8 = 129;

/// Names of the address families, for header fields such as `ifi_family`.
pub const AF_NAMES: &[(u64, &str)] = &[
    (0, "AF_UNSPEC"),
    (1, "AF_UNIX"),
    (2, "AF_INET"),
    (7, "AF_BRIDGE"),
    (10, "AF_INET6"),
    (16, "AF_NETLINK"),
    (17, "AF_PACKET"),
    (28, "AF_MPLS"),
    (128, "RTNL_FAMILY_IPMR"),
    (129, "RTNL_FAMILY_IP6MR"),
];
