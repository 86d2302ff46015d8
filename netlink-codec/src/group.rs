//! The rtnetlink multicast groups (`enum rtnetlink_groups`, `linux/rtnetlink.h`): what a
//! socket joins (`bind`'s group mask for groups 1-32, `NETLINK_ADD_MEMBERSHIP` for all) to
//! receive notifications.

use crate::uapi::uapi_consts;

uapi_consts! {
    /// `RTNLGRP_*` numbers and names.
    RTNLGRP_NAMES: u32 {
        RTNLGRP_NONE = 0,
        RTNLGRP_LINK = 1,
        RTNLGRP_NOTIFY = 2,
        RTNLGRP_NEIGH = 3,
        RTNLGRP_TC = 4,
        RTNLGRP_IPV4_IFADDR = 5,
        RTNLGRP_IPV4_MROUTE = 6,
        RTNLGRP_IPV4_ROUTE = 7,
        RTNLGRP_IPV4_RULE = 8,
        RTNLGRP_IPV6_IFADDR = 9,
        RTNLGRP_IPV6_MROUTE = 10,
        RTNLGRP_IPV6_ROUTE = 11,
        RTNLGRP_IPV6_IFINFO = 12,
        #[allow(non_upper_case_globals)] // the uapi spelling
        RTNLGRP_DECnet_IFADDR = 13,
        RTNLGRP_NOP2 = 14,
        #[allow(non_upper_case_globals)] // the uapi spelling
        RTNLGRP_DECnet_ROUTE = 15,
        #[allow(non_upper_case_globals)] // the uapi spelling
        RTNLGRP_DECnet_RULE = 16,
        RTNLGRP_NOP4 = 17,
        RTNLGRP_IPV6_PREFIX = 18,
        RTNLGRP_IPV6_RULE = 19,
        RTNLGRP_ND_USEROPT = 20,
        RTNLGRP_PHONET_IFADDR = 21,
        RTNLGRP_PHONET_ROUTE = 22,
        RTNLGRP_DCB = 23,
        RTNLGRP_IPV4_NETCONF = 24,
        RTNLGRP_IPV6_NETCONF = 25,
        RTNLGRP_MDB = 26,
        RTNLGRP_MPLS_ROUTE = 27,
        RTNLGRP_NSID = 28,
        RTNLGRP_MPLS_NETCONF = 29,
        RTNLGRP_IPV4_MROUTE_R = 30,
        RTNLGRP_IPV6_MROUTE_R = 31,
        RTNLGRP_NEXTHOP = 32,
        RTNLGRP_BRVLAN = 33,
        RTNLGRP_MCTP_IFADDR = 34,
        RTNLGRP_TUNNEL = 35,
        RTNLGRP_STATS = 36,
        RTNLGRP_IPV4_MCADDR = 37,
        RTNLGRP_IPV6_MCADDR = 38,
        RTNLGRP_IPV6_ACADDR = 39,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_numbered_densely_as_the_kernel_enum_is() {
        for (i, (n, _)) in RTNLGRP_NAMES.iter().enumerate() {
            assert_eq!(*n, i as u64);
        }
        assert_eq!(RTNLGRP_IPV6_ROUTE, 11);
        assert_eq!(RTNLGRP_NEXTHOP, 32);
    }
}
