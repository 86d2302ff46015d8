//! Which codec table each YNL name stands for. Edit here: a spec set, struct or sub-message
//! the test meets must be in exactly one list, or the test says which one to add it to.
//! Mapping a codec space or header the codec gains is a one-line edit: `unmapped("x-attrs",
//! WHY, "X_")` becomes `set("x-attrs", &x::X, "X_")`, `("xmsg", Err(WHY))` becomes
//! `("xmsg", Ok(&x::XMsg::DEF))`.

use netlink_codec::schema::{HeaderDef, Shape, Space};
use netlink_codec::{addr, link, neigh, nsid, route, rule};

/// A YNL attribute set, the codec space it describes (or why it has none yet), and the uapi
/// prefix of its names (YNL writes `ifla-` as `name-prefix` on some sets, inside the names
/// on others, or not at all: `vfinfo-attrs` is `IFLA_VF_*`).
pub(crate) struct SetMap {
    pub(crate) set: &'static str,
    pub(crate) space: Result<&'static Space, &'static str>,
    pub(crate) prefix: &'static str,
}

const fn set(set: &'static str, space: &'static Space, prefix: &'static str) -> SetMap {
    SetMap {
        set,
        space: Ok(space),
        prefix,
    }
}

/// A spec set with no codec space yet, and why. Every set of today's specs is mapped; a
/// set a newer spec adds starts here.
#[allow(dead_code)]
const fn unmapped(set: &'static str, why: &'static str, prefix: &'static str) -> SetMap {
    SetMap {
        set,
        space: Err(why),
        prefix,
    }
}

/// Every spec attribute set: its codec space, or why there is none.
pub(crate) static SETS: &[SetMap] = &[
    // rt-link
    set("link-attrs", &link::LINK, "IFLA_"),
    set("prop-list-link-attrs", &link::LINK, "IFLA_"),
    set("af-spec-attrs", &link::AF_SPEC, "AF_"),
    set("vfinfo-list-attrs", &link::VFINFO_LIST, "IFLA_VF_"),
    set("vfinfo-attrs", &link::VF, "IFLA_VF_"),
    set("vf-stats-attrs", &link::VF_STATS, "IFLA_VF_STATS_"),
    set("vf-vlan-attrs", &link::VF_VLAN_LIST, "IFLA_VF_VLAN_"),
    set("vf-ports-attrs", &link::VF_PORTS, "IFLA_VF_PORT_"),
    set("port-self-attrs", &link::PORT, "IFLA_PORT_"),
    set("linkinfo-attrs", &link::LINKINFO, "IFLA_INFO_"),
    set("linkinfo-bond-attrs", &link::BOND, "IFLA_BOND_"),
    set(
        "bond-ad-info-attrs",
        &link::BOND_AD_INFO,
        "IFLA_BOND_AD_INFO_",
    ),
    set("bond-slave-attrs", &link::BOND_SLAVE, "IFLA_BOND_SLAVE_"),
    set("linkinfo-bridge-attrs", &link::BRIDGE, "IFLA_BR_"),
    set("linkinfo-brport-attrs", &link::BRPORT, "IFLA_BRPORT_"),
    set("linkinfo-geneve-attrs", &link::GENEVE, "IFLA_GENEVE_"),
    set("linkinfo-tun-attrs", &link::TUN, "IFLA_TUN_"),
    set("linkinfo-vlan-attrs", &link::VLAN, "IFLA_VLAN_"),
    set("ifla-vlan-qos", &link::VLAN_QOS, "IFLA_VLAN_QOS_"),
    set("linkinfo-vrf-attrs", &link::VRF, "IFLA_VRF_"),
    set("xdp-attrs", &link::XDP, "IFLA_XDP_"),
    set("ifla-attrs", &link::INET, "IFLA_INET_"),
    set("ifla6-attrs", &link::INET6, "IFLA_INET6_"),
    set("mctp-attrs", &link::MCTP, "IFLA_MCTP_"),
    set("stats-attrs", &link::STATS, "IFLA_STATS_"),
    set(
        "link-offload-xstats",
        &link::OFFLOAD_XSTATS,
        "IFLA_OFFLOAD_XSTATS_",
    ),
    set(
        "hw-s-info-one",
        &link::OFFLOAD_XSTATS_HW_S_INFO,
        "IFLA_OFFLOAD_XSTATS_HW_S_INFO_",
    ),
    set("linkinfo-netkit-attrs", &link::NETKIT, "IFLA_NETKIT_"),
    set("linkinfo-hsr-attrs", &link::HSR, "IFLA_HSR_"),
    set("linkinfo-ovpn-attrs", &link::OVPN, "IFLA_OVPN_"),
    // One codec space for both address families of a tunnel kind (the kernel's uapi has
    // one enum); YNL writes one set for each.
    set("linkinfo-gre-attrs", &link::GRE, "IFLA_GRE_"),
    set("linkinfo-gre6-attrs", &link::GRE, "IFLA_GRE_"),
    set("linkinfo-vti-attrs", &link::VTI, "IFLA_VTI_"),
    set("linkinfo-vti6-attrs", &link::VTI, "IFLA_VTI_"),
    set("linkinfo-iptun-attrs", &link::IPTUN, "IFLA_IPTUN_"),
    set("linkinfo-ip6tnl-attrs", &link::IP6TNL, "IFLA_IPTUN_"),
    // The spec's name-prefix is `dpll-a-`, but the uapi's `enum dpll_a_pin` (linux/dpll.h)
    // spells its `id` DPLL_A_PIN_ID.
    set("link-dpll-pin-attrs", &link::DPLL_PIN, "DPLL_A_PIN_"),
    // rt-addr
    set("addr-attrs", &addr::ADDR, "IFA_"),
    // rt-route
    set("route-attrs", &route::ROUTE, "RTA_"),
    set("metrics", &route::METRICS, "RTAX_"),
    // rt-neigh
    set("neighbour-attrs", &neigh::NEIGH, "NDA_"),
    set("ndt-attrs", &neigh::NEIGHTBL, "NDTA_"),
    set("ndtpa-attrs", &neigh::NEIGHTBL_PARMS, "NDTPA_"),
    // rt-rule
    set("fib-rule-attrs", &rule::RULE, "FRA_"),
];

/// Spec struct definitions that are codec family headers, or why the codec has none yet.
pub(crate) static HEADERS: &[(&str, Result<&HeaderDef, &str>)] = &[
    ("ifinfomsg", Ok(&link::IfInfoMsg::DEF)),
    ("ifaddrmsg", Ok(&addr::IfAddrMsg::DEF)),
    ("rtmsg", Ok(&route::RtMsg::DEF)),
    ("rtgenmsg", Ok(&nsid::RtGenMsg::DEF)),
    ("ndtmsg", Ok(&neigh::NdtMsg::DEF)),
    ("ndmsg", Ok(&neigh::NdMsg::DEF)),
    ("fib-rule-hdr", Ok(&rule::FibRuleHdr::DEF)),
    ("if-stats-msg", Ok(&link::IfStatsMsg::DEF)),
];

/// Spec sub-messages and the codec's (kind, space) tables they correspond to.
pub(crate) static SUB_MESSAGES: &[(&str, &[(&str, Shape)])] = &[
    ("linkinfo-data-msg", link::INFO_DATA_KINDS),
    ("linkinfo-member-data-msg", link::INFO_SLAVE_DATA_KINDS),
];

/// The mapping of a spec set that has a codec space.
pub(crate) fn mapped(set: &str) -> Option<(&'static SetMap, &'static Space)> {
    let m = SETS.iter().find(|m| m.set == set)?;
    Some((m, m.space.ok()?))
}

/// The codec space of a spec set.
pub(crate) fn space_of(set: &str) -> Option<&'static Space> {
    mapped(set).map(|(_, s)| s)
}

/// Why a spec set has no codec space yet, if it is listed as unmapped.
pub(crate) fn unmapped_why(set: &str) -> Option<&'static str> {
    SETS.iter().find(|m| m.set == set)?.space.err()
}

/// The codec header of a spec struct.
pub(crate) fn header_of(name: &str) -> Option<&'static HeaderDef> {
    HEADERS.iter().find(|(h, _)| *h == name)?.1.ok()
}

/// The codec table of a spec sub-message.
pub(crate) fn sub_message_table(name: &str) -> Option<&'static [(&'static str, Shape)]> {
    SUB_MESSAGES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
}

/// The uapi name of a spec attribute: `IFLA_` + `alt-ifname` is `IFLA_ALT_IFNAME`.
pub(crate) fn c_name(prefix: &str, name: &str) -> String {
    format!("{prefix}{}", name.to_uppercase().replace('-', "_"))
}
